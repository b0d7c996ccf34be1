"""How the results of several entities are shown: the summary table (one line per entity),
the --quiet lines, the --json objects, and the first problem of a report."""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click
from rich.table import Table
from rich.text import Text

from suivi.core.message import Message
from suivi.core.models import Issue
from suivi.messages import text
from suivi.report import OK, Report

from .common import console, msg

if TYPE_CHECKING:
    from .entities import Outcome


def first_problem(report: Report) -> Message | Issue | None:
    """The problem to name first: why the run stopped, else the first blocking problem, failed
    action, error (and, for `check --strict`, warning)."""
    if report.fatal is not None:
        return report.fatal
    for group in (report.blocking, report.failures, report.errors,
                  report.warnings if report.strict else []):
        if group:
            return group[0]
    return None


def problem_text(problem: Message | Issue | None) -> str:
    if problem is None:
        return ""
    if isinstance(problem, Issue) and problem.location:
        return f"{problem.location} : {text(problem)}"
    return text(problem)


def print_summary(results: Sequence[tuple[str, Outcome]]) -> None:
    """One line per entity: name, exit code, what was done, the first problem."""
    table = Table(title=msg("entities.summary_title", count=len(results)),
                  title_justify="left")
    for header, wrap in ((msg("entities.col_entity"), False), (msg("entities.col_code"), False),
                         (msg("entities.col_done"), True), (msg("entities.col_problem"), True)):
        table.add_column(header, no_wrap=not wrap, overflow="fold")
    for label, outcome in results:
        table.add_row(Text(label), Text(str(outcome.code)),
                      Text(text(outcome.done) if outcome.done else "—"),
                      Text(problem_text(outcome.problem) or "—"))
    console.print(table)


def quiet_lines(results: Sequence[tuple[str, Outcome]]) -> None:
    """--quiet: one line on stderr per entity that did not end with 0 (never wrapped: it goes
    to a scheduler's log)."""
    for label, outcome in results:
        if outcome.code == OK:
            continue
        click.echo(msg("entities.quiet_line", entity=label, exit=outcome.code,
                       problem=problem_text(outcome.problem) or "—"), err=True)


def entity_json(label: str, outcome: Outcome) -> dict[str, Any]:
    data = dict(outcome.data) if isinstance(outcome.data, dict) else {}
    data.update({"entity": label, "exit_code": outcome.code,
                 "done": text(outcome.done) if outcome.done else None,
                 "first_problem": problem_text(outcome.problem) or None})
    if outcome.error:
        data["error"] = problem_text(outcome.problem)
    return data
