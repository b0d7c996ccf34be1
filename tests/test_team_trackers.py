"""Trackers as teams build them: payments kept under their own words (« Montant du
règlement », « Somme reçue », « Date de paiement » alone), a credit note that quotes no
invoice, one invoice sheet per year. Each used to end in a reminder for money the client
does not owe, or in invoices silently left out; each is now read, or named at its cell."""

from __future__ import annotations

import email
import email.policy
import email.utils
import json
from datetime import date, timedelta
from decimal import Decimal as D

import openpyxl
import pytest
from click.testing import CliRunner

from suivi.cli import cli
from suivi.core.ledger import credit_note_made
from suivi.core.models import InvoiceKind
from suivi.messages import hint, text
from suivi.workbook.read import ReadOptions, read_master

TODAY = "2026-12-01"


def book_of(path, sheets):
    """A workbook as a user saves it from Excel (openpyxl), one list of rows per sheet."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for values in rows:
            ws.append(values)
    wb.save(path)
    return path


def run(folder, book, *extra):
    """`suivi run` in the workbook's folder, as the batch file starts it."""
    result = CliRunner().invoke(cli, ["run", str(book), "--date", TODAY, *extra],
                                catch_exceptions=False)
    drafts = {}
    for eml in sorted((folder / "relances").rglob("*.eml")):
        message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
        drafts[email.utils.parseaddr(message["To"])[1]] = message
    return result, drafts


def bank_import(folder, book, label, amount):
    """`suivi bank` on a one-credit CSV statement of 30/11/2026 (`label`, `amount` as typed)."""
    statement = folder / "releve.csv"
    statement.write_bytes(('="00050123456789";30/11/2026;30/11/2026;\n'
                           "Date;Libellé;Montant;Devise;\n"
                           f"30/11/2026;{label};{amount};EUR;\n").encode("cp1252"))
    return CliRunner().invoke(cli, ["bank", str(statement), str(book), "--date", "2026-12-01"],
                              catch_exceptions=False)


@pytest.fixture
def in_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def statut_book(folder, rows):
    """Late invoices with the amount paid and the team's Statut notes beside them."""
    return book_of(folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé", "Statut",
         "Email"], *rows]})


def two_invoices(paid_header, paid_value):
    """Alpha paid its 1 200 € (recorded under `paid_header`), Beta owes 800 €; both late."""
    return {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant TTC", paid_header, "Email"],
        ["F1", "Alpha", date(2026, 8, 1), 1200, paid_value, "compta@alpha.example"],
        ["F2", "Beta", date(2026, 8, 2), 800, None, "compta@beta.example"],
    ]}


@pytest.mark.parametrize("header, field", [
    ("Montant du règlement", "amount_paid"), ("Montant reçu", "amount_paid"),
    ("Somme reçue", "amount_paid"), ("Montant du paiement", "amount_paid"),
    ("Montant versé par le client", "amount_paid"), ("Total encaissé (€)", "amount_paid"),
    ("Date du versement", "payment_date"), ("Date de réception du paiement", "payment_date"),
])
def test_payment_columns_under_other_words_are_read(tmp_path, header, field):
    """The header says money was received: it is the amount paid (or the day), never the
    invoice's total, which « Montant » alone would have made it."""
    value = date(2026, 9, 1) if field == "payment_date" else 1200
    master = read_master(book_of(tmp_path / "t.xlsx", two_invoices(header, value)))
    assert master.layout.columns[field].header == header
    assert master.layout.columns["amount_ttc"].header == "Montant TTC"
    assert master.invoices[0].amount_paid == D(1200)  # a date alone: paid that day


@pytest.mark.parametrize("header", ["Date de paiement prévue", "Date relance paiement",
                                    "Montant à payer"])
def test_words_of_money_not_yet_received_are_not_payments(tmp_path, header):
    value = date(2026, 9, 1) if header.startswith("Date") else 1200
    master = read_master(book_of(tmp_path / "t.xlsx", two_invoices(header, value)))
    assert "amount_paid" not in master.layout.columns
    assert "payment_date" not in master.layout.columns
    assert master.invoices[0].amount_paid == 0


@pytest.mark.parametrize("header, value", [
    ("Montant du règlement", 1200), ("Somme reçue", 1200), ("Montant reçu", "1 200,00 €"),
    ("Date de paiement", date(2026, 9, 1)), ("Date de règlement", "01/09/2026"),
])
def test_a_paid_invoice_recorded_under_other_words_is_not_reminded(in_folder, header, value):
    book = book_of(in_folder / "suivi.xlsx", two_invoices(header, value))
    result, drafts = run(in_folder, book)
    assert list(drafts) == ["compta@beta.example"], result.output
    rows = list(openpyxl.load_workbook(book)["Factures"].iter_rows(values_only=True))
    statut = rows[0].index("Statut")
    assert [r[statut] for r in rows[1:]] == ["réglée", "en retard"]
    if header.startswith("Date"):  # the sheet has no amount column: the date stands for it
        assert "tient lieu de montant réglé" in " ".join(result.output.split())


def test_a_payment_date_without_its_amount_is_an_error_and_holds_the_reminder(in_folder):
    """The sheet has « Montant réglé » and « Date de règlement »; a row has the date only.
    Paid in full, or the amount forgotten: not known, so not reminded, and said at the cell."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé",
         "Date de règlement", "Email"],
        ["F1", "Alpha", date(2026, 8, 1), 1200, None, date(2026, 9, 1), "compta@alpha.example"],
        ["F2", "Beta", date(2026, 8, 2), 800, None, None, "compta@beta.example"],
        ["F3", "Gamma", date(2026, 8, 3), 500, 500, date(2026, 9, 2), "compta@gamma.example"],
    ]})
    master = read_master(book)
    errors = [i for i in master.issues if i.severity.value == "error"]
    assert [(i.code, str(i.where)) for i in errors] == [("reglement_sans_montant", "Factures!E2")]
    said = text(errors[0], "fr")
    assert "F1" in said and "01/09/2026" in said and "« Montant réglé »" in said
    result, drafts = run(in_folder, book)
    assert result.exit_code == 1
    assert list(drafts) == ["compta@beta.example"], result.output
    assert "F1 (Factures!A2)" in " ".join(result.output.split())


def test_a_column_about_payments_suivi_cannot_read_is_named(tmp_path):
    book = book_of(tmp_path / "t.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant TTC", "Acompte perçu ?", "Email"],
        ["F1", "Alpha", date(2026, 8, 1), 1200, "oui, 400", "compta@alpha.example"],
        ["F2", "Beta", date(2026, 8, 2), 800, None, "compta@beta.example"],
    ]})
    master = read_master(book)
    found = [i for i in master.issues if i.code == "colonne_reglement_ignoree"]
    assert [str(i.where) for i in found] == ["Factures!E1"]
    said = text(found[0], "fr")
    assert "« Acompte perçu ? »" in said and "1 ligne(s)" in said
    assert 'montant_regle = "Acompte perçu ?"' in hint(found[0], "fr")
    # named in suivi.toml, it is read, and the message goes
    master = read_master(book, ReadOptions(columns={"amount_paid": "Acompte perçu ?"}))
    assert not [i for i in master.issues if i.code == "colonne_reglement_ignoree"]


def credit_book(path, original=None, status="Avoir"):
    return book_of(path, {"Suivi": [
        ["Numéro", "Client", "Date facture", "Échéance", "TTC", "Réglé", "Statut",
         "Facture d'origine"],
        ["F-2026-010", "Alpha", date(2026, 7, 1), date(2026, 7, 31), 1200, 0, None, None],
        ["AV-2026-001", "Alpha", date(2026, 7, 15), None, -600, 0, status, original],
        ["F-2026-011", "Charlie", date(2026, 9, 1), date(2026, 10, 1), 2400, 0, None, None],
    ], "Clients": [
        ["Nom", "Courriel"], ["Alpha", "a@alpha.example"], ["Charlie", "c@charlie.example"],
    ]})


def test_a_credit_note_quoting_no_invoice_holds_its_clients_reminders(in_folder):
    """Alpha holds a 600 € credit note that says which invoice it corrects nowhere: reminding
    Alpha for the whole 1 200 € would claim money it may not owe. Its reminders wait, the
    credit note is named at its cell; Charlie is reminded as usual."""
    book = credit_book(in_folder / "suivi.xlsx")
    result, drafts = run(in_folder, book)
    out = " ".join(result.output.split())
    assert list(drafts) == ["c@charlie.example"], out
    assert "Suivi!A3" in out and "Avoir AV-2026-001 (600,00 €)" in out
    assert "leur client a un avoir qui ne cite aucune facture" in out and "F-2026-010" in out


@pytest.mark.parametrize("original, status, due", [
    ("F-2026-010", "Avoir", "600,00"),  # it quotes its invoice: deducted, the rest reminded
    (None, "Avoir remboursé", "1 200,00"),  # refunded: owed to no one, nothing deducted
])
def test_a_credit_note_that_says_what_it_credits_lets_reminders_go(in_folder, original, status,
                                                                  due):
    book = credit_book(in_folder / "suivi.xlsx", original, status)
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["a@alpha.example", "c@charlie.example"], result.output
    body = drafts["a@alpha.example"].get_body(("plain",)).get_content()
    body = body.replace("\u202f", " ").replace("\u00a0", " ")
    assert f"Total restant dû : {due} €" in body, body
    assert "AV-2026-001" not in " ".join(result.output.split())


def test_one_invoice_sheet_per_year_is_read_whole(tmp_path):
    """Sheets alike (« 2025 », « 2026 »): the one with the latest invoice is the invoice
    sheet, the current year's, where new rows are typed and numbered; the other year is read
    with it (tests/test_sister_sheets.py). Only the latest was read: Beta's unpaid 2025
    invoice was never reminded."""
    header = ["N° facture", "Client", "Date", "Montant TTC", "Statut"]
    book = book_of(tmp_path / "t.xlsx", {
        "2025": [header, ["F2025-101", "Alpha", date(2025, 11, 3), 1200, "Payée"],
                 ["F2025-102", "Beta", date(2025, 12, 3), 700, None]],
        "2026": [header, ["F2026-001", "Alpha", date(2026, 9, 1), 1500, None],
                 ["F2026-002", "Beta", date(2026, 10, 2), 950, None]],
        "Notes": [["Penser à relancer Beta"]],
    })
    master = read_master(book)
    assert master.layout.sheet == "2026"
    assert [s.sheet for s in master.layout.sisters] == ["2025"]
    assert [(i.number, i.sheet) for i in master.invoices] == [
        ("F2026-001", "2026"), ("F2026-002", "2026"), ("F2025-101", "2025"),
        ("F2025-102", "2025")]
    assert not [i for i in master.issues if i.code == "autre_feuille_factures"]
    # the sheet chosen in suivi.toml: the choice is the user's, it is read alone
    master = read_master(book, ReadOptions(sheet="2025"))
    assert master.layout.sheet == "2025" and len(master.invoices) == 2
    assert not master.layout.sisters
    assert not [i for i in master.issues if i.code == "autre_feuille_factures"]
    # named alike in another order, the latest is still the invoice sheet
    book = book_of(tmp_path / "u.xlsx", {
        "Factures 2026": [header, ["F2026-001", "Alpha", date(2026, 9, 1), 1500, None]],
        "Factures 2025": [header, ["F2025-101", "Alpha", date(2025, 11, 3), 1200, "Payée"]]})
    assert read_master(book).layout.sheet == "Factures 2026"


def test_a_hole_in_the_numbering_does_not_hold_the_reminder_of_the_invoice_after_it(in_folder):
    """F-002 was deleted (a cancelled draft, say): the hole is an error, pinned on F-003, but
    what Beta owes on F-003 is not in doubt, so F-003 is reminded like F-001."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé", "Email"],
        ["F-001", "Alpha", date(2026, 8, 1), 1200, 0, "compta@alpha.example"],
        ["F-003", "Beta", date(2026, 8, 2), 800, 0, "compta@beta.example"],
    ]})
    result, drafts = run(in_folder, book)
    out = " ".join(result.output.split())
    assert "il manque F-002" in out
    assert sorted(drafts) == ["compta@alpha.example", "compta@beta.example"], out


