"""Cash collected: payments dated in the period, by month, and the amount-weighted payment time.

An invoice's payments are its Paiements rows (or its own Montant réglé and Date de règlement);
payments of the Paiements sheet that name no known invoice are money collected too.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Set
from datetime import date
from decimal import Decimal

from suivi.core.models import ZERO, Payment

from .months import month_index
from .settings import Window


def _zero() -> Decimal:
    return ZERO


class Cash:
    """Running totals of the money collected."""

    __slots__ = ("today", "period_start", "collected", "by_month", "weighted_sum",
                 "weighted_amount")

    def __init__(self, window: Window) -> None:
        self.today = window.today
        self.period_start = window.period_start
        self.collected = ZERO
        self.by_month: defaultdict[int, Decimal] = defaultdict(_zero)
        self.weighted_sum = ZERO      # Σ amount × days from invoice date to payment
        self.weighted_amount = ZERO

    def add_invoice_payments(self, effective: Iterable[Payment], issue: date | None) -> None:
        """The payments of one invoice issued on `issue` (None when the date is missing)."""
        today, period_start, by_month = self.today, self.period_start, self.by_month
        for payment in effective:
            pday = payment.date
            amount = payment.amount
            if pday is None or amount <= ZERO or pday > today:
                continue
            by_month[pday.year * 12 + pday.month - 1] += amount
            if pday >= period_start:
                self.collected += amount
                if issue is not None:
                    self.weighted_sum += amount * (pday - issue).days
                    self.weighted_amount += amount

    def add_unlinked(self, payments: Iterable[Payment], known_numbers: Set[str]) -> None:
        """Payments of the Paiements sheet that name no invoice of the Factures sheet."""
        for payment in payments:
            if payment.invoice_number and payment.invoice_number in known_numbers:
                continue
            pday = payment.date
            if pday is None or payment.amount <= ZERO or pday > self.today:
                continue
            self.by_month[month_index(pday)] += payment.amount
            if pday >= self.period_start:
                self.collected += payment.amount
