"""Find, read and validate suivi.toml: the one place configuration is parsed.

    settings = load_settings()                      # ./suivi.toml and the workbook it names
    settings = load_settings("C:/Compta/suivi.toml")
    settings = load_settings(workbook="suivi_factures.xlsx")

Every section is checked here, before any workbook is read, so that `suivi check` refuses what
`suivi run` would refuse.
"""
from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from suivi.core.message import Message

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
        raise ConfigError("config.toml_syntax", path=str(path), detail=toml_problem(str(exc))
                          ) from None


#: tomllib's wording of a syntax error (checked on Python 3.11) → our message code and the
#: parameters taken from it; anything else keeps tomllib's English words.
_TOML_PROBLEMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), code) for pattern, code in (
        (r"Unescaped '\\' in a string", "config.toml.backslash"),
        (r"Expected '=' after a key in a key/value pair", "config.toml.equals"),
        (r"Expected '\]' at the end of a table declaration", "config.toml.table_end"),
        (r"Expected '\]\]' at the end of an array declaration", "config.toml.table_end"),
        (r"Invalid value", "config.toml.value"),
        (r"Unterminated string", "config.toml.unterminated"),
        (r"Unclosed array", "config.toml.array"),
        (r"Unclosed inline table", "config.toml.inline_table"),
        (r"Invalid statement", "config.toml.statement"),
        (r"Invalid initial character for a key part", "config.toml.key"),
        (r"Cannot declare (?P<name>.+) twice", "config.toml.twice"),
        (r"Cannot overwrite a value", "config.toml.overwrite"),
        (r"Duplicate inline table key (?P<name>.+)", "config.toml.overwrite"),
        (r"Invalid date or datetime", "config.toml.date"),
        (r"Expected newline or end of document after a statement", "config.toml.newline"),
        (r"Illegal character '\\n'", "config.toml.unterminated"),
        (r"(?:Illegal|Found invalid) character (?P<char>.+)", "config.toml.character"),
        (r"Expected (?P<char>'.+')", "config.toml.expected"),
    ))
_TOML_WHERE = re.compile(r"^(?P<what>.*) \(at (?:line (?P<line>\d+), column (?P<column>\d+)|"
                         r"(?P<end>end of document))\)$", re.DOTALL)


def _section(key: str) -> str:
    """tomllib's `('relances', 'smtp')` as the user wrote it: `[relances.smtp]`."""
    parts = re.findall(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"", key)
    names = [single or double for single, double in parts]
    return f"[{'.'.join(names)}]" if names else key


def toml_problem(detail: str) -> Message | str:
    """tomllib's syntax error in the user's language: what is wrong and where."""
    found = _TOML_WHERE.match(detail)
    if found is None:
        return detail
    what = found.group("what")
    for pattern, code in _TOML_PROBLEMS:
        match = pattern.fullmatch(what)
        if match:
            problem: Message | str = Message.of(code, **{
                name: _section(value) if name == "name" else value
                for name, value in match.groupdict().items()})
            break
    else:
        problem = what
    if found.group("end"):
        return Message.of("config.toml.at_end", problem=problem)
    return Message.of("config.toml.at", problem=problem, line=int(found.group("line")),
                      column=int(found.group("column")))


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
        read_marks=book.choice("couleurs", "lire", ("lire", "ignorer")) == "lire",
        seller=parse_seller(raw, path.parent),
        invoicing=parse_invoicing(raw),
        templates=parse_templates(raw, path.parent),
        dunning=parse_dunning(raw),
        kpi=parse_kpi(raw),
        retention=parse_retention(raw),
        bank=parse_bank(raw),
    )
