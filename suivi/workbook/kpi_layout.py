"""Layout of the Indicateurs and Historique indicateurs sheets: names, formats, widths, and the
small writers that put values in cells (xlsxwriter)."""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from suivi.core.kpi import KpiReport

SHEET = "Indicateurs"
HISTORY_SHEET = "Historique indicateurs"

MONEY = '#,##0.00 "€"'
DATE = "dd/mm/yyyy"
DAYS = "0.0"
RATE = "0.0%"
COUNT = "0"
NUMBER = "0.00"
NUM_FORMATS = {"money": MONEY, "days": DAYS, "rate": RATE, "count": COUNT, "number": NUMBER,
               "date": DATE}

MONTHS_FR = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
             "nov.", "déc.")

# Column widths (characters) of the Indicateurs sheet: A holds labels and numbers, then numbers.
FIRST_WIDTH = 34
SECOND_WIDTH = 22
OTHER_WIDTH = 14
CHART_HEIGHT = 300  # pixels
CHART_ROWS = 16  # rows of 20 px (15 pt) reserved for the chart band


class Formats:
    """The cell formats of both sheets, created once per workbook."""

    def __init__(self, wb: xlsxwriter.Workbook) -> None:
        base = {"font_name": "Calibri", "font_size": 10, "valign": "top"}
        cell = {**base, "border": 1, "border_color": "#D9D9D9"}
        heading = {**base, "bold": True, "bg_color": "#D9E1F2", "border": 1,
                   "border_color": "#8EA9DB"}
        self.title = wb.add_format({**base, "bold": True, "font_size": 16, "font_color": "#1F3864",
                                    "valign": "vcenter"})
        self.subtitle = wb.add_format({**base, "italic": True, "font_color": "#595959",
                                       "valign": "vcenter"})
        self.section = wb.add_format({**base, "bold": True, "font_size": 12,
                                      "font_color": "#FFFFFF", "bg_color": "#1F3864",
                                      "valign": "vcenter"})
        self.note = wb.add_format({**base, "italic": True, "font_color": "#404040",
                                   "text_wrap": True})
        self.header = wb.add_format({**heading, "text_wrap": True})
        self.header_num = wb.add_format({**heading, "text_wrap": True, "align": "right"})
        self.text = wb.add_format(cell)
        self.label = wb.add_format({**cell, "bold": True})
        self.definition = wb.add_format({**cell, "text_wrap": True, "font_color": "#404040",
                                         "indent": 1})
        self.header_definition = wb.add_format({**heading, "indent": 1})
        self.missing = wb.add_format({**cell, "align": "right", "font_color": "#808080"})
        self.alert = wb.add_format({**cell, "bold": True, "font_color": "#C00000",
                                    "align": "center"})
        self.center = wb.add_format({**cell, "align": "center"})
        self.numbers = {kind: wb.add_format({**cell, "num_format": fmt})
                        for kind, fmt in NUM_FORMATS.items()}
        self.totals = {kind: wb.add_format({**cell, "num_format": fmt, "bold": True, "top": 2})
                       for kind, fmt in NUM_FORMATS.items()}
        self.total_label = wb.add_format({**cell, "bold": True, "top": 2})


class Cells:
    """Writes values of one worksheet with the format of their kind."""

    def __init__(self, ws: Worksheet, fmt: Formats) -> None:
        self.ws = ws
        self.fmt = fmt

    def value(self, row: int, col: int, value: object, kind: str, *, total: bool = False,
              blank: bool = False) -> None:
        """Write a Decimal/int/date with the format of its kind.

        No value is shown as "—", or left blank with `blank` (the history sheet, where charts must
        see a gap rather than text).
        """
        ws, fmt = self.ws, self.fmt
        formats = fmt.totals if total else fmt.numbers
        if value is None:
            if blank:
                ws.write_blank(row, col, None, formats[kind])
            else:
                ws.write_string(row, col, "—", fmt.missing)
        elif kind == "date":
            assert isinstance(value, date)
            ws.write_datetime(row, col, datetime(value.year, value.month, value.day),
                              formats["date"])
        else:
            # floats only at the file edge: Excel stores IEEE doubles
            ws.write_number(row, col, float(value), formats[kind])  # type: ignore[arg-type]


