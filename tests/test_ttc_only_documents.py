"""A tracker that gives each invoice's total only (« Montant TTC »), the common case. Its
document took that total for the amount before VAT and added 20 %: a 120 € row became a
144 € invoice, and an open 600 € invoice got a 720 € PDF, while the reminder claimed 600 €."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pikepdf
import pytest
from click.testing import CliRunner
from test_team_trackers import book_of

from suivi.cli import cli
from suivi.demo import DEMO_CONFIG
from suivi.pipeline.invoice_docs import net_of

#: The demo's seller and invoicing settings, for the workbook of this test.
CONFIG = DEMO_CONFIG.format(siren="618552665", siret="61855266500019", tva="FR89618552665",
                            siren_spaced="618 552 665").replace(
    'fichier = "suivi_factures.xlsx"', 'fichier = "suivi.xlsx"')


def facturx_total(pdf_path):
    with pikepdf.open(pdf_path) as pdf:
        xml = pdf.attachments["factur-x.xml"].get_file().read_bytes().decode()
    start = xml.index("<ram:GrandTotalAmount>") + len("<ram:GrandTotalAmount>")
    return D(xml[start:xml.index("<", start)])


def test_the_document_of_a_total_only_row_has_that_total(in_folder):
    book_of(in_folder / "suivi.xlsx", {
        "Factures": [["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé"],
                     ["FAC2026-001", "Alpha", date(2026, 11, 2), 600, 0],
                     [None, "Alpha", date(2026, 11, 30), 120, None]],
        "Clients": [["Client", "Email", "Adresse", "Code postal", "Ville", "SIREN"],
                    ["Alpha", "a@alpha.example", "1 rue de la Paix", "75002", "Paris",
                     "732829320"]]})
    (in_folder / "suivi.toml").write_text(CONFIG, encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", "--config", str(in_folder / "suivi.toml"),
                                      "--date", "2026-12-01"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    folder = in_folder / "factures" / "2026"
    assert facturx_total(folder / "FAC2026-001.pdf") == D("600.00")
    assert facturx_total(folder / "FAC2026-002.pdf") == D("120.00")


@pytest.mark.parametrize("ttc, rate, net", [
    ("120", "20", "100.00"), ("600", "20", "500.00"), ("100", "5.5", "94.79"),
    ("-120", "20", "-100.00"), ("100", "0", "100"),
    ("99.99", "20", "83.32"),  # no amount reaches 99,99 € at 20 %: one cent less, never more
])
def test_net_of(ttc, rate, net):
    assert net_of(D(ttc), D(rate)) == D(net)
