"""The "Indicateurs" and "Historique indicateurs" sheets, built with xlsxwriter.

`build_kpi_workbook(report, history_rows)` returns the bytes of a small workbook holding the two
sheets under the names they have in the master workbook (their charts refer to sheets by name);
the lossless writer transplants them with `Changes.put_sheet(name, data)`.

`read_history(rows)` reads the existing history sheet back from its cell values (as python-calamine
gives them), so that earlier rows are kept as they are; `history_with` (re-exported from
suivi.core.kpi) adds or replaces the row of the day.
"""
from __future__ import annotations

import io
import math
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Iterable, Sequence

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from suivi.core.kpi import (
    HISTORY_COLUMNS,
    INDICATORS,
    SECTION_DEFINITIONS,
    HistoryRow,
    KpiReport,
    history_with,
)
from suivi.core.values import ValueProblem, decimal_from_number, parse_amount, parse_date, parse_percent

__all__ = ["SHEET", "HISTORY_SHEET", "build_kpi_workbook", "read_history", "history_with"]

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


def _fold(text: object) -> str:
    value = unicodedata.normalize("NFKD", str(text))
    value = "".join(ch for ch in value if not unicodedata.combining(ch))
    return " ".join(value.casefold().replace("'", " ").replace("’", " ").split())


# ---------------------------------------------------------------------------------------------
# Reading the existing history sheet
# ---------------------------------------------------------------------------------------------

_HEADER_ALIASES = {_fold(column.header): column for column in HISTORY_COLUMNS} | {
    _fold(column.attr): column for column in HISTORY_COLUMNS
}


def _cell_decimal(value: object, kind: str) -> Decimal | None:
    """A number cell read back: floats through their 15-digit text, texts parsed the French way."""
    if value is None or value == "":
        return None
    try:
        if isinstance(value, bool):
            return None
        if isinstance(value, (int, float)):
            return decimal_from_number(value)
        if kind == "rate":
            text = str(value)
            number = parse_percent(text)
            if number is None:
                return None
            return number / 100 if "%" in text or abs(number) >= 1 else number
        return parse_amount(value)
    except (ValueProblem, ArithmeticError):
        return None


def _cell_date(value: object) -> date | None:
    try:
        return parse_date(value)
    except (ValueProblem, ValueError, OverflowError):
        return None


def _cell_value(cells: Sequence[object], position: int) -> object:
    """The cell at `position` as read, None when empty or beyond the row."""
    value = cells[position] if position < len(cells) else None
    return None if value == "" else value


def read_history(rows: Sequence[Sequence[object]]) -> list[HistoryRow]:
    """Rows of the "Historique indicateurs" sheet (cell values) → HistoryRow, in sheet order.

    The header row is the first row with a "Date" cell; columns are recognised by their header
    (in any order), and cells of other columns are kept in `HistoryRow.extra`. Without a header,
    the columns are taken in suivi's own order. Rows without a readable date are skipped; a cell
    that cannot be read becomes None instead of stopping the run.
    """
    header_index = -1
    for index, row in enumerate(rows):
        if any(_fold(cell) == "date" for cell in row if isinstance(cell, str)):
            header_index = index
            break
    if header_index >= 0:
        header = [cell if isinstance(cell, str) else ("" if cell is None else str(cell))
                  for cell in rows[header_index]]
        body = rows[header_index + 1:]
    else:
        header = [column.header for column in HISTORY_COLUMNS]
        body = rows
    known: dict[int, Any] = {}
    extras: list[tuple[int, str]] = []
    for position, text in enumerate(header):
        column = _HEADER_ALIASES.get(_fold(text)) if text else None
        if column is not None and column not in known.values():
            known[position] = column
        elif text and text.strip():
            extras.append((position, text.strip()))
    date_position = next((p for p, c in known.items() if c.attr == "date"), None)
    if date_position is None:
        return []
    result = []
    for row in body:
        cells = list(row)
        day = _cell_date(cells[date_position]) if date_position < len(cells) else None
        if day is None:
            continue
        values: dict[str, Any] = {"date": day}
        for position, column in known.items():
            if column.attr == "date" or position >= len(cells):
                continue
            cell = cells[position]
            if column.kind == "count":
                number = _cell_decimal(cell, "count")
                values[column.attr] = int(number) if number is not None else None
            else:
                values[column.attr] = _cell_decimal(cell, column.kind)
        extra = tuple((text, _cell_value(cells, position)) for position, text in extras)
        result.append(HistoryRow(**values, extra=extra))
    return result


