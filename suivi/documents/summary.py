"""Lower blocks of an invoice page: VAT and totals, payment (or credit use), mentions."""

from __future__ import annotations

from fpdf import FPDF

from suivi.core.formats import format_date, format_money

from .blocks import vat_cell
from .drawing import fit_font_size, put_text, text_height, wrap, write_text
from .layout import (
    CONTENT_W,
    DARK,
    GREY,
    LEFT,
    LINE,
    PAGE_W,
    QR_SIZE,
    RIGHT,
    WHITE,
    InvoiceLayout,
)
from .page import InvoicePDF, ensure_space
from .qr import EpcCode

VAT_WIDTHS = (24.0, 32.0, 30.0)
TOTALS_X = 105.0
TOTAL_VALUE_W = 32.0
ROW_H = 5.3


def _total_rows(lay: InvoiceLayout) -> list[tuple[str, str, str]]:
    """(label, amount, style) rows of the totals box, deposits deducted included."""
    doc, totals, lab, lang = lay.doc, lay.totals, lay.labels, lay.lang
    rows = [
        (lab["total_ht"], format_money(totals.total_ht, lang), ""),
        (lab["total_vat"], format_money(totals.total_vat, lang), ""),
        (lab["total_ttc"], format_money(totals.total_ttc, lang), "B"),
    ]
    for deposit in doc.deposits:
        label = lab["deposit_deducted"].format(
            number=deposit.number, date=format_date(deposit.issue_date, lang)
        )
        rows.append((label, format_money(-deposit.amount_ttc, lang), ""))
    return rows


def _vat_table(pdf: InvoicePDF, lay: InvoiceLayout, top: float) -> float:
    """VAT breakdown (left); returns the y below it."""
    lab, lang = lay.labels, lay.lang
    pdf.set_font(lay.family, "B", 8.3)
    pdf.set_text_color(*lay.primary)
    put_text(pdf, LEFT, top, sum(VAT_WIDTHS), 5, lab["vat_breakdown"])
    y = top + 5.2
    pdf.set_text_color(*GREY)
    pdf.set_font(lay.family, "", 8)
    x = LEFT
    captions = (lab["vat_rate"], lab["vat_base"], lab["vat_amount"])
    for text, width, align in zip(captions, VAT_WIDTHS, "LRR", strict=True):
        fit_font_size(pdf, text, width, 8, 6.5)
        put_text(pdf, x, y, width, 4.6, text, align)
        x += width
    y += 4.8
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.15)
    pdf.line(LEFT, y, LEFT + sum(VAT_WIDTHS), y)
    pdf.set_text_color(*DARK)
    pdf.set_font(lay.family, "", 8)
    for item in lay.totals.vat:
        x = LEFT
        cells = (vat_cell(item.category, item.rate, lay), format_money(item.base, lang),
                 format_money(item.tax, lang))
        for text, width, align in zip(cells, VAT_WIDTHS, "LRR", strict=True):
            put_text(pdf, x, y, width, 4.6, text, align)
            x += width
        y += 4.6
    return y


def _totals_box(pdf: InvoicePDF, lay: InvoiceLayout, top: float) -> float:
    """Totals (right) ending with the amount due, or the credited amount; returns its bottom."""
    doc, totals, lang = lay.doc, lay.totals, lay.lang
    label_w = PAGE_W - RIGHT - TOTALS_X - TOTAL_VALUE_W
    y = top
    for label, value, style in _total_rows(lay):
        pdf.set_text_color(*DARK)
        pdf.set_font(lay.family, style, 8.8)
        fit_font_size(pdf, label, label_w, 8.8, 6.8)
        put_text(pdf, TOTALS_X, y, label_w, ROW_H, label)
        pdf.set_font(lay.family, style, 8.8)
        put_text(pdf, TOTALS_X + label_w, y, TOTAL_VALUE_W, ROW_H, value, "R")
        y += ROW_H
    y += 1.5
    credit = doc.is_credit_note
    final_label = lay.labels["credit_amount" if credit else "amount_due"]
    amount = totals.total_ttc if credit else totals.amount_due
    pdf.set_fill_color(*lay.primary)
    pdf.rect(TOTALS_X, y, label_w + TOTAL_VALUE_W, 8, style="F")
    pdf.set_text_color(*WHITE)
    pdf.set_font(lay.family, "B", 10.5)
    put_text(pdf, TOTALS_X, y, label_w, 8, final_label)
    put_text(pdf, TOTALS_X + label_w, y, TOTAL_VALUE_W, 8, format_money(amount, lang), "R")
    pdf.set_text_color(*DARK)
    return y + 8


def draw_totals(pdf: InvoicePDF, lay: InvoiceLayout) -> None:
    """VAT breakdown (left) and totals (right), kept together on one page."""
    rows = len(_total_rows(lay))
    vat_h = 10 + len(lay.totals.vat) * 4.6
    ensure_space(pdf, max(rows * ROW_H + 10, vat_h) + 6)
    top = pdf.get_y() + 4
    bottom = max(_vat_table(pdf, lay, top), _totals_box(pdf, lay, top))
    pdf.set_xy(LEFT, bottom + 4)


