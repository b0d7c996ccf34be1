"""Invoice numbering: continuous chronological series, e.g. FAC2026-001, AV2026-001.

A pattern holds date tokens and one counter token:

    {AAAA} or {YYYY}  year, 4 digits       {AA} or {YY}  year, 2 digits
    {MM}              month, 2 digits      {N…}          counter, as many digits as N's

With the yearly reset (default) the counter starts again at 1 each year; it requires a year token
in the pattern, otherwise numbers of two years would collide. A number, once assigned, is never
changed or reused: the next counter is above every number of the series found in the workbook AND
every number suivi ever assigned (kept in `.suivi/numeros.jsonl`), so that a row deleted from the
workbook never gives its number to another invoice.
"""
from __future__ import annotations

import heapq
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from suivi.core.message import Message

_TOKEN = re.compile(r"\{(AAAA|YYYY|AA|YY|MM|N+)\}")
#: What a number may hold besides its tokens: letters, digits and the separators invoices use
#: (FAC2026-001, FA/2026/001, F.2026.001). No "..", no backslash, no leading separator and
#: nothing a spreadsheet would read as a formula: a number names files and cells.
_SAFE_LITERAL = re.compile(r"(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9 _\-./#]*|")


class PatternError(ValueError):
    """A numbering pattern that cannot work; `message` says why (rendered at the edge)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.code)
        self.message = message


@dataclass(frozen=True, slots=True)
class NumberPattern:
    pattern: str
    yearly_reset: bool = True

    def __post_init__(self) -> None:
        counters = re.findall(r"\{N+\}", self.pattern)
        if len(counters) != 1:
            raise PatternError(Message.of("numbering.one_counter", pattern=self.pattern))
        unknown = [t for t in re.findall(r"\{([^}]*)\}", self.pattern)
                   if not _TOKEN.fullmatch("{" + t + "}")]
        if unknown:
            raise PatternError(Message.of("numbering.unknown_token", pattern=self.pattern,
                                          token="{" + unknown[0] + "}"))
        literal = _TOKEN.sub("0", self.pattern)
        if not _SAFE_LITERAL.fullmatch(literal):
            raise PatternError(Message.of("numbering.unsafe_chars", pattern=self.pattern))
        if self.yearly_reset and not re.search(r"\{(AAAA|YYYY|AA|YY)\}", self.pattern):
            raise PatternError(Message.of("numbering.no_year", pattern=self.pattern))

    @property
    def width(self) -> int:
        return len(re.search(r"\{(N+)\}", self.pattern)[1])  # type: ignore[index]

    def format(self, day: date, counter: int) -> str:
        def token(m: re.Match[str]) -> str:
            t = m[1]
            if t in ("AAAA", "YYYY"):
                return f"{day.year:04d}"
            if t in ("AA", "YY"):
                return f"{day.year % 100:02d}"
            if t == "MM":
                return f"{day.month:02d}"
            return f"{counter:0{len(t)}d}"

        return _TOKEN.sub(token, self.pattern)

    def regex(self, day: date | None) -> re.Pattern[str]:
        """Matches numbers of this pattern; of `day`'s year only when the counter resets yearly
        (None: any date). Group "n" is the counter."""
        parts = []
        pos = 0
        for m in _TOKEN.finditer(self.pattern):
            parts.append(re.escape(self.pattern[pos:m.start()]))
            t = m[1]
            if t.startswith("N"):
                parts.append(r"(?P<n>\d+)")
            elif day is not None and self.yearly_reset and t in ("AAAA", "YYYY"):
                parts.append(f"{day.year:04d}")
            elif day is not None and self.yearly_reset and t in ("AA", "YY"):
                parts.append(f"{day.year % 100:02d}")
            elif t in ("AAAA", "YYYY"):
                parts.append(r"\d{4}")
            else:
                parts.append(r"\d{2}")
            pos = m.end()
        parts.append(re.escape(self.pattern[pos:]))
        return re.compile("^" + "".join(parts) + "$", re.IGNORECASE)


def last_counter(pattern: NumberPattern, day: date, used: Iterable[str]) -> int:
    """Highest counter of the series `day` belongs to, among `used` numbers (0 if none)."""
    rx = pattern.regex(day)
    highest = 0
    for number in used:
        m = rx.match(number.strip())
        if m:
            highest = max(highest, int(m["n"]))
    return highest


def assign_numbers(pattern: NumberPattern, days: Iterable[date], used: Iterable[str]) -> list[str]:
    """Next numbers for invoices issued on `days` (in the order given, which should be
    chronological), above every number in `used`."""
    used = list(used)
    counters: dict[str, int] = {}
    numbers = []
    for day in days:
        key = pattern.regex(day).pattern
        if key not in counters:
            counters[key] = last_counter(pattern, day, used)
        counters[key] += 1
        numbers.append(pattern.format(day, counters[key]))
    return numbers


def lost_number(pattern: NumberPattern, day: date, above: str | None, below: str | None,
                used: Iterable[str]) -> str | None:
    """The number a row most likely had when its number cell was cleared: the one number of
    its series missing between the numbered rows `above` and `below` it (or just after `above`
    when it is the last one). None when that is not a single, unused number."""
    rx = pattern.regex(day)
    low = rx.match(above.strip()) if above else None
    high = rx.match(below.strip()) if below else None
    if low is None:
        return None
    start = int(low["n"]) + 1
    stop = int(high["n"]) if high else start + 1
    taken = {n.strip().casefold() for n in used}
    candidates = [pattern.format(day, c) for c in range(start, stop)
                  if pattern.format(day, c).casefold() not in taken]
    return candidates[0] if len(candidates) == 1 else None


_COUNTER = re.compile(r"(\d+)(\D*)$")


def learned_pattern(numbered: Iterable[tuple[str, date]], recent: int = 12) -> str | None:
    """The pattern a team's own numbers follow, from its `recent` latest invoices:
    « F2026-017 » → « F{AAAA}-{NNN} », « 2026/0042 » → « {AAAA}/{NNNN} », « FA-118 » →
    « FA-{NNN} ». None when they do not all follow one, or hold other digits (a month, a
    client code): suivi then does not guess."""
    latest = heapq.nlargest(recent, ((day, number.strip()) for number, day in numbered
                                     if number and number.strip()))
    shapes = [s for day, number in latest if (s := _shape(number, day)) is not None]
    if not shapes or len(shapes) < len(latest) or len({s[:2] for s in shapes}) != 1:
        return None
    head, tail = shapes[0][:2]
    counters = [s[2] for s in shapes]
    padded = {len(c) for c in counters if c.startswith("0") and len(c) > 1}
    width = padded.pop() if len(padded) == 1 else min(map(len, counters)) if not padded else 0
    if not width or any(len(c) < width for c in counters):
        return None
    pattern = f"{head}{{{'N' * width}}}{tail}"
    try:
        found = NumberPattern(pattern, "{AAAA}" in pattern)
    except PatternError:
        return None
    rx = found.regex(None)
    return pattern if all(rx.match(number) for _, number in latest) else None


def _shape(number: str, day: date) -> tuple[str, str, str] | None:
    """(what comes before the counter, with the year as {AAAA}; what comes after; the
    counter's digits), or None for a number suivi cannot read so."""
    m = _COUNTER.search(number)
    if m is None:
        return None
    head, digits, tail = number[:m.start()], m[1], m[2]
    year = f"{day.year:04d}"
    if year in head:
        head = head.replace(year, "{AAAA}", 1)
    elif digits.startswith(year) and len(digits) > len(year) + 1:  # « FAC2026017 »
        head, digits = head + "{AAAA}", digits[len(year):]
    if any(ch.isdigit() for ch in head.replace("{AAAA}", "") + tail):
        return None
    return head, tail, digits
