"""suivi.toml, the one configuration layer: defaults, every section validated when the file is
read (before the workbook), and one error naming section, key, value and what is expected, in
French and in English."""

from __future__ import annotations

import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from suivi.config import ConfigError, Settings, default_config, load_settings, settings_from
from suivi.core.dunning import DEFAULT_LADDER
from suivi.core.kpi import KpiSettings
from suivi.core.models import ClientType
from suivi.core.penalties import DEFAULT_BCE_RATES, RatePoint
from suivi.core.steps import Step
from suivi.i18n import set_lang
from suivi.mail.settings import DunningSettings
from suivi.messages import render

BASE = Path("/tmp/entite")


def parse(text: str) -> Settings:
    return settings_from(tomllib.loads(text), BASE)


def error(text: str, lang: str = "fr") -> str:
    with pytest.raises(ConfigError) as caught:
        parse(text)
    return render(caught.value.message, lang)


def test_commented_template_loads_to_the_defaults():
    settings = parse(default_config())
    assert settings.dunning == DunningSettings()
    assert settings.kpi == KpiSettings()
    assert settings.seller is None  # nom = "" in the template: not configured yet
    assert settings.invoicing.number_pattern == "FAC{AAAA}-{NNN}"
    assert settings.workbook == (BASE / "suivi_factures.xlsx").resolve()
    assert settings.lang == "fr"
    assert "# " in default_config() and "[indicateurs]" in default_config()


def test_empty_file_gives_working_defaults():
    settings = parse("")
    assert settings.lang is None  # the environment or --lang decide
    assert settings.dunning.policy.min_days_between_messages == 5
    assert all(ladder == DEFAULT_LADDER for ladder in settings.dunning.policy.ladders.values())
    assert settings.dunning.penalties.bce_rates == DEFAULT_BCE_RATES
    assert settings.kpi.aging_bounds == (30, 60, 90)


def test_values_are_read_into_typed_settings():
    settings = parse("""
[general]
langue = "en"
[classeur]
fichier = "C:/Compta/suivi.xlsx"
feuille = "Suivi"
sauvegardes = 3
[classeur.colonnes]
numero = "Réf."
echeance = "H"
[relances]
relances_avant_mise_en_demeure = 2
[relances.particulier]
jours = { relance2 = 10 }
etapes = ["relance1", "relance2", "mise_en_demeure"]
[penalites]
taux_contractuel = "8,28"
taux_bce = [["2025-06-11", "2.15"], { date = "2026-03-01", taux = 1.9 }]
[indicateurs]
periode_jours = 30
tranches_retard = [15, 45]
""")
    assert settings.lang == "en" and settings.sheet == "Suivi" and settings.backups == 3
    assert settings.columns == {"number": "Réf.", "due_date": "H"}
    ladder = settings.dunning.policy.ladders[ClientType.INDIVIDUAL]
    assert ladder.offsets == ((Step.REMINDER_1, 1), (Step.REMINDER_2, 10), (Step.FORMAL_NOTICE, 30))
    assert settings.dunning.policy.ladders[ClientType.COMPANY] == DEFAULT_LADDER
    assert settings.dunning.penalties.contract_rate == Decimal("8.28")
    assert settings.dunning.penalties.bce_rates == (
        RatePoint(date(2025, 6, 11), Decimal("2.15")),
        RatePoint(date(2026, 3, 1), Decimal("1.9")),
    )
    assert (settings.kpi.period_days, settings.kpi.aging_bounds) == (30, (15, 45))


