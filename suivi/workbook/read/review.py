"""The « Relances à envoyer » sheet read back: the team's « Envoyer » choice for each draft.

suivi writes the sheet (`suivi.workbook.review_sheet`) with one row per reminder waiting to be
sent; the team types Oui or Non in its « Envoyer » column, in Excel. The rows are found by
their « Identifiant » (the draft's id), whatever their order or the other columns; the header
row is looked for in the first rows. A choice suivi does not understand counts as Non and is
reported, naming its cell.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from suivi.core.models import CellRef, Issue, Master, Severity, column_letter
from suivi.workbook.vocabulary import fold_header

REVIEW_SHEET = "Relances à envoyer"
#: Columns of the sheet, left to right (the header row is `HEADER_ROW`).
COLUMNS = ("Client", "Étape", "Factures", "Montant dû", "Destinataire", "Brouillon", "Envoyer",
           "Préparé le", "Remarque", "Identifiant")
HEADER_ROW = 3
CHOICE, NOTE, IDENT, RECIPIENTS = "envoyer", "remarque", "identifiant", "destinataire"
YES, NO = "Oui", "Non"
_YES = frozenset({"oui", "o", "yes", "y", "x", "1", "vrai", "true", "ok", "✓", "✔", "✔️", "☑",
                  "☑️", "✅", "envoyer"})
_NO = frozenset({"non", "n", "no", "0", "faux", "false", "", "-", "✗", "✘", "❌", "☐"})
_SCAN_ROWS = 10


@dataclass(frozen=True, slots=True)
class ReviewChoice:
    """One row: the draft's id, whether to send it, the « Envoyer » cell, the note shown."""

    id: str
    send: bool
    where: CellRef
    note: str = ""
    recipients: str = ""  # the « Destinataire » cell as the team left it
    recipients_where: CellRef | None = None


@dataclass(frozen=True, slots=True)
class ReviewSheet:
    """The sheet as the team left it."""

    name: str
    choices: tuple[ReviewChoice, ...] = ()
    issues: tuple[Issue, ...] = ()

    def by_id(self) -> dict[str, ReviewChoice]:
        return {choice.id: choice for choice in self.choices}


def parse_choice(value: object) -> bool | None:
    """Oui → True, Non or empty → False, anything else → None."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value == 1 if value in (0, 1) else None
    folded = str(value if value is not None else "").strip().casefold()
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    return None


def _header(rows: Sequence[Sequence[object]]) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(rows[:_SCAN_ROWS]):
        columns = {fold_header(value): col for col, value in enumerate(row) if value}
        if IDENT in columns and CHOICE in columns:
            return index, columns
    return None


def _cell(row: Sequence[object], col: int | None) -> object:
    return row[col] if col is not None and col < len(row) else None


def read_review(rows: Sequence[Sequence[object]], sheet: str = REVIEW_SHEET) -> ReviewSheet:
    """The choices of the sheet's rows (as python-calamine gives them, row 0 = Excel row 1)."""
    found = _header(rows)
    if found is None:
        return ReviewSheet(sheet, issues=(Issue.of(sheet, "review.no_header",
                                                   Severity.WARNING, sheet=sheet),))
    header, columns = found
    choices: list[ReviewChoice] = []
    issues: list[Issue] = []
    for index in range(header + 1, len(rows)):
        row = rows[index]
        ident = str(_cell(row, columns[IDENT]) or "").strip()
        if not ident:
            continue
        raw = _cell(row, columns[CHOICE])
        where = CellRef(sheet, index + 1, column_letter(columns[CHOICE] + 1))
        send = parse_choice(raw)
        if send is None:
            issues.append(Issue.of(where, "review.bad_choice", Severity.WARNING, value=raw))
        note = str(_cell(row, columns.get(NOTE)) or "").strip()
        to = columns.get(RECIPIENTS)
        choices.append(ReviewChoice(
            ident, bool(send), where, note, str(_cell(row, to) or "").strip(),
            CellRef(sheet, index + 1, column_letter(to + 1)) if to is not None else None))
    return ReviewSheet(sheet, _settle_copies(choices, issues), tuple(issues))


def _settle_copies(choices: list[ReviewChoice], issues: list[Issue]) -> tuple[ReviewChoice, ...]:
    """One choice per draft. A row copied in Excel keeps its draft's id: when the copies
    disagree (Oui in one, Non in the other), the draft is held — never sent on a doubt — and
    the disagreement is reported naming both cells; agreeing copies count once."""
    first: dict[str, ReviewChoice] = {}
    for choice in choices:
        seen = first.setdefault(choice.id, choice)
        if seen is not choice and seen.send != choice.send:
            issues.append(Issue.of(choice.where, "review.conflicting_choice", Severity.WARNING,
                                   id=choice.id, first=seen.where))
            first[choice.id] = replace(seen, send=False)
    return tuple(first.values())


def sheet_name(names: Sequence[str]) -> str | None:
    """The review sheet's name as the workbook spells it (None when absent)."""
    wanted = fold_header(REVIEW_SHEET)
    return next((name for name in names if fold_header(name) == wanted), None)


def review_of(master: Master) -> ReviewSheet | None:
    """The review sheet of a master read by `read_master` (None when the workbook has none)."""
    rows: Mapping[str, list[list[object]]] = master.owned_rows
    name = sheet_name(list(rows))
    return read_review(rows[name], name) if name is not None else None
