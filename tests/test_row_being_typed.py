"""A row still being typed: the client is there, the amount not yet. suivi gave it the next
number of the legal series, its date and due date, and wrote « à émettre », then said
« aucun montant »: a number spent on an invoice that could not be produced (a hole in the
series if the row is deleted), and without a Clients sheet the whole run stopped."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
from click.testing import CliRunner
from test_team_trackers import book_of

from suivi.cli import cli

HEADER = ["N° facture", "Client", "Email", "Date", "Échéance", "Montant TTC", "Montant réglé"]
OLD = ["F1", "Alpha", "a@alpha.example", date(2026, 8, 1), date(2026, 9, 1), 100, 0]
SELLER = ('[classeur]\nfichier = "suivi.xlsx"\n\n[vendeur]\nnom = "Atelier"\n'
          'adresse = ["1 rue A"]\ncode_postal = "69002"\nville = "Lyon"\nsiren = "618552665"\n'
          'tva = "FR89618552665"\niban = "FR7630006000011234567890189"\n')


def test_a_row_without_its_amount_is_neither_numbered_nor_issued(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {
        "Factures": [HEADER, OLD, [None, "Beta"]],
        "Clients": [["Client", "Email", "Adresse", "SIREN"],
                    ["Alpha", "a@alpha.example", "1 rue X, 75002 Paris", "732829320"],
                    ["Beta", "b@beta.example", "2 rue Y, 75002 Paris", "732829320"]]})
    (in_folder / "suivi.toml").write_text(SELLER, encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", "--config", str(in_folder / "suivi.toml"),
                                      "--date", "2026-12-01"])
    assert result.exit_code == 1, result.output
    sheet = openpyxl.load_workbook(book)["Factures"]
    assert [c.value for c in sheet[3]][:5] == [None, "Beta", None, None, None]
    # the only document is F1's, which the open invoice lacked: no « F2 » was spent
    assert [p.name for p in (in_folder / "factures").rglob("*.pdf")] == ["F1.pdf"]
    checked = CliRunner().invoke(cli, ["check", "--config", str(in_folder / "suivi.toml"),
                                       "--date", "2026-12-01", "--json"])
    said = [(i["cell"], i["message"]) for i in json.loads(checked.output)["issues"]
            if i["code"] == "montant_absent"]
    assert said == [("Factures!F3", "Facture ligne 3 : aucun montant ; elle n'est ni numérotée "
                                    "ni produite tant qu'il n'est pas saisi.")]


def test_without_a_clients_sheet_a_row_being_typed_does_not_stop_the_run(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [HEADER, OLD, [None, "Beta"]]})
    result = CliRunner().invoke(cli, ["run", str(book), "--date", "2026-12-01"])
    assert result.exit_code == 1, result.output  # the row's error, not a blocking stop (2)
    assert [p.name for p in (in_folder / "relances").rglob("*.eml")] != []
