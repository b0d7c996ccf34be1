"""What a team's Statut says was paid, when nothing else does: « Reste 200 € », « Payé en
partie (300 €) », « Acompte de 300 € reçu », « Payé 50 % » (`suivi.core.status_amounts`).

Without it, a tracker that keeps no « Montant réglé » (or leaves it empty) and writes the
money in the Statut had its partly paid invoices reminded for their whole total, or held
(« Payé en partie » without an amount is an error). Such an invoice now counts the amount the
Statut states, and a warning says so at the Statut's cell, since a « Montant réglé » column
is where the amount belongs: whatever it says, or the Paiements sheet, wins."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal

from suivi.core.fastinit import fast_replace
from suivi.core.ledger import status_hint
from suivi.core.models import CENT, ZERO, Invoice, InvoiceKind, Issue, Severity
from suivi.core.status_amounts import stated_amount

from .sheet_layout import SheetLayout

#: Beyond this many invoices, one warning at the Statut column says them all.
_EACH = 5


def paid_by_status(inv: Invoice, text: str | None) -> Decimal | None:
    """What `text` (the Statut or the note of `inv`) says was paid; None when it says no
    amount, or leaves more than the total (« Reste 2 000 € » on 1 000 € is not read). « Payé
    1 200 € » on a 1 000 € invoice is paid, and more: the check names the excess."""
    said = stated_amount(text)
    if said is None:
        return None
    kind, value, percent = said
    if percent:  # a share of the total, rounded to the cent in the client's favour
        value = inv.total * value / 100
        value = value.quantize(CENT, ROUND_HALF_UP if kind == "paid" else ROUND_HALF_DOWN)
    if kind == "paid":
        return value.quantize(CENT)
    return (inv.total - value).quantize(CENT) if value <= inv.total else None


def _said_where(inv: Invoice, notes: bool) -> tuple[str, str] | None:
    """The field and text that state an amount: the Statut's, else (when the Statut says
    nothing suivi reads) the note's."""
    if stated_amount(inv.status_text):
        return "status_text", inv.status_text or ""
    if notes and inv.notes and status_hint(inv.status_text) is None \
            and stated_amount(inv.notes):
        return "notes", inv.notes
    return None


def amounts_in_status(invoices: Sequence[Invoice], layout: SheetLayout,
                      credited: Mapping[str, Decimal], issues: list[Issue]) -> list[Invoice]:
    """The invoices with the amount their Statut (or note) states counted as paid, when nothing
    else says what was paid (no amount in their row, no line of Paiements, no credit note)."""
    result = list(invoices)
    notes = layout.has("notes")
    if not layout.has("status_text") and not notes:
        return result
    said: list[tuple[Invoice, Decimal, str, str]] = []
    for position, inv in enumerate(invoices):
        if inv.amount_paid != ZERO or not (inv.status_text or inv.notes) or not inv.number \
                or inv.total <= ZERO or inv.kind is InvoiceKind.CREDIT_NOTE \
                or credited.get(inv.number) or (where := _said_where(inv, notes)) is None:
            continue
        paid = paid_by_status(inv, where[1])
        if paid is not None and paid > ZERO:
            if paid < inv.total:  # paid in full (or more) needs no word: `trop_percu` says more
                said.append((inv, paid, *where))
            result[position] = fast_replace(inv, amount_paid=paid)
    if len(said) > _EACH:
        field = said[0][2]
        issues.append(Issue.of(layout.ref(field, layout.header_row),
                               "montant_dans_statut", Severity.WARNING, variant="column",
                               count=len(said), header=layout.columns[field].header,
                               invoices=", ".join(inv.label for inv, *_ in said[:_EACH])))
        return result
    for inv, paid, field, text in said:
        issues.append(Issue.of(layout.ref(field, inv.row), "montant_dans_statut",
                               Severity.WARNING, variant="note" if field == "notes" else "",
                               invoice=inv.label, status=text, paid=paid, total=inv.total,
                               left=inv.total - paid, header=layout.columns[field].header))
    return result
