"""Byte-level worksheet patching on hand-written sheets: the shapes OOXML allows.

Each case builds a small package around worksheet XML written by hand (namespace prefixes,
missing `r` attributes, self-closing rows, shared/array formulas…), applies changes, and reads
the result back with openpyxl (read-only) and python-calamine.
"""

from __future__ import annotations

import random
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest
from lxml import etree
from test_write_helpers import cells_calamine, cells_openpyxl, make_xlsx, parts_diff, sheet_xml

from suivi.workbook import Changes, WorkbookWriteError, commit

HEADER = (
    '<row r="1"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="1" t="s"><v>1</v></c>'
    '<c r="C1" s="1" t="s"><v>2</v></c></row>'
)


def _found(pattern: str, text: str, group: int = 0) -> str:
    """The text `pattern` matches in `text` (a group of it); the test fails when it is absent."""
    match = re.search(pattern, text)
    assert match is not None, pattern
    return match.group(group)


def _sheet_part(path, number=1) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(f"xl/worksheets/sheet{number}.xml").decode("utf-8")


def _commit(path, edit) -> object:
    changes = Changes()
    edit(changes)
    return commit(path, changes, backups=0)


def test_prefixed_namespace_rows_and_cells(tmp_path):
    rows = (
        '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>5</x:v></x:c>'
        '</x:row><x:row r="3"><x:c r="A3"><x:v>7</x:v></x:c></x:row>'
    )
    path = make_xlsx(tmp_path / "p.xlsx", {"S": sheet_xml(rows, prefix="x:", dimension="A1:B3")})

    def edit(c):
        c.set_cell("S", "B1", "neuf")
        c.set_cell("S", "C3", 8)
        c.set_cell("S", "A2", "ligne créée")
        c.append_rows("S", [["ajout", 1]])

    _commit(path, edit)
    xml = _sheet_part(path)
    assert "<row" not in xml.replace("<x:row", "")  # every new element carries the prefix
    assert '<x:dimension ref="A1:C4"/>' in xml
    expected = {
        (1, 1): "Facture",
        (1, 2): "neuf",
        (2, 1): "ligne créée",
        (3, 1): 7,
        (3, 3): 8,
        (4, 1): "ajout",
        (4, 2): 1,
    }
    assert cells_openpyxl(path, "S") == expected
    assert cells_calamine(path, "S") == expected


def test_rows_and_cells_without_r_attributes(tmp_path):
    rows = (
        '<row><c t="s"><v>0</v></c><c><v>1</v></c></row>'
        "<row><c><v>2</v></c><c><v>3</v></c><c><v>4</v></c></row>"
        '<row r="5"><c><v>5</v></c></row><row><c><v>6</v></c></row>'
    )
    path = make_xlsx(tmp_path / "nor.xlsx", {"S": sheet_xml(rows, dimension="A1:C6")})

    def edit(c):
        c.set_cell("S", "D1", "D1")  # after r-less cells: they must keep their columns
        c.set_cell("S", "B2", "B2")  # r-less cell overwritten
        c.set_cell("S", "A4", "A4")  # new row between an r-less row and row 5
        c.set_cell("S", "B6", "B6")  # r-less row after an explicit r

    _commit(path, edit)
    expected = {
        (1, 1): "Facture",
        (1, 2): 1,
        (1, 4): "D1",
        (2, 1): 2,
        (2, 2): "B2",
        (2, 3): 4,
        (4, 1): "A4",
        (5, 1): 5,
        (6, 1): 6,
        (6, 2): "B6",
    }
    assert cells_openpyxl(path, "S") == expected
    assert cells_calamine(path, "S") == expected
    # an edited row is normalised whole: the overwritten cell names itself like the others
    row2 = re.search(r'<row r="2".*?</row>', _sheet_part(path)).group(0)
    assert re.findall(r'<c r="([A-Z]+2)"', row2) == ["A2", "B2", "C2"]


def test_self_closing_rows_spans_and_empty_sheet_data(tmp_path):
    rows = (
        '<row r="1" spans="1:2"><c r="A1"><v>1</v></c></row>'
        '<row r="2" spans="1:2" ht="20" customHeight="1"/>'
    )
    path = make_xlsx(
        tmp_path / "s.xlsx",
        {
            "S": sheet_xml(rows, dimension="A1:B2"),
            "Vide": sheet_xml("", dimension="A1").replace(
                "<sheetData></sheetData>", "<sheetData/>"
            ),
        },
    )

    def edit(c):
        c.set_cell("S", "E2", "loin")
        c.set_cell("Vide", "B2", 3)
        c.append_rows("Vide", [["x"]])

    _commit(path, edit)
    xml = _sheet_part(path)
    assert re.search(r'<row r="2" spans="1:5" ht="20" customHeight="1"><c r="E2"', xml)
    assert cells_openpyxl(path, "S") == {(1, 1): 1, (2, 5): "loin"}
    assert cells_calamine(path, "Vide") == {(2, 2): 3, (3, 1): "x"}


