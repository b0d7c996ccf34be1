"""Payments kept in several columns: « Acompte reçu » and « Solde reçu », « 1er versement »
and « 2e versement ». suivi read one of them and only named the others: an invoice paid in two
parts was reminded for the part paid first.

The columns of the table whose header speaks of money received, that no field took, are
**added** to « Montant réglé » when each holds amounts only. Not when one is a running total:
a row where « Montant réglé » alone fits the invoice's total but the sum does not (1 000 € paid
and its 300 € deposit, for a 1 000 € invoice) says « Montant réglé » counts the deposit
already; the other columns are then named (`colonne_reglement_ignoree`), as any column suivi
cannot read.

A column « Avoir » (« Montant avoir », « N° avoir ») on the invoice rows says a credit note
reduced the invoice: its amounts are what the client no longer owes (`avoir_colonne`), and a
credit note named there without its amount holds the invoice (`cited_credit_notes`), unless a
credit note row of the sheet credits it already. A credit note both typed there and on its own
row is taken off once (`credits_once`)."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from suivi.core.models import (
    CENT,
    ZERO,
    CellRef,
    Invoice,
    InvoiceKind,
    Issue,
    Severity,
    SheetLayout,
    column_letter,
    number_key,
)
from suivi.core.values import ValueProblem, parse_amount
from suivi.workbook import vocabulary as voc

from .headers import HeaderGuess


def other_money(rows: list[list[Any]], kept: Sequence[int], guess: HeaderGuess, sheet: str,
                issues: list[Issue]) -> dict[str, list[Any]]:
    """The document values of the unread columns about money: what other payment columns
    and « Avoir » columns take off what each invoice owes (`paid_in_other_columns`), and the
    credit notes named on a row without their amount (`credit_cited`), by position."""
    header = rows[guess.row - 1] if 0 < guess.row <= len(rows) else []
    used = {info.index for info in guess.columns.values()} | {c for c, _, _ in guess.vat_split}
    paying: list[tuple[int, str, int]] = []
    crediting: list[tuple[int, str]] = []
    settling: list[tuple[int, str]] = []
    for c in range(guess.first_col, min(guess.last_col + 1, len(header))):
        text = header[c]
        if c in used or not isinstance(text, str):
            continue
        words = set(voc.fold_header(text).split())
        if words & {"avoir", "avoirs"} and not words & {"date", "le"}:
            crediting.append((c, text.strip()))
        elif "%" not in text and _settles_otherwise(words):
            settling.append((c, text.strip()))
        elif voc.says_paid(words) or _deposit(words):  # its cells counted only then
            filled = sum(1 for r in kept if c < len(rows[r]) and rows[r][c] not in ("", None))
            if filled:
                paying.append((c, text.strip(), filled))
    values: dict[str, list[Any]] = {}
    parts, running = payment_parts(rows, kept, guess, sheet, paying, issues)
    if running:  # « Montant réglé » is the total: it is raised where it counts them not yet
        values["amount_paid"], parts = parts, []  # (and `suivi bank` writes the whole there)
    credits, cited = _credits(rows, kept, guess, sheet, crediting, issues)
    settled = _settled(rows, kept, guess, sheet, settling, issues)
    if parts or credits or settled:
        empty: list[Decimal | None] = [None] * len(kept)
        values["paid_in_other_columns"] = [
            None if a is None and b is None and d is None
            else (a or ZERO) + (b or ZERO) + (d or ZERO)
            for a, b, d in zip(parts or empty, credits or empty, settled or empty)]
    if credits:
        letter = column_letter(crediting[0][0] + 1)
        values["credit_in_column"] = [None if a is None else (a, letter) for a in credits]
    if cited:
        values["credit_cited"] = cited
    return values


#: « Acompte », « Montant acompte », « Acompte (€) »: a deposit is paid before the invoice,
#: so such a column beside « Montant réglé » is money received (not « Facture d'acompte »,
#: its number, nor « Acompte demandé », « Acompte à verser »).
_DEPOSIT_HEADER = frozenset({"acompte", "acomptes", "montant", "de", "l", "d", "ttc", "eur"})


def _deposit(words: set[str]) -> bool:
    return bool(words & {"acompte", "acomptes"}) and words <= _DEPOSIT_HEADER


def _settles_otherwise(words: set[str]) -> bool:
    """A column of what an invoice no longer claims though nobody paid it: « Escompte » (a
    discount for paying early), « Écart de règlement », « Frais bancaires » (taken by the
    client's bank), « Perte » (written off), « Retenue de garantie » (due at the end of the
    guarantee, not now). Not « Remise »: a discount printed on the invoice, in its total."""
    return bool(words & {"escompte", "escomptes", "perte", "pertes"}
                or {"ecart", "reglement"} <= words or {"ecarts", "reglement"} <= words
                or "frais" in words and words & {"bancaire", "bancaires", "banque"}
                or "retenue" in words and "garantie" in words) \
        and not words & {"date", "le", "taux", "condition", "conditions"}  # « Taux d'escompte »


def _settled(rows: list[list[Any]], kept: Sequence[int], guess: HeaderGuess, sheet: str,
             columns: list[tuple[int, str]], issues: list[Issue]) -> list[Decimal | None]:
    """By position, what the columns of `_settles_otherwise` take off each invoice (an
    amount, its sign aside); one warning names the columns that hold any."""
    taken: list[Decimal | None] = []
    for r in kept:
        amount: Decimal | None = None
        for c, _ in columns:
            try:
                found = parse_amount(value) if (value := _said(rows[r], c)) is not None \
                    else None
            except ValueProblem:  # a word (« oui », « 2 % ») says no amount
                continue
            if found:
                amount = (amount or ZERO) + abs(found)
        taken.append(amount)
    if not any(a is not None for a in taken):
        return []
    issues.append(Issue.of(CellRef(sheet, guess.row, column_letter(columns[0][0] + 1)),
                           "reglement_autrement_colonne", Severity.WARNING,
                           headers=[h for _, h in columns]))
    return taken


def _credits(rows: list[list[Any]], kept: Sequence[int], guess: HeaderGuess, sheet: str,
             columns: list[tuple[int, str]], issues: list[Issue]
             ) -> tuple[list[Decimal | None], list[tuple[str, str] | None]]:
    """By position, the amount the « Avoir » columns take off (a credit note of 200 €, typed
    200 or -200), and the credit note named without its amount (its text, its column)."""
    if not columns:
        return [], []
    credited: list[Decimal | None] = []
    cited: list[tuple[str, str] | None] = []
    amounts_in: set[int] = set()  # the columns that gave an amount
    for r in kept:
        row = rows[r]
        amount: Decimal | None = None
        named: tuple[str, str] | None = None
        for c, _ in columns:
            if (value := _said(row, c)) is None:
                continue
            try:
                found = parse_amount(value)
            except ValueProblem:
                named = named or (str(value).strip(), column_letter(c + 1))
                continue
            if found:
                amount = (amount or ZERO) + abs(found)
                amounts_in.add(c)
        credited.append(amount)
        cited.append(named)
    if amounts_in:
        issues.append(Issue.of(CellRef(sheet, guess.row, column_letter(columns[0][0] + 1)),
                               "avoir_colonne", Severity.WARNING,
                               headers=[h for c, h in columns if c in amounts_in]))
    return (credited if any(a is not None for a in credited) else [],
            cited if any(n is not None for n in cited) else [])


def payment_parts(rows: list[list[Any]], kept: Sequence[int], guess: HeaderGuess, sheet: str,
                  unread: list[tuple[int, str, int]],
                  issues: list[Issue]) -> tuple[list[Decimal | None], bool]:
    """By position of `kept`, what the `unread` payment columns (index, header, cells filled)
    add to the amount paid ([] when no column is added), and whether « Montant réglé » is
    their total (then: the amount paid where they say more, `_added`). One warning names the
    columns added (`reglement_colonnes`), or each such column that is not read, saying how to
    have it read."""
    parts, running = _added(rows, kept, guess, [c for c, _, _ in unread])
    if parts:
        main = guess.columns["amount_paid"]
        where = CellRef(sheet, guess.row, column_letter(unread[0][0] + 1))
        if running:  # « Montant réglé » is the total: only where it is below the columns
            issues.append(Issue.of(where, "colonne_reglement_ignoree", Severity.WARNING,
                                   variant="total", header=unread[0][1], main=main.header.strip(),
                                   count=sum(1 for part in parts if part is not None)))
        else:
            issues.append(Issue.of(where, "reglement_colonnes", Severity.WARNING,
                                   headers=[t for _, t, _ in unread] + [main.header.strip()]))
        return parts, running
    for c, text, filled in unread:
        issues.append(Issue.of(CellRef(sheet, guess.row, column_letter(c + 1)),
                               "colonne_reglement_ignoree", Severity.WARNING,
                               header=text, count=filled))
    return [], False


def _said(row: list[Any], index: int) -> Any:
    """The cell's value, or None when it is empty or says nothing is received yet."""
    value = row[index] if index < len(row) else None
    return None if value in ("", None) or voc.says_not_paid_yet(value) else value


