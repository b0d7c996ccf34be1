"""Payment terms (conditions de paiement): parse them, derive due dates, check the legal cap.

French law (Code de commerce L441-10): without agreement, 30 days; agreed terms at most 60 days
from the invoice date, or 45 days end of month. Public buyers: 30 days.

"45 jours fin de mois" is computed as the invoice date plus 45 days, then the end of that month
(the method the DGCCRF describes first). "fin de mois 45 jours" (end of month, then 45 days) is
recognised too.
"""
from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, timedelta

LEGAL_MAX_DAYS = 60
LEGAL_MAX_EOM_DAYS = 45
DEFAULT_DAYS = 30


@dataclass(frozen=True, slots=True)
class PaymentTerms:
    """Parsed terms: `days` after the invoice date, optionally moved to the end of the month.

    `end_of_month_first` means "fin de mois, N jours": end of the invoice month, then N days.
    `on_receipt` means payable on receipt (due the invoice date).
    """

    days: int
    end_of_month: bool = False
    end_of_month_first: bool = False
    on_receipt: bool = False
    text: str = ""

    def due_date(self, issue_date: date) -> date:
        if self.on_receipt:
            return issue_date
        if self.end_of_month_first:
            return end_of_month(issue_date) + timedelta(days=self.days)
        due = issue_date + timedelta(days=self.days)
        return end_of_month(due) if self.end_of_month else due

    def exceeds_legal_cap(self) -> bool:
        """True when the terms go beyond 60 days net or 45 days end of month."""
        if self.on_receipt:
            return False
        if self.end_of_month or self.end_of_month_first:
            return self.days > LEGAL_MAX_EOM_DAYS
        return self.days > LEGAL_MAX_DAYS


def end_of_month(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().replace("-", " ").split())


_RECEIPT = re.compile(r"(a|des|upon|on|due on)? ?(reception|receipt)|comptant|immediat|cash")
_EOM = re.compile(r"fin de mois|fdm|f\.?d\.?m|end of month|eom")
_NUMBER = re.compile(r"(\d{1,3})")


@lru_cache(maxsize=1024)
def parse_terms(text: str | None) -> PaymentTerms | None:
    """Parse "30 jours", "45 jours fin de mois", "fin de mois 45 j", "Net 30", "à réception".

    Returns None when the text says nothing usable (the caller falls back to defaults).
    """
    if text is None:
        return None
    raw = str(text).strip()
    if not raw:
        return None
    folded = _fold(raw)
    if _RECEIPT.search(folded) and not _NUMBER.search(folded):
        return PaymentTerms(days=0, on_receipt=True, text=raw)
    number = _NUMBER.search(folded)
    if number is None:
        return None
    days = int(number[1])
    eom = _EOM.search(folded)
    if eom is None:
        return PaymentTerms(days=days, text=raw)
    eom_first = eom.start() < number.start()
    return PaymentTerms(days=days, end_of_month=not eom_first, end_of_month_first=eom_first,
                        text=raw)


def exceeds_legal_delay(issue_date: date, due_date: date) -> bool:
    """Whether a due date is beyond the legal cap whatever the wording.

    Allowed: up to 60 days after the invoice date, or up to the end of the month that contains
    invoice date + 45 days (45 jours fin de mois), whichever is later.
    """
    if (due_date - issue_date).days <= LEGAL_MAX_DAYS:
        return False
    limit_net = issue_date + timedelta(days=LEGAL_MAX_DAYS)
    limit_eom = end_of_month(issue_date + timedelta(days=LEGAL_MAX_EOM_DAYS))
    return due_date > max(limit_net, limit_eom)
