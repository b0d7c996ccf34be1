"""Invoice sheets kept one per period: « Janvier », « Février »… or « 2025 » beside « 2026 ».

Many teams open a new sheet each month or each year. Reading only the latest one left the
earlier sheets' late invoices unreminded: in a tracker kept by month, the current month's
invoices are rarely due yet, so nobody was reminded at all. The sheets of such a series are
read together (`SheetLayout.sisters`); new invoices still go to the chosen sheet, the latest.

A sheet is read with the chosen one only when nothing says it is something else:

- its name is a period (a month, a year, a quarter: « Mars », « Mars 2026 », « 2025 »,
  « T1 2026 », « 2026-03 ») and names nothing else (« Devis 2026 », « Achats mars », « Copie
  de Mars » are not invoices to remind), or it names paid invoices (« Factures payées »,
  « Réglées 2025 »: `paid_sheets`, whose rows are paid unless they say otherwise);
- it has the number, the client, an amount, a date, and a way to say what was paid (an amount
  paid, a payment date, a remaining balance or a status) when the chosen sheet has one and it
  is not a sheet of paid invoices: without it, every invoice it holds would be reminded;
- it is not a copy of the chosen sheet (nine in ten of its numbers found there too; fewer is
  a month whose unpaid invoices were carried over, see `carried_over`).

An unpaid invoice carried over into the next month's sheet is one invoice (`carried_over`).

Any other sheet that holds invoices is named in a warning (`autre_feuille_factures`), with
why it is not read. A sheet chosen in suivi.toml (`[classeur] feuille`) is read alone.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from suivi.core.ledger import status_hint
from suivi.core.models import (
    Invoice,
    Issue,
    Severity,
    SheetLayout,
    normalise_name,
    number_key,
    sheet_index,
)
from suivi.core.values import parse_text

from .headers import HeaderGuess

_MONTHS = frozenset({
    "janvier", "janv", "jan", "fevrier", "fevr", "fev", "fevrie", "mars", "mar", "avril", "avr",
    "mai", "juin", "juillet", "juil", "aout", "septembre", "sept", "sep", "octobre", "oct",
    "novembre", "nov", "decembre", "dec", "january", "february", "feb", "march", "april", "apr",
    "may", "june", "jun", "july", "jul", "august", "aug", "september", "october", "november",
    "december"})
#: Words of a period's name that say nothing else of the sheet.
_NEUTRAL = frozenset({
    "factures", "facture", "fact", "fac", "invoices", "invoice", "suivi", "ventes", "vente",
    "exercice", "annee", "mois", "trimestre", "semestre", "de", "du", "des",
    "d", "et", "a", "au", "en", "le", "la", "les", "emises", "emise", "year", "month", "quarter",
    "fy", "sales", "ca", "facturation", "er", "e", "eme", "premier", "second", "deuxieme",
    "troisieme", "quatrieme"})
#: Words that name a period's invoices only beside an invoice word: « Factures clients 2025 »
#: is, « Clients 2026 » is the Clients sheet.
_WITH_INVOICES = frozenset({"clients", "client"})
_INVOICE_WORDS = frozenset({"factures", "facture", "facturation", "invoices", "ventes"})
_QUARTERS = re.compile(r"^[tqs][1-4]$")


def _words(name: str) -> list[str]:
    """« Janv.26 T1 » → ["janv", "26", "t1"]: letters apart from digits, but « T1 » whole."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    words = []
    for token in re.findall(r"[a-z0-9]+", folded):
        words += [token] if _QUARTERS.match(token) else re.findall(r"[a-z]+|\d+", token)
    return words


def is_period_word(w: str) -> bool:
    """A month, a quarter, a year, or the « 03 » of « 2026-03 » (a folded word of `_words`)."""
    return w in _MONTHS or _QUARTERS.match(w) is not None or w.isdigit() and (
        len(w) <= 2 or len(w) == 4 and 1990 <= int(w) <= 2099)


def is_period_name(name: str) -> bool:
    """« Janvier », « MARS 2026 », « 2025 », « Factures 2025 », « T1 2026 », « 2026-03 »,
    « Janv. 26 »: a period, and nothing else, names the sheet."""
    words = _words(name)
    period = False
    for w in words:
        if w in _MONTHS or _QUARTERS.match(w) or (w.isdigit() and len(w) == 4
                                                 and 1990 <= int(w) <= 2099):
            period = True
        elif w.isdigit() and len(w) <= 2:
            continue  # « 03 » of « 2026-03 », « 26 » of « Janv 26 »
        elif w not in _NEUTRAL and not (w in _WITH_INVOICES and _INVOICE_WORDS & set(words)):
            return False
    return period


#: Words of a sheet's name that say its invoices are paid (folded).
_PAID_NAMES = frozenset({
    "payee", "payees", "paye", "payes", "reglee", "reglees", "regle", "regles", "soldee",
    "soldees", "encaissee", "encaissees", "encaisse", "encaisses", "acquittee", "acquittees",
    "paid", "settled"})
#: Other words such a name may hold.
_ALSO = frozenset({"factures", "facture", "fact", "invoices", "invoice", "clients", "client",
                   "de", "du", "des", "en", "et", "les", "la", "le", "archive", "archives",
                   "archivees"})


