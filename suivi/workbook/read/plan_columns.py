"""The team's plan: the day it means to remind a client next, typed in a column of its own
(« Prochaine relance », « Relance prévue le », « À relancer le ») or said in the Statut or the
team's remarks (« À relancer le 15/12 »).

suivi followed its own ladder only: it reminded on 1 December a client the team had planned
to remind on the 15th (after a call, an arrangement made by phone), and the team's column
was only named as « not a reminder step ». Such a day is now read into
`Invoice.planned_reminder`, and the next step waits for it (`core.plan`): suivi never
reminds earlier than the team planned, nor earlier than its own ladder allows. A day already
past says nothing. suivi does not write into the team's column."""
from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from suivi.core.ledger import _fold
from suivi.core.models import CellRef, Issue, Severity, column_letter
from suivi.core.status_notes import planned_day, planned_in_status
from suivi.core.values import ValueProblem, parse_date

from .headers import HeaderGuess

_REMINDER = frozenset({"relance", "relances", "relancer", "rappel", "rappeler", "reminder",
                       "reminders"})
_PLAN = frozenset({"prochaine", "prochain", "prevue", "prevu", "planifiee", "planifie",
                   "relancer", "rappeler", "next", "planned"})


def is_plan_header(text: str) -> bool:
    """Whether a header names the day of a reminder to come: « Prochaine relance »,
    « Relance prévue le », « À relancer le », « Date de relance prévue », « Next reminder »
    (not « Date dernière relance », nor suivi's own « Date prochaine action »)."""
    words = set(re.findall(r"[a-z]+", _fold(text)))
    return bool(words & _REMINDER and words & _PLAN)


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    try:
        return parse_date(value)
    except ValueProblem:
        return None


def holds_days(cells: Sequence[Any]) -> bool:
    """Whether most of a column's filled `cells` are days."""
    return bool(cells) and sum(1 for v in cells if _day(v) is not None) * 2 > len(cells)


def team_plans(rows: list[list[Any]], kept: Sequence[int], guess: HeaderGuess, sheet: str,
               issues: list[Issue]) -> list[date | None]:
    """By position of `kept`, the day the team's plan column gives (the latest, when it has
    several); [] when the sheet has no such column. A column counts when its header names a
    plan (`is_plan_header`) and most of its filled cells are days. A « Relancer ? » column
    (Oui / Non) is read as such, and is also a plan when it holds days instead (« À relancer
    le »). One warning names the column."""
    header = rows[guess.row - 1] if 0 < guess.row <= len(rows) else []
    answers = guess.columns.get("reminders_on")
    used = {info.index for info in guess.columns.values()} | {c for c, _, _ in guess.vat_split}
    if answers is not None:
        used.discard(answers.index)
    found: list[int] = []
    for c in range(guess.first_col, min(guess.last_col + 1, len(header))):
        text = header[c]
        if c in used or not isinstance(text, str) or not is_plan_header(text):
            continue
        cells = [rows[r][c] for r in kept if c < len(rows[r]) and rows[r][c] not in ("", None)]
        if holds_days(cells):
            found.append(c)
    if not found:
        return []
    plans: list[date | None] = []
    for r in kept:
        row = rows[r]
        days = [day for c in found if c < len(row) and (day := _day(row[c])) is not None]
        plans.append(max(days) if days else None)
    issues.append(Issue.of(CellRef(sheet, guess.row, column_letter(found[0] + 1)),
                           "relance_prevue_equipe", Severity.WARNING,
                           header=str(header[found[0]]).strip(),
                           count=sum(1 for day in plans if day is not None)))
    return plans


def plans_in_notes(statuses: Sequence[str | None], notes: Sequence[str | None] | None,
                   dues: Sequence[date | None], issued: Sequence[date | None],
                   columns: Sequence[date | None]) -> list[date | None] | None:
    """By position, the team's plan: its plan column's day (`columns`, [] without one), else
    a plan its Statut says, else its note (« À relancer le 15/12 »). None when no row has
    one (most sheets)."""
    texts = {text for text in (*statuses, *(notes or ())) if text}
    said = {text for text in texts if planned_day(text) is not None}
    if not columns and not said:
        return None
    plans: list[date | None] = []
    for position, (status, due, day) in enumerate(zip(statuses, dues, issued)):
        note = notes[position] if notes else None
        typed = columns[position] if columns else None
        anchor = due or day
        plans.append(typed if typed is not None
                     else planned_in_status(status, anchor) if status in said
                     else planned_in_status(note, anchor) if note in said else None)
    return plans if any(day is not None for day in plans) else None

