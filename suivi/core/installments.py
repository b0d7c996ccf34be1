"""Payment arrangements: installment plans (échéancier) and payment promises. Pure.

An invoice listed in the « Échéancier » sheet is paid in several dated installments. What has
been paid covers the installments in date order. Reminders follow the plan:

- what is due now is the sum of the installments fallen due (due date ≤ today) minus what
  has been paid, never more than the balance (`InstallmentBook.amount_due`, the planner's
  `amount_due` hook): an invoice whose due installments are paid is not reminded, however
  much of the plan is left;
- the reminder ladder counts from the oldest installment not fully paid (`ladder_date`):
  a missed installment resumes normal dunning from its own due date, and
  `InstallmentState.missed` lists it so that the digest can say so;
- what the plan leaves out (the invoice total minus the installments) is due with the last
  installment.

A payment promise (the invoice's « Promesse de paiement » date) pauses reminders until that
date plus the grace days (`suivi.core.plan`); once they are over and the invoice is still
unpaid, the promise is broken (`broken_promises`).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from suivi.core.dunning import amount_due_now
from suivi.core.ledger import StatusInfo
from suivi.core.models import CENT, ZERO, CellRef, Invoice


@dataclass(frozen=True, slots=True)
class Installment:
    """One row of the « Échéancier » sheet: an amount of an invoice due on a date."""

    invoice_number: str
    due_date: date
    amount: Decimal
    where: CellRef | None = None


@dataclass(frozen=True, slots=True)
class InstallmentState:
    """Where an invoice on an installment plan stands on a day.

    `due_now`: installments fallen due and not paid (what may be reminded); `ladder_date`: the
    due date the reminder ladder counts from (the oldest installment not fully paid, None when
    the plan is paid); `missed`: installments whose due date has passed and that are not fully
    paid, each with what remains of it."""

    number: str
    due_now: Decimal
    ladder_date: date | None
    missed: tuple[tuple[Installment, Decimal], ...] = ()

    @property
    def on_track(self) -> bool:
        return not self.missed


def _schedule(invoice: Invoice, plan: Sequence[Installment]) -> list[Installment]:
    """The plan in date order, with what it leaves out added to the last installment."""
    ordered = sorted(plan, key=lambda i: (i.due_date, i.where or CellRef("", 0)))
    rest = invoice.total - sum((i.amount for i in ordered), ZERO)
    if rest >= CENT:
        last = ordered[-1]
        ordered[-1] = replace(last, amount=last.amount + rest)
    return ordered


def installment_state(invoice: Invoice, plan: Sequence[Installment],
                      today: date) -> InstallmentState:
    """The state of one invoice's plan on `today` (`invoice.amount_paid` includes credits)."""
    number = invoice.number or ""
    balance = max(invoice.total - invoice.amount_paid, ZERO)
    if not plan or balance < CENT:
        return InstallmentState(number, ZERO, None)
    covered = invoice.amount_paid
    fallen = ZERO
    ladder: date | None = None
    missed: list[tuple[Installment, Decimal]] = []
    cumulated = ZERO
    for installment in _schedule(invoice, plan):
        cumulated += installment.amount
        unpaid = min(installment.amount, cumulated - covered)
        if installment.due_date <= today:
            fallen += installment.amount
        if unpaid < CENT:
            continue
        if ladder is None:
            ladder = installment.due_date
        if installment.due_date < today:
            missed.append((installment, unpaid))
    due_now = min(max(fallen - covered, ZERO), balance)
    return InstallmentState(number, due_now, ladder, tuple(missed))


class InstallmentBook:
    """The installment plans of a workbook, by invoice number: what is due now and from which
    date the ladder counts (see the module docstring)."""

    def __init__(self, installments: Iterable[Installment]) -> None:
        self.plans: dict[str, list[Installment]] = {}
        for installment in installments:
            self.plans.setdefault(installment.invoice_number, []).append(installment)

    def __contains__(self, number: object) -> bool:
        return number in self.plans

    def state(self, invoice: Invoice, today: date) -> InstallmentState | None:
        plan = self.plans.get(invoice.number or "")
        return installment_state(invoice, plan, today) if plan else None

    def amount_due(self, invoice: Invoice, today: date) -> Decimal:
        """The planner's `amount_due`: the installments due now, else the balance."""
        state = self.state(invoice, today)
        return amount_due_now(invoice, today) if state is None else state.due_now

    def follow(self, invoices: Iterable[Invoice], today: date
               ) -> tuple[tuple[Invoice, ...], dict[str, InstallmentState]]:
        """The invoices as dunning must see them (the due date of an invoice on a plan is the
        installment its ladder counts from) and the state of each plan."""
        states: dict[str, InstallmentState] = {}
        seen: list[Invoice] = []
        for invoice in invoices:
            state = self.state(invoice, today)
            if state is not None:
                states[state.number] = state
                if state.ladder_date is not None:
                    invoice = replace(invoice, due_date=state.ladder_date,
                                      due_date_derived=False)
            seen.append(invoice)
        return tuple(seen), states


@dataclass(frozen=True, slots=True)
class BrokenPromise:
    """A payment promise whose date (plus the grace days) has passed, the invoice still open."""

    invoice: Invoice
    promise: date
    balance: Decimal


def broken_promises(invoices: Iterable[Invoice], statuses: Mapping[int, StatusInfo],
                    today: date, grace_days: int) -> list[BrokenPromise]:
    """The promises broken on `today`: reminders resume the day after the grace days, and the
    invoice is still open with something owed."""
    broken = []
    for invoice in invoices:
        promise = invoice.promise_date
        info = statuses.get(invoice.row)
        if promise is None or info is None or not info.status.open or invoice.dispute:
            continue
        if today <= promise + timedelta(days=grace_days):
            continue
        balance = invoice.total - invoice.amount_paid
        if balance >= CENT:
            broken.append(BrokenPromise(invoice, promise, balance))
    return broken
