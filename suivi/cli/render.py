"""How a run is shown: as data (`--json`) and on the console (bounded lists, `--verbose` for
everything; the full lists stay in the digest files beside the drafts)."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from rich.table import Table
from rich.text import Text

from suivi.core.message import Message
from suivi.core.models import Status, real_row
from suivi.i18n import fmt_date, fmt_money, get_lang
from suivi.mail.digest import SECTIONS, Digest, line_text
from suivi.pipeline import Run

from .bank_view import bank_data
from .common import console, issue_json, msg, print_issues, say

#: How many lines of each list the console shows without --verbose.
CONSOLE_LINES = 10

STATUS_EN = {
    Status.TO_ISSUE: "to issue", Status.ISSUED: "issued", Status.DUE_TODAY: "due today",
    Status.OVERDUE: "overdue", Status.PARTIALLY_PAID: "partially paid", Status.PAID: "paid",
    Status.OVERPAID: "overpaid", Status.DISPUTED: "disputed", Status.CREDIT_NOTE: "credit note",
    Status.CANCELLED: "cancelled",
}


def status_name(status: Status) -> str:
    return STATUS_EN[status] if get_lang() == "en" else status.value


def status_counts(run: Run) -> dict[Status, tuple[int, Decimal, Decimal]]:
    """Number of invoices, their total, and what is still due on them, per status (nothing
    on a paid, cancelled or overpaid invoice)."""
    counts: dict[Status, tuple[int, Decimal, Decimal]] = {}
    for inv in run.invoices:
        info = run.statuses.get(inv.row)
        if info is None:
            continue
        n, total, due = counts.get(info.status, (0, Decimal(0), Decimal(0)))
        owed = inv.balance if info.status.open else Decimal(0)
        counts[info.status] = (n + 1, total + inv.total, due + owed)
    return counts


def overdue_list(run: Run) -> list[dict[str, Any]]:
    overdue: list[dict[str, Any]] = []
    for inv in run.invoices:
        info = run.statuses.get(inv.row)
        if info and info.days_late > 0 and info.status.open and inv.balance > 0:
            overdue.append({"number": inv.number, "client": inv.client, "due_date": inv.due_date,
                            "days_late": info.days_late, "balance": inv.balance,
                            "status": info.status.value, "row": real_row(inv.row)})
    overdue.sort(key=lambda o: -int(o["days_late"]))
    return overdue


def run_summary(run: Run) -> dict[str, Any]:
    """The run as data (for --json)."""
    report = run.report
    data: dict[str, Any] = {
        "date": run.today, "workbook": str(run.settings.workbook), "dry_run": run.dry_run,
        "statuses": {s.value: {"count": n, "amount": total, "due": due}
                     for s, (n, total, due) in status_counts(run).items()},
        "overdue": overdue_list(run), "issues": [issue_json(i) for i in report.issues],
        "failures": report.failures, "done": report.done,
        "error": report.fatal, "written": run.committed and not run.dry_run,
        "unchanged": run.unchanged,
        "exit_code": report.return_code,
        "numbered": run.invoicing.numbered,
        "invoices": {"rendered": run.invoicing.rendered, "refused": run.invoicing.refused,
                     "to_render": run.invoicing.to_render, "held_rows": run.invoicing.held,
                     "chorus": [{"number": r.number, "status": r.status.value,
                                 "message": r.message} for r in run.invoicing.chorus]},
    }
    if run.dunning is not None:
        outcome = run.dunning
        data["reminders"] = {"drafted": list(outcome.drafted), "sent": list(outcome.sent),
                             "failed": list(outcome.failed), "refused": list(outcome.refused),
                             "cancelled": list(outcome.cancelled),
                             "digest": outcome.digest.as_dict(get_lang())
                             if outcome.digest else None}
    if run.bank is not None:
        data["bank"] = bank_data(run.bank)
    if run.kpi is not None:
        data["kpi"] = run.kpi.to_dict()
    if run.commit is not None:
        data["commit"] = {"backup": run.commit.backup, "parts_changed": run.commit.parts_changed}
    data["files"] = [str(f) for f in run.files]
    return data


def run_done(run: Run) -> Message:
    """What a run did, in one line (the summary of several entities, the log)."""
    made, dunning = run.invoicing, run.dunning
    return Message.of("entities.done_run", numbered=len(made.numbered),
                      rendered=len(made.rendered),
                      drafted=len(dunning.drafted) if dunning else 0,
                      sent=len(dunning.sent) if dunning else 0,
                      pending=len(dunning.pending) if dunning else 0)


def print_run(run: Run, verbose: bool = False) -> None:
    report = run.report
    if report.fatal is not None:
        say(Message.of("cli.error_line", problem=report.fatal), "bold red")
        return
    console.rule(msg("cli.run_title", day=run.today))
    if run.unchanged:  # the same-day second run with nothing changed
        for line in report.done:
            say(line)
        return
    if run.dry_run:
        say(Message.of("cli.dry_run_notice"), "yellow")
    if run.master is not None:  # not read (open in Excel…): no table of nothing
        _status_table(run)
    _overdue_table(run, verbose)
    notices: tuple[Message, ...] = ()
    if run.dunning is not None and run.dunning.digest is not None:
        print_digest(run.dunning.digest, verbose)
        notices = run.dunning.digest.notices
    elif run.invoicing.chorus:  # `suivi invoices`: no digest, the deposits to make
        say(Message.of("digest.section.chorus", count=len(run.invoicing.chorus)), "bold")
        for receipt in run.invoicing.chorus:
            if receipt.message is not None:
                say(Message.of("cli.bullet", line=receipt.message))
        say(Message.of("digest.help.chorus"))
    for line in report.done:
        say(Message.of("cli.bullet", line=line))
    if report.issues:
        print_issues(report.issues, limit=None if verbose else 30)
    for failure in report.failures:
        if failure not in notices:  # a hold of every reminder (steps/clock.py), said above
            say(Message.of("cli.failure", line=failure), "red")
    if report.blocking:
        say(Message.of("cli.blocked"), "bold red")
    if run.committed and not run.dry_run and run.commit is not None:
        say(Message.of("cli.workbook_updated", path=str(run.settings.workbook)))


def _status_table(run: Run) -> None:
    counts = status_counts(run)
    table = Table(title=msg("cli.statuses_title"), title_justify="left")
    table.add_column(msg("cli.col_status"))
    table.add_column(msg("cli.col_count"), justify="right")
    table.add_column(msg("cli.col_total"), justify="right")
    table.add_column(msg("cli.col_balance"), justify="right")
    for status in Status:
        if status in counts:
            n, total, due = counts[status]
            table.add_row(Text(status_name(status)), Text(str(n)), Text(fmt_money(total)),
                          Text(fmt_money(due)))
    console.print(table)


def _overdue_table(run: Run, verbose: bool) -> None:
    overdue = overdue_list(run)
    if not overdue:
        return
    late = Table(title=msg("cli.overdue_title", count=len(overdue)), title_justify="left")
    for header in ("cli.col_number", "cli.col_client", "cli.col_due_date", "cli.col_late",
                   "cli.col_balance"):
        late.add_column(msg(header))
    shown = overdue if verbose else overdue[:CONSOLE_LINES]
    for o in shown:
        late.add_row(Text(o["number"] or "—"), Text(o["client"]), Text(fmt_date(o["due_date"])),
                     Text(msg("cli.days", days=o["days_late"])), Text(fmt_money(o["balance"])))
    console.print(late)
    if len(overdue) > len(shown):
        say(Message.of("cli.more_lines", count=len(overdue) - len(shown)))
    total = sum((o["balance"] for o in overdue), Decimal(0))
    say(Message.of("cli.total_overdue", amount=total), "bold")


def print_digest(digest: Digest, verbose: bool = False) -> None:
    """The dunning digest, each section bounded to its first lines unless `verbose`."""
    lang = get_lang()
    say(Message.of("digest.title", day=digest.day), "bold")
    if not digest.business_day:
        say(Message.of("digest.not_business_day"))
    for notice in digest.notices:
        say(notice, "bold yellow")
    if digest.no_reminder:
        say(digest.no_reminder_message)
    for name, helped in SECTIONS:
        items = getattr(digest, name)
        if not items:
            continue
        say(Message.of(f"digest.section.{name}", count=len(items)), "bold")
        shown = items if verbose else items[:CONSOLE_LINES]
        for item in shown:
            console.print(Text(f"  - {line_text(item, lang)}"))
        if len(items) > len(shown):
            say(Message.of("cli.more_lines_digest", count=len(items) - len(shown)))
        if helped:
            say(Message.of(f"digest.help.{name}"))
    if digest.empty:
        say(Message.of("digest.nothing"))
