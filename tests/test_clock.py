"""A day well before the last one suivi wrote the workbook for — a computer whose clock went
back (a flat BIOS battery, a virtual machine restored from a snapshot), a mistyped --date — is
refused by every writing command instead of rewriting statuses, reminders and indicators as of
that past day; a few days back is done, and said.

The other way, the computer's day (no --date) far after the last run — a clock set forward, or
the first run after a long break, when the payments received meanwhile are not typed yet —
holds back every reminder and the numbering of undated rows, until someone confirms the day."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from production_helpers import TODAY, add_toml, invoke, small_entity
from test_daily import _alpha_messages, overdue_book, seller_config
from test_mail_helpers import Server, smtp_config

from suivi.cli.common import CommonOptions
from suivi.mail.journal import load_state
from suivi.workbook import update_workbook
from suivi.workbook.read import read_master


def _said(result) -> str:
    return " ".join(result.output.split())


def test_a_run_far_before_the_last_written_day_is_refused_and_writes_nothing(tmp_path):
    book = small_entity(tmp_path)
    assert invoke("run", tmp_path, "--date", TODAY).exit_code == 0
    assert (tmp_path / ".suivi" / "dernier_jour.txt").read_text() == "2026-11-25\n"
    before = book.read_bytes()
    for command in ("run", "remind", "invoices", "send", "bank"):
        result = invoke(command, tmp_path, "--date", "2025-11-25")
        assert result.exit_code == 2, (command, result.output)
        said = _said(result)
        assert "le 25/11/2025 est antérieur de plus de 31 jours au 25/11/2026" in said, said
        assert "l'horloge de cet ordinateur est-elle juste" in said and "--dry-run" in said
        assert "dernier_jour.txt" in said
        assert book.read_bytes() == before, command  # nothing written
    # that day can still be looked at, and the workbook read
    assert invoke("run", tmp_path, "--date", "2025-11-25", "--dry-run").exit_code in (0, 1)
    assert invoke("check", tmp_path, "--date", "2025-11-25").exit_code in (0, 1)
    assert book.read_bytes() == before


def test_a_few_days_back_is_done_and_said_and_the_last_day_stays(tmp_path):
    book = small_entity(tmp_path)
    assert invoke("run", tmp_path, "--date", "2026-11-30").exit_code == 0
    result = invoke("run", tmp_path, "--date", TODAY)
    assert result.exit_code == 0, result.output
    assert ("Passage pour le 25/11/2026, antérieur au 30/11/2026 (dernier jour pour lequel suivi "
            "a écrit le classeur)") in _said(result)
    assert read_master(book).invoices[0].status_text == "en retard"
    assert (tmp_path / ".suivi" / "dernier_jour.txt").read_text() == "2026-11-30\n"


def test_the_scheduled_run_of_a_computer_whose_clock_went_back_alerts_with_exit_2(tmp_path):
    """The log beside the workbook says why nothing was done (nobody reads the console)."""
    small_entity(tmp_path)
    assert invoke("run", tmp_path, "--date", TODAY).exit_code == 0
    result = invoke("run", tmp_path, "--date", "2020-01-01", "--quiet")
    assert result.exit_code == 2 and result.stdout == ""
    log = (tmp_path / ".suivi" / "logs" / "suivi.log").read_text(encoding="utf-8")
    assert "le 01/01/2020 est antérieur de plus de 31 jours au 25/11/2026" in " ".join(
        log.split()), log[-2000:]


def test_the_english_wording(tmp_path):
    from suivi.i18n import set_lang

    small_entity(tmp_path)
    assert invoke("run", tmp_path, "--date", TODAY).exit_code == 0
    try:
        result = invoke("run", tmp_path, "--date", "2025-11-25", "--lang", "en")
    finally:
        set_lang("fr")  # --lang stays for the process: the next tests read French
    assert result.exit_code == 2
    assert "comes more than 31 days before" in _said(result), _said(result)


COMPUTER_DAY = date(2027, 1, 12)  # a Tuesday, not a public holiday: messages may go


@pytest.fixture(autouse=True)
def computer_clock(monkeypatch):
    """The computer's clock says COMPUTER_DAY (the day a command takes without --date), so that
    these tests do not depend on the day they run (weekends send nothing)."""
    monkeypatch.setattr(CommonOptions, "day",
                        property(lambda options: options.today or COMPUTER_DAY))


def _last_run(folder: Path, days_ago: int) -> date:
    """The last run, as `.suivi/dernier_jour.txt` remembers it, `days_ago` days before the
    computer's day."""
    day = COMPUTER_DAY - timedelta(days=days_ago)
    (folder / ".suivi").mkdir(exist_ok=True)
    (folder / ".suivi" / "dernier_jour.txt").write_text(day.isoformat() + "\n")
    return day


def _recorded(folder: Path) -> str:
    return (folder / ".suivi" / "dernier_jour.txt").read_text().strip()


