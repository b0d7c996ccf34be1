"""The bank catalogue: both languages, same placeholders, every code the code uses."""
from __future__ import annotations

import re
import string
from pathlib import Path

from suivi.messages import catalogue
from suivi.messages.catalog import bank

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [*sorted((ROOT / "suivi" / "bank").glob("*.py")),
           *sorted((ROOT / "suivi" / "core").glob("bank_*.py")),
           ROOT / "suivi" / "core" / "matching.py"]


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_french_and_english_agree() -> None:
    assert bank.FR.keys() == bank.EN.keys()
    for code in bank.FR:
        assert fields(bank.FR[code]) == fields(bank.EN[code]), code


def test_every_code_used_has_words() -> None:
    used = set()
    for path in SOURCES:
        used |= set(re.findall(r"\"(bank\.[a-z_.]+)\"", path.read_text(encoding="utf-8")))
    assert used, "no code found: the scan is broken"
    assert sorted(used - catalogue("fr").keys()) == []


def test_rules_and_kinds_have_names() -> None:
    from suivi.core.bank_models import TransactionKind
    from suivi.core.matching import Rule

    words = catalogue("fr")
    assert all(f"bank.rule.{rule.value}" in words for rule in Rule)
    assert all(f"bank.kind.{kind.value}" in words for kind in TransactionKind)
