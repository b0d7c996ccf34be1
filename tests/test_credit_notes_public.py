"""A credit note against its original invoice, and what Chorus Pro needs from public buyers."""

from decimal import Decimal as D

from suivi.core.credit_notes import DocumentContent, LineContent, check_credit_note, content_of
from suivi.core.models import Invoice, InvoiceKind, InvoiceLine
from suivi.core.public_buyers import PublicBuyerIds, check_public_buyer
from suivi.messages import text

INVOICE_LINES = (
    LineContent("Audit du réseau", D("2"), D("600.00"), D("20")),
    LineContent("Licence pare-feu (1 an)", D("1"), D("480.00"), D("20")),
)
# 1 200.00 + 480.00 = 1 680.00 HT, 336.00 VAT, 2 016.00 TTC.
ORIGINAL = DocumentContent("FAC2026-070", D("2016.00"), INVOICE_LINES, itemised=True)


def codes(messages) -> list[str]:
    return [message.code for message in messages]


def test_credit_note_within_the_invoice_is_fine():
    credit = DocumentContent(
        "AV2026-001",
        D("576.00"),
        (LineContent("Licence pare-feu (1 an)", D("1"), D("480.00"), D("20")),),
        itemised=True,
    )
    assert check_credit_note(credit, ORIGINAL) == []


def test_credit_note_crediting_a_line_never_invoiced():
    # AV2026-001 of the demo: a line that was never invoiced is credited.
    credit = DocumentContent(
        "AV2026-001",
        D("240.00"),
        (LineContent("Formation des utilisateurs", D("1"), D("200.00"), D("20")),),
        itemised=True,
    )
    [problem] = check_credit_note(credit, ORIGINAL)
    assert problem.code == "credit_note.line_not_invoiced"
    assert text(problem, "fr") == (
        "Avoir AV2026-001, ligne 1 : « Formation des utilisateurs » "
        "ne figure pas sur la facture FAC2026-070."
    )


def test_credit_note_crediting_more_than_the_invoice():
    credit = DocumentContent(
        "AV2026-002",
        D("2400.00"),
        (
            LineContent("Audit du réseau", D("3"), D("600.00"), D("20")),
            LineContent("Licence pare-feu (1 an)", D("1"), D("200.00"), D("20")),
        ),
        itemised=True,
    )
    problems = check_credit_note(credit, ORIGINAL)
    assert codes(problems) == ["credit_note.exceeds_original", "credit_note.line_exceeds"]
    assert problems[0].kwargs["credited"] == D("2400.00")
    # 3 × 600 = 1 800 credited on a line invoiced 2 × 600 = 1 200.
    assert problems[1].kwargs["credited"] == D("1800.00")
    assert problems[1].kwargs["invoiced"] == D("1200.00")


def test_earlier_credit_notes_count():
    first = DocumentContent(
        "AV2026-003",
        D("1440.00"),
        (LineContent("Audit du réseau", D("2"), D("600.00"), D("20")),),
        itemised=True,
    )
    second = DocumentContent(
        "AV2026-004",
        D("720.00"),
        (LineContent("Audit du réseau", D("1"), D("600.00"), D("20")),),
        itemised=True,
    )
    # 1 440 + 720 = 2 160 > 2 016; the audit line: 1 200 + 600 = 1 800 > 1 200.
    assert codes(check_credit_note(second, ORIGINAL, [first])) == [
        "credit_note.exceeds_original",
        "credit_note.line_exceeds",
    ]


def test_workbook_rows_single_line_credit_note_checked_on_total_only():
    invoice = Invoice(
        "Factures",
        5,
        number="FAC2026-070",
        description="Audit et licence",
        amount_ht=D("1680.00"),
        vat=D("336.00"),
        amount_ttc=D("2016.00"),
    )
    lines = [
        InvoiceLine("FAC2026-070", "Audit du réseau", D("2"), D("600.00"), D("20")),
        InvoiceLine("FAC2026-070", "Licence pare-feu (1 an)", D("1"), D("480.00"), D("20")),
    ]
    credit = Invoice(
        "Factures",
        9,
        number="AV2026-001",
        description="Geste commercial",
        amount_ht=D("-100.00"),
        vat=D("-20.00"),
        amount_ttc=D("-120.00"),
        kind=InvoiceKind.CREDIT_NOTE,
        original_number="FAC2026-070",
    )
    assert content_of(invoice, lines).itemised
    assert content_of(credit).total == D("120.00")
    assert check_credit_note(content_of(credit), content_of(invoice, lines)) == []
    too_much = Invoice(
        "Factures",
        10,
        number="AV2026-002",
        amount_ht=D("-2000.00"),
        vat=D("-400.00"),
        amount_ttc=D("-2400.00"),
        kind=InvoiceKind.CREDIT_NOTE,
    )
    assert codes(check_credit_note(content_of(too_much), content_of(invoice, lines))) == [
        "credit_note.exceeds_original"
    ]


def test_public_buyer_needs_a_valid_siret():
    ids = PublicBuyerIds(siret=None)
    assert codes(check_public_buyer("Clients!C4", "FAC2026-079", ids)) == ["chorus.siret_missing"]
    bad = PublicBuyerIds(siret="216 902 643 00017")
    [problem] = check_public_buyer("Clients!C4", "FAC2026-079", bad)
    assert problem.code == "chorus.siret_invalid"
    assert text(problem, "fr") == (
        "Clients!C4 : facture FAC2026-079, SIRET « 216 902 643 00017 » invalide (clé de contrôle)."
    )
    assert (
        check_public_buyer("Clients!C4", "FAC2026-079", PublicBuyerIds(siret="216 902 643 00016"))
        == []
    )


def test_service_code_and_commitment_when_required():
    ids = PublicBuyerIds(siret="21690264300016", service_required=True, commitment_required=True)
    assert codes(check_public_buyer("Factures!T9", "FAC2026-079", ids)) == [
        "chorus.service_code_missing",
        "chorus.commitment_missing",
    ]
    complete = PublicBuyerIds(
        siret="21690264300016",
        service_code="SERV-TECH",
        commitment="EJ-000417",
        service_required=True,
        commitment_required=True,
    )
    assert check_public_buyer("Factures!T9", "FAC2026-079", complete) == []
    long_code = PublicBuyerIds(siret="21690264300016", service_code="S" * 101)
    assert codes(check_public_buyer("Factures!T9", "FAC2026-079", long_code)) == [
        "chorus.service_code_too_long"
    ]


def test_invoice_number_longer_than_chorus_pro_accepts():
    ids = PublicBuyerIds(siret="21690264300016")
    assert codes(check_public_buyer("Factures!A9", "FACTURE-2026-MAIRIE-0001", ids)) == [
        "chorus.number_too_long"
    ]
