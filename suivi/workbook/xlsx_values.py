"""Cell references and cell values as SpreadsheetML text.

Pure helpers shared by the lossless writer: A1 references, ranges, and the encoding of Python
values (str, numbers, Decimal, dates, bool, None) into the lexical forms a worksheet stores.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from suivi.core.models import column_index as _column_index
from suivi.core.models import column_letter
from suivi.messages import SuiviError

MAX_ROW = 1_048_576
MAX_COL = 16_384
MAX_TEXT = 32_767  # Excel's limit for the characters of one cell

CellValue = str | int | float | Decimal | date | datetime | bool | None

_REF_RE = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")
# Characters XML 1.0 forbids: C0 controls except tab/newline/return, surrogates, U+FFFE/U+FFFF.
_ILLEGAL_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Excel reads `_xHHHH_` in strings as an escaped character; a literal one is written
# `_x005F_xHHHH_`.
_EXCEL_ESCAPE_RE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


class BadValue(SuiviError, ValueError):
    """A value suivi cannot store in a cell: a `writer.*` code naming the problem (the caller
    says which cell, with the problem as a nested message)."""


def column_letters(index: int) -> str:
    """1 → "A", 28 → "AB" (within Excel's 16,384 columns)."""
    if not 1 <= index <= MAX_COL:
        raise ValueError(f"column index out of range: {index}")
    return column_letter(index)


def column_index(letters: str) -> int:
    """"A" → 1, "ab" → 28 (within Excel's 16,384 columns)."""
    index = _column_index(letters)
    if not 1 <= index <= MAX_COL:
        raise ValueError(f"column out of range: {letters!r}")
    return index


def parse_ref(ref: str) -> tuple[int, int]:
    """"M12" or "$M$12" → (12, 13) as (row, column); ValueError when it is not a cell reference."""
    match = _REF_RE.match(ref.strip())
    if not match:
        raise ValueError(f"not a cell reference: {ref!r}")
    row = int(match.group(2))
    col = column_index(match.group(1))
    if not 1 <= row <= MAX_ROW:
        raise ValueError(f"row out of range: {ref!r}")
    return row, col


def format_ref(row: int, col: int) -> str:
    """(12, 13) → "M12"."""
    return f"{column_letters(col)}{row}"


@dataclass(frozen=True, slots=True)
class CellRange:
    """A rectangle of cells, bounds included."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int

    def contains(self, row: int, col: int) -> bool:
        return self.first_row <= row <= self.last_row and self.first_col <= col <= self.last_col

    def union(self, other: CellRange) -> CellRange:
        return CellRange(min(self.first_row, other.first_row), min(self.first_col, other.first_col),
                         max(self.last_row, other.last_row), max(self.last_col, other.last_col))

    def with_last_row(self, last_row: int) -> CellRange:
        return CellRange(self.first_row, self.first_col, last_row, self.last_col)

    def overlaps_columns(self, first_col: int, last_col: int) -> bool:
        return self.first_col <= last_col and first_col <= self.last_col

    def __str__(self) -> str:
        start = format_ref(self.first_row, self.first_col)
        end = format_ref(self.last_row, self.last_col)
        return start if start == end else f"{start}:{end}"


def parse_range(text: str) -> CellRange:
    """"A1:F20" (or "$A$1:$F$20", or a single cell "B3") → CellRange; ValueError otherwise."""
    first, _, last = text.strip().partition(":")
    r1, c1 = parse_ref(first)
    r2, c2 = parse_ref(last) if last else (r1, c1)
    return CellRange(min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2))


def absolute_range(cell_range: CellRange) -> str:
    """CellRange → "$A$1:$F$20" (the form of defined names)."""
    start = f"${column_letters(cell_range.first_col)}${cell_range.first_row}"
    end = f"${column_letters(cell_range.last_col)}${cell_range.last_row}"
    return start if start == end else f"{start}:{end}"


# --- values -------------------------------------------------------------------------------------

_EPOCH_1900 = date(1899, 12, 30)
_EPOCH_1904 = date(1904, 1, 1)
_LEAP_BUG_END = date(1900, 3, 1)


@dataclass(frozen=True, slots=True)
class Encoded:
    """A value as it goes into a <c> element.

    kind: "str" (inline string), "num", "bool", "date", "clear" (None: remove the value).
    text: the lexical form (escaped XML text for "str", a number for "num"/"date", "1"/"0" for
        bool).
    with_time: for "date", whether a time of day is part of the value (format with hours).
    """

    kind: str
    text: str
    with_time: bool = False

    @property
    def is_empty(self) -> bool:
        return self.kind == "clear"


CLEAR = Encoded("clear", "")


def excel_serial(value: date | datetime, date1904: bool) -> tuple[str, bool]:
    """Serial day number Excel stores for a date/datetime, and whether it carries a time of day.

    The 1900 system keeps Excel's phantom 29 February 1900: dates before 1 March 1900 are one less
    than the day count from 30 December 1899. Time zones are ignored (wall-clock time is stored).
    """
    day = value.date() if isinstance(value, datetime) else value
    if date1904:
        days = (day - _EPOCH_1904).days
        if days < 0:
            raise BadValue("writer.value_before_1904", day=day)
    else:
        days = (day - _EPOCH_1900).days
        if day < date(1900, 1, 1):
            raise BadValue("writer.value_before_1900", day=day)
        if day < _LEAP_BUG_END:
            days -= 1
    if isinstance(value, datetime):
        moment = value.time()
        seconds = moment.hour * 3600 + moment.minute * 60 + moment.second + moment.microsecond / 1e6
        if seconds:
            return repr(days + seconds / 86400), True
    return str(days), False


def number_text(value: int | float | Decimal) -> str:
    """Exact lexical form of a number: ints as is, Decimal without float rounding, floats
    shortest."""
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise BadValue("writer.value_not_finite", value=value)
        text = format(value, "f")
        return "0" if text in ("-0", "0") else text
    if isinstance(value, float):
        if not math.isfinite(value):
            raise BadValue("writer.value_not_finite", value=value)
        return repr(value)
    return str(value)


def clean_text(text: str) -> str:
    """Remove characters XML 1.0 cannot carry and protect literal `_xHHHH_` sequences."""
    text = _ILLEGAL_XML_RE.sub("", text)
    return _EXCEL_ESCAPE_RE.sub(r"_x005F_\1", text)


def escape_xml_text(text: str) -> str:
    """Escape for element content; carriage returns kept as character references."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def encode_value(value: CellValue, date1904: bool) -> Encoded:
    """Python value → Encoded; BadValue for what a cell cannot hold."""
    if value is None:
        return CLEAR
    if isinstance(value, bool):
        return Encoded("bool", "1" if value else "0")
    if isinstance(value, (int, float, Decimal)):
        return Encoded("num", number_text(value))
    if isinstance(value, (date, datetime)):
        text, with_time = excel_serial(value, date1904)
        return Encoded("date", text, with_time)
    if isinstance(value, time):
        seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
        return Encoded("date", repr(seconds / 86400), True)
    if isinstance(value, str):
        cleaned = clean_text(value)
        if len(cleaned) > MAX_TEXT:
            raise BadValue("writer.text_too_long", length=len(cleaned), limit=MAX_TEXT)
        return Encoded("str", escape_xml_text(cleaned))
    raise BadValue("writer.unsupported_type", type=type(value).__name__, value=repr(value))


def check_value(value: object) -> None:
    """Raise BadValue now for a value that could never be written (type, range, length).

    Dates are checked against the 1900 calendar; a 1904 workbook is stricter and is checked again
    when the cell is written.
    """
    encode_value(value, date1904=False)  # type: ignore[arg-type]
