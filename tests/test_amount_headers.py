"""An invoice sheet whose total is headed « Prix » or « Somme ». suivi stopped on « colonne
obligatoire absente : Montant TTC » (exit 2, nothing done) although the column was there."""

from __future__ import annotations

from datetime import date

import pytest
from test_team_trackers import book_of, run


@pytest.mark.parametrize("header", ["Prix", "Somme", "Prix total", "Montant de la facture"])
def test_the_total_under_another_common_word_is_read(in_folder, header):
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["N° facture", "Client", "Email", "Date facture", "Échéance", header, "Payé le"],
        ["F1", "Alpha", "a@alpha.example", date(2026, 8, 1), date(2026, 9, 1), 1000, None],
        ["F2", "Beta", "b@beta.example", date(2026, 8, 1), date(2026, 9, 1), 500,
         date(2026, 9, 5)]]})
    result, drafts = run(in_folder, book)
    assert result.exit_code == 0, result.output
    assert sorted(drafts) == ["a@alpha.example"]
    assert "1 000,00" in drafts["a@alpha.example"].get_body(("plain",)).get_content() \
        .replace("\u202f", " ")
