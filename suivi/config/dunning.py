"""[relances], [smtp] and [penalites] → `DunningSettings` (policy, penalties, SMTP, delivery)."""
from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from suivi.core.calendar import UnknownCalendar, business_day_checker
from suivi.core.dunning import (
    DEFAULT_OFFSETS,
    STEP_BY_KEY,
    STEP_KEYS,
    TYPE_KEYS,
    DunningPolicy,
    Ladder,
    PolicyError,
    make_ladder,
    validate_policy,
)
from suivi.core.penalties import (
    DEFAULT_BCE_RATES,
    DEFAULT_LEGAL_INTEREST_RATES,
    PenaltyPolicy,
    RatePoint,
    check_contract_rate,
)
from suivi.core.steps import Step
from suivi.mail.settings import (
    DELIVERY_DIRECT,
    DELIVERY_DRAFTS,
    SECURITY_MODES,
    DunningSettings,
    SmtpSettings,
)

from .errors import ConfigError
from .fields import Section, expect, suggestion, table, to_date, to_decimal

RELANCES_KEYS = frozenset({
    "envoi", "langue", "equipe", "copie_equipe", "alerte_equipe", "accuse_lecture", "repondre_a",
    "relances_avant_mise_en_demeure", "delai_min_entre_messages", "delai_grace_promesse",
    "montant_minimum", "delai_mise_en_demeure", "joindre_factures", "qr_code", "dossier_modeles",
    "dossier_brouillons", "pays", "subdivision", "fermetures", "jours", "etapes",
    *TYPE_KEYS.values(),
})
TYPE_SECTION_KEYS = frozenset({"jours", "etapes"})
SMTP_KEYS = frozenset({"hote", "port", "securite", "utilisateur", "expediteur", "nom_expediteur",
                       "variable_mot_de_passe", "trousseau", "delai_connexion", "tentatives",
                       "pause"})
PENALITES_KEYS = frozenset({"majoration", "majoration_administration", "taux_contractuel",
                            "indemnite", "penalites_particuliers", "bce_verifie_jusqu_au",
                            "taux_bce", "taux_interet_legal"})


def parse_dunning(raw: Mapping[str, Any]) -> DunningSettings:
    """The three sections of the parsed file → DunningSettings (ConfigError when wrong)."""
    relances = table("", raw, "relances")
    section = Section("relances", relances, RELANCES_KEYS)
    settings = DunningSettings(
        policy=parse_policy(section),
        penalties=parse_penalties(table("", raw, "penalites")),
        smtp=parse_smtp(table("", raw, "smtp")),
        delivery=section.choice("envoi", DELIVERY_DRAFTS, (DELIVERY_DRAFTS, DELIVERY_DIRECT)),
        team=section.emails("equipe"),
        bcc_team=section.boolean("copie_equipe", False),
        alert_team=section.boolean("alerte_equipe", False),
        read_receipt=section.boolean("accuse_lecture", False),
        reply_to=section.email("repondre_a") or None,
        templates_folder=section.text("dossier_modeles", "modeles/relances"),
        drafts_folder=section.text("dossier_brouillons", "relances") or "relances",
        country=section.text("pays", "FR").upper(),
        subdivision=section.text("subdivision", "") or None,
        closed_days=section.dates("fermetures"),
        attach_invoices=section.boolean("joindre_factures", True),
        qr_code=section.boolean("qr_code", True),
    )
    try:
        business_day_checker(settings.country, settings.subdivision)
    except UnknownCalendar:
        key = "subdivision" if settings.subdivision else "pays"
        raise section.fail(key, expect("calendar")) from None
    if settings.direct and not settings.smtp.configured:
        raise ConfigError.invalid("relances", "envoi", DELIVERY_DIRECT,
                                  expect("smtp_host_first"))
    if settings.bcc_team and not settings.team:
        raise section.fail("copie_equipe", expect("team_first"))
    if settings.alert_team and not settings.team:
        raise section.fail("alerte_equipe", expect("team_first"))
    if settings.alert_team and not settings.smtp.configured:
        raise section.fail("alerte_equipe", expect("smtp_host_first"))
    return settings


def parse_policy(section: Section) -> DunningPolicy:
    """[relances] and its per-client-type tables → DunningPolicy."""
    offsets = _offsets(section, DEFAULT_OFFSETS)
    enabled = _enabled(section, None)
    ladders = {}
    for kind, key in TYPE_KEYS.items():
        sub = Section(f"relances.{key}", table("relances", section.raw, key), TYPE_SECTION_KEYS)
        ladders[kind] = _ladder(_offsets(sub, offsets), _enabled(sub, enabled),
                                sub.name if sub.raw else "relances")
    policy = DunningPolicy(
        ladders=ladders,
        min_reminders_before_severe=section.integer("relances_avant_mise_en_demeure", 3, 1, 10),
        min_days_between_messages=section.integer("delai_min_entre_messages", 5, 0, 365),
        promise_grace_days=section.integer("delai_grace_promesse", 3, 0, 365),
        minimum_balance=section.decimal("montant_minimum", "5") or Decimal(0),
        language=section.choice("langue", "fr", ("fr", "en")),
        formal_notice_delay=section.integer("delai_mise_en_demeure", 8, 0, 90),
    )
    problems = validate_policy(policy)
    if problems:
        raise ConfigError("config.policy", problem=problems[0])
    return policy


