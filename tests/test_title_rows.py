"""Titles over blocks of invoices: a month's name (« Août 2026 ») alone on its row, a client's
name written once above its invoices. suivi read each title as an invoice with no client and
no amount (errors, so `suivi check` ended with exit 1 on a sheet without fault, and the
scheduled run mailed its digest every morning), and the invoices under a client's name as
invoices without a client, all held: that client was never reminded."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
import pytest
from click.testing import CliRunner
from test_team_trackers import book_of, run

from suivi.cli import cli
from suivi.workbook.read import read_master
from suivi.workbook.read.titles import is_title_row

CLIENTS = [["Client", "Email", "Adresse"],
           ["Alpha", "compta@alpha.example", "1 rue de la Paix, 75002 Paris"],
           ["Beta", "compta@beta.example", "2 rue de la Paix, 75002 Paris"]]


def check(book):
    result = CliRunner().invoke(cli, ["check", str(book), "--date", "2026-12-01", "--json"])
    return result.exit_code, json.loads(result.output)["issues"]


def test_month_titles_and_subtotals_are_not_invoices(in_folder):
    header = ["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé"]
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        header,
        ["Août 2026"],
        ["F-001", "Alpha", date(2026, 8, 1), 120, 120],
        ["F-002", "Beta", date(2026, 8, 2), 240, None],
        [None, "Total août", None, 360, 120],
        [],
        [None, "SEPTEMBRE"],
        ["F-003", "Alpha", date(2026, 9, 2), 360, None],
        ["CLIENTS PARTICULIERS"],
        ["F-004", "Beta", date(2026, 9, 3), 100, 100],
        ["Sous-total septembre", None, None, 460, 100],
    ], "Clients": CLIENTS})
    code, issues = check(book)
    assert [i for i in issues if i["severity"] in ("error", "blocking")] == []
    assert code == 0
    result, drafts = run(in_folder, book)
    assert result.exit_code == 0, result.output
    assert sorted(drafts) == ["compta@alpha.example", "compta@beta.example"]
    assert "F-003" in drafts["compta@alpha.example"].get_body(("plain",)).get_content()
    sheet = openpyxl.load_workbook(book)["Factures"]
    assert [sheet.cell(r, 1).value for r in (2, 9)] == ["Août 2026", "CLIENTS PARTICULIERS"]
    assert sheet.cell(7, 2).value == "SEPTEMBRE"
    statut = [c.column for c in sheet[1] if c.value == "Statut"][0]
    assert [sheet.cell(r, statut).value for r in (2, 7, 9)] == [None, None, None]


def test_a_client_written_once_above_its_invoices_is_their_client(in_folder):
    header = ["Client", "N° facture", "Date facture", "Montant TTC", "Montant réglé"]
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        header,
        ["Alpha"],
        [None, "F-001", date(2026, 8, 1), 120, 120],
        [None, "F-003", date(2026, 9, 2), 360, None],
        [],
        ["Beta"],
        [None, "F-002", date(2026, 8, 2), 240, 40],
        [None, None, date(2026, 11, 30), 50, None],  # a new invoice, to be numbered
    ], "Clients": CLIENTS})
    code, issues = check(book)
    assert code == 0, issues
    said = [i for i in issues if i["code"] == "client_en_titre"]
    assert [i["cell"] for i in said] == ["Factures!A2"]
    assert "« Alpha », « Beta »" in said[0]["message"]
    result, drafts = run(in_folder, book)
    assert result.exit_code == 0, result.output
    assert sorted(drafts) == ["compta@alpha.example", "compta@beta.example"]
    beta = drafts["compta@beta.example"].get_body(("plain",)).get_content()
    assert "F-002" in beta and "200,00" in beta and "F-001" not in beta
    sheet = openpyxl.load_workbook(book)["Factures"]
    assert [sheet.cell(r, 1).value for r in range(2, 9)] == [
        "Alpha", None, None, None, "Beta", None, None]  # the team's cells, as typed
    assert sheet.cell(8, 2).value == "F-004"  # numbered as Beta's, after F-003


def test_a_client_alone_above_invoices_naming_their_own_is_an_invoice_being_typed(in_folder):
    """A guard: it is read as before (a new invoice, for which the team has typed the client)."""
    header = ["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé"]
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        header,
        ["F-001", "Alpha", date(2026, 8, 1), 120, None],
        [None, "Beta"],
        ["F-002", "Alpha", date(2026, 8, 2), 240, None],
    ], "Clients": CLIENTS})
    code, issues = check(book)
    assert not [i for i in issues if i["code"] == "client_en_titre"]
    read = read_master(book)
    assert [(i.number, i.client) for i in read.invoices] == [
        ("F-001", "Alpha"), (None, "Beta"), ("F-002", "Alpha")]


def test_month_titles_in_the_paiements_sheet_are_not_payments(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {
        "Factures": [["N° facture", "Client", "Date facture", "Montant TTC"],
                     ["F-001", "Alpha", date(2026, 8, 1), 120],
                     ["F-002", "Beta", date(2026, 8, 2), 240]],
        "Paiements": [["Date", "N° facture", "Montant"],
                      ["Septembre 2026"], [date(2026, 9, 5), "F-001", 120],
                      ["Octobre 2026"], [date(2026, 10, 5), "F-002", 100]],
        "Clients": CLIENTS})
    code, issues = check(book)
    assert code == 0, issues
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@beta.example"]
    assert "140,00" in drafts["compta@beta.example"].get_body(("plain",)).get_content()


@pytest.mark.parametrize("values, at, title", [
    (["Août 2026", None, None], 0, True),
    ([None, "1er trimestre 2026", ""], 0, True),
    (["CLIENTS PARTICULIERS", None], 0, True),
    (["F-2026-011", None], 0, False),  # a number typed ahead of its invoice
    (["2026", None], 0, False),
    ([None, "Alpha"], 0, False),  # a client alone: `client_headings` decides
    (["Août 2026", "Alpha"], 0, False),
    ([12, None], 0, False),
])
def test_is_title_row(values, at, title):
    assert is_title_row(values, 0, len(values) - 1, at) is title


def test_the_header_typed_again_over_each_block_is_not_an_invoice(in_folder):
    """Each month's block under its title and the header again: the second header was an
    invoice « N° facture » of client « Client » (five problems, exit 1), and its « Montant
    réglé » text a payment mark."""
    header = ["N° facture", "Client", "Email", "Date facture", "Montant TTC", "Montant réglé"]
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["AOÛT 2026"], header, ["F1", "Alpha", "a@alpha.example", date(2026, 8, 1), 100, 0], [],
        ["SEPTEMBRE 2026"], header, ["F2", "Beta", "b@beta.example", date(2026, 9, 2), 200, 0],
    ]})
    code, issues = check(book)
    assert code == 0, issues
    assert [i["code"] for i in issues] == ["echeance_calculee"]
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["a@alpha.example", "b@beta.example"], result.output


def test_titles_with_digits_are_not_invoices(tmp_path):
    """« Semaine 48 », « Trimestre 4 », « Lot 2026-B » alone on a row were invoices
    with no client and no amount; « Chantier 12 rue de la Paix » alone in the client column
    was a row to issue, which stopped the whole run (no Clients sheet to issue it from)."""
    row = ["F1", "Alpha", "a@alpha.example", date(2026, 8, 1), date(2026, 9, 1), 100, 0]
    titles = [["Semaine 48"], ["Trimestre 4"], ["Lot 2026-B"], [None, "Chantier 12 rue de la Paix"],
              [None, None, None, "Semestre 2"]]
    rows: list[list] = [["N° facture", "Client", "Email", "Date facture", "Échéance",
                         "Montant TTC", "Montant réglé"]]
    for n, title in enumerate(titles, start=1):
        rows += [title, [f"F{n}", *row[1:]]]
    book = book_of(tmp_path / "suivi.xlsx", {"Factures": rows})
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", "2026-12-01", "--json"])
    assert checked.exit_code == 0, checked.output
    assert [i.number for i in read_master(book).invoices] == ["F1", "F2", "F3", "F4", "F5"]
