"""An « Avoir » column on the invoice rows: the amount of the credit note made for the invoice,
or its number. suivi read nothing of it, and reminded the invoice for its whole total: 1 000 €
claimed from a client credited 200 €, or 500 € from one credited all of it."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D

import openpyxl
from click.testing import CliRunner
from test_team_trackers import book_of, run

from suivi.cli import cli
from suivi.messages import text
from suivi.workbook.read import read_master

HEADER = ["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé", "Avoir",
          "Email"]
ROWS = [
    ["F1", "Alpha", date(2026, 8, 1), 1000, 0, 200, "a@alpha.example"],
    ["F2", "Beta", date(2026, 8, 2), 500, 0, -500, "b@beta.example"],     # credited in full
    ["F3", "Gamma", date(2026, 8, 3), 700, 0, "AV-2026-003", "c@gamma.example"],
    ["F4", "Delta", date(2026, 8, 4), 700, 0, "AV-2026-004", "d@delta.example"],
    ["AV-2026-004", "Delta", date(2026, 8, 20), -700, 0, None, "d@delta.example"],
    ["F5", "Echo", date(2026, 8, 5), 300, 0, None, "e@echo.example"],
]


def test_what_a_credit_note_took_off_is_not_claimed(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [HEADER, *ROWS]})
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", "2026-12-01", "--json"])
    issues = {i["code"]: i for i in json.loads(checked.output)["issues"]}
    assert issues["avoir_colonne"]["cell"] == "Factures!F1"
    # F3 names a credit note the sheet does not hold: how much it owes is not known
    assert issues["avoir_sans_montant"]["cell"] == "Factures!F4"
    assert issues["avoir_sans_montant"]["severity"] == "error"
    assert "« AV-2026-003 »" in issues["avoir_sans_montant"]["message"]
    # F4 names AV-2026-004, whose row names no invoice: the two are linked, F4 is settled
    assert "credit_note.unallocated" not in issues
    result, drafts = run(in_folder, book)
    out = " ".join(result.output.split())
    assert sorted(drafts) == ["a@alpha.example", "e@echo.example"], out
    assert "Alpha – Relance 1 – F1 – 800,00 €" in out
    rows = list(openpyxl.load_workbook(book)["Factures"].iter_rows(values_only=True))
    assert [r[5] for r in rows[1:]] == [200, -500, "AV-2026-003", "AV-2026-004", None, None]


def test_the_amounts_read(tmp_path):
    master = read_master(book_of(tmp_path / "t.xlsx", {"Factures": [HEADER, *ROWS]}))
    assert [i.balance for i in master.invoices] == [D(800), D(0), D(700), D(700), D(-700),
                                                    D(300)]
    assert master.invoices[4].original_number == "F4"
    [said] = [i for i in master.issues if i.code == "avoir_sans_montant"]
    assert "Invoice F3: a credit note is noted on its row ('AV-2026-003')" in text(said, "en")


def test_a_date_of_credit_note_is_not_an_amount(tmp_path):
    """« Date avoir » holds days: not what a credit note took off (a guard: the old code
    read nothing of it either)."""
    header = [*HEADER[:5], "Date avoir", HEADER[6]]
    rows = [["F1", "Alpha", date(2026, 8, 1), 1000, 0, date(2026, 9, 1), "a@alpha.example"]]
    master = read_master(book_of(tmp_path / "t.xlsx", {"Factures": [header, *rows]}))
    assert master.invoices[0].balance == D(1000)
    assert not [i for i in master.issues if i.code.startswith("avoir_")]


def test_a_credit_note_typed_on_the_row_and_on_its_own_row_is_taken_off_once(in_folder):
    """F1 was credited 200 €, typed both in its « Avoir » cell and as the credit note's own
    row (« Facture d'origine » F1): suivi took 400 € off and claimed 600 €. G1 was credited
    twice, 200 € in its cell and 100 € on a row: the larger is kept, 800 € claimed."""
    header = [*HEADER, "Facture d'origine"]
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        header,
        ["F1", "Alpha", date(2026, 8, 1), 1000, 0, 200, "a@alpha.example", None],
        ["AV-2026-001", "Alpha", date(2026, 8, 20), -200, 0, None, "a@alpha.example", "F1"],
        ["G1", "Beta", date(2026, 8, 2), 1000, 0, 200, "b@beta.example", None],
        ["AV-2026-002", "Beta", date(2026, 8, 21), -100, 0, None, "b@beta.example", "G1"],
    ]})
    master = read_master(book)
    # the credit note rows credit 200 € and 100 €: the cells add only what the rows do not
    assert [i.amount_paid for i in master.invoices if i.number in ("F1", "G1")] == [D(0), D(100)]
    once = [i for i in master.issues if i.code == "avoir_deja_en_ligne"]
    assert [str(i.where) for i in once] == ["Factures!F2", "Factures!F4"]
    assert "Facture F1 : l'avoir de 200,00\u00a0€ noté sur sa ligne est aussi une ligne d'avoir" \
        in text(once[0], "fr")
    result, drafts = run(in_folder, book)
    out = " ".join(result.output.split())
    assert "Alpha – Relance 1 – F1 – 800,00 €" in out, out
    assert "Beta – Relance 1 – G1 – 800,00 €" in out, out
