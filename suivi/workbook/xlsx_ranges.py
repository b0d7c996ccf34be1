"""Parts that point at cell ranges of a sheet: Excel Tables, the filter database name, calcChain.

When rows are appended under a table or a filtered range, these follow the data; when a formula
cell is overwritten, its calcChain entry goes (Excel reports the file as damaged otherwise).
"""
from __future__ import annotations

from dataclasses import dataclass

from .xlsx_package import local_name, parse_xml, serialize_xml
from .xlsx_values import CellRange, absolute_range, format_ref, parse_range


@dataclass(frozen=True, slots=True)
class TableInfo:
    """One Excel Table (ListObject) of a sheet."""

    part: str
    name: str
    area: CellRange
    header_rows: int
    totals_rows: int

    @property
    def header_row(self) -> int | None:
        return self.area.first_row if self.header_rows else None


def read_table(part: str, data: bytes) -> TableInfo | None:
    root = parse_xml(data)
    try:
        area = parse_range(root.get("ref", ""))
    except ValueError:
        return None
    return TableInfo(part, root.get("displayName") or root.get("name") or part, area,
                     int(root.get("headerRowCount", "1")), int(root.get("totalsRowCount", "0")))


def grow_table(data: bytes, old: CellRange, new_last_row: int) -> bytes:
    """Table part with its ref (and autoFilter/sortState refs that ended with it) extended."""
    root = parse_xml(data)
    root.set("ref", str(old.with_last_row(new_last_row)))
    for el in root.iter():
        if local_name(el.tag) in ("autoFilter", "sortState") and el.get("ref"):
            try:
                area = parse_range(el.get("ref"))
            except ValueError:
                continue
            if area.last_row == old.last_row:
                el.set("ref", str(area.with_last_row(new_last_row)))
    return serialize_xml(root)


def widen_table(data: bytes, old: CellRange, names: list[str]) -> bytes | None:
    """Table part with `names` as new columns on its right (its ref, and the autoFilter that
    ended with it, widened): the columns suivi adds beside a table (Statut, Niveau de
    relance…) become the table's, so that sorting or filtering it moves them with their rows.
    None when a name is already one of the table's (Excel wants them unique)."""
    root = parse_xml(data)
    columns = next((el for el in root if local_name(el.tag) == "tableColumns"), None)
    if columns is None:
        return None
    taken = {(el.get("name") or "").casefold() for el in columns}
    if any(name.casefold() in taken for name in names) or len(set(names)) < len(names):
        return None
    wider = CellRange(old.first_row, old.first_col, old.last_row, old.last_col + len(names))
    root.set("ref", str(wider))
    for el in root:
        if local_name(el.tag) == "autoFilter" and el.get("ref"):
            try:
                area = parse_range(el.get("ref") or "")
            except ValueError:
                continue
            if area.last_col == old.last_col:
                el.set("ref", str(CellRange(area.first_row, area.first_col, area.last_row,
                                            wider.last_col)))
    tag = columns[0].tag if len(columns) else columns.tag.replace("tableColumns", "tableColumn")
    ids = [int(el.get("id") or 0) for el in columns]
    for n, name in enumerate(names, start=max(ids, default=0) + 1):
        column = columns.makeelement(tag, {"id": str(n), "name": name})
        columns.append(column)
    columns.set("count", str(len(columns)))
    return serialize_xml(root)


def filter_database_text(text: str, old: CellRange, new: CellRange) -> str | None:
    """New text of a `_xlnm._FilterDatabase` name (`Sheet!$A$1:$F$20`) or None if unrelated."""
    sheet, bang, ref = text.rpartition("!")
    if not bang:
        return None
    try:
        area = parse_range(ref.replace("$", ""))
    except ValueError:
        return None
    if area != old:
        return None
    return f"{sheet}!{absolute_range(new)}"


def prune_calc_chain(data: bytes, removed: set[tuple[int, str]],
                     removed_sheets: frozenset[int] = frozenset()) -> bytes | None:
    """calcChain without the cells in `removed` (sheetId, "A1") nor any cell of the sheets in
    `removed_sheets` (replaced sheets); None when nothing is left.

    An entry without `i` belongs to the sheet of the entry before it; when the entry that
    carried `i` goes, the next one gets it explicitly.
    """
    root = parse_xml(data)
    current = None
    carry: str | None = None
    kept = 0
    for el in list(root):
        if local_name(el.tag) != "c":
            continue
        own = el.get("i")
        if own is not None:
            current = own
        sheet = current
        if sheet is not None and (int(sheet) in removed_sheets
                                  or (int(sheet), el.get("r", "").replace("$", "")) in removed):
            if own is not None or carry is not None:
                carry = sheet
            root.remove(el)
            continue
        if carry is not None and own is None:
            el.set("i", carry)
        carry = None
        kept += 1
    return serialize_xml(root) if kept else None


def removed_refs(sheet_id: int, cells: set[tuple[int, int]]) -> set[tuple[int, str]]:
    return {(sheet_id, format_ref(row, col)) for row, col in cells}


__all__ = ["TableInfo", "filter_database_text", "grow_table", "prune_calc_chain", "read_table",
           "removed_refs", "widen_table"]
