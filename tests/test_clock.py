"""A day well before the last one suivi wrote the workbook for — a computer whose clock went
back (a flat BIOS battery, a virtual machine restored from a snapshot), a mistyped --date — is
refused by every writing command instead of rewriting statuses, reminders and indicators as of
that past day; a few days back is done, and said."""

from __future__ import annotations

from production_helpers import TODAY, invoke, small_entity

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
