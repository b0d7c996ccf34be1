"""suivi.toml → typed settings.

The file sits beside the workbook. Keys are French (users edit it); attributes are English.
Every section has defaults that work without editing; a wrong value raises `ConfigError` with a
French message naming the key. Sections owned by a capability (relances, smtp, pénalités,
indicateurs, modèles) are parsed by that capability's own function, called from here.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Mapping

from suivi.workbook.vocabulary import INVOICE_FIELDS

CONFIG_NAME = "suivi.toml"
DEFAULT_WORKBOOK = "suivi_factures.xlsx"

# French keys accepted in [classeur.colonnes], beside the English field names.
COLUMN_KEYS_FR = {
    "numero": "number", "date": "issue_date", "date_facture": "issue_date", "client": "client",
    "designation": "description", "montant_ht": "amount_ht", "tva": "vat",
    "montant_ttc": "amount_ttc", "conditions": "payment_terms",
    "conditions_paiement": "payment_terms", "echeance": "due_date", "montant_regle": "amount_paid",
    "date_reglement": "payment_date", "reste_du": "balance", "statut": "status_text",
    "niveau_relance": "reminder_step", "derniere_action": "last_action",
    "date_derniere_action": "last_action_date", "prochaine_action": "next_action",
    "date_prochaine_action": "next_action_date", "commercial": "sales_rep",
    "bon_de_commande": "po_reference", "litige": "dispute", "promesse": "promise_date",
    "promesse_paiement": "promise_date", "notes": "notes", "fichier": "pdf_file",
    "fichier_facture": "pdf_file", "email": "client_email", "telephone": "client_phone",
    "taux_tva": "vat_rate", "type": "kind", "facture_origine": "original_number",
}


class ConfigError(Exception):
    """suivi.toml cannot be used; the message is French and names the key."""


@dataclass(frozen=True, slots=True)
class InvoicingSettings:
    """[factures]: numbering and where PDFs go."""

    number_pattern: str = "FAC{AAAA}-{NNN}"
    credit_note_pattern: str = "AV{AAAA}-{NNN}"
    yearly_reset: bool = True
    folder: str = "factures/{AAAA}"
    operation_nature: str = "services"
    default_vat_rate: Decimal = Decimal("20")
    default_template: str = "standard"
    enabled: bool = True


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything suivi.toml says, with defaults. `raw` keeps the parsed TOML for capabilities."""

    config_path: Path | None
    folder: Path
    workbook: Path
    sheet: str | None = None
    columns: Mapping[str, str] = field(default_factory=dict)
    default_terms: str = "30 jours"
    backups: int = 10
    lock_timeout: float = 30.0
    lang: str = "fr"
    invoicing: InvoicingSettings = field(default_factory=InvoicingSettings)
    raw: Mapping[str, Any] = field(default_factory=dict)

    @property
    def state_dir(self) -> Path:
        """The `.suivi/` folder beside the workbook (journal, backups, logs, render cache)."""
        return self.workbook.parent / ".suivi"

    def section(self, name: str) -> Mapping[str, Any]:
        value = self.raw.get(name, {})
        if not isinstance(value, Mapping):
            raise ConfigError(f"suivi.toml : [{name}] doit être une section (table TOML).")
        return value


def _get(section: Mapping[str, Any], key: str, kind: type, default: Any, where: str) -> Any:
    if key not in section:
        return default
    value = section[key]
    if kind is Decimal:
        try:
            return Decimal(str(value).replace(",", "."))
        except InvalidOperation as exc:
            raise ConfigError(f"suivi.toml : [{where}] {key} = {value!r} n'est pas un nombre.") from exc
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        names = {str: "un texte entre guillemets", int: "un nombre entier", bool: "true ou false",
                 float: "un nombre", list: "une liste [...]", dict: "une section"}
        raise ConfigError(
            f"suivi.toml : [{where}] {key} = {value!r} devrait être {names.get(kind, kind.__name__)}."
        )
    return value


def parse_columns(section: Mapping[str, Any]) -> dict[str, str]:
    """[classeur.colonnes]: field (English or French key) → header text or column letter."""
    columns: dict[str, str] = {}
    for key, value in section.items():
        fld = COLUMN_KEYS_FR.get(key, key)
        if fld not in INVOICE_FIELDS:
            known = ", ".join(sorted(COLUMN_KEYS_FR))
            raise ConfigError(
                f"suivi.toml : [classeur.colonnes] clé « {key} » inconnue. Clés possibles : {known}."
            )
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(
                f"suivi.toml : [classeur.colonnes] {key} doit être un en-tête ou une lettre de "
                f"colonne entre guillemets, par exemple {key} = \"C\"."
            )
        columns[fld] = value.strip()
    return columns


