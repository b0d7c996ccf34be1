"""The dunning policy engine: which reminder step, for which invoice, today (pure).

    plan = plan_reminders(invoices, statuses, clients, history, today, policy, is_business_day)

`plan.messages` are the e-mails to write (one per client, listing all of that client's overdue
invoices, at the highest step reached today), `plan.tasks` the work for the team (phone calls,
letters to post, files to hand to collection), `plan.skipped` every other invoice with the reason.

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
(`formal_notice_delay`, 8 days) has run out. A ladder must contain at least `min_reminders_before_severe` reminder steps (Relance 1,
Relance 2, Appel) before its first severe step (Mise en demeure, Recouvrement).

Pauses: a dispute (Litige); a payment promise until promise date + grace days; a client whose
reminders are disabled; an amount due below the minimum. E-mails go out on business days only.

Extension point: "what is due now" is the `amount_due` callable (default `amount_due_now`, the
balance); an installment plan can pass a function returning only the installment that is due.
Promises recorded elsewhere than the invoice row enter through `DunningHistory.promises`.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from suivi.core.calendar import BusinessDayChecker, next_business_day
from suivi.core.ledger import StatusInfo
from suivi.core.models import ZERO, Client, ClientType, Invoice, Issue, Severity, Status, normalise_name
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
    """An invalid dunning configuration; the message is French and names the key."""


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
    """A ladder from {step: days}; checks the offsets grow with the steps (French PolicyError)."""
    ordered = sorted(offsets.items())
    previous: tuple[Step, int] | None = None
    for step, days in ordered:
        if step is Step.NONE:
            raise PolicyError(f"[{where}] : l'étape « aucune » ne peut pas figurer dans l'échelle")
        if step is Step.COURTESY and days > 0:
            raise PolicyError(f"[{where}] jours.avis = {days} : l'avis d'échéance se place avant "
                              f"l'échéance (valeur négative ou 0, ex. -5)")
        if step is not Step.COURTESY and days < 1:
            raise PolicyError(f"[{where}] jours.{STEP_KEYS[step]} = {days} : une relance se place "
                              f"après l'échéance (au moins 1 jour)")
        if previous is not None and days <= previous[1]:
            raise PolicyError(
                f"[{where}] jours.{STEP_KEYS[step]} = {days} doit être plus grand que "
                f"jours.{STEP_KEYS[previous[0]]} = {previous[1]} (les étapes se suivent dans l'ordre)")
        previous = (step, days)
    return Ladder(tuple(ordered))


DEFAULT_LADDER = make_ladder(DEFAULT_OFFSETS)


@dataclass(frozen=True, slots=True)
class DunningPolicy:
    """What the planner needs from the [relances] section (see suivi.mail.config)."""

    ladders: Mapping[ClientType, Ladder] = field(
        default_factory=lambda: {kind: DEFAULT_LADDER for kind in ClientType})
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


def validate_policy(policy: DunningPolicy) -> list[str]:
    """French problems with a policy (empty when valid)."""
    problems: list[str] = []
    if policy.min_reminders_before_severe < 1:
        problems.append(f"[relances] relances_avant_mise_en_demeure = "
                        f"{policy.min_reminders_before_severe} : au moins 1 (3 recommandé)")
    for kind, ladder in policy.ladders.items():
        count = ladder.reminders_before_severe()
        if ladder.has_severe and count < policy.min_reminders_before_severe:
            problems.append(
                f"[relances.{type_key(kind)}] : l'échelle ne compte que {count} relance(s) avant "
                f"la mise en demeure ou le recouvrement, il en faut au moins "
                f"{policy.min_reminders_before_severe} (relances_avant_mise_en_demeure)")
    if policy.min_days_between_messages < 0:
        problems.append("[relances] delai_min_entre_messages doit être positif ou nul")
    if policy.promise_grace_days < 0:
        problems.append("[relances] delai_grace_promesse doit être positif ou nul")
    if policy.formal_notice_delay < 0:
        problems.append("[relances] delai_mise_en_demeure doit être positif ou nul")
    if policy.minimum_balance < ZERO:
        problems.append("[relances] montant_minimum doit être positif ou nul")
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


# --------------------------------------------------------------------------------------------
# plan

AmountDueFn = Callable[[Invoice, date], Decimal]


def amount_due_now(invoice: Invoice, today: date) -> Decimal:
    """What the client must pay now: the balance. An installment plan overrides this function
    to return only the installment that has fallen due."""
    return max(invoice.balance, ZERO)


def promise_until(invoice: Invoice, history: DunningHistory) -> date | None:
    """The latest payment promise known for the invoice (row or history)."""
    dates = [d for d in (invoice.promise_date, history.promises.get(invoice.number or "")) if d]
    return max(dates) if dates else None


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


@dataclass(frozen=True, slots=True)
class Skip:
    """An invoice with nothing done today, and why (French `reason`)."""

    row: int
    number: str | None
    client: str
    code: SkipCode
    reason: str
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
    reason: str


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
    reason: str

    @property
    def advancing(self) -> tuple[PlannedItem, ...]:
        return tuple(item for item in self.items if item.advancing)

    @property
    def total_due(self) -> Decimal:
        return sum((item.amount_due for item in self.items), ZERO)

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
    reason: str

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


@dataclass(slots=True)
class _Candidate:
    invoice: Invoice
    client: Client
    item: PlannedItem


_OPEN_FOR_REMINDERS = (Status.ISSUED, Status.DUE_TODAY, Status.OVERDUE, Status.PARTIALLY_PAID)


def _fmt(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "?"


def _rel(days: int) -> str:
    return f"J{days:+d}" if days else "J0"


def plan_reminders(invoices: Iterable[Invoice], statuses: Mapping[int, StatusInfo],
                   clients: Mapping[str, Client], history: DunningHistory, today: date,
                   policy: DunningPolicy, is_business_day: BusinessDayChecker,
                   amount_due: AmountDueFn = amount_due_now) -> ReminderPlan:
    """Decide today's reminders. Pure: everything it needs is passed in.

    `statuses` are keyed by sheet row (`compute_statuses`), `clients` by `normalise_name`.
    """
    business = is_business_day(today)
    skipped: list[Skip] = []
    issues: list[Issue] = []
    advancing: dict[str, list[_Candidate]] = {}
    listed: dict[str, list[_Candidate]] = {}
    clients_seen: dict[str, Client] = {}

    def skip(inv: Invoice, code: SkipCode, reason: str, nxt: Step | None = None,
             when: date | None = None) -> None:
        skipped.append(Skip(inv.row, inv.number, inv.client, code, reason, nxt, when))

    for inv in invoices:
        info = statuses.get(inv.row)
        if info is None:
            continue
        if info.status in (Status.PAID, Status.OVERPAID):
            skip(inv, SkipCode.PAID, "facture réglée")
            continue
        if info.status in (Status.CANCELLED, Status.CREDIT_NOTE):
            skip(inv, SkipCode.CLOSED, f"{info.status.value} : rien à relancer")
            continue
        if info.status is Status.TO_ISSUE or not inv.number:
            skip(inv, SkipCode.NOT_ISSUED, "facture pas encore émise")
            continue
        key = normalise_name(inv.client)
        client = clients.get(key)
        if client is None:
            skip(inv, SkipCode.UNKNOWN_CLIENT, f"client « {inv.client} » absent de la feuille Clients")
            issues.append(Issue(f"Factures!A{inv.row}", "dunning.unknown_client", Severity.ERROR,
                                f"facture {inv.label} : client « {inv.client} » absent de la feuille "
                                f"Clients, relance impossible",
                                "Ajoutez le client (nom, e-mail, type) dans la feuille Clients."))
            continue
        if not client.reminders_enabled:
            skip(inv, SkipCode.OPTED_OUT, f"relances désactivées pour le client « {client.name} »")
            continue
        if info.status is Status.DISPUTED or inv.dispute:
            text = f" ({inv.dispute_text})" if inv.dispute_text else ""
            skip(inv, SkipCode.DISPUTE, f"litige en cours{text} : relances suspendues")
            continue
        if inv.due_date is None:
            skip(inv, SkipCode.NO_DUE_DATE, "échéance inconnue : relance impossible")
            continue
        promise = promise_until(inv, history)
        if promise is not None:
            resume = promise + timedelta(days=policy.promise_grace_days + 1)
            if today < resume:
                skip(inv, SkipCode.PROMISE,
                     f"promesse de paiement au {_fmt(promise)} : relances suspendues jusqu'au "
                     f"{_fmt(resume - timedelta(days=1))} inclus", None, resume)
                continue
        due_now = amount_due(inv, today)
        if due_now <= ZERO or due_now < policy.minimum_balance:
            skip(inv, SkipCode.BELOW_MINIMUM,
                 f"reste dû {due_now} € inférieur au minimum de relance "
                 f"({policy.minimum_balance} €)")
            continue
        if info.status not in _OPEN_FOR_REMINDERS:
            continue
        ladder = policy.ladder_for(client.type)
        previous = history.step_of(inv)
        rel = (today - inv.due_date).days
        overdue = rel >= 1
        nxt = ladder.next_step(previous.step, overdue=overdue)
        base = dict(row=inv.row, number=inv.number, client=client.name, issue_date=inv.issue_date,
                    due_date=inv.due_date, days_late=rel, amount_due=due_now, previous=previous)
        clients_seen[key] = client
        if nxt is None:
            if overdue:
                listed.setdefault(key, []).append(_Candidate(inv, client, PlannedItem(
                    **base, step=previous.step, advancing=False, next_step=None, next_date=None,
                    reason="dernière étape atteinte")))
            skip(inv, SkipCode.LADDER_END,
                 f"dernière étape atteinte ({previous.step.label})" if previous.step
                 else "aucune étape applicable")
            continue
        offset = ladder.offset(nxt)
        assert offset is not None
        when = policy.earliest(nxt, inv.due_date, ladder, previous)
        if today < when:
            planned_on = next_business_day(when, is_business_day) if nxt in MESSAGE_STEPS else when
            if overdue:
                listed.setdefault(key, []).append(_Candidate(inv, client, PlannedItem(
                    **base, step=previous.step, advancing=False, next_step=nxt,
                    next_date=planned_on, reason=f"prochaine étape le {_fmt(planned_on)}")))
            skip(inv, SkipCode.WAITING,
                 f"{nxt.label} prévue le {_fmt(planned_on)} ({_rel(offset)})", nxt, planned_on)
            continue
        after = ladder.next_step(nxt, overdue=True)
        after_date = None
        if after is not None:
            after_date = policy.earliest(after, inv.due_date, ladder, StepReached(nxt, today))
            if after in MESSAGE_STEPS:
                after_date = max(after_date, today + timedelta(days=policy.min_days_between_messages))
                after_date = next_business_day(after_date, is_business_day)
            after_date = max(after_date, today + timedelta(days=1))
        done = (f", précédente : {previous.step.label} le {_fmt(previous.on)}"
                if previous.step else "")
        reason = f"{nxt.label} : {_rel(rel)} (échéance {_fmt(inv.due_date)}, étape à {_rel(offset)}){done}"
        advancing.setdefault(key, []).append(_Candidate(inv, client, PlannedItem(
            **base, step=nxt, advancing=True, next_step=after, next_date=after_date,
            reason=reason)))

    messages: list[PlannedMessage] = []
    tasks: list[PlannedTask] = []
    for key, candidates in advancing.items():
        client = clients_seen[key]
        mail = [c for c in candidates if c.item.step in MESSAGE_STEPS]
        calls = [c.item for c in candidates if c.item.step is Step.PHONE_CALL]
        collection = [c.item for c in candidates if c.item.step is Step.COLLECTION]
        if calls:
            phone = client.phone or None
            tasks.append(PlannedTask(TaskKind.CALL, client.name, key, phone, tuple(calls),
                                     f"appeler {client.name}" + (f" au {phone}" if phone else
                                                                 " (pas de téléphone connu)")))
        if collection:
            tasks.append(PlannedTask(TaskKind.COLLECTION, client.name, key, client.phone,
                                     tuple(collection),
                                     f"transmettre le dossier de {client.name} au recouvrement"))
        if not mail:
            continue
        blocked = _message_blocker(client, key, history, today, policy, is_business_day)
        if blocked is not None:
            code, reason, retry = blocked
            for c in mail:
                skipped.append(Skip(c.invoice.row, c.invoice.number, c.invoice.client, code, reason,
                                    c.item.step, retry))
            if code is SkipCode.NO_EMAIL:
                where = str(client.where) if client.where else "Clients"
                issues.append(Issue(where, "dunning.no_email", Severity.ERROR,
                                    f"client « {client.name} » : aucune adresse e-mail, "
                                    f"{len(mail)} facture(s) à relancer",
                                    "Renseignez l'e-mail du client (feuille Clients, ou colonne « Email » "
                                    "de la feuille des factures)."))
            continue
        step = max(c.item.step for c in mail)
        advancing_rows = {c.invoice.row for c in mail}
        also = [c.item for c in listed.get(key, []) if c.invoice.row not in advancing_rows]
        items = tuple(sorted((c.item for c in mail), key=lambda i: (i.due_date, i.number)))
        items += tuple(sorted(also, key=lambda i: (i.due_date, i.number)))
        language = "en" if (client.language or "").casefold().startswith("en") else policy.language
        message = PlannedMessage(client.name, key, client.type, step, language,
                                 tuple(client.emails), items,
                                 f"{step.label} pour {client.name} : "
                                 + ", ".join(f"{c.item.number} ({_rel(c.item.days_late)})"
                                             for c in mail))
        messages.append(message)
        if step is Step.FORMAL_NOTICE:
            letter_items = tuple(i for i in items if i.step >= Step.FORMAL_NOTICE)
            tasks.append(PlannedTask(TaskKind.LETTER, client.name, key, client.phone, letter_items,
                                     f"poster la mise en demeure de {client.name} "
                                     f"(lettre recommandée avec accusé de réception)"))
    order = {TaskKind.CALL: 0, TaskKind.LETTER: 1, TaskKind.COLLECTION: 2}
    return ReminderPlan(
        today, business,
        tuple(sorted(messages, key=lambda m: (-m.step, m.client_key))),
        tuple(sorted(tasks, key=lambda t: (order[t.kind], t.client_key))),
        tuple(skipped), tuple(issues))


def _message_blocker(client: Client, key: str, history: DunningHistory, today: date,
                     policy: DunningPolicy, is_business_day: BusinessDayChecker
                     ) -> tuple[SkipCode, str, date | None] | None:
    """Why no message can go to this client today, and when it may (None when it can now)."""
    if not is_business_day(today):
        retry = next_business_day(today + timedelta(days=1), is_business_day)
        return (SkipCode.NOT_BUSINESS_DAY,
                f"jour non ouvré : aucun message aujourd'hui, prochain jour ouvré le {_fmt(retry)}",
                retry)
    if not client.emails:
        return SkipCode.NO_EMAIL, f"aucune adresse e-mail pour « {client.name} »", None
    last = history.last_message.get(key)
    if last is not None:
        earliest = last + timedelta(days=policy.min_days_between_messages)
        if today < earliest:
            earliest = next_business_day(earliest, is_business_day)
            return (SkipCode.MIN_INTERVAL,
                    f"dernier message au client le {_fmt(last)} : prochain message possible le "
                    f"{_fmt(earliest)} (délai minimum de {policy.min_days_between_messages} jours)",
                    earliest)
    return None
