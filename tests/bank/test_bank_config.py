"""[banque] and [banque.csv] in suivi.toml: defaults, typed values, and the one ConfigError that
names section, key, value and what is expected."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from suivi.bank.mapping import CsvMapping
from suivi.bank.settings import BankSettings
from suivi.config import ConfigError, default_config, settings_from
from suivi.core.numbering import NumberPattern
from suivi.messages import render


def parse(text: str):
    return settings_from(tomllib.loads(text), Path("/tmp/entite"))


def error(text: str, lang: str = "fr") -> str:
    with pytest.raises(ConfigError) as caught:
        parse(text)
    return render(caught.value.message, lang)


def test_defaults_and_the_commented_template():
    assert parse("").bank == BankSettings()
    assert parse(default_config()).bank == BankSettings()
    defaults = BankSettings()
    assert (defaults.folder, defaults.stale_mode, defaults.stale_days) == ("releves", "retenir", 5)
    assert defaults.hold_when_stale and defaults.amount_only


def test_values_are_typed_and_matching_follows_the_numbering_patterns():
    settings = parse("""
[factures]
numero = "F{AA}{MM}-{NNN}"
avoir = "A{AA}-{NNN}"
[banque]
dossier = "Banque/Relevés"
obsolete = "ignorer"
jours_obsolescence = 10
seuil_nom = 90
seuil_nom_douteux = 70
montant_seul = false
[banque.csv]
separateur = "tab"
ligne_entete = 3
colonne_date = "Jour"
colonne_montant = 4
separateur_decimal = ","
""")
    bank = settings.bank
    assert bank.folder == "Banque/Relevés" and not bank.hold_when_stale and bank.stale_days == 10
    assert bank.csv == CsvMapping(separator="\t", header_row=3, date="Jour", amount="4",
                                  decimal=",")
    match = bank.match_settings(settings.invoicing.patterns())
    assert match.patterns == (NumberPattern("F{AA}{MM}-{NNN}"), NumberPattern("A{AA}-{NNN}"))
    assert (match.strong_name, match.weak_name, match.amount_only) == (90, 70, False)


@pytest.mark.parametrize(
    "toml, french",
    [
        ('[banque]\nobsolete = "jamais"',
         '[banque] obsolete = "jamais" : choisissez "retenir", "ignorer".'),
        ("[banque]\njours_obsolescence = 0",
         "[banque] jours_obsolescence = 0 : un nombre entier entre 1 et 365 est attendu."),
        ('[banque]\nmontant_seul = "oui"',
         '[banque] montant_seul = "oui" : true ou false est attendu.'),
        ("[banque]\nseuil_nom = 50",
         "[banque] seuil_nom = 50 : un nombre au moins égal à seuil_nom_douteux (60) est "
         "attendu."),
        ('[banque]\ndossier = "../ailleurs"', '[banque] dossier = "../ailleurs" : un dossier'),
        ('[banque]\nobsolescence = 5',
         "[banque] clé « obsolescence » inconnue. Vouliez-vous dire « jours_obsolescence » ?"),
        ('[banque.csv]\nseparateur = "#"',
         '[banque.csv] separateur = "#" : choisissez ";", ",", "tab" ou "|".'),
        ("[banque.csv]\nligne_entete = -1",
         "[banque.csv] ligne_entete = -1 : un numéro de ligne est attendu (1 = première ligne, "
         "0 = pas de ligne d'en-tête)."),
        ("[banque.csv]\ncolonne_date = 0",
         "[banque.csv] colonne_date = 0 : l'en-tête exact de la colonne entre guillemets, ou "
         "son numéro (1 = première colonne), est attendu."),
        ('[banque.csv]\nseparateur_decimal = ";"',
         '[banque.csv] separateur_decimal = ";" : choisissez "," ou ".".'),
        ('[banque.csv]\ncolone_date = "Date"',
         "[banque.csv] clé « colone_date » inconnue. Vouliez-vous dire « colonne_date » ?"),
        ("[banque]\ncsv = 3", "[banque.csv]"),
    ],
)
def test_every_bad_value_is_named(toml, french):
    assert french in error(toml)


def test_errors_in_english():
    assert error('[banque.csv]\nseparateur = "#"', "en") == (
        'suivi.toml: [banque.csv] separateur = "#": choose ";", ",", "tab" or "|".')
