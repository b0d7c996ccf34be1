"""The one configuration error: it names the file, the section, the key, the value and what is
expected, in French or English (`suivi/messages/catalog/config.py`)."""
from __future__ import annotations

from typing import Any

from suivi.core.message import Message
from suivi.messages import SuiviError


class ConfigError(SuiviError):
    """suivi.toml cannot be used as written."""

    code = "config.invalid"

    @classmethod
    def invalid(cls, section: str, key: str, value: Any, expected: Message) -> ConfigError:
        """`[section] key = value` is wrong; `expected` says what would be right."""
        return cls("config.invalid", section=section, key=key, value=show_value(value),
                   expected=expected)


def show_value(value: Any) -> str:
    """A value as the user typed it in TOML (texts in quotes, lists in brackets)."""
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(show_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {show_value(v)}" for k, v in value.items()) + " }"
    return str(value)
