"""The dunning policy: the ladder of steps per client type, the pauses, and what was already
done (pure). The planner that applies it day by day is `suivi.core.plan`.

The ladder (days relative to the due date, one per client type, editable in [relances]):

    J-5  Avis d'échéance (COURTESY)        e-mail, only while the invoice is not yet late
    J+1  Relance 1 (REMINDER_1)            e-mail with the invoice copy
    J+7  Relance 2 (REMINDER_2)            e-mail
    J+15 Appel (PHONE_CALL)                a task for the team, not an e-mail
    J+30 Mise en demeure (FORMAL_NOTICE)   e-mail + PDF letter to post
    J+45 Recouvrement (COLLECTION)         flag + export folder, no message to the client

Escalation rule — strictly step by step: an invoice moves **at most one step per run** and never
skips a step. Its next step is the next enabled step after the last step reached; it is taken when
today ≥ due date + that step's offset. After weeks without a run, the invoice climbs one step per
run (and the minimum interval between two messages to the same client still applies). The
courtesy notice is never sent once the invoice is late: from "nothing yet" a late invoice starts at
Relance 1. Collection never comes before the payment delay granted by the formal notice
(`formal_notice_delay`, 8 days) has run out. A ladder must contain at least
`min_reminders_before_severe` reminder steps (Relance 1, Relance 2, Appel) before its first
severe step (Mise en demeure, Recouvrement).

Pauses: a dispute (Litige); a payment promise until promise date + grace days; a client whose
reminders are disabled; an amount due below the minimum. E-mails go out on business days only.

Extension point: "what is due now" is the `amount_due` callable (default `amount_due_now`, the
balance); an installment plan can pass a function returning only the installment that is due.
Promises recorded elsewhere than the invoice row enter through `DunningHistory.promises`.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from suivi.core.fastinit import fast_init
from suivi.core.message import Message
from suivi.core.models import ZERO, ClientType, Invoice
from suivi.core.steps import Step

#: Configuration keys of the steps (in [relances] jours / etapes).
STEP_KEYS: dict[Step, str] = {
    Step.COURTESY: "avis",
    Step.REMINDER_1: "relance1",
    Step.REMINDER_2: "relance2",
    Step.PHONE_CALL: "appel",
    Step.FORMAL_NOTICE: "mise_en_demeure",
    Step.COLLECTION: "recouvrement",
}
STEP_BY_KEY: dict[str, Step] = {key: step for step, key in STEP_KEYS.items()}

#: Steps that send a message to the client; the others are tasks for the team.
MESSAGE_STEPS: frozenset[Step] = frozenset(
    {Step.COURTESY, Step.REMINDER_1, Step.REMINDER_2, Step.FORMAL_NOTICE})
#: Reminder steps counted by the "reminders before a severe step" rule.
COUNTED_REMINDERS: frozenset[Step] = frozenset({Step.REMINDER_1, Step.REMINDER_2, Step.PHONE_CALL})

DEFAULT_OFFSETS: dict[Step, int] = {
    Step.COURTESY: -5,
    Step.REMINDER_1: 1,
    Step.REMINDER_2: 7,
    Step.PHONE_CALL: 15,
    Step.FORMAL_NOTICE: 30,
    Step.COLLECTION: 45,
}


class PolicyError(ValueError):
    """An invalid dunning ladder; `message` says what is wrong (rendered at the edge)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.code)
        self.message = message


@dataclass(frozen=True, slots=True)
class Ladder:
    """Enabled steps of one client type with their offsets in days from the due date."""

    offsets: tuple[tuple[Step, int], ...]

    @property
    def steps(self) -> tuple[Step, ...]:
        return tuple(step for step, _ in self.offsets)

    def offset(self, step: Step) -> int | None:
        for candidate, days in self.offsets:
            if candidate is step:
                return days
        return None

    def next_step(self, current: Step, *, overdue: bool) -> Step | None:
        """The next enabled step after `current` (the courtesy notice only while not late)."""
        for step in self.steps:
            if step > current:
                if step is Step.COURTESY and overdue:
                    continue
                return step
        return None

    def reminders_before_severe(self) -> int:
        """How many counted reminder steps come before the first severe step."""
        return sum(1 for step in self.steps if step in COUNTED_REMINDERS)

    @property
    def has_severe(self) -> bool:
        return any(step.severe for step in self.steps)


