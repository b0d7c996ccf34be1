"""Bundled fonts (DejaVu, Bitstream Vera licence: see LICENSE.txt) and a per-process cache.

Two costs dominate when fpdf2 writes a document with TrueType fonts: parsing the font in
``add_font`` and subsetting it with fontTools in ``output``; both grow with the number of
glyphs (DejaVu Sans has about 6,000). This module therefore:

* derives once per process a *working* copy of each font reduced to the characters of
  European business documents (Latin scripts, punctuation, currency and common symbols,
  about 900 glyphs), without the OpenType layout tables fpdf2 drops anyway and without
  TrueType hinting instructions (PDF viewers rasterise outlines themselves); the embedded
  subsets are also half the size;
* parses each working font once per process and gives every new document a light copy: the
  parsed metrics are shared read-only, while what fpdf2 changes while writing (subset map, font
  descriptor, the fontTools object it subsets) is fresh for each document.

A document whose text needs a glyph outside the working set is drawn again with the complete
font files (``full=True``), so no character is ever lost.

Finally, subsetting the font for every file costs about 10 ms per style in fontTools. Most
French documents only use a few hundred common characters, so :class:`FastFontOutput` (an
fpdf2 output producer) embeds a *common* font program prepared and compressed once per
process (Latin-1, Œ/œ, typographic punctuation, €…) instead of subsetting again, whenever every
glyph the document uses is in it. Otherwise fpdf2 subsets as usual.
"""

from __future__ import annotations

import copy
import logging
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path

from fontTools import subset as ftsubset
from fontTools import ttLib
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont
from fpdf.output import CIDSystemInfo, OutputProducer, PDFFont, _tt_font_widths
from fpdf.syntax import Name, PDFArray, PDFContentStream

from suivi.documents.glyphs import FONT_DIR, FONT_FILES

LOGGER = logging.getLogger(__name__)
# fpdf2 logs characters its fonts cannot draw on the console; suivi reports them itself, on
# the cell they come from (`undrawable`), before rendering.
logging.getLogger("fpdf.output").setLevel(logging.ERROR)

#: family → {fpdf2 style → file}. DejaVu Serif ships upright styles only: italics reuse them.

#: Unicode ranges kept in the working fonts.
WORKING_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x024F),  # Latin-1, Latin Extended-A and -B
    (0x02B0, 0x036F),  # spacing modifiers, combining diacritics
    (0x2000, 0x206F),  # General Punctuation (narrow no-break space, dashes, quotes…)
    (0x20A0, 0x20CF),  # currency symbols (€)
    (0x2100, 0x214F),  # letterlike symbols (№, ™)
    (0x2190, 0x2195),  # arrows
    (0x2212, 0x2212),  # minus sign
    (0x2248, 0x2248),  # almost equal
    (0x2260, 0x2265),  # not equal, less / greater or equal
    (0x25A0, 0x25AB),  # squares
    (0x25CB, 0x25CF),  # circles, bullets
    (0x2713, 0x2714),  # check marks
    (0xFB00, 0xFB06),  # Latin ligatures
)

#: Characters of the common font program embedded without per-document subsetting.
COMMON_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x0152, 0x0153),  # Œ œ
    (0x0178, 0x0178),  # Ÿ
    (0x2010, 0x2027),  # dashes, quotes, bullet, ellipsis
    (0x202F, 0x2030),  # narrow no-break space, per mille
    (0x2039, 0x203A),  # single guillemets
    (0x20AC, 0x20AC),  # euro sign
    (0x2116, 0x2116),  # numero sign
    (0x2122, 0x2122),  # trade mark
    (0x2212, 0x2212),  # minus sign
)

DEFAULT_STYLES: tuple[str, ...] = ("", "B")


_BUNDLED_FILES = frozenset(name for styles in FONT_FILES.values() for name in styles.values())


@cache
def _file_bytes(filename: str) -> bytes:
    return (FONT_DIR / filename).read_bytes()


def _reduce(data: bytes, ranges: tuple[tuple[int, int], ...]) -> bytes:
    """Subset a font program to ``ranges``, without layout tables nor hinting."""
    font = ttLib.TTFont(BytesIO(data), recalcTimestamp=False)
    options = ftsubset.Options(
        notdef_outline=True,
        recommended_glyphs=True,
        glyph_names=True,
        name_IDs=["*"],
        name_languages=["*"],
        name_legacy=True,
        layout_features=[],
        hinting=False,
    )
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "FFTM", "hdmx", "MATH"]
    subsetter = ftsubset.Subsetter(options)
    subsetter.populate(unicodes=[code for low, high in ranges for code in range(low, high + 1)])
    subsetter.subset(font)
    # Keep the Windows Unicode cmap only: the Unicode-platform duplicate is never used.
    font["cmap"].tables = [
        table for table in font["cmap"].tables if (table.platformID, table.platEncID) == (3, 1)
    ] or font["cmap"].tables
    buffer = BytesIO()
    font.save(buffer)
    return buffer.getvalue()


