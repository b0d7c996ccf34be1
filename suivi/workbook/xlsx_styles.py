"""xl/styles.xml: read number formats, add the few styles suivi needs, merge imported styles.

The part is parsed only when a style question comes up, and written back only when a style had
to be added. New entries are appended (existing indices never move) and reused when an identical
entry already exists, so a daily run does not make the stylesheet grow.
"""
from __future__ import annotations

import copy
import re
from collections.abc import Iterable

from lxml import etree

from .xlsx_package import NS_MAIN, local_name, parse_xml, serialize_xml

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"

# Built-in number formats that display dates or times (ECMA-376 §18.8.30 and the CJK/Thai ids).
_BUILTIN_DATE_IDS = frozenset([*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59),
                               *range(71, 82)])
_FIRST_CUSTOM_ID = 164
_QUOTED = re.compile(r'"[^"]*"|\\.|_.|\*.')
_BRACKETS = re.compile(r"\[[^\]]*\]")
_ELAPSED = re.compile(r"\[(h+|m+|s+)\]", re.IGNORECASE)

# Order of the children of <styleSheet> (CT_Stylesheet).
_SECTIONS = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles",
             "dxfs", "tableStyles", "colors", "extLst")
_CHILD = {"numFmts": "numFmt", "fonts": "font", "fills": "fill", "borders": "border",
          "cellStyleXfs": "xf", "cellXfs": "xf", "dxfs": "dxf", "cellStyles": "cellStyle"}

