"""Payment terms and the legal cap (Code de commerce L441-10)."""
from datetime import date

import pytest

from suivi.core.terms import exceeds_legal_delay, parse_terms

# (terms text, invoice date, expected due date, beyond the legal cap?)
TERMS = [
    ("30 jours", date(2026, 1, 20), date(2026, 2, 19), False),
    ("30 jours net", date(2026, 1, 31), date(2026, 3, 2), False),
    ("45 jours fin de mois", date(2026, 1, 20), date(2026, 3, 31), False),   # 6 mars → fin mars
    ("fin de mois 45 jours", date(2026, 1, 20), date(2026, 3, 17), False),   # 31 janv + 45 j
    ("45 j FDM", date(2026, 1, 20), date(2026, 3, 31), False),
    ("à réception", date(2026, 1, 20), date(2026, 1, 20), False),
    ("Comptant", date(2026, 1, 20), date(2026, 1, 20), False),
    ("Net 30", date(2026, 1, 20), date(2026, 2, 19), False),
    ("60 jours", date(2026, 1, 20), date(2026, 3, 21), False),
    ("90 jours", date(2026, 1, 20), date(2026, 4, 20), True),
    ("60 jours fin de mois", date(2026, 1, 20), date(2026, 3, 31), True),
]


@pytest.mark.parametrize("text, issued, due, illegal", TERMS)
def test_terms(text, issued, due, illegal):
    terms = parse_terms(text)
    assert terms is not None
    assert terms.due_date(issued) == due
    assert terms.exceeds_legal_cap() is illegal


@pytest.mark.parametrize("text", [None, "", "selon devis"])
def test_terms_unknown(text):
    assert parse_terms(text) is None


# (invoice date, due date, beyond the cap?)
DELAYS = [
    (date(2026, 1, 10), date(2026, 3, 11), False),   # exactly 60 days
    (date(2026, 1, 10), date(2026, 3, 12), True),    # 61 days, and after end of Feb (45 j FDM)
    (date(2026, 1, 20), date(2026, 3, 31), False),   # 45 days end of month: 6 March → 31 March
    (date(2026, 1, 20), date(2026, 4, 1), True),
]


@pytest.mark.parametrize("issued, due, illegal", DELAYS)
def test_legal_delay_from_dates(issued, due, illegal):
    assert exceeds_legal_delay(issued, due) is illegal
