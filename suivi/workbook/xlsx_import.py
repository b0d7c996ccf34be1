"""Sheets suivi owns: imported from a small xlsxwriter workbook, or created plain.

`import_sheet` takes one worksheet of a source workbook (bytes) with everything it draws on —
drawing, native charts, images, merged cells, column widths, cell styles — and makes it fit into
the target package: styles merged into the target stylesheet (indices remapped), shared strings
turned into inline strings (the target sharedStrings.xml stays untouched), related parts renamed
to free names. Chart formulas keep their sheet names: the source workbook is built with the same
sheet names as the target.
"""
from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from suivi.messages import SuiviError

from .xlsx_package import (
    ContentTypes,
    Relationships,
    WorkbookXml,
    local_name,
    parse_xml,
    quote_sheet_name,
    rels_part_name,
    serialize_xml,
)
from .xlsx_styles import StyleBook
from .xlsx_values import clean_text, column_letters, escape_xml_text

# Relationship kinds an owned sheet may carry; tables and pivots need workbook-wide ids/names.
_COPYABLE = frozenset({"drawing", "chart", "image", "vmlDrawing", "comments", "printerSettings",
                       "chartUserShapes", "hyperlink", "themeOverride", "package", "oleObject",
                       "chartStyle", "chartColorStyle"})
_NUMBERED = re.compile(r"^(?P<base>.*?)(?P<num>\d*)(?P<ext>\.[^./]+)$")


class ImportProblem(SuiviError):
    """The source workbook cannot be imported: a `writer.import_*` code (the caller says which
    workbook and sheet, with the problem as a nested message)."""


@dataclass(frozen=True, slots=True)
class ImportedPart:
    name: str
    data: bytes
    content_type: str | None


@dataclass(frozen=True, slots=True)
class ImportedSheet:
    xml: bytes
    rels: bytes | None
    parts: tuple[ImportedPart, ...]
    builtin_names: list[tuple[str, str, bool]]  # the sheet's _xlnm.* names (filter, print area)


class _Source:
    """Read access to the source workbook."""

    def __init__(self, data: bytes) -> None:
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as exc:
            raise ImportProblem("writer.import_not_xlsx") from exc
        self.names = {name.lower(): name for name in self.zip.namelist()}
        self.types = ContentTypes(self.read("[Content_Types].xml") or b"<Types/>")
        root = Relationships("", self.read("_rels/.rels"))
        office = next((part for rel, part in root.internal_targets()
                       if rel.kind == "officeDocument"), "xl/workbook.xml")
        self.workbook = WorkbookXml(office, self.read(office) or b"")
        self.workbook_rels = self.rels(office)

    def read(self, part: str) -> bytes | None:
        name = self.names.get(part.lower())
        return self.zip.read(name) if name else None

    def rels(self, part: str) -> Relationships:
        return Relationships(part, self.read(rels_part_name(part)))

    def part_of_kind(self, kind: str) -> str | None:
        return next((part for rel, part in self.workbook_rels.internal_targets()
                     if rel.kind == kind), None)

    def sheet(self, wanted: str | None, fallback: str) -> tuple[int, str, str]:
        """(index, name, part) of the sheet to import."""
        sheets = self.workbook.sheet_elements()
        by_name = {el.get("name"): el for el in sheets}
        if wanted:
            chosen = by_name.get(wanted)
            if chosen is None:
                raise ImportProblem("writer.import_sheet_missing", sheet=wanted)
        else:
            chosen = by_name.get(fallback, sheets[0] if sheets else None)
        if chosen is None:
            raise ImportProblem("writer.import_no_sheet")
        name = chosen.get("name") or ""
        rel = self.workbook_rels.get(self.workbook.rel_id_attr(chosen))
        part = self.workbook_rels.target_part(rel) if rel is not None else None
        if rel is None or rel.kind != "worksheet" or part is None:
            raise ImportProblem("writer.import_not_worksheet", sheet=name)
        return sheets.index(chosen), name, part

    def builtin_names(self, index: int, source_name: str, name: str) -> list[tuple[str, str, bool]]:
        """The `_xlnm.*` names local to sheet `index`, their sheet reference renamed to `name`."""
        old, new = quote_sheet_name(source_name) + "!", quote_sheet_name(name) + "!"
        return [(el.get("name"), (el.text or "").replace(old, new),
                 el.get("hidden") in ("1", "true"))
                for el in self.workbook.defined_names()
                if el.get("localSheetId") == str(index) and el.get("name", "").startswith("_xlnm.")]

    def shared_strings(self) -> list[etree._Element]:
        part = self.part_of_kind("sharedStrings")
        data = self.read(part) if part else None
        if not data:
            return []
        return [el for el in parse_xml(data) if local_name(el.tag) == "si"]


