"""Build the new package: apply a ChangeSet to the parts of the source workbook.

PackageBuilder reads the source zip, rewrites the worksheets that change (xlsx_sheet, streamed),
adds or replaces the sheets suivi owns (xlsx_import), adjusts the few package parts that must
follow (workbook.xml, relationships, content types, styles, tables, calcChain), then writes the
new archive: untouched members are copied as their original compressed bytes, in their order.
"""
from __future__ import annotations

import os
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .write_errors import NotAWorkbook, ProtectedSheet, WorkbookWriteError
from .xlsx_import import ImportProblem, import_sheet, plain_sheet
from .xlsx_package import (CT_WORKSHEET, T_STYLES, T_WORKSHEET, ContentTypes, Relationships,
                           SheetEntry, WorkbookXml, parse_xml, rels_part_name)
from .xlsx_ranges import (TableInfo, filter_database_text, grow_table, prune_calc_chain,
                          read_table, removed_refs)
from .xlsx_sheet import (CellOp, NeedsScan, SheetFormatError, SheetPlan, SheetProtected,
                         SheetScan, WriteStats, scan_sheet, write_sheet)
from .xlsx_styles import StyleBook
from .xlsx_values import BadValue, CellRange, CellValue, Encoded, encode_value, format_ref
from .xlsx_zip import (Deflated, DeflateSink, MemberMeta, ZipLimitExceeded, ZipWriter, level_for,
                       meta_from_info, new_meta, raw_chunks)

_CACHE_LIMIT = 48 << 20          # decompressed sheets up to this size are read only once
_VERIFY_LIMIT = 8 << 20          # rewritten parts up to this size are re-read and parsed


@dataclass(frozen=True, slots=True)
class PutSheet:
    source: bytes
    source_sheet: str | None


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """What a Changes collected, as plain data (sheet names as the caller gave them)."""

    cells: Mapping[str, Mapping[tuple[int, int], CellValue]]
    appends: Mapping[str, Sequence[tuple[CellValue, ...]]]
    ensure: Mapping[str, tuple[str, ...]]
    put: Mapping[str, PutSheet]


@dataclass(slots=True)
class _Sheet:
    """A sheet of the workbook being built, and where its content comes from."""

    entry: SheetEntry
    memory: bytes | None = None          # new content (put_sheet/ensure_sheet), else the zip's


@dataclass(slots=True)
class Outcome:
    parts_changed: set[str] = field(default_factory=set)
    cells_written: int = 0
    rows_appended: int = 0


