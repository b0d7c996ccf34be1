"""A cell reading could not read is named once. « 12OO » (letters O for zeros) in the amount
column was « n'est pas un montant » and then, at the same cell, « aucun montant »: two errors
for one typo, and the user looked for a second problem that did not exist."""

from __future__ import annotations

import json
from datetime import date

from click.testing import CliRunner
from test_team_trackers import book_of

from suivi.cli import cli


def test_an_unreadable_amount_is_one_error_at_its_cell(tmp_path):
    book = book_of(tmp_path / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Email", "Date facture", "Échéance", "Montant TTC"],
        ["F1", "Alpha", "a@alpha.example", date(2026, 8, 1), date(2026, 9, 1), "12OO"],
        ["F2", "Beta", "b@beta.example", date(2026, 8, 1), date(2026, 9, 1), None],
    ]})
    result = CliRunner().invoke(cli, ["check", str(book), "--date", "2026-12-01", "--json"])
    assert result.exit_code == 1, result.output
    found = sorted((i["cell"], i["code"]) for i in json.loads(result.output)["issues"]
                   if i["severity"] != "warning")
    # the typo is named as what it is; the empty cell of F2 is still « aucun montant »
    assert found == [("Factures!F2", "montant_illisible"), ("Factures!F3", "montant_absent")]
