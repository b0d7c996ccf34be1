"""Late-payment penalties, the 40 € recovery indemnity and moratory interest (pure).

French rules (Code de commerce L441-10, D441-5; Code de la commande publique R2192-31..36):

* **Between professionals** (Société, Association): penalties run automatically from the day after
  the due date. Default rate: the BCE main refinancing rate **in force on 1 January** (for days of
  the first half-year) or **on 1 July** (for days of the second half-year), plus 10 points.
  A contractual rate may replace it, but never below 3 × the legal interest rate.
* **Public buyers** (Administration): moratory interest at the BCE rate in force on the first day
  of the half-year in which the interest **started** to run, plus 8 points — one rate for the whole
  period (R2192-31).
* **Particuliers** (consumers): no L441-10 penalty and never the 40 € indemnity (opt-in
  `individuals` only for a contractual rate printed on the invoice).
* **Indemnity**: 40 € per late invoice, professional clients only.

Convention (documented in docs/relances.md): interest = amount × rate × days / 365, with 365 even in
leap years; days are counted from the day after the due date up to and including the day of
computation. Over a period spanning half-years, each day uses the rate of its own half-year (the
period is cut at 1 January / 1 July). Sums stay exact `Decimal`; quantize to cents only when
presenting (`PenaltyResult.interest_cents`).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from suivi.core.message import Message
from suivi.core.models import CENT, ZERO, ClientType


@dataclass(frozen=True, slots=True, order=True)
class RatePoint:
    """A rate (in percent) that took effect on `effective`."""

    effective: date
    rate: Decimal


#: BCE main refinancing rate by date it took effect (shared/FRENCH_RULES.md; source: ECB, as
#: listed by optimial.fr and legifiscal.fr). The user keeps it up to date in [penalites] taux_bce.
DEFAULT_BCE_RATES: tuple[RatePoint, ...] = tuple(
    RatePoint(date.fromisoformat(d), Decimal(r)) for d, r in (
        ("2022-07-27", "0.50"), ("2022-09-14", "1.25"), ("2022-11-02", "2.00"),
        ("2022-12-21", "2.50"), ("2023-02-08", "3.00"), ("2023-03-22", "3.50"),
        ("2023-05-10", "3.75"), ("2023-06-21", "4.00"), ("2023-08-02", "4.25"),
        ("2023-09-20", "4.50"), ("2024-06-12", "4.25"), ("2024-09-18", "3.65"),
        ("2024-10-23", "3.40"), ("2024-12-18", "3.15"), ("2025-02-05", "2.90"),
        ("2025-03-12", "2.65"), ("2025-04-23", "2.40"), ("2025-06-11", "2.15"),
    )
)

#: Legal interest rate ("taux de l'intérêt légal", creditors other than private persons) by
#: half-year (arrêtés du ministère de l'Économie). Used only to check a contractual penalty rate
#: (at least 3 × this rate). Editable in [penalites] taux_interet_legal; verify before relying on it.
DEFAULT_LEGAL_INTEREST_RATES: tuple[RatePoint, ...] = tuple(
    RatePoint(date.fromisoformat(d), Decimal(r)) for d, r in (
        ("2023-01-01", "2.06"), ("2023-07-01", "4.22"), ("2024-01-01", "5.07"),
        ("2024-07-01", "4.92"), ("2025-01-01", "3.71"), ("2025-07-01", "2.76"),
    )
)

DEFAULT_MARGIN = Decimal("10")
DEFAULT_PUBLIC_MARGIN = Decimal("8")
DEFAULT_INDEMNITY = Decimal("40")
CONTRACT_RATE_FACTOR = Decimal("3")


class PenaltyKind:
    """What the interest is called on the documents."""

    LATE_PENALTIES = "pénalités de retard"
    MORATORY_INTEREST = "intérêts moratoires"
    NONE = "aucune"


@dataclass(frozen=True, slots=True)
class PenaltyPolicy:
    """How penalties are computed; built from the [penalites] configuration section."""

    bce_rates: tuple[RatePoint, ...] = DEFAULT_BCE_RATES
    legal_interest_rates: tuple[RatePoint, ...] = DEFAULT_LEGAL_INTEREST_RATES
    margin: Decimal = DEFAULT_MARGIN
    public_margin: Decimal = DEFAULT_PUBLIC_MARGIN
    contract_rate: Decimal | None = None
    indemnity: Decimal = DEFAULT_INDEMNITY
    individuals: bool = False
    verified_until: date | None = date(2025, 12, 31)
    days_in_year: int = 365


@dataclass(frozen=True, slots=True)
class PenaltyPeriod:
    """A stretch of days charged at one rate: [start, end] inclusive."""

    start: date
    end: date
    days: int
    rate: Decimal
    interest: Decimal


@dataclass(frozen=True, slots=True)
class PenaltyResult:
    """Penalties of one invoice at one date. `interest` is exact; present with `*_cents`."""

    kind: str
    principal: Decimal
    days_late: int
    periods: tuple[PenaltyPeriod, ...] = ()
    interest: Decimal = ZERO
    indemnity: Decimal = ZERO
    warnings: tuple[str, ...] = field(default=())

    @property
    def interest_cents(self) -> Decimal:
        return self.interest.quantize(CENT, rounding=ROUND_HALF_UP)

    @property
    def total_cents(self) -> Decimal:
        """Interest (rounded to the cent) plus the indemnity."""
        return self.interest_cents + self.indemnity

    @property
    def rates(self) -> tuple[Decimal, ...]:
        """Distinct rates used, in order (for the message: "12,15 %")."""
        seen: list[Decimal] = []
        for period in self.periods:
            if period.rate not in seen:
                seen.append(period.rate)
        return tuple(seen)


def rate_in_force(points: Sequence[RatePoint], day: date) -> Decimal | None:
    """The rate that took effect last on or before `day`; None before the table starts."""
    found: Decimal | None = None
    for point in sorted(points):
        if point.effective <= day:
            found = point.rate
        else:
            break
    return found


def half_year_start(day: date) -> date:
    """1 January or 1 July of `day`'s half-year."""
    return date(day.year, 1 if day.month <= 6 else 7, 1)


