"""Open invoices: encours (échu, non échu, en litige) and the aging (balance âgée).

Balances are the workbook's: total TTC − Montant réglé − imputed credit notes, counted only when
at least one cent is owed. An invoice without a due date is due on its issue date; an invoice due
today is not yet overdue.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from suivi.core.ledger import StatusInfo
from suivi.core.models import ZERO, Invoice, Status

from .clients import ClientAccount
from .late import late_invoice
from .reminders import COLLECTION, ReachedSteps
from .report import AgingBucket, LateInvoice
from .settings import KpiSettings


@dataclass(frozen=True, slots=True)
class OpenItem:
    """An open invoice as the forecast sees it."""

    account: ClientAccount
    balance: Decimal
    due: date | None
    uncertain: bool  # disputed, at the collection step, or past due beyond the doubtful days


class OpenBook:
    """Running totals of the open invoices."""

    __slots__ = ("today", "bounds", "doubtful_days", "receivables", "overdue", "not_due",
                 "disputed", "amounts", "counts", "open_count", "overdue_count", "late", "items")

    def __init__(self, today: date, settings: KpiSettings) -> None:
        self.today = today
        self.bounds = settings.aging_bounds
        self.doubtful_days = settings.doubtful_days
        self.receivables = self.overdue = self.not_due = self.disputed = ZERO
        self.amounts = [ZERO] * (len(self.bounds) + 2)
        self.counts = [0] * (len(self.bounds) + 2)
        self.open_count = 0
        self.overdue_count = 0
        self.late: list[LateInvoice] = []
        self.items: list[OpenItem] = []

    def bucket(self, past_due: int) -> int:
        """0 for not due, then one bucket per bound, the last one beyond the last bound."""
        if past_due <= 0:
            return 0
        bounds = self.bounds
        bucket = 1
        while bucket <= len(bounds) and past_due > bounds[bucket - 1]:
            bucket += 1
        return bucket

    def add(self, invoice: Invoice, info: StatusInfo, balance: Decimal, steps: ReachedSteps,
            account: ClientAccount) -> None:
        """An open invoice owing `balance`."""
        self.open_count += 1
        due = invoice.due_date or invoice.issue_date
        past_due = (self.today - due).days if due else 0
        self.receivables += balance
        is_disputed = invoice.dispute or info.status is Status.DISPUTED
        if is_disputed:
            self.disputed += balance
        bucket = self.bucket(past_due)
        if past_due > 0:
            self.overdue += balance
            self.overdue_count += 1
            self.late.append(late_invoice(invoice, info, balance, past_due, steps, account.name))
        else:
            self.not_due += balance
        account.add_open(balance, bucket, past_due, steps[1])
        self.amounts[bucket] += balance
        self.counts[bucket] += 1
        uncertain = is_disputed or past_due > self.doubtful_days or steps[2] >= COLLECTION
        self.items.append(OpenItem(account, balance, due, uncertain))

    def aging(self, labels: tuple[str, ...]) -> tuple[AgingBucket, ...]:
        return tuple(AgingBucket(label, amount, count)
                     for label, amount, count in zip(labels, self.amounts, self.counts,
                                                     strict=True))
