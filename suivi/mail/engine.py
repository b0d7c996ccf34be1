"""Dunning orchestration: the API the pipeline and the CLI call.

    history = load_history(folder, master)
    plan = plan_reminders(master.invoices, statuses, master.clients, history, today,
                          settings.policy, business_day_checker_for(settings))
    outcome = prepare_reminders(master, plan, seller, settings, folder, today, dry_run=False)
    # the pipeline writes outcome.updates and outcome.journal_rows in ONE lossless commit, then:
    mark_synced(folder, outcome)

    outcome = send_drafts(folder, master, settings, today, select=None)   # `suivi send`
    resolve_unverified(folder, ["20261125-dupont-relance1-3fa2"], sent=True, today=today)

`run_reminders(master, seller, settings, folder, today)` does the first three lines in one call.

* `prepare_reminders` writes the .eml drafts, letters, exports, review list and to-do list, and in
  `envoi = "direct"` mode sends every pending message (one SMTP connection per batch).
* `send_drafts` sends the pending drafts (all, or the `select`ed ids), after checking again in
  the workbook that none of their invoices was paid meanwhile (such drafts are cancelled).
* Both return a `DunningOutcome`: `updates` (FieldUpdate: Factures row, field, value),
  `journal_rows` (JournalEntry for the Journal sheet), the `digest`, `issues`, and `sync_keys`.
  Nothing is written to the workbook here: the pipeline applies the updates, then calls
  `mark_synced`. Until it does, every later run returns those updates again (reconciliation),
  without ever sending again.

Exactly once: see suivi.mail.journal. A message whose send started but whose result is unknown
(crash) is "à vérifier": listed in the digest, never resent until `resolve_unverified` says so.
"""
from __future__ import annotations

import logging
import re
import ssl
from collections.abc import Iterable, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from decimal import Decimal
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses, parseaddr
from pathlib import Path
from typing import Any, Iterator

from suivi.core.dunning import (STEP_KEYS, DunningHistory, PlannedMessage, PlannedTask,
                                ReminderPlan, SkipCode, StepReached, TaskKind, later,
                                plan_reminders)
from suivi.core.ledger import compute_status, compute_statuses
from suivi.core.models import (ZERO, Client, FieldUpdate, Invoice, Issue, JournalEntry, Master,
                               Severity, Status, normalise_name)
from suivi.core.penalties import PenaltyResult, compute_penalties
from suivi.core.steps import Step, parse_step
from suivi.mail import compose, drafts
from suivi.mail.config import DunningSettings, business_day_checker_for, is_valid_email
from suivi.mail.digest import Digest, DigestLine, render_html, render_text
from suivi.mail.journal import (CANCELLED, DRAFT, FAILED, SENT, SUPERSEDED, UNVERIFIED, Journal,
                                JournalState, MessageState, event_key, rebuild_state)
from suivi.mail.send import (DeliveryResult, Outgoing, SmtpUnavailable, TransportFactory, deliver,
                             transport_factory)

log = logging.getLogger("suivi.mail")

#: Fields of the Factures sheet that dunning updates (FieldUpdate.field).
FIELDS = ("reminder_step", "last_action", "last_action_date", "next_action", "next_action_date",
          "status_text")

CHANNEL_EMAIL = "email"
CHANNEL_LETTER = "courrier"
CHANNEL_PHONE = "téléphone"
CHANNEL_EXPORT = "export"
_FAILED_RESULTS = ("échec", "echec", "annul", "rempl", "erreur")


@dataclass(frozen=True, slots=True)
class DunningOutcome:
    """What a dunning run did, and what the workbook must now say."""

    updates: tuple[FieldUpdate, ...] = ()
    journal_rows: tuple[JournalEntry, ...] = ()
    digest: Digest | None = None
    issues: tuple[Issue, ...] = ()
    files: tuple[Path, ...] = ()
    sync_keys: tuple[str, ...] = ()
    drafted: tuple[str, ...] = ()
    sent: tuple[str, ...] = ()
    failed: tuple[str, ...] = ()
    cancelled: tuple[str, ...] = ()
    dry_run: bool = False

    @property
    def text(self) -> str:
        """The digest as plain French text."""
        return render_text(self.digest) if self.digest else ""

    @property
    def return_code(self) -> int:
        """0 when everything went through, 1 when some action failed or needs checking."""
        errors = any(i.severity is Severity.ERROR for i in self.issues)
        return 1 if (self.failed or errors or (self.digest and self.digest.unverified)) else 0


# ---------------------------------------------------------------------------------------------
# history

def load_history(folder: Path, master: Master) -> DunningHistory:
    """Last step per invoice and last message per client: journal.jsonl + Journal sheet.

    The workbook's Niveau de relance / Date dernière action are merged by the planner
    (`DunningHistory.step_of`), taking the maximum.
    """
    journal = Journal(folder)
    return history_from(rebuild_state(journal.read()), master)


def history_from(state: JournalState, master: Master) -> DunningHistory:
    steps: dict[str, StepReached] = {}
    last_message: dict[str, date] = {}

    def reach(number: str, step: Step, on: date | None) -> None:
        steps[number] = later(steps.get(number, StepReached()), StepReached(step, on))

    def contact(key: str, on: date | None) -> None:
        if key and on is not None and (key not in last_message or on > last_message[key]):
            last_message[key] = on

    for message in state.messages.values():
        for item in message.advancing:
            reach(item["number"], Step(int(item["step"])), message.day)
        if message.status not in (CANCELLED, SUPERSEDED):
            contact(message.client_key, message.sent_day or message.day)
            if message.sent_day and message.day:
                contact(message.client_key, max(message.sent_day, message.day))
    for task in state.tasks.values():
        for item in task.items:
            if item.get("advancing", True):
                reach(item["number"], Step(int(item["step"])), task.day)
    for entry in master.journal:
        step = parse_step(entry.step)
        if step is None or step is Step.NONE:
            continue
        result = (entry.result or "").casefold()
        if result.startswith(_FAILED_RESULTS):
            continue
        for number in entry.invoice_numbers:
            reach(number, step, entry.date)
        channel = (entry.channel or "").casefold()
        if channel.startswith(("email", "e-mail", "mail", "courrier", "lettre")):
            contact(normalise_name(entry.client), entry.date)
    return DunningHistory(steps=steps, last_message=last_message)


