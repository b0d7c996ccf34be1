"""Invoice PDF/A-3B with its Factur-X XML embedded (fpdf2, bundled DejaVu fonts).

``render_invoice(doc, template)`` computes the totals, renders the text blocks, builds the
CII XML and validates it (XSD + EN 16931 + BR-FR schematrons) *before* drawing anything: an
invoice the French rules refuse raises :class:`InvoiceRejected` and no PDF is produced.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime, time, timezone
from decimal import Decimal
from pathlib import Path

from fpdf import FPDF
from fpdf import __version__ as fpdf_version

from .cii import build_cii_xml
from .drawing import fit_font_size, put_text, text_height, wrap, write_text
from .fonts import FastFontOutput, add_bundled_fonts, missing_glyphs
from suivi.core.formats import (
    NBSP,
    format_date,
    format_money,
    format_quantity,
    format_rate,
    format_siren,
)
from .labels import labels
from .model import EXEMPT_CATEGORIES, InvoiceDocument, Party
from .qr import EpcCode, epc_code
from .settings import TemplateSettings, parse_color
from .texts import InvoiceTexts, invoice_texts
from .totals import Totals, compute_totals
from .validate import RuleFailure, errors, validate_xml
from .xmp import XmpInfo, build_xmp

LOGGER = logging.getLogger(__name__)

CREATOR_TOOL = "suivi (documents)"
PRODUCER = f"fpdf2 {fpdf_version}"

# Page geometry (mm).
LEFT = 15.0
RIGHT = 15.0
TOP = 14.0
BOTTOM = 20.0
PAGE_W = 210.0
PAGE_H = 297.0
LOGO_H = 18.0
QR_SIZE = 25.0
CONTENT_W = PAGE_W - LEFT - RIGHT

GREY = (95, 95, 95)
DARK = (25, 25, 25)
LINE = (200, 204, 210)
WHITE = (255, 255, 255)

UNIT_LABELS = {
    "fr": {"HUR": "h", "DAY": "j", "KGM": "kg", "MTR": "m", "MTK": "m²", "LTR": "l", "MIN": "min"},
    "en": {"HUR": "h", "DAY": "d", "KGM": "kg", "MTR": "m", "MTK": "m²", "LTR": "l", "MIN": "min"},
}

#: Lines table: (label key, width mm, alignment).
COLUMNS = (
    ("col_description", 92.0, "L"),
    ("col_quantity", 17.0, "R"),
    ("col_unit_price", 25.0, "R"),
    ("col_vat", 15.0, "R"),
    ("col_amount", 31.0, "R"),
)


class InvoiceRejected(Exception):
    """The Factur-X XML of an invoice fails a blocking rule: no PDF was produced."""

    def __init__(self, number: str, failures: list[RuleFailure]):
        self.number = number
        self.failures = failures
        rules = ", ".join(sorted({failure.rule_id for failure in failures}))
        super().__init__(
            f"Facture {number} refusée : {len(failures)} règle(s) non respectée(s) ({rules}) / "
            f"invoice {number} rejected"
        )

    def describe(self, lang: str = "fr") -> list[str]:
        """One readable line per failed rule."""
        return [failure.describe(lang) for failure in self.failures]


@dataclass(frozen=True, slots=True)
class RenderedInvoice:
    """A finished invoice: PDF bytes, the embedded XML and the non-blocking warnings."""

    number: str
    pdf: bytes
    xml: bytes
    warnings: tuple[RuleFailure, ...]
    totals: Totals


@dataclass(frozen=True, slots=True)
class InvoiceLayout:
    """Everything the drawing code needs, computed before the first page."""

    doc: InvoiceDocument
    settings: TemplateSettings
    totals: Totals
    texts: InvoiceTexts
    labels: dict[str, str]
    family: str
    primary: tuple[int, int, int]
    accent: tuple[int, int, int]
    qr: EpcCode | None
    logo: Path | None

    @property
    def lang(self) -> str:
        return self.doc.lang

    @property
    def title(self) -> str:
        return self.labels[f"title_{self.doc.kind}"]


class _InvoicePDF(FPDF):
    """fpdf2 document with the invoice's running header and legal footer."""

    def __init__(self, layout: InvoiceLayout, full_fonts: bool = False):
        super().__init__(orientation="P", unit="mm", format="A4", enforce_compliance="PDF/A-3B")
        self.layout = layout
        self.set_margins(LEFT, TOP, RIGHT)
        self.set_auto_page_break(True, BOTTOM)
        self.alias_nb_pages("{nb}")
        add_bundled_fonts(self, layout.family, full=full_fonts)

    def header(self) -> None:
        if self.page_no() == 1:
            return
        lay = self.layout
        self.set_xy(LEFT, TOP - 4)
        self.set_font(lay.family, "B", 9)
        self.set_text_color(*lay.primary)
        caption = lay.labels["continued"].format(title=lay.title.capitalize(), number=lay.doc.number)
        self.cell(CONTENT_W / 2, 5, caption, align="L")
        self.set_font(lay.family, "", 8)
        self.set_text_color(*GREY)
        lines = wrap(self, lay.doc.buyer.name, CONTENT_W / 2 - 4)
        name = lines[0] + ("…" if len(lines) > 1 else "")
        self.cell(CONTENT_W / 2, 5, name, align="R")
        self.set_draw_color(*lay.primary)
        self.set_line_width(0.3)
        self.line(LEFT, TOP + 2, PAGE_W - RIGHT, TOP + 2)
        self.set_xy(LEFT, TOP + 5)

    def footer(self) -> None:
        lay = self.layout
        top = PAGE_H - BOTTOM + 5
        self.set_draw_color(*LINE)
        self.set_line_width(0.2)
        self.line(LEFT, top, PAGE_W - RIGHT, top)
        self.set_font(lay.family, "", 6.8)
        self.set_text_color(*GREY)
        self.set_y(top + 1.2)
        for line in lay.texts.footer:
            write_text(self, LEFT + 22, CONTENT_W - 44, 3.1, line, align="C", breakable=False)
        self.set_xy(PAGE_W - RIGHT - 22, top + 1.2)
        self.set_font(lay.family, "", 7.5)
        self.cell(22, 3.6, lay.labels["page"].format(page=self.page_no(), pages="{nb}"), align="R")