def _amount(row: list[Any], index: int) -> Decimal | None:
    try:
        return parse_amount(row[index]) if index < len(row) else None
    except ValueProblem:
        return None


def linked_by_citation(invoices: list[Invoice]) -> list[Invoice]:
    """A credit note row naming no invoice, whose number an invoice's « N° avoir » cites,
    corrects that invoice: it is linked to it (`original_number`), as if its row said so."""
    cited = {number_key(inv.credit_cited[0]): inv.number for inv in invoices
             if inv.credit_cited is not None and inv.number}
    if not cited:
        return invoices
    return [replace(inv, original_number=cited[number_key(inv.number)])
            if inv.kind is InvoiceKind.CREDIT_NOTE and not inv.original_number and inv.number
            and number_key(inv.number) in cited else inv for inv in invoices]


def cited_credit_notes(invoices: Sequence[Invoice], layout: SheetLayout,
                       credited: Mapping[str, Decimal], issues: list[Issue]) -> None:
    """An open invoice whose « N° avoir » names a credit note without its amount, that no
    credit note row of the sheet credits (`credited`): how much it still owes is not known,
    so it is held (an error at that cell) until the amount is typed, or the credit note's row
    names this invoice as the one it corrects."""
    for inv in invoices:
        if inv.credit_cited is None or not inv.number or credited.get(inv.number) \
                or inv.balance < CENT:
            continue
        text, column = inv.credit_cited
        sheet, row = layout.part(inv.row)
        issues.append(Issue.of(CellRef(sheet.sheet, row, column), "avoir_sans_montant",
                               Severity.ERROR, invoice=inv.number, value=text))


