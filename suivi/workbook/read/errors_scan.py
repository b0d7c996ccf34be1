"""Finding, in a sheet's XML, the cells the reader cannot explain: numbers that no date can hold
(`far_dates`, when python-calamine gave up on a sheet). The error values (#N/A…) are found by
the package scan that runs before any parsing (`suivi.workbook.package.check_extents`)."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from suivi.workbook.xlsx_package import Relationships, WorkbookXml

_REF = re.compile(rb"\br\s*=\s*[\"']([A-Z]{1,3})([0-9]+)[\"']")
CHUNK = 1 << 20


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
