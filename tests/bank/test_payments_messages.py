"""Every message code the source produces has French and English words with the same
placeholders (the new payments catalogue included)."""
from __future__ import annotations

import string

from message_codes import all_codes

from suivi.messages import DOMAINS, catalogue
from suivi.messages.catalog import payments


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_the_payments_domain_is_registered_and_both_languages_agree():
    assert "payments" in DOMAINS
    assert payments.FR.keys() == payments.EN.keys()
    for code in payments.FR:
        assert fields(payments.FR[code]) == fields(payments.EN[code]), code


def test_every_code_of_the_source_has_words():
    french, english = catalogue("fr"), catalogue("en")
    assert sorted(code for code in all_codes() if code not in french) == []
    assert french.keys() == english.keys()
