"""Progress bars for long work (rendering invoices, sending reminders), with rich.

Library code reports progress through a plain callback `progress(label, done, total)`; only the
CLI decides how to show it. When output is not a terminal (scheduled task, tests, --json) the
bars are silent.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import TaskID

from suivi.core.message import Message
from suivi.messages import text

ProgressCallback = Callable[[str, int, int], None]


@contextmanager
def progress_bar(disabled: bool = False) -> Iterator[ProgressCallback | None]:
    """Yield a `progress(label, done, total)` callback drawing one bar per label."""
    # imported here: most runs draw no bar (16 ms of every start saved)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeRemainingColumn(), transient=True, disable=disabled)
    if disabled or not progress.console.is_terminal:
        yield None
        return
    tasks: dict[str, TaskID] = {}

    def report(label: str, done: int, total: int) -> None:
        if label not in tasks:
            tasks[label] = progress.add_task(text(Message.of(f"progress.{label}")), total=total)
        progress.update(tasks[label], completed=done, total=total)

    with progress:
        yield report
