"""What the package scan notes of a sheet's cells that a reader of cached values would get
wrong: Excel error values (#N/A…), formulas saved without their value, and formulas saved with
a 0 that no calculation gave.

The notes are `ErrorCells`, (0-based row, 0-based column) → a mark:
- an Excel error value, as written (« #N/A », « #DIV/0! »);
- `UNCACHED` then the formula's text (« =D2*0.2 »): a formula saved without its value (openpyxl,
  a web tool); the text is empty for a cell of a shared formula that only points to it;
- `SAVED_ZERO` then the formula's text (« 0=SUMIF(Paiements!A:A,A2,Paiements!C:C) »): a formula
  saved with the value 0 by a program that writes formulas without calculating them
  (xlsxwriter, and pandas through it: 0 is what they save unless told the result). Only in a
  workbook bearing that program's mark (`writes_zeros`) and not saved since by a spreadsheet.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping

ErrorCells = dict[tuple[int, int], str]  # (0-based row, 0-based column) → "#N/A"

#: A formula saved without its value: this mark, then the formula's text when the cell holds
#: it (« =D2*0.2 »).
UNCACHED = "="
#: A formula saved with the value 0 by a program that does not calculate: this mark, then the
#: formula's text.
SAVED_ZERO = "0="


def formula_of(mark: str) -> str | None:
    """The formula's text of an uncached or saved-zero mark (« » for a shared formula whose
    text is on another cell); None for an Excel error value."""
    if mark.startswith(UNCACHED):
        return mark[len(UNCACHED):]
    if mark.startswith(SAVED_ZERO):
        return mark[len(SAVED_ZERO):]
    return None


def column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


# -- the mark of a program that writes formulas without calculating them --
#
# xlsxwriter (and libxlsxwriter, rust_xlsxwriter) copy the workbook.xml of Excel 2007
# (`<fileVersion appName="xl" lastEdited="4" lowestEdited="4" rupBuild="4505"/>`) and ask for a
# full calculation on opening (`<calcPr calcId="124519" fullCalcOnLoad="1"/>`), because the values
# they saved are not calculated. Excel 2007 itself never asks for that, and saves a calcChain
# part with any formula; Excel and LibreOffice rewrite both elements when they save.
_FILE_VERSION = re.compile(rb"<(?:\w+:)?fileVersion\b([^>]*)>")
_CALC_PR = re.compile(rb"<(?:\w+:)?calcPr\b([^>]*)>")
_ATTR = re.compile(rb"""\b([A-Za-z]+)\s*=\s*["']([^"']*)["']""")
_WRITER = {"lastEdited": "4", "lowestEdited": "4", "rupBuild": "4505"}


def writes_zeros(workbook_xml: bytes, names: Iterable[str]) -> bool:
    """Whether the workbook bears the mark of a program that saves 0 as the value of the
    formulas it writes (see above). `names`: the package's part names."""
    version, calc = _FILE_VERSION.search(workbook_xml), _CALC_PR.search(workbook_xml)
    if version is None or calc is None:
        return False
    if any(name.lower().endswith("calcchain.xml") for name in names):
        return False
    return zero_signature(_attrs(version[1]), _attrs(calc[1]))


def zero_signature(file_version: Mapping[str, str], calc_pr: Mapping[str, str]) -> bool:
    """The rule of `writes_zeros` on the attributes of fileVersion and calcPr."""
    return (all(file_version.get(k) == v for k, v in _WRITER.items())
            and calc_pr.get("calcId") == "124519"
            and calc_pr.get("fullCalcOnLoad", "").lower() in ("1", "true"))


def _attrs(raw: bytes) -> dict[str, str]:
    return {m[1].decode("ascii", "replace"): m[2].decode("utf-8", "replace")
            for m in _ATTR.finditer(raw)}


# -- the cells --

# An Excel error value: <c r="G12" t="e"><v>#N/A</v></c>. Sheets without one cost one search.
_ERROR_CELL = re.compile(rb"<(?:\w+:)?c\s[^>]*?\bt\s*=\s*[\"']e[\"'][^>]*>(.*?)</(?:\w+:)?c>",
                         re.S)
