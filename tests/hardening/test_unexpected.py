"""No unexpected error left: every bad input and every fault of the system ends in a clean
French message (exit 2, or 1 for problems found), never in « erreur inattendue »; a run that
could not finish never damages the workbook, and the next one takes over without duplicates."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import CORPUS_DIR, Folder
from test_limits import rebuild

from suivi.workbook.read import read_master


def _text(demo: Folder) -> None:
    demo.book.write_text("N° facture;Client;Montant\nF1;Dupont;12\n", encoding="utf-8")


def _empty(demo: Folder) -> None:
    demo.book.write_bytes(b"")


def _truncated(demo: Folder) -> None:
    data = demo.book.read_bytes()
    demo.book.write_bytes(data[: len(data) // 2])


def _folder(demo: Folder) -> None:
    demo.book.unlink()
    demo.book.mkdir()


def _drop(part: str):
    def change(demo: Folder) -> None:
        temp = demo.book.with_suffix(".tmp")
        with zipfile.ZipFile(demo.book) as src, zipfile.ZipFile(temp, "w") as out:
            for item in src.infolist():
                if item.filename != part:
                    out.writestr(item, src.read(item.filename))
        temp.replace(demo.book)
    return change


def _broken_xml(demo: Folder) -> None:
    with zipfile.ZipFile(demo.book) as src:
        xml = src.read("xl/worksheets/sheet1.xml")
    rebuild(demo.book, replace={"xl/worksheets/sheet1.xml": xml[: len(xml) // 3]})


def _lying_dimension(demo: Folder) -> None:
    with zipfile.ZipFile(demo.book) as src:
        xml = src.read("xl/worksheets/sheet1.xml").decode()
    import re

    xml = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', xml)
    rebuild(demo.book, replace={"xl/worksheets/sheet1.xml": xml.encode()})


def _headers_only(demo: Folder) -> None:
    demo.edit(lambda book: book["Factures"].delete_rows(2, 500))


def _title_rows_above(demo: Folder) -> None:
    demo.edit(lambda book: book["Factures"].insert_rows(1, 4))


def _formulas_without_values(demo: Folder) -> None:
    def change(book):
        sheet = book["Factures"]
        for row in range(2, 40):
            sheet.cell(row, 7).value = f"=E{row}+F{row}"

    demo.edit(change)


def _strange_cells(demo: Folder) -> None:
    def change(book):
        sheet = book["Factures"]
        values = ["=1/0", "_x0007_bell", "‮evil", "1e308", "-0", "NaN", "∞", "12,5 %", "31/02/2026",
                  "2026-13-45", "00/00/0000", "   ", "💶💶", "=A1"]
        for offset, value in enumerate(values):
            sheet.cell(160, 2 + offset % 10).value = value

    demo.edit(change)


def _sheet_renamed(demo: Folder) -> None:
    demo.edit(lambda book: setattr(book["Factures"], "title", "Feuil1"))


BAD_INPUTS = {
    "text-renamed-xlsx": _text, "empty-file": _empty, "truncated": _truncated,
    "folder-instead-of-file": _folder, "no-workbook-xml": _drop("xl/workbook.xml"),
    "no-rels": _drop("xl/_rels/workbook.xml.rels"), "no-shared-strings": _drop("xl/sharedStrings.xml"),
    "no-styles": _drop("xl/styles.xml"), "no-content-types": _drop("[Content_Types].xml"),
    "no-sheet-part": _drop("xl/worksheets/sheet1.xml"), "broken-sheet-xml": _broken_xml,
    "lying-dimension": _lying_dimension, "headers-only": _headers_only,
    "title-rows-above": _title_rows_above, "formulas-without-values": _formulas_without_values,
    "strange-cells": _strange_cells, "sheet-renamed": _sheet_renamed,
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_workbook_never_gives_an_unexpected_error(demo, name):
    BAD_INPUTS[name](demo)
    for command in ("check", "run", "kpi"):
        outcome = demo.cli(command)
        assert outcome.clean(), (command, outcome)
        assert outcome.code in (0, 1, 2), (command, outcome)


def _corpus_files() -> list[Path]:
    if not CORPUS_DIR.is_dir():
        return []
    return sorted(p for p in CORPUS_DIR.rglob("*") if p.suffix in (".xlsx", ".xlsm"))


@pytest.mark.parametrize("source", _corpus_files(), ids=lambda p: p.name)
def test_real_workbooks_as_master_never_give_an_unexpected_error(demo, source):
    shutil.copy(source, demo.book)
    before = demo.book.read_bytes()
    for command in ("check", "run"):
        outcome = demo.cli(command)
        assert outcome.clean(), (command, outcome)
        assert outcome.code in (0, 1, 2), (command, outcome)
        if outcome.code == 2:
            assert demo.book.read_bytes() == before, "a refused workbook was written"


def test_the_corpus_is_there(corpus):
    assert _corpus_files(), f"no workbook in {corpus}"


# --------------------------------------------------------------------------- the system refuses


@pytest.mark.parametrize("blocked", ["factures", "relances", ".suivi/sauvegardes"])
def test_a_folder_suivi_cannot_create_is_a_clean_refusal(demo, blocked):
    """Permissions do not stop root (CI may run as root): a FILE where the folder should be
    refuses its creation for every user."""
    target = demo.path / blocked
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("pas un dossier")
    before = demo.book.read_bytes()
    outcome = demo.cli("run")
    assert outcome.clean(), outcome
    assert outcome.code in (1, 2), outcome
    assert blocked.split("/")[-1] in outcome.flat, outcome
    read_master(demo.book)  # still a sound workbook
    if outcome.code == 2:
        assert demo.book.read_bytes() == before
    target.unlink()
    again = demo.cli("run")
    assert again.code in (0, 1) and again.clean(), again


def _limited(limit: int):
    def preexec() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return preexec


@pytest.mark.slow
@pytest.mark.parametrize("limit_kb", [8, 40, 60, 120, 400, 2000])
def test_disk_full_at_any_point_ends_cleanly_and_the_next_run_recovers(demo, limit_kb):
    """No file may grow past `limit_kb` (RLIMIT_FSIZE, as a full disk would stop it)."""
    env = {**os.environ, "COLUMNS": "400"}
    argv = [sys.executable, "-m", "suivi", "run", "--config", str(demo.config), "--date",
            "2026-11-25"]
    done = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=demo.path,
                          preexec_fn=_limited(limit_kb * 1024), timeout=600)
    output = done.stdout + done.stderr
    assert "inattendue" not in output and "Traceback" not in output, output
    assert done.returncode in (0, 1, 2), output
    read_master(demo.book)  # never left unreadable
    if done.returncode == 2:
        assert "disque est plein" in output or "Impossible" in output, output
    again = demo.subprocess("run")
    assert again.code in (0, 1) and again.clean(), again
    numbers = [inv.number for inv in read_master(demo.book).invoices if inv.number]
    assert len(numbers) == len(set(numbers))
    series = sorted(int(n[-3:]) for n in numbers if n.startswith("FAC2026-"))
    assert series == list(range(series[0], series[-1] + 1)), "a failed run left a gap"
    assert "Impossible d'écrire «  »" not in output, "the message names the file"


def test_leftover_temporary_files_are_cleaned(demo):
    old = time.time() - 2 * 3600
    leftovers = [demo.path / ".tmp-abc123", demo.path / ".suivi" / ".tmp-x",
                 demo.path / "factures" / "2026" / ".tmp-pdf"]
    fresh = demo.path / ".suivi" / ".tmp-fresh"
    for path in [*leftovers, fresh]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"partial")
    for path in leftovers:
        os.utime(path, (old, old))
    assert demo.cli("run").code in (0, 1)
    assert not any(p.exists() for p in leftovers)
    assert fresh.exists(), "a temporary file in use by another process is left alone"
