"""Patching rows: the edited <c> elements of an existing row change, in column order; missing
rows and cells are created with the style of the cell above (or of the column, or the row).

Untouched cells are copied as they are, except the dependents of a shared formula whose master
is overwritten: they get a formula of their own (translated from the master's).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .errors import SheetFormatError
from .xlsx_cells import Cell, HeadFacts, cell_formula, ext_lst, parse_cells
from .xlsx_markup import Attrs, SheetLabel, Syntax, attr, parse_attrs, render_attrs, set_attr
from .xlsx_recalc import RecalcContext, RowRecalc
from .xlsx_scan import SheetScan
from .xlsx_styles import StyleBook
from .xlsx_values import CellRange, Encoded, format_ref


class NeedsScan(Exception):
    """A single pass met the master of a shared formula: run scan_sheet first."""


@dataclass(frozen=True, slots=True)
class CellOp:
    """What to put in one cell. `fill_blank`: when clearing a missing cell, still create it
    with the inherited style (appended rows keep the look of the rows above). `keep_formula`:
    a formula already in the cell stays (its cached result is recomputed with the row)."""

    value: Encoded
    fill_blank: bool = False
    keep_formula: bool = False


def _no_header(row: int, col: int) -> bool:
    return False


@dataclass(frozen=True, slots=True)
class SheetPlan:
    """What write_sheet applies."""

    ops: Mapping[int, Mapping[int, CellOp]]
    written: CellRange | None               # bounding box of what is written (for <dimension>)
    append_anchor: int = 0                  # last row with a value, below which rows are added
    appended: int = 0                       # number of appended rows
    header_rows: Callable[[int, int], bool] = _no_header
    scan: SheetScan | None = None           # first-pass facts (None: single pass)
    recalc: RecalcContext | None = None     # cached formula results of the patched rows
    refresh_rows: frozenset[int] = frozenset()  # rows patched only to drop cached results


@dataclass(slots=True)
class WriteStats:
    cells_written: int = 0
    removed_formulas: set[tuple[int, int]] = field(default_factory=set)
    #: cells asked to take a value that kept their formula instead (`CellOp.keep_formula`)
    kept_formulas: list[tuple[int, int]] = field(default_factory=list)
    patched_rows: list[bytes] = field(default_factory=list)  # kept for validation (capped)
    arrays: list[CellRange] = field(default_factory=list)
    first_value_row: int = 0


#: The row just written above the current one: (number, bytes), the model for new cells' style.
Above = tuple[int, bytes] | None


class RowPatcher:
    """Patch or create rows; shared by every block of one sheet."""

    VALIDATE_MAX = 5000

    def __init__(self, plan: SheetPlan, syntax: Syntax, head: HeadFacts, styles: StyleBook,
                 label: SheetLabel) -> None:
        self.plan = plan
        self.syntax = syntax
        self.head = head
        self.styles = styles
        self.label = label
        self.stats = WriteStats()
        self.masters = plan.scan.shared_masters if plan.scan else {}
        self.dependents = plan.scan.dependent_rows if plan.scan else frozenset()
        self._above_cache: tuple[bytes | None, dict[int, Cell]] = (None, {})
        self.recalc = RowRecalc(plan.recalc, syntax) if plan.recalc is not None else None

    def note_block(self, block: bytes) -> None:
        """A block is about to be written (see `RowRecalc.note_block`)."""
        if self.recalc is not None:
            self.recalc.note_block(block)

    # -- style of a new cell --
    def _above_cells(self, row: bytes) -> dict[int, Cell]:
        """The cells of the row above by column (a style is read only when asked for)."""
        if self._above_cache[0] is not row:
            self._above_cache = (row, {c.col: c for c in parse_cells(row, self.syntax)})
        return self._above_cache[1]

    def _new_style(self, number: int, col: int, above: Above, row_style: int | None) -> int:
        """Cell above (unless it is a header), else the column's style, else the row's."""
        if above is not None and above[0] == number - 1:
            header = above[0] == self.stats.first_value_row or self.plan.header_rows(above[0], col)
            cells = {} if header else self._above_cells(above[1])
            if col in cells:
                return cells[col].style
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

    def _render(self, attrs: Attrs, value: Encoded, ext: bytes) -> bytes:
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
                raise SheetFormatError("writer.array_formula", sheet=self.label.sheet,
                                       file=self.label.file, cell=format_ref(number, col),
                                       area=str(area))

    def _rewrite(self, number: int, cell: Cell, op: CellOp) -> bytes:
        self._check_arrays(number, cell.col)
        formula = cell_formula(cell.inner, self.syntax)
        if formula is not None:
            if formula.is_shared_master and formula.shared_index not in self.masters:
                raise NeedsScan()
            self.stats.removed_formulas.add((number, cell.col))
        # a cell placed by its position alone (`<c/>`, no `r`) gets its reference, as the row's
        # other cells do once the row is normalised
        attrs = cell.attrs if cell.had_r else [(b"r", format_ref(number, cell.col).encode()),
                                               *cell.attrs]
        style = int(attr(attrs, b"s") or b"0")
        final = self._final_style(style, op.value)
        if final != style:
            attrs = set_attr(attrs, b"s", str(final).encode(), after=b"r")
        if not op.value.is_empty:
            self.stats.cells_written += 1
        return self._render(attrs, op.value, ext_lst(cell.inner, self.syntax))

    def _create(self, number: int, col: int, op: CellOp, above: Above,
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
        assert m is not None  # cell_formula found it
        close = b"</" + p + b"f>"
        end = m.end() if m.group(2) == b"/" else inner.index(close, m.end()) + len(close)
        attrs = [(b"r", format_ref(number, cell.col).encode())] if not cell.had_r else []
        new_f = b"<" + p + b"f>" + escaped + close
        return (b"<" + p + b"c" + render_attrs(attrs + cell.attrs) + b">" + inner[:m.start()]
                + new_f + inner[end:] + b"</" + p + b"c>")

    # -- rows --
    def patch(self, row: bytes, number: int, above: Above) -> bytes:
        """Apply the ops of row `number` (and shared-formula conversions) to existing `row`."""
        syntax = self.syntax
        ops = self.plan.ops.get(number, {})
        tag = syntax.row_re.match(row)
        if tag is None:
            raise SheetFormatError("writer.row_unreadable", sheet=self.label.sheet,
                                   file=self.label.file, row=number)
        row_attrs = parse_attrs(tag.group(1))
        content = b"" if tag.group(2) == b"/" else row[tag.end():len(row) - len(syntax.row_close)]
        row_style = _row_style(row_attrs)
        cells = parse_cells(content, syntax)
        normalise = any(not cell.had_r for cell in cells)
        pending = sorted(ops)
        pieces: list[bytes] = []
        forced: list[int] = []
        pos = k = 0
        for cell in cells:
            pieces.append(content[pos:cell.start])
            while k < len(pending) and pending[k] < cell.col:
                pieces.append(self._create(number, pending[k], ops[pending[k]], above, row_style))
                k += 1
            if k < len(pending) and pending[k] == cell.col:
                if ops[cell.col].keep_formula and cell_formula(cell.inner, syntax) is not None:
                    forced.append(cell.col)
                    self.stats.kept_formulas.append((number, cell.col))
                    pieces.append(self._keep(number, cell, content, normalise))
                else:
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
        body = b"".join(pieces)
        if self.recalc is not None:
            body = self.recalc.refresh(number, body, forced)
        return self._finish_row(_row_attrs_after(row_attrs, number, ops), body)

    def create(self, number: int, above: Above) -> bytes:
        ops = self.plan.ops.get(number, {})
        body = b"".join(self._create(number, col, ops[col], above, None) for col in sorted(ops))
        return self._finish_row([(b"r", str(number).encode())], body) if body else b""

    def _finish_row(self, attrs: Attrs, body: bytes) -> bytes:
        p = self.syntax.prefix
        if not body:
            row = b"<" + p + b"row" + render_attrs(attrs) + b"/>"
        else:
            row = b"<" + p + b"row" + render_attrs(attrs) + b">" + body + b"</" + p + b"row>"
        if len(self.stats.patched_rows) < self.VALIDATE_MAX:
            self.stats.patched_rows.append(row)
        return row


def _translate(formula: str, origin: str, dest: str) -> str:
    """Formula of a shared-formula dependent: the master's, with relative references moved."""
    # openpyxl takes ~0.2 s to import; only overwritten shared-formula masters need it
    from openpyxl.formula.translate import Translator

    translated: str = Translator("=" + formula, origin=origin).translate_formula(dest)
    return translated[1:]


def _row_style(attrs: Attrs) -> int | None:
    custom = attr(attrs, b"customFormat")
    style = attr(attrs, b"s")
    if custom is not None and custom.lower() in (b"1", b"true") and style is not None:
        return int(style)
    return None


def _row_attrs_after(attrs: Attrs, number: int, ops: Mapping[int, CellOp]) -> Attrs:
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
