"""[conservation] → `RetentionSettings`: how long suivi keeps what it writes beside the workbook
(drafts and copies of sent reminders, logs, workbook backups). 0 keeps forever."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .fields import Section, table

CONSERVATION_KEYS = frozenset({"brouillons_jours", "journaux_jours", "sauvegardes_jours"})
MAX_DAYS = 36_500


@dataclass(frozen=True, slots=True)
class RetentionSettings:
    drafts_days: int = 0  # relances/AAAA-MM-JJ folders (drafts, sent copies, letters, exports)
    logs_days: int = 90  # .suivi/logs
    backups_days: int = 0  # .suivi/sauvegardes, besides [classeur] sauvegardes (a count)


def parse_retention(raw: Mapping[str, Any]) -> RetentionSettings:
    section = Section("conservation", table("", raw, "conservation"), CONSERVATION_KEYS)
    defaults = RetentionSettings()
    return RetentionSettings(
        drafts_days=section.integer("brouillons_jours", defaults.drafts_days, 0, MAX_DAYS),
        logs_days=section.integer("journaux_jours", defaults.logs_days, 0, MAX_DAYS),
        backups_days=section.integer("sauvegardes_jours", defaults.backups_days, 0, MAX_DAYS),
    )
