"""Installment plans, payment promises and the freshness of bank data (pure core), as tables of
scenarios: today, this state → what is due, where the ladder counts from, what is reported."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from suivi.core.bank_freshness import bank_freshness, business_days_after
from suivi.core.calendar import business_day_checker
from suivi.core.installments import Installment, InstallmentBook, broken_promises
from suivi.core.ledger import compute_statuses
from suivi.core.models import Invoice

FR = business_day_checker("FR")


def invoice(total: str, paid: str = "0", *, number: str = "FAC2026-003",
            due: date = date(2026, 10, 31), promise: date | None = None,
            dispute: bool = False) -> Invoice:
    return Invoice("Factures", 2, number, date(2026, 10, 1), "Boulangerie Dupré SARL",
                   amount_ttc=Decimal(total), due_date=due, amount_paid=Decimal(paid),
                   promise_date=promise, dispute=dispute, status_text="émise")


def plan(*rows: tuple[str, str]) -> list[Installment]:
    return [Installment("FAC2026-003", date.fromisoformat(day), Decimal(amount))
            for day, amount in rows]


THREE = plan(("2026-10-31", "400"), ("2026-11-30", "400"), ("2026-12-31", "400"))


@pytest.mark.parametrize(
    "today, paid, due_now, ladder, missed",
    [
        # before the first installment: nothing due, the ladder counts from it
        ("2026-10-20", "0", "0", "2026-10-31", []),
        # the first installment fell due and was paid: nothing due, next one ahead
        ("2026-11-25", "400", "0", "2026-11-30", []),
        # the first installment fell due, unpaid: its amount only, missed
        ("2026-11-25", "0", "400", "2026-10-31", [("2026-10-31", "400")]),
        # half of the first paid: the rest of it
        ("2026-11-25", "200", "200", "2026-10-31", [("2026-10-31", "200")]),
        # two fell due, one paid: the second, which is today (due, not yet missed)
        ("2026-11-30", "400", "400", "2026-11-30", []),
        # all due, 1 000 paid: 200
        ("2027-01-05", "1000", "200", "2026-12-31", [("2026-12-31", "200")]),
    ],
)
def test_installment_scenarios(today, paid, due_now, ladder, missed):
    book = InstallmentBook(THREE)
    state = book.state(invoice("1200", paid), date.fromisoformat(today))
    assert state.due_now == Decimal(due_now)
    assert state.ladder_date == date.fromisoformat(ladder)
    assert [(i.due_date.isoformat(), str(left)) for i, left in state.missed] == missed
    assert book.amount_due(invoice("1200", paid), date.fromisoformat(today)) == Decimal(due_now)


def test_what_the_plan_leaves_out_is_due_with_the_last_installment():
    book = InstallmentBook(plan(("2026-10-31", "500"), ("2026-11-30", "500")))
    state = book.state(invoice("1200", "500"), date(2026, 12, 1))
    assert state.due_now == Decimal("700")


def test_an_invoice_without_plan_is_due_in_full_and_keeps_its_due_date():
    book = InstallmentBook(THREE)
    other = invoice("300", number="FAC2026-009")
    assert book.amount_due(other, date(2026, 11, 25)) == Decimal("300")
    seen, states = book.follow([other, invoice("1200", "400")], date(2026, 11, 25))
    assert seen[0].due_date == date(2026, 10, 31)
    assert seen[1].due_date == date(2026, 11, 30)  # the ladder counts from the next one
    assert list(states) == ["FAC2026-003"]


def test_a_paid_plan_asks_nothing():
    state = InstallmentBook(THREE).state(invoice("1200", "1200"), date(2027, 2, 1))
    assert (state.due_now, state.ladder_date, state.missed) == (Decimal(0), None, ())


@pytest.mark.parametrize(
    "today, promise, paid, dispute, broken",
    [
        ("2026-11-18", "2026-11-15", "0", False, False),  # within the 3 grace days
        ("2026-11-19", "2026-11-15", "0", False, True),   # the day after: broken
        ("2026-11-25", "2026-11-15", "1200", False, False),  # paid: kept
        ("2026-11-25", "2026-11-15", "0", True, False),   # disputed: not a broken promise
    ],
)
def test_broken_promises(today, promise, paid, dispute, broken):
    inv = invoice("1200", paid, promise=date.fromisoformat(promise), dispute=dispute)
    day = date.fromisoformat(today)
    found = broken_promises([inv], compute_statuses([inv], day), day, 3)
    assert bool(found) is broken
    if broken:
        assert (found[0].promise, found[0].balance) == (date(2026, 11, 15), Decimal("1200"))


def test_freshness_counts_business_days():
    # Tuesday 10 November → Wednesday 25 November: the 11th is a public holiday
    assert business_days_after(date(2026, 11, 10), date(2026, 11, 25), FR) == 10
    assert business_days_after(date(2026, 11, 20), date(2026, 11, 23), FR) == 1  # Fri → Mon
    fresh = bank_freshness(date(2026, 11, 18), date(2026, 11, 25), FR, 5)
    assert (fresh.age, fresh.stale) == (5, False)
    stale = bank_freshness(date(2026, 11, 17), date(2026, 11, 25), FR, 5)
    assert (stale.age, stale.stale) == (6, True)
    never = bank_freshness(None, date(2026, 11, 25), FR, 5)
    assert not never.stale
