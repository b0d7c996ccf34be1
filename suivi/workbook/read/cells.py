"""Turning the mapped cells of a sheet into amounts, dates and texts.

Two readers, one rule: a value that cannot be understood is never a blank, it is an `Issue`
naming its cell (`Factures!F12`) and what is wrong; the caller gets None for it.

- `RowReader`: cell by cell (the small sheets: Clients, Lignes, Paiements, Journal);
- `Columns`: column by column with fast paths for what calamine returns most (float, datetime,
  str) — the invoice sheet, which may hold a million rows.

Excel error values (#N/A, #DIV/0!…), which calamine reads as blanks, come from
`error_cells` and are reported on their cell as what they are.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from suivi.core.models import CellRef, ColumnInfo, Issue, Severity
from suivi.core.terms import parse_terms
from suivi.core.values import (
    DATE_MAX,
    DATE_MIN,
    DMY_TEXT,
    ValueProblem,
    day_order,
    parse_amount,
    parse_plausible_date,
    parse_text,
)
from suivi.workbook.cell_marks import SAVED_ZERO, formula_of

from .uncached import FormulaCells, OtherSheets

#: issue code of each kind of cell (the hint says what to type)
AMOUNT_CODE, DATE_CODE, RATE_CODE = "montant_illisible", "date_illisible", "taux_illisible"
ErrorCells = Mapping[tuple[int, int], str]  # (0-based row, 0-based column) → "#N/A"


def cell_problem(where: CellRef, code: str, exc: ValueProblem, header: str,
                 **about: Any) -> Issue:
    return Issue.of(where, code, Severity.ERROR, problem=exc.message, column=header, **about)


def error_value_issue(where: CellRef, value: str, header: str, **about: Any) -> Issue:
    if value.startswith(SAVED_ZERO):  # a formula saved as 0 by a program that does not
        # calculate, that suivi cannot compute: that 0 is not its result
        return Issue.of(where, "formule_zero_non_calculee", Severity.ERROR, column=header,
                        formula="=" + (formula_of(value) or ""), **about)
    if formula_of(value) is not None:  # a formula saved without its value that suivi cannot
        # compute (`read.uncached`): read as empty, it is not
        return Issue.of(where, "formule_sans_valeur", Severity.ERROR, column=header, **about)
    return Issue.of(where, "valeur_erreur", Severity.ERROR, value=value, column=header, **about)


def too_long_issue(where: CellRef, length: int, header: str) -> Issue:
    """Blocking: no spreadsheet writes such a cell (Excel stops at 32,767 characters), so the
    file was made by another tool, and writing it back would be refused."""
    return Issue.of(where, "texte_trop_long", Severity.BLOCKING, length=length, column=header)


MAX_CELL_CHARS = 32_767

# What calamine returns in a column, for the fast paths of `Columns`: a column holding any other
# kind of cell (a whole number, a boolean…) is converted cell by cell.
_TEXT_KINDS = frozenset({str, type(None)})
_DATE_KINDS = frozenset({date, datetime, str, type(None)})


def _kinds(values: Sequence[Any]) -> set[type]:
    return set(map(type, values))


def _repetitive(values: Sequence[Any]) -> bool:
    """Whether a column repeats its values (a client, a status, a day) enough for converting
    each distinct value once to pay: judged on about 500 cells spread over it. A column of
    unique values (invoice numbers, references) is faster converted cell by cell."""
    sample = values[::max(1, len(values) // 500)]
    return len(set(sample)) * 4 <= len(sample)


_TOTAL_LABELS = ("total", "sous-total", "sous total", "subtotal", "sub-total", "grand total")


def is_total_label(value: Any) -> bool:
    """« Total », « TOTAL TTC », « Sous-total octobre »: a short text that labels a sum."""
    if not isinstance(value, str):
        return False
    text = value.strip().casefold()
    return len(text) <= 40 and text.startswith(_TOTAL_LABELS)


def is_total_row(values: Sequence[Any], first: int, last: int,
                 empty_in_totals: Sequence[int] = ()) -> bool:
    """A line of sums under the data: a cell reads « Total… », and the columns a real row fills
    (`empty_in_totals`: an invoice's client and date, a payment's date and invoice) hold
    nothing else. So « Total rénovation » in the description of a real invoice stays a row."""
    for c in empty_in_totals:  # first, and cheap: a real row has its date or its client
        if c < len(values):
            value = values[c]
            if value != "" and value is not None and not is_total_label(value):
                return False
    return any(is_total_label(values[c]) for c in range(first, min(last + 1, len(values))))


#: Day 0 of Excel's serial numbers (1900 counted as a leap year: serial 60 is its 29 February).
_EXCEL_EPOCH = date(1899, 12, 30)
#: « 30/09 », « 30.09 »: a day and a month, the year left out (`Columns._placed`).
DAY_MONTH = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})\s*$")


def one_filled(values: Sequence[Any], first: int, last: int) -> bool:
    """Exactly one cell of `first..last` holds something (counted in C, as `row_empty`)."""
    part = values[first:last + 1]
    return part.count("") + part.count(None) == len(part) - 1


def row_empty(values: Sequence[Any], first: int, last: int) -> bool:
    part = values[first:last + 1]  # counted in C: ~40 % faster on a 100,000-row sheet
    return part.count("") + part.count(None) == len(part)


# --------------------------------------------------------------------------- invoices


class Columns:
    """Column-wise conversion of the invoice sheet: each mapped column is converted in one
    tight loop (fast paths for what calamine returns), problems become issues naming the cell.
    Much faster than converting cell by cell through method calls on 100k-row sheets."""

    def __init__(self, rows: list[list[Any]], kept: list[int], sheet: str,
                 columns: Mapping[str, ColumnInfo], issues: list[Issue],
                 errors: ErrorCells | None = None):
        self.kept, self.sheet = kept, sheet
        self.errors = errors or {}
        self.columns, self.issues = columns, issues
        self.none: list[Any] = [None] * len(kept)
        width = max((info.index for info in columns.values()), default=-1) + 1
        data = [rows[r] for r in kept]
        if any(len(values) < width for values in data):
            data = [list(values) + [""] * (width - len(values)) for values in data]
        # one transposition in C instead of one Python loop per column
        self.transposed: list[Sequence[Any]] = list(zip(*data)) if data else [()] * width
        # equal texts and dates of a column (a client, a status, a day) become one object:
        # each cell comes from the reader as a new one (15 MB less at the peak of reading a
        # 100,000-row master)
        self.shared: dict[Any, Any] = {}
        # the same for amounts, across the columns of the sheet: a paid invoice's « Montant
        # réglé » equals its « Montant TTC », and round prices repeat
        self.amounts: dict[float, Decimal] = {}
        # positions of the amounts typed as text (« $500.00 », « 1 200 € »), by field: the few
        # cells whose currency may be another than the euro
        self.amount_texts: dict[str, list[int]] = {}
        # payment terms typed where a due date was expected (« 30 jours fin de mois »,
        # « à réception » under « Échéance »), by position: the due date is reckoned from them
        self.due_terms: dict[int, str] = {}
        # positions of the cells named by an issue (unreadable, an error value), by field
        self.unread: dict[str, set[int]] = {}
        self._positions: dict[int, int] | None = None
        self._by_column: dict[int, list[tuple[int, int, str]]] = {}
        # the formulas saved without their value, computed from the sheet's rows when a column
        # holds one (a workbook written by a program that does not calculate): the rows are
        # kept (the caller empties its list) until `release`
        self.formulas = FormulaCells(sheet, list(rows), self.errors) if any(
            formula_of(v) is not None for v in self.errors.values()) else None

    def using(self, others: OtherSheets) -> Columns:
        """These columns, their formulas computed with other sheets' cells (`FormulaCells`)."""
        if self.formulas is not None:
            self.formulas.others = others
        return self

    def release(self) -> None:
        """Let the cells go, once every column needed is converted: with the sheet's rows gone
        too, what is not kept in a record (the amounts as floats, the dates with their time,
        the cells of a duplicated text) is freed before the records are built. The columns
        cannot be read after."""
        self.transposed = []
        self.formulas = None
        self.amounts.clear()
        self.shared.clear()

    def raw(self, fld: str) -> Sequence[Any]:
        info = self.columns.get(fld)
        if info is None:
            return self.none
        return self.transposed[info.index]

    def _where(self, fld: str, position: int) -> CellRef:
        return CellRef(self.sheet, self.kept[position] + 1, self.columns[fld].column)

    def _problem(self, fld: str, position: int, exc: ValueProblem, code: str) -> None:
        self.unread.setdefault(fld, set()).add(position)
        self.issues.append(cell_problem(self._where(fld, position), code, exc,
                                        self.columns[fld].header))

    def error_values(self, fld: str, dates: bool = False) -> None:
        """Issues for the Excel error values of column `fld` (calamine read them as blanks);
        its formulas saved without a value are computed when they can be (`read.uncached`),
        their results put in the column (days in a date column)."""
        info = self.columns.get(fld)
        if info is None or not self.errors:
            return
        if self._positions is None:  # once for the sheet: rows → positions, errors by column
            self._positions = {row: p for p, row in enumerate(self.kept)}
            for (row, col), value in self.errors.items():
                self._by_column.setdefault(col, []).append((row, col, value))
        position = self._positions
        filled: dict[str, list[tuple[int, str]]] = {}  # warning code → (position, mark)
        for row, col, mark in self._by_column.get(info.index, ()):
            if row not in position:
                continue
            value = mark  # what is reported when it cannot be read
            if self.formulas is not None and formula_of(mark) is not None:
                code, found = self.formulas.resolved(row, col, mark, dates)
                if code is None:  # the 0 saved is its result: kept, unsaid
                    continue
                if code:
                    self._put(info.index, position[row], found)
                    filled.setdefault(code, []).append((position[row], mark))
                    continue
                value = found  # the mark, or the Excel error the formula gives
            if mark.startswith(SAVED_ZERO):  # read as 0: no more than an empty cell
                self._put(info.index, position[row], "")
            self.unread.setdefault(fld, set()).add(position[row])
            self.issues.append(error_value_issue(self._where(fld, position[row]), value,
                                                 info.header))
        for code, cells in filled.items():
            first, mark = min(cells)
            self.issues.append(Issue.of(self._where(fld, first), code, Severity.WARNING,
                                        count=len(cells), column=info.header,
                                        formula="=" + (formula_of(mark) or "")))

    def _put(self, index: int, position: int, value: Any) -> None:
        column = self.transposed[index]
        if not isinstance(column, list):  # a tuple from the transposition: copied once
            column = list(column)
            self.transposed[index] = column
        column[position] = value

    def text(self, fld: str) -> list[str | None]:
        if fld not in self.columns:
            return self.none
        self.error_values(fld)
        raw = self.raw(fld)
        shared = self.shared.setdefault
        if _repetitive(raw) and _kinds(raw) <= _TEXT_KINDS:
            # a column of few distinct texts (clients, statuses, terms): each converted once,
            # the cells then looked up in C
            table: dict[str | None, str | None] = {
                v: shared(s := v.strip(), s) or None for v in set(raw) if v is not None}
            table[None] = None
            values: list[str | None] = list(map(table.__getitem__, raw))
            if all(v is None or len(v) <= MAX_CELL_CHARS for v in table.values()):
                return values
        else:
            values = [None if v == "" or v is None else shared(s := v.strip(), s) or None
                      if type(v) is str else parse_text(v) for v in raw]
        for position, value in enumerate(values):
            if value is not None and len(value) > MAX_CELL_CHARS:
                self.issues.append(too_long_issue(self._where(fld, position), len(value),
                                                  self.columns[fld].header))
                values[position] = None
        return values

    def amount(self, fld: str) -> list[Decimal | None]:
        if fld not in self.columns:
            return self.none
        self.error_values(fld)
        out: list[Decimal | None] = []
        append = out.append
        seen = self.amounts
        get = seen.get
        for position, v in enumerate(self.raw(fld)):
            if type(v) is float:  # most cells: tested first
                known = get(v)
                if known is None:
                    text = repr(v)
                    if len(text) < 16 and "e" not in text:  # short repr: exactly the cell's text
                        known = seen[v] = Decimal(text)
                    else:
                        known = self._amount(fld, position, v)
                append(known)
            elif v == "" or v is None:
                append(None)
            else:
                if type(v) is str:
                    self.amount_texts.setdefault(fld, []).append(position)
                append(self._amount(fld, position, v))
        return out

    def _amount(self, fld: str, position: int, value: Any) -> Decimal | None:
        try:
            return parse_amount(value)
        except ValueProblem as exc:
            self._problem(fld, position, exc, AMOUNT_CODE)
            return None

    def _day(self, value: date) -> date:
        """The day of a date or datetime cell (calamine gives a date, or a datetime when the
        cell has a time), one object for equal days."""
        day = self.shared.get(value)
        if day is None:
            day = self.shared[value] = value.date() if isinstance(value, datetime) else value
        return day

    def dates(self, fields: Sequence[str]) -> tuple[dict[str, list[date | None]],
                                                    tuple[str, str] | None]:
        """The date columns of `fields`, their text dates read in the sheet's order of day and
        month: month first when some can only be read so (« 08/15/2026 ») and none only day
        first (« 25/11/2026 »), else day first, the French rule. Returns the dates by field,
        and (a text that says month first, the header of its column) when so. Only the cells
        typed as « jj/mm/aaaa » text are looked at twice: real date cells say nothing."""
        texts: list[tuple[str, int, str]] = []
        out = {fld: self.date(fld, texts) for fld in fields}
        month, day = day_order(text for _, _, text in texts)
        month_first = month is not None and day is None
        placed: list[tuple[str, int, str, date]] = []
        for fld, position, text in texts:
            if (m := DAY_MONTH.match(text)) is not None:
                out[fld][position] = self._placed(out, fld, position, m, month_first, placed)
                continue
            try:
                out[fld][position] = parse_plausible_date(text, month_first=month_first)
            except ValueProblem as exc:
                self._problem(fld, position, exc, DATE_CODE)
        if placed:
            fld, position, text, found = placed[0]
            self.issues.append(Issue.of(self._where(fld, position), "date_sans_annee",
                                        Severity.WARNING, count=len(placed), value=text.strip(),
                                        day=found))
        if not month_first:
            return out, None
        header = next(self.columns[f].header for f, _, t in texts if t.strip() == month)
        return out, (month or "", header)

    def _placed(self, out: Mapping[str, list[date | None]], fld: str, position: int,
                m: re.Match[str], month_first: bool,
                placed: list[tuple[str, int, str, date]]) -> date | None:
        """A due or payment date typed without its year (« 30/09 »): the first such day on
        or after the invoice's date, listed in `placed`; without an invoice date, an error."""
        issued = out["issue_date"][position] if "issue_date" in out else None
        text = m.string
        if issued is None:
            self._problem(fld, position, ValueProblem("incomplete_date", text), DATE_CODE)
            return None
        first, second = int(m[1]), int(m[2])
        day, month = (second, first) if month_first else (first, second)
        try:
            found = date(issued.year, month, day)
            if found < issued:
                found = date(issued.year + 1, month, day)
        except ValueError:
            self._problem(fld, position, ValueProblem("invalid_date", text), DATE_CODE)
            return None
        placed.append((fld, position, text, found))
        return found

    def date(self, fld: str, texts: list[tuple[str, int, str]] | None = None
             ) -> list[date | None]:
        """The column's dates; with `texts`, the cells typed « jj/mm/aaaa » are left out and
        listed there (field, position, text), to be read once the sheet's order of day and
        month is known (`dates`)."""
        if fld not in self.columns:
            return self.none
        self.error_values(fld, dates=True)
        raw = self.raw(fld)
        out: list[date | None]
        positions: Sequence[int]
        if _repetitive(raw) and _kinds(raw) <= _DATE_KINDS:
            # a column of a few thousand distinct days: each converted once, the cells then
            # looked up in C; what is left (a text, a day out of range) goes cell by cell
            table: dict[date, date] = {}
            for v in set(raw):
                if type(v) is date or type(v) is datetime:
                    day = self._day(v)
                    if DATE_MIN <= day <= DATE_MAX:
                        table[v] = day
            out = list(map(table.get, raw))
            positions = [i for i, day in enumerate(out) if day is None]
        else:
            out, positions = [None] * len(raw), range(len(raw))
        for position in positions:
            v = raw[position]
            kind = type(v)
            if kind is date or kind is datetime:
                day = self._day(v)
                if DATE_MIN <= day <= DATE_MAX:
                    out[position] = day
                    continue
            elif v == "" or v is None:
                continue
            if texts is not None and kind is str and (
                    DMY_TEXT.match(v) or fld != "issue_date" and DAY_MONTH.match(v)):
                texts.append((fld, position, v))
                continue
            try:
                out[position] = parse_plausible_date(v)
            except ValueProblem as exc:
                if fld == "due_date" and type(v) is str and parse_terms(v) is not None:
                    self.due_terms[position] = v.strip()
                    continue
                self._problem(fld, position, exc, DATE_CODE)
        if fld == "due_date":
            self._delays(out)
        return out

    def _delays(self, out: list[Any]) -> None:
        """Due-date cells that hold a number of days (30, 45, read as days of 1900: Excel's
        serial numbers) give the payment delay, « 30 jours » (`due_terms`), not a due date a
        century ago that held the invoice as an error."""
        for position, day in enumerate(out):
            if day is not None and day.year == 1900:
                days = (day - _EXCEL_EPOCH).days
                if 0 < days <= 366:
                    out[position] = None
                    self.due_terms[position] = f"{days} jours"

    def parsed(self, fld: str, parser: Callable[[Any], Any], code: str) -> list[Any]:
        if fld not in self.columns:
            return self.none
        self.error_values(fld)
        out: list[Any] = []
        for position, v in enumerate(self.raw(fld)):
            if v == "" or v is None:
                out.append(None)
                continue
            try:
                out.append(parser(v))
            except ValueProblem as exc:
                self._problem(fld, position, exc, code)
                out.append(None)
        return out

