"""The bundled fonts' files, and which characters they can draw — without loading fpdf2, so that
a run can report the characters an invoice would lose before it renders anything."""
from __future__ import annotations

from functools import cache
from io import BytesIO
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"

#: family → {fpdf2 style → file}. DejaVu Serif ships upright styles only: italics reuse them.
FONT_FILES: dict[str, dict[str, str]] = {
    "dejavu-sans": {
        "": "DejaVuSans.ttf",
        "B": "DejaVuSans-Bold.ttf",
        "I": "DejaVuSans-Oblique.ttf",
        "BI": "DejaVuSans-BoldOblique.ttf",
    },
    "dejavu-serif": {
        "": "DejaVuSerif.ttf",
        "B": "DejaVuSerif-Bold.ttf",
        "I": "DejaVuSerif.ttf",
        "BI": "DejaVuSerif-Bold.ttf",
    },
}


@cache
def _drawable(family: str) -> frozenset[int]:
    """Code points the complete regular font of `family` can draw."""
    from fontTools import ttLib  # here: 25 ms that a run with nothing to render never needs

    font = ttLib.TTFont(BytesIO((FONT_DIR / FONT_FILES[family][""]).read_bytes()), lazy=True)
    return frozenset(font.getBestCmap())


def undrawable(text: str, family: str = "dejavu-sans") -> str:
    """The distinct characters of `text` the bundled font cannot draw (emoji, Chinese,
    Japanese…), in order; they would be missing from the PDF (the Factur-X XML keeps them)."""
    drawable = _drawable(family)
    seen: dict[str, None] = {}
    for ch in text:
        if ord(ch) >= 0x20 and not ch.isspace() and ord(ch) not in drawable:
            seen.setdefault(ch, None)
    return "".join(seen)
