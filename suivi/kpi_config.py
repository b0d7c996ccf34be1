"""The [indicateurs] section of suivi.toml → `KpiSettings` (core receives the settings only).

Moved verbatim out of `suivi.core.kpi` (nothing under core/ parses configuration); it will join
the single configuration layer.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from suivi.core.kpi import KpiSettings

__all__ = ["DEFAULT_TOML", "KpiConfigError", "kpi_settings_from_config"]


class KpiConfigError(ValueError):
    """A bad value in the [indicateurs] section; the message is French and names the key."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"[indicateurs] {key} : {message}")
        self.key = key


@dataclass(frozen=True, slots=True)
class _SettingSpec:
    key: str
    attr: str
    low: int
    high: int
    is_list: bool = False

    def problem(self, value: object) -> str:
        """French description of what is wrong with `value`, or "" when it is fine."""
        if self.is_list:
            if not isinstance(value, (list, tuple)) or not value:
                return ("une liste de nombres de jours croissants est attendue, par exemple "
                        f"[30, 60, 90] (reçu {value!r})")
            if len(value) > 8:
                return f"au plus 8 tranches (reçu {len(value)})"
            previous = 0
            for item in value:
                if isinstance(item, bool) or not isinstance(item, int):
                    return f"« {item!r} » n'est pas un nombre entier de jours"
                if item <= previous:
                    return ("les bornes doivent être des entiers positifs strictement croissants "
                            f"(reçu {list(value)})")
                if item > self.high:
                    return f"borne trop grande : {item} (au plus {self.high})"
                previous = item
            return ""
        if isinstance(value, bool) or not isinstance(value, int):
            return f"un nombre entier est attendu (reçu {value!r})"
        if not self.low <= value <= self.high:
            return f"valeur hors limites : {value} (attendu entre {self.low} et {self.high})"
        return ""


_SETTING_SPECS = (
    _SettingSpec("periode_jours", "period_days", 1, 3660),
    _SettingSpec("semaines_prevision", "forecast_weeks", 1, 104),
    _SettingSpec("tranches_retard", "aging_bounds", 1, 3660, is_list=True),
    _SettingSpec("historique_jours", "history_days", 1, 3660),
    _SettingSpec("mois_graphique", "chart_months", 1, 60),
    _SettingSpec("dso_mois_max", "dso_max_months", 1, 120),
    _SettingSpec("retard_douteux_jours", "doubtful_days", 1, 3660),
)

DEFAULT_TOML = """\
[indicateurs]
# Période de calcul du DSO, du DMP et des taux, en jours (aujourd'hui compris).
periode_jours = 90
# Nombre de semaines de la prévision d'encaissements.
semaines_prevision = 12
# Tranches de la balance âgée : bornes en jours de retard après l'échéance.
# [30, 60, 90] donne : non échu, 1–30 j, 31–60 j, 61–90 j, > 90 j.
tranches_retard = [30, 60, 90]
# Historique pris en compte pour le retard moyen et le score de fiabilité d'un client,
# et pour décaler les échéances dans la prévision (jours).
historique_jours = 365
# Nombre de mois du tableau et du graphique « facturé / encaissé ».
mois_graphique = 12
# DSO par épuisement : nombre maximal de mois remontés.
dso_mois_max = 24
# Les factures échues depuis plus de ce nombre de jours sont jugées incertaines
# et sorties de la prévision d'encaissements.
retard_douteux_jours = 90
"""


def kpi_settings_from_config(raw: Mapping[str, Any] | None) -> KpiSettings:
    """KpiSettings from the [indicateurs] table of suivi.toml (or the whole parsed file).

    Missing keys take their defaults. Unknown keys and bad values raise KpiConfigError, whose
    French message names the key.
    """
    if raw is None:
        return KpiSettings()
    section = raw.get("indicateurs", raw) if isinstance(raw, Mapping) else raw
    if not isinstance(section, Mapping):
        raise KpiConfigError("indicateurs", "une table de paramètres est attendue")
    specs = {spec.key: spec for spec in _SETTING_SPECS}
    values: dict[str, Any] = {}
    for key, value in section.items():
        spec = specs.get(key)
        if spec is None:
            known = ", ".join(specs)
            raise KpiConfigError(key, f"clé inconnue (clés possibles : {known})")
        problem = spec.problem(value)
        if problem:
            raise KpiConfigError(key, problem)
        values[spec.attr] = tuple(value) if spec.is_list else value
    return KpiSettings(**values)
