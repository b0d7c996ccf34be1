"""Payment terms (conditions de paiement): read them, derive due dates, check the legal caps.

French law (Code de commerce L441-10): without agreement, 30 days; agreed terms at most 60 days
from the invoice date, or 45 days end of month. Public buyers (Code de la commande publique
R2192-10): 30 days (50 for public health establishments, 60 for public enterprises).

Forms read by :func:`parse_terms` (case, accents and punctuation ignored):

=================================  =========================================================
"30 jours", "30 j", "30j", "30",   net days from the invoice date
"30 jours net", "net 30",
"Net 30 days", "à 30 jours"
"60 jours date de facture",        the same, said explicitly (kept when translated)
"60 days from invoice date"
"45 jours fin de mois", "45 j FDM", invoice date + 45 days, then the end of that month
"30 days EOM", "30 days end of
month"
"fin de mois 45 jours",            end of the invoice month, then + 45 days
"fin de mois + 45 j", "EOM 45"
"30 j fin de mois le 10"           invoice date + 30 days, end of that month, then the 10th of
                                   the following month (the usual reading of « fin de mois le
                                   10 »: paid on the 10th after the end of month)
"fin de mois", "fin de mois le 10" end of the invoice month (then the 10th of the next month)
"à réception", "dès réception",    due on the invoice date
"comptant", "paiement immédiat",
"due on receipt", "upon receipt"
=================================  =========================================================

Anything else ("30/60 jours", "30 jours date de livraison", "selon devis"…) gives None: suivi
never guesses a rule it cannot read.

Both readings of « 45 jours fin de mois » are admitted by the CEPC (economie.gouv.fr/cepc,
« Délais de paiement : sur la computation des délais »), so the legal cap allows the later of
the two.
"""
from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from suivi.core.message import Message

LEGAL_MAX_DAYS = 60
LEGAL_MAX_EOM_DAYS = 45
PUBLIC_MAX_DAYS = 30
DEFAULT_DAYS = 30


