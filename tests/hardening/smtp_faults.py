"""A real SMTP server (aiosmtpd) that misbehaves on demand, message by message.

Each message the client tries to send meets the next fault of a script:
- "accept": stored, answered 250;
- "refuse": answered 554 (a permanent refusal, nothing stored);
- "transient": answered 451 (try again later, nothing stored);
- "drop_before": the connection is closed at RCPT TO, before the message data (nothing stored);
- "drop_after": the message is stored, then the connection is closed without an answer (the
  client cannot know it arrived: the lost acknowledgement).
When the script runs out, every message is accepted.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from email import message_from_bytes
from email import policy as email_policy

from test_mail_helpers import Server

FAULTS = ("accept", "refuse", "transient", "drop_before", "drop_after")
REFUSAL = "554 5.7.1 Message refusé : adresse bloquée par la politique anti-spam"


@dataclass
class Stored:
    suivi_id: str
    recipients: list[str]


@dataclass
class FaultyHandler:
    script: list[str] = field(default_factory=list)
    stored: list[Stored] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    _current: str = "accept"

    def load(self, faults: Iterable[str]) -> None:
        with self.lock:
            self.script = list(faults)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.lock:
            if not envelope.rcpt_tos:  # first recipient of a new message: take its fault
                self._current = self.script.pop(0) if self.script else "accept"
            fault = self._current
        if fault == "drop_before":
            server.transport.close()
            return "421 closing"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        fault = self._current
        if fault == "refuse":
            return REFUSAL
        if fault == "transient":
            return "451 4.3.0 Temporary failure, try again later"
        message = message_from_bytes(envelope.original_content or envelope.content,
                                     policy=email_policy.default)
        with self.lock:
            self.stored.append(Stored(str(message["X-Suivi-Id"]), list(envelope.rcpt_tos)))
        if fault == "drop_after":
            server.transport.close()
            return "250 OK"  # never reaches the client
        return "250 OK"

    def ids(self) -> list[str]:
        return [s.suivi_id for s in self.stored]


def faulty_server() -> tuple[Server, FaultyHandler]:
    handler = FaultyHandler()
    return Server(handler), handler  # type: ignore[arg-type]


def smtp_block(server: Server, attempts: int = 2) -> str:
    return "\n".join([
        "[smtp]",
        'hote = "127.0.0.1"',
        f"port = {server.port}",
        'securite = "aucune"',
        'expediteur = "facturation@rhone-numerique.example"',
        'nom_expediteur = "Rhône Numérique Services"',
        f"tentatives = {attempts}",
        "pause = 0",
        "delai_connexion = 5",
        "trousseau = false",
    ])
