"""What `suivi check` says about what the documents will say: due dates against their terms,
public buyers' 30 days, VAT rates and natures per line, credit notes, Chorus Pro identifiers.
Each scenario is a row of a table; each expectation (cell, code, severity) is written by hand."""

from datetime import date
from decimal import Decimal as D

import pytest

from suivi.core.checks import CheckContext
from suivi.core.document_checks import DOCUMENT_CHECKS, check_lines_match_row
from suivi.core.models import (
    CellRef,
    Client,
    ClientType,
    ColumnInfo,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    SheetLayout,
)
from suivi.messages import hint, text

TODAY = date(2026, 11, 25)
FIELDS = ("number", "issue_date", "client", "description", "amount_ht", "vat", "amount_ttc",
          "payment_terms", "due_date", "vat_rate", "nature", "commitment_number", "status_text")
LAYOUT = SheetLayout("Factures", 1, {f: ColumnInfo(f, f, chr(65 + i), i)
                                     for i, f in enumerate(FIELDS)})
CLIENT_FIELDS = ("name", "type", "siren", "vat_number", "payment_terms", "siret", "service_code")
CLIENT_LAYOUT = SheetLayout("Clients", 1, {f: ColumnInfo(f, f, chr(65 + i), i)
                                           for i, f in enumerate(CLIENT_FIELDS)})
LINE_FIELDS = ("invoice_number", "description", "quantity", "unit", "unit_price", "vat_rate",
               "nature")
LINE_LAYOUT = SheetLayout("Lignes", 1, {f: ColumnInfo(f, f, chr(65 + i), i)
                                        for i, f in enumerate(LINE_FIELDS)})


def inv(row, number, **kw):
    base = dict(sheet="Factures", row=row, number=number, issue_date=date(2026, 9, 15),
                client="Alpha", description="Audit", amount_ht=D("100"), vat=D("20"),
                amount_ttc=D("120"), payment_terms="30 jours", due_date=date(2026, 10, 15),
                status_text="émise", pdf_file="factures/x.pdf")
    base.update(kw)
    return Invoice(**base)


ALPHA = Client("Alpha", ClientType.COMPANY, siren="732829320", payment_terms="45 jours fin de mois",
               where=CellRef("Clients", 2, "A"))
MAIRIE = Client("Mairie", ClientType.PUBLIC, siren="217500016", payment_terms="30 jours",
                where=CellRef("Clients", 3, "A"), siret="21750001600019")


def found(invoices, clients=(ALPHA, MAIRIE), lines=(), exemption=None, checks=DOCUMENT_CHECKS):
    ctx = CheckContext(invoices, {c.name.casefold(): c for c in clients}, LAYOUT, True, TODAY,
                       lines=lines, layouts={"invoices": LAYOUT, "clients": CLIENT_LAYOUT,
                                             "lines": LINE_LAYOUT}, exemption_text=exemption)
    return [issue for check in checks for issue in check(ctx)]


#: The checks of rates and natures: the lines of their scenarios stand for a rate or a
#: nature, not for the row's amount (`check_lines_match_row` is tested in test_lines_total).
RATE_CHECKS = tuple(c for c in DOCUMENT_CHECKS if c is not check_lines_match_row)


def summary(issues):
    return {(str(i.where), i.key, i.severity.value) for i in issues}


# --------------------------------------------------------------------------- due dates

TERMS_SCENARIOS = [
    # (row as typed, expected issues)
    ("due date the terms give", inv(2, "FAC2026-001"), set()),
    ("issued, 45 days end of month from 15/09 is 31/10, not 15/10",
     inv(2, "FAC2026-066", payment_terms="45 jours fin de mois"),
     {("Factures!I2", "terms.due_date_contradicts.issued", "warning")}),
    ("still to issue: an error that holds the row",
     inv(2, None, status_text="à émettre", issue_date=None, pdf_file=None,
         due_date=date(2026, 12, 1)),
     {("Factures!I2", "terms.due_date_contradicts.to_issue", "error")}),
    ("terms of the client when the row has none",
     inv(2, "FAC2026-002", payment_terms=None, due_date=date(2026, 10, 30)),
     {("Factures!I2", "terms.due_date_contradicts.issued", "warning")}),
    ("issued, with terms typed nowhere: suivi's default is not the team's (one month later)",
     inv(2, "FAC2026-007", client="Gamma", payment_terms=None, due_date=date(2026, 10, 16)),
     set()),
    ("still to issue with terms typed nowhere: the document prints the default",
     inv(2, None, client="Gamma", status_text="à émettre", issue_date=None, pdf_file=None,
         payment_terms=None, due_date=date(2026, 12, 26)),
     {("Factures!I2", "terms.due_date_contradicts.to_issue", "error")}),
    ("derived due dates are the terms' own", inv(2, "FAC2026-003", payment_terms="60 jours",
                                                due_date_derived=True), set()),
    # (quoting no invoice of the sheet, it is named for that, not for its due date)
    ("credit notes are not due", inv(2, "AV2026-001", kind=InvoiceKind.CREDIT_NOTE),
     {("Factures!A2", "credit_note.unallocated", "warning")}),
    ("unreadable terms: nothing to compare", inv(2, "FAC2026-004", payment_terms="selon devis"),
     set()),
    ("a public buyer pays within 30 days",
     inv(2, "FAC2026-005", client="Mairie", payment_terms="45 jours",
         due_date=date(2026, 10, 30)),
     {("Factures!I2", "terms.beyond_public_cap", "warning")}),
]


