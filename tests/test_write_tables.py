"""Appending under Excel Tables, filtered ranges, conditional formats and validations."""

from __future__ import annotations

import warnings
import zipfile
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
import xlsxwriter
from lxml import etree
from test_write_helpers import cells_calamine, parts_diff

from suivi.workbook import Changes, WorkbookWriteError, commit

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def tracker(path, *, totals: bool = False, extra_rows: int = 0):
    """Factures: a Table A1:D4 (+ optional totals row / empty rows), CF and validation on it;
    Relances: a plain range with an autofilter (and its _FilterDatabase name)."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Factures")
    dates = wb.add_format({"num_format": "dd/mm/yyyy"})
    rows = [
        ["F-1", date(2026, 1, 5), 120.0, "Émise"],
        ["F-2", date(2026, 2, 5), 80.5, "Réglée"],
        ["F-3", date(2026, 3, 5), 99.9, "Émise"],
    ]
    last = 1 + len(rows) + extra_rows
    options: dict[str, object] = {
        "name": "Suivi",
        "data": rows,
        "columns": [
            {"header": "N°"},
            {"header": "Date", "format": dates},
            ({"header": "TTC", "total_function": "sum"} if totals else {"header": "TTC"}),
            {"header": "Statut"},
        ],
    }
    if totals:
        options["total_row"] = True
        last += 1
    ws.add_table(f"A1:D{last}", options)
    ws.conditional_format(
        f"C2:C{1 + len(rows)}",
        {"type": "cell", "criteria": ">", "value": 100, "format": wb.add_format({"bold": True})},
    )
    ws.data_validation(f"D2:D{1 + len(rows)}", {"validate": "list", "source": ["Émise", "Réglée"]})
    other = wb.add_worksheet("Relances")
    other.write_row(0, 0, ["Facture", "Niveau"])
    other.write_row(1, 0, ["F-1", 1])
    other.write_row(2, 0, ["F-3", 2])
    other.autofilter("A1:B3")
    wb.close()
    return path


def _xml(path, part):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(part))


def test_table_autofilter_cf_and_validation_grow_with_appended_rows(tmp_path, soffice):
    path = tracker(tmp_path / "t.xlsx")
    before = tmp_path / "before.xlsx"
    before.write_bytes(path.read_bytes())
    changes = Changes()
    changes.append_rows(
        "Factures",
        [
            ["F-4", date(2026, 4, 5), Decimal("10.00"), "Émise"],
            ["F-5", date(2026, 5, 5), Decimal("20.00"), "Émise"],
        ],
    )
    changes.append_rows("Relances", [["F-4", 1]])
    commit(path, changes, backups=0)

    added, removed, changed = parts_diff(before, path)
    assert changed == {
        "xl/worksheets/sheet1.xml",
        "xl/worksheets/sheet2.xml",
        "xl/tables/table1.xml",
        "xl/workbook.xml",
    }
    table = _xml(path, "xl/tables/table1.xml")
    assert table.get("ref") == "A1:D6"
    assert table.find(f"{MAIN}autoFilter").get("ref") == "A1:D6"
    sheet = _xml(path, "xl/worksheets/sheet1.xml")
    assert sheet.find(f"{MAIN}conditionalFormatting").get("sqref") == "C2:C6"
    assert sheet.find(f"{MAIN}dataValidations/{MAIN}dataValidation").get("sqref") == "D2:D6"
    assert sheet.find(f"{MAIN}dimension").get("ref") == "A1:D6"
    relances = _xml(path, "xl/worksheets/sheet2.xml")
    assert relances.find(f"{MAIN}autoFilter").get("ref") == "A1:B4"
    names = {
        el.get("name"): el.text for el in _xml(path, "xl/workbook.xml").iter(f"{MAIN}definedName")
    }
    assert names["_xlnm._FilterDatabase"] == "Relances!$A$1:$B$4"

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path)
    assert wb["Factures"].tables["Suivi"].ref == "A1:D6"
    assert wb["Factures"]["B6"].number_format == "dd/mm/yyyy"  # column format of the table
    values = cells_calamine(path, "Factures")
    assert values[(6, 1)] == "F-5" and values[(6, 3)] == 20
    csv = soffice.sheets_as_csv(path, tmp_path / "csv")
    # LibreOffice's CSV export writes dates month first (its en-US locale), for the original
    # rows too: 5 January is "01/05/2026".
    assert csv["Factures"][1][1] == "01/05/2026"
    assert csv["Factures"][4] == ["F-4", "04/05/2026", "10", "Émise"]
    assert csv["Relances"][3] == ["F-4", "1"]


def test_table_with_empty_data_rows_grows_only_past_its_end(tmp_path):
    path = tracker(tmp_path / "t.xlsx", extra_rows=1)  # table A1:D5, row 5 empty
    changes = Changes()
    changes.append_rows("Factures", [["F-4"], ["F-5"]])
    commit(path, changes, backups=0)
    assert _xml(path, "xl/tables/table1.xml").get("ref") == "A1:D6"
    assert cells_calamine(path, "Factures")[(5, 1)] == "F-4"


def test_table_with_totals_row_refuses_append(tmp_path):
    path = tracker(tmp_path / "t.xlsx", totals=True)
    before = path.read_bytes()
    changes = Changes()
    changes.append_rows("Factures", [["F-4"]])
    with pytest.raises(WorkbookWriteError, match="« Suivi » .* ligne de totaux.*relancez suivi"):
        commit(path, changes)
    assert path.read_bytes() == before
    assert not (tmp_path / ".suivi").exists()
    # editing cells of that sheet is still fine
    fine = Changes()
    fine.set_cell("Factures", "D2", "Réglée")
    commit(path, fine, backups=0)
    assert cells_calamine(path, "Factures")[(2, 4)] == "Réglée"


def test_headers_written_beside_a_table_widen_it(tmp_path, soffice):
    """The columns suivi adds right of a team's table (Statut, Niveau de relance…) become the
    table's: left outside, they stayed put when the team sorted or filtered the table, and each
    row's reminder history went to another invoice."""
    path = tracker(tmp_path / "t.xlsx", totals=True)  # Suivi: A1:D5, a totals row
    changes = Changes()
    changes.set_cell("Factures", "E1", "Niveau de relance")
    changes.set_cell("Factures", "F1", "Date dernière action")
    changes.set_cell("Factures", "E2", 2)
    changes.set_cell("Factures", "F2", date(2026, 11, 30))
    commit(path, changes, backups=0)
    table = _xml(path, "xl/tables/table1.xml")
    assert table.get("ref") == "A1:F5"
    assert table.find(f"{MAIN}autoFilter").get("ref") == "A1:F4"  # above the totals row
    columns = table.find(f"{MAIN}tableColumns")
    assert columns.get("count") == "6"
    assert [(c.get("id"), c.get("name")) for c in columns][4:] == [
        ("5", "Niveau de relance"), ("6", "Date dernière action")]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path)
    assert wb["Factures"].tables["Suivi"].ref == "A1:F5"
    csv = soffice.sheets_as_csv(path, tmp_path / "csv")
    assert csv["Factures"][0] == ["N°", "Date", "TTC", "Statut", "Niveau de relance",
                                  "Date dernière action"]


def test_a_table_is_not_widened_over_a_name_it_has_or_a_gap(tmp_path):
    path = tracker(tmp_path / "t.xlsx")  # Suivi: A1:D4, its own « Statut » in D
    changes = Changes()
    changes.set_cell("Factures", "E1", "statut")  # a second Statut: Excel wants unique names
    changes.set_cell("Factures", "H1", "Relances")  # not beside the table
    commit(path, changes, backups=0)
    assert _xml(path, "xl/tables/table1.xml").get("ref") == "A1:D4"
