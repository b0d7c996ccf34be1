"""Invoices too old to claim: the limitation period (prescription) of the action for payment
has run out since their due date (pure).

- between professionals, 5 years (Code de commerce, art. L110-4);
- a professional against a consumer, for the goods or services supplied, 2 years (Code de la
  consommation, art. L218-2);
- a public body's debts, 4 years from the first of January after the year they fell due
  (loi n° 68-1250 du 31 décembre 1968, « prescription quadriennale »).

A tracker kept for ten years often holds rows nobody marked paid: suivi's first run reminded
a client of a 2016 invoice. Such an invoice is no longer reminded, and a warning names it:
the team checks whether it was paid, or whether the period was interrupted (an
acknowledgement of the debt, a court action: Code civil, art. 2240 and 2241), which suivi
cannot know."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

from .ledger import compute_status, credited_amounts
from .models import (
    ZERO,
    Client,
    ClientType,
    Invoice,
    Issue,
    Severity,
    Status,
    normalise_name,
    real_row,
)


def prescribed_on(due: date, kind: ClientType) -> date:
    """The first day on which the action for an invoice due on `due` is time-barred."""
    if kind is ClientType.INDIVIDUAL:
        return _years_after(due, 2)
    if kind is ClientType.PUBLIC:
        return date(due.year + 5, 1, 1)  # four years from the 1st of January after
    return _years_after(due, 5)


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # the 29th of February
        return day.replace(year=day.year + years, day=28)


#: The statuses of an invoice still claimed: a time-barred one among them is named.
_OPEN = frozenset({Status.ISSUED, Status.DUE_TODAY, Status.OVERDUE, Status.PARTIALLY_PAID})


def time_barred(invoices: Sequence[Invoice], clients: Mapping[str, Client],
                today: date) -> list[tuple[Invoice, ClientType]]:
    """The open invoices of clients suivi reminds whose action for payment is time-barred on
    `today`, with their client's type: the reminder planner skips them, and every command's
    checks name them (`suivi check` says beforehand what `suivi run` will not remind)."""
    found: list[tuple[Invoice, ClientType]] = []
    kinds: dict[str, Client | None] = {}
    credited: dict[str, Decimal] | None = None
    for inv in invoices:
        if inv.due_date is None or not inv.number or inv.dispute or inv.reminders_off:
            continue
        if inv.client not in kinds:
            kinds[inv.client] = clients.get(normalise_name(inv.client))
        client = kinds[inv.client]
        if client is None or not client.reminders_enabled \
                or today < prescribed_on(inv.due_date, client.type):
            continue
        if credited is None:  # a credit note or a deducted deposit settles part of it
            credited = credited_amounts(invoices)
        if compute_status(inv, today, credited.get(inv.number, ZERO)).status in _OPEN:
            found.append((inv, client.type))
    return found


def prescription_warnings(prescribed: Sequence[tuple[Invoice, ClientType]]) -> list[Issue]:
    """One warning per invoice not reminded because it is time-barred, at its row; beyond
    five, one warning that counts them and names the first three."""
    if len(prescribed) > 5:
        first = prescribed[0][0]
        return [Issue.of(f"{first.sheet}!A{real_row(first.row)}", "facture_prescrite",
                         Severity.WARNING, variant="many", count=len(prescribed),
                         invoices=[inv.label for inv, _ in prescribed[:3]])]
    return [Issue.of(f"{inv.sheet}!A{real_row(inv.row)}", "facture_prescrite", Severity.WARNING,
                     variant=_VARIANTS[kind], invoice=inv.label, client=inv.client,
                     due=inv.due_date, since=prescribed_on(inv.due_date, kind))
            for inv, kind in prescribed if inv.due_date is not None]


_VARIANTS = {ClientType.COMPANY: "", ClientType.ASSOCIATION: "", ClientType.INDIVIDUAL: "consumer",
             ClientType.PUBLIC: "public"}
