"""What a worksheet says, read from its bytes: the cells of a row and their formulas, the facts
of the head (dimension, column styles) and of the tail (protection, autofilter)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .xlsx_markup import Attrs, Syntax, attr, parse_attrs, parse_range_bytes
from .xlsx_values import CellRange, column_index

_CELL_REF_RE = re.compile(rb"""(?:^|\s)r\s*=\s*["']([A-Za-z]{1,3})[0-9]+["']""")


@dataclass(slots=True)
class Cell:
    """One <c> element of a row being patched (positions relative to the row content)."""

    col: int
    start: int
    end: int
    raw_attrs: bytes
    inner: bytes | None  # None for a self-closing <c/>
    had_r: bool

    @property
    def attrs(self) -> Attrs:
        return parse_attrs(self.raw_attrs)

    @property
    def style(self) -> int:
        value = attr(self.attrs, b"s")
        return int(value) if value else 0


@lru_cache(maxsize=4096)
def _column(letters: bytes) -> int:
    return column_index(letters.decode("ascii"))


def parse_cells(content: bytes, syntax: Syntax) -> list[Cell]:
    """The <c> elements of a row's content, in order; a cell without `r` follows the previous."""
    cells: list[Cell] = []
    col = 0
    for m in syntax.cell_re.finditer(content):
        raw = m.group(1)
        ref = _CELL_REF_RE.search(raw)
        col = _column(ref.group(1).upper()) if ref else col + 1
        if m.group(2) == b"/":
            cells.append(Cell(col, m.start(), m.end(), raw, None, ref is not None))
        else:
            close = content.index(syntax.cell_close, m.end())
            cells.append(Cell(col, m.start(), close + len(syntax.cell_close), raw,
                              content[m.end():close], ref is not None))
    return cells


@dataclass(frozen=True, slots=True)
class Formula:
    """The <f> element of an existing cell."""

    attrs: Attrs
    text: bytes  # still escaped

    @property
    def kind(self) -> bytes:
        return attr(self.attrs, b"t") or b"normal"

    @property
    def shared_index(self) -> bytes | None:
        return attr(self.attrs, b"si")

    @property
    def is_shared_master(self) -> bool:
        return self.kind == b"shared" and bool(attr(self.attrs, b"ref"))


def cell_formula(inner: bytes | None, syntax: Syntax) -> Formula | None:
    if not inner:
        return None
    m = syntax.formula_re.search(inner)
    if m is None:
        return None
    attrs = parse_attrs(m.group(1))
    if m.group(2) == b"/":
        return Formula(attrs, b"")
    close = inner.index(b"</" + syntax.prefix + b"f>", m.end())
    return Formula(attrs, inner[m.end():close])


def ext_lst(inner: bytes | None, syntax: Syntax) -> bytes:
    """The <extLst> a cell carries (kept when its value is replaced), or b""."""
    if not inner:
        return b""
    start = inner.find(b"<" + syntax.prefix + b"extLst")
    return inner[start:] if start >= 0 else b""


@dataclass(frozen=True, slots=True)
class HeadFacts:
    dimension: CellRange | None
    col_styles: tuple[tuple[int, int, int], ...]

    def col_style(self, col: int) -> int:
        for first, last, style in self.col_styles:
            if first <= col <= last:
                return style
        return 0


def head_facts(head: bytes, syntax: Syntax) -> HeadFacts:
    dim = syntax.tag(b"dimension").search(head)
    dimension = parse_range_bytes(attr(parse_attrs(dim.group(1)), b"ref")) if dim else None
    styles = []
    for m in syntax.tag(b"col").finditer(head):
        attrs = parse_attrs(m.group(1))
        style, low, high = attr(attrs, b"style"), attr(attrs, b"min"), attr(attrs, b"max")
        if style and low and high:
            styles.append((int(low), int(high), int(style)))
    return HeadFacts(dimension, tuple(styles))


def is_protected(tail: bytes, syntax: Syntax) -> bool:
    prot = syntax.tag(b"sheetProtection").search(tail)
    value = attr(parse_attrs(prot.group(1)), b"sheet") if prot else None
    return value is not None and value.lower() in (b"1", b"true")


def auto_filter(tail: bytes, syntax: Syntax) -> CellRange | None:
    flt = syntax.tag(b"autoFilter").search(tail)
    return parse_range_bytes(attr(parse_attrs(flt.group(1)), b"ref")) if flt else None


def array_ranges(block: bytes, syntax: Syntax) -> Iterator[CellRange]:
    """The areas of the array (and data table) formulas of a block, single cells left out."""
    if syntax.array_hint_re.search(block) is None:  # one cheap scan before the real pattern
        return
    for m in syntax.array_re.finditer(block):
        area = parse_range_bytes(attr(parse_attrs(m.group(0)), b"ref"))
        if area is not None and (area.first_row, area.first_col) != (area.last_row, area.last_col):
            yield area
