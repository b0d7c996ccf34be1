"""Indicators (indicateurs): encours, DSO, DMP, delays, unpaid rate, aging, clients, forecast.

Pure functions over the records read from the workbook: standard library and Decimal only, `today`
always passed in. `compute_kpis` makes one pass over the invoices (payments are grouped by invoice
number once), so 100k invoices take well under two seconds.

Every indicator is defined in `INDICATORS` (French label, English label, kind and definition); the
workbook sheet, the terminal table and docs/indicateurs.md show the same definitions.

Conventions (detailed in docs/indicateurs.md):

- "Issued invoices" are invoices and deposit invoices (acomptes) with a number whose status is not
  "à émettre", "annulée" or "avoir". Cancelled invoices and drafts count nowhere.
- Credit notes (avoirs) are netted: a credit note that names the invoice it corrects (N° facture
  d'origine) reduces that invoice's balance, up to the balance; what is left, and credit notes that
  name no open invoice, are shown as "avoirs non imputés" and are not subtracted from the encours.
  In amounts invoiced over a period, credit notes issued in the period are subtracted.
- Balances are the workbook's: total TTC − Montant réglé − imputed credit notes, counted only when
  at least one cent is owed. An invoice without a due date is due on its issue date.
- The period is the `period_days` last days, today included.
"""
from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from typing import Any, Iterable, Mapping, Sequence

from suivi.core.ledger import StatusInfo, compute_status, effective_payments, payments_by_invoice
from suivi.core.models import (
    CENT,
    ZERO,
    Client,
    Invoice,
    JournalEntry,
    Payment,
    Status,
    normalise_name,
)
from suivi.core.steps import Step, parse_step

ONE = Decimal(1)
HUNDRED = Decimal(100)
DAYS_Q = Decimal("0.1")
RATE_Q = Decimal("0.0001")
NUMBER_Q = Decimal("0.01")

# How each kind of value is rounded for presentation (JSON, history sheet).
QUANTUM = {"money": CENT, "days": DAYS_Q, "rate": RATE_Q, "number": NUMBER_Q, "count": ONE}


