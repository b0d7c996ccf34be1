"""The outcome of a command: what was found and done, and the exit code it implies.

Like black's `Report`: steps record into it; `return_code` decides the exit status.
0 success; 1 problems found or some actions failed; 2 unusable input; 3 workbook busy.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from suivi.core.models import Issue, Severity

OK, PROBLEMS, UNUSABLE, BUSY = 0, 1, 2, 3


@dataclass
class Report:
    issues: list[Issue] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    done: list[str] = field(default_factory=list)
    fatal: str | None = None
    busy: bool = False
    strict: bool = False
    data: dict[str, Any] = field(default_factory=dict)

    def add_issues(self, issues) -> None:
        self.issues.extend(issues)

    def fail(self, message: str) -> None:
        self.failures.append(message)

    def note(self, message: str) -> None:
        self.done.append(message)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.WARNING]

    @property
    def return_code(self) -> int:
        if self.busy:
            return BUSY
        if self.fatal is not None:
            return UNUSABLE
        if self.errors or self.failures or (self.strict and self.warnings):
            return PROBLEMS
        return OK
