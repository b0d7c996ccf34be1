"""The alert to the team when a run nobody watches ends badly ([relances] alerte_equipe = true).

A scheduled run (`suivi run --quiet`, as the scheduled task and the launchers start it) that ends
with exit code 1 (problems found, actions failed) or 2 (unusable workbook, blocking problem)
e-mails [relances] equipe through the [smtp] server: what went wrong, each problem with what to
do, the day's reminder digest when there is one, and where the full log is. Sending it never
changes the run's exit code: a failure comes back as a message for the log, the password
removed from it.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from suivi.core.message import Message
from suivi.core.models import Issue
from suivi.documents.model import Seller
from suivi.messages import hint, text

from . import compose
from .digest import Digest, render_text
from .job import Delivery
from .settings import DunningSettings

#: Problems listed one by one in the alert; beyond, a count.
ALERT_PROBLEMS = 20


@dataclass(frozen=True, slots=True)
class Alert:
    """What the alert says: which workbook, which day, the exit code and what it means, the
    problems, the digest and the log."""

    workbook: Path
    day: date
    code: int
    meaning: Message
    problems: tuple[Message | Issue, ...] = ()
    digest: Digest | None = None
    log: Path | None = None
    lang: str = "fr"


def _problem_lines(alert: Alert) -> list[str]:
    lang = alert.lang
    lines = [text(Message.of("alert.problems", count=len(alert.problems)), lang)]
    for problem in alert.problems[:ALERT_PROBLEMS]:
        if isinstance(problem, Issue):
            where = f"{problem.location} : " if problem.location else ""
            lines.append(f"- {where}{text(problem, lang)}")
            advice = hint(problem, lang)
            if advice:
                lines.append("  " + text(Message.of("alert.todo", hint=advice), lang))
        else:
            lines.append(f"- {text(problem, lang)}")
    if len(alert.problems) > ALERT_PROBLEMS:
        lines.append(text(Message.of("alert.more", count=len(alert.problems) - ALERT_PROBLEMS),
                          lang))
    return lines


def alert_text(alert: Alert) -> str:
    """The body of the alert, in the workbook's language."""
    lang = alert.lang
    lines = [text(Message.of("alert.intro", workbook=str(alert.workbook), day=alert.day,
                             code=alert.code, meaning=alert.meaning), lang), ""]
    if alert.problems:
        lines += _problem_lines(alert) + [""]
    if alert.log is not None:
        lines += [text(Message.of("alert.log", log=str(alert.log)), lang), ""]
    if alert.digest is not None and not alert.digest.empty:
        lines += [text(Message.of("alert.digest"), lang), render_text(alert.digest, lang), ""]
    lines.append(text(Message.of("alert.footer"), lang))
    return "\n".join(lines) + "\n"


def alert_email(alert: Alert, sender: str, sender_name: str,
                team: Sequence[str]) -> EmailMessage:
    message = EmailMessage()
    message["From"] = compose.address(sender_name or "suivi", sender)
    message["To"] = ", ".join(team)
    message["Subject"] = text(Message.of("alert.subject", workbook=alert.workbook.name,
                                         day=alert.day, code=alert.code,
                                         meaning=alert.meaning), alert.lang)
    message["Date"] = format_datetime(datetime.now(UTC))
    message.set_content(alert_text(alert))
    return message


def send_alert(alert: Alert, settings: DunningSettings, seller: Seller | None = None,
               delivery: Delivery | None = None) -> Message | None:
    """E-mail the alert to the team; None when it went, else why not (for the log)."""
    delivery = delivery or Delivery()
    sender = settings.smtp.from_address or (seller.email if seller else "") or ""
    if not compose.is_valid_email(sender):
        return Message.of("alert.no_sender")
    message = alert_email(alert, sender, settings.smtp.sender_name, settings.team)
    failure = delivery.send_one(settings.smtp, compose.message_bytes(message), sender,
                                settings.team)
    if failure is not None:  # the alert must never break the run: say why in the log
        return Message.of("alert.failed", detail=failure)
    return None