def test_a_header_on_two_rows_is_read_with_its_groups(tmp_path):
    """« Facture » over « N° » and « Date », « Client » merged down both rows, « Montant » over
    « HT | TVA | TTC », « Paiement » over « Date | Montant »: the payment's date and amount are
    the payment's, not the invoice's, and « Client » is found."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Factures"
    ws.append(["Facture", None, "Client", "Montant", None, None, "Paiement", None])
    ws.append(["N°", "Date", None, "HT", "TVA", "TTC", "Date", "Montant"])
    for cells in ("A1:B1", "C1:C2", "D1:F1", "G1:H1"):
        ws.merge_cells(cells)
    ws.append(["F001", date(2026, 8, 3), "Delta", 100, 20, 120, None, None])
    ws.append(["F002", date(2026, 9, 3), "Echo", 1000, 200, 1200, date(2026, 9, 30), 1200])
    wb.save(tmp_path / "t.xlsx")
    master = read_master(tmp_path / "t.xlsx")
    columns = {f: info.column for f, info in master.layout.columns.items()}
    assert columns == {"number": "A", "issue_date": "B", "client": "C", "amount_ht": "D",
                       "vat": "E", "amount_ttc": "F", "payment_date": "G", "amount_paid": "H"}
    assert master.layout.header_row == 2
    assert [(i.number, i.client, i.total, i.amount_paid, i.payment_date)
            for i in master.invoices] == [
        ("F001", "Delta", D(120), D(0), None),
        ("F002", "Echo", D(1200), D(1200), date(2026, 9, 30))]
    assert not [i for i in master.issues if i.severity.value != "warning"]


def test_a_header_on_two_rows_whose_upper_row_names_most_columns(tmp_path):
    """« N° facture », « Date », « Client », « Échéance » merged down both rows beside
    « Montant » over « HT | TVA | TTC » and « Règlement » over « Montant | Date »: the upper
    row names as many fields as the lower one. Read row by row, the invoices had neither
    number nor client (a blocking error: nothing was done)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Suivi 2026"
    ws.append(["N° facture", "Date", "Client", "Montant", None, None, "Échéance", "Règlement",
               None])
    ws.append([None, None, None, "HT", "TVA", "TTC", None, "Montant", "Date"])
    for cells in ("A1:A2", "B1:B2", "C1:C2", "D1:F1", "G1:G2", "H1:I1"):
        ws.merge_cells(cells)
    ws.append(["F-1", date(2026, 9, 1), "Garage Martin", 1000, 200, 1200, date(2026, 10, 1),
               1200, date(2026, 9, 20)])
    ws.append(["F-2", date(2026, 9, 5), "Alpha", 250, 50, 300, date(2026, 10, 5), 100,
               date(2026, 10, 1)])
    wb.save(tmp_path / "t.xlsx")
    master = read_master(tmp_path / "t.xlsx")
    assert {f: info.column for f, info in master.layout.columns.items()} == {
        "number": "A", "issue_date": "B", "client": "C", "amount_ht": "D", "vat": "E",
        "amount_ttc": "F", "due_date": "G", "amount_paid": "H", "payment_date": "I"}
    assert master.layout.header_row == 2
    assert [(i.number, i.client, i.total, i.amount_paid, i.payment_date, i.due_date)
            for i in master.invoices] == [
        ("F-1", "Garage Martin", D(1200), D(1200), date(2026, 9, 20), date(2026, 10, 1)),
        ("F-2", "Alpha", D(300), D(100), date(2026, 10, 1), date(2026, 10, 5))]
    assert not [i for i in master.issues if i.severity.value != "warning"]


@pytest.mark.parametrize("group", ["Règlements", "Paiements", "Encaissement", "Paiement reçu",
                                   "Versement", "Règlement client"])
def test_the_date_and_amount_under_a_payment_group_are_the_payments(tmp_path, group):
    """« Règlements » over « N° | Date | Montant »: the date was read as the invoice's date and
    the 50 € paid were not seen (the reminder claimed 120 €); under « Encaissement » the
    invoice had no date (blocking) and the date alone read it paid in full."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Factures"
    ws.append(["N° facture", "Client", "Date facture", "Montant", None, None, group, None, None])
    ws.append([None, None, None, "HT", "TVA", "TTC", "N°", "Date", "Montant"])
    for cells in ("A1:A2", "B1:B2", "C1:C2", "D1:F1", "G1:I1"):
        ws.merge_cells(cells)
    ws.append(["F1", "Alpha", date(2026, 9, 1), 100, 20, 120, "CHQ 123", date(2026, 10, 1), 50])
    wb.save(tmp_path / "t.xlsx")
    master = read_master(tmp_path / "t.xlsx")
    columns = {f: info.column for f, info in master.layout.columns.items()}
    assert columns["payment_date"] == "H" and columns["amount_paid"] == "I"
    assert columns["number"] == "A" and columns["issue_date"] == "C"
    [invoice] = master.invoices
    assert (invoice.total, invoice.amount_paid, invoice.balance) == (D(120), D(50), D(70))
    assert (invoice.issue_date, invoice.payment_date) == (date(2026, 9, 1), date(2026, 10, 1))
    assert not [i for i in master.issues if i.severity.value != "warning"]


def test_a_clients_sheet_with_a_contact_group_on_two_rows(tmp_path):
    """Clients: « Client », « SIREN », « Adresse » merged down beside « Contact » over « Nom |
    Prénom | Email ». Read row by row, the emails were not seen: nobody could be reminded."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Factures"
    ws.append(["N° facture", "Date facture", "Client", "Montant TTC", "Montant réglé"])
    ws.append(["F1", date(2026, 9, 1), "Alpha SARL", 100, 0])
    clients = wb.create_sheet("Clients")
    clients.append(["Client", "SIREN", "Contact", None, None, "Adresse"])
    clients.append([None, None, "Nom", "Prénom", "Email", None])
    for cells in ("A1:A2", "B1:B2", "C1:E1", "F1:F2"):
        clients.merge_cells(cells)
    clients.append(["Alpha SARL", "732829320", "Durand", "Marie", "marie@alpha.example",
                    "1 rue de la Paix 75002 Paris"])
    wb.save(tmp_path / "t.xlsx")
    master = read_master(tmp_path / "t.xlsx")
    assert {f: i.column for f, i in master.layouts["clients"].columns.items()} == {
        "name": "A", "siren": "B", "contact": "C", "email": "E", "address": "F"}
    [client] = master.clients.values()
    assert (client.name, client.emails, client.address) == (
        "Alpha SARL", ("marie@alpha.example",), "1 rue de la Paix 75002 Paris")


def test_a_payments_sheet_with_groups_on_two_rows(tmp_path):
    """Paiements: « Facture » over « N° | Client », « Règlement » over « Date | Montant |
    Mode ». Row by row, « N° » was the payment's reference: the payments were not the
    invoices', both read unpaid (the one paid in full reminded)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Factures"
    ws.append(["N° facture", "Date facture", "Client", "Montant TTC"])
    ws.append(["FAC2026-001", date(2026, 9, 1), "Alpha", 100])
    ws.append(["FAC2026-002", date(2026, 9, 2), "Alpha", 100])
    payments = wb.create_sheet("Paiements")
    payments.append(["Facture", None, "Règlement", None, None])
    payments.append(["N°", "Client", "Date", "Montant", "Mode"])
    for cells in ("A1:B1", "C1:E1"):
        payments.merge_cells(cells)
    payments.append(["FAC2026-002", "Alpha", date(2026, 10, 5), 100, "Virement"])
    wb.save(tmp_path / "t.xlsx")
    master = read_master(tmp_path / "t.xlsx")
    assert master.layouts["payments"].columns["invoice_number"].column == "A"
    assert [(i.number, i.amount_paid) for i in master.invoices] == [
        ("FAC2026-001", D(0)), ("FAC2026-002", D(100))]


def test_a_title_above_the_header_is_not_taken_for_groups(tmp_path):
    """Two words of title over a one-row header (and an empty first header cell): the header
    is read as written."""
    book = book_of(tmp_path / "t.xlsx", {"Factures": [
        ["Suivi des factures", None, None, "Mise à jour le lundi", None],
        [None, "N° facture", "Client", "Date", "Montant"],
        [None, "F1", "Alpha", date(2026, 8, 1), 100],
    ]})
    master = read_master(book)
    assert {f: i.header for f, i in master.layout.columns.items()} == {
        "number": "N° facture", "client": "Client", "issue_date": "Date", "amount_ttc": "Montant"}


@pytest.mark.parametrize("header, dates", [
    ("Relancé le", [date(2026, 10, 15), None]),  # the team's own dates
    ("Relancé le", [None, None]),  # empty yet: the header alone says dates
    ("Date relance", [date(2026, 10, 15), date(2026, 10, 20)]),
])
def test_the_teams_own_reminder_dates_are_never_overwritten(in_folder, header, dates):
    """« Relancé le » reads like « Relance », the step suivi writes back: it would have turned
    the team's 15/10/2026 into « 1 » (shown 02/01/1900). The column is left as it is, named
    in a warning, and suivi keeps the step in a column of its own. The team's dates are read
    as its reminders (tests/test_team_step_columns.py): Alpha's next is Relance 2."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant TTC", "Réglé", header, "Email"],
        ["F1", "Alpha", date(2026, 8, 1), 1200, 0, dates[0], "compta@alpha.example"],
        ["F2", "Beta", date(2026, 8, 2), 800, 0, dates[1], "compta@beta.example"],
    ]})
    master = read_master(book)
    assert "reminder_step" not in master.layout.columns
    said = [i for i in master.issues if i.code in ("colonne_equipe", "relances_equipe")]
    assert [(str(i.where), i.code) for i in said] == [
        ("Factures!F1", "relances_equipe" if any(dates) else "colonne_equipe")]
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@alpha.example", "compta@beta.example"], result.output
    assert drafts["compta@alpha.example"]["Subject"].startswith(
        "Deuxième relance" if dates[0] else "Rappel")
    rows = list(openpyxl.load_workbook(book)["Factures"].iter_rows(values_only=True))
    column = rows[0].index(header)
    assert [r[column].date() if r[column] else None for r in rows[1:]] == dates
    assert "Niveau de relance" in rows[0]


def test_a_step_column_that_holds_steps_is_still_suivis(tmp_path):
    book = book_of(tmp_path / "t.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant TTC", "Relance", "Date prochaine action"],
        ["F1", "Alpha", date(2026, 8, 1), 1200, 2, "appeler M. Martin"],
        ["F2", "Beta", date(2026, 8, 2), 800, "Relance 1", None],
    ]})
    master = read_master(book)
    assert master.layout.columns["reminder_step"].header == "Relance"
    # free text under a date header suivi writes: the team's notes are left alone
    assert "next_action_date" not in master.layout.columns
    assert [str(i.where) for i in master.issues if i.code == "colonne_equipe"] == ["Factures!F1"]
    # a column named in suivi.toml is the user's choice
    master = read_master(book, ReadOptions(columns={"next_action_date": "Date prochaine action"}))
    assert master.layout.columns["next_action_date"].column == "F"


