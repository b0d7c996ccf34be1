"""A credit note against the invoice it corrects: no more than invoiced, no line never invoiced.

A credit note (avoir) cancels or reduces an invoice; it cannot credit more than the invoice
carried, nor a line the invoice did not have. :func:`check_credit_note` compares the two from
their lines (the Lignes sheet) or, for single-line documents, from their designation and
totals. Earlier credit notes on the same invoice count against what remains to credit.

Called by the lead's checks (`suivi check`, « avoir » rows that quote their original invoice).

A credit note that quotes no invoice of the sheet (`unallocated`) is deducted from nothing:
the client's reminders would claim the whole of their invoices while the client holds that
credit, so they wait until the credit note says which invoice it corrects.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from suivi.core.ledger import status_hint
from suivi.core.message import Message
from suivi.core.models import Invoice, InvoiceKind, InvoiceLine, Status

ZERO = Decimal("0")
CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class LineContent:
    """What a line sells: designation, quantity, unit price excl. VAT and VAT rate (positive)."""

    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_rate: Decimal

    @property
    def net(self) -> Decimal:
        return abs(self.quantity * self.unit_price)

    @property
    def key(self) -> tuple[str, Decimal]:
        """Lines match on their folded designation and their rate."""
        return _fold(self.description), self.vat_rate.normalize()


@dataclass(frozen=True, slots=True)
class DocumentContent:
    """An invoice or credit note: number, total incl. VAT (positive) and its lines.

    ``itemised`` is True when the lines come from the Lignes sheet; the lines of two documents
    are compared only when both are itemised (a one-line credit note « remise sur facture X »
    is checked on its total only).
    """

    number: str
    total: Decimal
    lines: tuple[LineContent, ...] = ()
    itemised: bool = False


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def content_of(invoice: Invoice, lines: Sequence[InvoiceLine] = ()) -> DocumentContent:
    """The content of a workbook row: its Lignes-sheet lines, or one line from the row itself
    (designation, amount excl. VAT, VAT rate). Amounts are taken as positive."""
    if lines:
        items = tuple(LineContent(line.description, abs(line.quantity), abs(line.unit_price),
                                  line.vat_rate) for line in lines)
    elif invoice.amount_ht is not None:
        rate = invoice.vat_rate if invoice.vat_rate is not None else _rate(invoice)
        items = (LineContent(invoice.description, Decimal(1), abs(invoice.amount_ht), rate),)
    else:
        items = ()
    return DocumentContent(invoice.number or invoice.label, abs(invoice.total), items,
                           itemised=bool(lines))


def _rate(invoice: Invoice) -> Decimal:
    if invoice.amount_ht and invoice.vat is not None:
        return (abs(invoice.vat) / abs(invoice.amount_ht) * 100).quantize(Decimal("0.1"))
    return ZERO


def check_credit_note(credit: DocumentContent, original: DocumentContent,
                      earlier: Iterable[DocumentContent] = ()) -> list[Message]:
    """What is wrong with ``credit`` against ``original`` (``earlier``: other credit notes on
    the same invoice): more credited than invoiced in total, a line the invoice did not have,
    or more credited on a line than the line carried."""
    problems: list[Message] = []
    earlier = tuple(earlier)
    credited = credit.total + sum((note.total for note in earlier), ZERO)
    if credited - original.total >= CENT:
        problems.append(Message.of("credit_note.exceeds_original", number=credit.number,
                                   original=original.number, credited=credited,
                                   invoiced=original.total))
    if not (credit.itemised and original.itemised):
        return problems
    invoiced: dict[tuple[str, Decimal], Decimal] = {}
    for line in original.lines:
        invoiced[line.key] = invoiced.get(line.key, ZERO) + line.net
    already: dict[tuple[str, Decimal], Decimal] = {}
    for note in earlier:
        for line in note.lines if note.itemised else ():
            already[line.key] = already.get(line.key, ZERO) + line.net
    for index, line in enumerate(credit.lines, start=1):
        if line.key not in invoiced:
            problems.append(Message.of("credit_note.line_not_invoiced", number=credit.number,
                                       original=original.number, line=index,
                                       description=line.description))
            continue
        already[line.key] = already.get(line.key, ZERO) + line.net
        if already[line.key] - invoiced[line.key] >= CENT:
            problems.append(Message.of("credit_note.line_exceeds", number=credit.number,
                                       original=original.number, line=index,
                                       description=line.description,
                                       credited=already[line.key], invoiced=invoiced[line.key]))
    return problems


#: A credit note whose status says it was refunded or used is settled: it is owed to no one.
_SETTLED = ("rembours", "utilis", "impute", "imputé", "dedui", "dédui", "solde", "soldé",
            "regle", "réglé", "refund", "used", "applied")


def unallocated(invoices: Iterable[Invoice]) -> list[Invoice]:
    """Credit notes issued (numbered) to a client, neither cancelled nor settled, that quote no
    invoice of the sheet: what they credit is deducted from nothing."""
    invoices = invoices if isinstance(invoices, (list, tuple)) else list(invoices)
    credit = InvoiceKind.CREDIT_NOTE  # an Enum member is looked up once, not per row
    credits = [inv for inv in invoices if inv.kind is credit and inv.number and inv.client]
    if not credits:
        return []
    quoted = {c.original_number for c in credits if c.original_number}
    numbers = {inv.number for inv in invoices if inv.number in quoted and inv.kind is not credit}
    found = []
    for inv in credits:
        if inv.original_number and inv.original_number in numbers:
            continue
        status = (inv.status_text or "").casefold()
        if status_hint(inv.status_text) is Status.CANCELLED \
                or any(word in status for word in _SETTLED):
            continue
        found.append(inv)
    return found
