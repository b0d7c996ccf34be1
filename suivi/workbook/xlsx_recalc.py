"""Cached formula results of the rows suivi writes.

A formula cell stores its formula and its last result (`<v>`). Excel recalculates on load
(`fullCalcOnLoad`), but LibreOffice shows the stored result, and pandas or calamine read it:
after suivi writes « Montant réglé », the « Reste dû » of the row must say the new amount.

For each row the writer patches, `RowRecalc.refresh` looks at the formula cells of the row:
a formula that depends on a cell written in this run (directly, or through another formula of
the row) — or whose cell was kept on purpose (`Changes.set_cell(..., keep_formula=True)`) — gets
its result recomputed when its references stay in its row and `formula_eval` knows how
(the template's `=IF(G2="","",G2-N(J2))`), else its cached result is dropped, so that any
program opening the file computes it. Formulas that depend on nothing written keep their bytes.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation

from lxml import etree

from .cell_index import CellIndex
from .formula_eval import CannotEvaluate, Value, XlError, evaluate
from .formula_parse import Dependencies, Node, Ref, analyse
from .formula_parse import translate as translate_formula
from .xlsx_cells import Cell, cell_formula, parse_cells
from .xlsx_dependents import Candidate, collect
from .xlsx_markup import XML_PARSER, Attrs, Syntax, attr, parse_attrs, render_attrs, set_attr
from .xlsx_values import BadValue, escape_xml_text, excel_serial, number_text, parse_ref

SharedStrings = Callable[[], list[str]]
_T_RE = re.compile(rb"<(?:[\w.\-]+:)?t(?:\s[^>]*)?>([^<]*)</(?:[\w.\-]+:)?t>|"
                   rb"<(?:[\w.\-]+:)?t(?:\s[^>]*)?/>")


@dataclass(slots=True)
class _Formula:
    cell: Cell
    text: str
    deps: Dependencies
    tree: Node | None


@dataclass(slots=True)
class RecalcContext:
    """What the recalculation of one sheet needs: the sheet's name, the cells written in this
    run (row, col), the workbook's shared strings (read on first need), the formula cells
    whose result must be dropped (found by `xlsx_dependents`), and what it found on the way
    (shared-formula masters, cells whose result changed, formulas of other rows that may
    depend on them)."""

    sheet: str
    written: Collection[tuple[int, int]]
    shared_strings: SharedStrings
    forced: Collection[tuple[int, int]] = ()
    masters: dict[bytes, tuple[int, int, str]] = field(default_factory=dict)
    changed: set[tuple[int, int]] = field(default_factory=set)
    candidates: list[Candidate] = field(default_factory=list)
    recomputed: int = 0
    dropped: int = 0
    #: written ∪ changed, indexed (built on first need, then kept up to date)
    touched: CellIndex | None = None
    forced_by_row: dict[int, set[int]] | None = None
    date1904: bool = False  # the workbook's date system, for the dates stored as ISO text
    saved_zeros: bool = False  # a formula's 0 is no value (`cell_marks.writes_zeros`)

    def touched_cells(self) -> CellIndex:
        if self.touched is None:
            self.touched = CellIndex(self.written)
            self.touched.update(self.changed)
        return self.touched

    def forced_in(self, row: int) -> set[int]:
        if self.forced_by_row is None:
            self.forced_by_row = {}
            for r, c in self.forced:
                self.forced_by_row.setdefault(r, set()).add(c)
        return self.forced_by_row.get(row, set())


class RowRecalc:
    """Refreshes the cached results of one sheet's patched rows (see the module docstring)."""

    def __init__(self, ctx: RecalcContext, syntax: Syntax) -> None:
        self.ctx = ctx
        self.syntax = syntax
        self._f_open = b"<" + syntax.prefix + b"f"
        self._master_re = re.compile(rb"<" + re.escape(syntax.prefix) + rb"c(?=[\s/>])([^>]*)>"
                                     rb"<" + re.escape(syntax.prefix)
                                     + rb"f(\s[^>]*?\bref\s*=[^>]*?)>([^<]*)<")

    # -- shared formulas met on the way --
    def note_block(self, block: bytes) -> None:
        """A block is about to be written: its shared-formula masters, and its formulas that
        may depend on other rows or sheets."""
        self.ctx.candidates.extend(collect(block, self.syntax, self.ctx.sheet))
        self.note_masters(block)

    def note_masters(self, block: bytes) -> None:
        """Remember the shared-formula masters of a block (dependents come after them)."""
        if b"shared" not in block:
            return
        for m in self._master_re.finditer(block):
            attrs = parse_attrs(m.group(2))
            ref = attr(parse_attrs(m.group(1)), b"r")
            index = attr(attrs, b"si")
            if attr(attrs, b"t") != b"shared" or ref is None or index is None:
                continue
            row, col = parse_ref(ref.decode("ascii"))
            self.ctx.masters[index] = (row, col, html.unescape(m.group(3).decode("utf-8")))

    # -- one row --
    def refresh(self, number: int, content: bytes, forced: Collection[int]) -> bytes:
        """`content` (a patched row's inner XML) with the cached results of its dependent
        formulas recomputed or dropped; `forced`: columns whose formula was kept on purpose."""
        if self._f_open not in content:
            return content
        cells = parse_cells(content, self.syntax)
        formulas = {c.col: f for c in cells
                    if c.inner and self._f_open in c.inner
                    and (f := self._formula(number, c)) is not None}
        if not formulas:
            return content
        by_col = {c.col: c for c in cells}
        forced = set(forced) | self.ctx.forced_in(number)
        dirty = self._dirty(number, formulas, forced)
        if not dirty:
            return content
        results = _RowResults(self.ctx.sheet, number, formulas,
                              lambda col: self._value(by_col[col]) if col in by_col else None,
                              dirty)
        pieces: list[bytes] = []
        pos = 0
        for cell in cells:
            if cell.col not in dirty:
                continue
            pieces.append(content[pos:cell.start])
            result = results.get(cell.col)
            if result is _DROP:
                self.ctx.dropped += 1
            else:
                self.ctx.recomputed += 1
            pieces.append(self._render(cell, result))
            pos = cell.end
            self.ctx.changed.add((number, cell.col))
            self.ctx.touched_cells().add(number, cell.col)
        pieces.append(content[pos:])
        return b"".join(pieces)

    def _formula(self, number: int, cell: Cell) -> _Formula | None:
        formula = cell_formula(cell.inner, self.syntax)
        if formula is None or formula.kind == b"dataTable":
            return None
        text = html.unescape(formula.text.decode("utf-8"))
        if formula.kind == b"shared" and not formula.is_shared_master:
            master = self.ctx.masters.get(formula.shared_index or b"")
            if master is None:
                return _Formula(cell, "", Dependencies((), True), None)
            text = translate_formula(master[2], number - master[0], cell.col - master[1])
        elif formula.kind == b"shared" and formula.shared_index is not None:
            self.ctx.masters[formula.shared_index] = (number, cell.col, text)
        deps, tree = analyse(text)
        if formula.kind == b"array" or deps.opaque:
            tree = None
        return _Formula(cell, text, deps, tree)

    def _here(self, ref: Ref) -> bool:
        return ref.sheet is None or ref.sheet.casefold() == self.ctx.sheet.casefold()

    def _dirty(self, number: int, formulas: dict[int, _Formula], forced: set[int]) -> set[int]:
        """Formula columns whose result may change: forced, or referring to a written cell,
        a cell whose result changed earlier in this run, or a dirty formula of the row."""
        changed = self.ctx.touched_cells()
        dirty = {col for col in forced if col in formulas}
        grew = True
        while grew:
            grew = False
            for col, formula in formulas.items():
                if col in dirty:
                    continue
                if formula.text and any(
                        self._here(ref) and (changed.touches(ref.area)
                                             or any(ref.area.contains(number, d) for d in dirty))
                        for ref in formula.deps.refs):
                    dirty.add(col)
                    grew = True
        return dirty

    # -- values --
    def _value(self, cell: Cell) -> Value:
        attrs = cell.attrs
        kind = attr(attrs, b"t") or b"n"
        inner = cell.inner or b""
        if kind == b"inlineStr":
            return html.unescape(b"".join(m.group(1) or b"" for m in _T_RE.finditer(inner))
                                 .decode("utf-8"))
        v = _cached(inner, self.syntax)
        if ((v is None or not v.strip()) and kind != b"str"
                or self.ctx.saved_zeros and v == b"0" and kind == b"n") \
                and cell_formula(inner, self.syntax) is not None:
            # a formula saved without its value, or with a 0 no calculation gave (a workbook
            # written by a program that does not calculate): it is not empty, nor 0, and what
            # depends on it is not computed from nothing
            raise _Uncached("a formula without its value")
        if v is None:
            return None
        if kind == b"s":
            strings = self.ctx.shared_strings()
            index = int(v) if v.isdigit() else -1
            return strings[index] if 0 <= index < len(strings) else None
        if kind == b"d":  # an ISO 8601 date (strict workbooks): its serial, as Excel uses it
            return iso_serial(v, self.ctx.date1904)
        if kind == b"str":
            return html.unescape(v.decode("utf-8"))
        if kind == b"b":
            return v.strip() in (b"1", b"true")
        if kind == b"e":
            return XlError(v.decode("ascii", "replace"))
        try:
            return Decimal(v.decode("ascii"))
        except (InvalidOperation, UnicodeDecodeError):
            return None

    def _render(self, cell: Cell, result: object) -> bytes:
        """The formula cell with its new cached result (or none)."""
        p = self.syntax.prefix
        inner = cell.inner or b""
        v_open, v_close = b"<" + p + b"v", b"</" + p + b"v>"
        start = inner.find(v_open)
        if start >= 0:
            end = inner.find(v_close, start)
            inner = inner[:start] + inner[end + len(v_close):] if end >= 0 else inner[:start]
        t, v = _markup(result)
        attrs: Attrs = set_attr(cell.attrs, b"t", t, after=b"s")
        if v is not None:
            f_end = _formula_end(inner, self.syntax)
            inner = inner[:f_end] + v_open + b">" + v + v_close + inner[f_end:]
        head = b"<" + p + b"c" + render_attrs(attrs)
        return head + (b">" + inner + b"</" + p + b"c>" if inner else b"/>")


