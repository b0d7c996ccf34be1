"""Payments kept in several columns: « Acompte reçu » and « Solde reçu », « 1er versement »
and « 2e versement ». suivi read one of them and only named the others: an invoice paid in two
parts was reminded for the part paid first.

The columns of the table whose header speaks of money received, that no field took, are
**added** to « Montant réglé » when each holds amounts only. Not when one is a running total:
a row where « Montant réglé » alone fits the invoice's total but the sum does not (1 000 € paid
and its 300 € deposit, for a 1 000 € invoice) says « Montant réglé » counts the deposit
already; the other columns are then named (`colonne_reglement_ignoree`), as any column suivi
cannot read."""
from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from suivi.core.models import CENT, ZERO, CellRef, Issue, Severity, column_letter
from suivi.core.values import ValueProblem, parse_amount
from suivi.workbook import vocabulary as voc

from .headers import HeaderGuess


def payment_parts(rows: list[list[Any]], kept: Sequence[int], guess: HeaderGuess, sheet: str,
                  issues: list[Issue]) -> list[Decimal | None]:
    """By position of `kept`, what the other payment columns add to the amount paid ([] when
    no column is added). One warning names the columns added (`reglement_colonnes`), or each
    column speaking of money received that is not read, saying how to have it read."""
    header = rows[guess.row - 1] if 0 < guess.row <= len(rows) else []
    used = {info.index for info in guess.columns.values()} | {c for c, _, _ in guess.vat_split}
    unread: list[tuple[int, str, int]] = []
    for c in range(guess.first_col, min(guess.last_col + 1, len(header))):
        text = header[c]
        if c in used or not isinstance(text, str) \
                or not voc.says_paid(set(voc.fold_header(text).split())):
            continue
        filled = sum(1 for r in kept if c < len(rows[r]) and rows[r][c] not in ("", None))
        if filled:
            unread.append((c, text.strip(), filled))
    parts = _added(rows, kept, guess, [c for c, _, _ in unread])
    if parts:
        main = guess.columns["amount_paid"]
        issues.append(Issue.of(CellRef(sheet, guess.row, column_letter(unread[0][0] + 1)),
                               "reglement_colonnes", Severity.WARNING,
                               headers=[t for _, t, _ in unread] + [main.header.strip()]))
        return parts
    for c, text, filled in unread:
        issues.append(Issue.of(CellRef(sheet, guess.row, column_letter(c + 1)),
                               "colonne_reglement_ignoree", Severity.WARNING,
                               header=text, count=filled))
    return []


def _amount(row: list[Any], index: int) -> Decimal | None:
    try:
        return parse_amount(row[index]) if index < len(row) else None
    except ValueProblem:
        return None


def _added(rows: list[list[Any]], kept: Sequence[int], guess: HeaderGuess,
           columns: list[int]) -> list[Decimal | None]:
    """What `columns` add to each row's amount paid, or [] when they are not parts of it: no
    « Montant réglé » to add them to, a cell that is not an amount, or a running total."""
    main = guess.columns.get("amount_paid")
    total = guess.columns.get("amount_ttc")
    if main is None or not columns:
        return []
    parts: list[Decimal | None] = []
    for r in kept:
        row = rows[r]
        extra, found = ZERO, False
        for c in columns:
            value = row[c] if c < len(row) else None
            if value in ("", None) or voc.says_not_paid_yet(value):
                continue
            try:
                amount = parse_amount(value)
            except ValueProblem:
                return []  # a word, a date: not a column of amounts
            if amount is not None:
                extra, found = extra + amount, True
        if found and total is not None:
            paid, ttc = _amount(row, main.index), _amount(row, total.index)
            if ttc is not None and paid is not None and paid <= ttc + CENT < paid + extra:
                return []  # « Montant réglé » already counts the others
        parts.append(extra if found else None)
    return parts if any(part is not None for part in parts) else []
