"""[indicateurs] → `KpiSettings` (periods, forecast, aging buckets)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from suivi.core.kpi import KpiSettings

from .fields import Section, expect, table

#: key → (KpiSettings attribute, lowest, highest)
KPI_KEYS: dict[str, tuple[str, int, int]] = {
    "periode_jours": ("period_days", 1, 3660),
    "semaines_prevision": ("forecast_weeks", 1, 104),
    "historique_jours": ("history_days", 1, 3660),
    "mois_graphique": ("chart_months", 1, 60),
    "dso_mois_max": ("dso_max_months", 1, 120),
    "retard_douteux_jours": ("doubtful_days", 1, 3660),
}
AGING_KEY = "tranches_retard"


def parse_kpi(raw: Mapping[str, Any]) -> KpiSettings:
    section = Section("indicateurs", table("", raw, "indicateurs"), {*KPI_KEYS, AGING_KEY})
    values: dict[str, Any] = {}
    for key, (attr, low, high) in KPI_KEYS.items():
        if section.has(key):
            values[attr] = section.integer(key, 0, low, high)
    if section.has(AGING_KEY):
        bounds = section.raw[AGING_KEY]
        ok = (isinstance(bounds, list) and 0 < len(bounds) <= 8
              and all(isinstance(b, int) and not isinstance(b, bool) for b in bounds)
              and all(a < b for a, b in zip([0, *bounds], bounds))
              and bounds[-1] <= 3660)
        if not ok:
            raise section.fail(AGING_KEY, expect("aging_bounds"))
        values["aging_bounds"] = tuple(bounds)
    return KpiSettings(**values)
