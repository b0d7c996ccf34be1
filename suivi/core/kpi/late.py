"""The late-invoices table: open invoices past due, with their latest action and step."""
from __future__ import annotations

from decimal import Decimal

from suivi.core.ledger import StatusInfo
from suivi.core.models import Invoice
from suivi.core.steps import Step

from .reminders import ReachedSteps
from .report import LateInvoice


def late_invoice(invoice: Invoice, info: StatusInfo, balance: Decimal, past_due: int,
                 steps: ReachedSteps, client: str) -> LateInvoice:
    """The line of `invoice`, `past_due` days late and owing `balance`.

    The latest action is the most recent of the Journal's and the invoice's own columns
    (Dernière action, Date dernière action).
    """
    _, _, top_step, journal = steps
    last_text, last_date = journal.last_text, journal.last_date
    if invoice.last_action_date and (last_date is None or invoice.last_action_date > last_date):
        last_text, last_date = invoice.last_action or last_text, invoice.last_action_date
    elif last_text is None and invoice.last_action:
        last_text, last_date = invoice.last_action, invoice.last_action_date
    status_info = info if info.days_late else StatusInfo(info.status, past_due)
    return LateInvoice(
        number=invoice.label, client=client, amount_due=balance,
        due_date=invoice.due_date or invoice.issue_date, days_late=past_due,
        last_action=last_text, last_action_date=last_date, actions_count=journal.count,
        step=top_step, step_label=Step(top_step).label, status=info.status,
        status_label=status_info.label,
    )


def by_lateness(late: list[LateInvoice]) -> tuple[LateInvoice, ...]:
    """Most days late first, then the largest amount, then by number."""
    late.sort(key=lambda item: (-item.days_late, -item.amount_due, item.number))
    return tuple(late)
