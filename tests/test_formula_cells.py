"""A team whose Statut is its own formula (=SI(G2>=F2;"Payée";"En attente")). suivi wrote
« En retard » and « Partiellement réglée » over those formulas: the next payment typed in
the sheet no longer changed the Statut, and the team's logic was gone. Any cell suivi writes
now keeps a formula it finds there; one warning names the column."""

from __future__ import annotations

import shutil
from datetime import date

import openpyxl
from click.testing import CliRunner

from suivi.cli import cli


def test_a_statut_computed_by_the_teams_formula_is_never_replaced(in_folder, soffice):
    raw = in_folder / "raw.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Factures"
    sheet.append(["N° facture", "Client", "Email", "Date", "Échéance", "Montant TTC",
                  "Montant réglé", "Statut"])
    for row, paid in enumerate((0, 1000, 300), start=2):
        sheet.append([f"F{row - 1}", f"Client{row}", f"c{row}@client{row}.example",
                      date(2026, 8, 1), date(2026, 9, 1), 1000, paid,
                      f'=IF(G{row}>=F{row},"Payée","En attente")'])
    book.save(raw)
    (saved,) = soffice.convert(raw, "xlsx", in_folder / "lo")  # as Excel saves it: with values
    workbook = in_folder / "suivi.xlsx"
    shutil.move(saved, workbook)
    result = CliRunner().invoke(cli, ["run", str(workbook), "--date", "2026-12-01"])
    assert result.exit_code == 0, result.output
    formulas = openpyxl.load_workbook(workbook)["Factures"]
    assert [formulas.cell(row, 8).value for row in (2, 3, 4)] == [
        f'=IF(G{row}>=F{row},"Payée","En attente")' for row in (2, 3, 4)]
    values = openpyxl.load_workbook(workbook, data_only=True)["Factures"]
    assert [values.cell(row, 8).value for row in (2, 3, 4)] == ["En attente", "Payée",
                                                                "En attente"]
    # the reminders went all the same, and the other columns suivi keeps were written
    drafts = sorted(p.name for p in (in_folder / "relances").rglob("*.eml"))
    assert len(drafts) == 2 and not any("client3" in name for name in drafts)
    assert formulas.cell(1, 9).value == "Niveau de relance"
    said = " ".join(result.output.split())
    assert "La colonne « Statut » est calculée par vos formules (2 cellule(s) : H2, H4…)" in said