def end_of_month(day: date) -> date:
    """Last day of the month of ``day``."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _day_of_next_month(day: date, wanted: int) -> date:
    """The ``wanted`` day of the month after ``day`` (the 31st becomes the month's last day)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(wanted, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True, slots=True)
class PaymentTerms:
    """A payment rule: ``days`` after the invoice date, optionally moved to the end of the month.

    ``end_of_month_first`` means "fin de mois, N jours": end of the invoice month, then N days.
    ``day_of_month`` (with ``end_of_month``) means "… fin de mois le 10": the 10th of the month
    after that end of month. ``on_receipt`` means payable on receipt (due the invoice date).
    ``from_invoice_date`` records that the text said "date de facture" (kept when translated).
    """

    days: int
    end_of_month: bool = False
    end_of_month_first: bool = False
    on_receipt: bool = False
    text: str = ""
    day_of_month: int | None = None
    from_invoice_date: bool = False

    def due_date(self, issue_date: date) -> date:
        """The due date these terms give for an invoice issued on ``issue_date``."""
        if self.on_receipt:
            return issue_date
        if self.end_of_month_first:
            return end_of_month(issue_date) + timedelta(days=self.days)
        due = issue_date + timedelta(days=self.days)
        if not self.end_of_month:
            return due
        due = end_of_month(due)
        if self.day_of_month is not None:
            return _day_of_next_month(due, self.day_of_month)
        return due

    def exceeds_legal_cap(self, public: bool = False) -> bool:
        """True when these terms can give a due date beyond the legal cap.

        Companies: 60 days net or 45 days end of month (either reading). Public buyers: 30 days.
        Terms ending on a fixed day of the month are checked over every issue date of two
        years (a leap year included), since whether they exceed depends on the date.
        """
        if self.on_receipt:
            return False
        if public or self.day_of_month is not None:
            return _exceeds_on_some_day(self, public)
        if self.end_of_month or self.end_of_month_first:
            return self.days > LEGAL_MAX_EOM_DAYS
        return self.days > LEGAL_MAX_DAYS


@lru_cache(maxsize=256)
def _exceeds_on_some_day(terms: PaymentTerms, public: bool) -> bool:
    return any(exceeds_legal_delay(day, terms.due_date(day), public=public)
               for day in _reference_days())


@lru_cache(maxsize=1)
def _reference_days() -> tuple[date, ...]:
    """Every day of 2027 and 2028 (2028 is a leap year)."""
    start = date(2027, 1, 1)
    return tuple(start + timedelta(days=n) for n in range(366 + 365))


# --------------------------------------------------------------------------- reading


def _fold(text: str) -> str:
    """Lower case, no accents, punctuation as spaces, "30j" split into "30 j"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("+", " plus ")
    text = re.sub(r"[^\w]+", " ", text)
    text = re.sub(r"(\d)([a-z])", r"\1 \2", text)
    return " ".join(text.split())


#: How the client pays, said before or after the delay: « LCR à 60 jours », « Chèque à 45
#: jours », « 30 jours fin de mois par virement », « Traite 60 j » (the delay is the same).
_MEANS = {"virement", "virements", "lcr", "lcrs", "traite", "traites", "cheque", "cheques",
          "prelevement", "prelevements", "cb", "carte", "effet", "effets", "billet", "ordre",
          "especes", "par", "transfer", "bank", "check", "sepa"}
_LEAD = {"paiement", "reglement", "payable", "payment", "terms", "conditions", "a", "sous",
         "within", "in", "net", "nets", "due", "delai", "de", "echeance", *_MEANS}
_TRAIL = {"net", "nets", "maximum", "max", *_MEANS}

_UNIT = r"(?: (?:j|jr|jrs|jour|jours|d|day|days))?"
_EOM = r"(?:fin de mois|fin du mois|fdm|f d m|end of (?:the )?month|eom)"
_FROM = (r"(?:(?:a compter de |apres |from |after |of )?(?:la |the )?"
         r"(?:date de (?:la )?facture|date facture|date d emission|invoice date|date of invoice))")
_RECEIPT = re.compile(
    r"(?:(?:des|upon|on|at) )?(?:la )?(?:reception|receipt)"
    r"(?: (?:de (?:la )?facture|of (?:the )?invoice))?"
    r"|comptant|immediat|immediate|immediatement|immediately|cash"
)
_NET_OR_EOM = re.compile(
    rf"(?P<n>\d{{1,3}}){_UNIT}(?: nets?)?(?: (?P<from>{_FROM}))?"
    rf"(?: (?P<eom>{_EOM})(?: (?:le|the|on the) (?P<dom>\d{{1,2}})(?: ?(?:st|nd|rd|th|er))?)?)?"
)
_EOM_FIRST = re.compile(rf"{_EOM}(?: plus)? (?P<n>\d{{1,3}}){_UNIT}")
_EOM_ALONE = re.compile(rf"{_EOM}(?: (?:le|the|on the) (?P<dom>\d{{1,2}})(?: ?(?:st|nd|rd|th|er))?)?")


def says_no_delay(text: str) -> bool:
    """Whether terms name only the way of paying (« Virement », « Paiement par chèque »,
    « CB »): no delay said, the default terms apply."""
    return all(word in _LEAD or word in ("le", "la", "du") for word in _fold(text).split())


def _core(folded: str) -> str:
    """The folded text without leading and trailing filler words ("paiement à", "net")."""
    words = folded.split()
    while words and words[0] in _LEAD and not (words[0] == "net" and len(words) == 1):
        words.pop(0)
    while len(words) > 1 and words[-1] in _TRAIL:
        words.pop()
    return " ".join(words)


@lru_cache(maxsize=1024)
def parse_terms(text: str | None) -> PaymentTerms | None:
    """The rule written in ``text`` (see the module docstring), or None when it is unreadable.

    Called by the workbook reader (due dates of rows without one), the numbering step, the
    checks (contradicting due dates, legal caps) and the invoice renderer (translation).
    """
    if text is None:
        return None
    raw = str(text).strip()
    core = _core(_fold(raw)) if raw else ""
    if not core:
        return None
    if _RECEIPT.fullmatch(core):
        return PaymentTerms(days=0, on_receipt=True, text=raw)
    match = _NET_OR_EOM.fullmatch(core)
    if match:
        return _day_rule(match, PaymentTerms(days=int(match["n"]),
                                             end_of_month=match["eom"] is not None, text=raw,
                                             from_invoice_date=match["from"] is not None))
    match = _EOM_FIRST.fullmatch(core)
    if match:
        return PaymentTerms(days=int(match["n"]), end_of_month_first=True, text=raw)
    match = _EOM_ALONE.fullmatch(core)
    if match:
        return _day_rule(match, PaymentTerms(days=0, end_of_month=True, text=raw))
    return None


def _day_rule(match: re.Match[str], terms: PaymentTerms) -> PaymentTerms | None:
    """``terms`` with the "… le 10" day of the month when the text gives one (None when the
    day cannot exist)."""
    if match["dom"] is None:
        return terms
    day = int(match["dom"])
    return replace(terms, day_of_month=day) if 1 <= day <= 31 else None


def _as_terms(terms: str | PaymentTerms | None) -> PaymentTerms | None:
    return terms if isinstance(terms, PaymentTerms) else parse_terms(terms)


# --------------------------------------------------------------------------- wording


def describe_terms(terms: PaymentTerms, lang: str = "fr") -> str:
    """The rule in words: "45 jours fin de mois" / "45 days end of month", "on receipt"…"""
    english = lang == "en"
    if terms.on_receipt or (terms.days == 0 and not (terms.end_of_month or
                                                     terms.end_of_month_first)):
        return "on receipt" if english else "à réception"
    unit = ("day" if terms.days == 1 else "days") if english else \
        ("jour" if terms.days == 1 else "jours")
    span = f"{terms.days} {unit}"
    if terms.end_of_month_first:
        return f"end of month + {span}" if english else f"fin de mois {span}"
    if terms.end_of_month:
        eom = "end of month" if english else "fin de mois"
        text = eom if terms.days == 0 else f"{span} {eom}"
        if terms.day_of_month is not None:
            text += f", on the {_ordinal(terms.day_of_month)}" if english \
                else f" le {terms.day_of_month}"
        return text
    if terms.from_invoice_date:
        return f"{span} from invoice date" if english else f"{span} date de facture"
    return span


def _ordinal(number: int) -> str:
    suffix = "th" if 11 <= number % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10,
                                                                                   "th")
    return f"{number}{suffix}"


def translate_terms(text: str | None, lang: str) -> str:
    """The terms as printed on an invoice in ``lang``.

    French invoices print the text as the user wrote it; English invoices print the rule in
    English, built from the parsed rule ("30 jours" → "30 days"), or the original text when it
    cannot be read. Called by the invoice renderer (suivi.documents.texts).
    """
    original = (text or "").strip()
    if lang == "fr" or not original:
        return original
    terms = parse_terms(original)
    return describe_terms(terms, lang) if terms is not None else original


# --------------------------------------------------------------------------- due dates


def expected_due_date(terms: str | PaymentTerms | None, issue_date: date) -> date | None:
    """The due date the terms give for ``issue_date``; None when the terms cannot be read.

    Called by the numbering step (rows still to be invoiced whose due date is empty) and by
    :func:`contradicted_due_date`.
    """
    rule = _as_terms(terms)
    return rule.due_date(issue_date) if rule is not None else None


def contradicted_due_date(terms: str | PaymentTerms | None, issue_date: date,
                          due_date: date) -> date | None:
    """The date the terms give when the typed ``due_date`` differs from it, else None.

    None also when the terms cannot be read (nothing to compare). The checks (`suivi check`:
    « échéance contraire aux conditions ») compare the same way, with `expected_due_date`
    memoised per terms and issue date over the 100,000 rows of a master.
    """
    expected = expected_due_date(terms, issue_date)
    if expected is None or expected == due_date:
        return None
    return expected


def due_date_message(number: str, terms: str, issue_date: date,
                     due_date: date) -> Message | None:
    """`terms.due_date_contradicts` when the typed due date is not the one ``terms`` give."""
    expected = contradicted_due_date(terms, issue_date, due_date)
    if expected is None:
        return None
    return Message.of("terms.due_date_contradicts", number=number, terms=terms, due=due_date,
                      expected=expected)


# --------------------------------------------------------------------------- legal caps


@lru_cache(maxsize=8192)  # a few thousand distinct issue dates for a hundred thousand invoices
def legal_limit(issue_date: date, *, public: bool = False,
                public_days: int = PUBLIC_MAX_DAYS) -> date:
    """The latest due date the law allows for an invoice issued on ``issue_date``.

    Companies: the latest of 60 days, 45 days then end of month, end of month then 45 days.
    Public buyers: ``public_days`` (30; 50 for public health establishments, 60 for public
    enterprises).
    """
    if public:
        return issue_date + timedelta(days=public_days)
    return max(issue_date + timedelta(days=LEGAL_MAX_DAYS),
               end_of_month(issue_date + timedelta(days=LEGAL_MAX_EOM_DAYS)),
               end_of_month(issue_date) + timedelta(days=LEGAL_MAX_EOM_DAYS))


def exceeds_legal_delay(issue_date: date, due_date: date, *, public: bool = False) -> bool:
    """Whether a due date is beyond the legal cap, whatever the wording of the terms."""
    return due_date > legal_limit(issue_date, public=public)


def legal_cap_message(number: str, issue_date: date, due_date: date, *,
                      public: bool = False) -> Message | None:
    """`terms.beyond_legal_cap` (or `terms.beyond_public_cap`) when the due date is too late.

    Called by the checks (`suivi check`) with the invoice's issue and due dates.
    """
    if not exceeds_legal_delay(issue_date, due_date, public=public):
        return None
    code = "terms.beyond_public_cap" if public else "terms.beyond_legal_cap"
    return Message.of(code, number=number, due=due_date, days=(due_date - issue_date).days,
                      limit=legal_limit(issue_date, public=public))
