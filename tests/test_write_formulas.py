"""Formulas show the right value everywhere: when suivi writes a cell, the formulas of the row that
depend on it get their cached result recomputed (when suivi can compute it) or dropped (then any
program opening the file computes it); a formula kept on purpose stays; the others keep their
bytes. LibreOffice, which shows cached results, is the judge."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from suivi.workbook.formula_eval import XlError, evaluate
from suivi.workbook.formula_parse import dependencies, parse_formula, translate
from suivi.workbook.template import MasterData, master_bytes
from suivi.workbook.write import Changes, write_changes

ROW = {"G": Decimal("120"), "J": Decimal("50.5"), "C": "Dupont", "E": None, "K": True}


def lookup(ref, row, col):
    letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[col - 1]
    return ROW.get(letter)


@pytest.mark.parametrize(
    "formula, expected",
    [
        ('=IF(G2="","",G2-N(J2))', Decimal("69.5")),
        ('=IF(E2="","",E2-N(J2))', ""),
        ("=ROUND(G2*1.055,2)", Decimal("126.60")),
        ("=SUM(G2,J2,E2)", Decimal("170.5")),
        ("=MAX(G2:J2)", Decimal("120")),  # texts and empties in a range are skipped
        ('=IF(AND(G2>100,C2="dupont"),"gros","petit")', "gros"),  # texts compare without case
        ("=N(C2)+N(K2)", Decimal("1")),
        ("=G2/0", XlError("#DIV/0!")),
        ("=IFERROR(G2/0,-1)", Decimal("-1")),
        ('=C2&" SARL"', "Dupont SARL"),
        ("=-2^2", Decimal("4")),  # Excel: negation before the power
        ("=10%*G2", Decimal("12.0")),
        ("=ISBLANK(E2)", True),
    ],
)
def test_the_evaluator_follows_excel(formula, expected):
    assert evaluate(parse_formula(formula), lookup) == expected


def test_references_and_translation():
    deps = dependencies("=SUM(Factures!L2:L100)+'Mes données'!$B$3+TauxTVA")
    assert [(r.sheet, str(r.area)) for r in deps.refs] == [("Factures", "L2:L100"),
                                                            ("Mes données", "B3")]
    assert deps.opaque  # a defined name: it may depend on anything
    assert not dependencies('=IF(G2="A1","",G2)').opaque
    assert [str(r.area) for r in dependencies('=IF(G2="A1","",G2)').refs] == ["G2", "G2"]
    assert translate('=IF(G2="","",G2-N($J$2)+J$1)', 3, 1) == '=IF(H5="","",H5-N($J$2)+K$1)'


def _template_with(rows: list[list]) -> bytes:
    return master_bytes(MasterData(invoices=[r + [None] * (24 - len(r)) for r in rows]))


INVOICE = ["FAC2026-001", date(2026, 1, 5), "Dupont", "Audit", Decimal("100"), Decimal("20"),
           Decimal("120"), "30 jours", date(2026, 2, 4), None, None, None, "émise"]


def _cell(path: Path, ref: str) -> str:
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    return re.search(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)', xml).group(0)


def test_writing_montant_regle_recomputes_reste_du(tmp_path):
    path = tmp_path / "t.xlsx"
    path.write_bytes(_template_with([INVOICE, INVOICE, INVOICE]))
    changes = Changes()
    changes.set_cell("Factures", "J2", Decimal("50.5"))
    changes.set_cell("Factures", "L2", Decimal("69.5"), keep_formula=True)  # the formula stays
    changes.set_cell("Factures", "G3", None)  # no total: the template's formula says ""
    changes.set_cell("Factures", "M4", "réglée")  # the Reste dû does not depend on Statut
    untouched = _cell(path, "L4")
    write_changes(path, changes, backups=0)
    assert _cell(path, "L2") == '<c r="L2" s="3"><f>IF(G2="","",G2-N(J2))</f><v>69.5</v></c>'
    assert _cell(path, "L3") == '<c r="L3" s="3" t="str"><f>IF(G3="","",G3-N(J3))</f><v></v></c>'
    assert _cell(path, "L4") == untouched
    values = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Factures").to_python()
    assert values[1][11] == 69.5 and values[2][11] == ""


def test_a_formula_suivi_cannot_compute_loses_its_stale_result(tmp_path):
    path = tmp_path / "t.xlsx"
    path.write_bytes(_template_with([INVOICE]))
    # give row 2 formulas of the user: one needs today's date, one another sheet, one nothing
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    extra = ('<c r="N2"><f>TODAY()-I2+N(J2)</f><v>300</v></c>'
             '<c r="O2" t="str"><f>IF(J2&gt;0,Clients!A2,"")</f><v></v></c>'
             '<c r="P2"><f>G2*2</f><v>240</v></c>')
    sheet = re.sub(r'(<c r="M2"[^>]*>.*?</c>)', lambda m: m.group(1) + extra, sheet, count=1)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    changes = Changes()
    changes.set_cell("Factures", "J2", Decimal("20"))
    write_changes(path, changes, backups=0)
    assert _cell(path, "N2") == '<c r="N2"><f>TODAY()-I2+N(J2)</f></c>'
    assert _cell(path, "O2") == '<c r="O2"><f>IF(J2&gt;0,Clients!A2,"")</f></c>'
    assert _cell(path, "P2") == '<c r="P2"><f>G2*2</f><v>240</v></c>'  # depends on nothing written
    assert _cell(path, "L2").endswith("<v>100</v></c>")


def _book_with_totals(path: Path) -> None:
    """Factures (the template's Reste dû in L), a total under it, a total of TTC (G), a summary
    block right of the table, and a dashboard sheet reading Factures."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Factures")
    ws.write_row(0, 0, ["N° facture", "Client", "", "", "", "", "Montant TTC", "", "",
                        "Montant réglé", "", "Reste dû"])
    for r, (ttc, paid) in enumerate([(120, 0), (200, 50)], start=1):
        ws.write(r, 0, f"FAC2026-00{r}")
        ws.write_number(r, 6, ttc)
        ws.write_number(r, 9, paid)
        ws.write_formula(r, 11, f'=IF(G{r + 1}="","",G{r + 1}-N(J{r + 1}))', None, ttc - paid)
    ws.write_formula(4, 11, "=SUM(L2:L3)", None, 270)
    ws.write_formula(4, 6, "=SUM(G2:G3)", None, 320)
    ws.write_formula(0, 14, "=COUNTIF(L:L,\">0\")", None, 3)
    board = wb.add_worksheet("Tableau de bord")
    board.write_formula(0, 0, "=SUM(Factures!L:L)", None, 540)
    board.write_formula(1, 0, "=A1*2", None, 1080)
    board.write_formula(2, 0, "=Factures!G5", None, 320)
    wb.close()


