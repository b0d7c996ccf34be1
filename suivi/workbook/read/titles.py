"""Title rows of an invoice sheet, which are not invoices.

Teams group their invoices under titles: a month's name over its invoices (« Août 2026 »,
« SEPTEMBRE », « 1er trimestre »), or a client's name written once above its invoices, whose
own client cell is left empty. suivi read each title as an invoice with no client and no
amount (two errors a day, and exit 1 for a sheet without fault), and the invoices under a
client's name as invoices without a client, each held: that client was never reminded.

- `is_title_row`: a row whose only filled cell is a text with letters that names a period
  or a group of invoices (« Semaine 48 », « Lot 2026-B », « Chantier … »; anywhere), or a
  text that holds no digit in the number column (an invoice number always has one). A year
  alone (« 2026 ») may be a number typed ahead of its invoice: it is read as one.
  It is passed over like a « Total » line.
- `client_headings`: a client's name alone on its row, in the client column, followed by
  invoices (a number or a date) whose client cell is empty, names the client of each of them
  until the next such name. It is written into the rows read (never into the workbook), as
  for a client cell merged down (`invoices.merged_clients`), the name's own row is not an
  invoice, and one warning says so.

A client's name alone on a row followed by invoices that name their own client is left as it
was: an invoice being typed, whose missing amount is an error the team should see.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from suivi.core.models import CellRef, Issue, Severity
from suivi.workbook.vocabulary import fold_header

from .cells import is_total_label, row_empty
from .headers import HeaderGuess
from .sister_sheets import is_period_name

#: How many headings the warning quotes.
QUOTED = 3


def lone_cell(values: Sequence[Any], first: int, last: int) -> int | None:
    """The index of the row's only filled cell in `first..last`; None if none or several."""
    found = None
    for c in range(first, min(last + 1, len(values))):
        value = values[c]
        if value is not None and value != "":
            if found is not None:
                return None
            found = c
    return found


def _has_letter(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def is_title_row(values: Sequence[Any], first: int, last: int, number_at: int) -> bool:
    """« Août 2026 » alone on its row (in any column), « CLIENTS PARTICULIERS » alone in the
    number column: a title over the invoices below, not an invoice."""
    at = lone_cell(values, first, last)
    if at is None or not isinstance(values[at], str):
        return False
    text = values[at].strip()
    if not _has_letter(text):
        return False  # « 2026 » alone may be an invoice number typed ahead of its invoice
    if is_period_name(text) or _groups(text):
        return True
    return at == number_at and not any(ch.isdigit() for ch in text)


#: First words of a title that groups invoices by week, project, site… (« Semaine 48 »,
#: « Trimestre 4 », « Lot 2026-B », « Chantier 12 rue de la Paix »), folded.
_GROUPING = frozenset({"semaine", "sem", "week", "trimestre", "semestre", "mois", "annee",
                       "exercice", "periode", "lot", "chantier", "projet", "dossier", "affaire",
                       "secteur", "agence", "site", "region", "groupe", "section", "quarter"})


def _groups(text: str) -> bool:
    words = fold_header(text).split()
    return len(words) >= 2 and words[0] in _GROUPING


def client_headings(rows: list[list[Any]], guess: HeaderGuess, sheet: str,
                    issues: list[Issue], unnumbered: Sequence[int]) -> set[int]:
    """The rows among `unnumbered` (rows kept without a number) that are a client's name
    written alone above its invoices: the name is copied into their empty client cells, in
    the rows read (see the module docstring)."""
    client = guess.columns.get("client")
    naming = [guess.columns[f].index for f in ("number", "issue_date") if f in guess.columns]
    if client is None or not naming:
        return set()
    at = client.index

    def empty(row: list[Any], c: int) -> bool:
        return c >= len(row) or row[c] in ("", None)

    headings = [r for r in unnumbered if not empty(rows[r], at)
                and all(empty(rows[r], c) for c in naming) and _is_heading(rows, r, guess, naming)]
    if not headings:
        return set()
    found = []
    for k, r in enumerate(headings):
        name = str(rows[r][at]).strip()
        found.append((r, name))
        end = headings[k + 1] if k + 1 < len(headings) else len(rows)
        for below in range(r + 1, end):
            row = rows[below]
            if empty(row, at) and not all(empty(row, c) for c in naming):
                if at >= len(row):
                    row.extend([None] * (at + 1 - len(row)))
                row[at] = name
    first_row = found[0][0]
    issues.append(Issue.of(CellRef(sheet, first_row + 1, client.column), "client_en_titre",
                           Severity.WARNING, count=len(found),
                           names=[name for _, name in found[:QUOTED]]))
    return set(headings)


def _is_heading(rows: list[list[Any]], r: int, guess: HeaderGuess, naming: list[int]) -> bool:
    """Row `r` holds only a client's name, and the next row that holds anything is an
    invoice without a client."""
    client = guess.columns["client"].index
    values = rows[r]
    name = values[client]
    if lone_cell(values, guess.first_col, guess.last_col) != client or not isinstance(
            name, str) or not _has_letter(name) or is_total_label(name) or is_period_name(name):
        return False
    for below in range(r + 1, len(rows)):
        row = rows[below]
        if row_empty(row, guess.first_col, guess.last_col):
            continue
        return (client >= len(row) or row[client] in ("", None)) and any(
            c < len(row) and row[c] not in ("", None) for c in naming)
    return False
