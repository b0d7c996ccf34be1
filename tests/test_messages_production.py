"""The `production` catalogue (several entities, the log, the alert, the review sheet): both
languages, the same placeholders, and words for every code the source produces."""

from __future__ import annotations

import string

from message_codes import all_codes

from suivi.messages import DOMAINS, catalogue
from suivi.messages.catalog import production

PREFIXES = ("entities.", "log.", "alert.", "review.")


def fields(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


def test_the_domain_is_registered():
    assert "production" in DOMAINS
    assert set(production.FR) <= set(catalogue("fr"))


def test_french_and_english_have_the_same_codes_and_placeholders():
    assert set(production.FR) == set(production.EN)
    for code, french in production.FR.items():
        assert fields(french) == fields(production.EN[code]), code


def test_every_code_the_source_uses_has_words_and_every_word_is_used():
    used = {code for code in all_codes() if code.startswith(PREFIXES)}
    hints = {code for code in production.FR if code.endswith(".hint")}
    assert used <= set(production.FR), used - set(production.FR)
    assert set(production.FR) - hints <= used, set(production.FR) - hints - used