def is_paid_sheet_name(name: str) -> bool:
    """« Factures payées », « Réglées », « Payées 2025 », « Paid invoices »; not « Non
    payées », « Impayées », « À payer »."""
    words = _words(name)
    return any(w in _PAID_NAMES for w in words) and all(
        w in _PAID_NAMES or w in _ALSO or is_period_word(w) for w in words)


#: Columns that say what was paid.
_PAID = ("amount_paid", "payment_date", "balance", "status_text")


@dataclass
class Candidate:
    """Another sheet that holds invoices: its rows and its header."""

    rows: list[list[Any]]
    guess: HeaderGuess

    @cached_property
    def filled(self) -> int:
        """Its rows under the header that hold anything."""
        return sum(1 for row in self.rows[self.guess.row:]
                   if any(v not in ("", None) for v in row))


def sisters_of(chosen: str, guess: HeaderGuess | None, rows: list[list[Any]],
               candidates: Mapping[str, Candidate],
               issues: list[Issue]) -> list[str]:
    """The sheets read with `chosen` (in the workbook's order); the others are named."""
    read: list[str] = []
    periods = {name for name in candidates if is_period_name(name)}
    paid = {name for name in candidates if name not in periods and is_paid_sheet_name(name)}
    mine = _numbers(rows, guess) if periods or paid else set()  # the chosen sheet's
    for name, found in candidates.items():
        reason, extra = _refusal(found, guess, mine, name in paid) \
            if name in periods or name in paid else ("", {})
        if reason is None:
            read.append(name)
            continue
        issues.append(Issue.of(name, "autre_feuille_factures", Severity.WARNING, variant=reason,
                               sheet=name, rows=found.filled, chosen=chosen, **extra))
    return read


def _refusal(found: Candidate, guess: HeaderGuess | None, mine: set[str],
             paid: bool = False) -> tuple[str | None, dict[str, Any]]:
    """Why a sheet named for a period (or for paid invoices, `paid`: it needs no payment
    column) is not read with the chosen one (None: it is), and what the message says."""
    if guess is None:
        return "", {}
    theirs = found.guess.columns
    if "number" not in theirs or "client" not in theirs or not (
            {"amount_ttc", "amount_ht"} & theirs.keys()) or not (
            {"issue_date", "due_date"} & theirs.keys()):  # what the invoice sheet must have
        return "colonnes", {}
    if not paid and any(f in guess.columns for f in _PAID) \
            and not any(f in theirs for f in _PAID):
        return "colonnes", {}
    numbers = _numbers(found.rows, found.guess)
    shared = len(numbers & mine)
    if numbers and shared >= 0.9 * len(numbers):
        return "copie", {"shared": shared}
    return None, {}


def _numbers(rows: list[list[Any]], guess: HeaderGuess | None) -> set[str]:
    info = guess.columns.get("number") if guess else None
    if info is None or guess is None:
        return set()
    at = info.index
    return {n for row in rows[guess.row:] if at < len(row) and (n := parse_text(row[at]))}


def carried_over(invoices: list[Invoice], layout: SheetLayout,
                 issues: list[Issue]) -> list[Invoice]:
    """An unpaid invoice copied into the next month's sheet (« report des impayés ») is one
    invoice: the same number, client, amount and payment in two sheets is followed in the
    sheet of the latest invoices, and the older rows are left out (one warning per sheet
    names them). Rows that disagree (one says paid, the other not) are both kept: the number
    twice is an error that holds the reminder until the team says which is right."""
    groups: dict[str, list[Invoice]] = {}
    for inv in invoices:
        if inv.number:
            groups.setdefault(number_key(inv.number), []).append(inv)
    newest: dict[int, date] = {}
    for inv in invoices:
        k = sheet_index(inv.row)
        newest[k] = max(newest.get(k, date.min), inv.issue_date or date.min)
    left: dict[tuple[int, int], list[Invoice]] = {}  # (older sheet, kept sheet) → its rows
    for group in groups.values():
        sheets = {sheet_index(inv.row) for inv in group}
        if len(group) < 2 or len(sheets) < len(group) or len(set(map(_said, group))) > 1:
            continue
        kept = max(group, key=lambda inv: (newest[sheet_index(inv.row)], -inv.row))
        for inv in group:
            if inv is not kept:
                left.setdefault((sheet_index(inv.row), sheet_index(kept.row)), []).append(inv)
    if not left:
        return invoices
    dropped = {inv.row for rows in left.values() for inv in rows}
    for (_, k), rows in sorted(left.items()):
        where = layout.ref("number", rows[0].row)
        issues.append(Issue.of(where, "facture_reportee", Severity.WARNING, count=len(rows),
                               numbers=[inv.number for inv in rows[:10]], sheet=where.sheet,
                               kept=(layout.sisters[k - 1].sheet if k else layout.sheet)))
    return [inv for inv in invoices if inv.row not in dropped]


def _said(inv: Invoice) -> tuple[Any, ...]:
    """What a row says of its invoice that two copies must agree on."""
    return (normalise_name(inv.client), inv.total, inv.amount_paid, inv.payment_date,
            status_hint(inv.status_text), inv.dispute, inv.reminders_off, inv.kind)
