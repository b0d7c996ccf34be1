"""Cells set and rows appended on existing worksheets: the worksheet is streamed through
`write_sheet` into a compressor, and the parts that follow the data (tables, the filter
database name, calcChain) are adjusted."""
from __future__ import annotations

import zipfile
from collections.abc import Callable, Collection, Iterator
from dataclasses import replace

from .errors import ProtectedSheet, WorkbookWriteError
from .xlsx_markup import SheetLabel
from .xlsx_package import Relationships, SheetEntry, parse_xml, rels_part_name
from .xlsx_parts import PackageParts, Sheet
from .xlsx_ranges import (
    TableInfo,
    filter_database_text,
    grow_table,
    read_table,
    removed_refs,
    widen_table,
)
from .xlsx_recalc import RecalcContext
from .xlsx_rows import CellOp, NeedsScan, SheetPlan, WriteStats
from .xlsx_scan import SheetScan, scan_sheet
from .xlsx_sheet import SheetProtected, write_sheet
from .xlsx_values import BadValue, CellRange, CellValue, Encoded, encode_value, format_ref
from .xlsx_zip import Deflated, DeflateSink, level_for

_CACHE_LIMIT = 48 << 20          # decompressed sheets up to this size are read only once
_VERIFY_LIMIT = 8 << 20          # rewritten parts up to this size are re-read and parsed

Cells = dict[tuple[int, int], CellValue]
Rows = list[tuple[CellValue, ...]]


def edit_sheet(parts: PackageParts, sheet: Sheet, cells: Cells, appends: Rows,
               keep: Collection[tuple[int, int]] = (), drops: Collection[tuple[int, int]] = (),
               count: bool = True) -> RecalcContext:
    """Patch one worksheet: one streamed pass, or two when rows are appended (the first
    finds the last row holding a value) or a shared formula's master is overwritten. The
    formulas of the patched rows that depend on what is written get their cached result
    recomputed or dropped (`xlsx_recalc`); the cells of `keep` keep their formula; the formula
    cells of `drops` lose their cached result (`xlsx_dependents`). `count`: add the cells and
    rows to the commit's outcome (not when a sheet is written again with more drops)."""
    entry = sheet.entry
    label = SheetLabel(entry.name, parts.file)
    source = _chunks(parts, sheet)
    scan = _scan(source, cells, label) if appends else None
    given = [pos for pos, value in cells.items() if value is not None]
    anchor = max([scan.last_value_row if scan else 0] + [row for row, _ in given])
    ops, written = _ops(parts, entry.name, cells, appends, anchor, keep)
    tables = _tables(parts, sheet)
    grown = _grow_tables(parts, entry, tables, anchor, appends)
    grown.update(_widen_tables(parts, tables, cells, grown))
    positions = frozenset((row, col) for row, row_ops in ops.items() for col in row_ops)
    recalc = RecalcContext(entry.name, positions, parts.shared_strings, frozenset(drops),
                           date1904=parts.workbook.date1904, saved_zeros=parts.saved_zeros)
    plan = SheetPlan(ops=ops, written=_bounding_box(given + written), append_anchor=anchor,
                     appended=len(appends), header_rows=_header_test(tables), scan=scan,
                     recalc=recalc, refresh_rows=frozenset(row for row, _ in drops))
    try:
        result, stats = _write(plan, source, parts, label)
    except NeedsScan:
        plan = replace(plan, scan=_scan(source, cells, label))
        result, stats = _write(plan, source, parts, label)
    sheet.memory = None
    parts.store(sheet.part, result)
    for part, data in grown.items():
        parts.store(part, data)
    parts.removed_formulas.update(removed_refs(entry.sheet_id, stats.removed_formulas))
    if scan is not None and scan.auto_filter is not None and scan.auto_filter.last_row == anchor:
        _grow_filter_name(parts, entry, scan.auto_filter,
                          scan.auto_filter.with_last_row(anchor + len(appends)))
    if count:
        if stats.kept_formulas:
            parts.outcome.kept_formulas.setdefault(entry.name, []).extend(stats.kept_formulas)
        parts.outcome.cells_written += stats.cells_written
        parts.outcome.rows_appended += len(appends)
    parts.content_changed = True
    return recalc


