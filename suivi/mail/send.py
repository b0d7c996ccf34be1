"""Sending over SMTP with yagmail: one connection per batch, retries, exactly-once journal.

For each message of a batch, in this order:

1. the connection is opened if needed (yagmail: SSL or STARTTLS, login) — with retries;
2. an `intent` record is written to the journal (fsync);
3. the message goes to the server (`send_message` on yagmail's SMTP connection);
4. a `sent` record is written (fsync) — or `failed` with the server's answer.

Transient errors (4xx answers, connection drops, timeouts) before the message's data was handed
over close the connection, wait (`[smtp] pause`, doubled each time) and try again, reconnecting,
up to `[smtp] tentatives`. When a message still cannot go, the batch stops: messages not
attempted stay pending for the next run. A permanent refusal (5xx) marks that message refused —
it waits for the user (fixed address, or `suivi send --renvoie`) — and the batch goes on.

Exactly once: when the connection drops after the message's data was transmitted, before the
server's final answer, the server may well have stored it. Such a delivery is `uncertain`
(« à vérifier »): never resent automatically; the user checks and says `--confirme` or
`--renvoie`. The transport sends DATA itself to know which side of that line a failure is on.

The password comes only from the environment variable (`[smtp] variable_mot_de_passe`, default
SUIVI_SMTP_PASSWORD) or the OS keyring (`keyring set suivi <utilisateur>`); it is redacted from any
error text before that text reaches the journal, a log or the digest.
"""
from __future__ import annotations

import logging
import os
import re
import smtplib
import socket
import ssl
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Protocol

from suivi.core.message import Message
from suivi.mail.journal import Journal, redact
from suivi.mail.settings import SmtpSettings
from suivi.messages import SuiviError

log = logging.getLogger("suivi.mail")

_DOT_LINE = re.compile(rb"(?m)^\.")

#: Test-only fault injection: called with ("before_send" | "after_send", message id).
FAULT_HOOK: Callable[[str, str], None] | None = None


class SmtpUnavailable(SuiviError):
    """Sending is impossible before anything is attempted (no server, no password…)."""

    code = "smtp.unavailable"


