"""Statuts a team types that suivi read for nothing, and reminded: « Chèque reçu non
encaissé » (the client paid: the cheque is in the drawer), « Virement émis le 28/11 », a
green light « 🟢 », and « Doublon » or « Remplacée par F7 » on a row that is no longer the
invoice (the same claim would go twice). A payment on its way holds the reminder with a
warning at the cell, a void row is closed, the team's words stay in the cell, and the row
that replaces another (« Annule et remplace F1 ») is reminded as any invoice."""

from __future__ import annotations

from datetime import date

import openpyxl
from test_team_trackers import bank_import, book_of, run

STATUTS = ["Chèque reçu non encaissé", "Virement émis le 28/11", "🟢", "Doublon",
           "Remplacée par F7", "Annule et remplace F1", "Chèque non reçu"]


def test_payments_on_their_way_and_void_rows_are_not_reminded(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Email", "Date facture", "Échéance", "Montant TTC",
         "Montant réglé", "Statut"],
        *([f"F{n}", f"Client{n}", f"compta@client{n}.example", date(2026, 8, 1),
           date(2026, 9, 1), 1000, 0, statut] for n, statut in enumerate(STATUTS, start=1)),
    ]})
    result, drafts = run(in_folder, book)
    assert result.exit_code == 0, result.output
    assert sorted(drafts) == ["compta@client6.example", "compta@client7.example"], result.output
    said = " ".join(result.output.split())
    assert "Facture F1 : le statut dit « Chèque reçu non encaissé » mais il reste 1 000,00 € à " \
           "payer d'après les montants. Aucune relance ne sera envoyée" in said, said
    assert "le statut dit « Virement émis le 28/11 »" in said and "le statut dit « 🟢 »" in said
    sheet = openpyxl.load_workbook(book)["Factures"]
    assert [sheet.cell(row, 8).value for row in range(2, 9)] == STATUTS  # the team's words


def test_the_cheque_once_cashed_is_matched_by_the_bank_statement(in_folder):
    """« Chèque reçu non encaissé » holds the reminder as paid; the statement that shows the
    cheque cashed must still find its invoice (an invoice read as paid was no candidate, and
    the credit stayed « non attribué »): the amount is written, the invoice is settled."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Email", "Date facture", "Échéance", "Montant TTC",
         "Montant réglé", "Statut"],
        ["F1", "Alpha", "compta@alpha.example", date(2026, 8, 1), date(2026, 9, 1), 1000, 0,
         "Chèque reçu non encaissé"],
    ]})
    done = bank_import(in_folder, book, "REMISE CHEQUE ALPHA F1", "1000,00")
    assert done.exit_code in (0, 1), done.output
    sheet = openpyxl.load_workbook(book)["Factures"]
    assert sheet["G2"].value == 1000, done.output
