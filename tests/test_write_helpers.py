"""Helpers shared by the tests of the lossless writer (and tests of the helpers themselves).

- `make_xlsx`: a minimal package around hand-written worksheet XML (prefixes, missing `r`…);
- `parts_diff`: which zip parts differ after decompression (like shared/acceptance/parts_diff.py);
- `raw_members`: stored (compressed) bytes of each member, to prove raw copies;
- `cells_openpyxl` / `cells_calamine`: every value of a sheet, read by independent readers.
"""

from __future__ import annotations

import hashlib
import struct
import warnings
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import python_calamine

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00\\ &quot;€&quot;"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"""

SHARED_STRINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="{MAIN}" count="3" uniqueCount="3"><si><t>Facture</t></si><si><t>Client</t></si>\
<si><t>Montant</t></si></sst>"""


def sheet_xml(
    rows: str, *, prefix: str = "", head: str = "", tail: str = "", dimension: str | None = "A1:C3"
) -> str:
    """A worksheet document; `prefix` like "x:" binds the main namespace to a prefix."""
    p = prefix
    ns = f'xmlns:{p[:-1]}="{MAIN}"' if p else f'xmlns="{MAIN}"'
    dim = f'<{p}dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<{p}worksheet {ns} xmlns:r="{REL}">{dim}{head}<{p}sheetData>{rows}</{p}sheetData>'
        f"{tail}</{p}worksheet>"
    )


def make_xlsx(
    path: Path,
    sheets: dict[str, str],
    *,
    styles: str = STYLES,
    workbook_extra: str = "",
    workbook_pr: str = "<workbookPr/>",
    calc_chain: str | None = None,
    extra_parts: dict[str, str] | None = None,
    sheet_rels: dict[str, str] | None = None,
) -> Path:
    """Write a minimal but valid workbook with the given worksheet XML documents."""
    names = list(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(names) + 1)
    )
    if calc_chain is not None:
        overrides += (
            '<Override PartName="/xl/calcChain.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/>'
        )
    for part in extra_parts or {}:
        if part.startswith("xl/tables/"):
            overrides += (
                f'<Override PartName="/{part}" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>'
            )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        f"{overrides}</Types>"
    )
    root_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    sheet_els = "".join(
        f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, start=1)
    )
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook xmlns="{MAIN}" xmlns:r="{REL}">{workbook_pr}<sheets>{sheet_els}</sheets>'
        f'{workbook_extra}<calcPr calcId="191029"/></workbook>'
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(names) + 1)
    )
    n = len(names)
    rels += (
        f'<Relationship Id="rId{n + 1}" Type="{REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{n + 2}" Type="{REL}/sharedStrings" '
        'Target="sharedStrings.xml"/>'
    )
    if calc_chain is not None:
        rels += f'<Relationship Id="rId{n + 3}" Type="{REL}/calcChain" Target="calcChain.xml"/>'
    workbook_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'relationships">{rels}</Relationships>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", content_types)
        z.writestr("_rels/.rels", root_rels)
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", workbook_rels)
        for i, name in enumerate(names, start=1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", sheets[name])
            if sheet_rels and name in sheet_rels:
                z.writestr(f"xl/worksheets/_rels/sheet{i}.xml.rels", sheet_rels[name])
        z.writestr("xl/styles.xml", styles)
        z.writestr("xl/sharedStrings.xml", SHARED_STRINGS)
        if calc_chain is not None:
            z.writestr("xl/calcChain.xml", calc_chain)
        for part, data in (extra_parts or {}).items():
            z.writestr(part, data)
    return path


def digests(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {name: hashlib.sha256(z.read(name)).hexdigest() for name in z.namelist()}


def parts_diff(before: Path, after: Path) -> tuple[set[str], set[str], set[str]]:
    """(added, removed, changed) part names, comparing content after decompression."""
    a, b = digests(before), digests(after)
    return (set(b) - set(a), set(a) - set(b), {n for n in set(a) & set(b) if a[n] != b[n]})


def raw_members(path: Path) -> dict[str, tuple[int, int, bytes]]:
    """name → (compress_type, CRC, stored bytes) read straight from the archive."""
    out = {}
    with zipfile.ZipFile(path) as z, open(path, "rb") as fp:
        for info in z.infolist():
            fp.seek(info.header_offset)
            header = fp.read(30)
            name_len, extra_len = struct.unpack("<HH", header[26:30])
            fp.seek(info.header_offset + 30 + name_len + extra_len)
            out[info.filename] = (info.compress_type, info.CRC, fp.read(info.compress_size))
    return out


def cells_openpyxl(path: Path, sheet: str, *, formulas: bool = True) -> dict[tuple[int, int], Any]:
    """Every non-empty cell (row, col) → value, via openpyxl read-only (never saved)."""
    with warnings.catch_warnings():  # openpyxl warns about extensions it would drop on save
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path, read_only=True, data_only=not formulas)
        try:
            ws = wb[sheet]
            ws.reset_dimensions()
            return {
                (cell.row, cell.column): cell.value
                for row in ws.iter_rows()
                for cell in row
                if getattr(cell, "value", None) is not None
            }
        finally:
            wb.close()


def cells_calamine(path: Path, sheet: str) -> dict[tuple[int, int], object]:
    """Every non-empty cell (row, col) → value via python-calamine (1-based positions)."""
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    data = book.get_sheet_by_name(sheet)
    rows = data.to_python(skip_empty_area=False)
    return {
        (r, c): v
        for r, row in enumerate(rows, start=1)
        for c, v in enumerate(row, start=1)
        if v != ""
    }


def test_parts_diff_sees_content_not_compression(tmp_path):
    a = tmp_path / "a.zip"
    b = tmp_path / "b.zip"
    with zipfile.ZipFile(a, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("x.xml", "<a/>" * 100)
        z.writestr("y.xml", "same")
    with zipfile.ZipFile(b, "w", zipfile.ZIP_STORED) as z:
        z.writestr("x.xml", "<a/>" * 99)
        z.writestr("y.xml", "same")
        z.writestr("z.xml", "new")
    assert parts_diff(a, b) == ({"z.xml"}, set(), {"x.xml"})
