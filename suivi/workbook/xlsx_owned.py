"""Sheets suivi owns: created plain (`ensure_sheet`) or imported from a small workbook that
xlsxwriter built (`put_sheet`), replacing the previous version with everything only it used."""
from __future__ import annotations

from .errors import WorkbookWriteError
from .xlsx_import import ImportProblem, import_sheet, plain_sheet
from .xlsx_package import CT_WORKSHEET, T_WORKSHEET, Relationships, SheetEntry, rels_part_name
from .xlsx_parts import PackageParts, Sheet


def new_sheet_entry(parts: PackageParts, name: str) -> SheetEntry:
    """A new worksheet at the end of the workbook, with a free part name and sheet id."""
    taken = parts.taken_names()
    number = 1
    while f"xl/worksheets/sheet{number}.xml" in taken:
        number += 1
    part = f"xl/worksheets/sheet{number}.xml"
    parts.reserved.add(part.lower())
    sheet_id = max([s.entry.sheet_id for s in parts.sheets] + [0]) + 1
    rel_id = parts.workbook_rels.add(T_WORKSHEET, part)
    parts.workbook.add_sheet(name, sheet_id, rel_id)
    parts.types.set_override(part, CT_WORKSHEET)
    parts.outcome.parts_changed.update({parts.workbook.part,
                                        rels_part_name(parts.workbook.part)})
    return SheetEntry(len(parts.sheets), name, sheet_id, rel_id, part, "worksheet", "visible")


def ensure_sheet(parts: PackageParts, name: str, header: tuple[str, ...]) -> None:
    """Add a plain sheet `name` with a bold, frozen header row."""
    entry = new_sheet_entry(parts, name)
    sheet = Sheet(entry)
    sheet.memory = parts.conform(sheet.part, plain_sheet(header, parts.styles.bold_style()))
    parts.sheets.append(sheet)
    parts.content_changed = True


def put_sheet(parts: PackageParts, name: str, source: bytes, source_sheet: str | None) -> None:
    """Add or replace sheet `name` with the sheet `source_sheet` of workbook `source`."""
    existing = parts.find(name)
    if existing is not None and existing.entry.kind != "worksheet":
        raise WorkbookWriteError("writer.put_not_worksheet", sheet=existing.entry.name,
                                 file=parts.file)
    if existing is None:
        sheet = Sheet(new_sheet_entry(parts, name))
        parts.sheets.append(sheet)
    else:
        sheet = existing
        drop_owned_parts(parts, sheet.part)
    try:
        imported = import_sheet(source, source_sheet, name, sheet.part, parts.taken_names(),
                                parts.styles)
    except ImportProblem as exc:
        raise WorkbookWriteError("writer.import_failed", sheet=name, file=parts.file,
                                 problem=exc.message) from None
    sheet.memory = parts.conform(sheet.part, imported.xml)
    parts.workbook.replace_builtin_names(sheet.entry.index, imported.builtin_names)
    parts.content_changed = True
    rels_part = rels_part_name(sheet.part)
    if imported.rels is not None:
        parts.removed.discard(parts.lookup.get(rels_part.lower(), ""))
        parts.store(rels_part, imported.rels)
    for part in imported.parts:
        parts.store(part.name, part.data)
        if part.content_type:
            parts.types.ensure_type(part.name, part.content_type)


def _rel_graph(parts: PackageParts) -> dict[str, set[str]]:
    """Lower-case part name → parts its relationships point to ("" is the package)."""
    graph: dict[str, set[str]] = {}
    for meta in parts.metas:
        source = _rels_owner(meta.name)
        if source is None:
            continue
        rels = Relationships(source, parts.zip.read(meta.name))
        graph[source.lower()] = {part.lower() for _, part in rels.internal_targets()
                                 if parts.has(part)}
    return graph


def drop_owned_parts(parts: PackageParts, sheet_part: str) -> None:
    """Remove the parts only `sheet_part` leads to (its drawing, charts, …) and its rels."""
    graph = _rel_graph(parts)
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
        if parts.has(part):
            parts.remove(parts.lookup[part.lower()])
    parts.dropped_sheet_ids.add(next(s.entry.sheet_id for s in parts.sheets
                                     if (s.entry.part or "").lower() == sheet_key))


def _rels_owner(name: str) -> str | None:
    """"xl/worksheets/_rels/sheet1.xml.rels" → "xl/worksheets/sheet1.xml"; "_rels/.rels" → "";
    None for a part that is not a relationships part."""
    folder, _, file = name.rpartition("/")
    if not file.endswith(".rels") or not (folder == "_rels" or folder.endswith("/_rels")):
        return None
    parent = folder[:-len("_rels")].rstrip("/")
    owner = file[:-len(".rels")]
    return f"{parent}/{owner}" if parent else owner
