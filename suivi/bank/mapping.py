"""The `[banque.csv]` settings: how to read a bank CSV whose layout suivi does not recognise.

Every key is optional; what is not set is detected. Columns are named by their header as
written in the file, or by their number (1 = first column), which is the only way for files
without a header row.

    [banque.csv]
    separateur = ";"              # ";", ",", "tab" or "|"
    encodage = "cp1252"           # "utf-8", "cp1252", "latin-1"…
    ligne_entete = 5              # line of the header row (1 = first line; 0 = no header)
    colonne_date = "Date opération"
    colonne_date_valeur = "Date valeur"
    colonne_libelle = "Libellé"
    colonne_montant = "Montant"   # a signed amount…
    colonne_debit = "Débit"       # …or a Débit and a Crédit column
    colonne_credit = "Crédit"
    colonne_reference = "Référence"   # the bank's id of the operation, if any
    colonne_payeur = "Tiers"
    colonne_details = "Informations complémentaires"
    separateur_decimal = ","
    format_date = "jj/mm/aaaa"    # or a strftime format such as "%d/%m/%Y"
    compte = "FR76 3000 4000 …"   # when the file does not say which account it is
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from suivi.messages import SuiviError


class BankSettingsError(SuiviError):
    """A `[banque.csv]` value that cannot be used."""

    code = "bank.config_invalid"


#: French key of suivi.toml → field of `CsvMapping`.
CSV_KEYS: dict[str, str] = {
    "separateur": "separator",
    "encodage": "encoding",
    "ligne_entete": "header_row",
    "colonne_date": "date",
    "colonne_date_valeur": "value_date",
    "colonne_libelle": "label",
    "colonne_montant": "amount",
    "colonne_debit": "debit",
    "colonne_credit": "credit",
    "colonne_reference": "reference",
    "colonne_payeur": "payer",
    "colonne_details": "details",
    "separateur_decimal": "decimal",
    "format_date": "date_format",
    "compte": "account",
}
#: Column fields, in the order messages list them.
COLUMN_FIELDS = ("date", "value_date", "label", "amount", "debit", "credit", "reference", "payer",
                 "details")
_SEPARATORS = {";": ";", ",": ",", "tab": "\t", "\t": "\t", "tabulation": "\t", "|": "|"}


@dataclass(frozen=True, slots=True)
class CsvMapping:
    """Explicit CSV settings (see the module docstring); None means "detect it"."""

    separator: str | None = None
    encoding: str | None = None
    header_row: int | None = None
    date: str | None = None
    value_date: str | None = None
    label: str | None = None
    amount: str | None = None
    debit: str | None = None
    credit: str | None = None
    reference: str | None = None
    payer: str | None = None
    details: str | None = None
    decimal: str | None = None
    date_format: str | None = None
    account: str | None = None

    def column(self, name: str) -> str | None:
        value = getattr(self, name)
        return None if value is None else str(value)

    @property
    def columns(self) -> dict[str, str]:
        """The columns the mapping names, field → header text or column number."""
        return {f: str(getattr(self, f)) for f in COLUMN_FIELDS if getattr(self, f) is not None}

    @classmethod
    def from_toml(cls, section: Mapping[str, Any]) -> CsvMapping:
        """A mapping from the `[banque.csv]` table of suivi.toml (French keys)."""
        values: dict[str, Any] = {}
        for key, value in section.items():
            name = CSV_KEYS.get(key)
            if name is None:
                raise BankSettingsError("bank.config_unknown_key", key=key,
                                        known=tuple(sorted(CSV_KEYS)))
            if name == "header_row":
                if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                    raise BankSettingsError("bank.config_invalid", key=key, value=value)
            elif name in COLUMN_FIELDS and isinstance(value, int) and not isinstance(value, bool):
                if value < 1:
                    raise BankSettingsError("bank.config_invalid", key=key, value=value)
                value = str(value)
            elif not isinstance(value, str) or not value.strip():
                raise BankSettingsError("bank.config_invalid", key=key, value=value)
            if name == "separator":
                if value.strip().lower() not in _SEPARATORS and value not in _SEPARATORS:
                    raise BankSettingsError("bank.config_invalid", key=key, value=value)
                value = _SEPARATORS.get(value, _SEPARATORS.get(value.strip().lower()))
            if name == "decimal" and value not in (",", "."):
                raise BankSettingsError("bank.config_invalid", key=key, value=value)
            values[name] = value
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in known})