def half_year_end(day: date) -> date:
    return date(day.year, 6, 30) if day.month <= 6 else date(day.year, 12, 31)


def half_year_label(day: date, lang: str = "fr") -> str:
    first = day.month <= 6
    if lang == "en":
        return f"{'H1' if first else 'H2'} {day.year}"
    return f"{'1er' if first else '2e'} semestre {day.year}"


def reference_bce_rate(points: Sequence[RatePoint], day: date) -> Decimal | None:
    """The BCE rate that applies to `day`: the one in force on its half-year's first day."""
    return rate_in_force(points, half_year_start(day))


def minimum_contract_rate(policy: PenaltyPolicy, day: date) -> Decimal | None:
    """3 × the legal interest rate of `day`'s half-year (None when the table has no rate)."""
    legal = rate_in_force(policy.legal_interest_rates, half_year_start(day))
    return None if legal is None else legal * CONTRACT_RATE_FACTOR


def check_contract_rate(rate: Decimal, policy: PenaltyPolicy) -> Message | None:
    """What is wrong with a contractual rate (below 3 × the latest legal interest rate), or None."""
    if rate <= ZERO:
        return Message.of("penalties.contract_rate_positive", rate=rate)
    if not policy.legal_interest_rates:
        return None
    latest = max(policy.legal_interest_rates)
    floor = latest.rate * CONTRACT_RATE_FACTOR
    if rate < floor:
        return Message.of("penalties.contract_rate_floor", rate=rate, floor=floor,
                          legal=latest.rate, since=latest.effective)
    return None


