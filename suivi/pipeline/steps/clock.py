"""A day well before the last one suivi wrote the workbook for: refused.

The computer's clock set back (a flat BIOS battery, a virtual machine restored from an old
snapshot) or a mistyped `--date 2025-…` would make the daily job write the workbook as of that
past day: every Statut back to « émise », indicators of a past date added to the history, the
reminder ladder read against the wrong day. More than `MAX_BACK` days back, a writing command
refuses (exit 2, and the team alert of a scheduled run says so); `--dry-run` still shows that
day without writing. A few days back (a day of work caught up on purpose, a test) is done, with
a note saying so.

The other way, a day taken from the computer's clock (no `--date`) more than `MAX_GAP` days
after the last one (a clock set forward, or the first run after a long break, when the
payments received meanwhile are likely not typed yet) holds back every reminder — none drafted,
none sent — and the numbering of rows without a date of their own (they would take that day),
with exit 1 so that a scheduled run alerts the team. Nothing else changes (statuses and
indicators are written as of that day). The day is not recorded: each run holds until someone
confirms the day (`--date`, or `--confirmer-dates`), or the clock comes back within `MAX_GAP`
days of the last one.

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
#: How far after the last run the computer's day may be before reminders are held, in days.
MAX_GAP = 31


def last_day(state_dir: Path) -> date | None:
    """The latest day the workbook was written for; None when unknown or unreadable."""
    try:
        return date.fromisoformat((state_dir / FILE_NAME).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None


def record_day(run: Run) -> None:
    """After a commit: remember its day, unless a later day is already recorded or the day is
    the clock's, not confirmed (`clock_hold`)."""
    if run.clock_hold is not None:
        return
    state_dir, day = run.settings.state_dir, run.today
    known = last_day(state_dir)
    if known is not None and known >= day:
        return
    state_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(state_dir / FILE_NAME, day.isoformat().encode("ascii") + b"\n")


def clock_step(run: Run) -> None:
    """Stop a writing run whose day comes well before the last day the workbook was written
    for; note a few days back; hold a clock's day far after it (`clock_hold`, with --dry-run
    too: it shows what the run would do)."""
    state_dir = run.settings.state_dir
    last = last_day(state_dir)
    if last is None or run.today == last:
        return
    if run.today > last:
        gap = (run.today - last).days
        if gap > MAX_GAP and run.options.day_from_clock and not run.options.accept_dates:
            run.clock_hold = Message.of("run.hold_clock", today=run.today, last=last, gap=gap,
                                        days=MAX_GAP, iso=run.today.isoformat(),
                                        file=str(state_dir / FILE_NAME))
        return
    if run.dry_run:
        return
    if (last - run.today).days <= MAX_BACK:
        run.report.note("run.day_back", today=run.today, last=last)
        return
    run.report.fatal = Message.of("run.day_before_last", today=run.today, last=last,
                                  days=MAX_BACK, file=str(state_dir / FILE_NAME))
    raise RunAborted