def _created(doc: InvoiceDocument) -> datetime:
    """Creation timestamp written in the PDF: the issue date at 00:00 UTC (reproducible)."""
    return datetime.combine(doc.issue_date, time(0, 0), tzinfo=timezone.utc)


def _logo(doc: InvoiceDocument, settings: TemplateSettings) -> Path | None:
    path = settings.logo_path or doc.seller.logo_path
    if path is None:
        return None
    path = Path(path)
    if not path.is_file():
        LOGGER.warning("logo introuvable : %s", path)
        return None
    return path


def _unit(code: str, lang: str) -> str:
    return UNIT_LABELS.get(lang, UNIT_LABELS["fr"]).get(code, "")


def _party_lines(party: Party, lab: dict[str, str], with_ids: bool) -> list[str]:
    lines = list(party.postal_lines())
    if with_ids:
        if party.siren:
            lines.append(f"{lab['siren']} {format_siren(party.siren)}")
        if party.vat_number:
            lines.append(f"{lab['vat_number']} {party.vat_number}")
    return lines


def _ensure_space(pdf: _InvoicePDF, height: float) -> None:
    """Start a new page unless ``height`` mm fit above the bottom margin."""
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()


# ----------------------------------------------------------------------------- drawing blocks


def _draw_seller(pdf: _InvoicePDF, lay: InvoiceLayout) -> float:
    """Logo and seller identity, top left; returns the y below the block."""
    seller = lay.doc.seller
    y = TOP
    if lay.logo is not None:
        try:
            info = pdf.image(str(lay.logo), x=LEFT, y=y, h=LOGO_H, keep_aspect_ratio=True)
            y += min(float(info.rendered_height), LOGO_H) + 3
        except Exception as exc:  # unreadable image: the invoice is still valid without it
            LOGGER.warning("logo illisible (%s) : %s", lay.logo, exc)
    width = 92.0
    pdf.set_xy(LEFT, y)
    pdf.set_text_color(*lay.primary)
    pdf.set_font(lay.family, "B", 12)
    write_text(pdf, LEFT, width, 5.4, seller.name, breakable=False)
    pdf.set_text_color(*DARK)
    pdf.set_font(lay.family, "", 8.5)
    lines = list(seller.postal_lines())
    contact = " – ".join(
        part
        for part in (f"{lay.labels['tel']} {seller.phone}" if seller.phone else "", seller.email or "")
        if part
    )
    if contact:
        lines.append(contact)
    if seller.website:
        lines.append(seller.website)
    for line in lines:
        write_text(pdf, LEFT, width, 4.0, line, breakable=False)
    return pdf.get_y()