def _ops(parts: PackageParts, name: str, cells: Cells, appends: Rows, anchor: int,
         keep: Collection[tuple[int, int]]
         ) -> tuple[dict[int, dict[int, CellOp]], list[tuple[int, int]]]:
    """Cell operations by row (set_cell, then appended rows below `anchor`), and the corners
    of the appended rows (for <dimension>)."""
    date1904 = parts.workbook.date1904

    def encode(row: int, col: int, value: CellValue) -> Encoded:
        try:
            return encode_value(value, date1904)
        except BadValue as exc:
            raise WorkbookWriteError("writer.bad_value", sheet=name, cell=format_ref(row, col),
                                     file=parts.file, problem=exc.message) from None

    ops: dict[int, dict[int, CellOp]] = {}
    for (row, col), value in cells.items():
        ops.setdefault(row, {})[col] = CellOp(encode(row, col, value),
                                              keep_formula=(row, col) in keep)
    corners: list[tuple[int, int]] = []
    for row, values in enumerate(appends, start=anchor + 1):
        for col, value in enumerate(values, start=1):
            ops.setdefault(row, {})[col] = CellOp(encode(row, col, value), fill_blank=True)
        if values:
            corners.extend([(row, 1), (row, len(values))])
    return ops, corners


def _protected(label: SheetLabel) -> ProtectedSheet:
    return ProtectedSheet("writer.protected_sheet", sheet=label.sheet, file=label.file)


def _scan(source: _SheetChunks, cells: Cells, label: SheetLabel) -> SheetScan:
    edited: dict[int, set[int]] = {}
    for row, col in cells:
        edited.setdefault(row, set()).add(col)
    scan = scan_sheet(source, edited, label)
    if scan.protected:
        raise _protected(label)
    return scan


def _write(plan: SheetPlan, source: _SheetChunks, parts: PackageParts,
           label: SheetLabel) -> tuple[Deflated, WriteStats]:
    """Run write_sheet into a compressor (in a worker thread); parse small results."""
    sink = DeflateSink(level_for(source.size_hint))
    tee = _Tee(sink, keep=source.size_hint <= _VERIFY_LIMIT)
    try:
        stats = write_sheet(source, plan, parts.styles, tee, label)
    except BaseException as exc:
        sink.abandon()
        if isinstance(exc, SheetProtected):
            raise _protected(label) from None
        raise
    result = sink.finish()
    tee.check(label)
    return result, stats


def _tables(parts: PackageParts, sheet: Sheet) -> list[TableInfo]:
    """Excel Tables of an existing sheet (sheets suivi creates or imports have none)."""
    if sheet.memory is not None:
        return []
    rels = Relationships(sheet.part, parts.read(rels_part_name(sheet.part)))
    tables = []
    for rel, part in rels.internal_targets():
        data = parts.read(part) if rel.kind == "table" else None
        info = read_table(part, data) if data else None
        if info is not None:
            tables.append(info)
    return tables


def _grow_tables(parts: PackageParts, entry: SheetEntry, tables: list[TableInfo], anchor: int,
                 appends: Rows) -> dict[str, bytes]:
    """The tables ending on the appended rows' anchor, grown over them."""
    grown: dict[str, bytes] = {}
    if not appends:
        return grown
    new_last = anchor + len(appends)
    width = max((len(row) for row in appends), default=0)
    for table in tables:
        if not (anchor <= table.area.last_row < new_last
                and table.area.overlaps_columns(1, width)):
            continue
        if table.totals_rows:
            raise WorkbookWriteError("writer.table_totals", table=table.name, sheet=entry.name,
                                     file=parts.file)
        grown[table.part] = grow_table(parts.read(table.part) or b"", table.area, new_last)
    return grown


