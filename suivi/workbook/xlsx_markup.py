"""Byte-level SpreadsheetML: the patterns of one worksheet, start-tag attributes, and the names
errors carry.

The worksheet patcher never builds a DOM: it finds tags with the regular expressions of a
`Syntax` (which knows the namespace prefix the file uses, `<x:row>` as well as `<row>`) and edits
attribute lists in place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from .xlsx_values import CellRange, parse_range

ROOT_RE = re.compile(rb"<([A-Za-z_][\w.\-]*:)?worksheet(?=[\s>/])")
_ATTR_RE = re.compile(rb"""([\w:.\-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)

Attrs = list[tuple[bytes, bytes]]


@dataclass(frozen=True, slots=True)
class SheetLabel:
    """The sheet and the file an error is about (the message parameters `sheet` and `file`)."""

    sheet: str
    file: str


class SheetNames(tuple[str, ...]):
    """Sheet names for a message: `{names:«»}` gives « A », « B »; `{names:''}` gives 'A', 'B'."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        opening, closing = (spec[0], spec[-1]) if len(spec) >= 2 else ("'", "'")
        space = " " if opening == "«" else ""
        return ", ".join(f"{opening}{space}{name}{space}{closing}" for name in self)


@dataclass(frozen=True, slots=True)
class Syntax:
    """Byte patterns of one worksheet, given the prefix of the SpreadsheetML namespace."""

    prefix: bytes
    row_open: bytes
    row_r_open: bytes
    row_close: bytes
    row_re: re.Pattern[bytes]
    row_without_r_re: re.Pattern[bytes]
    cell_re: re.Pattern[bytes]
    cell_close: bytes
    formula_re: re.Pattern[bytes]
    sheetdata_open: re.Pattern[bytes]
    sheetdata_close: bytes
    markers: tuple[bytes, ...]
    dependent_re: re.Pattern[bytes]
    array_re: re.Pattern[bytes]
    array_hint_re: re.Pattern[bytes]

    def tag(self, name: bytes) -> re.Pattern[bytes]:
        """Start tag `<prefix:name …>` with its attributes in group 1."""
        return _tag_re(self.prefix, name)


@lru_cache(maxsize=64)
def _tag_re(prefix: bytes, name: bytes) -> re.Pattern[bytes]:
    return re.compile(rb"<" + re.escape(prefix + name) + rb"(?=[\s/>])([^>]*?)(/?)>")


@lru_cache(maxsize=8)
def syntax_for(prefix: bytes) -> Syntax:
    p = re.escape(prefix)
    return Syntax(
        prefix=prefix,
        row_open=b"<" + prefix + b"row",
        row_r_open=b"<" + prefix + b'row r="',
        row_close=b"</" + prefix + b"row>",
        row_re=re.compile(rb"<" + p + rb"row(?=[\s/>])([^>]*?)(/?)>"),
        row_without_r_re=re.compile(rb"<" + p + rb'row(?! r=")'),
        cell_re=re.compile(rb"<" + p + rb"c(?=[\s/>])([^>]*?)(/?)>"),
        cell_close=b"</" + prefix + b"c>",
        formula_re=re.compile(rb"<" + p + rb"f(?=[\s/>])([^>]*?)(/?)>"),
        sheetdata_open=re.compile(rb"<" + p + rb"sheetData(?=[\s/>])[^>]*?(/?)>"),
        sheetdata_close=b"</" + prefix + b"sheetData>",
        markers=(b"</" + prefix + b"v>", b"</" + prefix + b"is>", b"</" + prefix + b"f>",
                 b"<" + prefix + b"f "),
        dependent_re=re.compile(rb"<" + p + rb"f\s[^>]*?\bsi\s*=\s*[\"'](\d+)[\"']"),
        array_re=re.compile(rb"<" + p
                            + rb"f\s[^>]*?\bt\s*=\s*[\"'](?:array|dataTable)[\"'][^>]*>"),
        array_hint_re=re.compile(rb"t=[\"'](?:array|dataTable)"),
    )


def parse_attrs(raw: bytes) -> Attrs:
    """Attributes of a start tag, in order, values still escaped."""
    return [(m.group(1), m.group(2) if m.group(2) is not None else m.group(3))
            for m in _ATTR_RE.finditer(raw)]


def attr(attrs: Attrs, name: bytes) -> bytes | None:
    return next((value for key, value in attrs if key == name), None)


def render_attrs(attrs: Attrs) -> bytes:
    return b"".join(b" " + key + b'="' + value + b'"' for key, value in attrs)


def set_attr(attrs: Attrs, name: bytes, value: bytes | None, after: bytes | None = None) -> Attrs:
    """Copy of `attrs` with `name` set (in place, or after `after`, or last) or removed (None)."""
    out = [(k, v) for k, v in attrs if k != name]
    if value is None:
        return out
    for index, (key, _) in enumerate(attrs):
        if key == name:
            out.insert(index, (name, value))
            return out
    for index, (key, _) in enumerate(out):
        if key == after:
            out.insert(index + 1, (name, value))
            return out
    out.append((name, value))
    return out


def parse_range_bytes(raw: bytes | None) -> CellRange | None:
    """A range attribute ("A1:F20"), or None when absent or unreadable."""
    try:
        return parse_range(raw.decode("ascii")) if raw else None
    except (ValueError, UnicodeDecodeError):
        return None
