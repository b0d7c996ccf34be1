"""A payment column whose header no field took: « Règlement », « Perçu », « Somme perçue »
over amounts, « Date de virement » over days. Each was only named (or not even that), and
every invoice was reminded, paid or not."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from test_team_trackers import book_of, run

from suivi.workbook.read import read_master

HEAD = ["N° facture", "Client", "Email", "Date facture", "Montant TTC"]


def rows(*paid):
    return [[f"F{i + 1}", name, f"compta@{name.lower()}.example", date(2026, 8, 1), 1200, value]
            for i, (name, value) in enumerate(zip(("Alpha", "Beta", "Gamma"), paid))]


@pytest.mark.parametrize("header, paid, field", [
    ("Règlement", (1200, None, "en attente"), "amount_paid"),
    ("Perçu", (1200, 0, None), "amount_paid"),
    ("Somme perçue", ("1 200,00 €", None, None), "amount_paid"),
    ("Date de virement", (date(2026, 9, 1), None, None), "payment_date"),
    ("Règlement", (date(2026, 9, 1), None, "en attente"), "payment_date"),
])
def test_a_payment_column_is_read_as_its_cells_say(in_folder, header, paid, field):
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [[*HEAD, header], *rows(*paid)]})
    master = read_master(book)
    assert master.layout.columns[field].header == header
    assert [i.amount_paid for i in master.invoices] == [D(1200), D(0), D(0)]
    result, drafts = run(in_folder, book)
    assert sorted(drafts) == ["compta@beta.example", "compta@gamma.example"], result.output


def test_a_payment_column_of_other_words_is_left_as_it_was(tmp_path):
    """« Virement », « Chèque »: the means, not what was received (a guard)."""
    book = book_of(tmp_path / "t.xlsx", {
        "Factures": [[*HEAD, "Règlement"], *rows("Virement", "Chèque", None)]})
    master = read_master(book)
    assert "amount_paid" not in master.layout.columns
    assert "payment_date" not in master.layout.columns
    assert [i for i in master.issues if i.code == "colonne_reglement_ignoree"]
