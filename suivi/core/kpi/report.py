"""The records of one computation (`KpiReport` and its tables), and how values are presented.

Money is Decimal (exact), days and rates unrounded; `present` rounds them only for JSON and the
history sheet.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from typing import Any

from suivi.core.models import CENT, ZERO, Status

ONE = Decimal(1)
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
    average_days_late: over the client's sample (see SECTION_DEFINITIONS["clients"]); None
        without one.
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
    foreign_count: int = 0
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
        found: Decimal | int | None = getattr(self, key)
        return found

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: Decimal as strings rounded for presentation, dates ISO, enums as
        text."""
        result: dict[str, Any] = _as_json(self)
        return result


def _as_json(obj: Any, kind: str | None = None) -> Any:
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _as_json(getattr(obj, f.name), f.metadata.get("kind"))
                for f in fields(obj)}
    if isinstance(obj, Decimal):
        return str(present(obj, kind) if kind else obj)
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, (list, tuple)):
        return [_as_json(item, kind) for item in obj]
    return obj
