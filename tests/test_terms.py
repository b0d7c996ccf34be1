"""Payment terms: reading every form teams write, due dates, contradictions and legal caps.

Every expected date is worked out by hand in the comment next to it.
"""

from datetime import date

import pytest

from suivi.core.terms import (
    PaymentTerms,
    contradicted_due_date,
    describe_terms,
    due_date_message,
    end_of_month,
    exceeds_legal_delay,
    expected_due_date,
    legal_cap_message,
    legal_limit,
    parse_terms,
    translate_terms,
)
from suivi.messages import text

# (terms text, invoice date, expected due date)
DUE_DATES = [
    ("30 jours", date(2026, 1, 20), date(2026, 2, 19)),
    ("30 jours net", date(2026, 1, 31), date(2026, 3, 2)),  # 28-day February
    ("30 j", date(2028, 1, 31), date(2028, 3, 1)),  # leap year: 29 February
    ("30j", date(2026, 12, 15), date(2027, 1, 14)),  # across the year
    ("30", date(2026, 2, 28), date(2026, 3, 30)),  # a number alone
    ("Paiement à 30 jours", date(2026, 1, 20), date(2026, 2, 19)),
    ("30 jours nets", date(2026, 1, 20), date(2026, 2, 19)),
    ("net 30", date(2026, 1, 20), date(2026, 2, 19)),
    ("Net 30 days", date(2026, 1, 20), date(2026, 2, 19)),
    ("30 days net", date(2026, 1, 20), date(2026, 2, 19)),
    ("60 jours", date(2026, 1, 20), date(2026, 3, 21)),
    ("60 jours date de facture", date(2026, 1, 20), date(2026, 3, 21)),
    ("60 jours à compter de la date de facture", date(2026, 1, 20), date(2026, 3, 21)),
    ("60 days from invoice date", date(2026, 1, 20), date(2026, 3, 21)),
    ("45 jours fin de mois", date(2026, 1, 20), date(2026, 3, 31)),  # 6 March → end of March
    ("45 jours fin de mois", date(2026, 9, 15), date(2026, 10, 31)),  # 30 Oct → 31 Oct
    ("45 j FDM", date(2027, 12, 31), date(2028, 2, 29)),  # 14 Feb 2028 → leap day
    ("45 jours F.D.M.", date(2026, 12, 31), date(2027, 2, 28)),  # 14 Feb 2027 → 28 Feb
    ("Règlement à 45 jours fin de mois", date(2026, 1, 20), date(2026, 3, 31)),
    ("fin de mois 45 jours", date(2026, 1, 20), date(2026, 3, 17)),  # 31 Jan + 45 days
    ("fin de mois + 45 j", date(2028, 1, 5), date(2028, 3, 16)),  # 31 Jan + 45 (leap)
    ("30 days EOM", date(2026, 1, 20), date(2026, 2, 28)),  # 19 Feb → 28 Feb
    ("30 days end of month", date(2026, 1, 31), date(2026, 3, 31)),  # 2 March → 31 March
    ("30 j fin de mois le 10", date(2026, 1, 20), date(2026, 3, 10)),  # 19 Feb → 28 Feb → 10 Mar
    ("30 jours fin de mois le 10", date(2026, 12, 5), date(2027, 2, 10)),  # 4 Jan → 31 Jan → 10 Feb
    ("30 jours fin de mois le 31", date(2027, 12, 20), date(2028, 2, 29)),  # no 31 Feb: last day
    ("fin de mois", date(2026, 2, 10), date(2026, 2, 28)),
    ("fin de mois le 15", date(2026, 2, 10), date(2026, 3, 15)),
    ("à réception", date(2026, 1, 20), date(2026, 1, 20)),
    ("Dès réception de la facture", date(2026, 1, 20), date(2026, 1, 20)),
    ("Comptant", date(2026, 1, 20), date(2026, 1, 20)),
    ("paiement immédiat", date(2026, 1, 20), date(2026, 1, 20)),
    ("Due on receipt", date(2026, 1, 20), date(2026, 1, 20)),
    ("upon receipt", date(2026, 1, 20), date(2026, 1, 20)),
    ("0 jour", date(2026, 1, 20), date(2026, 1, 20)),
]


@pytest.mark.parametrize("words, issued, due", DUE_DATES)
def test_due_date_of_every_form(words, issued, due):
    terms = parse_terms(words)
    assert terms is not None, words
    assert terms.due_date(issued) == due
    assert expected_due_date(words, issued) == due


@pytest.mark.parametrize(
    "words",
    [
        None,
        "",
        "   ",
        "selon devis",
        "30/60 jours",
        "30 jours date de livraison",
        "3 fois sans frais",
        "30 jours le 10",
        "net",
        "30 jours fin de mois le 32",
        "30 ou 60 jours",
    ],
)
def test_unreadable_terms_give_none(words):
    assert parse_terms(words) is None
    assert expected_due_date(words, date(2026, 1, 20)) is None


def test_existing_callers_still_work():
    assert PaymentTerms(30).due_date(date(2026, 1, 20)) == date(2026, 2, 19)
    assert end_of_month(date(2028, 2, 3)) == date(2028, 2, 29)
    assert parse_terms("45 jours fin de mois").text == "45 jours fin de mois"


# (terms, beyond the cap for a company?, beyond the 30 days of a public buyer?)
CAPS = [
    ("60 jours", False, True),
    ("61 jours", True, True),
    ("90 jours", True, True),
    ("45 jours fin de mois", False, True),
    ("46 jours fin de mois", True, True),
    ("fin de mois 45 jours", False, True),
    ("60 jours fin de mois", True, True),
    ("30 jours", False, False),
    ("31 jours", False, True),
    ("30 jours fin de mois", False, True),
    ("fin de mois", False, False),  # 27 to 30 days from the 1st of a month
    ("30 j fin de mois le 10", True, True),  # 31 Jan 2027 → 2 Mar → 31 Mar → 10 Apr > 1 Apr
    ("fin de mois le 10", False, True),  # at most 41 days
    ("à réception", False, False),
]


