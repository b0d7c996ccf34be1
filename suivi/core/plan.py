"""Which reminder step, for which invoice, today (pure).

    plan = plan_reminders(invoices, statuses, PlanContext(clients, history, today, policy,
                                                          is_business_day))

`plan.messages` are the e-mails to write (one per client, listing all of that client's overdue
invoices, at the highest step reached today), `plan.tasks` the work for the team (phone calls,
letters to post, files to hand to collection), `plan.skipped` every other invoice with the reason.
The rules (ladder, pauses, one step per run) are described in `suivi.core.dunning`. Every reason
is a `Message`: the words come at the edge.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from functools import cache

from suivi.core.calendar import BusinessDayChecker, next_business_day
from suivi.core.dunning import (
    MESSAGE_STEPS,
    AmountDueFn,
    DunningHistory,
    DunningPolicy,
    StepReached,
    amount_due_now,
    promise_until,
)
from suivi.core.fastinit import fast_init
from suivi.core.ledger import StatusInfo
from suivi.core.message import Message
from suivi.core.models import (
    ZERO,
    Client,
    ClientType,
    Invoice,
    Issue,
    Severity,
    Status,
    normalise_name,
    real_row,
)
from suivi.core.prescription import prescribed_on
from suivi.core.steps import Step


class SkipCode(StrEnum):
    PAID = "réglée"
    CLOSED = "close"
    NOT_ISSUED = "non émise"
    NO_DUE_DATE = "sans échéance"
    UNKNOWN_CLIENT = "client inconnu"
    OPTED_OUT = "relances désactivées"
    DISPUTE = "litige"
    PROMISE = "promesse"
    BELOW_MINIMUM = "sous le minimum"
    WAITING = "en attente"
    LADDER_END = "fin de l'échelle"
    MIN_INTERVAL = "délai minimum"
    NOT_BUSINESS_DAY = "jour non ouvré"
    NO_EMAIL = "sans e-mail"
    HELD = "retenue"
    PRESCRIBED = "prescrite"


@fast_init
@dataclass(frozen=True, slots=True)
class Skip:
    """An invoice with nothing done today, and why."""

    row: int
    number: str | None
    client: str
    code: SkipCode
    reason: Message
    next_step: Step | None = None
    next_date: date | None = None


@dataclass(frozen=True, slots=True)
class PlannedItem:
    """One invoice inside a message or task.

    `step` is the step reached after today (`advancing`) or the current one (listed only because
    the client receives a message anyway). `days_late` is negative before the due date.
    """

    row: int
    number: str
    client: str
    issue_date: date | None
    due_date: date
    days_late: int
    amount_due: Decimal
    previous: StepReached
    step: Step
    advancing: bool
    next_step: Step | None
    next_date: date | None
    reason: Message


@dataclass(frozen=True, slots=True)
class PlannedMessage:
    """One message to one client, at the highest step reached today."""

    client: str
    client_key: str
    client_type: ClientType
    step: Step
    language: str
    recipients: tuple[str, ...]
    items: tuple[PlannedItem, ...]

    @property
    def advancing(self) -> tuple[PlannedItem, ...]:
        return tuple(item for item in self.items if item.advancing)

    @property
    def total_due(self) -> Decimal:
        return sum((item.amount_due for item in self.items), ZERO)

    @property
    def claimed(self) -> tuple[PlannedItem, ...]:
        """The invoices the message asks payment of. A formal notice claims only those that
        went through the earlier steps and reached it (at least the configured reminders and
        days late: the ladder takes one step at a time, each at its offset); the client's
        other overdue invoices are `others`, reminded at their own step, outside the sum
        formally claimed."""
        if self.step < Step.FORMAL_NOTICE:
            return self.items
        return tuple(item for item in self.items if item.step >= Step.FORMAL_NOTICE)

    @property
    def others(self) -> tuple[PlannedItem, ...]:
        """The client's other invoices in a formal notice (empty at the other steps)."""
        claimed = {item.row for item in self.claimed}
        return tuple(item for item in self.items if item.row not in claimed)

    @property
    def claimed_due(self) -> Decimal:
        return sum((item.amount_due for item in self.claimed), ZERO)

    @property
    def numbers(self) -> tuple[str, ...]:
        return tuple(item.number for item in self.items)


class TaskKind(StrEnum):
    CALL = "appel"
    LETTER = "courrier"
    COLLECTION = "recouvrement"


@dataclass(frozen=True, slots=True)
class PlannedTask:
    """Work for the team: call a client, post a formal-notice letter, hand a file to collection."""

    kind: TaskKind
    client: str
    client_key: str
    phone: str | None
    items: tuple[PlannedItem, ...]

    @property
    def numbers(self) -> tuple[str, ...]:
        return tuple(item.number for item in self.items)

    @property
    def total_due(self) -> Decimal:
        return sum((item.amount_due for item in self.items), ZERO)