@cache
def _working_bytes(filename: str) -> bytes:
    """The font reduced to WORKING_RANGES (computed once per process)."""
    return _reduce(_file_bytes(filename), WORKING_RANGES)


@dataclass(frozen=True, slots=True)
class _CommonProgram:
    """A font program embedded as is: its bytes, Flate-compressed bytes and glyph ids."""

    data: bytes
    compressed: bytes
    glyph_ids: dict[str, int]


@cache
def _common_program(filename: str) -> _CommonProgram:
    """The common font program of ``filename`` (computed once per process)."""
    data = _reduce(_working_bytes(filename), COMMON_RANGES)
    font = ttLib.TTFont(BytesIO(data), lazy=True)
    order = font.getGlyphOrder()
    return _CommonProgram(
        data=data,
        compressed=zlib.compress(data),
        glyph_ids={name: index for index, name in enumerate(order)},
    )


def _source_bytes(filename: str, full: bool) -> bytes:
    return _file_bytes(filename) if full else _working_bytes(filename)


@cache
def _prototype(family: str, style: str, full: bool) -> TTFFont:
    """The font parsed once per process, never attached to a real document."""
    filename = FONT_FILES[family][style]
    source = BytesIO(_source_bytes(filename, full))
    font = TTFFont(FPDF(), source, f"{family}{style}", style)  # type: ignore[arg-type]
    font.ttffile = FONT_DIR / filename
    return font


def _fresh_copy(proto: TTFFont, pdf: FPDF, fontkey: str, full: bool) -> TTFFont:
    """A per-document font sharing the prototype's parsed metrics."""
    font = copy.copy(proto)
    font.i = len(pdf.fonts) + 1
    font.fontkey = fontkey
    font.ttfont = ttLib.TTFont(
        BytesIO(_source_bytes(Path(proto.ttffile).name, full)),
        recalcTimestamp=False,
        recalcBBoxes=False,
        lazy=True,
    )
    font.desc = copy.copy(proto.desc)
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font._hbfont = None
    font.color_font = None
    font.subset = SubsetMap(font)
    return font


def add_bundled_fonts(
    pdf: FPDF, family: str, styles: Iterable[str] = DEFAULT_STYLES, full: bool = False
) -> None:
    """Register ``styles`` of a bundled family on ``pdf`` under the name ``family``.

    Only registered styles are embedded, so register just the ones the document uses.
    ``full=True`` uses the complete font files instead of the working subset.
    """
    if family not in FONT_FILES:
        raise KeyError(family)
    for style in styles:
        filename = FONT_FILES[family][style]
        fontkey = f"{family}{style}"
        if fontkey in pdf.fonts:
            continue
        try:
            pdf.fonts[fontkey] = _fresh_copy(_prototype(family, style, full), pdf, fontkey, full)
        except (AttributeError, TypeError) as exc:  # fpdf2 internals changed: slow path
            LOGGER.debug("font cache unavailable (%s); parsing %s", exc, filename)
            pdf.add_font(family, style, str(FONT_DIR / filename))


def missing_glyphs(pdf: FPDF) -> list[int]:
    """Code points the document asked for and its fonts could not draw."""
    codes = {code for font in pdf.fonts.values() for code in getattr(font, "missing_glyphs", [])}
    return sorted(codes)


class _CompressedStream(PDFContentStream):
    """A Flate stream whose compressed bytes were computed once per process."""

    def __init__(self, compressed: bytes, length1: int | None = None):
        super().__init__(contents=b"", compress=False)
        self._contents = compressed
        self.filter = Name("FlateDecode")
        self.length = len(compressed)
        if length1 is not None:
            self.length1 = length1


def _common_program_for(font: object) -> _CommonProgram | None:
    """The common program able to draw every glyph ``font`` used in this document, if any."""
    if not isinstance(font, TTFFont) or font.missing_glyphs or font.color_font or font.is_cff:
        return None
    path = Path(font.ttffile)
    if path.parent != FONT_DIR or path.name not in _BUNDLED_FILES:
        return None
    program = _common_program(path.name)
    names = font.subset.get_all_glyph_names()
    return program if all(name in program.glyph_ids for name in names) else None


def _utf16_hex(code_point: int) -> str:
    """UTF-16 code unit(s) of a code point in hexadecimal, as a ToUnicode CMap wants them."""
    if code_point <= 0xFFFF:
        return f"{code_point:04X}"
    high = 0xD800 | (code_point - 0x10000) >> 10
    low = 0xDC00 | (code_point & 0x3FF)
    return f"{high:04X}{low:04X}"


