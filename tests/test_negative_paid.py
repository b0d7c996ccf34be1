"""A negative amount in « Montant réglé » (-200, a refund or a rejected payment typed on the
row) had the reminder claim 1 200,00 € of a 1 000,00 € invoice: more than the client was ever
invoiced. It is now an error at the cell, and the invoice is not reminded until it is fixed."""

from __future__ import annotations

import json
from datetime import date

from click.testing import CliRunner
from test_team_trackers import book_of, run

from suivi.cli import cli


def test_a_negative_amount_paid_holds_the_reminder_and_names_its_cell(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Email", "Date facture", "Échéance", "Montant TTC",
         "Montant réglé"],
        ["F1", "Alpha", "a@alpha.example", date(2026, 8, 1), date(2026, 9, 1), 1000, -200],
        ["F2", "Beta", "b@beta.example", date(2026, 8, 1), date(2026, 9, 1), 1000, 200],
    ]})
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", "2026-12-01", "--json"])
    errors = [(i["cell"], i["code"]) for i in json.loads(checked.output)["issues"]
              if i["severity"] == "error"]
    assert errors == [("Factures!G2", "montant_regle_negatif")]
    result, drafts = run(in_folder, book)
    assert result.exit_code == 1, result.output
    assert sorted(drafts) == ["b@beta.example"]
    beta = drafts["b@beta.example"].get_body(("plain",)).get_content().replace("\u202f", " ")
    assert "800,00" in beta
