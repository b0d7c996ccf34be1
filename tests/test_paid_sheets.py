"""A sheet of paid invoices beside the invoice sheet (« Factures payées », « Réglées »): teams
move, or copy, a row there once it is paid. suivi did not read it: the invoice sheet then
said nowhere what was paid, so every reminder was held; numbering did not see its numbers;
and a row copied there stayed unpaid in the invoice sheet."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
import pytest
from click.testing import CliRunner
from test_team_trackers import book_of, run

from suivi.cli import cli
from suivi.workbook.read import read_master
from suivi.workbook.read.paid_sheets import is_paid_sheet_name

HEADER = ["N° facture", "Client", "Email", "Date facture", "Montant TTC"]


def row(number, client, day, amount):
    return [number, client, f"compta@{client.lower()}.example", day, amount]


def test_invoices_moved_to_a_paid_sheet(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {
        "En cours": [HEADER, row("F5", "Beta", date(2026, 8, 5), 200),
                     row("F6", "Gamma", date(2026, 8, 6), 300),
                     [None, "Gamma", None, date(2026, 11, 30), 80]],  # to be numbered
        "Factures payées": [HEADER, *(row(f"F{i}", "Alpha", date(2026, 7, i), 100)
                                      for i in range(1, 5)),
                            row("F7", "Alpha", date(2026, 11, 20), 100),  # paid at once
                            row("F8", "Delta", date(2026, 8, 1), 500)],
        "Clients": [["Client", "Email", "Adresse", "SIREN"],
                    *([name, f"compta@{name.lower()}.example", "1 rue de la Paix, 75002 Paris",
                       "732829320"] for name in ("Alpha", "Beta", "Gamma", "Delta"))],
    })
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", "2026-12-01", "--json"])
    report = json.loads(checked.output)
    assert report["sheet"] == "En cours"
    assert not [i for i in report["issues"] if i["code"] == "reglements_non_saisis"]
    master = read_master(book)
    paid = {i.number: i.amount_paid == i.total for i in master.invoices if i.number}
    assert paid == {"F1": True, "F2": True, "F3": True, "F4": True, "F7": True, "F8": True,
                    "F5": False, "F6": False}
    result, drafts = run(in_folder, book)
    assert result.exit_code == 0, result.output
    assert sorted(drafts) == ["compta@beta.example", "compta@gamma.example"]
    written = openpyxl.load_workbook(book)
    assert written["En cours"].cell(4, 1).value == "F9"  # after every number of both sheets
    assert written["Factures payées"].max_column == 5  # the archive left as it was


def test_an_invoice_copied_to_a_paid_sheet_is_paid(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {
        "Factures": [HEADER, row("F1", "Alpha", date(2026, 8, 1), 100),
                     row("F2", "Beta", date(2026, 8, 2), 200)],
        "Réglées": [HEADER, row("F1", "Alpha", date(2026, 8, 1), 100),
                    row("F0", "Zed", date(2026, 7, 1), 50)],
    })
    master = read_master(book)
    assert [(i.number, i.amount_paid) for i in master.invoices] == [
        ("F1", 100), ("F2", 0), ("F0", 50)]
    [said] = [i for i in master.issues if i.code == "facture_dans_payees"]
    assert str(said.where) == "Réglées!A2"
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@beta.example"], result.output


def test_a_row_of_the_paid_sheet_that_says_otherwise_is_read_as_it_says(tmp_path):
    header = [*HEADER, "Montant réglé"]
    book = book_of(tmp_path / "t.xlsx", {
        "Factures": [header, [*row("F2", "Beta", date(2026, 8, 2), 200), 0]],
        "Payées": [header, [*row("F1", "Alpha", date(2026, 8, 1), 100), 30]],
    })
    assert [(i.number, i.amount_paid) for i in read_master(book).invoices] == [
        ("F2", 0), ("F1", 30)]


@pytest.mark.parametrize("name, paid", [
    ("Factures payées", True), ("Réglées", True), ("Payées 2025", True), ("Soldées", True),
    ("Factures encaissées", True), ("Paid invoices", True), ("Archives réglées", True),
    ("Impayées", False), ("Non payées", False), ("À payer", False), ("Factures", False),
    ("Paiements", False), ("Devis acceptés", False),
])
def test_is_paid_sheet_name(name, paid):
    assert is_paid_sheet_name(name) is paid
