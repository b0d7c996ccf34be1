"""What the workbook must say after dunning events: Factures fields (Niveau de relance,
Dernière action, Prochaine action…) and Journal rows.

The texts written into the workbook are the workbook's own language (French, like its headers
and list values); they are workbook content, not messages of the program.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from suivi.core.models import SHEET_STRIDE, FieldUpdate, Invoice, JournalEntry, Master
from suivi.core.plan import ReminderPlan, SkipCode, TaskKind
from suivi.core.steps import Step

from .journal import JournalState, MessageState

CHANNEL_EMAIL = "email"
CHANNEL_LETTER = "courrier"
CHANNEL_PHONE = "téléphone"
CHANNEL_EXPORT = "export"

#: Fields of the Factures sheet that dunning updates (FieldUpdate.field).
FIELDS = ("reminder_step", "last_action", "last_action_date", "next_action", "next_action_date",
          "status_text")


def as_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@dataclass
class _Effects:
    index: Mapping[str, Invoice]
    updates: list[FieldUpdate] = field(default_factory=list)
    rows: list[JournalEntry] = field(default_factory=list)

    def set_fields(self, item: Mapping[str, Any], **values: Any) -> None:
        invoice = self.index.get(item["number"])
        row = invoice.row if invoice else item.get("row")
        if invoice is None and row is not None and int(row) >= SHEET_STRIDE:
            return  # a row of another month's sheet, recorded before: sheets may have moved
        if row is not None:
            self.updates += [FieldUpdate(int(row), name, value) for name, value in values.items()]


def next_fields(item: Mapping[str, Any]) -> dict[str, Any]:
    nxt = item.get("next_step")
    if not nxt:
        return {"next_action": "", "next_action_date": None}
    return {"next_action": Step(int(nxt)).label, "next_action_date": as_date(item.get("next_date"))}


def effects_to_updates(effects: Sequence[tuple[str, dict[str, Any]]], state: JournalState,
                       master: Master) -> tuple[list[FieldUpdate], list[JournalEntry]]:
    index: dict[str, Invoice] = {}
    for invoice in master.invoices:
        if invoice.number:
            index.setdefault(invoice.number, invoice)
    out = _Effects(index)
    for _, record in effects:
        day = as_date(record.get("day")) or as_date(record.get("ts"))
        if record["type"] == "task":
            _task(out, record, day)
            continue
        message = state.messages.get(record["id"])
        if message is not None:
            _MESSAGE_EVENTS[record["type"]](out, record, message, day)
    return out.updates, out.rows


def _task(out: _Effects, record: dict[str, Any], day: date | None) -> None:
    step = Step(int(record["step"]))
    if record["kind"] == TaskKind.CALL:
        phone = f" ({record['phone']})" if record.get("phone") else ""
        action, result, channel = f"{step.label} à passer{phone}", "à faire", CHANNEL_PHONE
    else:
        action, result, channel = "Dossier transmis au recouvrement", "dossier exporté", CHANNEL_EXPORT
    for item in record["items"]:
        out.set_fields(item, reminder_step=int(item["step"]), last_action=action,
                       last_action_date=day, **next_fields(item))
    out.rows.append(JournalEntry(day, tuple(i["number"] for i in record["items"]),
                                 record["client"], step.label, channel, record.get("phone"),
                                 result, record.get("file")))


def _entries(message: MessageState, day: date | None, result: str,
             channel: str = CHANNEL_EMAIL, recipient: str | None = None,
             file: str | None = None) -> list[JournalEntry]:
    """The Journal rows of one message: one per step its invoices are at (a formal notice
    that also reminds of an invoice at « Relance 1 » says so, so that the next run does not
    take that invoice for one that received the notice). The letter names only the invoices
    the notice claims."""
    by_step: dict[int, list[str]] = {}
    for item in message.items:
        step = int(item.get("step", message.step))
        if channel == CHANNEL_LETTER and step < Step.FORMAL_NOTICE:
            continue
        by_step.setdefault(step, []).append(item["number"])
    if not by_step:
        by_step = {message.step: list(message.numbers)}
    return [JournalEntry(day, tuple(numbers), message.client, Step(step).label, channel,
                         recipient if recipient is not None else ", ".join(message.recipients),
                         result[:250], file if file is not None else message.file)
            for step, numbers in sorted(by_step.items(), reverse=True)]


def _draft(out: _Effects, record: dict[str, Any], message: MessageState,
           day: date | None) -> None:
    step = Step(message.step)
    direct = message.mode == "direct"
    action = (f"{step.label} : préparée" if direct
              else f"{step.label} : brouillon à valider ({message.id})")
    for item in message.advancing:
        out.set_fields(item, reminder_step=int(item["step"]), last_action=action,
                       last_action_date=day, **next_fields(item))
    if not direct:
        out.rows.extend(_entries(message, day, "brouillon"))
    if message.letter:
        out.rows.extend(_entries(message, day, "lettre à poster", CHANNEL_LETTER, message.client,
                               message.letter))


def _sent(out: _Effects, record: dict[str, Any], message: MessageState,
          day: date | None) -> None:
    action = f"{Step(message.step).label} envoyée par e-mail"
    for item in message.advancing:
        out.set_fields(item, last_action=action, last_action_date=day)
    out.rows.extend(_entries(message, day, "envoyé"))


def _failed(out: _Effects, record: dict[str, Any], message: MessageState,
            day: date | None) -> None:
    """A refusal (permanent) undoes the step: the client did not get it; a transient failure
    keeps it (the message goes at the next send)."""
    label = Step(message.step).label
    error = record.get("error") or ""
    for item in message.advancing:
        if record.get("permanent"):
            out.set_fields(item, reminder_step=int(item.get("previous", 0)),
                           last_action=f"{label} : refusée par le serveur ({error})"[:250],
                           last_action_date=day)
        else:
            out.set_fields(item, last_action=f"{label} : échec d'envoi, nouvel essai au "
                                             f"prochain passage", last_action_date=day)
    result = "refusé" if record.get("permanent") else "échec"
    out.rows.extend(_entries(message, day, f"{result} : {error}"))


def _cancelled(out: _Effects, record: dict[str, Any], message: MessageState,
               day: date | None) -> None:
    reason = record.get("reason") or ""
    for item in message.advancing:
        action = f"{Step(message.step).label} annulée ({reason})"[:250]
        if record.get("redo"):  # the step is to be taken again: the level goes back
            out.set_fields(item, reminder_step=int(item.get("previous", 0)),
                           last_action=action, last_action_date=day)
        else:
            out.set_fields(item, last_action=action, last_action_date=day)
    out.rows.extend(_entries(message, day, f"annulé : {reason}"))


_MESSAGE_EVENTS = {"draft": _draft, "sent": _sent, "failed": _failed, "cancelled": _cancelled}


def collapse(updates: Iterable[FieldUpdate]) -> tuple[FieldUpdate, ...]:
    """Keep the last value for each (row, field), in first-seen order."""
    last: dict[tuple[int, str], FieldUpdate] = {}
    for update in updates:
        last.pop((update.row, update.field), None)
        last[(update.row, update.field)] = update
    return tuple(last.values())


def new_rows(rows: Iterable[JournalEntry], master: Master) -> tuple[JournalEntry, ...]:
    """Journal rows not already in the Journal sheet (a commit that succeeded unrecorded)."""
    def key(entry: JournalEntry) -> tuple[Any, ...]:
        return (entry.date, tuple(entry.invoice_numbers), (entry.step or "").casefold(),
                (entry.channel or "").casefold(), (entry.result or "").casefold())

    rows = tuple(rows)
    days = {entry.date for entry in rows}  # a key holds its date: only those days can match
    existing = {key(entry) for entry in master.journal if entry.date in days}
    result: list[JournalEntry] = []
    for entry in rows:
        k = key(entry)
        if k not in existing:
            existing.add(k)
            result.append(entry)
    return tuple(result)


_OUR_LABELS = tuple(step.label for step in Step if step is not Step.NONE) + (
    "Litige", "Promesse de paiement", "Brouillon", "Dossier transmis")


def next_action_updates(plan: ReminderPlan, master: Master) -> list[FieldUpdate]:
    """Prochaine action for invoices with nothing done today (waiting, paused, paid)."""
    index = {inv.row: inv for inv in master.invoices}
    updates: list[FieldUpdate] = []
    for skip in plan.skipped:
        invoice = index.get(skip.row)
        if invoice is None:
            continue
        planned = _planned_action(skip.code, skip.next_step, skip.next_date, invoice)
        if planned is None:
            continue
        text, when = planned
        if (invoice.next_action or "") != text:
            updates.append(FieldUpdate(invoice.row, "next_action", text))
        if invoice.next_action_date != when:
            updates.append(FieldUpdate(invoice.row, "next_action_date", when))
    return updates


def _planned_action(code: SkipCode, step: Step | None, when: date | None,
                    invoice: Invoice) -> tuple[str, date | None] | None:
    if code in (SkipCode.WAITING, SkipCode.MIN_INTERVAL, SkipCode.NOT_BUSINESS_DAY):
        return (step.label, when) if step is not None else None
    if code is SkipCode.DISPUTE:
        return "Litige : relances suspendues", None
    if code is SkipCode.PROMISE:
        return "Promesse de paiement : relances suspendues", when
    if code in (SkipCode.PAID, SkipCode.CLOSED):
        if not invoice.next_action or not invoice.next_action.startswith(_OUR_LABELS):
            return None
        return "", None
    return None