def parse_invoicing(section: Mapping[str, Any]) -> InvoicingSettings:
    w = "factures"
    d = InvoicingSettings()
    pattern = _get(section, "numero", str, d.number_pattern, w)
    credit = _get(section, "avoir", str, d.credit_note_pattern, w)
    for key, value in (("numero", pattern), ("avoir", credit)):
        if "{N" not in value:
            raise ConfigError(
                f"suivi.toml : [factures] {key} = \"{value}\" doit contenir le compteur {{NNN}} "
                f"(par exemple \"FAC{{AAAA}}-{{NNN}}\")."
            )
    nature = _get(section, "nature", str, d.operation_nature, w)
    if nature not in ("biens", "services", "mixte"):
        raise ConfigError(
            f"suivi.toml : [factures] nature = \"{nature}\" : choisissez \"biens\", \"services\" ou "
            f"\"mixte\"."
        )
    return InvoicingSettings(
        number_pattern=pattern,
        credit_note_pattern=credit,
        yearly_reset=_get(section, "remise_a_zero_annuelle", bool, True, w),
        folder=_get(section, "dossier", str, d.folder, w),
        operation_nature=nature,
        default_vat_rate=_get(section, "taux_tva", Decimal, d.default_vat_rate, w),
        default_template=_get(section, "modele", str, "standard", w),
        enabled=_get(section, "actif", bool, True, w),
    )


def find_config(start: Path | None = None) -> Path | None:
    """./suivi.toml in the current (or given) folder, if any."""
    folder = start or Path.cwd()
    candidate = folder / CONFIG_NAME
    return candidate if candidate.is_file() else None


def load_settings(config: str | os.PathLike | None = None,
                  workbook: str | os.PathLike | None = None) -> Settings:
    """Load settings.

    - `config` given: that file (error if missing).
    - otherwise `./suivi.toml` if present, else `suivi.toml` beside the given workbook, else
      defaults.
    - `workbook` given: it wins over the file named in the config.
    """
    config_path: Path | None
    if config is not None:
        config_path = Path(config)
        if not config_path.is_file():
            raise ConfigError(f"Fichier de configuration introuvable : « {config_path} ».")
    else:
        config_path = find_config()
        if config_path is None and workbook is not None:
            beside = Path(workbook).resolve().parent / CONFIG_NAME
            config_path = beside if beside.is_file() else None
    raw: dict[str, Any] = {}
    if config_path is not None:
        try:
            raw = tomllib.loads(config_path.read_text(encoding="utf-8-sig"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(
                f"« {config_path} » n'est pas un fichier TOML valide : {exc}. Corrigez la ligne "
                f"indiquée (les textes doivent être entre guillemets)."
            ) from exc
        except UnicodeDecodeError as exc:
            raise ConfigError(
                f"« {config_path} » n'est pas enregistré en UTF-8. Réenregistrez-le en UTF-8."
            ) from exc
    base = config_path.parent if config_path else Path.cwd()
    book = raw.get("classeur", {})
    if not isinstance(book, Mapping):
        raise ConfigError("suivi.toml : [classeur] doit être une section.")
    w = "classeur"
    if workbook is not None:
        workbook_path = Path(workbook)
    else:
        name = _get(book, "fichier", str, DEFAULT_WORKBOOK, w)
        workbook_path = Path(name)
        if not workbook_path.is_absolute():
            workbook_path = base / workbook_path
    general = raw.get("general", {})
    lang = _get(general, "langue", str, "fr", "general") if isinstance(general, Mapping) else "fr"
    if lang not in ("fr", "en"):
        raise ConfigError(f"suivi.toml : [general] langue = \"{lang}\" : choisissez \"fr\" ou \"en\".")
    backups = _get(book, "sauvegardes", int, 10, w)
    if backups < 1:
        raise ConfigError("suivi.toml : [classeur] sauvegardes doit être au moins 1.")
    sheet = _get(book, "feuille", str, "", w) or None
    return Settings(
        config_path=config_path,
        folder=workbook_path.resolve().parent,
        workbook=workbook_path.resolve(),
        sheet=sheet,
        columns=parse_columns(book.get("colonnes", {})),
        default_terms=_get(book, "conditions_defaut", str, "30 jours", w),
        backups=backups,
        lock_timeout=_get(book, "attente_verrou", float, 30.0, w),
        lang=lang,
        invoicing=parse_invoicing(raw.get("factures", {})),
        raw=raw,
    )