def indemnity_for(client_type: ClientType, policy: PenaltyPolicy) -> Decimal:
    """40 € for professional clients (companies, associations, public buyers), 0 for consumers."""
    return policy.indemnity if client_type.professional else ZERO


def _split_by_half_year(first: date, last: date) -> list[tuple[date, date]]:
    """Cut [first, last] at each 1 January / 1 July."""
    pieces: list[tuple[date, date]] = []
    start = first
    while start <= last:
        end = min(half_year_end(start), last)
        pieces.append((start, end))
        start = end + timedelta(days=1)
    return pieces


def compute_penalties(amount: Decimal, due_date: date, until: date, client_type: ClientType,
                      policy: PenaltyPolicy) -> PenaltyResult:
    """Penalties owed on `amount` (incl. VAT, still unpaid) for a due date, counted to `until`.

    Days run from the day after `due_date` through `until` inclusive. See the module docstring for
    the legal rules and the conventions.
    """
    days_late = max((until - due_date).days, 0)
    if client_type is ClientType.INDIVIDUAL and not policy.individuals:
        return PenaltyResult(PenaltyKind.NONE, amount, days_late)
    indemnity = indemnity_for(client_type, policy) if days_late > 0 else ZERO
    if days_late == 0 or amount <= ZERO:
        kind = (PenaltyKind.MORATORY_INTEREST if client_type is ClientType.PUBLIC
                else PenaltyKind.LATE_PENALTIES)
        return PenaltyResult(kind, amount, days_late, indemnity=indemnity)
    first, last = due_date + timedelta(days=1), until
    warnings: list[str] = []
    periods: list[PenaltyPeriod] = []
    year = Decimal(policy.days_in_year)

    if client_type is ClientType.PUBLIC:
        kind = PenaltyKind.MORATORY_INTEREST
        bce = reference_bce_rate(policy.bce_rates, first)
        _check_verified(policy, first, warnings)
        if bce is None:
            warnings.append(_missing_rate(first))
        else:
            rate = bce + policy.public_margin
            days = (last - first).days + 1
            periods.append(PenaltyPeriod(first, last, days, rate, amount * rate * days / 100 / year))
    else:
        kind = PenaltyKind.LATE_PENALTIES
        for start, end in _split_by_half_year(first, last):
            days = (end - start).days + 1
            if policy.contract_rate is not None:
                rate = policy.contract_rate
                floor = minimum_contract_rate(policy, start)
                if floor is not None and rate < floor:
                    warnings.append(
                        f"taux contractuel {rate} % inférieur à 3 × le taux d'intérêt légal du "
                        f"{half_year_label(start)} : le minimum légal de {floor} % est appliqué")
                    rate = floor
            else:
                bce = reference_bce_rate(policy.bce_rates, start)
                _check_verified(policy, start, warnings)
                if bce is None:
                    warnings.append(_missing_rate(start))
                    continue
                rate = bce + policy.margin
            periods.append(PenaltyPeriod(start, end, days, rate, amount * rate * days / 100 / year))
    interest = sum((p.interest for p in periods), ZERO)
    return PenaltyResult(kind, amount, days_late, tuple(periods), interest, indemnity,
                         tuple(dict.fromkeys(warnings)))


def _missing_rate(day: date) -> str:
    return (f"aucun taux BCE connu pour le {half_year_label(day)} : complétez [penalites] taux_bce "
            f"dans suivi.toml (pénalités non calculées pour cette période)")


def _check_verified(policy: PenaltyPolicy, day: date, warnings: list[str]) -> None:
    start = half_year_start(day)
    if policy.verified_until is not None and start > policy.verified_until:
        warnings.append(
            f"taux BCE du {half_year_label(start)} non vérifié (table à jour jusqu'au "
            f"{policy.verified_until:%d/%m/%Y}) : vérifiez [penalites] taux_bce puis "
            f"bce_verifie_jusqu_au dans suivi.toml")
