"""[relances], [smtp], [penalites]: defaults, DEFAULT_TOML, French errors naming the key."""
from __future__ import annotations

import tomllib
from datetime import date
from decimal import Decimal

import pytest

from suivi.core.dunning import DEFAULT_LADDER
from suivi.core.models import ClientType
from suivi.core.penalties import DEFAULT_BCE_RATES, RatePoint
from suivi.core.steps import Step
from suivi.mail.config import (DEFAULT_TOML, ConfigError, DunningSettings,
                               dunning_settings_from_config)


def test_empty_sections_give_working_defaults():
    settings = dunning_settings_from_config({}, {}, {})
    assert settings.delivery == "brouillons"
    assert settings.policy.min_reminders_before_severe == 3
    assert settings.policy.min_days_between_messages == 5
    assert settings.policy.minimum_balance == Decimal("5")
    assert all(l == DEFAULT_LADDER for l in settings.policy.ladders.values())
    assert settings.penalties.bce_rates == DEFAULT_BCE_RATES
    assert settings.smtp.password_env == "SUIVI_SMTP_PASSWORD"
    assert dunning_settings_from_config(None, None, None) == settings


def test_default_toml_parses_to_the_defaults():
    raw = tomllib.loads(DEFAULT_TOML)
    settings = dunning_settings_from_config(raw["relances"], raw["smtp"], raw["penalites"])
    assert settings == DunningSettings()


def test_per_type_ladder_and_steps():
    settings = dunning_settings_from_config(
        {"relances_avant_mise_en_demeure": 2,
         "particulier": {"jours": {"relance2": 10}, "etapes": ["relance1", "relance2",
                                                              "mise_en_demeure"]}})
    ladder = settings.policy.ladders[ClientType.INDIVIDUAL]
    assert ladder.offsets == ((Step.REMINDER_1, 1), (Step.REMINDER_2, 10),
                              (Step.FORMAL_NOTICE, 30))
    assert settings.policy.ladders[ClientType.COMPANY] == DEFAULT_LADDER


@pytest.mark.parametrize("relances,smtp,penalites,expected", [
    ({"envoi": "tout"}, {}, {}, "[relances] envoi : « tout » : \"brouillons\" ou \"direct\""),
    ({"delai_min_entre_messages": "cinq"}, {}, {},
     "[relances] delai_min_entre_messages : nombre entier attendu, reçu 'cinq'"),
    ({"jours": {"relance2": 0}}, {}, {}, "[relances] jours.relance2 = 0 : une relance se place"),
    ({"jours": {"relance2": 40}}, {}, {}, "[relances] jours.appel = 15 doit être plus grand que "
                                          "jours.relance2 = 40"),
    ({"jours": {"relanse1": 2}}, {}, {}, "Vouliez-vous dire « relance1 »"),
    ({"etapes": ["relance1", "mise_en_demeure"]}, {}, {},
     "ne compte que 1 relance(s) avant la mise en demeure ou le recouvrement, il en faut au "
     "moins 3"),
    ({"relances_avant_mise_en_demeure": 0}, {}, {},
     "[relances] relances_avant_mise_en_demeure : 0 est trop petit (minimum 1)"),
    ({"equipe": ["pas une adresse"]}, {}, {}, "[relances] equipe : adresse e-mail invalide"),
    ({"envoyer": True}, {}, {}, "[relances] envoyer : clé inconnue. Vouliez-vous dire « envoi » ?"),
    ({"envoi": "direct"}, {}, {}, "renseignez d'abord [smtp] hote"),
    ({"subdivision": "99"}, {}, {}, "[relances] subdivision : subdivision « 99 » inconnue"),
    ({}, {"securite": "tls"}, {}, "[smtp] securite : « tls » : starttls, ssl, aucune"),
    ({}, {"port": 70000}, {}, "[smtp] port : 70000 est trop grand (maximum 65535)"),
    ({}, {"mot_de_passe": "secret"}, {},
     "[smtp] mot_de_passe : le mot de passe ne doit jamais figurer dans suivi.toml"),
    ({}, {}, {"taux_contractuel": "5"},
     "[penalites] taux_contractuel : le taux contractuel de 5 % est inférieur au minimum légal "
     "de 8.28 %"),
    ({}, {}, {"taux_bce": [["2025-13-01", "2"]]},
     "[penalites] taux_bce : entrée n° 1 : date invalide '2025-13-01'"),
    ({}, {}, {"indemnite": "quarante"}, "[penalites] indemnite : nombre attendu"),
])
def test_bad_values_raise_french_errors_naming_the_key(relances, smtp, penalites, expected):
    with pytest.raises(ConfigError) as error:
        dunning_settings_from_config(relances, smtp, penalites)
    assert expected in str(error.value)


def test_bce_table_is_editable():
    settings = dunning_settings_from_config({}, {}, {"taux_bce": [
        ["2025-06-11", "2.15"], {"date": "2026-03-01", "taux": 1.9}]})
    assert settings.penalties.bce_rates == (RatePoint(date(2025, 6, 11), Decimal("2.15")),
                                            RatePoint(date(2026, 3, 1), Decimal("1.9")))


def test_contract_rate_accepted_at_three_times_the_legal_rate():
    settings = dunning_settings_from_config({}, {}, {"taux_contractuel": "8,28"})
    assert settings.penalties.contract_rate == Decimal("8.28")


def test_ssl_defaults_to_port_465():
    assert dunning_settings_from_config({}, {"securite": "ssl"}, {}).smtp.port == 465
