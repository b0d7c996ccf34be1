"""The daily job as a crontab line (Linux, macOS), through python-crontab.

    0 8 * * 1-5 cd /srv/compta && mkdir -p .suivi/logs && SUIVI_AUTO=1
        /opt/suivi/.venv/bin/suivi run --quiet >> .suivi/logs/cron.log 2>&1 # suivi: /srv/compta

(one line in the crontab, cut here to fit). The trailing comment marks the line as suivi's
for that entity folder: scheduling the same folder again replaces the line,
``suivi schedule --supprimer`` removes it, and lines of other programs or other folders are
never touched (python-crontab may move a variable line such as ``MAILTO=`` above the comment
that precedes it: same meaning). Paths are quoted for the shell; python-crontab escapes ``%``
(a line break for cron) in the command.
"""
from __future__ import annotations

import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

from suivi.schedule.spec import ALL_DAYS, Schedule, ScheduleError, wait_text

if TYPE_CHECKING:  # python-crontab is imported when a crontab is made (7 ms of every start)
    from crontab import CronTab

MARKER_PREFIX = "suivi: "
LOG_FOLDER = ".suivi/logs"
LOG_FILE = f"{LOG_FOLDER}/cron.log"


@dataclass(frozen=True, slots=True)
class CronJob:
    schedule: Schedule
    suivi: tuple[str, ...]  # how to start suivi, e.g. ("/opt/suivi/.venv/bin/suivi",)


def marker(folder: PurePath) -> str:
    """The comment that identifies suivi's line for one entity folder."""
    return f"{MARKER_PREFIX}{folder}"


def cron_days(days: frozenset[int]) -> str:
    """Weekdays (Monday 0) as cron's day-of-week field (Sunday 0): "*", "1-5", "1,3,5"."""
    if days == ALL_DAYS:
        return "*"
    numbers = sorted((d + 1) % 7 for d in days)
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [f"{r[0]}-{r[-1]}" if len(r) > 2 else ",".join(map(str, r)) for r in runs]
    return ",".join(parts)


def _shell(words: Sequence[str]) -> str:
    return " ".join(shlex.quote(w) for w in words)


def cron_command(job: CronJob) -> str:
    """The shell command of the line: cd into the folder, run suivi quietly, append to the log."""
    folder = shlex.quote(str(job.schedule.folder))
    wait = job.schedule.wait
    variables = f"SUIVI_AUTO=1 SUIVI_ATTENDRE={wait_text(wait)}" if wait else "SUIVI_AUTO=1"
    return (f"cd {folder} && mkdir -p {LOG_FOLDER} && {variables} {_shell(job.suivi)} "
            f"run --quiet >> {LOG_FILE} 2>&1")


def _new_job(tab: CronTab, job: CronJob):  # -> crontab.CronItem
    time = job.schedule.time
    item = tab.new(command=cron_command(job), comment=marker(job.schedule.folder))
    item.setall(f"{time.minute} {time.hour} * * {cron_days(job.schedule.days)}")
    return item


def cron_line(job: CronJob) -> str:
    """The line exactly as it is written in the crontab."""
    from crontab import CronTab

    return str(_new_job(CronTab(), job).render())


def install(job: CronJob, tab: CronTab) -> int:
    """Add the job's line to `tab` and save it; a previous line for the folder is replaced.

    Returns how many previous lines were replaced.
    """
    replaced = _remove_from(tab, job.schedule.folder)
    _new_job(tab, job)
    _write(tab)
    return replaced


def uninstall(folder: PurePath, tab: CronTab) -> int:
    """Remove suivi's line(s) for `folder` from `tab` and save it. Returns how many."""
    removed = _remove_from(tab, folder)
    if removed:
        _write(tab)
    return removed


def installed_lines(folder: PurePath, tab: CronTab) -> list[str]:
    return [str(item.render()) for item in tab.find_comment(marker(folder))]


def _remove_from(tab: CronTab, folder: PurePath) -> int:
    items = list(tab.find_comment(marker(folder)))
    for item in items:
        tab.remove(item)
    return len(items)


def _write(tab: CronTab) -> None:
    try:
        tab.write()
    except (OSError, ValueError) as exc:
        raise ScheduleError("schedule.crontab_failed", reason=str(exc)) from exc


def user_crontab() -> CronTab:
    """The crontab of the user running suivi."""
    from crontab import CronTab

    try:
        return CronTab(user=True)
    except (OSError, ValueError) as exc:
        raise ScheduleError("schedule.crontab_failed", reason=str(exc)) from exc
