"""Turning cell contents into Decimal amounts, dates, percentages and booleans.

Pure functions. Cell values arrive as whatever the reader produced (str, int, float, date,
datetime, bool or None). Numbers are converted through their text at Excel's precision
(15 significant digits), never through float arithmetic.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from dateutil import parser as dateparser

from suivi.core.message import Message

EXCEL_EPOCH = date(1899, 12, 30)
EXCEL_EPOCH_1904 = date(1904, 1, 1)


class ValueProblem(ValueError):
    """A cell value that cannot be understood: `kind` says how (not_amount, not_date,
    incomplete_date…), `value` is the text as typed; the edge words it (values.<kind>)."""

    def __init__(self, kind: str, value: object) -> None:
        super().__init__(f"{kind}: {value!r}")
        self.kind = kind
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            value = int(value)  # shown as typed: « 20260801 », not « 20260801.0 »
        # a boolean stays one: the messages show it as Excel does (VRAI/FAUX)
        self.value: str | bool = value if isinstance(value, (str, bool)) else str(value)

    @property
    def message(self) -> Message:
        return Message.of(f"values.{self.kind}", value=self.value)


def decimal_from_number(value: int | float) -> Decimal:
    """Decimal from an Excel number, as Excel would display it (15 significant digits)."""
    if isinstance(value, bool):
        raise ValueProblem("not_amount", value)
    if isinstance(value, int):
        return Decimal(value)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueProblem("bad_number", value)
    text = format(value, ".15g")
    result = Decimal(text)
    # normalise "1.2E+3" style exponents back to plain notation
    if result == result.to_integral_value() and "E" in text.upper() and result.adjusted() < 28:
        result = result.quantize(Decimal(1))  # beyond 28 digits quantize fails: left as is
    return result


#: The amounts suivi accepts. Ten thousand billion euros, or a millionth of a cent, is a typing
#: accident (an exponent, a serial number pasted in the wrong column); and such a number would
#: make the Decimal arithmetic of totals and VAT rates overflow its 28 digits.
AMOUNT_MAX = Decimal("1E13")
AMOUNT_MIN = Decimal("1E-6")


def plausible_amount(amount: Decimal, raw: object) -> Decimal:
    """`amount`, unless it is outside [AMOUNT_MIN, AMOUNT_MAX) in size (zero is plausible):
    ValueProblem naming `raw`, the value as it was written."""
    size = abs(amount)
    if size >= AMOUNT_MAX or (size and size < AMOUNT_MIN):
        raise ValueProblem("implausible_amount", raw)
    return amount


#: The dates suivi accepts in the workbook's tables and in bank statements. 31/12/9999 or
#: 01/01/0001 in an invoice row is a typing accident or a placeholder; and the day arithmetic
#: (terms, schedules, aging) would leave the calendar near either end.
DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2199, 12, 31)


def plausible_date(day: date, raw: object) -> date:
    """`day`, unless it is outside [DATE_MIN, DATE_MAX]: ValueProblem showing `raw`, the value
    as written (a date shown dd/mm/yyyy)."""
    if DATE_MIN <= day <= DATE_MAX:
        return day
    shown = raw.strftime("%d/%m/%Y") if isinstance(raw, date) else raw
    raise ValueProblem("implausible_date", shown)


def parse_plausible_date(value: object, *, month_first: bool = False) -> date | None:
    """`parse_date`, then `plausible_date`: what the workbook's tables accept as a date."""
    day = parse_date(value, month_first=month_first)
    return None if day is None else plausible_date(day, value)


def day_order(texts: Iterable[object]) -> tuple[str | None, str | None]:
    """How a sheet's text dates order day and month: (a text that can only be month first,
    one that can only be day first), each None when there is none. « 08/15/2026 » can only be
    month first, « 25/11/2026 » only day first; « 03/04/2026 » says nothing."""
    month = day = None
    for value in texts:
        if type(value) is not str or (m := DMY_TEXT.match(value)) is None:
            continue
        first, second = int(m[1]), int(m[2])
        if second > 12 >= first and month is None:
            month = value.strip()
        elif first > 12 >= second and day is None:
            day = value.strip()
        if month is not None and day is not None:
            break
    return month, day


_CURRENCY = re.compile(r"(?i)(eur(os?)?|€|\$|usd|rm|myr|chf|gbp|£|ht|ttc|hors taxes?)")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007']")
#: One separator followed by three digits after a leading group: « 1.200 », « 12,500 ».
_LONE_GROUP = re.compile(r"[1-9][0-9]{0,2}[.,][0-9]{3}")