def _allocate(part: str, taken: set[str]) -> str:
    """A free part name shaped like `part` (xl/charts/chart1.xml → xl/charts/chartN.xml)."""
    m = _NUMBERED.match(part)
    base, ext = (m.group("base"), m.group("ext")) if m else (part, "")
    number = 1
    while f"{base}{number}{ext}".lower() in taken:
        number += 1
    name = f"{base}{number}{ext}"
    taken.add(name.lower())
    return name


class _Copier:
    """Copy a graph of related parts from the source into free names of the target."""

    def __init__(self, source: _Source, taken: set[str]) -> None:
        self.source = source
        self.taken = taken
        self.parts: list[ImportedPart] = []
        self.renamed: dict[str, str] = {}

    def copy_rels(self, rels: Relationships, new_source: str, sheet: str) -> bytes | None:
        """The relationships of a copied part, their targets copied too; `sheet` names the sheet
        being imported (for errors)."""
        out = Relationships(new_source, None)
        for rel in rels:
            if rel.external:
                out.add_external(rel.id, rel.type, rel.target)
                continue
            if rel.kind not in _COPYABLE:
                raise ImportProblem("writer.import_unsupported", sheet=sheet, kind=rel.kind)
            target = rels.target_part(rel)
            assert target is not None  # an internal relationship has a target part
            out.add(rel.type, self.copy_part(target, sheet), rel_id=rel.id)
        return out.to_bytes() if len(out) else None

    def copy_part(self, part: str, sheet: str) -> str:
        if part in self.renamed:
            return self.renamed[part]
        data = self.source.read(part)
        if data is None:
            raise ImportProblem("writer.import_part_missing", sheet=sheet, part=part)
        new = _allocate(part, self.taken)
        self.renamed[part] = new
        self.parts.append(ImportedPart(new, data, self.source.types.content_type(part)))
        rels = self.copy_rels(self.source.rels(part), new, sheet)
        if rels is not None:
            self.parts.append(ImportedPart(rels_part_name(new), rels, None))
        return new


def import_sheet(data: bytes, wanted: str | None, name: str, target_part: str, taken: set[str],
                 styles: StyleBook) -> ImportedSheet:
    """The sheet `wanted` (default: the one named `name`, else the first) of workbook `data`,
    ready to be stored as `target_part`. `taken`: lower-case part names not to reuse (updated).

    The rows are transformed a batch at a time (a sheet listing 30,000 late invoices would
    take some 400 MB as one tree); the rest of the sheet is small and parsed whole."""
    source = _Source(data)
    index, source_name, sheet_part = source.sheet(wanted, name)
    xml = source.read(sheet_part) or b""
    split = _split_rows(xml)
    head, rows, tail = split or (xml, b"", b"")
    root = parse_xml(head + _ROWS_MARK + tail if split else xml)
    ns = etree.QName(root).namespace
    style_part = source.part_of_kind("styles")
    source_styles = StyleBook(source.read(style_part) if style_part else None)
    used = {int(v) for v in _STYLE_ATTR.findall(rows)}
    mapping = _remap_styles(root, ns, source_styles, styles, used)
    strings = source.shared_strings()
    _inline_strings(root, ns, strings)
    for view in root.iter(f"{{{ns}}}sheetView"):
        view.attrib.pop("tabSelected", None)
    strings_part = source.part_of_kind("sharedStrings")
    plain = _plain_strings(source.read(strings_part) if strings_part else None, strings)
    body = b"".join(_plain_batch(batch, mapping, plain) or _row_batch(batch, root, mapping, strings)
                    for batch in _batches(rows))
    before, mark, after = serialize_xml(root).partition(_ROWS_MARK if split else b"\0")
    assert mark or not split, "the rows' place holder survives serialisation"
    copier = _Copier(source, taken)
    rels = copier.copy_rels(source.rels(sheet_part), target_part, name)
    return ImportedSheet(before + body + after, rels, tuple(copier.parts),
                         source.builtin_names(index, source_name, name))


