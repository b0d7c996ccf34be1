"""Sending pending drafts: each one checked against the workbook first, then delivered over one
SMTP connection with the exactly-once journal (`suivi.mail.send`)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from email.utils import format_datetime, getaddresses, parseaddr
from pathlib import Path

from suivi.core.dunning import DunningHistory
from suivi.core.ledger import compute_status
from suivi.core.message import Message
from suivi.core.models import CENT, Invoice, Issue, Severity, Status, number_key
from suivi.core.plan import PlanContext, why_not_reminded
from suivi.messages import text

from . import compose, drafts
from .job import DunningJob
from .journal import CANCELLED, DRAFT, FAILED, REFUSED, SENT, SUPERSEDED, UNVERIFIED, MessageState
from .recorder import JournalView, Recorder
from .send import DeliveryResult, Outgoing, SmtpUnavailable, deliver, transport_factory


def stale_reason(numbers: Sequence[str], index: dict[str, Invoice], job: DunningJob,
                 drafted: Mapping[str, Decimal] | None = None) -> Message | None:
    """Why a message about these invoices must not go out any more (None when it may).

    `drafted`: the amount due the message states for each invoice (a draft being sent). A
    payment recorded since, even partial, makes the draft wrong when less is now due than it
    claims (1 200 € when 200 € remain): it does not go, and the next run drafts it again with
    the right amount."""
    problems: list[Message] = []
    context = PlanContext(job.master.clients, DunningHistory(), job.today, job.settings.policy,
                          job.settings.business_days(), job.adjust.amount_due, job.adjust.hold)
    for number in numbers:
        if number_key(number) in job.duplicated:  # one row may say paid, the other not
            problems.append(Message.of("dunning.stale_duplicate", number=number))
            continue
        if number in job.holds:
            problems.append(job.holds[number])
            continue
        invoice = index.get(number)
        if invoice is None:
            problems.append(Message.of("dunning.stale_absent", number=number))
            continue
        info = compute_status(invoice, job.today)
        if info.status in (Status.PAID, Status.OVERPAID):
            problems.append(Message.of("dunning.stale_paid", number=number))
        elif info.status in (Status.CANCELLED, Status.CREDIT_NOTE):
            problems.append(Message.of("dunning.stale_closed", number=number,
                                       status=info.status.value))
        elif info.status is Status.DISPUTED or invoice.dispute:
            problems.append(Message.of("dunning.stale_dispute", number=number))
        elif (why := why_not_reminded(invoice, info, context)) is not None:
            # what the team typed since: a payment promise, the client's reminders off…
            problems.append(Message.of("dunning.stale_rule", number=number, why=why))
        elif drafted and number in drafted:
            # only less than it says: what is due is reckoned with the installment plans
            # (`suivi send` follows them too), and a draft asking for less (a smaller
            # installment) is not wrong
            now = job.adjust.amount_due(invoice, job.today)
            if drafted[number] - now >= CENT:
                problems.append(Message.of("dunning.stale_amount", number=number,
                                           drafted=drafted[number], now=now))
    return Message.of("dunning.stale", problems=problems) if problems else None


def drafted_amounts(message: MessageState) -> dict[str, Decimal]:
    """The amount due the draft states for each of its invoices (drafts recorded before
    amounts were kept have none: nothing to compare)."""
    amounts: dict[str, Decimal] = {}
    for item in message.items:
        try:
            amounts[item["number"]] = Decimal(str(item["amount"]))
        except (KeyError, TypeError, ArithmeticError):
            continue
    return amounts


def outgoing(message: MessageState, job: DunningJob) -> tuple[Outgoing | None, Message | None]:
    """Load a draft file as a message to send; (None, reason) when it cannot go."""
    path = Path(job.folder) / message.file
    if not path.is_file():
        return None, Message.of("dunning.draft_deleted", file=message.file)
    raw = path.read_bytes()
    headers = drafts.read_headers(raw)
    if str(headers.get("X-Suivi-Id", "")).strip() != message.id:
        return None, Message.of("dunning.draft_mismatch", file=message.file, id=message.id)
    recipients = []
    for header in ("To", "Cc", "Bcc"):
        for _, addr in getaddresses([str(v) for v in headers.get_all(header, [])]):
            if not compose.is_valid_email(addr):
                return None, Message.of("dunning.draft_bad_address", address=addr,
                                        file=message.file)
            recipients.append(addr)
    if not recipients:
        return None, Message.of("dunning.draft_no_recipient", file=message.file)
    smtp = job.settings.smtp
    from_header = parseaddr(str(headers.get("From", "")))[1]
    sender = smtp.from_address or from_header or (job.seller.email if job.seller else "") or ""
    if not sender or not compose.is_valid_email(sender):
        return None, Message.of("dunning.no_sender")
    data = drafts.for_sending(raw, format_datetime(datetime.now(UTC)))
    if not from_header:
        data = (f"From: {compose.address(smtp.sender_name or '', sender)}".encode()
                + b"\r\n" + data)
    return Outgoing(message.id, data, sender, tuple(dict.fromkeys(recipients)),
                    str(headers.get("Message-ID", ""))), None


def send_pending(ids: Sequence[str], recorder: Recorder, job: DunningJob,
                 issues: list[Issue]) -> tuple[list[DeliveryResult], list[str]]:
    """Check and send the given pending messages. Returns delivery results and cancelled ids."""
    state = recorder.state()
    index = job.invoice_index()
    batch: list[Outgoing] = []
    cancelled: list[str] = []
    for ident in ids:
        message = state.messages[ident]
        item, stale = None, _why_stale(message, index, job)
        redo = stale is not None
        if stale is None:
            item, stale = outgoing(message, job)
        if item is None:
            _cancel(recorder, job, message, stale, redo)
            cancelled.append(ident)
            continue
        batch.append(item)
    if not batch or recorder.dry_run:
        return [DeliveryResult(o.id, "not_attempted", "simulation") for o in batch], cancelled
    secrets: list[str | None] = []
    factory = job.delivery.connect
    if factory is None:
        try:
            factory, password = transport_factory(job.settings.smtp, job.delivery.environ,
                                                  job.delivery.ssl_context)
            secrets.append(password)
        except SmtpUnavailable as exc:
            issues.append(Issue.of("suivi.toml", "dunning.smtp_unavailable", Severity.ERROR,
                                   problem=exc.message))
            return [DeliveryResult(o.id, "not_attempted", "") for o in batch], cancelled
    results = deliver(batch, factory, JournalView(recorder), job.settings.smtp, job.today,
                      secrets)
    _after_delivery(results, batch, state.messages, job, issues)
    return results, cancelled


def withdraw_stale(recorder: Recorder, job: DunningJob) -> list[str]:
    """The drafts waiting to be sent that must not go out any more (`_why_stale`: an invoice
    paid since, closed, in dispute, a promise typed, less due than they claim, the client's
    address changed), cancelled as `suivi send` would cancel them. The daily run does it
    before its plan: the day's summary and the « Relances à envoyer » sheet no longer offer
    a draft that cannot go, and today's plan drafts anew what may still be reminded."""
    index = job.invoice_index()
    cancelled: list[str] = []
    for message in list(recorder.state().messages.values()):
        if message.pending and (stale := _why_stale(message, index, job)) is not None:
            _cancel(recorder, job, message, stale, True)
            cancelled.append(message.id)
    return cancelled


