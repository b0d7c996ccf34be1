"""Reading a sheet row by row, cell by cell: the short sheets (Clients, Lignes, Rapprochement,
Échéancier). The long ones (the invoices, Paiements, Journal) are converted column by column
(`cells.Columns`)."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from operator import itemgetter
from typing import Any

from suivi.core.models import CellRef, ColumnInfo, Issue
from suivi.core.values import ValueProblem, parse_amount, parse_plausible_date, parse_text
from suivi.workbook.package import ErrorCells

from .cells import (
    AMOUNT_CODE,
    DATE_CODE,
    MAX_CELL_CHARS,
    cell_problem,
    error_value_issue,
    too_long_issue,
)


class RowReader:
    """Parses the mapped cells of one sheet, collecting issues with their cell references.

    `load(values, row)` picks the mapped cells of a row once; the accessors then convert them,
    with fast paths for what calamine returns most (float, datetime, str).
    """

    def __init__(self, sheet: str, columns: Mapping[str, ColumnInfo], issues: list[Issue],
                 errors: ErrorCells | None = None):
        self.sheet = sheet
        self.errors = errors or {}
        self.columns = columns
        self.issues = issues
        self._fields = tuple(columns)
        self._indices = tuple(info.index for info in columns.values())
        self._width = max(self._indices, default=-1) + 1
        self._pick = itemgetter(*self._indices) if len(self._indices) > 1 else None
        self.cur: dict[str, Any] = {}
        self.row = 0
        #: said in the issues of the row being read (the invoice of a Lignes row: an error
        #: there holds that invoice even when the line cannot be kept, `core.holds`)
        self.about: dict[str, Any] = {}

    def load(self, values: Sequence[Any], row: int) -> None:
        """Keep the mapped cells of `values`; empty cells are "" (calamine) or None."""
        if self._pick is not None and len(values) >= self._width:
            self.cur = dict(zip(self._fields, self._pick(values)))
        else:
            n = len(values)
            self.cur = {f: values[i] if i < n else None for f, i in zip(self._fields, self._indices)}
        self.row = row

    def ref(self, fld: str, row: int | None = None) -> CellRef:
        return CellRef(self.sheet, row or self.row, self.columns[fld].column)

    def raw(self, fld: str) -> Any:
        value = self.cur.get(fld)
        return None if value == "" else value

    def _problem(self, fld: str, exc: ValueProblem, code: str) -> None:
        self.issues.append(cell_problem(self.ref(fld), code, exc, self.columns[fld].header,
                                        **self.about))

    def _blank(self, fld: str) -> None:
        """An empty cell: an Excel error value when calamine hid one there."""
        if self.errors:
            value = self.errors.get((self.row - 1, self.columns[fld].index))
            if value is not None:
                self.issues.append(error_value_issue(self.ref(fld), value,
                                                     self.columns[fld].header, **self.about))

    def get(self, fld: str, parser: Callable[[Any], Any], code: str) -> Any:
        value = self.cur.get(fld)
        if value is None or value == "":
            self._blank(fld)
            return None
        try:
            return parser(value)
        except ValueProblem as exc:
            self._problem(fld, exc, code)
            return None

    def amount(self, fld: str) -> Decimal | None:
        value = self.cur.get(fld)
        if value is None or value == "":
            self._blank(fld)
            return None
        if type(value) is float:
            text = repr(value)
            if len(text) < 16 and "e" not in text:  # short repr: exactly the cell's text
                return Decimal(text)
        try:
            return parse_amount(value)
        except ValueProblem as exc:
            self._problem(fld, exc, AMOUNT_CODE)
            return None

    def date(self, fld: str) -> date | None:
        value = self.cur.get(fld)
        if value is None or value == "":
            self._blank(fld)
            return None
        try:
            return parse_plausible_date(value)
        except ValueProblem as exc:
            self._problem(fld, exc, DATE_CODE)
            return None

    def text(self, fld: str) -> str | None:
        value = self.cur.get(fld)
        if value is None or value == "":
            return None
        if type(value) is str:
            if len(value) > MAX_CELL_CHARS:
                self.issues.append(too_long_issue(self.ref(fld), len(value),
                                                  self.columns[fld].header))
                return None
            return value.strip() or None
        return parse_text(value)
