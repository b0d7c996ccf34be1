"""Statuts in an accountant's words that suivi read for nothing, or wrongly: « Lettrée »
(matched with its payment), « Compensée », « Prélevé », « LCR acceptée » were reminded as if
unpaid; « Affacturée » (sold to a factor, who collects) was reminded by the seller; « Acompte
payé » was read as paid in full, so the rest was never claimed, even once the amount was
typed; and a payment that came back (« Prélèvement rejeté », « Chèque reçu puis rejeté »)
must be reminded."""

from __future__ import annotations

from datetime import date

import openpyxl
from test_team_trackers import book_of, run

STATUTS = ["Lettrée", "Compensée", "Prélevé", "LCR acceptée", "Affacturée",
           "Réclamation client", "Prélèvement rejeté", "Chèque reçu puis rejeté", "Acompte payé"]


def test_accounting_words_hold_or_claim_what_they_say(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Email", "Date facture", "Échéance", "Montant TTC",
         "Montant réglé", "Statut"],
        *([f"F{n}", f"Client{n}", f"compta@client{n}.example", date(2026, 8, 1),
           date(2026, 9, 1), 1000, 300 if statut == "Acompte payé" else None, statut]
          for n, statut in enumerate(STATUTS, start=1)),
    ]})
    result, drafts = run(in_folder, book)
    assert result.exit_code == 0, result.output
    assert sorted(drafts) == ["compta@client7.example", "compta@client8.example",
                              "compta@client9.example"], result.output
    rest = drafts["compta@client9.example"].get_body(("plain",)).get_content()
    assert "Total restant dû : 700,00" in rest, rest  # the deposit is deducted, not the whole
    said = " ".join(result.output.split())
    assert "le statut dit « Lettrée » mais il reste 1 000,00 € à payer" in said, said
    sheet = openpyxl.load_workbook(book)["Factures"]
    assert [sheet.cell(row, 8).value for row in range(2, 11)] == STATUTS  # the team's words


def test_a_deposit_paid_without_its_amount_asks_for_it(in_folder):
    """« Acompte payé » with no amount: not paid in full, not the whole total either; the
    reminder waits for the amount, and the error names the cell to fill in."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Email", "Date facture", "Échéance", "Montant TTC",
         "Montant réglé", "Statut"],
        ["F1", "Alpha", "compta@alpha.example", date(2026, 8, 1), date(2026, 9, 1), 1000, None,
         "Acompte payé"],
    ]})
    result, drafts = run(in_folder, book)
    assert drafts == {}, result.output
    said = " ".join(result.output.split())
    assert "Factures!G2" in said and "le statut « Acompte payé » dit qu'une partie est réglée" \
        in said, said
