"""Formulas saved without their value, computed as Excel would.

A workbook written by a program that does not calculate (a script with openpyxl, an export
from a web tool) keeps `=D2*0,2` or `=F2-H2` with no result: calamine reads such a cell as
empty, and every reader of cached values does too. suivi computes the ones it can compute
exactly (`suivi.workbook.formula_eval`: arithmetic, IF, SUM, ROUND, N… on cells of the same
sheet, themselves values or formulas of this kind), with Excel's rules and 15 significant
digits. A formula it cannot compute (another sheet, a lookup, today's date, a shared formula
whose text is elsewhere) stays an error naming its cell, as before: it is not read as empty.

The same goes for the formulas xlsxwriter (pandas through it) saves with the value 0: in a
workbook bearing its mark, that 0 is not taken for the result (`cell_marks.SAVED_ZERO`).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from suivi.core.values import EXCEL_EPOCH, excel_serial_to_date
from suivi.workbook.cell_marks import SAVED_ZERO, formula_of
from suivi.workbook.formula_eval import CannotEvaluate, Value, XlError, evaluate
from suivi.workbook.formula_parse import Node, Ref, analyse

_SECONDS = Decimal(86400)
_DEPTH = 16  # formulas over formulas, deep enough for a tracker's columns


Cells = tuple[Sequence[Sequence[Any]], Mapping[tuple[int, int], str]]
"""A sheet's rows as read, and its marked cells (`cell_marks`)."""
OtherSheets = Callable[[str], Cells | None] | None
"""Another sheet's cells by name (None: no such sheet); None when not given."""