def _draw_title(pdf: _InvoicePDF, lay: InvoiceLayout) -> float:
    """Document title and references, top right; returns the y below the block."""
    doc, lab, lang = lay.doc, lay.labels, lay.lang
    x, width = 112.0, PAGE_W - RIGHT - 112.0
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
    rows = [(lab["number"], doc.number), (lab["issue_date"], format_date(doc.issue_date, lang))]
    if doc.kind != "credit_note":
        rows.append((lab["due_date"], format_date(doc.due_date, lang)))
    if doc.delivery_date:
        rows.append((lab["delivery_date"], format_date(doc.delivery_date, lang)))
    if doc.po_reference:
        rows.append((lab["po_reference"], doc.po_reference))
    if doc.sales_rep:
        rows.append((lab["sales_rep"], doc.sales_rep))
    value_w = 40.0
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
    if doc.kind == "credit_note" and doc.preceding_invoice is not None:
        reference = lab["credit_note_ref"].format(
            number=doc.preceding_invoice.number,
            date=format_date(doc.preceding_invoice.issue_date, lang),
        )
        pdf.set_y(y + 1.5)
        pdf.set_text_color(*lay.primary)
        pdf.set_font(lay.family, "B", 8.5)
        write_text(pdf, x, width, 4.4, reference, align="R", breakable=False)
    return pdf.get_y()


def _address_box(
    pdf: _InvoicePDF,
    lay: InvoiceLayout,
    x: float,
    y: float,
    width: float,
    caption: str,
    party: Party,
    with_ids: bool,
    filled: bool,
) -> float:
    """A captioned address block with a coloured edge; returns its bottom y."""
    pad = 3.0
    inner = width - 2 * pad
    lines = _party_lines(party, lay.labels, with_ids)
    pdf.set_font(lay.family, "B", 9.5)
    name_lines = wrap(pdf, party.name, inner)
    pdf.set_font(lay.family, "", 8.5)
    body = [wrapped for line in lines for wrapped in wrap(pdf, line, inner)]
    height = pad + 4.2 + len(name_lines) * 4.6 + len(body) * 4.0 + pad - 1
    if filled:
        pdf.set_fill_color(*lay.accent)
        pdf.rect(x, y, width, height, style="F")
    pdf.set_fill_color(*lay.primary)
    pdf.rect(x, y, 1.0, height, style="F")
    cursor = y + pad - 0.5
    pdf.set_text_color(*lay.primary)
    pdf.set_font(lay.family, "B", 7.3)
    put_text(pdf, x + pad, cursor, inner, 4.2, caption.upper())
    cursor += 4.2
    pdf.set_text_color(*DARK)
    pdf.set_font(lay.family, "B", 9.5)
    for line in name_lines:
        put_text(pdf, x + pad, cursor, inner, 4.6, line)
        cursor += 4.6
    pdf.set_font(lay.family, "", 8.5)
    for line in body:
        put_text(pdf, x + pad, cursor, inner, 4.0, line)
        cursor += 4.0
    return y + height


def _draw_parties(pdf: _InvoicePDF, lay: InvoiceLayout, y: float) -> float:
    doc = lay.doc
    width = 86.0
    bottom = _address_box(
        pdf, lay, PAGE_W - RIGHT - width, y, width, lay.labels["billed_to"], doc.buyer,
        with_ids=doc.buyer_kind.is_b2b, filled=True,
    )
    if doc.delivery_differs and doc.delivery_address is not None:
        delivery = doc.delivery_address
        if not delivery.name:
            delivery = replace(delivery, name=doc.buyer.name)
        left = _address_box(
            pdf, lay, LEFT, y, width, lay.labels["delivered_to"], delivery,
            with_ids=False, filled=False,
        )
        bottom = max(bottom, left)
    return bottom


def _table_header(pdf: _InvoicePDF, lay: InvoiceLayout) -> None:
    pdf.set_fill_color(*lay.primary)
    pdf.set_text_color(*WHITE)
    pdf.set_font(lay.family, "B", 8.3)
    y = pdf.get_y()
    x = LEFT
    pdf.rect(LEFT, y, CONTENT_W, 6.5, style="F")
    for key, width, align in COLUMNS:
        put_text(pdf, x, y, width, 6.5, lay.labels[key], align)
        x += width
    pdf.set_xy(LEFT, y + 6.5)
    pdf.set_text_color(*DARK)


