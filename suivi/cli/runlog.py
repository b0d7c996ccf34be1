"""What the log beside the workbook says about each command (the file: `suivi.logfile`).

    2026-11-25 08:00:01 INFO suivi.cli : début de « suivi run » sur …/suivi_factures.xlsx …
    2026-11-25 08:00:01 INFO suivi.pipeline : étape read : 0,42 s
    …
    2026-11-25 08:00:04 ERROR suivi.cli : Factures!F12 : … — à faire : …
    2026-11-25 08:00:04 INFO suivi.cli : fait : 3 factures numérotées, 3 PDF, 2 brouillons …
    2026-11-25 08:00:04 INFO suivi.cli : fin : code 1 (problèmes trouvés) en 3,21 s

Lines are worded in the workbook's language ([general] langue, French by default), whatever
--lang says for the console; the SMTP password is never written.
"""
from __future__ import annotations

import getpass
import logging
import platform
import time
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from types import TracebackType

from suivi import __version__
from suivi.core.message import Message
from suivi.core.models import Issue, Severity
from suivi.logfile import LOG_FOLDER, RUN_LOG, rotating_handler
from suivi.messages import hint, text
from suivi.report import OK, PROBLEMS, UNUSABLE, Report

log = logging.getLogger("suivi.cli")

#: Problems written one by one; beyond, a count (`suivi check` shows them all).
LOGGED_PROBLEMS = 50


def log_path(folder: Path) -> Path:
    """The run log of the entity whose workbook sits in `folder`."""
    return folder / LOG_FOLDER / RUN_LOG


def _who() -> str:
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = "?"
    return f"{user}@{platform.node() or '?'}"


class CommandLog:
    """The log of one command on one entity, attached to the `suivi` logger while it runs."""

    def __init__(self, folder: Path | None, lang: str = "fr",
                 secrets: Iterable[str | None] = ()):
        """`folder`: the workbook's folder; None writes no log (a loose file checked once)."""
        self.path = log_path(folder) if folder is not None else None
        self.lang = lang
        self.handler = rotating_handler(self.path, lang, secrets) if self.path else None
        self.started = time.perf_counter()
        self._logger = logging.getLogger("suivi")
        self._level = self._logger.level

    def __enter__(self) -> CommandLog:
        if self.handler is not None:
            self._logger.addHandler(self.handler)
            self._logger.setLevel(logging.INFO)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.handler is not None:
            self._logger.removeHandler(self.handler)
            self._logger.setLevel(self._level)
            self.handler.close()

    def start(self, command: str, workbook: Path | str, day: object) -> None:
        self.started = time.perf_counter()
        log.info(Message.of("log.start", command=command, workbook=str(workbook),
                            version=__version__, who=_who(), day=day))

    def problems(self, report: Report | None) -> None:
        """The run's errors, each with what to do; warnings as a count."""
        if report is None:
            return
        if report.fatal is not None:
            log.error(Message.of("log.problem", problem=report.fatal))
        for failure in report.failures:
            log.error(Message.of("log.problem", problem=failure))
        errors = [i for i in report.issues if i.severity is not Severity.WARNING]
        for issue in errors[:LOGGED_PROBLEMS]:
            self.issue(issue)
        if len(errors) > LOGGED_PROBLEMS:
            log.error(Message.of("log.more_problems", count=len(errors) - LOGGED_PROBLEMS))
        warnings = len(report.issues) - len(errors)
        if warnings:
            log.warning(Message.of("log.warnings", count=warnings))

    def issue(self, issue: Issue) -> None:
        advice = hint(issue, self.lang)
        line = Message.of("log.issue_hint" if advice else "log.issue",
                          where=issue.location or "—", problem=text(issue, self.lang),
                          hint=advice)
        level = logging.ERROR if issue.severity is not Severity.WARNING else logging.WARNING
        log.log(level, line)

    def error(self, problem: Message, code: int, exc: BaseException | None = None) -> None:
        """An error that stopped the command (the traceback too when it is a bug)."""
        log.error(Message.of("log.problem", problem=problem),
                  exc_info=exc if exc is not None and problem.code == "cli.unexpected" else None)
        self.end(code)

    def end(self, code: int, done: Message | None = None) -> None:
        if done is not None:
            log.info(Message.of("log.done", done=done))
        seconds = Decimal(f"{time.perf_counter() - self.started:.2f}")
        log.info(Message.of("log.end", code=code, meaning=code_meaning(code),
                            seconds=seconds))


def code_meaning(code: int) -> Message:
    """What an exit code means, in a few words."""
    if code == OK:
        return Message.of("log.code_ok")
    if code == PROBLEMS:
        return Message.of("log.code_problems")
    if code == UNUSABLE:
        return Message.of("log.code_unusable")
    return Message.of("log.code_busy")
