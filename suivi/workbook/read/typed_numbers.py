"""Invoice numbers as people type them again, in Paiements and in bank labels: with other
case, separators or leading zeros (`loose_form`), without any separator (`glued_form`), or
among other words (`numbers_in`). Each is taken for an invoice only when it can mean one."""
from __future__ import annotations

import re
from collections.abc import Mapping

_PIECES = re.compile(r"\d+|[^\W\d_]+")


def loose_form(number: str) -> str:
    """A number as a person may type it again: its letters and its groups of digits, with case,
    separators and leading zeros set aside (« fac 2026-78 » = « FAC2026-078 » = « Fac 2026/078
    » = « f2026 078 »). Groups stay groups: « F2026001 » is not « F2026-001 » here (the
    number typed without any separator is `glued_form`)."""
    return ".".join(_pieces(number))


def _pieces(number: str) -> tuple[str, ...]:
    """A number's letter groups and digit groups (`_piece`), in order."""
    return tuple(map(_piece, _PIECES.findall(number.casefold())))


def _piece(piece: str) -> str:
    """A letter group as it is, a digit group without its leading zeros."""
    return str(int(piece)) if piece.isdigit() else piece


def numbers_in(text: str, loose: Mapping[str, str | None]) -> list[str]:
    """The invoice numbers a text names among other words (« Facture F-2026-001 », « F2026-001
    + F2026-002 »), in the order written, each once: the longest run of the text's letters and
    groups of digits that is an invoice's loose form (`loose_form`), never a run that a group of
    digits continues on either side, glued or after « - / . _ » (« 2026 » in « F2026-999 » is
    not invoice 2026; « F2026-001 1200 € » is F2026-001)."""
    folded = text.casefold()
    found_pieces = list(_PIECES.finditer(folded))
    pieces = [_piece(m[0]) for m in found_pieces]

    def continued(left: int, right: int) -> bool:
        """Whether the digit groups at `left` and `right` (next to each other) are one number."""
        gap = folded[found_pieces[left].end():found_pieces[right].start()]
        return pieces[left].isdigit() and pieces[right].isdigit() and not gap.strip("-/._")

    found: list[str] = []
    start = 0
    while start < len(pieces):
        for end in range(len(pieces), start, -1):
            number = loose.get(".".join(pieces[start:end]))
            if number is not None and not (start and continued(start - 1, start)) \
                    and not (end < len(pieces) and continued(end - 1, end)):
                if number not in found:
                    found.append(number)
                start = end
                break
        else:
            start += 1
    return found


def glued_form(number: str) -> str:
    """A number with its separators left out: « FA-2026-001 » → « fa2026001 »."""
    return re.sub(r"[\W_]+", "", number.casefold())


def glued_numbers(numbers: set[str]) -> dict[str, str | None]:
    """Each number's `glued_form` form → that number, or None when two share it."""
    glued: dict[str, str | None] = {}
    for written in numbers:
        key = glued_form(written)
        glued[key] = written if glued.get(key, written) == written else None
    return glued


def loose_numbers(numbers: set[str]) -> dict[str, str | None]:
    """Each number's loose form (see `loose_form`) → that number, or None when two numbers share
    it (« FAC-1 » and « fac-001 »: a payment typed « fac 1 » means neither for sure)."""
    loose: dict[str, str | None] = {}
    for written in numbers:
        key = loose_form(written)
        loose[key] = written if loose.get(key, written) == written else None
    return loose


def tail_key(typed: str) -> tuple[str, ...]:
    """The groups of a number typed without its beginning (« 2026-005 » → (« 2026 », « 5 »)),
    or () when it is too short to point at an invoice (one group, or no digits)."""
    pieces = _pieces(typed)
    return pieces if len(pieces) >= 2 and any(p.isdigit() for p in pieces) else ()


def tail_index(numbers: set[str]) -> dict[tuple[str, ...], list[str]]:
    """The last two and three groups of each number → the numbers ending so: where a number
    typed without its prefix may point."""
    index: dict[tuple[str, ...], list[str]] = {}
    for number in numbers:
        pieces = _pieces(number)
        for size in (2, 3):
            if len(pieces) > size:
                index.setdefault(pieces[-size:], []).append(number)
    return index
