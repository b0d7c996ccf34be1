"""Excel error values (#N/A, #DIV/0!, #REF!…) of a sheet.

python-calamine reads a cell holding an error value as an empty cell, so an amount computed by a
broken formula would look blank and suivi would derive it from the other cells. This scan finds
the error cells (`t="e"`) in the sheet's XML, streaming it in bounded memory; the reader then
reports each one on its cell. Sheets without an error value cost one fast byte search.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import IO

from suivi.core.models import column_index
from suivi.workbook.xlsx_package import Relationships, WorkbookXml

_ERROR_CELL = re.compile(rb"<(?:\w+:)?c\s[^>]*?\bt\s*=\s*[\"']e[\"'][^>]*>(.*?)</(?:\w+:)?c>",
                         re.S)
_REF = re.compile(rb"\br\s*=\s*[\"']([A-Z]{1,3})([0-9]+)[\"']")
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_MARKER = re.compile(rb"\bt\s*=\s*[\"']e[\"']")
CHUNK = 1 << 20
OVERLAP = 4096


def sheet_part(package: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip member holding the worksheet called `sheet`."""
    try:
        workbook = WorkbookXml("xl/workbook.xml", package.read("xl/workbook.xml"))
        rels = Relationships("xl/workbook.xml", package.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ValueError):
        return None
    for element in workbook.sheet_elements():
        if element.get("name") == sheet:
            rel = rels.get(workbook.rel_id_attr(element))
            return rels.target_part(rel) if rel is not None else None
    return None


def error_cells(path: str | Path, sheet: str) -> dict[tuple[int, int], str]:
    """{(0-based row, 0-based column): "#N/A"} of the error cells of `sheet` (empty if none)."""
    found: dict[tuple[int, int], str] = {}
    try:
        with zipfile.ZipFile(path) as package:
            part = sheet_part(package, sheet)
            if part is None or part not in package.namelist():
                return found
            with package.open(part) as stream:
                _scan(stream, found)
    except (zipfile.BadZipFile, OSError, ValueError):
        return found  # the reader itself reports an unreadable package
    return found


def _scan(stream: IO[bytes], found: dict[tuple[int, int], str]) -> None:
    tail = b""
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            break
        data = tail + chunk
        if _MARKER.search(data):
            cut = data.rfind(b"</row>")
            parse = data if cut < 0 else data[:cut]
            for match in _ERROR_CELL.finditer(parse):
                _record(match, found)
            tail = data[len(parse):] if cut >= 0 else data[-OVERLAP:]
        else:
            tail = data[-OVERLAP:]
    for match in _ERROR_CELL.finditer(tail):
        _record(match, found)


def _record(match: re.Match[bytes], found: dict[tuple[int, int], str]) -> None:
    head = match.group(0)[:match.group(0).find(b">") + 1]
    ref = _REF.search(head)
    if ref is None:
        return
    value = _VALUE.search(match.group(1))
    text = value.group(1).decode("utf-8", "replace") if value else "#ERREUR"
    found[(int(ref.group(2)) - 1, column_index(ref.group(1).decode()) - 1)] = text


#: The last day Excel can show (31/12/9999) as a serial number: a larger number in a cell
#: formatted as a date makes the reader give up on the whole sheet.
MAX_DATE_SERIAL = 2_958_465
_NUMBER_CELL = re.compile(
    rb"<(?:\w+:)?c\s([^>]*?)>\s*<(?:\w+:)?v>\s*(-?[0-9][0-9.Ee+-]*)\s*</(?:\w+:)?v>")
_TYPED = re.compile(rb"\bt\s*=\s*[\"'](?:s|str|b|e|inlineStr)[\"']")


def far_dates(path: str | Path, sheet: str, limit: int = 20) -> list[str]:
    """Cells of `sheet` holding a number beyond the last date Excel can show (candidates for a
    date cell the reader cannot turn into a date), as A1 references."""
    found: list[str] = []
    try:
        with zipfile.ZipFile(path) as package:
            part = sheet_part(package, sheet)
            if part is None or part not in package.namelist():
                return found
            with package.open(part) as stream:
                tail = b""
                while len(found) < limit and (chunk := stream.read(CHUNK)):
                    data = tail + chunk
                    cut = data.rfind(b"</row>")
                    parse, tail = (data, b"") if cut < 0 else (data[:cut], data[cut:])
                    found.extend(_far(parse))
                found.extend(_far(tail))
    except (zipfile.BadZipFile, OSError, ValueError):
        return found
    return found[:limit]


def _far(data: bytes) -> list[str]:
    refs = []
    for match in _NUMBER_CELL.finditer(data):
        attributes = match.group(1)
        if _TYPED.search(attributes):
            continue
        try:
            number = float(match.group(2))
        except ValueError:
            continue
        ref = _REF.search(attributes)
        if ref is not None and abs(number) > MAX_DATE_SERIAL:
            refs.append((ref.group(1) + ref.group(2)).decode())
    return refs