@pytest.mark.parametrize(
    "toml, french",
    [
        (
            '[relances]\nenvoi = "tout"',
            'suivi.toml : [relances] envoi = "tout" : choisissez "brouillons", "direct".',
        ),
        (
            '[relances]\ndelai_min_entre_messages = "cinq"',
            'suivi.toml : [relances] delai_min_entre_messages = "cinq" : un nombre entier est attendu.',
        ),
        (
            "[relances]\njours = { relance2 = 0 }",
            "[relances] jours.relance2 = 0 : une relance se place après l'échéance",
        ),
        (
            "[relances]\njours = { relance2 = 40 }",
            "jours.appel = 15 doit être plus grand que jours.relance2 = 40",
        ),
        ("[relances]\njours = { relanse1 = 2 }", "[relances] jours.relanse1 = 2 : étape inconnue"),
        (
            '[relances]\netapes = ["relance1", "mise_en_demeure"]',
            "ne compte que 1 relance(s) avant la mise en demeure ou le recouvrement, il en faut au "
            "moins 3",
        ),
        (
            "[relances]\nrelances_avant_mise_en_demeure = 0",
            "[relances] relances_avant_mise_en_demeure = 0 : un nombre entier entre 1 et 10 est "
            "attendu.",
        ),
        (
            '[relances]\nequipe = ["pas une adresse"]',
            '[relances] equipe = ["pas une adresse"] : une liste d\'adresses e-mail valides',
        ),
        (
            "[relances]\nenvoyer = true",
            "[relances] clé « envoyer » inconnue. Vouliez-vous dire « envoi » ?",
        ),
        ('[relances]\nenvoi = "direct"', "renseignez d'abord [smtp] hote"),
        (
            '[relances]\nsubdivision = "99"',
            '[relances] subdivision = "99" : pays ou subdivision inconnus',
        ),
        (
            '[smtp]\nsecurite = "tls"',
            '[smtp] securite = "tls" : choisissez "starttls", "ssl", "aucune".',
        ),
        (
            "[smtp]\nport = 70000",
            "[smtp] port = 70000 : un nombre entier entre 1 et 65535 est attendu.",
        ),
        (
            '[smtp]\nmot_de_passe = "secret"',
            "[smtp] mot_de_passe : le mot de passe ne doit jamais figurer dans suivi.toml",
        ),
        ('[smtp]\nhote = "smtp.exemple.fr\\nBcc: x@y.fr"', "[smtp] hote"),
        (
            '[penalites]\ntaux_contractuel = "5"',
            "le taux contractuel de 5 % est inférieur au minimum légal de 8.28 %",
        ),
        (
            '[penalites]\ntaux_bce = [["2025-13-01", "2"]]',
            '[penalites] taux_bce = [["2025-13-01", "2"]] : une liste [date, taux] est attendue',
        ),
        (
            '[penalites]\nindemnite = "quarante"',
            '[penalites] indemnite = "quarante" : un nombre est attendu',
        ),
        (
            '[indicateurs]\nperiode_jours = "beaucoup"',
            '[indicateurs] periode_jours = "beaucoup" : un nombre entier est attendu',
        ),
        (
            "[indicateurs]\ntranches_retard = [60, 30]",
            "[indicateurs] tranches_retard = [60, 30] : une liste de nombres de jours croissants",
        ),
        (
            "[indicateurs]\nretard_douteux = 90",
            "[indicateurs] clé « retard_douteux » inconnue. Vouliez-vous dire « retard_douteux_jours »",
        ),
        ('[relance]\nenvoi = "direct"', "section [relance] inconnue. Vouliez-vous dire [relances]"),
        (
            "[factures]\ntaux_tva = 2000",
            "[factures] taux_tva = 2000 : un nombre entre 0 et 100 est attendu.",
        ),
        (
            '[factures]\nnumero = "../../x{AAAA}-{NNN}"',
            '[factures] numero = "../../x{AAAA}-{NNN}" : le modèle « ../../x{AAAA}-{NNN} » ne peut '
            "contenir que des lettres",
        ),
        ('[factures]\nnumero = "FAC{AAAA}"', "doit contenir exactement un compteur {NNN}"),
        ('[factures]\ndossier = "../ailleurs"', '[factures] dossier = "../ailleurs" : un dossier'),
        ('[vendeur]\nnom = ["a", "b"]', '[vendeur] nom = ["a", "b"] : un texte entre guillemets'),
        (
            '[vendeur]\nnom = "X"\niban = "FR76 0000 BAD"',
            '[vendeur] iban = "FR76 0000 BAD" : un IBAN valide est attendu',
        ),
        ('[vendeur]\nnom = "X"\nsiren = "123456789"', '[vendeur] siren = "123456789" : un SIREN'),
        ('[vendeur]\nnom = "X"\ntva = "FR00123456789"', '[vendeur] tva = "FR00123456789"'),
        ('[vendeur]\nnom = "X"\nbic = "XX"', '[vendeur] bic = "XX" : un BIC valide'),
        (
            '[vendeur]\nnom = "X"\nsiren = "732829320"\nsiret = "55203253400018"',
            "le SIRET doit commencer par le SIREN 732829320",
        ),
        (
            "[classeur]\nsauvegardes = 0",
            "[classeur] sauvegardes = 0 : un nombre entier entre 1 et 1000",
        ),
        (
            "[classeur]\nmemoire_max_mo = 100",
            "[classeur] memoire_max_mo = 100 : un nombre entier entre 256 et 65536",
        ),
        ('[classeur.colonnes]\nnumro = "A"', "[classeur.colonnes] clé « numro » inconnue"),
        ('[general]\nlangue = "de"', '[general] langue = "de" : choisissez "fr", "en".'),
    ],
)
def test_every_bad_value_names_section_key_value_and_what_is_expected(toml, french):
    assert french in error(toml)


