"""The OPC package around the sheets: content types, relationships, workbook.xml.

These parts are small; they are parsed with lxml (entities not resolved, no network) and written
back only when something in them really changes.
"""
from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote, unquote

from lxml import etree

from suivi.core.message import Message

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"

REL_OFFICE_DOCUMENT = "officeDocument"
REL_WORKSHEET = "worksheet"
REL_CHARTSHEET = "chartsheet"
REL_DIALOGSHEET = "dialogsheet"
REL_MACROSHEET = "xlMacrosheet"
REL_STYLES = "styles"
REL_CALC_CHAIN = "calcChain"
REL_TABLE = "table"

CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
T_WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
T_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True,
                          remove_blank_text=False, load_dtd=False)


def parse_xml(data: bytes) -> etree._Element:
    """Parse a package part safely (no entity expansion, no DTD, no network)."""
    return etree.fromstring(data, _PARSER)


_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


def serialize_xml(root: etree._Element) -> bytes:
    """Part bytes with the declaration Office writes (double quotes, standalone)."""
    return _DECLARATION + etree.tostring(root, encoding="UTF-8", xml_declaration=False)


def local_name(tag: object) -> str:
    """"{ns}sheet" → "sheet" (comments and processing instructions give "")."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def rel_kind(rel_type: str) -> str:
    """Last segment of a relationship type URI (works for transitional and strict OOXML)."""
    return rel_type.rstrip("/").rpartition("/")[2]


def rels_part_name(part: str) -> str:
    """"xl/workbook.xml" → "xl/_rels/workbook.xml.rels"."""
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"


def resolve_target(source_part: str, target: str) -> str:
    """Zip member name a relationship of `source_part` points to."""
    target = unquote(target.split("#", 1)[0])
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    base = posixpath.dirname(source_part)
    return posixpath.normpath(posixpath.join(base, target))


def relative_target(source_part: str, target_part: str) -> str:
    """Relative Target attribute from `source_part` to `target_part`."""
    relative = posixpath.relpath(target_part, posixpath.dirname(source_part) or ".")
    return quote(relative, safe="/._-~")


@dataclass(frozen=True, slots=True)
class Relationship:
    id: str
    type: str
    target: str
    external: bool

    @property
    def kind(self) -> str:
        return rel_kind(self.type)


class Relationships:
    """The .rels part of one source part."""

    def __init__(self, source_part: str, data: bytes | None) -> None:
        self.source_part = source_part
        self.changed = False
        self._root = parse_xml(data) if data else etree.Element(f"{{{NS_PKG_REL}}}Relationships",
                                                                nsmap={None: NS_PKG_REL})

    def __iter__(self) -> Iterator[Relationship]:
        for el in self._root:
            if local_name(el.tag) == "Relationship":
                yield Relationship(el.get("Id", ""), el.get("Type", ""), el.get("Target", ""),
                                   el.get("TargetMode") == "External")

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def get(self, rel_id: str) -> Relationship | None:
        return next((rel for rel in self if rel.id == rel_id), None)

    def target_part(self, rel: Relationship) -> str | None:
        return None if rel.external else resolve_target(self.source_part, rel.target)

    def internal_targets(self) -> Iterator[tuple[Relationship, str]]:
        for rel in self:
            if not rel.external:
                yield rel, resolve_target(self.source_part, rel.target)

    def new_id(self) -> str:
        used = {rel.id for rel in self}
        number = len(used) + 1
        while f"rId{number}" in used:
            number += 1
        return f"rId{number}"

    def add(self, rel_type: str, target_part: str, rel_id: str | None = None) -> str:
        rel_id = rel_id or self.new_id()
        el = etree.SubElement(self._root, f"{{{NS_PKG_REL}}}Relationship")
        el.set("Id", rel_id)
        el.set("Type", rel_type)
        el.set("Target", relative_target(self.source_part, target_part))
        self.changed = True
        return rel_id

    def add_external(self, rel_id: str, rel_type: str, target: str) -> None:
        el = etree.SubElement(self._root, f"{{{NS_PKG_REL}}}Relationship")
        el.set("Id", rel_id)
        el.set("Type", rel_type)
        el.set("Target", target)
        el.set("TargetMode", "External")
        self.changed = True

    def remove(self, rel_id: str) -> None:
        for el in list(self._root):
            if el.get("Id") == rel_id:
                self._root.remove(el)
                self.changed = True

    def to_bytes(self) -> bytes:
        return serialize_xml(self._root)


class ContentTypes:
    """[Content_Types].xml."""

    PART = "[Content_Types].xml"

    def __init__(self, data: bytes) -> None:
        self._root = parse_xml(data)
        self.changed = False

    def _elements(self, kind: str) -> Iterator[etree._Element]:
        return (el for el in self._root if local_name(el.tag) == kind)

    def content_type(self, part: str) -> str | None:
        name = "/" + part.lower()
        for el in self._elements("Override"):
            if el.get("PartName", "").lower() == name:
                return el.get("ContentType")
        ext = part.rpartition(".")[2].lower()
        for el in self._elements("Default"):
            if el.get("Extension", "").lower() == ext:
                return el.get("ContentType")
        return None

    def set_override(self, part: str, content_type: str) -> None:
        name = "/" + part
        for el in self._elements("Override"):
            if el.get("PartName", "").lower() == name.lower():
                if el.get("ContentType") != content_type:
                    el.set("ContentType", content_type)
                    self.changed = True
                return
        el = etree.SubElement(self._root, f"{{{NS_CT}}}Override")
        el.set("PartName", name)
        el.set("ContentType", content_type)
        self.changed = True

    def remove_override(self, part: str) -> None:
        name = "/" + part.lower()
        for el in list(self._elements("Override")):
            if el.get("PartName", "").lower() == name:
                self._root.remove(el)
                self.changed = True

    def ensure_type(self, part: str, content_type: str) -> None:
        """Make `part` resolve to `content_type` (Default by extension if it matches, else
        Override)."""
        if self.content_type(part) != content_type:
            self.set_override(part, content_type)

    def to_bytes(self) -> bytes:
        return serialize_xml(self._root)


@dataclass(frozen=True, slots=True)
class SheetEntry:
    """One <sheet> of workbook.xml, resolved to its part."""

    index: int          # position in <sheets> (what localSheetId counts)
    name: str
    sheet_id: int
    rel_id: str
    part: str | None    # zip member, None when the relationship is missing
    kind: str           # "worksheet", "chartsheet", "dialogsheet", "xlMacrosheet", …
    state: str


_CALC_PR_FOLLOWERS = ("oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr",
                      "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects",
                      "extLst")
_DEFINED_NAMES_FOLLOWERS = ("calcPr",) + _CALC_PR_FOLLOWERS


class WorkbookXml:
    """xl/workbook.xml (or wherever the officeDocument relationship points)."""

    def __init__(self, part: str, data: bytes) -> None:
        self.part = part
        self._root = parse_xml(data)
        self.changed = False
        self._ns = etree.QName(self._root).namespace or NS_MAIN

    @property
    def namespace(self) -> str:
        """The main namespace of the workbook's parts (transitional or strict)."""
        return self._ns

    def _child(self, name: str) -> etree._Element | None:
        return next((el for el in self._root if local_name(el.tag) == name), None)

    @property
    def date1904(self) -> bool:
        pr = self._child("workbookPr")
        return pr is not None and pr.get("date1904", "0").lower() in ("1", "true")

    def sheet_elements(self) -> list[etree._Element]:
        sheets = self._child("sheets")
        return [] if sheets is None else [el for el in sheets if local_name(el.tag) == "sheet"]

    def rel_id_attr(self, el: etree._Element) -> str:
        return next((v for k, v in el.attrib.items() if local_name(k) == "id"
                     and k.startswith("{")), "")

    def add_sheet(self, name: str, sheet_id: int, rel_id: str) -> None:
        sheets = self._child("sheets")
        if sheets is None:
            raise ValueError("workbook.xml has no <sheets>")
        rel_ns = next((k.partition("}")[0][1:] for el in self.sheet_elements()
                       for k in el.attrib if local_name(k) == "id" and k.startswith("{")), NS_REL)
        el = etree.SubElement(sheets, f"{{{self._ns}}}sheet")
        el.set("name", name)
        el.set("sheetId", str(sheet_id))
        el.set(f"{{{rel_ns}}}id", rel_id)
        self.changed = True

    def set_full_calc_on_load(self) -> None:
        """Ask Excel and LibreOffice to recompute every formula when the file is opened."""
        calc = self._child("calcPr")
        if calc is None:
            calc = etree.Element(f"{{{self._ns}}}calcPr")
            self._insert_before(calc, _CALC_PR_FOLLOWERS)
        if calc.get("fullCalcOnLoad") != "1":
            calc.set("fullCalcOnLoad", "1")
            self.changed = True

    def _insert_before(self, el: etree._Element, followers: tuple[str, ...]) -> None:
        for index, child in enumerate(self._root):
            if local_name(child.tag) in followers:
                self._root.insert(index, el)
                return
        self._root.append(el)

    def defined_names(self) -> list[etree._Element]:
        names = self._child("definedNames")
        return [] if names is None else [el for el in names if local_name(el.tag) == "definedName"]

    def replace_builtin_names(self, local_sheet_id: int,
                              names: list[tuple[str, str, bool]]) -> None:
        """Make the `_xlnm.*` names of sheet `local_sheet_id` (filter database, print area and
        titles) exactly `names` (name, formula text, hidden); other names are left alone."""
        section = self._child("definedNames")
        local = str(local_sheet_id)
        current = [el for el in self.defined_names()
                   if el.get("localSheetId") == local and el.get("name", "").startswith("_xlnm.")]
        wanted = sorted(names)
        if sorted((el.get("name"), el.text or "", el.get("hidden") in ("1", "true"))
                  for el in current) == wanted:
            return
        if section is not None:
            for el in current:
                section.remove(el)
        if wanted and section is None:
            section = etree.Element(f"{{{self._ns}}}definedNames")
            self._insert_before(section, _DEFINED_NAMES_FOLLOWERS)
        for name, text, hidden in wanted:
            el = etree.SubElement(section, f"{{{self._ns}}}definedName", name=name,
                                  localSheetId=local)
            if hidden:
                el.set("hidden", "1")
            el.text = text
        if section is not None and not len(section):
            self._root.remove(section)
        self.changed = True

    def set_defined_name_text(self, el: etree._Element, text: str) -> None:
        if el.text != text:
            el.text = text
            self.changed = True

    def to_bytes(self) -> bytes:
        return serialize_xml(self._root)


_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_name_problem(name: str) -> Message | None:
    """Why `name` cannot be a sheet name (a `writer.sheet_name_*` message), or None."""
    if not name or not name.strip():
        return Message.of("writer.sheet_name_empty")
    if len(name) > 31:
        return Message.of("writer.sheet_name_too_long", name=name)
    if _SHEET_NAME_FORBIDDEN.search(name):
        return Message.of("writer.sheet_name_forbidden", name=name)
    if name.startswith("'") or name.endswith("'"):
        return Message.of("writer.sheet_name_quote", name=name)
    if name.casefold() == "history":
        return Message.of("writer.sheet_name_reserved")
    return None


def quote_sheet_name(name: str) -> str:
    """Sheet name as formulas write it: quoted ('Mon onglet') unless a plain identifier."""
    if (re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", name)
            and not re.fullmatch(r"[A-Za-z]{1,3}[0-9]+", name)):
        return name
    return "'" + name.replace("'", "''") + "'"
