"""Averages and ratios that are None (not zero) when there is nothing to divide by."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from suivi.core.models import ZERO

ONE = Decimal(1)


def average(total: Decimal | int, count: int) -> Decimal | None:
    return Decimal(total) / count if count else None


def ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    return numerator / denominator if denominator > ZERO else None


def round_days(total: int, count: int) -> int:
    """Average of whole days rounded half away from zero (0 without data)."""
    if not count:
        return 0
    return int((Decimal(total) / count).quantize(ONE, rounding=ROUND_HALF_UP))
