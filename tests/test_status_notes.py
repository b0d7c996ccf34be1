"""Dates a team writes in a Statut: a payment the client promised, a reminder the team sent
by hand. Each is read as a person reads it, and a wrong guess of the year errs on the side of
what suivi would do without it."""

from datetime import date

import pytest

from suivi.core.status_notes import promise_in_status, reminded_on


@pytest.mark.parametrize(("typed", "promised"), [
    ("Promesse de paiement le 15/12", date(2026, 12, 15)),
    ("promis pour le 15 janvier", date(2027, 1, 15)),  # the first 15/01 from the due date
    ("Virement prévu le 05/01/2027", date(2027, 1, 5)),
    ("S'engage à payer le 1er décembre", date(2026, 12, 1)),
    ("promesse 2026-12-20", date(2026, 12, 20)),
    ("promesse le 15/12/26", date(2026, 12, 15)),
    ("Relance prévue le 15/12", None),  # the team's plan, not the client's promise
    ("Payée le 12/10, promesse tenue", None),  # paid: nothing promised any more
    ("Litige, promis le 15/12", None),
    ("Promis", None),
    ("promesse le 31/11", None),
])
def test_a_promise_typed_in_a_statut_gives_its_date(typed, promised):
    assert promise_in_status(typed, date(2026, 10, 31)) == promised


def test_a_promise_without_its_year_errs_towards_the_past():
    """Typed a year after the due date, « 05/12 » is read in the due date's year: the
    promise reads as broken and reminders go on, rather than pausing them for a year."""
    assert promise_in_status("promesse le 05/12", date(2026, 1, 31)) == date(2025, 12, 5)
    assert promise_in_status("promesse le 15/01", date(2025, 12, 31)) == date(2026, 1, 15)
    assert promise_in_status("promesse le 15/01", None) is None


TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(("typed", "reminded"), [
    ("Relancé le 28/11", date(2026, 11, 28)),
    ("Relance tél. 12/10", date(2026, 10, 12)),
    ("2e relance envoyée le 20/11/2026", date(2026, 11, 20)),
    ("Rappelé le 3 novembre", date(2026, 11, 3)),
    ("Rappelé le 3 décembre", None),  # the latest 3 December up to today is before the invoice
    ("Client contacté le 2026-11-25", date(2026, 11, 25)),
    ("relancé par mail le 1er décembre", date(2026, 12, 1)),
    ("À relancer le 15/11", None),   # the team's plan, not a reminder sent
    ("Relance prévue le 15/11", None),
    ("Prochaine relance 20/11", None),
    ("Relancé, promesse le 15/12", None),  # a promise: read as one (promise_in_status)
    ("Relancé 2 fois", None),         # no day: nothing to count the interval from
    ("Relancé le 15/12/2026", None),  # after today: says nothing
    ("Relancé le 05/01/2026", None),  # before the invoice was issued
    ("En retard", None),
])
def test_a_reminder_typed_in_a_statut_gives_its_day(typed, reminded):
    assert reminded_on(typed, date(2026, 1, 15), TODAY) == reminded


def test_a_reminder_day_without_its_year_is_the_latest_one_up_to_today():
    assert reminded_on("Relancé le 28/12", date(2026, 11, 2), date(2027, 1, 5)) == \
        date(2026, 12, 28)
    assert reminded_on("Relancé le 28/12", None, date(2026, 12, 27)) == date(2025, 12, 28)