#: Days from the due date a step may be set at: a year before (the courtesy notice) to ten
#: years after; beyond, the dates of the schedule would leave the calendar.
STEP_DAYS_MIN, STEP_DAYS_MAX = -365, 3650


def _offsets(section: Section, base: Mapping[Step, int]) -> dict[Step, int]:
    value = section.raw.get("jours")
    if value is None:
        return dict(base)
    if not isinstance(value, Mapping):
        raise section.fail("jours", expect("offsets"))
    result = dict(base)
    for name, days in value.items():
        step = STEP_BY_KEY.get(name)
        if step is None:
            raise ConfigError.invalid(section.name, f"jours.{name}", days, expect(
                "step", steps=list(STEP_KEYS.values()), close=suggestion(name, STEP_BY_KEY)))
        if isinstance(days, bool) or not isinstance(days, int):
            raise ConfigError.invalid(section.name, f"jours.{name}", days, expect("int"))
        if not STEP_DAYS_MIN <= days <= STEP_DAYS_MAX:
            raise ConfigError.invalid(section.name, f"jours.{name}", days, expect(
                "int_range", low=STEP_DAYS_MIN, high=STEP_DAYS_MAX))
        result[step] = days
    return result


def _enabled(section: Section, default: tuple[Step, ...] | None) -> tuple[Step, ...] | None:
    value = section.raw.get("etapes")
    if value is None:
        return default
    if not isinstance(value, list) or not all(isinstance(v, str) and v in STEP_BY_KEY
                                              for v in value):
        raise section.fail("etapes", expect("steps", steps=list(STEP_KEYS.values())))
    return tuple(STEP_BY_KEY[name] for name in value)


def _ladder(offsets: Mapping[Step, int], enabled: tuple[Step, ...] | None, where: str) -> Ladder:
    chosen = {step: days for step, days in offsets.items()
              if enabled is None or step in enabled}
    try:
        return make_ladder(chosen, where=where)
    except PolicyError as exc:
        raise ConfigError("config.policy", problem=exc.message) from None


def parse_smtp(raw: Mapping[str, Any]) -> SmtpSettings:
    """[smtp] → SmtpSettings. Refuses any password key."""
    section = Section("smtp", raw, SMTP_KEYS)
    security = section.choice("securite", "starttls", SECURITY_MODES)
    env = section.text("variable_mot_de_passe", "SUIVI_SMTP_PASSWORD")
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", env):
        raise section.fail("variable_mot_de_passe", expect("env_name"))
    host = section.text("hote", "")
    if host and not re.fullmatch(r"[A-Za-z0-9.\-\[\]:]+", host):
        raise section.fail("hote", expect("host"))
    return SmtpSettings(
        host=host,
        port=section.integer("port", 465 if security == "ssl" else 587, 1, 65535),
        security=security,
        user=section.text("utilisateur", ""),
        sender=section.email("expediteur"),
        sender_name=" ".join(section.text("nom_expediteur", "").split()),
        password_env=env,
        use_keyring=section.boolean("trousseau", True),
        timeout=section.number("delai_connexion", 30, 1, 600),
        attempts=section.integer("tentatives", 3, 1, 10),
        backoff=section.number("pause", 2.0, 0, 300),
    )


def parse_penalties(raw: Mapping[str, Any]) -> PenaltyPolicy:
    """[penalites] → PenaltyPolicy."""
    section = Section("penalites", raw, PENALITES_KEYS)
    policy = PenaltyPolicy(
        bce_rates=_rates(section, "taux_bce", DEFAULT_BCE_RATES),
        legal_interest_rates=_rates(section, "taux_interet_legal", DEFAULT_LEGAL_INTEREST_RATES),
        margin=section.decimal("majoration", "10", high=Decimal(50)) or Decimal(0),
        public_margin=section.decimal("majoration_administration", "8", high=Decimal(50))
        or Decimal(0),
        contract_rate=section.decimal("taux_contractuel", None, high=Decimal(100)),
        indemnity=section.decimal("indemnite", "40", high=Decimal(10000)) or Decimal(0),
        individuals=section.boolean("penalites_particuliers", False),
        verified_until=section.date_value("bce_verifie_jusqu_au", "2025-12-31"),
    )
    if policy.contract_rate is not None:
        problem = check_contract_rate(policy.contract_rate, policy)
        if problem is not None:
            raise section.fail("taux_contractuel", problem)
    if not policy.bce_rates and policy.contract_rate is None:
        raise section.fail("taux_bce", expect("bce_table"))
    return policy


def _rates(section: Section, key: str, default: tuple[RatePoint, ...]) -> tuple[RatePoint, ...]:
    value = section.raw.get(key)
    if value is None:
        return default
    if not isinstance(value, list):
        raise section.fail(key, expect("rates"))
    points: list[RatePoint] = []
    for entry in value:
        if isinstance(entry, Mapping):
            day, rate = entry.get("date"), entry.get("taux")
        elif isinstance(entry, (list, tuple)) and len(entry) == 2:
            day, rate = entry
        else:
            raise section.fail(key, expect("rates"))
        parsed_day, parsed_rate = to_date(day), to_decimal(rate)
        if parsed_day is None or parsed_rate is None or not -5 <= parsed_rate <= 50:
            raise section.fail(key, expect("rates"))
        points.append(RatePoint(parsed_day, parsed_rate))
    days = [p.effective for p in points]
    if len(set(days)) != len(days):
        raise section.fail(key, expect("rates_unique"))
    return tuple(sorted(points))


