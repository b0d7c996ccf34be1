"""The « Rapprochement » sheet, built with xlsxwriter: one row per bank credit suivi did not
apply, for a person to decide (Valider Oui/Non, Facture(s)). Written in the run's language;
the reader knows the headers of both.

`build_review_workbook(rows, lang)` returns the bytes of a small workbook holding the sheet;
the lossless writer transplants it with `Changes.put_sheet`. The rows already in the sheet are
read back first (`suivi.workbook.read.bank_sheets.read_review`), so what a person typed is kept
until suivi applies it.
"""
from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime

import xlsxwriter

from suivi.core.bank_apply import ReviewRow
from suivi.core.message import Message
from suivi.messages import text

from .read.bank_sheets import CANDIDATE_SEPARATOR, REVIEW_COLUMNS

SHEET = "Rapprochement"
WIDTHS = {"date": 11, "amount": 12, "label": 40, "payer": 24, "candidates": 28, "rule": 18,
          "explanation": 60, "validate": 9, "invoices": 18, "method": 12, "reference": 22,
          "statement": 22, "transaction_id": 20}
MONEY = '#,##0.00 "€"'


def _cells(row: ReviewRow, lang: str) -> dict[str, object]:
    explanation = row.explanation if isinstance(row.explanation, str) else \
        text(row.explanation, lang)
    validate = "" if row.validate is None else "Oui" if row.validate else "Non"
    return {"date": row.date, "amount": row.amount, "label": row.label, "payer": row.payer or "",
            "candidates": CANDIDATE_SEPARATOR.join(row.candidates),
            "rule": text(Message.of(f"bank.rule.{row.rule.value}"), lang),
            "explanation": explanation, "validate": validate, "invoices": row.invoices_text,
            "method": row.method or "", "reference": row.reference or "",
            "statement": row.statement, "transaction_id": row.transaction_id}


def build_review_workbook(rows: Sequence[ReviewRow], lang: str = "fr") -> bytes:
    """Bytes of an .xlsx with the « Rapprochement » sheet: a header, the rows in the order
    given, a Oui/Non list on « Valider », a note saying what to do."""
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False,
                                      "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"created": datetime(2026, 1, 1)})
    base = {"font_name": "Calibri", "font_size": 11, "valign": "top"}
    header = wb.add_format({**base, "bold": True, "font_color": "#FFFFFF", "bg_color": "#1F4E79",
                            "text_wrap": True, "border": 1, "border_color": "#BFBFBF"})
    wrap = wb.add_format({**base, "text_wrap": True})
    formats = {"date": wb.add_format({**base, "num_format": "dd/mm/yyyy", "align": "left"}),
               "amount": wb.add_format({**base, "num_format": MONEY}),
               "explanation": wrap, "label": wrap,
               "validate": wb.add_format({**base, "bold": True, "bg_color": "#FFF2CC"}),
               "invoices": wb.add_format({**base, "bg_color": "#FFF2CC", "num_format": "@"})}
    plain = wb.add_format({**base, "num_format": "@"})
    ws = wb.add_worksheet(SHEET)
    ws.freeze_panes(1, 0)
    for c, (name, code) in enumerate(REVIEW_COLUMNS):
        ws.set_column(c, c, WIDTHS[name])
        ws.write_string(0, c, text(Message.of(code), lang), header)
    ordered = list(rows)  # rows still waiting first (as in the sheet), then the new ones
    for r, row in enumerate(ordered, start=1):
        values = _cells(row, lang)
        for c, (name, _) in enumerate(REVIEW_COLUMNS):
            value = values[name]
            fmt = formats.get(name, plain)
            if name == "date":
                ws.write_datetime(r, c, datetime(row.date.year, row.date.month, row.date.day),
                                  fmt)
            elif name == "amount":
                ws.write_number(r, c, float(row.amount), fmt)  # xlsxwriter's API: exact cents
            elif value:
                ws.write_string(r, c, str(value), fmt)
            elif name in ("validate", "invoices"):
                ws.write_blank(r, c, None, fmt)
    last = max(len(ordered), 1)
    validate_col = [name for name, _ in REVIEW_COLUMNS].index("validate")
    ws.data_validation(1, validate_col, max(last, 200), validate_col, {
        "validate": "list", "source": ["Oui", "Non"],
        "input_title": text(Message.of("bank.review.col.validate"), lang),
        "input_message": text(Message.of("bank.sheet.validate_help"), lang)})
    ws.autofilter(0, 0, last, len(REVIEW_COLUMNS) - 1)
    # the note sits right of the table, past an empty column: never read as a row
    note_col = len(REVIEW_COLUMNS) + 1
    ws.set_column(note_col, note_col, 70)
    ws.write_string(0, note_col, text(Message.of("bank.sheet.note"), lang),
                    wb.add_format({**base, "italic": True, "font_color": "#595959",
                                   "text_wrap": True}))
    wb.close()
    return buffer.getvalue()
