"""The team digest after each run: what went out, whom to call, what to post, what to check.

`Digest` is plain data (the CLI prints it, `--json` serialises it); `render_text` and
`render_html` word it in French or English (the « À faire » page and file written beside the
drafts, and the e-mail to the team).
"""
from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from suivi.core.message import Message
from suivi.core.steps import Step
from suivi.messages import text


@dataclass(frozen=True, slots=True)
class DigestLine:
    """One line of the digest: who, what (a step or a message), which invoices, how much, and a
    detail."""

    client: str
    what: Step | Message | str
    invoices: tuple[str, ...] = ()
    amount: Decimal | None = None
    detail: Message | str = ""
    id: str = ""


@dataclass(frozen=True, slots=True)
class Digest:
    day: date
    dry_run: bool = False
    business_day: bool = True
    direct: bool = False
    sent: tuple[DigestLine, ...] = ()
    drafted: tuple[DigestLine, ...] = ()
    pending: tuple[DigestLine, ...] = ()
    failed: tuple[DigestLine, ...] = ()
    refused: tuple[DigestLine, ...] = ()
    cancelled: tuple[DigestLine, ...] = ()
    calls: tuple[DigestLine, ...] = ()
    letters: tuple[DigestLine, ...] = ()
    collection: tuple[DigestLine, ...] = ()
    chorus: tuple[DigestLine, ...] = ()  # invoices to public buyers, to deposit on Chorus Pro
    disputes: tuple[DigestLine, ...] = ()
    promises: tuple[DigestLine, ...] = ()
    unverified: tuple[DigestLine, ...] = ()
    errors: tuple[Any, ...] = ()  # issues (rendered with their cell)
    warnings: tuple[Any, ...] = field(default=())
    reconciled: int = 0
    notices: tuple[Message, ...] = ()  # said first (e.g. reminders held: stale bank data)
    payments: tuple[DigestLine, ...] = ()  # bank: trop-perçus, installments, promises, review

    @property
    def empty(self) -> bool:
        return not any((self.sent, self.drafted, self.pending, self.failed, self.refused,
                        self.cancelled, self.calls, self.letters, self.collection,
                        self.chorus, self.disputes, self.unverified, self.errors, self.notices,
                        self.payments))

    @property
    def no_reminder(self) -> bool:
        """Something to say (payments, errors…) but nothing about reminders: said in so many
        words, so that a reader does not look for the day's messages under the title (unless a
        notice already says why there are none: reminders held, not a business day)."""
        return (not self.empty and self.business_day and not self.notices
                and not any(getattr(self, name) for name in REMINDER_SECTIONS))

    @property
    def no_reminder_message(self) -> Message:
        """What `no_reminder` says: with errors below, that they may be what holds reminders
        (« rien à préparer » read wrongly when every late client lacked an address)."""
        return Message.of("digest.no_reminder_errors" if self.errors else "digest.no_reminder")

    def as_dict(self, lang: str | None = None) -> dict[str, Any]:
        data = asdict(self)
        data["day"] = self.day.isoformat()
        data["notices"] = [text(notice, lang) for notice in self.notices]
        for name, _ in SECTIONS:
            data[name] = [line_text(item, lang) for item in getattr(self, name)]
        return data


#: Sections in the order shown; the title of each is `digest.section.<name>`.
SECTIONS: tuple[tuple[str, bool], ...] = (
    ("errors", False), ("unverified", True), ("refused", True), ("sent", False),
    ("drafted", False), ("pending", False), ("failed", False), ("cancelled", False),
    ("calls", False), ("letters", False), ("collection", False), ("chorus", True),
    ("disputes", False), ("promises", False), ("payments", True), ("warnings", False),
)

#: The sections about the day's reminders (the others: payments, invoices for Chorus Pro,
#: disputes, promises, errors and warnings).
REMINDER_SECTIONS = ("unverified", "refused", "sent", "drafted", "pending", "failed",
                     "cancelled", "calls", "letters", "collection")


