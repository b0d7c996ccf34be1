"""The team's own reminder columns: « Relance 1 », « Relance 2 », « Mise en demeure »…, each
holding the day that reminder went out (or a cross).

Many trackers keep one column per step instead of a « Niveau de relance ». suivi read none of
them, and its first run sent « Relance 1 » to a client the team had already sent a formal
notice. Each such column is read here into `Invoice.team_reminders`: (step, day) pairs that the
reminder history (`mail.history`) counts as steps done and as messages to the client. suivi
does not write into these columns: it records its own steps in its « Niveau de relance »."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from suivi.core.models import CellRef, Issue, Severity, column_letter
from suivi.core.steps import Step, named_step
from suivi.core.values import ValueProblem, parse_date

from .headers import HeaderGuess

#: What a cell says for « done » without its day.
_DONE = frozenset({"x", "oui", "o", "yes", "y", "ok", "fait", "faite", "done", "✓", "✔", "☑",
                   "envoyé", "envoyée", "envoye", "envoyee", "sent"})


def step_of_header(header: str) -> Step | None:
    """The step a team's column header names (`core.steps.named_step`)."""
    return named_step(header)


def _day(value: Any) -> date | None | bool:
    """The day a cell says the reminder went out; True for a cross or « oui » (done, day not
    said); False for anything else."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return False
    try:
        day = parse_date(value)
    except ValueProblem:
        day = None
    if day is not None:
        return day
    return value.strip().casefold() in _DONE


Reminders = tuple[tuple[int, date | None], ...]


def step_dates(cells: Sequence[Any]) -> bool:
    """Whether most of a column's filled `cells` are days or crosses."""
    return bool(cells) and sum(1 for v in cells if _day(v) is not False) * 2 > len(cells)


def team_reminders(rows: list[list[Any]], kept: Sequence[int], guess: HeaderGuess, sheet: str,
                   issues: list[Issue]) -> list[Reminders | None]:
    """By position of `kept`, the (step, day) of each reminder the team's step columns record,
    or None; [] when the sheet has no such column. A column counts when its header names a
    step (`step_of_header`) and most of its filled cells are days or crosses (a day after
    today is a plan: `mail.history` sets it aside)."""
    header = rows[guess.row - 1] if 0 < guess.row <= len(rows) else []
    used = {info.index for info in guess.columns.values()} | {c for c, _, _ in guess.vat_split}
    found: list[tuple[int, Step]] = []
    for c in range(guess.first_col, min(guess.last_col + 1, len(header))):
        text = header[c]
        if c in used or not isinstance(text, str):
            continue
        step = step_of_header(text)
        if step is None:
            continue
        cells = [rows[r][c] for r in kept if c < len(rows[r]) and rows[r][c] not in ("", None)]
        if step_dates(cells):
            found.append((c, step))
    if not found:
        return []
    reminded: list[Reminders | None] = []
    for r in kept:
        row = rows[r]
        done = []
        for c, step in found:
            day = _day(row[c]) if c < len(row) else False
            if day is False:
                continue
            done.append((int(step), day if isinstance(day, date) else None))
        reminded.append(tuple(done) or None)
    issues.append(Issue.of(CellRef(sheet, guess.row, column_letter(found[0][0] + 1)),
                           "relances_equipe", Severity.WARNING,
                           headers=[header[c].strip() for c, _ in found],
                           count=sum(1 for done in reminded if done)))
    return reminded
