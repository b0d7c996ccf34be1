"""One owner for the workbook during a run: the open-in-Excel check, suivi's lock, the
fingerprint of what was read, and the one lossless commit.

    with WorkbookSession(path, write=True, lock_timeout=30) as book:
        master = book.read(options)          # sniffed, size-checked, fingerprinted, read
        ...                                  # compute, render, send
        result = book.commit(changes, backups=10)

A writing session refuses at once when the workbook is open in Excel or LibreOffice (nothing is
rendered or sent that could not be written back), then holds suivi's lock for the whole run, so
a second run waits. A read-only session (`write=False`, `suivi check`) takes no lock.
"""
from __future__ import annotations

import os
from contextlib import ExitStack
from pathlib import Path
from types import TracebackType

from suivi.core.models import Master

from .errors import WorkbookWriteError
from .fingerprint import Fingerprint, fingerprint
from .locks import check_not_open, hold_lock
from .package import DEFAULT_LIMITS, Limits, sniff
from .read import ReadOptions, read_master
from .write import Changes, CommitResult, write_changes


class WorkbookSession:
    def __init__(self, path: str | os.PathLike[str], *, write: bool, lock_timeout: float = 30.0,
                 limits: Limits = DEFAULT_LIMITS) -> None:
        self.path = Path(path)
        self.write = write
        self.lock_timeout = lock_timeout
        self.limits = limits
        self.fingerprint: Fingerprint | None = None
        self._stack = ExitStack()

    def __enter__(self) -> WorkbookSession:
        if self.write:
            sniff(self.path, self.limits)
            check_not_open(self.path)
            self._stack.enter_context(hold_lock(self.path, self.lock_timeout))
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._stack.close()

    def read(self, options: ReadOptions | None = None) -> Master:
        """Read the master (under the lock when writing) and remember what was read."""
        if self.write:
            self.fingerprint = fingerprint(self.path)
        return read_master(self.path, options, self.limits)

    def commit(self, changes: Changes, backups: int = 10) -> CommitResult:
        """Write `changes` losslessly if the workbook is still the one that was read."""
        if not self.write:
            raise WorkbookWriteError("workbook.read_only_session", file=self.path.name)
        return write_changes(self.path, changes, expected=self.fingerprint, backups=backups,
                             limits=self.limits)


def commit(path: str | os.PathLike[str], changes: Changes, *,
           expected: Fingerprint | None = None, backups: int = 10,
           lock_timeout: float = 30.0) -> CommitResult:
    """One-off lossless write of `changes` (its own session: open check, lock, commit)."""
    with WorkbookSession(path, write=True, lock_timeout=lock_timeout) as book:
        book.fingerprint = expected
        return book.commit(changes, backups=backups)


class update_workbook:
    """`with update_workbook(path) as changes: changes.set_cell(...)` commits on normal exit
    (nothing on exception); suivi's lock is held for the whole block. The CommitResult is
    left in `changes.result`."""

    def __init__(self, path: str | os.PathLike[str], *, expected: Fingerprint | None = None,
                 backups: int = 10, lock_timeout: float = 30.0) -> None:
        self._session = WorkbookSession(path, write=True, lock_timeout=lock_timeout)
        self._expected = expected
        self._backups = backups
        self.changes = Changes()

    def __enter__(self) -> Changes:
        self._session.__enter__()
        self._session.fingerprint = self._expected
        return self.changes

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        try:
            if kind is None and not self.changes.is_empty():
                self.changes.result = self._session.commit(self.changes, self._backups)
        finally:
            self._session.__exit__(kind, error, trace)