def test_a_case_at_law_or_a_debt_written_off_is_not_reminded_and_keeps_its_words(in_folder):
    """« Huissier », « Contentieux », « Irrécouvrable »: the invoice is out of friendly
    reminders, as a dispute is. A status typed in the team's words that means what suivi
    computes (these, « OK payé » for a paid invoice) is kept as typed, not rewritten."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant TTC", "Réglé", "Statut", "Email"],
        ["F1", "Alpha", date(2026, 8, 1), 1200, 0, "Huissier", "compta@alpha.example"],
        ["F2", "Beta", date(2026, 8, 2), 800, 0, "Irrécouvrable", "compta@beta.example"],
        ["F3", "Delta", date(2026, 8, 3), 300, 0, "Contentieux (avocat)", "compta@delta.example"],
        ["F4", "Echo", date(2026, 8, 4), 400, 400, "OK payé le 3/9", "compta@echo.example"],
        ["F5", "Gamma", date(2026, 8, 20), 500, 0, "Envoyée", "compta@gamma.example"],
    ]})
    result, drafts = run(in_folder, book)
    assert list(drafts) == ["compta@gamma.example"], result.output
    rows = list(openpyxl.load_workbook(book)["Factures"].iter_rows(values_only=True))
    assert [r[5] for r in rows[1:]] == ["Huissier", "Irrécouvrable", "Contentieux (avocat)",
                                        "OK payé le 3/9", "En retard"]  # the team capitalises
    assert "Litiges en cours, relances suspendues (3)" in result.output


def test_invoices_in_another_currency_are_named_and_not_reminded(in_folder):
    """800 dollars must not be claimed as « 800,00 € »: an invoice in another currency (a
    « Devise » column, or « $500.00 », « £300 » in the amount) is named at its cell and not
    reminded; one still to issue is not issued (its PDF would say euros)."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant TTC", "Devise", "Réglé", "Email"],
        ["F1", "Alpha", date(2026, 8, 1), 1200, "EUR", 0, "compta@alpha.example"],
        ["F2", "Beta", date(2026, 8, 2), 800, "USD", 0, "compta@beta.example"],
        ["F3", "Gamma", date(2026, 8, 3), "$500.00", None, 0, "compta@gamma.example"],
        ["F4", "Delta", date(2026, 8, 4), "£300", None, 0, "compta@delta.example"],
        ["F5", "Echo", date(2026, 8, 5), "1 500,00 €", "€", 0, "compta@echo.example"],
        [None, "Beta", date(2026, 11, 30), 900, "Dollars", None, "compta@beta.example"],
    ], "Clients": [
        ["Client", "Adresse", "E-mail"],
        *[[name, "1 rue de la Paix, 75002 Paris", f"compta@{name.lower()}.example"]
          for name in ("Alpha", "Beta", "Gamma", "Delta", "Echo")],
    ]})
    master = read_master(book)
    assert [(i.number, i.currency) for i in master.invoices] == [
        ("F1", None), ("F2", "USD"), ("F3", "USD"), ("F4", "GBP"), ("F5", None), (None, "USD")]
    said = {str(i.where): i.severity.value for i in master.issues if i.code == "devise_etrangere"}
    assert said == {"Factures!E3": "warning", "Factures!D4": "warning",
                    "Factures!D5": "warning", "Factures!E7": "error"}
    result, drafts = run(in_folder, book)
    out = " ".join(result.output.split())
    assert sorted(drafts) == ["compta@alpha.example", "compta@echo.example"], out
    assert "F2 (USD), F3 (USD), F4 (GBP)" in out
    workbook = openpyxl.load_workbook(book)
    rows = list(workbook["Factures"].iter_rows(values_only=True))
    assert rows[6][0] is None  # the dollar invoice to issue was not numbered
    # the indicators count euros only: Alpha's 1 200 € and Echo's 1 500 €; the three invoices
    # in dollars and pounds are counted apart
    kpi = {row[0]: row[1] for row in workbook["Indicateurs"].iter_rows(values_only=True)
           if row and row[0]}
    assert D(str(kpi["Encours total"])) == D(2700)
    assert kpi["Factures en devise étrangère (hors indicateurs)"] == 3


@pytest.mark.parametrize("summary", [False, True])
def test_a_second_run_finds_its_own_step_column_beside_the_teams(in_folder, summary):
    """After the first run suivi keeps the step in its own « Niveau de relance » column (past
    a summary block, when the sheet has one): the next runs find it there, and add no other."""
    header = ["N° facture", "Client", "Date facture", "Montant TTC", "Réglé", "Relancé le",
              "Email"]
    rows = [["F1", "Alpha", date(2026, 8, 1), 1200, 0, date(2026, 10, 15),
             "compta@alpha.example"],
            ["F2", "Beta", date(2026, 8, 2), 800, 0, None, "compta@beta.example"]]
    if summary:
        header += [None, "Synthèse", None]
        rows[0] += [None, "Total dû", 2000]
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [header, *rows]})
    for day in ("2026-12-01", "2026-12-02", "2026-12-08"):
        result = CliRunner().invoke(cli, ["run", str(book), "--date", day],
                                    catch_exceptions=False)
        assert result.exit_code in (0, 1), result.output
    sheet = list(openpyxl.load_workbook(book)["Factures"].iter_rows(values_only=True))
    assert sheet[0].count("Niveau de relance") == 1, sheet[0]
    assert sheet[1][5].date() == date(2026, 10, 15) and sheet[2][5] is None
    step = sheet[0].index("Niveau de relance")
    # Beta at Relance 2 by the 8th; Alpha, reminded by the team on 15/10, is past the call
    # (not a message: no interval) at the formal notice
    assert sheet[1][step] == sheet[2][step] + 2 and sheet[2][step] == 3


def test_a_client_merged_down_over_its_invoices_names_each_of_them(tmp_path):
    """One merged cell « Alpha » over three rows, each with its own number: three invoices of
    Alpha (they were three « client manquant » errors, held from reminders). An amount merged
    over two rows is not copied: it would be counted twice."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Factures"
    ws.append(["N° facture", "Client", "Date facture", "Montant TTC", "Email"])
    ws.append(["F1", "Alpha", date(2026, 8, 1), 100, "compta@alpha.example"])
    ws.append(["F2", None, date(2026, 8, 2), 200, None])
    ws.append(["F3", None, date(2026, 8, 3), 300, None])
    ws.append(["F4", "Beta", date(2026, 8, 4), 400, "compta@beta.example"])
    ws.append(["F5", "Gamma", date(2026, 8, 5), None, "compta@gamma.example"])
    ws.merge_cells("B2:B4")
    ws.merge_cells("D5:D6")
    wb.save(tmp_path / "t.xlsx")
    master = read_master(tmp_path / "t.xlsx")
    assert [(i.number, i.client, i.amount_ttc) for i in master.invoices] == [
        ("F1", "Alpha", D(100)), ("F2", "Alpha", D(200)), ("F3", "Alpha", D(300)),
        ("F4", "Beta", D(400)), ("F5", "Gamma", None)]
    assert not [i for i in master.issues if i.code == "client_manquant"]


@pytest.mark.parametrize("header, rates", [
    ("Taux TVA", [0.2, "5,5 %", "20%"]),     # a rate column, as it says
    ("TVA", [0.2, "5,5 %", "20 %"]),          # « TVA » holding rates, not amounts
    ("TVA", [0.2, 0.055, 0.2]),               # the same typed as %-formatted numbers
    ("TVA", [20, 5.5, 20]),                   # the same typed as plain numbers
])
def test_vat_given_as_a_rate_is_applied_to_the_amount_before_tax(tmp_path, header, rates):
    """Only « Montant HT » and the VAT rate: the invoice's total is HT plus its VAT (1 000 € at
    20 % is 1 200 €), never the HT alone, nor HT plus « 0,20 € » of VAT; a « 20 % » is not an
    unreadable amount."""
    master = read_master(book_of(tmp_path / "t.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant HT", header],
        ["F1", "Alpha", date(2026, 8, 1), 1000, rates[0]],
        ["F2", "Beta", date(2026, 8, 2), D("800.10"), rates[1]],
        ["F3", "Gamma", date(2026, 8, 3), 99.99, rates[2]],
    ]}))
    assert [i.total for i in master.invoices] == [D("1200.00"), D("844.11"), D("119.99")]
    assert [i.vat_rate for i in master.invoices] == [D(20), D("5.5"), D(20)]
    assert not [i for i in master.issues if i.severity.value == "error"], master.issues


def test_a_vat_column_of_rates_typed_as_numbers_beside_the_totals(in_folder):
    """« TVA » holding 20, 10, 5,5 beside « Montant HT » and « Montant TTC »: read as amounts,
    each row was « HT 1 000,00 € + TVA 20,00 € = 1 020,00 €, mais le TTC indiqué est
    1 200,00 € », an error that held every reminder. The rates give each row its TTC: read
    as rates, and reminded for the TTC."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Email", "Date facture", "Montant HT", "TVA", "Montant TTC",
         "Montant réglé"],
        ["F1", "Alpha", "compta@alpha.example", date(2026, 8, 1), 1000, 20, 1200, 0],
        ["F2", "Beta", "compta@beta.example", date(2026, 8, 1), 500, 10, 550, 0],
        ["F3", "Gamma", "compta@gamma.example", date(2026, 8, 1), 1000, 5.5, 1055, 0],
    ]})
    result, drafts = run(in_folder, book)
    assert "total_incoherent" not in result.output and "mais le TTC indiqué" not in result.output
    assert sorted(drafts) == ["compta@alpha.example", "compta@beta.example",
                              "compta@gamma.example"], result.output
    body = drafts["compta@alpha.example"].get_body(("plain",)).get_content()
    assert "Total restant dû : 1 200,00 €" in " ".join(body.split()), body
    master = read_master(book)
    assert [i.vat for i in master.invoices] == [D("200.00"), D("50.00"), D("55.00")]


def test_a_vat_column_of_amounts_stays_amounts(tmp_path):
    """« TVA » holding amounts (20 € on 100 €, and a 0,20 € among them) is read as amounts."""
    master = read_master(book_of(tmp_path / "t.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant HT", "TVA"],
        ["F1", "Alpha", date(2026, 8, 1), 100, 20],
        ["F2", "Beta", date(2026, 8, 2), 1, 0.2],
    ]}))
    assert [i.total for i in master.invoices] == [D(120), D("1.2")]
    assert "vat" in master.layout.columns
    # amounts that are all French rates in number, one of them only an amount (200 on 1 000)
    master = read_master(book_of(tmp_path / "u.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant HT", "TVA"],
        ["F1", "Alpha", date(2026, 8, 1), 100, 20],
        ["F2", "Beta", date(2026, 8, 2), 50, 10],
        ["F3", "Gamma", date(2026, 8, 3), 1000, 200],
    ]}))
    assert [i.total for i in master.invoices] == [D(120), D(60), D(1200)]
    assert "vat" in master.layout.columns


