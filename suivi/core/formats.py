"""Number, date and identifier formatting for everything users read (French first, English).

French: ``1 234,56 €`` (narrow no-break space U+202F between thousands, no-break space
U+00A0 before the euro sign) and ``25/11/2026``. English: ``€1,234.56`` and ``25 Nov 2026``.
The bundled DejaVu fonts render both spaces.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from stdnum import iban
from stdnum.exceptions import ValidationError

NNBSP = "\u202f"  # narrow no-break space: French thousands separator
NBSP = "\u00a0"  # no-break space: between a number and its unit

_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _group(digits: str, separator: str) -> str:
    """Insert ``separator`` every three digits from the right."""
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return separator.join(groups)


def format_number(value: Decimal, places: int = 2, lang: str = "fr") -> str:
    """Format a Decimal with ``places`` decimals and grouped thousands."""
    quantum = Decimal(1).scaleb(-places)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    text = f"{abs(rounded):.{places}f}"
    whole, _, fraction = text.partition(".")
    if lang == "fr":
        body = _group(whole, NNBSP) + ("," + fraction if fraction else "")
    else:
        body = _group(whole, ",") + ("." + fraction if fraction else "")
    return sign + body


def format_money(value: Decimal, lang: str = "fr", currency: str = "EUR") -> str:
    """Format an amount: ``1 234,56 €`` in French, ``€1,234.56`` in English."""
    number = format_number(value, 2, lang)
    symbol = "€" if currency == "EUR" else currency
    if lang == "fr":
        return f"{number}{NBSP}{symbol}"
    if number.startswith("-"):
        return f"-{symbol}{number[1:]}"
    return f"{symbol}{number}"


def format_quantity(value: Decimal, lang: str = "fr") -> str:
    """Format a quantity without useless trailing zeros (``2``, ``1,5``, ``0,25``)."""
    normalized = value.normalize()
    exponent = normalized.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return format_number(value, min(places, 4), lang)


def format_rate(value: Decimal, lang: str = "fr") -> str:
    """Format a percentage rate: ``20 %``, ``5,5 %`` in French; ``20%``, ``5.5%`` in English."""
    number = format_quantity(value, lang)
    return f"{number}{NBSP}%" if lang == "fr" else f"{number}%"


def format_date(value: date, lang: str = "fr") -> str:
    """Format a date: ``25/11/2026`` in French, ``25 Nov 2026`` in English."""
    if lang == "fr":
        return value.strftime("%d/%m/%Y")
    return f"{value.day} {_EN_MONTHS[value.month - 1]} {value.year}"


def xml_amount(value: Decimal) -> str:
    """Amount as written in the XML: a dot and exactly two decimals (BR-FR-DEC-01)."""
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):f}"


def xml_decimal(value: Decimal, max_places: int) -> str:
    """Decimal for the XML with at most ``max_places`` decimals and no exponent."""
    quantized = value.quantize(Decimal(1).scaleb(-max_places), rounding=ROUND_HALF_UP)
    text = f"{quantized:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def format_iban(value: str | None) -> str:
    """IBAN in groups of four (``FR76 3000 …``); returned unchanged when it is not valid."""
    if not value:
        return ""
    try:
        return iban.format(iban.validate(value))
    except ValidationError:
        return value


def format_siren(value: str | None) -> str:
    """SIREN as ``123 456 789`` (unchanged when it is not nine digits)."""
    if not value:
        return ""
    digits = value.replace(" ", "")
    if len(digits) == 9 and digits.isdigit():
        return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
    return value


def format_siret(value: str | None) -> str:
    """SIRET as ``123 456 789 00012`` (unchanged when it is not fourteen digits)."""
    if not value:
        return ""
    digits = value.replace(" ", "")
    if len(digits) == 14 and digits.isdigit():
        return f"{format_siren(digits[:9])} {digits[9:]}"
    return value
