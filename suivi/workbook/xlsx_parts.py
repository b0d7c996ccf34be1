"""The package being rebuilt: the source zip (read once), its package parts, its sheets, and the
parts that will be replaced, added or removed.

Part names are matched without case, as Office does; a part keeps the spelling it has in the
source zip.
"""
from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .cell_marks import writes_zeros
from .errors import NotAWorkbook, WorkbookWriteError
from .xlsx_markup import SheetNames
from .xlsx_package import ContentTypes, Relationships, SheetEntry, WorkbookXml, rels_part_name
from .xlsx_recalc import read_shared_strings
from .xlsx_strict import is_strict, strict_part, to_strict
from .xlsx_styles import StyleBook
from .xlsx_zip import Deflated, MemberMeta, meta_from_info


@dataclass(slots=True)
class Sheet:
    """A sheet of the workbook being built, and where its content comes from."""

    entry: SheetEntry
    memory: bytes | None = None          # new content (put_sheet/ensure_sheet), else the zip's

    @property
    def part(self) -> str:
        """The sheet's zip member (worksheets suivi writes to always have one)."""
        assert self.entry.part is not None  # checked by PackageParts.target
        return self.entry.part


@dataclass(slots=True)
class Outcome:
    parts_changed: set[str] = field(default_factory=set)
    cells_written: int = 0
    rows_appended: int = 0
    #: sheet → the cells that kept their formula instead of the value asked for (row, col)
    kept_formulas: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


class PackageParts:
    """Reads the source package; collects the parts to replace, add and remove."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.file = path.name
        self.zip = zipfile.ZipFile(path)
        self.metas: list[MemberMeta] = [meta_from_info(info) for info in self.zip.infolist()]
        self.lookup = {meta.name.lower(): meta.name for meta in self.metas}
        self.replaced: dict[str, bytes | Deflated] = {}
        self.added: dict[str, bytes | Deflated] = {}
        self.removed: set[str] = set()
        self.outcome = Outcome()
        self.removed_formulas: set[tuple[int, str]] = set()   # (sheetId, "A1") for calcChain
        self.dropped_sheet_ids: set[int] = set()              # replaced sheets, for calcChain
        self.content_changed = False                          # cells changed: recompute on load
        self.reserved: set[str] = set()   # names of parts created in memory, not yet stored
        self._shared: list[str] | None = None
        try:
            if len(self.lookup) != len(self.metas):
                raise WorkbookWriteError("writer.duplicate_parts", file=self.file)
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
            raise NotAWorkbook("writer.no_workbook_in_archive", file=self.file)
        self.types = ContentTypes(types)
        office = next((part for rel, part in Relationships("", root_rels).internal_targets()
                       if rel.kind == "officeDocument"), None)
        data = self.read(office) if office else None
        if office is None or data is None:
            raise NotAWorkbook("writer.workbook_part_missing", file=self.file)
        if office.lower().endswith(".bin"):
            raise NotAWorkbook("writer.xlsb", file=self.file)
        self.workbook = WorkbookXml(office, data)
        #: formulas saved as 0 by a program that does not calculate (`cell_marks`): that 0 is
        #: not a value formulas of a row rewritten are computed from
        self.saved_zeros = writes_zeros(data, self.lookup)
        self.strict = is_strict(self.workbook.namespace)
        self.workbook_rels = Relationships(office, self.read(rels_part_name(office)))
        self.sheets = [Sheet(entry) for entry in self._sheet_entries()]
        styles_part = self.workbook_part("styles")
        self.styles_part = styles_part or "xl/styles.xml"
        self.styles = StyleBook(self.read(styles_part) if styles_part else None)

    def shared_strings(self) -> list[str]:
        """The workbook's shared strings (read once, on first need), in order."""
        if self._shared is None:
            part = self.workbook_part("sharedStrings")
            data = self.read(part) if part else None
            self._shared = read_shared_strings(data) if data else []
        return self._shared

    def workbook_part(self, kind: str) -> str | None:
        """The part the workbook's relationship of `kind` ("styles", "calcChain"…) points to."""
        return next((part for rel, part in self.workbook_rels.internal_targets()
                     if rel.kind == kind), None)

    def _sheet_entries(self) -> Iterator[SheetEntry]:
        for index, el in enumerate(self.workbook.sheet_elements()):
            rel = self.workbook_rels.get(self.workbook.rel_id_attr(el))
            part = self.workbook_rels.target_part(rel) if rel else None
            yield SheetEntry(index, el.get("name", ""), int(el.get("sheetId", "0")),
                             rel.id if rel else "", part if part and self.has(part) else None,
                             rel.kind if rel else "", el.get("state", "visible"))

    def find(self, name: str) -> Sheet | None:
        """The sheet named `name` (exactly, else the only one differing by case), or None."""
        exact = [s for s in self.sheets if s.entry.name == name]
        if exact:
            return exact[0]
        folded = [s for s in self.sheets if s.entry.name.casefold() == name.casefold()]
        return folded[0] if len(folded) == 1 else None

    def target(self, name: str) -> Sheet:
        """The worksheet named `name`, where cells can be written."""
        sheet = self.find(name)
        if sheet is None:
            raise WorkbookWriteError("writer.sheet_not_found", sheet=name, file=self.file,
                                     names=SheetNames(s.entry.name for s in self.sheets))
        if sheet.entry.kind != "worksheet":
            raise WorkbookWriteError("writer.chart_sheet", sheet=sheet.entry.name, file=self.file)
        if sheet.entry.part is None:
            raise WorkbookWriteError("writer.sheet_part_missing", sheet=sheet.entry.name,
                                     file=self.file)
        return sheet

    # -- changing --
    def conform(self, part: str, data: bytes) -> bytes:
        """`data` for `part` in the package's namespaces (strict or transitional)."""
        return to_strict(data) if self.strict and strict_part(part) else data

    def store(self, part: str, content: bytes | Deflated) -> None:
        """Replace `part` (or add it) with `content` (bytes in the transitional namespaces are
        made strict in a strict package; a streamed sheet was written from a conforming one)."""
        if isinstance(content, bytes):
            content = self.conform(part, content)
        if self.has(part):
            self.replaced[self.lookup[part.lower()]] = content
        else:
            self.added[part] = content
        self.outcome.parts_changed.add(part)

    def remove(self, part: str) -> None:
        name = self.lookup.get(part.lower())
        if name is not None:
            self.removed.add(name)
            self.outcome.parts_changed.add(name)
        self.added.pop(part, None)
        self.types.remove_override(part)

    def taken_names(self) -> set[str]:
        """Lower-case names of every part, stored or about to be."""
        return set(self.lookup) | {name.lower() for name in self.added} | self.reserved

    def close(self) -> None:
        self.zip.close()