def test_payment_terms_typed_in_the_due_date_column_give_the_due_date(in_folder):
    """« 30 jours fin de mois » or « à réception » typed under « Échéance » is when the invoice
    is due, not an unreadable date that held its reminder: the due date is reckoned from it and
    said at the cell. A text that is neither stays an error."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant TTC", "Échéance", "Email", "Réglé"],
        ["F1", "Alpha", date(2026, 8, 15), 1200, "30 jours fin de mois", "compta@alpha.example",
         0],
        ["F2", "Beta", date(2026, 9, 2), 800, "à réception", "compta@beta.example", 0],
        ["F3", "Gamma", date(2026, 9, 3), 500, "voir contrat", "compta@gamma.example", 0],
    ]})
    master = read_master(book)
    assert [i.due_date for i in master.invoices[:2]] == [date(2026, 9, 30), date(2026, 9, 2)]
    errors = [(i.code, str(i.where)) for i in master.issues if i.severity.value == "error"]
    assert errors == [("date_illisible", "Factures!E4")]
    said = {str(i.where): text(i, "fr") for i in master.issues if i.code == "echeance_calculee"}
    assert "30/09/2026" in said["Factures!E2"] and "30 jours fin de mois" in said["Factures!E2"]
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@alpha.example", "compta@beta.example"], result.output


@pytest.mark.parametrize("status", ["Partiellement payé", "Paiement partiel", "Acompte reçu",
                                    "Réglée en partie"])
def test_a_status_saying_part_was_paid_without_the_amount_holds_the_reminder(in_folder, status):
    """The team typed « Partiellement payé » and no amount: a reminder would claim the whole
    1 200 €. It is an error at the amount's cell, and Alpha is not reminded until the amount is
    typed; then the reminder asks for what remains."""
    def book_with(paid):
        return book_of(in_folder / "suivi.xlsx", {"Factures": [
            ["N° facture", "Client", "Date facture", "Montant TTC", "Réglé", "Statut", "Email"],
            ["F1", "Alpha", date(2026, 8, 1), 1200, paid, status, "compta@alpha.example"],
            ["F2", "Beta", date(2026, 8, 2), 800, None, None, "compta@beta.example"],
        ]})
    master = read_master(book_with(None))
    errors = [(i.code, str(i.where)) for i in master.issues if i.severity.value == "error"]
    assert errors == [("reglement_partiel_sans_montant", "Factures!E2")]
    # « Acompte reçu » is a deposit paid on this invoice, not a deposit invoice (its PDF
    # would be titled « Facture d'acompte »)
    assert master.invoices[0].kind is InvoiceKind.INVOICE
    book = book_with(None)
    result, drafts = run(in_folder, book)
    assert list(drafts) == ["compta@beta.example"], result.output
    assert "F1" in " ".join(result.output.split())
    # the team's words stay: rewritten « en retard », the next run would remind the whole total
    statut = [r[5] for r in openpyxl.load_workbook(book)["Factures"].iter_rows(values_only=True)]
    assert statut[1] == status
    result, drafts = run(in_folder, book, "--date", "2026-12-02")
    assert "compta@alpha.example" not in drafts, result.output
    for eml in (in_folder / "relances").rglob("*.eml"):
        eml.unlink()
    from suivi.workbook import update_workbook

    with update_workbook(book) as changes:  # the team types the 500 € received
        changes.set_cell("Factures", "E2", D(500))
    result, drafts = run(in_folder, book, "--date", "2026-12-03")
    body = drafts["compta@alpha.example"].get_body(("plain",)).get_content()
    assert "700,00" in body.replace("\u202f", " ").replace("\xa0", " "), body


def test_dates_written_month_first_are_read_month_first(tmp_path):
    """A tracker pasted from an American export writes « 08/15/2026 »: its « 03/04/2026 » is
    the 4th of March, not the 3rd of April, and « 08/15/2026 » is not an error. The sheet is
    judged as a whole (one date can only be month first, none can only be day first), and a
    warning says how its dates are read."""
    master = read_master(book_of(tmp_path / "t.xlsx", {"Invoices": [
        ["Invoice #", "Customer", "Invoice date", "Amount", "Due date"],
        ["F1", "Alpha", "08/15/2026", 1200, "09/14/2026"],
        ["F2", "Beta", "03/04/2026", 800, "04/03/2026"],
        ["F3", "Gamma", date(2026, 5, 6), 500, "06/05/2026"],   # a real date cell is a date
    ]}))
    assert [(i.issue_date, i.due_date) for i in master.invoices] == [
        (date(2026, 8, 15), date(2026, 9, 14)), (date(2026, 3, 4), date(2026, 4, 3)),
        (date(2026, 5, 6), date(2026, 6, 5))]
    assert not [i for i in master.issues if i.severity.value == "error"], master.issues
    said = [text(i, "fr") for i in master.issues if i.code == "dates_mois_dabord"]
    assert len(said) == 1 and "08/15/2026" in said[0] and "04/03/2026" in said[0], said


def test_day_first_stays_the_rule_when_the_sheet_says_both(tmp_path):
    """« 25/11/2026 » (day first) and « 11/25/2026 » (month first) in one sheet: the order is
    not known, French is the rule, and the one that cannot be read so is an error."""
    master = read_master(book_of(tmp_path / "t.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant TTC"],
        ["F1", "Alpha", "25/11/2026", 1200],
        ["F2", "Beta", "11/25/2026", 800],
        ["F3", "Gamma", "03/04/2026", 500],
    ]}))
    assert [i.issue_date for i in master.invoices] == [date(2026, 11, 25), None,
                                                       date(2026, 4, 3)]
    assert [i.code for i in master.issues if i.severity.value == "error"] == ["date_illisible"]
    assert not [i for i in master.issues if i.code == "dates_mois_dabord"]


def payments_book(path, *payments):
    """Alpha owes F2026-001 (1 200 €) and F2026-002 (800 €), Beta F2026-003 (500 €), all late;
    the Paiements sheet lists `payments` (date, amount, what the team typed for the invoice)."""
    return book_of(path, {
        "Factures": [
            ["N° facture", "Client", "Date facture", "Montant TTC", "Échéance", "Email"],
            ["F2026-001", "Alpha", date(2026, 8, 1), 1200, date(2026, 9, 1),
             "compta@alpha.example"],
            ["F2026-002", "Alpha", date(2026, 8, 2), 800, date(2026, 9, 2),
             "compta@alpha.example"],
            ["F2026-003", "Beta", date(2026, 8, 3), 500, date(2026, 9, 3), "compta@beta.example"],
        ],
        "Paiements": [["Date", "Montant", "Facture"], *payments]})


@pytest.mark.parametrize("typed", ["Facture F-2026-001", "Règlement F2026-001 Alpha",
                                   "VIR ALPHA FAC F2026/001", "F2026-001 1200 €", "F2026001"])
def test_a_payment_naming_its_invoice_among_other_words_pays_it(in_folder, typed):
    """The Paiements row says « Facture F-2026-001 »: it is F2026-001's payment, and Alpha is
    not reminded for the 1 200 € it paid (only for F2026-002)."""
    book = payments_book(in_folder / "suivi.xlsx", [date(2026, 9, 5), 1200, typed])
    master = read_master(book)
    assert [i.amount_paid for i in master.invoices] == [D(1200), 0, 0]
    assert not [i for i in master.issues if i.code == "paiement_facture_inconnue"]
    result, drafts = run(in_folder, book)
    body = drafts["compta@alpha.example"].get_body(("plain",)).get_content()
    assert "F2026-002" in body and "F2026-001" not in body, body


@pytest.mark.parametrize("typed, amount, paid", [
    ("F2026-001 + F2026-002", 2000, [D(1200), D(800), 0]),   # both, to the cent
    ("F2026-001, F2026-002", 1500, [D(1200), D(300), 0]),    # the oldest first, the rest after
    ("F2026-001 et F2026-003", 1700, [D(1200), 0, D(500)]),
])
def test_a_payment_for_several_invoices_pays_each_in_turn(tmp_path, typed, amount, paid):
    """One Paiements row for several invoices pays them in the order they fell due, each up to
    what it owes; the split is said at the cell."""
    master = read_master(payments_book(tmp_path / "t.xlsx", [date(2026, 9, 5), amount, typed]))
    assert [i.amount_paid for i in master.invoices] == paid
    said = [text(i, "fr") for i in master.issues if i.code == "paiement_reparti"]
    assert len(said) == 1 and typed in said[0], master.issues
    assert not [i for i in master.issues if i.code == "paiement_facture_inconnue"]


def test_a_payment_naming_no_invoice_among_its_words_is_still_named(tmp_path):
    """« Virement Alpha » names no invoice: reported at its cell as before (its money counts for
    none), and a number in it that is no invoice's (« F2026-999 ») is not taken for another."""
    master = read_master(payments_book(tmp_path / "t.xlsx",
                                       [date(2026, 9, 5), 100, "Virement Alpha"],
                                       [date(2026, 9, 6), 100, "Facture F2026-999"],
                                       [date(2026, 9, 6), 100, "F2026-001-2"],
                                       [date(2026, 9, 6), 100, "2026"]))
    assert [i.amount_paid for i in master.invoices] == [0, 0, 0]
    assert [str(i.where) for i in master.issues if i.code == "paiement_facture_inconnue"] == [
        "Paiements!C2", "Paiements!C3", "Paiements!C4", "Paiements!C5"]


def test_a_payment_naming_an_invoice_that_does_not_exist_holds_what_it_may_pay(in_folder):
    """« 2026-003 » typed for F2026-003 (the series' letter left out), and « F2026-999 » on a
    row that names Alpha: each was a warning, its money counted for nothing, and the invoices
    it paid were reminded. What such a payment may pay is now held: the invoices whose number
    ends as it does, and the invoices its client had before it."""
    book = payments_book(in_folder / "suivi.xlsx", [date(2026, 9, 5), 500, "2026-003"])
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@alpha.example"], result.output  # Beta's F2026-003 held
    out = " ".join(result.output.split())
    assert "les factures qu'il pourrait régler ne sont pas relancées" in out, out
    assert "F2026-003" in out.split("non relancée(s)")[1], out
    other = in_folder / "par_client"
    other.mkdir()
    book = payments_book(other / "suivi.xlsx")
    wb = openpyxl.load_workbook(book)
    ws = wb["Paiements"]
    ws.delete_rows(1, ws.max_row)
    for values in [["Date", "Montant", "Facture", "Client"],
                   [date(2026, 9, 5), 1200, "F2026-999", "Alpha"]]:
        ws.append(values)
    wb.save(book)
    result, drafts = run(other, book)
    assert sorted(drafts) == ["compta@beta.example"], result.output  # Alpha's invoices held
    again = CliRunner().invoke(cli, ["check", str(book), "--date", TODAY, "--json"])
    said = [i for i in json.loads(again.output)["issues"]
            if i["code"] == "paiement_facture_inconnue"]
    assert [i["cell"] for i in said] == ["Paiements!C2"]
    assert "ne sont pas relancées tant que ce n'est pas clair" in said[0]["message"]


def client_payments_book(path, *payments):
    """`payments_book` with a Paiements sheet kept by client, without invoice numbers."""
    book = payments_book(path)
    wb = openpyxl.load_workbook(book)
    ws = wb["Paiements"]
    ws.delete_rows(1, ws.max_row)
    for values in [["Date", "Montant", "Client"], *payments]:
        ws.append(values)
    wb.save(book)
    return book


@pytest.mark.parametrize("payments, paid", [
    ([[date(2026, 9, 6), 500, "Beta"]], [0, 0, D(500)]),            # Beta's only invoice
    ([[date(2026, 9, 5), 1200, "Alpha"]], [D(1200), 0, 0]),         # the one owing 1 200 €
    ([[date(2026, 9, 5), 2000, "ALPHA"]], [D(1200), D(800), 0]),    # all Alpha owes
    ([[date(2026, 9, 5), 800, "Alpha"], [date(2026, 9, 6), 1200, "Alpha"]],
     [D(1200), D(800), 0]),
])
def test_a_payment_recorded_by_client_pays_the_invoice_it_can_only_be(tmp_path, payments, paid):
    """The team keeps Paiements by client, with no invoice number: a payment that is exactly
    what one of the client's open invoices owes, or all of them together, pays it (them)."""
    master = read_master(client_payments_book(tmp_path / "t.xlsx", *payments))
    assert [i.amount_paid for i in master.invoices] == paid
    assert not [i for i in master.issues if i.code == "paiement_sans_facture"]


def test_a_payment_by_client_that_fits_no_invoice_is_named_and_holds_the_client(in_folder):
    """300 € from Alpha fits none of its invoices (1 200 € and 800 €): which one it pays is not
    known; it is named at its cell, and Alpha is not reminded (a reminder would claim the 300 €
    paid). Beta's payment pays its invoice: Beta is not reminded either."""
    book = client_payments_book(in_folder / "suivi.xlsx", [date(2026, 9, 5), 300, "Alpha"],
                                [date(2026, 9, 6), 500, "Beta"])
    master = read_master(book)
    assert [i.amount_paid for i in master.invoices] == [0, 0, D(500)]
    said = [(str(i.where), text(i, "fr")) for i in master.issues
            if i.code == "paiement_sans_facture"]
    assert len(said) == 1 and said[0][0] == "Paiements!A2" and "Alpha" in said[0][1], said
    result, drafts = run(in_folder, book)
    assert drafts == {}, result.output
    said = " ".join(result.output.split())
    assert "règlement dans Paiements qui ne dit pas quelle facture il règle" in said, said


