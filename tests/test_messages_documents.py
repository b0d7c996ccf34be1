"""The `documents` catalogue: both languages, same placeholders, every code used exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

from suivi.messages import DOMAINS, catalogue
from suivi.messages.catalog import documents

ROOT = Path(__file__).resolve().parent.parent
PRODUCERS = (
    "suivi/core/terms.py",
    "suivi/core/vat.py",
    "suivi/core/credit_notes.py",
    "suivi/core/public_buyers.py",
    "suivi/documents/chorus.py",
)


def fields(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


def test_documents_domain_is_registered():
    assert "documents" in DOMAINS
    assert set(documents.FR) <= set(catalogue("fr"))


def test_french_and_english_have_the_same_codes_and_placeholders():
    assert set(documents.FR) == set(documents.EN)
    for code, french in documents.FR.items():
        assert fields(french) == fields(documents.EN[code]), code


def test_every_code_the_modules_produce_has_words():
    used = set()
    for relative in PRODUCERS:
        source = (ROOT / relative).read_text(encoding="utf-8")
        used |= set(re.findall(r'Message\.of\(\s*"([a-z_.]+)"', source))
        used |= set(re.findall(r'code = "([a-z_]+\.[a-z_.]+)"', source))
        used |= set(re.findall(r'"((?:terms|vat|credit_note|chorus)\.[a-z_]+)"', source))
    assert used and used <= set(documents.FR), used - set(documents.FR)
