"""What users read, in French and in English, rendered at the edge from two catalogues.

Code everywhere else builds `Message.of(code, **params)` (or an `Issue`, or raises a
`SuiviError`); only the command line, the digest and the files written for people turn them
into words:

    text(Message.of("run.invoices_numbered", count=3, numbers=("FAC2026-001",)))
    text(issue)                       # the issue's message in the current language
    hint(issue)                       # what to do

Catalogue entries are `str.format` templates. A placeholder may name a format:
``{amount:money}`` (1 234,56 € / €1,234.56), ``{day:date}``, ``{rate:pct}``, ``{n:num}``,
``{numbers:list}`` (a comma-separated list), ``{names:quoted}`` (each in « » / ' '),
``{cell:cell}`` (Factures!F12), ``{days:rel}`` (J+7 / D+7), ``{step:step}`` (a reminder step's
label). Plain ``{x}`` is `str(x)`. The catalogues live in `suivi/messages/catalog/<domain>.py`,
each with `FR` and `EN` dicts; `tests/test_messages.py` fails when a code lacks a language
placeholders.
"""
from __future__ import annotations

import importlib
import string
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from suivi.core.formats import format_date, format_money, format_number, format_rate
from suivi.core.message import Message
from suivi.core.models import Issue
from suivi.i18n import get_lang

__all__ = ["Message", "SuiviError", "catalogue", "hint", "render", "text"]

#: Catalogue modules, one per domain (suivi/messages/catalog/<name>.py).
DOMAINS = ("common", "config", "workbook", "writer", "checks", "invoices", "dunning", "cli",
           "documents", "bank", "schedule", "payments", "production", "tracker",
           "statements", "formulas")


@lru_cache(maxsize=2)
def catalogue(lang: str) -> Mapping[str, str]:
    """Every template of one language ("fr" or "en"), all domains merged."""
    merged: dict[str, str] = {}
    for domain in DOMAINS:
        module = importlib.import_module(f"suivi.messages.catalog.{domain}")
        table = getattr(module, lang.upper())
        overlap = merged.keys() & table.keys()
        if overlap:
            raise RuntimeError(f"message codes defined twice: {sorted(overlap)[:5]}")
        merged.update(table)
    return merged


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        lang = self.lang
        if value is None:
            return "—"
        if format_spec == "money":
            return format_money(Decimal(value), lang)
        if format_spec == "date":
            if isinstance(value, datetime):
                value = value.date()
            return format_date(value, lang) if isinstance(value, date) else str(value)
        if format_spec == "pct":
            return format_rate(Decimal(value), lang)
        if format_spec == "num":
            number = Decimal(value)
            exponent = number.normalize().as_tuple().exponent
            decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
            places = 0 if number == number.to_integral_value() else max(2, decimals)
            return format_number(number, places, lang)
        if format_spec == "quoted":  # a list of texts, each in the language's quotes
            quote = "« {} »" if lang == "fr" else "'{}'"
            return ", ".join(quote.format(v) for v in value) if value else "—"
        if format_spec in ("list", "lines"):
            values = value if isinstance(value, Iterable) and not isinstance(value, str) \
                else [value]
            items = [render(v, lang) if isinstance(v, Message) else str(v) for v in values]
            return ("; " if format_spec == "lines" else ", ").join(items)
        if format_spec == "cell":
            return str(value) if value else "—"
        if format_spec == "rel":  # days from the due date: J+7 / D+7
            days = int(value)
            letter = "J" if lang == "fr" else "D"
            return f"{letter}{days:+d}" if days else f"{letter}0"
        if format_spec == "step":  # a reminder step (suivi.core.steps.Step)
            return str(value.label if lang == "fr" else value.label_en)
        if isinstance(value, Message):
            return render(value, lang)
        if isinstance(value, bool) and not format_spec:  # a ticked box: as Excel shows it
            return ("VRAI" if value else "FAUX") if lang == "fr" else str(value).upper()
        return super().format_field(value, format_spec)


def _lang(lang: str | None) -> str:
    return "en" if (lang or get_lang()) == "en" else "fr"


def render(message: Message, lang: str | None = None) -> str:
    """The words of `message` in `lang` (default: the current language)."""
    return template(message.code, message.kwargs, lang)


def template(code: str, params: Mapping[str, Any], lang: str | None = None) -> str:
    language = _lang(lang)
    table = catalogue(language)
    try:
        pattern = table[code]
    except KeyError:
        raise KeyError(f"message code without a {language} text: {code}") from None
    return _Formatter(language).vformat(pattern, (), dict(params))


def text(item: Message | Issue | str, lang: str | None = None) -> str:
    """Words for a message, an issue (its message) or an already-final string."""
    if isinstance(item, Issue):
        return template(item.key, item.kwargs, lang)
    if isinstance(item, Message):
        return render(item, lang)
    return str(item)


def hint(issue: Issue, lang: str | None = None) -> str:
    """What to do about `issue` ("" when the catalogue has no hint for it)."""
    table = catalogue(_lang(lang))
    for key in (f"{issue.key}.hint", f"{issue.code}.hint"):
        if key in table:
            return template(key, issue.kwargs, lang)
    return ""


class SuiviError(Exception):
    """An error users can meet (bad file, bad configuration…): a code and parameters; `str()`
    renders it in the current language. Subclasses name the condition."""

    code = "error.generic"

    def __init__(self, code: str | None = None, /, **params: Any) -> None:
        self.message = Message.of(code or self.code, **params)
        super().__init__(self.message.code)

    @property
    def params(self) -> dict[str, Any]:
        return self.message.kwargs

    def __str__(self) -> str:
        return render(self.message)
