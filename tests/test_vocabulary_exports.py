"""Headers of real exports (accounting and invoicing tools, banks) are recognised, and a missing
required column names the exact suivi.toml key to add."""

from __future__ import annotations

import pytest

from suivi.core.models import Severity, SheetLayout
from suivi.messages import hint
from suivi.workbook import vocabulary as voc
from suivi.workbook.read.headers import guess_header
from suivi.workbook.read.master import check_required_columns

INVOICE_HEADERS = [
    # (tool, header as exported, field)
    ("Dolibarr", "Réf.", "number"),
    ("Dolibarr", "Date facturation", "issue_date"),
    ("Dolibarr", "Date limite règlement", "due_date"),
    ("Dolibarr", "Tiers", "client"),
    ("Dolibarr", "Montant HT", "amount_ht"),
    ("Dolibarr", "Montant TTC", "amount_ttc"),
    ("Dolibarr", "Reste à payer", "balance"),
    ("Dolibarr", "Note publique", "printed_mention"),
    ("Dolibarr", "Note privée", "notes"),
    ("Dolibarr (English)", "Amount (excl. tax)", "amount_ht"),
    ("Dolibarr (English)", "Amount (inc. tax)", "amount_ttc"),
    ("Odoo", "Partenaire", "client"),
    ("Odoo", "Date de facturation", "issue_date"),
    ("Odoo", "Date d'échéance", "due_date"),
    ("Odoo", "Hors taxes", "amount_ht"),
    ("Odoo", "Total signé", "amount_ttc"),
    ("Odoo", "Montant dû", "balance"),
    ("Odoo", "Statut du paiement", "status_text"),
    ("Odoo (English)", "Untaxed Amount", "amount_ht"),
    ("Odoo (English)", "Payment Status", "status_text"),
    ("Sage / Ciel", "N° pièce", "number"),
    ("Sage / Ciel", "Date pièce", "issue_date"),
    ("Sage / Ciel", "Net à payer", "amount_ttc"),
    ("EBP", "Reste à régler", "balance"),
    ("Pennylane", "Numéro de facture", "number"),
    ("Pennylane", "Montant restant", "balance"),
    ("Axonaut", "Titre", "description"),
    ("QuickBooks", "Num", "number"),
    ("QuickBooks", "Open Balance", "balance"),
    ("QuickBooks", "Memo/Description", "description"),
    ("QuickBooks", "P.O. Number", "po_reference"),
    ("Xero", "ContactName", "client"),
    ("Xero", "InvoiceNumber", "number"),
    ("Xero", "InvoiceDate", "issue_date"),
    ("Xero", "DueDate", "due_date"),
    ("Xero", "TaxTotal", "vat"),
    ("Xero", "InvoiceAmountPaid", "amount_paid"),
    ("Xero", "InvoiceAmountDue", "balance"),
    ("Xero", "EmailAddress", "client_email"),
    ("FreshBooks", "Date Issued", "issue_date"),
    ("Zoho", "Customer Name", "client"),
    ("Zoho", "Invoice Status", "status_text"),
    ("Excel template", "N° de facture", "number"),
    ("Excel template", "Date d'émission", "issue_date"),
    ("suivi", "Mention facture", "printed_mention"),
    ("suivi", "N° d'engagement", "commitment_number"),
    ("suivi", "Période facturée", "billing_period"),
]


@pytest.mark.parametrize(("header", "field"), [h[1:] for h in INVOICE_HEADERS],
                         ids=[f"{h[0]}: {h[1]}" for h in INVOICE_HEADERS])
def test_invoice_export_headers(header, field):
    match = voc.INVOICE_VOCABULARY.match(header)
    assert match is not None and match.field == field


OTHER_HEADERS = [
    (voc.CLIENT_VOCABULARY, "Dolibarr", "Tiers", "name"),
    (voc.CLIENT_VOCABULARY, "QuickBooks", "Display Name", "name"),
    (voc.CLIENT_VOCABULARY, "Sage", "N° TVA intracommunautaire", "vat_number"),
    (voc.CLIENT_VOCABULARY, "Chorus Pro", "SIRET", "siret"),
    (voc.CLIENT_VOCABULARY, "Chorus Pro", "Code service", "service_code"),
    (voc.LINE_VOCABULARY, "Dolibarr", "P.U. HT", "unit_price"),
    (voc.LINE_VOCABULARY, "Xero", "UnitAmount", "unit_price"),
    (voc.LINE_VOCABULARY, "Dolibarr", "Type", "nature"),
    (voc.PAYMENT_VOCABULARY, "Banque (CSV)", "Date opération", "date"),
    (voc.PAYMENT_VOCABULARY, "Banque (CSV)", "Libellé opération", "reference"),
]


@pytest.mark.parametrize(("vocabulary", "header", "field"), [h[:1] + h[2:] for h in OTHER_HEADERS],
                         ids=[f"{h[1]}: {h[2]}" for h in OTHER_HEADERS])
def test_other_sheets_export_headers(vocabulary, header, field):
    match = vocabulary.match(header)
    assert match is not None and match.field == field


def test_a_whole_dolibarr_export_is_understood():
    rows = [["Réf.", "Réf. client", "Tiers", "Date facturation", "Date limite règlement",
             "Montant HT", "Montant TVA", "Montant TTC", "Payé", "Reste à payer", "État"],
            ["FA2611-0042", "BC-12", "Garage Moreau", "02/11/2026", "02/12/2026", "100,00",
             "20,00", "120,00", "0,00", "120,00", "Impayée"]]
    guess = guess_header(rows, voc.INVOICE_VOCABULARY)
    assert guess is not None
    columns = {field: info.header for field, info in guess.columns.items()}
    assert columns["number"] == "Réf." and columns["client"] == "Tiers"
    assert columns["issue_date"] == "Date facturation"
    assert columns["due_date"] == "Date limite règlement"
    assert columns["amount_ht"] == "Montant HT" and columns["amount_ttc"] == "Montant TTC"
    assert columns["vat"] == "Montant TVA" and columns["balance"] == "Reste à payer"
    assert columns["amount_paid"] == "Payé" and columns["status_text"] == "État"


@pytest.mark.parametrize(("headers", "missing", "key"), [
    (["Date facture", "Client", "Montant TTC"], "number", "numero"),
    (["N° facture", "Date facture", "Montant TTC"], "client", "client"),
    (["N° facture", "Date facture", "Client"], "amount_ttc", "montant_ttc"),
    (["N° facture", "Client", "Montant TTC"], "date", "date_facture"),
])
def test_a_missing_required_column_names_the_exact_key_to_add(headers, missing, key):
    rows = [headers, ["x"] * len(headers)]
    guess = guess_header(rows, voc.INVOICE_VOCABULARY)
    assert guess is not None
    layout = SheetLayout("Factures", guess.row, guess.columns)
    issues = []
    check_required_columns(layout, guess, issues)
    [issue] = issues
    assert issue.severity is Severity.BLOCKING
    assert f'[classeur.colonnes] {key} = "…"' in hint(issue, "fr")
    assert f'[classeur.colonnes] {key} = "…"' in hint(issue, "en")
    assert voc.COLUMN_KEYS_FR[key] == ("issue_date" if missing == "date" else missing)
