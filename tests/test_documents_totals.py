"""Invoice arithmetic and number formatting: every expected figure is computed by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from suivi.core.formats import (
    format_date,
    format_money,
    format_quantity,
    format_rate,
    format_siren,
    xml_amount,
)
from suivi.documents.model import Deposit, DocLine
from suivi.documents.totals import compute_totals, line_net

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    ("quantity", "price", "expected"),
    [
        ("1", "850.00", "850.00"),
        ("14.5", "62.00", "899.00"),
        ("3", "0.335", "1.01"),  # 1.005 → 1.01 (half up, not banker's rounding)
        ("0.333", "10", "3.33"),
        ("-1", "50.00", "-50.00"),
        ("7.25", "19.99", "144.93"),  # 144.9275
    ],
)
def test_line_net_is_rounded_half_up_to_the_cent(quantity, price, expected):
    line = DocLine("x", D(quantity), D(price), D("20"))
    assert line_net(line) == D(expected)


def test_mixed_rates_breakdown_and_totals():
    lines = (
        DocLine("Étude", D("1"), D("850.00"), D("20")),
        DocLine("Suspensions", D("6"), D("189.90"), D("20")),  # 1139.40
        DocLine("Pose", D("14.5"), D("62.00"), D("10")),  # 899.00
        DocLine("Isolation", D("2"), D("145.00"), D("5.5")),  # 290.00
    )
    totals = compute_totals(lines)
    by_rate = {(item.category, item.rate): (item.base, item.tax) for item in totals.vat}
    # 20 %: 850 + 1139.40 = 1989.40 → 397.88 ; 10 %: 899 → 89.90 ; 5.5 %: 290 → 15.95
    assert by_rate == {
        ("S", D("20.00")): (D("1989.40"), D("397.88")),
        ("S", D("10.00")): (D("899.00"), D("89.90")),
        ("S", D("5.50")): (D("290.00"), D("15.95")),
    }
    assert totals.total_ht == D("3178.40")
    assert totals.total_vat == D("503.73")
    assert totals.total_ttc == D("3682.13")
    assert totals.prepaid == D("0")
    assert totals.amount_due == D("3682.13")


def test_vat_is_computed_on_the_rate_base_not_line_by_line():
    # Three lines of 0.07 at 20 %: line by line 0.014 → 0.01, three times 0.03; on the rate
    # base 0.21 × 20 % = 0.042 → 0.04, which is what EN 16931 (BR-S-09) requires.
    lines = tuple(DocLine("x", D("1"), D("0.07"), D("20")) for _ in range(3))
    totals = compute_totals(lines)
    assert totals.vat[0].base == D("0.21")
    assert totals.vat[0].tax == D("0.04")


def test_deposit_invoice_amounts():
    # 30 % deposit on a 3 333.33 € HT quote at 20 %: 1 000.00 HT, 200.00 VAT, 1 200.00 TTC.
    totals = compute_totals((DocLine("Acompte 30 %", D("1"), D("1000.00"), D("20")),))
    assert (totals.total_ht, totals.total_vat, totals.total_ttc, totals.amount_due) == (
        D("1000.00"),
        D("200.00"),
        D("1200.00"),
        D("1200.00"),
    )


def test_final_invoice_deducts_deposits_incl_vat():
    lines = (
        DocLine("Travaux", D("1"), D("3333.33"), D("20")),  # VAT 666.666 → 666.67
        DocLine("Fournitures", D("4"), D("12.50"), D("5.5")),  # 50.00, VAT 2.75
    )
    deposits = (
        Deposit("FA-1", date(2026, 9, 1), D("1200.00")),
        Deposit("FA-2", date(2026, 10, 1), D("500.00")),
    )
    totals = compute_totals(lines, deposits)
    assert totals.total_ht == D("3383.33")
    assert totals.total_vat == D("669.42")
    assert totals.total_ttc == D("4052.75")
    assert totals.prepaid == D("1700.00")
    assert totals.amount_due == D("2352.75")


def test_exempt_lines_carry_no_tax():
    lines = (DocLine("Logo", D("1"), D("1400"), D("0"), vat_category="E"),)
    totals = compute_totals(lines)
    assert totals.vat[0].tax == D("0.00")
    assert totals.total_ttc == D("1400")


@pytest.mark.parametrize(
    ("value", "fr", "en"),
    [
        (D("1234.56"), f"1{NNBSP}234,56{NBSP}€", "€1,234.56"),
        (D("0.5"), f"0,50{NBSP}€", "€0.50"),
        (D("-1200"), f"-1{NNBSP}200,00{NBSP}€", "-€1,200.00"),
        (D("1234567.891"), f"1{NNBSP}234{NNBSP}567,89{NBSP}€", "€1,234,567.89"),
    ],
)
def test_money_format(value, fr, en):
    assert format_money(value, "fr") == fr
    assert format_money(value, "en") == en


def test_other_formats():
    assert format_date(date(2026, 11, 25), "fr") == "25/11/2026"
    assert format_date(date(2026, 11, 5), "en") == "5 Nov 2026"
    assert format_rate(D("5.50"), "fr") == f"5,5{NBSP}%"
    assert format_rate(D("20.00"), "en") == "20%"
    assert format_quantity(D("14.500"), "fr") == "14,5"
    assert format_quantity(D("100"), "fr") == "100"
    assert format_siren("732829320") == "732 829 320"
    assert xml_amount(D("1200")) == "1200.00"


def test_plain_tuples_are_accepted_for_deposits_and_the_preceding_invoice():
    from documents_samples import sample_invoice

    from suivi.documents.model import PrecedingInvoice

    doc = sample_invoice(
        kind="final",
        deposits=[("FA-1", date(2026, 9, 1), D("100.00"))],
        preceding_invoice=("FA-0", date(2026, 8, 1)),
        lines=[DocLine("x", D("1"), D("500"), D("20"))],
    )
    assert doc.deposits == (Deposit("FA-1", date(2026, 9, 1), D("100.00")),)
    assert doc.preceding_invoice == PrecedingInvoice("FA-0", date(2026, 8, 1))
    assert compute_totals(doc.lines, doc.deposits).amount_due == D("500.00")  # 600 − 100
