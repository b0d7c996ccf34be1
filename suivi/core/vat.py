"""French VAT rates and categories, checked per invoice line (pure, no I/O).

Rates of mainland France (Code général des impôts): 20 % normal (art. 278), 10 % intermediate
(art. 279, 279-0 bis), 5,5 % reduced (art. 278-0 bis, 278-0 bis A: books, food, energy
renovation…), 2,1 % special (art. 281 quater to 281 nonies: press, reimbursed medicines…), and
0 % for operations that are exempt, reverse-charged or outside the scope of French VAT.

Overseas (only with ``overseas=True``): Guadeloupe, Martinique and La Réunion apply 8,5 %
(normal) and 2,1 % (reduced) under CGI art. 296, and 1,75 % and 1,05 % for particular
operations (CGI art. 296 bis; BOI-TVA-GEO-20-10). The BR-FR schematron of the reform accepts
these rates too. Corsica's rates (art. 297) are not handled.

EN 16931 categories (UNTDID 5305, the subset BR-FR-15 accepts in France): S standard (rate
> 0), Z zero rated, E exempt, AE reverse charge, K intra-EU supply, G export outside the EU, O
outside the scope of VAT. E, AE, K, G and O need an exemption reason (BR-E-10, BR-AE-10,
BR-IC-10, BR-G-10, BR-O-10) and a 0 % rate; Z must not carry one (BR-Z-10).

Every check returns :class:`~suivi.core.message.Message` values naming the line (``where``:
a cell such as "Lignes!E5", or "ligne 2"); the codes are in the `documents` catalogue.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from suivi.core.message import Message

D = Decimal

#: Mainland rates, in percent.
FRENCH_RATES: tuple[Decimal, ...] = (D("20"), D("10"), D("5.5"), D("2.1"), D("0"))
#: Guadeloupe, Martinique, La Réunion (CGI art. 296 and 296 bis).
OVERSEAS_RATES: tuple[Decimal, ...] = (D("8.5"), D("2.1"), D("1.75"), D("1.05"), D("0"))

CATEGORIES: tuple[str, ...] = ("S", "Z", "E", "AE", "K", "G", "O")
#: Categories that need an exemption reason (and a 0 % rate).
EXEMPT_CATEGORIES: tuple[str, ...] = ("E", "AE", "K", "G", "O")


@dataclass(frozen=True, slots=True)
class RateHint:
    """A usual reduced rate for a kind of sale, found by words of the designation."""

    words: tuple[str, ...]
    rate: Decimal
    reason: str  # the legal basis, shown to the user


#: Sales that usually carry a reduced rate: a line at another rate gets a question, not an
#: error (the seller knows the exact case).
RATE_HINTS: tuple[RateHint, ...] = (
    RateHint(("livre", "livres", "book", "books", "ebook"), D("5.5"), "CGI art. 278-0 bis"),
    RateHint(("journal", "journaux", "magazine", "quotidien", "presse", "newspaper"), D("2.1"),
             "CGI art. 298 septies"),
    RateHint(("renovation energetique", "amelioration energetique", "isolation thermique",
              "pompe a chaleur"), D("5.5"), "CGI art. 278-0 bis A"),
    RateHint(("travaux de renovation", "travaux d amelioration", "travaux d entretien"), D("10"),
             "CGI art. 279-0 bis"),
    RateHint(("restauration", "repas", "plateau repas", "traiteur"), D("10"), "CGI art. 279"),
    RateHint(("transport de voyageurs", "transport de personnes", "taxi"), D("10"),
             "CGI art. 279"),
)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def allowed_rates(overseas: bool = False) -> tuple[Decimal, ...]:
    """The rates accepted on a line (mainland, plus the overseas ones when asked)."""
    if not overseas:
        return FRENCH_RATES
    return FRENCH_RATES + tuple(rate for rate in OVERSEAS_RATES if rate not in FRENCH_RATES)


def check_line_vat(where: object, rate: Decimal, category: str = "S",
                   exemption_reason: str | None = None, *,
                   overseas: bool = False) -> list[Message]:
    """Problems with the VAT of one line: unknown rate or category, a 0 % line without its
    category or exemption reason, an exempt category with a rate.

    Called by the lead's line checks (`suivi check`, Lignes sheet and single-line invoices)
    with the cell of the rate as ``where``.
    """
    problems: list[Message] = []
    category = (category or "S").strip().upper()
    if category not in CATEGORIES:
        return [Message.of("vat.category_unknown", where=where, category=category,
                           categories=CATEGORIES)]
    allowed = allowed_rates(overseas)
    if all(rate != known for known in allowed):
        problems.append(Message.of("vat.rate_unknown", where=where, rate=rate, rates=allowed))
    reason = (exemption_reason or "").strip()
    if category == "S" and rate == 0:
        problems.append(Message.of("vat.zero_needs_category", where=where))
    elif category in EXEMPT_CATEGORIES:
        if rate != 0:
            problems.append(Message.of("vat.exempt_with_rate", where=where, rate=rate,
                                       category=category))
        if not reason:
            problems.append(Message.of("vat.exemption_reason_missing", where=where,
                                       category=category))
    elif category == "Z" and reason:
        problems.append(Message.of("vat.zero_rated_with_reason", where=where))
    return problems


@lru_cache(maxsize=4096)
def usual_rate(description: str | None) -> RateHint | None:
    """The usual reduced rate for what a designation sells (books 5,5 %…), or None."""
    if not description:
        return None
    folded = f" {_fold(description)} "
    for hint in RATE_HINTS:
        if any(f" {word} " in folded for word in hint.words):
            return hint
    return None


def rate_question(where: object, description: str | None, rate: Decimal) -> Message | None:
    """`vat.rate_to_confirm` when the designation suggests another usual rate (a printed book
    at 20 %). A question for the user, not an error. Called by the lead's line checks."""
    hint = usual_rate(description)
    if hint is None or hint.rate == rate:
        return None
    return Message.of("vat.rate_to_confirm", where=where, rate=rate, usual=hint.rate,
                      basis=hint.reason)


