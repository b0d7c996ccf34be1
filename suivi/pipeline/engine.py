"""Running steps: one workbook session (lock, fingerprint, commit) around the whole run."""
from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from suivi.config import Settings
from suivi.core.collector import (
    collect_unfrozen,
    collector_paused,
    freeze_survivors,
    survivors_frozen,
)
from suivi.core.message import Message
from suivi.fileio import os_error_message
from suivi.workbook.errors import WorkbookBusy, WorkbookError
from suivi.workbook.session import WorkbookSession

from .state import Progress, Run, RunAborted, RunOptions, Step, keeps_records, needs_collector

log = logging.getLogger("suivi.pipeline")


def run_pipeline(settings: Settings, today: date, steps: Sequence[Step], *,
                 options: RunOptions | None = None, progress: Progress | None = None,
                 write: bool = True) -> Run:
    """Run `steps` on the workbook of `settings` and return the run's state.

    A writing run (`write` and not a dry run) refuses at once when the workbook is open in
    Excel or LibreOffice, and holds suivi's lock from before the read to after the commit, so
    that two runs never interleave. Problems users can meet end in the report (never as an
    exception): an unusable workbook (`report.fatal`, exit 2), a busy one (exit 3).
    """
    options = options or RunOptions()
    run = Run(settings=settings, today=today, options=options, progress=progress)
    writing = write and not options.dry_run
    try:
        with survivors_frozen(), WorkbookSession(settings.workbook, write=writing,
                                                 lock_timeout=settings.lock_timeout,
                                                 limits=settings.limits) as book:
            run.book = book
            for step in steps:
                _timed(step, run)
    except RunAborted:
        pass
    except WorkbookBusy as exc:
        run.error = exc
        run.report.busy = True
        run.report.fail(exc.message)
    except WorkbookError as exc:
        run.error = exc
        run.report.fatal = exc.message
    except OSError as exc:  # disk full, read-only or vanished folder: the system's refusal
        run.report.fatal = os_error_message(exc)
    finally:
        run.book = None
    return run


def _timed(step: Step, run: Run) -> None:
    """Run one step; its name and duration go to the log (a stop is logged too)."""
    name = getattr(step, "__name__", "step").removesuffix("_step")
    started = time.perf_counter()
    try:
        if needs_collector(step):
            step(run)
            collect_unfrozen()
        else:
            with collector_paused():
                step(run)
                if keeps_records(step):
                    freeze_survivors()
    except RunAborted:
        log.info(Message.of("log.stopped", step=name))
        raise
    seconds = Decimal(f"{time.perf_counter() - started:.2f}")
    log.info(Message.of("log.step", step=name, seconds=seconds))
