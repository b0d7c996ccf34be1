"""Log files beside the workbook, for a job nobody watches.

    <workbook folder>/.suivi/logs/suivi.log      every command: start, steps, counts, duration,
                                                 exit code, problems with what to do
    <workbook folder>/.suivi/logs/relances.log   the dunning operations (sending, retries)

Both rotate (stdlib `RotatingFileHandler`): at `MAX_BYTES` the file becomes `suivi.log.1`, and
`BACKUPS` older files are kept, so the folder never grows without bound. Library code logs
`Message`s (data); `MessageFormatter` words them in the workbook's language when the line is
written, and removes the SMTP password (or any other secret it is given) from every line,
traceback included. Writing a log never stops a run: a failed write or rotation (a file held
by another PC on a share) is ignored.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from logging.handlers import RotatingFileHandler
from pathlib import Path

from suivi.core.message import Message
from suivi.core.models import Issue
from suivi.messages import text

LOG_FOLDER = Path(".suivi") / "logs"
RUN_LOG = "suivi.log"
#: Size of one log file before it rotates, and how many older files are kept: about 6 MB in
#: all, years of daily runs.
MAX_BYTES = 1_000_000
BACKUPS = 5
LINE_FORMAT = "%(asctime)s %(levelname)s %(name)s : %(message)s"


class MessageFormatter(logging.Formatter):
    """Words `Message` and `Issue` records in `lang`, and redacts `secrets` from each line."""

    def __init__(self, lang: str = "fr", secrets: Iterable[str | None] = ()) -> None:
        super().__init__(LINE_FORMAT, datefmt="%Y-%m-%d %H:%M:%S")
        self.lang = lang
        self.secrets = {s for s in secrets if s and len(s) >= 4}

    def add_secret(self, secret: str | None) -> None:
        if secret and len(secret) >= 4:
            self.secrets.add(secret)

    def format(self, record: logging.LogRecord) -> str:
        if isinstance(record.msg, (Message, Issue)):
            record = logging.makeLogRecord(
                {**record.__dict__, "msg": text(record.msg, self.lang), "args": None})
        line = super().format(record)
        for secret in self.secrets:
            line = line.replace(secret, "***")
        return line


class QuietRotatingHandler(RotatingFileHandler):
    """A rotating log file that never disturbs the run: write and rotation errors are
    dropped (another PC may hold the file on a shared drive)."""

    def handleError(self, record: logging.LogRecord) -> None:
        return None

    def doRollover(self) -> None:
        try:
            super().doRollover()
        except OSError:  # the file is held elsewhere: keep writing to it
            if self.stream is None:
                self.stream = self._open()


def rotating_handler(path: Path, lang: str = "fr",
                     secrets: Iterable[str | None] = ()) -> QuietRotatingHandler | None:
    """A rotating handler writing to `path` (its folder created), or None when the folder
    cannot be created (read-only share): the run goes on without a log file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    handler = QuietRotatingHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                   encoding="utf-8", delay=True)
    handler.setFormatter(MessageFormatter(lang, secrets))
    return handler


def environment_secrets(*names: str) -> list[str]:
    """The values of these environment variables (the SMTP password's), to redact."""
    return [value for name in names if (value := os.environ.get(name))]