def test_errors_are_english_with_lang_en():
    assert error("[smtp]\nport = 70000", "en") == (
        "suivi.toml: [smtp] port = 70000: a whole number between 1 and 65535 is expected."
    )
    assert "Did you mean [relances]?" in error('[relance]\nenvoi = "direct"', "en")


def test_seller_identifiers_are_compacted_and_kept():
    settings = parse("""
[vendeur]
nom = "Atelier Dupré SARL"
siren = "732 829 320"
siret = "732 829 320 00074"
tva = "FR 44 732 829 320"
iban = "fr76 3000 6000 0112 3456 7890 189"
bic = "BDFEFRPP"
adresse = ["12 rue des Lilas", "Bât. B"]
""")
    seller = settings.seller
    assert seller is not None
    assert (seller.siren, seller.siret, seller.vat_number) == (
        "732829320",
        "73282932000074",
        "FR44732829320",
    )
    assert seller.iban == "FR7630006000011234567890189"
    assert seller.address_lines == ("12 rue des Lilas", "Bât. B")


def test_an_absolute_pdf_folder_is_allowed(tmp_path):
    settings = parse(f'[factures]\ndossier = "{(tmp_path / "pdf").as_posix()}"')
    assert settings.invoicing.folder == (tmp_path / "pdf").as_posix()


def test_file_errors(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path / "absent.toml")
    assert "introuvable" in str(caught.value)
    bad = tmp_path / "suivi.toml"
    bad.write_text("[classeur\nfichier = 1", encoding="utf-8")
    with pytest.raises(ConfigError, match="n'est pas un fichier TOML valide"):
        load_settings(bad)
    bad.write_bytes('[classeur]\nfichier = "é.xlsx"'.encode("latin-1"))
    with pytest.raises(ConfigError, match="UTF-8"):
        load_settings(bad)


@pytest.mark.parametrize(("written", "said"), [
    ('[classeur]\nfichier = "C:\\Compta\\suivi.xlsx"\n',
     "une barre oblique inverse « \\ » dans un texte entre guillemets doit être doublée : "
     "écrivez 'C:\\Compta' entre apostrophes, ou \"C:\\\\Compta\" (ligne 2, colonne 16)"),
    ("[classeur\n", "le nom de section n'est pas fermé : il manque « ] » (ligne 1, colonne 10)"),
    ("[relances]\nenvoi = brouillons\n",
     "valeur illisible : un texte doit être entre guillemets, un nombre s'écrit avec un point "
     "(1.5), un oui/non s'écrit true ou false (ligne 2, colonne 9)"),
    ('[relances]\nenvoi = "direct\n',
     "texte non fermé : il manque le guillemet de fin (ligne 2, colonne 16)"),
    ("[relances.smtp]\nhote = 'a'\n[relances.smtp]\n",
     "la section [relances.smtp] figure deux fois : réunissez ses réglages sous une seule "
     "(ligne 3, colonne 15)"),
    ("[relances]\nequipe = ['a', 'b'\n", "liste non fermée : il manque « ] »"),
    ("[relances]\nenvoi 'direct'\n", "« = » manque après le nom du réglage"),
    ("[vendeur]\nnom = 'A'\nnom = 'B'\n",
     "ce réglage est déjà défini plus haut dans la même section (ligne 3, colonne 10)"),
])
def test_toml_syntax_errors_are_said_in_french_with_their_line(tmp_path, written, said):
    set_lang("fr")
    bad = tmp_path / "suivi.toml"
    bad.write_text(written, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(bad)
    assert str(caught.value).startswith(f"« {bad} » n'est pas un fichier TOML valide : ")
    assert said in str(caught.value)
    assert "Expected" not in str(caught.value) and " at line " not in str(caught.value)


def test_toml_syntax_errors_in_english(tmp_path):
    set_lang("en")
    try:
        bad = tmp_path / "suivi.toml"
        bad.write_text("[classeur]\nfichier = 'a' 'b'\n", encoding="utf-8")
        with pytest.raises(ConfigError) as caught:
            load_settings(bad)
        assert str(caught.value) == (
            f"'{bad}' is not a valid TOML file: one setting per line: what follows the value "
            f"is too much (a comment starts with #) (line 2, column 15). Fix the line shown "
            f"(texts must be in quotes).")
    finally:
        set_lang("fr")


def test_the_documented_file_is_the_one_suivi_init_writes():
    docs = (Path(__file__).resolve().parent.parent / "docs" / "configuration.md").read_text(
        encoding="utf-8")
    block = docs.split("## Le fichier complet", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    assert block.strip() == default_config().strip()


def test_memory_budget_is_read_with_its_default():
    assert parse("").memory_budget_mb == 1024
    assert parse("[classeur]\nmemoire_max_mo = 2048").memory_budget_mb == 2048
