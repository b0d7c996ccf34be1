"""Read the master workbook (or an existing tracker) into core records, with python-calamine.

    master = read_master("suivi_factures.xlsx", ReadOptions(columns={"number": "Réf."}))

The reader understands the workbooks people really have: the header row may sit anywhere in the
first 30 rows, below a title or a parameter block, with a summary block to its right; headers
are French or English with free spelling; dates and amounts may be typed as text in French or
English style. Every record keeps its sheet row; every value that cannot be understood (an Excel
error value included) becomes an `Issue` naming its cell.

    source.py    opening with calamine (after `workbook.package.sniff`), sheets as rows
    headers.py   the header row and the column of each field
    cells.py     cell values → Decimal, date, text; problems as issues
    invoice_rows.py  which rows of the invoice sheet are invoices (not a total, a detail line)
    invoices.py  the invoice sheet
    sheets.py    Clients, Lignes, Paiements, Journal
    links.py     credit notes ↔ invoices, payments → invoices, derived due dates
    typed_numbers.py  invoice numbers typed another way (Paiements, bank labels)
    content_columns.py  columns read as their cells say (« Solde » of amounts, « Contact » of addresses)
    row_marks.py  rows struck through or filled green (read from the package's styles)
    master.py    the whole workbook → Master
"""
from .headers import HEADER_SCAN_ROWS, HeaderGuess, guess_header
from .master import (
                     CLIENT_SHEET_NAMES,
                     JOURNAL_SHEET_NAMES,
                     LINE_SHEET_NAMES,
                     OWNED_SHEET_NAMES,
                     PAYMENT_SHEET_NAMES,
                     ReadOptions,
                     read_master,
)
from .source import find_sheet, open_workbook, sheet_rows, worksheet_names

__all__ = ["CLIENT_SHEET_NAMES", "HEADER_SCAN_ROWS", "HeaderGuess", "JOURNAL_SHEET_NAMES",
           "LINE_SHEET_NAMES", "OWNED_SHEET_NAMES", "PAYMENT_SHEET_NAMES", "ReadOptions",
           "find_sheet", "guess_header", "open_workbook", "read_master", "sheet_rows",
           "worksheet_names"]
