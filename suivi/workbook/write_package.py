"""Build the new package: apply a ChangeSet to the parts of the source workbook.

PackageBuilder reads the source zip (`xlsx_parts`), adds or replaces the sheets suivi owns
(`xlsx_owned`, `xlsx_import`), rewrites the worksheets that change (`xlsx_edits`, streamed through
`xlsx_sheet`), adjusts the few package parts that must follow (workbook.xml, relationships,
content types, styles, calcChain), then writes the new archive: untouched members are copied as
their original compressed bytes, in their order.
"""
from __future__ import annotations

import os
import zipfile
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import NotAWorkbook, WorkbookWriteError
from .xlsx_dependents import dependent_drops
from .xlsx_edits import Cells, Rows, edit_sheet
from .xlsx_owned import ensure_sheet, put_sheet
from .xlsx_package import CT_STYLES, T_STYLES, ContentTypes, parse_xml, rels_part_name
from .xlsx_parts import Outcome, PackageParts, Sheet
from .xlsx_ranges import prune_calc_chain
from .xlsx_values import CellValue
from .xlsx_zip import Deflated, MemberMeta, ZipLimitExceeded, ZipWriter, new_meta, raw_chunks

__all__ = ["ChangeSet", "Outcome", "PackageBuilder", "PutSheet", "build_package"]

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
    keep: Mapping[str, Collection[tuple[int, int]]] = field(default_factory=dict)
    """Cells whose formula stays (only its cached result follows), by sheet."""


