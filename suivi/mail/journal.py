"""The durable dunning journal: `<workbook folder>/.suivi/journal.jsonl`.

One JSON object per line, appended, flushed and fsync'ed before the next step happens. It is the
source of truth for exactly-once delivery:

    draft      a message was composed (.eml written); carries its invoices and their steps
    intent     about to hand the message to the SMTP server
    sent       the server accepted it                     (result of an intent)
    failed     the server refused it, or it could not be reached; `permanent` (a 5xx answer):
               refused, kept until the user resends it; otherwise retried on the next send
    uncertain  the message was handed over but the server's answer was lost (connection
               dropped after the data): « à vérifier », never resent automatically
    cancelled  it will never be sent (invoice paid since, file deleted…)
    superseded a newer message to the same client replaces this unsent draft
    held       `suivi send` kept this draft back (« Envoyer » = Non in the review sheet): not
               sent, not cancelled, still pending for a later decision
    task       a step reached without a message (phone call, collection export)
    resolved   the user checked an "à vérifier" message and it was NOT sent, or asks to send a
               refused one again (a message they confirm as sent gets a `sent` event with
               "resolved": true)
    synced     the workbook commit that reflects these event keys succeeded

An `intent` with no later result means the process died mid-send: the message is "à vérifier" and
is never resent automatically. A line cut short by a crash is ignored (and reported).

Records never contain the SMTP password: error texts are redacted before they are written.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from suivi.core.message import Message
from suivi.fileio import fsync_dir
from suivi.messages import SuiviError

STATE_DIR = ".suivi"
JOURNAL_NAME = "journal.jsonl"
LOCK_NAME = "relances.lock"

# message states, in French: they appear in the review list and the digest
DRAFT = "brouillon"
SENT = "envoyé"
FAILED = "échec"
REFUSED = "refusé"
UNVERIFIED = "à vérifier"
SUPERSEDED = "remplacé"
CANCELLED = "annulé"
SENDING = "en cours"

EFFECT_EVENTS = frozenset({"draft", "sent", "failed", "cancelled", "task"})
#: Message states whose invoices count as having reached the message's step. A message the
#: server refused did not reach the client: its step is not done, and the planner may take it
#: again (with the address fixed). A draft cancelled for a problem of its own (its file deleted
#: by the team on purpose, a bad address) keeps its step: it is not proposed again. One
#: cancelled because the workbook changed since it was drafted (an invoice paid, closed, in
#: dispute or duplicated since, an amount changed) is to be drafted again (`MessageState.redo`)
#: for the invoices still due: the client got nothing.
REACHED_STATES = frozenset({DRAFT, SENDING, SENT, UNVERIFIED, FAILED, SUPERSEDED, CANCELLED})


def journal_path(folder: Path) -> Path:
    return Path(folder) / STATE_DIR / JOURNAL_NAME


def redact(text: str, secrets: Iterable[str | None]) -> str:
    """`text` with every secret (of 4 characters or more) replaced by ***."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    return text


