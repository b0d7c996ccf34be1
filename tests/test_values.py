"""Cell values → Decimal, date, percentage, boolean: scenario tables written by hand."""

from datetime import date, datetime, time
from decimal import Decimal

import pytest

from suivi.core.formats import format_money
from suivi.core.values import (
    ValueProblem,
    parse_amount,
    parse_bool,
    parse_date,
    parse_percent,
)
from suivi.messages import text

AMOUNTS = [
    ("1 234,56 €", "1234.56"),
    ("1\u00a0234,56\u00a0€", "1234.56"),  # no-break space
    ("1\u202f234,56\u202f€", "1234.56"),  # narrow no-break space (Excel FR, macOS)
    ("1,234.56", "1234.56"),
    ("1.234,56", "1234.56"),
    ("-12,50", "-12.50"),
    ("(12,50)", "-12.50"),
    ("12,50 EUR", "12.50"),
    ("RM 1,234.56", "1234.56"),
    ("1.234.567", "1234567"),
    ("1 234 567,8", "1234567.8"),
    ("0,1", "0.1"),
    ("42", "42"),
    (2086.42, "2086.42"),
    (1481.4720000000002, "1481.472"),  # formula noise: Excel shows 15 digits
    (0.1 + 0.2, "0.3"),
    (1500, "1500"),
    (Decimal("7.10"), "7.10"),
]


@pytest.mark.parametrize("cell, expected", AMOUNTS)
def test_amounts(cell, expected):
    assert parse_amount(cell) == Decimal(expected)
    assert isinstance(parse_amount(cell), Decimal)


@pytest.mark.parametrize("cell", ["abc", "12,34,5", "1.2.3,4.5", "€", date(2026, 1, 1), True])
def test_amounts_refused(cell):
    with pytest.raises(ValueProblem):
        parse_amount(cell)


@pytest.mark.parametrize("cell", [4.2252065883448156e-265, 5e-324, 1e-7, 1e300, -1e300, 1e13,
                                  2**70, "12 345 678 901 234,99", "0,0000001", Decimal("1E+40")])
def test_amounts_too_large_or_too_small_are_refused_in_plain_french(cell):
    with pytest.raises(ValueProblem) as caught:
        parse_amount(cell)
    assert caught.value.kind == "implausible_amount"
    assert "trop grand ou trop petit" in text(caught.value.message, "fr")


@pytest.mark.parametrize("cell", ["1.200", "€1,200", "12.500 €", "-1.200", "(1,200)", "999,999"])
def test_a_lone_separator_before_three_digits_is_ambiguous_not_read(cell):
    """« 1.200 » is 1 200 € to a French eye and 1,20 € to a decimal point: claiming either
    could be a thousand times wrong, so the cell is named instead of read."""
    with pytest.raises(ValueProblem) as caught:
        parse_amount(cell)
    assert caught.value.kind == "ambiguous_amount"
    said = text(caught.value.message, "fr")
    assert said.startswith(f"« {cell} » est ambigu") and "milliers" in said and "décimales" in said


@pytest.mark.parametrize("cell, expected", [
    ("1.200,00", "1200.00"), ("1,200.00", "1200.00"), ("0,125", "0.125"), ("1.20", "1.20"),
    ("1200,555", "1200.555"), ("1.234.567", "1234567"), ("1 200", "1200")])
def test_amounts_whose_separators_say_which_is_which_are_read(cell, expected):
    assert parse_amount(cell) == Decimal(expected)


def test_a_source_that_fixes_the_decimal_point_reads_three_decimals():
    """An OFX file, or a bank CSV read with its layout, says its decimal separator."""
    assert parse_amount("-1.200", decimal=".") == Decimal("-1.200")


@pytest.mark.parametrize("cell, expected", [(9_999_999_999_999.99, "9999999999999.99"),
                                            (0.000001, "0.000001"), (-0.0, "0"), (0, "0")])
def test_amounts_at_the_edges_of_the_plausible_are_kept(cell, expected):
    assert parse_amount(cell) == Decimal(expected)


@pytest.mark.parametrize("cell", [None, "", "  ", "-"])
def test_amounts_empty(cell):
    assert parse_amount(cell) is None


