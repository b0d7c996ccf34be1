"""What a team's notes column (« Commentaires », « Remarques », « Notes ») says of an invoice
whose Statut says nothing of it: « Payé le 20/11 », « Litige sur la livraison », « Ne pas
relancer, voir avec Paul », « Annulée ».

Many trackers have no Statut, or one that suivi fills (« en retard »), and the team writes what
it knows in its remarks. suivi did not read them: an invoice noted « payé » was reminded, and
so was one noted « ne pas relancer ». The note is now read as a Statut is (`status_hint`,
`says_no_reminder`), for open invoices only, and never over a Statut that says something
itself; each invoice so held is named at its note's cell. What the note says is read, never
written: the note stays the team's, and the invoice is not reminded while it says so."""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from suivi.core.fastinit import fast_replace
from suivi.core.ledger import says_no_reminder, status_hint
from suivi.core.models import CENT, Invoice, InvoiceKind, Issue, Severity, Status

from .sheet_layout import SheetLayout

#: Beyond this many invoices, one warning at the column says them all.
_EACH = 5


@lru_cache(maxsize=4096)
def note_meaning(note: str) -> str | None:
    """« paid », « disputed » or « off » (not to remind, or cancelled) for a note that says
    so, else None (« Appeler M. Dupont », « Livré le 12/10 »)."""
    if says_no_reminder(note):
        return "off"
    said = status_hint(note)
    if said is Status.PAID:
        return "paid"
    if said is Status.DISPUTED:
        return "disputed"
    if said in (Status.CANCELLED, Status.CREDIT_NOTE):  # « Annulée », « Avoir à faire »
        return "off"
    return None


def notes_read(invoices: Sequence[Invoice], layout: SheetLayout,
               issues: list[Issue]) -> list[Invoice]:
    """The invoices with what their note says taken in: a paid note is trusted as a paid
    Statut (`Invoice.paid_note`), a dispute holds as the Litige column does, and « ne pas
    relancer » as the column of that name."""
    result = list(invoices)
    if not layout.has("notes"):
        return result
    held: list[tuple[Invoice, str]] = []
    for position, inv in enumerate(invoices):
        note = inv.notes
        if not note or not inv.number or inv.kind is InvoiceKind.CREDIT_NOTE \
                or inv.total - inv.amount_paid < CENT or inv.reminders_off \
                or (meaning := note_meaning(note)) is None \
                or status_hint(inv.status_text) is not None \
                or says_no_reminder(inv.status_text):
            continue
        if meaning == "paid":
            result[position] = fast_replace(inv, paid_note=note)
        elif meaning == "disputed":
            if inv.dispute:
                continue
            result[position] = fast_replace(inv, dispute=True, dispute_text=note)
        else:
            result[position] = fast_replace(inv, reminders_off=True)
        held.append((inv, meaning))
    header = layout.columns["notes"].header
    if len(held) > _EACH:
        issues.append(Issue.of(layout.ref("notes", layout.header_row), "note_lue",
                               Severity.WARNING, variant="column", count=len(held),
                               header=header,
                               invoices=", ".join(inv.label for inv, _ in held[:_EACH])))
        return result
    for inv, meaning in held:
        issues.append(Issue.of(layout.ref("notes", inv.row), "note_lue", Severity.WARNING,
                               variant=meaning, invoice=inv.label, note=inv.notes,
                               header=header))
    return result