@pytest.mark.parametrize(("invoice", "expected"), [s[1:] for s in TERMS_SCENARIOS],
                         ids=[s[0] for s in TERMS_SCENARIOS])
def test_due_dates_against_terms(invoice, expected):
    assert summary(found([invoice])) == expected


def test_a_contradicted_due_date_names_both_cells_and_the_date_the_terms_give():
    issue, = found([inv(7, "FAC2026-066", payment_terms="45 jours fin de mois")])
    assert text(issue, "fr") == (
        "Facture FAC2026-066 : l'échéance Factures!I7 (15/10/2026) ne correspond pas aux "
        "conditions « 45 jours fin de mois » (Factures!H7), qui donnent le 31/10/2026.")
    issue, = found([inv(7, None, status_text="à émettre", issue_date=None, pdf_file=None,
                        payment_terms=None, due_date=date(2026, 12, 1))])
    assert text(issue, "en") == (
        "Invoice ligne 7: the due date in Factures!I7 (1 Dec 2026) does not match the terms "
        "\"45 jours fin de mois\" (Clients!E2), which give 31 Jan 2027: the invoice is neither "
        "numbered nor produced.")
    assert "31/01/2027" in hint(issue, "fr")


# --------------------------------------------------------------------------- VAT and natures

def line(row, number, description, rate, **kw):
    return InvoiceLine(number, description, D("1"), D("100"), D(rate),
                       where=CellRef("Lignes", row, "A"), **kw)


VAT_SCENARIOS = [
    ("French rates on every line",
     [inv(2, "FAC2026-010")], [line(2, "FAC2026-010", "Audit", "20"),
                               line(3, "FAC2026-010", "Repas", "10")], None, set()),
    ("19,6 % no longer exists", [inv(2, "FAC2026-011")],
     [line(2, "FAC2026-011", "Audit", "19.6")], None, {("Lignes!F2", "vat.rate_unknown", "error")}),
    ("0 % needs its exemption mention", [inv(2, "FAC2026-012")],
     [line(4, "FAC2026-012", "Audit", "0")], None,
     {("Lignes!F4", "vat.zero_needs_category", "error")}),
    ("0 % with a reverse-charge mention", [inv(2, "FAC2026-013")],
     [line(4, "FAC2026-013", "Pose", "0",
           exemption_reason="Autoliquidation, art. 283-2 du CGI")], None, set()),
    ("a book at 20 % is a question", [inv(2, "FAC2026-014")],
     [line(5, "FAC2026-014", "Livre « Trésorerie »", "20")], None,
     {("Lignes!F5", "vat.rate_to_confirm", "warning")}),
    ("single line: the rate its amounts imply", [inv(2, "FAC2026-015", amount_ht=D("28.50"),
                                                     vat=D("1.57"), amount_ttc=D("30.07"))],
     [], None, set()),
    ("single line at 7 %", [inv(2, "FAC2026-016", vat_rate=D("7"))], [], None,
     {("Factures!J2", "vat.rate_unknown", "error")}),
    ("a single-line book row at 20 % is a question",
     [inv(2, "FAC2026-020", description="Livre « Trésorerie »", vat_rate=D("20"))], [], None,
     {("Factures!J2", "vat.rate_to_confirm", "warning")}),
    ("a single-line book row at 5,5 % says nothing",
     [inv(2, "FAC2026-022", description="Livre « Trésorerie »", vat_rate=D("5.5"))], [], None,
     set()),
    ("franchise, yet a single-line row at 20 %", [inv(2, "FAC2026-021", vat_rate=D("20"))], [],
     "TVA non applicable, art. 293 B du CGI", {("Factures!J2", "vat.exempt_with_rate", "error")}),
    ("franchise: lines carry no VAT", [inv(2, "FAC2026-017", vat=D("0"), amount_ttc=D("100"))],
     [], "TVA non applicable, art. 293 B du CGI", set()),
    ("franchise, yet a line at 20 %", [inv(2, "FAC2026-019")],
     [line(8, "FAC2026-019", "Audit", "20")], "TVA non applicable, art. 293 B du CGI",
     {("Lignes!F8", "vat.exempt_with_rate", "error")}),
    ("a nature nobody can read", [inv(2, "FAC2026-018", nature="matériel")],
     [line(6, "FAC2026-018", "Câble", "20", nature="fourniture"),
      line(7, "FAC2026-018", "Pose", "20", nature="main-d'œuvre ?")], None,
     {("Factures!K2", "nature_illisible", "warning"), ("Lignes!G7", "nature_illisible", "warning")}),
]


