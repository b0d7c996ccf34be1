"""A day well before the last one suivi wrote the workbook for: refused.

The computer's clock set back (a flat BIOS battery, a virtual machine restored from an old
snapshot) or a mistyped `--date 2025-…` would make the daily job write the workbook as of that
past day: every Statut back to « émise », indicators of a past date added to the history, the
reminder ladder read against the wrong day. More than `MAX_BACK` days back, a writing command
refuses (exit 2, and the team alert of a scheduled run says so); `--dry-run` still shows that
day without writing. A few days back (a day of work caught up on purpose, a test) is done, with
a note saying so.

`.suivi/dernier_jour.txt` holds the latest day a command wrote the workbook for (ISO date,
written after each commit, never moved back).
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from suivi.core.message import Message
from suivi.fileio import write_atomic
from suivi.pipeline.state import Run, RunAborted

FILE_NAME = "dernier_jour.txt"
#: How far back a writing run may go before it is refused, in days.
MAX_BACK = 31


def last_day(state_dir: Path) -> date | None:
    """The latest day the workbook was written for; None when unknown or unreadable."""
    try:
        return date.fromisoformat((state_dir / FILE_NAME).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None


def record_day(state_dir: Path, day: date) -> None:
    """After a commit for `day`: remember it, unless a later day is already recorded."""
    known = last_day(state_dir)
    if known is not None and known >= day:
        return
    state_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(state_dir / FILE_NAME, day.isoformat().encode("ascii") + b"\n")


def clock_step(run: Run) -> None:
    """Stop a writing run whose day comes well before the last day the workbook was written
    for; note a few days back."""
    if run.dry_run:
        return
    state_dir = run.settings.state_dir
    last = last_day(state_dir)
    if last is None or run.today >= last:
        return
    if (last - run.today).days <= MAX_BACK:
        run.report.note("run.day_back", today=run.today, last=last)
        return
    run.report.fatal = Message.of("run.day_before_last", today=run.today, last=last,
                                  days=MAX_BACK, file=str(state_dir / FILE_NAME))
    raise RunAborted
