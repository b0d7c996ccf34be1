"""The invoice sheet's e-mail and phone cells, kept before its rows are let go: a tracker
without a Clients sheet writes each client's address on its invoices' rows.

An address given by a formula saved without its value (=LOWER(TRIM(H2)) in a workbook an
openpyxl script saved), or with xlsxwriter's 0, read as no address, or as « 0 »: the formula
is computed as Excel would (`uncached.FormulaCells`); one suivi cannot compute is no address
(the client is then named for having none, at that cell)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from suivi.workbook.cell_marks import formula_of

from .headers import HeaderGuess
from .uncached import FormulaCells

if TYPE_CHECKING:
    from .source import Book, Rows


def contact_cells(rows: Rows, guess: HeaderGuess, sheet: str = "",
                  book: Book | None = None) -> dict[str, dict[int, Any]]:
    """The filled cells of the invoice sheet's e-mail and phone columns, by row number: what
    `links.clients_from_invoices` needs of the rows. `book` gives the sheet's marked cells
    (and other sheets', for a formula that looks an address up)."""
    columns = {f: info.index for f in ("client_email", "client_phone")
               if (info := guess.columns.get(f))}
    found = {f: {r: row[at] for r, row in enumerate(rows, 1)
                 if at < len(row) and row[at] not in ("", None)}
             for f, at in columns.items()}
    errors = book.errors(sheet) if book is not None else {}
    if not errors or book is None:
        return found
    formulas: FormulaCells | None = None
    for (r, c), mark in errors.items():
        field = next((f for f, at in columns.items() if at == c), None)
        if field is None or formula_of(mark) is None:
            continue
        if formulas is None:
            formulas = FormulaCells(sheet, rows, errors, book.sheet_cells)
        value = formulas.computed(r, c)
        if isinstance(value, str) and value.strip():
            found[field][r + 1] = value
        else:  # xlsxwriter's 0, or a formula suivi cannot compute: no address
            found[field].pop(r + 1, None)
    return found
