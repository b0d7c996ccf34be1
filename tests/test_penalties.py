"""Late-payment penalties: hand-computed cases, exact to the cent (arithmetic in comments)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from suivi.core.models import ClientType
from suivi.core.penalties import (
    DEFAULT_BCE_RATES,
    PenaltyKind,
    PenaltyPolicy,
    RatePoint,
    check_contract_rate,
    compute_penalties,
    rate_in_force,
    reference_bce_rate,
)
from suivi.messages import text

D = Decimal
POLICY = PenaltyPolicy(verified_until=date(2025, 12, 31))


def test_reference_rate_is_the_rate_in_force_on_1_january_or_1_july():
    # H1 2025: on 2025-01-01 the rate in force is 3.15 (since 2024-12-18)
    assert reference_bce_rate(DEFAULT_BCE_RATES, date(2025, 5, 30)) == D("3.15")
    # H2 2025: on 2025-07-01 the rate in force is 2.15 (since 2025-06-11)
    assert reference_bce_rate(DEFAULT_BCE_RATES, date(2025, 8, 1)) == D("2.15")
    # H2 2024: on 2024-07-01 the rate in force is 4.25 (since 2024-06-12)
    assert reference_bce_rate(DEFAULT_BCE_RATES, date(2024, 12, 31)) == D("4.25")
    # a change inside the half-year does not count before the next half-year
    assert rate_in_force(DEFAULT_BCE_RATES, date(2024, 10, 30)) == D("3.40")
    assert reference_bce_rate(DEFAULT_BCE_RATES, date(2024, 10, 30)) == D("4.25")


def test_b2b_penalties_across_the_1_july_change():
    # due 2025-06-20, counted to 2025-07-10: days 21/06..10/07 = 20 days
    #   21/06..30/06 = 10 days at H1 2025 rate 3.15 + 10 = 13.15 %: 1000 × 13.15 × 10 / 36500
    #                = 131500 / 36500 = 3.602739…
    #   01/07..10/07 = 10 days at H2 2025 rate 2.15 + 10 = 12.15 %: 1000 × 12.15 × 10 / 36500
    #                = 121500 / 36500 = 3.328767…
    #   total 6.931506… → 6.93 €; indemnity 40 €
    result = compute_penalties(
        D("1000.00"), date(2025, 6, 20), date(2025, 7, 10), ClientType.COMPANY, POLICY
    )
    assert result.kind == PenaltyKind.LATE_PENALTIES
    assert result.days_late == 20
    assert [(p.start, p.end, p.days, p.rate) for p in result.periods] == [
        (date(2025, 6, 21), date(2025, 6, 30), 10, D("13.15")),
        (date(2025, 7, 1), date(2025, 7, 10), 10, D("12.15")),
    ]
    assert result.interest_cents == D("6.93")
    assert result.indemnity == D("40")
    assert result.total_cents == D("46.93")
    assert result.warnings == ()


def test_b2b_penalties_across_the_new_year():
    # due 2024-12-15, counted to 2025-01-14
    #   16/12..31/12 = 16 days at H2 2024 rate 4.25 + 10 = 14.25 %:
    #       2500 × 14.25 × 16 / 36500 = 570000 / 36500 = 15.616438…
    #   01/01..14/01 = 14 days at H1 2025 rate 3.15 + 10 = 13.15 %:
    #       2500 × 13.15 × 14 / 36500 = 460250 / 36500 = 12.609589…
    #   total 28.226027… → 28.23 €
    result = compute_penalties(
        D("2500"), date(2024, 12, 15), date(2025, 1, 14), ClientType.ASSOCIATION, POLICY
    )
    assert [p.days for p in result.periods] == [16, 14]
    assert result.interest_cents == D("28.23")
    assert result.indemnity == D("40")


def test_public_buyer_moratory_interest_uses_the_rate_of_the_half_year_it_started():
    # due 2025-06-25, counted to 2025-07-25: days 26/06..25/07 = 30 days
    # interest started 26/06/2025 (H1 2025): BCE 3.15 + 8 = 11.15 % for the whole period
    #   10000 × 11.15 × 30 / 36500 = 3345000 / 36500 = 91.643835… → 91.64 €; + 40 €
    result = compute_penalties(
        D("10000"), date(2025, 6, 25), date(2025, 7, 25), ClientType.PUBLIC, POLICY
    )
    assert result.kind == PenaltyKind.MORATORY_INTEREST
    assert [(p.days, p.rate) for p in result.periods] == [(30, D("11.15"))]
    assert result.interest_cents == D("91.64")
    assert result.indemnity == D("40")


def test_consumers_owe_no_penalty_and_no_indemnity():
    result = compute_penalties(
        D("1000"), date(2025, 6, 20), date(2025, 7, 10), ClientType.INDIVIDUAL, POLICY
    )
    assert result.kind == PenaltyKind.NONE
    assert result.interest == 0 and result.indemnity == 0 and result.total_cents == 0


def test_contractual_rate_replaces_bce_plus_ten():
    # 15 % contractual, 20 days: 1000 × 15 × 20 / 36500 = 300000 / 36500 = 8.219178… → 8.22 €
    policy = PenaltyPolicy(contract_rate=D("15"))
    result = compute_penalties(
        D("1000"), date(2025, 6, 20), date(2025, 7, 10), ClientType.COMPANY, policy
    )
    assert result.interest_cents == D("8.22")
    assert result.rates == (D("15"),)


def test_contractual_rate_below_three_times_legal_rate_is_raised_to_the_floor():
    # legal interest rate H1 2025 = 3.71 % → floor 11.13 %; 5 % is below it
    # 21/06..30/06 = 10 days: 1000 × 11.13 × 10 / 36500 = 111300 / 36500 = 3.049315… → 3.05 €
    policy = PenaltyPolicy(contract_rate=D("5"))
    result = compute_penalties(
        D("1000"), date(2025, 6, 20), date(2025, 6, 30), ClientType.COMPANY, policy
    )
    assert result.interest_cents == D("3.05")
    assert "minimum légal de 11.13 %" in result.warnings[0]


def test_check_contract_rate_names_the_legal_floor():
    # latest legal rate in the table: 2.76 % (H2 2025) → floor 8.28 %
    problem = check_contract_rate(D("8"), PenaltyPolicy())
    assert problem is not None
    message = text(problem, "fr")
    assert "8.28 %" in message and "L441-10" in message
    assert check_contract_rate(D("8.28"), PenaltyPolicy()) is None


def test_unverified_half_year_warns_and_keeps_the_last_known_rate():
    # due 2026-01-10 → 11/01..10/02 = 31 days; rate in force on 2026-01-01 = 2.15 → 12.15 %
    #   1000 × 12.15 × 31 / 36500 = 376650 / 36500 = 10.319178… → 10.32 €
    result = compute_penalties(
        D("1000"), date(2026, 1, 10), date(2026, 2, 10), ClientType.COMPANY, POLICY
    )
    assert result.interest_cents == D("10.32")
    assert any("1er semestre 2026 non vérifié" in w for w in result.warnings)


def test_missing_rate_before_the_table_is_reported_not_guessed():
    policy = PenaltyPolicy(bce_rates=(RatePoint(date(2025, 1, 1), D("3")),))
    # due 2024-12-20 → 21/12..31/12 unknown (no rate before 2025), 01/01..10/01 = 10 days at 13 %
    #   1000 × 13 × 10 / 36500 = 130000 / 36500 = 3.561643… → 3.56 €
    result = compute_penalties(
        D("1000"), date(2024, 12, 20), date(2025, 1, 10), ClientType.COMPANY, policy
    )
    assert result.interest_cents == D("3.56")
    assert any("aucun taux BCE connu pour le 2e semestre 2024" in w for w in result.warnings)


@pytest.mark.parametrize("until", [date(2025, 6, 20), date(2025, 6, 1)])
def test_nothing_before_or_on_the_due_date(until):
    result = compute_penalties(D("1000"), date(2025, 6, 20), until, ClientType.COMPANY, POLICY)
    assert result.days_late == 0 and result.interest == 0 and result.indemnity == 0


def test_no_float_anywhere():
    result = compute_penalties(
        D("1234.56"), date(2025, 3, 1), date(2025, 9, 1), ClientType.COMPANY, POLICY
    )
    assert isinstance(result.interest, Decimal)
    assert all(isinstance(p.interest, Decimal) for p in result.periods)