class PackageBuilder:
    """Reads the source package, applies a ChangeSet, writes the new package."""

    def __init__(self, path: Path, changes: ChangeSet) -> None:
        self.path = path
        self.changes = changes
        self.file = path.name
        self.zip = zipfile.ZipFile(path)
        self.metas = [meta_from_info(info) for info in self.zip.infolist()]
        self.lookup = {meta.name.lower(): meta.name for meta in self.metas}
        if len(self.lookup) != len(self.metas):
            raise WorkbookWriteError(f"« {self.file} » contient des parties en double ; ouvrez-le "
                                     "dans Excel et enregistrez-le, puis relancez suivi.")
        self.replaced: dict[str, bytes | Deflated] = {}
        self.added: dict[str, bytes | Deflated] = {}
        self.removed: set[str] = set()
        self.outcome = Outcome()
        self._removed_formulas: set[tuple[int, str]] = set()
        self._dropped_sheet_ids: set[int] = set()
        self._content_changed = False
        self._reserved: set[str] = set()     # names of parts created in memory, not yet stored
        try:
            self._load_package()
        except BaseException:
            self.zip.close()
            raise

    # -- reading --
    def has(self, part: str) -> bool:
        return part.lower() in self.lookup

    def read(self, part: str) -> bytes | None:
        name = self.lookup.get(part.lower())
        return self.zip.read(name) if name else None

    def _load_package(self) -> None:
        types = self.read("[Content_Types].xml")
        root_rels = self.read("_rels/.rels")
        if types is None or root_rels is None:
            raise NotAWorkbook(f"« {self.file} » : ce fichier n'est pas un classeur Excel "
                               "(.xlsx/.xlsm) : l'archive ne contient pas de classeur.")
        self.types = ContentTypes(types)
        office = next((part for rel, part in Relationships("", root_rels).internal_targets()
                       if rel.kind == "officeDocument"), None)
        data = self.read(office) if office else None
        if office is None or data is None:
            raise NotAWorkbook(f"« {self.file} » : ce fichier n'est pas un classeur Excel "
                               "(.xlsx/.xlsm) : la partie du classeur est introuvable.")
        if office.lower().endswith(".bin"):
            raise NotAWorkbook(f"« {self.file} » est un classeur binaire (.xlsb), que suivi ne "
                               "sait pas modifier. Enregistrez-le au format .xlsx dans Excel.")
        self.workbook = WorkbookXml(office, data)
        self.workbook_rels = Relationships(office, self.read(rels_part_name(office)))
        self.sheets = [_Sheet(entry) for entry in self._sheet_entries()]
        styles_part = self._workbook_part("styles")
        self.styles_part = styles_part or "xl/styles.xml"
        self.styles = StyleBook(self.read(styles_part) if styles_part else None)

    def _workbook_part(self, kind: str) -> str | None:
        return next((part for rel, part in self.workbook_rels.internal_targets()
                     if rel.kind == kind), None)

    def _sheet_entries(self) -> Iterator[SheetEntry]:
        for index, el in enumerate(self.workbook.sheet_elements()):
            rel = self.workbook_rels.get(self.workbook.rel_id_attr(el))
            part = self.workbook_rels.target_part(rel) if rel else None
            yield SheetEntry(index, el.get("name", ""), int(el.get("sheetId", "0")),
                             rel.id if rel else "", part if part and self.has(part) else None,
                             rel.kind if rel else "", el.get("state", "visible"))

    def _find(self, name: str) -> _Sheet | None:
        exact = [s for s in self.sheets if s.entry.name == name]
        if exact:
            return exact[0]
        folded = [s for s in self.sheets if s.entry.name.casefold() == name.casefold()]
        return folded[0] if len(folded) == 1 else None

    def _target(self, name: str) -> _Sheet:
        sheet = self._find(name)
        if sheet is None:
            names = ", ".join(f"« {s.entry.name} »" for s in self.sheets)
            raise WorkbookWriteError(
                f"La feuille « {name} » n'existe pas dans « {self.file} » (feuilles : {names}). "
                "Vérifiez le nom de la feuille dans suivi.toml.")
        if sheet.entry.kind != "worksheet":
            raise WorkbookWriteError(
                f"La feuille « {sheet.entry.name} » de « {self.file} » est une feuille graphique "
                "(ou une feuille spéciale) : suivi ne peut pas y écrire de cellules. Choisissez "
                "une feuille de calcul.")
        if sheet.entry.part is None:
            raise WorkbookWriteError(
                f"La feuille « {sheet.entry.name} » de « {self.file} » est introuvable dans le "
                "fichier (classeur endommagé). Ouvrez-le dans Excel et enregistrez-le.")
        return sheet

    # -- the build --
    def build(self) -> Outcome:
        for name, put in self.changes.put.items():
            self._put_sheet(name, put)
        for name, header in self.changes.ensure.items():
            if self._find(name) is None:
                self._ensure_sheet(name, header)
        for sheet, cells, appends in self._grouped_edits():
            self._edit_sheet(sheet, cells, appends)
        for sheet in self.sheets:
            if sheet.memory is not None:
                self._store(sheet.entry.part, sheet.memory)
        self._finish_metadata()
        return self.outcome

    def _grouped_edits(self) -> list[tuple[_Sheet, dict, list]]:
        """Edits per sheet (names given in different cases may denote the same sheet)."""
        grouped: dict[int, tuple[_Sheet, dict, list]] = {}
        for name, cells in self.changes.cells.items():
            sheet = self._target(name)
            grouped.setdefault(id(sheet), (sheet, {}, []))[1].update(cells)
        for name, rows in self.changes.appends.items():
            sheet = self._target(name)
            grouped.setdefault(id(sheet), (sheet, {}, []))[2].extend(rows)
        return list(grouped.values())

    def _store(self, part: str, content: bytes | Deflated) -> None:
        if self.has(part):
            self.replaced[self.lookup[part.lower()]] = content
        else:
            self.added[part] = content
        self.outcome.parts_changed.add(part)

    def _remove(self, part: str) -> None:
        name = self.lookup.get(part.lower())
        if name is not None:
            self.removed.add(name)
            self.outcome.parts_changed.add(name)
        self.added.pop(part, None)
        self.types.remove_override(part)

    def _taken_names(self) -> set[str]:
        return set(self.lookup) | {name.lower() for name in self.added} | self._reserved

    def _new_sheet_entry(self, name: str) -> SheetEntry:
        taken = self._taken_names()
        number = 1
        while f"xl/worksheets/sheet{number}.xml" in taken:
            number += 1
        part = f"xl/worksheets/sheet{number}.xml"
        self._reserved.add(part.lower())
        sheet_id = max([s.entry.sheet_id for s in self.sheets] + [0]) + 1
        rel_id = self.workbook_rels.add(T_WORKSHEET, part)
        self.workbook.add_sheet(name, sheet_id, rel_id)
        self.types.set_override(part, CT_WORKSHEET)
        self.outcome.parts_changed.update({self.workbook.part, rels_part_name(self.workbook.part)})
        return SheetEntry(len(self.sheets), name, sheet_id, rel_id, part, "worksheet", "visible")

    def _ensure_sheet(self, name: str, header: tuple[str, ...]) -> None:
        entry = self._new_sheet_entry(name)
        self.sheets.append(_Sheet(entry, memory=plain_sheet(header, self.styles.bold_style())))
        self._content_changed = True

    def _put_sheet(self, name: str, put: PutSheet) -> None:
        existing = self._find(name)
        if existing is not None and existing.entry.kind != "worksheet":
            raise WorkbookWriteError(
                f"La feuille « {existing.entry.name} » de « {self.file} » n'est pas une feuille de "
                "calcul : suivi ne peut pas la remplacer. Renommez-la ou supprimez-la.")
        if existing is None:
            sheet = _Sheet(self._new_sheet_entry(name))
            self.sheets.append(sheet)
        else:
            sheet = existing
            self._drop_owned_parts(sheet.entry.part)
        taken = self._taken_names()
        try:
            imported = import_sheet(put.source, put.source_sheet, name, sheet.entry.part, taken,
                                    self.styles)
        except ImportProblem as exc:
            raise WorkbookWriteError(f"Impossible d'installer la feuille « {name} » dans "
                                     f"« {self.file} » : {exc}.") from None
        sheet.memory = imported.xml
        self.workbook.replace_builtin_names(sheet.entry.index, imported.builtin_names)
        self._content_changed = True
        rels_part = rels_part_name(sheet.entry.part)
        if imported.rels is not None:
            self.removed.discard(self.lookup.get(rels_part.lower(), ""))
            self._store(rels_part, imported.rels)
        for part in imported.parts:
            self._store(part.name, part.data)
            if part.content_type:
                self.types.ensure_type(part.name, part.content_type)

    def _rel_graph(self) -> dict[str, set[str]]:
        """Lower-case part name → parts its relationships point to ("" is the package)."""
        graph: dict[str, set[str]] = {}
        for meta in self.metas:
            source = _rels_owner(meta.name)
            if source is None:
                continue
            rels = Relationships(source, self.zip.read(meta.name))
            graph[source.lower()] = {part.lower() for _, part in rels.internal_targets()
                                     if self.has(part)}
        return graph

    def _drop_owned_parts(self, sheet_part: str) -> None:
        """Remove the parts only `sheet_part` leads to (its drawing, charts, …) and its rels."""
        graph = self._rel_graph()
        sheet_key = sheet_part.lower()

        def reach(start: str, blocked: str | None) -> set[str]:
            seen: set[str] = set()
            todo = [start]
            while todo:
                node = todo.pop()
                for target in graph.get(node, ()):
                    if target not in seen and target != blocked:
                        seen.add(target)
                        todo.append(target)
            return seen

        owned = reach(sheet_key, None) - reach("", sheet_key) - {sheet_key}
        for part in owned | {rels_part_name(p) for p in owned} | {rels_part_name(sheet_key)}:
            if self.has(part):
                self._remove(self.lookup[part.lower()])
        self._dropped_sheet_ids.add(next(s.entry.sheet_id for s in self.sheets
                                         if (s.entry.part or "").lower() == sheet_key))

    def _chunks(self, sheet: _Sheet) -> _SheetChunks:
        if sheet.memory is not None:
            return _SheetChunks(memory=sheet.memory)
        return _SheetChunks(zip_file=self.zip, member=self.lookup[sheet.entry.part.lower()])

    def _tables(self, sheet: _Sheet) -> list[TableInfo]:
        """Excel Tables of an existing sheet (sheets suivi creates or imports have none)."""
        if sheet.memory is not None:
            return []
        rels = Relationships(sheet.entry.part, self.read(rels_part_name(sheet.entry.part)))
        tables = []
        for rel, part in rels.internal_targets():
            data = self.read(part) if rel.kind == "table" else None
            info = read_table(part, data) if data else None
            if info is not None:
                tables.append(info)
        return tables

    def _edit_sheet(self, sheet: _Sheet, cells: dict[tuple[int, int], CellValue],
                    appends: list[tuple[CellValue, ...]]) -> None:
        """Patch one worksheet: one streamed pass, or two when rows are appended (the first
        finds the last row holding a value) or a shared formula's master is overwritten."""
        entry = sheet.entry
        label = f"Feuille « {entry.name} » de « {self.file} »"
        source = self._chunks(sheet)
        scan = self._scan(sheet, source, cells, label) if appends else None
        given = [pos for pos, value in cells.items() if value is not None]
        anchor = max([scan.last_value_row if scan else 0] + [row for row, _ in given])
        ops, written = self._ops(entry.name, cells, appends, anchor)
        tables = self._tables(sheet)
        grown = self._grow_tables(entry, tables, anchor, len(appends),
                                  max((len(row) for row in appends), default=0))
        plan = SheetPlan(ops=ops, written=_bounding_box(given + written), append_anchor=anchor,
                         appended=len(appends), header_rows=_header_test(tables), scan=scan)
        try:
            result, stats = self._write(plan, source, entry.name, label)
        except NeedsScan:
            plan = replace(plan, scan=self._scan(sheet, source, cells, label))
            result, stats = self._write(plan, source, entry.name, label)
        sheet.memory = None
        self._store(entry.part, result)
        for part, data in grown.items():
            self._store(part, data)
        self._removed_formulas.update(removed_refs(entry.sheet_id, stats.removed_formulas))
        if appends and scan.auto_filter is not None and scan.auto_filter.last_row == anchor:
            self._grow_filter_name(entry, scan.auto_filter,
                                   scan.auto_filter.with_last_row(anchor + len(appends)))
        self.outcome.cells_written += stats.cells_written
        self.outcome.rows_appended += len(appends)
        self._content_changed = True

    def _ops(self, name: str, cells: dict[tuple[int, int], CellValue],
             appends: list[tuple[CellValue, ...]],
             anchor: int) -> tuple[dict[int, dict[int, CellOp]], list[tuple[int, int]]]:
        """Cell operations by row (set_cell, then appended rows below `anchor`), and the corners
        of the appended rows (for <dimension>)."""
        date1904 = self.workbook.date1904
        ops: dict[int, dict[int, CellOp]] = {}
        for (row, col), value in cells.items():
            ops.setdefault(row, {})[col] = CellOp(self._encode(name, row, col, value, date1904))
        corners: list[tuple[int, int]] = []
        for row, values in enumerate(appends, start=anchor + 1):
            for col, value in enumerate(values, start=1):
                ops.setdefault(row, {})[col] = CellOp(self._encode(name, row, col, value, date1904),
                                                      fill_blank=True)
            if values:
                corners.extend([(row, 1), (row, len(values))])
        return ops, corners

    def _protected(self, name: str) -> ProtectedSheet:
        return ProtectedSheet(
            f"La feuille « {name} » de « {self.file} » est protégée : suivi ne peut pas y écrire. "
            "Ôtez la protection (Révision > Ôter la protection de la feuille), puis relancez "
            "suivi.")

    def _scan(self, sheet: _Sheet, source: _SheetChunks, cells: dict[tuple[int, int], CellValue],
              label: str) -> SheetScan:
        edited: dict[int, set[int]] = {}
        for row, col in cells:
            edited.setdefault(row, set()).add(col)
        try:
            scan = scan_sheet(source, edited, label)
        except SheetFormatError as exc:
            raise WorkbookWriteError(str(exc)) from None
        if scan.protected:
            raise self._protected(sheet.entry.name)
        return scan

    def _write(self, plan: SheetPlan, source: _SheetChunks, name: str,
               label: str) -> tuple[Deflated, WriteStats]:
        """Run write_sheet into a compressor (in a worker thread); parse small results."""
        sink = DeflateSink(level_for(source.size_hint))
        tee = _Tee(sink, keep=source.size_hint <= _VERIFY_LIMIT)
        try:
            stats = write_sheet(source, plan, self.styles, tee, label)
        except BaseException as exc:
            sink.abandon()
            if isinstance(exc, SheetProtected):
                raise self._protected(name) from None
            if isinstance(exc, SheetFormatError):
                raise WorkbookWriteError(str(exc)) from None
            raise
        result = sink.finish()
        tee.check(label)
        return result, stats

    def _encode(self, sheet: str, row: int, col: int, value: CellValue, date1904: bool) -> Encoded:
        try:
            return encode_value(value, date1904)
        except BadValue as exc:
            raise WorkbookWriteError(f"Valeur refusée pour {sheet}!{format_ref(row, col)} dans "
                                     f"« {self.file} » : {exc}.") from None

    def _grow_tables(self, entry: SheetEntry, tables: list[TableInfo], anchor: int, count: int,
                     width: int) -> dict[str, bytes]:
        grown: dict[str, bytes] = {}
        if not count:
            return grown
        new_last = anchor + count
        for table in tables:
            if not (anchor <= table.area.last_row < new_last and table.area.overlaps_columns(1, width)):
                continue
            if table.totals_rows:
                raise WorkbookWriteError(
                    f"Le tableau « {table.name} » de la feuille « {entry.name} » ({self.file}) a "
                    "une ligne de totaux : suivi ne peut pas ajouter de lignes dessous sans la "
                    "casser. Désactivez la ligne des totaux (Création de tableau > Ligne des "
                    "totaux) ou déplacez les totaux hors du tableau, puis relancez suivi.")
            grown[table.part] = grow_table(self.read(table.part) or b"", table.area, new_last)
        return grown

    def _grow_filter_name(self, entry: SheetEntry, old: CellRange, new: CellRange) -> None:
        for el in self.workbook.defined_names():
            if el.get("name") != "_xlnm._FilterDatabase" or el.get("localSheetId") != str(entry.index):
                continue
            text = filter_database_text(el.text or "", old, new)
            if text is not None:
                self.workbook.set_defined_name_text(el, text)

    def _finish_metadata(self) -> None:
        if self._content_changed:
            self.workbook.set_full_calc_on_load()
        self._prune_calc_chain()
        if self.styles.changed:
            if self.styles.created:
                self.workbook_rels.add(T_STYLES, self.styles_part)
                self.types.set_override(self.styles_part,
                                        "application/vnd.openxmlformats-officedocument."
                                        "spreadsheetml.styles+xml")
            self._store(self.styles_part, self.styles.to_bytes())
        if self.workbook.changed:
            self._store(self.workbook.part, self.workbook.to_bytes())
        if self.workbook_rels.changed:
            self._store(rels_part_name(self.workbook.part), self.workbook_rels.to_bytes())
        if self.types.changed:
            self._store(ContentTypes.PART, self.types.to_bytes())

    def _prune_calc_chain(self) -> None:
        if not (self._removed_formulas or self._dropped_sheet_ids):
            return
        part = self._workbook_part("calcChain")
        data = self.read(part) if part else None
        if data is None:
            return
        pruned = prune_calc_chain(data, self._removed_formulas, frozenset(self._dropped_sheet_ids))
        if pruned is not None:
            if pruned != data:
                self._store(part, pruned)
            return
        self._remove(part)
        for rel, target in list(self.workbook_rels.internal_targets()):
            if target.lower() == part.lower():
                self.workbook_rels.remove(rel.id)

    # -- writing --
    def write(self, out: Path, halfway: Callable[[], None] = lambda: None) -> None:
        """Write the new archive to `out` (flushed and fsynced); `halfway` runs mid-way
        (the crash tests stop the process there)."""
        expected: list[str] = []
        with open(out, "wb") as handle, open(self.path, "rb") as raw:
            writer = ZipWriter(handle)
            half = len(self.metas) // 2
            for index, meta in enumerate(self.metas):
                if index == half:
                    handle.flush()
                    halfway()
                if meta.name in self.removed:
                    continue
                expected.append(meta.name)
                content = self.replaced.get(meta.name)
                if content is None:
                    writer.add(meta, raw_chunks(raw, meta))
                else:
                    _add_content(writer, meta, content)
            for name, content in self.added.items():
                expected.append(name)
                _add_content(writer, new_meta(name), content)
            writer.close(self.zip.comment)
            handle.flush()
            os.fsync(handle.fileno())
        self._verify(out, expected)

    def _verify(self, out: Path, expected: list[str]) -> None:
        """Re-open the new file: same member list, rewritten small parts intact and well-formed."""
        with zipfile.ZipFile(out) as check:
            if check.namelist() != expected:
                raise WorkbookWriteError(f"« {self.file} » : le fichier produit est incomplet ; rien "
                                         "n'a été écrit. Signalez ce problème avec le classeur.")
            for name in [*self.replaced, *self.added]:
                info = check.getinfo(name)
                if info.file_size <= _VERIFY_LIMIT:
                    data = check.read(name)
                    if name.endswith((".xml", ".rels")):
                        parse_xml(data)

    def close(self) -> None:
        self.zip.close()