@pytest.mark.parametrize(("invoices", "lines", "exemption", "expected"),
                         [s[1:] for s in VAT_SCENARIOS], ids=[s[0] for s in VAT_SCENARIOS])
def test_vat_and_nature_per_line(invoices, lines, exemption, expected):
    assert summary(found(invoices, lines=lines, exemption=exemption,
                         checks=RATE_CHECKS)) == expected


def test_vat_messages_name_the_cell():
    issue, = found([inv(2, "FAC2026-011")], lines=[line(3, "FAC2026-011", "Audit", "19.6")],
                   checks=RATE_CHECKS)
    words = text(issue, "fr").replace("\u202f", " ").replace("\xa0", " ")
    assert words == "Lignes!F3 : taux de TVA de 19,6 % inconnu en France."


# --------------------------------------------------------------------------- credit notes

def test_credit_note_with_a_line_never_invoiced_and_more_than_the_invoice():
    original = inv(2, "FAC2026-070", amount_ht=D("200"), vat=D("40"), amount_ttc=D("240"))
    credit = inv(3, "AV2026-001", kind=InvoiceKind.CREDIT_NOTE, original_number="FAC2026-070",
                 amount_ht=D("-300"), vat=D("-60"), amount_ttc=D("-360"))
    lines = [line(2, "FAC2026-070", "Audit", "20"), line(3, "FAC2026-070", "Licence", "20"),
             InvoiceLine("AV2026-001", "Formation", D("3"), D("-100"), D("20"),
                         where=CellRef("Lignes", 4, "A"))]
    issues = found([original, credit], lines=lines)
    assert summary(issues) == {("Factures!A3", "credit_note.exceeds_original", "warning"),
                               ("Factures!A3", "credit_note.line_not_invoiced", "warning")}


# --------------------------------------------------------------------------- public buyers

PUBLIC_SCENARIOS = [
    ("SIRET given, nothing required", MAIRIE, inv(2, None, client="Mairie", pdf_file=None,
                                                  status_text="à émettre"), set()),
    ("SIREN only", Client("Mairie", ClientType.PUBLIC, siren="217500016",
                          where=CellRef("Clients", 3, "A")),
     inv(2, "FAC2026-020", client="Mairie", pdf_file=None),
     {("Clients!F3", "chorus.siret_missing.client", "error")}),
    ("SIRET with a wrong key", Client("Mairie", ClientType.PUBLIC, siret="21750001600018",
                                      where=CellRef("Clients", 3, "A")),
     inv(2, "FAC2026-021", client="Mairie", pdf_file=None),
     {("Clients!F3", "chorus.siret_invalid.client", "error")}),
    ("service code and commitment required", Client(
        "Mairie", ClientType.PUBLIC, siret="21750001600019", where=CellRef("Clients", 3, "A"),
        service_code_required=True, commitment_required=True),
     inv(2, "FAC2026-022", client="Mairie", pdf_file=None),
     {("Clients!G3", "chorus.service_code_missing.client", "error"),
      ("Factures!L2", "chorus.commitment_missing", "error")}),
    ("invoices already deposited are left alone", Client(
        "Mairie", ClientType.PUBLIC, siret="21750001600019", where=CellRef("Clients", 3, "A"),
        commitment_required=True), inv(2, "FAC2026-023", client="Mairie"), set()),
    ("a number too long for Chorus Pro", MAIRIE,
     inv(2, "FACTURE-2026-11-000123", client="Mairie", pdf_file=None),
     {("Factures!A2", "chorus.number_too_long", "error")}),
]


@pytest.mark.parametrize(("client", "invoice", "expected"), [s[1:] for s in PUBLIC_SCENARIOS],
                         ids=[s[0] for s in PUBLIC_SCENARIOS])
def test_public_buyers(client, invoice, expected):
    assert summary(found([invoice], clients=(client,))) == expected


def test_public_buyer_messages_say_the_invoices_are_held():
    client = Client("Mairie de Saint-Priest", ClientType.PUBLIC, siren="217500016",
                    where=CellRef("Clients", 3, "A"))
    issue, = found([inv(2, None, client="Mairie de Saint-Priest", status_text="à émettre")],
                   clients=(client,))
    assert text(issue, "fr") == (
        "Clients!F3 : client « Mairie de Saint-Priest » (acheteur public) sans SIRET ; Chorus "
        "Pro identifie l'acheteur par son SIRET. Ses factures ne sont pas produites.")