def _vat_cell(category: str, rate: Decimal, lay: InvoiceLayout) -> str:
    if category in EXEMPT_CATEGORIES:
        return lay.labels["exempt"] if category == "E" else category
    return format_rate(rate, lay.lang)


def _draw_lines(pdf: _InvoicePDF, lay: InvoiceLayout) -> None:
    """The lines table; rows never split and the header repeats on every page."""
    doc, lang = lay.doc, lay.lang
    desc_w = COLUMNS[0][1]
    line_h, pad = 4.2, 1.3
    _table_header(pdf, lay)
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.15)
    for index, (line, net) in enumerate(zip(doc.lines, lay.totals.line_nets)):
        pdf.set_font(lay.family, "", 8.4)
        wrapped = wrap(pdf, line.description, desc_w)
        row_h = len(wrapped) * line_h + 2 * pad
        if pdf.get_y() + row_h > pdf.page_break_trigger:
            pdf.add_page()
            _table_header(pdf, lay)
            pdf.set_font(lay.family, "", 8.4)
            pdf.set_draw_color(*LINE)
            pdf.set_line_width(0.15)
        y = pdf.get_y()
        if index % 2 == 1:
            pdf.set_fill_color(*lay.accent)
            pdf.rect(LEFT, y, CONTENT_W, row_h, style="F")
        for offset, text in enumerate(wrapped):
            put_text(pdf, LEFT, y + pad + offset * line_h, desc_w, line_h, text)
        unit = _unit(line.unit_code, lang)
        quantity = format_quantity(line.quantity, lang) + (f"{NBSP}{unit}" if unit else "")
        values = (
            quantity,
            format_money(line.unit_price, lang),
            _vat_cell(line.vat_category, line.vat_rate, lay),
            format_money(net, lang),
        )
        x = LEFT + desc_w
        for (_key, width, align), value in zip(COLUMNS[1:], values):
            put_text(pdf, x, y + pad, width, line_h, value, align)
            x += width
        pdf.line(LEFT, y + row_h, PAGE_W - RIGHT, y + row_h)
        pdf.set_xy(LEFT, y + row_h)


def _draw_totals(pdf: _InvoicePDF, lay: InvoiceLayout) -> None:
    """VAT breakdown (left) and totals (right), kept together on one page."""
    doc, totals, lab, lang = lay.doc, lay.totals, lay.labels, lay.lang
    rows: list[tuple[str, str, str]] = [
        (lab["total_ht"], format_money(totals.total_ht, lang), ""),
        (lab["total_vat"], format_money(totals.total_vat, lang), ""),
        (lab["total_ttc"], format_money(totals.total_ttc, lang), "B"),
    ]
    for deposit in doc.deposits:
        label = lab["deposit_deducted"].format(
            number=deposit.number, date=format_date(deposit.issue_date, lang)
        )
        rows.append((label, format_money(-deposit.amount_ttc, lang), ""))
    row_h = 5.3
    vat_h = 9.5 + len(totals.vat) * 4.6
    height = max(len(rows) * row_h + 10, vat_h) + 6
    _ensure_space(pdf, height)
    top = pdf.get_y() + 4

    # VAT breakdown, left.
    widths = (22.0, 32.0, 30.0)
    pdf.set_font(lay.family, "B", 8)
    pdf.set_text_color(*lay.primary)
    put_text(pdf, LEFT, top, sum(widths), 5, lab["vat_breakdown"])
    y = top + 5
    pdf.set_text_color(*GREY)
    pdf.set_font(lay.family, "", 7.5)
    x = LEFT
    for text, width, align in zip((lab["vat_rate"], lab["vat_base"], lab["vat_amount"]), widths, "LRR"):
        put_text(pdf, x, y, width, 4.3, text, align)
        x += width
    y += 4.5
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.15)
    pdf.line(LEFT, y, LEFT + sum(widths), y)
    pdf.set_text_color(*DARK)
    pdf.set_font(lay.family, "", 8)
    for item in totals.vat:
        x = LEFT
        cells = (_vat_cell(item.category, item.rate, lay), format_money(item.base, lang),
                 format_money(item.tax, lang))
        for text, width, align in zip(cells, widths, "LRR"):
            put_text(pdf, x, y, width, 4.6, text, align)
            x += width
        y += 4.6
    vat_bottom = y

    # Totals, right.
    x, value_w = 105.0, 32.0
    label_w = PAGE_W - RIGHT - x - value_w
    y = top
    for label, value, style in rows:
        pdf.set_text_color(*DARK)
        pdf.set_font(lay.family, style, 8.8)
        fit_font_size(pdf, label, label_w, 8.8, 6.8)
        put_text(pdf, x, y, label_w, row_h, label)
        pdf.set_font(lay.family, style, 8.8)
        put_text(pdf, x + label_w, y, value_w, row_h, value, "R")
        y += row_h
    y += 1.5
    final_label = lab["credit_amount"] if doc.kind == "credit_note" else lab["amount_due"]
    amount = totals.total_ttc if doc.kind == "credit_note" else totals.amount_due
    pdf.set_fill_color(*lay.primary)
    pdf.rect(x, y, label_w + value_w, 8, style="F")
    pdf.set_text_color(*WHITE)
    pdf.set_font(lay.family, "B", 10.5)
    put_text(pdf, x, y, label_w, 8, final_label)
    put_text(pdf, x + label_w, y, value_w, 8, format_money(amount, lang), "R")
    pdf.set_text_color(*DARK)
    pdf.set_xy(LEFT, max(y + 8, vat_bottom) + 4)


