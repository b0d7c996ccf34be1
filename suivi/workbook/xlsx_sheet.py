"""Streaming, byte-level patch of one worksheet part.

A worksheet is `head <sheetData> rows </sheetData> tail`. The part is read in ~1 MiB chunks and
cut at row boundaries; rows nobody edits are copied byte for byte, rows with edits are patched
surgically (only the edited <c> elements change, in column order), missing rows are created in
row order. Nothing is ever parsed into a DOM, so a 100k-row sheet costs a few MiB of memory.

`write_sheet` normally needs a single pass: the sheet protection (in the tail), array formula
ranges and the first row holding a value are found on the way. Two facts need the whole sheet
first; then `scan_sheet` runs a first pass:
- appended rows go below the last row holding a value;
- overwriting the master cell of a shared formula means giving its dependents (further down) a
  formula of their own (`NeedsScan` is raised when a single pass meets such a master).

OOXML allows `<x:row>`-style prefixes and omitted `r` attributes on rows and cells; both are
handled (positions are computed; patched rows and cells get explicit `r`).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from lxml import etree

from .xlsx_styles import StyleBook
from .xlsx_values import CellRange, Encoded, column_index, format_ref, parse_range

_ROOT_RE = re.compile(rb"<([A-Za-z_][\w.\-]*:)?worksheet(?=[\s>/])")
_ATTR_RE = re.compile(rb"""([\w:.\-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CELL_REF_RE = re.compile(rb"""(?:^|\s)r\s*=\s*["']([A-Za-z]{1,3})[0-9]+["']""")
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


class SheetFormatError(Exception):
    """The worksheet cannot be patched as asked (French message naming sheet and cell)."""


class SheetProtected(Exception):
    """The worksheet has <sheetProtection sheet="1">."""


class NeedsScan(Exception):
    """A single pass met the master of a shared formula: run scan_sheet first."""


class ChunkSource(Protocol):
    def __call__(self) -> Iterator[bytes]: ...


class Sink(Protocol):
    def write(self, data: bytes) -> None: ...


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
        array_re=re.compile(rb"<" + p + rb"f\s[^>]*?\bt\s*=\s*[\"'](?:array|dataTable)[\"'][^>]*>"),
        array_hint_re=re.compile(rb"t=[\"'](?:array|dataTable)"),
    )


def parse_attrs(raw: bytes) -> list[tuple[bytes, bytes]]:
    """Attributes of a start tag, in order, values still escaped."""
    return [(m.group(1), m.group(2) if m.group(2) is not None else m.group(3))
            for m in _ATTR_RE.finditer(raw)]


def attr(attrs: list[tuple[bytes, bytes]], name: bytes) -> bytes | None:
    return next((value for key, value in attrs if key == name), None)


def render_attrs(attrs: list[tuple[bytes, bytes]]) -> bytes:
    return b"".join(b" " + key + b'="' + value + b'"' for key, value in attrs)


def set_attr(attrs: list[tuple[bytes, bytes]], name: bytes, value: bytes | None,
             after: bytes | None = None) -> list[tuple[bytes, bytes]]:
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


def _parse_range_bytes(raw: bytes | None) -> CellRange | None:
    try:
        return parse_range(raw.decode("ascii")) if raw else None
    except (ValueError, UnicodeDecodeError):
        return None


# --- splitting the stream --------------------------------------------------------------------


@dataclass(slots=True)
class Split:
    """The parts of a worksheet stream: head (up to <sheetData>), row blocks, tail."""

    syntax: Syntax
    head: bytes
    sheetdata_selfclosing: bool
    blocks: Iterator[bytes]
    tail: list[bytes] = field(default_factory=list)


def split_sheet(chunks: Iterator[bytes], label: str) -> Split:
    """Read the head now; row blocks are produced lazily; `tail` is filled when blocks end."""
    buf = b""
    root = None
    while True:
        root = root or _ROOT_RE.search(buf)
        if root is not None:
            syntax = syntax_for(root.group(1) or b"")
            sd = syntax.sheetdata_open.search(buf, root.end())
            if sd is not None:
                break
        chunk = next(chunks, None)
        if chunk is None:
            raise SheetFormatError(f"{label} : balise <sheetData> introuvable ; la feuille semble "
                                   "endommagée. Ouvrez-la dans Excel et enregistrez-la.")
        buf += chunk
    head, rest = buf[:sd.end()], buf[sd.end():]
    selfclosing = sd.group(1) == b"/"
    split = Split(syntax, head, selfclosing, iter(()))
    if selfclosing:
        split.tail.append(rest)
        split.tail.extend(chunks)
    else:
        split.blocks = _blocks(rest, chunks, syntax, split, label)
    return split


def _blocks(buf: bytes, chunks: Iterator[bytes], syntax: Syntax, split: Split,
            label: str) -> Iterator[bytes]:
    """Successive runs of complete rows; what follows </sheetData> goes to split.tail."""
    fresh = len(buf)  # bytes at the end of buf not yet searched for </sheetData>
    while True:
        end = buf.find(syntax.sheetdata_close, max(0, len(buf) - fresh - len(syntax.sheetdata_close)))
        if end >= 0:
            if buf[:end].strip():
                yield _checked(buf[:end], label)
            split.tail.append(buf[end:])
            split.tail.extend(chunks)
            return
        cut = buf.rfind(syntax.row_open)
        if cut > 0:
            yield _checked(buf[:cut], label)
            buf = buf[cut:]
        chunk = next(chunks, None)
        if chunk is None:
            raise SheetFormatError(f"{label} : la balise </sheetData> manque ; la feuille semble "
                                   "tronquée. Ouvrez-la dans Excel et enregistrez-la.")
        buf += chunk
        fresh = len(chunk)


def _checked(block: bytes, label: str) -> bytes:
    # "!" is rare in cell XML and memchr-fast; "<!" (comment, CDATA) is then looked for.
    if b"!" in block and b"<!" in block:
        raise SheetFormatError(f"{label} : la zone des cellules contient des commentaires XML ou des "
                               "sections CDATA, que suivi ne sait pas modifier sans risque. "
                               "Ouvrez le classeur dans Excel et enregistrez-le.")
    return block


# --- rows of a block -------------------------------------------------------------------------


class BlockRows:
    """Row numbers and positions inside one block of complete rows.

    Fast mode (every row written `<row r="N"`, as Excel, LibreOffice, openpyxl and xlsxwriter do):
    rows are located by binary search on byte offsets. Otherwise every row is listed once.
    """

    def __init__(self, block: bytes, syntax: Syntax, previous: int) -> None:
        self.block = block
        self.syntax = syntax
        self.previous = previous  # number of the last row before this block
        self.fast = syntax.row_without_r_re.search(block) is None
        self.starts: list[int] = []
        self.numbers: list[int] = []
        if not self.fast:
            self._list_rows()

    def _list_rows(self) -> None:
        number = self.previous
        for m in self.syntax.row_re.finditer(self.block):
            r = attr(parse_attrs(m.group(1)), b"r")
            number = int(r) if r is not None else number + 1
            self.starts.append(m.start())
            self.numbers.append(number)

    def _number_at(self, start: int) -> int:
        begin = start + len(self.syntax.row_r_open)
        return int(self.block[begin:self.block.index(b'"', begin)])

    def _next_row(self, pos: int) -> int:
        start = self.block.find(self.syntax.row_open, pos)
        return start if start >= 0 else len(self.block)

    @property
    def last_number(self) -> int:
        if not self.fast:
            return self.numbers[-1] if self.numbers else self.previous
        start = self.block.rfind(self.syntax.row_open)
        return self._number_at(start) if start >= 0 else self.previous

    def row_at(self, pos: int) -> int:
        """Number of the row whose start tag is at or before byte `pos`."""
        if not self.fast:
            return self.numbers[bisect.bisect_right(self.starts, pos) - 1]
        return self._number_at(self.block.rfind(self.syntax.row_open, 0,
                                                pos + len(self.syntax.row_open)))

    def find(self, number: int, lo: int = 0) -> int:
        """Start of row `number` at or after `lo`, or -1."""
        if not self.fast:
            index = bisect.bisect_left(self.numbers, number)
            ok = index < len(self.numbers) and self.numbers[index] == number
            return self.starts[index] if ok and self.starts[index] >= lo else -1
        start = self.insertion_point(number - 1, lo)
        return start if start < len(self.block) and self._number_at(start) == number else -1

    def insertion_point(self, number: int, lo: int = 0) -> int:
        """Start of the first row numbered above `number` (at or after `lo`), or block end."""
        if not self.fast:
            index = bisect.bisect_right(self.numbers, number)
            while index < len(self.starts) and self.starts[index] < lo:
                index += 1
            return self.starts[index] if index < len(self.starts) else len(self.block)
        # Binary search on byte offsets: next_row(x) is monotone in x, and so is "its number
        # is above `number`" (rows are sorted). Only short find() calls, no linear scan.
        size = len(self.block)
        hi = size
        while lo < hi:
            mid = (lo + hi) // 2
            start = self._next_row(mid)
            if start == size or self._number_at(start) > number:
                hi = mid
            else:
                lo = start + 1
        return self._next_row(lo)

    def row_end(self, start: int) -> int:
        tag_end = self.block.index(b">", start) + 1
        if self.block[tag_end - 2:tag_end - 1] == b"/":
            return tag_end
        return self.block.index(self.syntax.row_close, tag_end) + len(self.syntax.row_close)

    def first_start(self) -> int:
        if not self.fast:
            return self.starts[0] if self.starts else len(self.block)
        return self._next_row(0)


def _last_marker(block: bytes, syntax: Syntax) -> int:
    return max(block.rfind(marker) for marker in syntax.markers)


def _first_marker(block: bytes, syntax: Syntax) -> int:
    found = [pos for pos in (block.find(marker) for marker in syntax.markers) if pos >= 0]
    return min(found) if found else -1


# --- cells -----------------------------------------------------------------------------------


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
    def attrs(self) -> list[tuple[bytes, bytes]]:
        return parse_attrs(self.raw_attrs)

    @property
    def style(self) -> int:
        value = attr(self.attrs, b"s")
        return int(value) if value else 0


@lru_cache(maxsize=4096)
def _column(letters: bytes) -> int:
    return column_index(letters.decode("ascii"))


def parse_cells(content: bytes, syntax: Syntax) -> list[Cell]:
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

    attrs: list[tuple[bytes, bytes]]
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


def _ext_lst(inner: bytes | None, syntax: Syntax) -> bytes:
    if not inner:
        return b""
    start = inner.find(b"<" + syntax.prefix + b"extLst")
    return inner[start:] if start >= 0 else b""


# --- head and tail ---------------------------------------------------------------------------


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
    dimension = _parse_range_bytes(attr(parse_attrs(dim.group(1)), b"ref")) if dim else None
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
    return _parse_range_bytes(attr(parse_attrs(flt.group(1)), b"ref")) if flt else None


def _array_ranges(block: bytes, syntax: Syntax) -> Iterator[CellRange]:
    if syntax.array_hint_re.search(block) is None:  # one cheap scan before the real pattern
        return
    for m in syntax.array_re.finditer(block):
        area = _parse_range_bytes(attr(parse_attrs(m.group(0)), b"ref"))
        if area is not None and (area.first_row, area.first_col) != (area.last_row, area.last_col):
            yield area


# --- scan (first pass, when needed) ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SharedMaster:
    """A shared formula whose master cell is overwritten: its dependents get their own formula."""

    index: bytes
    formula: str
    master: tuple[int, int]
    area: CellRange


@dataclass(frozen=True, slots=True)
class SheetScan:
    last_value_row: int         # 0 when the sheet holds no value
    protected: bool
    auto_filter: CellRange | None
    shared_masters: Mapping[bytes, SharedMaster]
    dependent_rows: frozenset[int]


def _unescape(text: bytes) -> str:
    return etree.fromstring(b"<f>" + text + b"</f>", _XML_PARSER).text or ""


def scan_sheet(source: ChunkSource, edited: Mapping[int, Iterable[int]], label: str) -> SheetScan:
    """First pass. `edited`: row → columns set by set_cell (to find overwritten formulas)."""
    split = split_sheet(source(), label)
    syntax = split.syntax
    targets = sorted(edited)
    t = 0
    previous = last_value = 0
    masters: dict[bytes, SharedMaster] = {}
    dependents: set[int] = set()
    for block in split.blocks:
        rows = BlockRows(block, syntax, previous)
        last = _last_marker(block, syntax)
        if last >= 0:
            last_value = rows.row_at(last)
        block_last = rows.last_number
        lo = rows.first_start()
        while t < len(targets) and targets[t] <= block_last:
            start = rows.find(targets[t], lo)
            if start >= 0:
                lo = rows.row_end(start)
                _note_masters(block[start:lo], targets[t], edited[targets[t]], syntax, masters)
            t += 1
        if masters:
            _note_dependents(block, rows, syntax, masters, dependents)
        previous = block_last
    tail = b"".join(split.tail)
    return SheetScan(last_value, is_protected(tail, syntax), auto_filter(tail, syntax), masters,
                     frozenset(dependents))


def _note_masters(row: bytes, number: int, cols: Iterable[int], syntax: Syntax,
                  masters: dict[bytes, SharedMaster]) -> None:
    if b"shared" not in row:
        return
    wanted = set(cols)
    for cell in parse_cells(row, syntax):
        formula = cell_formula(cell.inner, syntax) if cell.col in wanted else None
        if formula is None or not formula.is_shared_master or formula.shared_index is None:
            continue
        area = _parse_range_bytes(attr(formula.attrs, b"ref"))
        if area is not None:
            masters[formula.shared_index] = SharedMaster(formula.shared_index, _unescape(formula.text),
                                                         (number, cell.col), area)


def _note_dependents(block: bytes, rows: BlockRows, syntax: Syntax,
                     masters: Mapping[bytes, SharedMaster], dependents: set[int]) -> None:
    for m in syntax.dependent_re.finditer(block):
        master = masters.get(m.group(1))
        if master is not None:
            number = rows.row_at(m.start())
            if master.area.first_row <= number <= master.area.last_row:
                dependents.add(number)


# --- write -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CellOp:
    """What to put in one cell. `fill_blank`: when clearing a missing cell, still create it
    with the inherited style (appended rows keep the look of the rows above)."""

    value: Encoded
    fill_blank: bool = False


@dataclass(frozen=True, slots=True)
class SheetPlan:
    """What write_sheet applies."""

    ops: Mapping[int, Mapping[int, CellOp]]
    written: CellRange | None               # bounding box of what is written (for <dimension>)
    append_anchor: int = 0                  # last row with a value, below which rows are added
    appended: int = 0                       # number of appended rows
    header_rows: Callable[[int, int], bool] = lambda row, col: False
    scan: SheetScan | None = None           # first-pass facts (None: single pass)


@dataclass(slots=True)
class WriteStats:
    cells_written: int = 0
    removed_formulas: set[tuple[int, int]] = field(default_factory=set)
    patched_rows: list[bytes] = field(default_factory=list)  # kept for validation (capped)
    arrays: list[CellRange] = field(default_factory=list)
    first_value_row: int = 0


class _RowPatcher:
    """Patch or create rows; shared by every block of one sheet."""

    VALIDATE_MAX = 5000

    def __init__(self, plan: SheetPlan, syntax: Syntax, head: HeadFacts, styles: StyleBook,
                 label: str) -> None:
        self.plan = plan
        self.syntax = syntax
        self.head = head
        self.styles = styles
        self.label = label
        self.stats = WriteStats()
        self.masters = plan.scan.shared_masters if plan.scan else {}
        self.dependents = plan.scan.dependent_rows if plan.scan else frozenset()
        self._above_cache: tuple[bytes | None, dict[int, int]] = (None, {})

    # -- style of a new cell --
    def _above_styles(self, row: bytes) -> dict[int, int]:
        if self._above_cache[0] is not row:
            self._above_cache = (row, {c.col: c.style for c in parse_cells(row, self.syntax)})
        return self._above_cache[1]

    def _new_style(self, number: int, col: int, above: tuple[int, bytes] | None,
                   row_style: int | None) -> int:
        """Cell above (unless it is a header), else the column's style, else the row's."""
        if above is not None and above[0] == number - 1:
            header = above[0] == self.stats.first_value_row or self.plan.header_rows(above[0], col)
            styles = {} if header else self._above_styles(above[1])
            if col in styles:
                return styles[col]
        return self.head.col_style(col) or row_style or 0

    def _final_style(self, style: int, value: Encoded) -> int:
        if value.kind == "date":
            return self.styles.date_style(style, value.with_time)
        return style

    # -- cells --
    def _value_markup(self, value: Encoded) -> tuple[bytes | None, bytes]:
        p = self.syntax.prefix
        text = value.text.encode("utf-8")
        if value.kind == "str":
            return b"inlineStr", (b"<" + p + b"is><" + p + b't xml:space="preserve">' + text
                                  + b"</" + p + b"t></" + p + b"is>")
        if value.kind == "bool":
            return b"b", b"<" + p + b"v>" + text + b"</" + p + b"v>"
        if value.kind in ("num", "date"):
            return None, b"<" + p + b"v>" + text + b"</" + p + b"v>"
        return None, b""

    def _render(self, attrs: list[tuple[bytes, bytes]], value: Encoded, ext: bytes) -> bytes:
        t, inner = self._value_markup(value)
        attrs = [(k, v) for k, v in attrs if k not in (b"t", b"cm", b"vm")]
        if t is not None:
            attrs = set_attr(attrs, b"t", t, after=b"s" if attr(attrs, b"s") is not None else b"r")
        p = self.syntax.prefix
        body = inner + ext
        if not body:
            return b"<" + p + b"c" + render_attrs(attrs) + b"/>"
        return b"<" + p + b"c" + render_attrs(attrs) + b">" + body + b"</" + p + b"c>"

    def _check_arrays(self, number: int, col: int) -> None:
        for area in self.stats.arrays:
            if area.contains(number, col):
                raise SheetFormatError(
                    f"{self.label} : la cellule {format_ref(number, col)} fait partie d'une formule "
                    f"matricielle ({area}) ; suivi ne peut pas en modifier une seule cellule. "
                    "Déplacez la formule ou choisissez une autre colonne.")

    def _rewrite(self, number: int, cell: Cell, op: CellOp) -> bytes:
        self._check_arrays(number, cell.col)
        formula = cell_formula(cell.inner, self.syntax)
        if formula is not None:
            if formula.is_shared_master and formula.shared_index not in self.masters:
                raise NeedsScan()
            self.stats.removed_formulas.add((number, cell.col))
        attrs = cell.attrs
        style = int(attr(attrs, b"s") or b"0")
        final = self._final_style(style, op.value)
        if final != style:
            attrs = set_attr(attrs, b"s", str(final).encode(), after=b"r")
        if not op.value.is_empty:
            self.stats.cells_written += 1
        return self._render(attrs, op.value, _ext_lst(cell.inner, self.syntax))

    def _create(self, number: int, col: int, op: CellOp, above: tuple[int, bytes] | None,
                row_style: int | None) -> bytes:
        if op.value.is_empty and not op.fill_blank:
            return b""
        self._check_arrays(number, col)
        style = self._final_style(self._new_style(number, col, above, row_style), op.value)
        if op.value.is_empty and style == 0:
            return b""
        attrs = [(b"r", format_ref(number, col).encode())]
        if style:
            attrs.append((b"s", str(style).encode()))
        if not op.value.is_empty:
            self.stats.cells_written += 1
        return self._render(attrs, op.value, b"")

    def _keep(self, number: int, cell: Cell, content: bytes, normalise: bool) -> bytes:
        """An untouched cell: as is, with `r` added when the row is normalised, or converted
        from a shared formula whose master was overwritten."""
        if number in self.dependents:
            converted = self._convert_dependent(number, cell)
            if converted is not None:
                return converted
        raw = content[cell.start:cell.end]
        if normalise and not cell.had_r:
            head = b"<" + self.syntax.prefix + b"c"
            return head + b' r="' + format_ref(number, cell.col).encode() + b'"' + raw[len(head):]
        return raw

    def _convert_dependent(self, number: int, cell: Cell) -> bytes | None:
        formula = cell_formula(cell.inner, self.syntax)
        if formula is None or formula.kind != b"shared" or formula.is_shared_master:
            return None
        master = self.masters.get(formula.shared_index or b"")
        if master is None:
            return None
        text = _translate(master.formula, format_ref(*master.master), format_ref(number, cell.col))
        escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode()
        p = self.syntax.prefix
        inner = cell.inner or b""
        m = self.syntax.formula_re.search(inner)
        close = b"</" + p + b"f>"
        end = m.end() if m.group(2) == b"/" else inner.index(close, m.end()) + len(close)
        attrs = [(b"r", format_ref(number, cell.col).encode())] if not cell.had_r else []
        new_f = b"<" + p + b"f>" + escaped + close
        return (b"<" + p + b"c" + render_attrs(attrs + cell.attrs) + b">" + inner[:m.start()]
                + new_f + inner[end:] + b"</" + p + b"c>")

    # -- rows --
    def patch(self, row: bytes, number: int, above: tuple[int, bytes] | None) -> bytes:
        """Apply the ops of row `number` (and shared-formula conversions) to existing `row`."""
        syntax = self.syntax
        ops = self.plan.ops.get(number, {})
        tag = syntax.row_re.match(row)
        if tag is None:
            raise SheetFormatError(f"{self.label} : la ligne {number} est illisible. Ouvrez le "
                                   "classeur dans Excel et enregistrez-le.")
        row_attrs = parse_attrs(tag.group(1))
        content = b"" if tag.group(2) == b"/" else row[tag.end():len(row) - len(syntax.row_close)]
        row_style = _row_style(row_attrs)
        cells = parse_cells(content, syntax)
        normalise = any(not cell.had_r for cell in cells)
        pending = sorted(ops)
        pieces: list[bytes] = []
        pos = k = 0
        for cell in cells:
            pieces.append(content[pos:cell.start])
            while k < len(pending) and pending[k] < cell.col:
                pieces.append(self._create(number, pending[k], ops[pending[k]], above, row_style))
                k += 1
            if k < len(pending) and pending[k] == cell.col:
                pieces.append(self._rewrite(number, cell, ops[cell.col]))
                k += 1
            else:
                pieces.append(self._keep(number, cell, content, normalise))
            pos = cell.end
        ext = content.find(b"<" + syntax.prefix + b"extLst", pos)
        insert_at = ext if ext >= 0 else len(content)
        pieces.append(content[pos:insert_at])
        pieces.extend(self._create(number, col, ops[col], above, row_style) for col in pending[k:])
        pieces.append(content[insert_at:])
        return self._finish_row(_row_attrs_after(row_attrs, number, ops), b"".join(pieces))

    def create(self, number: int, above: tuple[int, bytes] | None) -> bytes:
        ops = self.plan.ops.get(number, {})
        body = b"".join(self._create(number, col, ops[col], above, None) for col in sorted(ops))
        return self._finish_row([(b"r", str(number).encode())], body) if body else b""

    def _finish_row(self, attrs: list[tuple[bytes, bytes]], body: bytes) -> bytes:
        p = self.syntax.prefix
        if not body:
            row = b"<" + p + b"row" + render_attrs(attrs) + b"/>"
        else:
            row = b"<" + p + b"row" + render_attrs(attrs) + b">" + body + b"</" + p + b"row>"
        if len(self.stats.patched_rows) < self.VALIDATE_MAX:
            self.stats.patched_rows.append(row)
        return row


_TRANSLATOR: list[Callable[[str, str, str], str]] = []


def _translate(formula: str, origin: str, dest: str) -> str:
    """Formula of a shared-formula dependent: the master's, with relative references moved."""
    if not _TRANSLATOR:
        from openpyxl.formula.translate import Translator

        _TRANSLATOR.append(lambda f, o, d: Translator("=" + f, origin=o).translate_formula(d)[1:])
    return _TRANSLATOR[0](formula, origin, dest)


def _row_style(attrs: list[tuple[bytes, bytes]]) -> int | None:
    custom = attr(attrs, b"customFormat")
    style = attr(attrs, b"s")
    if custom is not None and custom.lower() in (b"1", b"true") and style is not None:
        return int(style)
    return None


def _row_attrs_after(attrs: list[tuple[bytes, bytes]], number: int,
                     ops: Mapping[int, CellOp]) -> list[tuple[bytes, bytes]]:
    """Row attributes with an explicit `r` (first) and `spans` covering the new cells."""
    attrs = [(b"r", str(number).encode())] + [(k, v) for k, v in attrs if k != b"r"]
    spans = attr(attrs, b"spans")
    if spans is not None and ops:
        try:
            bounds = [int(x) for part in spans.split() for x in part.split(b":")] + list(ops)
            attrs = set_attr(attrs, b"spans", f"{min(bounds)}:{max(bounds)}".encode())
        except ValueError:
            attrs = set_attr(attrs, b"spans", None)
    return attrs


@dataclass(slots=True)
class _WriteState:
    targets: list[int]
    index: int = 0
    previous: int = 0
    above: tuple[int, bytes] | None = None


def write_sheet(source: ChunkSource, plan: SheetPlan, styles: StyleBook, sink: Sink,
                label: str) -> WriteStats:
    """Stream the patched worksheet into `sink`.

    Raises SheetProtected, SheetFormatError, or NeedsScan (single pass met a shared-formula
    master: call again with plan.scan from scan_sheet)."""
    split = split_sheet(source(), label)
    syntax = split.syntax
    head = head_facts(split.head, syntax)
    patcher = _RowPatcher(plan, syntax, head, styles, label)
    dependents = plan.scan.dependent_rows if plan.scan else frozenset()
    targets = sorted(set(plan.ops) | set(dependents))
    state = _WriteState(targets)
    new_head = _patch_head(split.head, head, plan, syntax)
    if split.sheetdata_selfclosing and targets:
        new_head = new_head[:new_head.rindex(b"/>")] + b">"
    sink.write(new_head)
    for block in split.blocks:
        _write_block(block, syntax, state, patcher, sink)
    for number in targets[state.index:]:
        row = patcher.create(number, state.above)
        if row:
            sink.write(row)
            state.above = (number, row)
    tail = b"".join(split.tail)
    if is_protected(tail, syntax):
        raise SheetProtected()
    if split.sheetdata_selfclosing and targets:
        tail = syntax.sheetdata_close + tail
    sink.write(_patch_tail(tail, plan, syntax))
    validate_rows(patcher.stats.patched_rows, split.head, label)
    return patcher.stats


def _write_block(block: bytes, syntax: Syntax, state: _WriteState, patcher: _RowPatcher,
                 sink: Sink) -> None:
    rows = BlockRows(block, syntax, state.previous)
    stats = patcher.stats
    stats.arrays.extend(_array_ranges(block, syntax))
    if not stats.first_value_row:
        first = _first_marker(block, syntax)
        stats.first_value_row = rows.row_at(first) if first >= 0 else 0
    block_last = rows.last_number
    targets = state.targets
    pos = 0                      # bytes of `block` already written
    search_from = rows.first_start()
    while state.index < len(targets) and targets[state.index] <= block_last:
        number = targets[state.index]
        state.index += 1
        start = rows.find(number, search_from)
        if start >= 0:
            end = rows.row_end(start)
            _copy_until(block, pos, start, rows, state, syntax, sink)
            new = patcher.patch(block[start:end], number, state.above)
            pos = search_from = end
        else:
            # A row without `r` always follows its predecessor directly, so the row after a
            # gap (where a new row goes) has an explicit `r`: inserting never renumbers it.
            at = rows.insertion_point(number, search_from)
            _copy_until(block, pos, at, rows, state, syntax, sink)
            new = patcher.create(number, state.above)
            pos = search_from = at
        if new:
            sink.write(new)
            state.above = (number, new)
    if pos < len(block):
        _copy_until(block, pos, len(block), rows, state, syntax, sink)
    state.previous = block_last


def _copy_until(block: bytes, pos: int, end: int, rows: BlockRows, state: _WriteState,
                syntax: Syntax, sink: Sink) -> None:
    """Copy block[pos:end] unchanged; remember its last row as the style model below it."""
    if end <= pos:
        return
    sink.write(memoryview(block)[pos:end])  # no copy: the compressor reads the block itself
    last = block.rfind(syntax.row_open, pos, end)
    if last >= 0:
        state.above = (rows.row_at(last), block[last:end])


def _patch_head(head: bytes, facts: HeadFacts, plan: SheetPlan, syntax: Syntax) -> bytes:
    if facts.dimension is None or plan.written is None:
        return head
    m = syntax.tag(b"dimension").search(head)
    new = facts.dimension.union(plan.written)
    attrs = set_attr(parse_attrs(m.group(1)), b"ref", str(new).encode())
    tag = b"<" + syntax.prefix + b"dimension" + render_attrs(attrs) + m.group(2) + b">"
    return head[:m.start()] + tag + head[m.end():]


def extend_ranges(text: str, anchor: int, new_last: int) -> str:
    """Space-separated ranges: those ending on row `anchor` (and starting above it) end on
    `new_last` instead."""
    out = []
    for piece in text.split():
        try:
            area = parse_range(piece)
        except ValueError:
            out.append(piece)
            continue
        if area.last_row == anchor and area.first_row < anchor:
            out.append(str(area.with_last_row(new_last)))
        else:
            out.append(piece)
    return " ".join(out)


def _patch_tail(tail: bytes, plan: SheetPlan, syntax: Syntax) -> bytes:
    """After appending rows: grow the autofilter, conditional formats and validations that
    ended on the last row of data."""
    if not plan.appended or not plan.append_anchor:
        return tail
    anchor, new_last = plan.append_anchor, plan.append_anchor + plan.appended

    def grow_filter(m: re.Match[bytes]) -> bytes:
        attrs = parse_attrs(m.group(1))
        area = _parse_range_bytes(attr(attrs, b"ref"))
        if area is None or area.last_row != anchor:
            return m.group(0)
        attrs = set_attr(attrs, b"ref", str(area.with_last_row(new_last)).encode())
        return b"<" + syntax.prefix + b"autoFilter" + render_attrs(attrs) + m.group(2) + b">"

    def grow(m: re.Match[bytes]) -> bytes:
        value = extend_ranges(m.group("ranges").decode("ascii", "replace"), anchor, new_last)
        return m.group("before") + value.encode() + m.group("after")

    p = re.escape(syntax.prefix)
    tail = syntax.tag(b"autoFilter").sub(grow_filter, tail, count=1)
    tail = re.sub(rb"(?P<before><" + p + rb"(?:conditionalFormatting|dataValidation)(?=[\s/>])"
                  rb"[^>]*?\ssqref=\")(?P<ranges>[^\"]*)(?P<after>\")", grow, tail)
    return re.sub(rb"(?P<before><(?P<p>[\w.\-]+:|)sqref>)(?P<ranges>[^<]*)(?P<after></(?P=p)sqref>)",
                  grow, tail)


def validate_rows(rows: list[bytes], head: bytes, label: str) -> None:
    """Parse every patched or created row with the namespaces of the sheet's root element."""
    if not rows:
        return
    root = _ROOT_RE.search(head)
    start = head[root.start():head.index(b">", root.start())].rstrip(b"/")
    name = start[1:].split(None, 1)[0]
    try:
        etree.fromstring(start + b">" + b"".join(rows) + b"</" + name + b">", _XML_PARSER)
    except etree.XMLSyntaxError as exc:  # pragma: no cover - would be a bug in the patcher
        raise SheetFormatError(f"{label} : le XML produit est invalide ({exc}) ; rien n'a été "
                               "écrit. Signalez ce problème avec le classeur.") from exc
