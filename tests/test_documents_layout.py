"""What a reader notices on the page: dangling dashes, identifiers cut in two, cramped headers."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess

import pytest
from documents_samples import GENERATED_AT, sample_cases
from pypdf import PdfReader

from suivi.documents.drawing import split_segments
from suivi.documents.letter import Letter
from suivi.documents.letter import render_letter as render_letter_pdf
from suivi.documents.pdf import render_invoice


def render_letter(*args, **kwargs) -> bytes:
    """The letter of these positional fields (seller, recipient, day, subject, paragraphs, rows,
    language…), rendered."""
    return render_letter_pdf(Letter(*args, **kwargs))

CASES = sample_cases()
MM = 72 / 25.4
BASE = CASES["societe"]
SELLER = BASE.seller


def page_lines(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return [
        line.replace("\u00a0", " ").replace("\u202f", " ").strip()
        for line in text.split("\n")
        if line.strip()
    ]


def dangling(lines: list[str]) -> list[str]:
    """Lines that begin or end with a separator dash."""
    return [
        line
        for line in lines
        if re.match(r"^[–-](\s|$)", line) or re.search(r"\s[–-]$", line) or line in ("–", "-")
    ]


SELLERS = {
    "phone only": dict(email=None),
    "email only": dict(phone=None),
    "phone and email": {},
    "neither": dict(phone=None, email=None),
    "blank email": dict(email="   "),
    "long email wrapping": dict(
        email="service.comptabilite.clients@atelier-lumiere-eclairage-architectural.fr"
    ),
    "no legal form nor capital": dict(legal_form=None, capital=None),
    "no SIRET nor RCS": dict(siret=None, rcs=None),
    "no website but a blank phone": dict(phone="", website=None),
    "VAT number without RCS": dict(rcs=None),
    "long name and legal form": dict(
        name="Atelier Lumière – Éclairage architectural et scénographie lumineuse de la "
        "Métropole de Lyon",
        legal_form="Société à responsabilité limitée à associé unique",
    ),
}


@pytest.mark.parametrize("case", sorted(SELLERS))
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_dangling_separator_whatever_is_empty(case, lang):
    seller = dataclasses.replace(SELLER, **SELLERS[case])
    doc = dataclasses.replace(BASE, seller=seller, lang=lang)
    lines = page_lines(render_invoice(doc, generated_at=GENERATED_AT))
    assert dangling(lines) == []
    if seller.phone:
        phone = [line for line in lines if "04 78 00 00 00" in line]
        assert phone and all(not line.endswith("–") for line in phone)


@pytest.mark.parametrize("rcs", [None, "RCS Lyon 732 829 320"])
def test_no_dangling_separator_without_a_vat_number(rcs):
    franchise = CASES["franchise"]
    seller = dataclasses.replace(franchise.seller, rcs=rcs, phone="04 72 00 00 00")
    lines = page_lines(
        render_invoice(dataclasses.replace(franchise, seller=seller), generated_at=GENERATED_AT)
    )
    assert dangling(lines) == []
    if rcs:
        assert "RCS Lyon 732 829 320" in lines


def test_phone_and_email_stay_on_one_line_when_they_fit():
    lines = page_lines(render_invoice(BASE, generated_at=GENERATED_AT))
    assert "Tél. 04 78 00 00 00 – compta@atelier-lumiere.fr" in lines


def test_split_segments_drops_empty_parts_and_dangling_dashes():
    assert split_segments("Tél. 04 72 00 00 00 –") == ["Tél. 04 72 00 00 00"]
    assert split_segments("A – – B") == ["A", "B"]
    assert split_segments(" – RCS Lyon 123") == ["RCS Lyon 123"]
    assert split_segments("Saint-Étienne – SIREN 1") == ["Saint-Étienne", "SIREN 1"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_footer_never_cuts_the_siret(lang):
    seller = dataclasses.replace(SELLER, **SELLERS["long name and legal form"])
    doc = dataclasses.replace(BASE, seller=seller, lang=lang)
    lines = page_lines(render_invoice(doc, generated_at=GENERATED_AT))
    assert any("SIRET 732 829 320 00074" in line for line in lines)
    assert any("SIREN 732 829 320" in line for line in lines)


def test_letter_footer_has_no_dangling_separator():
    seller = dataclasses.replace(SELLER, vat_number=None, legal_form=None)
    pdf = render_letter(seller, BASE.buyer, BASE.issue_date, "Relance", ["Bonjour."], [])
    assert dangling(page_lines(pdf)) == []


@pytest.fixture
def poppler():
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")


def header_words(pdf: bytes, tmp_path) -> list[tuple[str, float, float, float]]:
    """(word, x_min, x_max, y_min) of every word drawn in white on the table header: found as
    the words on the line of "Description"/"Désignation" and the line just below it."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    words = [
        (word, float(x0), float(x1), float(y0))
        for x0, y0, x1, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
            html,
        )
    ]
    top = next(y for word, _a, _b, y in words if word in ("Description", "Désignation"))
    return [item for item in words if top - 1 <= item[3] <= top + 12]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_table_header_captions_do_not_touch(tmp_path, poppler, lang):
    pdf = render_invoice(dataclasses.replace(BASE, lang=lang), generated_at=GENERATED_AT)
    words = header_words(pdf, tmp_path)
    rows: dict[float, list[tuple[str, float, float, float]]] = {}
    for item in words:
        rows.setdefault(round(item[3]), []).append(item)
    for row in rows.values():
        row.sort(key=lambda item: item[1])
        for left, right in zip(row, row[1:], strict=False):
            gap = right[1] - left[2]
            assert gap >= 1.5 * MM or gap >= 2.0, (left[0], right[0], gap)
    # The amount caption stays inside its column (the last 34 mm of the 180 mm table).
    amount_start = (15 + 180 - 34) * MM
    first = "Amount" if lang == "en" else "Montant"
    assert any(word == first and x0 >= amount_start for word, x0, _x1, _y in words)