@pytest.mark.parametrize("words, beyond, beyond_public", CAPS)
def test_legal_cap_of_the_terms(words, beyond, beyond_public):
    terms = parse_terms(words)
    assert terms.exceeds_legal_cap() is beyond
    assert terms.exceeds_legal_cap(public=True) is beyond_public


# (invoice date, due date, beyond the cap?)
DELAYS = [
    (date(2026, 1, 10), date(2026, 3, 11), False),  # exactly 60 days
    # 61 days, but within "fin de mois 45 jours" (31 Jan + 45 = 17 March), which the CEPC
    # admits as well as "45 jours puis fin de mois".
    (date(2026, 1, 10), date(2026, 3, 12), False),
    (date(2026, 1, 10), date(2026, 3, 18), True),  # after 17 March: beyond every reading
    (date(2026, 1, 20), date(2026, 3, 31), False),  # 45 days end of month: 6 March → 31 March
    (date(2026, 1, 20), date(2026, 4, 1), True),
    (date(2028, 1, 15), date(2028, 3, 16), False),  # leap year: 31 Jan + 45 = 16 March
    (date(2028, 1, 15), date(2028, 3, 17), True),
]


@pytest.mark.parametrize("issued, due, illegal", DELAYS)
def test_legal_delay_from_dates(issued, due, illegal):
    assert exceeds_legal_delay(issued, due) is illegal


def test_legal_limit_for_companies_and_public_buyers():
    assert legal_limit(date(2026, 1, 20)) == date(2026, 3, 31)
    assert legal_limit(date(2026, 1, 1)) == date(2026, 3, 17)  # 31 Jan + 45 days
    assert legal_limit(date(2026, 3, 31)) == date(2026, 5, 31)  # 15 May → end of May
    assert legal_limit(date(2026, 1, 10), public=True) == date(2026, 2, 9)
    assert exceeds_legal_delay(date(2026, 1, 10), date(2026, 2, 9), public=True) is False
    assert exceeds_legal_delay(date(2026, 1, 10), date(2026, 2, 10), public=True) is True


def test_due_dates_that_contradict_their_terms():
    # FAC2026-066: "45 jours fin de mois" from 15/09/2026 typed as due on 15/10/2026.
    assert contradicted_due_date(
        "45 jours fin de mois", date(2026, 9, 15), date(2026, 10, 15)
    ) == date(2026, 10, 31)
    # FAC2026-075: "60 jours" but due 30 days later.
    assert contradicted_due_date("60 jours", date(2026, 10, 1), date(2026, 10, 31)) == date(
        2026, 11, 30
    )
    # A due date that follows its terms, and terms suivi cannot read: nothing to say.
    assert contradicted_due_date("30 jours", date(2026, 10, 1), date(2026, 10, 31)) is None
    assert contradicted_due_date("selon devis", date(2026, 10, 1), date(2026, 10, 2)) is None


def test_contradiction_message_names_both_dates_in_both_languages():
    message = due_date_message(
        "FAC2026-066", "45 jours fin de mois", date(2026, 9, 15), date(2026, 10, 15)
    )
    assert text(message, "fr") == (
        "Facture FAC2026-066 : l'échéance saisie (15/10/2026) ne correspond pas aux conditions "
        "« 45 jours fin de mois », qui donnent le 31/10/2026."
    )
    assert text(message, "en") == (
        "Invoice FAC2026-066: the due date entered (15 Oct 2026) does not match the terms "
        '"45 jours fin de mois", which give 31 Oct 2026.'
    )
    assert due_date_message("X", "30 jours", date(2026, 1, 1), date(2026, 1, 31)) is None


def test_legal_cap_message():
    message = legal_cap_message("FAC2026-080", date(2026, 1, 10), date(2026, 4, 10))
    assert "au plus tard le 17/03/2026" in text(message, "fr")
    assert "90 jours" in text(message, "fr")
    public = legal_cap_message("FAC2026-081", date(2026, 1, 10), date(2026, 2, 20), public=True)
    assert text(public, "fr").endswith("soit le 09/02/2026.")
    assert legal_cap_message("X", date(2026, 1, 10), date(2026, 3, 1)) is None


# (terms as written, English wording on an English invoice)
TRANSLATIONS = [
    ("30 jours", "30 days"),
    ("1 jour", "1 day"),
    ("30 jours net", "30 days"),
    ("45 jours fin de mois", "45 days end of month"),
    ("45 j FDM", "45 days end of month"),
    ("fin de mois 45 jours", "end of month + 45 days"),
    ("60 jours date de facture", "60 days from invoice date"),
    ("30 j fin de mois le 10", "30 days end of month, on the 10th"),
    ("fin de mois le 1", "end of month, on the 1st"),
    ("fin de mois", "end of month"),
    ("à réception", "on receipt"),
    ("Comptant", "on receipt"),
    ("selon devis", "selon devis"),  # unreadable: kept as written
]


@pytest.mark.parametrize("words, english", TRANSLATIONS)
def test_terms_translated_for_english_invoices(words, english):
    assert translate_terms(words, "en") == english
    assert translate_terms(words, "fr") == words  # French invoices print what was written


def test_french_description_of_a_rule():
    assert describe_terms(parse_terms("net 30"), "fr") == "30 jours"
    assert describe_terms(parse_terms("30 days EOM"), "fr") == "30 jours fin de mois"
    assert describe_terms(parse_terms("due on receipt"), "fr") == "à réception"
