"""How fresh the bank data is: business days since the newest statement imported. Pure.

A workbook whose payments come from bank statements is only as right as its last statement:
when the newest one is older than `[banque] jours_obsolescence` business days (5 by default),
a client may have paid since, and the daily run holds back the reminders of unpaid invoices
(unless `[banque] obsolete = "ignorer"`). A workbook that never imported a statement (payments
typed by hand) is never held.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from suivi.core.calendar import BusinessDayChecker


@dataclass(frozen=True, slots=True)
class Freshness:
    """`newest`: the date up to which the newest imported statement is complete (None: never
    imported); `age`: business days from it to today; `stale`: older than the limit."""

    newest: date | None
    age: int
    limit: int

    @property
    def stale(self) -> bool:
        return self.newest is not None and self.age > self.limit


def business_days_after(start: date, end: date, is_business_day: BusinessDayChecker) -> int:
    """Business days in (start, end]: 0 when `end` is not after `start`."""
    count = 0
    day = start + timedelta(days=1)
    while day <= end:
        if is_business_day(day):
            count += 1
        day += timedelta(days=1)
    return count


def bank_freshness(newest: date | None, today: date, is_business_day: BusinessDayChecker,
                   limit: int) -> Freshness:
    """The freshness of the bank data on `today` (see the module docstring)."""
    if newest is None:
        return Freshness(None, 0, limit)
    return Freshness(newest, business_days_after(newest, today, is_business_day), limit)
