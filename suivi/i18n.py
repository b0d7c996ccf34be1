"""Language of what users read: French by default, English on request.

The words themselves live in the catalogues of `suivi.messages`; this module only holds the
current language, set once per command (`--lang`, `[general] langue` in suivi.toml, or the
SUIVI_LANG environment variable).
"""
from __future__ import annotations

from contextvars import ContextVar

from suivi.core.formats import format_date, format_money

_LANG: ContextVar[str] = ContextVar("suivi_lang", default="fr")


def set_lang(lang: str | None) -> None:
    _LANG.set("en" if (lang or "").lower().startswith("en") else "fr")


def get_lang() -> str:
    return _LANG.get()


def fmt_money(value, lang: str | None = None) -> str:
    """Decimal → "1 234,50 €" (French, narrow no-break spaces) or "€1,234.50" (English)."""
    return format_money(value, lang or get_lang())


def fmt_date(value, lang: str | None = None) -> str:
    return format_date(value, lang or get_lang())
