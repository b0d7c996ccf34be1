"""Dates a team writes in a Statut, read as what they say (pure): a payment the client
promised (« Promesse de paiement le 15/12 ») and a reminder the team sent by hand (« Relancé
le 28/11 », « Relance tél. 12/10 »). A day typed without its year is placed so that a wrong
guess errs on the side of what suivi would do anyway."""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from suivi.core.ledger import _fold, status_hint
from suivi.core.steps import Step, named_step

#: « Promesse de paiement le 15/12 », « Promis pour le 15 janvier », « Virement prévu le
#: 05/01/2027 », « S'engage à payer le 20/12 » (folded): the client promised a date.
_PROMISE = re.compile(r"\b(?:promesse|promis|promise|promet|engage|engagement|prevu|prevue"
                      r"|paiera|reglera|payera|will pay|promised)\b")
_NOT_PROMISE = re.compile(r"\brelanc|\brappel|\bremind")
_DAY_MONTH = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}|\d{2}))?(?![\d/.-]\d)")
_ISO_DAY = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_DAY_NAMED = re.compile(r"(?<!\d)(\d{1,2})(?:er)?\s+([a-z]+)\.?(?:\s+(\d{4}))?")
_MONTHS = {name: number for number, names in enumerate((
    ("janvier", "janv", "jan", "january"), ("fevrier", "fevr", "fev", "february", "feb"),
    ("mars", "march", "mar"), ("avril", "avr", "april", "apr"), ("mai", "may"),
    ("juin", "june", "jun"), ("juillet", "juil", "july", "jul"), ("aout", "august", "aug"),
    ("septembre", "sept", "sep", "september"), ("octobre", "oct", "october"),
    ("novembre", "nov", "november"), ("decembre", "dec", "december")), start=1)
    for name in names}


@lru_cache(maxsize=1024)
def promised_day(text: str | None) -> tuple[int, int, int | None] | None:
    """(day, month, year or None) of the payment date a Statut says the client promised, or
    None when it says no promise with a date (« Relance prévue le 15/12 » is not one)."""
    folded = _fold(text)
    if not _PROMISE.search(folded) or _NOT_PROMISE.search(folded):
        return None
    return _day_in(folded)


def _day_in(folded: str) -> tuple[int, int, int | None] | None:
    """The first day a folded text names: « 15/12 », « 15/12/2026 », « 2026-12-15 », « 1er
    décembre »."""
    if found := _ISO_DAY.search(folded):
        year, month, day = found.groups()
    elif found := _DAY_MONTH.search(folded):
        day, month, year = found.groups()
    elif (named := _DAY_NAMED.search(folded)) and named.group(2) in _MONTHS:
        day, month, year = named.group(1), str(_MONTHS[named.group(2)]), named.group(3)
    else:
        return None
    full = None if year is None else int(year) + (2000 if len(year) == 2 else 0)
    return int(day), int(month), full


def promise_in_status(text: str | None, anchor: date | None) -> date | None:
    """The payment date a Statut typed by the team says the client promised (« Promesse de
    paiement le 15/12 »), for an invoice still open (a paid or disputed one promises nothing).

    A date typed without its year is the first such day from two months before `anchor` (the
    due date, else the issue date): promises are made about invoices due or late, and a wrong
    year errs towards the past, where the promise reads as broken and reminders go on."""
    parts = promised_day(text)
    if parts is None or status_hint(text) is not None:
        return None
    return _placed(parts, anchor)


def _placed(parts: tuple[int, int, int | None], anchor: date | None) -> date | None:
    """The day of (day, month, year or None): without its year, the first such day from two
    months before `anchor`."""
    day, month, year = parts
    if year is not None:
        return _date_or_none(year, month, day)
    if anchor is None:
        return None
    start = anchor - timedelta(days=60)
    for found in (_date_or_none(y, month, day) for y in (start.year, start.year + 1)):
        if found is not None and found >= start:
            return found
    return None


