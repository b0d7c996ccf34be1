"""Named templates, user text blocks and logos."""

from __future__ import annotations

import dataclasses
import io
import re

import jinja2
import pikepdf
import pytest
from documents_samples import sample_cases
from lxml import etree
from PIL import Image
from pypdf import PdfReader

from suivi.documents.pdf import build_invoice, render_invoice
from suivi.documents.settings import (
    DEFAULT_TEMPLATES,
    InvalidTemplate,
    TemplateSettings,
    pick_template,
    template_registry,
)

RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
DOC = sample_cases()["societe"]


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    raw = "\n".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"\s+", " ", raw.replace("\u00a0", " ").replace("\u202f", " "))


def note(xml: bytes, subject: str) -> str:
    tree = etree.fromstring(xml)
    return tree.xpath(
        f"//ram:IncludedNote[ram:SubjectCode='{subject}']/ram:Content/text()",
        namespaces={"ram": RAM},
    )[0]


def test_user_block_overrides_package_block_in_pdf_and_xml(tmp_path):
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "discount.j2").write_text(
        "Escompte de 2 % pour tout paiement reçu avant le {{ doc.issue_date | date }} + 8 jours.",
        encoding="utf-8",
    )
    rendered = build_invoice(DOC, TemplateSettings(name="perso", text_dir=tmp_path))
    expected = "Escompte de 2 % pour tout paiement reçu avant le 25/11/2026 + 8 jours."
    assert note(rendered.xml, "AAB") == expected
    assert expected in text_of(rendered.pdf)
    # Blocks the folder does not override still come from the package.
    assert "12,15\u00a0%" in note(rendered.xml, "PMD")


def test_seller_discount_text_is_used_when_configured():
    seller = dataclasses.replace(DOC.seller, early_payment_discount="Escompte 1 % à 10 jours.")
    rendered = build_invoice(dataclasses.replace(DOC, seller=seller))
    assert note(rendered.xml, "AAB") == "Escompte 1 % à 10 jours."


def test_misspelt_variable_in_a_user_block_fails_loudly(tmp_path):
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "footer.j2").write_text("{{ seller.nom }}", encoding="utf-8")
    with pytest.raises(jinja2.UndefinedError):
        render_invoice(DOC, TemplateSettings(text_dir=tmp_path))


def test_template_registry_and_picking():
    registry = template_registry({"bleu": TemplateSettings(name="bleu", primary_color="#0044AA")})
    assert set(DEFAULT_TEMPLATES) <= set(registry)
    assert pick_template(registry, "bleu").primary_color == "#0044AA"
    assert pick_template(registry, None).name == "standard"
    with pytest.raises(InvalidTemplate, match="inconnu"):
        pick_template(registry, "violet")


@pytest.mark.parametrize(
    "kwargs", [{"font_family": "comic-sans"}, {"primary_color": "bleu"}, {"accent_color": "#12345"}]
)
def test_invalid_settings_are_refused(kwargs):
    with pytest.raises(InvalidTemplate):
        TemplateSettings(**kwargs)


def test_serif_template_embeds_the_serif_fonts_and_colours_change():
    pdf = render_invoice(DOC, DEFAULT_TEMPLATES["classique"])
    with pikepdf.open(io.BytesIO(pdf)) as document:
        names = {str(font.BaseFont) for font in document.pages[0].Resources.Font.values()}
        content = b"".join(page.Contents.read_bytes() for page in document.pages)
    assert names and all("DejaVuSerif" in name for name in names)
    # #2F4F3A = (47, 79, 58) / 255 as a fill colour.
    assert b"0.1843 0.3098 0.2275 rg" in content


def test_extra_mentions_and_footer_text():
    settings = TemplateSettings(
        footer_text="Merci de votre confiance !",
        extra_mentions=("Garantie pièces et main d'œuvre : 2 ans.",),
    )
    text = text_of(render_invoice(DOC, settings))
    assert "Merci de votre confiance !" in text
    assert "Garantie pièces et main d'œuvre : 2 ans." in text


@pytest.mark.parametrize("mode", ["RGB", "RGBA"])
def test_logo_is_drawn(tmp_path, mode):
    logo = tmp_path / "logo.png"
    Image.new(mode, (240, 80), (31, 58, 95, 255) if mode == "RGBA" else (31, 58, 95)).save(logo)
    pdf = render_invoice(DOC, TemplateSettings(logo_path=logo))
    with pikepdf.open(io.BytesIO(pdf)) as document:
        images = [
            obj for obj in document.pages[0].Resources.XObject.values() if obj.Subtype == "/Image"
        ]
    assert len(images) == 1


def test_missing_logo_file_does_not_prevent_the_invoice(tmp_path):
    pdf = render_invoice(DOC, TemplateSettings(logo_path=tmp_path / "absent.png"))
    assert "FACTURE" in text_of(pdf)