_DROP = object()


class _Uncached(CannotEvaluate):
    """A cell holds a formula whose value was never saved."""
def iso_serial(text: bytes, date1904: bool) -> Value:
    """The serial number of a `t="d"` cell (« 2026-09-01T00:00:00 »), the text when it is
    not a date."""
    raw = text.decode("utf-8", "replace").strip()
    try:
        moment = datetime.fromisoformat(raw.removesuffix("Z"))
        return Decimal(excel_serial(moment, date1904)[0])
    except (ValueError, BadValue):
        return raw


def read_shared_strings(data: bytes) -> list[str]:
    """The texts of sharedStrings.xml in order (rich-text runs joined, phonetic runs left
    out), in whichever namespace the workbook uses (transitional or strict)."""
    root = etree.fromstring(data, XML_PARSER)
    main = f"{{{etree.QName(root).namespace}}}" if etree.QName(root).namespace else ""
    texts = []
    for item in root.iter(f"{main}si"):
        texts.append("".join(t.text or "" for t in item.iter(f"{main}t")
                             if t.getparent() is not None
                             and t.getparent().tag != f"{main}rPh"))
    return texts


class _RowResults:
    """The new results of a row's dirty formulas, computed on demand (a formula may use
    another formula of the row)."""

    def __init__(self, sheet: str, number: int, formulas: dict[int, _Formula],
                 value: Callable[[int], Value], dirty: set[int]) -> None:
        self.sheet, self.number = sheet, number
        self.formulas, self.value, self.dirty = formulas, value, dirty
        self.done: dict[int, object] = {}
        self.busy: set[int] = set()

    def get(self, col: int) -> object:
        if col in self.done:
            return self.done[col]
        if col in self.busy:
            raise CannotEvaluate("circular reference")
        self.busy.add(col)
        try:
            result = self._compute(self.formulas[col])
        except CannotEvaluate:
            result = _DROP
        finally:
            self.busy.discard(col)
        self.done[col] = result
        return result

    def _compute(self, formula: _Formula) -> object:
        if formula.tree is None or not all(
                (ref.sheet is None or ref.sheet.casefold() == self.sheet.casefold())
                and ref.area.first_row == ref.area.last_row == self.number
                for ref in formula.deps.refs):
            return _DROP
        return evaluate(formula.tree, self._lookup)

    def _lookup(self, ref: Ref, row: int, col: int) -> Value:
        if col in self.formulas and col in self.dirty:
            return self._computed(col)
        try:
            return self.value(col)  # read only when a formula needs it (shared strings are big)
        except _Uncached:
            if col in self.formulas:  # a formula of the row saved without its value: its
                return self._computed(col)  # result is computed, not taken for empty
            raise

    def _computed(self, col: int) -> Value:
        result = self.get(col)
        if result is _DROP:
            raise CannotEvaluate("depends on a result dropped")
        return result  # type: ignore[return-value]


def _cached(inner: bytes, syntax: Syntax) -> bytes | None:
    p = syntax.prefix
    start = inner.find(b"<" + p + b"v>")
    if start < 0:
        return None
    start += len(p) + 3
    end = inner.find(b"</" + p + b"v>", start)
    return inner[start:end] if end >= 0 else None


def _formula_end(inner: bytes, syntax: Syntax) -> int:
    m = syntax.formula_re.search(inner)
    if m is None:
        return 0
    if m.group(2) == b"/":
        return m.end()
    close = b"</" + syntax.prefix + b"f>"
    return inner.index(close, m.end()) + len(close)


def _markup(result: object) -> tuple[bytes | None, bytes | None]:
    """(t attribute, <v> text) of a result; (None, None) to drop it."""
    if result is _DROP or result is None:
        return None, None
    if isinstance(result, bool):
        return b"b", b"1" if result else b"0"
    if isinstance(result, Decimal):
        return None, number_text(result.normalize()).encode()
    if isinstance(result, XlError):
        return b"e", result.code.encode()
    return b"str", escape_xml_text(str(result)).encode("utf-8")
