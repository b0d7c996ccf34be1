"""Rows a team marked by their look: struck through, or filled green, as many trackers mark an
invoice paid without typing anything. python-calamine reads values, not formats: these marks
are read from the package itself (`row_marks`), for the columns asked about.

- `xl/styles.xml` says which cell formats strike their text through or fill the cell with a
  green (a colour given as RGB, as a theme colour or as an old palette index);
- the sheet's XML says which cells use those formats, in one streaming pass (bounded memory);
  a workbook whose formats strike or fill nothing green is not scanned at all.

Conditional formats are not read: a colour they give follows from a value suivi reads anyway.
"""
from __future__ import annotations

import colorsys
import re
import zipfile
from collections.abc import Collection
from pathlib import Path

from lxml import etree

from suivi.workbook.xlsx_package import local_name, parse_xml
from suivi.workbook.xlsx_styles import StyleBook

from .errors_scan import CHUNK, sheet_part

STRUCK = "barree"
GREEN = "verte"

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
#: Excel's theme colour indices swap the first two pairs of the theme's scheme.
_THEME_ORDER = ("lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4",
                "accent5", "accent6", "hlink", "folHlink")


def is_green(rgb: str) -> bool:
    """« C6EFCE » (Excel's « Bon »), « 92D050 », « 00B050 », « E2EFDA », « EBF1DE »: a green,
    light or dark; not a yellow, a teal, a grey, the theme's beige « EEECE1 »."""
    try:
        red, green, blue = (int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return False
    hue, saturation, value = colorsys.rgb_to_hsv(red, green, blue)
    return 0.2 <= hue <= 0.47 and saturation >= 0.07 and value >= 0.25


def _child(parent: etree._Element | None, name: str) -> etree._Element | None:
    if parent is None:
        return None
    return next((c for c in parent if local_name(c.tag) == name), None)


def _theme_colours(package: zipfile.ZipFile) -> list[str]:
    """The theme's colours in Excel's index order (RGB hex), or [] without a theme."""
    try:
        theme = parse_xml(package.read("xl/theme/theme1.xml"))
    except (KeyError, etree.XMLSyntaxError):
        return []
    scheme = theme.find(f".//{_A}clrScheme")
    colours: dict[str, str] = {}
    for entry in scheme if scheme is not None else ():
        for colour in entry:
            value = colour.get("val") if local_name(colour.tag) == "srgbClr" \
                else colour.get("lastClr")
            if value:
                colours[local_name(entry.tag)] = value[-6:]
    return [colours.get(name, "") for name in _THEME_ORDER]


def _rgb(colour: etree._Element | None, theme: list[str]) -> str:
    if colour is None:
        return ""
    if rgb := colour.get("rgb"):
        return rgb[-6:]
    try:
        if (index := colour.get("theme")) is not None:
            return theme[int(index)] if int(index) < len(theme) else ""
        if (index := colour.get("indexed")) is not None:
            from openpyxl.styles.colors import COLOR_INDEX  # 0.15 s to load; rarely needed

            return COLOR_INDEX[int(index)][-6:] if int(index) < len(COLOR_INDEX) else ""
    except ValueError:
        return ""
    return ""


def marked_styles(package: zipfile.ZipFile) -> dict[int, str]:
    """Cell format index (the `s` of a cell) → STRUCK or GREEN, for the formats that strike
    through or fill green."""
    try:
        styles = StyleBook(package.read("xl/styles.xml"))
        fonts = styles.entries("fonts")
    except (KeyError, etree.XMLSyntaxError):
        return {}
    struck = [strike is not None and strike.get("val", "1") not in ("0", "false")
              for strike in (_child(font, "strike") for font in fonts)]
    theme = _theme_colours(package)
    green = []
    for fill in styles.entries("fills"):
        pattern = _child(fill, "patternFill")
        solid = pattern is not None and pattern.get("patternType") == "solid"
        green.append(solid and is_green(_rgb(_child(pattern, "fgColor"), theme)))
    marks: dict[int, str] = {}
    for index, xf in enumerate(styles.entries("cellXfs")):
        font, fill = int(xf.get("fontId", "0")), int(xf.get("fillId", "0"))
        if font < len(struck) and struck[font]:
            marks[index] = STRUCK
        elif fill < len(green) and green[fill]:
            marks[index] = GREEN
    return marks


_REF = re.compile(rb"\br\s*=\s*[\"']([A-Z]{1,3})([0-9]+)[\"']")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c\s")


def row_marks(path: str | Path, sheet: str, columns: Collection[str]) -> dict[int, str]:
    """The rows (1-based) of `sheet` one of whose cells in `columns` (letters) is struck
    through or filled green: row → STRUCK or GREEN (struck wins). Nothing when the file cannot
    be read so (the reader has said why already)."""
    found: dict[int, str] = {}
    try:
        with zipfile.ZipFile(path) as package:
            styles = marked_styles(package)
            part = sheet_part(package, sheet) if styles else None
            if part is None or part not in package.namelist():
                return found
            ids = b"|".join(str(i).encode() for i in sorted(styles))
            # the attribute alone (a literal prefix: fast), the cell's tag found back from it
            cell = re.compile(rb" s=[\"'](" + ids + rb")[\"']")
            letters = {c.encode() for c in columns}
            with package.open(part) as stream:
                tail = b""
                while chunk := stream.read(CHUNK):
                    data = tail + chunk
                    cut = data.rfind(b"</row>")
                    scan, tail = (data, b"") if cut < 0 else (data[:cut], data[cut:])
                    _marks(cell, scan, styles, letters, found)
                _marks(cell, tail, styles, letters, found)
    except (zipfile.BadZipFile, OSError, ValueError, etree.XMLSyntaxError):
        return found
    return found


def _marks(cell: re.Pattern[bytes], data: bytes, styles: dict[int, str], letters: set[bytes],
           found: dict[int, str]) -> None:
    for match in cell.finditer(data):
        start = data.rfind(b"<", 0, match.start())
        tag = data[start:data.find(b">", match.end()) + 1]  # « r » may come after « s »
        if not _CELL_TAG.match(tag) or (ref := _REF.search(tag)) is None \
                or ref.group(1) not in letters:
            continue  # a row's own format (`<row … s=…>`), or another column
        row = int(ref.group(2))
        if found.get(row) != STRUCK:
            found[row] = styles[int(match.group(1))]


def striped(marks: dict[int, str], kind: str, rows: Collection[int]) -> bool:
    """Whether `kind` marks every other row of `rows` (the invoice rows): banding typed by
    hand, a decoration that says nothing of a payment. A colour that means « paid » follows
    the payments, not the row numbers."""
    marked = [row for row in rows if marks.get(row) == kind]
    if len(marked) < 6:
        return False
    even = sum(1 for row in marked if row % 2 == 0)
    parity = 0 if even * 2 >= len(marked) else 1
    same = even if parity == 0 else len(marked) - even
    of_parity = sum(1 for row in rows if row % 2 == parity)
    return same >= 0.95 * len(marked) and len(marked) >= 0.8 * of_parity
