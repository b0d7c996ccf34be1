"""A « Non payé » (« Impayé ») column where the team crosses the invoices still owed. Read as
amounts, its crosses were unreadable (the owed invoices held) and the rows without one owed
their whole total: the invoices the team knew paid were reminded."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D

import openpyxl
import pytest
from click.testing import CliRunner
from test_team_trackers import bank_import, book_of, run

from suivi.cli import cli
from suivi.workbook.read import read_master

HEADER = ["N° facture", "Client", "Date facture", "Montant TTC", "Non payé", "Email"]


def crosses(header="Non payé", marks=("X", None, "x", "non")):
    """Alpha and Beta crossed (owed); Gamma left blank and Delta « non »: paid."""
    names = ("Alpha", "Gamma", "Beta", "Delta")
    return {"Factures": [
        [*HEADER[:4], header, HEADER[5]],
        *([f"F{i + 1}", name, date(2026, 8, i + 1), 100 * (i + 1), mark,
           f"compta@{name.lower()}.example"]
          for i, (name, mark) in enumerate(zip(names, marks)))]}


def test_the_invoices_without_a_cross_are_paid_and_not_reminded(in_folder):
    book = book_of(in_folder / "suivi.xlsx", crosses())
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", "2026-12-01", "--json"])
    issues = json.loads(checked.output)["issues"]
    assert not [i for i in issues if i["code"] == "montant_illisible"]
    [said] = [i for i in issues if i["code"] == "impaye_marque"]
    assert said["cell"] == "Factures!E1" and said["severity"] == "warning"
    assert "(2 marquée(s)) : suivi lit les 2 autre(s)" in said["message"]
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@alpha.example", "compta@beta.example"], result.output
    rows = list(openpyxl.load_workbook(book)["Factures"].iter_rows(values_only=True))
    statut = rows[0].index("Statut")
    assert [r[statut] for r in rows[1:]] == ["en retard", "réglée", "en retard", "réglée"]
    assert [r[4] for r in rows[1:]] == ["X", None, "x", "non"]  # the crosses stay


@pytest.mark.parametrize("header", ["Non payé", "Impayé", "Impayée ?", "Non réglé", "Unpaid"])
def test_a_column_of_crosses_under_other_words(tmp_path, header):
    master = read_master(book_of(tmp_path / "t.xlsx", crosses(header)))
    assert [i.amount_paid for i in master.invoices] == [D(0), D(200), D(0), D(400)]
    assert [i.balance for i in master.invoices] == [D(100), D(0), D(300), D(0)]


def test_a_column_of_amounts_under_non_paye_is_what_is_left_to_pay(tmp_path):
    master = read_master(book_of(tmp_path / "t.xlsx", crosses(marks=(100, 0, 150, 0))))
    assert [i.balance for i in master.invoices] == [D(100), D(0), D(150), D(0)]
    assert not [i for i in master.issues if i.code == "impaye_marque"]


def test_a_row_to_issue_is_not_paid_for_lacking_a_cross(tmp_path):
    sheets = crosses()
    sheets["Factures"].append([None, "Epsilon", date(2026, 11, 30), 90, None, None])
    master = read_master(book_of(tmp_path / "t.xlsx", sheets))
    assert master.invoices[-1].amount_paid == 0 and master.invoices[-1].number is None


def test_a_bank_import_keeps_the_crosses(in_folder):
    """`suivi bank` records Alpha's transfer in « Montant réglé » (a column it adds) and leaves
    the column of crosses alone: a number there would have made it a column of amounts, and
    Gamma, paid without a cross, would have been reminded the next day."""
    book = book_of(in_folder / "suivi.xlsx", crosses())
    done = bank_import(in_folder, book, "VIR SEPA RECU /DE ALPHA /MOTIF F1", "100,00")
    assert done.exit_code in (0, 1), done.output
    rows = list(openpyxl.load_workbook(book)["Factures"].iter_rows(values_only=True))
    assert rows[0][4] == "Non payé" and [r[4] for r in rows[1:]] == ["X", None, "x", "non"]
    paid = rows[0].index("Montant réglé")
    assert rows[1][paid] == 100, done.output
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@beta.example"], result.output