def _add_content(writer: ZipWriter, meta: MemberMeta, content: bytes | Deflated) -> None:
    if isinstance(content, Deflated):
        writer.add(content.meta(meta), content.chunks)
    else:
        writer.add_bytes(meta, content)


def _bounding_box(cells: list[tuple[int, int]]) -> CellRange | None:
    if not cells:
        return None
    rows = [row for row, _ in cells]
    cols = [col for _, col in cells]
    return CellRange(min(rows), min(cols), max(rows), max(cols))


def _header_test(tables: list[TableInfo]):
    headers = [(t.header_row, t.area.first_col, t.area.last_col) for t in tables if t.header_row]

    def is_header(row: int, col: int) -> bool:
        return any(row == r and first <= col <= last for r, first, last in headers)

    return is_header


def _rels_owner(name: str) -> str | None:
    """"xl/worksheets/_rels/sheet1.xml.rels" → "xl/worksheets/sheet1.xml"; "_rels/.rels" → "";
    None for a part that is not a relationships part."""
    folder, _, file = name.rpartition("/")
    if not file.endswith(".rels") or not (folder == "_rels" or folder.endswith("/_rels")):
        return None
    parent = folder[:-len("_rels")].rstrip("/")
    owner = file[:-len(".rels")]
    return f"{parent}/{owner}" if parent else owner