# ---------------------------------------------------------------------------------------------
# recording (journal file, or memory in a dry run)

class _Recorder:
    """Appends to the journal, or only keeps the records in memory for a dry run."""

    def __init__(self, journal: Journal, dry_run: bool):
        self.journal = journal
        self.dry_run = dry_run
        self.records: list[dict[str, Any]] = journal.read()
        self.problems = list(journal.problems)
        self.new: list[dict[str, Any]] = []
        self._seq = 0

    def append(self, record: dict[str, Any]) -> dict[str, Any]:
        record = dict(record)
        if not self.dry_run:
            record = self.journal.append(record)
        else:
            record.setdefault("ts", datetime.now(timezone.utc).isoformat(timespec="seconds"))
        self.records.append(record)
        self.new.append(record)
        return record

    def state(self) -> JournalState:
        return rebuild_state(self.records)


class _JournalView(Journal):
    """A Journal whose appends go through a _Recorder (so dry runs and state stay in step)."""

    def __init__(self, recorder: _Recorder):
        super().__init__(recorder.journal.folder)
        self.recorder = recorder

    def append(self, record: dict[str, Any]) -> dict[str, Any]:  # type: ignore[override]
        return self.recorder.append(record)


@contextmanager
def _send_log(folder: Path, dry_run: bool) -> Iterator[None]:
    """Log sending to .suivi/logs/relances.log for the duration of a run."""
    if dry_run:
        yield
        return
    path = Path(folder) / ".suivi" / "logs" / "relances.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    previous = log.level
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    try:
        yield
    finally:
        log.removeHandler(handler)
        log.setLevel(previous)
        handler.close()


# ---------------------------------------------------------------------------------------------
# helpers

def _invoice_index(master: Master) -> dict[str, Invoice]:
    index: dict[str, Invoice] = {}
    for invoice in master.invoices:
        if invoice.number and invoice.number not in index:
            index[invoice.number] = invoice
    return index


def _money(value: Decimal | str, lang: str = "fr") -> str:
    return compose.money(Decimal(str(value)), lang)


