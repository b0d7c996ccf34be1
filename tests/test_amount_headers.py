"""An invoice sheet whose total is headed « Prix » or « Somme ». suivi stopped on « colonne
obligatoire absente : Montant TTC » (exit 2, nothing done) although the column was there."""

from __future__ import annotations

from datetime import date

import pytest
from test_team_trackers import book_of, run


@pytest.mark.parametrize("header", ["Prix", "Somme", "Prix total", "Montant de la facture"])
def test_the_total_under_another_common_word_is_read(in_folder, header):
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Email", "Date facture", "Échéance", header, "Payé le"],
        ["F1", "Alpha", "a@alpha.example", date(2026, 8, 1), date(2026, 9, 1), 1000, None],
        ["F2", "Beta", "b@beta.example", date(2026, 8, 1), date(2026, 9, 1), 500,
         date(2026, 9, 5)]]})
    result, drafts = run(in_folder, book)
    assert result.exit_code == 0, result.output
    assert sorted(drafts) == ["a@alpha.example"]
    assert "1 000,00" in drafts["a@alpha.example"].get_body(("plain",)).get_content() \
        .replace("\u202f", " ")


def test_abbreviated_headers_are_read_as_the_team_means_them(tmp_path):
    """« Date éch. » was taken for the invoice's date and « Date fact. » left unread: every
    invoice dated a month late, its reminders a month late. « Destinataire » was no client:
    the run stopped (colonne obligatoire absente)."""
    from suivi.workbook.read import read_master

    book = book_of(tmp_path / "suivi.xlsx", {"Factures": [
        ["N° Fact.", "Destinataire", "Email", "Date fact.", "Date éch.", "Mt TTC", "Mt réglé",
         "Date rglt"],
        ["F1", "Alpha", "a@alpha.example", date(2026, 8, 1), date(2026, 9, 1), 1000, 0, None],
        ["F2", "Beta", "b@beta.example", date(2026, 8, 3), date(2026, 9, 3), 500, 500,
         date(2026, 9, 5)]]})
    master = read_master(book)
    assert {f: c.header for f, c in master.layout.columns.items()} == {
        "number": "N° Fact.", "client": "Destinataire", "client_email": "Email",
        "issue_date": "Date fact.", "due_date": "Date éch.", "amount_ttc": "Mt TTC",
        "amount_paid": "Mt réglé", "payment_date": "Date rglt"}
    alpha, beta = master.invoices
    assert (alpha.issue_date, alpha.due_date) == (date(2026, 8, 1), date(2026, 9, 1))
    assert beta.payment_date == date(2026, 9, 5)


@pytest.mark.parametrize("header", ["Date de prestation", "Date commande", "Date de livraison",
                                    "Montant commande"])
def test_a_date_column_is_never_taken_for_a_text_field(tmp_path, header):
    """« Date de prestation » was the invoice's designation, and « Date commande » (or
    « Montant commande ») its order number: a date or an amount would have been printed on
    the invoice as what was sold, or as the client's order reference. A header that starts
    with « Date » only names a date, one that starts with « Montant » an amount."""
    from suivi.workbook.read import read_master

    master = read_master(book_of(tmp_path / "t.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Désignation", "Montant TTC", header],
        ["F1", "Alpha", date(2026, 8, 1), "Audit", 1000, date(2026, 7, 15)]]}))
    (invoice,) = master.invoices
    assert (invoice.description, invoice.po_reference) == ("Audit", None)
    # the day of the service is a date of the invoice (seventeenth session); nothing else is
    assert {f for f, info in master.layout.columns.items() if info.column == "F"} <= {
        "delivery_date"}


def test_an_hourly_rate_is_not_the_vat_rate(in_folder):
    """A consultant's tracker: « Heures », « Taux horaire », « Montant HT », « TVA », « Montant
    TTC ». Any header starting with « Taux » was the VAT rate: 65 € an hour became « taux de
    TVA de 65 % inconnu », an error that held every invoice from its reminder. Only « Taux »
    alone or a « Taux » of VAT is the VAT rate now."""
    from suivi.workbook.read import read_master

    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Email", "Date facture", "Échéance", "Heures",
         "Taux horaire", "Montant HT", "TVA", "Montant TTC", "Taux d'escompte", "Montant réglé"],
        ["F1", "Alpha", "a@alpha.example", date(2026, 8, 1), date(2026, 9, 1), 10, 65, 650,
         130, 780, 2, 0],
        ["F2", "Beta", "b@beta.example", date(2026, 8, 3), date(2026, 9, 3), 4, 80, 320, 64,
         384, None, 0]]})
    assert "vat_rate" not in read_master(book).layout.columns
    result, drafts = run(in_folder, book)
    assert result.exit_code == 0, result.output
    assert sorted(drafts) == ["a@alpha.example", "b@beta.example"], result.output
    assert "780,00" in drafts["a@alpha.example"].get_body(("plain",)).get_content() \
        .replace("\u202f", " ")


@pytest.mark.parametrize("headers, values, total", [
    # a unit price beside the invoice's amount: never its total
    (["Quantité", "Prix unitaire", "Montant HT"], [10, 50, 500], "500"),
    (["Qté", "PU HT", "Total HT", "TVA", "Total TTC"], [10, 50, 500, 100, 600], "600"),
    # alone, with no quantity: one unit per invoice, the unit price is the amount
    (["Désignation", "Prix unitaire"], ["Audit", 800], "800"),
    # « Total facturé » was the invoice number (the run stopped: no amount column), and
    # « Total heures » the total beside « Montant HT »
    (["Total facturé"], [1200], "1200"),
    (["Total heures", "Montant HT"], [12, 960], "960"),
])
def test_a_unit_price_is_not_the_invoices_total(tmp_path, headers, values, total):
    """« Quantité », « Prix unitaire », « Montant HT »: the unit price was read as the
    invoice's total (« prix » is a word for it), and the reminder claimed 50 € of a 500 €
    invoice."""
    from decimal import Decimal

    from suivi.workbook.read import read_master

    book = book_of(tmp_path / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Email", "Date facture", *headers, "Montant réglé"],
        ["F1", "Alpha", "a@alpha.example", date(2026, 8, 1), *values, 0]]})
    (invoice,) = read_master(book).invoices
    assert invoice.total == Decimal(total)
