"""Messages as data: a stable code and its parameters, never a finished sentence.

Everything suivi tells a user (a problem in a cell, a line of the summary, an error) is built
deep in the code as a `Message`; the words are chosen at the edge, in French or English, from
the catalogues of `suivi.messages`. Parameters keep their types (Decimal, date, CellRef…) so
that each language formats them its own way.

    Message.of("numbering.gap", prefix="FAC2026-", missing=("FAC2026-004",))
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Message:
    """A catalogue code and its parameters (as sorted pairs, so that messages compare)."""

    code: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, code: str, /, **params: Any) -> Message:
        return cls(code, tuple(sorted(params.items())))

    @property
    def kwargs(self) -> dict[str, Any]:
        return dict(self.params)

    def __str__(self) -> str:  # for logs and debugging only: users see rendered text
        args = ", ".join(f"{k}={v!r}" for k, v in self.params)
        return f"{self.code}({args})"


def some(items: Sequence[Any], limit: int = 8) -> list[Any]:
    """The first `limit` of `items` for a message, and « … » when there are more."""
    return list(items[:limit]) + (["…"] if len(items) > limit else [])