def _fmt(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _as_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _seller_party_lines(address: str | None) -> tuple[tuple[str, ...], str, str]:
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


def _stale_reason(numbers: Iterable[str], index: Mapping[str, Invoice], today: date) -> str | None:
    """Why a message about these invoices must not go out any more (None when it may)."""
    problems = []
    for number in numbers:
        invoice = index.get(number)
        if invoice is None:
            problems.append(f"facture {number} absente du classeur")
            continue
        info = compute_status(invoice, today)
        if info.status in (Status.PAID, Status.OVERPAID):
            problems.append(f"facture {number} réglée")
        elif info.status in (Status.CANCELLED, Status.CREDIT_NOTE):
            problems.append(f"facture {number} {info.status.value}")
        elif info.status is Status.DISPUTED or invoice.dispute:
            problems.append(f"facture {number} en litige")
    return "; ".join(problems) if problems else None


def _pdf_cell(master: Master, invoice: Invoice) -> str:
    layout = master.layouts.get(invoice.sheet, master.layout)
    return str(layout.ref("pdf_file", invoice.row))


# ---------------------------------------------------------------------------------------------
# composing one message

@dataclass(slots=True)
class _Composed:
    id: str
    message: EmailMessage | None
    data: bytes
    record: dict[str, Any]
    letter: bytes | None
    issues: list[Issue] = field(default_factory=list)


def _compose(pm: PlannedMessage, client: Client, master: Master, index: Mapping[str, Invoice],
             seller: Any, settings: DunningSettings, folder: Path, today: date, env,
             message_id: str, day_dir: Path) -> _Composed:
    issues: list[Issue] = []
    recipients = compose.clean_recipients(client)
    issues.extend(recipients.issues)
    lang = pm.language
    penalties: dict[str, PenaltyResult] = {}
    for item in pm.items:
        if item.days_late > 0:
            result = compute_penalties(item.amount_due, item.due_date, today, client.type,
                                       settings.penalties)
            penalties[item.number] = result
    attachments: list[compose.Attachment] = []
    pdf_names: dict[str, str] = {}
    if settings.attach_invoices:
        for item in pm.items:
            invoice = index.get(item.number)
            if invoice is None or not invoice.pdf_file:
                continue
            path = Path(invoice.pdf_file)
            if not path.is_absolute():
                path = Path(folder) / path
            if path.is_file():
                name = path.name
                attachments.append(compose.Attachment(name, path.read_bytes()))
                pdf_names[item.number] = name
            else:
                issues.append(Issue(_pdf_cell(master, invoice), "dunning.pdf_missing",
                                    Severity.WARNING,
                                    f"facture {item.number} : fichier PDF « {invoice.pdf_file} » "
                                    f"introuvable, relance sans copie de la facture"))
    payment = compose.payment_options(seller, pm.total_due, pm.numbers, client.name,
                                      settings.qr_code)
    issues.extend(payment.issues)
    letter_bytes: bytes | None = None
    letter_name = f"{message_id}.lettre.pdf"
    policy = settings.penalties

    def context(letter_attached: bool) -> dict[str, Any]:
        return compose.message_context(pm, client, seller, today, penalties, payment, pdf_names,
                                       letter_attached, policy.margin, policy.public_margin,
                                       policy.contract_rate, policy.indemnity,
                                       settings.policy.formal_notice_delay)

    if pm.step is Step.FORMAL_NOTICE:
        letter_bytes, problem = _render_letter(pm, client, seller, today, env, context(True),
                                               penalties)
        if problem:
            issues.append(problem)
    ctx = context(letter_bytes is not None)
    rendered = compose.render_message(env, lang, pm.step, client.type, client.template, ctx)
    sender_addr = settings.smtp.from_address or (getattr(seller, "email", None) or "")
    sender = None
    if sender_addr and is_valid_email(sender_addr):
        sender_name = settings.smtp.sender_name or getattr(seller, "name", "") or ""
        sender = compose.address(sender_name, sender_addr)
    to = tuple(compose.address(recipients.display_name, a) for a in recipients.addresses)
    headers = compose.Headers(
        to=to, message_id=compose.message_id_for(message_id, sender_addr), draft_id=message_id,
        sent_date=datetime.now(timezone.utc), sender=sender,
        reply_to=settings.reply_to, bcc=settings.team if settings.bcc_team else (),
        read_receipt_to=(settings.reply_to or sender_addr) if settings.read_receipt else None)
    if letter_bytes is not None:
        attachments.append(compose.Attachment(f"Mise_en_demeure_{drafts.slug(client.name)}.pdf",
                                              letter_bytes))
    message = compose.build_email(rendered, headers, attachments, payment.qr_png)
    data = compose.message_bytes(message)
    relative = (day_dir / f"{message_id}.eml").relative_to(folder).as_posix()
    record = {
        "type": "draft", "id": message_id, "day": today, "client": client.name,
        "client_key": pm.client_key, "step": int(pm.step), "mode": settings.delivery,
        "file": relative, "recipients": list(recipients.addresses), "language": lang,
        "amount": str(pm.total_due), "subject": rendered.subject,
        "letter": (day_dir / letter_name).relative_to(folder).as_posix() if letter_bytes else None,
        "items": [{"number": i.number, "row": i.row, "step": int(i.step),
                   "previous": int(i.previous.step), "advancing": i.advancing,
                   "due_date": i.due_date, "days_late": i.days_late,
                   "amount": str(i.amount_due),
                   "next_step": int(i.next_step) if i.next_step else None,
                   "next_date": i.next_date} for i in pm.items],
    }
    return _Composed(message_id, message, data, record, letter_bytes, issues)


def _render_letter(pm: PlannedMessage, client: Client, seller: Any, today: date, env,
                   ctx: Mapping[str, Any], penalties: Mapping[str, PenaltyResult]
                   ) -> tuple[bytes | None, Issue | None]:
    """The formal-notice letter PDF (suivi.documents.letter), or an Issue saying why not."""
    where = str(client.where) if client.where else "Clients"
    try:
        from suivi.documents.letter import render_letter
        from suivi.documents.model import Party
    except ImportError:
        return None, Issue(where, "dunning.letter_unavailable", Severity.WARNING,
                           f"mise en demeure de « {client.name} » : module de lettre PDF absent, "
                           f"l'e-mail part sans lettre jointe ; rédigez le courrier recommandé")
    if seller is None:
        return None, Issue(where, "dunning.letter_no_seller", Severity.WARNING,
                           "mise en demeure : informations du vendeur absentes, pas de lettre PDF")
    street, postcode, city = _seller_party_lines(client.address)
    recipient = Party(name=compose.one_line(client.name), address_lines=street, postcode=postcode,
                      city=city, siren=client.siren, email=client.email, phone=client.phone)
    subject, paragraphs = compose.render_letter_text(env, pm.language, client.type,
                                                     client.template, ctx)
    rows = []
    for item in pm.items:
        if item.days_late <= 0:
            continue
        result = penalties.get(item.number)
        amount = (result.interest_cents + result.indemnity) if result else ZERO
        rows.append((item.number, item.issue_date, item.due_date, item.amount_due,
                     item.days_late, amount))
    try:
        return render_letter(seller, recipient, today, subject, paragraphs, rows,
                             pm.language), None
    except Exception as exc:  # noqa: BLE001 - a letter failure must not stop the reminders
        return None, Issue(where, "dunning.letter_failed", Severity.ERROR,
                           f"mise en demeure de « {client.name} » : la lettre PDF n'a pas pu être "
                           f"produite ({exc}) ; l'e-mail part sans lettre")


# ---------------------------------------------------------------------------------------------
# workbook updates from journal events

def _step_of(value: Any) -> Step:
    return Step(int(value))


def _effects_to_updates(effects: Sequence[tuple[str, dict[str, Any]]], state: JournalState,
                        master: Master) -> tuple[list[FieldUpdate], list[JournalEntry]]:
    index = _invoice_index(master)
    updates: list[FieldUpdate] = []
    rows: list[JournalEntry] = []

    def row_of(item: Mapping[str, Any]) -> int | None:
        invoice = index.get(item["number"])
        return invoice.row if invoice else item.get("row")

    def set_fields(item: Mapping[str, Any], **values: Any) -> None:
        row = row_of(item)
        if row is None:
            return
        for name, value in values.items():
            updates.append(FieldUpdate(int(row), name, value))

    def next_fields(item: Mapping[str, Any]) -> dict[str, Any]:
        nxt = item.get("next_step")
        when = _as_date(item.get("next_date"))
        if not nxt:
            return {"next_action": "", "next_action_date": None}
        return {"next_action": Step(int(nxt)).label, "next_action_date": when}

    for _, record in effects:
        kind = record["type"]
        day = _as_date(record.get("day")) or _as_date(record.get("ts"))
        if kind == "task":
            task_kind = record["kind"]
            step = _step_of(record["step"])
            channel = CHANNEL_PHONE if task_kind == TaskKind.CALL else CHANNEL_EXPORT
            if task_kind == TaskKind.CALL:
                action = f"{step.label} à passer" + (f" ({record['phone']})" if record.get("phone")
                                                      else "")
                result = "à faire"
            else:
                action = "Dossier transmis au recouvrement"
                result = "dossier exporté"
            for item in record["items"]:
                set_fields(item, reminder_step=int(item["step"]), last_action=action,
                           last_action_date=day, **next_fields(item))
            rows.append(JournalEntry(day, tuple(i["number"] for i in record["items"]),
                                     record["client"], step.label, channel,
                                     record.get("phone"), result, record.get("file")))
            continue
        message = state.messages.get(record["id"])
        if message is None:
            continue
        step = _step_of(message.step)
        numbers = tuple(message.numbers)
        recipients = ", ".join(message.recipients)
        if kind == "draft":
            direct = message.mode == "direct"
            action = (f"{step.label} : préparée" if direct
                      else f"{step.label} : brouillon à valider ({message.id})")
            for item in message.advancing:
                set_fields(item, reminder_step=int(item["step"]), last_action=action,
                           last_action_date=day, **next_fields(item))
            if not direct:
                rows.append(JournalEntry(day, numbers, message.client, step.label,
                                         CHANNEL_EMAIL, recipients, "brouillon", message.file))
            if message.letter:
                rows.append(JournalEntry(day, numbers, message.client, step.label,
                                         CHANNEL_LETTER, message.client, "lettre à poster",
                                         message.letter))
        elif kind == "sent":
            action = f"{step.label} envoyée par e-mail"
            for item in message.advancing:
                set_fields(item, last_action=action, last_action_date=day)
            rows.append(JournalEntry(day, numbers, message.client, step.label, CHANNEL_EMAIL,
                                     recipients, "envoyé", message.file))
        elif kind == "failed":
            error = record.get("error") or ""
            retry = "" if record.get("permanent") else ", nouvel essai au prochain passage"
            for item in message.advancing:
                set_fields(item, last_action=f"{step.label} : échec d'envoi{retry}",
                           last_action_date=day)
            rows.append(JournalEntry(day, numbers, message.client, step.label, CHANNEL_EMAIL,
                                     recipients, f"échec : {error}"[:250], message.file))
        elif kind == "cancelled":
            reason = record.get("reason") or ""
            for item in message.advancing:
                set_fields(item, last_action=f"{step.label} annulée ({reason})"[:250],
                           last_action_date=day)
            rows.append(JournalEntry(day, numbers, message.client, step.label, CHANNEL_EMAIL,
                                     recipients, f"annulé : {reason}"[:250], message.file))
    return updates, rows


def _collapse(updates: Iterable[FieldUpdate]) -> tuple[FieldUpdate, ...]:
    """Keep the last value for each (row, field), in first-seen order."""
    last: dict[tuple[int, str], FieldUpdate] = {}
    for update in updates:
        last.pop((update.row, update.field), None)
        last[(update.row, update.field)] = update
    return tuple(last.values())


def _new_rows(rows: Iterable[JournalEntry], master: Master) -> tuple[JournalEntry, ...]:
    """Journal rows not already in the Journal sheet (a commit that succeeded unrecorded)."""
    def key(entry: JournalEntry) -> tuple:
        return (entry.date, tuple(entry.invoice_numbers), (entry.step or "").casefold(),
                (entry.channel or "").casefold(), (entry.result or "").casefold())

    existing = {key(entry) for entry in master.journal}
    result: list[JournalEntry] = []
    for entry in rows:
        k = key(entry)
        if k not in existing:
            existing.add(k)
            result.append(entry)
    return tuple(result)


_OUR_LABELS = tuple(step.label for step in Step if step is not Step.NONE) + (
    "Litige", "Promesse de paiement", "Brouillon", "Dossier transmis")


def _next_action_updates(plan: ReminderPlan, master: Master) -> list[FieldUpdate]:
    """Prochaine action for invoices with nothing done today (waiting, paused, paid)."""
    index = {inv.row: inv for inv in master.invoices}
    updates: list[FieldUpdate] = []
    for skip in plan.skipped:
        invoice = index.get(skip.row)
        if invoice is None:
            continue
        text: str | None
        when: date | None
        if skip.code in (SkipCode.WAITING, SkipCode.MIN_INTERVAL, SkipCode.NOT_BUSINESS_DAY):
            if skip.next_step is None:
                continue
            text, when = skip.next_step.label, skip.next_date
        elif skip.code is SkipCode.DISPUTE:
            text, when = "Litige : relances suspendues", None
        elif skip.code is SkipCode.PROMISE:
            text, when = "Promesse de paiement : relances suspendues", skip.next_date
        elif skip.code in (SkipCode.PAID, SkipCode.CLOSED):
            if not invoice.next_action or not invoice.next_action.startswith(_OUR_LABELS):
                continue
            text, when = "", None
        else:
            continue
        if (invoice.next_action or "") != text:
            updates.append(FieldUpdate(invoice.row, "next_action", text))
        if invoice.next_action_date != when:
            updates.append(FieldUpdate(invoice.row, "next_action_date", when))
    return updates


# ---------------------------------------------------------------------------------------------
# sending pending messages

def _outgoing(message: MessageState, folder: Path, settings: DunningSettings, seller: Any
              ) -> tuple[Outgoing | None, str | None]:
    """Load a draft file as a message to send; (None, reason) when it cannot go."""
    path = Path(folder) / message.file
    if not path.is_file():
        return None, f"brouillon supprimé ({message.file})"
    raw = path.read_bytes()
    headers = drafts.read_headers(raw)
    if str(headers.get("X-Suivi-Id", "")).strip() != message.id:
        return None, f"le fichier {message.file} ne correspond plus au brouillon {message.id}"
    recipients = []
    for header in ("To", "Cc", "Bcc"):
        for _, addr in getaddresses([str(v) for v in headers.get_all(header, [])]):
            if not is_valid_email(addr):
                return None, f"adresse invalide « {addr} » dans {message.file}"
            recipients.append(addr)
    if not recipients:
        return None, f"aucun destinataire dans {message.file}"
    from_header = parseaddr(str(headers.get("From", "")))[1]
    sender = settings.smtp.from_address or from_header or (getattr(seller, "email", None) or "")
    if not sender or not is_valid_email(sender):
        return None, "aucune adresse d'expéditeur : renseignez [smtp] expediteur"
    data = drafts.for_sending(raw, format_datetime(datetime.now(timezone.utc)))
    if not from_header:
        from_line = f"From: {compose.address(settings.smtp.sender_name or '', sender)}"
        data = from_line.encode("utf-8") + b"\r\n" + data
    return Outgoing(message.id, data, sender, tuple(dict.fromkeys(recipients)),
                    str(headers.get("Message-ID", ""))), None


def _send_pending(ids: Sequence[str], recorder: _Recorder, master: Master,
                  settings: DunningSettings, folder: Path, today: date, seller: Any,
                  factory: TransportFactory | None, ssl_context: ssl.SSLContext | None,
                  environ: Mapping[str, str] | None, issues: list[Issue]
                  ) -> tuple[list[DeliveryResult], list[str]]:
    """Check and send the given pending messages. Returns delivery results and cancelled ids."""
    state = recorder.state()
    index = _invoice_index(master)
    batch: list[Outgoing] = []
    cancelled: list[str] = []
    for ident in ids:
        message = state.messages[ident]
        stale = _stale_reason(message.numbers, index, today)
        if stale is None:
            outgoing, stale = _outgoing(message, folder, settings, seller)
        else:
            outgoing = None
        if outgoing is None:
            recorder.append({"type": "cancelled", "id": ident, "day": today, "reason": stale})
            cancelled.append(ident)
            continue
        batch.append(outgoing)
    if not batch or recorder.dry_run:
        return [DeliveryResult(o.id, "not_attempted", "simulation") for o in batch], cancelled
    secrets: list[str | None] = []
    if factory is None:
        try:
            factory, password = transport_factory(settings.smtp, environ, ssl_context)
            secrets.append(password)
        except SmtpUnavailable as exc:
            issues.append(Issue("suivi.toml", "dunning.smtp_unavailable", Severity.ERROR,
                                f"envoi impossible : {exc}"))
            return [DeliveryResult(o.id, "not_attempted", str(exc)) for o in batch], cancelled
    results = deliver(batch, factory, _JournalView(recorder), settings.smtp, today, secrets)
    by_id = {o.id: o for o in batch}
    for result in results:
        if result.status == "sent":
            message = state.messages[result.id]
            proof = (Path(folder) / message.file).with_suffix(".envoye.eml")
            drafts.write_atomic(proof, by_id[result.id].data)
        elif result.status == "failed":
            issues.append(Issue(None, "dunning.send_failed", Severity.ERROR,
                                f"relance {result.id} ({state.messages[result.id].client}) non "
                                f"envoyée : {result.error}"))
    not_attempted = [r for r in results if r.status == "not_attempted"]
    if not_attempted:
        issues.append(Issue(None, "dunning.send_stopped", Severity.ERROR,
                            f"envoi interrompu : {not_attempted[0].error} ; "
                            f"{len(not_attempted)} message(s) partiront au prochain passage"))
    return results, cancelled


# ---------------------------------------------------------------------------------------------
# the API

def prepare_reminders(master: Master, plan: ReminderPlan, seller: Any,
                      settings: DunningSettings, folder: Path, today: date,
                      dry_run: bool = False, *, connect: TransportFactory | None = None,
                      ssl_context: ssl.SSLContext | None = None,
                      environ: Mapping[str, str] | None = None) -> DunningOutcome:
    """Carry out a plan: drafts (or direct sending), tasks, exports, digest, workbook updates.

    `connect` (a transport factory), `ssl_context` and `environ` are for tests and special
    setups; by default the transport is yagmail with [smtp] and the password from the
    environment or the keyring.
    """
    folder = Path(folder)
    journal = Journal(folder)
    with _send_log(folder, dry_run), _locked(journal, dry_run):
        recorder = _Recorder(journal, dry_run)
        before = recorder.state()
        issues: list[Issue] = list(plan.issues)
        issues.extend(Issue(".suivi/journal.jsonl", "dunning.journal", Severity.WARNING, p)
                      for p in recorder.problems)
        files: list[Path] = []
        day_dir = drafts.day_folder(folder, settings.drafts_folder, today)
        user_templates = folder / settings.templates_folder
        env = compose.template_environment(user_templates)
        drafted: list[str] = []
        index = _invoice_index(master)
        unsent_by_client: dict[str, list[MessageState]] = {}
        for older in before.messages.values():
            unsent_by_client.setdefault(older.client_key, []).append(older)
        for pm in plan.messages:
            ident = drafts.message_id(today, pm.client_key, pm.client, STEP_KEYS[pm.step])
            if ident in before.messages:
                continue
            client = master.clients.get(pm.client_key)
            if client is None:
                continue
            stale = _stale_reason([i.number for i in pm.advancing], index, today)
            if stale:
                issues.append(Issue(None, "dunning.stale_plan", Severity.WARNING,
                                    f"relance de {pm.client} non préparée : {stale}"))
                continue
            try:
                composed = _compose(pm, client, master, index, seller, settings, folder, today,
                                    env, ident, day_dir)
            except compose.TemplateProblem as exc:
                issues.append(Issue(str(user_templates), "dunning.template", Severity.ERROR,
                                    f"relance de {pm.client} non préparée : {exc}"))
                continue
            issues.extend(composed.issues)
            if not composed.record["recipients"]:
                issues.append(Issue(client.where or "Clients", "dunning.no_recipient",
                                    Severity.ERROR,
                                    f"relance de {pm.client} non préparée : aucune adresse "
                                    f"e-mail valide"))
                continue
            if not dry_run:
                if composed.letter is not None:
                    letter_path = folder / composed.record["letter"]
                    drafts.write_atomic(letter_path, composed.letter)
                    files.append(letter_path)
                eml = folder / composed.record["file"]
                drafts.write_atomic(eml, composed.data)
                files.append(eml)
            for older in unsent_by_client.get(pm.client_key, ()):
                if older.status in (DRAFT, FAILED):
                    recorder.append({"type": "superseded", "id": older.id, "day": today,
                                     "by": ident})
            recorder.append(composed.record)
            drafted.append(ident)
        tasks_done = _carry_out_tasks(plan.tasks, before, recorder, master, settings, folder,
                                      today, day_dir, files)
        results: list[DeliveryResult] = []
        cancelled: list[str] = []
        if settings.direct:
            pending = [m.id for m in recorder.state().messages.values() if m.pending]
            results, cancelled = _send_pending(pending, recorder, master, settings, folder,
                                               today, seller, connect, ssl_context, environ,
                                               issues)
        outcome = _finish(recorder, master, settings, folder, today, plan, issues, files,
                          drafted, results, cancelled, tasks_done, before)
        if settings.team and not dry_run:
            _email_team(outcome, recorder, settings, today, seller, connect, ssl_context, environ)
        return outcome


def send_drafts(folder: Path, master: Master, settings: DunningSettings, today: date,
                select: Sequence[str] | None = None, dry_run: bool = False, *,
                seller: Any = None, connect: TransportFactory | None = None,
                ssl_context: ssl.SSLContext | None = None,
                environ: Mapping[str, str] | None = None) -> DunningOutcome:
    """`suivi send`: send pending drafts (all, or the ids in `select`).

    Each draft is checked against the workbook first: a draft one of whose invoices is paid,
    cancelled or disputed since is cancelled, never sent. Sent, superseded, cancelled and
    "à vérifier" drafts are refused with a French explanation.
    """
    folder = Path(folder)
    journal = Journal(folder)
    with _send_log(folder, dry_run), _locked(journal, dry_run):
        recorder = _Recorder(journal, dry_run)
        before = recorder.state()
        issues: list[Issue] = [Issue(".suivi/journal.jsonl", "dunning.journal", Severity.WARNING, p)
                               for p in recorder.problems]
        if select is None:
            ids = [m.id for m in before.messages.values() if m.pending]
        else:
            ids = []
            for ident in select:
                message = before.messages.get(ident)
                if message is None:
                    issues.append(Issue(None, "dunning.unknown_draft", Severity.ERROR,
                                        f"brouillon « {ident} » inconnu (voir brouillons.csv)"))
                elif message.status == DRAFT or message.status == FAILED:
                    ids.append(ident)
                else:
                    issues.append(Issue(None, "dunning.not_pending", Severity.ERROR,
                                        _not_pending_text(message)))
        results, cancelled = _send_pending(ids, recorder, master, settings, folder, today, seller,
                                           connect, ssl_context, environ, issues)
        return _finish(recorder, master, settings, folder, today, None, issues, [], [], results,
                       cancelled, [], before)


def _not_pending_text(message: MessageState) -> str:
    if message.status == SENT:
        return f"brouillon {message.id} déjà envoyé le {message.sent_at or '?'} : pas de second envoi"
    if message.status == SUPERSEDED:
        return f"brouillon {message.id} remplacé par {message.superseded_by} : envoyez celui-ci"
    if message.status == CANCELLED:
        return f"brouillon {message.id} annulé ({message.reason})"
    if message.status == UNVERIFIED:
        return (f"brouillon {message.id} à vérifier : un envoi a commencé sans réponse du "
                f"serveur ; vérifiez puis utilisez resolve_unverified")
    return f"brouillon {message.id} : état {message.status}"


def mark_synced(folder: Path, outcome: DunningOutcome) -> None:
    """Call AFTER the workbook commit of `outcome` succeeded: those events are now reflected."""
    if outcome.dry_run or not outcome.sync_keys:
        return
    journal = Journal(folder)
    journal.append({"type": "synced", "keys": list(outcome.sync_keys)})


def resolve_unverified(folder: Path, ids: Sequence[str], sent: bool, today: date) -> list[str]:
    """The user checked "à vérifier" messages: `sent=True` records them as sent (workbook updated
    by the next run), `sent=False` makes them pending again. Returns French problems."""
    journal = Journal(folder)
    problems: list[str] = []
    with journal.lock():
        state = rebuild_state(journal.read())
        for ident in ids:
            message = state.messages.get(ident)
            if message is None or message.status != UNVERIFIED:
                problems.append(f"« {ident} » n'est pas un envoi à vérifier")
                continue
            if sent:
                journal.append({"type": "sent", "id": ident, "day": today, "resolved": True,
                                "recipients": message.recipients})
            else:
                journal.append({"type": "resolved", "id": ident, "day": today, "sent": False})
    return problems


def run_reminders(master: Master, seller: Any, settings: DunningSettings, folder: Path,
                  today: date, dry_run: bool = False, **kwargs: Any
                  ) -> tuple[ReminderPlan, DunningOutcome]:
    """History → plan → prepare, in one call (what the daily run does)."""
    history = load_history(folder, master)
    statuses = compute_statuses(master.invoices, today)
    plan = plan_reminders(master.invoices, statuses, master.clients, history, today,
                          settings.policy, business_day_checker_for(settings))
    return plan, prepare_reminders(master, plan, seller, settings, folder, today, dry_run,
                                   **kwargs)


@contextmanager
def _locked(journal: Journal, dry_run: bool) -> Iterator[None]:
    if dry_run:
        yield
        return
    with journal.lock():
        yield


# ---------------------------------------------------------------------------------------------
# tasks and collection export

def _carry_out_tasks(tasks: Sequence[PlannedTask], before: JournalState, recorder: _Recorder,
                     master: Master, settings: DunningSettings, folder: Path, today: date,
                     day_dir: Path, files: list[Path]) -> list[str]:
    done: list[str] = []
    for task in tasks:
        if task.kind is TaskKind.LETTER:
            continue
        ident = drafts.task_id(today, task.client_key, task.client, task.kind.value)
        if ident in before.tasks:
            continue
        export = None
        if task.kind is TaskKind.COLLECTION:
            target = day_dir / drafts.COLLECTION_DIR / drafts.slug(task.client, 40)
            export = target.relative_to(folder).as_posix()
            if not recorder.dry_run:
                files.extend(_export_collection(task, target, before, master, folder))
        recorder.append({
            "type": "task", "id": ident, "day": today, "kind": task.kind.value,
            "client": task.client, "client_key": task.client_key, "phone": task.phone,
            "step": int(max(i.step for i in task.items)), "file": export,
            "items": [{"number": i.number, "row": i.row, "step": int(i.step),
                       "advancing": i.advancing, "amount": str(i.amount_due),
                       "next_step": int(i.next_step) if i.next_step else None,
                       "next_date": i.next_date} for i in task.items],
        })
        done.append(ident)
    return done


def _export_collection(task: PlannedTask, target: Path, state: JournalState, master: Master,
                       folder: Path) -> list[Path]:
    """Invoice PDFs, reminder history (CSV) and proofs of sending, in one folder."""
    written: list[Path] = []
    target.mkdir(parents=True, exist_ok=True)
    numbers = set(task.numbers)
    index = _invoice_index(master)
    for number in sorted(numbers):
        invoice = index.get(number)
        if invoice is not None and invoice.pdf_file:
            source = Path(invoice.pdf_file)
            copied = drafts.copy_into(source if source.is_absolute() else folder / source, target)
            if copied:
                written.append(copied)
    history: list[tuple[str, ...]] = []
    proofs = target / "preuves"
    for message in sorted(state.messages.values(), key=lambda m: (m.day, m.id)):
        if not numbers & set(message.numbers):
            continue
        history.append((_fmt(message.day), ", ".join(message.numbers), message.client,
                        Step(message.step).label, CHANNEL_EMAIL, ", ".join(message.recipients),
                        message.status + (f" le {message.sent_at}" if message.sent_at else ""),
                        message.file))
        eml = folder / message.file
        for candidate in (eml.with_suffix(".envoye.eml"), eml):
            copied = drafts.copy_into(candidate, proofs)
            if copied:
                written.append(copied)
                break
        if message.letter:
            copied = drafts.copy_into(folder / message.letter, proofs)
            if copied:
                written.append(copied)
    for entry in master.journal:
        if numbers & set(entry.invoice_numbers):
            history.append((_fmt(entry.date), ", ".join(entry.invoice_numbers), entry.client or "",
                            entry.step or "", entry.channel or "", entry.recipient or "",
                            entry.result or "", entry.file or ""))
    history_path = target / "historique_relances.csv"
    drafts.write_history_csv(history_path, history)
    written.append(history_path)
    total = sum((i.amount_due for i in task.items), ZERO)
    summary = [f"Dossier de recouvrement : {task.client}", "", "Factures impayées :"]
    for item in task.items:
        summary.append(f"  - {item.number} : {_money(item.amount_due)} restant dû, échéance "
                       f"{_fmt(item.due_date)} ({item.days_late} jours de retard)")
    summary += ["", f"Total : {_money(total)}", "",
                "Contenu : copies des factures (PDF), historique_relances.csv, preuves/ (messages "
                "envoyés et lettres de mise en demeure)."]
    readme = target / "LISEZMOI.txt"
    drafts.write_atomic(readme, ("\n".join(summary) + "\n").encode("utf-8"))
    written.append(readme)
    return written


# ---------------------------------------------------------------------------------------------
# outcome and digest

def _finish(recorder: _Recorder, master: Master, settings: DunningSettings, folder: Path,
            today: date, plan: ReminderPlan | None, issues: list[Issue], files: list[Path],
            drafted: list[str], results: Sequence[DeliveryResult], cancelled: list[str],
            tasks_done: list[str], before: JournalState) -> DunningOutcome:
    state = recorder.state()
    new_keys = {event_key(r) for r in recorder.new if "id" in r}
    unsynced = state.unsynced()
    updates, rows = _effects_to_updates(unsynced, state, master)
    if plan is not None:
        updates = _next_action_updates(plan, master) + updates
    reconciled = sum(1 for key, _ in unsynced if key not in new_keys)
    sent = tuple(r.id for r in results if r.status == "sent")
    # a simulation attempts nothing: what it would send is not a failure
    failed = () if recorder.dry_run else tuple(r.id for r in results if r.status != "sent")
    digest = _digest(state, plan, issues, today, recorder.dry_run, settings, drafted, sent,
                     failed, cancelled, reconciled)
    if not recorder.dry_run:
        files.extend(_write_day_lists(state, digest, settings, folder, today))
    return DunningOutcome(
        updates=_collapse(updates), journal_rows=_new_rows(rows, master), digest=digest,
        issues=tuple(issues), files=tuple(files),
        sync_keys=tuple(key for key, _ in unsynced), drafted=tuple(drafted), sent=sent,
        failed=failed, cancelled=tuple(cancelled), dry_run=recorder.dry_run)


def _write_day_lists(state: JournalState, digest: Digest, settings: DunningSettings,
                     folder: Path, today: date) -> list[Path]:
    day_dir = drafts.day_folder(folder, settings.drafts_folder, today)
    todays = [m for m in state.messages.values() if m.day == today]
    written: list[Path] = []
    if todays:
        rows = [drafts.ReviewRow(m.id, m.client, ", ".join(m.recipients), m.step,
                                 ", ".join(m.numbers), _money(m.amount, m.language), m.status,
                                 Path(m.file).name,
                                 m.error or m.reason or (f"remplacé par {m.superseded_by}"
                                                         if m.superseded_by else ""))
                for m in sorted(todays, key=lambda m: m.id)]
        written += drafts.write_review_list(day_dir, rows, today)
    if not digest.empty or day_dir.exists():
        drafts.write_atomic(day_dir / drafts.TODO_HTML, render_html(digest).encode("utf-8"))
        drafts.write_atomic(day_dir / drafts.TODO_TXT, render_text(digest).encode("utf-8"))
        written += [day_dir / drafts.TODO_HTML, day_dir / drafts.TODO_TXT]
    return written


def _digest(state: JournalState, plan: ReminderPlan | None, issues: Sequence[Issue], today: date,
            dry_run: bool, settings: DunningSettings, drafted: Sequence[str],
            sent: Sequence[str], failed: Sequence[str], cancelled: Sequence[str],
            reconciled: int) -> Digest:
    def line(message: MessageState, detail: str = "") -> DigestLine:
        return DigestLine(message.client, Step(message.step).label, tuple(message.numbers),
                          _money(message.amount, "fr"), detail or ", ".join(message.recipients),
                          message.id)

    messages = state.messages
    calls: list[DigestLine] = []
    letters: list[DigestLine] = []
    collection: list[DigestLine] = []
    disputes: list[DigestLine] = []
    promises: list[DigestLine] = []
    warnings: list[str] = []
    if plan is not None:
        for task in plan.tasks:
            amount = _money(task.total_due)
            if task.kind is TaskKind.CALL:
                calls.append(DigestLine(task.client, task.phone or "téléphone inconnu",
                                        task.numbers, amount, "appel de relance"))
            elif task.kind is TaskKind.LETTER:
                ident = drafts.message_id(today, task.client_key, task.client,
                                          STEP_KEYS[Step.FORMAL_NOTICE])
                letter = messages.get(ident).letter if ident in messages else None
                letters.append(DigestLine(task.client, "lettre recommandée avec AR", task.numbers,
                                          amount, letter or "lettre PDF non produite : à rédiger"))
            else:
                folder_name = drafts.day_folder(Path("."), settings.drafts_folder, today) \
                    / drafts.COLLECTION_DIR / drafts.slug(task.client, 40)
                collection.append(DigestLine(task.client, "dossier prêt", task.numbers, amount,
                                             folder_name.as_posix()))
        for skip in plan.skipped:
            if skip.code is SkipCode.DISPUTE:
                disputes.append(DigestLine(skip.client, skip.reason, (skip.number or "",)))
            elif skip.code is SkipCode.PROMISE:
                promises.append(DigestLine(skip.client, skip.reason, (skip.number or "",)))
    seen_warnings: set[str] = set()
    errors: list[str] = []
    for issue in issues:
        text = str(issue)
        if issue.severity is Severity.ERROR:
            errors.append(text)
        elif text not in seen_warnings:
            seen_warnings.add(text)
            warnings.append(text)
    drafted_set = set(drafted)
    pending = [line(m, f"préparé le {_fmt(m.day)}") for m in messages.values()
               if m.status == DRAFT and m.id not in drafted_set]
    failed_lines = [line(messages[i], messages[i].error or "") for i in failed if i in messages]
    return Digest(
        day=today, dry_run=dry_run, business_day=plan.business_day if plan else True,
        direct=settings.direct,
        sent=tuple(line(messages[i]) for i in sent),
        drafted=tuple(line(messages[i]) for i in drafted if messages[i].status == DRAFT),
        pending=tuple(pending) if not settings.direct else (),
        failed=tuple(failed_lines),
        cancelled=tuple(line(messages[i], messages[i].reason or "") for i in cancelled),
        calls=tuple(calls), letters=tuple(letters), collection=tuple(collection),
        disputes=tuple(disputes), promises=tuple(promises),
        unverified=tuple(line(m, "envoi commencé sans réponse du serveur")
                         for m in state.unverified()),
        errors=tuple(errors), warnings=tuple(warnings), reconciled=reconciled)


def _email_team(outcome: DunningOutcome, recorder: _Recorder, settings: DunningSettings,
                today: date, seller: Any, connect: TransportFactory | None,
                ssl_context: ssl.SSLContext | None, environ: Mapping[str, str] | None) -> None:
    """E-mail the digest to [relances] equipe once a day (failures become warnings)."""
    digest = outcome.digest
    if digest is None or today.isoformat() in recorder.state().digests:
        return
    if not settings.smtp.configured and connect is None:
        return
    sender = settings.smtp.from_address or (getattr(seller, "email", None) or "")
    if not is_valid_email(sender):
        return
    message = EmailMessage()
    message["From"] = compose.address(settings.smtp.sender_name or "suivi", sender)
    message["To"] = ", ".join(settings.team)
    message["Subject"] = f"suivi – relances du {today:%d/%m/%Y}"
    message["Date"] = format_datetime(datetime.now(timezone.utc))
    message.set_content(render_text(digest))
    message.add_alternative(render_html(digest), subtype="html")
    secrets: list[str | None] = []
    try:
        factory = connect
        if factory is None:
            factory, password = transport_factory(settings.smtp, environ, ssl_context)
            secrets.append(password)
        transport = factory()
        transport.open()
        try:
            transport.send(compose.message_bytes(message), sender, settings.team)
        finally:
            transport.close()
        recorder.append({"type": "digest", "day": today})
    except Exception as exc:  # noqa: BLE001 - the digest is a courtesy: never fail the run
        from suivi.mail.journal import redact

        log.warning("résumé non envoyé à l'équipe : %s", redact(str(exc), secrets))