def test_the_computers_day_far_after_the_last_run_sends_nothing_until_the_day_is_confirmed(
        tmp_path):
    """Direct sending, a real SMTP server: two overdue invoices (Alpha's is reminded by e-mail).
    The computer says 45 days after the last run: nothing is drafted or sent, the run fails
    (exit 1: a scheduled run alerts the team) saying what to do, and the rest of the job is done.
    The day is not recorded, so the next run holds again; the day typed with --date sends."""
    book = overdue_book(tmp_path)
    today = COMPUTER_DAY
    with Server() as server:
        config = seller_config(tmp_path, smtp=smtp_config(server))
        add_toml(config, '[relances]\nenvoi = "direct"')
        env = {"SUIVI_SMTP_PASSWORD": "x"}
        last = _last_run(tmp_path, 45)
        before = book.read_bytes()
        result = invoke("run", "--config", config, "--dry-run", env=env)
        assert "Relances retenues" in _said(result)  # what the run would do
        assert book.read_bytes() == before and server.received == []
        for extra in ((), ("--json",)):
            result = invoke("run", "--config", config, *extra, env=env)
            assert result.exit_code == 1, result.output
            said = (" ".join(json.loads(result.output)["failures"]) if extra
                    else _said(result))
            assert (f"Relances retenues : l'ordinateur indique le {today:%d/%m/%Y}, 45 jours "
                    f"après le dernier passage ({last:%d/%m/%Y}), plus de 31") in said, said
            assert f"suivi run --date {today.isoformat()}" in said
            assert "saisissez d'abord les paiements reçus entre-temps" in said
            assert said.count("Relances retenues") == 1  # said once, above the day's reminders
            assert server.received == []
            assert load_state(tmp_path).messages == {}  # not even drafted: no step reached
            assert _recorded(tmp_path) == last.isoformat()
        assert read_master(book).invoices[0].status_text == "en retard"  # the rest was done

        result = invoke("run", "--config", config, "--date", today.isoformat(), env=env)
        assert result.exit_code == 0, result.output
        assert len(_alpha_messages(server)) == 1
        assert _recorded(tmp_path) == today.isoformat()
        # the computer's day, now within a month of the last run: as usual
        assert invoke("run", "--config", config, env=env).exit_code == 0
        assert len(_alpha_messages(server)) == 1


def test_a_row_without_a_date_is_not_numbered_on_an_unconfirmed_day(tmp_path):
    """It would take the computer's day as its invoice date, and a number of that year."""
    small_entity(tmp_path)
    book = tmp_path / "suivi_factures.xlsx"
    with update_workbook(book) as changes:
        for column, value in zip("CDEFGH", ["Alpha SARL", "Conseil", 100, 20, 120, "30 jours"]):
            changes.set_cell("Factures", f"{column}4", value)
    today = COMPUTER_DAY
    last = _last_run(tmp_path, 60)
    result = invoke("invoices", tmp_path)
    said = _said(result)
    assert result.exit_code == 1, said
    assert (f"Ligne 4 : sans date de facture, elle prendrait celle de l'ordinateur, le "
            f"{today:%d/%m/%Y}, plus de 60 jours après le dernier passage ({last:%d/%m/%Y}) : "
            "la facture n'est pas numérotée.") in said, said
    assert f"lancez « suivi run --date {today.isoformat()} »" in said
    row = [inv for inv in read_master(book).invoices if inv.row == 4][0]
    assert not row.number and row.issue_date is None
    # --confirmer-dates confirms the computer's day too
    assert invoke("invoices", tmp_path, "--confirmer-dates").exit_code == 0
    row = [inv for inv in read_master(book).invoices if inv.row == 4][0]
    assert row.number and row.issue_date == today
    assert _recorded(tmp_path) == today.isoformat()


def test_a_day_given_with_date_or_a_short_break_is_not_held(tmp_path):
    """--date is a day someone chose (a test, a day caught up); a month off is a holiday."""
    small_entity(tmp_path)
    _last_run(tmp_path, 31)
    result = invoke("remind", tmp_path)
    assert result.exit_code == 0, result.output
    assert "Relances retenues" not in _said(result)
    assert len(load_state(tmp_path).messages) == 1
    _last_run(tmp_path, 400)
    result = invoke("remind", tmp_path, "--date", COMPUTER_DAY.isoformat())
    assert result.exit_code == 0 and "Relances retenues" not in _said(result)


def test_the_hold_in_english(tmp_path):
    from suivi.i18n import set_lang

    small_entity(tmp_path)
    _last_run(tmp_path, 90)
    try:
        result = invoke("remind", tmp_path, "--lang", "en")
    finally:
        set_lang("fr")
    assert result.exit_code == 1
    assert "Reminders held back: the computer says" in _said(result)
    assert "90 days after the last run" in _said(result)
