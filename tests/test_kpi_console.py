"""The indicators printed in the terminal (rich), in French and in English."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from rich.console import Console
from test_kpi_compute import inv
from test_kpi_workbook import make_report

from suivi.cli.kpi_view import LATE_ROWS, format_value, render_kpi_console
from suivi.core.kpi import KpiSettings, compute_kpis

NB = "\u00a0"
NN = "\u202f"


def rendered(report, lang: str = "fr") -> str:
    console = Console(record=True, width=140, color_system=None)
    render_kpi_console(report, console, lang=lang)
    return console.export_text()


def test_french_table():
    text = rendered(make_report())
    assert "Indicateurs au 15/03/2025 (période de 90 jours)" in text
    assert "Encours total" in text and f"15{NN}300,00{NB}€" in text
    assert "DSO (épuisement du CA)" in text and f"121,3{NB}j" in text  # 121.25 half up
    assert "Taux d'impayés" in text and f"71,7{NB}%" in text
    assert "Balance âgée" in text and "> 90 j" in text and f"6{NN}000,00{NB}€" in text
    assert "Factures en retard (3)" in text
    lines = text.splitlines()
    f5 = next(line for line in lines if line.strip().startswith("F5"))
    assert "Beta SA" in f5 and "14/11/2024" in f5 and f"121{NB}j" in f5 and "Mise en demeure" in f5


def test_english_labels():
    text = rendered(make_report(), lang="en")
    assert "Indicators on 2025-03-15 (90-day period)" in text
    assert "Total receivables" in text and "€15,300.00" in text
    assert "Unpaid rate" in text and f"71.7{NB}%" in text
    assert "Aging" in text and "Not due" in text and "> 90 d" in text
    assert "Overdue invoices (3)" in text and "Formal notice" in text
    assert "Encours" not in text


def test_long_late_list_is_cut():
    invoices = [
        inv(i, f"L{i:02d}", "Client", date(2025, 1, 1), date(2025, 2, 1), "10")
        for i in range(2, 2 + LATE_ROWS + 5)
    ]
    report = compute_kpis(invoices, [], [], {}, None, date(2025, 3, 15), KpiSettings())
    text = rendered(report)
    assert f"Factures en retard ({LATE_ROWS + 5})" in text
    assert "… et 5 autres (voir la feuille Indicateurs)" in text


def test_nothing_late_and_values_not_computable():
    report = compute_kpis([], [], [], {}, None, date(2025, 3, 15), KpiSettings())
    text = rendered(report)
    assert "Aucune facture en retard." in text
    dso = next(line for line in text.splitlines() if "DSO (méthode simple)" in line)
    assert dso.rstrip().endswith("—")


def test_format_value():
    assert format_value(Decimal("1234.5"), "money") == f"1{NN}234,50{NB}€"
    assert format_value(Decimal("38.55"), "days") == f"38,6{NB}j"
    assert format_value(Decimal("0.71672"), "rate") == f"71,7{NB}%"
    assert format_value(Decimal("0.71672"), "rate", "en") == f"71.7{NB}%"
    assert format_value(Decimal("0.71649"), "rate") == f"71,6{NB}%"  # rounded once, not twice
    assert format_value(3, "count") == "3"
    assert format_value(None, "days") == "—"
