"""A Clients sheet with two e-mail columns (« E-mail facturation », « Email contact »): suivi
read the first only, so a client whose billing address was empty was never reminded, though
the sheet gave another address for it."""

from __future__ import annotations

import json
from datetime import date

from click.testing import CliRunner
from test_team_trackers import book_of, run

from suivi.cli import cli
from suivi.workbook.read import read_master

CLIENTS = [["Client", "E-mail facturation", "Date envoi mail", "Email contact", "Adresse"],
           ["Alpha", "compta@alpha.example", None, "jean@alpha.example", "1 rue A, Paris"],
           ["Beta", None, date(2026, 11, 2), "marie@beta.example", "2 rue B, Lyon"],
           ["Gamma", None, None, None, "3 rue C, Nice"],
           ["Delta", None, None, "delta@", "4 rue D, Metz"]]
INVOICES = [["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé"],
            *([f"F{i}", name, date(2026, 8, i), 100 * i, 0]
              for i, name in enumerate(("Alpha", "Beta", "Gamma", "Delta"), start=1))]


def test_an_empty_billing_address_falls_back_on_the_other_email_column(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {"Factures": INVOICES, "Clients": CLIENTS})
    clients = read_master(book).clients
    assert [clients[k].emails for k in ("alpha", "beta", "gamma")] == [
        ("compta@alpha.example",), ("marie@beta.example",), ()]
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", "2026-12-01", "--json"])
    issues = json.loads(checked.output)["issues"]
    [said] = [i for i in issues if i["code"] == "email_autre_colonne"]
    assert said["cell"] == "Clients!D1"
    assert said["message"] == ("2 client(s) sans adresse dans « E-mail facturation » (« Beta », "
                               "« Delta ») : suivi leur écrit à l'adresse de « Email contact ».")
    # an address taken from the other column is checked at its own cell
    assert [i["cell"] for i in issues if i["code"] == "email_invalide"] == ["Clients!D5"]
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@alpha.example", "marie@beta.example"], result.output
