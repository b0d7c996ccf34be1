"""A Clients sheet that keeps the address in several columns (« Adresse », « Complément »,
« Code postal », « Ville »), as most teams do. Only « Adresse » was read: the invoice named
its client at « 1 rue X », without the postcode and town a French invoice must carry (and
the formal notice letter, posted by recorded delivery, had no town either)."""

from __future__ import annotations

from datetime import date

import pikepdf
from click.testing import CliRunner
from test_team_trackers import book_of
from test_ttc_only_documents import CONFIG

from suivi.cli import cli
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
    (in_folder / "suivi.toml").write_text(CONFIG, encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", "--config", str(in_folder / "suivi.toml"),
                                      "--date", "2026-12-01"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (pdf_path,) = (in_folder / "factures" / "2026").glob("*.pdf")
    with pikepdf.open(pdf_path) as pdf:
        xml = pdf.attachments["factur-x.xml"].get_file().read_bytes().decode()
    buyer = xml[xml.index("<ram:BuyerTradeParty"):xml.index("</ram:BuyerTradeParty>")]
    assert "<ram:PostcodeCode>01000</ram:PostcodeCode>" in buyer, buyer
    assert "<ram:LineOne>1 rue X</ram:LineOne><ram:LineTwo>Bâtiment B</ram:LineTwo>" in buyer
    assert "<ram:CityName>Bourg-en-Bresse</ram:CityName>" in buyer
