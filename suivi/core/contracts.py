"""Recurring and milestone billing from the Contrats sheet. Pure.

Each contract row says who is billed, what, how much (HT), and how often:

- a frequency (mensuelle, trimestrielle, semestrielle, annuelle) between a start and an optional
  end date: one invoice per period, dated the first day of the period (or the start date);
- or milestones (« jalons »): "30 % 15/01/2026 ; 40 % 15/03/2026 ; 30 % 30/06/2026", one
  invoice per milestone whose date has come, for that share of the amount.

"Dernière période facturée" records the last period billed ("2026-11", "2026-T4", "2026-S2",
"2026", or "jalon 2"). Each run bills every period that has started since, up to today, once:
the new invoice rows and the new "Dernière période facturée" are written in the same commit.
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from suivi.core.models import CellRef, Issue, Severity
from suivi.core.values import ValueProblem, parse_amount, parse_date, parse_percent, parse_text

CENT = Decimal("0.01")
MONTHS = {"mensuelle": 1, "mensuel": 1, "monthly": 1, "trimestrielle": 3, "trimestriel": 3,
          "quarterly": 3, "semestrielle": 6, "semestriel": 6, "annuelle": 12, "annuel": 12,
          "yearly": 12, "annual": 12}


@dataclass(frozen=True, slots=True)
class Milestone:
    share: Decimal  # percent
    day: date


@dataclass(frozen=True, slots=True)
class Contract:
    row: int
    client: str
    description: str
    amount_ht: Decimal
    vat_rate: Decimal
    months: int | None  # None: milestones
    start: date | None
    end: date | None
    milestones: tuple[Milestone, ...]
    last_billed: str | None


@dataclass(frozen=True, slots=True)
class ContractInvoice:
    """An invoice row to add: the contract it comes from and the period it bills."""

    contract_row: int
    period: str
    issue_date: date
    client: str
    description: str
    amount_ht: Decimal
    vat_rate: Decimal
    billing_period: tuple[date, date] | None = None

    @property
    def vat(self) -> Decimal:
        return (self.amount_ht * self.vat_rate / 100).quantize(CENT, rounding=ROUND_HALF_UP)


def period_key(months: int, start: date) -> str:
    if months == 1:
        return f"{start.year}-{start.month:02d}"
    if months == 3:
        return f"{start.year}-T{(start.month - 1) // 3 + 1}"
    if months == 6:
        return f"{start.year}-S{(start.month - 1) // 6 + 1}"
    return f"{start.year}"


_KEY = re.compile(r"^(\d{4})(?:-(?:(\d{1,2})|([TQ])([1-4])|([SH])([12])))?$", re.I)
_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{4})$")
_RANGE = re.compile(r"^(?:du\s+|from\s+)?(.+?)\s*(?:au|to|–|—|\s-\s|/(?=\d{4}-))\s*(.+)$",
                    re.I)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def period_bounds(key: str) -> tuple[date, date] | None:
    """First and last day of a period key: "2026-11" → 01/11/2026–30/11/2026, "2026-T4" (or
    "2026-Q4") a quarter, "2026-S2" (or "2026-H2") a half-year, "2026" a year, "11/2026" a
    month. None when ``key`` is not one of these."""
    text = key.strip()
    if m := _MONTH_YEAR.match(text):
        text = f"{m[2]}-{int(m[1]):02d}"
    m = _KEY.match(text)
    if not m:
        return None
    year = int(m[1])
    if m[2]:
        month = int(m[2])
        return (date(year, month, 1), _month_end(year, month)) if 1 <= month <= 12 else None
    if m[3]:
        first = (int(m[4]) - 1) * 3 + 1
        return date(year, first, 1), _month_end(year, first + 2)
    if m[5]:
        first = (int(m[6]) - 1) * 6 + 1
        return date(year, first, 1), _month_end(year, first + 5)
    return date(year, 1, 1), date(year, 12, 31)


def parse_period(value: object) -> tuple[date, date] | None:
    """A billing period cell (« Période facturée »): a period key (see :func:`period_bounds`)
    or two dates ("01/11/2026 – 30/11/2026", "du 01/11/2026 au 30/11/2026"). None for an
    empty cell; ValueProblem("not_period") when unreadable or when the end precedes the start.
    Called by the workbook reader; the period is printed and written as BT-73/BT-74."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (date, datetime)):
        day = value.date() if isinstance(value, datetime) else value
        return day, day
    text = " ".join(str(value).split())
    bounds = period_bounds(text)
    if bounds is not None:
        return bounds
    m = _RANGE.match(text)
    if m:
        try:
            start, end = parse_date(m[1]), parse_date(m[2])
        except ValueProblem:
            start = end = None
        if start is not None and end is not None and start <= end:
            return start, end
    raise ValueProblem("not_period", text)