_ROWS_MARK = b"suivi-rows-4f1c9e"  # plain text: serialised as it is
_SHEET_DATA = re.compile(rb"<(?:[\w.-]+:)?sheetData\b[^>]*?(/?)>")
_SHEET_DATA_END = re.compile(rb"</(?:[\w.-]+:)?sheetData\s*>")
_ROW_END = re.compile(rb"</(?:[\w.-]+:)?row\s*>")
_STYLE_ATTR = re.compile(rb"\ss\s*=\s*[\"'](\d+)[\"']")
_BATCH_ROWS = 2000


def _split_rows(xml: bytes) -> tuple[bytes, bytes, bytes] | None:
    """(everything up to the sheetData start tag, the rows, the rest); None when the sheet
    has no rows or its layout is not the usual one (then the whole sheet is parsed at once)."""
    start = _SHEET_DATA.search(xml)
    end = _SHEET_DATA_END.search(xml, start.end()) if start and not start.group(1) else None
    if start is None or end is None:
        return None
    return xml[:start.end()], xml[start.end():end.start()], xml[end.start():]


def _batches(rows: bytes) -> list[bytes]:
    """The rows cut after every `_BATCH_ROWS`-th row end (a row holds no row)."""
    cuts, count = [0], 0
    for found in _ROW_END.finditer(rows):
        count += 1
        if count % _BATCH_ROWS == 0:
            cuts.append(found.end())
    cuts.append(len(rows))
    return [rows[a:b] for a, b in zip(cuts, cuts[1:], strict=False) if rows[a:b].strip()]


def _row_batch(batch: bytes, root: etree._Element, mapping: dict[int, int],
               strings: list[etree._Element]) -> bytes:
    """Rows with their styles remapped and their shared strings inlined, serialised under
    the sheet's namespace declarations (none repeated on each row)."""
    declared = " ".join(f'xmlns{":" + p if p else ""}="{uri}"' for p, uri in root.nsmap.items())
    ns = etree.QName(root).namespace
    wrapper = parse_xml(f"<sheetData {declared}>".encode() + batch + b"</sheetData>")
    _apply_styles(wrapper, ns, mapping)
    _inline_strings(wrapper, ns, strings)
    text = etree.tostring(wrapper, encoding="UTF-8", xml_declaration=False)
    return text[text.index(b">") + 1:text.rindex(b"</")]


# The rows as xlsxwriter writes them (what suivi imports: its own sheets), transformed as bytes:
# the same result as `_row_batch` (tests compare them), without building a tree of every cell
# (0.2 s for the 3,000 rows of a day's Indicateurs sheet). Anything else takes `_row_batch`.
_PLAIN_SHARED = re.compile(rb'<c( r="[A-Z]{1,3}[0-9]+"(?: s="[0-9]+")?) t="s"><v>([0-9]+)</v></c>')
_PLAIN_STYLE = re.compile(rb'(<(?:c|row) [^>]*?) s="([0-9]+)"')
_NOT_PLAIN = re.compile(rb"<[\w.-]+:|xmlns|='|<!\[CDATA|<!--|<\?")
_PLAIN_SI = re.compile(rb"<si>(.*?)</si>", re.S)


def _plain_strings(data: bytes | None, strings: list[etree._Element]) -> list[bytes] | None:
    """The inner XML of each shared string as written, when the part is written plainly."""
    if not data:
        return []
    if _NOT_PLAIN.search(data, data.find(b">", data.find(b"<sst")) + 1):
        return None
    found = _PLAIN_SI.findall(data)
    return found if len(found) == len(strings) and b"<si/>" not in data else None


