"""Streaming, byte-level patch of one worksheet part.

A worksheet is `head <sheetData> rows </sheetData> tail`. The part is read in ~1 MiB chunks and
cut at row boundaries (`xlsx_stream`); rows nobody edits are copied byte for byte, rows with
edits are patched surgically (`xlsx_rows`: only the edited <c> elements change, in column
order), missing rows are created in row order. Nothing is ever parsed into a DOM, so a 100k-row
sheet costs a few MiB of memory.

`write_sheet` normally needs a single pass: the sheet protection (in the tail), array formula
ranges and the first row holding a value are found on the way. Two facts need the whole sheet
first; then `scan_sheet` (`xlsx_scan`) runs a first pass:
- appended rows go below the last row holding a value;
- overwriting the master cell of a shared formula means giving its dependents (further down) a
  formula of their own (`NeedsScan` is raised when a single pass meets such a master).

OOXML allows `<x:row>`-style prefixes and omitted `r` attributes on rows and cells; both are
handled (positions are computed; patched rows and cells get explicit `r`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .errors import SheetFormatError
from .xlsx_cells import HeadFacts, array_ranges, head_facts, is_protected
from .xlsx_markup import (
    ROOT_RE,
    XML_PARSER,
    SheetLabel,
    Syntax,
    attr,
    parse_attrs,
    parse_range_bytes,
    render_attrs,
    set_attr,
)
from .xlsx_rows import Above, RowPatcher, SheetPlan, WriteStats
from .xlsx_stream import BlockRows, ChunkSource, Sink, first_marker, split_sheet
from .xlsx_styles import StyleBook
from .xlsx_values import parse_range


class SheetProtected(Exception):
    """The worksheet has <sheetProtection sheet="1">."""


@dataclass(slots=True)
class _WriteState:
    """Where the write pass is: next target row, last row number seen, the row above."""

    sink: Sink
    targets: list[int]
    index: int = 0
    previous: int = 0
    above: Above = None


def write_sheet(source: ChunkSource, plan: SheetPlan, styles: StyleBook, sink: Sink,
                label: SheetLabel) -> WriteStats:
    """Stream the patched worksheet into `sink`.

    Raises SheetProtected, SheetFormatError, or NeedsScan (single pass met a shared-formula
    master: call again with plan.scan from scan_sheet)."""
    split = split_sheet(source(), label)
    syntax = split.syntax
    head = head_facts(split.head, syntax)
    patcher = RowPatcher(plan, syntax, head, styles, label)
    dependents = plan.scan.dependent_rows if plan.scan else frozenset()
    targets = sorted(set(plan.ops) | set(dependents) | plan.refresh_rows)
    state = _WriteState(sink, targets)
    new_head = _patch_head(split.head, head, plan, syntax)
    if split.sheetdata_selfclosing and targets:
        new_head = new_head[:new_head.rindex(b"/>")] + b">"
    sink.write(new_head)
    for block in split.blocks:
        _write_block(block, state, patcher)
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


def _write_block(block: bytes, state: _WriteState, patcher: RowPatcher) -> None:
    syntax = patcher.syntax
    rows = BlockRows(block, syntax, state.previous)
    stats = patcher.stats
    patcher.note_block(block)
    stats.arrays.extend(array_ranges(block, syntax))
    if not stats.first_value_row:
        first = first_marker(block, syntax)
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
            _copy_until(block, pos, start, rows, state)
            new = patcher.patch(block[start:end], number, state.above)
            pos = search_from = end
        else:
            # A row without `r` always follows its predecessor directly, so the row after a
            # gap (where a new row goes) has an explicit `r`: inserting never renumbers it.
            at = rows.insertion_point(number, search_from)
            _copy_until(block, pos, at, rows, state)
            new = patcher.create(number, state.above)
            pos = search_from = at
        if new:
            state.sink.write(new)
            state.above = (number, new)
    if pos < len(block):
        _copy_until(block, pos, len(block), rows, state)
    state.previous = block_last


def _copy_until(block: bytes, pos: int, end: int, rows: BlockRows, state: _WriteState) -> None:
    """Copy block[pos:end] unchanged; remember its last row as the style model below it."""
    if end <= pos:
        return
    state.sink.write(memoryview(block)[pos:end])  # no copy: the compressor reads the block
    last = block.rfind(rows.syntax.row_open, pos, end)
    if last >= 0:
        state.above = (rows.row_at(last), block[last:end])


def _patch_head(head: bytes, facts: HeadFacts, plan: SheetPlan, syntax: Syntax) -> bytes:
    if facts.dimension is None or plan.written is None:
        return head
    m = syntax.tag(b"dimension").search(head)
    assert m is not None  # head_facts found the dimension
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
        area = parse_range_bytes(attr(attrs, b"ref"))
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
    return re.sub(rb"(?P<before><(?P<p>[\w.\-]+:|)sqref>)(?P<ranges>[^<]*)"
                  rb"(?P<after></(?P=p)sqref>)", grow, tail)


def validate_rows(rows: list[bytes], head: bytes, label: SheetLabel) -> None:
    """Parse every patched or created row with the namespaces of the sheet's root element."""
    if not rows:
        return
    root = ROOT_RE.search(head)
    assert root is not None  # split_sheet found it
    start = head[root.start():head.index(b">", root.start())].rstrip(b"/")
    name = start[1:].split(None, 1)[0]
    try:
        etree.fromstring(start + b">" + b"".join(rows) + b"</" + name + b">", XML_PARSER)
    except etree.XMLSyntaxError as exc:  # pragma: no cover - would be a bug in the patcher
        raise SheetFormatError("writer.invalid_xml", sheet=label.sheet, file=label.file,
                               detail=str(exc)) from exc