def period_starts(months: int, start: date, end: date | None, today: date) -> list[date]:
    """First day of every period from the contract start up to today (and up to its end)."""
    first_month = ((start.month - 1) // months) * months + 1 if months in (3, 6, 12) else start.month
    current = date(start.year, first_month, 1)
    days = []
    while current <= today and (end is None or current <= end):
        days.append(max(current, start))
        month = current.month - 1 + months
        current = date(current.year + month // 12, month % 12 + 1, 1)
    return days


_MILESTONE = re.compile(r"(\d+(?:[.,]\d+)?)\s*%\s*(?:le\s+|au\s+|:)?\s*([0-9./-]+)")


def parse_milestones(text: str) -> tuple[Milestone, ...]:
    """"30 % 15/01/2026 ; 40 % 2026-03-15" → milestones. Raises ValueProblem when unreadable."""
    found = _MILESTONE.findall(text)
    if not found:
        raise ValueProblem("milestones", text)
    milestones = []
    for share, day in found:
        rate, when = parse_percent(share + "%"), parse_date(day)
        if rate is None or when is None:
            raise ValueProblem("milestones", text)
        milestones.append(Milestone(rate, when))
    total = sum((m.share for m in milestones), Decimal(0))
    if total != 100:
        raise ValueProblem("milestones_total", f"{text} ({total} %)")
    return tuple(milestones)


def _percent(value: Decimal) -> str:
    """40 → "40", 12.50 → "12,5" (French decimal comma, no exponent)."""
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def read_contracts(rows: Sequence[Sequence[Any]],
                   sheet: str = "Contrats") -> tuple[list[Contract], list[Issue]]:
    """Contracts from the raw rows of the Contrats sheet (header on the first row)."""
    contracts: list[Contract] = []
    issues: list[Issue] = []
    if not rows:
        return contracts, issues
    header = [str(h).strip().casefold() for h in rows[0]]

    def col(*names: str) -> int | None:
        for name in names:
            if name in header:
                return header.index(name)
        return None

    c_client, c_desc, c_amount = col("client"), col("désignation", "designation"), col("montant ht")
    c_rate, c_freq = col("taux tva"), col("fréquence", "frequence")
    c_start, c_end, c_ms = col("début", "debut"), col("fin"), col("jalons")
    c_last = col("dernière période facturée", "derniere periode facturee")
    if c_client is None or c_amount is None:
        return contracts, issues

    def cell(values: Sequence[Any], index: int | None) -> Any:
        if index is None or index >= len(values) or values[index] in ("", None):
            return None
        return values[index]

    for r, values in enumerate(rows[1:], start=2):
        client = parse_text(cell(values, c_client))
        if not client:
            continue
        try:
            amount = parse_amount(cell(values, c_amount))
            rate = parse_percent(cell(values, c_rate))
            freq_text = (parse_text(cell(values, c_freq)) or "").casefold()
            start = parse_date(cell(values, c_start))
            end = parse_date(cell(values, c_end))
            ms_text = parse_text(cell(values, c_ms))
            milestones = parse_milestones(ms_text) if ms_text else ()
        except ValueProblem as exc:
            issues.append(Issue.of(CellRef(sheet, r, "A"), "contrat_illisible", Severity.ERROR,
                                   client=client, problem=exc.message))
            continue
        months = MONTHS.get(freq_text)
        if amount is None or (months is None and not milestones) or (months and start is None):
            issues.append(Issue.of(CellRef(sheet, r, "A"), "contrat_incomplet", Severity.WARNING,
                                   client=client))
            continue
        contracts.append(Contract(
            row=r, client=client, description=parse_text(cell(values, c_desc)) or "Prestation",
            amount_ht=amount, vat_rate=rate if rate is not None else Decimal(20),
            months=None if milestones else months, start=start, end=end, milestones=milestones,
            last_billed=parse_text(cell(values, c_last)),
        ))
    return contracts, issues


def due_contract_invoices(contract: Contract, today: date) -> list[ContractInvoice]:
    """The invoices a contract owes up to `today` that were not billed yet, oldest first."""
    result: list[ContractInvoice] = []
    if contract.milestones:
        done = 0
        if contract.last_billed:
            m = re.search(r"\d+", contract.last_billed)
            done = int(m[0]) if m else 0
        count = len(contract.milestones)
        for index, milestone in enumerate(contract.milestones, start=1):
            if index <= done or milestone.day > today:
                continue
            amount = (contract.amount_ht * milestone.share / 100).quantize(CENT, rounding=ROUND_HALF_UP)
            result.append(ContractInvoice(
                contract.row, f"jalon {index}", milestone.day, contract.client,
                f"{contract.description} – jalon {index}/{count} ({_percent(milestone.share)} %)",
                amount, contract.vat_rate))
        return result
    assert contract.months is not None and contract.start is not None
    for start in period_starts(contract.months, contract.start, contract.end, today):
        key = period_key(contract.months, start)
        if contract.last_billed and key <= contract.last_billed:
            continue
        result.append(ContractInvoice(contract.row, key, start, contract.client,
                                      f"{contract.description} – période {key}",
                                      contract.amount_ht, contract.vat_rate,
                                      _billed(key, start, contract.end)))
    return result


def _billed(key: str, start: date, end: date | None) -> tuple[date, date] | None:
    """The days a period invoice covers: the period of ``key``, from the contract's start when
    it began during the period, to its end when it ends during it."""
    bounds = period_bounds(key)
    if bounds is None:
        return None
    last = min(bounds[1], end) if end is not None else bounds[1]
    return max(bounds[0], start), last
