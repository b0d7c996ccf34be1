"""[general], [classeur] and [classeur.colonnes]: language, the workbook and its columns."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from suivi.workbook.vocabulary import COLUMN_KEYS_FR, INVOICE_FIELDS

from .errors import ConfigError
from .fields import Section, expect, suggestion, table

GENERAL_KEYS = frozenset({"langue"})
CLASSEUR_KEYS = frozenset({"fichier", "feuille", "conditions_defaut", "sauvegardes",
                           "attente_verrou", "colonnes", "taille_max_mo",
                           "memoire_max_mo", "couleurs"})

def parse_lang(raw: Mapping[str, Any]) -> str | None:
    """[general] langue, or None when the file does not say (the environment decides)."""
    section = Section("general", table("", raw, "general"), GENERAL_KEYS)
    return section.choice("langue", "fr", ("fr", "en")) if section.has("langue") else None


def classeur(raw: Mapping[str, Any]) -> Section:
    return Section("classeur", table("", raw, "classeur"), CLASSEUR_KEYS)


def parse_columns(raw: Mapping[str, Any]) -> dict[str, str]:
    """[classeur.colonnes]: field (English or French key) → header text or column letter."""
    section = table("classeur", table("", raw, "classeur"), "colonnes")
    columns: dict[str, str] = {}
    for key, value in section.items():
        fld = COLUMN_KEYS_FR.get(key, key)
        if fld not in INVOICE_FIELDS:
            close = suggestion(key, COLUMN_KEYS_FR)
            raise ConfigError("config.unknown_key_close" if close else "config.unknown_key",
                              section="classeur.colonnes", key=key, close=close,
                              known=sorted(COLUMN_KEYS_FR))
        if not isinstance(value, str) or not value.strip():
            raise ConfigError.invalid("classeur.colonnes", key, value, expect("column"))
        columns[fld] = value.strip()
    return columns
