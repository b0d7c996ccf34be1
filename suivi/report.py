"""The outcome of a command: what was found and done, and the exit code it implies.

Like black's `Report`: steps record into it; `return_code` decides the exit status.
0 success; 1 problems found or some actions failed; 2 unusable input (a blocking problem
included); 3 workbook busy. Everything in it is data (issues and `Message`s): the words come at
the edge, in the user's language.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from suivi.core.message import Message
from suivi.core.models import Issue, Severity

OK, PROBLEMS, UNUSABLE, BUSY = 0, 1, 2, 3


@dataclass
class Report:
    issues: list[Issue] = field(default_factory=list)
    failures: list[Message] = field(default_factory=list)
    done: list[Message] = field(default_factory=list)
    fatal: Message | None = None
    busy: bool = False
    strict: bool = False

    def add_issues(self, issues: Iterable[Issue]) -> None:
        self.issues.extend(issues)

    def fail(self, code: str | Message, **params: Any) -> None:
        self.failures.append(code if isinstance(code, Message) else Message.of(code, **params))

    def note(self, code: str | Message, **params: Any) -> None:
        self.done.append(code if isinstance(code, Message) else Message.of(code, **params))

    @property
    def blocking(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.BLOCKING]

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is not Severity.WARNING]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.WARNING]

    @property
    def return_code(self) -> int:
        if self.busy:
            return BUSY
        if self.fatal is not None or self.blocking:
            return UNUSABLE
        if self.errors or self.failures or (self.strict and self.warnings):
            return PROBLEMS
        return OK
