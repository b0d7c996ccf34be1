"""Each kind of document says what it must and nothing that does not belong to it.

Kinds: B2B (societe, mixed), association, public buyer, B2C, English client, goods, deposit,
final, credit notes (deducted, refunded), contract with a billing period, VAT franchise. The
PDF text is read back with pypdf, the XML with lxml; every sample carries an internal note.
"""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import UTC, datetime
from decimal import Decimal as D
from functools import cache

import pikepdf
import pytest
from documents_samples import GENERATED_AT, INTERNAL_NOTE, sample_cases
from lxml import etree
from pypdf import PdfReader

from suivi.documents import render_batch
from suivi.documents.model import DocLine
from suivi.documents.pdf import build_invoice
from suivi.documents.settings import TemplateSettings

CASES = sample_cases()
NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}
FORTY_EUROS = re.compile(r"(?<![\d,.])40 €|€40\b")


@cache
def rendered(name: str):
    return build_invoice(CASES[name], generated_at=GENERATED_AT)


def plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def lines_of(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [
        plain(line) for page in reader.pages for line in (page.extract_text() or "").split("\n")
    ]


def text_of(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(lines_of(pdf)))


def xpath(xml: bytes, path: str) -> list[str]:
    return [
        str(node) if isinstance(node, str) else node.text
        for node in etree.fromstring(xml).xpath(path, namespaces=NS)
    ]


# kind → (what the PDF must say, what it must not say)
PRINTED = {
    "societe": (
        [
            "FACTURE",
            "SIREN 552 100 554",
            "N° TVA FR96552100554",
            "au taux annuel de 12,15 %",
            "Pas d'escompte pour paiement anticipé.",
            "Échéance 25/12/2026",
            "Date de la vente / prestation 20/11/2026",
            "Nature de l'opération : opération mixte",
            "IBAN FR14 2004 1010 0505 0001 3M02 606",
            "Conditions : 30 jours date de facture",
            "14,5 h",
            "6 pce",
        ],
        ["Remarques", "AVOIR"],
    ),
    "particulier": (
        ["Nature de l'opération : livraison de biens.", "intérêts au taux légal"],
        ["SIREN 552", "recouvrement", "pénalités exigibles"],
    ),
    "administration": (
        [
            "SIRET 216 902 643 00016",
            "Code service SERV-TECHNIQUES-04",
            "N° d'engagement EJ-2026-000417",
            "intérêts moratoires au taux de la BCE majoré de 8",
            "Conditions : 30 jours",
        ],
        ["12,15 %", "Réf. commande", "SIREN 216"],
    ),
    "english": (
        [
            "INVOICE",
            "Payable no later than 25 Dec 2026 – Terms: 30 days",
            "Due date 25 Dec 2026",
            "Thank you for your order.",
            "Tel. 04 78 00 00 00",
            "Amount excl. VAT",
            "Nature of the transaction: mixed operation (supply of goods and services).",
            "with a share capital of €20,000",
        ],
        [
            "jours",
            "Tél.",
            "Échéance",
            "FACTURE",
            "Règlement",
            "Nature de l'opération",
            "Conditions",
            "au capital",
        ],
    ),
    "biens": (
        [
            "Nature de l'opération : livraison de biens.",
            "5,5 % 456,00 € 25,08 €",
            "Conditions : 45 jours fin de mois",
            "Échéance 31/01/2027",
            "12 pce",
        ],
        ["prestation de services", "opération mixte"],
    ),
    "acompte": (
        ["FACTURE D'ACOMPTE", "Net à payer 1 200,00 €", "Conditions : À réception"],
        ["Date de la vente"],
    ),
    "solde": (
        [
            "Facture de solde",
            "Total TTC 3 794,33 €",
            "Acompte FA-2026-0098 du 02/10/2026 -1 200,00 €",
            "Net à payer 2 594,33 €",
        ],
        ["FACTURE D'ACOMPTE"],
    ),
    "avoir": (
        [
            "AVOIR",
            "Avoir sur facture N° FA-2026-0142 du 25/11/2026",
            "Montant de l'avoir 227,88 €",
            "Aucun paiement à effectuer : ce montant vient en déduction de la facture N° "
            "FA-2026-0142 ou de vos prochains règlements.",
            "Nature de l'opération : livraison de biens.",
        ],
        [
            "Échéance",
            "Date de la vente",
            "pénalités",
            "Pénalités",
            "recouvrement",
            "escompte",
            "IBAN",
            "Scannez",
            "À régler",
            "Règlement",
            "Conditions",
            "Net à payer",
        ],
    ),
    "avoir-rembourse": (
        [
            "AVOIR",
            "Le montant de cet avoir vous sera remboursé par virement au plus tard le 10/12/2026.",
            "Avoir sur facture N° FA-2026-0143 du 25/11/2026",
        ],
        ["pénalités", "recouvrement", "IBAN", "Scannez", "Date de la vente"],
    ),
    "contrat": (
        [
            "Période facturée du 01/11/2026 au 30/11/2026",
            "Nature de l'opération : prestation de services.",
            "1 mois",
        ],
        ["Date de la vente"],
    ),
    "franchise": (
        ["TVA non applicable, art. 293 B du CGI", "Exo."],
        [],
    ),
}


@pytest.mark.parametrize("name", sorted(PRINTED))
def test_printed_mentions_of_each_kind(name):
    text = text_of(rendered(name).pdf)
    present, absent = PRINTED[name]
    for expected in present:
        assert expected in text, expected
    for unexpected in absent:
        assert unexpected not in text, unexpected


def test_forty_euro_indemnity_only_for_professionals_on_invoices():
    assert FORTY_EUROS.search(text_of(rendered("societe").pdf))
    assert FORTY_EUROS.search(text_of(rendered("administration").pdf))
    assert FORTY_EUROS.search(text_of(rendered("english").pdf))
    for name in ("particulier", "avoir", "avoir-rembourse"):
        assert not FORTY_EUROS.search(text_of(rendered(name).pdf)), name


@pytest.mark.parametrize("name", sorted(CASES))
def test_internal_note_never_reaches_the_pdf_or_the_xml(name):
    result = rendered(name)
    assert CASES[name].notes == (INTERNAL_NOTE,)
    assert "solde promis oralement" not in text_of(result.pdf)
    assert b"solde promis oralement" not in result.xml
    # Not hidden somewhere else in the file either (metadata, streams are compressed).
    assert "Remarques" not in text_of(result.pdf)


def test_a_row_with_an_internal_note_and_a_mention_for_the_client():
    doc = dataclasses.replace(
        CASES["societe"],
        notes="Client difficile – ne pas relancer avant le 15.",
        printed_mention="Livraison partielle : le solde des luminaires suivra le 15/12/2026.",
    )
    result = build_invoice(doc, generated_at=GENERATED_AT)
    text = text_of(result.pdf)
    assert "ne pas relancer" not in text and b"ne pas relancer" not in result.xml
    assert "Livraison partielle : le solde des luminaires suivra le 15/12/2026." in text
    assert xpath(result.xml, "//ram:IncludedNote[ram:SubjectCode='AAI']/ram:Content") == [
        "Livraison partielle : le solde des luminaires suivra le 15/12/2026."
    ]


@pytest.mark.parametrize(
    "name, mode",
    [
        ("societe", "M1"),
        ("particulier", "B1"),
        ("biens", "B1"),
        ("contrat", "S1"),
        ("franchise", "S1"),
        ("solde", "M4"),
        ("acompte", "S1"),
        ("avoir", "B1"),
    ],
)
def test_nature_code_bt23_follows_the_lines(name, mode):
    assert xpath(
        rendered(name).xml, "//ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID"
    ) == [mode]


def test_credit_note_xml_has_no_payment_block():
    xml = rendered("avoir").xml
    assert xpath(xml, "//rsm:ExchangedDocument/ram:TypeCode") == ["381"]
    assert xpath(xml, "//ram:SpecifiedTradePaymentTerms") == []
    assert xpath(xml, "//ram:SpecifiedTradeSettlementPaymentMeans") == []
    assert xpath(xml, "//ram:PaymentReference") == []
    assert xpath(xml, "//ram:ActualDeliverySupplyChainEvent") == []
    notes = dict(
        zip(
            xpath(xml, "//ram:IncludedNote/ram:SubjectCode"),
            xpath(xml, "//ram:IncludedNote/ram:Content"),
            strict=True,
        )
    )
    assert notes["PMT"] == "Indemnité forfaitaire pour frais de recouvrement : sans objet (avoir)."
    assert notes["PMD"] == "Pénalités de retard : sans objet (avoir)."
    assert notes["AAB"] == "Escompte : sans objet (avoir)."
    assert xpath(xml, "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID") == ["FA-2026-0142"]


def test_refunded_credit_note_says_how_and_when():
    xml = rendered("avoir-rembourse").xml
    assert xpath(xml, "//ram:SpecifiedTradePaymentTerms/ram:Description") == [
        "Le montant de cet avoir vous sera remboursé par virement au plus tard le 10/12/2026."
    ]
    assert xpath(
        xml, "//ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString"
    ) == ["20261210"]
    assert xpath(xml, "//ram:SpecifiedTradeSettlementPaymentMeans") == []


def test_public_buyer_identifiers_where_chorus_pro_reads_them():
    xml = rendered("administration").xml
    agreement = "//ram:ApplicableHeaderTradeAgreement"
    assert xpath(xml, f"{agreement}/ram:BuyerReference") == ["SERV-TECHNIQUES-04"]  # BT-10
    assert xpath(xml, f"{agreement}/ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID") == [
        "EJ-2026-000417"
    ]  # BT-13
    buyer = f"{agreement}/ram:BuyerTradeParty"
    assert xpath(xml, f"{buyer}/ram:GlobalID[@schemeID='0009']") == ["21690264300016"]  # BT-46
    assert xpath(xml, f"{buyer}/ram:SpecifiedLegalOrganization/ram:ID[@schemeID='0002']") == [
        "216902643"
    ]  # BT-47
    # A transfer is code 30 for Chorus Pro (58, SEPA credit transfer, for everyone else).
    assert xpath(xml, "//ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode") == ["30"]
    assert xpath(
        rendered("societe").xml, "//ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode"
    ) == ["58"]


def test_public_buyer_known_by_its_siret_only():
    doc = CASES["administration"]
    buyer = dataclasses.replace(doc.buyer, siren=None)
    assert buyer.siren == "216902643"
    xml = build_invoice(dataclasses.replace(doc, buyer=buyer), generated_at=GENERATED_AT).xml
    assert xpath(xml, "//ram:BuyerTradeParty/ram:SpecifiedLegalOrganization/ram:ID") == [
        "216902643"
    ]


def test_contract_billing_period_bt73_bt74():
    xml = rendered("contrat").xml
    period = "//ram:ApplicableHeaderTradeSettlement/ram:BillingSpecifiedPeriod"
    assert xpath(xml, f"{period}/ram:StartDateTime/udt:DateTimeString") == ["20261101"]
    assert xpath(xml, f"{period}/ram:EndDateTime/udt:DateTimeString") == ["20261130"]
    assert xpath(xml, "//ram:ActualDeliverySupplyChainEvent") == []


def test_english_invoice_terms_in_the_xml_too():
    xml = rendered("english").xml
    assert xpath(xml, "//ram:SpecifiedTradePaymentTerms/ram:Description") == ["30 days"]


def test_final_invoice_encodes_the_deduction():
    xml = rendered("solde").xml
    assert xpath(xml, "//ram:TotalPrepaidAmount") == ["1200.00"]
    assert xpath(xml, "//ram:DuePayableAmount") == ["2594.33"]
    [note] = xpath(xml, "//ram:IncludedNote[ram:SubjectCode='AAI']/ram:Content")
    assert plain(note) == "Acomptes déduits : Acompte FA-2026-0098 du 02/10/2026 : 1200.00 EUR"


def test_xmp_and_info_dates_are_the_generation_time():
    when = datetime(2026, 12, 3, 14, 5, 7, tzinfo=UTC)
    pdf = build_invoice(CASES["societe"], generated_at=when).pdf
    with pikepdf.open(io.BytesIO(pdf)) as document:
        xmp = document.Root.Metadata.read_bytes().decode()
        params = document.Root.AF[0].EF.F.Params
        embedded = (str(params.CreationDate), str(params.ModDate))
    assert "<xmp:CreateDate>2026-12-03T14:05:07+00:00</xmp:CreateDate>" in xmp
    assert "<xmp:ModifyDate>2026-12-03T14:05:07+00:00</xmp:ModifyDate>" in xmp
    assert "<xmp:MetadataDate>2026-12-03T14:05:07+00:00</xmp:MetadataDate>" in xmp
    assert all(stamp.startswith("D:20261203140507") for stamp in embedded), embedded
    assert "2026-11-25T00:00:00" not in xmp  # not the invoice date at midnight


def test_without_a_time_the_file_carries_the_time_it_was_made():
    before = datetime.now(UTC).replace(microsecond=0)
    pdf = build_invoice(CASES["particulier"]).pdf
    after = datetime.now(UTC)
    with pikepdf.open(io.BytesIO(pdf)) as document:
        xmp = document.Root.Metadata.read_bytes().decode()
    stamp = re.search(r"<xmp:CreateDate>([^<]+)</xmp:CreateDate>", xmp)[1]
    assert before <= datetime.fromisoformat(stamp) <= after


def test_batch_passes_the_generation_time():
    [result] = render_batch(
        [CASES["acompte"]], lambda doc: TemplateSettings(), workers=1, generated_at=GENERATED_AT
    )
    assert result.pdf == rendered("acompte").pdf


def test_units_typed_as_words_reach_the_xml_as_codes():
    doc = dataclasses.replace(
        CASES["particulier"],
        lines=(
            DocLine("Pose", D("3"), D("45"), D("20"), unit_code="heures"),
            DocLine("Câble", D("12"), D("2.5"), D("20"), unit_code="m"),
        ),
    )
    xml = build_invoice(doc, generated_at=GENERATED_AT).xml
    assert xpath(xml, "//ram:BilledQuantity/@unitCode") == ["HUR", "MTR"]
