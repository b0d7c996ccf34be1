"""What the bank steps did in a run (`Run.bank`): statements read or refused, credits applied
or sent to review, what the Rapprochement sheet decided, trop-perçus, installments, promises
and how fresh the bank data is. Plain data: the command line renders it."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from suivi.core.bank_apply import Overpayment, PaymentRow, ReviewRow
from suivi.core.bank_freshness import Freshness
from suivi.core.bank_models import Statement
from suivi.core.installments import BrokenPromise, InstallmentState
from suivi.core.matching import Match
from suivi.core.message import Message


@dataclass(frozen=True, slots=True)
class StatementRead:
    """A statement read in this run: its file, content, and how many of its credits are new."""

    path: Path
    statement: Statement
    sha256: str
    new: int
    known: int


@dataclass
class BankImport:
    """The bank side of one run (see the module docstring)."""

    statements: list[StatementRead] = field(default_factory=list)
    prior_ids: set[str] = field(default_factory=set)  # operations imported before this run
    refused: list[tuple[Path, Message]] = field(default_factory=list)
    applied: list[Match] = field(default_factory=list)
    validated: list[ReviewRow] = field(default_factory=list)
    dismissed: list[ReviewRow] = field(default_factory=list)
    review: list[ReviewRow] = field(default_factory=list)
    new_review: int = 0
    payments: list[PaymentRow] = field(default_factory=list)
    overpayments: list[Overpayment] = field(default_factory=list)
    problems: list[Message] = field(default_factory=list)
    moved: list[Path] = field(default_factory=list)
    freshness: Freshness | None = None
    hold: Message | None = None
    missed: list[InstallmentState] = field(default_factory=list)
    broken: list[BrokenPromise] = field(default_factory=list)

    @property
    def credits(self) -> int:
        return sum(len(read.statement.credits) for read in self.statements)

    @property
    def known(self) -> int:
        return sum(read.known for read in self.statements)