#: Words of an exemption mention → its EN 16931 category (first match wins; E otherwise).
_CATEGORY_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("AE", ("autoliquidation", "auto liquidation", "reverse charge", "283 2", "283 1")),
    ("K", ("intracommunautaire", "intra communautaire", "intra community", "262 ter",
           "138 de la directive")),
    ("G", ("exportation", "export", "262 i", "146 de la directive")),
    ("O", ("hors champ", "outside the scope", "non soumis", "not subject")),
)


def exemption_category(reason: str | None) -> str:
    """The VAT category (UNTDID 5305) a 0 % line takes from its exemption mention: AE
    (« autoliquidation », art. 283-2 CGI), K (« livraison intracommunautaire », art. 262 ter
    I), G (« exportation », art. 262 I), O (« hors champ »), else E (exempt: « TVA non
    applicable, art. 293 B du CGI », art. 261…). Called by the pipeline when it builds the
    lines of an invoice document."""
    folded = f" {_fold(reason or '')} "
    for category, words in _CATEGORY_WORDS:
        if any(f" {word} " in folded for word in words):
            return category
    return "E"


def check_lines_vat(lines: Iterable[tuple[object, Decimal, str, str | None]], *,
                    overseas: bool = False) -> list[Message]:
    """:func:`check_line_vat` over ``(where, rate, category, exemption_reason)`` tuples."""
    problems: list[Message] = []
    for where, rate, category, reason in lines:
        problems.extend(check_line_vat(where, rate, category, reason, overseas=overseas))
    return problems


_CENT = Decimal("0.01")


def net_of(ttc: Decimal, rate: Decimal) -> Decimal:
    """The amount before VAT of a row that gives its total only (« Montant TTC »), such that
    the document's total is that total to the cent when an amount reaches it: 120 € at 20 %
    is 100 € + 20 €, not a 120 € line to which 20 % is added (a 144 € invoice for a 120 € row);
    otherwise one cent less."""
    if not rate:
        return ttc
    sign = 1 if ttc >= 0 else -1
    total = abs(ttc)
    guess = (total * 100 / (100 + rate)).quantize(_CENT, ROUND_HALF_UP)
    # some totals no amount reaches (at 20 %, 83,33 € gives 100,00 € and 83,34 € 100,01 €):
    # then the nearest below, so that the document never asks more than the row
    below = guess - _CENT
    for net in (guess, guess - _CENT, guess + _CENT):
        reached = net + (net * rate / 100).quantize(_CENT, ROUND_HALF_UP)
        if reached == total:
            return sign * net
        if reached < total:
            below = max(below, net)
    return sign * below


def reached_total(net: Decimal, rate: Decimal) -> Decimal:
    """The total of a single line of `net` before VAT at `rate` (its VAT rounded to the cent)."""
    return net + (net * rate / 100).quantize(_CENT, ROUND_HALF_UP)


def totals_around(ttc: Decimal, rate: Decimal) -> tuple[tuple[Decimal, Decimal],
                                                         tuple[Decimal, Decimal]] | None:
    """None when a single line at `rate` reaches the total `ttc` to the cent; otherwise the
    nearest (amount before VAT, total) below it and above it: at 20 %, 99,99 € is out of
    reach, between 83,32 € (99,98 €) and 83,33 € (100,00 €)."""
    total = abs(ttc)
    net = abs(net_of(total, rate))
    if not rate or reached_total(net, rate) == total:
        return None
    return (net, reached_total(net, rate)), (net + _CENT, reached_total(net + _CENT, rate))