@dataclass(frozen=True, slots=True)
class ReminderPlan:
    today: date
    business_day: bool
    messages: tuple[PlannedMessage, ...] = ()
    tasks: tuple[PlannedTask, ...] = ()
    skipped: tuple[Skip, ...] = ()
    issues: tuple[Issue, ...] = ()

    @property
    def advances(self) -> tuple[PlannedItem, ...]:
        """Every invoice that reaches a new step today (messages, calls, collection)."""
        items = [item for message in self.messages for item in message.advancing]
        items += [item for task in self.tasks if task.kind is not TaskKind.LETTER
                  for item in task.items if item.advancing]
        return tuple(items)


_OPEN_FOR_REMINDERS = (Status.ISSUED, Status.DUE_TODAY, Status.OVERDUE, Status.PARTIALLY_PAID)


@dataclass(frozen=True, slots=True)
class PlanContext:
    """What the planner needs besides the invoices: the clients (by `normalise_name`), what was
    already done, the day, the policy, the calendar, and what is due now (an installment plan
    passes its own function). `hold` (why, as a message) holds back every reminder of the
    unpaid invoices today: stale bank data, a statement that could not be read."""

    clients: Mapping[str, Client]
    history: DunningHistory
    today: date
    policy: DunningPolicy
    is_business_day: BusinessDayChecker
    amount_due: AmountDueFn = amount_due_now
    hold: Message | None = None


@dataclass
class _Planner:
    """Collects the day's decisions while the invoices are walked once."""

    clients: Mapping[str, Client]
    history: DunningHistory
    today: date
    policy: DunningPolicy
    is_business_day: BusinessDayChecker
    amount_due: AmountDueFn
    hold: Message | None = None
    skipped: list[Skip] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    advancing: dict[str, list[PlannedItem]] = field(default_factory=dict)
    listed: dict[str, list[PlannedItem]] = field(default_factory=dict)
    seen: dict[str, Client] = field(default_factory=dict)

    def skip(self, inv: Invoice, code: SkipCode, reason: str, nxt: Step | None = None,
             when: date | None = None, **params: object) -> None:
        why = Message.of(f"plan.{reason}", **params) if params else _plain_reason(reason)
        self.skipped.append(Skip(inv.row, inv.number, inv.client, code, why, nxt, when))


@cache
def _plain_reason(reason: str) -> Message:
    """One message per reason without parameters (« réglée »…): a hundred thousand paid
    invoices share it instead of building their own."""
    return Message.of(f"plan.{reason}")


def plan_reminders(invoices: Iterable[Invoice], statuses: Mapping[int, StatusInfo],
                   ctx: PlanContext) -> ReminderPlan:
    """Decide today's reminders. Pure: everything it needs is passed in.

    `statuses` are keyed by sheet row (`compute_statuses`).
    """
    planner = _Planner(ctx.clients, ctx.history, ctx.today, ctx.policy, ctx.is_business_day,
                       ctx.amount_due, ctx.hold)
    today, is_business_day = ctx.today, ctx.is_business_day
    for inv in invoices:
        info = statuses.get(inv.row)
        if info is None:
            continue
        client = _reminded_client(planner, inv, info)
        if client is not None:
            _plan_invoice(planner, inv, info, client)
    messages: list[PlannedMessage] = []
    tasks: list[PlannedTask] = []
    for key, items in planner.advancing.items():
        _group(planner, planner.seen[key], key, items, messages, tasks)
    order = {TaskKind.CALL: 0, TaskKind.LETTER: 1, TaskKind.COLLECTION: 2}
    return ReminderPlan(
        today, is_business_day(today),
        tuple(sorted(messages, key=lambda m: (-m.step, m.client_key))),
        tuple(sorted(tasks, key=lambda t: (order[t.kind], t.client_key))),
        tuple(planner.skipped), tuple(planner.issues))


def why_not_reminded(inv: Invoice, info: StatusInfo, ctx: PlanContext) -> Message | None:
    """Why no reminder about `inv` may go today, by the planner's own rules (paid, closed,
    client unknown or opted out, dispute, payment promise, held, below the minimum), or None.
    `suivi send` asks it before sending a draft made on an earlier day."""
    planner = _Planner(ctx.clients, ctx.history, ctx.today, ctx.policy, ctx.is_business_day,
                       ctx.amount_due, ctx.hold)
    if _reminded_client(planner, inv, info) is not None:
        team = team_plan(inv, ctx.today)
        return Message.of("plan.team_plan_send", day=team) if team is not None else None
    return planner.skipped[0].reason if planner.skipped else None


