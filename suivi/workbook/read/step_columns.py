"""The team's own reminder columns: « Relance 1 », « Relance 2 », « Mise en demeure »…, each
holding the day that reminder went out (or a cross).

Many trackers keep one column per step instead of a « Niveau de relance ». suivi read none of
them, and its first run sent « Relance 1 » to a client the team had already sent a formal
notice. Each such column is read here into `Invoice.team_reminders`: (step, day) pairs that the
reminder history (`mail.history`) counts as steps done and as messages to the client. suivi
does not write into these columns: it records its own steps in its « Niveau de relance »."""
from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from suivi.core.models import CellRef, Issue, Severity, column_letter
from suivi.core.steps import Step
from suivi.core.values import ValueProblem, parse_date
from suivi.workbook import vocabulary as voc

from .headers import HeaderGuess

_ORDINAL = re.compile(r"^(\d{1,2})(?:e|er|ere|re|eme|ieme|de|nde|nd|st|rd|th)?$")
_ORDINAL_WORDS = {"premiere": 1, "premier": 1, "first": 1, "deuxieme": 2, "seconde": 2,
                  "second": 2, "troisieme": 3, "third": 3, "quatrieme": 4, "fourth": 4}
_REMINDER = frozenset({"relance", "relances", "rappel", "reminder", "relancee"})
_PHONE = frozenset({"appel", "tel", "telephone", "telephonique", "phone", "call"})
_FORMAL = frozenset({"med", "lrar", "recommande", "recommandee", "demeure"})
_COLLECTION = frozenset({"recouvrement", "contentieux", "injonction", "huissier",
                         "commissaire", "collection"})
#: Words of a header that say it holds something else than the day a reminder went out: a
#: plan (« Prochaine relance », « Relance prévue »), money (« Frais de relance »), a note.
_OTHER = frozenset({"prevue", "prevu", "prochaine", "prochain", "planifiee", "planifie", "next",
                    "planned", "relancer", "frais", "montant", "indemnite", "penalites", "cout",
                    "reponse", "retour", "statut", "resultat", "commentaire", "commentaires",
                    "note", "notes", "objet", "mode", "canal", "qui", "niveau", "nb", "nombre",
                    "level", "adresse", "modele"})

#: What a cell says for « done » without its day.
_DONE = frozenset({"x", "oui", "o", "yes", "y", "ok", "fait", "faite", "done", "✓", "✔", "☑",
                   "envoyé", "envoyée", "envoye", "envoyee", "sent"})


@lru_cache(maxsize=512)
def step_of_header(header: str) -> Step | None:
    """The step a team's column header names: « Relance 1 », « 2ème relance », « Date relance
    n°2 », « Mise en demeure », « LRAR », « Relance téléphonique », « Recouvrement ». A later
    written reminder than the second (« Relance 3 ») is Relance 2, suivi's last one: suivi
    never goes further than the team went. `Step.NONE` for a reminder whose step the header
    does not say (« Relancé le », « Date relance »: `mail.history` takes it as Relance 1 when
    it came after the due date). None when the header names no reminder, or names a plan,
    money or a note (« Prochaine relance », « Frais de relance »)."""
    folded = voc.fold_header(header)
    words = set(re.findall(r"[a-z0-9]+", folded))
    if not words or words & _OTHER:
        return None
    if "mise en demeure" in folded or words & _FORMAL:
        return Step.FORMAL_NOTICE
    if words & _COLLECTION:
        return Step.COLLECTION
    if words & _PHONE:
        return Step.PHONE_CALL
    if not words & _REMINDER:
        return None
    if "pre" in words or "prerelance" in words or "echeance" in words:
        return Step.COURTESY
    ranks = [int(m.group(1)) for w in words if (m := _ORDINAL.match(w))]
    ranks += [_ORDINAL_WORDS[w] for w in words if w in _ORDINAL_WORDS]
    if len(ranks) > 1:
        return None
    if not ranks:
        return Step.NONE  # « Relancé le », « Date relance »: a reminder, its step not said
    rank = ranks[0]
    if rank == 0:
        return Step.COURTESY
    return Step.REMINDER_1 if rank == 1 else Step.REMINDER_2


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
