"""The [relances], [smtp] and [penalites] sections of suivi.toml → typed settings.

    settings = dunning_settings_from_config(raw["relances"], raw["smtp"], raw["penalites"])

Every section may be empty or missing: the defaults work. A bad value raises `ConfigError` whose
French message names the key (`[relances] delai_min_entre_messages : …`). Unknown keys are
refused (with a suggestion) rather than silently ignored. `DEFAULT_TOML` is the text of these
sections, with French comments, for the `suivi init` configuration.

The SMTP password is never read from the configuration: only from the environment variable named
by `[smtp] variable_mot_de_passe` (default SUIVI_SMTP_PASSWORD) or from the OS keyring.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from suivi.core.dunning import (DEFAULT_OFFSETS, STEP_BY_KEY, STEP_KEYS, TYPE_KEYS, DunningPolicy,
                                Ladder, PolicyError, make_ladder, validate_policy)
from suivi.config import ConfigError as BaseConfigError
from suivi.core.checks import valid_email
from suivi.core.penalties import (DEFAULT_BCE_RATES, DEFAULT_LEGAL_INTEREST_RATES, PenaltyPolicy,
                                  RatePoint, check_contract_rate)


class ConfigError(BaseConfigError, ValueError):
    """A bad value in suivi.toml; the French message names the section and the key."""


DELIVERY_DRAFTS = "brouillons"
DELIVERY_DIRECT = "direct"
SECURITY_MODES = ("starttls", "ssl", "aucune")


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    """Where and how to send. No password here, ever (see `suivi.mail.send.smtp_password`)."""

    host: str = ""
    port: int = 587
    security: str = "starttls"
    user: str = ""
    sender: str = ""
    sender_name: str = ""
    password_env: str = "SUIVI_SMTP_PASSWORD"
    use_keyring: bool = True
    keyring_service: str = "suivi"
    timeout: float = 30.0
    attempts: int = 3
    backoff: float = 2.0

    @property
    def configured(self) -> bool:
        return bool(self.host)

    @property
    def from_address(self) -> str:
        return self.sender or self.user


@dataclass(frozen=True, slots=True)
class DunningSettings:
    """Everything the dunning module needs from the configuration."""

    policy: DunningPolicy = field(default_factory=DunningPolicy)
    penalties: PenaltyPolicy = field(default_factory=PenaltyPolicy)
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    delivery: str = DELIVERY_DRAFTS
    team: tuple[str, ...] = ()
    bcc_team: bool = False
    read_receipt: bool = False
    reply_to: str | None = None
    templates_folder: str = "modeles/relances"
    drafts_folder: str = "relances"
    country: str = "FR"
    subdivision: str | None = None
    closed_days: tuple[date, ...] = ()
    attach_invoices: bool = True
    qr_code: bool = True

    @property
    def direct(self) -> bool:
        return self.delivery == DELIVERY_DIRECT


DEFAULT_TOML = '''\
[relances]
# "brouillons" : les messages sont préparés en fichiers .eml dans relances/AAAA-MM-JJ/
#                (à relire, puis `suivi send`) ; "direct" : le passage quotidien les envoie.
envoi = "brouillons"
# langue par défaut des messages ("fr" ou "en") ; un client dont la colonne Langue vaut "en"
# reçoit toujours l'anglais.
langue = "fr"
# adresses de l'équipe : reçoivent le résumé du jour (et la copie cachée si copie_equipe = true)
equipe = []
copie_equipe = false
# demander un accusé de lecture (Disposition-Notification-To)
accuse_lecture = false
# adresse de réponse (Reply-To), vide = l'expéditeur
repondre_a = ""
# minimum de relances (relance 1, relance 2, appel) avant une mise en demeure ou un recouvrement
relances_avant_mise_en_demeure = 3
# jours minimum entre deux messages au même client
delai_min_entre_messages = 5
# jours de grâce après une date de promesse de paiement avant de reprendre les relances
delai_grace_promesse = 3
# délai de paiement laissé par la mise en demeure (jours) avant le recouvrement
delai_mise_en_demeure = 8
# en dessous de ce reste dû (en €), pas de relance
montant_minimum = "5"
# joindre la facture PDF (colonne Fichier PDF) et un QR code de virement SEPA
joindre_factures = true
qr_code = true
# dossiers, relatifs au classeur : modèles personnalisés, brouillons et exports
dossier_modeles = "modeles/relances"
dossier_brouillons = "relances"
# jours fériés : pays et subdivision du paquet holidays (ex. "57" Moselle, "974" La Réunion)
pays = "FR"
subdivision = ""
# jours de fermeture en plus des week-ends et jours fériés, ex. ["2026-12-24"]
fermetures = []

# échelle de relance : jours par rapport à l'échéance (négatif = avant l'échéance)
[relances.jours]
avis = -5
relance1 = 1
relance2 = 7
appel = 15
mise_en_demeure = 30
recouvrement = 45

# une échelle par type de client : mêmes clés ; "etapes" choisit les étapes actives, ex.
# [relances.particulier]
# etapes = ["avis", "relance1", "relance2", "appel", "mise_en_demeure"]
# jours = { relance2 = 10 }

[smtp]
# serveur d'envoi ; le mot de passe n'est JAMAIS écrit ici : variable d'environnement
# SUIVI_SMTP_PASSWORD, ou trousseau du système (keyring set suivi <utilisateur>)
hote = ""
port = 587
# "starttls", "ssl" (port 465) ou "aucune"
securite = "starttls"
utilisateur = ""
# adresse et nom affichés comme expéditeur (par défaut : utilisateur)
expediteur = ""
nom_expediteur = ""
variable_mot_de_passe = "SUIVI_SMTP_PASSWORD"
trousseau = true
# secondes ; nouvelles tentatives sur erreur passagère, pause doublée à chaque essai
delai_connexion = 30
tentatives = 3
pause = 2

[penalites]
# taux des pénalités de retard : taux BCE du 1er janvier / 1er juillet + majoration (10 points)
majoration = "10"
# intérêts moratoires des acheteurs publics : taux BCE + 8 points
majoration_administration = "8"
# taux contractuel en % (vide = taux légal BCE + 10) ; au moins 3 × le taux d'intérêt légal
taux_contractuel = ""
# indemnité forfaitaire pour frais de recouvrement, par facture, clients professionnels
indemnite = "40"
# appliquer le taux contractuel aussi aux particuliers (jamais l'indemnité de 40 €)
penalites_particuliers = false
# date jusqu'à laquelle la table des taux BCE a été vérifiée : au-delà, suivi vous prévient
bce_verifie_jusqu_au = "2025-12-31"
# taux directeur BCE (opérations principales de refinancement), par date d'effet
# source : BCE (listés par optimial.fr et legifiscal.fr) — à compléter à chaque changement
taux_bce = [
    ["2022-07-27", "0.50"], ["2022-09-14", "1.25"], ["2022-11-02", "2.00"],
    ["2022-12-21", "2.50"], ["2023-02-08", "3.00"], ["2023-03-22", "3.50"],
    ["2023-05-10", "3.75"], ["2023-06-21", "4.00"], ["2023-08-02", "4.25"],
    ["2023-09-20", "4.50"], ["2024-06-12", "4.25"], ["2024-09-18", "3.65"],
    ["2024-10-23", "3.40"], ["2024-12-18", "3.15"], ["2025-02-05", "2.90"],
    ["2025-03-12", "2.65"], ["2025-04-23", "2.40"], ["2025-06-11", "2.15"],
]
# taux de l'intérêt légal (créanciers professionnels), par semestre : sert à vérifier le taux
# contractuel (au moins 3 fois ce taux) ; source : arrêtés publiés au Journal officiel
taux_interet_legal = [
    ["2023-01-01", "2.06"], ["2023-07-01", "4.22"], ["2024-01-01", "5.07"],
    ["2024-07-01", "4.92"], ["2025-01-01", "3.71"], ["2025-07-01", "2.76"],
]
'''

_RELANCES_KEYS = {
    "envoi", "langue", "equipe", "copie_equipe", "accuse_lecture", "repondre_a",
    "relances_avant_mise_en_demeure", "delai_min_entre_messages", "delai_grace_promesse",
    "montant_minimum", "delai_mise_en_demeure", "joindre_factures", "qr_code", "dossier_modeles", "dossier_brouillons",
    "pays", "subdivision", "fermetures", "jours", "etapes", *TYPE_KEYS.values(),
}
_TYPE_SECTION_KEYS = {"jours", "etapes"}
_SMTP_KEYS = {"hote", "port", "securite", "utilisateur", "expediteur", "nom_expediteur",
              "variable_mot_de_passe", "trousseau", "delai_connexion", "tentatives", "pause"}
_PENALITES_KEYS = {"majoration", "majoration_administration", "taux_contractuel", "indemnite",
                   "penalites_particuliers", "bce_verifie_jusqu_au", "taux_bce",
                   "taux_interet_legal"}
_SECRET_KEYS = {"mot_de_passe", "password", "motdepasse", "pass", "passwd", "secret"}
class _Section:
    """Typed access to one TOML table, with French errors naming the key."""

    def __init__(self, name: str, raw: Mapping[str, Any] | None, allowed: set[str]):
        self.name = name
        self.raw = dict(raw or {})
        for key in self.raw:
            if key.casefold() in _SECRET_KEYS:
                raise ConfigError(
                    f"[{name}] {key} : le mot de passe ne doit jamais figurer dans suivi.toml. "
                    f"Supprimez cette ligne et utilisez la variable d'environnement "
                    f"SUIVI_SMTP_PASSWORD ou le trousseau du système (keyring).")
            if key not in allowed:
                close = difflib.get_close_matches(key, sorted(allowed), n=1)
                hint = f" Vouliez-vous dire « {close[0]} » ?" if close else ""
                raise ConfigError(f"[{name}] {key} : clé inconnue.{hint}")

    def fail(self, key: str, message: str) -> ConfigError:
        return ConfigError(f"[{self.name}] {key} : {message}")

    def text(self, key: str, default: str) -> str:
        value = self.raw.get(key, default)
        if value is None:
            return default
        if not isinstance(value, str):
            raise self.fail(key, f"texte attendu, reçu {value!r}")
        return value.strip()

    def boolean(self, key: str, default: bool) -> bool:
        value = self.raw.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, f"true ou false attendu, reçu {value!r}")
        return value

    def integer(self, key: str, default: int, minimum: int | None = None,
                maximum: int | None = None) -> int:
        value = self.raw.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
                value = int(value.strip())
            else:
                raise self.fail(key, f"nombre entier attendu, reçu {value!r}")
        if minimum is not None and value < minimum:
            raise self.fail(key, f"{value} est trop petit (minimum {minimum})")
        if maximum is not None and value > maximum:
            raise self.fail(key, f"{value} est trop grand (maximum {maximum})")
        return value

    def number(self, key: str, default: float, minimum: float = 0.0) -> float:
        value = self.raw.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(key, f"nombre attendu, reçu {value!r}")
        if value < minimum:
            raise self.fail(key, f"{value} est trop petit (minimum {minimum})")
        return float(value)

    def decimal(self, key: str, default: str | None, minimum: Decimal | None = Decimal(0)
                ) -> Decimal | None:
        value = self.raw.get(key, default)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        result = to_decimal(value)
        if result is None:
            raise self.fail(key, f"nombre attendu (ex. \"12.5\"), reçu {value!r}")
        if minimum is not None and result < minimum:
            raise self.fail(key, f"{value} doit être au moins {minimum}")
        return result

    def emails(self, key: str) -> tuple[str, ...]:
        value = self.raw.get(key, [])
        if isinstance(value, str):
            value = [v for v in re.split(r"[;,]", value) if v.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "liste d'adresses attendue, ex. [\"compta@exemple.fr\"]")
        result = []
        for address in value:
            address = address.strip()
            if not is_valid_email(address):
                raise self.fail(key, f"adresse e-mail invalide « {address} »")
            result.append(address)
        return tuple(result)

    def date_value(self, key: str, default: str | None) -> date | None:
        value = self.raw.get(key, default)
        if value is None or value == "":
            return None
        parsed = to_date(value)
        if parsed is None:
            raise self.fail(key, f"date AAAA-MM-JJ attendue, reçu {value!r}")
        return parsed


def is_valid_email(address: str) -> bool:
    """A plain addr-spec (no display name, no spaces or control characters): the same rule as
    `suivi check` uses, so that what the check accepts is what dunning sends to."""
    return valid_email(address)


def to_decimal(value: object) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float, Decimal)):
        return Decimal(str(value))
    if isinstance(value, str):
        try:
            return Decimal(value.strip().replace(",", ".").rstrip("%").strip())
        except InvalidOperation:
            return None
    return None


def to_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _rates(section: _Section, key: str, default: tuple[RatePoint, ...]) -> tuple[RatePoint, ...]:
    value = section.raw.get(key)
    if value is None:
        return default
    points: list[RatePoint] = []
    if not isinstance(value, list):
        raise section.fail(key, "liste attendue, ex. [[\"2025-06-11\", \"2.15\"], …]")
    for index, entry in enumerate(value, 1):
        if isinstance(entry, Mapping):
            day, rate = entry.get("date"), entry.get("taux")
        elif isinstance(entry, (list, tuple)) and len(entry) == 2:
            day, rate = entry
        else:
            raise section.fail(key, f"entrée n° {index} : [\"AAAA-MM-JJ\", \"taux\"] attendu, "
                                    f"reçu {entry!r}")
        parsed_day, parsed_rate = to_date(day), to_decimal(rate)
        if parsed_day is None:
            raise section.fail(key, f"entrée n° {index} : date invalide {day!r} (AAAA-MM-JJ)")
        if parsed_rate is None or parsed_rate < -5 or parsed_rate > 50:
            raise section.fail(key, f"entrée n° {index} : taux invalide {rate!r} (en %, ex. \"2.15\")")
        points.append(RatePoint(parsed_day, parsed_rate))
    days = [p.effective for p in points]
    if len(set(days)) != len(days):
        raise section.fail(key, "deux taux pour la même date d'effet")
    return tuple(sorted(points))


def penalty_policy_from_config(raw_penalites: Mapping[str, Any] | None) -> PenaltyPolicy:
    """[penalites] → PenaltyPolicy (ConfigError naming the key for a bad value)."""
    section = _Section("penalites", raw_penalites, _PENALITES_KEYS)
    policy = PenaltyPolicy(
        bce_rates=_rates(section, "taux_bce", DEFAULT_BCE_RATES),
        legal_interest_rates=_rates(section, "taux_interet_legal", DEFAULT_LEGAL_INTEREST_RATES),
        margin=section.decimal("majoration", "10") or Decimal(0),
        public_margin=section.decimal("majoration_administration", "8") or Decimal(0),
        contract_rate=section.decimal("taux_contractuel", None),
        indemnity=section.decimal("indemnite", "40") or Decimal(0),
        individuals=section.boolean("penalites_particuliers", False),
        verified_until=section.date_value("bce_verifie_jusqu_au", "2025-12-31"),
    )
    if policy.contract_rate is not None:
        problem = check_contract_rate(policy.contract_rate, policy)
        if problem:
            raise section.fail("taux_contractuel", problem)
    if not policy.bce_rates and policy.contract_rate is None:
        raise section.fail("taux_bce", "la table des taux BCE est vide")
    return policy


def _offsets(section: _Section, key: str, base: Mapping[Any, int], where: str) -> dict[Any, int]:
    value = section.raw.get(key)
    if value is None:
        return dict(base)
    if not isinstance(value, Mapping):
        raise section.fail(key, "table attendue, ex. { relance1 = 1, relance2 = 7 }")
    result = dict(base)
    for name, days in value.items():
        step = STEP_BY_KEY.get(name)
        if step is None:
            close = difflib.get_close_matches(name, sorted(STEP_BY_KEY), n=1)
            hint = f" Vouliez-vous dire « {close[0]} » ?" if close else ""
            raise ConfigError(f"[{where}] jours.{name} : étape inconnue "
                              f"({', '.join(STEP_KEYS.values())}).{hint}")
        if isinstance(days, bool) or not isinstance(days, int):
            raise ConfigError(f"[{where}] jours.{name} : nombre de jours entier attendu, reçu {days!r}")
        result[step] = days
    return result


def _enabled(section: _Section, key: str, default: tuple[Any, ...] | None, where: str):
    value = section.raw.get(key)
    if value is None:
        return default
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"[{where}] {key} : liste d'étapes attendue, ex. "
                          f"[\"relance1\", \"relance2\", \"appel\", \"mise_en_demeure\"]")
    steps = []
    for name in value:
        if name not in STEP_BY_KEY:
            raise ConfigError(f"[{where}] {key} : étape inconnue « {name} » "
                              f"({', '.join(STEP_KEYS.values())})")
        steps.append(STEP_BY_KEY[name])
    return tuple(steps)


def _ladder(offsets: Mapping[Any, int], enabled: tuple[Any, ...] | None, where: str) -> Ladder:
    chosen = {step: days for step, days in offsets.items()
              if enabled is None or step in enabled}
    try:
        return make_ladder(chosen, where=where)
    except PolicyError as exc:
        raise ConfigError(str(exc)) from exc


def dunning_policy_from_config(raw_relances: Mapping[str, Any] | None) -> DunningPolicy:
    """[relances] → DunningPolicy (ladders per client type, intervals, minimum)."""
    section = _Section("relances", raw_relances, _RELANCES_KEYS)
    offsets = _offsets(section, "jours", DEFAULT_OFFSETS, "relances")
    enabled = _enabled(section, "etapes", None, "relances")
    ladders = {}
    for kind, key in TYPE_KEYS.items():
        sub_raw = section.raw.get(key)
        if sub_raw is not None and not isinstance(sub_raw, Mapping):
            raise section.fail(key, "table attendue ([relances." + key + "])")
        sub = _Section(f"relances.{key}", sub_raw, _TYPE_SECTION_KEYS)
        where = f"relances.{key}" if sub_raw else "relances"
        ladders[kind] = _ladder(_offsets(sub, "jours", offsets, f"relances.{key}"),
                                _enabled(sub, "etapes", enabled, f"relances.{key}"), where)
    language = section.text("langue", "fr").casefold()
    if language not in ("fr", "en"):
        raise section.fail("langue", f"« {language} » : \"fr\" ou \"en\"")
    policy = DunningPolicy(
        ladders=ladders,
        min_reminders_before_severe=section.integer("relances_avant_mise_en_demeure", 3, 1, 10),
        min_days_between_messages=section.integer("delai_min_entre_messages", 5, 0, 365),
        promise_grace_days=section.integer("delai_grace_promesse", 3, 0, 365),
        minimum_balance=section.decimal("montant_minimum", "5") or Decimal(0),
        language=language,
        formal_notice_delay=section.integer("delai_mise_en_demeure", 8, 0, 90),
    )
    problems = validate_policy(policy)
    if problems:
        raise ConfigError(" ; ".join(problems))
    return policy


def smtp_settings_from_config(raw_smtp: Mapping[str, Any] | None) -> SmtpSettings:
    """[smtp] → SmtpSettings. Refuses any password key."""
    section = _Section("smtp", raw_smtp, _SMTP_KEYS)
    security = section.text("securite", "starttls").casefold()
    if security not in SECURITY_MODES:
        raise section.fail("securite", f"« {security} » : {', '.join(SECURITY_MODES)}")
    default_port = 465 if security == "ssl" else 587
    user = section.text("utilisateur", "")
    sender = section.text("expediteur", "")
    for key, value in (("expediteur", sender),):
        if value and not is_valid_email(value):
            raise section.fail(key, f"adresse e-mail invalide « {value} »")
    env = section.text("variable_mot_de_passe", "SUIVI_SMTP_PASSWORD")
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", env):
        raise section.fail("variable_mot_de_passe", f"nom de variable invalide « {env} »")
    return SmtpSettings(
        host=section.text("hote", ""),
        port=section.integer("port", default_port, 1, 65535),
        security=security,
        user=user,
        sender=sender,
        sender_name=_one_line(section.text("nom_expediteur", "")),
        password_env=env,
        use_keyring=section.boolean("trousseau", True),
        timeout=section.number("delai_connexion", 30, 1),
        attempts=section.integer("tentatives", 3, 1, 10),
        backoff=section.number("pause", 2.0, 0),
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def dunning_settings_from_config(raw_relances: Mapping[str, Any] | None,
                                 raw_smtp: Mapping[str, Any] | None = None,
                                 raw_penalites: Mapping[str, Any] | None = None
                                 ) -> DunningSettings:
    """All three sections → DunningSettings. Raises ConfigError (French, names the key)."""
    policy = dunning_policy_from_config(raw_relances)
    section = _Section("relances", raw_relances, _RELANCES_KEYS)
    delivery = section.text("envoi", DELIVERY_DRAFTS).casefold()
    if delivery not in (DELIVERY_DRAFTS, DELIVERY_DIRECT):
        raise section.fail("envoi", f"« {delivery} » : \"brouillons\" ou \"direct\"")
    reply_to = section.text("repondre_a", "") or None
    if reply_to and not is_valid_email(reply_to):
        raise section.fail("repondre_a", f"adresse e-mail invalide « {reply_to} »")
    closed = section.raw.get("fermetures", [])
    if not isinstance(closed, list):
        raise section.fail("fermetures", "liste de dates attendue, ex. [\"2026-12-24\"]")
    closed_days = []
    for value in closed:
        parsed = to_date(value)
        if parsed is None:
            raise section.fail("fermetures", f"date invalide {value!r} (AAAA-MM-JJ)")
        closed_days.append(parsed)
    country = section.text("pays", "FR").upper()
    subdivision = section.text("subdivision", "") or None
    from suivi.core.calendar import UnknownCalendar, business_day_checker
    try:
        business_day_checker(country, subdivision)
    except UnknownCalendar as exc:
        raise section.fail("subdivision" if subdivision else "pays", str(exc)) from exc
    settings = DunningSettings(
        policy=policy,
        penalties=penalty_policy_from_config(raw_penalites),
        smtp=smtp_settings_from_config(raw_smtp),
        delivery=delivery,
        team=section.emails("equipe"),
        bcc_team=section.boolean("copie_equipe", False),
        read_receipt=section.boolean("accuse_lecture", False),
        reply_to=reply_to,
        templates_folder=section.text("dossier_modeles", "modeles/relances"),
        drafts_folder=section.text("dossier_brouillons", "relances") or "relances",
        country=country,
        subdivision=subdivision,
        closed_days=tuple(closed_days),
        attach_invoices=section.boolean("joindre_factures", True),
        qr_code=section.boolean("qr_code", True),
    )
    if settings.direct and not settings.smtp.configured:
        raise ConfigError("[relances] envoi = \"direct\" : renseignez d'abord [smtp] hote "
                          "(serveur d'envoi)")
    if settings.bcc_team and not settings.team:
        raise section.fail("copie_equipe", "true mais [relances] equipe est vide")
    return settings


def business_day_checker_for(settings: DunningSettings):
    """The calendar configured in [relances] pays / subdivision / fermetures."""
    from suivi.core.calendar import business_day_checker

    return business_day_checker(settings.country, settings.subdivision, settings.closed_days)
