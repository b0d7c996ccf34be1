"""The reminder ladder's steps, shared by dunning (which reaches them) and KPIs (which count them).

The workbook's "Niveau de relance" column holds the number of the last step reached:

    0  nothing yet
    1  avis d'échéance         courtesy notice before the due date (J-5)
    2  relance 1               courteous first reminder (J+1)
    3  relance 2               second reminder (J+7)
    4  appel                   phone call, a task for the team (J+15)
    5  mise en demeure         formal notice, letter + email (J+30)
    6  recouvrement            hand-over to collection (J+45)

The Journal sheet's "Étape" column holds the French label below; `parse_step` reads it back
(and accepts the number, or the English label).
"""
from __future__ import annotations

import re
import unicodedata
from enum import IntEnum
from functools import lru_cache


class Step(IntEnum):
    NONE = 0
    COURTESY = 1
    REMINDER_1 = 2
    REMINDER_2 = 3
    PHONE_CALL = 4
    FORMAL_NOTICE = 5
    COLLECTION = 6

    @property
    def label(self) -> str:
        return STEP_LABELS_FR[self]

    @property
    def label_en(self) -> str:
        return STEP_LABELS_EN[self]

    @property
    def is_reminder(self) -> bool:
        """A step that asks for payment of an overdue invoice (not the courtesy notice)."""
        return self >= Step.REMINDER_1

    @property
    def severe(self) -> bool:
        return self >= Step.FORMAL_NOTICE


_BY_NUMBER = tuple(Step)

STEP_LABELS_FR = {
    Step.NONE: "aucune",
    Step.COURTESY: "Avis d'échéance",
    Step.REMINDER_1: "Relance 1",
    Step.REMINDER_2: "Relance 2",
    Step.PHONE_CALL: "Appel téléphonique",
    Step.FORMAL_NOTICE: "Mise en demeure",
    Step.COLLECTION: "Recouvrement",
}
STEP_LABELS_EN = {
    Step.NONE: "none",
    Step.COURTESY: "Due date notice",
    Step.REMINDER_1: "Reminder 1",
    Step.REMINDER_2: "Reminder 2",
    Step.PHONE_CALL: "Phone call",
    Step.FORMAL_NOTICE: "Formal notice",
    Step.COLLECTION: "Collection",
}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().replace("'", " ").split())


_ALIASES = {
    _fold(label): step
    for labels in (STEP_LABELS_FR, STEP_LABELS_EN)
    for step, label in labels.items()
} | {
    "avis": Step.COURTESY, "avis d echeance": Step.COURTESY, "rappel": Step.COURTESY,
    "relance": Step.REMINDER_1, "1ere relance": Step.REMINDER_1, "premiere relance": Step.REMINDER_1,
    "2e relance": Step.REMINDER_2, "deuxieme relance": Step.REMINDER_2,
    "appel": Step.PHONE_CALL, "telephone": Step.PHONE_CALL,
    "mise en demeure": Step.FORMAL_NOTICE, "med": Step.FORMAL_NOTICE,
    "contentieux": Step.COLLECTION, "recouvrement": Step.COLLECTION,
}


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
                    "level", "adresse", "modele", "oui", "non", "faire"})

@lru_cache(maxsize=1024)
def named_step(text: str) -> Step | None:
    """The step a team's column header (or note) names: « Relance 1 », « 2ème relance »,
    « Date relance n°2 », « Mise en demeure », « LRAR », « Relance téléphonique »,
    « Recouvrement ». A later
    written reminder than the second (« Relance 3 ») is Relance 2, suivi's last one: suivi
    never goes further than the team went. `Step.NONE` for a reminder whose step the header
    does not say (« Relancé le », « Date relance »: `mail.history` takes it as Relance 1 when
    it came after the due date). None when the header names no reminder, or names a plan,
    money or a note (« Prochaine relance », « Frais de relance »)."""
    folded = " ".join(re.findall(r"[a-z0-9]+", _fold(text)))
    words = set(folded.split())
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


def parse_step(value: object) -> Step | None:
    """Step from a cell: 3, "3", "Relance 2", "Relance 2 (J+7)", "Reminder 2". None if unknown."""
    if value is None:
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = int(value)
        return _BY_NUMBER[number] if 0 <= number < len(_BY_NUMBER) else None
    return _parse_text(str(value))


@lru_cache(maxsize=4096)
def _parse_text(value: str) -> Step | None:
    """`parse_step` of a text: a Journal sheet repeats a handful of labels thousands of times."""
    text = value.strip()
    if not text:
        return None
    if text.isdigit():
        return parse_step(int(text))
    folded = _fold(re.sub(r"\(.*?\)", "", text))
    if folded in _ALIASES:
        return _ALIASES[folded]
    for alias, step in sorted(_ALIASES.items(), key=lambda kv: -len(kv[0])):
        if alias and folded.startswith(alias):
            return step
    return None
