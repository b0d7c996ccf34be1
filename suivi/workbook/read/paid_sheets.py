"""A sheet of paid invoices beside the invoice sheet: « Factures payées », « Réglées »,
« Soldées 2025 ». Many teams move (or copy) a row there once it is paid, and keep only the
open invoices in « En cours ».

suivi did not read such a sheet. The invoice sheet then said nowhere what was paid, so `suivi
run` held every reminder (`reglements_non_saisis`); its numbers were unknown to numbering; and
a row copied there stayed unpaid in the invoice sheet. Now:

- the sheet is read with the invoice sheet, as a sister (`sister_sheets`), and is never the
  sheet new rows go to;
- each of its rows that says nothing of a payment is paid in full (`paid_in_full`); a row
  that does (an amount paid, a date, a status) is read as it says;
- a row of the invoice sheet whose number and client are also in the paid sheet is paid in
  full, and the paid sheet's copy is left out (`settled_by_paid_sheet`, one warning)."""
from __future__ import annotations

from dataclasses import replace

from suivi.core.ledger import status_hint
from suivi.core.models import (
    Invoice,
    InvoiceKind,
    Issue,
    Severity,
    SheetLayout,
    Status,
    normalise_name,
    number_key,
)

from .sister_sheets import is_paid_sheet_name

__all__ = ["is_paid_sheet_name", "paid_in_full", "settled_by_paid_sheet"]

def paid_in_full(invoices: list[Invoice]) -> list[Invoice]:
    """The rows of a paid sheet, each paid in full unless it says something else of its
    payment (an amount, a date, a status other than « Payée »)."""
    return [replace(inv, amount_paid=inv.total)
            if inv.kind is not InvoiceKind.CREDIT_NOTE and not inv.amount_paid
            and inv.payment_date is None and status_hint(inv.status_text) in (None, Status.PAID)
            and inv.total > 0 else inv for inv in invoices]


def settled_by_paid_sheet(invoices: list[Invoice], layout: SheetLayout,
                          issues: list[Issue]) -> list[Invoice]:
    """A row of another sheet whose number and client are in a paid sheet is paid in full;
    the paid sheet's copy is left out, and one warning per paid sheet names them."""
    if not any(sister.paid for sister in layout.sisters):
        return invoices
    copies = {(number_key(inv.number), normalise_name(inv.client)): inv for inv in invoices
              if inv.number and layout.part(inv.row)[0].paid}
    if not copies:
        return invoices
    dropped: dict[str, list[Invoice]] = {}
    result = []
    for inv in invoices:
        copy = copies.get((number_key(inv.number), normalise_name(inv.client))) \
            if inv.number and not layout.part(inv.row)[0].paid else None
        if copy is not None:
            dropped.setdefault(layout.part(copy.row)[0].sheet, []).append(copy)
            paid = inv.total if copy.balance <= 0 else copy.amount_paid
            if paid > inv.amount_paid:
                inv = replace(inv, amount_paid=paid)
        result.append(inv)
    gone = {inv.row for rows in dropped.values() for inv in rows}
    for sheet, rows in dropped.items():
        issues.append(Issue.of(layout.ref("number", rows[0].row), "facture_dans_payees",
                               Severity.WARNING, sheet=sheet, count=len(rows),
                               numbers=[inv.number for inv in rows[:10]]))
    return [inv for inv in result if inv.row not in gone]
