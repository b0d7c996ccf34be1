"""What was invoiced: the issued invoices, credit notes turned into credits, sales by month.
Invoices in another currency than the euro are counted apart and left out of the rest.

"Issued invoices" are invoices and deposit invoices (acomptes) whose status is not "à émettre",
"annulée" or "avoir"; cancelled invoices and drafts count nowhere. A credit note that names the
invoice it corrects becomes a credit on that invoice; one that names none is unapplied.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from suivi.core.ledger import StatusInfo, compute_status
from suivi.core.models import ZERO, Invoice, Status

from .months import month_index
from .settings import Window

_EXCLUDED = (Status.TO_ISSUE, Status.CANCELLED)


def _zero() -> Decimal:
    return ZERO


@dataclass(slots=True)
class Sales:
    """The first pass over the invoices.

    issued: issued invoices with their status, in sheet order.
    known_numbers: every invoice number of the sheet (payments naming one are linked).
    credits: credit still available per invoice number named by credit notes.
    unapplied: credit notes naming no invoice (what is left of them).
    by_month: invoiced TTC net of credit notes, per month index, up to today.
    invoiced: the same over the period.
    foreign: invoices and credit notes in another currency than the euro, left out of every
        indicator (their amounts are not euros, and suivi converts nothing).
    """

    issued: list[tuple[Invoice, StatusInfo]] = field(default_factory=list)
    known_numbers: set[str] = field(default_factory=set)
    credits: defaultdict[str, Decimal] = field(default_factory=lambda: defaultdict(_zero))
    unapplied: Decimal = ZERO
    by_month: defaultdict[int, Decimal] = field(default_factory=lambda: defaultdict(_zero))
    invoiced: Decimal = ZERO
    foreign: int = 0

    def apply_credit(self, number: str, owed: Decimal) -> Decimal:
        """The credit notes' amount taken off invoice `number`, which still owes `owed`."""
        credits = self.credits
        if number in credits and owed > ZERO:
            applied = min(credits[number], owed)
            credits[number] -= applied
            return applied
        return ZERO

    def unapplied_credit(self) -> Decimal:
        """Credit notes naming no invoice, and what is left of those that did."""
        return self.unapplied + sum((value for value in self.credits.values() if value > ZERO),
                                    ZERO)


def split_invoices(invoices: Sequence[Invoice], statuses: Mapping[int, StatusInfo],
                   window: Window) -> Sales:
    """Issued invoices, credits and sales; a status missing from `statuses` is computed."""
    today, period_start = window.today, window.period_start
    sales = Sales()
    issued, known_numbers, credits, by_month = (sales.issued, sales.known_numbers, sales.credits,
                                                sales.by_month)
    unapplied = invoiced = ZERO
    for invoice in invoices:
        if invoice.number:
            known_numbers.add(invoice.number)
        info = statuses.get(invoice.row) or compute_status(invoice, today)
        if info.status in _EXCLUDED:
            continue
        if invoice.currency:
            sales.foreign += 1
            continue
        day = invoice.issue_date
        if info.status is Status.CREDIT_NOTE:
            value = abs(invoice.total)
            available = max(value - abs(invoice.amount_paid), ZERO)
            if invoice.original_number:
                credits[invoice.original_number] += available
            else:
                unapplied += available
            signed = -value
        else:
            issued.append((invoice, info))
            signed = invoice.total
        if day is not None and day <= today:
            by_month[month_index(day)] += signed
            if day >= period_start:
                invoiced += signed
    sales.unapplied, sales.invoiced = unapplied, invoiced
    return sales
