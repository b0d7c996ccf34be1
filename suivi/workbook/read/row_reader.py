"""Reading a sheet row by row, cell by cell: the short sheets (Clients, Lignes, Rapprochement,
Échéancier). The long ones (the invoices, Paiements, Journal) are converted column by column
(`cells.Columns`)."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from operator import itemgetter
from typing import Any

from suivi.core.models import CellRef, ColumnInfo, Issue, Severity
from suivi.core.values import ValueProblem, parse_amount, parse_plausible_date, parse_text
from suivi.workbook.cell_marks import SAVED_ZERO, ErrorCells, formula_of

from .cells import (
    AMOUNT_CODE,
    DATE_CODE,
    MAX_CELL_CHARS,
    cell_problem,
    error_value_issue,
    too_long_issue,
)
from .uncached import FormulaCells, is_zero


class RowReader:
    """Parses the mapped cells of one sheet, collecting issues with their cell references.

    `load(values, row)` picks the mapped cells of a row once; the accessors then convert them,
    with fast paths for what calamine returns most (float, datetime, str).
    """

    def __init__(self, sheet: str, columns: Mapping[str, ColumnInfo], issues: list[Issue],
                 errors: ErrorCells | None = None, rows: Sequence[Sequence[Any]] = ()):
        self.sheet = sheet
        self.errors = errors or {}
        # the sheet's rows, to compute its formulas saved without a value (`read.uncached`)
        self._rows = rows
        self._formulas: FormulaCells | None = None
        #: (warning code, field) → [first cell, count, formula]: `finish` says them
        self._computed: dict[tuple[str, str], list[Any]] = {}
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

    def _marked(self, fld: str, value: Any, dates: bool = False) -> Any:
        """The value of a cell the package scan marked (`cell_marks`), else `value`: an empty
        cell may hide an Excel error value or a formula saved without its value, a 0 may be
        xlsxwriter's. A formula is computed when it can be (a 0 that is its result is kept);
        otherwise None, with an issue naming the cell."""
        info = self.columns.get(fld)
        mark = self.errors.get((self.row - 1, info.index)) if info is not None else None
        if info is None or mark is None or mark.startswith(SAVED_ZERO) and not is_zero(value):
            return value  # no mark, or a column the sheet does not have
        if formula_of(mark) is not None and self._rows:
            if self._formulas is None:
                self._formulas = FormulaCells(self.sheet, self._rows, self.errors)
            code, found = self._formulas.resolved(self.row - 1, info.index, mark, dates)
            if code is None:
                return value  # the 0 saved is its result
            if code:
                said = self._computed.setdefault((code, fld), [self.ref(fld), 0, mark])
                said[1] += 1
                return found
            mark = found  # the mark, or the Excel error the formula gives
        self.issues.append(error_value_issue(self.ref(fld), mark, self.columns[fld].header,
                                             **self.about))
        return None

    def finish(self) -> None:
        """One warning per column whose formulas suivi computed (as `cells.Columns` says)."""
        for (code, fld), (where, count, mark) in self._computed.items():
            self.issues.append(Issue.of(where, code, Severity.WARNING, count=count,
                                        column=self.columns[fld].header,
                                        formula="=" + (formula_of(mark) or "")))
        self._computed.clear()

    def get(self, fld: str, parser: Callable[[Any], Any], code: str) -> Any:
        value = self.cur.get(fld)
        if self.errors and (value is None or value == "" or value == 0):
            value = self._marked(fld, value)
        if value is None or value == "":
            return None
        try:
            return parser(value)
        except ValueProblem as exc:
            self._problem(fld, exc, code)
            return None

    def amount(self, fld: str) -> Decimal | None:
        value = self.cur.get(fld)
        if self.errors and (value is None or value == "" or value == 0):
            value = self._marked(fld, value)
        if value is None or value == "":
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
        if self.errors and (value is None or value == "" or value == 0):
            value = self._marked(fld, value, dates=True)
        if value is None or value == "":
            return None
        try:
            return parse_plausible_date(value)
        except ValueProblem as exc:
            self._problem(fld, exc, DATE_CODE)
            return None

    def text(self, fld: str) -> str | None:
        value = self.cur.get(fld)
        if self.errors and (value is None or value == "" or value == 0):
            value = self._marked(fld, value)
        if value is None or value == "":
            return None
        if type(value) is str:
            if len(value) > MAX_CELL_CHARS:
                self.issues.append(too_long_issue(self.ref(fld), len(value),
                                                  self.columns[fld].header))
                return None
            return value.strip() or None
        return parse_text(value)
