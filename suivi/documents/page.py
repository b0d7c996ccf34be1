"""The invoice page: fpdf2 document with the running header and the legal footer."""

from __future__ import annotations

from fpdf import FPDF

from .drawing import pack_segments, split_segments, wrap, write_text
from .fonts import add_bundled_fonts
from .layout import BOTTOM, CONTENT_W, GREY, LEFT, LINE, PAGE_H, PAGE_W, RIGHT, TOP, InvoiceLayout

FOOTER_SIZE = 6.8
FOOTER_LINE = 3.1
PAGE_NUMBER_W = 22.0


class InvoicePDF(FPDF):
    """fpdf2 document with the invoice's running header and legal footer."""

    def __init__(self, layout: InvoiceLayout, full_fonts: bool = False):
        super().__init__(orientation="P", unit="mm", format="A4", enforce_compliance="PDF/A-3B")
        self.layout = layout
        self.set_margins(LEFT, TOP, RIGHT)
        self.set_auto_page_break(True, BOTTOM)
        self.alias_nb_pages("{nb}")
        add_bundled_fonts(self, layout.family, full=full_fonts)
        self._packed_footer: list[str] | None = None

    def header(self) -> None:
        if self.page_no() == 1:
            return
        lay = self.layout
        self.set_xy(LEFT, TOP - 4)
        self.set_font(lay.family, "B", 9)
        self.set_text_color(*lay.primary)
        caption = lay.labels["continued"].format(title=lay.title.capitalize(),
                                                 number=lay.doc.number)
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

    def footer_lines(self) -> list[str]:
        """The footer blocks packed to the footer width, parts never cut (computed once)."""
        if self._packed_footer is None:
            self.set_font(self.layout.family, "", FOOTER_SIZE)
            width = CONTENT_W - 2 * PAGE_NUMBER_W
            self._packed_footer = [packed for line in self.layout.texts.footer
                                  for packed in pack_segments(self, split_segments(line), width)]
        return self._packed_footer

    def footer(self) -> None:
        lay = self.layout
        top = PAGE_H - BOTTOM + 5
        self.set_draw_color(*LINE)
        self.set_line_width(0.2)
        self.line(LEFT, top, PAGE_W - RIGHT, top)
        lines = self.footer_lines()
        self.set_font(lay.family, "", FOOTER_SIZE)
        self.set_text_color(*GREY)
        self.set_y(top + 1.2)
        for line in lines:
            write_text(self, LEFT + PAGE_NUMBER_W, CONTENT_W - 2 * PAGE_NUMBER_W, FOOTER_LINE,
                       line, align="C", breakable=False)
        self.set_xy(PAGE_W - RIGHT - PAGE_NUMBER_W, top + 1.2)
        self.set_font(lay.family, "", 7.5)
        self.cell(PAGE_NUMBER_W, 3.6, lay.labels["page"].format(page=self.page_no(), pages="{nb}"),
                  align="R")


def ensure_space(pdf: InvoicePDF, height: float) -> None:
    """Start a new page unless ``height`` mm fit above the bottom margin."""
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()