def _draw_qr(pdf: FPDF, code: EpcCode, x: float, y: float, size: float) -> None:
    """Draw the QR symbol with vector rectangles (crisp, no image, PDF/A friendly).

    The rectangles are the operators `FPDF.rect(..., style="F")` writes, gathered in one path
    filled once: a symbol has hundreds of them, and one call each cost more than the rest of
    the payment block."""
    unit = size / len(code.qr.matrix)
    pdf.set_fill_color(0, 0, 0)
    k, top = pdf.k, pdf.h
    path = " ".join(
        f"{(x + col * unit) * k:.2f} {(top - y - row * unit) * k:.2f} "
        f"{(width * unit + 0.02) * k:.2f} {-(height * unit + 0.02) * k:.2f} re"
        for row, col, width, height in code.rectangles())
    if path:
        pdf._out(path + " f")  # fpdf2's own writer of page content (as FPDF.rect uses it)


def _payment_lines(lay: InvoiceLayout) -> tuple[str, list[tuple[str, str]]]:
    """Caption and (style, text) lines of the payment block, or of a credit note's use."""
    doc, lab, lang = lay.doc, lay.labels, lay.lang
    if doc.is_credit_note:
        return lab["credit_settlement"], [("B", text) for text in lay.texts.settlement]
    if lay.totals.amount_due <= 0:
        return lab["payment"], [("B", lab["nothing_due"])]
    due = lab["pay_by"].format(date=format_date(doc.due_date, lang))
    if lay.texts.terms:
        due += f" – {lab['terms'].format(terms=lay.texts.terms)}"
    return lab["payment"], [("B", due)] + [("", text) for text in lay.texts.payment]


def draw_payment(pdf: InvoicePDF, lay: InvoiceLayout) -> None:
    """Due date, payment methods and the EPC QR code; for a credit note, how it is used."""
    caption, lines = _payment_lines(lay)
    if not lines:
        return
    qr_size = QR_SIZE if lay.qr is not None else 0.0
    text_w = CONTENT_W - (qr_size + 10 if qr_size else 0)
    pdf.set_font(lay.family, "", 8.2)
    text_h = 6.5 + sum(text_height(pdf, text, text_w, 4.1) for _style, text in lines)
    ensure_space(pdf, max(text_h, qr_size + 9 if qr_size else 0) + 3)
    top = pdf.get_y()
    pdf.set_draw_color(*lay.primary)
    pdf.set_line_width(0.3)
    pdf.line(LEFT, top, PAGE_W - RIGHT, top)
    pdf.set_font(lay.family, "B", 9)
    pdf.set_text_color(*lay.primary)
    put_text(pdf, LEFT, top + 1.5, text_w, 5, caption)
    pdf.set_text_color(*DARK)
    pdf.set_y(top + 6.5)
    for style, text in lines:
        pdf.set_font(lay.family, style, 8.2)
        write_text(pdf, LEFT, text_w, 4.1, text, breakable=False)
    bottom = pdf.get_y()
    if lay.qr is not None:
        x = PAGE_W - RIGHT - qr_size
        _draw_qr(pdf, lay.qr, x, top + 2.5, qr_size)
        pdf.set_font(lay.family, "", 6.3)
        pdf.set_text_color(*GREY)
        pdf.set_y(top + 3 + qr_size)
        write_text(pdf, x, qr_size, 2.9, lay.labels["qr_caption"], align="C", breakable=False)
        bottom = max(bottom, pdf.get_y())
    pdf.set_text_color(*DARK)
    pdf.set_y(bottom + 2.5)


def draw_printed_mention(pdf: InvoicePDF, lay: InvoiceLayout) -> None:
    """The text meant for the client (« Mention facture »), above the payment block."""
    mention = (lay.doc.printed_mention or "").strip()
    if not mention:
        return
    pdf.set_font(lay.family, "", 8.4)
    ensure_space(pdf, min(text_height(pdf, mention, CONTENT_W, 4.0), 20) + 3)
    pdf.set_text_color(*DARK)
    write_text(pdf, LEFT, CONTENT_W, 4.0, mention)
    pdf.set_y(pdf.get_y() + 3)


def draw_mentions(pdf: InvoicePDF, lay: InvoiceLayout) -> None:
    """Legal notices: penalties, indemnity (professionals), discount, nature, exemptions.

    Credit notes print only the nature and exemption mentions. The internal notes of the
    document (``InvoiceDocument.notes``) are never printed.
    """
    texts = lay.texts
    paragraphs: list[str] = []
    if texts.print_payment_notices:
        paragraphs.append(texts.late_penalties)
        if texts.print_recovery_indemnity:
            paragraphs.append(texts.recovery_indemnity)
        paragraphs.append(texts.discount)
    paragraphs.extend(texts.mentions)
    pdf.set_font(lay.family, "", 7.2)
    height = sum(len(wrap(pdf, text, CONTENT_W)) * 3.3 for text in paragraphs) + 2
    ensure_space(pdf, min(height, 40))
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.2)
    pdf.line(LEFT, pdf.get_y(), PAGE_W - RIGHT, pdf.get_y())
    pdf.set_y(pdf.get_y() + 1.2)
    pdf.set_text_color(*GREY)
    for paragraph in paragraphs:
        write_text(pdf, LEFT, CONTENT_W, 3.3, paragraph)
    pdf.set_text_color(*DARK)
