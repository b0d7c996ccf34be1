"""`suivi schedule`: what users type for the hour, the days and the wait for a busy workbook."""
from datetime import date, datetime, timedelta

import pytest

from suivi.i18n import set_lang
from suivi.schedule.spec import (
    ScheduleError,
    TimeOfDay,
    first_day,
    parse_days,
    parse_time,
    parse_wait,
    wait_text,
)

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


@pytest.mark.parametrize(("typed", "hour", "minute"), [
    ("08:00", 8, 0),
    ("8:00", 8, 0),
    ("8h", 8, 0),
    ("8h30", 8, 30),
    ("20H15", 20, 15),
    (" 07:05 ", 7, 5),
    ("0:00", 0, 0),
    ("23:59", 23, 59),
    ("6", 6, 0),
])
def test_hours_people_write(typed, hour, minute):
    assert parse_time(typed) == TimeOfDay(hour, minute)


@pytest.mark.parametrize("typed", ["24:00", "8:60", "8:5", "huit heures", "", "08:00:00",
                                   "-1:00", "8.30"])
def test_impossible_hours_are_refused_naming_the_option(typed):
    set_lang("fr")
    with pytest.raises(ScheduleError) as caught:
        parse_time(typed)
    assert str(caught.value) == (f"--heure « {typed} » : indiquez une heure entre 00:00 et "
                                 f"23:59, par exemple 08:00 ou 8h30.")


@pytest.mark.parametrize(("typed", "days"), [
    ("lun-ven", {MON, TUE, WED, THU, FRI}),
    ("lun,mer,ven", {MON, WED, FRI}),
    ("sam-dim", {SAT, SUN}),
    ("ven-lun", {FRI, SAT, SUN, MON}),
    ("mon-fri", {MON, TUE, WED, THU, FRI}),
    ("Lundi-Vendredi", {MON, TUE, WED, THU, FRI}),
    ("mercredi", {WED}),
    ("lun-mer, ven", {MON, TUE, WED, FRI}),
    ("tous", set(range(7))),
    ("all", set(range(7))),
    (None, set(range(7))),
    ("Sun,Sat", {SAT, SUN}),
])
def test_days_people_write(typed, days):
    assert parse_days(typed) == frozenset(days)


def test_an_unknown_day_is_refused_naming_it():
    set_lang("fr")
    with pytest.raises(ScheduleError) as caught:
        parse_days("lun-ven,samdi")
    assert str(caught.value) == (
        "--jours « lun-ven,samdi » : « samdi » n'est pas un jour. Écrivez par exemple "
        "lun-ven, lun,mer,ven, sam-dim ou tous (en anglais : mon-fri).")


def test_an_empty_item_is_refused():
    with pytest.raises(ScheduleError):
        parse_days("lun,,ven")


def test_the_first_run_is_never_in_the_past():
    eight = TimeOfDay(8, 0)
    assert first_day(datetime(2026, 11, 25, 7, 59), eight) == date(2026, 11, 25)
    assert first_day(datetime(2026, 11, 25, 8, 0), eight) == date(2026, 11, 26)
    assert first_day(datetime(2026, 12, 31, 23, 0), eight) == date(2027, 1, 1)


def test_the_schedule_catalogue_speaks_both_languages_with_the_same_placeholders():
    import string

    from suivi.messages.catalog import schedule

    assert schedule.FR.keys() == schedule.EN.keys()
    for key, french in schedule.FR.items():
        fields = {f for _, f, _, _ in string.Formatter().parse(french) if f}
        assert fields == {f for _, f, _, _ in string.Formatter().parse(schedule.EN[key]) if f}, key


@pytest.mark.parametrize(("typed", "minutes", "written"), [
    ("2h", 120, "2h"),
    ("1h30", 90, "1h30"),
    ("90min", 90, "1h30"),
    ("45", 45, "45min"),
    ("90 mn", 90, "1h30"),
    ("1 heure", 60, "1h"),
    ("2H30", 150, "2h30"),
    ("3h", 180, "3h"),
    ("0", 0, "0min"),
])
def test_waits_people_write(typed, minutes, written):
    wait = parse_wait(typed)
    assert wait == timedelta(minutes=minutes)
    assert wait_text(wait) == written
    assert parse_wait(written) == wait  # what the task passes on reads back the same


def test_a_wait_in_seconds_reads_back():
    assert parse_wait("30s") == timedelta(seconds=30)
    assert wait_text(timedelta(seconds=90)) == "90s"
    assert parse_wait("90s") == timedelta(seconds=90)


@pytest.mark.parametrize("typed", ["", "h", "4h", "181", "2j", "-5", "1h30s", "demain"])
def test_impossible_waits_are_refused_naming_the_option(typed):
    set_lang("fr")
    with pytest.raises(ScheduleError) as caught:
        parse_wait(typed)
    assert str(caught.value) == (f"--attendre « {typed} » : indiquez une durée d'au plus 3 "
                                 f"heures, par exemple 2h, 1h30, 45min ou 0 (ne pas attendre).")
