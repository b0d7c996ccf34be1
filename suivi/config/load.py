"""Find, read and validate suivi.toml: the one place configuration is parsed.

    settings = load_settings()                      # ./suivi.toml and the workbook it names
    settings = load_settings("C:/Compta/suivi.toml")
    settings = load_settings(workbook="suivi_factures.xlsx")

Every section is checked here, before any workbook is read, so that `suivi check` refuses what
`suivi run` would refuse.
"""
from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .bank import parse_bank
from .dunning import parse_dunning
from .errors import ConfigError
from .fields import suggestion
from .invoicing import parse_invoicing, parse_seller, parse_templates
from .kpi import parse_kpi
from .model import CONFIG_NAME, DEFAULT_WORKBOOK, Settings
from .retention import parse_retention
from .workbook import classeur, parse_columns, parse_lang

#: Top-level sections of suivi.toml (a typo such as [relance] is refused with a suggestion).
SECTIONS = frozenset({"general", "classeur", "vendeur", "factures", "modeles", "relances", "smtp",
                      "penalites", "indicateurs", "banque", "conservation"})


def find_config(start: Path | None = None) -> Path | None:
    """./suivi.toml in the current (or given) folder, if any."""
    candidate = (start or Path.cwd()) / CONFIG_NAME
    return candidate if candidate.is_file() else None


def read_toml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError("config.not_utf8", path=str(path)) from None
    except OSError as exc:
        raise ConfigError("config.unreadable", path=str(path), reason=exc.strerror or str(exc)
                          ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("config.toml_syntax", path=str(path), detail=str(exc)) from None


def load_settings(config: str | os.PathLike[str] | None = None,
                  workbook: str | os.PathLike[str] | None = None) -> Settings:
    """Settings of one entity.

    - `config` given: that file (error if missing);
    - otherwise `./suivi.toml` if present, else `suivi.toml` beside the given workbook, else
      the defaults;
    - `workbook` given: it wins over the file named in the configuration.
    """
    config_path: Path | None
    if config is not None:
        config_path = Path(config)
        if not config_path.is_file():
            raise ConfigError("config.not_found", path=str(config_path))
    else:
        config_path = find_config()
        if config_path is None and workbook is not None:
            beside = Path(workbook).resolve().parent / CONFIG_NAME
            config_path = beside if beside.is_file() else None
    raw = read_toml(config_path) if config_path is not None else {}
    base = config_path.parent if config_path else Path.cwd()
    return settings_from(raw, base, config_path, workbook)


def settings_from(raw: Mapping[str, Any], base: Path, config_path: Path | None = None,
                  workbook: str | os.PathLike[str] | None = None) -> Settings:
    """Validate a parsed suivi.toml (relative paths start at `base`)."""
    for name in raw:
        if name not in SECTIONS:
            close = suggestion(name, SECTIONS)
            raise ConfigError("config.unknown_section_close" if close else
                              "config.unknown_section", section=name, close=close,
                              known=sorted(SECTIONS))
    book = classeur(raw)
    if workbook is not None:
        path = Path(workbook)
    else:
        path = Path(book.text("fichier", DEFAULT_WORKBOOK) or DEFAULT_WORKBOOK)
        if not path.is_absolute():
            path = base / path
    path = path.resolve()
    return Settings(
        config_path=config_path,
        folder=path.parent,
        workbook=path,
        lang=parse_lang(raw),
        sheet=book.text("feuille", "") or None,
        columns=parse_columns(raw),
        default_terms=book.text("conditions_defaut", "30 jours") or "30 jours",
        backups=book.integer("sauvegardes", 10, 1, 1000),
        lock_timeout=book.number("attente_verrou", 30.0, 0, 3600),
        max_part_mb=book.integer("taille_max_mo", 200, 1, 4000),
        memory_budget_mb=book.integer("memoire_max_mo", 1024, 256, 65536),
        seller=parse_seller(raw, path.parent),
        invoicing=parse_invoicing(raw),
        templates=parse_templates(raw, path.parent),
        dunning=parse_dunning(raw),
        kpi=parse_kpi(raw),
        retention=parse_retention(raw),
        bank=parse_bank(raw),
    )
