"""Sheets suivi owns: put_sheet (xlsxwriter sheets with native charts) and ensure_sheet."""

from __future__ import annotations

import io
import posixpath
import re
import shutil
import warnings
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from lxml import etree
from test_write_helpers import cells_calamine, cells_openpyxl, parts_diff, raw_members

from suivi.workbook import Changes, WorkbookWriteError, commit

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "real_xlsx"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def indicators_source(
    values: list[int], *, charts: int = 2, title: str = "Indicateurs du mois"
) -> bytes:
    """A workbook like the one suivi builds: "Indicateurs" (styled cells, merged title, charts on
    'Historique indicateurs') and "Historique indicateurs" (the data)."""
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ind = wb.add_worksheet("Indicateurs")
    hist = wb.add_worksheet("Historique indicateurs")
    title_fmt = wb.add_format({"bold": True, "font_size": 16, "font_color": "#1F4E79"})
    money = wb.add_format({"num_format": "#,##0.00 €", "border": 1, "bg_color": "#DDEBF7"})
    hist.write_row(0, 0, ["Mois", "Encours", "DSO"], wb.add_format({"bold": True}))
    for i, value in enumerate(values, start=1):
        hist.write_datetime(i, 0, date(2026, i, 1), wb.add_format({"num_format": "mm/yyyy"}))
        hist.write_number(i, 1, value, money)
        hist.write_number(i, 2, 30 + i)
    ind.merge_range("A1:D1", title, title_fmt)
    ind.set_column("A:A", 28)
    ind.write("A3", "Encours total")
    ind.write_formula(
        "B3", f"=SUM('Historique indicateurs'!B2:B{len(values) + 1})", money, sum(values)
    )
    ind.write("A4", "Factures en retard")
    ind.write_number("B4", 7)
    ind.autofilter("A3:B4")
    ind.conditional_format(
        "B4",
        {
            "type": "cell",
            "criteria": ">",
            "value": 5,
            "format": wb.add_format({"font_color": "#9C0006", "bg_color": "#FFC7CE"}),
        },
    )
    last = len(values) + 1
    bar = wb.add_chart({"type": "column"})
    bar.add_series(
        {
            "name": "Encours",
            "categories": f"='Historique indicateurs'!$A$2:$A${last}",
            "values": f"='Historique indicateurs'!$B$2:$B${last}",
        }
    )
    ind.insert_chart("A6", bar)
    if charts > 1:
        line = wb.add_chart({"type": "line"})
        line.add_series(
            {
                "name": "DSO",
                "categories": f"='Historique indicateurs'!$A$2:$A${last}",
                "values": f"='Historique indicateurs'!$C$2:$C${last}",
            }
        )
        ind.insert_chart("J6", line)
    wb.close()
    return buffer.getvalue()


