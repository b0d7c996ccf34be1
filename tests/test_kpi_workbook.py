"""The Indicateurs and Historique indicateurs sheets: contents, formats, charts, history rows."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from python_calamine import CalamineWorkbook
from test_kpi_compute import TODAY, inv, ledger

from suivi.core.kpi import (
    INDICATORS,
    HistoryRow,
    KpiSettings,
    compute_kpis,
    history_row,
    history_with,
)
from suivi.workbook.kpi_sheet import HISTORY_SHEET, SHEET, build_kpi_workbook, read_history

D = Decimal


def make_report(today: date = TODAY, extra_invoices=()):
    invoices, payments, journal, clients = ledger()
    return compute_kpis(
        list(invoices) + list(extra_invoices),
        payments,
        journal,
        clients,
        None,
        today,
        KpiSettings(),
    )


def previous_rows() -> list[HistoryRow]:
    """Two earlier runs, one with a user's own column."""
    return [
        HistoryRow(
            date(2025, 3, 1),
            receivables=D("14000.5"),
            overdue=D("9000"),
            not_due=D("5000.5"),
            invoiced=D("15000"),
            collected=D("6000"),
            dso_simple=D("84"),
            dso_exhaustion=D("110.2"),
            dmp=D("40"),
            dmp_weighted=D("37.5"),
            average_days_late=D("12.3"),
            unpaid_rate=D("0.6"),
            collection_rate=D("0.4"),
            overdue_count=2,
            extra=(("Commentaire", "avant relances"),),
        ),
        HistoryRow(
            date(2025, 3, 8),
            receivables=D("15000"),
            dso_simple=D("90.5"),
            dso_exhaustion=None,
            overdue_count=3,
            extra=(("Commentaire", "x"),),
        ),
    ]


def sheet_rows(data: bytes, name: str) -> list[list[Any]]:
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(name).to_python()


@pytest.fixture(scope="module")
def built() -> tuple[object, bytes]:
    report = make_report()
    return report, build_kpi_workbook(report, previous_rows())


def test_sheet_names_and_title(built):
    _, data = built
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    assert book.sheet_names == [SHEET, HISTORY_SHEET] == ["Indicateurs", "Historique indicateurs"]
    rows = sheet_rows(data, SHEET)
    assert rows[0][0] == "Indicateurs de suivi des factures clients"
    assert "15/03/2025" in rows[1][0] and "16/12/2024" in rows[1][0]


def test_every_indicator_has_its_value_and_definition_beside_it(built):
    report, data = built
    rows = sheet_rows(data, SHEET)
    by_label = {row[0]: row for row in rows if row and isinstance(row[0], str)}
    header = next(row for row in rows if row[:3] == ["Indicateur", "Valeur", "Définition"])
    assert header
    for indicator in INDICATORS:
        row = by_label[indicator.label]
        assert row[2] == indicator.definition, indicator.key
    assert by_label["Encours total"][1] == 15300.0
    assert by_label["Encours échu"][1] == 10500.0
    assert by_label["DSO (épuisement du CA)"][1] == 121.25
    assert by_label["Factures en retard"][1] == 3.0
    assert by_label["Taux d'impayés"][1] == pytest.approx(10500 / 14650)