def present(value: Decimal | None, kind: str) -> Decimal | None:
    """`value` rounded half up for presentation: cents, tenths of a day, 0.01 % for rates."""
    if value is None:
        return None
    return value.quantize(QUANTUM[kind], rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------------------------


class KpiConfigError(ValueError):
    """A bad value in the [indicateurs] section; the message is French and names the key."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"[indicateurs] {key} : {message}")
        self.key = key


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
        for spec in _SETTING_SPECS:
            value = getattr(self, spec.attr)
            problem = spec.problem(value)
            if problem:
                raise KpiConfigError(spec.key, problem)

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
                return f"une liste de nombres de jours croissants est attendue, par exemple [30, 60, 90] (reçu {value!r})"
            if len(value) > 8:
                return f"au plus 8 tranches (reçu {len(value)})"
            previous = 0
            for item in value:
                if isinstance(item, bool) or not isinstance(item, int):
                    return f"« {item!r} » n'est pas un nombre entier de jours"
                if item <= previous:
                    return f"les bornes doivent être des entiers positifs strictement croissants (reçu {list(value)})"
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


# ---------------------------------------------------------------------------------------------
# Indicator registry: one entry per headline indicator, with its definition
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Indicator:
    """A headline indicator: the KpiReport attribute, labels, kind and French definition."""

    key: str
    label: str
    label_en: str
    kind: str  # money, days, rate, count, number
    definition: str


INDICATORS: tuple[Indicator, ...] = (
    Indicator("receivables", "Encours total", "Total receivables", "money",
              "Somme des restes dus des factures émises (TTC − montant réglé − avoirs imputés), "
              "échues ou non, litiges compris."),
    Indicator("overdue", "Encours échu", "Overdue", "money",
              "Part de l'encours dont l'échéance est passée (au moins un jour de retard ; "
              "une facture échue aujourd'hui est encore non échue)."),
    Indicator("not_due", "Encours non échu", "Not yet due", "money",
              "Part de l'encours dont l'échéance est aujourd'hui ou plus tard."),
    Indicator("disputed", "dont en litige", "of which disputed", "money",
              "Reste dû des factures en litige (compris dans l'encours)."),
    Indicator("unapplied_credit", "Avoirs non imputés", "Unapplied credit notes", "money",
              "Avoirs ne visant aucune facture ouverte, ou dépassant son reste dû, moins les "
              "remboursements ; non déduits de l'encours."),
    Indicator("invoiced", "CA TTC facturé sur la période", "Invoiced incl. VAT (period)", "money",
              "Factures et acomptes émis pendant la période (TTC), moins les avoirs émis pendant "
              "la période."),
    Indicator("collected", "Encaissé sur la période", "Collected (period)", "money",
              "Règlements datés de la période : ceux des factures émises et ceux de la feuille "
              "Paiements rattachés à aucune facture connue."),
    Indicator("dso_simple", "DSO (méthode simple)", "DSO (simple method)", "days",
              "Encours total ÷ CA TTC facturé sur la période × nombre de jours de la période."),
    Indicator("dso_exhaustion", "DSO (épuisement du CA)", "DSO (exhaustion method)", "days",
              "On retranche de l'encours le CA TTC de chaque mois en remontant depuis le mois en "
              "cours (jours écoulés), en comptant les jours des mois entiers épuisés, puis la "
              "fraction du dernier mois : reste ÷ CA du mois × jours du mois."),
    Indicator("dmp", "DMP (délai moyen de paiement)", "Average payment time", "days",
              "Moyenne, sur les factures soldées pendant la période, des jours entre la date de "
              "facture et la date du règlement qui les solde."),
    Indicator("dmp_weighted", "DMP pondéré par les montants", "Amount-weighted payment time", "days",
              "Σ (montant × jours entre date de facture et date du règlement) ÷ Σ montants, sur "
              "tous les règlements datés de la période, chacun à sa date (paiements partiels compris)."),
    Indicator("average_days_late", "Retard moyen de paiement", "Average days late", "days",
              "Moyenne, sur les factures soldées pendant la période, de (date de solde − échéance) ; "
              "un paiement en avance compte pour 0."),
    Indicator("average_days_vs_due", "Écart moyen à l'échéance", "Average days vs due date", "days",
              "Même moyenne sans plancher : négatif quand les clients paient en avance."),
    Indicator("unpaid_rate", "Taux d'impayés", "Unpaid rate", "rate",
              "Encours échu ÷ CA TTC facturé sur la période (peut dépasser 100 %)."),
    Indicator("collection_rate", "Taux d'encaissement", "Collection rate", "rate",
              "Encaissé sur la période ÷ CA TTC facturé sur la période."),
    Indicator("paid_count", "Factures soldées sur la période", "Invoices settled (period)", "count",
              "Nombre de factures dont le dernier règlement, daté dans la période, les a soldées."),
    Indicator("overdue_count", "Factures en retard", "Overdue invoices", "count",
              "Nombre de factures ouvertes dont l'échéance est passée."),
    Indicator("average_reminders", "Relances par facture soldée", "Reminders per settled invoice",
              "number",
              "Moyenne, sur les factures soldées pendant la période, du nombre d'étapes de relance "
              "atteintes (Relance 1 et au-delà), d'après le Journal et le Niveau de relance."),
    Indicator("forecast_total", "Encaissements prévus", "Expected cash-in", "money",
              "Total de la prévision d'encaissements sur les semaines à venir (voir le tableau)."),
    Indicator("forecast_uncertain", "Créances incertaines (hors prévision)", "Uncertain (not forecast)",
              "money",
              "Reste dû des factures en litige, au stade recouvrement ou échues depuis plus du "
              "seuil « retard_douteux_jours »."),
)

SECTION_DEFINITIONS = {
    "aging": "Balance âgée : reste dû des factures ouvertes réparti selon le nombre de jours écoulés "
             "depuis l'échéance (non échu = échéance aujourd'hui ou plus tard).",
    "clients": "Par client : encours et balance âgée ; retard moyen = moyenne des jours de retard "
               "(avance = 0) des factures soldées dans l'historique et des factures échues encore "
               "ouvertes (retard à ce jour) ; score de fiabilité 0–100 = 100 − min(50, retard moyen) "
               "− 30 × part des factures en retard − min(20, 10 × relances moyennes).",
    "forecast": "Prévision : reste dû attendu à l'échéance décalée de l'écart moyen du client "
                "(sinon de l'écart moyen global) ; une date déjà passée est attendue en semaine 1 ; "
                "litiges, recouvrement et retards au-delà du seuil sont exclus.",
    "monthly": "Par mois civil : CA TTC facturé (avoirs déduits) et règlements datés du mois.",
    "steps": "Pour chaque étape k : factures ayant atteint k, et parmi elles celles soldées sans "
             "atteindre d'étape suivante (les factures encore ouvertes comptent comme non réglées).",
    "late": "Factures ouvertes dont l'échéance est passée, de la plus en retard à la moins en retard.",
    "history": "Une ligne par jour de calcul ; un second calcul le même jour remplace la ligne du jour.",
}


# ---------------------------------------------------------------------------------------------
# Report records
# ---------------------------------------------------------------------------------------------


def _kind(kind: str, default: Any = ZERO) -> Any:
    """A dataclass field whose `kind` (money, days, rate, number) says how it is presented."""
    return field(default=default, metadata={"kind": kind})


@dataclass(frozen=True, slots=True)
class AgingBucket:
    """One bucket of the aging: label, amount owed, number of invoices."""

    label: str
    amount: Decimal = _kind("money")
    count: int = 0


@dataclass(frozen=True, slots=True)
class ClientKpi:
    """One line of the per-client table.

    aging: amounts per aging bucket (same order as KpiReport.aging).
    average_days_late: over the client's sample (see SECTION_DEFINITIONS["clients"]); None without one.
    score: reliability 0–100, None when the client has no sample.
    """

    name: str
    receivables: Decimal = _kind("money")
    overdue: Decimal = _kind("money")
    aging: tuple[Decimal, ...] = _kind("money", ())
    average_days_late: Decimal | None = _kind("days", None)
    late_count: int = 0
    sample_count: int = 0
    score: int | None = None
    credit_limit: Decimal | None = _kind("money", None)
    over_limit: bool = False


@dataclass(frozen=True, slots=True)
class StepRate:
    """Invoices that reached `step`, and those settled without reaching a later step."""

    step: int
    label: str
    reached: int
    paid: int
    rate: Decimal | None = _kind("rate", None)


@dataclass(frozen=True, slots=True)
class ForecastWeek:
    """Expected cash-in between `start` and `end` (both included)."""

    start: date
    end: date
    amount: Decimal = _kind("money")
    count: int = 0


@dataclass(frozen=True, slots=True)
class MonthFlow:
    """Invoiced (net of credit notes) and collected amounts of one calendar month."""

    month: date  # first day of the month
    invoiced: Decimal = _kind("money")
    collected: Decimal = _kind("money")


@dataclass(frozen=True, slots=True)
class LateInvoice:
    """One line of the late-invoices table."""

    number: str
    client: str
    amount_due: Decimal = _kind("money")
    due_date: date | None = None
    days_late: int = 0
    last_action: str | None = None
    last_action_date: date | None = None
    actions_count: int = 0
    step: int = 0
    step_label: str = ""
    status: Status = Status.OVERDUE
    status_label: str = ""


@dataclass(frozen=True, slots=True)
class KpiReport:
    """All indicators of one run. Money in Decimal (exact), days and rates unrounded."""

    today: date
    period_start: date
    period_days: int
    aging_bounds: tuple[int, ...] = (30, 60, 90)
    receivables: Decimal = _kind("money")
    overdue: Decimal = _kind("money")
    not_due: Decimal = _kind("money")
    disputed: Decimal = _kind("money")
    unapplied_credit: Decimal = _kind("money")
    invoiced: Decimal = _kind("money")
    collected: Decimal = _kind("money")
    dso_simple: Decimal | None = _kind("days", None)
    dso_exhaustion: Decimal | None = _kind("days", None)
    dso_exhaustion_capped: bool = False
    dmp: Decimal | None = _kind("days", None)
    dmp_weighted: Decimal | None = _kind("days", None)
    average_days_late: Decimal | None = _kind("days", None)
    average_days_vs_due: Decimal | None = _kind("days", None)
    unpaid_rate: Decimal | None = _kind("rate", None)
    collection_rate: Decimal | None = _kind("rate", None)
    paid_count: int = 0
    overdue_count: int = 0
    open_count: int = 0
    average_reminders: Decimal | None = _kind("number", None)
    forecast_total: Decimal = _kind("money")
    forecast_later: Decimal = _kind("money")
    forecast_uncertain: Decimal = _kind("money")
    aging: tuple[AgingBucket, ...] = ()
    clients: tuple[ClientKpi, ...] = ()
    step_rates: tuple[StepRate, ...] = ()
    forecast: tuple[ForecastWeek, ...] = ()
    monthly: tuple[MonthFlow, ...] = ()
    late_invoices: tuple[LateInvoice, ...] = ()

    @property
    def period_end(self) -> date:
        return self.today

    def value(self, key: str) -> Decimal | int | None:
        """The value of a headline indicator by its INDICATORS key."""
        return getattr(self, key)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: Decimal as strings rounded for presentation, dates ISO, enums as text."""
        return _as_json(self)


def _as_json(obj: Any, kind: str | None = None) -> Any:
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _as_json(getattr(obj, f.name), f.metadata.get("kind")) for f in fields(obj)}
    if isinstance(obj, Decimal):
        return str(present(obj, kind) if kind else obj)
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, (list, tuple)):
        return [_as_json(item, kind) for item in obj]
    return obj