# ---------------------------------------------------------------------------------------------
# Building the two sheets
# ---------------------------------------------------------------------------------------------


class _Formats:
    """The cell formats of both sheets, created once per workbook."""

    def __init__(self, wb: xlsxwriter.Workbook) -> None:
        base = {"font_name": "Calibri", "font_size": 10, "valign": "top"}
        self.title = wb.add_format({**base, "bold": True, "font_size": 16, "font_color": "#1F3864",
                                    "valign": "vcenter"})
        self.subtitle = wb.add_format({**base, "italic": True, "font_color": "#595959",
                                       "valign": "vcenter"})
        self.section = wb.add_format({**base, "bold": True, "font_size": 12, "font_color": "#FFFFFF",
                                      "bg_color": "#1F3864", "valign": "vcenter"})
        self.note = wb.add_format({**base, "italic": True, "font_color": "#404040", "text_wrap": True})
        self.header = wb.add_format({**base, "bold": True, "bg_color": "#D9E1F2", "border": 1,
                                     "border_color": "#8EA9DB", "text_wrap": True})
        self.header_num = wb.add_format({**base, "bold": True, "bg_color": "#D9E1F2", "border": 1,
                                         "border_color": "#8EA9DB", "text_wrap": True,
                                         "align": "right"})
        self.text = wb.add_format({**base, "border": 1, "border_color": "#D9D9D9"})
        self.label = wb.add_format({**base, "border": 1, "border_color": "#D9D9D9", "bold": True})
        self.definition = wb.add_format({**base, "border": 1, "border_color": "#D9D9D9",
                                         "text_wrap": True, "font_color": "#404040", "indent": 1})
        self.header_definition = wb.add_format({**base, "bold": True, "bg_color": "#D9E1F2",
                                                "border": 1, "border_color": "#8EA9DB",
                                                "indent": 1})
        self.missing = wb.add_format({**base, "border": 1, "border_color": "#D9D9D9",
                                      "align": "right", "font_color": "#808080"})
        self.alert = wb.add_format({**base, "border": 1, "border_color": "#D9D9D9", "bold": True,
                                    "font_color": "#C00000", "align": "center"})
        self.center = wb.add_format({**base, "border": 1, "border_color": "#D9D9D9",
                                     "align": "center"})
        self.numbers = {kind: wb.add_format({**base, "border": 1, "border_color": "#D9D9D9",
                                             "num_format": fmt})
                        for kind, fmt in NUM_FORMATS.items()}
        self.totals = {kind: wb.add_format({**base, "border": 1, "border_color": "#D9D9D9",
                                            "num_format": fmt, "bold": True, "top": 2})
                       for kind, fmt in NUM_FORMATS.items()}
        self.total_label = wb.add_format({**base, "border": 1, "border_color": "#D9D9D9",
                                          "bold": True, "top": 2})


def _value(ws: Worksheet, row: int, col: int, value: object, kind: str, fmt: _Formats,
           total: bool = False, blank: bool = False) -> None:
    """Write a Decimal/int/date with the format of its kind.

    No value is shown as "—", or left blank with `blank` (the history sheet, where charts must see
    a gap rather than text).
    """
    formats = fmt.totals if total else fmt.numbers
    if value is None:
        if blank:
            ws.write_blank(row, col, None, formats[kind])
        else:
            ws.write_string(row, col, "—", fmt.missing)
    elif kind == "date":
        ws.write_datetime(row, col, datetime(value.year, value.month, value.day), formats["date"])
    else:
        # floats only at the file edge: Excel stores IEEE doubles
        ws.write_number(row, col, float(value), formats[kind])


