"""DSO (délai moyen de recouvrement): the simple method and the exhaustion method."""
from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from suivi.core.models import ZERO

from .months import month_index, month_start


def dso_simple(receivables: Decimal, invoiced: Decimal, period_days: int) -> Decimal | None:
    """Receivables ÷ invoiced TTC over the period × days of the period (None without sales)."""
    return (receivables / invoiced * period_days) if invoiced > ZERO else None


def dso_exhaustion(receivables: Decimal, invoiced_by_month: Mapping[int, Decimal], today: date,
                   max_months: int) -> tuple[Decimal, bool]:
    """DSO by the exhaustion method; returns (days, capped).

    Walks back from the current month (counted for its `today.day` elapsed days, with what was
    invoiced from its 1st to today): while the remaining receivables exceed the month's invoiced
    TTC, subtract it and count the month's days; then add remaining ÷ month's TTC × month's days.
    A month with nothing invoiced counts fully. `capped` is True when `max_months` months did not
    exhaust the receivables (the days are then a lower bound).
    """
    remaining = receivables
    if remaining <= ZERO:
        return ZERO, False
    days = ZERO
    current = month_index(today)
    for back in range(max_months):
        index = current - back
        start = month_start(index)
        month_days = today.day if back == 0 else calendar.monthrange(start.year, start.month)[1]
        sales = invoiced_by_month.get(index, ZERO)
        if sales > ZERO and remaining <= sales:
            return days + remaining / sales * month_days, False
        if sales > ZERO:
            remaining -= sales
        days += month_days
    return days, True