def parse_amount(value: object, *, decimal: str | None = None) -> Decimal | None:
    """Parse a money amount; None for an empty cell.

    Accepts numbers and texts such as "1 234,56 €" (with NBSP or narrow NBSP), "1,234.56",
    "1.234,56", "-12,50", "(12,50)", "12,50 EUR", "RM 1,234.56".
    Raises ValueProblem when the text is not an amount, and when it is ambiguous: "1.200" or
    "€1,200" is 1 200 with a thousands separator, or 1,20 with three decimals, and neither
    reading is safe to claim (`ambiguous_amount`). `decimal` (".") says the text's decimal
    separator when the source fixes it (an OFX file, a bank CSV read with its layout).
    """
    if value is None:
        return None
    if isinstance(value, Decimal):
        return plausible_amount(value, value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return plausible_amount(decimal_from_number(value), value)
    if isinstance(value, (date, datetime, bool)):
        raise ValueProblem("not_amount", value)
    text = str(value).strip()
    if not text or text in {"-", "—"}:
        return None
    raw = text
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    text = _CURRENCY.sub("", text)
    text = _SPACES.sub("", text)
    if text.startswith(("-", "−")):
        negative, text = not negative, text[1:]
    elif text.startswith("+"):
        text = text[1:]
    if text.endswith("-"):
        negative, text = not negative, text[:-1]
    if not text or not re.fullmatch(r"[0-9.,]+", text):
        raise ValueProblem("not_amount", raw)
    if decimal is None and _LONE_GROUP.fullmatch(text):
        raise ValueProblem("ambiguous_amount", raw)
    text = _normalise_separators(text, raw)
    try:
        result = Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - regex above guards this
        raise ValueProblem("not_amount", raw) from exc
    return plausible_amount(-result if negative else result, raw)


def _normalise_separators(text: str, raw: str) -> str:
    """Decide which of ',' and '.' is the decimal separator and return a plain number text."""
    commas, dots = text.count(","), text.count(".")
    if commas and dots:
        decimal_sep = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal_sep == "," else ","
        if text.count(decimal_sep) > 1:
            raise ValueProblem("not_amount", raw)
        return text.replace(thousands, "").replace(decimal_sep, ".")
    if commas > 1:
        _check_groups(text, ",", raw)
        return text.replace(",", "")
    if dots > 1:
        _check_groups(text, ".", raw)
        return text.replace(".", "")
    # a single separator (or none) is the decimal separator, French or English style
    return text.replace(",", ".")


def _check_groups(text: str, sep: str, raw: str) -> None:
    parts = text.split(sep)
    if not parts[0] or any(len(p) != 3 for p in parts[1:]):
        raise ValueProblem("not_amount", raw)


def parse_percent(value: object) -> Decimal | None:
    """VAT-style rate as a percentage: "20 %", "20", 0.2 (a %-formatted cell), "5,5%" → 5.5."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        had_sign = "%" in text
        number = parse_amount(text.replace("%", ""))
        if number is None:
            return None
        if not had_sign and abs(number) < 1 and number != 0:
            return number * 100
        return number
    number = parse_amount(value)
    if number is None:
        return None
    if abs(number) < 1 and number != 0:
        return number * 100
    return number


class _FrenchParserInfo(dateparser.parserinfo):
    """dateutil parser vocabulary with French and English month and day names."""

    MONTHS: list[tuple[str, ...]] = [  # type: ignore[assignment]
        ("jan", "janv", "janvier", "January"),
        ("fev", "fév", "févr", "fevr", "février", "fevrier", "Feb", "February"),
        ("mar", "mars", "March"),
        ("avr", "avril", "Apr", "April"),
        ("mai", "May"),
        ("juin", "Jun", "June"),
        ("juil", "juillet", "Jul", "July"),
        ("aou", "aoû", "août", "aout", "Aug", "August"),
        ("sep", "sept", "septembre", "Sept", "September"),
        ("oct", "octobre", "October"),
        ("nov", "novembre", "November"),
        ("dec", "déc", "décembre", "decembre", "December"),
    ]
    WEEKDAYS: list[tuple[str, ...]] = [  # type: ignore[assignment]
        ("lun", "lundi", "Mon", "Monday"),
        ("mar", "mardi", "Tue", "Tuesday"),
        ("mer", "mercredi", "Wed", "Wednesday"),
        ("jeu", "jeudi", "Thu", "Thursday"),
        ("ven", "vendredi", "Fri", "Friday"),
        ("sam", "samedi", "Sat", "Saturday"),
        ("dim", "dimanche", "Sun", "Sunday"),
    ]
    JUMP = [" ", ".", ",", ";", "-", "/", "'", "le", "at", "on", "and", "à", "et", "of", "de"]


_PARSER_INFO = _FrenchParserInfo(dayfirst=True)
#: a date typed « jj/mm/aaaa » (or with dots or dashes, or a two-digit year)
DMY_TEXT = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]+)?\s*$")
# year first with dots or slashes ("2026.03.02", "2026/03/02"): always year, month, day
_YMD = re.compile(r"^\s*(\d{4})([/.])(\d{1,2})\2(\d{1,2})\s*$")
_HAS_YEAR = re.compile(r"(?<!\d)(\d{4}|\d{2})(?!\d)\s*$|(?<!\d)\d{4}(?!\d)")


def excel_serial_to_date(serial: float, date1904: bool = False) -> date:
    """Excel serial day number to a date (1900 or 1904 date system)."""
    epoch = EXCEL_EPOCH_1904 if date1904 else EXCEL_EPOCH
    return epoch + timedelta(days=int(serial))


#: « 1er », « 1ᵉʳ », « 1° »: the first day of a month as the French write it.
_FIRST_OF = re.compile(r"(?<!\d)1\s*(?:er|ᵉʳ|°)(?![^\W\d_])", re.IGNORECASE)
#: « 20260801 »: year, month and day without separators (exports of accounting software).
_COMPACT = re.compile(r"((?:19|20|21)\d\d)(\d\d)(\d\d)")


_MIDNIGHT = time(0)


def parse_date(value: object, *, date1904: bool = False, month_first: bool = False) -> date | None:
    """Parse a date cell; None for an empty cell.

    Accepts date/datetime objects, Excel serial numbers, ISO text ("2026-11-25"), "25/11/2026",
    "25/11/26", "25.11.2026", year first "2026.11.25" and "2026/11/25" (always year, month,
    day), "20261125" (as text or number), "25 nov. 2026", "25 novembre 2026", "1er décembre
    2026", "Nov 25, 2026"; "11/25/2026" with `month_first` (a sheet whose text dates put the
    month first, `day_order`).
    Raises ValueProblem for text that is not a complete date.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise ValueProblem("not_date", value)
    if value == 0 or value == _MIDNIGHT:  # serial 0, « 00/01/1900 » (read as a time): what
        return None  # a formula gives for « no date » (=SI(F2=0;0;B2+20)), never a day
    if isinstance(value, (int, float)):
        if 1 <= value < 2958466:
            return excel_serial_to_date(value, date1904)
        if value == int(value) and (m := _COMPACT.fullmatch(str(int(value)))):
            try:  # 20260801: an export's « aaaammjj », far beyond any serial day
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                pass
        raise ValueProblem("not_date", value)
    text = str(value).strip()
    if not text:
        return None
    try:
        if m := _COMPACT.fullmatch(text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _ISO.match(text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _YMD.match(text):
            return date(int(m[1]), int(m[3]), int(m[4]))
        if m := DMY_TEXT.match(text):
            year = int(m[3])
            if len(m[3]) == 2:
                year += 2000 if year < 70 else 1900
            if month_first:  # the sheet writes « 08/15/2026 » (`day_order`)
                return date(year, int(m[1]), int(m[2]))
            return date(year, int(m[2]), int(m[1]))
    except ValueError as exc:
        raise ValueProblem("invalid_date", text) from exc
    if not _HAS_YEAR.search(text) or not re.search(r"\d", text):
        raise ValueProblem("incomplete_date", text)
    words = _FIRST_OF.sub("1", text)  # « 1er février 2026 »: the first of the month
    try:
        # two different defaults: a component missing from the text shows up as a difference
        parsed = dateparser.parse(words, parserinfo=_PARSER_INFO, default=datetime(1900, 1, 1))
        other = dateparser.parse(words, parserinfo=_PARSER_INFO, default=datetime(1904, 2, 2))
    except (ValueError, OverflowError) as exc:
        raise ValueProblem("not_date", text) from exc
    if parsed.date() != other.date():
        raise ValueProblem("incomplete_date", text)
    return parsed.date()


#: Oui/Non cells as people type them (folded), for `parse_bool` and the reader's paid marks.
YES_WORDS = frozenset({"oui", "o", "yes", "y", "true", "vrai", "x", "1", "✓", "✔", "ok"})
NO_WORDS = frozenset({"non", "n", "no", "false", "faux", "0", "", "-"})


def parse_bool(value: object, *, default: bool = False) -> bool:
    """Oui/Non style cells. Unknown non-empty text counts as True (e.g. a dispute description)."""
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0
    text = str(value).strip().casefold()
    if text in YES_WORDS:
        return True
    if text in NO_WORDS:
        return False if text else default
    return True


def parse_int(value: object) -> int | None:
    """Small integers such as a reminder step; accepts "2", 2.0, "Niveau 2", "J+7 (2)"."""
    if value is None:
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return int(value)
    text = str(value).strip()
    if not text:
        return None
    m = re.search(r"\d+", text)
    if not m:
        raise ValueProblem("not_integer", text)
    return int(m[0])


def parse_text(value: object) -> str | None:
    """Cell text, trimmed; numbers that are whole print without ".0"; None when empty."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    text = str(value).strip()
    return text or None