def test_formulas_of_other_rows_and_sheets_that_depend_on_a_write_lose_their_result(tmp_path,
                                                                                     soffice):
    path = tmp_path / "totaux.xlsx"
    _book_with_totals(path)
    changes = Changes()
    changes.set_cell("Factures", "J2", Decimal("120"))
    write_changes(path, changes, backups=0)
    assert _cell(path, "L2") == '<c r="L2"><f>IF(G2="","",G2-N(J2))</f><v>0</v></c>'
    assert _cell(path, "L5") == '<c r="L5"><f>SUM(L2:L3)</f></c>'       # dropped: computed
    assert _cell(path, "G5") == '<c r="G5"><f>SUM(G2:G3)</f><v>320</v></c>'  # unrelated
    assert _cell(path, "O1") == '<c r="O1"><f>COUNTIF(L:L,"&gt;0")</f></c>'
    with zipfile.ZipFile(path) as z:
        board = z.read("xl/worksheets/sheet2.xml").decode()
    assert '<c r="A1"><f>SUM(Factures!L:L)</f></c>' in board
    assert '<c r="A2"><f>A1*2</f></c>' in board  # through A1
    assert '<c r="A3"><f>Factures!G5</f><v>320</v></c>' in board
    shown = soffice.sheets_as_csv(path, tmp_path / "csv")
    assert shown["Factures"][4][11] == "150"
    assert shown["Factures"][0][14] == "2"  # L3 and the total L5 are above 0, L2 is 0 now
    # L:L holds the rows' Reste dû (0 and 150) and their total (150)
    assert [row[0] for row in shown["Tableau de bord"]] == ["300", "600", "320"]