def test_formulas_saved_without_their_values_are_computed_or_named(in_folder):
    """A tracker written by a script (openpyxl) keeps « =D2*1.2 » without its value: read as
    empty, F1 would be worth its HT alone. suivi computes it as Excel does (1 200 €). F2's
    « Réglé » points to another sheet (=Encaissements!B2): suivi cannot compute it, and read as
    empty Beta, who paid, would be reminded; it is an error naming the cell, and Beta is not
    reminded. Alpha and Gamma are."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant HT", "Montant TTC", "Réglé", "Email"],
        ["F1", "Alpha", date(2026, 8, 1), 1000, "=D2*1.2", None, "compta@alpha.example"],
        ["F2", "Beta", date(2026, 8, 2), 800, 960, "=Encaissements!B2", "compta@beta.example"],
        ["F3", "Gamma", date(2026, 8, 3), 500, 600, None, "compta@gamma.example"],
    ], "Encaissements": [["Facture", "Montant"], ["F2", 960]]})
    master = read_master(book)
    said = [(i.code, str(i.where)) for i in master.issues if i.severity.value == "error"]
    assert said == [("formule_sans_valeur", "Factures!F3")]
    assert "Excel ou LibreOffice" in hint(next(i for i in master.issues
                                               if i.code == "formule_sans_valeur"), "fr")
    assert master.invoices[0].amount_ttc == D("1200")
    assert any(i.code == "formules_calculees" and str(i.where) == "Factures!E2"
               for i in master.issues)
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@alpha.example", "compta@gamma.example"], result.output


def test_a_formula_whose_value_is_empty_text_is_not_taken_for_one_without_value(tmp_path):
    """Excel saves =IF(G2="","",…) giving "" as t="str" with an empty value: that is a value;
    a shared formula without one (<f t="shared" si="0"/>) is not."""
    import zipfile

    from suivi.workbook.cell_marks import UNCACHED
    from suivi.workbook.package import check_extents

    book = book_of(tmp_path / "t.xlsx", {"Factures": [["A"], [1]]})
    with zipfile.ZipFile(book) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = next(n for n in parts if n.startswith("xl/worksheets/"))
    parts[sheet] = parts[sheet].replace(b"</sheetData>", (
        b'<row r="3"><c r="A3" t="str"><f>IF(B3="","",B3)</f><v></v></c>'
        b'<c r="B3"><f t="shared" ref="B3:B4" si="0">C3*2</f><v>4</v></c></row>'
        b'<row r="4"><c r="B4"><f t="shared" si="0"/></c><c r="C4"><f>A1</f><v/></c></row>'
        b"</sheetData>"))
    with zipfile.ZipFile(book, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    # the formula's text follows the mark when the cell holds it (a shared one's is elsewhere)
    assert check_extents(book) == {"Factures": {(3, 1): UNCACHED, (3, 2): UNCACHED + "A1"}}


def test_an_amount_typed_with_a_lone_separator_is_named_not_claimed(in_folder):
    """« 1.200 » typed as text was read 1,20 € (and « 1.200 » paid made a paid invoice owe
    1 198,80 €). Thousands or decimals cannot be told apart: the cell is named, the row is
    held, and once retyped the invoice is reminded for what it says."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé", "Email"],
        ["F1", "Alpha", date(2026, 8, 1), "1.200", None, "compta@alpha.example"],
        ["F2", "Beta", date(2026, 8, 2), 1200, "1.200", "compta@beta.example"],
        ["F3", "Gamma", date(2026, 8, 3), "1.200,00 €", None, "compta@gamma.example"],
    ]})
    master = read_master(book)
    errors = [i for i in master.issues if i.severity.value == "error"]
    assert [(i.code, str(i.where)) for i in errors] == [("montant_illisible", "Factures!D2"),
                                                        ("montant_illisible", "Factures!E3")]
    assert "« 1.200 » est ambigu" in text(errors[0], "fr")
    assert "1 234,56" in hint(errors[0], "fr")
    result, drafts = run(in_folder, book)
    assert list(drafts) == ["compta@gamma.example"], result.output
    body = drafts["compta@gamma.example"].get_body(("plain",)).get_content()
    assert "1 200,00 €" in " ".join(body.split())


def test_the_status_table_says_the_total_and_what_is_still_due_apart(in_folder):
    """The console's « Factures par statut » gave a cancelled or overpaid invoice's total
    under « Montant (reste dû) »: 1 700 € « due » on two cancelled invoices. Now the total
    and what is still due are two columns, and nothing is due on a closed invoice."""
    import json

    book = statut_book(in_folder, [
        ["F1", "Alpha", date(2026, 8, 1), 1200, 1300, None, "compta@alpha.example"],
        ["F2", "Beta", date(2026, 8, 2), 800, None, "Annulée", "compta@beta.example"],
        ["F3", "Gamma", date(2026, 8, 3), 500, 200, None, "compta@gamma.example"],
        ["F4", "Delta", date(2026, 8, 4), 400, 400, None, "compta@delta.example"],
    ])
    result, _ = run(in_folder, book, "--dry-run", "--json")
    statuses = json.loads(result.output)["statuses"]
    assert {s: (v["count"], D(v["amount"]), D(v["due"])) for s, v in statuses.items()} == {
        "trop-perçu": (1, 1200, 0), "annulée": (1, 800, 0),
        "partiellement réglée": (1, 500, 300), "réglée": (1, 400, 0)}
    result, _ = run(in_folder, book, "--dry-run")
    table = result.output[:result.output.index("Factures en retard")]
    assert "Montant TTC" in table and "Reste dû" in table and "reste dû)" not in table
    line = next(li for li in table.splitlines() if "annulée" in li)
    cells = [" ".join(c.split()) for c in line.strip("│ ").split("│")]
    assert cells == ["annulée", "1", "800,00 €", "0,00 €"]


def test_a_status_that_changed_is_written_in_the_teams_words(in_folder):
    """A Statut kept with a drop-down list (« En attente / En retard / Payée / Litige ») was
    filled with suivi's words on the first run: « émise » over every « En attente », « en
    retard », « réglée », breaking the team's filters and pivot tables. Now a word that means
    the computed status is kept, and a status that changed is written in the team's word."""
    from openpyxl.worksheet.datavalidation import DataValidation

    book = statut_book(in_folder, [
        ["F1", "Alpha", date(2026, 8, 1), 1200, 1200, "En attente", "compta@alpha.example"],
        ["F2", "Beta", date(2026, 8, 2), 800, None, "En attente", "compta@beta.example"],
        ["F3", "Gamma", date(2026, 11, 20), 500, None, "En attente", "compta@gamma.example"],
        ["F4", "Delta", date(2026, 8, 4), 400, 400, "Payée", "compta@delta.example"],
        ["F5", "Echo", date(2026, 8, 5), 300, None, "En retard", "compta@echo.example"],
        ["F6", "Fox", date(2026, 8, 6), 200, None, "Impayée", "compta@fox.example"],
    ])
    wb = openpyxl.load_workbook(book)
    listed = DataValidation(type="list", formula1='"En attente,En retard,Payée,Litige"')
    listed.add("F2:F100")
    wb["Factures"].add_data_validation(listed)
    wb.save(book)
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@beta.example", "compta@echo.example",
                              "compta@fox.example"], result.output
    statuts = [r[5] for r in openpyxl.load_workbook(book)["Factures"].iter_rows(
        min_row=2, values_only=True)]
    assert statuts == ["Payée", "En retard", "En attente", "Payée", "En retard", "Impayée"]
    assert set(statuts) <= {"En attente", "En retard", "Payée", "Litige", "Impayée"}
    # the next day, nothing in the team's words is rewritten
    again = CliRunner().invoke(cli, ["run", str(book), "--date", "2026-12-02", "--json"],
                               catch_exceptions=False)
    import json

    assert set(json.loads(again.output)["statuses"]) == {"en retard", "émise", "réglée"}
    assert [r[5] for r in openpyxl.load_workbook(book)["Factures"].iter_rows(
        min_row=2, values_only=True)] == statuts


@pytest.mark.parametrize("typed, words", [
    (["Payée", "Payée", "En attente", "Payée le 3/9", "Voir Paul", None], {
        "réglée": "Payée", "émise": "En attente", "en retard": "En retard",
        "partiellement réglée": "Partiellement réglée"}),
    (["réglée", "en retard", "émise", "Payée"], {
        "réglée": "réglée", "émise": "émise", "en retard": "en retard",
        "partiellement réglée": "partiellement réglée"}),
    (["paid", "unpaid", "overdue"], {"réglée": "paid", "émise": "unpaid", "en retard": "overdue",
                                     "partiellement réglée": "partiellement réglée"}),
])
def test_the_teams_word_for_each_status_is_its_most_used_plain_one(typed, words):
    from suivi.core.ledger import status_words
    from suivi.core.models import Status

    found = status_words(typed)
    assert {s.value: found.get(s, s.value) for s in Status if s.value in words} == words


def test_dates_after_today_are_named(in_folder):
    """An invoice dated 2062 for 2026 is never due before then: it was silently never
    reminded. A payment dated next year cannot have been received: counted as typed, named."""
    import json

    book = book_of(in_folder / "suivi.xlsx", {
        "Factures": [
            ["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé",
             "Date de règlement", "Email"],
            ["F1", "Alpha", date(2062, 8, 1), 1200, None, None, "compta@alpha.example"],
            ["F2", "Beta", date(2026, 8, 2), 800, None, None, "compta@beta.example"],
            ["F3", "Gamma", date(2026, 8, 3), 500, 500, date(2027, 9, 3), "compta@gamma.example"],
            ["F4", "Delta", date(2026, 8, 4), 400, 400, date(2026, 9, 4), "compta@delta.example"],
        ],
        "Paiements": [["Date", "N° facture", "Montant"], [date(2027, 9, 2), "F2", 800]]})
    result = CliRunner().invoke(cli, ["check", str(book), "--date", TODAY, "--json"],
                                catch_exceptions=False)
    issues = json.loads(result.output)["issues"]
    said = {(i["code"], i["cell"]): i["message"] for i in issues
            if i["code"] in ("date_facture_future", "reglement_futur")}
    assert sorted(said) == [("date_facture_future", "Factures!C2"),
                            ("reglement_futur", "Factures!F4"),
                            ("reglement_futur", "Paiements!A2")]
    assert "datée du 01/08/2062, après aujourd'hui (01/12/2026)" in said[
        ("date_facture_future", "Factures!C2")]
    assert "daté du 02/09/2027" in " ".join(said[("reglement_futur", "Paiements!A2")].split())


@pytest.mark.parametrize("alpha, beta", [("C001", "C002"), (411001, 411002)])
def test_invoices_naming_their_client_by_code_reach_the_client(in_folder, alpha, beta):
    """« Code client » C001 in Factures, the code and the name in Clients: every invoice was
    « client inconnu », an error that held its reminder, and the hint said to add a client
    already there. The code now stands for the client, in Paiements too; « Code postal » is
    not taken for a code."""
    book = book_of(in_folder / "suivi.xlsx", {
        "Factures": [["N° facture", "Code client", "Date facture", "Montant TTC"],
                     ["F1", alpha, date(2026, 8, 1), 1200],
                     ["F2", beta, date(2026, 8, 2), 800],
                     ["F3", beta, date(2026, 8, 3), 500]],
        "Clients": [["Code client", "Raison sociale", "Code postal", "Email", "SIREN"],
                    [alpha, "Alpha SARL", "69002", "compta@alpha.example", "732829320"],
                    [beta, "Beta SA", "69003", "compta@beta.example", "552100554"]],
        "Paiements": [["Date", "Client", "Montant"], [date(2026, 9, 1), beta, 800]]})
    master = read_master(book)
    assert [i.client for i in master.invoices] == ["Alpha SARL", "Beta SA", "Beta SA"]
    assert master.layouts["clients"].columns["code"].header == "Code client"
    assert not [i for i in master.issues if i.severity.value == "error"]
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@alpha.example", "compta@beta.example"], result.output
    body = drafts["compta@beta.example"].get_body(("plain",)).get_content()
    assert "F3" in body and "F2" not in body  # Beta's payment by code paid F2


