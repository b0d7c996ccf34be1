"""A Clients sheet with several e-mail columns: « E-mail facturation » and « Email contact »,
« Email 1 » and « Email 2 ». suivi read the first and left the others unread: a client whose
billing address was empty had no address, and was never reminded, though the sheet gave one.
Now, when a client's e-mail cell is empty, the addresses of the next e-mail column that has
some are its own, and one warning per column used says so (`email_autre_colonne`)."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from suivi.core.models import CellRef, Issue, Severity, column_letter
from suivi.workbook import vocabulary as voc

from .headers import HeaderGuess

#: Folded words of an e-mail column's header…
_MAIL = frozenset({"email", "emails", "mail", "mails", "courriel", "courriels", "mel"})
#: … unless it is about mails sent (« Date envoi mail », « Mail envoyé »).
_NOT_ADDRESS = frozenset({"date", "envoi", "envoye", "envoyee", "sent", "relance", "le"})

#: How many clients the warning names.
NAMED = 3


def other_email_columns(rows: list[list[Any]], guess: HeaderGuess) -> list[tuple[int, str]]:
    """The e-mail columns of the header that no field took: (index, header)."""
    if "email" not in guess.columns or guess.row > len(rows):
        return []
    header = rows[guess.row - 1]
    taken = {info.index for info in guess.columns.values()}
    found = []
    for index in range(guess.first_col, min(guess.last_col + 1, len(header))):
        text = header[index]
        if index in taken or not isinstance(text, str):
            continue
        words = set(voc.fold_header(text).split())
        if words & _MAIL and not words & _NOT_ADDRESS:
            found.append((index, text.strip()))
    return found


def other_address(values: Sequence[Any], columns: list[tuple[int, str]]) -> tuple[int, str] | None:
    """The first of `columns` whose cell on this row holds an address: (index, its text)."""
    for index, _ in columns:
        value = values[index] if index < len(values) else None
        if isinstance(value, str) and "@" in value:
            return index, value
    return None


def said_once(used: dict[int, list[str]], columns: list[tuple[int, str]], guess: HeaderGuess,
              sheet: str, issues: list[Issue]) -> None:
    """One warning per other column whose addresses were used, naming the first clients."""
    main = guess.columns["email"].header.strip()
    for index, header in columns:
        if names := used.get(index):
            issues.append(Issue.of(CellRef(sheet, guess.row, column_letter(index + 1)),
                                   "email_autre_colonne", Severity.WARNING, count=len(names),
                                   main=main, header=header, names=names[:NAMED]))