def _plain_batch(batch: bytes, mapping: dict[int, int], plain: list[bytes] | None
                 ) -> bytes | None:
    """`_row_batch` of plainly written rows; None when the rows are written otherwise."""
    if plain is None or _NOT_PLAIN.search(batch):
        return None
    inlined, unknown = 0, False

    def inline(m: re.Match[bytes]) -> bytes:
        nonlocal inlined, unknown
        index = int(m[2])
        if index >= len(plain):
            unknown = True
            return m[0]
        inlined += 1
        return b'<c' + m[1] + b' t="inlineStr"><is>' + plain[index] + b'</is></c>'

    out = _PLAIN_SHARED.sub(inline, batch)
    if unknown or inlined != batch.count(b't="s"'):  # a string out of the table, or written
        return None                                    # another way: the tree path decides

    def restyle(m: re.Match[bytes]) -> bytes:
        new = mapping.get(int(m[2]), 0)
        return m[1] + b' s="%d"' % new if new else m[1]

    return _PLAIN_STYLE.sub(restyle, out)


def _remap_styles(root: etree._Element, ns: str, source: StyleBook, target: StyleBook,
                  used_in_rows: set[int]) -> dict[int, int]:
    """Cell formats of `source` used by the sheet copied into `target`; the sheet's parts
    other than its rows remapped. The mapping returned serves the rows."""
    holders = [(el, "s") for el in root.iter(f"{{{ns}}}c", f"{{{ns}}}row") if el.get("s")]
    holders += [(el, "style") for el in root.iter(f"{{{ns}}}col") if el.get("style")]
    wanted = {int(el.get(key)) for el, key in holders} | used_in_rows
    mapping = target.import_cell_styles(source, wanted) if wanted else {}
    for el, key in holders:
        _set_style(el, key, mapping)
    rules = [el for el in root.iter() if local_name(el.tag) == "cfRule" and el.get("dxfId")]
    if rules:
        dxfs = target.import_dxfs(source, {int(el.get("dxfId")) for el in rules})
        for el in rules:
            el.set("dxfId", str(dxfs.get(int(el.get("dxfId")), 0)))
    return mapping


def _apply_styles(rows: etree._Element, ns: str, mapping: dict[int, int]) -> None:
    for el in rows.iter(f"{{{ns}}}c", f"{{{ns}}}row"):
        if el.get("s"):
            _set_style(el, "s", mapping)


def _set_style(el: etree._Element, key: str, mapping: dict[int, int]) -> None:
    new = mapping.get(int(el.get(key)), 0)
    if new:
        el.set(key, str(new))
    else:
        del el.attrib[key]


def _inline_strings(root: etree._Element, ns: str, strings: list[etree._Element]) -> None:
    for cell in root.iter(f"{{{ns}}}c"):
        if cell.get("t") != "s":
            continue
        value = cell.find(f"{{{ns}}}v")
        digits = value is not None and (value.text or "").strip().isdigit()
        index = int(value.text) if value is not None and digits else -1
        if value is not None:
            cell.remove(value)
        cell.set("t", "inlineStr")
        inline = etree.Element(f"{{{ns}}}is")
        if 0 <= index < len(strings):
            for child in strings[index]:
                inline.append(copy.deepcopy(child))
        cell.insert(0 if cell.find(f"{{{ns}}}f") is None else 1, inline)


def plain_sheet(header: Sequence[str], bold_style: int) -> bytes:
    """A new worksheet: bold header row, frozen under it, column widths fitted to the header."""
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{min(max(len(title) * 1.2 + 4, 10), 60):.1f}" '
        'customWidth="1"/>' for i, title in enumerate(header, start=1))
    cells = "".join(
        f'<c r="{column_letters(i)}1" s="{bold_style}" t="inlineStr"><is><t xml:space="preserve">'
        f"{escape_xml_text(clean_text(title))}</t></is></c>"
        for i, title in enumerate(header, start=1))
    last = column_letters(max(len(header), 1))
    cols_xml = f"<cols>{cols}</cols>" if cols else ""
    rows = f'<row r="1">{cells}</row>' if cells else ""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<dimension ref="A1:{last}1"/>'
            '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
            'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" '
            'sqref="A2"/></sheetView></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/>'
            f"{cols_xml}<sheetData>{rows}</sheetData>"
            '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
            'footer="0.3"/></worksheet>').encode()
