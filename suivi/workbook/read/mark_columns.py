"""Payment columns that hold marks instead of amounts.

« Payé » (or « Montant réglé ») with « oui », « x », a date: the invoice is paid in full (that
day). « Non payé », « Impayé » with « x » on the invoices still owed: the others are paid. In
both, the marks are taken out of the column before its amounts are read (they are not
unreadable amounts), and one warning names the column and says how it was read.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime
from typing import Any

from suivi.core.ledger import says_partly_paid, status_hint
from suivi.core.models import CellRef, ColumnInfo, Issue, Severity, Status
from suivi.core.values import NO_WORDS, YES_WORDS, ValueProblem, parse_plausible_date
from suivi.workbook import vocabulary as voc

from .cells import Columns
from .headers import HeaderGuess

_TEXT_DAY = re.compile(r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$")


def paid_marks(cols: Columns, guess: HeaderGuess, sheet: str,
               issues: list[Issue]) -> dict[int, date | None]:
    """The rows paid in full by a mark: in « Payé » (`payment_marks`), or for lacking a cross
    in « Non payé » (`unpaid_marks`). Position → the day paid, if the mark gives one."""
    paid = payment_marks(cols, guess, sheet, issues)
    for position in (*unpaid_marks(cols, guess, sheet, issues),
                     *payment_date_marks(cols, guess, sheet, issues)):
        paid.setdefault(position, None)
    return paid


def paid_mark(rows: list[list[Any]], guess: HeaderGuess) -> bool | str | None:
    """What the « Payé » column (`amount_paid`) marks a paid invoice with, when it is a column
    of marks and not of amounts: True for checkboxes (VRAI/FAUX), else the yes-word its cells
    use most, as typed (« Oui », « x »); None when it holds more amounts than marks, or no mark
    at all. A payment suivi records there in full writes that mark: an amount in a column of
    ticks would replace a checkbox by a number."""
    info = guess.columns.get("amount_paid")
    if info is None:
        return None
    words: Counter[str] = Counter()
    ticks = amounts = 0
    for row in rows[guess.row:]:
        value = row[info.index] if info.index < len(row) else ""
        if type(value) is bool:
            ticks += 1
        elif isinstance(value, str) and value.strip().casefold() in YES_WORDS - {"1"}:
            words[value.strip()] += 1
        elif isinstance(value, (int, float)) and value:
            amounts += 1  # a part payment written as an amount among the marks
            if amounts > 100 and not ticks and not words:
                return None  # a column of amounts
    if ticks + sum(words.values()) <= amounts:
        return None
    return True if ticks >= sum(words.values()) else words.most_common(1)[0][0]


def payment_date_marks(cols: Columns, guess: HeaderGuess, sheet: str,
                       issues: list[Issue]) -> list[int]:
    """« Date de règlement » holding words: « en attente », « Non payé », « - », « relancé »
    on the invoices not paid yet (`voc.says_not_paid_yet`) are blanks, not unreadable dates
    (each was an error that held the invoice: nobody was reminded); « Payé », « OK » are paid
    in full, the day not said, when the column stands for the amount paid (the sheet has no
    « Montant réglé »; with one, the amount decides, and a word left is still an error).
    Returns the positions paid so."""
    info = guess.columns.get("payment_date")
    if info is None:
        return []
    stands_for_amount = "amount_paid" not in guess.columns
    blank: list[int] = []
    paid: list[int] = []
    for position, value in enumerate(cols.transposed[info.index]):
        if type(value) is not str or not value.strip():
            continue
        if voc.says_not_paid_yet(value):
            blank.append(position)
        elif stands_for_amount and not any(ch.isdigit() for ch in value) and (
                value.strip().casefold() in YES_WORDS or status_hint(value) is Status.PAID):
            paid.append(position)
    if blank or paid:
        _blank(cols, info.index, (*blank, *paid))
    if paid:
        issues.append(Issue.of(CellRef(sheet, guess.row, info.column), "reglement_marque",
                               Severity.WARNING, header=info.header, count=len(paid)))
    return paid


def payment_marks(cols: Columns, guess: HeaderGuess, sheet: str,
                  issues: list[Issue]) -> dict[int, date | None]:
    """The rows whose « Montant réglé » column holds a mark instead of an amount: « oui », « x »,
    « Payé », « réglée », a ticked checkbox (paid in full), a date (paid in full that day),
    « non », an unticked box (nothing paid).
    Their cells are blanked before the amounts are read (they are not unreadable amounts), and
    one warning names the column. Returns the paid rows' positions and their day, if any."""
    info = guess.columns.get("amount_paid")
    if info is None:
        return {}
    raw = cols.transposed[info.index]
    # a date under « Payé » is the day it was paid; under « Montant réglé » it is more likely an
    # amount shown with a date format, and stays an error
    days = not any(word in info.header.casefold() for word in ("montant", "amount", "somme", "€"))
    paid: dict[int, date | None] = {}
    unpaid: list[int] = []
    partly: list[int] = []  # « Partiel »: an error at the cell, which holds the invoice
    for position, value in enumerate(raw):
        if type(value) is float or value == "" or value is None:
            continue  # the usual cells: an amount, or nothing
        if type(value) is bool:  # a checkbox, or VRAI/FAUX typed: ticked is paid in full
            if value:
                paid[position] = None
            else:
                unpaid.append(position)
        elif isinstance(value, date):
            if days:
                paid[position] = value.date() if isinstance(value, datetime) else value
        elif isinstance(value, str):
            folded = value.strip().casefold()
            if any(ch.isdigit() for ch in folded):
                # « 05/10/2026 »: paid that day; « payé 50 € » is not a mark (an error says so)
                if days and _TEXT_DAY.match(folded):
                    try:
                        paid[position] = parse_plausible_date(folded)
                    except ValueProblem:
                        pass
            elif folded in YES_WORDS or status_hint(value) is Status.PAID:  # digits are above
                paid[position] = None
            elif folded in NO_WORDS or voc.says_not_paid_yet(value):
                unpaid.append(position)
            elif says_partly_paid(value) or folded in _PART_WORDS:
                partly.append(position)
    if not paid and not unpaid and not partly:
        return {}
    _partly_marked(cols, info, sheet, partly, issues)
    _blank(cols, info.index, (*paid, *unpaid, *partly))
    if paid:
        issues.append(Issue.of(CellRef(sheet, guess.row, info.column), "reglement_marque",
                               Severity.WARNING, header=info.header, count=len(paid)))
    return paid