class Journal:
    """Append-only JSON-lines file with fsync per record, and a lock for concurrent runs."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.path = journal_path(self.folder)
        self.problems: list[Message] = []

    def append(self, record: dict[str, Any]) -> dict[str, Any]:
        """Write one record durably (flush + fsync) and return it with its timestamp."""
        record = {"ts": datetime.now(UTC).isoformat(timespec="seconds"), **record}
        line = json.dumps(record, ensure_ascii=False, default=_json_default, sort_keys=False)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        new = not self.path.exists()
        with open(self.path, "a", encoding="utf-8", newline="\n") as handle:
            handle.write(line + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        if new:
            fsync_dir(self.path.parent)
        return record

    def read(self) -> list[dict[str, Any]]:
        """All complete records; a damaged line (cut by a crash) or a line that is not a suivi
        record (a hand edit) is skipped and reported."""
        self.problems = []
        if not self.path.exists():
            return []
        records: list[dict[str, Any]] = []
        with open(self.path, encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    self.problems.append(Message.of("dunning.journal_torn",
                                                    file=self.path.name, line=number))
                    continue
                if isinstance(record, dict) and isinstance(record.get("type"), str):
                    records.append(record)
                else:  # valid JSON, but not one of ours: said, like a torn line
                    self.problems.append(Message.of("dunning.journal_foreign",
                                                    file=self.path.name, line=number))
        return records

    @contextmanager
    def lock(self, timeout: float = 60) -> Iterator[None]:
        """Hold `.suivi/relances.lock` so two runs never send at the same time."""
        from filelock import FileLock, Timeout

        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.path.parent / LOCK_NAME))
        try:
            lock.acquire(timeout=timeout)
        except Timeout:
            raise JournalBusy(lock=str(self.path.parent / LOCK_NAME)) from None
        try:
            yield
        finally:
            lock.release()


class JournalBusy(SuiviError):
    """Another process holds the dunning lock (CLI exit code 3)."""

    code = "dunning.journal_busy"


def _json_default(value: object) -> object:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


# ---------------------------------------------------------------------------------------------
# state rebuilt from the records


@dataclass(slots=True)
class MessageState:
    """Everything known about one composed message, rebuilt from the journal."""

    id: str
    day: date
    client: str
    client_key: str
    step: int
    mode: str
    file: str
    recipients: list[str]
    items: list[dict[str, Any]]
    amount: str
    language: str = "fr"
    letter: str | None = None
    status: str = DRAFT
    sent_at: str | None = None
    sent_day: date | None = None
    error: str | None = None
    error_kind: str | None = None
    permanent: bool = False
    attempts: int = 0
    superseded_by: str | None = None
    reason: str | None = None
    held_on: date | None = None
    #: cancelled before sending because the workbook changed since (an invoice paid, closed,
    #: disputed or duplicated, an amount changed): its step is not done, the next plan drafts
    #: it again for the invoices still due, with the right figures
    redo: bool = False
    events: list[dict[str, Any]] = field(default_factory=list)

    @property
    def numbers(self) -> list[str]:
        return [item["number"] for item in self.items]

    @property
    def advancing(self) -> list[dict[str, Any]]:
        return [item for item in self.items if item.get("advancing")]

    @property
    def pending(self) -> bool:
        """Still to be sent: a draft, or a transient failure to retry (never a refused one)."""
        return self.status in (DRAFT, FAILED)

    @property
    def reached(self) -> bool:
        """Whether its invoices count as having reached its step."""
        return self.status in REACHED_STATES and not self.undone

    @property
    def undone(self) -> bool:
        """Never reached the client and its step is to be taken again: refused by the server,
        or cancelled before sending to be drafted again (`redo`)."""
        return self.status == REFUSED or (self.status == CANCELLED and self.redo)


@dataclass(slots=True)
class TaskState:
    id: str
    day: date
    kind: str
    client: str
    client_key: str
    step: int
    items: list[dict[str, Any]]
    file: str | None = None
    phone: str | None = None


@dataclass(slots=True)
class JournalState:
    messages: dict[str, MessageState] = field(default_factory=dict)
    tasks: dict[str, TaskState] = field(default_factory=dict)
    synced: set[str] = field(default_factory=set)
    effects: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    digests: set[str] = field(default_factory=set)
    problems: list[Message] = field(default_factory=list)

    def unsynced(self) -> list[tuple[str, dict[str, Any]]]:
        """Effect events whose workbook update was not confirmed yet, in journal order."""
        return [(key, record) for key, record in self.effects if key not in self.synced]

    def unverified(self) -> list[MessageState]:
        return [m for m in self.messages.values() if m.status == UNVERIFIED]


def event_key(record: dict[str, Any]) -> str:
    return f"{record['id']}:{record['type']}:{record.get('seq', 0)}"


@lru_cache(maxsize=4096)
def _parse_day(text: str) -> date:
    return date.fromisoformat(text[:10])


def _day(value: Any) -> date:
    """The day of a record's date or timestamp (a journal repeats the same days)."""
    return _parse_day(str(value))


def rebuild_state(records: Iterable[dict[str, Any]]) -> JournalState:
    """Fold the records into the current state of every message and task."""
    return fold_records(JournalState(), records)


def fold_records(state: JournalState, records: Iterable[dict[str, Any]]) -> JournalState:
    """`state` with `records` (the ones that follow those it was folded from) applied."""
    for record in records:
        kind = record.get("type")
        ident = str(record.get("id", ""))
        if kind == "synced":
            state.synced.update(record.get("keys", []))
            continue
        if kind == "digest":
            state.digests.add(str(record.get("day")))
            continue
        if kind == "task":
            state.tasks[ident] = TaskState(
                ident, _day(record["day"]), record["kind"], record["client"], record["client_key"],
                int(record["step"]), list(record.get("items", [])), record.get("file"),
                record.get("phone"))
            state.effects.append((event_key(record), record))
            continue
        if kind == "draft":
            state.messages[ident] = MessageState(
                ident, _day(record["day"]), record["client"], record["client_key"],
                int(record["step"]), record.get("mode", "brouillons"), record["file"],
                list(record.get("recipients", [])), list(record.get("items", [])),
                str(record.get("amount", "0")), record.get("language", "fr"),
                record.get("letter"))
            state.effects.append((event_key(record), record))
            continue
        message = state.messages.get(ident)
        if message is None:
            continue
        message.events.append(record)
        if kind == "intent":
            message.status = UNVERIFIED
            message.attempts += 1
        elif kind == "sent":
            message.status = SENT
            message.sent_at = record.get("at") or record.get("ts")
            message.sent_day = _day(record.get("day") or record["ts"])
            message.error = None
            state.effects.append((event_key(record), record))
        elif kind == "failed":
            message.permanent = bool(record.get("permanent"))
            message.status = REFUSED if message.permanent else FAILED
            message.error = record.get("error")
            message.error_kind = record.get("kind")
            if not record.get("retrying"):
                state.effects.append((event_key(record), record))
        elif kind == "uncertain":
            message.status = UNVERIFIED
            message.error = record.get("error")
            message.error_kind = record.get("kind")
        elif kind == "cancelled":
            message.status = CANCELLED
            message.reason = record.get("reason")
            message.redo = bool(record.get("redo"))
            state.effects.append((event_key(record), record))
        elif kind == "superseded":
            if message.status in (DRAFT, FAILED, REFUSED):
                message.status = SUPERSEDED
                message.superseded_by = record.get("by")
        elif kind == "held":
            message.held_on = _day(record["day"])
        elif kind == "resolved":
            # the user checked and the message was NOT sent (or asks to send a refused one
            # again): it may go out again. A message confirmed as sent is a "sent" event.
            message.status = DRAFT
            message.permanent = False
    return state


def load_state(folder: Path) -> JournalState:
    journal = Journal(folder)
    state = rebuild_state(journal.read())
    state.problems = list(journal.problems)
    return state