class PackageBuilder:
    """Reads the source package, applies a ChangeSet, writes the new package."""

    def __init__(self, path: Path, changes: ChangeSet) -> None:
        self.path = path
        self.changes = changes
        self.parts = PackageParts(path)

    # -- the build --
    def build(self) -> Outcome:
        parts = self.parts
        for name, put in self.changes.put.items():
            put_sheet(parts, name, put.source, put.source_sheet)
        for name, header in self.changes.ensure.items():
            if parts.find(name) is None:
                ensure_sheet(parts, name, header)
        self._edit_sheets()
        for sheet in parts.sheets:
            if sheet.memory is not None:
                parts.store(sheet.part, sheet.memory)
        self._finish_metadata()
        return parts.outcome

    def _edit_sheets(self) -> None:
        """Patch the edited sheets, then drop the cached results of the formulas elsewhere
        that depend on what changed (sheets written again with those drops)."""
        parts = self.parts
        edits = self._grouped_edits()
        sources = {id(sheet): sheet.memory for sheet, _, _, _ in edits}
        contexts = {sheet.entry.name: edit_sheet(parts, sheet, cells, appends, keep)
                    for sheet, cells, appends, keep in edits}
        if not contexts:
            return
        drops = dependent_drops(parts, contexts)
        for sheet, cells, appends, keep in edits:
            extra = drops.pop(sheet.entry.name.casefold(), None)
            if extra:
                sheet.memory = sources[id(sheet)]
                edit_sheet(parts, sheet, cells, appends, keep, extra, count=False)
        for sheet in parts.sheets:
            extra = drops.get(sheet.entry.name.casefold())
            if extra and sheet.memory is None and sheet.entry.part is not None:
                edit_sheet(parts, sheet, {}, [], (), extra, count=False)

    def _grouped_edits(self) -> list[tuple[Sheet, Cells, Rows, set[tuple[int, int]]]]:
        """Edits per sheet (names given in different cases may denote the same sheet)."""
        grouped: dict[int, tuple[Sheet, Cells, Rows, set[tuple[int, int]]]] = {}
        for name, cells in self.changes.cells.items():
            sheet = self.parts.target(name)
            entry = grouped.setdefault(id(sheet), (sheet, {}, [], set()))
            entry[1].update(cells)
            entry[3].update(self.changes.keep.get(name, ()))
        for name, rows in self.changes.appends.items():
            sheet = self.parts.target(name)
            grouped.setdefault(id(sheet), (sheet, {}, [], set()))[2].extend(rows)
        return list(grouped.values())

    def _finish_metadata(self) -> None:
        parts = self.parts
        if parts.content_changed:
            parts.workbook.set_full_calc_on_load()
        self._prune_calc_chain()
        styles = parts.styles
        if styles.changed:
            if styles.created:
                parts.workbook_rels.add(T_STYLES, parts.styles_part)
                parts.types.set_override(parts.styles_part, CT_STYLES)
            parts.store(parts.styles_part, styles.to_bytes())
        if parts.workbook.changed:
            parts.store(parts.workbook.part, parts.workbook.to_bytes())
        if parts.workbook_rels.changed:
            parts.store(rels_part_name(parts.workbook.part), parts.workbook_rels.to_bytes())
        if parts.types.changed:
            parts.store(ContentTypes.PART, parts.types.to_bytes())

    def _prune_calc_chain(self) -> None:
        """calcChain without the formulas overwritten and the sheets replaced (or removed)."""
        parts = self.parts
        if not (parts.removed_formulas or parts.dropped_sheet_ids):
            return
        part = parts.workbook_part("calcChain")
        data = parts.read(part) if part else None
        if part is None or data is None:
            return
        pruned = prune_calc_chain(data, parts.removed_formulas,
                                  frozenset(parts.dropped_sheet_ids))
        if pruned is not None:
            if pruned != data:
                parts.store(part, pruned)
            return
        parts.remove(part)
        for rel, target in list(parts.workbook_rels.internal_targets()):
            if target.lower() == part.lower():
                parts.workbook_rels.remove(rel.id)

    # -- writing --
    def write(self, out: Path, halfway: Callable[[], None] = lambda: None) -> None:
        """Write the new archive to `out` (flushed and fsynced); `halfway` runs mid-way
        (the crash tests stop the process there)."""
        parts = self.parts
        expected: list[str] = []
        with open(out, "wb") as handle, open(self.path, "rb") as raw:
            writer = ZipWriter(handle)
            half = len(parts.metas) // 2
            for index, meta in enumerate(parts.metas):
                if index == half:
                    handle.flush()
                    halfway()
                if meta.name in parts.removed:
                    continue
                expected.append(meta.name)
                content = parts.replaced.get(meta.name)
                if content is None:
                    writer.add(meta, raw_chunks(raw, meta))
                else:
                    _add_content(writer, meta, content)
            for name, content in parts.added.items():
                expected.append(name)
                _add_content(writer, new_meta(name), content)
            writer.close(parts.zip.comment)
            handle.flush()
            os.fsync(handle.fileno())
        self._verify(out, expected)

    def _verify(self, out: Path, expected: list[str]) -> None:
        """Re-open the new file: same member list, rewritten small parts intact and well-formed."""
        parts = self.parts
        with zipfile.ZipFile(out) as check:
            if check.namelist() != expected:
                raise WorkbookWriteError("writer.output_incomplete", file=parts.file)
            for name in [*parts.replaced, *parts.added]:
                info = check.getinfo(name)
                if info.file_size <= _VERIFY_LIMIT:
                    data = check.read(name)
                    if name.endswith((".xml", ".rels")):
                        parse_xml(data)

    def close(self) -> None:
        self.parts.close()


def _add_content(writer: ZipWriter, meta: MemberMeta, content: bytes | Deflated) -> None:
    if isinstance(content, Deflated):
        writer.add(content.meta(meta), content.chunks)
    else:
        writer.add_bytes(meta, content)


def build_package(path: Path, changes: ChangeSet, temp: Path,
                  halfway: Callable[[], None] = lambda: None) -> Outcome:
    """Apply `changes` to the workbook at `path`, writing the result to `temp`."""
    try:
        builder = PackageBuilder(path, changes)
    except zipfile.BadZipFile:
        raise NotAWorkbook("writer.damaged_package", file=path.name) from None
    try:
        outcome = builder.build()
        builder.write(temp, halfway)
        return outcome
    except ZipLimitExceeded:
        raise WorkbookWriteError("writer.too_large", file=path.name) from None
    finally:
        builder.close()
