"""Parameters of the indicators, as plain values, and the window of one computation.

`suivi.config` reads them from the [indicateurs] section of suivi.toml (and says, in the
user's words, what is wrong with a value); here a `KpiSettings` only refuses what the
computation cannot work with.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

_COUNTS = ("period_days", "forecast_weeks", "history_days", "chart_months", "dso_max_months",
           "doubtful_days")


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


@dataclass(frozen=True, slots=True)
class KpiSettings:
    """Parameters of the indicators (section [indicateurs] of suivi.toml).

    period_days: the period of DSO, DMP, rates (days, today included).
    forecast_weeks: weeks of the cash-in forecast.
    aging_bounds: upper bounds (days past due) of the aging buckets; one more bucket "> last".
    history_days: how far back paid invoices count for a client's delay, score and forecast.
    chart_months: calendar months of the invoiced-versus-collected table and chart.
    dso_max_months: how many months the exhaustion DSO walks back at most.
    doubtful_days: open invoices more days past due than this are left out of the forecast.
    """

    period_days: int = 90
    forecast_weeks: int = 12
    aging_bounds: tuple[int, ...] = (30, 60, 90)
    history_days: int = 365
    chart_months: int = 12
    dso_max_months: int = 24
    doubtful_days: int = 90

    def __post_init__(self) -> None:
        for name in _COUNTS:
            value = getattr(self, name)
            if not _is_count(value):
                raise ValueError(f"KpiSettings.{name} must be a whole number of at least 1, "
                                 f"not {value!r}")
        bounds = self.aging_bounds
        if (not isinstance(bounds, (tuple, list)) or not bounds
                or not all(_is_count(bound) for bound in bounds)
                or any(low >= high for low, high in zip(bounds, bounds[1:], strict=False))):
            raise ValueError("KpiSettings.aging_bounds must be whole numbers of days, at least 1 "
                             f"and strictly increasing, not {bounds!r}")

    def aging_labels(self, lang: str = "fr") -> tuple[str, ...]:
        """Bucket labels: "Non échu", "1–30 j", "31–60 j", "61–90 j", "> 90 j"."""
        return aging_labels(self.aging_bounds, lang)


def aging_labels(bounds: Sequence[int], lang: str = "fr") -> tuple[str, ...]:
    """Labels of the aging buckets for `bounds` (30, 60, 90): "Non échu", "1–30 j", … "> 90 j"."""
    unit = "j" if lang == "fr" else "d"
    labels = ["Non échu" if lang == "fr" else "Not due"]
    low = 1
    for bound in bounds:
        labels.append(f"{low}–{bound} {unit}")
        low = bound + 1
    labels.append(f"> {bounds[-1]} {unit}")
    return tuple(labels)


@dataclass(frozen=True, slots=True)
class Window:
    """The days one computation looks at: the period (rates, DSO, DMP) and the history."""

    today: date
    period_start: date
    history_start: date

    @classmethod
    def of(cls, today: date, settings: KpiSettings) -> Window:
        return cls(today, today - timedelta(days=settings.period_days - 1),
                   today - timedelta(days=settings.history_days - 1))
