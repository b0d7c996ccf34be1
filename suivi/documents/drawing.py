"""Small drawing helpers shared by the invoice and the letter (fpdf2, millimetres).

fpdf2's ``multi_cell`` breaks lines character by character in Python; most strings on an
invoice fit on one line, so :func:`wrap` measures first and only asks fpdf2 to break the text
when it is too wide. :func:`write_text` then draws the lines one by one and starts a new page
when the next line would cross the bottom margin.
"""

from __future__ import annotations

from fpdf import FPDF


def string_width(pdf: FPDF, text: str) -> float:
    """Width of ``text`` in user units with the current font (no character spacing).

    Reads the glyph widths fpdf2 parsed for the font directly: ``get_string_width`` builds
    text fragments and runs the bidirectional algorithm for every call.
    """
    font = pdf.current_font
    widths = getattr(font, "cw", None)
    if widths is None or pdf.char_spacing or pdf.font_stretching != 100:
        return pdf.get_string_width(text)
    return sum(widths[ord(char)] for char in text) * pdf.font_size_pt / 1000 / pdf.k


def wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """Lines of ``text`` broken at spaces to fit a cell of ``width`` with the current font.

    Words are measured once each (fpdf2's own breaker re-measures the growing line at every
    character); a single word wider than the cell is left to fpdf2, which cuts it.
    """
    available = width - 2 * pdf.c_margin
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if string_width(pdf, paragraph) <= available:
            lines.append(paragraph)
            continue
        space = string_width(pdf, " ")
        current: list[str] = []
        current_width = 0.0
        for word in paragraph.split(" "):
            word_width = string_width(pdf, word)
            extra = word_width + (space if current else 0.0)
            if current and current_width + extra > available:
                lines.append(" ".join(current))
                current, current_width = [], 0.0
                extra = word_width
            if not current and word_width > available:
                pieces: list[str] = pdf.multi_cell(  # type: ignore[assignment]
                    width, 1, word, dry_run=True, output="LINES")
                lines.extend(pieces[:-1])
                word = pieces[-1] if pieces else ""
                extra = string_width(pdf, word)
            current.append(word)
            current_width += extra
        lines.append(" ".join(current))
    return lines or [""]


def put_text(
    pdf: FPDF, x: float, y: float, width: float, height: float, text: str, align: str = "L"
) -> None:
    """Draw one line of text in the box (x, y, width, height), as ``cell`` would place it.

    ``FPDF.text`` is several times faster than ``FPDF.cell`` (no fragment, no bidirectional
    pass); the position reproduces cell's: inner margin ``c_margin``, baseline at
    ``y + height / 2 + 0.3 × font size``. Text that needs the page-count alias must use cell.
    """
    if not text:
        return
    if align == "L":
        left = x + pdf.c_margin
    else:
        text_width = string_width(pdf, text)
        if align == "R":
            left = x + width - pdf.c_margin - text_width
        else:
            left = x + (width - text_width) / 2
    pdf.text(left, y + 0.5 * height + 0.3 * pdf.font_size, text)


def text_height(pdf: FPDF, text: str, width: float, line_height: float) -> float:
    """Height of ``text`` wrapped in ``width`` with the current font."""
    return len(wrap(pdf, text, width)) * line_height


def write_text(
    pdf: FPDF,
    x: float,
    width: float,
    line_height: float,
    text: str,
    align: str = "L",
    *,
    breakable: bool = True,
) -> float:
    """Draw ``text`` wrapped in ``width`` from the current y; return the y below it."""
    y = pdf.get_y()
    for line in wrap(pdf, text, width):
        if breakable and y + line_height > pdf.page_break_trigger and not pdf.in_footer:
            pdf.add_page()
            y = pdf.get_y()
        put_text(pdf, x, y, width, line_height, line, align)
        y += line_height
    pdf.set_xy(x, y)
    return y


def fit_font_size(pdf: FPDF, text: str, width: float, size: float, minimum: float) -> float:
    """Largest font size ≤ ``size`` (step 0.25 pt, at least ``minimum``) at which text fits."""
    family, style = pdf.font_family, pdf.font_style
    current = size
    while current > minimum:
        pdf.set_font(family, style, current)
        if string_width(pdf, text) <= width - 2 * pdf.c_margin:
            return current
        current -= 0.25
    pdf.set_font(family, style, minimum)
    return minimum


SEPARATOR = " – "


def pack_segments(pdf: FPDF, parts: list[str] | tuple[str, ...], width: float,
                  separator: str = SEPARATOR) -> list[str]:
    """Lines holding ``parts`` joined by ``separator``, never breaking inside a part.

    A separator only ever stands between two parts on the same line: no line starts or ends
    with a dangling dash, and an identifier ("SIRET 732 829 320 00074") is never cut in two
    unless it is wider than the whole line on its own.
    """
    available = width - 2 * pdf.c_margin
    lines: list[str] = []
    current = ""
    for part in (part.strip() for part in parts):
        if not part:
            continue
        candidate = f"{current}{separator}{part}" if current else part
        if string_width(pdf, candidate) <= available:
            current = candidate
            continue
        if current:
            lines.append(current)
        pieces = wrap(pdf, part, width) if string_width(pdf, part) > available else [part]
        lines.extend(pieces[:-1])
        current = pieces[-1]
    if current:
        lines.append(current)
    return lines


def split_segments(line: str, separator: str = SEPARATOR) -> list[str]:
    """The parts of a line written with ``separator`` between them; empty parts and dashes
    left dangling at either end of a part (an empty field in a template) are dropped."""
    dash = separator.strip()
    parts = (part.strip().strip(dash).strip() for part in line.split(separator))
    return [part for part in parts if part]
