"""Calendar months: invoiced (net of credit notes) and collected amounts month by month."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from suivi.core.models import ZERO

from .report import MonthFlow


def month_index(day: date) -> int:
    """Months since year 0: consecutive months have consecutive indices."""
    return day.year * 12 + day.month - 1


def month_start(index: int) -> date:
    year, month0 = divmod(index, 12)
    return date(year, month0 + 1, 1)


def monthly_flows(invoiced_by_month: Mapping[int, Decimal],
                  collected_by_month: Mapping[int, Decimal], today: date,
                  months: int) -> tuple[MonthFlow, ...]:
    """The `months` calendar months up to today's, oldest first."""
    current = month_index(today)
    return tuple(
        MonthFlow(month_start(index), invoiced_by_month.get(index, ZERO),
                  collected_by_month.get(index, ZERO))
        for index in range(current - months + 1, current + 1)
    )