class FormulaCells:
    """The formulas of one sheet saved without their value: (0-based row, column) → their
    value, computed from the sheet's cells (`rows`, as read) on first need.

    SUMIF, SUMIFS, COUNTIF, COUNTIFS and VLOOKUP(…, FALSE) are computed over the sheet's
    columns, and over another sheet's when `others(name)` gives its cells (None when there
    is no such sheet): « Montant réglé » =SUMIF(Paiements!A:A,A2,Paiements!C:C), « Email »
    =VLOOKUP(C2,Clients!A:C,3,FALSE); with one index per set of columns instead of a pass
    over the sheet for each row."""

    def __init__(self, sheet: str, rows: Sequence[Sequence[Any]],
                 errors: Mapping[tuple[int, int], str],
                 others: OtherSheets = None) -> None:
        self.sheet, self.rows, self.errors = sheet, rows, errors
        self.others = others
        self._done: dict[tuple[int, int], Value] = {}
        self._busy: set[tuple[int, int]] = set()
        self._trees: dict[str, tuple[Node, int]] = {}
        self._sheets: dict[str, Cells | None] = {}
        # per set of columns summed or counted: their index, None when it cannot be made
        self._indexes: dict[tuple[Any, ...], dict[tuple[Any, ...], list[Decimal]] | None] = {}
        # per VLOOKUP table: the first row of each key, the rows, the columns with a mark
        self._tables: dict[tuple[Any, ...], tuple[dict[Any, int], Sequence[Sequence[Any]],
                                                  set[int]] | None] = {}

    def computed(self, row: int, col: int) -> Value | CannotEvaluate:
        """The value of the uncached formula at (row, col), or why it cannot be computed."""
        try:
            return self._value(row, col)
        except CannotEvaluate as exc:
            return exc
        except (ArithmeticError, ValueError, OverflowError) as exc:
            return CannotEvaluate(str(exc))

    def _value(self, row: int, col: int) -> Value:
        key = (row, col)
        if key in self._done:
            return self._done[key]
        mark = self.errors.get(key)
        if mark is None:
            cells = self.rows[row] if 0 <= row < len(self.rows) else ()
            return _value(cells[col] if 0 <= col < len(cells) else None)
        text = formula_of(mark)  # a formula saved without its value, or as a 0 not computed
        if text is None:
            return XlError(mark)  # an Excel error value (#N/A…) in a cell used
        if not text:
            raise CannotEvaluate("a shared formula, its text is on another cell")
        if key in self._busy or len(self._busy) >= _DEPTH:
            raise CannotEvaluate("a circular reference")
        tree, parsed_at = self._tree(text, row)
        shift = row - parsed_at

        def lookup(ref: Ref, r: int, c: int) -> Value:
            if ref.sheet is not None and ref.sheet.casefold() != self.sheet.casefold():
                raise CannotEvaluate("another sheet")
            return self._value(r - 1 + shift, c - 1)

        self._busy.add(key)
        try:
            result = evaluate(tree, lookup, self)
        finally:
            self._busy.discard(key)
        self._done[key] = result
        return result

    def resolved(self, row: int, col: int, mark: str, dates: bool) -> tuple[str | None, Any]:
        """A marked formula cell as the column readers take it (a day in a date column):
        (None, None) when the 0 a program saved is its result indeed; (warning code, value)
        when computed (`formules_calculees`, `formules_zero_calculees`); ("", what to report)
        when it cannot be: the mark, or the Excel error the formula gives."""
        found = self.computed(row, col)
        zero = mark.startswith(SAVED_ZERO)
        if zero and is_zero(found):  # in a date column too: no day to convert
            return None, None
        if isinstance(found, XlError):
            return "", found.code
        if isinstance(found, CannotEvaluate):
            return "", mark
        try:
            value = as_cell(found, dates)
        except ValueError:
            return "", mark
        return ("formules_zero_calculees" if zero else "formules_calculees"), value

    def sum_if(self, criteria: Sequence[tuple[Ref, Value]], total: Ref | None) -> Decimal:
        """SUMIF and the like over single columns of one sheet, criteria of equality only (a
        text without wildcard nor comparison, a number), no marked cell in the columns (an
        error, a formula without a value: the sum would be wrong)."""
        refs = [ref for ref, _ in criteria] + ([total] if total is not None else [])
        sheet = refs[0].sheet
        areas = {(ref.area.first_row, ref.area.last_row) for ref in refs}
        if len(areas) != 1 or any(ref.sheet != sheet or ref.area.first_col != ref.area.last_col
                                  for ref in refs):
            raise CannotEvaluate("conditional ranges of different shapes or sheets")
        columns = tuple(ref.area.first_col - 1 for ref in refs)
        (first, last), = areas
        key = ((sheet or "").casefold(), first, last, columns, total is not None)
        if key not in self._indexes:  # once per set of columns, what it can or cannot do
            self._indexes[key] = None
            rows, marks = self._cells_of(sheet)
            if any(c in columns and first - 1 <= r <= last - 1 for r, c in marks):
                raise CannotEvaluate("a marked cell in a conditional range")
            self._indexes[key] = _index(rows, first - 1, last, columns, total is not None)
        index = self._indexes[key]
        if index is None:
            raise CannotEvaluate("conditional ranges suivi cannot sum")
        found = index.get(tuple(_criterion(value) for _, value in criteria))
        if found is None:
            return Decimal(0)
        return sum(found, Decimal(0)) if total is not None else Decimal(len(found))

    def vlookup(self, key: Value, table: Ref, column: int) -> Value:
        """VLOOKUP(key, table, column, FALSE): texts compared ignoring case (no wildcard),
        numbers as numbers (a number never matches a text, as in Excel); #N/A when nothing
        matches; an empty cell found gives 0, as in Excel. Not computed when the key column or
        the one returned holds a marked cell (an error, a formula without a value)."""
        area = table.area
        if column > area.last_col - area.first_col + 1:
            return XlError("#REF!")
        wanted = _criterion(key) if not isinstance(key, XlError) else None
        if wanted is None:
            return key  # an error looked up is that error
        index_key = _table_key(table)
        if index_key not in self._tables:
            self._tables[index_key] = None
            rows, marks = self._cells_of(table.sheet)
            marked = {c for r, c in marks if area.first_row - 1 <= r <= area.last_row - 1}
            self._tables[index_key] = (_first_rows(rows, area.first_row - 1, area.last_row,
                                                   area.first_col - 1), rows, marked)
        found = self._tables[index_key]
        if found is None or area.first_col - 1 in found[2] \
                or area.first_col + column - 2 in found[2]:
            raise CannotEvaluate("VLOOKUP over a marked column")
        first, rows, _ = found
        row = first.get(wanted)
        if row is None:
            return XlError("#N/A")
        cells = rows[row]
        col = area.first_col + column - 2
        value = _value(cells[col] if col < len(cells) else None)
        return Decimal(0) if value is None else value

    def match(self, key: Value, line: Ref) -> Value:
        """MATCH(key, column, 0): the position of the first exact match (as VLOOKUP finds
        it), #N/A when none; a row of cells is not done."""
        if line.area.first_col != line.area.last_col:
            raise CannotEvaluate("MATCH along a row")
        found = self.vlookup(key, line, 1)
        if isinstance(found, XlError):
            return found
        first, _, _ = self._tables[_table_key(line)]  # type: ignore[misc]
        return Decimal(first[_criterion(key)] - line.area.first_row + 2)

    def index(self, area: Ref, row: int, column: int) -> Value:
        """INDEX(area, row, column): the value there (0 for an empty cell, as Excel shows it
        in a formula), #REF! outside the area; not done over a column with a marked cell."""
        box = area.area
        if row > box.last_row - box.first_row + 1 or column > box.last_col - box.first_col + 1:
            return XlError("#REF!")
        rows, marks = self._cells_of(area.sheet)
        r, c = box.first_row + row - 2, box.first_col + column - 2
        if (r, c) in marks:
            raise CannotEvaluate("INDEX of a marked cell")
        cells = rows[r] if r < len(rows) else ()
        value = _value(cells[c] if c < len(cells) else None)
        return Decimal(0) if value is None else value

    def today(self) -> Decimal:
        """TODAY(): the computer's day, as Excel computes it when it opens the workbook."""
        return Decimal((date.today() - EXCEL_EPOCH).days)

    def _cells_of(self, sheet: str | None) -> Cells:
        if sheet is None or sheet.casefold() == self.sheet.casefold():
            return self.rows, self.errors
        folded = sheet.casefold()
        if folded not in self._sheets:
            if self.others is None:
                raise CannotEvaluate("another sheet")
            self._sheets[folded] = self.others(sheet)
        found = self._sheets[folded]
        if found is None:
            raise CannotEvaluate(f"no sheet {sheet}")
        return found

    def _tree(self, text: str, row: int) -> tuple[Node, int]:
        """The formula parsed, and the row it was parsed for: a formula filled down a column
        (=D2*0.2, =D3*0.2…) is parsed once, and evaluated on each row shifted by the rows
        between them (as Excel fills it down)."""
        key = _relative(text, row)
        found = self._trees.get(key) if key is not None else None
        if found is None:
            _deps, tree = analyse(text)  # an « opaque » INDEX is computed below, when it can
            if tree is None:
                raise CannotEvaluate(text)
            found = (tree, row)
            if key is not None:
                self._trees[key] = found
        return found


