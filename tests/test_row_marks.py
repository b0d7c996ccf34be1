"""Rows marked paid by their look alone: struck through, or filled green, nothing typed. suivi
read them unpaid and reminded the client for money received; such an overdue row is now an
error at its cell that holds its reminder, until the team types what the look says."""

from __future__ import annotations

import email
import email.policy
import email.utils
import json
import zipfile
from datetime import date

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.colors import Color

from suivi.cli import cli
from suivi.workbook.read.row_marks import (
    GREEN,
    STRUCK,
    is_green,
    marked_styles,
    row_marks,
    striped,
)

TODAY = "2026-12-01"

LOOKS = {
    "green": PatternFill("solid", fgColor="FFC6EFCE"),   # Excel's « Bon »
    "strike": Font(strike=True),
    "yellow": PatternFill("solid", fgColor="FFFFFF00"),  # « à surveiller »: not a mark of paid
    "theme green": PatternFill("solid", fgColor=Color(theme=6, tint=0.4)),  # accent 3
    "palette green": PatternFill("solid", fgColor=Color(indexed=42)),       # CCFFCC
    "plain": None,
}


def marked_book(path, paid=None):
    """Six late invoices (F1…F6), one per look of `LOOKS`; `paid`: amounts typed as paid."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Factures"
    ws.append(["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé", "Email"])
    for cell in ws[1]:
        cell.fill = PatternFill("solid", fgColor="FF70AD47")  # a green header is no invoice
    for i, style in enumerate(LOOKS.values()):
        client = f"Client{i + 1}"
        ws.append([f"F{i + 1}", client, date(2026, 8, 1 + i), 100 * (i + 1),
                   (paid or {}).get(f"F{i + 1}", 0), f"compta@{client.lower()}.example"])
        for cell in ws[ws.max_row]:
            if isinstance(style, Font):
                cell.font = style
            elif style is not None:
                cell.fill = style
    wb.save(path)
    return path


def drafted(folder):
    found = []
    for eml in sorted((folder / "relances").rglob("*.eml")):
        message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
        found.append(email.utils.parseaddr(message["To"])[1])
    return sorted(found)


@pytest.fixture
def in_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(("rgb", "green"), [
    ("C6EFCE", True), ("92D050", True), ("00B050", True), ("E2EFDA", True), ("9BBB59", True),
    ("EBF1DE", True), ("EEECE1", False), ("FFF2CC", False), ("DDEBF7", False),
    ("FFFF00", False), ("00B0F0", False), ("FFC7CE", False), ("D9D9D9", False),
    ("FFFFFF", False), ("000000", False), ("4472C4", False), ("", False), ("ZZZZZZ", False)])
def test_what_reads_as_green(rgb, green):
    assert is_green(rgb) is green


def test_the_formats_that_strike_or_fill_green_are_found_in_the_styles(tmp_path):
    book = marked_book(tmp_path / "t.xlsx")
    with zipfile.ZipFile(book) as package:
        kinds = sorted(marked_styles(package).values())
    # struck (the text and the date cells have their own formats), and the greens: the
    # header's, Excel's « Bon », the theme's and the palette's; not the yellow
    assert set(kinds) == {STRUCK, GREEN} and kinds.count(GREEN) >= 4
    # the header's row (1) is the header's: the step only looks at invoice rows
    assert row_marks(book, "Factures", {"A", "B"}) == {
        1: GREEN, 2: GREEN, 3: STRUCK, 5: GREEN, 6: GREEN}
    assert row_marks(book, "Factures", {"F"}) == {1: GREEN, 2: GREEN, 3: STRUCK, 5: GREEN,
                                                  6: GREEN}  # the e-mail column too
    assert row_marks(book, "Factures", {"G"}) == {}  # no cell there
    assert row_marks(book, "Autre", {"A"}) == {}


def test_a_late_row_struck_or_filled_green_is_not_reminded_and_named_at_its_cell(in_folder):
    book = marked_book(in_folder / "suivi.xlsx")
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", TODAY, "--json"])
    marked = {i["cell"]: i["message"] for i in json.loads(checked.output)["issues"]
              if i["code"] == "ligne_marquee"}
    assert sorted(marked) == ["Factures!A2", "Factures!A3", "Factures!A5", "Factures!A6"]
    assert marked["Factures!A3"].startswith("Facture F2 : sa ligne est barrée dans la feuille")
    assert "sur fond vert" in marked["Factures!A2"] and "100,00" in marked["Factures!A2"]
    result = CliRunner().invoke(cli, ["run", str(book), "--date", TODAY],
                                catch_exceptions=False)
    assert result.exit_code == 1, result.output  # errors: a scheduled run alerts the team
    assert drafted(in_folder) == ["compta@client3.example", "compta@client6.example"]
    assert 'mettez couleurs = "ignorer" dans la section [classeur]' in \
        " ".join(result.output.split())


def test_a_marked_row_whose_payment_is_typed_is_simply_paid(in_folder):
    book = marked_book(in_folder / "suivi.xlsx", paid={"F1": 100, "F2": 200, "F4": 400,
                                                       "F5": 500})
    result = CliRunner().invoke(cli, ["run", str(book), "--date", TODAY],
                                catch_exceptions=False)
    assert "ligne_marquee" not in result.output and "fond vert" not in result.output
    assert drafted(in_folder) == ["compta@client3.example", "compta@client6.example"]


def test_a_team_whose_colours_mean_something_else_turns_it_off(in_folder):
    marked_book(in_folder / "suivi.xlsx")
    (in_folder / "suivi.toml").write_text('[classeur]\nfichier = "suivi.xlsx"\n'
                                          'couleurs = "ignorer"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", "--date", TODAY], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert len(drafted(in_folder)) == 6
    (in_folder / "suivi.toml").write_text('[classeur]\nfichier = "suivi.xlsx"\n'
                                          'couleurs = "parfois"\n', encoding="utf-8")
    refused = CliRunner().invoke(cli, ["check", "--date", TODAY])
    assert refused.exit_code == 2 and "couleurs" in refused.output


def test_the_marks_of_a_workbook_saved_by_libreoffice_are_read_the_same(soffice, tmp_path):
    """LibreOffice writes its own styles part (its fills, fonts and theme): the same rows are
    marked once it has saved the workbook."""
    book = marked_book(tmp_path / "t.xlsx")
    (saved,) = soffice.convert(book, "xlsx", tmp_path / "lo")
    assert row_marks(saved, "Factures", {"A", "B"}) == \
        row_marks(book, "Factures", {"A", "B"}) == {
            1: GREEN, 2: GREEN, 3: STRUCK, 5: GREEN, 6: GREEN}


def test_a_cell_whose_format_comes_before_its_reference_is_read(tmp_path):
    """Writers put the attributes of a cell in any order (`<c s="3" r="A2">`)."""
    import re

    book = marked_book(tmp_path / "t.xlsx")
    swapped = tmp_path / "swapped.xlsx"
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(swapped, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, count = re.subn(rb'<c r="([A-Z]+[0-9]+)" s="([0-9]+)"',
                                      rb'<c s="\2" r="\1"', data)
                assert count > 0
            target.writestr(item, data)
    assert row_marks(swapped, "Factures", {"A"}) == {
        1: GREEN, 2: GREEN, 3: STRUCK, 5: GREEN, 6: GREEN}


def test_rows_banded_green_by_hand_are_a_decoration_not_a_mark(in_folder):
    """Every other row filled light green (banding typed by hand): the colour follows the row
    numbers, not the payments; no invoice is held for it. A row struck through among them
    still is."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Factures"
    ws.append(["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé", "Email"])
    for i in range(12):
        client = f"Client{i + 1}"
        ws.append([f"F{i + 1}", client, date(2026, 8, 1 + i), 100, 0,
                   f"compta@{client.lower()}.example"])
        for cell in ws[ws.max_row]:
            if i % 2:
                cell.fill = PatternFill("solid", fgColor="FFE2EFDA")
            if i == 4:
                cell.font = Font(strike=True)
    wb.save(in_folder / "suivi.xlsx")
    checked = CliRunner().invoke(cli, ["check", "suivi.xlsx", "--date", TODAY, "--json"])
    assert [i["cell"] for i in json.loads(checked.output)["issues"]
            if i["code"] == "ligne_marquee"] == ["Factures!A6"]


def test_what_reads_as_banding():
    rows = range(2, 22)
    assert striped({r: GREEN for r in rows if r % 2}, GREEN, rows)
    assert not striped(dict.fromkeys((2, 3, 5, 8, 9, 12, 15, 16), GREEN), GREEN, rows)
    assert not striped(dict.fromkeys((3, 5), GREEN), GREEN, rows)  # too few to tell
    assert not striped(dict.fromkeys(rows, GREEN), GREEN, rows)  # all green: not banding
