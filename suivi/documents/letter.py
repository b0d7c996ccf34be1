"""Formal notice letter (mise en demeure) as a PDF/A-2B document.

The caller writes the paragraphs (the wording belongs to the dunning step); this module lays
them out with the sender's identity, the recipient's address placed for a window envelope, the
place and date, the subject, the table of unpaid invoices and a signature block. A paragraph
equal to :data:`INVOICE_TABLE` marks where the table goes; without it the table follows the
paragraphs.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from fpdf import FPDF

from suivi.core.formats import format_date, format_iban, format_money, format_siren, format_siret

from .drawing import pack_segments, split_segments, text_height, wrap, write_text
from .fonts import FastFontOutput, add_bundled_fonts, missing_glyphs
from .labels import labels
from .letter_model import INVOICE_TABLE, Letter, LetterInvoice
from .model import Seller
from .settings import TemplateSettings, parse_color
from .texts import render_block

SIGNATURE_H = 18.0

LEFT, RIGHT, TOP, BOTTOM = 20.0, 20.0, 16.0, 22.0
PAGE_W, PAGE_H = 210.0, 297.0
CONTENT_W = PAGE_W - LEFT - RIGHT
GREY = (95, 95, 95)
DARK = (25, 25, 25)
LINE = (200, 204, 210)
WHITE = (255, 255, 255)

#: (label key, width mm, alignment) of the invoices table.
LETTER_COLUMNS = (
    ("letter_col_number", 36.0, "L"),
    ("letter_col_issue", 24.0, "R"),
    ("letter_col_due", 24.0, "R"),
    ("letter_col_amount", 32.0, "R"),
    ("letter_col_days", 22.0, "R"),
    ("letter_col_penalties", 32.0, "R"),
)


class _LetterPDF(FPDF):
    def __init__(self, family: str, footer_lines: tuple[str, ...], full_fonts: bool):
        super().__init__(orientation="P", unit="mm", format="A4", enforce_compliance="PDF/A-2B")
        self.family = family
        self.footer_lines = footer_lines
        self.set_margins(LEFT, TOP, RIGHT)
        self.set_auto_page_break(True, BOTTOM)
        self.alias_nb_pages("{nb}")
        add_bundled_fonts(self, family, full=full_fonts)

    def footer(self) -> None:
        top = PAGE_H - BOTTOM + 6
        self.set_draw_color(*LINE)
        self.set_line_width(0.2)
        self.line(LEFT, top, PAGE_W - RIGHT, top)
        self.set_font(self.family, "", 6.8)
        self.set_text_color(*GREY)
        self.set_y(top + 1.2)
        width = CONTENT_W - 40
        packed = [part for line in self.footer_lines
                  for part in pack_segments(self, split_segments(line), width)]
        for line in packed:
            write_text(self, LEFT + 20, width, 3.1, line, align="C", breakable=False)
        self.set_xy(PAGE_W - RIGHT - 20, top + 1.2)
        self.cell(20, 3.1, f"{self.page_no()}/{{nb}}", align="R")


def _footer_lines(seller: Seller, settings: TemplateSettings, lang: str) -> tuple[str, ...]:
    context = {
        "seller": seller,
        "settings": settings,
        "siren": format_siren(seller.siren),
        "siret": format_siret(seller.siret),
        "iban": format_iban(seller.iban),
        "lang": lang,
    }
    text = render_block("footer.j2", context, lang, settings.text_dir)
    return tuple(re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines() if line.strip())


def _draw_table(pdf: _LetterPDF, rows: list[LetterInvoice], lang: str, primary) -> None:
    lab = labels(lang)
    row_h = 6.0
    needed = (len(rows) + 2) * row_h + 4
    if pdf.get_y() + min(needed, 60) > pdf.page_break_trigger:
        pdf.add_page()

    def header() -> None:
        pdf.set_fill_color(*primary)
        pdf.set_text_color(*WHITE)
        pdf.set_font(pdf.family, "B", 8.3)
        x, y = LEFT, pdf.get_y()
        for key, width, align in LETTER_COLUMNS:
            pdf.set_xy(x, y)
            pdf.cell(width, row_h, lab[key], align=align, fill=True)
            x += width
        pdf.set_xy(LEFT, y + row_h)
        pdf.set_text_color(*DARK)

    pdf.set_y(pdf.get_y() + 1)
    header()
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.15)
    for row in rows:
        if pdf.get_y() + row_h > pdf.page_break_trigger:
            pdf.add_page()
            header()
        pdf.set_font(pdf.family, "", 8.6)
        values = (
            row.number,
            format_date(row.issue_date, lang),
            format_date(row.due_date, lang),
            format_money(row.amount_due, lang),
            str(row.days_late),
            format_money(row.penalties, lang),
        )
        x, y = LEFT, pdf.get_y()
        for (_key, width, align), value in zip(LETTER_COLUMNS, values, strict=True):
            pdf.set_xy(x, y)
            pdf.cell(width, row_h, wrap(pdf, value, width)[0], align=align)
            x += width
        pdf.line(LEFT, y + row_h, LEFT + sum(w for _k, w, _a in LETTER_COLUMNS), y + row_h)
        pdf.set_xy(LEFT, y + row_h)
    total_amount = sum((row.amount_due for row in rows), Decimal("0"))
    total_penalties = sum((row.penalties for row in rows), Decimal("0"))
    pdf.set_font(pdf.family, "B", 8.6)
    widths = [width for _key, width, _align in LETTER_COLUMNS]
    y = pdf.get_y()
    pdf.set_xy(LEFT, y)
    pdf.cell(sum(widths[:3]), row_h, lab["letter_total"])
    pdf.cell(widths[3], row_h, format_money(total_amount, lang), align="R")
    pdf.cell(widths[4], row_h, "")
    pdf.cell(widths[5], row_h, format_money(total_penalties, lang), align="R")
    pdf.set_xy(LEFT, y + row_h + 4)


X_ADDRESS, Y_ADDRESS = 110.0, 48.0


def _draw_sender(pdf: _LetterPDF, letter: Letter, primary: tuple[int, int, int]) -> None:
    """Logo and sender, top left."""
    seller, family, lab = letter.seller, pdf.family, labels(letter.lang)
    y = TOP
    logo = letter.settings.logo_path or seller.logo_path
    if logo is not None and Path(logo).is_file():
        try:
            info = pdf.image(str(logo), x=LEFT, y=y, h=16, keep_aspect_ratio=True)
            y += min(float(info.rendered_height), 16.0) + 3
        except Exception:  # unreadable logo: the letter stays valid without it
            pass
    pdf.set_xy(LEFT, y)
    pdf.set_text_color(*primary)
    pdf.set_font(family, "B", 11.5)
    write_text(pdf, LEFT, 85, 5.2, seller.name, breakable=False)
    pdf.set_text_color(*DARK)
    pdf.set_font(family, "", 8.8)
    sender = list(seller.postal_lines())
    if seller.phone:
        sender.append(f"{lab['tel']} {seller.phone}")
    if seller.email:
        sender.append(seller.email)
    for line in sender:
        write_text(pdf, LEFT, 85, 4.1, line, breakable=False)


def _draw_recipient(pdf: _LetterPDF, letter: Letter, primary: tuple[int, int, int]) -> None:
    """Recipient in the window of a DL envelope, then place, date and subject."""
    family, lab = pdf.family, labels(letter.lang)
    if letter.registered:
        pdf.set_xy(X_ADDRESS, Y_ADDRESS - 7)
        pdf.set_font(family, "B", 7.8)
        pdf.set_text_color(*primary)
        pdf.cell(80, 4, lab["letter_registered"].upper())
    pdf.set_text_color(*DARK)
    pdf.set_y(Y_ADDRESS)
    pdf.set_font(family, "B", 10)
    write_text(pdf, X_ADDRESS, 80, 4.8, letter.recipient.name, breakable=False)
    pdf.set_font(family, "", 9.5)
    for line in letter.recipient.postal_lines():
        write_text(pdf, X_ADDRESS, 80, 4.6, line, breakable=False)
    pdf.set_font(family, "", 9.5)
    place = lab["letter_place_date"].format(city=letter.seller.city or "",
                                            date=format_date(letter.when, letter.lang))
    pdf.set_y(max(pdf.get_y(), Y_ADDRESS + 28) + 4)
    write_text(pdf, X_ADDRESS, 80, 5, place.strip(", "), breakable=False)
    pdf.set_y(pdf.get_y() + 6)
    pdf.set_font(family, "B", 10)
    write_text(pdf, LEFT, CONTENT_W, 5.2, lab["letter_ref"].format(subject=letter.subject))
    pdf.set_y(pdf.get_y() + 4)


def _draw_body(pdf: _LetterPDF, letter: Letter, primary: tuple[int, int, int]) -> None:
    """Paragraphs, the invoices table where :data:`INVOICE_TABLE` stands, and the signature."""
    rows, family = list(letter.rows), pdf.family
    table_done = False
    last = len(letter.paragraphs) - 1
    for index, paragraph in enumerate(letter.paragraphs):
        if paragraph.strip() == INVOICE_TABLE:
            _draw_table(pdf, rows, letter.lang, primary)
            table_done = True
            continue
        pdf.set_font(family, "", 9.8)
        height = min(text_height(pdf, paragraph, CONTENT_W, 5), 15)
        if index == last and (table_done or not rows):
            height += 3 + SIGNATURE_H  # the closing paragraph stays with the signature
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
        write_text(pdf, LEFT, CONTENT_W, 5, paragraph)
        pdf.set_y(pdf.get_y() + 3)
    if rows and not table_done:
        _draw_table(pdf, rows, letter.lang, primary)
    if pdf.get_y() + SIGNATURE_H > pdf.page_break_trigger:
        pdf.add_page()
    pdf.set_y(pdf.get_y() + 6)
    pdf.set_font(family, "", 9.8)
    if letter.signatory:
        write_text(pdf, X_ADDRESS, 80, 5, letter.signatory, breakable=False)
    pdf.set_font(family, "B", 9.8)
    write_text(pdf, X_ADDRESS, 80, 5, letter.seller.name, breakable=False)


def _draw_letter(letter: Letter, full_fonts: bool) -> bytes:
    primary = parse_color(letter.settings.primary_color)
    footer = _footer_lines(letter.seller, letter.settings, letter.lang)
    pdf = _LetterPDF(letter.settings.font_family, footer, full_fonts)
    pdf.set_title(letter.subject)
    pdf.set_author(letter.seller.name)
    pdf.set_creator("suivi (documents)")
    pdf.set_lang("fr-FR" if letter.lang == "fr" else "en")
    pdf.add_page()
    _draw_sender(pdf, letter, primary)
    _draw_recipient(pdf, letter, primary)
    _draw_body(pdf, letter, primary)
    if not full_fonts and missing_glyphs(pdf):
        return _draw_letter(letter, True)
    return bytes(pdf.output(output_producer_class=FastFontOutput))


def render_letter(letter: Letter) -> bytes:
    """The formal notice letter as PDF bytes."""
    return _draw_letter(letter, False)