class UncertainDelivery(Exception):
    """The connection failed after the message's data was transmitted: the server may have it."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(str(cause))
        self.cause = cause


def smtp_password(smtp: SmtpSettings, environ: Mapping[str, str] | None = None) -> str | None:
    """The password from the environment variable, else the OS keyring; None when absent."""
    env = os.environ if environ is None else environ
    value = env.get(smtp.password_env)
    if value:
        return value
    if smtp.use_keyring and smtp.user:
        try:
            import keyring

            return keyring.get_password(smtp.keyring_service, smtp.user)
        except Exception:
            return None
    return None


class Transport(Protocol):
    def open(self) -> None: ...

    def send(self, data: bytes, sender: str,
             recipients: Sequence[str]) -> dict[str, tuple[int, bytes]]: ...

    def close(self) -> None: ...


class YagmailTransport:
    """An SMTP connection opened by yagmail (SSL/STARTTLS, login); messages are sent as they
    are composed (our own EmailMessage, not rebuilt by yagmail)."""

    def __init__(self, smtp: SmtpSettings, password: str | None,
                 ssl_context: ssl.SSLContext | None = None):
        self.settings = smtp
        self._password = password
        self.ssl_context = ssl_context
        self.client = None

    def open(self) -> None:
        import yagmail

        smtp = self.settings
        context = self.ssl_context or ssl.create_default_context()
        kwargs: dict[str, object] = {"timeout": smtp.timeout}
        if smtp.security == "ssl":
            kwargs["context"] = context
        starttls: bool | dict = {"context": context} if smtp.security == "starttls" else False
        skip_login = not smtp.user
        client = yagmail.SMTP(
            user=smtp.user or None, password=self._password, host=smtp.host, port=smtp.port,
            smtp_ssl=smtp.security == "ssl", smtp_starttls=starttls,
            smtp_skip_login=skip_login, soft_email_validation=False, **kwargs)
        client.set_logging(logging.CRITICAL)
        client.login()
        self.client = client

    def send(self, data: bytes, sender: str,
             recipients: Sequence[str]) -> dict[str, tuple[int, bytes]]:
        """Send the message exactly as `data` (wire form, CRLF, no Bcc header)."""
        if self.client is None or self.client.smtp is None:
            raise smtplib.SMTPServerDisconnected("connection not open")
        return send_exactly_once(self.client.smtp, data, sender, recipients)

    def close(self) -> None:
        client, self.client = self.client, None
        if client is not None:
            try:
                client.close()
            except (OSError, smtplib.SMTPException):
                pass


def send_exactly_once(smtp: smtplib.SMTP, data: bytes, sender: str,
                      recipients: Sequence[str]) -> dict[str, tuple[int, bytes]]:
    """`smtplib.SMTP.sendmail`, step by step, so that a failure after the data was handed over
    (waiting for the final answer) is told apart: it raises `UncertainDelivery`."""
    smtp.ehlo_or_helo_if_needed()
    code, answer = smtp.mail(sender)
    if code != 250:
        smtp.rset()
        raise smtplib.SMTPSenderRefused(code, answer, sender)
    refused: dict[str, tuple[int, bytes]] = {}
    for recipient in recipients:
        code, answer = smtp.rcpt(recipient)
        if code not in (250, 251):
            refused[recipient] = (code, answer)
    if len(refused) == len(recipients):
        smtp.rset()
        raise smtplib.SMTPRecipientsRefused(refused)
    smtp.putcmd("data")
    code, answer = smtp.getreply()
    if code != 354:
        raise smtplib.SMTPDataError(code, answer)
    payload = _DOT_LINE.sub(b"..", data)  # dot-stuffing (RFC 5321 §4.5.2), as smtplib does
    if payload[-2:] != b"\r\n":
        payload += b"\r\n"
    payload += b".\r\n"
    try:
        smtp.send(payload)
    except (OSError, smtplib.SMTPServerDisconnected) as exc:
        raise UncertainDelivery(exc) from exc  # part of the data may have reached the server
    try:
        code, answer = smtp.getreply()
    except (OSError, smtplib.SMTPServerDisconnected) as exc:
        raise UncertainDelivery(exc) from exc
    if code != 250:
        raise smtplib.SMTPDataError(code, answer)
    return refused



TransportFactory = Callable[[], Transport]


def transport_factory(smtp: SmtpSettings, environ: Mapping[str, str] | None = None,
                      ssl_context: ssl.SSLContext | None = None) -> tuple[TransportFactory, str | None]:
    """A factory of yagmail transports and the password it uses (for redaction)."""
    if not smtp.configured:
        raise SmtpUnavailable("smtp.no_host")
    password = smtp_password(smtp, environ)
    if smtp.user and not password:
        raise SmtpUnavailable("smtp.no_password", user=smtp.user, env=smtp.password_env,
                              service=smtp.keyring_service)
    return (lambda: YagmailTransport(smtp, password, ssl_context)), password


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A message ready to go: its journal id, its bytes as transmitted (no Bcc header),
    the envelope sender and recipients (Bcc included), and its Message-ID."""

    id: str
    data: bytes
    sender: str
    recipients: tuple[str, ...]
    message_id: str = ""


@dataclass(frozen=True, slots=True)
class DeliveryResult:
    id: str
    status: str  # "sent" | "failed" | "refused" | "uncertain" | "not_attempted"
    error: str | None = None
    kind: str = ""
    refused: tuple[str, ...] = ()

    @property
    def problem(self) -> Message:
        """What went wrong, as a message (`smtp.<kind>` with the server's words)."""
        return Message.of(f"smtp.{self.kind or 'error'}", detail=self.error or "")


@dataclass(frozen=True, slots=True)
class Failure:
    """How a sending error is handled: retry later in this batch, stop the batch, or refuse
    this one message; `kind` names it (`smtp.<kind>` in the catalogue), `detail` is the server's
    own words."""

    transient: bool
    fatal: bool
    kind: str
    detail: str


def classify(exc: BaseException) -> Failure:
    if isinstance(exc, UnicodeEncodeError):
        return Failure(False, True, "non_ascii_login", "")
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return Failure(False, True, "auth", str(exc.smtp_code))
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return Failure(False, True, "not_supported", str(exc))
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        refused = ", ".join(f"{addr} ({code})" for addr, (code, _) in exc.recipients.items())
        return Failure(any(400 <= code < 500 for code in codes), False, "recipients", refused)
    if isinstance(exc, smtplib.SMTPResponseException):
        code = exc.smtp_code
        answer = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) \
            else str(exc.smtp_error)
        return Failure(400 <= code < 500 or code < 0, False, "answer",
                       f"{code} {answer.strip()}")
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return Failure(True, False, "disconnected", str(exc))
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return Failure(True, False, "timeout", "")
    if isinstance(exc, ssl.SSLError):
        return Failure(False, True, "tls", str(exc))
    if isinstance(exc, OSError):
        return Failure(True, False, "unreachable", exc.strerror or str(exc))
    if isinstance(exc, smtplib.SMTPException):
        return Failure(True, False, "error", str(exc))
    raise exc