_WHOLE_COLUMNS = re.compile(r"![A-Za-z]{1,3}:[A-Za-z]{1,3}(?![A-Za-z0-9_(])")
_BOUNDED_RANGE = re.compile(r"[A-Za-z]{1,3}[0-9]{1,7}:[A-Za-z]{1,3}[0-9]{1,7}")
_REF_ROW = re.compile(r"(?<![A-Za-z0-9_.])([A-Za-z]{1,3})([0-9]{1,7})(?![A-Za-z0-9_(])")


def _relative(text: str, row: int) -> str | None:
    """The formula with each row written relative to its own (« D2*0.2 » on row 2 and
    « D3*0.2 » on row 3 give one key); None when that would not be the same formula (a fixed
    row `$`, a cell of another sheet). A text in quotes is kept as it is:
    « IF(G2="","",G2-N(J2)) »; whole columns of another sheet have no row to shift:
    « SUMIF(Paiements!A:A,A2,Paiements!C:C) »."""
    if "$" in text or "'" in text or text.count("!") != len(_WHOLE_COLUMNS.findall(text)) \
            or _BOUNDED_RANGE.search(text):  # SUMIF and VLOOKUP take ranges as written
        return None
    pieces = text.split('"')  # outside quotes at even indexes ("" inside a text splits too)
    for i in range(0, len(pieces), 2):
        pieces[i] = _REF_ROW.sub(lambda m: f"{m[1]}[{int(m[2]) - 1 - row}]", pieces[i])
    return '"'.join(pieces)