def target_workbook(path: Path) -> Path:
    """A user workbook with its own chart/drawing (so part names collide) and shared strings."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Factures")
    ws.write_row(0, 0, ["N°", "Client", "TTC"])
    for i in range(1, 6):
        ws.write_row(i, 0, [f"F-{i}", f"Client {i}", 100.0 * i])
    chart = wb.add_chart({"type": "pie"})
    chart.add_series({"values": "=Factures!$C$2:$C$6"})
    ws.insert_chart("E2", chart)
    wb.add_worksheet("Notes").write("A1", "à garder")
    wb.define_name("Notes!Zone", "=Notes!$A$1")
    wb.close()
    return path


def _sheet_order(path: Path) -> list[tuple[str, str, str]]:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("xl/workbook.xml"))
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    return [(el.get("name"), el.get("sheetId"), el.get(rid)) for el in root.iter(f"{MAIN}sheet")]


def _builtin_names(path: Path) -> list[tuple[str, str, str]]:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("xl/workbook.xml"))
    return sorted(
        (el.get("name"), el.get("localSheetId"), el.text)
        for el in root.iter(f"{MAIN}definedName")
        if el.get("name").startswith("_xlnm.")
    )


def assert_package_consistent(path: Path) -> None:
    """Every part is reachable from the package relationships and has a content type; every
    relationship target and every Override points to an existing part."""
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        types = etree.fromstring(z.read("[Content_Types].xml"))
        defaults = {el.get("Extension").lower() for el in types if el.get("Extension")}
        overrides = {el.get("PartName").lstrip("/") for el in types if el.get("PartName")}
        assert overrides <= names, overrides - names
        reached, todo = set(), [""]
        while todo:
            source = todo.pop()
            folder, _, file = source.rpartition("/")
            rels_name = f"{folder}/_rels/{file}.rels" if folder else f"_rels/{file}.rels"
            if rels_name not in names:
                continue
            for rel in etree.fromstring(z.read(rels_name)):
                if rel.get("TargetMode") == "External":
                    continue
                target = rel.get("Target")
                part = (
                    target.lstrip("/")
                    if target.startswith("/")
                    else posixpath.normpath(posixpath.join(folder, target))
                )
                assert part in names, f"{rels_name} → missing {part}"
                if part not in reached:
                    reached.add(part)
                    todo.append(part)
        orphans = {
            n for n in names if not n.endswith(".rels") and n != "[Content_Types].xml"
        } - reached
        assert not orphans, orphans
        for name in reached:
            assert name in overrides or name.rsplit(".", 1)[-1].lower() in defaults, name


def _charts(path: Path, sheet: str) -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return len(openpyxl.load_workbook(path)[sheet]._charts)


def test_put_sheet_adds_then_replaces_owned_sheets_with_charts(tmp_path, soffice):
    path = target_workbook(tmp_path / "suivi.xlsx")
    original = tmp_path / "original.xlsx"
    shutil.copyfile(path, original)

    first = Changes()
    source = indicators_source([1200, 1500, 900, 1700])
    first.put_sheet("Indicateurs", source)
    first.put_sheet("Historique indicateurs", source)
    result = commit(path, first, backups=0)
    assert [name for name, _, _ in _sheet_order(path)] == [
        "Factures",
        "Notes",
        "Indicateurs",
        "Historique indicateurs",
    ]
    added, removed, changed = parts_diff(original, path)
    assert not removed
    assert changed == {
        "[Content_Types].xml",
        "xl/_rels/workbook.xml.rels",
        "xl/workbook.xml",
        "xl/styles.xml",
    }
    assert {
        "xl/worksheets/sheet3.xml",
        "xl/worksheets/sheet4.xml",
        "xl/charts/chart2.xml",
        "xl/charts/chart3.xml",
        "xl/drawings/drawing2.xml",
    } <= added
    assert set(result.parts_changed) == added | changed
    before_raw, after_raw = raw_members(original), raw_members(path)
    for name in before_raw.keys() - changed:
        assert after_raw[name] == before_raw[name]
    assert_package_consistent(path)
    assert _charts(path, "Indicateurs") == 2
    assert _charts(path, "Factures") == 1
    values = cells_calamine(path, "Indicateurs")
    assert values[(1, 1)] == "Indicateurs du mois" and values[(3, 2)] == 5300
    assert cells_calamine(path, "Historique indicateurs")[(5, 2)] == 1700
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws = openpyxl.load_workbook(path)["Indicateurs"]
    assert "A1:D1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.column_dimensions["A"].width == pytest.approx(28.7109375, abs=0.8)
    assert ws["B3"].number_format == "#,##0.00 €" and ws["B3"].fill.fgColor.rgb.endswith("DDEBF7")
    assert ws["A1"].font.b and ws["A1"].font.sz == 16
    assert ws["B3"].value == "=SUM('Historique indicateurs'!B2:B5)"
    rule = ws.conditional_formatting["B4"][0]
    assert rule.dxf.fill.bgColor.rgb.endswith("FFC7CE") and rule.dxf.font.color.rgb.endswith(
        "9C0006"
    )
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet3.xml")
        chart = z.read("xl/charts/chart2.xml").decode()
        assert b't="s"' not in sheet and b"tabSelected" not in sheet
        assert "'Historique indicateurs'!$B$2:$B$5" in chart
        with zipfile.ZipFile(original) as before:
            assert z.read("xl/sharedStrings.xml") == before.read("xl/sharedStrings.xml")
    assert _builtin_names(path) == [("_xlnm._FilterDatabase", "2", "Indicateurs!$A$3:$B$4")]
    pdf = soffice.convert(path, "pdf", tmp_path / "pdf1")
    assert pdf[0].stat().st_size > 1000

    order_before = _sheet_order(path)
    styles_before = zipfile.ZipFile(path).read("xl/styles.xml")
    second = Changes()
    second.put_sheet(
        "Indicateurs",
        indicators_source([10, 20, 30, 40, 50], charts=1, title="Indicateurs du jour"),
    )
    commit(path, second, backups=0)
    assert _sheet_order(path) == order_before  # position, sheetId and r:id kept
    assert _builtin_names(path) == [("_xlnm._FilterDatabase", "2", "Indicateurs!$A$3:$B$4")]
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
    assert "xl/charts/chart3.xml" not in names and "xl/charts/chart2.xml" not in names
    assert "xl/charts/chart1.xml" in names  # the user's own chart is untouched
    assert_package_consistent(path)
    assert _charts(path, "Indicateurs") == 1
    assert cells_calamine(path, "Indicateurs")[(1, 1)] == "Indicateurs du jour"
    assert zipfile.ZipFile(path).read("xl/styles.xml") == styles_before  # styles reused
    assert cells_openpyxl(path, "Factures") == cells_openpyxl(original, "Factures")
    pdf = soffice.convert(path, "pdf", tmp_path / "pdf2")
    assert pdf[0].stat().st_size > 1000


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus absent")
def test_put_sheet_into_real_workbook_with_charts_and_vba(tmp_path):
    path = tmp_path / "macro.xlsm"
    shutil.copyfile(CORPUS / "features" / "poi__57181.xlsm", path)
    changes = Changes()
    source = indicators_source([5, 6, 7])
    changes.put_sheet("Indicateurs", source)
    changes.put_sheet("Historique indicateurs", source)
    commit(path, changes, backups=0)
    assert_package_consistent(path)
    with zipfile.ZipFile(path) as z, zipfile.ZipFile(CORPUS / "features" / "poi__57181.xlsm") as o:
        assert z.read("xl/vbaProject.bin") == o.read("xl/vbaProject.bin")
        assert b"sheet.macroEnabled.main+xml" in z.read("[Content_Types].xml")

        def names(data: bytes) -> list[tuple]:
            return [
                (el.get("name"), el.get("localSheetId"), el.get("hidden"), el.text)
                for el in etree.fromstring(data).iter(f"{MAIN}definedName")
            ]

        new_names, old_names = names(z.read("xl/workbook.xml")), names(o.read("xl/workbook.xml"))
    assert new_names[: len(old_names)] == old_names  # every name kept, localSheetId still valid
    index = [n for n, _, _ in _sheet_order(path)].index("Indicateurs")
    assert new_names[len(old_names) :] == [
        ("_xlnm._FilterDatabase", str(index), "1", "Indicateurs!$A$3:$B$4")
    ]
    assert _charts(path, "Indicateurs") == 2


def test_put_sheet_refuses_unsupported_parts_and_bad_names(tmp_path):
    path = target_workbook(tmp_path / "t.xlsx")
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = wb.add_worksheet("Indicateurs")
    ws.add_table("A1:B3", {"columns": [{"header": "a"}, {"header": "b"}]})
    wb.close()
    changes = Changes()
    changes.put_sheet("Indicateurs", buffer.getvalue())
    before = path.read_bytes()
    with pytest.raises(WorkbookWriteError, match="Indicateurs.*non pris en charge \\(table\\)"):
        commit(path, changes, backups=0)
    assert path.read_bytes() == before
    with pytest.raises(WorkbookWriteError, match="Nom de feuille invalide"):
        Changes().put_sheet("x" * 40, b"")


def test_ensure_sheet_and_append_in_same_commit_then_again(tmp_path, soffice):
    path = target_workbook(tmp_path / "j.xlsx")
    changes = Changes()
    changes.ensure_sheet("Journal", ["Date", "Action", "Facture", "Détail"])
    changes.append_rows(
        "Journal",
        [
            [date(2026, 11, 25), "relance", "F-1", "1re relance"],
            [date(2026, 11, 25), "relance", "F-2", None],
        ],
    )
    result = commit(path, changes, backups=0)
    assert result.rows_appended == 2
    assert [n for n, _, _ in _sheet_order(path)][-1] == "Journal"
    again = Changes()
    again.ensure_sheet("Journal", ["ignored"])
    again.append_rows("journal", [[date(2026, 11, 26), "paiement", "F-1", "soldée"]])
    commit(path, again, backups=0)
    cells = cells_openpyxl(path, "Journal")
    assert cells[(1, 1)] == "Date" and cells[(1, 4)] == "Détail"
    assert cells[(2, 1)].date() == date(2026, 11, 25) and cells[(3, 3)] == "F-2"
    assert cells[(4, 2)] == "paiement" and (3, 4) not in cells
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws = openpyxl.load_workbook(path)["Journal"]
    assert ws["A1"].font.b and not ws["A2"].font.b and not ws["B4"].font.b
    assert ws["A2"].number_format == "dd/mm/yyyy"
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["D"].width >= 10
    assert_package_consistent(path)
    csv = soffice.sheets_as_csv(path, tmp_path / "csv")["Journal"]
    assert csv[0] == ["Date", "Action", "Facture", "Détail"]
    assert csv[3][1:3] == ["paiement", "F-1"]
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet3.xml").decode()
    assert re.search(r'<dimension ref="A1:D4"/>', sheet)


def test_long_owned_sheet_keeps_every_row_value_and_style(tmp_path):
    # 4,500 rows: transformed in several batches (a KPI sheet listing thousands of late
    # invoices); shared strings inlined, formats remapped, row formats kept, none lost.
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = wb.add_worksheet("Indicateurs")
    money = wb.add_format({"num_format": "#,##0.00 €", "bold": True})
    shaded = wb.add_format({"bg_color": "#FFC7CE"})
    ws.write_row(0, 0, ["Facture", "Client", "Reste dû"], wb.add_format({"italic": True}))
    for i in range(1, 4501):
        ws.write_row(i, 0, [f"FAC-{i:05d}", "Client « répété »" if i % 2 else f"Client {i}"])
        ws.write_number(i, 2, i + 0.25, money)
        if i % 1000 == 0:
            ws.set_row(i, None, shaded)
    wb.close()
    path = target_workbook(tmp_path / "classeur.xlsx")
    changes = Changes()
    changes.put_sheet("Indicateurs", buffer.getvalue())
    commit(path, changes)
    assert_package_consistent(path)
    values = cells_calamine(path, "Indicateurs")
    assert len(values) == 3 * 4501
    assert [values[(1, c)] for c in (1, 2, 3)] == ["Facture", "Client", "Reste dû"]
    assert [values[(3000, c)] for c in (1, 2, 3)] == ["FAC-02999", "Client « répété »", 2999.25]
    assert [values[(4501, c)] for c in (1, 2, 3)] == ["FAC-04500", "Client 4500", 4500.25]
    book = openpyxl.load_workbook(path)
    sheet = book["Indicateurs"]
    assert sheet["C4321"].number_format == "#,##0.00 €" and sheet["C4321"].font.b
    assert sheet["A1"].font.i
    assert sheet.row_dimensions[3001].fill.fgColor.rgb.endswith("FFC7CE")
    assert cells_calamine(path, "Factures")[(2, 3)] == 100.0


def test_plain_rows_are_imported_exactly_as_the_tree_does(tmp_path, monkeypatch):
    """The rows xlsxwriter writes are transformed as bytes (fast); the result is the same XML
    as the tree transformation: strings inlined (escaped, spaced, rich), formats remapped,
    formulas, numbers, styled blanks and row formats kept."""
    from suivi.workbook import xlsx_import
    from suivi.workbook.xlsx_styles import StyleBook

    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = wb.add_worksheet("Indicateurs")
    bold, money = wb.add_format({"bold": True}), wb.add_format({"num_format": "#,##0.00 €"})
    ws.write_row(0, 0, ["Client & fils <SARL>", "  espacé  ", "12:30", "« guillemets » \"x\""],
                 bold)
    ws.write_rich_string(1, 0, "Reste ", bold, "dû", " : 12 €")
    for i in range(2, 4600):  # several batches
        ws.write_row(i, 0, [f"FAC-{i:05d}", "Client répété" if i % 3 else f"Client {i}"])
        ws.write_number(i, 2, i + 0.5, money)
        ws.write_formula(i, 3, f"=C{i + 1}*2", money, (i + 0.5) * 2)
        ws.write_blank(i, 4, None, bold)
        if i % 997 == 0:
            ws.set_row(i, 20, money)
    wb.close()
    source = buffer.getvalue()
    # the template's styles: the formats are renumbered (none keeps its index)
    template = Path(__file__).parent.parent / "workbook_templates" / "suivi_factures.xlsx"
    styles_xml = zipfile.ZipFile(template).read("xl/styles.xml")

    used = []
    fast = xlsx_import._plain_batch

    def counting(*args):
        result = fast(*args)
        used.append(result is not None)
        return result

    monkeypatch.setattr(xlsx_import, "_plain_batch", counting)
    quick = xlsx_import.import_sheet(source, None, "Indicateurs", "xl/worksheets/sheet9.xml",
                                     set(), StyleBook(styles_xml))
    assert used and all(used), "the rows xlsxwriter writes take the byte path"
    monkeypatch.setattr(xlsx_import, "_plain_batch", lambda *args: None)
    tree = xlsx_import.import_sheet(source, None, "Indicateurs", "xl/worksheets/sheet9.xml",
                                    set(), StyleBook(styles_xml))

    def canonical(xml: bytes) -> bytes:
        return etree.tostring(etree.fromstring(xml), method="c14n")

    assert canonical(quick.xml) == canonical(tree.xml)
    assert b't="s"' not in quick.xml and b"Client &amp; fils &lt;SARL&gt;" in quick.xml
    styles = {int(v) for v in re.findall(rb'<c r="[A-Z]+[0-9]+" s="([0-9]+)"', quick.xml)}
    source_styles = {int(v) for v in re.findall(
        rb'<c r="[A-Z]+[0-9]+" s="([0-9]+)"', zipfile.ZipFile(io.BytesIO(source)).read(
            "xl/worksheets/sheet1.xml"))}
    assert styles and not styles & source_styles, "the formats were renumbered"