def _draw_qr(pdf: FPDF, code: EpcCode, x: float, y: float, size: float) -> None:
    """Draw the QR symbol with vector rectangles (crisp, no image, PDF/A friendly)."""
    unit = size / len(code.qr.matrix)
    pdf.set_fill_color(0, 0, 0)
    for row, col, width, height in code.rectangles():
        pdf.rect(x + col * unit, y + row * unit, width * unit + 0.02, height * unit + 0.02, style="F")


def _draw_payment(pdf: _InvoicePDF, lay: InvoiceLayout) -> None:
    """Due date, payment methods and the EPC QR code."""
    doc, lab, lang = lay.doc, lay.labels, lay.lang
    if doc.kind == "credit_note":
        return
    lines: list[tuple[str, str]] = []
    if lay.totals.amount_due > 0:
        due = lab["pay_by"].format(date=format_date(doc.due_date, lang))
        if doc.payment_terms:
            due += f" – {lab['terms'].format(terms=doc.payment_terms)}"
        lines.append(("B", due))
        lines.extend(("", text) for text in lay.texts.payment)
    else:
        lines.append(("B", lab["nothing_due"]))
    qr_size = QR_SIZE if lay.qr is not None else 0.0
    text_w = CONTENT_W - (qr_size + 10 if qr_size else 0)
    pdf.set_font(lay.family, "", 8.2)
    text_h = 6.5 + sum(text_height(pdf, text, text_w, 4.1) for _style, text in lines)
    height = max(text_h, qr_size + 9 if qr_size else 0) + 3
    _ensure_space(pdf, height)
    top = pdf.get_y()
    pdf.set_draw_color(*lay.primary)
    pdf.set_line_width(0.3)
    pdf.line(LEFT, top, PAGE_W - RIGHT, top)
    pdf.set_xy(LEFT, top + 1.5)
    pdf.set_font(lay.family, "B", 9)
    pdf.set_text_color(*lay.primary)
    pdf.cell(text_w, 5, lab["payment"])
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
        write_text(pdf, x, qr_size, 2.9, lab["qr_caption"], align="C", breakable=False)
        bottom = max(bottom, pdf.get_y())
    pdf.set_text_color(*DARK)
    pdf.set_y(bottom + 2.5)


def _draw_mentions(pdf: _InvoicePDF, lay: InvoiceLayout) -> None:
    """Legal notices: penalties, indemnity (professionals), discount, nature, exemptions."""
    texts = lay.texts
    paragraphs = [texts.late_penalties]
    if texts.print_recovery_indemnity:
        paragraphs.append(texts.recovery_indemnity)
    paragraphs.append(texts.discount)
    paragraphs.extend(texts.mentions)
    notes = [note.strip() for note in lay.doc.notes if note.strip()]
    pdf.set_font(lay.family, "", 7.2)
    height = sum(text_height(pdf, text, CONTENT_W, 3.3) for text in paragraphs) + 2
    _ensure_space(pdf, min(height, 40))
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.2)
    pdf.line(LEFT, pdf.get_y(), PAGE_W - RIGHT, pdf.get_y())
    pdf.set_y(pdf.get_y() + 1.2)
    pdf.set_text_color(*GREY)
    for paragraph in paragraphs:
        write_text(pdf, LEFT, CONTENT_W, 3.3, paragraph)
    if notes:
        pdf.set_y(pdf.get_y() + 1.5)
        pdf.set_text_color(*DARK)
        pdf.set_font(lay.family, "B", 7.8)
        write_text(pdf, LEFT, CONTENT_W, 4, lay.labels["notes"])
        pdf.set_font(lay.family, "", 7.8)
        for note in notes:
            write_text(pdf, LEFT, CONTENT_W, 3.6, note)
    pdf.set_text_color(*DARK)


