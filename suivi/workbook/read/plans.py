"""A payment plan the team wrote in the Statut (« Échéancier en cours », « Paiement en 3
fois », « Plan de paiement accordé ») without its installments in the « Échéancier » sheet.

suivi reminded such an invoice for its whole balance, as if nothing had been agreed: the
client who keeps to the plan got « Relance 1 », then a formal notice. What falls due when is
not known, so the invoice is held (`reminders_off`, as « Ne pas relancer »), and a warning at
its Statut cell says so and how to let suivi follow the plan: its installments in the
Échéancier sheet, whose missed ones suivi then reminds (`core.installments`). An invoice that
has its installments is left to them; « Échéancier non respecté » holds nothing."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from suivi.core.installments import Installment
from suivi.core.models import Invoice, Issue, Severity, SheetLayout
from suivi.core.status_notes import says_payment_plan


def plans_without_installments(invoices: list[Invoice], installments: Sequence[Installment],
                               layout: SheetLayout, issues: list[Issue]) -> list[Invoice]:
    """The invoices, those whose Statut states a plan with no installment held."""
    texts = {inv.status_text for inv in invoices if inv.status_text}
    said = {text for text in texts if says_payment_plan(text)}
    if not said:  # the common case: one test per distinct Statut
        return invoices
    listed = {i.invoice_number for i in installments}
    result = []
    for inv in invoices:
        if inv.status_text in said and inv.number not in listed and not inv.reminders_off:
            issues.append(Issue.of(layout.ref("status_text", inv.row), "echeancier_sans_echeances",
                                   Severity.WARNING, invoice=inv.label, text=inv.status_text))
            inv = replace(inv, reminders_off=True)
        result.append(inv)
    return result