_MINIMAL = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{NS_MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/>\
<family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill>\
<fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/>\
<top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" \
fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" \
borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" \
builtinId="0"/></cellStyles></styleSheet>""".encode()


def is_date_format_code(code: str) -> bool:
    """True when a custom number format displays a date or a time (first section decides)."""
    section = code.split(";", 1)[0]
    if _ELAPSED.search(section):
        return True
    section = _BRACKETS.sub("", _QUOTED.sub("", section))
    return bool(re.search(r"[dmyhs]", section, re.IGNORECASE)) and "General" not in section


def _canonical(el: etree._Element) -> bytes:
    return etree.tostring(el, method="c14n", exclusive=True)


class StyleBook:
    """Lazy view of styles.xml; `changed` tells whether it must be written back."""

    def __init__(self, data: bytes | None) -> None:
        self._data = data
        self._root: etree._Element | None = None
        self.changed = False
        self.created = data is None
        self._date_cache: dict[tuple[int, bool], int] = {}
        self._bold: int | None = None

    @property
    def root(self) -> etree._Element:
        if self._root is None:
            self._root = parse_xml(self._data or _MINIMAL)
            if self._data is None:
                self.changed = True
        return self._root

    @property
    def _ns(self) -> str:
        return etree.QName(self.root).namespace or NS_MAIN

    def section(self, name: str, create: bool = False) -> etree._Element | None:
        for child in self.root:
            if local_name(child.tag) == name:
                return child
        if not create:
            return None
        el = etree.Element(f"{{{self._ns}}}{name}")
        followers = _SECTIONS[_SECTIONS.index(name) + 1:]
        for index, child in enumerate(self.root):
            if local_name(child.tag) in followers:
                self.root.insert(index, el)
                break
        else:
            self.root.append(el)
        return el

    def _created_section(self, name: str) -> etree._Element:
        sec = self.section(name, create=True)
        assert sec is not None  # created when missing
        return sec

    def entries(self, name: str) -> list[etree._Element]:
        sec = self.section(name)
        child = _CHILD[name]
        return [] if sec is None else [el for el in sec if local_name(el.tag) == child]

    def _append(self, name: str, el: etree._Element) -> int:
        """Append `el` to section `name` (reusing an identical entry); return its index."""
        existing = self.entries(name)
        wanted = _canonical(el)
        for index, old in enumerate(existing):
            if _canonical(old) == wanted:
                return index
        sec = self._created_section(name)
        sec.append(el)
        sec.set("count", str(len(existing) + 1))
        self.changed = True
        return len(existing)

    # --- number formats -------------------------------------------------------------------

    def num_fmt_code(self, fmt_id: int) -> str | None:
        for el in self.entries("numFmts"):
            if el.get("numFmtId") == str(fmt_id):
                return el.get("formatCode")
        return None

    def num_fmt_id(self, code: str) -> int:
        """Id of the custom format `code`, added when missing."""
        entries = self.entries("numFmts")
        for el in entries:
            if el.get("formatCode") == code:
                return int(el.get("numFmtId", "0"))
        used = [int(el.get("numFmtId", "0")) for el in entries]
        new_id = max([_FIRST_CUSTOM_ID - 1, *used]) + 1
        sec = self._created_section("numFmts")
        el = etree.SubElement(sec, f"{{{self._ns}}}numFmt")
        el.set("numFmtId", str(new_id))
        el.set("formatCode", code)
        sec.set("count", str(len(entries) + 1))
        self.changed = True
        return new_id

    # --- cell formats -----------------------------------------------------------------------

    def xf_count(self) -> int:
        return len(self.entries("cellXfs"))

    def _xf(self, index: int) -> etree._Element | None:
        xfs = self.entries("cellXfs")
        return xfs[index] if 0 <= index < len(xfs) else None

    def is_date_style(self, index: int) -> bool:
        xf = self._xf(index)
        if xf is None:
            return False
        fmt_id = int(xf.get("numFmtId", "0"))
        if fmt_id in _BUILTIN_DATE_IDS:
            return True
        code = self.num_fmt_code(fmt_id)
        return code is not None and is_date_format_code(code)

    def date_style(self, base: int, with_time: bool) -> int:
        """A style showing a date: `base` itself if it already does, else `base` + dd/mm/yyyy."""
        key = (base, with_time)
        if key not in self._date_cache:
            if self.is_date_style(base):
                self._date_cache[key] = base
            else:
                fmt_id = self.num_fmt_id(DATETIME_FORMAT if with_time else DATE_FORMAT)
                self._date_cache[key] = self._derived_xf(base, numFmtId=str(fmt_id),
                                                         applyNumberFormat="1")
        return self._date_cache[key]

    def _derived_xf(self, base: int, **attrs: str) -> int:
        source = self._xf(base)
        if source is None:
            source = self._xf(0)
        xf = (copy.deepcopy(source) if source is not None
              else etree.Element(f"{{{self._ns}}}xf", numFmtId="0", fontId="0", fillId="0",
                                 borderId="0", xfId="0"))
        for key, value in attrs.items():
            xf.set(key, value)
        return self._append("cellXfs", xf)

    def bold_style(self) -> int:
        """A cell style like the default one, in bold (header rows of sheets suivi creates)."""
        if self._bold is None:
            fonts = self.entries("fonts")
            font = (copy.deepcopy(fonts[0]) if fonts
                    else etree.Element(f"{{{self._ns}}}font"))
            if not any(local_name(child.tag) == "b" for child in font):
                font.insert(0, etree.Element(f"{{{self._ns}}}b"))
            font_id = self._append("fonts", font)
            self._bold = self._derived_xf(0, fontId=str(font_id), applyFont="1")
        return self._bold

    # --- import from another workbook (put_sheet) -------------------------------------------

    def import_cell_styles(self, source: StyleBook, used: Iterable[int]) -> dict[int, int]:
        """Copy the cell formats `used` of `source` (with fonts, fills, borders, number formats)."""
        mapping: dict[int, int] = {}
        source_fonts = source.entries("fonts")
        source_fills = source.entries("fills")
        source_borders = source.entries("borders")
        for index in sorted(set(used)):
            src = source._xf(index)
            if src is None:
                mapping[index] = 0
                continue
            xf = copy.deepcopy(src)
            self._remap_num_fmt(xf, source)
            for attr, entries, section in (("fontId", source_fonts, "fonts"),
                                           ("fillId", source_fills, "fills"),
                                           ("borderId", source_borders, "borders")):
                ref = int(xf.get(attr, "0"))
                if 0 <= ref < len(entries):
                    xf.set(attr, str(self._append(section, copy.deepcopy(entries[ref]))))
                else:
                    xf.set(attr, "0")
            xf.set("xfId", "0")
            mapping[index] = self._append("cellXfs", xf)
        return mapping

    def _remap_num_fmt(self, xf: etree._Element, source: StyleBook) -> None:
        fmt_id = int(xf.get("numFmtId", "0"))
        if fmt_id >= _FIRST_CUSTOM_ID:
            code = source.num_fmt_code(fmt_id)
            xf.set("numFmtId", str(self.num_fmt_id(code) if code is not None else 0))

    def import_dxfs(self, source: StyleBook, used: Iterable[int]) -> dict[int, int]:
        """Copy differential formats (conditional formatting) `used` of `source`."""
        entries = source.entries("dxfs")
        return {index: self._append("dxfs", copy.deepcopy(entries[index]))
                for index in sorted(set(used)) if 0 <= index < len(entries)}

    def to_bytes(self) -> bytes:
        return serialize_xml(self.root)