def _why_stale(message: MessageState, index: dict[str, Invoice],
               job: DunningJob) -> Message | None:
    """Why a recorded message must not go out any more, the workbook having changed since it
    was drafted (an invoice paid, closed, in dispute, its amount or its number changed, the
    client's address moved): the client got nothing, so the step of its invoices is to be
    taken again (`redo`). Today's plan drafts it anew for those that may still be reminded —
    the planner leaves the others out — instead of counting them as reminded, which would take
    them to the next step unwarned."""
    stale = stale_reason(message.numbers, index, job, drafted_amounts(message))
    if stale is None and (moved := _recipients_moved(message, job)) is not None:
        stale = Message.of("dunning.stale", problems=[moved])
    return stale


def _cancel(recorder: Recorder, job: DunningJob, message: MessageState,
            reason: Message | None, redo: bool) -> None:
    recorder.append({"type": "cancelled", "id": message.id, "day": job.today,
                     "reason": _reason_text(reason), "redo": redo})
    if not recorder.dry_run:
        drafts.withdraw(job.folder, message.file)


def addresses_now(message: MessageState, job: DunningJob) -> tuple[str, ...] | None:
    """The addresses the workbook gives the draft's client now (None: the client is gone)."""
    client = job.master.clients.get(message.client_key)
    return compose.clean_recipients(client).addresses if client is not None else None


