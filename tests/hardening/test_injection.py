"""Injection: every CSV suivi writes neutralises cells a spreadsheet would run as a formula
(OWASP's CSV-injection rule), through one helper; names with HTML, CR/LF or jinja2 syntax stay
text in drafts."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from suivi.fileio import csv_cell, write_csv

ATTACKS = [
    '=HYPERLINK("http://evil.example","x")',
    "+33 4 72 00 00 00",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("value", ATTACKS)
def test_formula_starts_are_neutralised(value):
    cell = csv_cell(value)
    assert cell.startswith("'") and cell[1:] == value


@pytest.mark.parametrize("value", ["-38,40 €", "-1 174,80 €", "12,5 %", "-3", "Dupont", ""])
def test_plain_values_are_left_alone(value):
    assert csv_cell(value) == value


def test_written_file_holds_no_live_formula(tmp_path):
    path = tmp_path / "export.csv"
    write_csv(path, ["Client", "Montant"], [[a, "-38,40 €"] for a in ATTACKS])
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    for row in rows[1:]:
        assert row[0].startswith("'")
        assert row[1] == "-38,40 €"


def _rename_client(demo, old: str, new: str) -> None:
    def change(book):
        for sheet in (book["Clients"], book["Factures"]):
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.value == old:
                        cell.value = new
                        cell.data_type = "s"  # text that looks like a formula, not a formula

    demo.edit(change)


def test_review_list_of_real_drafts_is_neutralised(demo):
    evil = ATTACKS[0]
    _rename_client(demo, "Jeanne Dupont", evil)
    outcome = demo.cli("remind")
    assert outcome.code in (0, 1), outcome
    review = next((demo.path / "relances").rglob("brouillons.csv"))
    rows = list(csv.reader(review.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert any(row[1] == "'" + evil for row in rows[1:]), rows
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
            assert not re.match(r"-[^\d]", cell), cell


def test_every_csv_goes_through_the_one_helper():
    root = Path(__file__).resolve().parents[2] / "suivi"
    writers = [p.relative_to(root).as_posix() for p in root.rglob("*.py")
               if re.search(r"csv\.(writer|DictWriter)\(", p.read_text(encoding="utf-8"))]
    assert writers == ["fileio.py"], writers