DATES = [
    (date(2026, 11, 25), date(2026, 11, 25)),
    (datetime(2026, 11, 25, 14, 30), date(2026, 11, 25)),
    (46351, date(2026, 11, 25)),  # Excel serial
    (46351.75, date(2026, 11, 25)),  # serial with a time
    ("2026-11-25", date(2026, 11, 25)),
    ("2026-11-25T00:00:00", date(2026, 11, 25)),
    ("25/11/2026", date(2026, 11, 25)),
    ("25/11/26", date(2026, 11, 25)),
    ("5/1/2026", date(2026, 1, 5)),  # day first
    ("25.11.2026", date(2026, 11, 25)),
    ("2026.03.02", date(2026, 3, 2)),  # year first: year, month, day (never day-first)
    ("2026/03/02", date(2026, 3, 2)),
    ("2026.11.25", date(2026, 11, 25)),
    ("25 nov. 2026", date(2026, 11, 25)),
    ("25 novembre 2026", date(2026, 11, 25)),
    ("1 févr. 2026", date(2026, 2, 1)),
    ("1er févr. 2026", date(2026, 2, 1)),  # the first of the month, as the French write it
    ("1ER DÉCEMBRE 2026", date(2026, 12, 1)),
    ("le 1° mars 2026", date(2026, 3, 1)),
    ("1ᵉʳ avril 2026", date(2026, 4, 1)),
    ("3 août 2025", date(2025, 8, 3)),
    ("Nov 25, 2026", date(2026, 11, 25)),
    ("20261125", date(2026, 11, 25)),  # an export's « aaaammjj », as text or number
    (20261125, date(2026, 11, 25)),
    (20261125.0, date(2026, 11, 25)),
]


@pytest.mark.parametrize("cell, expected", DATES)
def test_dates(cell, expected):
    assert parse_date(cell) == expected


def test_date_1904_system():
    # In the 1904 date system, serial 0 is 1 January 1904.
    assert parse_date(44889, date1904=True) == date(2026, 11, 25)


@pytest.mark.parametrize("cell", [0, 0.0, time(0)])
def test_serial_zero_is_no_date(cell):
    """=SI(F2=0;0;B2+20) shows « 00/01/1900 » (calamine reads a time): a formula's « no date »,
    not a date to refuse (it held the whole row)."""
    assert parse_date(cell) is None


@pytest.mark.parametrize("cell", ["abc", "nov 2026", "32/01/2026", "31/02/2026", "2026", "2026.02.30",
                                  "1er 2026", "11er mai 2026"])
def test_dates_refused(cell):
    with pytest.raises(ValueProblem):
        parse_date(cell)


@pytest.mark.parametrize("cell", [20261325.0, "20261325", 99999999])
def test_a_number_that_is_no_date_is_shown_as_typed(cell):
    """« 20261325 » (no 13th month) is refused, and named as typed, not « 20261325.0 »."""
    with pytest.raises(ValueProblem) as caught:
        parse_date(cell)
    assert text(caught.value.message, "fr").startswith(f"« {int(float(cell))} »")


PERCENTS = [
    ("20 %", "20"),
    ("20%", "20"),
    ("5,5 %", "5.5"),
    (0.2, "20"),
    (0.055, "5.5"),
    (20, "20"),
    ("0,2", "20"),
    ("0 %", "0"),
]


@pytest.mark.parametrize("cell, expected", PERCENTS)
def test_percents(cell, expected):
    assert parse_percent(cell) == Decimal(expected)


BOOLS = [
    ("Oui", True),
    ("non", False),
    ("X", True),
    ("", False),
    (None, False),
    (1, True),
    ("Le client conteste", True),
    ("Non ", False),
]


@pytest.mark.parametrize("cell, expected", BOOLS)
def test_bools(cell, expected):
    assert parse_bool(cell) is expected


def test_money_formatting_french_and_english():
    assert format_money(Decimal("1234.5")) == "1\u202f234,50\u00a0€"
    assert format_money(Decimal("-0.005")) == "-0,01\u00a0€"
    assert format_money(Decimal("1234567.891"), "en") == "€1,234,567.89"
