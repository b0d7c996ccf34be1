"""The Clients sheet's remarks and contact columns. A client noted « Client en liquidation
judiciaire » or « Ne plus relancer (accord direction) » in its « Remarques » was reminded
all the same (a company in insolvency proceedings may not be pursued: Code de commerce,
L622-21); a client whose « Email » was empty and whose « Contact » said « Jean Dupont -
jean@delta.example » had no address, and was never reminded."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner
from test_team_trackers import book_of, run

from suivi.cli import cli
from suivi.workbook.read.sheets import split_emails

D0, D1 = date(2026, 8, 1), date(2026, 9, 1)


def test_client_remarks_and_contacts_are_read(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {
        "Factures": [["N° facture", "Client", "Date facture", "Échéance", "Montant TTC",
                      "Montant réglé"],
                     *([f"F{n}", name, D0, D1, 1000, 0] for n, name in enumerate(
                         ("Alpha", "Beta", "Gamma", "Delta", "Echo"), start=1))],
        "Clients": [["Client", "Email", "Remarques", "Contact"],
                    ["Alpha", "a@alpha.example", None, None],
                    ["Beta", "b@beta.example", "Client en liquidation judiciaire", None],
                    ["Gamma", "g@gamma.example", "Ne plus relancer (accord direction)", None],
                    ["Delta", None, None, "Jean Dupont - jean@delta.example"],
                    ["Echo", "e@echo.example", "Paie toujours à 60 jours", "M. Echo"]]})
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", "2026-12-01", "--json"])
    issues = json.loads(checked.output)["issues"]
    assert sorted(i["cell"] for i in issues if i["code"] == "note_client_lue") == [
        "Clients!C3", "Clients!C4"]
    assert [i["cell"] for i in issues if i["code"] == "email_autre_colonne"] == ["Clients!D1"]
    result, drafts = run(in_folder, book)
    assert result.exit_code == 0, result.output
    assert sorted(drafts) == ["a@alpha.example", "e@echo.example", "jean@delta.example"]


@pytest.mark.parametrize("cell, addresses", [
    ("Jean Dupont - jean@delta.example", ("jean@delta.example",)),
    ("Tél 01 02 03 04 05 / jean@delta.example", ("jean@delta.example",)),
    ("Compta (compta@delta.example)", ("compta@delta.example",)),
    ("a@x.example; b@x.example", ("a@x.example", "b@x.example")),
    ("delta@", ("delta@",)),  # not an address: kept, the checks name its cell
    # the words say not to use it: kept as typed, so that the checks name it (never written to)
    ("Ne plus écrire à jean@delta.example", ("Ne plus écrire à jean@delta.example",)),
    ("Ancienne adresse : jean@delta.example", ("Ancienne adresse : jean@delta.example",)),
    ("compta chez delta.example", ("compta chez delta.example",)),
    # no address, typed as such: « aucune adresse e-mail », not « adresse invalide »
    ("-", ()), ("n/a", ()), ("Courrier", ()), ("pas d'email", ()), ("?", ()),
])
def test_split_emails_finds_the_address_in_a_contact_text(cell, addresses):
    assert split_emails(cell) == addresses


def test_a_clients_sheet_kept_without_siren_gives_one_warning_not_one_per_client(tmp_path):
    names = [f"Client{n}" for n in range(8)]
    book = book_of(tmp_path / "suivi.xlsx", {
        "Factures": [["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé"],
                     *([f"F{n}", name, D0, 100, 0] for n, name in enumerate(names))],
        "Clients": [["Client", "Email"], *([name, f"{name.lower()}@x.example"] for name in names)]})
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", "2026-12-01", "--json"])
    said = [i for i in json.loads(checked.output)["issues"] if i["code"] == "siren_absent"]
    assert [(i["cell"], " ".join(i["message"].split())) for i in said] == [(
        "Clients!A1", "8 clients professionnels sans SIREN (« Client0 », « Client1 », "
                      "« Client2 »…) : leurs factures électroniques ne peuvent pas être produites.")]