def test_values_are_exact_and_strings_inline(tmp_path):
    rows = HEADER + '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>3</v></c></row>'
    path = make_xlsx(tmp_path / "v.xlsx", {"S": sheet_xml(rows)})
    before = tmp_path / "before.xlsx"
    before.write_bytes(path.read_bytes())
    text = "  Réglée — 1 234,56 €\nligne 2 <&> \x07_x0041_ "

    def edit(c):
        c.set_cell("S", "A2", text)
        c.set_cell("S", "B2", Decimal("1234.56"))
        c.set_cell("S", "C2", 0.1 + 0.2)
        c.set_cell("S", "D2", 12345678901234)
        c.set_cell("S", "E2", False)
        c.set_cell("S", "F2", Decimal("-0.000001"))

    _commit(path, edit)
    xml = _sheet_part(path)
    assert '<c r="B2"><v>1234.56</v></c>' in xml
    assert "<v>0.30000000000000004</v>" in xml
    assert "<v>-0.000001</v>" in xml
    assert '<c r="E2" t="b"><v>0</v></c>' in xml
    assert "_x005F_x0041_" in xml and "\x07" not in xml
    etree.fromstring(xml.encode())
    clean = text.replace("\x07", "")
    # A literal "_x0041_" is stored "_x005F_x0041_" (ECMA-376 ST_Xstring escaping): Excel,
    # calamine and LibreOffice read it back literally; openpyxl does not unescape at all.
    assert cells_calamine(path, "S")[(2, 1)] == clean
    assert cells_openpyxl(path, "S")[(2, 1)] == clean.replace("_x0041_", "_x005F_x0041_")
    for cells in (cells_openpyxl(path, "S"), cells_calamine(path, "S")):
        assert cells[(2, 2)] == 1234.56
        assert cells[(2, 4)] == 12345678901234
        assert cells[(2, 5)] is False
    added, removed, changed = parts_diff(before, path)
    assert "xl/sharedStrings.xml" not in changed and not added and not removed


def test_none_clears_value_keeps_style_and_removes_formula(tmp_path):
    rows = HEADER + (
        '<row r="2"><c r="A2" s="3"><v>10</v></c>'
        '<c r="B2" s="3"><f>A2*2</f><v>20</v></c>'
        '<c r="C2" s="2" t="s"><v>0</v></c></row>'
    )
    chain = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain '
        'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<c r="B2" i="1"/></calcChain>'
    )
    path = make_xlsx(tmp_path / "n.xlsx", {"S": sheet_xml(rows)}, calc_chain=chain)
    before = tmp_path / "before.xlsx"
    before.write_bytes(path.read_bytes())
    _commit(path, lambda c: (c.set_cell("S", "B2", None), c.set_cell("S", "C2", None)))
    xml = _sheet_part(path)
    assert '<c r="B2" s="3"/>' in xml and '<c r="C2" s="2"/>' in xml
    added, removed, changed = parts_diff(before, path)
    # the only calcChain entry was the cleared formula: the part, its rel and override go
    assert removed == {"xl/calcChain.xml"}
    assert changed == {
        "xl/worksheets/sheet1.xml",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "[Content_Types].xml",
    }
    with zipfile.ZipFile(path) as z:
        assert b"calcChain" not in z.read("xl/_rels/workbook.xml.rels")
        assert b"calcChain" not in z.read("[Content_Types].xml")
    assert cells_openpyxl(path, "S")[(2, 1)] == 10
    assert (2, 2) not in cells_openpyxl(path, "S")


def test_calc_chain_entry_removed_and_sheet_index_carried(tmp_path):
    rows = HEADER + (
        '<row r="2"><c r="A2"><f>1+1</f><v>2</v></c><c r="B2"><f>A2+1</f><v>3</v></c></row>'
    )
    other = sheet_xml('<row r="1"><c r="A1"><f>2+2</f><v>4</v></c></row>', dimension="A1")
    chain = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain '
        'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<c r="A2" i="1"/><c r="B2"/><c r="A1" i="2"/></calcChain>'
    )
    path = make_xlsx(tmp_path / "cc.xlsx", {"S": sheet_xml(rows), "T": other}, calc_chain=chain)
    _commit(path, lambda c: c.set_cell("S", "A2", 5))
    with zipfile.ZipFile(path) as z:
        chain = etree.fromstring(z.read("xl/calcChain.xml"))
        entries = [(el.get("r"), el.get("i")) for el in chain]
    assert entries == [("B2", "1"), ("A1", "2")]