def _widen_tables(parts: PackageParts, tables: list[TableInfo], cells: Cells,
                  grown: dict[str, bytes]) -> dict[str, bytes]:
    """The tables whose header row gets headers just right of them (the columns suivi adds:
    Statut, Niveau de relance…), widened over them (`widen_table`): left outside, those
    columns stayed put when the team sorted the table, and each row's reminder history
    went to another invoice."""
    widened: dict[str, bytes] = {}
    for table in tables:
        row = table.header_row
        if row is None:
            continue
        names: list[str] = []
        while isinstance(name := cells.get((row, table.area.last_col + len(names) + 1)), str) \
                and name.strip():
            names.append(name)
        if not names:
            continue
        data = grown.get(table.part) or parts.read(table.part) or b""
        now = read_table(table.part, data)  # rows appended under it: its grown area
        wider = widen_table(data, now.area if now else table.area, names)
        if wider is not None:
            widened[table.part] = wider
    return widened


def _grow_filter_name(parts: PackageParts, entry: SheetEntry, old: CellRange,
                      new: CellRange) -> None:
    for el in parts.workbook.defined_names():
        if (el.get("name") != "_xlnm._FilterDatabase"
                or el.get("localSheetId") != str(entry.index)):
            continue
        text = filter_database_text(el.text or "", old, new)
        if text is not None:
            parts.workbook.set_defined_name_text(el, text)


def _bounding_box(cells: list[tuple[int, int]]) -> CellRange | None:
    if not cells:
        return None
    rows = [row for row, _ in cells]
    cols = [col for _, col in cells]
    return CellRange(min(rows), min(cols), max(rows), max(cols))


def _header_test(tables: list[TableInfo]) -> Callable[[int, int], bool]:
    headers = [(t.header_row, t.area.first_col, t.area.last_col) for t in tables if t.header_row]

    def is_header(row: int, col: int) -> bool:
        return any(row == r and first <= col <= last for r, first, last in headers)

    return is_header


def _chunks(parts: PackageParts, sheet: Sheet) -> _SheetChunks:
    if sheet.memory is not None:
        return _SheetChunks(len(sheet.memory), memory=sheet.memory)
    member = parts.lookup[sheet.part.lower()]
    return _SheetChunks(parts.zip.getinfo(member).file_size, zip_file=parts.zip, member=member)


class _SheetChunks:
    """Decompressed chunks of a sheet, readable twice (scan, then write).

    From the zip, the first read keeps the chunks when the sheet is small enough, so the second
    read costs nothing; big sheets are decompressed again instead of being held in memory.
    """

    CHUNK = 1 << 20

    def __init__(self, size_hint: int, *, memory: bytes | None = None,
                 zip_file: zipfile.ZipFile | None = None, member: str = "") -> None:
        self.size_hint = size_hint
        self.memory = memory
        self.zip = zip_file
        self.member = member
        self._cache: list[bytes] | None = None

    def __call__(self) -> Iterator[bytes]:
        if self.memory is not None:
            return iter([self.memory])
        if self._cache is not None:
            cache, self._cache = self._cache, None
            return iter(cache)
        return self._stream(keep=self.size_hint <= _CACHE_LIMIT)

    def _stream(self, keep: bool) -> Iterator[bytes]:
        assert self.zip is not None  # a sheet not in memory comes from the zip
        kept: list[bytes] = []
        with self.zip.open(self.member) as handle:
            while chunk := handle.read(self.CHUNK):
                if keep:
                    kept.append(chunk)
                yield chunk
        if keep:
            self._cache = kept


class _Tee:
    """Sink wrapper that also keeps a small sheet's output, to parse it before anything is
    written (big sheets are checked row by row by the patcher instead)."""

    def __init__(self, sink: DeflateSink, keep: bool) -> None:
        self.sink = sink
        self.parts: list[bytes | memoryview] | None = [] if keep else None

    def write(self, data: bytes | memoryview) -> None:
        self.sink.write(data)
        if self.parts is not None:
            self.parts.append(data)

    def check(self, label: SheetLabel) -> None:
        if self.parts is None:
            return
        try:
            parse_xml(b"".join(self.parts))
        except Exception as exc:  # pragma: no cover - would be a bug in the patcher
            raise WorkbookWriteError("writer.invalid_xml", sheet=label.sheet, file=label.file,
                                     detail=str(exc)) from exc
