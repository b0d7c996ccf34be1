"""Workbooks written by xlsxwriter (and pandas through it): every formula is saved with the value
0 unless the program passes the result. A « Montant réglé » =SUMIF(…) read as 0 made a paid
invoice unpaid, and it was reminded; a « Reste dû » read as 0 made an unpaid one « réglée ».

In a workbook bearing xlsxwriter's mark (not saved since by Excel or LibreOffice), suivi does
not take such a 0 for the result: it computes the formula when it can, and holds the row with
an error naming the cell when it cannot."""

from __future__ import annotations

import email
import email.policy
import json
import re
import zipfile
from datetime import date
from decimal import Decimal as D

import openpyxl
import xlsxwriter
from click.testing import CliRunner

from suivi.cli import cli
from suivi.core.holds import find_holds
from suivi.workbook.cell_marks import writes_zeros
from suivi.workbook.read import read_master

HEADER = ["N° facture", "Date", "Client", "Montant TTC", "Échéance", "{paid}", "Email"]
INVOICES = [("F-001", "Dupont SARL", 1200, "compta@dupont.example"),
            ("F-002", "Martin SA", 600, "a@martin.example")]


def generated_tracker(path, paid_header, paid_formula, values=None):
    """F-001 (1 200 €) paid on the « Encaissements » sheet, F-002 (600 €) not; column F is
    `paid_formula` (« {r} » is the row), saved as xlsxwriter does: 0 unless `values` gives
    the result."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Factures")
    day = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_row(0, 0, [h.format(paid=paid_header) for h in HEADER])
    for r, (number, client, ttc, mail) in enumerate(INVOICES, start=1):
        ws.write(r, 0, number)
        ws.write_datetime(r, 1, date(2026, 9, r), day)
        ws.write(r, 2, client)
        ws.write(r, 3, ttc)
        ws.write_datetime(r, 4, date(2026, 10, r), day)
        given = (values or {}).get(number)
        if given is None:
            ws.write_formula(r, 5, paid_formula.format(r=r + 1))
        else:
            ws.write_formula(r, 5, paid_formula.format(r=r + 1), None, given)
        ws.write(r, 6, mail)
    other = wb.add_worksheet("Encaissements")
    other.write_row(0, 0, ["Réf", "Le", "Libellé", "Crédit"])
    other.write_row(1, 0, ["F-001", "20/10/2026", "VIR DUPONT", 1200])
    wb.close()
    return path


SUMIF = "=SUMIF(Encaissements!A:A,A{r},Encaissements!D:D)"
LOOKUP = "=SUMPRODUCT((Encaissements!A1:A9=A{r})*Encaissements!D1:D9)"


def drafts_of(folder):
    return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
            for p in (folder / "relances").rglob("*.eml")]


def test_a_paid_invoice_whose_payment_formula_was_saved_as_zero_is_never_reminded(tmp_path):
    """« Montant réglé » =SUMIF(Encaissements!…) saved as 0: F-001, paid, was reminded for
    1 200 €. The sum is computed from the other sheet: F-001 is paid, F-002 is reminded."""
    book = generated_tracker(tmp_path / "suivi_factures.xlsx", "Montant réglé", SUMIF)
    master = read_master(book)
    assert [(i.number, i.amount_paid) for i in master.invoices] == [
        ("F-001", D("1200")), ("F-002", D("0"))]
    warned = [(i.code, str(i.where), i.kwargs["count"]) for i in master.issues]
    assert warned == [("formules_zero_calculees", "Factures!F2", 1)]  # F-002's 0 is its sum
    run = CliRunner().invoke(cli, ["run", str(book), "--date", "2026-12-01"],
                             catch_exceptions=False)
    assert run.exit_code == 0, run.output
    assert [d["To"].addresses[0].addr_spec for d in drafts_of(tmp_path)] == ["a@martin.example"]


def test_a_payment_formula_saved_as_zero_that_suivi_cannot_compute_holds_its_row(tmp_path):
    book = generated_tracker(tmp_path / "suivi_factures.xlsx", "Montant réglé", LOOKUP)
    run = CliRunner().invoke(cli, ["run", str(book), "--date", "2026-12-01"],
                             catch_exceptions=False)
    said = " ".join(run.output.split())
    assert drafts_of(tmp_path) == []  # F-001 was reminded for 1 200 € it had paid
    assert "non relancée(s)" in said and "F-001" in said and "F-002" in said
    check = CliRunner().invoke(cli, ["check", str(book), "--date", "2026-12-01", "--json"])
    issues = [i for i in json.loads(check.output)["issues"]
              if i["code"] == "formule_zero_non_calculee"]
    assert [i["cell"] for i in issues] == ["Factures!F2", "Factures!F3"]
    assert issues[0]["severity"] == "error"
    text = " ".join(issues[0]["message"].split())
    assert "« =SUMPRODUCT((Encaissements!A1:A9=A2)*Encaissements!D1:D9) »" in text
    assert "xlsxwriter" in text and "ne se fie pas à ce 0" in text
    assert "Excel et enregistrez-le" in issues[0]["hint"]
    assert "Recalcul inconditionnel" in issues[0]["hint"]  # LibreOffice keeps the 0 otherwise


def test_an_unpaid_invoice_whose_balance_was_saved_as_zero_is_not_read_as_paid(tmp_path):
    """« Reste dû » =D2-SUMIF(…) saved as 0: F-002 (600 € owed) read « réglée », nothing
    said. Computed, it owes 600 €; with a lookup suivi cannot compute, its balance is
    unknown: the invoice is held, and nothing says it is paid."""
    book = generated_tracker(tmp_path / "t.xlsx", "Reste dû", "=D{r}-" + SUMIF[1:])
    master = read_master(book)
    assert [(i.number, i.balance) for i in master.invoices] == [
        ("F-001", D("0")), ("F-002", D("600"))]
    book = generated_tracker(tmp_path / "u.xlsx", "Reste dû", "=D{r}-" + LOOKUP[1:])
    master = read_master(book)
    assert [(i.number, i.amount_paid) for i in master.invoices] == [("F-001", 0), ("F-002", 0)]
    holds = find_holds(master.issues, master)
    assert {inv.number for inv in master.invoices if holds.of(inv)} == {"F-001", "F-002"}


def test_formulas_saved_as_zero_that_suivi_can_compute_are_computed(tmp_path):
    """« Montant TTC » =D2*1.2 saved as 0 by xlsxwriter: F-001 read « réglée » (0 € owed).
    It is computed (1 200 €), said once for the column, and reminded for what is owed."""
    book = tmp_path / "suivi_factures.xlsx"
    wb = xlsxwriter.Workbook(str(book))
    ws = wb.add_worksheet("Factures")
    day = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_row(0, 0, ["N° facture", "Date", "Client", "Montant HT", "Montant TTC", "Échéance",
                        "Montant réglé", "Email"])
    for r, (number, ht, paid) in enumerate([("F-001", 1000, 0), ("F-002", 500, 600)], start=1):
        ws.write_row(r, 0, [number])
        ws.write_datetime(r, 1, date(2026, 9, r), day)
        ws.write_row(r, 2, ["Dupont SARL", ht])
        ws.write_formula(r, 4, f"=D{r + 1}*1.2")
        ws.write_datetime(r, 5, date(2026, 10, r), day)
        ws.write_row(r, 6, [paid, "compta@dupont.example"])
    wb.close()
    master = read_master(book)
    assert [(i.number, i.amount_ttc, i.balance) for i in master.invoices] == [
        ("F-001", D("1200.0"), D("1200.0")), ("F-002", D("600.0"), D("0.0"))]
    warned = [(i.code, str(i.where), i.kwargs["count"], i.kwargs["formula"])
              for i in master.issues]
    assert warned == [("formules_zero_calculees", "Factures!E2", 2, "=D2*1.2")]
    run = CliRunner().invoke(cli, ["run", str(book), "--date", "2026-12-01"],
                             catch_exceptions=False)
    assert run.exit_code == 0, run.output
    (draft,) = drafts_of(tmp_path)
    body = draft.get_body(("plain",)).get_content().replace("\u202f", " ").replace("\xa0", " ")
    assert "1 200,00" in body


def test_a_zero_that_is_the_result_and_a_value_the_program_gave_are_trusted(tmp_path):
    """=D2-D2 is 0 indeed: nothing said. A result xlsxwriter was given (not its default 0) is
    the program's own calculation: read as it is."""
    book = generated_tracker(tmp_path / "t.xlsx", "Montant réglé", LOOKUP,
                             values={"F-001": 1200})
    master = read_master(book)
    assert master.invoices[0].amount_paid == D("1200")
    assert [str(i.where) for i in master.issues] == ["Factures!F3"]  # F-002's 0 is the default
    book = generated_tracker(tmp_path / "u.xlsx", "Montant réglé", "=D{r}-D{r}")
    master = read_master(book)
    assert [i.amount_paid for i in master.invoices] == [0, 0] and not master.issues


