"""From a request (`suivi schedule` options) to a Windows task or a crontab line, and back.

The edges that touch the machine (schtasks, the user's crontab, mapped drives, the clock, the
password prompt) are gathered in `Environment`, so that tests inject their own: a runner that
records the schtasks command line, a temporary crontab file, a drive table.
"""
from __future__ import annotations

import sys
import sysconfig
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path, PurePath, PureWindowsPath
from typing import TYPE_CHECKING

from suivi.core.message import Message
from suivi.messages import text
from suivi.schedule import cron, windows
from suivi.schedule.launchers import WINDOWS_NAME
from suivi.schedule.spec import ALL_DAYS, Schedule, ScheduleError, TimeOfDay, first_day

if TYPE_CHECKING:
    from crontab import CronTab


def default_suivi_command() -> tuple[str, ...]:
    """How a scheduler starts this very suivi: the venv's script, else `python -m suivi`."""
    scripts = Path(sysconfig.get_path("scripts"))
    for name in ("suivi", "suivi.exe"):
        if (scripts / name).is_file():
            return (str(scripts / name),)
    return (sys.executable, "-m", "suivi")


def default_install_folder() -> Path:
    """The folder of the installation: the parent of the venv the installer created."""
    return Path(sys.prefix).parent


@dataclass(frozen=True)
class Environment:
    """What `suivi schedule` needs from the machine; tests replace any part of it."""

    system: str = "windows" if sys.platform == "win32" else "cron"
    runner: windows.Runner = windows.run_command
    resolve_drive: windows.DriveResolver = windows.mapped_drive_target
    crontab: Callable[[], CronTab] = cron.user_crontab
    suivi_command: tuple[str, ...] = field(default_factory=default_suivi_command)
    install_folder: Path = field(default_factory=default_install_folder)
    user: str = field(default_factory=windows.current_user)
    now: Callable[[], datetime] = datetime.now


@dataclass(frozen=True, slots=True)
class Request:
    """What the user asked for. `folder` is the entity folder, absolute."""

    folder: PurePath
    time: TimeOfDay | None = None
    days: frozenset[int] = ALL_DAYS
    without_session: bool = False
    user: str | None = None
    name: str | None = None
    wait: timedelta = timedelta(0)  # --attendre, passed to the run


@dataclass(frozen=True, slots=True)
class WindowsPlan:
    task: windows.WindowsTask
    notes: tuple[Message, ...]  # what was adapted (mapped drive → UNC)


def find_launcher(folder: Path, env: Environment) -> Path:
    """Lancer_suivi.bat of the installation, else one in the entity folder."""
    for candidate in (env.install_folder / WINDOWS_NAME, folder / WINDOWS_NAME):
        if candidate.is_file():
            return candidate
    raise ScheduleError("schedule.no_launcher", install=env.install_folder, folder=folder)


def windows_folder(request: Request, env: Environment) -> tuple[PureWindowsPath, list[Message]]:
    """The entity folder as the task must see it (UNC form of a mapped drive)."""
    local = PureWindowsPath(request.folder)
    shared = windows.to_unc(local, env.resolve_drive)
    notes = []
    if shared != local:
        notes.append(Message.of("schedule.windows_unc", drive=local.drive, unc=shared))
    return shared, notes


def task_name(request: Request, env: Environment) -> str:
    if request.name:
        name = request.name.strip().strip("\\")
        return name if "\\" in name else f"{windows.TASK_FOLDER}\\{name}"
    folder, _ = windows_folder(request, env)
    return windows.default_task_name(folder)


def plan_windows(request: Request, env: Environment, launcher: PurePath) -> WindowsPlan:
    """The task to register for `request` (request.time must be set)."""
    assert request.time is not None
    folder, notes = windows_folder(request, env)
    schedule = Schedule(request.time, request.days, folder, request.wait)
    description = Message.of("schedule.task_description", folder=folder)
    task = windows.WindowsTask(
        name=task_name(request, env), schedule=schedule,
        launcher=windows.to_unc(PureWindowsPath(launcher), env.resolve_drive),
        user=request.user or env.user, without_session=request.without_session,
        start=first_day(env.now(), request.time), description=text(description))
    return WindowsPlan(task, tuple(notes))


def plan_cron(request: Request, env: Environment) -> cron.CronJob:
    assert request.time is not None
    return cron.CronJob(Schedule(request.time, request.days, request.folder, request.wait),
                        env.suivi_command)