def _col(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _ref(sheet: str, first_row: int, col: int, last_row: int, last_col: int | None = None) -> str:
    """Absolute A1 range on `sheet` from 0-based coordinates."""
    last_col = col if last_col is None else last_col
    return (f"'{sheet}'!${_col(col)}${first_row + 1}:${_col(last_col)}${last_row + 1}")


def _month_label(day: date) -> str:
    return f"{MONTHS_FR[day.month - 1]} {day.year}"


class _SheetWriter:
    """Writes the Indicateurs sheet top to bottom, keeping the next free row."""

    def __init__(self, ws: Worksheet, fmt: _Formats, widths: Sequence[float]) -> None:
        self.ws = ws
        self.fmt = fmt
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
    fmt = _Formats(wb)
    ws = wb.add_worksheet(SHEET)
    hs = wb.add_worksheet(HISTORY_SHEET)
    history_range = _write_history(hs, rows, fmt)
    _write_indicators(wb, ws, report, fmt, history_range, [row.date for row in rows])
    wb.close()
    return buffer.getvalue()


def _write_history(hs: Worksheet, rows: Sequence[HistoryRow], fmt: _Formats) -> tuple[int, int]:
    """Fill the history sheet; return the 0-based first and last data rows."""
    extra_headers: list[str] = []
    for row in rows:
        for text, _ in row.extra:
            if text not in extra_headers:
                extra_headers.append(text)
    headers = [column.header for column in HISTORY_COLUMNS] + extra_headers
    for col, text in enumerate(headers):
        hs.write_string(0, col, text, fmt.header if col == 0 else fmt.header_num)
    hs.set_row(0, 30)
    for r, row in enumerate(rows, start=1):
        for col, column in enumerate(HISTORY_COLUMNS):
            _value(hs, r, col, getattr(row, column.attr), column.kind, fmt, blank=True)
        extras = dict(row.extra)
        for offset, text in enumerate(extra_headers):
            value = extras.get(text)
            col = len(HISTORY_COLUMNS) + offset
            if value is None or value == "":
                continue
            if isinstance(value, datetime):
                hs.write_datetime(r, col, value, fmt.numbers["date"])
            elif isinstance(value, date):
                hs.write_datetime(r, col, datetime(value.year, value.month, value.day),
                                  fmt.numbers["date"])
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                hs.write_number(r, col, value, fmt.text)
            else:
                hs.write(r, col, value, fmt.text)
    hs.set_column(0, 0, 12)
    hs.set_column(1, len(headers) - 1, 15)
    hs.freeze_panes(1, 1)
    hs.set_landscape()
    hs.fit_to_pages(1, 0)
    return 1, len(rows)


def _write_indicators(wb: xlsxwriter.Workbook, ws: Worksheet, report: KpiReport, fmt: _Formats,
                      history_range: tuple[int, int], history_dates: Sequence[date]) -> None:
    n_buckets = len(report.aging)
    widths = _column_widths(report)
    width = len(widths)
    out = _SheetWriter(ws, fmt, widths)
    for col, chars in enumerate(widths):
        ws.set_column(col, col, chars)
    ws.hide_gridlines(2)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)

    # --- title (frozen) --------------------------------------------------------------------
    ws.merge_range(0, 0, 0, width - 1, "Indicateurs de suivi des factures clients", fmt.title)
    ws.set_row(0, 28)
    today = report.today
    subtitle = (f"Calculés le {today:%d/%m/%Y} — période : {report.period_days} jours, "
                f"du {report.period_start:%d/%m/%Y} au {today:%d/%m/%Y}. "
                f"Montants TTC ; définitions dans la colonne « Définition ».")
    ws.merge_range(1, 0, 1, width - 1, subtitle, fmt.subtitle)
    ws.set_row(1, 18)
    ws.freeze_panes(2, 0)
    out.row = 2

    # --- headline indicators ---------------------------------------------------------------
    out.section("Indicateurs principaux")
    ws.write_string(out.row, 0, "Indicateur", fmt.header)
    ws.write_string(out.row, 1, "Valeur", fmt.header_num)
    ws.merge_range(out.row, 2, out.row, width - 1, "Définition", fmt.header_definition)
    out.row += 1
    for indicator in INDICATORS:
        definition = indicator.definition
        if indicator.key == "dso_exhaustion" and report.dso_exhaustion_capped:
            definition += (" Plafonné : l'encours dépasse le CA des mois remontés "
                           "(valeur minimale).")
        ws.write_string(out.row, 0, indicator.label, fmt.label)
        _value(ws, out.row, 1, report.value(indicator.key), indicator.kind, fmt)
        out.merged_text(definition, fmt.definition, first_col=2)
        out.row += 1

    # --- chart band (charts read the tables below and the history sheet) ---------------------
    out.section("Graphiques")
    chart_row = out.row
    out.row += CHART_ROWS
    for r in range(chart_row, out.row):
        ws.set_row(r, 15)  # 15 points = 20 pixels

    # --- aging -----------------------------------------------------------------------------
    out.section("Balance âgée", SECTION_DEFINITIONS["aging"])
    out.header(["Tranche", "Reste dû", "Factures", "Part de l'encours"])
    aging_first = out.row
    for bucket in report.aging:
        ws.write_string(out.row, 0, bucket.label, fmt.text)
        _value(ws, out.row, 1, bucket.amount, "money", fmt)
        _value(ws, out.row, 2, bucket.count, "count", fmt)
        share = bucket.amount / report.receivables if report.receivables > 0 else None
        _value(ws, out.row, 3, share, "rate", fmt)
        out.row += 1
    aging_last = out.row - 1
    ws.write_string(out.row, 0, "Total", fmt.total_label)
    _value(ws, out.row, 1, report.receivables, "money", fmt, total=True)
    _value(ws, out.row, 2, sum(b.count for b in report.aging), "count", fmt, total=True)
    _value(ws, out.row, 3, Decimal(1) if report.receivables > 0 else None, "rate", fmt, total=True)
    out.row += 1

    # --- monthly invoiced / collected --------------------------------------------------------
    out.section("Facturé et encaissé par mois", SECTION_DEFINITIONS["monthly"])
    out.header(["Mois", "Facturé TTC", "Encaissé"])
    month_first = out.row
    for flow in report.monthly:
        ws.write_string(out.row, 0, _month_label(flow.month), fmt.text)
        _value(ws, out.row, 1, flow.invoiced, "money", fmt)
        _value(ws, out.row, 2, flow.collected, "money", fmt)
        out.row += 1
    month_last = out.row - 1

    # --- forecast --------------------------------------------------------------------------
    out.section(f"Prévision d'encaissements ({len(report.forecast)} semaines)",
                SECTION_DEFINITIONS["forecast"])
    out.header(["Semaine", "Du", "Au", "Montant attendu", "Factures"])
    for index, week in enumerate(report.forecast, start=1):
        ws.write_string(out.row, 0, f"Semaine {index}", fmt.text)
        _value(ws, out.row, 1, week.start, "date", fmt)
        _value(ws, out.row, 2, week.end, "date", fmt)
        _value(ws, out.row, 3, week.amount, "money", fmt)
        _value(ws, out.row, 4, week.count, "count", fmt)
        out.row += 1
    for label, amount in (("Au-delà", report.forecast_later),
                          ("Incertain (hors prévision)", report.forecast_uncertain)):
        ws.write_string(out.row, 0, label, fmt.text)
        for col in (1, 2, 4):
            ws.write_blank(out.row, col, None, fmt.text)
        _value(ws, out.row, 3, amount, "money", fmt)
        out.row += 1
    ws.write_string(out.row, 0, "Total prévu sur la période", fmt.total_label)
    for col in (1, 2, 4):
        ws.write_blank(out.row, col, None, fmt.total_label)
    _value(ws, out.row, 3, report.forecast_total, "money", fmt, total=True)
    out.row += 1

    # --- reminder steps --------------------------------------------------------------------
    out.section("Règlement après chaque étape de relance", SECTION_DEFINITIONS["steps"])
    out.header(["Étape", "Factures ayant atteint l'étape", "Soldées sans étape suivante",
                "Taux de règlement"])
    for rate in report.step_rates:
        ws.write_string(out.row, 0, rate.label, fmt.text)
        _value(ws, out.row, 1, rate.reached, "count", fmt)
        _value(ws, out.row, 2, rate.paid, "count", fmt)
        _value(ws, out.row, 3, rate.rate, "rate", fmt)
        out.row += 1

    # --- clients ---------------------------------------------------------------------------
    out.section("Clients : encours, balance âgée et fiabilité", SECTION_DEFINITIONS["clients"])
    labels = ["Client", "Encours"] + [b.label for b in report.aging] + [
        "Retard moyen (j)", "Factures en retard", "Score de fiabilité (0–100)", "Plafond d'encours",
        "Plafond dépassé"]
    out.header(labels, text_columns=(0, len(labels) - 1))
    client_first = out.row
    for client in report.clients:
        ws.write_string(out.row, 0, client.name, fmt.text)
        _value(ws, out.row, 1, client.receivables, "money", fmt)
        for offset, amount in enumerate(client.aging):
            _value(ws, out.row, 2 + offset, amount, "money", fmt)
        col = 2 + n_buckets
        _value(ws, out.row, col, client.average_days_late, "days", fmt)
        _value(ws, out.row, col + 1, client.late_count, "count", fmt)
        _value(ws, out.row, col + 2, client.score, "count", fmt)
        _value(ws, out.row, col + 3, client.credit_limit, "money", fmt)
        if client.over_limit:
            ws.write_string(out.row, col + 4, "Oui", fmt.alert)
        else:
            ws.write_string(out.row, col + 4, "Non" if client.credit_limit is not None else "—",
                            fmt.center)
        out.row += 1
    if report.clients:
        score_col = 2 + n_buckets + 2
        ws.conditional_format(client_first, score_col, out.row - 1, score_col, {
            "type": "3_color_scale", "min_type": "num", "min_value": 0, "mid_type": "num",
            "mid_value": 50, "max_type": "num", "max_value": 100, "min_color": "#F8696B",
            "mid_color": "#FFEB84", "max_color": "#63BE7B"})
    else:
        out.merged_text("Aucun client avec un encours ou un historique de paiement.", fmt.note)
        out.row += 1

    # --- late invoices ---------------------------------------------------------------------
    out.section(f"Factures en retard ({len(report.late_invoices)})", SECTION_DEFINITIONS["late"])
    out.header(["N° facture", "Client", "Reste dû", "Échéance", "Jours de retard",
                "Dernière action", "Date de l'action", "Actions", "Étape actuelle", "Statut"],
               text_columns=(0, 1, 5, 8, 9))
    late_first = out.row
    for late in report.late_invoices:
        ws.write_string(out.row, 0, late.number, fmt.text)
        ws.write_string(out.row, 1, late.client, fmt.text)
        _value(ws, out.row, 2, late.amount_due, "money", fmt)
        _value(ws, out.row, 3, late.due_date, "date", fmt)
        _value(ws, out.row, 4, late.days_late, "count", fmt)
        ws.write_string(out.row, 5, late.last_action or "—", fmt.text)
        _value(ws, out.row, 6, late.last_action_date, "date", fmt)
        _value(ws, out.row, 7, late.actions_count, "count", fmt)
        ws.write_string(out.row, 8, late.step_label, fmt.text)
        ws.write_string(out.row, 9, late.status_label, fmt.text)
        out.row += 1
    if report.late_invoices:
        ws.autofilter(late_first - 1, 0, out.row - 1, 9)
    else:
        out.merged_text("Aucune facture en retard.", fmt.note)
        out.row += 1

    # --- charts ----------------------------------------------------------------------------
    gap = 10
    band = sum(_pixels(chars) for chars in widths)
    chart_width = (band - 8 - 2 * gap) // 3
    aging_chart = wb.add_chart({"type": "column"})
    aging_chart.add_series({
        "name": "Reste dû",
        "categories": _ref(SHEET, aging_first, 0, aging_last),
        "values": _ref(SHEET, aging_first, 1, aging_last),
        "fill": {"color": "#2F5597"},
        "data_labels": {"value": True, "num_format": '#,##0 "€"', "font": {"size": 8}},
        "points": [{"fill": {"color": "#70AD47"}}] + [
            {"fill": {"color": color}} for color in _reds(len(report.aging) - 1)],
    })
    _style(aging_chart, "Balance âgée (reste dû)", money=True)
    aging_chart.set_legend({"none": True})

    first, last = history_range
    dso_chart = wb.add_chart({"type": "line"})
    columns = {column.attr: index for index, column in enumerate(HISTORY_COLUMNS)}
    for attr, name, color in (("dso_simple", "DSO simple", "#2F5597"),
                              ("dso_exhaustion", "DSO épuisement", "#ED7D31")):
        dso_chart.add_series({
            "name": name,
            "categories": _ref(HISTORY_SHEET, first, 0, last),
            "values": _ref(HISTORY_SHEET, first, columns[attr], last),
            "line": {"color": color, "width": 2.25},
            "marker": {"type": "circle", "size": 5, "fill": {"color": color},
                       "border": {"color": color}},
        })
    _style(dso_chart, "Évolution du DSO (jours)", money=False)
    dso_chart.show_blanks_as("span")  # a day without a value is skipped, not drawn as zero
    dso_chart.set_x_axis(_date_axis(history_dates))
    dso_chart.set_legend({"position": "bottom", "font": {"size": 8}})

    month_chart = wb.add_chart({"type": "column"})
    for col, name, color in ((1, "Facturé TTC", "#2F5597"), (2, "Encaissé", "#70AD47")):
        month_chart.add_series({
            "name": name,
            "categories": _ref(SHEET, month_first, 0, month_last),
            "values": _ref(SHEET, month_first, col, month_last),
            "fill": {"color": color},
            "gap": 60,
        })
    _style(month_chart, f"Facturé et encaissé ({len(report.monthly)} mois)", money=True)
    month_chart.set_x_axis({"num_font": {"size": 8, "rotation": -45}})
    month_chart.set_legend({"position": "bottom", "font": {"size": 8}})

    for index, chart in enumerate((aging_chart, month_chart, dso_chart)):
        chart.set_size({"width": chart_width, "height": CHART_HEIGHT})
        chart.set_chartarea({"border": {"color": "#BFBFBF"}})
        ws.insert_chart(chart_row, 0, chart, {"x_offset": 4 + index * (chart_width + gap),
                                             "y_offset": 6, "object_position": 3})


def _column_widths(report: KpiReport) -> list[float]:
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


def _pixels(width: float) -> int:
    """Column width in characters → pixels, as Excel and xlsxwriter count them."""
    return int(width * 7 + 5)


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
    return palette[:count] if count <= len(palette) else palette + [palette[-1]] * (count - len(palette))


def _style(chart: Any, title: str, money: bool) -> None:
    chart.set_title({"name": title, "name_font": {"size": 11, "bold": True}})
    chart.set_y_axis({
        "num_format": '#,##0 "€"' if money else "0",
        "num_font": {"size": 8},
        "major_gridlines": {"visible": True, "line": {"color": "#E0E0E0"}},
    })
    chart.set_x_axis({"num_font": {"size": 8}})