# ---------------------------------------------------------------------------------------------
# History (one row per run date)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HistoryColumn:
    attr: str
    header: str
    kind: str  # money, days, rate, count, date


HISTORY_COLUMNS: tuple[HistoryColumn, ...] = (
    HistoryColumn("date", "Date", "date"),
    HistoryColumn("receivables", "Encours total", "money"),
    HistoryColumn("overdue", "Échu", "money"),
    HistoryColumn("not_due", "Non échu", "money"),
    HistoryColumn("invoiced", "CA TTC période", "money"),
    HistoryColumn("collected", "Encaissé période", "money"),
    HistoryColumn("dso_simple", "DSO simple (j)", "days"),
    HistoryColumn("dso_exhaustion", "DSO épuisement (j)", "days"),
    HistoryColumn("dmp", "DMP (j)", "days"),
    HistoryColumn("dmp_weighted", "DMP pondéré (j)", "days"),
    HistoryColumn("average_days_late", "Retard moyen (j)", "days"),
    HistoryColumn("unpaid_rate", "Taux d'impayés", "rate"),
    HistoryColumn("collection_rate", "Taux d'encaissement", "rate"),
    HistoryColumn("overdue_count", "Factures en retard", "count"),
)


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One line of the "Historique indicateurs" sheet.

    `extra` keeps the cells of columns suivi does not know (header, value), so that a user's own
    columns survive the rewrite.
    """

    date: date
    receivables: Decimal | None = None
    overdue: Decimal | None = None
    not_due: Decimal | None = None
    invoiced: Decimal | None = None
    collected: Decimal | None = None
    dso_simple: Decimal | None = None
    dso_exhaustion: Decimal | None = None
    dmp: Decimal | None = None
    dmp_weighted: Decimal | None = None
    average_days_late: Decimal | None = None
    unpaid_rate: Decimal | None = None
    collection_rate: Decimal | None = None
    overdue_count: int | None = None
    extra: tuple[tuple[str, object], ...] = ()


def history_row(report: KpiReport) -> HistoryRow:
    """The history line of `report`, rounded as it is stored (cents, 0.1 day, 0.01 %)."""
    values: dict[str, Any] = {"date": report.today}
    for column in HISTORY_COLUMNS[1:]:
        value = getattr(report, column.attr)
        values[column.attr] = value if column.kind == "count" else present(value, column.kind)
    return HistoryRow(**values)


def history_with(report: KpiReport, previous_rows: Iterable[HistoryRow]) -> list[HistoryRow]:
    """Previous rows kept as they are, the row of `report.today` replaced or added, sorted by date.

    A row replaced on the same date keeps its extra (user) columns; a new row gets the user's
    columns empty, so that their headers stay.
    """
    new = history_row(report)
    rows: list[HistoryRow] = []
    same_day: HistoryRow | None = None
    for row in previous_rows:
        if row.date == report.today:
            same_day = row
        else:
            rows.append(row)
    if same_day is not None:
        new = replace(new, extra=same_day.extra)
    elif rows:
        new = replace(new, extra=tuple((header, None) for header, _ in rows[-1].extra))
    rows.append(new)
    rows.sort(key=lambda r: r.date)
    return rows


# ---------------------------------------------------------------------------------------------
# Computation
# ---------------------------------------------------------------------------------------------

_EXCLUDED = (Status.TO_ISSUE, Status.CANCELLED)


class _ClientAcc:
    """Running totals of one client while the invoices are scanned."""

    __slots__ = ("name", "receivables", "overdue", "aging", "late_count", "sample_count",
                 "sample_late_sum", "sample_late_count", "sample_reminders", "delay_sum",
                 "delay_count")

    def __init__(self, name: str, buckets: int) -> None:
        self.name = name
        self.receivables = ZERO
        self.overdue = ZERO
        self.aging = [ZERO] * buckets
        self.late_count = 0
        self.sample_count = 0
        self.sample_late_sum = 0
        self.sample_late_count = 0
        self.sample_reminders = 0
        self.delay_sum = 0
        self.delay_count = 0


class _JournalInfo:
    """What the Journal says about one invoice: steps reached, actions, latest dated action."""

    __slots__ = ("steps", "count", "last_date", "last_step", "last_channel")

    def __init__(self) -> None:
        self.steps: set[int] = set()
        self.count = 0
        self.last_date: date | None = None
        self.last_step: str | None = None  # label of the step, or the cell text when unknown
        self.last_channel: str | None = None

    @property
    def last_text(self) -> str | None:
        """"Relance 2 (e-mail)": the latest dated action as shown in the late-invoices table."""
        if self.last_step and self.last_channel:
            return f"{self.last_step} ({self.last_channel})"
        return self.last_step


_NO_JOURNAL = _JournalInfo()


def _journal_by_invoice(journal: Iterable[JournalEntry]) -> dict[str, _JournalInfo]:
    """Steps reached, number of actions and latest dated action of each invoice number."""
    result: dict[str, _JournalInfo] = {}
    get = result.get
    parsed: dict[object, tuple[int, str | None]] = {}  # step texts repeat: parse each once
    for entry in journal:
        numbers = entry.invoice_numbers
        if not numbers:
            continue
        known = parsed.get(entry.step)
        if known is None:
            found = parse_step(entry.step)
            if found:  # Step.NONE is falsy
                known = (int(found), found.label)
            else:
                known = (0, (entry.step.strip() or None) if entry.step else None)
            parsed[entry.step] = known
        step, text = known
        day = entry.date
        for number in numbers:
            info = get(number)
            if info is None:
                info = result[number] = _JournalInfo()
            info.count += 1
            if step:
                info.steps.add(step)
            if day is not None and (info.last_date is None or day >= info.last_date):
                info.last_date, info.last_step, info.last_channel = day, text, entry.channel
    return result


# Steps reached when only the Niveau de relance is known: the ladder up to that level.
_LADDER = tuple(frozenset(range(1, level + 1)) for level in range(int(Step.COLLECTION) + 1))
_COURTESY = int(Step.COURTESY)
_REMINDER_1 = int(Step.REMINDER_1)
_COLLECTION = int(Step.COLLECTION)


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _month_start(index: int) -> date:
    year, month0 = divmod(index, 12)
    return date(year, month0 + 1, 1)


def _average(total: Decimal | int, count: int) -> Decimal | None:
    return Decimal(total) / count if count else None


def _ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    return numerator / denominator if denominator > ZERO else None


def dso_exhaustion(receivables: Decimal, invoiced_by_month: Mapping[int, Decimal], today: date,
                   max_months: int) -> tuple[Decimal, bool]:
    """DSO by the exhaustion method; returns (days, capped).

    Walks back from the current month (counted for its `today.day` elapsed days, with what was
    invoiced from its 1st to today): while the remaining receivables exceed the month's invoiced
    TTC, subtract it and count the month's days; then add remaining ÷ month's TTC × month's days.
    A month with nothing invoiced counts fully. `capped` is True when `max_months` months did not
    exhaust the receivables (the days are then a lower bound).
    """
    remaining = receivables
    if remaining <= ZERO:
        return ZERO, False
    days = ZERO
    current = _month_index(today)
    for back in range(max_months):
        index = current - back
        start = _month_start(index)
        month_days = today.day if back == 0 else calendar.monthrange(start.year, start.month)[1]
        sales = invoiced_by_month.get(index, ZERO)
        if sales > ZERO and remaining <= sales:
            return days + remaining / sales * month_days, False
        if sales > ZERO:
            remaining -= sales
        days += month_days
    return days, True


def _settled_on(effective: Sequence[Payment], target: Decimal, fallback: date | None) -> date | None:
    """Date of the payment that brought the running total to `target` (within a cent)."""
    running = ZERO
    for payment in effective:
        running += payment.amount
        if target - running < CENT:
            return payment.date or fallback
    return None


def compute_kpis(
    invoices: Sequence[Invoice],
    payments: Sequence[Payment],
    journal: Sequence[JournalEntry],
    clients: Mapping[str, Client],
    statuses: Mapping[int, StatusInfo] | None,
    today: date,
    settings: KpiSettings = KpiSettings(),
) -> KpiReport:
    """Every indicator on `today`.

    invoices: rows of the Factures sheet (invoices, deposits, credit notes).
    payments: rows of the Paiements sheet (may be empty; the invoices' own Montant réglé and Date
        de règlement are used then).
    journal: rows of the Journal sheet (reminder steps and actions).
    clients: the Clients sheet keyed by `normalise_name(name)`.
    statuses: computed statuses keyed by invoice row (`ledger.compute_statuses`); an invoice
        missing from it gets `compute_status(invoice, today)`.
    """
    statuses = statuses or {}
    period_start = today - timedelta(days=settings.period_days - 1)
    history_start = today - timedelta(days=settings.history_days - 1)
    bounds = settings.aging_bounds
    n_buckets = len(bounds) + 2
    labels = settings.aging_labels()

    linked = payments_by_invoice(payments)
    journal_info = _journal_by_invoice(journal)

    # --- first pass: split invoices; credit notes become credits on the invoices they name -----
    issued: list[tuple[Invoice, StatusInfo]] = []
    known_numbers: set[str] = set()
    credits: dict[str, Decimal] = defaultdict(lambda: ZERO)
    unapplied = ZERO
    invoiced_by_month: dict[int, Decimal] = defaultdict(lambda: ZERO)
    invoiced = ZERO
    for invoice in invoices:
        if invoice.number:
            known_numbers.add(invoice.number)
        info = statuses.get(invoice.row) or compute_status(invoice, today)
        if info.status in _EXCLUDED:
            continue
        day = invoice.issue_date
        if info.status is Status.CREDIT_NOTE:
            value = abs(invoice.total)
            available = max(value - abs(invoice.amount_paid), ZERO)
            if invoice.original_number:
                credits[invoice.original_number] += available
            else:
                unapplied += available
            signed = -value
        else:
            issued.append((invoice, info))
            signed = invoice.total
        if day is not None and day <= today:
            invoiced_by_month[_month_index(day)] += signed
            if day >= period_start:
                invoiced += signed

    # --- second pass: balances, payments, delays, reminders ---------------------------------
    receivables = overdue = not_due = disputed = collected = ZERO
    aging = [ZERO] * n_buckets
    aging_counts = [0] * n_buckets
    collected_by_month: dict[int, Decimal] = defaultdict(lambda: ZERO)
    weighted_sum = ZERO
    weighted_amount = ZERO
    dmp_days = 0
    late_days = 0
    signed_days = 0
    paid_count = 0
    reminders_paid = 0
    overdue_count = 0
    open_count = 0
    global_delay_sum = 0
    global_delay_count = 0
    step_reached = [0] * (_COLLECTION + 1)
    step_paid = [0] * (_COLLECTION + 1)
    accounts: dict[str, _ClientAcc] = {}
    open_items: list[tuple[_ClientAcc, Decimal, date | None, bool]] = []  # for the forecast
    late: list[LateInvoice] = []

    by_text: dict[str, _ClientAcc] = {}  # client cells repeat: normalise each distinct text once
    for invoice, info in issued:
        acc = by_text.get(invoice.client)
        if acc is None:
            key = normalise_name(invoice.client)
            acc = accounts.get(key)
            if acc is None:
                client = clients.get(key)
                acc = accounts[key] = _ClientAcc(client.name if client else invoice.client,
                                                 n_buckets)
            by_text[invoice.client] = acc
        number = invoice.number or ""
        total = invoice.total
        owed = total - invoice.amount_paid
        applied = ZERO
        if number in credits and owed > ZERO:
            applied = min(credits[number], owed)
            credits[number] -= applied
        balance = owed - applied
        is_open = balance >= CENT
        due = invoice.due_date or invoice.issue_date
        issue = invoice.issue_date

        jinfo = journal_info.get(number, _NO_JOURNAL) if number else _NO_JOURNAL
        level = invoice.reminder_step if 0 < invoice.reminder_step <= _COLLECTION else 0
        if jinfo.steps:
            reached = jinfo.steps | {level} if level else jinfo.steps
        else:
            reached = _LADDER[level]
        reminders = len(reached) - (_COURTESY in reached)  # steps 2..6; 0 never in it
        top_step = max(reached) if reached else 0

        # payments: collected, weighted DMP, settlement date
        if invoice.amount_paid > ZERO or number in linked:
            effective = effective_payments(invoice, linked)
        else:
            effective = []
        for payment in effective:
            pday = payment.date
            amount = payment.amount
            if pday is None or amount <= ZERO or pday > today:
                continue
            collected_by_month[pday.year * 12 + pday.month - 1] += amount
            if pday >= period_start:
                collected += amount
                if issue is not None:
                    weighted_sum += amount * (pday - issue).days
                    weighted_amount += amount

        paid = not is_open and invoice.amount_paid > ZERO
        if paid and top_step >= _REMINDER_1:
            step_paid[top_step] += 1
        for step in reached:
            step_reached[step] += 1  # the courtesy notice is counted too, and not reported

        if paid and issue is not None:
            settled = _settled_on(effective, total - applied, invoice.payment_date)
            if settled is not None and settled <= today:
                delay = (settled - due).days if due else 0
                if period_start <= settled:
                    paid_count += 1
                    dmp_days += (settled - issue).days
                    signed_days += delay
                    late_days += max(delay, 0)
                    reminders_paid += reminders
                if history_start <= settled:
                    acc.sample_count += 1
                    acc.sample_late_sum += max(delay, 0)
                    acc.sample_late_count += delay > 0
                    acc.sample_reminders += reminders
                    acc.delay_sum += delay
                    acc.delay_count += 1
                    global_delay_sum += delay
                    global_delay_count += 1

        if not is_open:
            continue
        open_count += 1
        past_due = (today - due).days if due else 0
        receivables += balance
        acc.receivables += balance
        is_disputed = invoice.dispute or info.status is Status.DISPUTED
        if is_disputed:
            disputed += balance
        if past_due > 0:
            overdue += balance
            overdue_count += 1
            acc.overdue += balance
            acc.late_count += 1
            acc.sample_count += 1
            acc.sample_late_sum += past_due
            acc.sample_late_count += 1
            acc.sample_reminders += reminders
            bucket = 1
            while bucket <= len(bounds) and past_due > bounds[bucket - 1]:
                bucket += 1
            last_text, last_date = jinfo.last_text, jinfo.last_date
            if invoice.last_action_date and (last_date is None or invoice.last_action_date > last_date):
                last_text, last_date = invoice.last_action or last_text, invoice.last_action_date
            elif last_text is None and invoice.last_action:
                last_text, last_date = invoice.last_action, invoice.last_action_date
            status_info = info if info.days_late else StatusInfo(info.status, past_due)
            late.append(LateInvoice(
                number=invoice.label, client=acc.name, amount_due=balance, due_date=due,
                days_late=past_due, last_action=last_text, last_action_date=last_date,
                actions_count=jinfo.count, step=top_step, step_label=Step(top_step).label,
                status=info.status, status_label=status_info.label,
            ))
        else:
            not_due += balance
            bucket = 0
        aging[bucket] += balance
        aging_counts[bucket] += 1
        acc.aging[bucket] += balance
        uncertain = (is_disputed or past_due > settings.doubtful_days
                     or top_step >= _COLLECTION)
        open_items.append((acc, balance, due, uncertain))

    unapplied += sum((value for value in credits.values() if value > ZERO), ZERO)

    # unlinked payments of the Paiements sheet are money collected too
    for payment in payments:
        if payment.invoice_number and payment.invoice_number in known_numbers:
            continue
        pday = payment.date
        if pday is None or payment.amount <= ZERO or pday > today:
            continue
        collected_by_month[_month_index(pday)] += payment.amount
        if pday >= period_start:
            collected += payment.amount

    # --- forecast --------------------------------------------------------------------------
    weeks = settings.forecast_weeks
    week_amounts = [ZERO] * weeks
    week_counts = [0] * weeks
    later = uncertain_total = ZERO
    global_shift = _round_days(global_delay_sum, global_delay_count)
    for acc, balance, due, uncertain in open_items:
        if uncertain:
            uncertain_total += balance
            continue
        shift = _round_days(acc.delay_sum, acc.delay_count) if acc.delay_count else global_shift
        expected = (due or today) + timedelta(days=shift)
        index = max((expected - today).days, 0) // 7
        if index >= weeks:
            later += balance
        else:
            week_amounts[index] += balance
            week_counts[index] += 1
    forecast = tuple(
        ForecastWeek(today + timedelta(days=7 * i), today + timedelta(days=7 * i + 6),
                     week_amounts[i], week_counts[i])
        for i in range(weeks)
    )

    # --- per client ------------------------------------------------------------------------
    client_rows = []
    for key, acc in accounts.items():
        if acc.receivables <= ZERO and acc.sample_count == 0:
            continue
        client = clients.get(key)
        limit = client.credit_limit if client else None
        avg_late = _average(acc.sample_late_sum, acc.sample_count)
        client_rows.append(ClientKpi(
            name=acc.name, receivables=acc.receivables, overdue=acc.overdue, aging=tuple(acc.aging),
            average_days_late=avg_late, late_count=acc.late_count, sample_count=acc.sample_count,
            score=reliability_score(avg_late, acc.sample_late_count, acc.sample_reminders,
                                    acc.sample_count),
            credit_limit=limit, over_limit=limit is not None and acc.receivables > limit,
        ))
    client_rows.sort(key=lambda c: (-c.receivables, c.name.casefold()))

    # --- months, steps, late ---------------------------------------------------------------
    current = _month_index(today)
    monthly = tuple(
        MonthFlow(_month_start(index), invoiced_by_month.get(index, ZERO),
                  collected_by_month.get(index, ZERO))
        for index in range(current - settings.chart_months + 1, current + 1)
    )
    step_rates = tuple(
        StepRate(int(step), step.label, step_reached[step], step_paid[step],
                 _ratio(Decimal(step_paid[step]), Decimal(step_reached[step])))
        for step in Step if step.is_reminder
    )
    late.sort(key=lambda item: (-item.days_late, -item.amount_due, item.number))
    dso_ex, capped = dso_exhaustion(receivables, invoiced_by_month, today, settings.dso_max_months)

    return KpiReport(
        today=today, period_start=period_start, period_days=settings.period_days,
        aging_bounds=bounds,
        receivables=receivables, overdue=overdue, not_due=not_due, disputed=disputed,
        unapplied_credit=unapplied, invoiced=invoiced, collected=collected,
        dso_simple=(receivables / invoiced * settings.period_days) if invoiced > ZERO else None,
        dso_exhaustion=dso_ex, dso_exhaustion_capped=capped,
        dmp=_average(dmp_days, paid_count),
        dmp_weighted=_ratio(weighted_sum, weighted_amount),
        average_days_late=_average(late_days, paid_count),
        average_days_vs_due=_average(signed_days, paid_count),
        unpaid_rate=_ratio(overdue, invoiced), collection_rate=_ratio(collected, invoiced),
        paid_count=paid_count, overdue_count=overdue_count, open_count=open_count,
        average_reminders=_average(reminders_paid, paid_count),
        forecast_total=sum(week_amounts, ZERO), forecast_later=later,
        forecast_uncertain=uncertain_total,
        aging=tuple(AgingBucket(labels[i], aging[i], aging_counts[i]) for i in range(n_buckets)),
        clients=tuple(client_rows), step_rates=step_rates, forecast=forecast, monthly=monthly,
        late_invoices=tuple(late),
    )


def _round_days(total: int, count: int) -> int:
    """Average of whole days rounded half away from zero (0 without data)."""
    if not count:
        return 0
    return int((Decimal(total) / count).quantize(ONE, rounding=ROUND_HALF_UP))


def reliability_score(average_days_late: Decimal | None, late_count: int, reminders: int,
                      sample_count: int) -> int | None:
    """Reliability 0–100 of a client from its sample of invoices (None without a sample).

    score = 100 − min(50, average days late) − 30 × late share − min(20, 10 × reminders per
    invoice), floored at 0 and rounded half up. The sample is the client's invoices settled within
    the history window (days late at settlement, early = 0) and its open invoices past due (days
    late so far).
    """
    if not sample_count or average_days_late is None:
        return None
    penalty = (min(Decimal(50), average_days_late)
               + Decimal(30) * late_count / sample_count
               + min(Decimal(20), Decimal(10) * reminders / sample_count))
    score = max(HUNDRED - penalty, ZERO)
    return int(score.quantize(ONE, rounding=ROUND_HALF_UP))
