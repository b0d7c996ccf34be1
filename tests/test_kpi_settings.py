"""The [indicateurs] section of suivi.toml: defaults, values, French errors naming the key."""
from __future__ import annotations

import tomllib

import pytest

from suivi.core.kpi import KpiSettings
from suivi.kpi_config import DEFAULT_TOML, KpiConfigError, kpi_settings_from_config


def test_defaults():
    settings = KpiSettings()
    assert ((settings.period_days, settings.forecast_weeks, settings.aging_bounds)
            == (90, 12, (30, 60, 90)))
    assert settings.aging_labels() == ("Non échu", "1–30 j", "31–60 j", "61–90 j", "> 90 j")
    assert settings.aging_labels("en") == ("Not due", "1–30 d", "31–60 d", "61–90 d", "> 90 d")


def test_default_toml_gives_the_defaults():
    parsed = tomllib.loads(DEFAULT_TOML)
    assert kpi_settings_from_config(parsed["indicateurs"]) == KpiSettings()
    assert kpi_settings_from_config(parsed) == KpiSettings()  # the whole file works too
    assert "# " in DEFAULT_TOML and "jours" in DEFAULT_TOML  # French comments
    assert kpi_settings_from_config({}) == KpiSettings()
    assert kpi_settings_from_config(None) == KpiSettings()


def test_values_are_read():
    raw = tomllib.loads("""
[indicateurs]
periode_jours = 30
semaines_prevision = 8
tranches_retard = [15, 45]
historique_jours = 180
mois_graphique = 6
dso_mois_max = 12
retard_douteux_jours = 120
""")
    assert kpi_settings_from_config(raw) == KpiSettings(
        period_days=30, forecast_weeks=8, aging_bounds=(15, 45), history_days=180,
        chart_months=6, dso_max_months=12, doubtful_days=120)


@pytest.mark.parametrize("key, value, fragment", [
    ("periode_jours", "90", "un nombre entier est attendu"),
    ("periode_jours", 0, "valeur hors limites : 0"),
    ("periode_jours", True, "un nombre entier est attendu"),
    ("semaines_prevision", 500, "valeur hors limites : 500 (attendu entre 1 et 104)"),
    ("tranches_retard", [60, 30], "strictement croissants"),
    ("tranches_retard", [], "une liste de nombres de jours"),
    ("tranches_retard", 30, "une liste de nombres de jours"),
    ("tranches_retard", [30, "60"], "n'est pas un nombre entier de jours"),
    ("mois_graphique", 2.5, "un nombre entier est attendu"),
    ("retard_douteux", 90, "clé inconnue"),
])
def test_bad_values_name_the_key(key, value, fragment):
    with pytest.raises(KpiConfigError) as caught:
        kpi_settings_from_config({"indicateurs": {key: value}})
    message = str(caught.value)
    assert message.startswith(f"[indicateurs] {key} : ")
    assert fragment in message
    assert caught.value.key == key


def test_unknown_key_lists_the_known_ones():
    with pytest.raises(KpiConfigError, match="clés possibles : periode_jours, semaines_prevision"):
        kpi_settings_from_config({"periode": 30})


def test_settings_validate_themselves():
    # Core refuses what it cannot compute with (a programmer's error); the words for users,
    # naming the suivi.toml key, come from suivi.kpi_config before a KpiSettings is built.
    with pytest.raises(ValueError, match="period_days"):
        KpiSettings(period_days=-1)
    with pytest.raises(ValueError, match="aging_bounds"):
        KpiSettings(aging_bounds=(60, 30))
