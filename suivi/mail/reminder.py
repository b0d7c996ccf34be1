"""Composing one reminder: penalties, attachments, payment options, the formal-notice letter,
the EmailMessage and its journal record."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment

from suivi.core.models import ZERO, Client, ClientType, Invoice, Issue, Severity
from suivi.core.penalties import PenaltyResult, compute_penalties
from suivi.core.plan import PlannedMessage
from suivi.core.steps import Step
from suivi.documents.letter_model import Letter, LetterInvoice
from suivi.documents.model import Party

from . import compose, drafts
from .compose import MessageInputs
from .job import DunningJob


@dataclass(slots=True)
class Composed:
    id: str
    data: bytes
    record: dict[str, Any]
    letter: bytes | None
    issues: list[Issue] = field(default_factory=list)
    rendered: compose.Rendered | None = None
    qr_png: bytes | None = None


@dataclass(frozen=True, slots=True)
class ComposeContext:
    """What every reminder of a run shares."""

    job: DunningJob
    index: dict[str, Invoice]
    env: Environment
    day_dir: Path


def compose_reminder(ctx: ComposeContext, pm: PlannedMessage, client: Client,
                     message_id: str) -> Composed:
    job = ctx.job
    issues: list[Issue] = []
    recipients = compose.clean_recipients(client)
    issues.extend(recipients.issues)
    penalties = {item.number: compute_penalties(item.amount_due, item.due_date, job.today,
                                                client.type, job.settings.penalties)
                 for item in pm.items if item.days_late > 0}
    attachments, pdf_names = _invoice_copies(ctx, pm, issues)
    payment = compose.payment_options(job.seller, pm.total_due, pm.numbers, client.name,
                                      job.settings.qr_code)
    issues.extend(payment.issues)
    inputs = MessageInputs(pm, client, job.seller, job.today, penalties, payment, pdf_names,
                           False, job.settings.penalties, job.settings.policy.formal_notice_delay)
    letter: bytes | None = None
    if pm.step is Step.FORMAL_NOTICE:
        letter, problem = render_notice(ctx, pm, client, compose.message_context(
            _letter_inputs(inputs, job)), penalties)
        if problem:
            issues.append(problem)
    context = compose.message_context(_replace_letter(inputs, letter is not None))
    rendered = compose.render_message(ctx.env, pm.language, pm.step, client.type,
                                      client.template, context)
    if letter is not None:
        attachments.append(compose.Attachment(
            f"Mise_en_demeure_{drafts.slug(client.name)}.pdf", letter))
    data = compose.email_bytes(rendered, _headers(job, recipients, message_id), attachments,
                               payment.qr_png)
    record = _draft_record(job, ctx.day_dir, pm, message_id, recipients.addresses,
                           rendered.subject, letter is not None)
    return Composed(message_id, data, record, letter, issues, rendered, payment.qr_png)


def _replace_letter(inputs: MessageInputs, attached: bool) -> MessageInputs:
    return replace(inputs, letter_attached=attached)


def _letter_inputs(inputs: MessageInputs, job: DunningJob) -> MessageInputs:
    """What the formal-notice letter is made of: only the invoices it claims, whose payment
    reference it gives (the e-mail may also list the client's other invoices)."""
    pm = inputs.message
    claimed = pm.claimed
    if len(claimed) == len(pm.items):
        return _replace_letter(inputs, True)
    payment = compose.payment_options(job.seller, pm.claimed_due,
                                      tuple(i.number for i in claimed), inputs.client.name,
                                      want_qr=False)
    return replace(inputs, message=replace(pm, items=claimed), payment=payment,
                   letter_attached=True)


def _invoice_copies(ctx: ComposeContext, pm: PlannedMessage, issues: list[Issue]
                    ) -> tuple[list[compose.Attachment], dict[str, str]]:
    attachments: list[compose.Attachment] = []
    names: dict[str, str] = {}
    if not ctx.job.settings.attach_invoices or pm.client_type is ClientType.PUBLIC:
        return attachments, names  # a public buyer has its invoices on Chorus Pro
    for item in pm.items:
        invoice = ctx.index.get(item.number)
        if invoice is None or not invoice.pdf_file:
            continue
        path = Path(invoice.pdf_file)
        if not path.is_absolute():
            path = ctx.job.folder / path
        if path.is_file():
            attachments.append(compose.Attachment(path.name, path.read_bytes()))
            names[item.number] = path.name
        else:
            layout = ctx.job.master.layout
            issues.append(Issue.of(layout.ref("pdf_file", invoice.row), "dunning.pdf_missing",
                                   Severity.WARNING, number=item.number, file=invoice.pdf_file))
    return attachments, names


def _headers(job: DunningJob, recipients: compose.Recipients,
             message_id: str) -> compose.Headers:
    settings = job.settings
    sender_addr = settings.smtp.from_address or (job.seller.email if job.seller else "") or ""
    sender = None
    if sender_addr and compose.is_valid_email(sender_addr):
        name = settings.smtp.sender_name or (job.seller.name if job.seller else "")
        sender = compose.address(name, sender_addr)
    return compose.Headers(
        to=tuple(compose.address(recipients.display_name, a) for a in recipients.addresses),
        message_id=compose.message_id_for(message_id, sender_addr), draft_id=message_id,
        sent_date=datetime.now(UTC), sender=sender, reply_to=settings.reply_to,
        bcc=settings.team if settings.bcc_team else (),
        read_receipt_to=(settings.reply_to or sender_addr) if settings.read_receipt else None)


def _draft_record(job: DunningJob, day_dir: Path, pm: PlannedMessage, message_id: str,
                  recipients: tuple[str, ...], subject: str, letter: bool) -> dict[str, Any]:
    folder = job.folder
    letter_path = day_dir / f"{message_id}.lettre.pdf"
    return {
        "type": "draft", "id": message_id, "day": job.today, "client": pm.client,
        "client_key": pm.client_key, "step": int(pm.step), "mode": job.settings.delivery,
        "file": (day_dir / f"{message_id}.eml").relative_to(folder).as_posix(),
        "recipients": list(recipients), "language": pm.language, "amount": str(pm.total_due),
        "subject": subject,
        "letter": letter_path.relative_to(folder).as_posix() if letter else None,
        "items": [{"number": i.number, "row": i.row, "step": int(i.step),
                   "previous": int(i.previous.step), "advancing": i.advancing,
                   "due_date": i.due_date, "days_late": i.days_late,
                   "amount": str(i.amount_due),
                   "next_step": int(i.next_step) if i.next_step else None,
                   "next_date": i.next_date} for i in pm.items],
    }


def _address_parts(address: str | None) -> tuple[tuple[str, ...], str, str]:
    """Client address text → (street lines, postcode, city)."""
    if not address:
        return (), "", ""
    lines = [line.strip() for line in re.split(r"[\r\n]+", address) if line.strip()]
    if len(lines) == 1:
        lines = [part.strip() for part in lines[0].split(",") if part.strip()]
    if lines:
        match = re.match(r"^(\d{4,5})\s+(.+)$", lines[-1])
        if match:
            return tuple(lines[:-1]), match[1], match[2]
    return tuple(lines), "", ""


def render_notice(ctx: ComposeContext, pm: PlannedMessage, client: Client,
                  context: dict[str, Any], penalties: dict[str, PenaltyResult]
                  ) -> tuple[bytes | None, Issue | None]:
    """The formal-notice letter PDF, or an Issue saying why not."""
    job = ctx.job
    where = str(client.where) if client.where else "Clients"
    if job.seller is None:
        return None, Issue.of(where, "dunning.letter_no_seller", Severity.WARNING)
    street, postcode, city = _address_parts(client.address)
    recipient = Party(name=compose.one_line(client.name), address_lines=street,
                      postcode=postcode, city=city, siren=client.siren, email=client.email,
                      phone=client.phone)
    subject, paragraphs = compose.render_letter_text(ctx.env, pm.language, client.type,
                                                     client.template, context)
    rows = []
    for item in pm.claimed:  # the letter claims only the invoices that reached the notice
        if item.days_late <= 0 or item.issue_date is None:
            continue
        result = penalties.get(item.number)
        amount = (result.interest_cents + result.indemnity) if result else ZERO
        rows.append(LetterInvoice(item.number, item.issue_date, item.due_date, item.amount_due,
                                  item.days_late, amount))
    try:
        return job.letter_renderer(Letter(job.seller, recipient, job.today, subject,
                                          tuple(paragraphs), tuple(rows), pm.language)), None
    except Exception as exc:
        return None, Issue.of(where, "dunning.letter_failed", Severity.ERROR,
                              client=client.name, detail=str(exc))