def _date_or_none(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None  # « 31/11 », or the 29/02 of a common year


#: « Relancé le 28/11 », « Relance tél. 12/10 », « 2e relance envoyée le 20/11/2026 »,
#: « Rappelé le 3 décembre », « Client contacté le 25/11 » (folded): the team reminded.
_REMINDED = re.compile(r"\b(?:relance|relancee|relances|relance\w* envoye\w*|rappele|rappelee"
                       r"|contacte|contactee|appele|appelee|reminded|chased)\b")
#: … not a plan: « À relancer le 15/12 », « Relance prévue le 15/12 », « Prochaine relance ».
_PLANNED = re.compile(r"\b(?:a relancer|relancer|a rappeler|rappeler|prevue?s?|prochaine|planifie"
                      r"\w*|to remind|next)\b|\bpromes|\bpromi")


#: The words of a plan that come before its day: « À relancer le 15/12 », « Relance prévue
#: le 15/12 », « Prochaine relance : 15/12 », « Rappeler le 15/12 ».
_PLAN_DAY = re.compile(r"\b(?:a relancer|relancer|a rappeler|rappeler|prevue?s?|prochaine"
                       r"|prochain|planifiee?s?|to remind|next)\b")


@lru_cache(maxsize=1024)
def planned_day(text: str | None) -> tuple[int, int, int | None] | None:
    """(day, month, year or None) of the day a Statut (or the team's note) says the team
    means to remind the client next (« À relancer le 15/12 », « Relance prévue le
    15/12/2026 »), or None. The day read is the first one after the words of the plan
    (« Relancé le 28/11, à rappeler le 15/12 »: the 15/12); a promise of payment is no plan
    (`promised_day` reads it)."""
    folded = _fold(text)
    found = _PLAN_DAY.search(folded)
    if found is None or promised_day(text) is not None:
        return None
    return _day_in(folded[found.end():])


def planned_in_status(text: str | None, anchor: date | None) -> date | None:
    """The day of `planned_day`; without its year, placed as a promise's is, from two
    months before `anchor` (the due date, else the issue date)."""
    parts = planned_day(text)
    return None if parts is None else _placed(parts, anchor)


@lru_cache(maxsize=1024)
def reminded_day(text: str | None) -> tuple[int, int, int | None] | None:
    """(day, month, year or None) of a reminder the Statut says the team sent, or None."""
    folded = _fold(text)
    if not _REMINDED.search(folded) or _PLANNED.search(folded):
        return None
    return _day_in(folded)


def reminded_on(text: str | None, issued: date | None, today: date) -> date | None:
    """The day a Statut says the team reminded the client (« Relancé le 28/11 »): a day
    typed without its year is the latest such day up to `today` (a reminder already sent);
    a day after `today`, or before the invoice was issued, says nothing."""
    parts = reminded_day(text)
    if parts is None:
        return None
    day, month, year = parts
    years = (year,) if year is not None else (today.year, today.year - 1)
    for found in (_date_or_none(y, month, day) for y in years):
        if found is not None and found <= today and (issued is None or found >= issued):
            return found
    return None


#: Days written in a note, set aside before its step is read (« le 28/11 » is no step number).
_DAYS = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?|\d{4}-\d{2}-\d{2}")


@lru_cache(maxsize=1024)
def stated_step(text: str | None) -> Step | None:
    """The reminder step a Statut says the team took: « Relance 2 envoyée le 28/11 »,
    « 2e relance », « Mise en demeure envoyée » (`steps.named_step`, the days set aside).
    None when it names no step (« Relancé le 28/11 »), or a plan (« Relance 2 prévue »,
    « Relance 2 à faire »)."""
    folded = _fold(text)
    if not folded or _PLANNED.search(folded):
        return None
    return named_step(_DAYS.sub(" ", folded)) or None


#: « Échéancier en cours », « Plan de paiement accordé », « Paiement en 3 fois », « Règlement
#: échelonné », « Accord de paiement », « Payment plan » (folded): a plan was agreed.
_PLAN = re.compile(r"\b(?:echeancier|echelonn\w*|etalement|etale|moratoire|fractionn\w*"
                   r"|(?:plan|accord|protocole) de (?:paiement|reglement|remboursement)"
                   r"|(?:paiement|reglement|payable|paye|regle)e?s? en \d+ (?:fois|mensualites)"
                   r"|\d+ mensualites|payment plan|instal+ment plan)\b")
#: « Échéancier refusé », « … non respecté », « … rompu », « … terminé »: no plan holds.
_PLAN_ENDED = re.compile(r"\b(?:refuse|refusee|annule|annulee|rompu|rompue|non respecte|"
                         r"non respectee|caduc|caduque|termine|terminee|fini|finie|"
                         r"a proposer|broken|refused|cancelled)\b")


@lru_cache(maxsize=1024)
def says_payment_plan(text: str | None) -> bool:
    """Whether a Statut says the client pays by an agreed plan (« Échéancier en cours »,
    « Paiement en 3 fois »), and not that one was refused or broken (« Échéancier non
    respecté »)."""
    folded = _fold(text)
    return bool(folded) and _PLAN.search(folded) is not None \
        and _PLAN_ENDED.search(folded) is None
