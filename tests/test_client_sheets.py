"""A tracker kept one sheet per client (« Alpha », « Beta »), with no « Client » column: the
sheet's name says whose invoices they are. suivi chose one sheet, found no client column, and
stopped every command on a blocking error."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
from click.testing import CliRunner
from test_team_trackers import book_of, run

from suivi.cli import cli
from suivi.workbook.read import read_master

HEADER = ["N° facture", "Date facture", "Montant TTC", "Montant réglé"]
CLIENTS = [["Client", "Email", "Adresse", "SIREN"],
           ["Alpha", "a@alpha.example", "1 rue de la Paix, 75002 Paris", "732829320"],
           ["Beta", "b@beta.example", "2 rue de la Paix, 75002 Paris", "552100554"]]


def test_one_sheet_per_client(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {
        "Alpha": [HEADER, ["F1", date(2026, 8, 1), 100, 0], ["F3", date(2026, 9, 1), 150, 150],
                  [None, date(2026, 11, 30), 80, None]],  # a new invoice, to number
        "Beta": [HEADER, ["F2", date(2026, 8, 2), 200, 0]],
        "Clients": CLIENTS})
    checked = CliRunner().invoke(cli, ["check", str(book), "--date", "2026-12-01", "--json"])
    assert checked.exit_code == 0, checked.output
    assert not [i for i in json.loads(checked.output)["issues"] if i["severity"] != "warning"]
    master = read_master(book)
    assert sorted((i.number, i.client) for i in master.invoices if i.number) == [
        ("F1", "Alpha"), ("F2", "Beta"), ("F3", "Alpha")]
    result, drafts = run(in_folder, book)
    assert result.exit_code == 0, result.output
    assert sorted(drafts) == ["a@alpha.example", "b@beta.example"]
    assert "F3" not in drafts["a@alpha.example"].get_body(("plain",)).get_content()
    written = openpyxl.load_workbook(book)
    assert written["Alpha"].cell(4, 1).value == "F4"  # numbered after every sheet's numbers
    assert written["Beta"].cell(1, 5).value == "Statut"  # each sheet gets its statuses


def test_a_single_sheet_without_a_client_column_is_still_refused(tmp_path):
    """A guard: one sheet alone says nothing of its client; the blocking error stays."""
    book = book_of(tmp_path / "t.xlsx", {"Factures": [HEADER, ["F1", date(2026, 8, 1), 100, 0]],
                                         "Clients": CLIENTS})
    master = read_master(book)
    assert [i.code for i in master.issues if i.severity.value == "blocking"] == [
        "colonne_absente"]
