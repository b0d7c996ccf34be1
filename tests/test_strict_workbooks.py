"""Workbooks saved by Excel as « Classeur Strict Open XML » (ISO 29500 strict).

Their parts live in the `http://purl.oclc.org/ooxml/…` namespaces and their dates are stored as
ISO 8601 text (`t="d"`). suivi reads them like any workbook; what it writes into one (its
sheets, charts, relationships, the statuses and the results of the formulas they change) must
be strict too, or Excel meets parts it does not expect in the package."""

from __future__ import annotations

import re
import zipfile
from datetime import date, timedelta

import pytest
import xlsxwriter
from click.testing import CliRunner

from suivi.cli import cli

T = "http://schemas.openxmlformats.org/"
S = "http://purl.oclc.org/ooxml/"
# what Excel's Save As « Strict Open XML » changes (ISO/IEC 29500-1), written out for the test
STRICT = [
    (T + "officeDocument/2006/relationships/extended-properties",
     S + "officeDocument/relationships/extendedProperties"),
    (T + "officeDocument/2006/relationships", S + "officeDocument/relationships"),
    (T + "officeDocument/2006/extended-properties", S + "officeDocument/extendedProperties"),
    (T + "officeDocument/2006/docPropsVTypes", S + "officeDocument/docPropsVTypes"),
    (T + "spreadsheetml/2006/main", S + "spreadsheetml/main"),
    (T + "drawingml/2006/main", S + "drawingml/main"),
]
EPOCH = date(1899, 12, 30)
DUE = date(2026, 10, 1)


def transitional_tracker(path):
    """A tracker as Excel keeps it: shared strings, dates, and a formula on the Statut."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Factures")
    day = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_row(0, 0, ["N° facture", "Date", "Client", "Montant TTC", "Échéance", "Statut",
                        "Email", "À rappeler le", "Montant réglé"])
    rows = [("F-001", date(2026, 9, 1), "Dupont SARL", 1200, DUE, "compta@dupont.example", 0),
            ("F-002", date(2026, 9, 15), "Martin SA", 350.5, date(2026, 10, 15),
             "a@martin.example", 350.5)]
    for r, (number, issued, client, amount, due, mail, paid) in enumerate(rows, start=1):
        ws.write_string(r, 0, number)
        ws.write_datetime(r, 1, issued, day)
        ws.write_string(r, 2, client)
        ws.write_number(r, 3, amount)
        ws.write_datetime(r, 4, due, day)
        ws.write_string(r, 6, mail)
        ws.write_formula(r, 7, f'=IF(F{r + 1}="en retard",E{r + 1}+15,"")', day, "")
        ws.write_number(r, 8, paid)
    wb.close()
    return path


def make_strict(src, dst):
    """The same workbook as Excel saves it in strict: namespaces, relationship types, the
    conformance attribute, and dates as ISO text."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            text = zin.read(info).decode("utf-8")
            for transitional, strict in STRICT:
                text = text.replace(transitional, strict)
            if info.filename == "xl/workbook.xml":
                text = text.replace("<workbook ", '<workbook conformance="strict" ', 1)
            if info.filename.startswith("xl/worksheets/sheet"):
                text = re.sub(r'<c r="([BE]\d+)" s="(\d+)"><v>(\d+)</v></c>', _iso, text)
            zout.writestr(info, text.encode("utf-8"))
    return dst


def _iso(m):
    day = EPOCH + timedelta(days=int(m.group(3)))
    return f'<c r="{m.group(1)}" s="{m.group(2)}" t="d"><v>{day.isoformat()}T00:00:00</v></c>'


def transitional_uris(book):
    """Part → the transitional namespaces or relationship types found in it."""
    found = {}
    with zipfile.ZipFile(book) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels")) and name != "[Content_Types].xml":
                uris = set(re.findall(r"http://schemas\.openxmlformats\.org/[\w/.-]+",
                                      z.read(name).decode("utf-8")))
                uris = {u for u in uris if "/package/2006/" not in u
                        and "/markup-compatibility/" not in u}
                if uris:
                    found[name] = sorted(uris)
    return found


@pytest.fixture
def strict_book(tmp_path):
    made = make_strict(transitional_tracker(tmp_path / "t.xlsx"), tmp_path / "suivi_factures.xlsx")
    assert "<v>2026-10-01T00:00:00</v>" in zipfile.ZipFile(made).read(
        "xl/worksheets/sheet1.xml").decode()
    assert not transitional_uris(made)
    return made


def run(book, day="2026-12-01"):
    return CliRunner().invoke(cli, ["run", str(book), "--date", day], catch_exceptions=False)


def test_the_daily_run_keeps_a_strict_workbook_strict(strict_book, soffice, tmp_path):
    result = run(strict_book)
    assert result.exit_code == 0, result.output
    assert transitional_uris(strict_book) == {}
    with zipfile.ZipFile(strict_book) as z:
        workbook = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
    assert workbook.count('conformance="strict"') == 1
    assert rels.count(S + "officeDocument/relationships/worksheet") == 5  # Factures + 4 added
    sheets = soffice.sheets_as_csv(strict_book, tmp_path / "lo")
    factures = {row[0]: row for row in sheets["Factures"][1:]}
    assert factures["F-001"][5] == "en retard"
    assert factures["F-002"][5] == "réglée"
    assert [row[1] for row in sheets["Journal"][1:]] == ["F-001"]
    assert "Indicateurs" in sheets and "Relances à envoyer" in sheets


def test_formulas_over_iso_dates_get_their_result(strict_book):
    """« À rappeler le » = Échéance + 15 once suivi writes « en retard » in the Statut: the
    cached result (what the next reading sees before Excel recomputes) is that day's serial,
    not a formula error from adding 15 to a text."""
    assert run(strict_book).exit_code == 0
    sheet = zipfile.ZipFile(strict_book).read("xl/worksheets/sheet1.xml").decode()
    cell = re.search(r'<c r="H2"[^>]*>(.*?)</c>', sheet).group(1)
    assert re.search(r"<v>([^<]*)</v>", cell).group(1) == str((DUE - EPOCH).days + 15)


def test_a_strict_workbook_is_read_back_the_next_day(strict_book):
    assert run(strict_book).exit_code == 0
    again = run(strict_book, "2026-12-02")
    assert again.exit_code == 0, again.output
    assert transitional_uris(strict_book) == {}
    check = CliRunner().invoke(cli, ["check", str(strict_book), "--date", "2026-12-02"])
    assert "2 factures" in check.output
