"""The team's own « Indicateurs » (its dashboard) and « Journal » (its notes). suivi replaced
the first with its KPI sheet and appended its journal rows under the notes of the second:
the team's work was lost, in the file suivi promises never to break."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
from click.testing import CliRunner
from test_team_trackers import book_of, run

from suivi.cli import cli


def test_the_teams_own_sheets_of_suivis_names_are_left_alone(in_folder):
    header = ["N° facture", "Client", "Email", "Date facture", "Montant TTC", "Montant réglé"]
    dashboard = [["Mon tableau de bord"], ["CA 2026", 125000], ["Objectif", 150000]]
    notes = [["Mes notes"], ["appeler Alpha"]]
    book = book_of(in_folder / "suivi.xlsx", {
        "Factures": [header, ["F1", "Alpha", "a@alpha.example", date(2026, 8, 1), 100, 0]],
        "Indicateurs": dashboard, "Journal": notes})
    result, drafts = run(in_folder, book)
    assert list(drafts) == ["a@alpha.example"], result.output
    assert "« Indicateurs » du classeur est la vôtre" in " ".join(result.output.split())
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", "2026-12-01", "--json"])
    assert [(i["cell"], i["severity"]) for i in json.loads(checked.output)["issues"]
            if i["code"] == "indicateurs_feuille_equipe"] == [("Indicateurs", "warning")]
    assert result.output.count("du classeur est la vôtre") == 1  # said once by the run
    written = openpyxl.load_workbook(book)
    assert [[v for v in r if v is not None] for r in written["Indicateurs"].iter_rows(
        values_only=True)] == dashboard
    assert [[r[0]] for r in written["Journal"].iter_rows(values_only=True)] == notes
    journal = list(written["Journal suivi"].iter_rows(values_only=True))
    assert journal[0][:4] == ("Date", "Facture(s)", "Client", "Étape")
    assert journal[1][1:4] == ("F1", "Alpha", "Relance 1")
    # a week later, the journal suivi wrote is read back: the next step, not Relance 1 again
    for eml in (in_folder / "relances").rglob("*.eml"):
        eml.unlink()
    result, drafts = run(in_folder, book, "--date", "2026-12-08")
    out = " ".join(result.output.split())
    assert "Alpha – Relance 1" not in out, out
    written = openpyxl.load_workbook(book)
    assert [[r[0]] for r in written["Journal"].iter_rows(values_only=True)] == notes