def make_ladder(offsets: Mapping[Step, int], *, where: str = "relances") -> Ladder:
    """A ladder from {step: days}; PolicyError when the offsets do not grow with the steps."""
    ordered = sorted(offsets.items())
    previous: tuple[Step, int] | None = None
    for step, days in ordered:
        key = STEP_KEYS.get(step, "aucune")
        if step is Step.NONE:
            raise PolicyError(Message.of("dunning.ladder_none", section=where))
        if step is Step.COURTESY and days > 0:
            raise PolicyError(Message.of("dunning.ladder_courtesy_after", section=where, days=days))
        if step is not Step.COURTESY and days < 1:
            raise PolicyError(Message.of("dunning.ladder_before_due", section=where, step=key,
                                         days=days))
        if previous is not None and days <= previous[1]:
            raise PolicyError(Message.of("dunning.ladder_order", section=where, step=key,
                                         days=days, previous=STEP_KEYS[previous[0]],
                                         previous_days=previous[1]))
        previous = (step, days)
    return Ladder(tuple(ordered))


DEFAULT_LADDER = make_ladder(DEFAULT_OFFSETS)


@dataclass(frozen=True, slots=True)
class DunningPolicy:
    """What the planner needs from the [relances] section (see suivi.mail.config)."""

    ladders: Mapping[ClientType, Ladder] = field(
        default_factory=lambda: dict.fromkeys(ClientType, DEFAULT_LADDER))
    min_reminders_before_severe: int = 3
    min_days_between_messages: int = 5
    promise_grace_days: int = 3
    minimum_balance: Decimal = Decimal("5")
    language: str = "fr"
    formal_notice_delay: int = 8

    def earliest(self, step: Step, due_date: date, ladder: Ladder,
                 previous: StepReached) -> date:
        """The first day `step` may be taken: due date + offset, and for collection not before
        the payment delay granted by the formal notice has run out."""
        offset = ladder.offset(step)
        when = due_date + timedelta(days=offset if offset is not None else 0)
        if (step is Step.COLLECTION and previous.step is Step.FORMAL_NOTICE
                and previous.on is not None):
            when = max(when, previous.on + timedelta(days=self.formal_notice_delay + 1))
        return when

    def ladder_for(self, client_type: ClientType) -> Ladder:
        return self.ladders.get(client_type, DEFAULT_LADDER)


def validate_policy(policy: DunningPolicy) -> list[Message]:
    """Problems with a policy (empty when valid)."""
    problems: list[Message] = []
    for kind, ladder in policy.ladders.items():
        count = ladder.reminders_before_severe()
        if ladder.has_severe and count < policy.min_reminders_before_severe:
            problems.append(Message.of("dunning.ladder_too_short", section=f"relances.{type_key(kind)}",
                                       count=count, needed=policy.min_reminders_before_severe))
    return problems


TYPE_KEYS: dict[ClientType, str] = {
    ClientType.COMPANY: "societe",
    ClientType.INDIVIDUAL: "particulier",
    ClientType.ASSOCIATION: "association",
    ClientType.PUBLIC: "administration",
}


def type_key(kind: ClientType) -> str:
    """Configuration / template key of a client type: "societe", "particulier"…"""
    return TYPE_KEYS[kind]


# --------------------------------------------------------------------------------------------
# history


@fast_init
@dataclass(frozen=True, slots=True, order=True)
class StepReached:
    """The last step reached by an invoice and the day it was reached (None when unknown)."""

    step: Step = Step.NONE
    on: date | None = None


def later(a: StepReached, b: StepReached) -> StepReached:
    """The higher step; for the same step the later date."""
    if a.step != b.step:
        return a if a.step > b.step else b
    if a.on is None:
        return b
    if b.on is None:
        return a
    return a if a.on >= b.on else b


@dataclass(frozen=True, slots=True)
class DunningHistory:
    """What was already done, from the journal file, the Journal sheet and the workbook columns.

    `steps` by invoice number; `last_message` by normalised client name; `promises` by invoice
    number (payment promises recorded elsewhere than the invoice row — extension point).
    """

    steps: Mapping[str, StepReached] = field(default_factory=dict)
    last_message: Mapping[str, date] = field(default_factory=dict)
    promises: Mapping[str, date] = field(default_factory=dict)

    def step_of(self, invoice: Invoice) -> StepReached:
        """History merged with the workbook's Niveau de relance / Date dernière action (max)."""
        recorded = self.steps.get(invoice.number or "", StepReached())
        try:
            in_book = Step(max(0, min(int(invoice.reminder_step or 0), int(max(Step)))))
        except ValueError:
            in_book = Step.NONE
        book = StepReached(in_book, invoice.last_action_date if in_book else None)
        return later(recorded, book)


AmountDueFn = Callable[[Invoice, date], Decimal]


def amount_due_now(invoice: Invoice, today: date) -> Decimal:
    """What the client must pay now: the balance. An installment plan overrides this function
    to return only the installment that has fallen due."""
    return max(invoice.balance, ZERO)


def promise_until(invoice: Invoice, history: DunningHistory) -> date | None:
    """The latest payment promise known for the invoice (row or history)."""
    dates = [d for d in (invoice.promise_date, history.promises.get(invoice.number or "")) if d]
    return max(dates) if dates else None