def test_shared_formula_master_overwritten_dependents_get_own_formula(tmp_path, soffice):
    rows = (
        '<row r="1"><c r="A1"><v>1</v></c>'
        '<c r="B1"><f t="shared" ref="B1:C3" si="0">A1*2</f><v>2</v></c>'
        '<c r="C1"><f t="shared" si="0"/><v>4</v></c></row>'
        '<row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>4</v></c>'
        '<c r="C2"><f t="shared" si="0"/><v>8</v></c></row>'
        '<row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"/><v>6</v></c>'
        '<c r="C3"><v>99</v></c></row>'
    )
    path = make_xlsx(tmp_path / "sh.xlsx", {"S": sheet_xml(rows)})
    _commit(path, lambda c: (c.set_cell("S", "B1", 50), c.set_cell("S", "A3", 30)))
    formulas = cells_openpyxl(path, "S")
    assert formulas[(1, 2)] == 50
    assert formulas[(1, 3)] == "=B1*2"
    assert formulas[(2, 2)] == "=A2*2"
    assert formulas[(2, 3)] == "=B2*2"
    assert formulas[(3, 2)] == "=A3*2"
    assert 't="shared"' not in _sheet_part(path)
    # LibreOffice opens it and shows the written values (it keeps cached formula results:
    # its "recalculate on load" option defaults to "never" for .xlsx, fullCalcOnLoad aside).
    sheets = soffice.sheets_as_csv(path, tmp_path / "csv")
    assert sheets["S"][0][:2] == ["1", "50"]
    assert sheets["S"][2][0] == "30"


def test_array_formula_cells_are_refused(tmp_path):
    rows = (
        '<row r="1"><c r="A1"><v>1</v></c>'
        '<c r="B1"><f t="array" ref="B1:B2">A1:A2*2</f><v>2</v></c></row>'
        '<row r="2"><c r="A2"><v>2</v></c><c r="B2"><v>4</v></c></row>'
    )
    path = make_xlsx(tmp_path / "arr.xlsx", {"S": sheet_xml(rows)})
    before = path.read_bytes()
    with pytest.raises(
        WorkbookWriteError, match=r"« S » .* B2 fait partie d'une formule matricielle \(B1:B2\)"
    ):
        _commit(path, lambda c: c.set_cell("S", "B2", 1))
    assert path.read_bytes() == before
    _commit(path, lambda c: c.set_cell("S", "A2", 5))  # outside the array: fine
    assert cells_calamine(path, "S")[(2, 1)] == 5


def test_styles_date_column_stays_date_and_general_gets_dd_mm_yyyy(tmp_path):
    rows = HEADER + (
        '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" s="2"><v>45000</v></c>'
        '<c r="C2" s="3"><v>12.5</v></c></row>'
    )
    path = make_xlsx(tmp_path / "d.xlsx", {"S": sheet_xml(rows)})

    def edit(c):
        c.append_rows("S", [["F-2", date(2026, 3, 1), Decimal("10.00"), date(2026, 3, 2)]])
        c.set_cell("S", "E2", datetime(2026, 3, 3, 14, 30))

    _commit(path, edit)
    xml = _sheet_part(path)
    row3 = _found(r'<row r="3">.*?</row>', xml)
    assert '<c r="B3" s="2"><v>46082</v></c>' in row3  # inherited date style, no new xf
    assert '<c r="C3" s="3"><v>10.00</v></c>' in row3  # inherited money style
    assert '<c r="A3" t="inlineStr">' in row3  # header above was bold: not copied
    d3 = _found(r'<c r="D3" s="(\d+)"', row3, 1)
    e2 = _found(r'<c r="E2" s="(\d+)"', xml, 1)
    with zipfile.ZipFile(path) as z:
        styles = etree.fromstring(z.read("xl/styles.xml"))
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    xfs = styles.findall("m:cellXfs/m:xf", ns)
    fmts = {
        f.get("numFmtId"): f.get("formatCode") for f in styles.findall("m:numFmts/m:numFmt", ns)
    }
    assert fmts[xfs[int(d3)].get("numFmtId")] == "dd/mm/yyyy"
    assert fmts[xfs[int(e2)].get("numFmtId")] == "dd/mm/yyyy hh:mm"
    assert len(xfs) == 6  # two styles added (date, date-time), both based on style 0
    for cells in (cells_openpyxl(path, "S"), cells_calamine(path, "S")):
        assert cells[(3, 2)] in (datetime(2026, 3, 1), date(2026, 3, 1))
        assert cells[(3, 4)] in (datetime(2026, 3, 2), date(2026, 3, 2))
        assert cells[(2, 5)] == datetime(2026, 3, 3, 14, 30)


