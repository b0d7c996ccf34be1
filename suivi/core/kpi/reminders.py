"""Reminder steps: what the Journal says about each invoice, and how invoices pay after each step.

The steps an invoice reached come from the Journal (every step logged for it) and from its
Niveau de relance; without Journal rows, the whole ladder up to that level counts as reached.
"""
from __future__ import annotations

from collections.abc import Iterable, Set
from datetime import date
from decimal import Decimal

from suivi.core.models import Invoice, JournalEntry
from suivi.core.steps import Step, parse_step

from .averages import ratio
from .report import StepRate

COURTESY = int(Step.COURTESY)
REMINDER_1 = int(Step.REMINDER_1)
COLLECTION = int(Step.COLLECTION)

# Steps reached when only the Niveau de relance is known: the ladder up to that level.
_LADDER = tuple(frozenset(range(1, level + 1)) for level in range(COLLECTION + 1))


class JournalInfo:
    """What the Journal says about one invoice: steps reached, actions, latest dated action."""

    __slots__ = ("steps", "count", "last_date", "last_step", "last_channel")

    def __init__(self) -> None:
        self.steps: set[int] = set()
        self.count = 0
        self.last_date: date | None = None
        self.last_step: str | None = None  # label of the step, or the cell text when unknown
        self.last_channel: str | None = None

    @property
    def last_text(self) -> str | None:
        """"Relance 2 (e-mail)": the latest dated action as shown in the late-invoices table."""
        if self.last_step and self.last_channel:
            return f"{self.last_step} ({self.last_channel})"
        return self.last_step


NO_JOURNAL = JournalInfo()

#: (steps reached, reminders sent — the courtesy notice left out, highest step, Journal facts)
ReachedSteps = tuple[Set[int], int, int, JournalInfo]


def journal_by_invoice(journal: Iterable[JournalEntry]) -> dict[str, JournalInfo]:
    """Steps reached, number of actions and latest dated action of each invoice number."""
    result: dict[str, JournalInfo] = {}
    get = result.get
    parsed: dict[object, tuple[int, str | None]] = {}  # step texts repeat: parse each once
    for entry in journal:
        numbers = entry.invoice_numbers
        if not numbers:
            continue
        known = parsed.get(entry.step)
        if known is None:
            found = parse_step(entry.step)
            if found:  # Step.NONE is falsy
                known = (int(found), found.label)
            else:
                known = (0, (entry.step.strip() or None) if entry.step else None)
            parsed[entry.step] = known
        step, text = known
        day = entry.date
        for number in numbers:
            info = get(number)
            if info is None:
                info = result[number] = JournalInfo()
            info.count += 1
            if step:
                info.steps.add(step)
            if day is not None and (info.last_date is None or day >= info.last_date):
                info.last_date, info.last_step, info.last_channel = day, text, entry.channel
    return result


def steps_reached(invoice: Invoice, number: str,
                  journal_info: dict[str, JournalInfo]) -> ReachedSteps:
    """The steps `invoice` (numbered `number`, "" without one) reached, from both sources."""
    info = journal_info.get(number, NO_JOURNAL) if number else NO_JOURNAL
    level = invoice.reminder_step if 0 < invoice.reminder_step <= COLLECTION else 0
    reached: Set[int]
    if info.steps:
        reached = info.steps | {level} if level else info.steps
    else:
        reached = _LADDER[level]
    reminders = len(reached) - (COURTESY in reached)  # steps 2..6; 0 never in it
    return reached, reminders, max(reached) if reached else 0, info


class StepCounter:
    """Invoices that reached each step, and those settled at it (no later step reached)."""

    __slots__ = ("reached", "paid")

    def __init__(self) -> None:
        self.reached = [0] * (COLLECTION + 1)
        self.paid = [0] * (COLLECTION + 1)

    def add(self, reached: Set[int], top_step: int, paid: bool) -> None:
        if paid and top_step >= REMINDER_1:
            self.paid[top_step] += 1
        counts = self.reached
        for step in reached:
            counts[step] += 1  # the courtesy notice is counted too, and not reported

    def rates(self) -> tuple[StepRate, ...]:
        return tuple(
            StepRate(int(step), step.label, self.reached[step], self.paid[step],
                     ratio(Decimal(self.paid[step]), Decimal(self.reached[step])))
            for step in Step if step.is_reminder
        )