def credits_once(invoices: list[Invoice], layout: SheetLayout, credited: Mapping[str, Decimal],
                 issues: list[Issue]) -> list[Invoice]:
    """An invoice whose « Avoir » cell gives a credit note's amount that a credit note row of
    the sheet also credits (`credited`: its « Facture d'origine » is this invoice): the amount
    is taken off once, not twice. One warning at the cell says so."""
    result = []
    for inv in invoices:
        if inv.credit_in_column is not None and inv.number and credited.get(inv.number):
            amount, letter = inv.credit_in_column
            once = min(amount, credited[inv.number])
            sheet, row = layout.part(inv.row)
            issues.append(Issue.of(CellRef(sheet.sheet, row, letter), "avoir_deja_en_ligne",
                                   Severity.WARNING, invoice=inv.number, amount=once))
            inv = replace(inv, amount_paid=inv.amount_paid - once,
                          paid_in_other_columns=inv.paid_in_other_columns - once,
                          credit_in_column=None if once == amount else (amount - once, letter))
        result.append(inv)
    return result


def _added(rows: list[list[Any]], kept: Sequence[int], guess: HeaderGuess,
           columns: list[int]) -> tuple[list[Decimal | None], bool]:
    """What `columns` add to each row's amount paid ([] when they are not parts of it: no
    « Montant réglé » to add them to, a cell that is not an amount), and whether « Montant
    réglé » is their running total: a row where it alone fits the invoice's total but the sum
    does not. Then, by row, the amount paid where the columns say more than that total (a
    300 € deposit beside a « Montant réglé » of 0 is 300 € received, never forgotten), else
    None."""
    main = guess.columns.get("amount_paid")
    total = guess.columns.get("amount_ttc")
    if main is None or not columns:
        return [], False
    found_parts: list[tuple[Decimal | None, Decimal]] = []  # (the columns' sum, the main's)
    running = False
    for r in kept:
        row = rows[r]
        extra, found = ZERO, False
        for c in columns:
            if (value := _said(row, c)) is None:
                continue
            try:
                amount = parse_amount(value)
            except ValueProblem:
                return [], False  # a word, a date: not a column of amounts
            if amount is not None:
                extra, found = extra + amount, True
        paid = (_amount(row, main.index) or ZERO) if found else ZERO
        if found and total is not None:
            ttc = _amount(row, total.index)
            running = running or ttc is not None and paid <= ttc + CENT < paid + extra
        found_parts.append((extra if found else None, paid))
    parts = [None if extra is None or running and extra <= paid else extra
             for extra, paid in found_parts]
    return (parts if any(part is not None for part in parts) else []), running
