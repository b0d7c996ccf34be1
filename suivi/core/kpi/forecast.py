"""The cash-in forecast: what the open invoices should bring, week by week.

Each open invoice is expected at its due date moved by its client's average delay (else the
average of all clients); a date already past is expected in the first week. Disputed invoices,
those at the collection step and those past due beyond `doubtful_days` are left out.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from suivi.core.models import ZERO

from .aging import OpenItem
from .averages import round_days
from .report import ForecastWeek


@dataclass(frozen=True, slots=True)
class Forecast:
    weeks: tuple[ForecastWeek, ...]
    total: Decimal       # expected over the weeks
    later: Decimal       # expected after them
    uncertain: Decimal   # left out


def forecast(items: Iterable[OpenItem], global_shift: int, today: date,
             weeks: int) -> Forecast:
    """`global_shift`: the average delay (days) of every client, for clients without one."""
    week_amounts = [ZERO] * weeks
    week_counts = [0] * weeks
    later = uncertain_total = ZERO
    for item in items:
        if item.uncertain:
            uncertain_total += item.balance
            continue
        account = item.account
        shift = (round_days(account.delay_sum, account.delay_count) if account.delay_count
                 else global_shift)
        expected = (item.due or today) + timedelta(days=shift)
        index = max((expected - today).days, 0) // 7
        if index >= weeks:
            later += item.balance
        else:
            week_amounts[index] += item.balance
            week_counts[index] += 1
    table = tuple(
        ForecastWeek(today + timedelta(days=7 * i), today + timedelta(days=7 * i + 6),
                     week_amounts[i], week_counts[i])
        for i in range(weeks)
    )
    return Forecast(table, sum(week_amounts, ZERO), later, uncertain_total)
