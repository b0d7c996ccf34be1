"""Finding invoice numbers in bank labels, written the way payers and banks write them.

The tolerant pattern is derived from the configured numbering pattern (see
`suivi.core.numbering`). For ``FAC{AAAA}-{NNN}`` these all name invoice FAC2026-001:

    FAC2026-001   FAC 2026 001   fac2026-1   FACT 2026-1   FACTURE N° 2026/001   F2026001

Rules of the tolerant pattern:

- the letters before the first token may be shortened or lengthened toward an invoice word:
  for "FAC", the words F, FA, FAC, FACT, FACTU… FACTURES (not "FRAIS" or "FOURNITURES"); for
  "AV", A, AV, AVO… AVOIRS; an optional "N°", "NO", "NUM", "NUMERO" may follow;
- separators (spaces, - _ / . : #) may be added, dropped or changed between the parts;
- {AAAA} is four digits, {AA} and {MM} two, and the counter one to twelve digits, so leading
  zeros may be dropped or added;
- case and accents do not matter;
- after a number, a list "ET 002", ", 003", "+ 4", "& 5" names more counters of the same
  year and month (the counter must not be followed by a decimal part: "/ 150,00" is an amount).

Every number found becomes a canonical key ``(pattern, year, month, counter)``; the caller only
accepts keys that exist among its invoices, so a match that happens to look like a number but
names no invoice is ignored. Numbers of the workbook that fit no configured pattern (older
series, imported data) are compared in a compact form: letters and digits only, leading zeros
of each digit group dropped ("INV-0042" and "inv 42" are both "INV42").
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from suivi.core.bank_models import fold_text
from suivi.core.numbering import NumberPattern

NumberKey = tuple[object, ...]
"""(pattern index, year, month, counter) for pattern numbers; ("L", compact) for the others."""

_TOKEN = re.compile(r"\{(AAAA|YYYY|AA|YY|MM|N+)\}")
_SEP = r"[\s\-_/.:#]*"
_NUMERO = r"(?:\s*(?:N\s*[°O]|NO|NUM(?:ERO)?)\.?)?"
_CONTINUATION = re.compile(r"\s*(?:ET|&|\+|,|;|/)\s*(?:N\s*°\s*)?(\d{1,12})(?![\d])(?![.,]\d)")
_WORDS = re.compile(r"[A-Z0-9]+")
_MAX_WINDOW = 3


@dataclass(frozen=True, slots=True)
class FoundNumber:
    """A number found in a text: its canonical key and how it was written."""

    key: NumberKey
    written: str


# Words a numbering prefix may be lengthened toward ("FAC" → "FACT", "FACTURE").
_PREFIX_WORDS = ("FACTURES", "AVOIRS", "INVOICES", "NOTES")


def _prefix(letters: str) -> str:
    """The words that may stand for the prefix `letters`: its abbreviations (F, FA, FAC for
    "FAC") and its lengthenings toward an invoice word (FACT, FACTURE, FACTURES); never any
    other word that merely starts the same ("FRAIS", "FOURNITURES")."""
    words = {letters[:i] for i in range(1, len(letters) + 1)}
    for word in _PREFIX_WORDS:
        if word.startswith(letters):
            words |= {word[:i] for i in range(len(letters), len(word) + 1)}
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


def _literal(text: str, leading: bool) -> str:
    parts = []
    for i, run in enumerate(re.findall(r"[A-Za-z]+|\d+|[^A-Za-z\d]+", text)):
        if run[0].isalpha():
            folded = fold_text(run)
            parts.append(_prefix(folded) + _NUMERO if leading and i == 0
                         else r"\s*".join(re.escape(c) for c in folded))
        elif run[0].isdigit():
            parts.append(re.escape(run))
        parts.append(_SEP)
    return "".join(parts)


def tolerant_regex(pattern: NumberPattern) -> re.Pattern[str]:
    """The tolerant form of `pattern` (see the module docstring), for upper-case folded text.

    Groups: "y" (four-digit year), "yy" (two-digit year), "m" (month), "n" (counter).
    """
    text = pattern.pattern
    tokens = list(_TOKEN.finditer(text))
    parts = [r"(?<![A-Z0-9])"]
    pos = 0
    for index, m in enumerate(tokens):
        if m.start() > pos:
            parts.append(_literal(text[pos:m.start()], leading=pos == 0))
        elif index:
            parts.append(_SEP)
        token = m[1]
        if token in ("AAAA", "YYYY"):
            parts.append(r"(?P<y>\d{4})")
        elif token in ("AA", "YY"):
            parts.append(r"(?P<yy>\d{2})")
        elif token == "MM":
            parts.append(r"(?P<m>\d{2})")
        elif index == len(tokens) - 1:
            parts.append(r"(?P<n>\d{1,12})(?!\d)")
        else:
            width = len(token)
            nxt = text[m.end():m.end() + 1]
            parts.append(f"(?P<n>\\d{{{width}}})" if nxt == "{" else r"(?P<n>\d{1,12})")
        pos = m.end()
    if pos < len(text):
        parts.append(f"(?:{_SEP}{_literal(text[pos:], leading=False)})?")
    return re.compile("".join(parts))


def _compact(text: str) -> str:
    plain = re.sub(r"[^A-Z0-9]", "", fold_text(text))
    return re.sub(r"\d+", lambda m: str(int(m[0])), plain)


def _legacy_ok(compact: str) -> bool:
    """Compact keys precise enough to be looked for in free text."""
    if not re.search(r"\d", compact):
        return False
    if compact.isdigit():
        return len(compact) >= 5
    return len(compact) >= 4


class NumberFinder:
    """Tolerant invoice-number recognition for a set of numbering patterns."""

    def __init__(self, patterns: Sequence[NumberPattern]) -> None:
        self.patterns = tuple(patterns)
        self._regexes = tuple(tolerant_regex(p) for p in self.patterns)
        self._tails = tuple(bool(re.search(r"\{N+\}$", p.pattern)) for p in self.patterns)

    @staticmethod
    def _key(index: int, m: re.Match[str], counter: str | None = None) -> NumberKey:
        groups = m.groupdict()
        year = int(groups["y"]) if groups.get("y") else (
            2000 + int(groups["yy"]) if groups.get("yy") else None)
        month = int(groups["m"]) if groups.get("m") else None
        return (index, year, month, int(counter if counter is not None else groups["n"]))

    def key(self, number: str) -> NumberKey | None:
        """Canonical key of an invoice number as stored in the workbook (None: too vague)."""
        folded = fold_text(number).strip()
        for index, rx in enumerate(self._regexes):
            m = rx.fullmatch(folded)
            if m:
                return self._key(index, m)
        compact = _compact(number)
        return ("L", compact) if _legacy_ok(compact) else None

    def find(self, text: str, legacy: Iterable[NumberKey] | None = None) -> list[FoundNumber]:
        """Numbers written in `text`, in order of appearance, each key once.

        `legacy`: the compact keys of workbook numbers that fit no pattern (a set, for lookup);
        when given, runs of one to three words of the text are compared with them.
        """
        folded = fold_text(text)
        found: dict[NumberKey, tuple[int, str]] = {}
        for index, rx in enumerate(self._regexes):
            for m in rx.finditer(folded):
                found.setdefault(self._key(index, m), (m.start(), m[0]))
                if self._tails[index]:
                    end = m.end()
                    while more := _CONTINUATION.match(folded, end):
                        found.setdefault(self._key(index, m, more[1]),
                                         (more.start(1), more[0].strip()))
                        end = more.end()
        if legacy:
            legacy_keys = legacy if isinstance(legacy, (set, frozenset, dict)) else set(legacy)
            words = _WORDS.findall(folded)
            for start in range(len(words)):
                joined = ""
                for width in range(_MAX_WINDOW):
                    if start + width >= len(words):
                        break
                    joined += words[start + width]
                    key = ("L", re.sub(r"\d+", lambda d: str(int(d[0])), joined))
                    if key in legacy_keys:
                        position = folded.find(words[start])
                        found.setdefault(key, (position, " ".join(words[start:start + width + 1])))
        ordered = sorted(found.items(), key=lambda item: item[1][0])
        return [FoundNumber(key, written) for key, (_, written) in ordered]
