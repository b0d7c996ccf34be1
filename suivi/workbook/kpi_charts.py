"""The three native charts of the Indicateurs sheet: aging, DSO trend (read from the history
sheet), invoiced versus collected by month. They sit side by side in the band kept for them."""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import xlsxwriter
from xlsxwriter.chart import Chart
from xlsxwriter.worksheet import Worksheet

from suivi.core.kpi import HISTORY_COLUMNS, KpiReport

from .kpi_layout import CHART_HEIGHT, HISTORY_SHEET, SHEET, pixels, range_ref
from .kpi_tables import Placement


@dataclass(frozen=True, slots=True)
class ChartSources:
    """What the charts read: the tables' rows, the history rows and their dates."""

    tables: Placement
    history: tuple[int, int]
    history_dates: Sequence[date]


def add_charts(wb: xlsxwriter.Workbook, ws: Worksheet, report: KpiReport,
               sources: ChartSources, widths: Sequence[float]) -> None:
    """Insert the charts side by side in the chart band, over the sheet's width."""
    gap = 10
    band = sum(pixels(chars) for chars in widths)
    chart_width = (band - 8 - 2 * gap) // 3
    aging = _aging_chart(wb, report, sources.tables.aging)  # created in this order: chart1…
    dso = _dso_chart(wb, sources.history, sources.history_dates)
    month = _month_chart(wb, report, sources.tables.months)
    for index, chart in enumerate((aging, month, dso)):
        chart.set_size({"width": chart_width, "height": CHART_HEIGHT})
        chart.set_chartarea({"border": {"color": "#BFBFBF"}})
        ws.insert_chart(sources.tables.chart_row, 0, chart, {
            "x_offset": 4 + index * (chart_width + gap), "y_offset": 6, "object_position": 3})


def _aging_chart(wb: xlsxwriter.Workbook, report: KpiReport, rows: tuple[int, int]) -> Chart:
    first, last = rows
    chart = wb.add_chart({"type": "column"})
    assert chart is not None
    chart.add_series({
        "name": "Reste dû",
        "categories": range_ref(SHEET, first, 0, last),
        "values": range_ref(SHEET, first, 1, last),
        "fill": {"color": "#2F5597"},
        "data_labels": {"value": True, "num_format": '#,##0 "€"', "font": {"size": 8}},
        "points": [{"fill": {"color": "#70AD47"}}] + [
            {"fill": {"color": color}} for color in _reds(len(report.aging) - 1)],
    })
    _style(chart, "Balance âgée (reste dû)", money=True)
    chart.set_legend({"none": True})
    return chart


def _dso_chart(wb: xlsxwriter.Workbook, rows: tuple[int, int], dates: Sequence[date]) -> Chart:
    first, last = rows
    chart = wb.add_chart({"type": "line"})
    assert chart is not None
    columns = {column.attr: index for index, column in enumerate(HISTORY_COLUMNS)}
    for attr, name, color in (("dso_simple", "DSO simple", "#2F5597"),
                              ("dso_exhaustion", "DSO épuisement", "#ED7D31")):
        chart.add_series({
            "name": name,
            "categories": range_ref(HISTORY_SHEET, first, 0, last),
            "values": range_ref(HISTORY_SHEET, first, columns[attr], last),
            "line": {"color": color, "width": 2.25},
            "marker": {"type": "circle", "size": 5, "fill": {"color": color},
                       "border": {"color": color}},
        })
    _style(chart, "Évolution du DSO (jours)", money=False)
    chart.show_blanks_as("span")  # a day without a value is skipped, not drawn as zero
    chart.set_x_axis(_date_axis(dates))
    chart.set_legend({"position": "bottom", "font": {"size": 8}})
    return chart


def _month_chart(wb: xlsxwriter.Workbook, report: KpiReport, rows: tuple[int, int]) -> Chart:
    first, last = rows
    chart = wb.add_chart({"type": "column"})
    assert chart is not None
    for col, name, color in ((1, "Facturé TTC", "#2F5597"), (2, "Encaissé", "#70AD47")):
        chart.add_series({
            "name": name,
            "categories": range_ref(SHEET, first, 0, last),
            "values": range_ref(SHEET, first, col, last),
            "fill": {"color": color},
            "gap": 60,
        })
    _style(chart, f"Facturé et encaissé ({len(report.monthly)} mois)", money=True)
    chart.set_x_axis({"num_font": {"size": 8, "rotation": -45}})
    chart.set_legend({"position": "bottom", "font": {"size": 8}})
    return chart


def _date_axis(dates: Sequence[date]) -> dict[str, Any]:
    """X axis of the DSO trend: a date axis with at most about ten labels."""
    first, last = min(dates), max(dates)
    span = (last - first).days
    if span <= 10:
        unit, unit_type = 1, "days"
    elif span <= 70:
        unit, unit_type = 7, "days"
    else:
        unit, unit_type = max(1, math.ceil(span / 30.4 / 10)), "months"
    axis: dict[str, Any] = {
        "date_axis": True, "major_unit": unit, "major_unit_type": unit_type,
        "num_format": "dd/mm/yy", "num_font": {"size": 8, "rotation": -45},
        "major_gridlines": {"visible": False},
    }
    if span:
        axis["min"] = datetime(first.year, first.month, first.day)
        axis["max"] = datetime(last.year, last.month, last.day)
    return axis


def _reds(count: int) -> list[str]:
    """Colours from orange to dark red for the overdue buckets."""
    palette = ["#FFC000", "#ED7D31", "#E0474C", "#C00000", "#7F0000", "#5A0000", "#400000",
               "#300000", "#200000"]
    if count <= len(palette):
        return palette[:count]
    return palette + [palette[-1]] * (count - len(palette))


def _style(chart: Chart, title: str, money: bool) -> None:
    chart.set_title({"name": title, "name_font": {"size": 11, "bold": True}})
    chart.set_y_axis({
        "num_format": '#,##0 "€"' if money else "0",
        "num_font": {"size": 8},
        "major_gridlines": {"visible": True, "line": {"color": "#E0E0E0"}},
    })
    chart.set_x_axis({"num_font": {"size": 8}})
