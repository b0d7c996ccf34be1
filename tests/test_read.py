"""Reading real and home-made trackers: header detection, synonyms, values, bad input."""

from datetime import date, datetime
from decimal import Decimal as D
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from suivi.messages import text
from suivi.workbook.errors import (
    EmptySheet,
    HeaderNotFound,
    NotAWorkbook,
    OldXlsFormat,
    WorkbookNotFound,
)
from suivi.workbook.errors import (
    EncryptedWorkbook as EncryptedWorkbookError,
)
from suivi.workbook.read import ReadOptions, read_master


def make_book(path: Path, sheets: dict[str, list[list]], formulas=()) -> Path:
    """A workbook with the given cells (row lists from A1); formulas: (sheet, cell, f, value)."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, (date, datetime)):
                    ws.write_datetime(
                        r,
                        c,
                        value
                        if isinstance(value, datetime)
                        else datetime(value.year, value.month, value.day),
                        date_fmt,
                    )
                else:
                    ws.write(r, c, value)
    for sheet, cell, formula, value in formulas:
        wb.get_worksheet_by_name(sheet).write_formula(cell, formula, None, value)
    wb.close()
    return path


def test_real_tracker_danngo(corpus):
    master = read_master(corpus / "trackers" / "danngo__receivables.xlsx")
    layout = master.layout
    assert layout.header_row == 1
    assert {f: c.column for f, c in layout.columns.items()} == {
        "number": "A",
        "client": "B",
        "issue_date": "C",
        "amount_ttc": "D",
    }
    assert len(master.invoices) == 20
    first = master.invoices[0]
    assert first.number == "1" and first.client == "Customer 1"
    assert first.issue_date == date(2025, 7, 26)
    assert first.amount_ttc == D("2086.42")
    # no due date column: derived from the default terms (30 days) and said once for the sheet
    assert first.due_date == date(2025, 8, 25) and first.due_date_derived
    assert [i.code for i in master.issues] == ["echeance_calculee"]
    assert "20 facture(s)" in text(master.issues[0], "fr")


def test_title_parameter_block_header_on_row_5_and_summary_to_the_right(tmp_path):
    rows = [
        ["Suivi des créances clients — 2026"],
        [],
        ["Today's date", date(2026, 11, 25)],
        [],
        [
            "Invoice #",
            "Customer",
            "Invoice Date",
            "Payment Due",
            "Total (RM)",
            "Status",
            None,
            "Summary",
            "Amount",
        ],
        [
            "INV-001",
            "Acme",
            date(2026, 9, 1),
            date(2026, 10, 1),
            1500.5,
            "Unpaid",
            None,
            "Total outstanding",
            4000,
        ],
        [
            "INV-002",
            "Globex",
            date(2026, 9, 5),
            date(2026, 10, 5),
            "2 499,50 €",
            "Paid",
            None,
            "Overdue",
            1500.5,
        ],
        [None] * 6,  # an empty row in the middle
        ["INV-003", "Initech", "15/10/2026", "15 nov. 2026", "1,000.00", None],
        [None, None, None, None, 5000, None],  # a total row without label is still not an invoice
        ["Total", None, None, None, 5000.0, None],
    ]
    master = read_master(make_book(tmp_path / "t.xlsx", {"AR": rows}))
    layout = master.layout
    assert layout.header_row == 5
    assert {f: c.column for f, c in layout.columns.items()} == {
        "number": "A",
        "client": "B",
        "issue_date": "C",
        "due_date": "D",
        "amount_ttc": "E",
        "status_text": "F",
    }
    numbers = [i.number for i in master.invoices]
    assert numbers[:3] == ["INV-001", "INV-002", "INV-003"]
    inv3 = master.invoices[2]
    assert inv3.issue_date == date(2026, 10, 15) and inv3.due_date == date(2026, 11, 15)
    assert inv3.amount_ttc == D("1000.00")
    assert master.invoices[1].amount_ttc == D("2499.50")
    # suivi may add its own columns right of the summary block, never over it
    assert layout.free_column > 9


def test_french_headers_with_accents_spaces_units_and_vat_split(tmp_path):
    rows = [
        [
            "numéro de facture",
            "Date de facture",
            "Nom du client",
            "montant HT ",
            "montant TVA 20%",
            "Montant TVA 5,5 %",
            "Montant TTC (€)",
            "Échéance",
            "client_mail",
            "statut de la facture",
            "Réglé",
            "Date de règlement",
        ],
        [
            "F-10",
            "01/10/2026",
            "Hôtel du Parc",
            "1 000,00",
            "150,00",
            "27,50",
            "1 177,50 €",
            "31/10/2026",
            "compta@hotel.example",
            "émise",
            "177,50",
            "05/11/2026",
        ],
    ]
    master = read_master(make_book(tmp_path / "fr.xlsx", {"Factures": rows}))
    cols = master.layout.columns
    assert cols["amount_ht"].column == "D" and cols["amount_ttc"].column == "G"
    assert "vat" not in cols  # two per-rate VAT columns, summed
    assert cols["client_email"].column == "I" and cols["status_text"].column == "J"
    inv = master.invoices[0]
    assert inv.vat == D("177.50")
    assert inv.amount_ttc == D("1177.50")
    assert inv.amount_paid == D("177.50") and inv.payment_date == date(2026, 11, 5)
    assert master.clients["hotel du parc"].emails == ("compta@hotel.example",)
    assert master.issues == ()


def test_formula_cells_use_cached_values(tmp_path):
    rows = [
        ["N° facture", "Client", "Date facture", "Montant HT", "TVA", "Montant TTC"],
        ["FAC2026-001", "Alpha", date(2026, 11, 1), 100, 20, None],
    ]
    book = make_book(
        tmp_path / "f.xlsx", {"Factures": rows}, formulas=[("Factures", "F2", "=D2+E2", 120)]
    )
    assert read_master(book).invoices[0].amount_ttc == D("120")


def test_unparsable_cells_become_issues_naming_the_cell(tmp_path):
    rows = [
        ["N° facture", "Client", "Date facture", "Montant TTC"],
        ["FAC2026-001", "Alpha", "demain", "beaucoup"],
    ]
    master = read_master(make_book(tmp_path / "bad.xlsx", {"Factures": rows}))
    found = {(str(i.where), i.code) for i in master.issues}
    assert ("Factures!C2", "date_illisible") in found
    assert ("Factures!D2", "montant_illisible") in found


def test_missing_required_column_says_what_was_looked_for_and_found(tmp_path):
    rows = [["N° facture", "Date facture", "Montant TTC"], ["FAC2026-001", date(2026, 1, 2), 10]]
    master = read_master(make_book(tmp_path / "nc.xlsx", {"Factures": rows}))
    issue = next(i for i in master.issues if i.code == "colonne_absente")
    assert "Client" in text(issue, "fr") and "Cherché" in text(issue, "fr")
    assert "« N° facture »" in text(issue, "fr")  # what was found


def test_explicit_mapping_wins_over_detection(tmp_path):
    rows = [
        ["Réf", "Date", "Client", "Montant", "Payé le"],
        ["A1", date(2026, 1, 5), "Alpha", 10, date(2026, 2, 1)],
    ]
    book = make_book(tmp_path / "map.xlsx", {"Feuil1": rows})
    master = read_master(book, ReadOptions(columns={"number": "Réf", "payment_date": "E"}))
    cols = master.layout.columns
    assert cols["number"].column == "A" and cols["payment_date"].column == "E"
    assert master.invoices[0].number == "A1"


def test_picks_the_tracker_sheet_or_the_configured_one(tmp_path):
    book = make_book(
        tmp_path / "multi.xlsx",
        {
            "Notes": [["Notes de réunion"], ["rien à voir"]],
            "Clients": [
                ["Client", "Email facturation", "Type"],
                ["Alpha", "a@alpha.fr", "Société"],
            ],
            "Suivi 2026": [
                ["N° facture", "Client", "Date facture", "Montant TTC"],
                ["FAC2026-001", "Alpha", date(2026, 1, 5), 10],
            ],
            "Autre": [
                ["N° facture", "Client", "Date facture", "Montant TTC"],
                ["X-1", "Beta", date(2026, 1, 5), 99],
            ],
        },
    )
    master = read_master(book)
    assert master.layout.sheet == "Suivi 2026"
    assert master.clients["alpha"].emails == ("a@alpha.fr",)
    assert read_master(book, ReadOptions(sheet="Autre")).invoices[0].number == "X-1"
    with pytest.raises(HeaderNotFound, match="Inexistante"):
        read_master(book, ReadOptions(sheet="Inexistante"))


def test_due_date_derived_from_client_terms_and_said(tmp_path):
    book = make_book(
        tmp_path / "terms.xlsx",
        {
            "Factures": [
                ["N° facture", "Client", "Date facture", "Montant TTC", "Échéance"],
                ["FAC2026-001", "Alpha", date(2026, 1, 20), 10, None],
            ],
            "Clients": [["Client", "Conditions de paiement"], ["Alpha", "45 jours fin de mois"]],
        },
    )
    master = read_master(book)
    inv = master.invoices[0]
    assert inv.due_date == date(2026, 3, 31) and inv.due_date_derived
    issue = next(i for i in master.issues if i.code == "echeance_calculee")
    assert str(issue.where) == "Factures!E2"
    assert "31/03/2026" in text(issue, "fr") and "du client" in text(issue, "fr")


@pytest.mark.parametrize(
    "make, error, words",
    [
        (lambda p: p, WorkbookNotFound, "introuvable"),
        (lambda p: (p.write_text("bonjour"), p)[1], NotAWorkbook, "pas un classeur"),
        (
            lambda p: (
                p.with_suffix(".xls").write_bytes(
                    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
                ),
                p.with_suffix(".xls"),
            )[1],
            OldXlsFormat,
            ".xlsx",
        ),
    ],
)
def test_bad_input_one_clear_line(tmp_path, make, error, words):
    path = make(tmp_path / "x.xlsx")
    with pytest.raises(error) as info:
        read_master(path)
    message = str(info.value)
    assert words in message and "\n" not in message
    assert path.name in message or str(path) in message


def test_encrypted_workbook_from_the_corpus(corpus):
    with pytest.raises(EncryptedWorkbookError, match="mot de passe"):
        read_master(corpus / "features" / "excelize__encryptSHA1.xlsx")


def test_empty_sheet_and_no_header(tmp_path):
    with pytest.raises(EmptySheet, match="vide"):
        read_master(make_book(tmp_path / "empty.xlsx", {"Feuil1": []}))
    with pytest.raises(HeaderNotFound, match="en-têtes"):
        read_master(
            make_book(
                tmp_path / "noheader.xlsx", {"Feuil1": [[1, 2, 3], [4, 5, 6], ["a", "b", "c"]]}
            )
        )


def test_email_cells_as_people_paste_them(tmp_path):
    book = make_book(
        tmp_path / "emails.xlsx",
        {
            "Factures": [
                ["N° facture", "Client", "Date facture", "Montant TTC"],
                ["F-1", "Alpha", date(2026, 1, 5), 10],
            ],
            "Clients": [
                ["Client", "Email facturation"],
                ["Alpha", "Jean Bêta <jean@beta.example>; compta@alpha.example"],
                ["Beta", "pas une adresse"],
                ["Gamma", "jean@gamma.example / compta@gamma.example"],
                ["Delta", "jean@delta.example compta@delta.example"],
                ["Echo", "jean@echo.example et compta@echo.example"],
                ["Fox", "jean@ / compta"],
            ],
        },
    )
    clients = read_master(book).clients
    assert clients["alpha"].emails == ("jean@beta.example", "compta@alpha.example")
    assert clients["beta"].emails == ("pas une adresse",)  # kept as typed: the check names it
    # two addresses apart by a slash, a space or « et »: both, never a bare « @gamma.example »
    for name in ("gamma", "delta", "echo"):
        assert clients[name].emails == (f"jean@{name}.example", f"compta@{name}.example")
    assert clients["fox"].emails == ("jean@ / compta",)


def _replace_part(book: Path, part: str, data: bytes) -> None:
    import zipfile

    with zipfile.ZipFile(book) as src:
        items = [(info, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as out:
        for info, content in items:
            out.writestr(info, data if info.filename == part else content)


def test_a_broken_payment_sheet_is_one_clear_error_naming_it(tmp_path):
    """The sheets after the invoices are read in a background thread: an error there still
    reaches the user as the same one-line message, naming the sheet, and nothing else."""
    book = make_book(
        tmp_path / "broken.xlsx",
        {
            "Factures": [
                ["N° facture", "Client", "Date facture", "Montant TTC"],
                ["FAC2026-001", "Alpha", date(2026, 1, 5), 10],
            ],
            "Paiements": [["N° facture", "Date", "Montant"], ["FAC2026-001", date(2026, 2, 1), 10]],
        },
    )
    assert len(read_master(book).payments) == 1  # sound: the payment is read
    _replace_part(book, "xl/worksheets/sheet2.xml",
                  b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                  b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr">'
                  b"<is><t>oops</t></is></c></row><row r=")
    with pytest.raises(NotAWorkbook) as info:
        read_master(book)
    message = str(info.value)
    assert "Paiements" in message and "ne peut pas être lue" in message and "\n" not in message


def test_dates_outside_1900_2199_are_refused_naming_the_cell(tmp_path):
    """31/12/9999 as a due date, 0001 typed as a year: an error on the cell (the date is left
    out, like an unreadable one), never a computation leaving the calendar."""
    book = make_book(
        tmp_path / "far.xlsx",
        {
            "Factures": [
                ["N° facture", "Client", "Date facture", "Montant TTC", "Échéance"],
                ["FAC2026-001", "Alpha", date(2026, 1, 5), 10, date(9999, 12, 31)],
                ["FAC2026-002", "Alpha", "01/01/0001", 10, date(2199, 12, 31)],
            ],
        },
    )
    master = read_master(book)
    found = {str(i.where): text(i, "fr") for i in master.issues if i.code == "date_illisible"}
    assert found == {
        "Factures!E2": "« 31/12/9999 » n'est pas une date vraisemblable (suivi accepte les dates "
                       "de 1900 à 2199) (colonne « Échéance »).",
        "Factures!C3": "« 01/01/0001 » n'est pas une date vraisemblable (suivi accepte les dates "
                       "de 1900 à 2199) (colonne « Date facture »).",
    }
    first, second = master.invoices
    assert first.due_date != date(9999, 12, 31)  # refused: derived from the terms instead
    assert second.issue_date is None and second.due_date == date(2199, 12, 31)


def test_payments_are_linked_to_the_invoice_their_number_can_only_mean():
    """Case, separators and leading zeros set aside; a number two invoices could mean, or none,
    stays as typed and is reported at its cell."""
    from decimal import Decimal

    from suivi.core.models import CellRef, ColumnInfo, Invoice, Payment, SheetLayout
    from suivi.workbook.read.links import link_payments

    invoices = [Invoice("Factures", 2, number="FAC2026-078"), Invoice("Factures", 3, number="A-7"),
                Invoice("Factures", 4, number="a-07")]
    layout = SheetLayout("Paiements", 1, {"invoice_number": ColumnInfo("invoice_number",
                                                                       "N° facture", "C", 2)})
    payments = [Payment(None, Decimal(10), number, where=CellRef("Paiements", row, "A"))
                for row, number in enumerate(["FAC2026-078", "fac 2026-78", "A-007", "X-1", None,
                                              "fac2026 078", "Fac 2026/078", "FAC2026078",
                                              "FAC20260078", "a07"], start=2)]
    issues: list = []
    linked = link_payments(invoices, payments, layout, issues)
    assert [p.invoice_number for p in linked] == ["FAC2026-078", "FAC2026-078", "A-007", "X-1",
                                                  None, "FAC2026-078", "FAC2026-078",
                                                  "FAC2026-078", "FAC20260078", "a-07"]
    # « FAC2026078 » is FAC2026-078 typed without its dash (the only number it can be);
    # « FAC20260078 » is no number's digits; « a07 » is a-07's, not A-7's
    assert [(i.code, str(i.where)) for i in issues] == [
        ("paiement_facture_inconnue", "Paiements!C4"), ("paiement_facture_inconnue", "Paiements!C5"),
        ("paiement_facture_inconnue", "Paiements!C10")]


def test_date_cells_as_calamine_gives_them():
    """calamine gives a date cell as `date` (as `datetime` when it has a time): both are read
    on the fast path, equal days share one object, and a day out of range is still an issue
    naming its cell."""
    from suivi.core.models import ColumnInfo
    from suivi.workbook.read.cells import Columns

    rows = [["Date"], [date(2026, 11, 25)], [datetime(2026, 11, 25, 9, 30)], [""],
            [date(2450, 1, 1)], [date(2026, 11, 25)]]
    issues: list = []
    cols = Columns(rows, [1, 2, 3, 4, 5], "Factures", {"d": ColumnInfo("d", "Date", "B", 0)},
                   issues)
    days = cols.date("d")
    assert days == [date(2026, 11, 25), date(2026, 11, 25), None, None, date(2026, 11, 25)]
    assert days[0] is days[4]
    assert [(str(i.location), i.code) for i in issues] == [("Factures!B5", "date_illisible")]


def test_an_invoice_sheet_named_like_another_kind_is_read_as_the_invoices(tmp_path):
    """« Reconciliation » is the English name of the bank review sheet, but nothing stops a
    user from keeping invoices under it: the other sheets (read beside the invoices, in a
    thread) are then read again without it, and the invoices are not lost."""
    book = make_book(tmp_path / "suivi.xlsx", {
        "Reconciliation": [["N° facture", "Date facture", "Client", "Montant TTC"],
                           ["FAC-1", date(2026, 11, 2), "Alpha SA", 120.0],
                           ["FAC-2", date(2026, 11, 3), "Beta SARL", 80.5]],
        "Clients": [["Client", "Email"], ["Alpha SA", "compta@alpha.fr"]],
        "Paiements": [["Date", "Montant", "N° facture"], [date(2026, 11, 20), 120.0, "FAC-1"]],
    })
    master = read_master(book)
    assert master.layout.sheet == "Reconciliation"
    assert [inv.number for inv in master.invoices] == ["FAC-1", "FAC-2"]
    assert master.reconciliation == ()
    assert [c.emails for c in master.clients.values() if c.name == "Alpha SA"] == [
        ("compta@alpha.fr",)]
    assert [p.amount for p in master.payments] == [D("120")]
    assert master.invoices[0].amount_paid == D("120")


def test_a_bank_operation_copied_for_the_same_invoice_is_reported_naming_both_rows(tmp_path):
    """A Paiements row copied with its « Id opération » counts twice (the invoice may read paid
    when it is not): the copy is reported at its cell, naming the first. One operation paying
    two invoices (one row each, as the bank import writes them) is not reported."""
    from suivi.messages import hint

    book = make_book(tmp_path / "suivi.xlsx", {
        "Factures": [["N° facture", "Date facture", "Client", "Montant TTC"],
                     ["FAC-1", date(2026, 11, 2), "Alpha SA", 120.0],
                     ["FAC-2", date(2026, 11, 3), "Alpha SA", 80.0],
                     ["FAC-3", date(2026, 11, 4), "Beta SARL", 50.0]],
        "Paiements": [["Date", "Montant", "N° facture", "Id opération"],
                      [date(2026, 11, 20), 120.0, "FAC-1", "OP-77"],
                      [date(2026, 11, 20), 80.0, "FAC-2", "OP-77"],   # same transfer, split
                      [date(2026, 11, 21), 50.0, "FAC-3", "OP-78"],
                      [date(2026, 11, 21), 50.0, "FAC-3", "OP-78"]],  # the copied row
    })
    master = read_master(book)
    doubles = [i for i in master.issues if i.code == "paiement_en_double"]
    assert [str(i.where) for i in doubles] == ["Paiements!D5"]
    words = " ".join(text(doubles[0], "fr").replace("\u202f", " ").replace("\xa0", " ").split())
    assert words == ("L'opération bancaire « OP-78 » règle deux fois la facture FAC-3 "
                     "(50,00 €), ici et en Paiements!D4 : ce règlement est compté deux fois.")
    assert "ligne copiée en double" in hint(doubles[0], "fr")
    assert "pays invoice FAC-3 twice" in text(doubles[0], "en")


def _three_sheet_book(tmp_path):
    return make_book(tmp_path / "suivi.xlsx", {
        "Factures": [["N° facture", "Date facture", "Client", "Montant TTC"],
                     ["FAC-1", date(2026, 11, 2), "Alpha SA", 120.0],
                     ["FAC-2", date(2026, 11, 3), "Beta SARL", 80.5]],
        "Clients": [["Client", "Email"], ["Alpha SA", "compta@alpha.fr"]],
        "Paiements": [["Date", "Montant", "N° facture"], [date(2026, 11, 20), 120.0, "FAC-1"]],
    })


def _summary(master):
    return ([(i.number, i.amount_paid) for i in master.invoices],
            [(p.invoice_number, p.amount) for p in master.payments],
            sorted((c.name, c.emails) for c in master.clients.values()))


def test_the_other_sheets_are_parsed_on_their_own_handle_beside_the_invoices(tmp_path,
                                                                            monkeypatch):
    """calamine parses one sheet of a handle at a time: Clients and Paiements are parsed on a
    second handle of the same file, so that the invoice sheet's parse need not wait for
    theirs; the second handle is closed once they are parsed."""
    from suivi.workbook.read import master as master_module
    from suivi.workbook.read import source

    handles: dict[str, int] = {}
    closed: list[int] = []
    load = source.load_sheet

    def spy(book, name):
        handles[name] = id(book.calamine)
        return load(book, name)

    twin = source.Book.close_twin

    def spy_close(book):
        closed.append(id(book.calamine))
        twin(book)

    monkeypatch.setattr(master_module, "load_sheet", spy)
    monkeypatch.setattr(source, "load_sheet", spy)
    monkeypatch.setattr(source.Book, "close_twin", spy_close)
    master = read_master(_three_sheet_book(tmp_path))
    assert handles["Clients"] == handles["Paiements"] != handles["Factures"]
    assert closed == [handles["Paiements"]]
    assert _summary(master) == ([("FAC-1", D("120")), ("FAC-2", D("0"))],
                                [("FAC-1", D("120"))],
                                [("Alpha SA", ("compta@alpha.fr",))])


def test_when_the_file_cannot_be_opened_twice_the_sheets_are_read_one_after_the_other(
        tmp_path, monkeypatch):
    """A second opening refused (a share that allows one reader, say): the other sheets are
    parsed first on the one handle, then the invoices; the master read is the same."""
    from suivi.workbook.read import source

    book = _three_sheet_book(tmp_path)
    expected = _summary(read_master(book))

    def refuse(self):
        raise OSError("partage : une seule ouverture")

    monkeypatch.setattr(source.Book, "twin", refuse)
    assert _summary(read_master(book)) == expected


# What calamine may give in a column, a few values per kind so that columns repeat (the fast
# paths of `Columns` convert each distinct value once), with what must not go through those
# paths: a text too long for Excel, a day out of range, a text in a date column; and values of
# other kinds (a whole number, a boolean…) that send a column cell by cell.
_POOLS = {
    "text": ["", None, "  Alpha SA ", "Beta", " ", "x" * 32_768, "abc"],
    "amount": ["", None, 1200.0, 0.1 + 0.2, 1e-7, 99.99, -5.0, "12,50 €", "abc"],
    "date": ["", None, date(2026, 11, 25), date(1850, 1, 1), datetime(2026, 11, 25, 9, 30),
             datetime(2026, 11, 25), datetime(2450, 1, 1), "25/11/2026", "abc"],
}
_OTHERS = [3, True, 1200.0, date(2026, 1, 2), "x"]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(_POOLS)), st.data())
def test_columns_convert_like_the_cell_by_cell_reader(kind, data):
    """The column-wise reader of the invoice sheet (fast paths for repeated values) gives every
    cell the value and the issue (naming the same cell) the cell-by-cell reader gives it."""
    from suivi.core.models import ColumnInfo
    from suivi.workbook.read.cells import Columns
    from suivi.workbook.read.row_reader import RowReader

    pool = _POOLS[kind]
    some = data.draw(st.lists(st.sampled_from(pool), min_size=1, max_size=12))
    column = data.draw(st.permutations(some * data.draw(st.integers(1, 12))))  # repeated
    if data.draw(st.booleans()):
        column.insert(data.draw(st.integers(0, len(column))), data.draw(st.sampled_from(_OTHERS)))
    rows = [["Valeur"]] + [[value] for value in column]
    info = {"v": ColumnInfo("v", "Valeur", "B", 0)}
    kept = list(range(1, len(rows)))
    by_column: list = []
    values = getattr(Columns(rows, kept, "Factures", info, by_column), kind)("v")
    by_cell: list = []
    reader = RowReader("Factures", info, by_cell)
    expected = []
    for r in kept:
        reader.load(rows[r], r + 1)
        expected.append(getattr(reader, kind)("v"))
    assert list(values) == expected
    assert [(i.code, str(i.where)) for i in by_column] == [(i.code, str(i.where))
                                                           for i in by_cell]


def test_total_lines_are_neither_invoices_nor_payments(tmp_path):
    """« TOTAL » typed in the number column, a « Sous-total » line, a « Total » line of the
    Paiements sheet: sums, not documents (no status written, no payment counted twice). A real
    invoice whose description starts with « Total » stays an invoice."""
    book = make_book(tmp_path / "suivi.xlsx", {
        "Factures": [
            ["N° facture", "Date facture", "Client", "Désignation", "Montant TTC", "Échéance"],
            ["F-001", date(2026, 10, 1), "Garage Martin", "Pneus", 120, date(2026, 10, 31)],
            ["F-002", date(2026, 10, 2), "Hôtel des Alpes", "Total rénovation", 480,
             date(2026, 11, 1)],
            [None, date(2026, 11, 20), "Hôtel des Alpes", "Total rénovation, 2e partie", 200,
             None],
            [None, None, "Sous-total octobre", None, 800, None],
            ["TOTAL", None, None, None, 800, None],
            [" Total TTC ", None, None, None, 800, None],
        ],
        "Paiements": [
            ["N° facture", "Date", "Montant"],
            ["F-001", date(2026, 10, 20), 100],
            ["F-001", date(2026, 10, 25), 20],
            ["Total", None, 120],
        ],
    })
    master = read_master(book)
    assert [(i.number, i.row) for i in master.invoices] == [("F-001", 2), ("F-002", 3), (None, 4)]
    assert [p.amount for p in master.payments] == [D(100), D(20)]
    assert not [i for i in master.issues if getattr(i.where, "row", 0) >= 5]


def test_a_paid_amount_and_payment_rows_that_may_be_two_payments_are_an_error(tmp_path):
    """« Montant réglé » 100 and Paiements 200,60 for an invoice of 300,60: the same money
    twice, or the invoice is paid. Which is unknown, so it is an error at the cell (the invoice
    is not reminded until someone says). Where there is no doubt, nothing is said."""
    header = ["N° facture", "Date facture", "Client", "Montant TTC", "Échéance", "Montant réglé"]
    book = make_book(tmp_path / "suivi.xlsx", {
        "Factures": [
            header,
            ["F-1", date(2026, 10, 1), "A", 300.6, date(2026, 10, 31), 100],  # doubtful
            ["F-2", date(2026, 10, 1), "A", 300.6, date(2026, 10, 31), 300.6],  # sheet says all
            ["F-3", date(2026, 10, 1), "A", 300.6, date(2026, 10, 31), 50],  # still owed either way
            ["F-4", date(2026, 10, 1), "A", 300.6, date(2026, 10, 31), 100],  # rows settle it
        ],
        "Paiements": [
            ["N° facture", "Date", "Montant"],
            ["F-1", date(2026, 11, 2), 200.6],
            ["F-2", date(2026, 11, 2), 200.6],
            ["F-3", date(2026, 11, 2), 100],
            ["F-4", date(2026, 11, 2), 300.6],
        ],
    })
    master = read_master(book)
    doubts = [i for i in master.issues if i.code == "reglements_a_verifier"]
    assert [(str(i.where), i.severity.value) for i in doubts] == [("Factures!F2", "error")]
    assert "« Montant réglé » dit 100,00 €, la feuille Paiements liste 200,60 €" in text(
        doubts[0]).replace("\xa0", " ")
    # what suivi counts meanwhile: the larger, never the sum
    assert [i.amount_paid for i in master.invoices] == [D("200.6"), D("300.6"), D(100),
                                                        D("300.6")]


def test_a_paid_column_of_marks_reads_as_paid_in_full(tmp_path):
    """« Payé » kept as marks (oui, x, payé, a date) rather than amounts: paid in full, on the
    date written; « non » is nothing paid; « payé 50 € » is not a mark (an error names it)."""
    header = ["N° facture", "Date facture", "Client", "Montant TTC", "Échéance", "Payé"]
    due = date(2026, 10, 31)
    book = make_book(tmp_path / "suivi.xlsx", {"Factures": [
        header,
        ["F-1", date(2026, 10, 1), "A", 120, due, "oui"],
        ["F-2", date(2026, 10, 1), "A", 120, due, "X"],
        ["F-3", date(2026, 10, 1), "A", 120, due, "Payé"],
        ["F-4", date(2026, 10, 1), "A", 120, due, date(2026, 11, 5)],
        ["F-5", date(2026, 10, 1), "A", 120, due, "05/11/2026"],
        ["F-6", date(2026, 10, 1), "A", 120, due, "non"],
        ["F-7", date(2026, 10, 1), "A", 120, due, 50],
        ["F-8", date(2026, 10, 1), "A", 120, due, "payé 50 €"],
    ]})
    master = read_master(book)
    assert [(i.amount_paid, i.payment_date) for i in master.invoices[:7]] == [
        (D(120), None), (D(120), None), (D(120), None), (D(120), date(2026, 11, 5)),
        (D(120), date(2026, 11, 5)), (D(0), None), (D(50), None)]
    said = {i.code: str(i.where) for i in master.issues}
    assert said["reglement_marque"] == "Factures!F1"
    assert "5 facture(s)" in text(next(i for i in master.issues if i.code == "reglement_marque"))
    assert [str(i.where) for i in master.issues if i.severity.value == "error"] == ["Factures!F9"]
    # under « Montant réglé », a date is more likely an amount with a date format: an error
    header[5] = "Montant réglé"
    book = make_book(tmp_path / "montant.xlsx", {"Factures": [
        header, ["F-1", date(2026, 10, 1), "A", 50000, due, date(2036, 11, 20)]]})
    master = read_master(book)
    assert master.invoices[0].amount_paid == 0
    assert [str(i.where) for i in master.issues if i.severity.value == "error"] == ["Factures!F2"]