def test_tables(built):
    _, data = built
    rows = sheet_rows(data, SHEET)
    labels = [row[0] for row in rows]
    aging = labels.index("Non échu")
    assert [rows[aging + i][:3] for i in range(5)] == [
        ["Non échu", 4800.0, 1.0],
        ["1–30 j", 4500.0, 2.0],
        ["31–60 j", 0.0, 0.0],
        ["61–90 j", 0.0, 0.0],
        ["> 90 j", 6000.0, 1.0],
    ]
    assert rows[aging + 5][:2] == ["Total", 15300.0]
    march = labels.index("mars 2025")
    assert rows[march][:3] == ["mars 2025", 4800.0, 1650.0]
    assert labels[march - 11] == "avr. 2024"
    client = labels.index("Alpha SARL")
    header = rows[client - 1]
    assert header[:7] == ["Client", "Encours", "Non échu", "1–30 j", "31–60 j", "61–90 j", "> 90 j"]
    alpha = dict(zip(header, rows[client], strict=False))
    assert alpha["Encours"] == 6800.0
    assert alpha["Score de fiabilité (0–100)"] == 47.0
    assert alpha["Plafond dépassé"] == "Oui"
    late = labels.index("F5")
    assert rows[late][:5] == ["F5", "Beta SA", 6000.0, date(2024, 11, 14), 121.0]
    assert rows[late][5:10] == [
        "Mise en demeure (courrier)",
        date(2024, 12, 14),
        4.0,
        "Mise en demeure",
        "en retard (121 j)",
    ]
    assert [rows[late + i][0] for i in range(3)] == ["F5", "F9", "F3"]
    week = labels.index("Semaine 1")
    assert rows[week][:5] == ["Semaine 1", date(2025, 3, 15), date(2025, 3, 21), 2000.0, 1.0]


def test_formats_freeze_and_charts(built):
    _, data = built
    book = openpyxl.load_workbook(io.BytesIO(data))  # loaded only to look, never saved
    ws = book[SHEET]
    assert ws.freeze_panes == "A3"  # the title stays visible
    assert len(ws._charts) == 3
    cells = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    assert ws.cell(cells["Encours total"], 2).number_format == '#,##0.00 "€"'
    assert ws.cell(cells["Taux d'impayés"], 2).number_format == "0.0%"
    assert ws.cell(cells["DMP (délai moyen de paiement)"], 2).number_format == "0.0"
    assert ws.cell(cells["F5"], 4).number_format == "dd/mm/yyyy"
    assert ws.column_dimensions["A"].width > 30
    hs = book[HISTORY_SHEET]
    assert hs.freeze_panes == "B2"
    assert hs.cell(2, 1).number_format == "dd/mm/yyyy"
    assert hs.cell(2, 2).number_format == '#,##0.00 "€"'
    assert hs.cell(2, 12).number_format == "0.0%"


def test_chart_series_refer_to_the_right_ranges(built):
    _, data = built
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        charts = [
            archive.read(name).decode()
            for name in sorted(archive.namelist())
            if re.fullmatch(r"xl/charts/chart\d+\.xml", name)
        ]
    assert len(charts) == 3
    kinds = sorted(
        "line" if "<c:lineChart>" in xml else "bar"
        for xml in charts
        if "<c:lineChart>" in xml or "<c:barChart>" in xml
    )
    assert kinds == ["bar", "bar", "line"]
    line = next(xml for xml in charts if "<c:lineChart>" in xml)
    # three history rows (01/03, 08/03 and today) in rows 2–4 of the history sheet
    assert "<c:f>'Historique indicateurs'!$A$2:$A$4</c:f>" in line
    assert "<c:f>'Historique indicateurs'!$G$2:$G$4</c:f>" in line  # DSO simple
    assert "<c:f>'Historique indicateurs'!$H$2:$H$4</c:f>" in line  # DSO épuisement
    bars = [xml for xml in charts if "<c:barChart>" in xml]
    assert all("<c:f>'Indicateurs'!" in xml for xml in bars)
    assert sum(xml.count("<c:ser>") for xml in bars) == 3  # aging + (invoiced, collected)


def test_history_round_trip_keeps_previous_rows(built):
    report, data = built
    rows = sheet_rows(data, HISTORY_SHEET)
    assert rows[0][:2] == ["Date", "Encours total"] and rows[0][-1] == "Commentaire"
    history = read_history(rows)
    assert history == history_with(report, previous_rows())
    assert [r.date for r in history] == [date(2025, 3, 1), date(2025, 3, 8), TODAY]
    assert history[0] == previous_rows()[0]  # user's column included
    today_row = history[2]
    assert today_row.receivables == D("15300")
    assert today_row.dso_simple == D("94.0")  # stored at a tenth of a day
    assert today_row.unpaid_rate == D("0.7167")
    assert today_row.overdue_count == 3