# ----------------------------------------------------------------------------- public API


def invoice_layout(
    doc: InvoiceDocument, settings: TemplateSettings, totals: Totals, texts: InvoiceTexts
) -> InvoiceLayout:
    """Resolve colours, labels, logo and the payment QR code before drawing."""
    qr = None
    if settings.show_qr and doc.kind != "credit_note":
        qr = epc_code(doc.seller.name, doc.seller.iban, totals.amount_due,
                      f"{labels(doc.lang)['title_invoice'].capitalize()} {doc.number}",
                      doc.seller.bic)
    return InvoiceLayout(
        doc=doc,
        settings=settings,
        totals=totals,
        texts=texts,
        labels=dict(labels(doc.lang)),
        family=settings.font_family,
        primary=parse_color(settings.primary_color),
        accent=parse_color(settings.accent_color),
        qr=qr,
        logo=_logo(doc, settings),
    )


def draw_invoice_pdf(layout: InvoiceLayout, xml: bytes, full_fonts: bool = False) -> bytes:
    """Draw the pages, embed ``factur-x.xml`` (AFRelationship /Data) and the Factur-X XMP.

    The working fonts cover European business text; when the document needs another glyph
    it is drawn again with the complete font files.
    """
    doc = layout.doc
    pdf = _InvoicePDF(layout, full_fonts=full_fonts)
    created = _created(doc)
    title = f"{layout.title.capitalize()} {doc.number}"
    subject = f"{title} – {doc.seller.name} → {doc.buyer.name}"
    pdf.set_title(title)
    pdf.set_author(doc.seller.name)
    pdf.set_subject(subject)
    pdf.set_creator(CREATOR_TOOL)
    pdf.set_producer(PRODUCER)
    pdf.set_creation_date(created)
    pdf.set_lang("fr-FR" if doc.lang == "fr" else "en")
    pdf.set_xmp_metadata(build_xmp(XmpInfo(
        title=title, author=doc.seller.name, subject=subject, creator_tool=CREATOR_TOOL,
        producer=PRODUCER, created=created, lang=doc.lang,
    )))
    pdf.add_page()
    bottom = max(_draw_seller(pdf, layout), _draw_title(pdf, layout))
    bottom = _draw_parties(pdf, layout, bottom + 4)
    pdf.set_xy(LEFT, bottom + 5)
    _draw_lines(pdf, layout)
    _draw_totals(pdf, layout)
    _draw_payment(pdf, layout)
    _draw_mentions(pdf, layout)
    if not full_fonts and missing_glyphs(pdf):
        return draw_invoice_pdf(layout, xml, full_fonts=True)
    pdf.embed_file(
        bytes=xml,
        basename="factur-x.xml",
        mime_type="text/xml",
        associated_file_relationship="Data",
        desc="Factur-X (EN 16931) invoice data",
        modification_date=created,
        creation_date=created,
        compress=True,
    )
    return bytes(pdf.output(output_producer_class=FastFontOutput))


def build_invoice(doc: InvoiceDocument, template: TemplateSettings | None = None) -> RenderedInvoice:
    """Validate the Factur-X XML first, then draw the PDF; raise InvoiceRejected on errors."""
    settings = template or TemplateSettings()
    totals = compute_totals(doc.lines, doc.deposits)
    texts = invoice_texts(doc, totals, settings)
    xml = build_cii_xml(doc, totals, texts)
    failures = validate_xml(xml)
    blocking = errors(failures)
    if blocking:
        raise InvoiceRejected(doc.number, blocking)
    pdf = draw_invoice_pdf(invoice_layout(doc, settings, totals, texts), xml)
    warnings = tuple(failure for failure in failures if not failure.blocking)
    return RenderedInvoice(number=doc.number, pdf=pdf, xml=xml, warnings=warnings, totals=totals)


def render_invoice(doc: InvoiceDocument, template: TemplateSettings | None = None) -> bytes:
    """The Factur-X PDF/A-3B of ``doc``; raise InvoiceRejected (no PDF) when the XML fails."""
    return build_invoice(doc, template).pdf
