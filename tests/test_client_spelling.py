"""« Alpha SARL » on the invoices, « Alpha » in the Clients sheet. Each such invoice was an
error, « client inconnu », that held it from reminders: the client the team knew late was
never reminded."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
from click.testing import CliRunner
from test_team_trackers import book_of, run

from suivi.cli import cli
from suivi.messages import text
from suivi.workbook.read import read_master

HEADER = ["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé"]
CLIENTS = [["Nom", "Email", "Adresse"],
           ["Alpha", "compta@alpha.example", "1 rue de la Paix, 75002 Paris"],
           ["Beta SAS", "compta@beta.example", "2 rue de la Paix, 75002 Paris"],
           ["Delta SA", "compta@delta-sa.example", "3 rue de la Paix, 75002 Paris"],
           ["Delta SAS", "compta@delta-sas.example", "4 rue de la Paix, 75002 Paris"]]


def invoices(*names):
    return [HEADER, *([f"F{i + 1}", name, date(2026, 8, i + 1), 100 * (i + 1), 0]
                      for i, name in enumerate(names))]


def test_a_client_spelt_with_its_legal_form_is_the_clients_sheets(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {
        "Factures": invoices("Alpha SARL", "BETA S.A.S.", "Alpha S.A.R.L", "Gamma", "Delta"),
        "Clients": CLIENTS})
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", "2026-12-01", "--json"])
    issues = json.loads(checked.output)["issues"]
    near = {i["cell"]: i["message"] for i in issues if i["code"] == "client_rapproche"}
    assert sorted(near) == ["Factures!B2", "Factures!B3", "Factures!B4"]
    assert "« Alpha SARL » n'est pas écrit ainsi dans la feuille Clients : suivi le lit " \
           "comme « Alpha »" in near["Factures!B2"]
    # Gamma is nobody's; Delta could be either of two companies: both stay errors
    unknown = sorted(i["cell"] for i in issues if i["code"] == "client_inconnu")
    assert unknown == ["Factures!B5", "Factures!B6"]
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@alpha.example", "compta@beta.example"], result.output
    body = drafts["compta@alpha.example"].get_body(("plain",)).get_content()
    assert "F1" in body and "F3" in body  # one message for both spellings
    rows = list(openpyxl.load_workbook(book)["Factures"].iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == ["Alpha SARL", "BETA S.A.S.", "Alpha S.A.R.L", "Gamma",
                                        "Delta"]  # the team's spelling stays


def test_a_payment_naming_the_client_so_pays_its_invoice(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {
        "Factures": invoices("Alpha SARL", "Beta SAS"),
        "Paiements": [["Date", "Client", "Montant"], [date(2026, 9, 15), "ALPHA SARL", 100]],
        "Clients": CLIENTS})
    master = read_master(book)
    assert [(i.client, i.amount_paid) for i in master.invoices] == [("Alpha", 100), ("Beta SAS", 0)]
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@beta.example"], result.output


def test_said_in_english(tmp_path):
    book = book_of(tmp_path / "t.xlsx", {"Factures": invoices("Alpha SARL"), "Clients": CLIENTS})
    [said] = [i for i in read_master(book).issues if i.code == "client_rapproche"]
    assert "Client 'Alpha SARL' is not spelt so in the Clients sheet: suivi reads it as " \
           "'Alpha'" in text(said, "en")


def test_a_contact_in_brackets_after_the_name_is_set_aside(in_folder):
    """« Alpha (M. Dupont) » was « client inconnu », an error that held the invoice; « Delta
    (Lyon) » stays one, since two clients are named Delta."""
    book = book_of(in_folder / "suivi.xlsx", {
        "Factures": invoices("Alpha (M. Dupont)", "Beta [compta]", "Delta (Lyon)"),
        "Clients": CLIENTS})
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", "2026-12-01", "--json"])
    issues = json.loads(checked.output)["issues"]
    assert sorted(i["cell"] for i in issues if i["code"] == "client_rapproche") == [
        "Factures!B2", "Factures!B3"]
    assert [i["cell"] for i in issues if i["code"] == "client_inconnu"] == ["Factures!B4"]
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@alpha.example", "compta@beta.example"], result.output
