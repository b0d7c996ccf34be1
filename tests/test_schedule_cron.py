"""`suivi schedule` on Linux and macOS: the crontab line, and adding/removing it in a crontab.

Every test works on a crontab file in tmp_path (python-crontab's tabfile): the real user
crontab is never touched.
"""
from datetime import timedelta
from pathlib import PurePosixPath

import pytest
from crontab import CronTab

from suivi.schedule.cron import CronJob, cron_days, cron_line, install, uninstall
from suivi.schedule.spec import ALL_DAYS, Schedule, TimeOfDay, parse_days

SUIVI = ("/opt/suivi/.venv/bin/suivi",)

COMPTA_LINE = ("0 8 * * 1-5 cd /srv/compta && mkdir -p .suivi/logs && SUIVI_AUTO=1 "
               "/opt/suivi/.venv/bin/suivi run --quiet >> .suivi/logs/cron.log 2>&1 "
               "# suivi: /srv/compta")

OTHER_LINE = ("0 7 * * 1-5 cd /srv/autre && mkdir -p .suivi/logs && SUIVI_AUTO=1 "
              "/opt/suivi/.venv/bin/suivi run --quiet >> .suivi/logs/cron.log 2>&1 "
              "# suivi: /srv/autre")

EXISTING = ("MAILTO=admin@example.fr\n"
            "# Sauvegarde de nuit\n"
            "15 2 * * * /usr/local/bin/sauvegarde.sh\n"
            f"{OTHER_LINE}\n")


def job(folder: str, hour: int, minute: int, days="tous", suivi=SUIVI) -> CronJob:
    schedule = Schedule(TimeOfDay(hour, minute), parse_days(days), PurePosixPath(folder))
    return CronJob(schedule, suivi)


def test_weekdays_line():
    assert cron_line(job("/srv/compta", 8, 0, "lun-ven")) == COMPTA_LINE


def test_a_schedule_that_waits_for_a_busy_workbook_passes_the_wait_to_the_run():
    schedule = Schedule(TimeOfDay(8, 0), parse_days("lun-ven"), PurePosixPath("/srv/compta"),
                        timedelta(minutes=90))
    assert cron_line(CronJob(schedule, SUIVI)) == COMPTA_LINE.replace(
        "SUIVI_AUTO=1 ", "SUIVI_AUTO=1 SUIVI_ATTENDRE=1h30 ")


def test_a_folder_with_spaces_and_accents_and_suivi_run_through_python():
    line = cron_line(job("/home/claire/Compta Été", 18, 30, "tous",
                         ("/home/claire/mes outils/.venv/bin/python", "-m", "suivi")))
    assert line == ("30 18 * * * cd '/home/claire/Compta Été' && mkdir -p .suivi/logs && "
                    "SUIVI_AUTO=1 '/home/claire/mes outils/.venv/bin/python' -m suivi run "
                    "--quiet >> .suivi/logs/cron.log 2>&1 # suivi: /home/claire/Compta Été")


def test_percent_signs_are_escaped_for_cron():
    line = cron_line(job("/srv/remise 10%", 6, 5, "sam-dim"))
    assert line == ("5 6 * * 0,6 cd '/srv/remise 10\\%' && mkdir -p .suivi/logs && SUIVI_AUTO=1 "
                    "/opt/suivi/.venv/bin/suivi run --quiet >> .suivi/logs/cron.log 2>&1 "
                    "# suivi: /srv/remise 10%")


@pytest.mark.parametrize(("typed", "field"), [
    ("tous", "*"), ("lun-ven", "1-5"), ("lun,mer,ven", "1,3,5"), ("sam-dim", "0,6"),
    ("dim", "0"), ("ven-lun", "0,1,5,6"), ("dim-mar", "0-2"), ("mar-sam", "2-6"),
    ("lun-mer,ven-dim", "0-3,5,6"),
])
def test_day_of_week_field(typed, field):
    assert cron_days(parse_days(typed)) == field
    assert cron_days(ALL_DAYS) == "*"


def test_add_replace_and_remove_in_a_crontab_file(tmp_path):
    tab = tmp_path / "crontab"
    tab.write_text(EXISTING, encoding="utf-8")
    folder = PurePosixPath("/srv/compta")

    assert install(job("/srv/compta", 8, 0, "lun-ven"), CronTab(tabfile=str(tab))) == 0
    assert tab.read_text(encoding="utf-8") == EXISTING + COMPTA_LINE + "\n"

    # scheduling the same folder again replaces its line, and only it
    assert install(job("/srv/compta", 9, 15), CronTab(tabfile=str(tab))) == 1
    assert tab.read_text(encoding="utf-8") == EXISTING + (
        "15 9 * * * cd /srv/compta && mkdir -p .suivi/logs && SUIVI_AUTO=1 "
        "/opt/suivi/.venv/bin/suivi run --quiet >> .suivi/logs/cron.log 2>&1 "
        "# suivi: /srv/compta\n")

    # removing leaves the other programs' lines and the other folder's line as they were
    assert uninstall(folder, CronTab(tabfile=str(tab))) == 1
    assert tab.read_text(encoding="utf-8") == EXISTING
    assert uninstall(folder, CronTab(tabfile=str(tab))) == 0
    assert tab.read_text(encoding="utf-8") == EXISTING


def test_a_subfolder_is_another_entity(tmp_path):
    tab = tmp_path / "crontab"
    tab.write_text(EXISTING, encoding="utf-8")
    install(job("/srv/autre/filiale", 8, 0), CronTab(tabfile=str(tab)))
    assert uninstall(PurePosixPath("/srv/autre"), CronTab(tabfile=str(tab))) == 1
    assert tab.read_text(encoding="utf-8") == EXISTING.replace(f"{OTHER_LINE}\n", "") + (
        "0 8 * * * cd /srv/autre/filiale && mkdir -p .suivi/logs && SUIVI_AUTO=1 "
        "/opt/suivi/.venv/bin/suivi run --quiet >> .suivi/logs/cron.log 2>&1 "
        "# suivi: /srv/autre/filiale\n")


def test_a_folder_with_a_percent_sign_round_trips(tmp_path):
    tab = tmp_path / "crontab"
    tab.write_text("", encoding="utf-8")
    install(job("/srv/remise 10%", 6, 5), CronTab(tabfile=str(tab)))
    assert tab.read_text(encoding="utf-8") == (
        "5 6 * * * cd '/srv/remise 10\\%' && mkdir -p .suivi/logs && SUIVI_AUTO=1 "
        "/opt/suivi/.venv/bin/suivi run --quiet >> .suivi/logs/cron.log 2>&1 "
        "# suivi: /srv/remise 10%\n")
    assert uninstall(PurePosixPath("/srv/remise 10%"), CronTab(tabfile=str(tab))) == 1
    assert tab.read_text(encoding="utf-8") == ""