def test_a_postal_code_column_is_not_a_client_code(tmp_path):
    book = book_of(tmp_path / "t.xlsx", {
        "Factures": [["N° facture", "Client", "Date facture", "Montant TTC"],
                     ["F1", "69002", date(2026, 8, 1), 1200]],
        "Clients": [["Nom", "Code postal", "Email"], ["Alpha SARL", "69002", "a@alpha.example"]]})
    master = read_master(book)
    assert "code" not in master.layouts["clients"].columns
    assert master.invoices[0].client == "69002"


def test_the_teams_own_last_reminder_date_keeps_the_interval_between_messages(in_folder):
    """The team reminded Alpha yesterday and typed it under « Date dernière relance »: suivi's
    first run drafted another reminder for Alpha the next morning. The team's date now counts
    as a message to the client, and as Relance 1 (it came after the due date): suivi's next
    message, once the interval has passed, is Relance 2, not a first reminder again; Gamma,
    reminded on 01/10, gets Relance 2 today."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant TTC", "Email", "Date dernière relance",
         "Réglé"],
        ["F1", "Alpha", date(2026, 8, 1), 1200, "compta@alpha.example", date(2026, 11, 30), 0],
        ["F2", "Beta", date(2026, 8, 2), 800, "compta@beta.example", None, 0],
        ["F3", "Gamma", date(2026, 8, 3), 500, "compta@gamma.example", date(2026, 10, 1), 0],
    ]})
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@beta.example", "compta@gamma.example"], result.output
    rows = list(openpyxl.load_workbook(book)["Factures"].iter_rows(values_only=True))
    head = rows[0]
    alpha = dict(zip(head, rows[1]))
    assert alpha["Date dernière relance"].date() == date(2026, 11, 30)  # the team's, kept
    assert alpha["Prochaine action"] == "Relance 2"
    assert alpha["Date prochaine action"].date() == date(2026, 12, 7)
    assert drafts["compta@gamma.example"]["Subject"].startswith("Deuxième relance")
    assert "Beta – Relance 1 – F2" in " ".join(result.output.split())
    later = CliRunner().invoke(cli, ["run", str(book), "--date", "2026-12-07"],
                               catch_exceptions=False)
    assert "Alpha – Relance 2 – F1" in " ".join(later.output.split()), later.output


def test_a_reminder_the_team_wrote_in_the_statut_keeps_the_interval_too(in_folder):
    """« Relancé le 28/11 » typed in the Statut was a note kept and read for nothing: suivi's
    first run reminded Alpha three days after the team had. The day counts as a message to
    the client, and as Relance 1: suivi's next message is Relance 2. « À relancer le 15/11 »
    (a plan) and a day long past do not hold anyone."""
    book = statut_book(in_folder, [
        ["F1", "Alpha", date(2026, 8, 1), 1200, 0, "Relancé par mail le 28/11",
         "compta@alpha.example"],
        ["F2", "Beta", date(2026, 8, 2), 800, 0, "À relancer le 15/11", "compta@beta.example"],
        ["F3", "Gamma", date(2026, 8, 3), 500, 0, "Relancé le 02/10", "compta@gamma.example"],
    ])
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@beta.example", "compta@gamma.example"], result.output
    rows = list(openpyxl.load_workbook(book)["Factures"].iter_rows(values_only=True))
    alpha = dict(zip(rows[0], rows[1]))
    assert alpha["Statut"] == "Relancé par mail le 28/11"  # the team's note, kept
    assert alpha["Prochaine action"] == "Relance 2"
    assert alpha["Date prochaine action"].date() == date(2026, 12, 3)  # 28/11 + 5 days
    assert "Beta – Relance 1 – F2" in " ".join(result.output.split())
    later = CliRunner().invoke(cli, ["run", str(book), "--date", "2026-12-03"],
                               catch_exceptions=False)
    assert "Alpha – Relance 2 – F1" in " ".join(later.output.split()), later.output


def test_a_solde_column_of_amounts_is_what_is_left_to_pay(in_folder):
    """« Solde » read as the amount paid: a settled invoice (« Solde » 0) owed its whole total
    and was reminded, and one with 700 € left was reminded for 300 €. Over amounts, « Solde »
    is what is left to pay; « Soldée » over marks stays a mark of payment."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant TTC", "Acompte", "Solde", "Email"],
        ["F1", "Alpha", date(2026, 8, 1), 1000, 300, 700, "compta@alpha.example"],
        ["F2", "Beta", date(2026, 8, 2), 800, 300, 0, "compta@beta.example"],
    ]})
    master = read_master(book)
    assert master.layout.columns["balance"].header == "Solde"
    assert [i.amount_paid for i in master.invoices] == [D(300), D(800)]
    result, drafts = run(in_folder, book)
    assert list(drafts) == ["compta@alpha.example"], result.output
    body = " ".join(drafts["compta@alpha.example"].get_body(("plain",)).get_content().split())
    assert "Facture F1 du 01/08/2026 : 700,00 € restant dû" in body
    assert "Total restant dû : 700,00 €" in body
    marks = read_master(book_of(in_folder / "m.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant TTC", "Soldée"],
        ["F1", "Alpha", date(2026, 8, 1), 1000, "Oui"], ["F2", "Beta", date(2026, 8, 2), 800, None]]}))
    assert [i.amount_paid for i in marks.invoices] == [D(1000), D(0)]


def test_a_bank_log_pasted_in_paiements_pays_the_invoices_its_labels_name(in_folder):
    """Paiements kept as the bank's lines (Date, Libellé, Débit, Crédit): the credits had no
    « N° facture » and no client, counted for nothing, silently; Alpha, who paid, was
    reminded. The number in the label is the invoice; a credit naming none is said."""
    book = book_of(in_folder / "suivi.xlsx", {
        "Factures": [["N° facture", "Client", "Date facture", "Montant TTC", "Email"],
                     ["F2026-001", "Alpha", date(2026, 8, 1), 1200, "compta@alpha.example"],
                     ["F2026-002", "Beta", date(2026, 8, 2), 800, "compta@beta.example"],
                     ["F2026-003", "Beta", date(2026, 8, 3), 500, "compta@beta.example"],
                     ["F2026-004", "Delta", date(2026, 8, 4), 600, "compta@delta.example"]],
        "Paiements": [["Date", "Libellé", "Débit", "Crédit"],
                      [date(2026, 9, 1), "VIR ALPHA FAC F2026-001", None, 1200],
                      [date(2026, 9, 2), "PRLV EDF", 80, None],
                      [date(2026, 9, 3), "VIR SEPA REMB ASSURANCE", None, 45],
                      [date(2025, 9, 3), "VIR ANCIEN CLIENT", None, 70],
                      [date(2026, 9, 4), "VIR BETA F2026-002 ET F2026-003", None, 1300]]})
    master = read_master(book)
    assert [i.amount_paid for i in master.invoices] == [D(1200), D(800), D(500), D(0)]
    said = [(i.code, str(i.where)) for i in master.issues if i.code.startswith("paiement")]
    assert said == [("paiement_reparti", "Paiements!A6"), ("paiement_non_attribue", "Paiements!A4")]
    anonymous = next(i for i in master.issues if i.code == "paiement_non_attribue")
    assert "« VIR SEPA REMB ASSURANCE »" in text(anonymous, "fr")
    result, drafts = run(in_folder, book)
    assert list(drafts) == ["compta@delta.example"], result.output


def test_a_client_whose_address_changed_is_written_to_at_its_latest_one(in_folder):
    """No Clients sheet, the address typed on each row: Alpha's first invoice carries its
    address of 2024, long gone; the reminder went there. The latest row that has an address
    gives it; a later row left empty does not erase it."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant TTC", "Email", "Réglé"],
        ["F1", "Alpha", date(2024, 3, 1), 1200, "ancienne@alpha.example", 1200],
        ["F2", "Alpha", date(2026, 8, 1), 800, "compta@alpha.example", 0],
        ["F3", "Alpha", date(2026, 8, 20), 300, None, 0],
    ]})
    master = read_master(book)
    assert master.clients["alpha"].emails == ("compta@alpha.example",)
    result, drafts = run(in_folder, book)
    assert list(drafts) == ["compta@alpha.example"], result.output


@pytest.mark.parametrize("header", ["Ne pas relancer", "Exclure des relances", "Stop relance"])
def test_a_do_not_remind_column_is_obeyed_for_the_client_and_the_invoice(in_folder, header):
    """« Exclure des relances » with « x » in Clients was read as « Relances » = yes, and
    « Ne pas relancer » not at all: the clients and invoices the team marked were reminded.
    A mark there now keeps the client (Clients) or the invoice (Factures) out of reminders."""
    book = book_of(in_folder / "suivi.xlsx", {
        "Factures": [["N° facture", "Client", "Date facture", "Montant TTC", header, "Réglé"],
                     ["F1", "Alpha", date(2026, 8, 1), 1200, None, 0],
                     ["F2", "Beta", date(2026, 8, 2), 800, None, 0],
                     ["F3", "Gamma", date(2026, 8, 3), 500, "Oui", 0],
                     ["F4", "Gamma", date(2026, 8, 4), 300, None, 0]],
        "Clients": [["Client", "Email", header],
                    ["Alpha", "compta@alpha.example", "x"],
                    ["Beta", "compta@beta.example", None],
                    ["Gamma", "compta@gamma.example", "non"]]})
    master = read_master(book)
    assert [c.reminders_enabled for c in master.clients.values()] == [False, True, True]
    assert [i.reminders_off for i in master.invoices] == [False, False, True, False]
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@beta.example", "compta@gamma.example"], result.output
    gamma = drafts["compta@gamma.example"].get_body(("plain",)).get_content()
    assert "F4" in gamma and "F3" not in gamma


@pytest.mark.parametrize("header", ["Montant non réglé", "Non réglé", "Impayé", "Montant impayé",
                                    "Reste à encaisser"])
def test_a_column_of_what_is_not_paid_is_what_is_left_to_pay(in_folder, header):
    """« Montant non réglé » was read as the amount paid (« réglé » among its words): a
    settled invoice (0 not paid) owed its whole total and was reminded, and an unpaid one
    read as paid was never reminded. Such a column is what is left to pay."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant TTC", header, "Email"],
        ["F1", "Alpha", date(2026, 8, 1), 1200, 0, "compta@alpha.example"],
        ["F2", "Beta", date(2026, 8, 2), 800, 800, "compta@beta.example"],
        ["F3", "Gamma", date(2026, 8, 3), 500, 200, "compta@gamma.example"],
    ]})
    master = read_master(book)
    assert master.layout.columns["balance"].header == header
    assert [i.amount_paid for i in master.invoices] == [D(1200), D(0), D(300)]
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@beta.example", "compta@gamma.example"], result.output
    gamma = " ".join(drafts["compta@gamma.example"].get_body(("plain",)).get_content().split())
    assert "Total restant dû : 200,00 €" in gamma


@pytest.mark.parametrize("name, email", [("Société", "Adresse mail"), ("Entreprise", "E-mail contact"),
                                         ("Raison sociale", "Email relance"),
                                         ("Société", "Adresse électronique")])
def test_clients_headed_in_everyday_words_are_read(tmp_path, name, email):
    """« Adresse mail » was the postal address (the invoice would print an e-mail there, and
    no reminder could go), « E-mail contact » the contact's name, « Email relance » the
    reminder step, and « Société » / « Entreprise » no client column at all."""
    book = book_of(tmp_path / "t.xlsx", {
        "Factures": [["N° facture", name, "Date facture", "Montant TTC"],
                     ["F1", "Alpha SARL", date(2026, 8, 1), 1200]],
        "Clients": [[name, "Adresse", email],
                    ["Alpha SARL", "1 rue A, 69001 Lyon", "compta@alpha.example"]]})
    master = read_master(book)
    assert master.invoices[0].client == "Alpha SARL"
    alpha = master.clients["alpha sarl"]
    assert alpha.emails == ("compta@alpha.example",) and alpha.address == "1 rue A, 69001 Lyon"
    assert not [i for i in master.issues if i.severity.value == "error"]


