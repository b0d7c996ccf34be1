"""[banque] and [banque.csv] → `BankSettings` (statements folder, stale bank data, matching
thresholds, how to read a CSV whose layout is not recognised)."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

from suivi.bank.mapping import CSV_KEYS, BankSettingsError, CsvMapping
from suivi.bank.settings import STALE_HOLD, STALE_IGNORE, BankSettings
from suivi.core.message import Message

from .errors import ConfigError
from .fields import Section, expect, table

BANQUE_KEYS = frozenset({"dossier", "obsolete", "jours_obsolescence", "seuil_nom",
                         "seuil_nom_douteux", "montant_seul", "csv"})

#: [banque.csv] key → what it expects (config.expect.<code>)
CSV_EXPECT: dict[str, str] = {
    "separateur": "bank_separator",
    "encodage": "text",
    "ligne_entete": "bank_header_row",
    "separateur_decimal": "bank_decimal",
    "format_date": "text",
    "compte": "text",
}


def parse_bank(raw: Mapping[str, Any]) -> BankSettings:
    """The [banque] section (ConfigError naming the key when a value is wrong)."""
    banque = table("", raw, "banque")
    section = Section("banque", banque, BANQUE_KEYS)
    defaults = BankSettings()
    folder = section.text("dossier", defaults.folder)
    if not folder or ".." in PurePath(folder.replace("\\", "/")).parts:
        raise section.fail("dossier", expect("folder"))
    weak = section.integer("seuil_nom_douteux", defaults.weak_name, 1, 100)
    strong = section.integer("seuil_nom", defaults.strong_name, 1, 100)
    if strong < weak:
        raise section.fail("seuil_nom", expect("bank_thresholds", weak=weak))
    return BankSettings(
        folder=folder,
        stale_mode=section.choice("obsolete", defaults.stale_mode, (STALE_HOLD, STALE_IGNORE)),
        stale_days=section.integer("jours_obsolescence", defaults.stale_days, 1, 365),
        strong_name=strong,
        weak_name=weak,
        amount_only=section.boolean("montant_seul", defaults.amount_only),
        csv=parse_csv_mapping(table("banque", banque, "csv")),
    )


def parse_csv_mapping(raw: Mapping[str, Any]) -> CsvMapping:
    """[banque.csv]: the reader's own checks (`CsvMapping.from_toml`), worded as the one
    ConfigError of suivi.toml."""
    section = Section("banque.csv", raw, CSV_KEYS)
    try:
        return CsvMapping.from_toml(section.raw)
    except BankSettingsError as exc:
        key = str(exc.params.get("key", ""))
        raise ConfigError.invalid("banque.csv", key, section.raw.get(key),
                                  _expected(key)) from None


def _expected(key: str) -> Message:
    code = CSV_EXPECT.get(key)
    if code is not None:
        return expect(code)
    return expect("bank_column")  # colonne_* : a header text or a column number
