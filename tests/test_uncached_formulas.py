"""Workbooks saved by a program that does not calculate (openpyxl, a web tool): formulas with no
saved value. suivi computes those it can, as Excel would, and holds what it cannot read: an
invoice whose payment row is unreadable is never reminded."""

from __future__ import annotations

import email
import email.policy
import email.utils
from datetime import date
from decimal import Decimal as D

import openpyxl
from click.testing import CliRunner

from suivi.cli import cli
from suivi.workbook.cell_marks import UNCACHED
from suivi.workbook.formula_eval import CannotEvaluate
from suivi.workbook.read import read_master
from suivi.workbook.read.uncached import FormulaCells

HEADER = ["N° facture", "Date", "Client", "Montant HT", "TVA", "Montant TTC", "Échéance",
          "Montant réglé", "Reste dû", "Email"]


def scripted_tracker(path, payments=None, formula_ht=None):
    """Two invoices whose VAT, total, due date and balance are formulas openpyxl saves without
    a value; F-002 is paid (300 of 300)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Factures"
    ws.append(HEADER)
    rows = [("F-001", date(2026, 9, 1), "Dupont SARL", 1000, 0, "compta@dupont.example"),
            ("F-002", date(2026, 9, 15), "Martin SA", 250, 300, "a@martin.example")]
    for i, (number, issued, client, ht, paid, mail) in enumerate(rows, start=2):
        ws.append([number, issued, client, formula_ht or ht, f"=D{i}*0.2", f"=D{i}+E{i}",
                   f"=B{i}+30", paid, f"=IF(F{i}=\"\",\"\",F{i}-H{i})", mail])
    if payments:
        sheet = wb.create_sheet("Paiements")
        for row in payments:
            sheet.append(row)
    wb.save(path)
    return path


def drafts_in(folder):
    return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
            for p in (folder / "relances").rglob("*.eml")]


def recipients(folder):
    return [email.utils.parseaddr(d["To"])[1] for d in drafts_in(folder)]


def codes(master):
    return [(i.code, str(i.where)) for i in master.issues]


def test_formulas_without_value_are_computed_as_excel_does(tmp_path):
    master = read_master(scripted_tracker(tmp_path / "t.xlsx"))
    first, second = master.invoices
    assert (first.amount_ht, first.vat, first.amount_ttc) == (D("1000"), D("200.0"), D("1200.0"))
    assert first.due_date == date(2026, 10, 1)
    assert second.amount_ttc == D("300.0") and second.balance == D("0.0")
    found = codes(master)
    assert ("formule_sans_valeur", "Factures!E2") not in found
    assert ("formules_calculees", "Factures!E2") in found
    assert ("formules_calculees", "Factures!G2") in found
    warned = next(i for i in master.issues if i.code == "formules_calculees"
                  and str(i.where) == "Factures!F2")
    assert warned.kwargs["count"] == 2 and warned.kwargs["formula"] == "=D2+E2"


def test_a_formula_suivi_cannot_compute_stays_an_error_naming_its_cell(tmp_path):
    """A lookup in another sheet: not computed, not read as empty, and what depends on it
    (the VAT, the total) is not computed either."""
    master = read_master(scripted_tracker(tmp_path / "t.xlsx",
                                          formula_ht="=VLOOKUP(C2,Tarifs!A:B,2,FALSE)"))
    found = codes(master)
    assert ("formule_sans_valeur", "Factures!D2") in found
    assert ("formule_sans_valeur", "Factures!F2") in found
    assert master.invoices[0].amount_ttc is None


def test_the_daily_run_reminds_what_is_owed_and_not_what_is_paid(tmp_path):
    book = scripted_tracker(tmp_path / "suivi_factures.xlsx")
    result = CliRunner().invoke(cli, ["run", str(book), "--date", "2026-12-01"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    drafts = drafts_in(tmp_path)
    assert recipients(tmp_path) == ["compta@dupont.example"]
    body = drafts[0].get_body(("plain",)).get_content()
    assert "1 200,00" in body.replace("\u202f", " ").replace("\xa0", " ")


def test_a_payment_amount_formula_is_computed_and_pays_its_invoice(tmp_path):
    payments = [["Date", "N° facture", "Montant HT", "Montant"],
                [date(2026, 10, 10), "F-001", 1000, "=C2*1.2"]]
    master = read_master(scripted_tracker(tmp_path / "t.xlsx", payments))
    assert [(p.invoice_number, p.amount) for p in master.payments] == [("F-001", D("1200.0"))]


def run_drafts(tmp_path, payments):
    book = scripted_tracker(tmp_path / "suivi_factures.xlsx", payments)
    result = CliRunner().invoke(cli, ["run", str(book), "--date", "2026-12-01"],
                                catch_exceptions=False)
    said = " ".join(result.output.split())
    return said, list((tmp_path / "relances").rglob("*.eml"))


def test_an_unreadable_payment_amount_holds_the_invoice_it_names(tmp_path):
    """« trois cents » typed for the payment of F-001: read as no payment, F-001 would be
    reminded for money the team says it received."""
    said, drafts = run_drafts(tmp_path, [["Date", "N° facture", "Montant"],
                                         [date(2026, 10, 10), "f 001", "trois cents"]])
    assert drafts == []  # « f 001 », as a person types F-001 again
    assert "Le montant de ce règlement (f 001) ne peut pas être lu" in said
    assert "non relancée(s)" in said and "F-001" in said


def test_an_unreadable_payment_of_a_client_holds_its_earlier_invoices(tmp_path):
    """The row names the client, not the invoice; its amount is an Excel error value."""
    said, drafts = run_drafts(tmp_path, [["Date", "Client", "Montant"],
                                         [date(2026, 10, 10), "Dupont SARL", "=1/0"]])
    assert drafts == []
    assert "#DIV/0!" in said and "Le montant de ce règlement (Dupont SARL)" in said


def test_formula_cells_refuse_cycles_and_other_sheets():
    errors = {(0, 0): UNCACHED + "B1+1", (0, 1): UNCACHED + "A1*2",
              (1, 0): UNCACHED + "Tarifs!B2", (1, 1): UNCACHED + "C2-1", (1, 2): "#N/A"}
    cells = FormulaCells("Factures", [["", ""], ["", "", ""]], errors)
    assert isinstance(cells.computed(0, 0), CannotEvaluate)
    assert isinstance(cells.computed(1, 0), CannotEvaluate)
    assert cells.computed(1, 1).code == "#N/A"


def test_formulas_filled_down_are_parsed_once_and_shifted_per_row():
    """=A1*2 on row 1, =A2*2 on row 2…, and a running total =B1+A2 from row 2: each row's
    own cells, as Excel fills them down; a fixed row ($A$1) is not shifted."""
    rows = [[1.0, "", ""], [2.0, "", ""], [5.0, "", ""]]
    errors = {}
    for r in range(3):
        errors[(r, 1)] = UNCACHED + (f"A{r + 1}*2" if r == 0 else f"B{r}+A{r + 1}")
        errors[(r, 2)] = UNCACHED + f"A{r + 1}+$A$1"
    cells = FormulaCells("Factures", rows, errors)
    assert [cells.computed(r, 1) for r in range(3)] == [D("2.0"), D("4.0"), D("9.0")]
    assert [cells.computed(r, 2) for r in range(3)] == [D("2.0"), D("3.0"), D("6.0")]
    assert len(cells._trees) == 2  # =A1*2 alone, =B1+A2 shared by rows 2 and 3


def test_a_result_suivi_writes_is_never_computed_from_a_formula_without_value(tmp_path):
    """« Reste dû » =E2-G2, where E2 (=D2*1.2) was saved without its value: when `suivi bank`
    writes 1 200 in « Montant réglé », the cached result of Reste dû is 0 (E2 computed), not
    -1 200 (E2 taken for empty); one whose precedent cannot be computed gets no cached
    result (Excel computes it on opening)."""
    import re
    import zipfile

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Factures"
    ws.append(["N° facture", "Date", "Client", "Montant HT", "Montant TTC", "Échéance",
               "Montant réglé", "Reste dû", "Email"])
    ws.append(["F-001", date(2026, 9, 1), "Dupont SARL", 1000, "=D2*1.2", date(2026, 10, 1),
               None, "=E2-G2", "compta@dupont.example"])
    ws.append(["F-002", date(2026, 9, 2), "Martin SA", 500, 600, date(2026, 10, 2),
               None, "=Tarifs!A1+E3-G3", "a@martin.example"])
    book = tmp_path / "suivi_factures.xlsx"
    wb.save(book)
    statement = tmp_path / "releve.csv"
    statement.write_text("Date;Libellé;Montant\n28/11/2026;VIR DUPONT SARL F-001;1200,00\n"
                         "28/11/2026;VIR MARTIN SA F-002;600,00\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["bank", str(statement), str(book), "--date", "2026-12-01"],
                                catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    sheet = zipfile.ZipFile(book).read("xl/worksheets/sheet1.xml").decode()
    cell = dict(re.findall(r'<c r="([A-Z]+\d+)"[^>]*>(.*?)</c>', sheet))
    assert "<v>1200" in cell["G2"] and "<v>600" in cell["G3"]
    assert re.search(r"<v>(-?[\d.]*)</v>", cell["H2"]).group(1) in ("0", "0.0", "0.00")
    assert "<v>" not in cell["H3"] or "<v></v>" in cell["H3"]


def test_an_unreadable_line_holds_its_invoice_even_when_the_line_is_dropped(tmp_path):
    """Lignes: F-001's quantity is a formula on another sheet saved without its value (read as
    empty it would be 1), F-002's price is a text (its line cannot be kept at all). Each is an
    error naming the cell, and each holds its invoice: no PDF is made with a line missing or
    counted once instead of three times."""
    from suivi.core.holds import find_holds

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Factures"
    ws.append(["N° facture", "Date", "Client", "Montant TTC", "Email"])
    ws.append(["F-001", date(2026, 11, 2), "Dupont SARL", 360, "compta@dupont.example"])
    ws.append(["F-002", date(2026, 11, 3), "Martin SA", 120, "a@martin.example"])
    ws.append(["F-003", date(2026, 11, 4), "Durand", 120, "d@durand.example"])
    lines = wb.create_sheet("Lignes")
    lines.append(["N° facture", "Désignation", "Quantité", "Prix unitaire HT", "Taux TVA"])
    lines.append(["F-001", "Audit", "=Stock!B2", 100, 0.2])
    lines.append(["F-002", "Formation", 1, "cent euros", 0.2])
    lines.append(["F-003", "Conseil", 1, 100, 0.2])
    book = tmp_path / "t.xlsx"
    wb.save(book)
    master = read_master(book)
    found = {(i.code, str(i.where)): i.kwargs.get("invoice") for i in master.issues
             if i.severity.value == "error"}
    assert found[("formule_sans_valeur", "Lignes!C2")] == "F-001"
    assert found[("montant_illisible", "Lignes!D3")] == "F-002"
    holds = find_holds(master.issues, master)
    held = {inv.number for inv in master.invoices if holds.of(inv)}
    assert held == {"F-001", "F-002"}


def test_a_client_address_formula_without_value_is_computed_or_named(tmp_path):
    """Clients: =« compta@ »&« dupont.example » saved without a value read as no address, and
    nothing said why Dupont could not be reminded; one suivi cannot compute (another sheet) is
    an error at its cell. A Lignes sheet without a VAT column, one of whose cells is an Excel
    error, is read (it stopped the whole reading)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Factures"
    ws.append(["N° facture", "Date", "Client", "Montant TTC", "Échéance", "Montant réglé"])
    ws.append(["F-001", date(2026, 9, 1), "Dupont SARL", 1200, date(2026, 10, 1), 0])
    ws.append(["F-002", date(2026, 9, 2), "Martin SA", 600, date(2026, 10, 2), 0])
    clients = wb.create_sheet("Clients")
    clients.append(["Client", "Email"])
    clients.append(["Dupont SARL", '="compta@"&"dupont.example"'])
    clients.append(["Martin SA", "=Contacts!B2"])
    lines = wb.create_sheet("Lignes")
    lines.append(["N° facture", "Désignation", "Quantité", "Prix unitaire HT"])
    lines.append(["F-001", "Audit", "=1/0", 1000])
    book = tmp_path / "suivi_factures.xlsx"
    wb.save(book)
    master = read_master(book)
    assert list(master.clients["dupont sarl"].emails) == ["compta@dupont.example"]
    assert not master.clients["martin sa"].emails
    found = codes(master)
    assert ("formules_calculees", "Clients!B2") in found
    assert ("formule_sans_valeur", "Clients!B3") in found
    assert ("valeur_erreur", "Lignes!C2") in found
    result = CliRunner().invoke(cli, ["run", str(book), "--date", "2026-12-01"],
                                catch_exceptions=False)
    assert recipients(tmp_path) == ["compta@dupont.example"]
    assert "Clients!B3" in result.output


