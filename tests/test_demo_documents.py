"""Every document the demo makes, read as a client or an accountant would: the text of each PDF
and its Factur-X XML carry the mentions its kind requires and none that do not belong; every
kind is there; the demo's data follows its own terms."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from lxml import etree
from pypdf import PdfReader

from suivi.cli import cli
from suivi.core.models import ClientType, normalise_name
from suivi.documents.validate import errors, validate_xml
from suivi.workbook.read import read_master

NS = {"ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
      "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
      "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo") / "demo"
    result = CliRunner().invoke(cli, ["demo", str(folder), "--date", "2026-11-25", "--json"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder, json.loads(result.output)


@pytest.fixture(scope="module")
def documents(demo):
    folder, _ = demo
    master = read_master(folder / "suivi_factures.xlsx")
    docs = []
    for path in sorted((folder / "factures").rglob("*.pdf")):
        reader = PdfReader(path)
        lines = [line for page in reader.pages for line in (page.extract_text() or "").splitlines()]
        text = re.sub(r"\s+", " ", " ".join(lines).replace("\u202f", " ").replace("\xa0", " "))
        with pikepdf.open(path) as pdf:
            xml = pdf.attachments["factur-x.xml"].get_file().read_bytes()
        invoice = next(i for i in master.invoices if i.number == path.stem)
        client = master.clients[normalise_name(invoice.client)]
        docs.append((path.stem, text, lines, xml, etree.fromstring(xml), invoice, client))
    return docs


def indemnity(text: str) -> bool:
    """The 40 € recovery indemnity is mentioned (not "23,40 €")."""
    return re.search(r"(?<![\d,])40 €", text) is not None


def x(tree, path: str) -> list[str]:
    return tree.xpath(path, namespaces=NS)


def kinds_of(tree, client) -> set[str]:
    """The kinds a document shows, from its XML and its client."""
    kinds = {{"380": "invoice", "381": "credit_note", "386": "deposit"}[
        x(tree, "//rsm:ExchangedDocument/ram:TypeCode/text()")[0]]}
    mode = x(tree, "//ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID/text()")[0]
    kinds.add({"B": "goods", "S": "services", "M": "mixed"}[mode[0]])
    if mode.endswith("4"):
        kinds.add("final")
    if x(tree, "//ram:BillingSpecifiedPeriod"):
        kinds.add("period")
    kinds.add({ClientType.INDIVIDUAL: "b2c", ClientType.PUBLIC: "public"}.get(client.type, "b2b"))
    if client.language == "en":
        kinds.add("english")
    return kinds


def test_every_kind_of_document_is_in_the_demo(documents):
    seen = set().union(*(kinds_of(tree, client) for _, _, _, _, tree, _, client in documents))
    assert {"invoice", "credit_note", "deposit", "final", "goods", "services", "mixed", "period",
            "b2b", "b2c", "public", "english"} <= seen


def test_every_demo_document_passes_the_official_rules(documents):
    failed = {number: [f.rule_id for f in errors(validate_xml(xml))]
              for number, _, _, xml, _, _, _ in documents}
    assert {n: rules for n, rules in failed.items() if rules} == {}


def test_each_document_says_what_its_kind_requires_and_nothing_else(documents):
    for number, text, lines, xml, tree, invoice, client in documents:
        kinds = kinds_of(tree, client)
        english = "english" in kinds
        # internal notes never reach the client; no separator left dangling
        if invoice.notes:
            assert invoice.notes not in text and invoice.notes.encode() not in xml, number
        assert not [line for line in lines if line.rstrip().endswith(("–", "-", "|"))], number
        if "credit_note" in kinds:
            assert "AVOIR" in text and "Avoir sur facture N°" in text, number
            assert x(tree, "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID/text()"), number
            assert not indemnity(text), number
            for absent in ("pénalités", "Échéance", "Date de la vente", "escompte"):
                assert absent not in text, (number, absent)
            assert "vous sera remboursé par virement" in text, number
            continue
        if english:
            assert "INVOICE" in text and "Terms: 30 days" in text, number
            for french in ("jours", "Échéance", "Facturé à", "Règlement", "Conditions"):
                assert french not in text, (number, french)
        else:
            assert "Nature de l'opération" in text and "Conditions" in text, number
        if "deposit" in kinds:
            assert "FACTURE D'ACOMPTE" in text and "Date de la vente" not in text, number
        if "final" in kinds:
            assert "Facture de solde" in text and re.search(r"Acompte FAC\d{4}-\d{3} du", text)
            assert x(tree, "//ram:TotalPrepaidAmount/text()") != ["0.00"], number
        if "b2c" in kinds:
            assert "taux légal" in text and not indemnity(text) and "SIREN" not in text[
                text.index("FACTURÉ À"):text.index("Désignation")], number
        elif "public" in kinds:
            assert "intérêts moratoires" in text and indemnity(text) and "SIRET" in text, number
            assert x(tree, "//ram:BuyerTradeParty/ram:GlobalID[@schemeID='0009']/text()")
        elif not english:
            assert "pénalités" in text and indemnity(text) and "SIREN" in text, number
        if "period" in kinds:
            assert "Période facturée du" in text and "Date de la vente" not in text, number
        if "mixed" in kinds:
            assert "opération mixte" in text, number
        if "goods" in kinds and not english:
            assert "livraison de biens" in text, number


def test_books_are_sold_at_five_and_a_half_percent_with_their_mention(documents):
    books = [(text, tree) for _, text, _, _, tree, inv, _ in documents
             if "Bien gérer sa trésorerie" in inv.description and inv.printed_mention]
    assert books
    for text, tree in books:
        assert x(tree, "//ram:ApplicableTradeTax/ram:RateApplicablePercent/text()")[-1] == "5.50"
        assert "Livraison au siège de l'association" in text


def test_the_demo_follows_its_own_terms_and_holds_nothing(demo):
    _, summary = demo
    run = summary["run"]
    assert [i for i in run["issues"] if i["severity"] != "warning"] == []
    assert not [i for i in run["issues"] if i["code"].startswith("terms.")]
    assert run["invoices"]["held_rows"] == []
    [chorus] = run["invoices"]["chorus"]
    assert chorus["status"] == "à déposer"


def test_the_town_hall_is_not_sent_its_invoice(demo):
    folder, _ = demo
    import email
    import email.policy

    for eml in Path(folder, "relances").rglob("*.eml"):
        msg = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
        if "mairie" in str(msg["To"]):
            assert not [p for p in msg.iter_attachments() if "FAC" in (p.get_filename() or "")]
            assert "Chorus Pro" in msg.get_body(("plain",)).get_content()