def test_a_paiements_sheet_headed_in_everyday_words_is_read(in_folder):
    """« Date encaissement », « Somme », « Facture(s) », « Société »: none was read, so the
    payments counted for nothing and Alpha, who paid, was reminded."""
    book = book_of(in_folder / "suivi.xlsx", {
        "Factures": [["N° facture", "Client", "Date facture", "Montant TTC", "Email"],
                     ["F2026-001", "Alpha", date(2026, 8, 1), 1200, "compta@alpha.example"],
                     ["F2026-002", "Beta", date(2026, 8, 2), 800, "compta@beta.example"]],
        "Paiements": [["Date encaissement", "Société", "Facture(s)", "Somme"],
                      [date(2026, 9, 1), "Alpha", "F2026-001", 1200]]})
    master = read_master(book)
    assert [(p.date, p.invoice_number, p.amount) for p in master.payments] == [
        (date(2026, 9, 1), "F2026-001", D(1200))]
    result, drafts = run(in_folder, book)
    assert list(drafts) == ["compta@beta.example"], result.output


def test_one_address_per_line_in_a_cell_reaches_every_address(in_folder):
    """Two addresses typed on two lines of one cell (Alt+Entrée): the reminder goes to both.
    Lines that are not plain addresses (« Bcc: … ») stay an error at the cell, and that
    client is not reminded."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé", "Email"],
        ["F-001", "Alpha", date(2026, 8, 1), 1200, 0,
         "compta@alpha.example\nboss@alpha.example"],
        ["F-002", "Beta", date(2026, 8, 2), 800, 0,
         "compta@beta.example\r\nBcc: victim@evil.example"],
    ]})
    result, drafts = run(in_folder, book)
    out = " ".join(result.output.split())
    assert sorted(drafts) == ["compta@alpha.example"], out
    to = [address for _name, address in email.utils.getaddresses(
        [str(drafts["compta@alpha.example"]["To"])])]
    assert to == ["compta@alpha.example", "boss@alpha.example"]
    assert "Factures!F3" in out and "n'est pas valide" in out
    assert "victim@evil.example" not in " ".join(str(m) for m in drafts.values())


def test_a_note_in_the_statut_is_kept_and_one_saying_not_to_remind_is_obeyed(in_folder):
    """The team's Statut notes were written over with « en retard » on the first run, and
    read for nothing: « Ne pas relancer » and « Liquidation judiciaire » were reminded (from
    the opening judgment the client may not pay its earlier debts: they are declared to the
    mandataire), and the notes
    were lost. Such an invoice is not reminded; a note that names no status is kept while the
    invoice is open; a settled invoice gets its status written over the note."""
    book = statut_book(in_folder, [
        ["F1", "Alpha", date(2026, 8, 1), 1200, 0, "Ne pas relancer", "compta@alpha.example"],
        ["F2", "Beta", date(2026, 8, 2), 800, 0, "Liquidation judiciaire",
         "compta@beta.example"],
        ["F3", "Gamma", date(2026, 8, 3), 500, 0, "Relancé 2 fois par tél.",
         "compta@gamma.example"],
        ["F4", "Delta", date(2026, 8, 4), 300, 300, "Appeler la compta", "compta@delta.example"],
        ["F5", "Echo", date(2026, 8, 5), 200, 0, "En attente", "compta@echo.example"],
    ])
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@echo.example", "compta@gamma.example"], result.output
    statuses = [row[5] for row in openpyxl.load_workbook(book)["Factures"].iter_rows(
        min_row=2, values_only=True)]
    assert statuses == ["Ne pas relancer", "Liquidation judiciaire", "Relancé 2 fois par tél.",
                        "Réglée", "En retard"]
    master = read_master(book)  # the next run reads the notes kept the same way
    assert [i.reminders_off for i in master.invoices] == [True, False, False, False, False]
    assert master.invoices[1].status_text == "Liquidation judiciaire"


def test_a_promise_typed_in_the_statut_pauses_reminders_until_its_day(in_folder):
    """« Promesse de paiement le 15/12 » typed in the Statut was a note kept and read for
    nothing: the client who had just promised on the phone was reminded the next morning.
    The promise now pauses the reminders until its day and the grace days, the note is kept,
    and once the day has passed with the invoice unpaid the promise is said to be broken and
    reminders resume. A « Relance prévue le 15/12 » is the team's plan, not a promise (it
    holds the reminder until its day, without grace days: tests/test_team_plan.py); a
    « Promesse de paiement » cell wins over the Statut."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé", "Statut",
         "Promesse de paiement", "Email"],
        ["F1", "Alpha", date(2026, 9, 1), 1200, 0, "Promesse de paiement le 15/12", None,
         "compta@alpha.example"],
        ["F2", "Beta", date(2026, 9, 2), 800, 0, "Virement prévu le 10 décembre", None,
         "compta@beta.example"],
        ["F3", "Gamma", date(2026, 9, 3), 500, 0, "Relance prévue le 15/12", None,
         "compta@gamma.example"],
        ["F4", "Delta", date(2026, 9, 4), 300, 0, "Promis pour le 20/12",
         date(2026, 11, 20), "compta@delta.example"],
    ]})
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@delta.example"], result.output
    master = read_master(book)
    assert [i.promise_date for i in master.invoices] == [
        date(2026, 12, 15), date(2026, 12, 10), None, date(2026, 11, 20)]
    assert [i.planned_reminder for i in master.invoices] == [None, None, date(2026, 12, 15),
                                                             None]
    statuses = [row[5] for row in openpyxl.load_workbook(book)["Factures"].iter_rows(
        min_row=2, values_only=True)]
    assert statuses[:2] == ["Promesse de paiement le 15/12", "Virement prévu le 10 décembre"]
    out = " ".join(result.output.split())
    assert "promesse de paiement au 15/12/2026" in out, out
    later = CliRunner().invoke(cli, ["run", str(book), "--date", "2026-12-16"],
                               catch_exceptions=False)
    out = " ".join(later.output.split())
    assert "la promesse de paiement du 10/12/2026 n'a pas été tenue" in out, out
    assert "15/12/2026 n'a pas été tenue" not in out  # its grace days still run


def test_a_contact_column_of_addresses_is_where_the_reminder_goes(in_folder):
    """« Contact » holding « Jean Dupont <compta@alpha.example> » was no e-mail column: every
    client was « sans e-mail » and nobody was reminded. A column headed for the client's
    people whose cells are addresses is now the client's address; the team's own « Suivi
    par » column of addresses is never taken for it."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé", "Suivi par",
         "Contact"],
        ["F1", "Alpha", date(2026, 8, 1), 1200, 0, "paul@notre-societe.example",
         "Jean Dupont <compta@alpha.example>"],
        ["F2", "Beta", date(2026, 8, 2), 800, 800, "paul@notre-societe.example",
         "compta@beta.example"],
        ["F3", "Gamma", date(2026, 8, 3), 500, 0, "lea@notre-societe.example",
         "factures@gamma.example; dg@gamma.example"],
    ]})
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@alpha.example", "factures@gamma.example"], result.output
    assert "dg@gamma.example" in drafts["factures@gamma.example"]["To"]
    master = read_master(book)
    assert (master.layout.columns["client_email"].header,
            master.layout.columns["client_email"].column) == ("Contact", "G")
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé", "Suivi par",
         "Responsable facturation"],
        ["F1", "Alpha", date(2026, 8, 1), 1200, 0, "paul@notre-societe.example",
         "lea@notre-societe.example"]]})
    assert "client_email" not in read_master(book).layout.columns


def test_a_contact_column_of_addresses_in_clients_is_the_clients_address(in_folder):
    """In Clients, « Contact » is the contact's name; one holding « Marie Martin
    <compta@beta.example> » left every client without an address. It is now the address,
    and a wrong one is named at its own cell."""
    book = book_of(in_folder / "suivi.xlsx", {
        "Factures": [["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé"],
                     ["F1", "Alpha", date(2026, 8, 1), 1200, 0],
                     ["F2", "Beta", date(2026, 8, 2), 800, 0],
                     ["F3", "Gamma", date(2026, 8, 3), 500, 0]],
        "Clients": [["Client", "Contact", "Téléphone"],
                    ["Alpha", "compta@alpha.example", "01 02 03 04 05"],
                    ["Beta", "Marie Martin <compta@beta.example>", None],
                    ["Gamma", "compta chez gamma.example", None]]})
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@alpha.example", "compta@beta.example"], result.output
    master = read_master(book)
    assert master.layouts["clients"].columns["email"].column == "B"
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", TODAY, "--json"])
    assert [i["cell"] for i in json.loads(checked.output)["issues"]
            if i["code"] == "email_invalide"] == ["Clients!B4"]  # Gamma's, at its own cell


def test_one_client_typed_three_ways_at_one_address_gets_one_reminder(in_folder):
    """« Alpha SARL », « ALPHA S.A.R.L. », « Alpha » on three invoices at one address: three
    clients for suivi, three reminders the same morning at the same address. They are now
    one client, under the spelling met first: one reminder lists the three invoices, and a
    warning names each other spelling at its cell."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé", "Email"],
        ["F1", "Alpha SARL", date(2026, 8, 1), 1200, 0, "compta@alpha.example"],
        ["F2", "ALPHA S.A.R.L.", date(2026, 8, 3), 500, 0, "compta@alpha.example"],
        ["F3", "Alpha", date(2026, 8, 5), 300, 0, "compta@alpha.example"],
    ]})
    result, drafts = run(in_folder, book)
    out = " ".join(result.output.split())
    assert "« ALPHA S.A.R.L. » a le même nom, à la forme juridique, aux majuscules ou à la " \
           "ponctuation près, et la même adresse (compta@alpha.example) que « Alpha SARL » " \
           "(Factures!B2) : suivi les lit comme un seul client, « Alpha SARL »" in out, out
    emls = sorted(p.name for p in (in_folder / "relances").rglob("*.eml"))
    assert emls == ["20261201-alpha-sarl-relance1-372d.eml"], emls
    body = " ".join(drafts["compta@alpha.example"].get_body(("plain",)).get_content().split())
    assert all(f"Facture {n} du" in body for n in ("F1", "F2", "F3")), body
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", TODAY, "--json"])
    issues = json.loads(checked.output)["issues"]
    assert [i["cell"] for i in issues if i["code"] == "client_meme_adresse"] == [
        "Factures!B3", "Factures!B4"]
    assert not [i for i in issues if i["code"] == "client_ecrit_autrement"]


