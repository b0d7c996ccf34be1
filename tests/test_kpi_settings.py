"""The [indicateurs] section of suivi.toml: defaults, values, errors naming the key."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from suivi.config import ConfigError, default_config, settings_from
from suivi.core.kpi import KpiSettings
from suivi.messages import render


def kpi(text: str) -> KpiSettings:
    return settings_from(tomllib.loads(text), Path("/tmp")).kpi


def test_defaults():
    settings = KpiSettings()
    assert (settings.period_days, settings.forecast_weeks, settings.aging_bounds) == (
        90,
        12,
        (30, 60, 90),
    )
    assert settings.aging_labels() == ("Non échu", "1–30 j", "31–60 j", "61–90 j", "> 90 j")
    assert settings.aging_labels("en") == ("Not due", "1–30 d", "31–60 d", "61–90 d", "> 90 d")


def test_commented_template_gives_the_defaults():
    assert kpi(default_config()) == KpiSettings()
    assert kpi("") == KpiSettings()


def test_values_are_read():
    assert kpi("""
[indicateurs]
periode_jours = 30
semaines_prevision = 8
tranches_retard = [15, 45]
historique_jours = 180
mois_graphique = 6
dso_mois_max = 12
retard_douteux_jours = 120
""") == KpiSettings(
        period_days=30,
        forecast_weeks=8,
        aging_bounds=(15, 45),
        history_days=180,
        chart_months=6,
        dso_max_months=12,
        doubtful_days=120,
    )


@pytest.mark.parametrize(
    "line, fragment",
    [
        ('periode_jours = "quatre-vingt-dix"', "un nombre entier est attendu"),
        ("periode_jours = 0", "un nombre entier entre 1 et 3660 est attendu"),
        ("periode_jours = true", "un nombre entier est attendu"),
        ("semaines_prevision = 500", "un nombre entier entre 1 et 104 est attendu"),
        ("tranches_retard = [60, 30]", "une liste de nombres de jours croissants"),
        ("tranches_retard = []", "une liste de nombres de jours croissants"),
        ("tranches_retard = 30", "une liste de nombres de jours croissants"),
        ('tranches_retard = [30, "60"]', "une liste de nombres de jours croissants"),
        ("mois_graphique = 2.5", "un nombre entier est attendu"),
        ("retard_douteux = 90", "clé « retard_douteux » inconnue"),
    ],
)
def test_bad_values_name_section_key_and_value(line, fragment):
    with pytest.raises(ConfigError) as caught:
        kpi(f"[indicateurs]\n{line}")
    message = render(caught.value.message, "fr")
    assert message.startswith("suivi.toml : [indicateurs]")
    assert line.split(" = ")[0] in message and fragment in message


def test_settings_validate_themselves():
    # Core refuses what it cannot compute with (a programmer's error); the words for users,
    # naming the suivi.toml key, come from suivi.config before a KpiSettings is built.
    with pytest.raises(ValueError, match="period_days"):
        KpiSettings(period_days=-1)
    with pytest.raises(ValueError, match="aging_bounds"):
        KpiSettings(aging_bounds=(60, 30))
