"""The first pass over a worksheet, when one pass is not enough.

Appended rows go below the last row holding a value, and overwriting the master cell of a shared
formula means giving its dependents (further down) a formula of their own: both need facts from
the whole sheet before it is written.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from lxml import etree

from .xlsx_cells import auto_filter, cell_formula, is_protected, parse_cells
from .xlsx_markup import XML_PARSER, SheetLabel, Syntax, attr, parse_range_bytes
from .xlsx_stream import BlockRows, ChunkSource, last_marker, split_sheet
from .xlsx_values import CellRange


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
    return etree.fromstring(b"<f>" + text + b"</f>", XML_PARSER).text or ""


def scan_sheet(source: ChunkSource, edited: Mapping[int, Iterable[int]],
               label: SheetLabel) -> SheetScan:
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
        last = last_marker(block, syntax)
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
        area = parse_range_bytes(attr(formula.attrs, b"ref"))
        if area is not None:
            masters[formula.shared_index] = SharedMaster(
                formula.shared_index, _unescape(formula.text), (number, cell.col), area)


def _note_dependents(block: bytes, rows: BlockRows, syntax: Syntax,
                     masters: Mapping[bytes, SharedMaster], dependents: set[int]) -> None:
    for m in syntax.dependent_re.finditer(block):
        master = masters.get(m.group(1))
        if master is not None:
            number = rows.row_at(m.start())
            if master.area.first_row <= number <= master.area.last_row:
                dependents.add(number)
