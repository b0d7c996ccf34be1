"""The "Indicateurs" and "Historique indicateurs" sheets, built with xlsxwriter.

`build_kpi_workbook(report, history_rows)` returns the bytes of a small workbook holding the two
sheets under the names they have in the master workbook (their charts refer to sheets by name);
the lossless writer transplants them with `Changes.put_sheet(name, data)`.

`read_history(rows)` reads the existing history sheet back from its cell values (as python-calamine
gives them), so that earlier rows are kept as they are; `history_with` (re-exported from
suivi.core.kpi) adds or replaces the row of the day.

The sheet is laid out by `kpi_layout` (formats, widths), filled by `kpi_tables` and `kpi_history`,
and charted by `kpi_charts`.
"""
from __future__ import annotations

import io
from collections.abc import Iterable

import xlsxwriter

from suivi.core.kpi import HistoryRow, KpiReport, history_with

from .kpi_charts import ChartSources, add_charts
from .kpi_history import read_history, write_history
from .kpi_layout import HISTORY_SHEET, SHEET, Formats, SheetWriter, column_widths
from .kpi_tables import write_tables

__all__ = ["SHEET", "HISTORY_SHEET", "build_kpi_workbook", "read_history", "history_with"]


def build_kpi_workbook(report: KpiReport, history_rows: Iterable[HistoryRow] = ()) -> bytes:
    """Bytes of an .xlsx with the "Indicateurs" and "Historique indicateurs" sheets.

    `history_rows` are the rows already in the history sheet (`read_history`), with or without
    today's row: the row of `report.today` is added or replaced. The Indicateurs sheet holds the
    headline indicators with their definitions, the aging, the monthly invoiced/collected table,
    the forecast, the payment rate after each reminder step, the per-client table and the late
    invoices, and three native charts (aging, DSO trend read from the history sheet, invoiced
    versus collected by month).
    """
    rows = history_with(report, history_rows)
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    fmt = Formats(wb)
    ws = wb.add_worksheet(SHEET)
    hs = wb.add_worksheet(HISTORY_SHEET)
    history_range = write_history(hs, rows, fmt)
    widths = column_widths(report)
    for col, chars in enumerate(widths):
        ws.set_column(col, col, chars)
    ws.hide_gridlines(2)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    tables = write_tables(SheetWriter(ws, fmt, widths), report)
    add_charts(wb, ws, report, ChartSources(tables, history_range, [row.date for row in rows]),
               widths)
    wb.close()
    return buffer.getvalue()