#: A payment mark that says part of the invoice was paid, its amount not said.
_PART_WORDS = frozenset({"partiel", "partielle", "partiellement", "partial", "partially",
                         "en partie", "acompte"})


def _partly_marked(cols: Columns, info: ColumnInfo, sheet: str, positions: list[int],
                   issues: list[Issue]) -> None:
    """« Partiel » in a payment column of marks: how much was paid is not known, so an error
    at the cell holds the invoice (a reminder would claim the whole). Said once: when the
    Statut says it too, its own error (`reglement_partiel_sans_montant`) is the one."""
    statuses = cols.raw("status_text") if "status_text" in cols.columns else None
    for position in positions:
        if statuses is not None and says_partly_paid(statuses[position]):
            continue
        issues.append(Issue.of(CellRef(sheet, cols.kept[position] + 1, info.column),
                               "marque_partielle",
                               Severity.ERROR, header=info.header,
                               value=str(cols.transposed[info.index][position]).strip()))


#: Headers of a column that marks the invoices still owed (folded words).
_UNPAID_HEADERS = ("non paye", "impaye", "non regle", "non encaisse", "non solde", "unpaid",
                   "not paid")


def unpaid_marks(cols: Columns, guess: HeaderGuess, sheet: str,
                 issues: list[Issue]) -> list[int]:
    """The invoices a « Non payé » (« Impayé »…) column of marks says paid. A team marks
    « x » (« oui ») on the invoices still owed; the numbered invoices without a mark, or
    marked « non », are paid: read as amounts, the marks were unreadable (the owed invoices
    held) and the rows without one owed their whole total (the paid invoices reminded).
    A column with any amount in it is a column of amounts. Returns the paid rows' positions."""
    info = guess.columns.get("balance")
    number = guess.columns.get("number")
    if info is None or number is None or not any(
            words in voc.fold_header(info.header) for words in _UNPAID_HEADERS):
        return []
    raw = cols.transposed[info.index]
    owed: list[int] = []
    paid: list[int] = []
    for position, value in enumerate(raw):
        folded = value.strip().casefold() if isinstance(value, str) else \
            ("vrai" if value else "faux") if type(value) is bool else value  # a checkbox
        if folded in YES_WORDS - {"1"}:
            owed.append(position)
        elif value is None or folded in NO_WORDS - {"0"}:
            paid.append(position)
        else:
            return []  # an amount, a date, a word: not a column of marks
    numbers = cols.transposed[number.index]
    paid = [p for p in paid if numbers[p] not in ("", None)]
    if not owed:
        return []
    _blank(cols, info.index, (*owed, *paid))
    issues.append(Issue.of(CellRef(sheet, guess.row, info.column), "impaye_marque",
                           Severity.WARNING, header=info.header, owed=len(owed),
                           count=len(paid)))
    return paid


def _blank(cols: Columns, index: int, positions: tuple[int, ...]) -> None:
    column = list(cols.transposed[index])
    for position in positions:
        column[position] = ""
    cols.transposed[index] = tuple(column)
