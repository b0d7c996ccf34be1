"""Payment delays of the invoices settled in the period: DMP, days late, days against due date.

An invoice is settled on the date of the payment that brought its payments up to what it owed
(total less the credit notes applied to it), within a cent.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from suivi.core.models import CENT, ZERO, Invoice, Payment

from .clients import ClientAccount
from .settings import Window


def settled_on(effective: Sequence[Payment], target: Decimal,
               fallback: date | None) -> date | None:
    """Date of the payment that brought the running total to `target` (within a cent)."""
    running = ZERO
    for payment in effective:
        running += payment.amount
        if target - running < CENT:
            return payment.date or fallback
    return None


class Delays:
    """Running totals of the settled invoices (period) and of all delays (history window)."""

    __slots__ = ("window", "paid_count", "dmp_days", "late_days", "signed_days",
                 "reminders_paid", "delay_sum", "delay_count")

    def __init__(self, window: Window) -> None:
        self.window = window
        self.paid_count = 0       # invoices settled in the period
        self.dmp_days = 0         # Σ days from invoice date to settlement
        self.late_days = 0        # Σ days late at settlement (early = 0)
        self.signed_days = 0      # Σ days from due date to settlement (early < 0)
        self.reminders_paid = 0   # Σ reminder steps reached
        self.delay_sum = 0        # every settlement of the history window: Σ signed days
        self.delay_count = 0

    def add_settlement(self, invoice: Invoice, effective: Sequence[Payment], target: Decimal,
                       reminders: int, account: ClientAccount) -> None:
        """A paid invoice whose `effective` payments reached `target`."""
        issue = invoice.issue_date
        if issue is None:
            return
        window = self.window
        settled = settled_on(effective, target, invoice.payment_date)
        if settled is None or settled > window.today:
            return
        due = invoice.due_date or issue
        delay = (settled - due).days
        if window.period_start <= settled:
            self.paid_count += 1
            self.dmp_days += (settled - issue).days
            self.signed_days += delay
            self.late_days += max(delay, 0)
            self.reminders_paid += reminders
        if window.history_start <= settled:
            account.add_settled(delay, reminders)
            self.delay_sum += delay
            self.delay_count += 1
