"""What a team's notes column (« Commentaires », « Remarques », « Notes ») says of an invoice
whose Statut says nothing of it: « Payé le 20/11 », « Litige sur la livraison », « Ne pas
relancer, voir avec Paul », « Annulée ».

Many trackers have no Statut, or one that suivi fills (« en retard »), and the team writes what
it knows in its remarks. suivi did not read them: an invoice noted « payé » was reminded, and
so was one noted « ne pas relancer ». The note is now read as a Statut is (`status_hint`,
`says_no_reminder`), for open invoices only, and never over a Statut that says something
itself; each invoice so held is named at its note's cell. What the note says is read, never
written: the note stays the team's, and the invoice is not reminded while it says so. A note is
not a Statut: it holds reminders, but never makes an invoice « réglée »."""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from suivi.core.fastinit import fast_replace
from suivi.core.ledger import says_no_reminder, status_hint
from suivi.core.models import CENT, Invoice, InvoiceKind, Issue, Severity, Status
from suivi.core.status_amounts import fold

from .sheet_layout import SheetLayout

#: Beyond this many invoices, one warning at the column says them all.
_EACH = 5


#: Words that make a note's « payé » or « solde » uncertain: a promise, a part, the future
#: (« Acompte de 40 % reçu, solde promis oralement », « Va payer la semaine prochaine »).
_UNSURE = frozenset({"acompte", "acomptes", "promis", "promise", "promesse", "promet", "prevu",
                     "prevue", "attendu", "attendue", "venir", "doit", "devrait", "va", "vont",
                     "partiel", "partielle", "partiellement", "partie", "reste", "restant",
                     "bientot", "semaine", "prochain", "prochaine", "demain", "will"})
_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=4096)
def note_meaning(note: str) -> str | None:
    """« paid », « disputed » or « off » (not to remind, or cancelled) for a note that says
    so, else None (« Appeler M. Dupont », « Livré le 12/10 », « Solde promis »). A note is
    free text, read more strictly than a Statut: a « payé » near a promise or a part is not
    one."""
    if says_no_reminder(note):
        return "off"
    said = status_hint(note)
    if said is Status.PAID:
        return None if _UNSURE.intersection(_WORD.findall(fold(note))) else "paid"
    if said is Status.DISPUTED:
        return "disputed"
    if said in (Status.CANCELLED, Status.CREDIT_NOTE):  # « Annulée », « Avoir à faire »
        return "off"
    return None


def notes_read(invoices: Sequence[Invoice], layout: SheetLayout,
               issues: list[Issue]) -> list[Invoice]:
    """The invoices with what their note says taken in: a dispute holds as the Litige column
    does; « payé » and « ne pas relancer » as a « Ne pas relancer » column. A note saying paid
    holds the reminder without making the invoice « réglée »: the amounts still say what is
    owed (the indicators count it), and the warning asks for the amount received."""
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
        if meaning == "disputed":
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