def test_a_payment_received_without_its_amount_holds_its_invoice(tmp_path):
    """A dated Paiements row naming F-001 with its amount left empty: the money came, its
    amount was forgotten; read as nothing received, F-001 was reminded. A row dated after
    today is a payment expected: F-001 is reminded, as it was."""
    said, drafts = run_drafts(tmp_path, [["Date", "N° facture", "Montant"],
                                         [date(2026, 11, 20), "F-001", None]])
    assert drafts == []
    assert "Ce règlement (F-001, du 20/11/2026) n'a pas de montant" in said
    assert "non relancée(s)" in said
    later = tmp_path / "later"
    later.mkdir()
    said, drafts = run_drafts(later, [["Date", "N° facture", "Montant"],
                                      [date(2026, 12, 15), "F-001", None]])
    assert len(drafts) == 1


def test_conditional_sums_over_another_sheet_are_computed_from_one_index():
    """=SUMIF(Paiements!A:A,A2,Paiements!C:C) and the like, as Excel computes them: texts
    compared ignoring case, only the numbers summed. What suivi cannot reproduce exactly (a
    wildcard, a comparison, an empty criterion, a number typed as text in the criteria, a
    marked cell in a range) is not computed."""
    payments = [["N° facture", "Client", "Montant"], ["F-001", "Dupont", 100.0],
                ["f-001", "Dupont", 50.0], ["F-002", "Martin", "cent"], ["F-002", "Martin", 20.0]]
    reads = []

    def others(name):
        reads.append(name)
        return (payments, {}) if name == "Paiements" else None

    rows = [["N° facture", "Client"], ["F-001", "Dupont"], ["F-002", "Martin"], ["F-003", ""],
            ["F-*", ""]]
    formulas = {
        2: "SUMIF(Paiements!A:A,A{r},Paiements!C:C)",
        3: "SUMIFS(Paiements!C:C,Paiements!A:A,A{r},Paiements!B:B,B{r})",
        4: "COUNTIF(Paiements!A:A,A{r})",
        5: "SUMIF(Tarifs!A:A,A{r},Tarifs!B:B)",
        6: "SUMIF(Paiements!A:A,\">0\",Paiements!C:C)"}
    errors = {(r - 1, col): UNCACHED + text.format(r=r) for r in range(2, 6)
              for col, text in formulas.items()}
    cells = FormulaCells("Factures", rows, errors, others)
    assert [cells.computed(r, 2) for r in range(1, 4)] == [D("150"), D("20"), D("0")]
    assert [cells.computed(r, 3) for r in range(1, 3)] == [D("150"), D("20")]
    assert cells.computed(3, 3).__class__ is CannotEvaluate  # an empty criterion
    assert [cells.computed(r, 4) for r in range(1, 3)] == [D("2"), D("2")]
    assert isinstance(cells.computed(4, 2), CannotEvaluate)  # « F-* »: a wildcard
    assert isinstance(cells.computed(1, 5), CannotEvaluate)  # no sheet « Tarifs »
    assert isinstance(cells.computed(1, 6), CannotEvaluate)  # a comparison
    assert reads == ["Paiements", "Tarifs"]  # each sheet asked for once
    marked = FormulaCells("Factures", rows, errors, lambda name: (payments, {(4, 2): "#N/A"}))
    assert isinstance(marked.computed(1, 2), CannotEvaluate)
    payments.append([1001, "Durand", 5.0])
    payments.append(["1001", "Durand", 7.0])
    typed = FormulaCells("Factures", rows, errors, others)
    assert isinstance(typed.computed(1, 2), CannotEvaluate)  # Excel would match both 1001


