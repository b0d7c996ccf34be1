"""Recording dunning events: to the journal file, or only in memory for a dry run."""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from suivi.core.message import Message
from suivi.logfile import LOG_FOLDER, rotating_handler

from .journal import Journal, JournalState, fold_records, rebuild_state

log = logging.getLogger("suivi.mail")


class Recorder:
    """Appends to the journal, or only keeps the records in memory for a dry run."""

    def __init__(self, journal: Journal, dry_run: bool):
        self.journal = journal
        self.dry_run = dry_run
        self.records: list[dict[str, Any]] = journal.read()
        self.problems: list[Message] = list(journal.problems)
        self.new: list[dict[str, Any]] = []
        self._state: JournalState | None = None
        self._folded = 0  # records folded into _state

    def append(self, record: dict[str, Any]) -> dict[str, Any]:
        record = dict(record)
        if not self.dry_run:
            record = self.journal.append(record)
        else:
            record.setdefault("ts", datetime.now(UTC).isoformat(timespec="seconds"))
        self.records.append(record)
        self.new.append(record)
        return record

    def state(self) -> JournalState:
        """The journal's state, folded once from the file and then kept up to date with each
        record appended: always the same object, which later appends update. (Folding the
        whole journal again at every question made a run's cost grow with years of history.)"""
        if self._state is None:
            self._state = rebuild_state(self.records)
        elif self._folded < len(self.records):
            fold_records(self._state, self.records[self._folded:])
        self._folded = len(self.records)
        return self._state


class JournalView(Journal):
    """A Journal whose appends go through a Recorder (so dry runs and state stay in step)."""

    def __init__(self, recorder: Recorder):
        super().__init__(recorder.journal.folder)
        self.recorder = recorder

    def append(self, record: dict[str, Any]) -> dict[str, Any]:
        return self.recorder.append(record)


@contextmanager
def recording(folder: Path, dry_run: bool) -> Iterator[Recorder]:
    """A Recorder for the run, holding the dunning lock and logging to .suivi/logs/relances.log
    (rotating; neither in a dry run)."""
    journal = Journal(folder)
    if dry_run:
        yield Recorder(journal, True)
        return
    handler = rotating_handler(Path(folder) / LOG_FOLDER / "relances.log")
    previous = log.level
    if handler is not None:
        log.addHandler(handler)
    log.setLevel(logging.INFO)
    try:
        with journal.lock():
            yield Recorder(journal, False)
    finally:
        if handler is not None:
            log.removeHandler(handler)
            handler.close()
        log.setLevel(previous)
