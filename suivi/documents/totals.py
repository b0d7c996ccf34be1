"""Invoice arithmetic: line nets, VAT breakdown, totals and amount due (pure, no I/O).

The rules follow EN 16931 so that the printed figures and the Factur-X XML agree exactly:

* line net (BT-131) = quantity × unit price, rounded to the cent (ROUND_HALF_UP);
* one VAT breakdown (BG-23) per (category, rate): base (BT-116) = sum of the line nets,
  tax (BT-117) = base × rate / 100 rounded to the cent (BR-S-09, BR-CO-17);
* total excl. VAT (BT-109) = sum of line nets (no document-level allowances or charges);
* total VAT (BT-110) = sum of the breakdown taxes (BR-CO-14);
* total incl. VAT (BT-112) = BT-109 + BT-110 (BR-CO-15);
* prepaid (BT-113) = deposits already paid, incl. VAT;
* amount due (BT-115) = BT-112 − BT-113 (BR-CO-16).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .model import EXEMPT_CATEGORIES, Deposit, DocLine

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def to_cents(value: Decimal) -> Decimal:
    """Round a Decimal to the cent, half up (the rounding the law and EN 16931 expect)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class VatBreakdown:
    """One VAT subtotal (BG-23): category, rate, taxable base and tax amount."""

    category: str
    rate: Decimal
    base: Decimal
    tax: Decimal
    exemption_reason: str | None = None


@dataclass(frozen=True, slots=True)
class Totals:
    """All computed amounts of a document, already rounded to the cent."""

    line_nets: tuple[Decimal, ...]
    vat: tuple[VatBreakdown, ...]
    total_ht: Decimal
    total_vat: Decimal
    total_ttc: Decimal
    prepaid: Decimal
    amount_due: Decimal


def line_net(line: DocLine) -> Decimal:
    """Net amount of one line: quantity × unit price, rounded to the cent."""
    return to_cents(line.quantity * line.unit_price)


def vat_tax(base: Decimal, rate: Decimal, category: str) -> Decimal:
    """VAT of one breakdown; exempt and zero-rated categories carry no tax."""
    if category in EXEMPT_CATEGORIES or category == "Z":
        return ZERO
    return to_cents(base * rate / Decimal(100))


def vat_breakdown(lines: Iterable[DocLine]) -> tuple[VatBreakdown, ...]:
    """Group lines by (category, rate), in order of first appearance, and compute each tax."""
    bases: dict[tuple[str, Decimal], Decimal] = {}
    reasons: dict[tuple[str, Decimal], str | None] = {}
    for line in lines:
        key = (line.vat_category, line.vat_rate.quantize(CENT))
        bases[key] = bases.get(key, ZERO) + line_net(line)
        reasons.setdefault(key, line.exemption_reason)
    return tuple(
        VatBreakdown(
            category=category,
            rate=rate,
            base=base,
            tax=vat_tax(base, rate, category),
            exemption_reason=reasons[(category, rate)],
        )
        for (category, rate), base in bases.items()
    )


def compute_totals(lines: Iterable[DocLine], deposits: Iterable[Deposit] = ()) -> Totals:
    """Compute every amount printed on the invoice and written in its Factur-X XML."""
    lines = tuple(lines)
    nets = tuple(line_net(line) for line in lines)
    breakdown = vat_breakdown(lines)
    total_ht = sum(nets, ZERO)
    total_vat = sum((item.tax for item in breakdown), ZERO)
    total_ttc = total_ht + total_vat
    prepaid = sum((to_cents(deposit.amount_ttc) for deposit in deposits), ZERO)
    return Totals(
        line_nets=nets,
        vat=breakdown,
        total_ht=total_ht,
        total_vat=total_vat,
        total_ttc=total_ttc,
        prepaid=prepaid,
        amount_due=total_ttc - prepaid,
    )
