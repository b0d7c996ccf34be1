"""The « Relances à envoyer » sheet: the reminders waiting to be sent, and the team's choice.

`build_review_workbook(lines, day)` returns the bytes of a small workbook holding the sheet under
its name in the master workbook; the lossless writer transplants it (`Changes.put_sheet`). One
row per pending reminder: client, step, invoices, amount, recipient, a link to the .eml draft
(a cell hyperlink with a relative path, which Excel and LibreOffice both open from the
workbook's folder; its text is the path itself, usable when links are blocked), « Envoyer »
(Oui/Non, a drop-down list), the day it was prepared, a note, and the draft's id by which
`suivi.workbook.read.review` reads the choices back.

The words are workbook content, in French as the sheet shows them.
"""
from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import xlsxwriter

from .read.review import COLUMNS, HEADER_ROW, NO, REVIEW_SHEET, YES

WIDTHS = (28, 16, 24, 13, 30, 46, 10, 12, 36, 44)
TITLE = "Relances à envoyer — mise à jour le {day:%d/%m/%Y}"
HOW_TO = ("Pour chaque relance, choisissez Oui ou Non dans la colonne « Envoyer », enregistrez "
          "et fermez le classeur, puis lancez Envoyer_relances.bat (ou « suivi send »). "
          "Oui : elle part. Non : elle reste en attente pour plus tard. Le lien « Brouillon » "
          "ouvre le message ; brouillons.html, dans le dossier du jour, les montre tous.")
EMPTY = "Aucune relance en attente d'envoi."
#: Rows below the table that keep the drop-down list (for rows the team would add).
SPARE_ROWS = 50


@dataclass(frozen=True, slots=True)
class ReviewLine:
    """One reminder waiting for the team's decision, as the sheet shows it."""

    id: str
    client: str
    step: str
    invoices: str
    amount: Decimal
    recipients: str
    link: str  # the .eml draft, relative to the workbook's folder (forward slashes)
    send: bool
    day: date
    note: str = ""


def note_text(failed: str | None, held_on: date | None) -> str:
    """The « Remarque » of a row: a failed send to try again, the last day it was held."""
    notes = []
    if failed:
        notes.append(f"dernier envoi en échec : {failed}")
    if held_on is not None:
        notes.append(f"retenue le {held_on:%d/%m/%Y}")
    return " ; ".join(notes)


def build_review_workbook(lines: Sequence[ReviewLine], day: date) -> bytes:
    """Bytes of an .xlsx holding the « Relances à envoyer » sheet."""
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = wb.add_worksheet(REVIEW_SHEET)
    title = wb.add_format({"bold": True, "font_size": 14})
    how_to = wb.add_format({"text_wrap": True, "valign": "top", "italic": True})
    header = wb.add_format({"bold": True, "bg_color": "#DDE7F0", "border": 1,
                            "text_wrap": True, "valign": "top"})
    money = wb.add_format({"num_format": '#,##0.00 "€"'})
    when = wb.add_format({"num_format": "dd/mm/yyyy", "align": "left"})
    choice = wb.add_format({"bold": True, "bg_color": "#FFF2CC", "border": 1,
                            "align": "center"})
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    last_col = len(COLUMNS) - 1
    ws.merge_range(0, 0, 0, last_col, TITLE.format(day=day), title)
    ws.merge_range(1, 0, 1, last_col, HOW_TO, how_to)
    ws.set_row(1, 48)
    top = HEADER_ROW - 1
    ws.write_row(top, 0, COLUMNS, header)
    ws.freeze_panes(HEADER_ROW, 0)
    send_col = COLUMNS.index("Envoyer")
    for offset, line in enumerate(lines, start=1):
        row = top + offset
        ws.write_string(row, 0, line.client)
        ws.write_string(row, 1, line.step)
        ws.write_string(row, 2, line.invoices)
        ws.write_number(row, 3, float(line.amount), money)
        ws.write_string(row, 4, line.recipients)
        ws.write_url(row, 5, "external:" + line.link, string=line.link)
        ws.write_string(row, send_col, YES if line.send else NO, choice)
        ws.write_datetime(row, 7, line.day, when)
        ws.write_string(row, 8, line.note)
        ws.write_string(row, 9, line.id)
    if not lines:
        ws.write_string(top + 1, 0, EMPTY)
    last = top + max(len(lines), 1)
    ws.autofilter(top, 0, last, last_col)
    ws.data_validation(top + 1, send_col, last + SPARE_ROWS, send_col, {
        "validate": "list", "source": [YES, NO],
        "error_title": "Envoyer", "error_message": "Choisissez Oui ou Non."})
    wb.close()
    return buffer.getvalue()