def _value(raw: Any) -> Value:
    """A cell as read (float, date, text…) as the formula evaluator sees it."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool | str):
        return raw
    if isinstance(raw, float):
        return Decimal(repr(raw))
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, datetime):
        moment = raw - datetime.combine(EXCEL_EPOCH, time())
        return Decimal(moment.days) + Decimal(moment.seconds) / _SECONDS
    if isinstance(raw, date):
        return Decimal((raw - EXCEL_EPOCH).days)
    raise CannotEvaluate(f"a cell of type {type(raw).__name__}")


_NUMBER_TEXT = re.compile(r"[-+]?\d+(?:[.,]\d+)?")


def _key(value: Value) -> tuple[str, Any] | None:
    """How a cell is compared by SUMIF's criteria and VLOOKUP's keys: a number, or a text
    without case; None for anything else (an empty cell, a boolean)."""
    if isinstance(value, Decimal):
        return "n", value
    if isinstance(value, str):
        return "s", value.casefold()
    return None


def _criterion(value: Value) -> tuple[str, Any]:
    """A criterion of equality as the index keys it: a number, or a text (Excel compares
    texts ignoring case). Anything else (a comparison « >0 », a wildcard, an empty cell, a
    text that reads as a number) is not computed."""
    key = _key(value)
    if key is None or isinstance(value, str) and (
            not value or value.startswith(("<", ">", "=")) or any(ch in value for ch in "*?~")
            or _NUMBER_TEXT.fullmatch(value.strip())):
        raise CannotEvaluate(f"criterion {value!r}")
    return key


def _index(rows: Sequence[Sequence[Any]], start: int, stop: int, columns: tuple[int, ...],
           summed: bool) -> dict[tuple[Any, ...], list[Decimal]]:
    """Rows start..stop-1 keyed by their criteria cells (`columns` but the last when
    `summed`): the numbers of the summed column, or one entry per row to count."""
    keyed, values = (columns[:-1], columns[-1]) if summed else (columns, -1)
    index: dict[tuple[Any, ...], list[Decimal]] = {}
    for cells in rows[start:stop]:
        key: list[tuple[str, Any]] = []
        for col in keyed:
            value = _value(cells[col] if col < len(cells) else None)
            if isinstance(value, str) and _NUMBER_TEXT.fullmatch(value.strip()):
                raise CannotEvaluate("a number typed as text")  # Excel matches it to 1001
            if (cell_key := _key(value)) is None:
                break
            key.append(cell_key)
        else:
            amount = _value(cells[values] if 0 <= values < len(cells) else None)
            if not summed:
                amount = Decimal(1)
            if isinstance(amount, Decimal) and not isinstance(amount, bool):
                index.setdefault(tuple(key), []).append(amount)
    return index


def _table_key(table: Ref) -> tuple[Any, ...]:
    return (table.sheet or "").casefold(), table.area.first_row, table.area.last_row, \
        table.area.first_col


def _first_rows(rows: Sequence[Sequence[Any]], start: int, stop: int,
                col: int) -> dict[Any, int]:
    """Rows start..stop-1 by the value of their cell in `col` (as `_criterion` keys it): the
    first row of each."""
    first: dict[Any, int] = {}
    for r in range(start, min(stop, len(rows))):
        cells = rows[r]
        key = _key(_value(cells[col] if col < len(cells) else None))
        if key is not None:
            first.setdefault(key, r)
    return first


def is_zero(value: Any) -> bool:
    """A computed result equal to the 0 a program saved in its place (a number, not a day)."""
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool) \
        and value == 0


def as_day(value: Decimal) -> date:
    """The day of a serial number (1900 date system)."""
    if not 61 <= value < 2_958_466:
        raise ValueError("not a day Excel shows")
    return excel_serial_to_date(int(value))


def as_cell(value: Value, dates: bool) -> Any:
    """A computed value as the column readers take it: a number (a day in a date column), a
    text, or "" for an empty result; an Excel error stays an `XlError`."""
    if value is None:
        return ""
    if isinstance(value, Decimal) and dates:
        return as_day(value)
    return value
