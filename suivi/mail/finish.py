"""The end of a dunning operation: the workbook updates its events imply, the digest, the day's
review list and « À faire » files, and the digest e-mailed to the team."""
from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from suivi.core.dunning import STEP_KEYS
from suivi.core.message import Message
from suivi.core.models import ClientType, Issue, Severity, normalise_name
from suivi.core.plan import ReminderPlan, SkipCode, TaskKind
from suivi.core.steps import Step
from suivi.messages import text

from . import compose, drafts, review_page
from .digest import Digest, DigestLine, render_html, render_text
from .job import DunningJob, money
from .journal import DRAFT, FAILED, REFUSED, JournalState, MessageState, event_key
from .outcome import DunningOutcome, PendingDraft
from .recorder import Recorder
from .send import DeliveryResult
from .updates import collapse, effects_to_updates, new_rows, next_action_updates

log = logging.getLogger("suivi.mail")


@dataclass
class Done:
    """What this operation did, for the outcome and the digest."""

    issues: list[Issue] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    drafted: list[str] = field(default_factory=list)
    results: Sequence[DeliveryResult] = ()
    cancelled: list[str] = field(default_factory=list)
    previews: dict[str, review_page.Preview] = field(default_factory=dict)  # drafts written


def finish(recorder: Recorder, job: DunningJob, plan: ReminderPlan | None,
           done: Done) -> DunningOutcome:
    state = recorder.state()
    new_keys = {event_key(r) for r in recorder.new if "id" in r}
    unsynced = state.unsynced()
    updates, rows = effects_to_updates(unsynced, state, job.master)
    if plan is not None:
        updates = next_action_updates(plan, job.master) + updates
    by_status: dict[str, list[str]] = {}
    for result in done.results:
        by_status.setdefault(result.status, []).append(result.id)
    sent = tuple(by_status.get("sent", ()))
    # a simulation attempts nothing: what it would send is not a failure
    failed = () if recorder.dry_run else tuple(
        by_status.get("failed", []) + by_status.get("not_attempted", [])
        + by_status.get("uncertain", []))
    digest = build_digest(state, plan, job, done, sent, failed,
                          sum(1 for key, _ in unsynced if key not in new_keys))
    if not recorder.dry_run:
        done.files.extend(write_day_lists(state, digest, job, done.previews))
    return DunningOutcome(
        updates=collapse(updates), journal_rows=new_rows(rows, job.master), digest=digest,
        issues=tuple(done.issues), files=tuple(done.files),
        sync_keys=tuple(key for key, _ in unsynced), drafted=tuple(done.drafted), sent=sent,
        failed=failed, refused=tuple(by_status.get("refused", ())),
        cancelled=tuple(done.cancelled), pending=pending_drafts(state),
        dry_run=recorder.dry_run)


def pending_drafts(state: JournalState) -> tuple[PendingDraft, ...]:
    """Every message still waiting to be sent, oldest day first, then by client."""
    waiting = sorted((m for m in state.messages.values() if m.pending),
                     key=lambda m: (m.day, normalise_name(m.client), m.id))
    return tuple(PendingDraft(m.id, m.day, m.client, m.step, tuple(m.numbers),
                              Decimal(m.amount), tuple(m.recipients), m.file,
                              m.error if m.status == FAILED else None, m.held_on)
                 for m in waiting)


def write_day_lists(state: JournalState, digest: Digest, job: DunningJob,
                    previews: dict[str, review_page.Preview] | None = None) -> list[Path]:
    """The day's review list (brouillons.csv/.html) and « À faire » (a_faire.html/.txt);
    `previews`: what the drafts this operation wrote say, by id."""
    day_dir = drafts.day_folder(job.folder, job.settings.drafts_folder, job.today)
    todays = [m for m in state.messages.values() if m.day == job.today]
    written: list[Path] = []
    if todays:
        rows = [drafts.ReviewRow(m.id, m.client, ", ".join(m.recipients), m.step,
                                 ", ".join(m.numbers), money(m.amount, m.language), m.status,
                                 Path(m.file).name,
                                 m.error or m.reason or (f"remplacé par {m.superseded_by}"
                                                         if m.superseded_by else ""))
                for m in sorted(todays, key=lambda m: m.id)]
        written += review_page.write_review_list(day_dir, rows, job.today, previews)
    if not digest.empty or day_dir.exists():
        drafts.write_atomic(day_dir / drafts.TODO_HTML,
                            render_html(digest, job.lang).encode("utf-8"))
        drafts.write_atomic(day_dir / drafts.TODO_TXT,
                            render_text(digest, job.lang).encode("utf-8"))
        written += [day_dir / drafts.TODO_HTML, day_dir / drafts.TODO_TXT]
    return written


def _line(message: MessageState, detail: Message | str = "") -> DigestLine:
    return DigestLine(message.client, Step(message.step), tuple(message.numbers),
                      Decimal(message.amount), detail or ", ".join(message.recipients),
                      message.id)


