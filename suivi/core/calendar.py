"""Business days: weekends and public holidays (France by default).

Pure: the public-holiday table comes from the `holidays` package (computed, no I/O). The rest of the
core never asks "is today a business day?" by itself: it receives an `is_business_day` callable,
so tests can inject any calendar.

    >>> from datetime import date
    >>> is_bd = business_day_checker("FR")
    >>> is_bd(date(2026, 11, 11))        # Armistice
    False
    >>> next_business_day(date(2026, 11, 14), is_bd)   # a Saturday
    datetime.date(2026, 11, 16)
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from functools import lru_cache

BusinessDayChecker = Callable[[date], bool]

SATURDAY = 5


def is_weekend(day: date) -> bool:
    """Saturday or Sunday."""
    return day.weekday() >= SATURDAY


class UnknownCalendar(ValueError):
    """The country or subdivision is not known to the `holidays` package (French message)."""


def business_day_checker(country: str = "FR", subdivision: str | None = None,
                         extra_closed: Iterable[date] = ()) -> BusinessDayChecker:
    """A checker: not a weekend, not a public holiday of `country`/`subdivision`, not in
    `extra_closed` (days the business is closed, from the configuration).

    Raises UnknownCalendar with a French message for an unknown country or subdivision.
    The checker is made once per calendar: its table computes each year's holidays on first
    use, which a run asking again for each of its thousand pending drafts paid each time.
    """
    return _checker(country, subdivision or None, frozenset(extra_closed))


@lru_cache(maxsize=32)
def _checker(country: str, subdivision: str | None, closed: frozenset[date]
             ) -> BusinessDayChecker:
    import holidays  # local import: only the calendar needs it

    try:
        holidays.country_holidays(country)
    except (NotImplementedError, ValueError, KeyError) as exc:
        raise UnknownCalendar(
            f"pays « {country} » inconnu pour les jours fériés (code ISO à deux lettres, ex. FR)"
        ) from exc
    try:
        table = holidays.country_holidays(country, subdiv=subdivision)
    except (NotImplementedError, ValueError, KeyError) as exc:
        raise UnknownCalendar(
            f"subdivision « {subdivision} » inconnue pour le pays {country} "
            f"(ex. « 57 » pour la Moselle, « 974 » pour La Réunion)"
        ) from exc

    def is_business_day(day: date) -> bool:
        return not is_weekend(day) and day not in table and day not in closed

    return is_business_day


def weekdays_only(day: date) -> bool:
    """A checker that ignores public holidays (useful in tests and as a fallback)."""
    return not is_weekend(day)


def next_business_day(day: date, is_business_day: BusinessDayChecker, *,
                      max_days: int = 31) -> date:
    """`day` itself when it is a business day, else the first business day after it."""
    current = day
    for _ in range(max_days):
        if is_business_day(current):
            return current
        current += timedelta(days=1)
    return current
