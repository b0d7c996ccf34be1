"""Typed access to one table of suivi.toml: every accessor validates its key and raises the one
`ConfigError` naming section, key, value and what is expected.

    section = Section("smtp", raw.get("smtp"), SMTP_KEYS)
    port = section.integer("port", 587, low=1, high=65535)
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from suivi.core.checks import valid_email
from suivi.core.message import Message

from .errors import ConfigError

#: Keys that would hold a password: refused everywhere (secrets come from the environment or
#: the OS keyring only).
SECRET_KEYS = frozenset({"mot_de_passe", "password", "motdepasse", "pass", "passwd", "secret"})


def expect(code: str, **params: Any) -> Message:
    """What a key expects, as a message (`config.expect.<code>`)."""
    return Message.of(f"config.expect.{code}", **params)


def suggestion(word: str, candidates: Collection[str]) -> str:
    """The closest known key to a typo, or ""."""
    close = difflib.get_close_matches(word, sorted(candidates), n=1)
    return close[0] if close else ""


def refuse_unknown(section: str, raw: Mapping[str, Any], allowed: Collection[str]) -> None:
    for key in raw:
        if str(key).casefold() in SECRET_KEYS:
            raise ConfigError("config.secret", section=section, key=key)
        if key not in allowed:
            close = suggestion(key, allowed)
            raise ConfigError("config.unknown_key_close" if close else "config.unknown_key",
                              section=section, key=key, close=close,
                              known=sorted(allowed))


def table(parent: str, raw: Mapping[str, Any] | None, key: str) -> Mapping[str, Any]:
    """The sub-table `key` of `raw` ({} when absent); ConfigError when it is not a table."""
    if raw is None:
        return {}
    value = raw.get(key, {})
    if not isinstance(value, Mapping):
        name = f"{parent}.{key}" if parent else key
        raise ConfigError("config.not_a_table", section=name, value=value)
    return value


def to_decimal(value: object) -> Decimal | None:
    """A TOML number or a text like "12,5" / "12.5 %" as an exact Decimal (None if not one)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        try:
            number = Decimal(value.strip().replace(",", ".").rstrip("%").strip())
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    return None


def to_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


class Section:
    """One TOML table; unknown keys (with a suggestion) and password keys are refused."""

    def __init__(self, name: str, raw: Mapping[str, Any] | None, allowed: Collection[str]):
        self.name = name
        self.raw: dict[str, Any] = dict(raw or {})
        refuse_unknown(name, self.raw, allowed)

    def has(self, key: str) -> bool:
        return key in self.raw

    def fail(self, key: str, expected: Message) -> ConfigError:
        return ConfigError.invalid(self.name, key, self.raw.get(key), expected)

    def text(self, key: str, default: str, *, one_line: bool = True) -> str:
        value = self.raw.get(key, default)
        if value is None:
            return default
        if not isinstance(value, str):
            raise self.fail(key, expect("text"))
        if one_line and any(ch in value for ch in "\r\n\x00"):
            raise self.fail(key, expect("one_line"))
        return value.strip()

    def choice(self, key: str, default: str, choices: Sequence[str]) -> str:
        value = self.text(key, default).casefold()
        if value not in choices:
            raise self.fail(key, expect("choice", choices=[f'"{c}"' for c in choices]))
        return value

    def boolean(self, key: str, default: bool) -> bool:
        value = self.raw.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, expect("bool"))
        return value

    def integer(self, key: str, default: int, low: int | None = None,
                high: int | None = None) -> int:
        value = self.raw.get(key, default)
        if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, expect("int"))
        if (low is not None and value < low) or (high is not None and value > high):
            raise self.fail(key, expect("int_range", low=low, high=high))
        return value

    def number(self, key: str, default: float, low: float = 0.0,
               high: float | None = None) -> float:
        value = self.raw.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(key, expect("number"))
        if value < low or (high is not None and value > high):
            raise self.fail(key, expect("number_range", low=low, high=high))
        return float(value)

    def decimal(self, key: str, default: str | None, low: Decimal | None = Decimal(0),
                high: Decimal | None = None) -> Decimal | None:
        value = self.raw.get(key, default)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        result = to_decimal(value)
        if result is None:
            raise self.fail(key, expect("decimal"))
        if (low is not None and result < low) or (high is not None and result > high):
            if high is None:
                raise self.fail(key, expect("decimal_min", low=low))
            raise self.fail(key, expect("decimal_range", low=low, high=high))
        return result

    def date_value(self, key: str, default: str | None) -> date | None:
        value = self.raw.get(key, default)
        if value is None or value == "":
            return None
        parsed = to_date(value)
        if parsed is None:
            raise self.fail(key, expect("date"))
        return parsed

    def dates(self, key: str) -> tuple[date, ...]:
        value = self.raw.get(key, [])
        if not isinstance(value, list):
            raise self.fail(key, expect("date_list"))
        days = []
        for item in value:
            parsed = to_date(item)
            if parsed is None:
                raise self.fail(key, expect("date_list"))
            days.append(parsed)
        return tuple(days)

    def email(self, key: str, default: str = "") -> str:
        value = self.text(key, default)
        if value and not valid_email(value):
            raise self.fail(key, expect("email"))
        return value

    def emails(self, key: str) -> tuple[str, ...]:
        value = self.raw.get(key, [])
        if isinstance(value, str):
            value = [v for v in re.split(r"[;,]", value) if v.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, expect("email_list"))
        result = tuple(address.strip() for address in value)
        if not all(valid_email(address) for address in result):
            raise self.fail(key, expect("email_list"))
        return result

    def texts(self, key: str, default: Sequence[str] = ()) -> tuple[str, ...]:
        """A list of texts; a single text is accepted as a one-item list."""
        value = self.raw.get(key, list(default))
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, expect("text_list"))
        return tuple(v.strip() for v in value)
