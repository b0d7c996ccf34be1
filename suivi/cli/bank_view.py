"""What `suivi bank` shows: the statements read, the payments applied with the rule that decided,
what waits in the Rapprochement sheet, the trop-perçus (plain text, or data for --json)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text

from suivi.core.bank_models import Statement
from suivi.core.message import Message
from suivi.core.models import Severity
from suivi.messages import text
from suivi.pipeline import Run
from suivi.pipeline.bank_state import BankImport

from .common import console, issue_json, print_issues, say

CONSOLE_LINES = 20
SKIPPED_KINDS = ("debit", "fee", "card", "other", "ignored")


def _skipped(statement: Statement) -> Message:
    parts = [Message.of("bank.cli.skipped", count=statement.skipped_counts[kind],
                        kind=Message.of(f"bank.kind.{kind}"))
             for kind in SKIPPED_KINDS if statement.skipped_counts.get(kind)]
    if statement.newest_date is not None:
        parts.append(Message.of("bank.cli.period", day=statement.newest_date))
    return Message.of("bank.cli.list", items=parts) if parts else \
        Message.of("bank.cli.nothing_skipped")


def _statement_line(read_path: str, statement: Statement, new: int) -> Message:
    account = Message.of("bank.cli.account", account=statement.account) \
        if statement.account else ""
    return Message.of("bank.cli.statement", file=read_path, format=statement.format,
                      account=account, credits=len(statement.credits), new=new,
                      skipped=_skipped(statement))


def _bullets(items: list[Message | str], verbose: bool) -> None:
    shown = items if verbose else items[:CONSOLE_LINES]
    for item in shown:
        console.print(Text(f"  - {text(item)}"))
    if len(items) > len(shown):
        say(Message.of("cli.more_lines", count=len(items) - len(shown)))


def print_bank(run: Run, verbose: bool = False, folder: Path | None = None) -> None:
    """The run of `suivi bank` in the terminal; `folder`: where the statements were looked
    for, when none was named."""
    report = run.report
    if report.fatal is not None:
        say(Message.of("cli.error_line", problem=report.fatal), "bold red")
        return
    console.rule(text(Message.of("bank.cli.title", day=run.today)))
    if run.dry_run:
        say(Message.of("cli.dry_run_notice"), "yellow")
    bank = run.bank or BankImport()
    if not bank.statements and not bank.validated and not bank.dismissed:
        say(Message.of("bank.cli.no_statement_in", folder=str(folder)) if folder is not None
            else Message.of("bank.cli.no_statement"))
    for read in bank.statements:
        say(_statement_line(read.path.name, read.statement, read.new))
    if bank.statements and not any(read.statement.credits for read in bank.statements):
        say(Message.of("bank.cli.no_credit"))
    elif bank.statements and not any(read.new for read in bank.statements):
        say(Message.of("bank.cli.nothing_new"))
    _sections(bank, verbose)
    bank_issues = [i for i in report.issues
                   if _is_bank(i.code) or i.severity is Severity.BLOCKING]
    if bank_issues:
        print_issues(bank_issues)
    others = len(report.errors) - sum(1 for i in bank_issues if i in report.errors)
    if others:
        say(Message.of("bank.cli.other_issues", count=others))
    for failure in report.failures:
        say(Message.of("cli.failure", line=failure), "red")
    if report.blocking:
        say(Message.of("cli.blocked"), "bold red")
    if run.committed and not run.dry_run and run.commit is not None:
        say(Message.of("cli.workbook_updated", path=str(run.settings.workbook)))


def _sections(bank: BankImport, verbose: bool) -> None:
    if bank.validated:
        say(Message.of("bank.cli.validated_title", count=len(bank.validated)), "bold")
        _bullets([Message.of("bank.cli.review_line", amount=row.amount, day=row.date,
                             label=row.label, explanation=row.invoices_text
                             or ", ".join(row.candidates)) for row in bank.validated], verbose)
    if bank.dismissed:
        say(Message.of("bank.cli.dismissed", count=len(bank.dismissed)))
    if bank.applied:
        say(Message.of("bank.cli.applied_title", count=len(bank.applied)), "bold")
        _bullets([match.explanation for match in bank.applied], verbose)
    if bank.overpayments:
        say(Message.of("bank.cli.overpayments_title", count=len(bank.overpayments)), "bold")
        _bullets([Message.of("bank.apply.overpayment", amount=o.amount, client=o.client,
                             invoices=o.invoices) for o in bank.overpayments], verbose)
    if bank.review:
        say(Message.of("bank.cli.review_title", count=len(bank.review)), "bold")
        _bullets([row.explanation for row in bank.review], verbose)


def _is_bank(code: str) -> bool:
    return code.startswith("bank.") or code in ("rapprochement_incomplet",
                                                "echeance_incomplete")


def bank_summary(run: Run) -> dict[str, Any]:
    """The run of `suivi bank` as data (for --json)."""
    return {
        "date": run.today, "workbook": str(run.settings.workbook), "dry_run": run.dry_run,
        "error": run.report.fatal, "written": run.committed and not run.dry_run,
        "exit_code": run.report.return_code, **bank_data(run.bank or BankImport()),
        "issues": [issue_json(i) for i in run.report.issues if _is_bank(i.code)],
        "failures": run.report.failures,
    }


def bank_data(bank: BankImport) -> dict[str, Any]:
    """What the bank steps did, as data (`suivi bank --json`, and `suivi run --json`'s
    "bank")."""
    return {
        "statements": [{"file": read.path.name, "format": read.statement.format,
                        "account": read.statement.account,
                        "period_end": read.statement.newest_date,
                        "credits": len(read.statement.credits), "new": read.new,
                        "already_imported": read.known,
                        "skipped": dict(read.statement.skipped_counts)}
                       for read in bank.statements],
        "applied": [{"transaction": m.transaction.id, "amount": m.transaction.amount,
                     "date": m.transaction.booking_date, "rule": m.rule.value,
                     "score": m.score, "invoices": list(m.invoices), "client": m.client,
                     "explanation": m.explanation} for m in bank.applied],
        "validated": [row.transaction_id for row in bank.validated],
        "dismissed": [row.transaction_id for row in bank.dismissed],
        "payments": [{"date": p.date, "amount": p.amount, "invoice": p.invoice_number,
                      "client": p.client, "method": p.method, "reference": p.reference,
                      "statement": p.statement, "transaction": p.transaction_id}
                     for p in bank.payments],
        "overpayments": [{"date": o.date, "amount": o.amount, "client": o.client,
                          "invoices": list(o.invoices), "transaction": o.transaction_id}
                         for o in bank.overpayments],
        "review": [{"date": row.date, "amount": row.amount, "label": row.label,
                    "candidates": list(row.candidates), "rule": row.rule.value,
                    "explanation": row.explanation, "transaction": row.transaction_id}
                   for row in bank.review],
        "refused": [{"file": path.name, "problem": problem} for path, problem in bank.refused],
        "filed": [str(path) for path in bank.moved],
        "reminders_held": bank.hold,
        "newest_statement": bank.freshness.newest if bank.freshness else None,
    }