def folded(addresses: Iterable[str]) -> set[str]:
    """Addresses compared as mail servers do, whatever their case."""
    return {address.casefold() for address in addresses}


def _recipients_moved(message: MessageState, job: DunningJob) -> Message | None:
    """The client's address changed in the workbook since the draft (a bounce, a typo the team
    mended): the draft would go to the old one. It is cancelled and drafted again, to the
    address the workbook gives now."""
    addresses = addresses_now(message, job)
    if addresses is None:
        return None  # the planner's rules say why, when it may no longer be reminded
    if not addresses:  # the address was removed (it bounced, the client left)
        return Message.of("dunning.stale_no_recipient", client=message.client,
                          drafted=list(message.recipients))
    if folded(message.recipients) == folded(addresses):
        return None
    return Message.of("dunning.stale_recipient", client=message.client,
                      drafted=list(message.recipients), now=list(addresses))


def _reason_text(reason: Message | None) -> str:
    """The reason as stored in the journal and shown in the workbook (French, workbook
    content)."""
    return text(reason, "fr") if reason is not None else ""


def _after_delivery(results: Sequence[DeliveryResult], batch: Sequence[Outgoing],
                    messages: dict[str, MessageState], job: DunningJob,
                    issues: list[Issue]) -> None:
    by_id = {o.id: o for o in batch}
    for result in results:
        client = messages[result.id].client
        if result.status == "sent":
            proof = (Path(job.folder) / messages[result.id].file).with_suffix(".envoye.eml")
            drafts.write_atomic(proof, by_id[result.id].data)
        elif result.status in ("failed", "refused", "uncertain"):
            issues.append(Issue.of(None, f"dunning.send_{result.status}", Severity.ERROR,
                                   id=result.id, client=client, problem=result.problem))
    not_attempted = [r for r in results if r.status == "not_attempted"]
    if not_attempted:
        issues.append(Issue.of(None, "dunning.send_stopped", Severity.ERROR,
                               problem=not_attempted[0].problem, count=len(not_attempted)))


def not_pending(message: MessageState) -> Message:
    """Why `suivi send --id` refuses a draft that is not waiting to be sent."""
    if message.status == SENT:
        return Message.of("dunning.already_sent", id=message.id, at=message.sent_at or "?")
    if message.status == SUPERSEDED:
        return Message.of("dunning.superseded", id=message.id, by=message.superseded_by)
    if message.status == CANCELLED:
        return Message.of("dunning.cancelled", id=message.id, reason=message.reason or "")
    if message.status == UNVERIFIED:
        return Message.of("dunning.unverified", id=message.id)
    return Message.of("dunning.draft_state", id=message.id, status=message.status)


def selected(select: Sequence[str] | None, recorder: Recorder,
             issues: list[Issue]) -> list[str]:
    """The ids to send: every pending one, or the chosen ones (a refused one may be chosen:
    naming it is the user's confirmation)."""
    state = recorder.state()
    if select is None:
        return [m.id for m in state.messages.values() if m.pending]
    ids = []
    for ident in select:
        message = state.messages.get(ident)
        if message is None:
            issues.append(Issue.of(None, "dunning.unknown_draft", Severity.ERROR, id=ident))
        elif message.status in (DRAFT, FAILED, REFUSED):
            ids.append(ident)
        else:
            issues.append(Issue.of(None, "dunning.not_pending", Severity.ERROR,
                                   problem=not_pending(message)))
    return ids


def resolve(recorder: Recorder, ids: Sequence[str], sent: bool, job: DunningJob) -> list[Message]:
    """The user checked uncertain (« à vérifier ») or refused messages: `sent=True` records an
    uncertain one as sent; `sent=False` makes it (or a refused one) pending again."""
    state = recorder.state()
    problems: list[Message] = []
    for ident in ids:
        message = state.messages.get(ident)
        allowed = (UNVERIFIED,) if sent else (UNVERIFIED, REFUSED)
        if message is None or message.status not in allowed:
            problems.append(Message.of("dunning.not_unverified" if sent else
                                       "dunning.not_resendable", id=ident))
            continue
        if sent:
            recorder.append({"type": "sent", "id": ident, "day": job.today, "resolved": True,
                             "recipients": message.recipients})
        else:
            recorder.append({"type": "resolved", "id": ident, "day": job.today, "sent": False})
    return problems
