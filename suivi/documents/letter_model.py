"""What a formal-notice letter says (`Letter`, `LetterInvoice`), apart from how it is drawn
(`suivi.documents.letter`, which needs fpdf2): composing a reminder builds a `Letter` without
loading the PDF stack."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .model import Party, Seller
from .settings import TemplateSettings

#: Where the table of invoices goes in a letter's paragraphs.
INVOICE_TABLE = "[[factures]]"


@dataclass(frozen=True, slots=True)
class LetterInvoice:
    """One unpaid invoice quoted in the letter."""

    number: str
    issue_date: date
    due_date: date
    amount_due: Decimal
    days_late: int
    penalties: Decimal



def _rows(invoice_rows: Sequence[tuple | LetterInvoice]) -> list[LetterInvoice]:
    rows = []
    for row in invoice_rows:
        if isinstance(row, LetterInvoice):
            rows.append(row)
        else:
            number, issue, due, amount, days, penalties = row
            rows.append(
                LetterInvoice(str(number), issue, due, Decimal(amount), int(days),
                              Decimal(penalties))
            )
    return rows


@dataclass(frozen=True)
class Letter:
    """Everything one formal-notice letter says, as :func:`render_letter` receives it.

    ``rows`` items are :class:`LetterInvoice` records or ``(number, issue_date, due_date,
    amount_due, days_late, penalties)`` tuples. ``registered`` prints the « Lettre recommandée
    avec accusé de réception » mention.
    """

    seller: Seller
    recipient: Party
    when: date
    subject: str
    paragraphs: tuple[str, ...]
    rows: tuple[LetterInvoice, ...] = ()
    lang: str = "fr"
    settings: TemplateSettings = field(default_factory=TemplateSettings)
    signatory: str | None = None
    registered: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "paragraphs", tuple(self.paragraphs))
        object.__setattr__(self, "rows", tuple(_rows(self.rows)))