def team_plan(inv: Invoice, today: date) -> date | None:
    """The day after `today` the team planned the next reminder on: its plan column or note
    (« Prochaine relance », « À relancer le 15/12 »), or a day to come in one of its step
    columns (« Relance 2 » : 15/12). None when it planned none, or a day already past."""
    days = [on for _, on in inv.team_reminders if on is not None and on > today]
    if inv.planned_reminder is not None and inv.planned_reminder > today:
        days.append(inv.planned_reminder)
    return max(days) if days else None


def _reminded_client(planner: _Planner, inv: Invoice, info: StatusInfo) -> Client | None:
    """The client to remind about `inv`, or None after recording why nothing is done."""
    if info.status in (Status.PAID, Status.OVERPAID):
        planner.skip(inv, SkipCode.PAID, "paid")
        return None
    if info.status in (Status.CANCELLED, Status.CREDIT_NOTE):
        planner.skip(inv, SkipCode.CLOSED, "closed", status=info.status.value)
        return None
    if info.status is Status.TO_ISSUE or not inv.number:
        planner.skip(inv, SkipCode.NOT_ISSUED, "not_issued")
        return None
    client = planner.clients.get(normalise_name(inv.client))
    if client is None:
        planner.skip(inv, SkipCode.UNKNOWN_CLIENT, "unknown_client", client=inv.client)
        planner.issues.append(Issue.of(f"{inv.sheet}!A{real_row(inv.row)}",
                                       "dunning.unknown_client", Severity.ERROR,
                                       invoice=inv.label, client=inv.client))
        return None
    if not client.reminders_enabled:
        planner.skip(inv, SkipCode.OPTED_OUT, "opted_out", client=client.name)
        return None
    if inv.reminders_off:
        planner.skip(inv, SkipCode.OPTED_OUT, "opted_out_invoice")
        return None
    if info.status is Status.DISPUTED or inv.dispute:
        planner.skip(inv, SkipCode.DISPUTE, "dispute",
                     detail=f"({inv.dispute_text})" if inv.dispute_text else "")
        return None
    if inv.due_date is None:
        planner.skip(inv, SkipCode.NO_DUE_DATE, "no_due_date")
        return None
    if planner.today >= (barred := prescribed_on(inv.due_date, client.type)):
        planner.skip(inv, SkipCode.PRESCRIBED, "prescribed", since=barred)
        return None
    promise = promise_until(inv, planner.history)
    if promise is not None:
        resume = promise + timedelta(days=planner.policy.promise_grace_days + 1)
        if planner.today < resume:
            planner.skip(inv, SkipCode.PROMISE, "promise", None, resume, promise=promise,
                         until=resume - timedelta(days=1))
            return None
    if planner.hold is not None:
        planner.skip(inv, SkipCode.HELD, "held", why=planner.hold)
        return None
    due_now = planner.amount_due(inv, planner.today)
    if due_now <= ZERO or due_now < planner.policy.minimum_balance:
        planner.skip(inv, SkipCode.BELOW_MINIMUM, "below_minimum", due=due_now,
                     minimum=planner.policy.minimum_balance)
        return None
    return client if info.status in _OPEN_FOR_REMINDERS else None


def _plan_invoice(planner: _Planner, inv: Invoice, info: StatusInfo, client: Client) -> None:
    """The next step of one invoice: taken today, waiting, or the end of the ladder."""
    assert inv.due_date is not None and inv.number is not None
    policy, today = planner.policy, planner.today
    key = normalise_name(inv.client)
    ladder = policy.ladder_for(client.type)
    previous = planner.history.step_of(inv)
    rel = (today - inv.due_date).days
    overdue = rel >= 1
    nxt = ladder.next_step(previous.step, overdue=overdue)
    planner.seen[key] = client

    def item(step: Step, advancing: bool, next_step: Step | None, next_date: date | None,
             reason: Message) -> PlannedItem:
        assert inv.due_date is not None and inv.number is not None
        return PlannedItem(inv.row, inv.number, client.name, inv.issue_date, inv.due_date, rel,
                           planner.amount_due(inv, today), previous, step, advancing,
                           next_step, next_date, reason)

    if nxt is None:
        if overdue:
            planner.listed.setdefault(key, []).append(item(
                previous.step, False, None, None, Message.of("plan.last_step_reached")))
        planner.skip(inv, SkipCode.LADDER_END, "ladder_end" if previous.step else "no_step",
                     step=previous.step)
        return
    offset = ladder.offset(nxt) or 0
    when = policy.earliest(nxt, inv.due_date, ladder, previous)
    team = team_plan(inv, today)
    if team is not None and team > when:
        when = team  # the team planned a later day: suivi waits for it
    if today < when:
        planned_on = (next_business_day(when, planner.is_business_day)
                      if nxt in MESSAGE_STEPS else when)
        if overdue:
            planner.listed.setdefault(key, []).append(item(
                previous.step, False, nxt, planned_on,
                Message.of("plan.next_step_on", day=planned_on)))
        planner.skip(inv, SkipCode.WAITING, "team_plan" if when == team else "waiting", nxt,
                     planned_on, step=nxt, day=planned_on, offset=offset)
        return
    after, after_date = _step_after(planner, nxt, inv.due_date, ladder)
    reason = Message.of("plan.advancing" if previous.step else "plan.advancing_first",
                        step=nxt, rel=rel, due=inv.due_date, offset=offset,
                        previous=previous.step, previous_day=previous.on)
    planner.advancing.setdefault(key, []).append(item(nxt, True, after, after_date, reason))


