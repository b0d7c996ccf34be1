"""Workbooks saved as ISO 29500 strict (Excel's « Classeur Strict Open XML »).

Their parts use the `http://purl.oclc.org/ooxml/…` namespaces and relationship types where
the usual (transitional) workbooks use `http://schemas.openxmlformats.org/…`. suivi reads both
(parts are found by the last segment of a relationship type, elements by their local name).
What suivi writes into a strict workbook must be strict too: a sheet, a relationship or a chart
in the transitional namespaces, mixed into a strict package, is content Excel does not expect.
The parts suivi adds (built by xlsxwriter, or from its own templates) are translated here, by
the correspondence of ISO/IEC 29500-1 (the same names in the other namespace family).
"""
from __future__ import annotations

STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"

_T = b"http://schemas.openxmlformats.org/"
_S = b"http://purl.oclc.org/ooxml/"
# longest first: the relationship types renamed in strict before the namespace they extend
_TO_STRICT: tuple[tuple[bytes, bytes], ...] = (
    (_T + b"officeDocument/2006/relationships/extended-properties",
     _S + b"officeDocument/relationships/extendedProperties"),
    (_T + b"officeDocument/2006/relationships/custom-properties",
     _S + b"officeDocument/relationships/customProperties"),
    (_T + b"officeDocument/2006/relationships", _S + b"officeDocument/relationships"),
    (_T + b"officeDocument/2006/extended-properties", _S + b"officeDocument/extendedProperties"),
    (_T + b"officeDocument/2006/custom-properties", _S + b"officeDocument/customProperties"),
    (_T + b"officeDocument/2006/docPropsVTypes", _S + b"officeDocument/docPropsVTypes"),
    (_T + b"officeDocument/2006/sharedTypes", _S + b"officeDocument/sharedTypes"),
    (_T + b"officeDocument/2006/math", _S + b"officeDocument/math"),
    (_T + b"spreadsheetml/2006/main", _S + b"spreadsheetml/main"),
    (_T + b"drawingml/2006/main", _S + b"drawingml/main"),
    (_T + b"drawingml/2006/chartDrawing", _S + b"drawingml/chartDrawing"),
    (_T + b"drawingml/2006/chart", _S + b"drawingml/chart"),
    (_T + b"drawingml/2006/spreadsheetDrawing", _S + b"drawingml/spreadsheetDrawing"),
    (_T + b"drawingml/2006/picture", _S + b"drawingml/picture"),
    (_T + b"drawingml/2006/diagram", _S + b"drawingml/diagram"),
)


def is_strict(namespace: str | None) -> bool:
    """Whether workbook.xml's namespace is the strict one."""
    return namespace == STRICT_MAIN


def to_strict(data: bytes) -> bytes:
    """`data` (a part's XML, or a .rels part) with every transitional namespace and
    relationship type replaced by its strict counterpart. The package's own namespaces
    (content types, package relationships, core properties) are the same in both and stay."""
    if _T not in data:
        return data
    for transitional, strict in _TO_STRICT:
        data = data.replace(transitional, strict)
    return data


def strict_part(name: str) -> bool:
    """Whether part `name` is XML whose namespaces follow the package's conformance (not an
    image, not the content types, which are the same in both)."""
    return name.lower().endswith((".xml", ".rels")) and name != "[Content_Types].xml"
