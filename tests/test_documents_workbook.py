"""From a workbook row to the Factur-X PDF, through the CLI: what the row says internally stays
internal, and the lines' units decide the nature of the operation."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal

import pikepdf
from click.testing import CliRunner
from lxml import etree
from pypdf import PdfReader
from test_daily import seller_config

from suivi.cli import cli
from suivi.workbook.template import MasterData, build_master

RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
NOTE = "Acompte de 40 % reçu, solde promis oralement."


def test_internal_note_of_a_row_is_neither_printed_nor_in_the_xml(tmp_path):
    data = MasterData()
    data.clients = [
        [
            "Garage Moreau",
            "Société",
            "732829320",
            "FR44732829320",
            "8 rue du Port, 69007 Lyon",
            None,
            "compta@garage-moreau.example",
            None,
            "30 jours",
            None,
            "fr",
            "Oui",
            None,
        ]
    ]
    row = [
        None,
        date(2026, 11, 20),
        "Garage Moreau",
        "Fournitures et pose",
        None,
        None,
        None,
        "30 jours",
        None,
        None,
        None,
        None,
        "à émettre",
    ]
    row += [None] * (22 - len(row)) + [NOTE, None]
    data.invoices = [row]
    data.lines = [
        ["FAC2026-001", "Pose des étagères", 3, "h", 55, Decimal("0.2"), None],
        ["FAC2026-001", "Étagère acier 80 cm", 4, "pièce", 89, Decimal("0.2"), None],
    ]
    build_master(tmp_path / "suivi_factures.xlsx", data)
    config = seller_config(tmp_path)
    result = CliRunner().invoke(
        cli, ["invoices", "--config", str(config), "--date", "2026-11-25"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    pdf_path = tmp_path / "factures" / "2026" / "FAC2026-001.pdf"
    reader = PdfReader(io.BytesIO(pdf_path.read_bytes()))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))
    assert "Pose des étagères" in text and "Étagère acier 80 cm" in text
    assert "solde promis oralement" not in text and "Remarques" not in text
    with pikepdf.open(pdf_path) as pdf:
        xml = pdf.attachments["factur-x.xml"].get_file().read_bytes()
    assert b"solde promis oralement" not in xml
    tree = etree.fromstring(xml)
    # Hours are services, pieces are goods: a mixed operation, whatever [factures] nature says.
    assert tree.xpath(
        "//ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID/text()",
        namespaces={"ram": RAM},
    ) == ["M1"]
    assert tree.xpath("//ram:BilledQuantity/@unitCode", namespaces={"ram": RAM}) == ["HUR", "H87"]
    assert "opération mixte" in text.replace("\u00a0", " ")
