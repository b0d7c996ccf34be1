"""The demo shows reconciliation: one statement of each format, written from the demo's own
invoices, imported by its run, filed in releves/importés/, one credit left for review."""
from __future__ import annotations

from click.testing import CliRunner
from python_calamine import CalamineWorkbook

from suivi.cli import cli


def test_the_demo_imports_one_statement_of_each_format(tmp_path):
    folder = tmp_path / "demo"
    result = CliRunner().invoke(cli, ["demo", str(folder), "--date", "2026-11-25"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    filed = sorted(p.name for p in (folder / "releves" / "importés").iterdir())
    assert filed == ["camt053-20261125.xml", "releve-20261125.csv", "releve-20261125.ofx"]
    assert not [p for p in (folder / "releves").iterdir() if p.is_file()]

    book = CalamineWorkbook.from_path(str(folder / "suivi_factures.xlsx"))
    payments = book.get_sheet_by_name("Paiements").to_python()
    imported = [row for row in payments[1:] if row[6]]
    assert {row[6] for row in imported} == set(filed)  # every statement paid something
    assert all(row[7] for row in imported)  # each with its operation id
    invoices = book.get_sheet_by_name("Factures").to_python()
    status = {row[0]: row[12] for row in invoices[1:]}
    assert {status[row[2]] for row in imported} <= {"réglée", "partiellement réglée"}
    assert "partiellement réglée" in {status[row[2]] for row in imported}

    review = book.get_sheet_by_name("Rapprochement").to_python()
    assert [(row[1], row[2], row[7]) for row in review[1:]] == [(150.0, "DON KERMESSE", "")]
    assert "Paiements et rapprochement" in " ".join(result.output.split())