def test_a_payment_sum_without_value_is_computed_from_the_payments_sheet(tmp_path):
    """An Excel tracker edited by an openpyxl script: « Montant réglé »
    =SUMIF(Paiements!A:A,A2,Paiements!C:C) lost its value. It was an error holding every
    invoice; it is computed: F-002 (paid) is not reminded, F-001 is."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Factures"
    ws.append(["N° facture", "Date", "Client", "Montant TTC", "Échéance", "Montant réglé",
               "Email"])
    for r, (number, client, mail) in enumerate([("F-001", "Dupont SARL", "a@dupont.example"),
                                                ("F-002", "Martin SA", "b@martin.example")],
                                               start=2):
        ws.append([number, date(2026, 9, r), client, 600, date(2026, 10, r),
                   f"=SUMIF(Paiements!A:A,A{r},Paiements!C:C)", mail])
    paid = wb.create_sheet("Paiements")
    paid.append(["N° facture", "Date", "Montant"])
    paid.append(["F-002", date(2026, 10, 20), 600])
    book = tmp_path / "suivi_factures.xlsx"
    wb.save(book)
    master = read_master(book)
    assert [(i.number, i.amount_paid) for i in master.invoices] == [
        ("F-001", D("0")), ("F-002", D("600"))]
    assert ("formules_calculees", "Factures!F2") in codes(master)
    result = CliRunner().invoke(cli, ["run", str(book), "--date", "2026-12-01"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert recipients(tmp_path) == ["a@dupont.example"]


def test_an_exact_lookup_in_another_sheet_is_computed_as_excel_does():
    """=VLOOKUP(B2,Clients!A:C,3,FALSE): the first exact match (case aside), #N/A when there
    is none (IFERROR then gives its fallback), 0 for an empty cell found, #REF! beyond the
    table; an approximate lookup (TRUE, or no fourth argument) is not computed."""
    clients = [["Client", "Délai", "Email"], ["Dupont SARL", 30.0, "compta@dupont.example"],
               ["DUPONT SARL", 45.0, "autre@dupont.example"], ["Martin SA", 60.0, ""]]
    rows = [["N°", "Client"], ["F-001", "dupont sarl"], ["F-002", "Martin SA"],
            ["F-003", "Inconnu"]]
    formulas = {2: "VLOOKUP(B{r},Clients!A:C,3,FALSE)", 3: "VLOOKUP(B{r},Clients!A:C,2,0)",
                4: 'IFERROR(VLOOKUP(B{r},Clients!A:C,3,FALSE),"?")',
                5: "VLOOKUP(B{r},Clients!A:C,4,FALSE)", 6: "VLOOKUP(B{r},Clients!A:C,3)"}
    errors = {(r - 1, col): UNCACHED + text.format(r=r) for r in range(2, 5)
              for col, text in formulas.items()}
    cells = FormulaCells("Factures", rows, errors,
                         lambda name: (clients, {}) if name == "Clients" else None)
    assert cells.computed(1, 2) == "compta@dupont.example"  # the first of two, case aside
    assert cells.computed(1, 3) == D("30.0")
    assert cells.computed(2, 2) == D("0")  # an empty cell found
    assert cells.computed(3, 2).code == "#N/A"
    assert cells.computed(3, 4) == "?"
    assert cells.computed(1, 5).code == "#REF!"
    assert isinstance(cells.computed(1, 6), CannotEvaluate)
    index = {2: "INDEX(Clients!C:C,MATCH(B{r},Clients!A:A,0))",
             3: "MATCH(B{r},Clients!A:A,FALSE)", 4: "INDEX(Clients!A:C,MATCH(B{r},Clients!A:A,0),2)",
             5: "MATCH(B{r},Clients!A:A)", 6: "INDEX(Clients!A:C,2,4)"}
    errors = {(r - 1, col): UNCACHED + text.format(r=r) for r in range(2, 5)
              for col, text in index.items()}
    cells = FormulaCells("Factures", rows, errors,
                         lambda name: (clients, {}) if name == "Clients" else None)
    assert cells.computed(1, 2) == "compta@dupont.example"  # INDEX/EQUIV as RECHERCHEV
    assert [cells.computed(r, 3) for r in (1, 2)] == [D("2"), D("4")]
    assert cells.computed(3, 3).code == "#N/A"
    assert cells.computed(2, 4) == D("60.0")
    assert isinstance(cells.computed(1, 5), CannotEvaluate)  # an approximate match
    assert cells.computed(1, 6).code == "#REF!"


def test_an_address_looked_up_in_clients_is_computed_for_the_reminder(tmp_path):
    """« Email » =VLOOKUP(C2,Clients!A:B,2,FALSE) in a tracker an openpyxl script saved: an
    error on every row, every invoice held; computed, the reminder goes to the address."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Factures"
    ws.append(["N° facture", "Date", "Client", "Montant TTC", "Échéance", "Montant réglé",
               "Email"])
    ws.append(["F-001", date(2026, 9, 1), "Dupont SARL", 600, date(2026, 10, 1), 0,
               "=VLOOKUP(C2,Clients!A:B,2,FALSE)"])
    clients = wb.create_sheet("Clients")
    clients.append(["Client", "Email"])
    clients.append(["Dupont SARL", "compta@dupont.example"])
    book = tmp_path / "suivi_factures.xlsx"
    wb.save(book)
    result = CliRunner().invoke(cli, ["run", str(book), "--date", "2026-12-01"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert recipients(tmp_path) == ["compta@dupont.example"]


def test_a_status_formula_using_today_is_computed_and_holds_nothing(tmp_path):
    """« Statut » =IF(F2>=D2,"Payée",IF(TODAY()>E2,"En retard","En cours")) saved without a
    value by an openpyxl script: an error that held every row. TODAY() is the computer's day,
    as Excel takes it when it opens the workbook."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Factures"
    ws.append(["N° facture", "Date", "Client", "Montant TTC", "Échéance", "Montant réglé",
               "Statut", "Email"])
    for r, paid in ((2, 0), (3, 600)):
        ws.append([f"F-00{r - 1}", date(2026, 9, r), "Dupont SARL", 600, date(2026, 10, r),
                   paid, f'=IF(F{r}>=D{r},"Payée",IF(TODAY()>E{r},"En retard","En cours"))',
                   "compta@dupont.example"])
    book = tmp_path / "suivi_factures.xlsx"
    wb.save(book)
    master = read_master(book)
    late = "En retard" if date.today() > date(2026, 10, 2) else "En cours"
    assert [i.status_text for i in master.invoices] == [late, "Payée"]
    assert codes(master) == [("formules_calculees", "Factures!G2")]
    cells = FormulaCells("Factures", [[""]], {(0, 0): UNCACHED + "TODAY()+1"})
    assert cells.computed(0, 0) == D((date.today() - date(1899, 12, 30)).days + 1)
    result = CliRunner().invoke(cli, ["run", str(book), "--date", "2026-12-01"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert recipients(tmp_path) == ["compta@dupont.example"]


def serial(day):
    return D((day - date(1899, 12, 30)).days)


def test_day_and_text_functions_are_computed_as_excel_does():
    rows = [[date(2026, 1, 31), "  Compta@Dupont.EXAMPLE  ", "a   b "]]
    cases = {
        "DATE(2026,13,1)": serial(date(2027, 1, 1)),
        "DATE(2026,3,0)": serial(date(2026, 2, 28)),
        "DATE(26,1,1)": serial(date(1926, 1, 1)),
        "EDATE(A1,1)": serial(date(2026, 2, 28)),
        "EDATE(A1,-2)": serial(date(2025, 11, 30)),
        "EOMONTH(A1,0)": serial(date(2026, 1, 31)),
        "EOMONTH(A1+30,0)": serial(date(2026, 3, 31)),
        "EOMONTH(A1,1)+10": serial(date(2026, 3, 10)),
        "YEAR(A1)*10000+MONTH(A1)*100+DAY(A1)": D("20260131"),
        "LOWER(TRIM(B1))": "compta@dupont.example",
        "TRIM(C1)": "a b",
        'CONCATENATE("compta@",UPPER("x"),".fr")': "compta@X.fr",
        '"FA-"&YEAR(A1)&"-"&TEXT(7,"000")': "FA-2026-007"}
    errors = {(0, 10 + i): UNCACHED + text for i, text in enumerate(cases)}
    cells = FormulaCells("Factures", rows, errors)
    assert [cells.computed(0, 10 + i) for i in range(len(cases))] == list(cases.values())
    lone = FormulaCells("Factures", [["x"]], {(0, 1): UNCACHED + "LOWER(A1,2)",
                                              (0, 2): UNCACHED + "DATE(10000,1,1)",
                                              (0, 3): UNCACHED + 'TEXT(7,"0.0")',
                                              (0, 4): UNCACHED + '1200.5&" €"'})
    assert isinstance(lone.computed(0, 1), CannotEvaluate)
    assert lone.computed(0, 2).code == "#NUM!"
    assert isinstance(lone.computed(0, 3), CannotEvaluate)  # only zeros: « 000 »
    assert isinstance(lone.computed(0, 4), CannotEvaluate)  # Excel's general format


def test_a_due_date_at_the_end_of_the_month_is_computed(tmp_path):
    """« Échéance » =EOMONTH(B2+30,0) (30 jours fin de mois) and « Email » =LOWER(TRIM(I2))
    saved without a value: both were errors holding the row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Factures"
    ws.append(["N° facture", "Date", "Client", "Montant TTC", "Échéance", "Montant réglé",
               "Email", "Contact"])
    ws.append(["F-001", date(2026, 9, 10), "Dupont SARL", 600, "=EOMONTH(B2+30,0)", 0,
               "=LOWER(TRIM(H2))", " Compta@Dupont.example "])
    book = tmp_path / "suivi_factures.xlsx"
    wb.save(book)
    master = read_master(book)
    assert master.invoices[0].due_date == date(2026, 10, 31)
    result = CliRunner().invoke(cli, ["run", str(book), "--date", "2026-12-01"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert recipients(tmp_path) == ["compta@dupont.example"]


def test_a_conditional_sum_filled_down_over_rows_of_its_own_sums_its_own_rows():
    """=SUMIF(A1:A2,A1,B1:B2) on row 1 filled down is =SUMIF(A2:A3,A2,B2:B3) on row 2, as
    Excel fills it down: each row sums its own rows, not the first row's."""
    rows = [["x", 1.0], ["x", 2.0], ["x", 4.0], ["y", 8.0]]
    errors = {(r, 2): UNCACHED + f"SUMIF(A{r + 1}:A{r + 2},A{r + 1},B{r + 1}:B{r + 2})"
              for r in range(3)}
    cells = FormulaCells("Factures", rows, errors)
    assert [cells.computed(r, 2) for r in range(3)] == [D("3.0"), D("6.0"), D("4.0")]