class _SheetChunks:
    """Decompressed chunks of a sheet, readable twice (scan, then write).

    From the zip, the first read keeps the chunks when the sheet is small enough, so the second
    read costs nothing; big sheets are decompressed again instead of being held in memory.
    """

    CHUNK = 1 << 20

    def __init__(self, *, memory: bytes | None = None, zip_file: zipfile.ZipFile | None = None,
                 member: str | None = None) -> None:
        self.memory = memory
        self.zip = zip_file
        self.member = member
        self._cache: list[bytes] | None = None
        self.size_hint = len(memory) if memory is not None else zip_file.getinfo(member).file_size

    def __call__(self) -> Iterator[bytes]:
        if self.memory is not None:
            return iter([self.memory])
        if self._cache is not None:
            cache, self._cache = self._cache, None
            return iter(cache)
        return self._stream(keep=self.size_hint <= _CACHE_LIMIT)

    def _stream(self, keep: bool) -> Iterator[bytes]:
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
        self.parts: list[bytes] | None = [] if keep else None

    def write(self, data: bytes) -> None:
        self.sink.write(data)
        if self.parts is not None:
            self.parts.append(data)

    def check(self, label: str) -> None:
        if self.parts is None:
            return
        try:
            parse_xml(b"".join(self.parts))
        except Exception as exc:  # pragma: no cover - would be a bug in the patcher
            raise WorkbookWriteError(f"{label} : le XML produit est invalide ({exc}) ; rien n'a "
                                     "été écrit. Signalez ce problème avec le classeur.") from exc


def build_package(path: Path, changes: ChangeSet, temp: Path,
                  halfway: Callable[[], None] = lambda: None) -> Outcome:
    """Apply `changes` to the workbook at `path`, writing the result to `temp`."""
    try:
        builder = PackageBuilder(path, changes)
    except zipfile.BadZipFile:
        raise NotAWorkbook(f"« {path.name} » : ce fichier n'est pas un classeur Excel (.xlsx/.xlsm),"
                           " ou il est endommagé. Ouvrez-le dans Excel et enregistrez-le.") from None
    try:
        outcome = builder.build()
        builder.write(temp, halfway)
        return outcome
    except ZipLimitExceeded:
        raise WorkbookWriteError(f"« {path.name} » dépasse la taille qu'un classeur .xlsx peut "
                                 "avoir (4 Gio) ; suivi ne l'écrit pas.") from None
    finally:
        builder.close()


