"""`suivi run --attendre DURÉE` (or SUIVI_ATTENDRE, which `suivi schedule --attendre` sets for
the scheduled task): a workbook open in Excel at the scheduled hour is tried again every
minute (every tenth of a short wait) until it is closed or the wait is over, instead of losing
the day. Each try is in the log beside the workbook; a busy try writes nothing."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from production_helpers import TODAY, invoke, open_in_excel, small_entity

from suivi.workbook.read import read_master


def close_later(book: Path, seconds: float) -> threading.Timer:
    """Marie closes the workbook in `seconds` (Excel removes its owner file)."""
    timer = threading.Timer(seconds, (book.parent / f"~${book.name}").unlink)
    timer.start()
    return timer


def statuses(book: Path) -> list[str | None]:
    return [i.status_text for i in read_master(book).invoices]


def log_of(book: Path) -> str:
    return (book.parent / ".suivi" / "logs" / "suivi.log").read_text(encoding="utf-8")


def test_a_busy_workbook_is_tried_again_and_done_once_it_is_closed(tmp_path):
    book = small_entity(tmp_path / "Compta")
    open_in_excel(book)
    timer = close_later(book, 1.5)
    started = time.monotonic()
    result = invoke("run", book.parent, "--date", TODAY, "--attendre", "20s", "--quiet")
    timer.join()
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started < 15  # done at the first try after closing
    assert statuses(book) == ["en retard", "réglée"]
    log = log_of(book)
    assert log.count("début de « suivi run »") == 2
    assert "Marie Dubois" in log
    assert "classeur occupé : suivi réessaie toutes les 2 s jusqu'à" in log
    assert "nouvel essai n° 2 : le classeur était occupé" in log
    assert "fin : code 0 (tout va bien)" in log.rstrip().splitlines()[-1]
    assert result.stdout == "" and result.stderr == ""  # --quiet: nothing to say in the end


def test_still_busy_at_the_end_of_the_wait_gives_up_with_3_and_writes_nothing(tmp_path):
    book = small_entity(tmp_path / "Compta")
    open_in_excel(book)
    before = book.read_bytes()
    result = invoke("run", book.parent, "--date", TODAY, "--attendre", "3s")
    assert result.exit_code == 3
    assert book.read_bytes() == before
    log = log_of(book)
    assert log.count("début de « suivi run »") >= 3  # tries every second for 3 s
    assert ("toujours occupé après 3s d'attente : rien n'a été fait aujourd'hui ; fermez le "
            "classeur et relancez suivi") in log
    assert "Classeur occupé (Compta) : nouvel essai à " in result.stdout
    assert "Marie Dubois" in result.output


def test_only_the_busy_entities_are_tried_again(tmp_path):
    parent = tmp_path / "Entités"
    alpha = small_entity(parent / "Alpha")
    delta = small_entity(parent / "Delta")
    open_in_excel(delta)
    timer = close_later(delta, 1.5)
    result = invoke("run", parent, "--date", TODAY, "--attendre", "20s")
    timer.join()
    assert result.exit_code == 0, result.output
    assert log_of(alpha).count("début de « suivi run »") == 1
    assert log_of(delta).count("début de « suivi run »") == 2
    assert statuses(alpha) == statuses(delta) == ["en retard", "réglée"]
    summary = result.stdout[result.stdout.index("Résumé (2 entités)"):]
    codes = {line.split("│")[1].strip(): line.split("│")[2].strip()
             for line in summary.splitlines()
             if line.startswith("│") and line.split("│")[1].strip()}
    assert codes == {"Alpha": "0", "Delta": "0"}
    assert "Classeur occupé (Delta) : nouvel essai à " in result.stdout


def test_the_scheduled_task_gives_the_wait_through_suivi_attendre(tmp_path):
    book = small_entity(tmp_path / "Compta")
    open_in_excel(book)
    result = invoke("run", book.parent, "--date", TODAY, "--quiet",
                    env={"SUIVI_ATTENDRE": "2s"})
    assert result.exit_code == 3
    assert log_of(book).count("début de « suivi run »") >= 2


def test_without_attendre_a_busy_workbook_is_tried_once(tmp_path):
    book = small_entity(tmp_path / "Compta")
    open_in_excel(book)
    result = invoke("run", book.parent, "--date", TODAY, "--quiet")
    assert result.exit_code == 3
    assert log_of(book).count("début de « suivi run »") == 1
    assert "réessaie" not in log_of(book)


@pytest.mark.parametrize("value", ["5h", "demain"])
def test_an_impossible_wait_is_refused_before_anything_runs(tmp_path, value):
    book = small_entity(tmp_path / "Compta")
    result = invoke("run", book.parent, "--date", TODAY, "--attendre", value)
    assert result.exit_code == 2
    assert (f"--attendre « {value} » : indiquez une durée d'au plus 3 heures, par exemple 2h, "
            f"1h30, 45min ou 0 (ne pas attendre).") in result.output
    assert not (book.parent / ".suivi").exists()


def test_a_run_of_another_process_holding_the_workbook_is_waited_for_too(tmp_path):
    """Another suivi run (here a process holding suivi's lock for 2 s) is a busy workbook as
    well: with attente_verrou = 0 the first try gives up at once, the second one runs."""
    book = small_entity(tmp_path / "Compta", toml="attente_verrou = 0\n")  # in [classeur]
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\n"
         "from suivi.workbook.locks import hold_lock\n"
         "with hold_lock(sys.argv[1], 5):\n"
         "    print('held', flush=True)\n"
         "    time.sleep(2)\n", str(book)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        result = invoke("run", book.parent, "--date", TODAY, "--attendre", "20s", "--quiet")
    finally:
        holder.wait(timeout=30)
    assert result.exit_code == 0, result.output
    assert statuses(book) == ["en retard", "réglée"]
    log = log_of(book)
    assert "Une autre exécution de suivi utilise déjà le classeur" in log
    assert "nouvel essai n° 2 : le classeur était occupé" in log
