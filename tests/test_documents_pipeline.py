"""What the rows say, through `suivi invoices`, on the PDF and in the XML: the contract's
billing period (BT-73/74), the printed mention, Chorus Pro identifiers of a public buyer, the
refund of a credit note whose invoice was paid, and the time the file was made."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pikepdf
from click.testing import CliRunner
from lxml import etree
from pypdf import PdfReader
from test_daily import seller_config

from suivi.cli import cli
from suivi.workbook.read import read_master
from suivi.workbook.template import INVOICE_COLUMNS, MasterData, build_master

TODAY = "2026-11-25"
RAM = {"ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
       "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
       "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"}
HEADERS = [header for header, _, _ in INVOICE_COLUMNS]
ALPHA = ["Alpha SARL", "Société", "732829320", "FR44732829320", "1 rue A, 69001 Lyon", None,
         "compta@alpha.example", None, "30 jours", None, "fr", "Oui", None]
MAIRIE = ["Mairie de Saint-Priest-les-Vignes", "Administration", None, None,
          "Place de l'Hôtel de Ville, 69800 Saint-Priest", None, "finances@mairie.example",
          None, "30 jours", None, "fr", "Oui", None, "21750001600019", "SERV-FIN-01", "Oui"]


def row(values: dict) -> list:
    """An invoice row by header: row({"Client": "Alpha SARL", …})."""
    cells = [None] * len(HEADERS)
    for header, value in values.items():
        cells[HEADERS.index(header)] = value
    return cells


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def pdf_text_and_xml(path):
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    text = re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\xa0", " "))
    with pikepdf.open(path) as pdf:
        xml = pdf.attachments["factur-x.xml"].get_file().read_bytes()
    return text, etree.fromstring(xml), reader


def test_a_contract_invoice_carries_its_billing_period(tmp_path):
    data = MasterData()
    data.clients = [ALPHA]
    data.contracts = [["Alpha SARL", "Maintenance", 450, 20, "mensuelle", date(2026, 1, 1),
                       date(2026, 12, 31), None, "2026-10"]]
    build_master(tmp_path / "suivi_factures.xlsx", data)
    config = seller_config(tmp_path)
    before = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    result = invoke("invoices", "--config", config, "--date", TODAY, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["numbered"] == ["FAC2026-001"]
    new = read_master(tmp_path / "suivi_factures.xlsx").invoices[0]
    assert new.billing_period == (date(2026, 11, 1), date(2026, 11, 30))
    text, xml, reader = pdf_text_and_xml(tmp_path / "factures" / "2026" / "FAC2026-001.pdf")
    assert "Période facturée du 01/11/2026 au 30/11/2026" in text
    period = "//ram:BillingSpecifiedPeriod/ram:{}/udt:DateTimeString/text()"
    assert xml.xpath(period.format("StartDateTime"), namespaces=RAM) == ["20261101"]
    assert xml.xpath(period.format("EndDateTime"), namespaces=RAM) == ["20261130"]
    # the XMP dates are the time the file was made, not the invoice date at midnight
    xmp = reader.xmp_metadata
    assert xmp is not None and xmp.xmp_create_date >= before
    assert xmp.xmp_modify_date == xmp.xmp_create_date
    again = invoke("invoices", "--config", config, "--date", TODAY, "--json")
    assert json.loads(again.output)["invoices"]["rendered"] == []  # read back: same content


def test_printed_mention_and_chorus_pro_identifiers_of_a_public_buyer(tmp_path):
    data = MasterData()
    data.clients = [MAIRIE]
    data.invoices = [row({"Client": "Mairie de Saint-Priest-les-Vignes",
                          "Désignation": "Entretien des postes de la médiathèque",
                          "Montant HT": 1000, "TVA": 200, "Montant TTC": 1200,
                          "Statut": "à émettre", "Notes": "Relancer M. Girard, il oublie tout.",
                          "Mention facture": "Marché n° 2026-14, lot 2.",
                          "N° d'engagement": "EJ-2026-0042"})]
    build_master(tmp_path / "suivi_factures.xlsx", data)
    result = invoke("invoices", "--config", seller_config(tmp_path), "--date", TODAY, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    [receipt] = summary["invoices"]["chorus"]
    assert receipt["number"] == "FAC2026-001" and receipt["status"] == "à déposer"
    text, xml, _ = pdf_text_and_xml(tmp_path / "factures" / "2026" / "FAC2026-001.pdf")
    assert "Marché n° 2026-14, lot 2." in text and "Relancer M. Girard" not in text
    assert "SERV-FIN-01" in text and "EJ-2026-0042" in text
    assert xml.xpath("//ram:BuyerReference/text()", namespaces=RAM) == ["SERV-FIN-01"]
    assert xml.xpath("//ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID/text()",
                     namespaces=RAM) == ["EJ-2026-0042"]
    assert xml.xpath("//ram:BuyerTradeParty/ram:GlobalID[@schemeID='0009']/text()",
                     namespaces=RAM) == ["21750001600019"]
    notes = " ".join(xml.xpath("//ram:IncludedNote/ram:Content/text()", namespaces=RAM))
    assert "Marché n° 2026-14, lot 2." in notes and "Relancer" not in notes
    plain = invoke("invoices", "--config", tmp_path / "suivi.toml", "--date", TODAY)
    assert "Aucune facture à produire" in plain.output  # deposited once, listed once


def test_a_credit_note_on_a_paid_invoice_is_refunded(tmp_path):
    data = MasterData()
    data.clients = [ALPHA]
    data.invoices = [
        row({"N° facture": "FAC2026-001", "Date facture": date(2026, 10, 1),
             "Client": "Alpha SARL", "Désignation": "Audit", "Montant HT": 1000, "TVA": 200,
             "Montant TTC": 1200, "Conditions de paiement": "30 jours",
             "Échéance": date(2026, 10, 31), "Montant réglé": 1200,
             "Date de règlement": date(2026, 10, 20), "Statut": "réglée"}),
        row({"Date facture": date(2026, 11, 20), "Client": "Alpha SARL",
             "Désignation": "Avoir sur facture FAC2026-001 – remise 10 %", "Montant HT": -100,
             "TVA": -20, "Montant TTC": -120, "Statut": "à émettre", "Type de pièce": "avoir"}),
    ]
    build_master(tmp_path / "suivi_factures.xlsx", data)
    result = invoke("invoices", "--config", seller_config(tmp_path), "--date", TODAY, "--json")
    assert result.exit_code == 0, result.output
    assert "AV2026-001" in json.loads(result.output)["numbered"]
    text, xml, _ = pdf_text_and_xml(tmp_path / "factures" / "2026" / "AV2026-001.pdf")
    assert "AVOIR" in text and "FAC2026-001" in text
    assert "vous sera remboursé par virement au plus tard le 20/12/2026" in text
    assert "40 €" not in text and "pénalités" not in text.casefold()
    assert xml.xpath("//rsm:ExchangedDocument/ram:TypeCode/text()", namespaces=RAM) == ["381"]
    assert xml.xpath("//ram:InvoiceReferencedDocument/ram:IssuerAssignedID/text()",
                     namespaces=RAM) == ["FAC2026-001"]
    assert read_master(tmp_path / "suivi_factures.xlsx").invoices[1].due_date is None
    assert Decimal("-120") == read_master(tmp_path / "suivi_factures.xlsx").invoices[1].total


def test_row_signatures_keep_their_spelling():
    """The signatures in .suivi/rendus.json decide whether a PDF is made again: the canonical
    form they hash must not change from one version to the next (it would render every open
    invoice again). Pinned on values of every kind a row holds."""
    import hashlib

    from suivi.core.models import CellRef, Client, InvoiceKind
    from suivi.pipeline.invoice_docs import _canonical

    client = Client("Client « A » SA", emails=("a@b.fr",), payment_terms="30 jours",
                    credit_limit=Decimal("1000.0"))
    row = (("FAC2026-001", date(2026, 11, 2), "Client « A » SA", Decimal("450.00"),
            Decimal("90"), None, 3, True, InvoiceKind.CREDIT_NOTE,
            (date(2026, 10, 1), date(2026, 10, 31)), datetime(2026, 11, 2, 9, 30)),
           client, (CellRef("Lignes", 2, "A"),), ("AC-1",), "fr")
    form = repr(_canonical(row))
    assert "'450'" in form and "'90'" in form and "Client" in form
    assert hashlib.sha256(form.encode("utf-8")).hexdigest()[:16] == "31385681a14c3bfe"