def _step_after(planner: _Planner, step: Step, due: date, ladder) -> tuple[Step | None, date | None]:  # type: ignore[no-untyped-def]
    """The step that will follow `step` taken today, and its earliest date."""
    policy, today = planner.policy, planner.today
    after = ladder.next_step(step, overdue=True)
    if after is None:
        return None, None
    when = policy.earliest(after, due, ladder, StepReached(step, today))
    if after in MESSAGE_STEPS:
        when = max(when, today + timedelta(days=policy.min_days_between_messages))
        when = next_business_day(when, planner.is_business_day)
    return after, max(when, today + timedelta(days=1))


def _group(planner: _Planner, client: Client, key: str, items: list[PlannedItem],
           messages: list[PlannedMessage], tasks: list[PlannedTask]) -> None:
    """One client's advancing invoices → calls, collection, and at most one message."""
    mail = [i for i in items if i.step in MESSAGE_STEPS]
    calls = tuple(i for i in items if i.step is Step.PHONE_CALL)
    collection = tuple(i for i in items if i.step is Step.COLLECTION)
    if calls:
        tasks.append(PlannedTask(TaskKind.CALL, client.name, key, client.phone or None, calls))
    if collection:
        tasks.append(PlannedTask(TaskKind.COLLECTION, client.name, key, client.phone,
                                 collection))
    if not mail:
        return
    blocked = _message_blocker(client, key, planner)
    if blocked is not None:
        code, reason, retry = blocked
        for i in mail:
            planner.skipped.append(Skip(i.row, i.number, i.client, code, reason, i.step, retry))
        if code is SkipCode.NO_EMAIL:
            where = client.email_where or client.where
            planner.issues.append(Issue.of(str(where) if where else "Clients",
                                           "dunning.no_email", Severity.ERROR,
                                           client=client.name, count=len(mail)))
        return
    step = max(i.step for i in mail)
    rows = {i.row for i in mail}
    also = [i for i in planner.listed.get(key, []) if i.row not in rows]
    ordered = tuple(sorted(mail, key=lambda i: (i.due_date, i.number)))
    ordered += tuple(sorted(also, key=lambda i: (i.due_date, i.number)))
    if step is Step.FORMAL_NOTICE:  # the invoices it claims first, then the others
        ordered = tuple(sorted(ordered, key=lambda i: i.step < Step.FORMAL_NOTICE))
    language = ("en" if (client.language or "").casefold().startswith("en")
                else planner.policy.language)
    messages.append(PlannedMessage(client.name, key, client.type, step, language,
                                   tuple(client.emails), ordered))
    if step is Step.FORMAL_NOTICE:
        letter_items = tuple(i for i in ordered if i.step >= Step.FORMAL_NOTICE)
        tasks.append(PlannedTask(TaskKind.LETTER, client.name, key, client.phone, letter_items))


def _message_blocker(client: Client, key: str, planner: _Planner
                     ) -> tuple[SkipCode, Message, date | None] | None:
    """Why no message can go to this client today, and when it may (None when it can now)."""
    today, policy, is_business_day = planner.today, planner.policy, planner.is_business_day
    if not is_business_day(today):
        retry = next_business_day(today + timedelta(days=1), is_business_day)
        return (SkipCode.NOT_BUSINESS_DAY, Message.of("plan.not_business_day", day=retry),
                retry)
    if not client.emails:
        return SkipCode.NO_EMAIL, Message.of("plan.no_email", client=client.name), None
    last = planner.history.last_message.get(key)
    if last is not None:
        earliest = last + timedelta(days=policy.min_days_between_messages)
        if today < earliest:
            earliest = next_business_day(earliest, is_business_day)
            return (SkipCode.MIN_INTERVAL,
                    Message.of("plan.min_interval", last=last, day=earliest,
                               days=policy.min_days_between_messages), earliest)
    return None