def test_a_name_holding_another_at_its_address_is_that_client(in_folder):
    """« Beta » on one row, « Beta Conseil » on another, one address; « M. Dupont » and
    « Dupont »; « Alpha & Cie » and « Alpha et Cie »: two messages the same morning in one
    mailbox. Each pair is one client now. « Groupe X Nord » and « Groupe X Sud » at one
    address, neither holding the other's name, stay two clients."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé", "Email"],
        ["F1", "Beta", date(2026, 8, 1), 1200, 0, "compta@beta.example"],
        ["F2", "Beta Conseil", date(2026, 8, 3), 500, 0, "compta@beta.example"],
        ["F3", "M. Dupont", date(2026, 8, 3), 100, 0, "jean@dupont.example"],
        ["F4", "Dupont", date(2026, 8, 4), 200, 0, "jean@dupont.example"],
        ["F5", "Alpha & Cie", date(2026, 8, 4), 300, 0, "compta@alpha.example"],
        ["F6", "Alpha et Cie", date(2026, 8, 5), 400, 0, "compta@alpha.example"],
        ["F7", "Groupe X Nord", date(2026, 8, 5), 700, 0, "compta@x.example"],
        ["F8", "Groupe X Sud", date(2026, 8, 6), 800, 0, "compta@x.example"],
    ]})
    result, drafts = run(in_folder, book)
    assert result.exit_code == 0, result.output
    emls = sorted(p.name.rsplit("-", 1)[0] for p in (in_folder / "relances").rglob("*.eml"))
    assert emls == ["20261201-alpha-cie-relance1", "20261201-beta-relance1",
                    "20261201-groupe-x-nord-relance1", "20261201-groupe-x-sud-relance1",
                    "20261201-m-dupont-relance1"], emls
    body = " ".join(drafts["compta@beta.example"].get_body(("plain",)).get_content().split())
    assert "Facture F1 du" in body and "Facture F2 du" in body, body
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", TODAY, "--json"])
    issues = json.loads(checked.output)["issues"]
    merged = {i["cell"]: " ".join(i["message"].split()) for i in issues
              if i["code"] == "client_meme_adresse"}
    assert list(merged) == ["Factures!B3", "Factures!B5", "Factures!B7"]
    assert merged["Factures!B3"] == (
        "« Beta Conseil » et « Beta » (Factures!B2) ont la même adresse (compta@beta.example), "
        "et l'un de ces noms contient l'autre : suivi les lit comme un seul client, « Beta », "
        "qui reçoit une seule relance pour toutes ses factures (pas deux messages le même jour "
        "dans la même boîte).")


def test_a_spelling_written_to_lately_holds_the_merged_clients_message(in_folder):
    """The Journal says « Alpha » (one of the spellings) was written to three days ago: the
    client is one, so the interval between two messages holds for all its invoices — the
    merge must not give it a second message the same week."""
    book = book_of(in_folder / "suivi.xlsx", {
        "Factures": [
            ["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé", "Email"],
            ["F1", "Alpha SARL", date(2026, 8, 1), 1200, 0, "compta@alpha.example"],
            ["F2", "Alpha", date(2026, 8, 5), 300, 0, "compta@alpha.example"],
        ],
        "Journal": [
            ["Date", "Facture(s)", "Client", "Étape", "Canal", "Destinataire", "Résultat",
             "Fichier"],
            [date(2026, 11, 28), "F2", "Alpha", "Relance 1", "email", "compta@alpha.example",
             "envoyé", None],
        ]})
    result, drafts = run(in_folder, book)
    assert drafts == {}, result.output
    assert "Alpha SARL" in " ".join(result.output.split()).split("Relances du")[1]


def test_the_lines_of_an_invoice_typed_below_it_are_not_invoices(in_folder):
    """An invoice typed over several rows, its lines below it with only a description and an
    amount: each line was an invoice « à émettre », counted in the indicators, with an error
    asking to type its client — which, done, would have made it an invoice of its own. The
    lines are now named once, under their invoice, and are not invoices; a payment typed on
    such a line (« Acompte reçu », 300 €) holds the invoice above, whose reminder would
    otherwise claim it all."""
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Date facture", "Désignation", "Montant TTC", "Montant réglé",
         "Email"],
        ["F-001", "Alpha", date(2026, 8, 1), "Audit", 1200, 0, "compta@alpha.example"],
        [None, None, None, "Déplacement", 120, None, None],
        [None, None, None, "Frais", 60, None, None],
        ["F-002", "Beta", date(2026, 8, 2), "Conseil", 600, 0, "compta@beta.example"],
        [None, None, None, "Acompte reçu", None, 300, None],
        ["F-003", "Gamma", date(2026, 8, 3), "Formation", 500, 0, "compta@gamma.example"],
    ]})
    master = read_master(book)
    assert [i.number for i in master.invoices] == ["F-001", "F-002", "F-003"]
    lines = [i for i in master.issues if i.code == "lignes_detail"]
    assert [str(i.where) for i in lines] == ["Factures!A3", "Factures!A6"]
    said = " ".join(text(lines[0], "fr").split())
    assert "2 ligne(s) sans numéro, ni client, ni date (à partir de la ligne 3), sous la " \
           "facture F-001" in said
    held = [i for i in master.issues if i.code == "reglement_ligne_detail"]
    assert [(str(i.where), i.severity.value) for i in held] == [("Factures!F5", "error")]
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@alpha.example", "compta@gamma.example"], result.output
    out = " ".join(result.output.split())
    assert "client n'est pas indiqué" not in out and "à émettre" not in out


def test_a_tracker_that_says_nowhere_what_was_paid_holds_its_reminders(in_folder):
    """« N° facture, Client, Date, Montant » and nothing about payments: every invoice read
    as unpaid, and one paid in 2024 was reminded. While nothing in the workbook can say what
    was paid, the reminders are held and the run says what to add (exit 1); once a « Montant
    réglé » column is there, the invoices it does not settle are reminded."""
    rows = [["N° facture", "Client", "Date facture", "Montant TTC", "Email"],
            ["F-001", "Alpha", date(2024, 3, 1), 1200, "compta@alpha.example"],
            ["F-002", "Beta", date(2026, 8, 2), 800, "compta@beta.example"]]
    book = book_of(in_folder / "suivi.xlsx", {"Factures": rows})
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", TODAY, "--json"])
    assert checked.exit_code == 0, checked.output  # a warning: `check` says it beforehand
    warned = [i for i in json.loads(checked.output)["issues"]
              if i["code"] == "reglements_non_saisis"]
    assert [(i["cell"], i["severity"]) for i in warned] == [("Factures!F1", "warning")]
    assert "ses 2 facture(s) échue(s) sont toutes lues comme impayées" in warned[0]["message"]
    result, drafts = run(in_folder, book)
    assert drafts == {} and result.exit_code == 1, result.output
    out = " ".join(result.output.split())
    assert "Relances retenues : la feuille « Factures » ne dit nulle part ce qui a été payé" \
        in out and "Ajoutez une colonne « Montant réglé »" in out
    rows = [[*row, paid] for row, paid in zip(rows, ["Montant réglé", 1200, None])]
    book = book_of(in_folder / "suivi.xlsx", {"Factures": rows})
    result, drafts = run(in_folder, book)
    assert list(drafts) == ["compta@beta.example"], result.output
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", TODAY, "--json"])
    assert "reglements_non_saisis" not in checked.output


@pytest.mark.parametrize("header", ["Relancer ?", "À relancer", "Relance O/N",
                                    "Relances (oui/non)", "Relance auto"])
def test_an_invoice_the_team_answered_not_to_remind_is_not_reminded(in_folder, header):
    """A « Relancer ? » column answered « Non » on one invoice: suivi read nothing of it, and
    drafted the reminder the team had decided against. « Oui », a cross, a blank or a count
    of reminders (« 2 ») remind as usual."""
    book = statut_book(in_folder, [
        ["F1", "Alpha", date(2026, 8, 1), 1200, 0, None, "compta@alpha.example"],
        ["F2", "Beta", date(2026, 8, 2), 800, 0, None, "compta@beta.example"],
        ["F3", "Gamma", date(2026, 8, 3), 500, 0, None, "compta@gamma.example"],
        ["F4", "Delta", date(2026, 8, 4), 500, 0, None, "compta@delta.example"],
        ["F5", "Echo", date(2026, 8, 5), 500, 0, None, "compta@echo.example"],
    ])
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Factures"]
    for row, answer in enumerate([header, "Non", "Oui", None, "x", "2"], start=1):
        sheet.cell(row, 8, answer)
    workbook.save(book)
    assert read_master(book).layout.columns["reminders_on"].column == "H"
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@beta.example", "compta@delta.example",
                              "compta@echo.example", "compta@gamma.example"], result.output
    rows = list(openpyxl.load_workbook(book)["Factures"].iter_rows(values_only=True))
    assert [r[7] for r in rows[1:]] == ["Non", "Oui", None, "x", "2"]


def test_an_invoice_whose_statut_says_a_credit_note_was_made_for_it(in_folder):
    """« Avoir émis » typed in an invoice's Statut read the invoice as a credit note of
    1 000 € that credited nothing, which held every other invoice of Delta: its late F5 was
    never reminded. The invoice is cancelled by its credit note; « Avoir à faire » (not made
    yet) holds it alone; a row that is a credit note stays one."""
    book = statut_book(in_folder, [
        ["F4", "Delta", date(2026, 8, 4), 1000, 0, "Avoir émis", "compta@delta.example"],
        ["F5", "Delta", date(2026, 8, 5), 500, 0, None, "compta@delta.example"],
        ["F6", "Echo", date(2026, 8, 6), 700, 0, "Avoir à faire", "compta@echo.example"],
        ["F7", "Fox", date(2026, 8, 7), 300, 0, None, "compta@fox.example"],
        ["AV1", "Fox", date(2026, 8, 20), -300, 0, "Avoir émis", "compta@fox.example"],
    ])
    master = read_master(book)
    assert [i.kind.value for i in master.invoices].count("avoir") == 1
    result, drafts = run(in_folder, book)
    out = " ".join(result.output.split())
    assert sorted(drafts) == ["compta@delta.example"], out
    # only AV1, the real credit note citing no invoice, holds its client's (Fox's) invoices
    assert "Avoir AV1 (300,00 €) : il ne cite aucune facture" in out and "Avoir F4" not in out
    assert "Delta – Relance 1 – F5 – 500,00 €" in out and "F4" not in out.split("Relances")[1]
    assert "Litiges en cours, relances suspendues (1)" in out
    rows = list(openpyxl.load_workbook(book)["Factures"].iter_rows(values_only=True))
    assert [r[5] for r in rows[1:4]] == ["Avoir émis", "en retard", "Avoir à faire"]


@pytest.mark.parametrize(("text", "made"), [
    ("Avoir émis", True), ("Avoir fait le 12/10", True), ("AVOIR TOTAL", True),
    ("Avoir établi n° AV-3", True), ("Avoir partiel de 200 €", False),
    ("Avoir à faire", False), ("Avoir demandé", False), ("Avoir en cours", False),
    ("Avoir", None), ("Avoir sur F3", None), ("Annulée par avoir", None), (None, None),
])
def test_credit_note_made(text, made):
    assert credit_note_made(text) is made


@pytest.mark.parametrize("count", [3, 8])
def test_many_empty_due_cells_are_said_once(tmp_path, count):
    """An « Échéance » column left empty on the old rows (or added by suivi for a new invoice):
    one warning per invoice made thousands of warnings on a real tracker. A few are named one
    by one; many, once at the column, with the first cells."""
    header = ["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé",
              "Échéance"]
    rows = [[f"F{i}", "Alpha", date(2026, 8, i), 100, 0, None] for i in range(1, count + 1)]
    master = read_master(book_of(tmp_path / "t.xlsx", {"Factures": [header, *rows]}))
    said = [i for i in master.issues if i.code == "echeance_calculee"]
    if count == 3:
        assert [str(i.where) for i in said] == ["Factures!F2", "Factures!F3", "Factures!F4"]
    else:
        [once] = said
        assert str(once.where) == "Factures!F1"
        assert "La colonne « Échéance » est vide pour 8 facture(s) (F2, F3, F4, F5, F6…)" \
            in text(once, "fr")
    assert all(i.due_date == i.issue_date + timedelta(days=30) for i in master.invoices)


def test_the_columns_suivi_adds_beside_a_team_table_join_it(in_folder):
    """A team's Excel table A1:F4: the columns suivi adds (Statut, Niveau de relance…) are
    taken into it, so that its sort and filter buttons move them with their rows."""
    from openpyxl.worksheet.table import Table

    header = ["N° facture", "Date facture", "Client", "Montant TTC", "Montant réglé", "Email"]
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        header,
        ["F1", date(2026, 9, 1), "Alpha", 100, 0, "compta@alpha.example"],
        ["F2", date(2026, 9, 2), "Beta", 200, 200, "compta@beta.example"],
        ["F3", date(2026, 9, 3), "Gamma", 300, 0, "compta@gamma.example"]]})
    wb = openpyxl.load_workbook(book)
    wb["Factures"].add_table(Table(displayName="Suivi", ref="A1:F4"))
    wb.save(book)
    result, _ = run(in_folder, book)
    assert result.exit_code in (0, 1), result.output
    table = openpyxl.load_workbook(book)["Factures"].tables["Suivi"]
    names = [c.name for c in table.tableColumns]
    assert names[:6] == header and "Statut" in names and "Niveau de relance" in names
    assert table.ref == f"A1:{openpyxl.utils.get_column_letter(len(names))}4"