def line_text(item: Any, lang: str | None = None) -> str:
    """One line, worded: an issue with its cell, or client – what – invoices – amount (detail)."""
    if not isinstance(item, DigestLine):
        return _issue_text(item, lang)
    what = item.what
    parts = [item.client,
             text(Message.of("digest.step", step=what), lang) if isinstance(what, Step)
             else text(what, lang)]
    if item.invoices:
        parts.append(", ".join(n for n in item.invoices if n))
    if item.amount is not None:
        parts.append(text(Message.of("digest.amount", amount=item.amount), lang))
    line = " – ".join(p for p in parts if p)
    detail = text(item.detail, lang) if item.detail else ""
    if detail:
        line += f" ({detail})"
    if item.id:
        line += f" [id {item.id}]"
    return line


def _issue_text(issue: Any, lang: str | None) -> str:
    from_issue = text(issue, lang)
    location = getattr(issue, "location", "")
    return f"{location} : {from_issue}" if location else from_issue


def _title(digest: Digest, lang: str | None) -> str:
    title = text(Message.of("digest.title", day=digest.day), lang)
    if digest.dry_run:
        title += text(Message.of("digest.dry_run"), lang)
    return title


def _preamble(digest: Digest, lang: str | None) -> list[str]:
    lines = []
    if not digest.business_day:
        lines.append(text(Message.of("digest.not_business_day"), lang))
    if digest.reconciled:
        lines.append(text(Message.of("digest.reconciled", count=digest.reconciled), lang))
    lines += [text(notice, lang) for notice in digest.notices]
    if digest.no_reminder:
        lines.append(text(digest.no_reminder_message, lang))
    return lines


def _sections(digest: Digest) -> Sequence[tuple[str, bool, tuple[Any, ...]]]:
    return [(name, helped, getattr(digest, name)) for name, helped in SECTIONS
            if getattr(digest, name)]


def render_text(digest: Digest, lang: str | None = None) -> str:
    """Plain text of the digest."""
    title = _title(digest, lang)
    lines = [title, "=" * len(title), *_preamble(digest, lang)]
    for name, helped, items in _sections(digest):
        lines += ["", text(Message.of(f"digest.section.{name}", count=len(items)), lang)]
        lines += [f"  - {line_text(item, lang)}" for item in items]
        if helped:
            lines.append("    " + text(Message.of(f"digest.help.{name}"), lang))
    if digest.empty:
        lines += ["", text(Message.of("digest.nothing"), lang)]
    return "\n".join(lines) + "\n"


def render_html(digest: Digest, lang: str | None = None) -> str:
    """The « À faire » page (a_faire.html)."""
    esc = html.escape
    title = text(Message.of("digest.page_title", day=digest.day), lang)
    body = [f"<h1>{esc(title)}</h1>"]
    if digest.dry_run:
        body.append(f"<p><strong>{esc(text(Message.of('digest.dry_run_page'), lang))}</strong></p>")
    body += [f"<p>{esc(line)}</p>" for line in _preamble(digest, lang)]
    for name, helped, items in _sections(digest):
        heading = text(Message.of(f"digest.section.{name}", count=len(items)), lang)
        body.append(f"<h2>{esc(heading)}</h2><ul>")
        body += [f"<li>{esc(line_text(item, lang))}</li>" for item in items]
        body.append("</ul>")
        if helped:
            body.append(f"<p>{esc(text(Message.of(f'digest.help.{name}'), lang))}</p>")
    if digest.empty:
        body.append(f"<p>{esc(text(Message.of('digest.nothing'), lang))}</p>")
    code = "en" if lang == "en" else "fr"
    return (f"<!DOCTYPE html>\n<html lang=\"{code}\"><head><meta charset=\"utf-8\">"
            f"<title>{esc(title)}</title><style>body{{font-family:Arial,sans-serif}}</style>"
            "</head><body>\n" + "\n".join(body) + "\n</body></html>\n")