_ERROR_TYPE = re.compile(rb"""\bt\s*=\s*["']e["']""")
_CELL_REF = re.compile(rb"\br\s*=\s*[\"']([A-Z]{1,3})([0-9]+)[\"']")
_ERROR_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")

#: the endings of a formula cell without a value (« <v/></c> » and a shared « <f …/></c> »
#: share the last one): three literal searches, 0.13 s on the bench's 66 MB invoice sheet,
#: where none is found
_UNCACHED_MARKS = (b"</f></c>", b"<v></v></c>", b"/></c>")
# <c r="F2"><f>D2+E2</f><v></v></c>, <c r="F3"><f t="shared" si="0"/></c>: no value after the
# formula. A cell typed as text (t="str") with an empty value is a formula giving "": cached.
_UNCACHED_CELL = re.compile(
    rb"<(?:\w+:)?c\s([^>]*?)>\s*<(?:\w+:)?f\b(?:[^>/]|/(?!>))*(?:/>|>([^<]*)</(?:\w+:)?f>)"
    rb"\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>")
# <c r="F2" s="3"><f>SUMIF(Paiements!A:A,A2,Paiements!C:C)</f><v>0</v></c>, as xlsxwriter
# writes it (no namespace prefix, no space, never a shared formula): found from its ending,
# then matched from its start
_ZERO_END = b"</f><v>0</v></c>"
_ZERO_CELL = re.compile(rb"<c\s([^>]*?)><f\b[^>]*>([^<]*)</f><v>0</v></c>")
_TEXT_TYPE = re.compile(rb"""\bt\s*=\s*["'](?:str|s|inlineStr|b|e)["']""")
_CELL_BACK = 4096  # how far back from its ending a cell's start is looked for


def record_marks(data: bytes, found: ErrorCells, zeros: bool = False) -> None:
    """Note in `found` the marked cells of `data` (a piece of a sheet's XML); the formulas
    saved as 0 only when `zeros` (the workbook bears the mark of `writes_zeros`)."""
    # an error value is rare: two literal searches (fast) before the regex (slow: it tries
    # every "t" of the part)
    if (b'"e"' in data or b"'e'" in data) and _ERROR_TYPE.search(data):
        for m in _ERROR_CELL.finditer(data):
            _record_error(m, found)
    # a formula saved without its value: rare, three literal searches before the regex
    if any(mark in data for mark in _UNCACHED_MARKS):
        for m in _UNCACHED_CELL.finditer(data):
            _record_formula(m, found, UNCACHED)
    if zeros:
        _record_zeros(data, found)


def _record_zeros(data: bytes, found: ErrorCells) -> None:
    end = data.find(_ZERO_END)
    while end >= 0:
        start = data.rfind(b"<c ", max(0, end - _CELL_BACK), end)
        m = _ZERO_CELL.match(data, start, end + len(_ZERO_END)) if start >= 0 else None
        if m is not None and m.end() == end + len(_ZERO_END):
            _record_formula(m, found, SAVED_ZERO)
        end = data.find(_ZERO_END, end + len(_ZERO_END))


def _record_formula(match: re.Match[bytes], found: ErrorCells, mark: str) -> None:
    if _TEXT_TYPE.search(match.group(1)):
        return
    ref = _CELL_REF.search(match.group(1))
    if ref is not None:
        # the formula's text after the mark, to compute it (`read.uncached`); none for the
        # cells of a shared formula that only point to it
        text = html.unescape(match.group(2).decode("utf-8", "replace")) if match.group(2) else ""
        found.setdefault((int(ref.group(2)) - 1, column_number(ref.group(1).decode()) - 1),
                         mark + text)


def _record_error(match: re.Match[bytes], found: ErrorCells) -> None:
    head = match.group(0)[:match.group(0).find(b">") + 1]
    ref = _CELL_REF.search(head)
    if ref is None:
        return
    value = _ERROR_VALUE.search(match.group(1))
    text = value.group(1).decode("utf-8", "replace") if value else "#ERREUR"
    found[(int(ref.group(2)) - 1, column_number(ref.group(1).decode()) - 1)] = text
