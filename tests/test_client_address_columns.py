"""A Clients sheet that keeps the address in several columns (« Adresse », « Complément »,
« Code postal », « Ville »), as most teams do. Only « Adresse » was read: the invoice named
its client at « 1 rue X », without the postcode and town a French invoice must carry (and
the formal notice letter, posted by recorded delivery, had no town either)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from test_team_trackers import book_of
from test_ttc_only_documents import facturx_xml, invoicing

from suivi.core.countries import country_code
from suivi.workbook.read import read_master

CLIENTS = [["Nom", "Adresse", "Complément", "Code postal", "Ville", "E-mail", "SIREN"],
           ["Beta SARL", "1 rue X", "Bâtiment B", 1000, "Bourg-en-Bresse",
            "c@beta.example", "732829320"],
           ["Gamma SARL", "5 place Y, 69002 Lyon", None, 69002, "Lyon", "c@gamma.example",
            "732829320"],
           ["Delta SARL", "8 quai Z", None, None, None, "c@delta.example", "732829320"]]


def test_the_address_columns_make_one_address(tmp_path):
    book = book_of(tmp_path / "suivi.xlsx", {
        "Factures": [["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé"],
                     ["F1", "Beta SARL", date(2026, 11, 2), 600, 0]],
        "Clients": CLIENTS})
    clients = read_master(book).clients
    assert clients["beta sarl"].address == "1 rue X, Bâtiment B, 01000 Bourg-en-Bresse"
    assert clients["gamma sarl"].address == "5 place Y, 69002 Lyon"  # already whole: as typed
    assert clients["delta sarl"].address == "8 quai Z"


def test_the_invoice_carries_the_postcode_and_town(in_folder):
    book_of(in_folder / "suivi.xlsx", {
        "Factures": [["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé"],
                     [None, "Beta SARL", date(2026, 11, 30), 1200, None]],
        "Clients": CLIENTS})
    pdf_path, xml, buyer = the_invoice(in_folder)
    assert "<ram:PostcodeCode>01000</ram:PostcodeCode>" in buyer, buyer
    assert "<ram:LineOne>1 rue X</ram:LineOne><ram:LineTwo>Bâtiment B</ram:LineTwo>" in buyer
    assert "<ram:CityName>Bourg-en-Bresse</ram:CityName>" in buyer


def test_a_client_abroad_gets_its_invoice(in_folder):
    """« Pays : Belgique »: the client was French for suivi, so the French rules asked for the
    SIREN a Belgian company does not have, and its invoice was refused (« pas de PDF »). Its
    invoice now says BE, is addressed by e-mail (BT-49), and prints « Belgique »; a country
    suivi does not know is named at its cell."""
    book_of(in_folder / "suivi.xlsx", {
        "Factures": [["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé"],
                     [None, "Beta SPRL", date(2026, 11, 30), 1200, None]],
        "Clients": [["Nom", "Adresse", "Code postal", "Ville", "Pays", "E-mail", "SIREN",
                     "N° TVA"],
                    ["Beta SPRL", "Rue Royale 12", 1000, "Bruxelles", "Belgique",
                     "compta@beta.example", None, "BE0403170701"],
                    ["Gamma SA", "Rue du Rhône 5", 1204, "Genève", "Suise",
                     "compta@gamma.example", None, None]]})
    checked = invoicing(in_folder, "check", "--json")
    issues = json.loads(checked.output)["issues"]
    assert [(i["cell"], i["code"]) for i in issues if i["code"] in ("pays_inconnu",
                                                                      "siren_absent")] == [
        ("Clients!E3", "pays_inconnu"), ("Clients!G3", "siren_absent")]  # Gamma: French?
    pdf_path, xml, buyer = the_invoice(in_folder)
    assert "<ram:CountryID>BE</ram:CountryID>" in buyer, buyer
    assert '<ram:URIID schemeID="EM">compta@beta.example</ram:URIID>' in buyer, buyer
    assert "B2BINT" in xml
    text = pdf_text(pdf_path)
    assert "1000 Bruxelles" in text and "Belgique" in text, text


@pytest.mark.parametrize("typed, code", [
    ("Belgique", "BE"), ("BELGIQUE", "BE"), ("be", "BE"), ("Suisse", "CH"), ("Royaume-Uni", "GB"),
    ("United Kingdom", "GB"), ("Côte d'Ivoire", "CI"), ("La Réunion", "FR"), ("France", "FR"),
    ("Pays-Bas", "NL"), ("Atlantide", None), ("", None), (None, None),
])
def test_country_names(typed, code):
    assert country_code(typed) == code


def the_invoice(folder):
    """`suivi run` making the folder's one invoice: its PDF, its XML, the XML's buyer."""
    result = invoicing(folder)
    assert result.exit_code == 0, result.output
    (pdf_path,) = (folder / "factures" / "2026").glob("*.pdf")
    xml = facturx_xml(pdf_path)
    return pdf_path, xml, xml[xml.index("<ram:BuyerTradeParty"):
                              xml.index("</ram:BuyerTradeParty>")]


def pdf_text(path):
    import pypdf

    return " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