def test_new_cell_takes_column_style_when_nothing_above(tmp_path):
    head = '<cols><col min="4" max="4" width="12" style="3" customWidth="1"/></cols>'
    rows = HEADER + '<row r="2" s="2" customFormat="1"><c r="A2"><v>1</v></c></row>'
    path = make_xlsx(tmp_path / "c.xlsx", {"S": sheet_xml(rows, head=head)})
    _commit(
        path,
        lambda c: (c.set_cell("S", "D2", 7), c.set_cell("S", "E2", 8), c.set_cell("S", "F9", 9)),
    )
    xml = _sheet_part(path)
    assert '<c r="D2" s="3"><v>7</v></c>' in xml  # column style
    assert '<c r="E2" s="2"><v>8</v></c>' in xml  # row style (customFormat)
    assert '<row r="9"><c r="F9"><v>9</v></c></row>' in xml


def test_1904_date_system(tmp_path):
    path = make_xlsx(
        tmp_path / "m.xlsx", {"S": sheet_xml(HEADER)}, workbook_pr='<workbookPr date1904="1"/>'
    )
    _commit(path, lambda c: c.set_cell("S", "A2", date(2026, 1, 1)))
    assert f"<v>{46023 - 1462}</v>" in _sheet_part(path)  # 1900 serial minus 1462 days
    assert cells_openpyxl(path, "S")[(2, 1)] == datetime(2026, 1, 1)
    with pytest.raises(WorkbookWriteError, match="antérieure au 1er janvier 1904"):
        _commit(path, lambda c: c.set_cell("S", "A3", date(1903, 12, 31)))


def test_comments_inside_sheet_data_are_refused(tmp_path):
    rows = HEADER + "<!-- <row r='2'/> -->"
    path = make_xlsx(tmp_path / "cm.xlsx", {"S": sheet_xml(rows)})
    with pytest.raises(WorkbookWriteError, match="commentaires XML"):
        _commit(path, lambda c: c.set_cell("S", "A2", 1))


def test_bad_values_and_refs_are_refused_early():
    changes = Changes()
    with pytest.raises(WorkbookWriteError, match="Référence de cellule invalide « 12M »"):
        changes.set_cell("S", "12M", 1)
    with pytest.raises(WorkbookWriteError, match=r"S!A1 : .*n'est pas un nombre fini"):
        changes.set_cell("S", "A1", float("nan"))
    with pytest.raises(WorkbookWriteError, match="type de valeur non pris en charge"):
        changes.set_cell("S", "A1", object())  # type: ignore[arg-type]
    with pytest.raises(WorkbookWriteError, match="au plus 32767"):
        changes.append_rows("S", [["x" * 40000]])
    with pytest.raises(WorkbookWriteError, match="Nom de feuille invalide"):
        changes.ensure_sheet("a/b", ["x"])
    assert changes.is_empty()


@pytest.mark.parametrize("with_r", [True, False], ids=["r-attributes", "no-r-attributes"])
def test_large_sheet_random_edits_across_chunks(tmp_path, with_r):
    """~40k rows (several 1 MiB chunks): random edits, new rows in gaps, appends; every cell
    checked against an independent expectation."""
    rnd = random.Random(7 if with_r else 8)
    expected: dict[tuple[int, int], object] = {}
    rows = []
    number = 0
    for _ in range(40000):
        gap = 1 if not with_r else rnd.choice((1, 1, 1, 2, 5))
        number += gap
        cells = []
        for col in range(1, 5):
            value = number * 10 + col
            expected[(number, col)] = value
            ref = f' r="{"ABCD"[col - 1]}{number}"' if with_r else ""
            cells.append(f"<c{ref}><v>{value}</v></c>")
        r_attr = f' r="{number}"' if with_r or gap != 1 else ""
        rows.append(f'<row{r_attr} spans="1:4">{"".join(cells)}</row>')
    last = number
    path = make_xlsx(
        tmp_path / "big.xlsx", {"S": sheet_xml("".join(rows), dimension=f"A1:D{last}")}
    )
    assert path.stat().st_size > 100_000
    changes = Changes()
    for _ in range(300):
        row, col = rnd.randint(1, last + 20), rnd.randint(1, 8)
        text = f"v{row}-{col}"
        changes.set_cell("S", f"{'ABCDEFGH'[col - 1]}{row}", text)
        expected[(row, col)] = text
    anchor = max(r for r, _ in expected)
    changes.append_rows("S", [["fin", 1], ["fin", 2]])
    expected.update(
        {(anchor + 1, 1): "fin", (anchor + 1, 2): 1, (anchor + 2, 1): "fin", (anchor + 2, 2): 2}
    )
    commit(path, changes, backups=0)
    assert cells_calamine(path, "S") == expected
    assert cells_openpyxl(path, "S") == expected
    xml = _sheet_part(path)
    assert f'<dimension ref="A1:H{anchor + 2}"/>' in xml
    numbers = [int(n) for n in re.findall(r'<row r="(\d+)"', xml)]
    assert numbers == sorted(numbers) and len(numbers) == len(set(numbers))
