"""After a bank import, LibreOffice (which shows the cached results of formulas, and does not
recalculate on load) shows the new « Reste dû » of the template's formula."""
from __future__ import annotations

import zipfile

from bank_workbook import csv_statement, invoke, write_book


def test_libreoffice_shows_the_new_reste_du_after_a_bank_import(tmp_path, soffice):
    book = write_book(tmp_path)
    statement = csv_statement(tmp_path / "releve.csv", [
        ("24/11/2026", "VIR SEPA RECU /DE BOULANGERIE DUPRE /MOTIF FAC2026-003", "500,00"),
        ("24/11/2026", "VIR SEPA RECU /DE GARAGE MARTIN /MOTIF FAC2026-001", "480,00")])
    assert invoke(tmp_path, "bank", statement).exit_code == 0
    with zipfile.ZipFile(book) as z:
        assert b"G4-N(J4))</f>" in z.read("xl/worksheets/sheet1.xml")  # the formula stays
    sheets = soffice.sheets_as_csv(book, tmp_path / "csv")
    rows = {row[0]: row for row in sheets["Factures"][1:] if row and row[0]}
    header = sheets["Factures"][0]
    rest, paid = header.index("Reste dû"), header.index("Montant réglé")
    assert (rows["FAC2026-003"][paid], rows["FAC2026-003"][rest]) == ("500", "700")
    assert (rows["FAC2026-001"][paid], rows["FAC2026-001"][rest]) == ("480", "0")
    assert rows["FAC2026-002"][rest] == "350.5"  # untouched, still right