def test_second_run_same_day_replaces_only_that_row(built):
    _, first = built
    previous = read_history(sheet_rows(first, HISTORY_SHEET))
    # later the same day an invoice of 1 000 € was added
    extra = inv(20, "F20", "Gamma", date(2025, 3, 14), date(2025, 4, 13), "1000")
    report = make_report(extra_invoices=[extra])
    second = build_kpi_workbook(report, previous)
    rows_before = sheet_rows(first, HISTORY_SHEET)
    rows_after = sheet_rows(second, HISTORY_SHEET)
    assert len(rows_after) == len(rows_before) == 4
    assert rows_after[:3] == rows_before[:3]  # header and earlier dates identical, cell by cell
    assert rows_after[3][0] == TODAY
    assert rows_after[3][1] == 16300.0  # 15 300 + 1 000
    # the next day a row is added
    third = build_kpi_workbook(make_report(date(2025, 3, 16)), read_history(rows_after))
    rows_third = sheet_rows(third, HISTORY_SHEET)
    assert rows_third[:4] == rows_after and rows_third[4][0] == date(2025, 3, 16)


def test_read_history_tolerates_titles_other_orders_text_and_extra_columns():
    rows: list[list[object]] = [
        ["Historique de mes indicateurs", "", ""],
        [],
        [
            "Notes",
            "DSO épuisement (j)",
            "date",
            "Encours total",
            "Taux d'impayés",
            "Factures en retard",
            "Mon calcul",
        ],
        ["début", 120.5, "01/02/2025", "12 345,50 €", "12,5 %", 4.0, 3.14],
        ["", "", "", "", "", "", ""],  # blank row
        # Excel serial 45719 = 45658 (01/01/2025) + 61 = 03/03, short row
        [None, None, 45719.0, 100.0, 0.25, None],
        ["pas une date", 1.0, "n'importe quoi", 1.0, 1.0, 1.0, 1.0],
        ["", "", datetime(2025, 3, 10, 0, 0), "abc", "", "", ""],  # unreadable amount → None
    ]
    history = read_history(rows)
    assert history == [
        HistoryRow(
            date(2025, 2, 1),
            receivables=D("12345.50"),
            dso_exhaustion=D("120.5"),
            unpaid_rate=D("0.125"),
            overdue_count=4,
            extra=(("Notes", "début"), ("Mon calcul", 3.14)),
        ),
        HistoryRow(
            date(2025, 3, 3),
            receivables=D("100"),
            unpaid_rate=D("0.25"),
            extra=(("Notes", None), ("Mon calcul", None)),
        ),
        HistoryRow(
            date(2025, 3, 10), receivables=None, extra=(("Notes", None), ("Mon calcul", None))
        ),
    ]


def test_read_history_without_header_uses_suivi_order():
    rows = [[date(2025, 3, 1), 100.0, 60.0, 40.0]]
    assert read_history(rows) == [
        HistoryRow(date(2025, 3, 1), receivables=D("100"), overdue=D("60"), not_due=D("40"))
    ]
    assert read_history([]) == []


def test_history_with_replaces_same_date_and_keeps_user_columns():
    report = make_report()
    old_today = HistoryRow(TODAY, receivables=D("1"), extra=(("Commentaire", "garder"),))
    rows = history_with(report, [old_today, *previous_rows()])
    assert [r.date for r in rows] == [date(2025, 3, 1), date(2025, 3, 8), TODAY]
    assert rows[2] == replace(history_row(report), extra=(("Commentaire", "garder"),))
    assert rows[:2] == previous_rows()


def test_empty_report_builds():
    report = compute_kpis([], [], [], {}, {}, TODAY, KpiSettings())
    data = build_kpi_workbook(report, [])
    rows = sheet_rows(data, SHEET)
    labels = [row[0] for row in rows]
    assert "Aucune facture en retard." in labels
    by_label = {row[0]: row for row in rows}
    assert by_label["DSO (méthode simple)"][1] == "—"
    assert len(openpyxl.load_workbook(io.BytesIO(data))[SHEET]._charts) == 3
