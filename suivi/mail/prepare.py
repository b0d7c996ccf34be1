"""Dunning operations, the API the pipeline calls.

    job = DunningJob(master, settings, folder, today, seller)
    plan, outcome = run_reminders(job)           # history → plan → drafts (or direct sending)
    outcome = send_drafts(job, select=None)       # `suivi send`
    problems = resolve_unverified(job, ["20261125-dupont-relance1-3fa2"], sent=True)
    mark_synced(folder, outcome)                  # AFTER the workbook commit succeeded

Both operations return a `DunningOutcome`: `updates` (Factures row, field, value), `journal_rows`
(Journal sheet), the `digest`, `issues`, and `sync_keys`. Nothing is written to the workbook here:
the pipeline applies the updates in its one commit, then calls `mark_synced`. Until it does,
every later run returns those updates again (reconciliation), without ever sending again.

Exactly once: see `suivi.mail.journal` and `suivi.mail.send`.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from suivi.core.dunning import STEP_KEYS
from suivi.core.ledger import compute_statuses
from suivi.core.message import Message
from suivi.core.models import Invoice, Issue, Severity
from suivi.core.plan import PlanContext, PlannedMessage, ReminderPlan, plan_reminders

from . import compose, drafts, review_page
from .finish import Done, email_team, finish
from .history import history_from
from .job import DunningJob
from .journal import DRAFT, FAILED, REFUSED, Journal, JournalState, MessageState
from .outcome import DunningOutcome
from .recorder import Recorder, recording
from .reminder import ComposeContext, compose_reminder
from .sending import (
    addresses_now,
    folded,
    resolve,
    selected,
    send_pending,
    stale_reason,
    withdraw_stale,
)
from .tasks import carry_out_tasks


def run_reminders(job: DunningJob) -> tuple[ReminderPlan, DunningOutcome]:
    """History → plan → prepare, in one call (what the daily run does); the journal is read
    and folded once for all three."""
    with recording(job.folder, job.dry_run) as recorder:
        # drafts that can no longer go (an invoice paid since): withdrawn before the plan,
        # which then drafts anew what may still be reminded (direct sending does it as it
        # sends, `send_pending`)
        withdrawn = [] if job.settings.direct else withdraw_stale(recorder, job)
        state = recorder.state()
        history = history_from(state, job.master, job.today)
        statuses = (job.statuses if job.statuses is not None
                    else compute_statuses(job.master.invoices, job.today))
        invoices = _steps_back(job.master.invoices, state, withdrawn)
        plan = plan_reminders(invoices, statuses, PlanContext(
            job.master.clients, history, job.today, job.settings.policy,
            job.settings.business_days(), job.adjust.amount_due, job.adjust.hold))
        return plan, _prepare(recorder, job, plan, withdrawn)


def _steps_back(invoices: Sequence[Invoice], state: JournalState,
                withdrawn: Sequence[str]) -> Sequence[Invoice]:
    """The invoices of the drafts just withdrawn at the step they were at before them: the
    workbook's « Niveau de relance » still says the draft's step (this run writes it back),
    and the client never got that reminder, so it is the one to draft again."""
    previous = {item["number"]: int(item.get("previous", 0))
                for ident in withdrawn for item in state.messages[ident].advancing}
    if not previous:
        return invoices
    return [replace(inv, reminder_step=previous[inv.number]) if inv.number in previous
            else inv for inv in invoices]


def _journal_issues(recorder: Recorder) -> list[Issue]:
    return [Issue.of(".suivi/journal.jsonl", "dunning.journal", Severity.WARNING, problem=p)
            for p in recorder.problems]


def prepare_reminders(job: DunningJob, plan: ReminderPlan) -> DunningOutcome:
    """Carry out a plan: drafts (or direct sending), tasks, exports, digest, workbook updates."""
    with recording(job.folder, job.dry_run) as recorder:
        return _prepare(recorder, job, plan)


def _prepare(recorder: Recorder, job: DunningJob, plan: ReminderPlan,
             withdrawn: Sequence[str] = ()) -> DunningOutcome:
    """Carry out `plan` with `recorder`. `before` is the journal's state as the drafts start
    (the recorder folds this run's records into it when its state is asked for again);
    `withdrawn`: the drafts cancelled before the plan (`withdraw_stale`)."""
    before = recorder.state()
    done = Done(issues=list(plan.issues) + _journal_issues(recorder))
    done.cancelled.extend(withdrawn)
    day_dir = drafts.day_folder(job.folder, job.settings.drafts_folder, job.today)
    ctx = ComposeContext(job, job.invoice_index(),
                         compose.template_environment(job.folder / job.settings.templates_folder),
                         day_dir)
    replaceable = _replaceable(before)
    for pm in plan.messages:
        _draft(pm, ctx, recorder, before, done, replaceable.get(pm.client_key, ()))
    carry_out_tasks(plan.tasks, before, recorder, job, day_dir, done.files)
    if job.settings.direct and job.adjust.hold is None:
        pending = [m.id for m in recorder.state().messages.values()
                   if m.pending and m.id not in job.held]
        done.results, done.cancelled = send_pending(pending, recorder, job, done.issues)
    outcome = finish(recorder, job, plan, done)
    if job.settings.team and not job.dry_run:
        email_team(outcome, recorder, job)
    return outcome


_REPLACEABLE = (DRAFT, FAILED, REFUSED)


def _replaceable(before: JournalState) -> dict[str, list[MessageState]]:
    """The messages a new draft to the same client replaces (still a draft, or not delivered),
    by client, in journal order: looked up per draft instead of going through years of journal
    for each of the day's drafts (2,000 drafts against 50,000 past messages cost 12 s)."""
    by_client: dict[str, list[MessageState]] = {}
    for message in before.messages.values():
        if message.status in _REPLACEABLE:
            by_client.setdefault(message.client_key, []).append(message)
    return by_client


def _message_id(pm: PlannedMessage, job: DunningJob, before: JournalState) -> str:
    """The draft id of today's message to this client; a new one when today's first message
    was refused by the server (the address was fixed since, say) or cancelled before sending
    (a partial payment recorded since made its amount wrong): today's plan decides anew."""
    ident = drafts.message_id(job.today, pm.client_key, pm.client, STEP_KEYS[pm.step])
    again, n = ident, 1
    while again in before.messages and before.messages[again].undone:
        n += 1
        again = f"{ident}-{n}"
    return again


def _draft(pm: PlannedMessage, ctx: ComposeContext, recorder: Recorder, before: JournalState,
           done: Done, replaceable: Sequence[MessageState]) -> None:
    """Compose and record one planned message (written as an .eml draft); the client's
    `replaceable` messages are superseded by it."""
    job = ctx.job
    ident = _message_id(pm, job, before)
    client = job.master.clients.get(pm.client_key)
    if ident in before.messages or client is None:
        return
    stale = stale_reason([i.number for i in pm.advancing], ctx.index, job)
    if stale is not None:
        done.issues.append(Issue.of(None, "dunning.stale_plan", Severity.WARNING,
                                    client=pm.client, problem=stale))
        return
    try:
        composed = compose_reminder(ctx, pm, client, ident)
    except compose.TemplateProblem as exc:
        done.issues.append(Issue.of(str(job.folder / job.settings.templates_folder),
                                    "dunning.template_failed", Severity.ERROR, client=pm.client,
                                    problem=exc.message))
        return
    done.issues.extend(composed.issues)
    if not composed.record["recipients"]:
        done.issues.append(Issue.of(client.email_where or client.where or "Clients",
                                    "dunning.no_recipient",
                                    Severity.ERROR, client=pm.client))
        return
    if not job.dry_run:
        if composed.letter is not None:
            letter_path = job.folder / composed.record["letter"]
            drafts.write_atomic(letter_path, composed.letter)
            done.files.append(letter_path)
        eml = job.folder / composed.record["file"]
        drafts.write_atomic(eml, composed.data)
        done.files.append(eml)
        if composed.rendered is not None:
            done.previews[ident] = review_page.preview_of(composed.rendered, composed.qr_png)
    for older in replaceable:
        if older.status in _REPLACEABLE:
            recorder.append({"type": "superseded", "id": older.id, "day": job.today,
                             "by": ident})
            if not job.dry_run:
                drafts.withdraw(job.folder, older.file, keep=job.folder / composed.record["file"])
    recorder.append(composed.record)
    done.drafted.append(ident)


def send_drafts(job: DunningJob, select: Sequence[str] | None = None) -> DunningOutcome:
    """`suivi send`: send pending drafts (all, or the ids in `select`).

    Each draft is checked against the workbook first: a draft one of whose invoices is paid,
    cancelled or disputed since is cancelled, never sent. Sent, superseded, cancelled and
    « à vérifier » drafts are refused with an explanation; a refused one (5xx) goes again only
    when named (`--id`) or resent (`--renvoie`).
    """
    with recording(job.folder, job.dry_run) as recorder:
        done = Done(issues=_journal_issues(recorder))
        ids = selected(select, recorder, done.issues)
        done.results, done.cancelled = send_pending(ids, recorder, job, done.issues)
        return finish(recorder, job, None, done)


@dataclass(frozen=True, slots=True)
class Decisions:
    """The team's choices from the review sheet, applied: drafts to send now, drafts held
    (« Non »: a `held` journal event, once a day; still pending for a later decision), and
    rows whose draft no longer waits (sent, cancelled or replaced since)."""

    send: tuple[str, ...] = ()
    held: tuple[str, ...] = ()
    gone: tuple[str, ...] = ()
    #: approved, but its « Destinataire » was changed in the sheet: held (among `held`)
    readdressed: tuple[str, ...] = ()


def apply_decisions(job: DunningJob, approved: Sequence[str], declined: Sequence[str],
                    typed: Mapping[str, str] | None = None) -> Decisions:
    """Record the held drafts and say which approved ones can go. `typed`: the recipients
    the sheet shows for each draft; an approved draft whose recipients were changed there is
    held, never sent to an address the reviewer meant to replace (`readdressed`)."""
    with recording(job.folder, job.dry_run) as recorder:
        messages = recorder.state().messages
        send: list[str] = []
        held: list[str] = []
        gone: list[str] = []
        readdressed: list[str] = []
        for ident in approved:
            message = messages.get(ident)
            if message is None or not message.pending:
                gone.append(ident)
            elif (shown := (typed or {}).get(ident)) and _readdressed(shown, message, job):
                readdressed.append(ident)
            else:
                send.append(ident)
        for ident in [*declined, *readdressed]:
            message = messages.get(ident)
            if message is None or not message.pending:
                gone.append(ident)
                continue
            if message.held_on != job.today:
                recorder.append({"type": "held", "id": ident, "day": job.today})
            held.append(ident)
        return Decisions(tuple(send), tuple(held), tuple(gone), tuple(readdressed))


def _readdressed(shown: str, message: MessageState, job: DunningJob) -> bool:
    """The sheet shows other recipients than the draft's, and not the client's address as the
    workbook now gives it (mended there too: `suivi send` then cancels the draft, and the next
    run drafts it again for the new address)."""
    typed = folded(part for part in re.split(r"[\s,;]+", shown) if part)
    now = addresses_now(message, job) or ()
    return typed not in (folded(message.recipients), folded(now))


def resolve_unverified(job: DunningJob, ids: Sequence[str], sent: bool) -> list[Message]:
    """The user checked « à vérifier » messages (or resends refused ones): `sent=True` records
    them as sent (workbook updated by the next run), `sent=False` makes them pending again."""
    with recording(job.folder, job.dry_run) as recorder:
        return resolve(recorder, ids, sent, job)


def mark_synced(folder: Path, outcome: DunningOutcome) -> None:
    """Call AFTER the workbook commit of `outcome` succeeded: those events are now reflected."""
    if outcome.dry_run or not outcome.sync_keys:
        return
    Journal(folder).append({"type": "synced", "keys": list(outcome.sync_keys)})


__all__ = ["Decisions", "DunningJob", "MessageState", "apply_decisions", "mark_synced", "prepare_reminders",
           "resolve_unverified", "run_reminders", "send_drafts"]