@dataclass
class _Batch:
    """One connection for a batch: opened on demand, dropped on error."""

    factory: TransportFactory
    transport: Transport | None = None

    def live(self) -> Transport:
        if self.transport is None:
            candidate = self.factory()
            candidate.open()
            self.transport = candidate
        return self.transport

    def drop(self) -> None:
        if self.transport is not None:
            self.transport.close()
        self.transport = None


def deliver(batch: Sequence[Outgoing], factory: TransportFactory, journal: Journal,
            smtp: SmtpSettings, today: date, secrets: Sequence[str | None] = (),
            sleep: Callable[[float], None] = time.sleep) -> list[DeliveryResult]:
    """Send `batch` over one connection, journaling intent and result of each message."""
    results: list[DeliveryResult] = []
    connection = _Batch(factory)
    stop: DeliveryResult | None = None
    try:
        for item in batch:
            if stop is not None:
                results.append(DeliveryResult(item.id, "not_attempted", stop.error, stop.kind))
                continue
            result = _deliver_one(item, connection, journal, smtp, today, secrets, sleep)
            results.append(result)
            if result.status in ("not_attempted", "failed"):
                stop = result  # the server is unreachable or refuses us: keep the rest pending
    finally:
        connection.drop()
    return results


def _deliver_one(item: Outgoing, connection: _Batch, journal: Journal, smtp: SmtpSettings,
                 today: date, secrets: Sequence[str | None],
                 sleep: Callable[[float], None]) -> DeliveryResult:
    """Attempts of one message: retried while transient and not handed over."""
    attempt = 0
    while True:
        attempt += 1
        phase = "connect"
        try:
            live = connection.live()
            phase = "send"
            journal.append({"type": "intent", "id": item.id, "day": today, "attempt": attempt,
                            "recipients": list(item.recipients)})
            if FAULT_HOOK:
                FAULT_HOOK("before_send", item.id)
            refused = live.send(item.data, item.sender, item.recipients)
            if FAULT_HOOK:
                FAULT_HOOK("after_send", item.id)
        except UncertainDelivery as exc:
            connection.drop()
            detail = redact(str(exc.cause) or type(exc.cause).__name__, secrets)
            journal.append({"type": "uncertain", "id": item.id, "day": today,
                            "kind": "uncertain", "error": detail, "attempt": attempt})
            log.warning("relance %s : envoi incertain (%s)", item.id, detail)
            return DeliveryResult(item.id, "uncertain", detail, "uncertain")
        except Exception as exc:
            failure = classify(exc)
            detail = redact(failure.detail, secrets)
            connection.drop()
            retry = failure.transient and attempt < smtp.attempts
            permanent = not (failure.transient or failure.fatal)
            if phase == "send":
                journal.append({"type": "failed", "id": item.id, "day": today,
                                "kind": failure.kind, "error": detail, "permanent": permanent,
                                "retrying": retry, "attempt": attempt})
            log.warning("relance %s : %s %s (essai %d)", item.id, failure.kind, detail, attempt)
            if retry:
                sleep(smtp.backoff * (2 ** (attempt - 1)))
                continue
            if phase == "connect":
                return DeliveryResult(item.id, "not_attempted", detail, failure.kind)
            if permanent:
                return DeliveryResult(item.id, "refused", detail, failure.kind)
            return DeliveryResult(item.id, "failed", detail, failure.kind)
        at = datetime.now(UTC).isoformat(timespec="seconds")
        journal.append({"type": "sent", "id": item.id, "day": today, "at": at,
                        "recipients": list(item.recipients), "refused": sorted(refused or {}),
                        "message_id": item.message_id})
        log.info("relance %s envoyée à %s", item.id, ", ".join(item.recipients))
        return DeliveryResult(item.id, "sent", refused=tuple(sorted(refused or {})))
