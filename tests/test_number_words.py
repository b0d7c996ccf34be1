"""Numbers typed with their word: « Facture n°101 ». Every message said « Facture Facture
n°101 du 01/08/2026 » and « Rappel : facture Facture n°101 en attente »."""

from __future__ import annotations

from datetime import date

import pytest
from test_team_trackers import book_of, run

from suivi.mail.compose import shown_number


def test_a_number_typed_with_its_word_is_said_once(in_folder):
    book = book_of(in_folder / "suivi.xlsx", {"Factures": [
        ["Facture", "Client", "Email", "Date", "Montant TTC", "Montant réglé"],
        ["Facture n°101", "Alpha", "a@alpha.example", date(2026, 8, 1), 100, 0]]})
    result, drafts = run(in_folder, book)
    message = drafts["a@alpha.example"]
    body = message.get_body(("plain",)).get_content()
    assert "Facture 101 du 01/08/2026" in body and "Facture Facture" not in body
    assert "facture 101 en attente" in message["Subject"]


@pytest.mark.parametrize("typed, shown", [
    ("Facture n°101", "101"), ("Fact. 101", "101"), ("Invoice #12", "12"),
    ("Facture F-001", "F-001"), ("FAC2026-001", "FAC2026-001"), ("FACT-2026-001", "FACT-2026-001"),
    ("Facture", "Facture"),
])
def test_shown_number(typed, shown):
    assert shown_number(typed) == shown
