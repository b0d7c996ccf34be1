"""The "Historique indicateurs" sheet: read back from its cell values, written with xlsxwriter.

`read_history(rows)` reads the existing sheet from its cell values (as python-calamine gives
them), so that earlier rows are kept as they are; `history_with` (suivi.core.kpi) adds or replaces
the row of the day; `write_history` writes the rows, the user's own columns included.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from xlsxwriter.worksheet import Worksheet

from suivi.core.kpi import HISTORY_COLUMNS, HistoryColumn, HistoryRow
from suivi.core.values import (
    ValueProblem,
    decimal_from_number,
    parse_amount,
    parse_date,
    parse_percent,
)

from .kpi_layout import Cells, Formats


def _fold(text: object) -> str:
    value = unicodedata.normalize("NFKD", str(text))
    value = "".join(ch for ch in value if not unicodedata.combining(ch))
    return " ".join(value.casefold().replace("'", " ").replace("’", " ").split())


_HEADER_ALIASES = {_fold(column.header): column for column in HISTORY_COLUMNS} | {
    _fold(column.attr): column for column in HISTORY_COLUMNS
}


def _cell_decimal(value: object, kind: str) -> Decimal | None:
    """A number cell read back: floats through their 15-digit text, texts parsed the French way."""
    if value is None or value == "":
        return None
    try:
        if isinstance(value, bool):
            return None
        if isinstance(value, (int, float)):
            return decimal_from_number(value)
        if kind == "rate":
            text = str(value)
            number = parse_percent(text)
            if number is None:
                return None
            return number / 100 if "%" in text or abs(number) >= 1 else number
        return parse_amount(value)
    except (ValueProblem, ArithmeticError):
        return None


def _cell_date(value: object) -> date | None:
    try:
        return parse_date(value)
    except (ValueProblem, ValueError, OverflowError):
        return None


def _cell_value(cells: Sequence[object], position: int) -> object:
    """The cell at `position` as read, None when empty or beyond the row."""
    value = cells[position] if position < len(cells) else None
    return None if value == "" else value


def read_history(rows: Sequence[Sequence[object]]) -> list[HistoryRow]:
    """Rows of the "Historique indicateurs" sheet (cell values) → HistoryRow, in sheet order.

    The header row is the first row with a "Date" cell; columns are recognised by their header
    (in any order), and cells of other columns are kept in `HistoryRow.extra`. Without a header,
    the columns are taken in suivi's own order. Rows without a readable date are skipped; a cell
    that cannot be read becomes None instead of stopping the run.
    """
    header_index = -1
    for index, row in enumerate(rows):
        if any(_fold(cell) == "date" for cell in row if isinstance(cell, str)):
            header_index = index
            break
    if header_index >= 0:
        header = [cell if isinstance(cell, str) else ("" if cell is None else str(cell))
                  for cell in rows[header_index]]
        body = rows[header_index + 1:]
    else:
        header = [column.header for column in HISTORY_COLUMNS]
        body = rows
    known: dict[int, HistoryColumn] = {}
    extras: list[tuple[int, str]] = []
    for position, text in enumerate(header):
        column = _HEADER_ALIASES.get(_fold(text)) if text else None
        if column is not None and column not in known.values():
            known[position] = column
        elif text and text.strip():
            extras.append((position, text.strip()))
    date_position = next((p for p, c in known.items() if c.attr == "date"), None)
    if date_position is None:
        return []
    result = []
    for row in body:
        cells = list(row)
        day = _cell_date(cells[date_position]) if date_position < len(cells) else None
        if day is None:
            continue
        values: dict[str, Any] = {"date": day}
        for position, column in known.items():
            if column.attr == "date" or position >= len(cells):
                continue
            cell = cells[position]
            if column.kind == "count":
                number = _cell_decimal(cell, "count")
                values[column.attr] = int(number) if number is not None else None
            else:
                values[column.attr] = _cell_decimal(cell, column.kind)
        extra = tuple((text, _cell_value(cells, position)) for position, text in extras)
        result.append(HistoryRow(**values, extra=extra))
    return result



def write_history(hs: Worksheet, rows: Sequence[HistoryRow], fmt: Formats) -> tuple[int, int]:
    """Fill the history sheet; return the 0-based first and last data rows."""
    extra_headers: list[str] = []
    for row in rows:
        for text, _ in row.extra:
            if text not in extra_headers:
                extra_headers.append(text)
    headers = [column.header for column in HISTORY_COLUMNS] + extra_headers
    for col, text in enumerate(headers):
        hs.write_string(0, col, text, fmt.header if col == 0 else fmt.header_num)
    hs.set_row(0, 30)
    cells = Cells(hs, fmt)
    for r, row in enumerate(rows, start=1):
        for col, column in enumerate(HISTORY_COLUMNS):
            cells.value(r, col, getattr(row, column.attr), column.kind, blank=True)
        extras = dict(row.extra)
        for offset, text in enumerate(extra_headers):
            _write_extra(hs, r, len(HISTORY_COLUMNS) + offset, extras.get(text), fmt)
    hs.set_column(0, 0, 12)
    hs.set_column(1, len(headers) - 1, 15)
    hs.freeze_panes(1, 1)
    hs.set_landscape()
    hs.fit_to_pages(1, 0)
    return 1, len(rows)


def _write_extra(hs: Worksheet, row: int, col: int, value: object, fmt: Formats) -> None:
    """A cell of a column the user added, written back as it was read."""
    if value is None or value == "":
        return
    if isinstance(value, datetime):
        hs.write_datetime(row, col, value, fmt.numbers["date"])
    elif isinstance(value, date):
        hs.write_datetime(row, col, datetime(value.year, value.month, value.day),
                          fmt.numbers["date"])
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        hs.write_number(row, col, value, fmt.text)
    else:
        hs.write(row, col, value, fmt.text)
