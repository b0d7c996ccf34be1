"""Upper blocks of an invoice page: seller, title and references, addresses, lines table."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from decimal import Decimal

from suivi.core.formats import NBSP, format_date, format_money, format_quantity, format_rate

from .drawing import fit_font_size, pack_segments, put_text, string_width, wrap, write_text
from .layout import (
    COLUMNS,
    CONTENT_W,
    DARK,
    GREY,
    LEFT,
    LINE,
    LOGO_H,
    PAGE_W,
    RIGHT,
    TOP,
    WHITE,
    InvoiceLayout,
    party_lines,
    reference_rows,
    unit_label,
)
from .model import EXEMPT_CATEGORIES, Party
from .page import InvoicePDF

LOGGER = logging.getLogger(__name__)

SELLER_W = 92.0
TITLE_X = 112.0
BOX_W = 86.0


def draw_seller(pdf: InvoicePDF, lay: InvoiceLayout) -> float:
    """Logo and seller identity, top left; returns the y below the block."""
    seller = lay.doc.seller
    y = TOP
    if lay.logo is not None:
        try:
            info = pdf.image(str(lay.logo), x=LEFT, y=y, h=LOGO_H, keep_aspect_ratio=True)
            y += min(float(info.rendered_height), LOGO_H) + 3
        except Exception as exc:  # unreadable image: the invoice is still valid without it
            LOGGER.warning("logo illisible (%s) : %s", lay.logo, exc)
    pdf.set_xy(LEFT, y)
    pdf.set_text_color(*lay.primary)
    pdf.set_font(lay.family, "B", 12)
    write_text(pdf, LEFT, SELLER_W, 5.4, seller.name, breakable=False)
    pdf.set_text_color(*DARK)
    pdf.set_font(lay.family, "", 8.5)
    phone = (seller.phone or "").strip()
    contact = [f"{lay.labels['tel']}{NBSP}{phone}" if phone else "", (seller.email or "").strip()]
    lines = list(seller.postal_lines()) + pack_segments(pdf, contact, SELLER_W)
    if seller.website and seller.website.strip():
        lines.append(seller.website.strip())
    for line in lines:
        write_text(pdf, LEFT, SELLER_W, 4.0, line, breakable=False)
    return pdf.get_y()


def draw_title(pdf: InvoicePDF, lay: InvoiceLayout) -> float:
    """Document title and references, top right; returns the y below the block."""
    doc, lab, lang = lay.doc, lay.labels, lay.lang
    x, width = TITLE_X, PAGE_W - RIGHT - TITLE_X
    pdf.set_xy(x, TOP - 1)
    pdf.set_text_color(*lay.primary)
    pdf.set_font(lay.family, "B", 19)
    fit_font_size(pdf, lay.title, width, 19, 13)
    pdf.cell(width, 9, lay.title, align="R")
    y = TOP + 8.5
    if doc.kind == "final" and doc.deposits:
        pdf.set_xy(x, y)
        pdf.set_font(lay.family, "", 9)
        pdf.cell(width, 4.5, lab["subtitle_final"], align="R")
        y += 4.5
    y += 1.5
    rows = reference_rows(lay)
    pdf.set_font(lay.family, "B", 8.3)
    widest = max(string_width(pdf, value) for _key, value in rows) + 2 * pdf.c_margin
    value_w = min(width - 26.0, max(40.0, widest))
    for key, value in rows:
        pdf.set_text_color(*GREY)
        pdf.set_font(lay.family, "", 8.3)
        put_text(pdf, x, y, width - value_w, 4.5, key, "R")
        pdf.set_text_color(*DARK)
        pdf.set_font(lay.family, "B", 8.3)
        fit_font_size(pdf, value, value_w, 8.3, 6.5)
        put_text(pdf, x + width - value_w, y, value_w, 4.5, value, "R")
        y += 4.5
    pdf.set_y(y)
    if doc.is_credit_note and doc.preceding_invoice is not None:
        reference = lab["credit_note_ref"].format(
            number=doc.preceding_invoice.number,
            date=format_date(doc.preceding_invoice.issue_date, lang),
        )
        pdf.set_y(y + 1.5)
        pdf.set_text_color(*lay.primary)
        pdf.set_font(lay.family, "B", 8.5)
        write_text(pdf, x, width, 4.4, reference, align="R", breakable=False)
    return pdf.get_y()


@dataclass(frozen=True, slots=True)
class AddressBox:
    """A captioned address block: where, what it says, and how it looks."""

    x: float
    y: float
    width: float
    caption: str
    party: Party
    lines: list[str]
    filled: bool


def _address_box(pdf: InvoicePDF, lay: InvoiceLayout, box: AddressBox) -> float:
    """Draw an address block with a coloured edge; returns its bottom y."""
    pad = 3.0
    inner = box.width - 2 * pad
    pdf.set_font(lay.family, "B", 9.5)
    name_lines = wrap(pdf, box.party.name, inner)
    pdf.set_font(lay.family, "", 8.5)
    body = [wrapped for line in box.lines for wrapped in wrap(pdf, line, inner)]
    height = pad + 4.2 + len(name_lines) * 4.6 + len(body) * 4.0 + pad - 1
    if box.filled:
        pdf.set_fill_color(*lay.accent)
        pdf.rect(box.x, box.y, box.width, height, style="F")
    pdf.set_fill_color(*lay.primary)
    pdf.rect(box.x, box.y, 1.0, height, style="F")
    cursor = box.y + pad - 0.5
    pdf.set_text_color(*lay.primary)
    pdf.set_font(lay.family, "B", 7.3)
    put_text(pdf, box.x + pad, cursor, inner, 4.2, box.caption.upper())
    cursor += 4.2
    pdf.set_text_color(*DARK)
    pdf.set_font(lay.family, "B", 9.5)
    for line in name_lines:
        put_text(pdf, box.x + pad, cursor, inner, 4.6, line)
        cursor += 4.6
    pdf.set_font(lay.family, "", 8.5)
    for line in body:
        put_text(pdf, box.x + pad, cursor, inner, 4.0, line)
        cursor += 4.0
    return box.y + height


def draw_parties(pdf: InvoicePDF, lay: InvoiceLayout, y: float) -> float:
    """Billing address (right) and the delivery address when it differs (left)."""
    doc = lay.doc
    kind = doc.buyer_kind
    billed = AddressBox(PAGE_W - RIGHT - BOX_W, y, BOX_W, lay.labels["billed_to"], doc.buyer,
                        party_lines(doc.buyer, lay.labels, kind.is_b2b, kind.is_public), True)
    bottom = _address_box(pdf, lay, billed)
    if doc.delivery_differs and doc.delivery_address is not None:
        delivery = doc.delivery_address
        if not delivery.name:
            delivery = replace(delivery, name=doc.buyer.name)
        left = AddressBox(LEFT, y, BOX_W, lay.labels["delivered_to"], delivery,
                          party_lines(delivery, lay.labels, False), False)
        bottom = max(bottom, _address_box(pdf, lay, left))
    return bottom


def table_header(pdf: InvoicePDF, lay: InvoiceLayout) -> None:
    """The lines table header; a caption too wide for its column goes on two lines."""
    pdf.set_font(lay.family, "B", 8.3)
    captions = [wrap(pdf, lay.labels[key], width) for key, width, _align in COLUMNS]
    rows = max(len(lines) for lines in captions)
    height = 6.5 if rows == 1 else 3.2 + 3.6 * rows
    pdf.set_fill_color(*lay.primary)
    pdf.set_text_color(*WHITE)
    y = pdf.get_y()
    pdf.rect(LEFT, y, CONTENT_W, height, style="F")
    x = LEFT
    for (_key, width, align), lines in zip(COLUMNS, captions, strict=True):
        top = y + (height - 3.6 * len(lines)) / 2 if rows > 1 else y
        for index, text in enumerate(lines):
            put_text(pdf, x, top + 3.6 * index, width, 3.6 if rows > 1 else height, text, align)
        x += width
    pdf.set_xy(LEFT, y + height)
    pdf.set_text_color(*DARK)


def vat_cell(category: str, rate: Decimal, lay: InvoiceLayout) -> str:
    """What the VAT column says: the rate, or the exemption."""
    if category in EXEMPT_CATEGORIES:
        return lay.labels["exempt"] if category == "E" else category
    return format_rate(rate, lay.lang)


def draw_lines(pdf: InvoicePDF, lay: InvoiceLayout) -> None:
    """The lines table; rows never split and the header repeats on every page."""
    doc, lang = lay.doc, lay.lang
    desc_w = COLUMNS[0][1]
    line_h, pad = 4.2, 1.3
    table_header(pdf, lay)
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.15)
    for index, (line, net) in enumerate(zip(doc.lines, lay.totals.line_nets, strict=True)):
        pdf.set_font(lay.family, "", 8.4)
        wrapped = wrap(pdf, line.description, desc_w)
        row_h = len(wrapped) * line_h + 2 * pad
        if pdf.get_y() + row_h > pdf.page_break_trigger:
            pdf.add_page()
            table_header(pdf, lay)
            pdf.set_font(lay.family, "", 8.4)
            pdf.set_draw_color(*LINE)
            pdf.set_line_width(0.15)
        y = pdf.get_y()
        if index % 2 == 1:
            pdf.set_fill_color(*lay.accent)
            pdf.rect(LEFT, y, CONTENT_W, row_h, style="F")
        for offset, text in enumerate(wrapped):
            put_text(pdf, LEFT, y + pad + offset * line_h, desc_w, line_h, text)
        unit = unit_label(line.unit_code, lang)
        quantity = format_quantity(line.quantity, lang) + (f"{NBSP}{unit}" if unit else "")
        values = (
            quantity,
            format_money(line.unit_price, lang),
            vat_cell(line.vat_category, line.vat_rate, lay),
            format_money(net, lang),
        )
        x = LEFT + desc_w
        for (_key, width, align), value in zip(COLUMNS[1:], values, strict=True):
            put_text(pdf, x, y + pad, width, line_h, value, align)
            x += width
        pdf.line(LEFT, y + row_h, PAGE_W - RIGHT, y + row_h)
        pdf.set_xy(LEFT, y + row_h)
