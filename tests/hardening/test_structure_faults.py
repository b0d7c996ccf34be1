"""Workbook structure: a missing sheet, column or part stops every writing command before
anything is numbered, rendered, sent or written, with exit 2 and the message `check` gives."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

WRITING = [("run",), ("invoices",), ("remind",)]


def _assert_refused_untouched(demo, before, outcome, *words):
    assert outcome.code == 2, outcome
    assert outcome.clean(), outcome
    for word in words:
        assert outcome.says(word), (word, outcome.output)
    assert demo.snapshot() == before, "a refused run must write nothing"
    assert not demo.numbers.exists()
    assert demo.pdfs() == []


@pytest.mark.parametrize("command", WRITING)
def test_missing_invoice_sheet_stops_every_writing_command(demo, command):
    demo.edit(lambda book: book.remove(book["Factures"]))
    before = demo.snapshot()
    check = demo.cli("check")
    assert check.code == 2, check
    assert "Factures" in check.output
    outcome = demo.cli(*command)
    _assert_refused_untouched(demo, before, outcome, "Factures")


@pytest.mark.parametrize("command", WRITING)
def test_missing_clients_sheet_stops_every_writing_command(demo, command):
    demo.edit(lambda book: book.remove(book["Clients"]))
    before = demo.snapshot()
    check = demo.cli("check")
    assert check.code == 2, check
    assert "Clients" in check.output
    _assert_refused_untouched(demo, before, demo.cli(*command), "Clients")


def test_missing_required_column_names_it_and_stops_run(demo):
    demo.edit(lambda book: book["Factures"].delete_cols(3))  # Client
    before = demo.snapshot()
    check = demo.cli("check")
    assert check.code == 2 and "Client" in check.output, check
    _assert_refused_untouched(demo, before, demo.cli("run"), "Client")


def test_paid_column_deleted_since_last_run_is_blocking_then_accepted(demo):
    """Without « Montant réglé » every paid invoice would look unpaid and be dunned."""
    first = demo.cli("run")
    assert first.code in (0, 1), first
    assert (demo.path / ".suivi" / "structure.json").is_file()
    demo.edit(lambda book: book["Factures"].delete_cols(10))  # Montant réglé
    before = demo.snapshot()
    check = demo.cli("check")
    assert check.code == 2 and "Montant réglé" in check.output, check
    outcome = demo.cli("run")
    assert outcome.code == 2 and "--accepter-structure" in outcome.output, outcome
    assert demo.snapshot() == before
    accepted = demo.cli("run", "--accepter-structure", "--dry-run")
    assert accepted.code in (0, 1), accepted


def test_json_output_of_a_refused_run_says_blocking(demo):
    demo.edit(lambda book: book.remove(book["Factures"]))
    outcome = demo.cli("run", "--json")
    assert outcome.code == 2, outcome
    assert "Factures" in outcome.output


def _rewrite_zip(path: Path, drop: str | None = None, replace: dict[str, bytes] | None = None):
    temp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            if item.filename == drop:
                continue
            data = (replace or {}).get(item.filename, src.read(item.filename))
            out.writestr(item, data)
    shutil.move(temp, path)


def test_missing_sheet_part_is_a_clean_refusal(demo):
    _rewrite_zip(demo.book, drop="xl/worksheets/sheet1.xml")
    before = demo.snapshot()
    for command in ("check", "run"):
        outcome = demo.cli(command)
        assert outcome.code == 2, outcome
        assert outcome.clean(), outcome
    assert demo.snapshot() == before


def test_entity_declared_inside_a_worksheet_is_refused_cleanly(demo):
    with zipfile.ZipFile(demo.book) as src:
        xml = src.read("xl/worksheets/sheet1.xml")
    evil = xml.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>', 1)
    _rewrite_zip(demo.book, replace={"xl/worksheets/sheet1.xml": evil})
    before = demo.snapshot()
    for command in ("check", "run"):
        outcome = demo.cli(command)
        assert outcome.code == 2, outcome
        assert outcome.clean(), outcome
    assert demo.snapshot() == before


def test_old_xls_renamed_xlsx_is_not_called_password_protected(demo, soffice, tmp_path):
    # A real .xls written by LibreOffice (an OLE2 file, like an encrypted .xlsx), renamed .xlsx.
    [xls] = soffice.convert(demo.book, "xls", tmp_path / "xls")
    shutil.copy(xls, demo.book)
    before = demo.snapshot()
    for command in ("check", "run"):
        outcome = demo.cli(command)
        assert outcome.code == 2, outcome
        assert outcome.clean(), outcome
        assert "mot de passe" not in outcome.output
        assert ".xls" in outcome.output
    assert demo.snapshot() == before


def test_sheet_deleted_since_last_run_is_blocking(demo):
    first = demo.cli("run")
    assert first.code in (0, 1), first
    demo.edit(lambda book: book.remove(book["Paiements"]))
    before = demo.snapshot()
    outcome = demo.cli("run")
    assert outcome.code == 2, outcome
    assert "Paiements" in outcome.output
    assert demo.snapshot() == before


def test_check_json_lists_blocking_issue(demo):
    demo.edit(lambda book: book.remove(book["Factures"]))
    outcome = demo.cli("check", "--json")
    assert outcome.code == 2
    data = json.loads(outcome.output)
    assert data