class SheetWriter(Cells):
    """Writes the Indicateurs sheet top to bottom, keeping the next free row."""

    def __init__(self, ws: Worksheet, fmt: Formats, widths: Sequence[float]) -> None:
        super().__init__(ws, fmt)
        self.widths = widths
        self.width = len(widths)  # number of columns used by the widest table
        self.row = 0

    def merged_text(self, text: str, cell_format: Any, first_col: int = 0,
                    min_lines: int = 1) -> None:
        """Text merged across the sheet width; the row is made tall enough for it to wrap."""
        chars = sum(self.widths[first_col:])
        lines = max(min_lines, math.ceil(len(text) / max(chars, 1)))
        self.ws.merge_range(self.row, first_col, self.row, self.width - 1, text, cell_format)
        self.ws.set_row(self.row, 14 * lines + 3)

    def section(self, title: str, definition: str | None = None) -> None:
        self.row += 1
        self.ws.merge_range(self.row, 0, self.row, self.width - 1, title, self.fmt.section)
        self.ws.set_row(self.row, 20)
        self.row += 1
        if definition:
            self.merged_text(definition, self.fmt.note)
            self.row += 1

    def header(self, labels: Sequence[str], text_columns: Iterable[int] = (0,)) -> None:
        """Column headers: left-aligned over text columns, right-aligned over numbers."""
        text = set(text_columns)
        for col, label in enumerate(labels):
            self.ws.write_string(self.row, col, label,
                                 self.fmt.header if col in text else self.fmt.header_num)
        self.ws.set_row(self.row, 28)
        self.row += 1

    def text(self, col: int, text: str, cell_format: Any = None) -> None:
        """A text cell on the current row (plain table text by default)."""
        self.ws.write_string(self.row, col, text, cell_format or self.fmt.text)

    def at(self, col: int, value: object, kind: str, *, total: bool = False) -> None:
        """A value on the current row."""
        self.value(self.row, col, value, kind, total=total)


def column_letters(index: int) -> str:
    """0 → "A", 27 → "AB"."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def range_ref(sheet: str, first_row: int, col: int, last_row: int) -> str:
    """Absolute A1 range of one column on `sheet`, from 0-based coordinates."""
    return (f"'{sheet}'!${column_letters(col)}${first_row + 1}:"
            f"${column_letters(col)}${last_row + 1}")


def month_label(day: date) -> str:
    return f"{MONTHS_FR[day.month - 1]} {day.year}"


def column_widths(report: KpiReport) -> list[float]:
    """Widths (characters) of the Indicateurs columns, widened to the longest texts they hold.

    Columns serve several tables: A labels, client names and invoice numbers; B values and the
    late table's client; F, I and J the late table's last action, step and status.
    """
    columns = max(2 + len(report.aging) + 5, 10)  # the per-client table is the widest
    widths = [float(FIRST_WIDTH), float(SECOND_WIDTH)] + [float(OTHER_WIDTH)] * (columns - 2)
    late = report.late_invoices

    def fit(col: int, texts: Iterable[str | None], cap: int) -> None:
        longest = max((len(text) for text in texts if text), default=0)
        widths[col] = max(widths[col], min(cap, longest * 0.9 + 2))

    fit(0, [c.name for c in report.clients] + [i.number for i in late], 45)
    fit(1, [i.client for i in late], 35)
    fit(5, [i.last_action for i in late], 34)
    fit(8, [i.step_label for i in late], 24)
    fit(9, [i.status_label for i in late], 36)
    return widths


def pixels(width: float) -> int:
    """Column width in characters → pixels, as Excel and xlsxwriter count them."""
    return int(width * 7 + 5)
