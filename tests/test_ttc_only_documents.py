"""A tracker that gives each invoice's total only (« Montant TTC »), the common case. Its
document took that total for the amount before VAT and added 20 %: a 120 € row became a
144 € invoice, and an open 600 € invoice got a 720 € PDF, while the reminder claimed 600 €."""

from __future__ import annotations

import email
import email.policy
import json
from datetime import date
from decimal import Decimal as D

import openpyxl
import pikepdf
import pytest
from click.testing import CliRunner
from test_team_trackers import book_of

from suivi.cli import cli
from suivi.core.vat import totals_around
from suivi.demo import DEMO_CONFIG
from suivi.pipeline.invoice_docs import net_of

#: The demo's seller and invoicing settings, for the workbook of this test.
CONFIG = DEMO_CONFIG.format(siren="618552665", siret="61855266500019", tva="FR89618552665",
                            siren_spaced="618 552 665").replace(
    'fichier = "suivi_factures.xlsx"', 'fichier = "suivi.xlsx"')


def facturx_xml(pdf_path):
    """The Factur-X XML embedded in an invoice PDF."""
    with pikepdf.open(pdf_path) as pdf:
        return pdf.attachments["factur-x.xml"].get_file().read_bytes().decode()


def facturx_total(pdf_path):
    xml = facturx_xml(pdf_path)
    start = xml.index("<ram:GrandTotalAmount>") + len("<ram:GrandTotalAmount>")
    return D(xml[start:xml.index("<", start)])


def invoicing(folder, command="run", *extra):
    """`suivi COMMAND` on the workbook of `folder` with the demo's seller (so PDFs are made),
    on 1 December 2026."""
    (folder / "suivi.toml").write_text(CONFIG, encoding="utf-8")
    return CliRunner().invoke(cli, [command, "--config", str(folder / "suivi.toml"), "--date",
                                    "2026-12-01", *extra], catch_exceptions=False)


def test_the_document_of_a_total_only_row_has_that_total(in_folder):
    book_of(in_folder / "suivi.xlsx", {
        "Factures": [["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé"],
                     ["FAC2026-001", "Alpha", date(2026, 11, 2), 600, 0],
                     [None, "Alpha", date(2026, 11, 30), 120, None]],
        "Clients": [["Client", "Email", "Adresse", "Code postal", "Ville", "SIREN"],
                    ["Alpha", "a@alpha.example", "1 rue de la Paix", "75002", "Paris",
                     "732829320"]]})
    result = invoicing(in_folder)
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


def test_a_total_no_amount_reaches_is_not_invoiced_one_cent_off(in_folder):
    """99,99 € at 20 % is out of reach (83,32 € HT make 99,98 €, 83,33 € make 100,00 €): the
    document said 99,98 € while the reminders claimed 99,99 €. A row to invoice so is held
    with an error at its total; an invoice issued elsewhere gets no PDF copy (a warning), and
    its reminder goes without it. A total within reach is invoiced to the cent."""
    book = book_of(in_folder / "suivi.xlsx", {
        "Factures": [["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé"],
                     ["FAC2026-001", "Alpha", date(2026, 10, 20), 99.99, 0],
                     [None, "Alpha", date(2026, 11, 30), 99.99, None],
                     [None, "Alpha", date(2026, 11, 30), 1234.57, None]],
        "Clients": [["Client", "Email", "Adresse", "Code postal", "Ville", "SIREN"],
                    ["Alpha", "a@alpha.example", "1 rue de la Paix", "75002", "Paris",
                     "732829320"]]})
    checked = invoicing(in_folder, "check", "--json")
    issues = {i["cell"]: i for i in json.loads(checked.output)["issues"]
              if i["code"] == "total_ttc_inatteignable"}
    assert list(issues) == ["Factures!D3"], checked.output  # the row to invoice, at its total
    assert issues["Factures!D3"]["severity"] == "error"
    assert " ".join(issues["Factures!D3"]["message"].split()) == (
        "Facture ligne 3 : aucun montant HT ne donne 99,99 € TTC à 20 % (83,32 € HT donnent "
        "99,98 €, 83,33 € HT donnent 100,00 €). La facture dirait un autre total que la "
        "ligne : elle n'est ni numérotée ni produite.")

    result = invoicing(in_folder)
    assert result.exit_code == 1, result.output
    folder = in_folder / "factures" / "2026"
    assert sorted(p.name for p in folder.glob("*.pdf")) == ["FAC2026-002.pdf"], result.output
    assert facturx_total(folder / "FAC2026-002.pdf") == D("1234.57")
    said = " ".join(result.output.split())
    assert "Factures!D2" in said and "Factures!D3" in said, said
    sheet = openpyxl.load_workbook(book)["Factures"]
    assert [sheet.cell(row, 1).value for row in (2, 3, 4)] == ["FAC2026-001", None,
                                                              "FAC2026-002"]
    (draft,) = (in_folder / "relances").rglob("*.eml")
    message = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
    assert "99,99" in message.get_body(("plain",)).get_content()
    assert not [part for part in message.iter_attachments()
                if part.get_content_type() == "application/pdf"]


@pytest.mark.parametrize("ttc, rate, around", [
    ("120", "20", None), ("1234.57", "20", None), ("100", "0", None),
    ("99.99", "20", (("83.32", "99.98"), ("83.33", "100.00"))),
    ("-99.99", "20", (("83.32", "99.98"), ("83.33", "100.00"))),
])
def test_totals_around(ttc, rate, around):
    expected = None if around is None else tuple((D(a), D(b)) for a, b in around)
    assert totals_around(D(ttc), D(rate)) == expected
