"""Which rows of the invoice sheet are invoices: not the empty ones, nor a « Total » line, nor
a title (« Août 2026 », `titles`), nor the header typed again over the next block, nor the
rows that name no invoice (the lines of an invoice typed over several rows, a note), which
are named once per block."""
from __future__ import annotations

from typing import Any

from suivi.core.models import CellRef, Issue, Severity
from suivi.core.values import parse_text

from .cells import is_total_label, is_total_row, one_filled, row_empty
from .headers import HeaderGuess
from .titles import client_headings, is_title_row


def invoice_rows(rows: list[list[Any]], guess: HeaderGuess, sheet: str,
                 issues: list[Issue]) -> list[int]:
    """Indices of the invoice rows (`kept_rows`), the rows that name no invoice reported."""
    details: list[int] = []
    unnumbered: list[int] = []
    kept = kept_rows(rows, guess, details, unnumbered)
    if details:
        _detail_rows(rows, details, guess, sheet, issues)
    if unnumbered and (headings := client_headings(rows, guess, sheet, issues, unnumbered)):
        kept = [r for r in kept if r not in headings]
    return kept


#: First characters of « Total… », « Sous-total… », « Grand total » (a number rarely has them).
_TOTAL_FIRST = frozenset("TtSsGg \t")


def kept_rows(rows: list[list[Any]], guess: HeaderGuess, details: list[int] | None = None,
              unnumbered: list[int] | None = None) -> list[int]:
    """Indices of the data rows: empty rows and a "Total" line at the bottom are left out, and
    so are the rows that name no invoice (no number, no client, no date: the lines of an
    invoice typed over several rows, a note), which go to `details`. The rows kept without
    a number go to `unnumbered` too (where a client's name over its invoices may be)."""
    first, last = guess.first_col, guess.last_col
    number = guess.columns.get("number")
    at = number.index if number is not None else -1
    filled = [guess.columns[f].index for f in ("client", "issue_date") if f in guess.columns]
    naming = [at, *filled] if at >= 0 else []
    client = guess.columns["client"].index if "client" in guess.columns else -1
    header = rows[guess.row - 1] if 0 < guess.row <= len(rows) else []
    repeated = header[at] if 0 <= at < len(header) and isinstance(header[at], str) else None
    kept = []
    for r in range(guess.row, len(rows)):
        values = rows[r]
        if 0 <= at < len(values) and values[at] != "" and values[at] is not None and not (
                type(values[at]) is str and values[at][:1] in _TOTAL_FIRST
                and is_total_label(values[at])):
            if values[at] == repeated and repeats_header(values, header, first, last):
                continue  # the header typed again over the next block (« SEPTEMBRE 2026 »)
            if type(values[at]) is not str or 0 <= client < len(values) and values[client] \
                    not in ("", None) or not is_title_row(values, first, last, at):
                kept.append(r)  # the common case: a numbered invoice
            continue
        if row_empty(values, first, last) or is_total_row(values, first, last, filled) or (
                one_filled(values, first, last) and is_title_row(values, first, last, at)):
            continue
        if naming and details is not None and all(
                c >= len(values) or values[c] in ("", None) for c in naming):
            details.append(r)
            continue
        kept.append(r)
        if unnumbered is not None:
            unnumbered.append(r)
    return kept


def repeats_header(values: list[Any], header: list[Any], first: int, last: int) -> bool:
    """The row says again what the header says, in most of the header's cells."""
    said = same = 0
    for c in range(first, min(last + 1, len(header))):
        if isinstance(header[c], str) and header[c].strip():
            said += 1
            if c < len(values) and isinstance(values[c], str) \
                    and values[c].strip().casefold() == header[c].strip().casefold():
                same += 1
    return same >= 2 and same * 2 > said


def _detail_rows(rows: list[list[Any]], details: list[int], guess: HeaderGuess, sheet: str,
                 issues: list[Issue]) -> None:
    """One warning per block of rows that name no invoice, with the invoice above it if any;
    an error at that invoice when the block holds money received (« Acompte » with its amount
    under the invoice): what it pays is not known, and a reminder would claim the whole."""
    number = guess.columns["number"]
    received = [guess.columns[f] for f in ("amount_paid", "payment_date") if f in guess.columns]
    blocks: list[list[int]] = []
    for r in details:
        if blocks and blocks[-1][-1] == r - 1:
            blocks[-1].append(r)
        else:
            blocks.append([r])
    for block in blocks:
        above = rows[block[0] - 1] if block[0] - 1 >= guess.row else []
        invoice = parse_text(above[number.index]) if number.index < len(above) else None
        issues.append(Issue.of(CellRef(sheet, block[0] + 1, number.column), "lignes_detail",
                               Severity.WARNING, variant="under" if invoice else "",
                               count=len(block), first=block[0] + 1, invoice=invoice or ""))
        money = [(r, info) for r in block for info in received
                 if info.index < len(rows[r]) and rows[r][info.index] not in ("", None)]
        if invoice and money:  # at the invoice's own row, which it holds
            r, info = money[0]
            issues.append(Issue.of(CellRef(sheet, block[0], info.column),
                                   "reglement_ligne_detail", Severity.ERROR, invoice=invoice,
                                   row=r + 1, header=info.header))
