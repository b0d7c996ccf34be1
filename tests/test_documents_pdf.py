"""Invoice PDFs: embedded Factur-X, PDF/A-3 structure, printed mentions and layout."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
from decimal import Decimal as D
from functools import cache

import pikepdf
import pytest
from documents_samples import GENERATED_AT, sample_cases, sample_invoice
from lxml import etree
from pypdf import PdfReader

from suivi.documents.model import DocLine
from suivi.documents.pdf import build_invoice, render_invoice
from suivi.documents.validate import errors, validate_xml

CASES = sample_cases()
MM = 72 / 25.4


@cache
def pdf_of(name: str) -> bytes:
    return render_invoice(CASES[name], generated_at=GENERATED_AT)


def page_texts(pdf: bytes) -> list[str]:
    """Text of each page with no-break spaces turned into plain spaces."""
    reader = PdfReader(io.BytesIO(pdf))
    return [
        (page.extract_text() or "").replace("\u00a0", " ").replace("\u202f", " ")
        for page in reader.pages
    ]


def all_text(pdf: bytes) -> str:
    return "\n".join(page_texts(pdf))


def flat(text: str) -> str:
    """Text with line breaks removed, to find sentences the layout wrapped."""
    return re.sub(r"\s+", " ", text)


def mentions_40_euros(text: str) -> bool:
    """True when the text prints the 40 € indemnity (not an amount such as 139,40 €)."""
    return re.search(r"(?<![\d,.])40 €", text) is not None


@pytest.mark.parametrize("name", sorted(CASES))
def test_embedded_factur_x_extracts_and_validates(name):
    reader = PdfReader(io.BytesIO(pdf_of(name)))
    attachments = reader.attachments
    assert list(attachments) == ["factur-x.xml"]
    xml = attachments["factur-x.xml"][0]
    assert errors(validate_xml(xml)) == []
    number = etree.fromstring(xml).findtext(
        "{urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100}ExchangedDocument/"
        "{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}ID"
    )
    assert number == CASES[name].number


def test_pdfa3_structure_with_pikepdf():
    with pikepdf.open(io.BytesIO(pdf_of("societe"))) as pdf:
        root = pdf.Root
        intents = root.OutputIntents
        assert len(intents) == 1 and intents[0].S == "/GTS_PDFA1"
        assert "/DestOutputProfile" in intents[0]

        xmp = etree.fromstring(root.Metadata.read_bytes())
        ns = {
            "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
            "fx": "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#",
            "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
        }
        assert xmp.xpath("string(//pdfaid:part)", namespaces=ns) == "3"
        assert xmp.xpath("string(//pdfaid:conformance)", namespaces=ns) == "B"
        assert xmp.xpath("string(//fx:DocumentType)", namespaces=ns) == "INVOICE"
        assert xmp.xpath("string(//fx:DocumentFileName)", namespaces=ns) == "factur-x.xml"
        assert xmp.xpath("string(//fx:Version)", namespaces=ns) == "1.0"
        assert xmp.xpath("string(//fx:ConformanceLevel)", namespaces=ns) == "EN 16931"
        # The extension schema description PDF/A requires for the fx: properties.
        assert xmp.xpath("string(//pdfaSchema:namespaceURI)", namespaces=ns) == ns["fx"]
        assert xmp.xpath("string(//pdfaSchema:prefix)", namespaces=ns) == "fx"

        files = root.AF
        assert len(files) == 1
        spec = files[0]
        assert (
            spec.Type == "/Filespec"
            and str(spec.F) == "factur-x.xml"
            and str(spec.UF) == "factur-x.xml"
        )
        assert spec.AFRelationship == "/Data"
        stream = spec.EF.F
        assert stream.Subtype == "/text/xml"
        assert "/ModDate" in stream.Params
        names = root.Names.EmbeddedFiles.Names
        assert str(names[0]) == "factur-x.xml"

        fonts = 0
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                descriptor = font.DescendantFonts[0].FontDescriptor
                assert "/FontFile2" in descriptor, font.BaseFont
                fonts += 1
        assert fonts >= 2


def test_same_invoice_at_the_same_time_gives_the_same_bytes():
    assert render_invoice(CASES["solde"], generated_at=GENERATED_AT) == pdf_of("solde")


def test_recovery_indemnity_printed_for_business_clients_only():
    b2b = flat(all_text(pdf_of("societe")))
    b2c = flat(all_text(pdf_of("particulier")))
    assert mentions_40_euros(b2b) and "frais de recouvrement" in b2b
    assert not mentions_40_euros(b2c) and "recouvrement" not in b2c
    assert "intérêts au taux légal" in b2c


def test_public_buyer_gets_moratory_interest_instead_of_penalty_rate():
    text = flat(all_text(pdf_of("administration")))
    assert "intérêts moratoires au taux de la BCE majoré de 8 points" in text
    assert "12,15 %" not in text
    assert mentions_40_euros(text)


def test_business_invoice_mentions():
    text = flat(all_text(pdf_of("societe")))
    for expected in (
        "SIREN 732 829 320",
        "SIRET 732 829 320 00074",
        "RCS Lyon 732 829 320",
        "N° TVA intracommunautaire FR44732829320",
        "SARL au capital de 20 000 €",
        "SIREN 552 100 554",  # client SIREN (B2B)
        "N° TVA FR96552100554",
        "ADRESSE DE LIVRAISON",
        "Vénissieux",
        "Nature de l'opération : opération mixte (livraison de biens et prestation de services).",
        "au taux annuel de 12,15 %",
        "Pas d'escompte pour paiement anticipé.",
        "Date de la vente / prestation 20/11/2026",
        "Réf. commande BC-88421",
        "Votre contact Julie Martin",
        "Échéance 25/12/2026",
        "IBAN FR14 2004 1010 0505 0001 3M02 606",
    ):
        assert expected in text, expected


def test_delivery_address_omitted_when_same_as_billing():
    base = CASES["societe"]
    same = dataclasses.replace(base.buyer, name="Site principal")
    text = flat(all_text(render_invoice(dataclasses.replace(base, delivery_address=same))))
    assert "ADRESSE DE LIVRAISON" not in text


def test_vat_on_debits_and_exemption_wording():
    base = CASES["societe"]
    debits = dataclasses.replace(base, seller=dataclasses.replace(base.seller, vat_on_debits=True))
    assert "Option pour le paiement de la TVA d'après les débits." in flat(
        all_text(render_invoice(debits))
    )
    franchise = flat(all_text(pdf_of("franchise")))
    assert "TVA non applicable, art. 293 B du CGI" in franchise
    assert "Exo." in franchise


def test_credit_note_title_and_reference():
    text = flat(all_text(pdf_of("avoir")))
    assert "AVOIR" in text
    assert "Avoir sur facture N° FA-2026-0142 du 25/11/2026" in text
    assert "Montant de l'avoir 227,88 €" in text  # 189.90 + 20 % = 227.88
    assert "Règlement" not in text and "Scannez" not in text


def test_deposit_invoice_title_and_amounts():
    text = flat(all_text(pdf_of("acompte")))
    assert "FACTURE D'ACOMPTE" in text
    # 1 000.00 HT at 20 %: 200.00 VAT, 1 200.00 TTC due.
    assert "Total HT 1 000,00 €" in text
    assert "Total TVA 200,00 €" in text
    assert "Net à payer 1 200,00 €" in text


def test_final_invoice_deducts_the_deposit():
    text = flat(all_text(pdf_of("solde")))
    assert "Facture de solde" in text
    # Hand-computed: HT 3 271.90, VAT 416.58 + 89.90 + 15.95 = 522.43, TTC 3 794.33.
    assert "Total HT 3 271,90 €" in text
    assert "Total TVA 522,43 €" in text
    assert "Total TTC 3 794,33 €" in text
    assert "Acompte FA-2026-0098 du 02/10/2026 -1 200,00 €" in text
    assert "Net à payer 2 594,33 €" in text
    assert "20 % 2 082,90 € 416,58 €" in text
    assert "5,5 % 290,00 € 15,95 €" in text


@pytest.mark.slow
def test_forty_lines_flow_over_pages_with_repeated_header():
    lines = tuple(
        DocLine(f"Article {index:02d} – fourniture et pose", D("2"), D("10.00"), D("20"))
        for index in range(1, 41)
    )
    pdf = render_invoice(sample_invoice(lines=lines))
    pages = page_texts(pdf)
    assert len(pages) >= 2
    total = len(pages)
    for number, text in enumerate(pages, start=1):
        assert f"Page {number}/{total}" in text
    table_pages = [text for text in pages if "Article" in text]
    assert len(table_pages) >= 2
    for text in table_pages:
        assert "Désignation Qté P.U. HT TVA Montant HT" in text
    assert "Facture FA-2026-0142 (suite)" in pages[1]
    joined = "\n".join(pages)
    for index in range(1, 41):
        assert joined.count(f"Article {index:02d} –") == 1
    # 40 × 20.00 = 800.00 HT, 160.00 VAT, 960.00 TTC.
    assert "Net à payer 960,00 €" in flat(joined)


def _word_boxes(pdf: bytes, tmp_path) -> list[tuple[str, float, float]]:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return [
        (word, float(x_min), float(x_max))
        for x_min, x_max, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
            html,
        )
    ]


@pytest.fixture
def poppler():
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")


def test_long_client_name_and_designation_wrap_inside_their_boxes(tmp_path, poppler):
    designation = (
        "Fourniture, livraison et installation complète d'un système d'éclairage architectural "
        "extérieur comprenant douze projecteurs encastrés, leurs alimentations étanches, le "
        "câblage souterrain et la mise en service avec réglage des faisceaux de nuit"
    )
    client = dataclasses.replace(
        CASES["societe"].buyer,
        name="Compagnie Générale Interdépartementale de Maintenance et d'Exploitation des "
        "Équipements Publics Urbains et Périurbains de la Région Auvergne-Rhône-Alpes",
    )
    doc = sample_invoice(
        buyer=client, lines=(DocLine(designation, D("1"), D("18450.00"), D("20")),)
    )
    pdf = render_invoice(doc)
    text = flat(all_text(pdf))
    assert designation in text
    assert client.name in text
    boxes = _word_boxes(pdf, tmp_path)
    right_edge = (210 - 15) * MM + 0.5
    beyond = [(word, x_max) for word, _x, x_max in boxes if x_max > right_edge]
    assert beyond == [], "text beyond the right margin"
    description_words = set(designation.split()) - {"et", "de", "la", "le", "leurs", "avec"}
    description_column_end = (15 + 92) * MM
    for word, _x_min, x_max in boxes:
        if word in description_words and word not in client.name.split():
            assert x_max <= description_column_end, word
    assert len(page_texts(pdf)) == 1


@pytest.mark.parametrize("name", ["solde", "particulier", "franchise"])
def test_poppler_renders_the_page_without_complaint(tmp_path, poppler, name):
    """The embedded font programs and streams are sound: a real renderer draws the page."""
    from PIL import Image

    source = tmp_path / "doc.pdf"
    source.write_bytes(pdf_of(name))
    run = subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "40",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(source),
            str(tmp_path / "page"),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0 and run.stderr == ""
    image = Image.open(tmp_path / "page.png").convert("L")
    width, height = image.size
    # Dark pixels (text, table header, QR code) in the top half and in the lines area.
    top = image.crop((0, 0, width, height // 4))
    assert top.getextrema()[0] < 80
    assert sum(image.histogram()[:128]) > 2000


def test_epc_qr_payload_and_symbol():
    import segno

    from suivi.documents.qr import epc_code

    code = epc_code(
        "Atelier Lumière SARL",
        "FR14 2004 1010 0505 0001 3M02 606",
        D("1234.56"),
        "Facture FA-2026-0142",
        "PSSTFRPPLYO",
    )
    assert code is not None
    assert code.payload.split("\n") == [
        "BCD",
        "002",
        "2",
        "SCT",
        "PSSTFRPPLYO",
        "Atelier Lumière SARL",
        "FR1420041010050500013M02606",
        "EUR1234.56",
        "",
        "",
        "Facture FA-2026-0142",
    ]
    # The drawn symbol (segno.helpers.make_epc_qr) encodes exactly this payload.
    again = segno.make_qr(code.payload, error="m", boost_error=False, mask=code.qr.mask)
    assert again.matrix == code.qr.matrix
    assert code.qr.error == "M"


def test_invalid_iban_means_no_qr_and_no_crash():
    from suivi.documents.qr import epc_code

    assert epc_code("X", "FR14 2004 1010 0505 0001 3M02 607", D("10"), "Facture 1") is None
    assert epc_code("X", "FR1420041010050500013M02606", D("0"), "Facture 1") is None
    base = CASES["particulier"]
    doc = dataclasses.replace(base, seller=dataclasses.replace(base.seller, iban="FR00 1234"))
    text = flat(all_text(render_invoice(doc)))
    assert "Scannez pour payer" not in text
    assert "Net à payer" in text


def test_qr_caption_printed_with_valid_iban():
    assert "Scannez pour payer" in flat(all_text(pdf_of("societe")))


def test_characters_outside_the_working_fonts_still_print():
    base = CASES["societe"]
    buyer = dataclasses.replace(base.buyer, name="Ωμέγα Εμπορική – ООО «Ромашка»")
    rendered = build_invoice(dataclasses.replace(base, buyer=buyer))
    assert "Ωμέγα Εμπορική – ООО «Ромашка»" in all_text(rendered.pdf)
    with pikepdf.open(io.BytesIO(rendered.pdf)) as pdf:
        for font in pdf.pages[0].Resources.Font.values():
            assert "/FontFile2" in font.DescendantFonts[0].FontDescriptor


def test_english_invoice():
    text = flat(all_text(render_invoice(dataclasses.replace(CASES["societe"], lang="en"))))
    for expected in (
        "INVOICE",
        "BILL TO",
        "Total excl. VAT €3,271.90",
        "Amount due €3,794.33",
        "No discount for early payment.",
        "Due date 25 Dec 2026",
    ):
        assert expected in text, expected


def test_the_drawn_qr_symbol_has_every_module_of_the_code(tmp_path, poppler):
    """The payment QR code drawn in the PDF (one filled path of rectangles), rasterised by
    poppler: every module's centre is dark exactly where the symbol has a dark module."""
    from decimal import Decimal

    from fpdf import FPDF
    from PIL import Image

    from suivi.documents.qr import epc_code
    from suivi.documents.summary import _draw_qr

    code = epc_code("Atelier Dupré SARL", "FR7630006000011234567890189", Decimal("1234.56"),
                    "Factures FAC2026-00001, FAC2026-00002")
    pdf = FPDF(unit="mm", format="A4")
    pdf.add_page()
    x, y, size = 30.0, 40.0, 100.0
    _draw_qr(pdf, code, x, y, size)
    source = tmp_path / "qr.pdf"
    source.write_bytes(bytes(pdf.output()))
    dpi = 150
    subprocess.run(["pdftoppm", "-png", "-gray", "-r", str(dpi), "-singlefile", str(source),
                    str(tmp_path / "qr")], check=True, capture_output=True)
    image = Image.open(tmp_path / "qr.png").convert("L")
    matrix = code.qr.matrix
    unit = size / len(matrix)
    px = dpi / 25.4
    for r, row in enumerate(matrix):
        for c, module in enumerate(row):
            centre = ((x + (c + 0.5) * unit) * px, (y + (r + 0.5) * unit) * px)
            assert (image.getpixel(centre) < 128) == bool(module & 1), (r, c)
