"""Formal notice letter PDF."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal as D

import pikepdf
from documents_samples import SELLER, SOCIETE
from pypdf import PdfReader

from suivi.documents.letter import INVOICE_TABLE, Letter, LetterInvoice
from suivi.documents.letter import render_letter as render_letter_pdf


def render_letter(*args, **kwargs) -> bytes:
    """The letter of these positional fields (seller, recipient, day, subject, paragraphs, rows,
    language…), rendered."""
    return render_letter_pdf(Letter(*args, **kwargs))

PARAGRAPHS = [
    "Madame, Monsieur,",
    "Malgré nos relances, les factures ci-dessous restent impayées :",
    INVOICE_TABLE,
    "Nous vous mettons en demeure de régler la somme de 4 218,40 € sous huit jours.",
    "Veuillez agréer, Madame, Monsieur, nos salutations distinguées.",
]
ROWS = [
    ("FA-2026-0098", date(2026, 9, 2), date(2026, 10, 2), D("1200.00"), 54, D("21.57")),
    LetterInvoice(
        "FA-2026-0110", date(2026, 9, 15), date(2026, 10, 15), D("3018.40"), 41, D("41.19")
    ),
]


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    raw = "\n".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"\s+", " ", raw.replace("\u00a0", " ").replace("\u202f", " "))


def test_letter_contents_in_french():
    pdf = render_letter(
        SELLER,
        SOCIETE,
        date(2026, 11, 25),
        "Mise en demeure de payer",
        PARAGRAPHS,
        ROWS,
        "fr",
        signatory="Julie Martin, gérante",
    )
    text = text_of(pdf)
    for expected in (
        "LETTRE RECOMMANDÉE AVEC ACCUSÉ DE RÉCEPTION",
        "Objet : Mise en demeure de payer",
        "Lyon, le 25/11/2026",
        "Société Nouvelle des Établissements",
        "69008 Lyon",
        "FA-2026-0098 02/09/2026 02/10/2026 1 200,00 € 54 21,57 €",
        "FA-2026-0110 15/09/2026 15/10/2026 3 018,40 € 41 41,19 €",
        # Totals by hand: 1 200.00 + 3 018.40 = 4 218.40; 21.57 + 41.19 = 62.76.
        "Total 4 218,40 € 62,76 €",
        "Julie Martin, gérante",
        "SIREN 732 829 320",
    ):
        assert expected in text, expected
    # The table sits where the marker paragraph was, between the two body paragraphs.
    assert (
        text.index("restent impayées")
        < text.index("FA-2026-0098")
        < text.index("mettons en demeure")
    )


def test_letter_is_pdfa_with_embedded_fonts():
    pdf = render_letter(SELLER, SOCIETE, date(2026, 11, 25), "Mise en demeure", ["Bonjour."], ROWS)
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert b"<pdfaid:part>2</pdfaid:part>" in document.Root.Metadata.read_bytes()
        for font in document.pages[0].Resources.Font.values():
            assert "/FontFile2" in font.DescendantFonts[0].FontDescriptor


def test_letter_without_marker_puts_the_table_after_the_text_and_english_labels():
    pdf = render_letter(
        SELLER,
        SOCIETE,
        date(2026, 11, 5),
        "Formal notice",
        ["Dear Sir or Madam,"],
        ROWS,
        "en",
        registered=False,
    )
    text = text_of(pdf)
    assert "Subject: Formal notice" in text
    assert "Lyon, 5 Nov 2026" in text
    assert "RECOMMANDÉE" not in text and "REGISTERED" not in text
    assert text.index("Dear Sir") < text.index("Outstanding") < text.index("€4,218.40")


def test_many_invoices_continue_on_a_second_page():
    rows = [
        (f"FA-2026-{n:04d}", date(2026, 1, 1), date(2026, 2, 1), D("100.00"), 200, D("6.66"))
        for n in range(1, 61)
    ]
    pdf = render_letter(SELLER, SOCIETE, date(2026, 11, 25), "Mise en demeure", PARAGRAPHS, rows)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    text = text_of(pdf)
    assert all(f"FA-2026-{n:04d}" in text for n in range(1, 61))
    assert "Total 6 000,00 € 399,60 €" in text
