"""Sending over SMTP with yagmail: one connection per batch, retries, exactly-once journal.

For each message of a batch, in this order:

1. the connection is opened if needed (yagmail: SSL or STARTTLS, login) — with retries;
2. an `intent` record is written to the journal (fsync);
3. the message goes to the server (`send_message` on yagmail's SMTP connection);
4. a `sent` record is written (fsync) — or `failed` with the server's answer.

Transient errors (4xx answers, connection drops, timeouts) close the connection, wait
(`[smtp] pause`, doubled each time) and try again, reconnecting, up to `[smtp] tentatives`. When a
message still cannot go, the batch stops: messages not attempted stay pending for the next run.
Permanent errors (5xx) mark that message failed and the batch goes on.

The password comes only from the environment variable (`[smtp] variable_mot_de_passe`, default
SUIVI_SMTP_PASSWORD) or the OS keyring (`keyring set suivi <utilisateur>`); it is redacted from any
error text before that text reaches the journal, a log or the digest.
"""
from __future__ import annotations

import logging
import os
import smtplib
import socket
import ssl
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Protocol

from suivi.mail.config import SmtpSettings
from suivi.mail.journal import Journal, redact

log = logging.getLogger("suivi.mail")

#: Test-only fault injection: called with ("before_send" | "after_send", message id).
FAULT_HOOK: Callable[[str, str], None] | None = None


class SmtpUnavailable(RuntimeError):
    """Sending is impossible before anything is attempted (no server, no password…)."""


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
        except Exception:  # noqa: BLE001 - any keyring backend failure means "no password"
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
            raise smtplib.SMTPServerDisconnected("connexion non ouverte")
        return self.client.smtp.sendmail(sender, list(recipients), data)

    def close(self) -> None:
        client, self.client = self.client, None
        if client is not None:
            try:
                client.close()
            except (OSError, smtplib.SMTPException):
                pass


TransportFactory = Callable[[], Transport]


def transport_factory(smtp: SmtpSettings, environ: Mapping[str, str] | None = None,
                      ssl_context: ssl.SSLContext | None = None) -> tuple[TransportFactory, str | None]:
    """A factory of yagmail transports and the password it uses (for redaction)."""
    if not smtp.configured:
        raise SmtpUnavailable("aucun serveur d'envoi : renseignez [smtp] hote dans suivi.toml")
    password = smtp_password(smtp, environ)
    if smtp.user and not password:
        raise SmtpUnavailable(
            f"mot de passe SMTP introuvable pour « {smtp.user} » : définissez la variable "
            f"d'environnement {smtp.password_env} ou enregistrez-le dans le trousseau du système "
            f"(keyring set {smtp.keyring_service} {smtp.user})")
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
    status: str  # "sent" | "failed" | "not_attempted"
    error: str | None = None
    permanent: bool = False
    refused: tuple[str, ...] = ()


def _classify(exc: BaseException) -> tuple[bool, bool, str]:
    """(transient, fatal_for_batch, French description)."""
    if isinstance(exc, UnicodeEncodeError):
        return False, True, ("l'utilisateur ou le mot de passe SMTP contient des caractères non "
                             "ASCII (accents…), que l'authentification SMTP de Python refuse")
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return False, True, (f"authentification refusée par le serveur ({exc.smtp_code}) : "
                             f"vérifiez [smtp] utilisateur et le mot de passe")
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return False, True, f"le serveur ne permet pas cette sécurité ([smtp] securite) : {exc}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        transient = any(400 <= code < 500 for code in codes)
        refused = ", ".join(f"{addr} ({code})" for addr, (code, _) in exc.recipients.items())
        return transient, False, f"destinataire(s) refusé(s) par le serveur : {refused}"
    if isinstance(exc, smtplib.SMTPResponseException):
        code = exc.smtp_code
        text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) \
            else str(exc.smtp_error)
        return 400 <= code < 500 or code < 0, False, f"réponse du serveur {code} : {text.strip()}"
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return True, False, f"connexion interrompue par le serveur ({exc})"
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return True, False, "délai dépassé en attendant le serveur"
    if isinstance(exc, ssl.SSLError):
        return False, True, f"erreur TLS avec le serveur : {exc}"
    if isinstance(exc, OSError):
        return True, False, f"serveur injoignable ({exc.strerror or exc})"
    if isinstance(exc, smtplib.SMTPException):
        return True, False, f"erreur SMTP : {exc}"
    raise exc


def deliver(batch: Sequence[Outgoing], factory: TransportFactory, journal: Journal,
            smtp: SmtpSettings, today: date, secrets: Sequence[str | None] = (),
            sleep: Callable[[float], None] = time.sleep) -> list[DeliveryResult]:
    """Send `batch` over one connection, journaling intent and result of each message."""
    results: list[DeliveryResult] = []
    transport: Transport | None = None
    stop_reason: str | None = None

    def clean(text: str) -> str:
        return redact(text, secrets)

    def ensure_open() -> Transport:
        nonlocal transport
        if transport is not None:
            return transport
        candidate = factory()
        candidate.open()
        transport = candidate
        return candidate

    def drop() -> None:
        nonlocal transport
        if transport is not None:
            transport.close()
        transport = None

    try:
        for item in batch:
            if stop_reason is not None:
                results.append(DeliveryResult(item.id, "not_attempted", stop_reason))
                continue
            attempt = 0
            while True:
                attempt += 1
                phase = "connect"
                try:
                    live = ensure_open()
                    phase = "send"
                    journal.append({"type": "intent", "id": item.id, "day": today,
                                    "attempt": attempt, "recipients": list(item.recipients)})
                    if FAULT_HOOK:
                        FAULT_HOOK("before_send", item.id)
                    refused = live.send(item.data, item.sender, item.recipients)
                    if FAULT_HOOK:
                        FAULT_HOOK("after_send", item.id)
                    at = datetime.now(timezone.utc).isoformat(timespec="seconds")
                    journal.append({"type": "sent", "id": item.id, "day": today, "at": at,
                                    "recipients": list(item.recipients),
                                    "refused": sorted(refused or {}),
                                    "message_id": item.message_id})
                    log.info("relance %s envoyée à %s", item.id, ", ".join(item.recipients))
                    results.append(DeliveryResult(item.id, "sent",
                                                  refused=tuple(sorted(refused or {}))))
                    break
                except Exception as exc:  # noqa: BLE001 - classified below, unknown ones re-raised
                    transient, fatal, text = _classify(exc)
                    text = clean(text)
                    drop()
                    retry = transient and attempt < smtp.attempts
                    if phase == "send":
                        journal.append({"type": "failed", "id": item.id, "day": today,
                                        "error": text, "permanent": not (transient or fatal),
                                        "retrying": retry, "attempt": attempt})
                    log.warning("relance %s : %s (essai %d)", item.id, text, attempt)
                    if retry:
                        sleep(smtp.backoff * (2 ** (attempt - 1)))
                        continue
                    if phase == "connect" and not (transient or fatal):
                        fatal = True
                    if transient or fatal:
                        stop_reason = text
                        if phase == "connect":
                            results.append(DeliveryResult(item.id, "not_attempted", text))
                        else:
                            results.append(DeliveryResult(item.id, "failed", text, False))
                    else:
                        results.append(DeliveryResult(item.id, "failed", text, True))
                    break
    finally:
        drop()
    return results