def _to_unicode(font: TTFFont) -> bytes:
    """ToUnicode CMap of the codes the document used (as fpdf2 writes it)."""
    entries = []
    for glyph, code in font.subset.items():
        if glyph is None or not isinstance(glyph.unicode, tuple) or not glyph.unicode:
            continue
        target = "".join(_utf16_hex(code_point) for code_point in glyph.unicode)
        entries.append(f"<{code:04X}> <{target}>\n")
    blocks = "".join(
        f"{len(entries[i:i + 100])} beginbfchar\n{''.join(entries[i:i + 100])}endbfchar\n"
        for i in range(0, len(entries), 100)
    )
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n"
        "<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n"
        f"<0000> <FFFF>\nendcodespacerange\n{blocks}endcmap\n"
        "CMapName currentdict /CMap defineresource pop\nend\nend"
    ).encode("latin-1")


class FastFontOutput(OutputProducer):
    """fpdf2 output producer embedding the common font programs without subsetting.

    Pass it as ``pdf.output(output_producer_class=FastFontOutput)``. A bundled TrueType font
    whose used glyphs all belong to the common program is written here, with the same objects
    fpdf2 writes (Type0 font, CIDFontType2 with widths, ToUnicode CMap, CIDToGIDMap, descriptor
    and FontFile2), but with the font program and its compressed stream prepared once per
    process. Every other font (and PDF/A-1, which needs a CIDSet) goes through fpdf2's own code.
    """

    def _add_fonts(self, *args, **kwargs):
        fonts = self.fpdf.fonts
        compliance = self.fpdf._compliance
        if compliance and compliance.profile == "PDFA" and compliance.part == 1:
            return super()._add_fonts(*args, **kwargs)
        prepared = {key: program for key, font in fonts.items()
                    if (program := _common_program_for(font)) is not None}
        if not prepared:
            return super()._add_fonts(*args, **kwargs)
        registered = list(fonts.items())
        for key in prepared:
            del fonts[key]  # fpdf2 writes the other fonts
        try:
            objects = super()._add_fonts(*args, **kwargs)
        finally:
            fonts.clear()
            fonts.update(registered)
        for key in sorted(prepared, key=lambda name: fonts[name].i):
            font = fonts[key]
            assert isinstance(font, TTFFont)
            objects[font.i] = self._add_common_font(font, prepared[key])
        return objects

    def _add_common_font(self, font: TTFFont, program: _CommonProgram) -> PDFFont:
        fontname = f"MPDFAA+{font.name}"
        composite = PDFFont(subtype="Type0", base_font=fontname, encoding="Identity-H")
        self._add_pdf_obj(composite, "fonts")
        cid_font = PDFFont(
            subtype="CIDFontType2",
            base_font=fontname,
            d_w=font.desc.missing_width,
            w=_tt_font_widths(font),
        )
        self._add_pdf_obj(cid_font, "fonts")
        composite.descendant_fonts = PDFArray([cid_font])

        to_unicode = PDFContentStream(_to_unicode(font))
        self._add_pdf_obj(to_unicode, "fonts")
        composite.to_unicode = to_unicode

        system_info = CIDSystemInfo()
        self._add_pdf_obj(system_info, "fonts")
        cid_font.c_i_d_system_info = system_info

        descriptor = font.desc
        descriptor.font_name = Name(fontname)
        self._add_pdf_obj(descriptor, "fonts")
        cid_font.font_descriptor = descriptor

        code_to_glyph = {
            code: program.glyph_ids[glyph.glyph_name]
            for glyph, code in font.subset.items()
            if glyph is not None
        }
        mapping = bytearray(2 * (max(code_to_glyph, default=0) + 1))
        for code, glyph_id in code_to_glyph.items():
            mapping[2 * code] = glyph_id >> 8
            mapping[2 * code + 1] = glyph_id & 0xFF
        cid_to_gid = PDFContentStream(contents=bytes(mapping), compress=True)
        self._add_pdf_obj(cid_to_gid, "fonts")
        cid_font.c_i_d_to_g_i_d_map = cid_to_gid

        stream = _CompressedStream(program.compressed, length1=len(program.data))
        self._add_pdf_obj(stream, "fonts")
        descriptor.font_file2 = stream  # type: ignore[attr-defined]

        font.subset.pick.cache_clear()
        font.subset.get_glyph.cache_clear()
        font.close()
        return composite


def warm_up_fonts(families: Iterable[str] = tuple(FONT_FILES)) -> None:
    """Prepare the working fonts now (e.g. in a worker initializer)."""
    for family in families:
        for style in DEFAULT_STYLES:
            _prototype(family, style, False)
            _common_program(FONT_FILES[family][style])