def _drafted_line(message: MessageState, job: DunningJob) -> DigestLine:
    """A draft of the day; to a public buyer, it says to check Chorus Pro first (the invoice
    may already be in payment there)."""
    client = job.master.clients.get(message.client_key)
    if client is not None and client.type is ClientType.PUBLIC:
        return _line(message, Message.of("digest.chorus_check",
                                         recipients=", ".join(message.recipients)))
    return _line(message)


def _problem(message: MessageState) -> Message:
    return Message.of(f"smtp.{message.error_kind or 'error'}", detail=message.error or "")


def _task_lines(plan: ReminderPlan, job: DunningJob, messages: dict[str, MessageState]
                ) -> dict[str, list[DigestLine]]:
    lines: dict[str, list[DigestLine]] = {"calls": [], "letters": [], "collection": [],
                                          "disputes": [], "promises": []}
    for task in plan.tasks:
        amount = task.total_due
        if task.kind is TaskKind.CALL:
            call = (Message.of("digest.call", phone=task.phone) if task.phone
                    else Message.of("digest.call_no_phone"))
            lines["calls"].append(DigestLine(task.client, call, task.numbers, amount,
                                             Message.of("digest.call_detail")))
        elif task.kind is TaskKind.LETTER:
            ident = drafts.message_id(job.today, task.client_key, task.client,
                                      STEP_KEYS[Step.FORMAL_NOTICE])
            letter = messages[ident].letter if ident in messages else None
            lines["letters"].append(DigestLine(
                task.client, Message.of("digest.letter"), task.numbers, amount,
                letter or Message.of("digest.letter_missing")))
        else:
            where = (drafts.day_folder(Path("."), job.settings.drafts_folder, job.today)
                     / drafts.COLLECTION_DIR / drafts.slug(task.client, 40))
            lines["collection"].append(DigestLine(task.client, Message.of("digest.collection"),
                                                  task.numbers, amount, where.as_posix()))
    for skip in plan.skipped:
        if skip.code is SkipCode.DISPUTE:
            lines["disputes"].append(DigestLine(skip.client, skip.reason, (skip.number or "",)))
        elif skip.code is SkipCode.PROMISE:
            lines["promises"].append(DigestLine(skip.client, skip.reason, (skip.number or "",)))
    return lines


def build_digest(state: JournalState, plan: ReminderPlan | None, job: DunningJob, done: Done,
                 sent: Sequence[str], failed: Sequence[str], reconciled: int) -> Digest:
    messages = state.messages
    errors = [i for i in done.issues if i.severity is not Severity.WARNING]
    warnings: list[Issue] = []
    for issue in done.issues:
        if issue.severity is Severity.WARNING and issue not in warnings:
            warnings.append(issue)
    drafted = set(done.drafted)
    tasks = _task_lines(plan, job, messages) if plan is not None else {}
    return Digest(
        day=job.today, dry_run=job.dry_run, business_day=plan.business_day if plan else True,
        direct=job.settings.direct,
        sent=tuple(_line(messages[i]) for i in sent),
        drafted=tuple(_drafted_line(messages[i], job) for i in done.drafted
                      if messages[i].status == DRAFT),
        pending=() if job.settings.direct else tuple(
            _line(m, Message.of("digest.prepared_on", day=m.day)) for m in messages.values()
            if m.status == DRAFT and m.id not in drafted),
        failed=tuple(_line(messages[i], _problem(messages[i])) for i in failed
                     if i in messages and messages[i].status != REFUSED),
        refused=tuple(_line(m, _problem(m)) for m in messages.values() if m.status == REFUSED),
        cancelled=tuple(_line(messages[i], messages[i].reason or "") for i in done.cancelled),
        unverified=tuple(_line(m, Message.of("digest.uncertain")) for m in state.unverified()),
        errors=tuple(errors), warnings=tuple(warnings), reconciled=reconciled,
        chorus=job.chorus, notices=job.adjust.notices, payments=job.adjust.lines,
        **{name: tuple(items) for name, items in tasks.items()})


def email_team(outcome: DunningOutcome, recorder: Recorder, job: DunningJob) -> None:
    """E-mail the digest to [relances] equipe once a day (failures become warnings)."""
    settings = job.settings
    digest = outcome.digest
    if digest is None or job.today.isoformat() in recorder.state().digests:
        return
    if not settings.smtp.configured and job.delivery.connect is None:
        return
    sender = settings.smtp.from_address or (job.seller.email if job.seller else "") or ""
    if not compose.is_valid_email(sender):
        return
    message = EmailMessage()
    message["From"] = compose.address(settings.smtp.sender_name or "suivi", sender)
    message["To"] = ", ".join(settings.team)
    message["Subject"] = text(Message.of("digest.email_subject", day=job.today), job.lang)
    message["Date"] = format_datetime(datetime.now(UTC))
    message.set_content(render_text(digest, job.lang))
    message.add_alternative(render_html(digest, job.lang), subtype="html")
    failure = job.delivery.send_one(settings.smtp, compose.message_bytes(message), sender,
                                    settings.team)
    if failure is None:
        recorder.append({"type": "digest", "day": job.today})
    else:
        log.warning("résumé non envoyé à l'équipe : %s", failure)
