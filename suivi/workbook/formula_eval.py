"""Evaluating the formulas suivi can compute exactly, with Excel's rules. Pure.

The writer uses it for the formulas of the rows it writes whose references all stay in their
row (the template's « Reste dû » `=IF(G2="","",G2-N(J2))`, a line total `=ROUND(C2*E2,2)`…):
their cached result is recomputed, so that LibreOffice, pandas or any reader of cached values
shows the new amount. A formula that needs anything else (a function not listed here, another
row, another sheet, today's date) raises `CannotEvaluate`; the writer then drops its cached
result instead (Excel and LibreOffice compute a formula that has none).

The reader (`read.uncached`, formulas saved without a value) gives a `Ranges` as well: SUMIF,
VLOOKUP, INDEX/MATCH over whole columns, of other sheets too, TODAY() and the day functions
(in the 1900 date system the reader's values are in) are then computed.

Values: Decimal (numbers and dates), str, bool, None (an empty cell) and `XlError`.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Context, Decimal, InvalidOperation
from typing import Protocol

from suivi.core.values import EXCEL_EPOCH, excel_serial_to_date

from .formula_parse import Node, Ref

_EXCEL = Context(prec=15)  # Excel keeps 15 significant digits


@dataclass(frozen=True, slots=True)
class XlError:
    code: str  # "#VALUE!", "#DIV/0!"…


Value = Decimal | str | bool | None | XlError
CellLookup = Callable[[Ref, int, int], Value]
"""(reference, row, col) → the value of that cell (the reference says which sheet)."""


class Ranges(Protocol):
    """Functions over whole ranges, possibly of other sheets (the reader's `FormulaCells`);
    each raises CannotEvaluate for what it cannot do exactly."""

    def sum_if(self, criteria: Sequence[tuple[Ref, Value]], total: Ref | None) -> Decimal:
        """SUMIF/SUMIFS (`total`: the range summed), COUNTIF/COUNTIFS (None): (range,
        criterion) pairs → the sum or the count."""

    def vlookup(self, key: Value, table: Ref, column: int) -> Value:
        """VLOOKUP(key, table, column, FALSE): the value beside the first exact match."""

    def today(self) -> Decimal:
        """TODAY(): the serial number of the day, as Excel computes it on opening."""

    def match(self, key: Value, line: Ref) -> Value:
        """MATCH(key, column, 0): the position of the first exact match in the column."""

    def index(self, area: Ref, row: int, column: int) -> Value:
        """INDEX(area, row, column): the value at that position."""


VALUE, DIV0, NUM = XlError("#VALUE!"), XlError("#DIV/0!"), XlError("#NUM!")


class CannotEvaluate(Exception):
    """The formula needs something the evaluator does not do."""


class _Raise(Exception):
    def __init__(self, error: XlError) -> None:
        super().__init__(error.code)
        self.error = error


def _number(value: Value) -> Decimal:
    """A value in arithmetic: empty is 0, TRUE is 1, a numeric text is its number."""
    if isinstance(value, XlError):
        raise _Raise(value)
    if value is None:
        return Decimal(0)
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(value.strip().replace(" ", ""))
    except InvalidOperation:
        raise _Raise(VALUE) from None


def _truth(value: Value) -> bool:
    if isinstance(value, str):
        upper = value.upper()
        if upper in ("TRUE", "FALSE"):
            return upper == "TRUE"
        raise _Raise(VALUE)
    return _number(value) != 0


def _text(value: Value) -> str:
    if isinstance(value, XlError):
        raise _Raise(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, Decimal):
        if value == value.to_integral_value() and -10 ** 10 < value < 10 ** 11:
            return str(int(value))  # a whole number: its digits, in any general format
        raise CannotEvaluate("number shown as text")  # depends on Excel's general format
    return value


def _rank(value: Value) -> int:
    return 0 if isinstance(value, Decimal) else 1 if isinstance(value, str) else 2


def _compare(op: str, left: Value, right: Value) -> bool:
    """Excel's comparison: empty is 0 beside a number and "" beside a text; numbers < texts <
    booleans; texts compare without case."""
    for value in (left, right):
        if isinstance(value, XlError):
            raise _Raise(value)
    if left is None:
        left = "" if isinstance(right, str) else False if isinstance(right, bool) else Decimal(0)
    if right is None:
        right = "" if isinstance(left, str) else False if isinstance(left, bool) else Decimal(0)
    if _rank(left) != _rank(right):
        a, b = _rank(left), _rank(right)
    elif isinstance(left, str) and isinstance(right, str):
        a, b = left.casefold(), right.casefold()  # type: ignore[assignment]
    else:
        a, b = left, right  # type: ignore[assignment]
    return {"=": a == b, "<>": a != b, "<": a < b, ">": a > b, "<=": a <= b,
            ">=": a >= b}[op]


def _arith(op: str, left: Value, right: Value) -> Value:
    a, b = _number(left), _number(right)
    if op == "+":
        return _EXCEL.plus(a + b)
    if op == "-":
        return _EXCEL.plus(a - b)
    if op == "*":
        return _EXCEL.multiply(a, b)
    if op == "/":
        if b == 0:
            raise _Raise(DIV0)
        return _EXCEL.divide(a, b)
    try:
        return _EXCEL.power(a, b)
    except InvalidOperation:
        raise _Raise(NUM) from None


def _round(args: Sequence[Value], mode: str) -> Value:
    if len(args) != 2:
        raise CannotEvaluate("ROUND takes two arguments")
    number, places = _number(args[0]), int(_number(args[1]))
    exponent = Decimal(1).scaleb(-places)
    rounding = {"ROUND": ROUND_HALF_UP, "ROUNDUP": ROUND_UP, "ROUNDDOWN": ROUND_DOWN}[mode]
    return number.quantize(exponent, rounding=rounding)


class Evaluator:
    """Evaluates one formula tree; `lookup` gives the cells it refers to."""

    def __init__(self, lookup: CellLookup, ranges: Ranges | None = None) -> None:
        self.lookup, self.ranges = lookup, ranges

    def value(self, node: Node) -> Value:
        try:
            return self._eval(node)
        except _Raise as exc:
            return exc.error

    def _cells(self, ref: Ref) -> list[Value]:
        area = ref.area
        if (area.last_row - area.first_row + 1) * (area.last_col - area.first_col + 1) > 256:
            raise CannotEvaluate("range too large")
        return [self.lookup(ref, row, col) for row in range(area.first_row, area.last_row + 1)
                for col in range(area.first_col, area.last_col + 1)]

    def _eval(self, node: Node) -> Value:
        kind = node.kind
        if kind in ("num", "str", "bool"):
            return node.value  # type: ignore[return-value]
        if kind == "err":
            return XlError(str(node.value))
        if kind == "ref":
            assert isinstance(node.value, Ref)
            cells = self._cells(node.value)
            if len(cells) != 1:
                raise CannotEvaluate("a range used as a value")
            return cells[0]
        if kind == "neg":
            return -_number(self._eval(node.args[0]))
        if kind == "pct":
            return _number(self._eval(node.args[0])) / 100
        if kind == "call":
            return self._call(str(node.value), node.args)
        left, right = self._eval(node.args[0]), self._eval(node.args[1])
        if kind == "&":
            return _text(left) + _text(right)
        if kind in ("=", "<>", "<", ">", "<=", ">="):
            return _compare(kind, left, right)
        return _arith(kind, left, right)

    def _numbers(self, args: Sequence[Node]) -> list[Decimal]:
        """SUM-like arguments: numbers of ranges (texts and empties skipped), direct values."""
        numbers: list[Decimal] = []
        for arg in args:
            if arg.kind == "ref":
                assert isinstance(arg.value, Ref)
                for value in self._cells(arg.value):
                    if isinstance(value, XlError):
                        raise _Raise(value)
                    if isinstance(value, Decimal):
                        numbers.append(value)
            else:
                numbers.append(_number(self._eval(arg)))
        return numbers

    def _call(self, name: str, args: Sequence[Node]) -> Value:
        if name == "IF":
            if not 1 <= len(args) <= 3:
                raise CannotEvaluate("IF")
            if _truth(self._eval(args[0])):
                return self._eval(args[1]) if len(args) > 1 else True
            return self._eval(args[2]) if len(args) > 2 else False
        if name == "IFERROR" and len(args) == 2:
            first = self.value(args[0])
            return self._eval(args[1]) if isinstance(first, XlError) else first
        if name in ("ISBLANK", "ISNUMBER", "ISTEXT", "ISERROR") and len(args) == 1:
            value = self.value(args[0])
            return {"ISBLANK": value is None, "ISNUMBER": isinstance(value, Decimal),
                    "ISTEXT": isinstance(value, str),
                    "ISERROR": isinstance(value, XlError)}[name]
        if name == "N" and len(args) == 1:
            value = self._eval(args[0])
            if isinstance(value, XlError):
                raise _Raise(value)
            return value if isinstance(value, Decimal) else \
                Decimal(int(value)) if isinstance(value, bool) else Decimal(0)
        if name in ("SUM", "MIN", "MAX"):
            numbers = self._numbers(args)
            if name == "SUM":
                return _EXCEL.plus(sum(numbers, Decimal(0)))
            return (min if name == "MIN" else max)(numbers, default=Decimal(0))
        if name in ("ROUND", "ROUNDUP", "ROUNDDOWN"):
            return _round([self._eval(arg) for arg in args], name)
        if name == "ABS" and len(args) == 1:
            return abs(_number(self._eval(args[0])))
        if name in ("AND", "OR") and args:
            truths = [_truth(self._eval(arg)) for arg in args]
            return all(truths) if name == "AND" else any(truths)
        if name == "NOT" and len(args) == 1:
            return not _truth(self._eval(args[0]))
        if name in _CONDITIONAL and self.ranges is not None:
            return self._conditional(name, args)
        if name == "TODAY" and not args and self.ranges is not None:
            return self.ranges.today()
        if name in _DAYS and self.ranges is not None:  # days in the 1900 system: the reader's
            return _days(name, [self._eval(arg) for arg in args])
        if name == "TEXT" and len(args) == 2:  # zero-padded whole numbers only: « 000 »
            number, shape = _number(self._eval(args[0])), self._eval(args[1])
            if not isinstance(shape, str) or not shape or set(shape) != {"0"} \
                    or number != number.to_integral_value() or number < 0:
                raise CannotEvaluate("TEXT with another format")
            return str(int(number)).zfill(len(shape))
        if name in _TEXTS:
            texts = [_text(self._eval(arg)) for arg in args]
            if name in ("CONCATENATE", "CONCAT") and texts:
                return "".join(texts)
            if len(texts) == 1:
                return texts[0].lower() if name == "LOWER" else texts[0].upper() \
                    if name == "UPPER" else " ".join(t for t in texts[0].split(" ") if t)
            raise CannotEvaluate(name)
        if name in ("MATCH", "INDEX") and self.ranges is not None:
            return self._position(name, args)
        if name == "VLOOKUP" and self.ranges is not None and len(args) == 4 \
                and args[1].kind == "ref":
            exact = self._eval(args[3])
            if exact is not False and exact != 0:  # an approximate match: not done
                raise CannotEvaluate("VLOOKUP without FALSE")
            column = _number(self._eval(args[2]))
            if column != int(column) or column < 1:
                raise CannotEvaluate("VLOOKUP column")
            return self.ranges.vlookup(self._eval(args[0]), args[1].value,  # type: ignore[arg-type]
                                       int(column))
        raise CannotEvaluate(name)

    def _position(self, name: str, args: Sequence[Node]) -> Value:
        """MATCH(key, column, 0) and INDEX(area, row[, column]) (INDEX/EQUIV)."""
        assert self.ranges is not None
        if name == "MATCH" and len(args) == 3 and args[1].kind == "ref":
            exact = self._eval(args[2])
            if not (exact is False or isinstance(exact, Decimal) and exact == 0):
                raise CannotEvaluate("MATCH without 0")  # an approximate match: not done
            return self.ranges.match(self._eval(args[0]), args[1].value)  # type: ignore[arg-type]
        if name == "INDEX" and len(args) in (2, 3) and args[0].kind == "ref":
            at = [_number(self._eval(arg)) for arg in args[1:]] + [Decimal(1)]
            if any(n != int(n) or n < 1 for n in at[:2]):
                raise CannotEvaluate("INDEX position")
            return self.ranges.index(args[0].value, int(at[0]), int(at[1]))  # type: ignore[arg-type]
        raise CannotEvaluate(name)

    def _conditional(self, name: str, args: Sequence[Node]) -> Value:
        """SUMIF(range, criterion[, sum range]), SUMIFS(sum range, range, criterion…),
        COUNTIF(range, criterion), COUNTIFS(range, criterion…)."""
        total: Node | None = None
        if name == "SUMIF" and len(args) in (2, 3):
            pairs, total = [(args[0], args[1])], args[2] if len(args) == 3 else args[0]
        elif name == "SUMIFS" and len(args) >= 3 and len(args) % 2 == 1:
            total, pairs = args[0], list(zip(args[1::2], args[2::2]))
        elif name == "COUNTIF" and len(args) == 2 or name == "COUNTIFS" and len(args) % 2 == 0:
            pairs = list(zip(args[::2], args[1::2]))
        else:
            raise CannotEvaluate(name)
        if any(node.kind != "ref" for node in [p[0] for p in pairs] + [total] if node):
            raise CannotEvaluate(f"{name} over something else than ranges")
        criteria = [(rng.value, self._eval(crit)) for rng, crit in pairs]
        assert self.ranges is not None
        result = self.ranges.sum_if(criteria,  # type: ignore[arg-type]
                                    total.value if total is not None else None)  # type: ignore[arg-type]
        return _EXCEL.plus(result)


_CONDITIONAL = frozenset({"SUMIF", "SUMIFS", "COUNTIF", "COUNTIFS"})
_TEXTS = frozenset({"LOWER", "UPPER", "TRIM", "CONCATENATE", "CONCAT"})
_DAYS = frozenset({"DATE", "YEAR", "MONTH", "DAY", "EDATE", "EOMONTH"})


def _day(value: Value) -> date:
    serial = _number(value)
    if not 61 <= serial < 2958466:  # before March 1900 Excel counts a 29 February 1900
        raise CannotEvaluate("a serial Excel reads as no day suivi knows")
    return excel_serial_to_date(int(serial))


def _serial(day: date) -> Decimal:
    serial = (day - EXCEL_EPOCH).days
    if not 61 <= serial < 2958466:
        raise CannotEvaluate("a day before March 1900")
    return Decimal(serial)


def _month_start(year: int, month: int) -> date:
    """The first day of `month` (any integer: 13 is next January, 0 last December)."""
    year += (month - 1) // 12
    if not 1 <= year <= 9999:
        raise _Raise(NUM)
    return date(year, (month - 1) % 12 + 1, 1)


def _days(name: str, args: list[Value]) -> Value:
    """DATE, YEAR, MONTH, DAY, EDATE, EOMONTH, with Excel's rules (DATE(2026;13;1) is
    1 January 2027, a day 0 the last of the month before)."""
    if name in ("YEAR", "MONTH", "DAY") and len(args) == 1:
        day = _day(args[0])
        return Decimal(day.year if name == "YEAR" else day.month if name == "MONTH" else day.day)
    if name == "DATE" and len(args) == 3:
        year, month, days = (int(_number(arg)) for arg in args)
        if not 0 <= year <= 9999:
            raise _Raise(NUM)
        start = _month_start(year + 1900 if year < 1900 else year, month)
        return _serial(start + timedelta(days=days - 1))
    if name in ("EDATE", "EOMONTH") and len(args) == 2:
        day, months = _day(args[0]), int(_number(args[1]))
        start = _month_start(day.year, day.month + months)
        last = (_month_start(start.year, start.month + 1) - timedelta(days=1)).day
        return _serial(start.replace(day=last if name == "EOMONTH" else min(day.day, last)))
    raise CannotEvaluate(name)


def evaluate(tree: Node, lookup: CellLookup, ranges: Ranges | None = None) -> Value:
    """The value of a formula tree (an Excel error is a value); CannotEvaluate otherwise."""
    return Evaluator(lookup, ranges).value(tree)
