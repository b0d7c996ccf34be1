"""Formulas outside the written rows that depend on what was written: a total under a column
(`=SUM(L2:L500)`), a summary block beside the table, a dashboard on another sheet
(`=SUMIFS(Factures!L:L, …)`). Their cached result is dropped (Excel and LibreOffice compute
a formula that has none), transitively.

On the sheets suivi writes, the candidates are the formulas whose text holds a range or a sheet
name (`:` or `!`), collected while the sheet is written (`collect`): a formula made of single
cells of its own row cannot depend on a row nobody wrote (a running balance `=M4+J5` is the
exception, left out to keep a 100,000-row sheet fast). The other worksheets are read only when
their XML names an edited sheet, and then every formula is a candidate (`scan_other_sheet`).
`resolve` is pure.
"""
from __future__ import annotations

import html
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .cell_index import CellIndex
from .formula_parse import Dependencies, dependencies
from .xlsx_markup import SheetLabel, Syntax, attr, parse_attrs, parse_range_bytes
from .xlsx_stream import split_sheet
from .xlsx_values import CellRange, parse_ref

if TYPE_CHECKING:  # the package being built and the sheets' recalculation import this module
    from .xlsx_parts import PackageParts
    from .xlsx_recalc import RecalcContext

Cells = Collection[tuple[int, int]]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A formula that may depend on cells of another row or sheet; `area` is the cell, or the
    whole range of a shared formula (its dependents are treated together)."""

    sheet: str
    area: CellRange
    text: str


@lru_cache(maxsize=8)
def _formula_re(prefix: bytes, every: bool) -> re.Pattern[bytes]:
    """A formula element with its text (only those holding `:` or `!` unless `every`)."""
    p = re.escape(prefix)
    text = rb"([^<]+)" if every else rb"([^<:!]*[:!][^<]*)"
    return re.compile(rb"<" + p + rb"f(\s[^>]*)?>" + text + rb"</" + p + rb"f>")


def collect(block: bytes, syntax: Syntax, sheet: str, every: bool = False
            ) -> Iterator[Candidate]:
    """The candidates of a block of rows (see the module docstring); `every`: all formulas
    (the sheets suivi does not write, usually small, where `=A1*2` may follow a dropped A1)."""
    cell_open = b"<" + syntax.prefix + b"c"
    for m in _formula_re(syntax.prefix, every).finditer(block):
        start = block.rfind(cell_open, 0, m.start())  # the <c> this formula belongs to
        head = syntax.cell_re.match(block, start) if start >= 0 else None
        if head is None:
            continue
        ref = attr(parse_attrs(head.group(1)), b"r")
        if ref is None:
            continue
        try:
            row, col = parse_ref(ref.decode("ascii"))
        except (ValueError, UnicodeDecodeError):
            continue
        area = CellRange(row, col, row, col)
        f_attrs = parse_attrs(m.group(1) or b"")
        if attr(f_attrs, b"t") == b"shared":
            area = parse_range_bytes(attr(f_attrs, b"ref")) or area
        yield Candidate(sheet, area, html.unescape(m.group(2).decode("utf-8")))


def names_sheet(data: bytes, sheets: Iterable[str]) -> bool:
    """Whether worksheet XML may refer to one of `sheets` (`Name!` or `'Name'!`)."""
    if b"!" not in data:
        return False
    folded = data.lower()  # once: a payments sheet of five years is 25 MB of XML
    for name in sheets:
        escaped = html.escape(name, quote=False).encode("utf-8")
        quoted = html.escape("'" + name.replace("'", "''") + "'", quote=False).encode("utf-8")
        for form in (escaped + b"!", quoted + b"!", quoted.replace(b"'", b"&apos;") + b"!"):
            if form.lower() in folded:
                return True
    return False


def scan_other_sheet(data: bytes, sheet: str, label: SheetLabel) -> list[Candidate]:
    """The candidates of a worksheet suivi does not write (its whole XML, already read)."""
    split = split_sheet(iter([data]), label)
    found: list[Candidate] = []
    for block in split.blocks:
        found.extend(collect(block, split.syntax, sheet, every=True))
    return found


def resolve(candidates: Iterable[Candidate], changed: Mapping[str, Cells]
            ) -> dict[str, set[tuple[int, int]]]:
    """The cells (by sheet, names folded) whose cached result must be dropped: candidates
    referring to a changed cell, then to a dropped one, until nothing more changes."""
    pending = list(candidates)
    deps: dict[int, Dependencies] = {i: dependencies(c.text) for i, c in enumerate(pending)}
    known = {name.casefold(): CellIndex(cells) for name, cells in changed.items()}
    dropped: dict[str, set[tuple[int, int]]] = {}
    grew = True
    while grew:
        grew = False
        for index, candidate in enumerate(pending):
            if index not in deps:
                continue
            own = candidate.sheet.casefold()
            if not any(known[sheet].touches(ref.area) for ref in deps[index].refs
                       if (sheet := (ref.sheet or candidate.sheet).casefold()) in known):
                continue
            del deps[index]
            area = candidate.area
            cells = {(row, col) for row in range(area.first_row, area.last_row + 1)
                     for col in range(area.first_col, area.last_col + 1)}
            dropped.setdefault(own, set()).update(cells)
            known.setdefault(own, CellIndex()).update(cells)
            grew = True
    return dropped


#: Worksheets suivi does not write are searched for dependents up to this size (decompressed).
SCAN_LIMIT = 64 << 20


def dependent_drops(parts: PackageParts, contexts: Mapping[str, RecalcContext]
                    ) -> dict[str, set[tuple[int, int]]]:
    """The formula cells of the workbook (by sheet, folded) whose cached result must be
    dropped, beyond the rows the edited sheets already refreshed."""
    changed = {name: ctx.touched_cells() for name, ctx in contexts.items()}
    candidates = [c for ctx in contexts.values() for c in ctx.candidates]
    edited = {name.casefold() for name in contexts}
    for sheet in parts.sheets:
        entry = sheet.entry
        if (entry.name.casefold() in edited or sheet.memory is not None or entry.part is None
                or entry.kind != "worksheet" or not parts.has(entry.part)):
            continue
        member = parts.lookup[entry.part.lower()]
        if parts.zip.getinfo(member).file_size > SCAN_LIMIT:
            continue
        data = parts.zip.read(member)
        if names_sheet(data, contexts):
            candidates += scan_other_sheet(data, entry.name, SheetLabel(entry.name, parts.file))
    drops = resolve(candidates, changed)
    for name, cells in changed.items():  # already written or refreshed by the first pass
        drops.get(name.casefold(), set()).difference_update(cells)
    return {name: cells for name, cells in drops.items() if cells}
