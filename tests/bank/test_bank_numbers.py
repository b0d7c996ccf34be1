"""Invoice numbers as payers and banks write them, found from the numbering pattern."""
from __future__ import annotations

import pytest

from suivi.core.bank_numbers import NumberFinder
from suivi.core.numbering import NumberPattern

FINDER = NumberFinder((NumberPattern("FAC{AAAA}-{NNN}"), NumberPattern("AV{AAAA}-{NNN}")))


@pytest.mark.parametrize("text, keys", [
    ("FAC2026-001", [(0, 2026, None, 1)]),
    ("VIR SEPA FAC 2026 001", [(0, 2026, None, 1)]),
    ("motif fac2026-1", [(0, 2026, None, 1)]),
    ("FACT 2026-1", [(0, 2026, None, 1)]),
    ("Facture N° 2026/001", [(0, 2026, None, 1)]),
    ("facture n°2026-0007", [(0, 2026, None, 7)]),
    ("REGLEMENT F2026001", [(0, 2026, None, 1)]),
    ("FA 2026 12 reste", [(0, 2026, None, 12)]),
    ("/MOTIF FACT 2026-2 ET 3", [(0, 2026, None, 2), (0, 2026, None, 3)]),
    ("FAC2026-001, 002 + 004 & 5", [(0, 2026, None, 1), (0, 2026, None, 2), (0, 2026, None, 4),
                                    (0, 2026, None, 5)]),
    ("REGL AV2026-004 ET FAC2026-010", [(1, 2026, None, 4), (0, 2026, None, 10)]),
    ("Avoir 2026-3 déduit", [(1, 2026, None, 3)]),
    # an amount after a number is not a second number
    ("FAC2026-001 / 150,00 EUR", [(0, 2026, None, 1)]),
    # words that only look alike
    ("FOURNITURES 2026 12", []),
    ("FRAIS 2026 12", []),
    ("REF2026001", []),
    ("VIR SEPA RECU /DE DUPONT", []),
])
def test_numbers_found(text: str, keys: list) -> None:
    assert [f.key for f in FINDER.find(text)] == keys


@pytest.mark.parametrize("number, key", [
    ("FAC2026-001", (0, 2026, None, 1)),
    ("FAC2026-120", (0, 2026, None, 120)),
    ("AV2026-002", (1, 2026, None, 2)),
    ("INV-0042", ("L", "INV42")),  # an older series that fits no pattern
    ("12", None),                  # too vague to be looked for in free text
])
def test_keys_of_workbook_numbers(number: str, key: object) -> None:
    assert FINDER.key(number) == key


def test_a_one_letter_prefix_is_not_any_word_starting_with_it() -> None:
    finder = NumberFinder((NumberPattern("F{NNNNN}", yearly_reset=False),))
    assert [f.key for f in finder.find("FRAIS 00012 / FACTURE 00012 / F12")] == \
        [(0, None, None, 12)]
    assert [f.written for f in finder.find("FRAIS 00012 / FACTURE 00012")] == ["FACTURE 00012"]


def test_year_month_patterns() -> None:
    finder = NumberFinder((NumberPattern("F{AA}{MM}-{NNN}"),))
    assert [f.key for f in finder.find("VIR F2603-001 ET F 26 03 7")] == \
        [(0, 2026, 3, 1), (0, 2026, 3, 7)]


def test_older_numbers_are_found_in_compact_form() -> None:
    found = FINDER.find("paiement inv 42 merci", legacy={("L", "INV42")})
    assert [(f.key, f.written) for f in found] == [(("L", "INV42"), "INV 42")]
