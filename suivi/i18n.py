"""Language of what users read: French by default, English on request.

Messages are written inline in both languages, French first: `tr("Factures", "Invoices")`.
The language is set once per command (`--lang`, or `[general] langue` in suivi.toml).
"""
from __future__ import annotations

from contextvars import ContextVar

from suivi.core.formats import format_date, format_money

_LANG: ContextVar[str] = ContextVar("suivi_lang", default="fr")


def set_lang(lang: str | None) -> None:
    _LANG.set("en" if (lang or "").lower().startswith("en") else "fr")


def get_lang() -> str:
    return _LANG.get()


def tr(fr: str, en: str) -> str:
    """The French text, or the English one when the language is English."""
    return en if _LANG.get() == "en" else fr


def fmt_money(value, lang: str | None = None) -> str:
    """Decimal → "1 234,50 €" (French, narrow no-break spaces) or "€1,234.50" (English)."""
    return format_money(value, lang or get_lang())


def fmt_date(value, lang: str | None = None) -> str:
    return format_date(value, lang or get_lang())