def test_a_result_suivi_writes_is_not_computed_from_a_zero_no_calculation_gave(tmp_path):
    """« Reste dû » =E2-G2 where E2 (=D2*1.2) holds xlsxwriter's 0: when `suivi bank` writes
    1 200 in « Montant réglé », Reste dû's new cached result is 0 (E2 computed), not -1 200."""
    book = tmp_path / "suivi_factures.xlsx"
    wb = xlsxwriter.Workbook(str(book))
    ws = wb.add_worksheet("Factures")
    day = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_row(0, 0, ["N° facture", "Date", "Client", "Montant HT", "Montant TTC", "Échéance",
                        "Montant réglé", "Reste dû", "Email"])
    ws.write_row(1, 0, ["F-001"])
    ws.write_datetime(1, 1, date(2026, 9, 1), day)
    ws.write_row(1, 2, ["Dupont SARL", 1000])
    ws.write_formula(1, 4, "=D2*1.2")
    ws.write_datetime(1, 5, date(2026, 10, 1), day)
    ws.write_formula(1, 7, "=E2-G2")
    ws.write(1, 8, "compta@dupont.example")
    wb.close()
    statement = tmp_path / "releve.csv"
    statement.write_text("Date;Libellé;Montant\n28/11/2026;VIR DUPONT SARL F-001;1200,00\n",
                         encoding="utf-8")
    result = CliRunner().invoke(cli, ["bank", str(statement), str(book), "--date", "2026-12-01"],
                                catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    sheet = zipfile.ZipFile(book).read("xl/worksheets/sheet1.xml").decode()
    cell = dict(re.findall(r'<c r="([A-Z]+\d+)"[^>]*>(.*?)</c>', sheet))
    assert "<v>1200" in cell["G2"]
    assert re.search(r"<v>(-?[\d.]*)</v>", cell["H2"]).group(1) in ("0", "0.0", "0.00")


def test_a_total_typed_below_its_net_amount_is_an_error_not_a_paid_invoice(tmp_path):
    """A 0 typed (or saved by a tool that leaves no mark) as « Montant TTC » with 1 000 € HT
    cannot be (VAT is never negative): an error at its cell, which holds the row, and F-001
    is not written « réglée ». A 0 % invoice (TTC = HT) and a credit note are fine."""
    book = tmp_path / "suivi_factures.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Factures"
    ws.append(["N° facture", "Date", "Client", "Montant HT", "Montant TTC", "Échéance",
               "Montant réglé", "Email"])
    for day, (number, ht, ttc) in enumerate([("F-001", 1000, 0), ("F-002", 500, 500),
                                             ("AV-001", -100, -120)], start=1):
        ws.append([number, date(2026, 9, day), "Dupont SARL", ht, ttc, date(2026, 10, day), 0,
                   "compta@dupont.example"])
    wb.save(book)
    result = CliRunner().invoke(cli, ["check", str(book), "--date", "2026-12-01", "--json"])
    found = [(i["code"], i["cell"]) for i in json.loads(result.output)["issues"]
             if i["code"] == "ttc_sous_ht"]
    assert found == [("ttc_sous_ht", "Factures!E2")]
    run = CliRunner().invoke(cli, ["run", str(book), "--date", "2026-12-01"],
                             catch_exceptions=False)
    assert "le TTC (0,00 €) est inférieur au HT (1 000,00 €)" in " ".join(run.output.split())
    rows = list(openpyxl.load_workbook(book)["Factures"].iter_rows(values_only=True))
    assert all(value != "réglée" for value in rows[1])  # F-001 is not written « réglée »


def marked(path):
    with zipfile.ZipFile(path) as package:
        return writes_zeros(package.read("xl/workbook.xml"), set(package.namelist()))


def test_the_mark_is_xlsxwriters_and_goes_when_a_spreadsheet_saves(tmp_path, soffice):
    """LibreOffice rewrites workbook.xml (its own fileVersion). It does not recalculate on
    opening a file that says Excel made it (xlsxwriter says so), hence the hint's « Recalcul
    inconditionnel »: a LibreOffice save without it keeps xlsxwriter's 0, unmarked."""
    book = generated_tracker(tmp_path / "t.xlsx", "Montant réglé", SUMIF)
    assert marked(book)
    (saved,) = soffice.convert(book, "xlsx", tmp_path / "lo")
    assert not marked(saved)
    scripted = tmp_path / "openpyxl.xlsx"
    openpyxl.Workbook().save(scripted)
    assert not marked(scripted)


def test_no_workbook_excel_saved_bears_the_mark(corpus):
    """Excel 2007 writes the same fileVersion, but never asks for a full calculation on
    opening and saves a calcChain with its formulas: of the corpus, only the two files
    xlsxwriter wrote itself bear the mark."""
    found = set()
    for path in sorted(corpus.rglob("*.xls[xm]")):
        if zipfile.is_zipfile(path) and marked(path):
            found.add(path.name)
    assert found == {"xlsxwriter__dynamic_array01.xlsx", "xlsxwriter__embed_image01.xlsx"}


def test_lines_and_clients_saved_as_zero_are_computed_or_named(tmp_path):
    """Lignes: a quantity =1+1 saved as 0 made a line of nothing (and a PDF without it);
    a price looked up on another sheet cannot be computed: an error that holds F-002.
    Clients: an address formula saved as 0 read « 0 », no address and no word why."""
    book = tmp_path / "t.xlsx"
    wb = xlsxwriter.Workbook(str(book))
    ws = wb.add_worksheet("Factures")
    ws.write_row(0, 0, ["N° facture", "Date", "Client", "Montant TTC"])
    ws.write_row(1, 0, ["F-001", "02/11/2026", "Dupont SARL", 240])
    ws.write_row(2, 0, ["F-002", "03/11/2026", "Martin SA", 120])
    lines = wb.add_worksheet("Lignes")
    lines.write_row(0, 0, ["N° facture", "Désignation", "Quantité", "Prix unitaire HT",
                           "Taux TVA"])
    lines.write_row(1, 0, ["F-001", "Audit"])
    lines.write_formula(1, 2, "=1+1")
    lines.write_row(1, 3, [100, 0.2])
    lines.write_row(2, 0, ["F-002", "Formation", 1])
    lines.write_formula(2, 3, "=Tarifs!B2")
    lines.write(2, 4, 0.2)
    clients = wb.add_worksheet("Clients")
    clients.write_row(0, 0, ["Client", "Email"])
    clients.write(1, 0, "Dupont SARL")
    clients.write_formula(1, 1, '="compta@"&"dupont.example"')
    clients.write(2, 0, "Martin SA")
    clients.write_formula(2, 1, '=LOWER(Contacts!B2)')
    wb.close()
    master = read_master(book)
    assert [(line.invoice_number, line.quantity) for line in master.lines] == [
        ("F-001", D("2"))]
    assert master.clients["dupont sarl"].emails == ("compta@dupont.example",) or \
        list(master.clients["dupont sarl"].emails) == ["compta@dupont.example"]
    assert not master.clients["martin sa"].emails
    found = {(i.code, str(i.where)) for i in master.issues}
    assert ("formule_zero_non_calculee", "Lignes!D3") in found
    assert ("formule_zero_non_calculee", "Clients!B3") in found
    assert ("formules_zero_calculees", "Lignes!C2") in found
    assert ("formules_zero_calculees", "Clients!B2") in found
    holds = find_holds(master.issues, master)
    assert {inv.number for inv in master.invoices if holds.of(inv)} == {"F-002"}


def test_a_tracker_pandas_wrote_with_formulas_is_read_as_excel_would(tmp_path):
    """`DataFrame.to_excel` (xlsxwriter engine) with formula texts: every total and due date
    read 0. They are computed: the right amounts are reminded at the right dates."""
    import pandas as pd

    frame = pd.DataFrame({
        "N° facture": ["F-001", "F-002", "F-003"],
        "Date": [date(2026, 9, 1), date(2026, 9, 2), date(2026, 11, 20)],
        "Client": ["Dupont SARL", "Martin SA", "Durand"],
        "Montant HT": [1000, 500, 200],
        "Montant TTC": ["=D2*1.2", "=D3*1.2", "=D4*1.2"],
        "Échéance": ["=B2+30", "=B3+30", "=B4+30"],
        "Montant réglé": [0, 600, 0],
        "Email": ["a@dupont.example", "b@martin.example", "c@durand.example"]})
    book = tmp_path / "suivi_factures.xlsx"
    with pd.ExcelWriter(book, engine="xlsxwriter") as writer:
        frame.to_excel(writer, sheet_name="Factures", index=False)
    master = read_master(book)
    assert [(i.number, i.amount_ttc, i.due_date, i.balance) for i in master.invoices] == [
        ("F-001", D("1200.0"), date(2026, 10, 1), D("1200.0")),
        ("F-002", D("600.0"), date(2026, 10, 2), D("0.0")),
        ("F-003", D("240.0"), date(2026, 12, 20), D("240.0"))]
    run = CliRunner().invoke(cli, ["run", str(book), "--date", "2026-12-01"],
                             catch_exceptions=False)
    assert run.exit_code == 0, run.output
    assert [d["To"].addresses[0].addr_spec for d in drafts_of(tmp_path)] == [
        "a@dupont.example"]  # F-003 is not due yet


def test_a_zero_result_in_a_date_column_stays_what_it_was(tmp_path):
    """« Date de règlement » =IF(F2=0,0,B2+20): 0 for an unpaid invoice is its result, not a
    day to convert (which failed, and held the row); a paid one gets its day."""
    book = tmp_path / "t.xlsx"
    wb = xlsxwriter.Workbook(str(book))
    ws = wb.add_worksheet("Factures")
    day = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_row(0, 0, ["N° facture", "Date", "Client", "Montant TTC", "Échéance",
                        "Montant réglé", "Date de règlement"])
    for r, paid in ((1, 0), (2, 600)):
        ws.write(r, 0, f"F-00{r}")
        ws.write_datetime(r, 1, date(2026, 9, r), day)
        ws.write_row(r, 2, ["Dupont SARL", 600])
        ws.write_datetime(r, 4, date(2026, 10, r), day)
        ws.write(r, 5, paid)
        ws.write_formula(r, 6, f"=IF(F{r + 1}=0,0,B{r + 1}+20)", day)
    wb.close()
    master = read_master(book)
    assert master.invoices[1].payment_date == date(2026, 9, 22)
    assert [(i.code, str(i.where)) for i in master.issues
            if i.severity.value == "error"] == []
    holds = find_holds(master.issues, master)
    assert not [inv for inv in master.invoices if holds.of(inv)]


def test_an_address_formula_on_the_invoice_rows_saved_as_zero_is_not_read_0(tmp_path):
    """No Clients sheet: the rows' « Email » =LOWER(…) saved as 0 gave the client the address
    « 0 ». It is computed; one suivi cannot compute is no address, not « 0 »."""
    book = tmp_path / "t.xlsx"
    wb = xlsxwriter.Workbook(str(book))
    ws = wb.add_worksheet("Factures")
    ws.write_row(0, 0, ["N° facture", "Date", "Client", "Montant TTC", "Email"])
    ws.write_row(1, 0, ["F-001", "02/11/2026", "Dupont SARL", 240])
    ws.write_formula(1, 4, '=LOWER("COMPTA@DUPONT.EXAMPLE")')
    ws.write_row(2, 0, ["F-002", "03/11/2026", "Martin SA", 120])
    ws.write_formula(2, 4, "=Contacts!B2")
    wb.close()
    master = read_master(book)
    assert list(master.clients["dupont sarl"].emails) == ["compta@dupont.example"]
    assert not master.clients["martin sa"].emails
