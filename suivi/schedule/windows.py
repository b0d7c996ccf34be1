"""The daily job as a Windows Task Scheduler task.

`task_xml` renders the task (Task Scheduler schema 1.2) that `schtasks /Create /XML` registers:
a calendar trigger at the chosen hour on the chosen days, and one action that runs the
launcher batch file with ``SUIVI_AUTO=1`` (no pause, quiet output) on the entity folder:

    %SystemRoot%\\System32\\cmd.exe /d /s /c "set "SUIVI_AUTO=1" && call "LAUNCHER" "FOLDER""

``/s`` makes cmd strip exactly the outer pair of quotes, so paths with spaces, accents, ``&`` or
parentheses stay quoted; ``/d`` skips any AutoRun command of the PC. The launcher changes into
the folder with ``pushd``, which also works for UNC paths (cmd cannot use a UNC path as its
current folder otherwise).

A task that runs when nobody is logged on cannot see mapped drive letters (``Z:``): those
belong to a logon session. `to_unc` turns a path on a mapped drive into its UNC form
(``\\\\serveur\\partage\\…``) through a resolver; `mapped_drive_target` asks Windows
(``WNetGetConnectionW``), and tests inject their own.
"""
from __future__ import annotations

import codecs
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path, PureWindowsPath
from xml.sax.saxutils import escape

from suivi.schedule.spec import ALL_DAYS, Schedule, ScheduleError, wait_text

#: "Z:" → "\\\\serveur\\partage" for a mapped network drive, None for a local drive.
DriveResolver = Callable[[str], "str | None"]
#: Runs a command line, returns (exit code, output). Tests inject a recorder.
Runner = Callable[[Sequence[str]], "tuple[int, str]"]

TASK_FOLDER = "suivi"
DAY_ELEMENTS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass(frozen=True, slots=True)
class WindowsTask:
    """Everything the task XML says. Paths are Windows paths, already in UNC form if shared."""

    name: str                  # "suivi\\Compta": folder "suivi" of the Task Scheduler library
    schedule: Schedule
    launcher: PureWindowsPath  # Lancer_suivi.bat
    user: str                  # DOMAINE\\utilisateur
    without_session: bool      # run whether the user is logged on or not (stored password)
    start: date                # first day of the trigger
    description: str


def mapped_drive_target(drive: str) -> str | None:
    """The UNC root of a mapped network drive ("Z:" → "\\\\serveur\\partage"), else None."""
    if sys.platform != "win32":
        return None
    import ctypes
    from ctypes import wintypes

    size = wintypes.DWORD(1024)
    buffer = ctypes.create_unicode_buffer(size.value)
    status = ctypes.WinDLL("mpr").WNetGetConnectionW(drive, buffer, ctypes.byref(size))
    return buffer.value if status == 0 and buffer.value.startswith("\\\\") else None


def to_unc(path: str | PureWindowsPath, resolve: DriveResolver) -> PureWindowsPath:
    """`path` with a mapped drive letter replaced by the share it points to.

    UNC paths and local drives are returned unchanged.
    """
    windows = PureWindowsPath(path)
    drive = windows.drive
    if len(drive) != 2 or drive[1] != ":":
        return windows
    target = resolve(drive.upper())
    if not target:
        return windows
    root = PureWindowsPath(target.rstrip("\\") + "\\")
    return root.joinpath(*windows.parts[1:])


def default_task_name(folder: PureWindowsPath) -> str:
    """"suivi\\<folder name>": one task per entity folder, grouped in a "suivi" folder."""
    name = folder.name or folder.drive.strip("\\").split("\\")[-1]
    cleaned = _FORBIDDEN.sub(" ", name).strip(" .")
    return f"{TASK_FOLDER}\\{cleaned or TASK_FOLDER}"


def action_arguments(launcher: PureWindowsPath, folder: PureWindowsPath,
                     wait: timedelta = timedelta(0)) -> str:
    """cmd.exe arguments that run the launcher on the folder with SUIVI_AUTO=1 (and
    SUIVI_ATTENDRE, the run's --attendre, when the schedule waits for a busy workbook)."""
    waiting = f'set "SUIVI_ATTENDRE={wait_text(wait)}" && ' if wait else ""
    return f'/d /s /c "set "SUIVI_AUTO=1" && {waiting}call "{launcher}" "{folder}""'


def _trigger(task: WindowsTask) -> str:
    schedule = task.schedule
    start = f"{task.start.isoformat()}T{schedule.time}:00"
    if schedule.days == ALL_DAYS:
        plan = ("      <ScheduleByDay>\n"
                "        <DaysInterval>1</DaysInterval>\n"
                "      </ScheduleByDay>\n")
    else:
        days = "".join(f"          <{DAY_ELEMENTS[d]} />\n" for d in sorted(schedule.days))
        plan = ("      <ScheduleByWeek>\n"
                "        <WeeksInterval>1</WeeksInterval>\n"
                "        <DaysOfWeek>\n"
                f"{days}"
                "        </DaysOfWeek>\n"
                "      </ScheduleByWeek>\n")
    return ("    <CalendarTrigger>\n"
            "      <Enabled>true</Enabled>\n"
            f"      <StartBoundary>{start}</StartBoundary>\n"
            f"{plan}"
            "    </CalendarTrigger>\n")


def task_xml(task: WindowsTask) -> str:
    """The task definition, as `schtasks /Create /XML` reads it (saved in UTF-16)."""
    folder = PureWindowsPath(task.schedule.folder)
    logon = "Password" if task.without_session else "InteractiveToken"
    arguments = action_arguments(task.launcher, folder, task.schedule.wait)
    return (
        '<?xml version="1.0" encoding="UTF-16"?>\n'
        '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">\n'
        "  <RegistrationInfo>\n"
        "    <Author>suivi</Author>\n"
        f"    <Description>{escape(task.description)}</Description>\n"
        "  </RegistrationInfo>\n"
        "  <Triggers>\n"
        f"{_trigger(task)}"
        "  </Triggers>\n"
        "  <Principals>\n"
        '    <Principal id="Author">\n'
        f"      <UserId>{escape(task.user)}</UserId>\n"
        f"      <LogonType>{logon}</LogonType>\n"
        "      <RunLevel>LeastPrivilege</RunLevel>\n"
        "    </Principal>\n"
        "  </Principals>\n"
        "  <Settings>\n"
        "    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>\n"
        "    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>\n"
        "    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>\n"
        "    <StartWhenAvailable>true</StartWhenAvailable>\n"
        "    <ExecutionTimeLimit>PT4H</ExecutionTimeLimit>\n"
        "    <Enabled>true</Enabled>\n"
        "  </Settings>\n"
        '  <Actions Context="Author">\n'
        "    <Exec>\n"
        "      <Command>%SystemRoot%\\System32\\cmd.exe</Command>\n"
        f"      <Arguments>{escape(arguments)}</Arguments>\n"
        f"      <WorkingDirectory>{escape(str(folder))}</WorkingDirectory>\n"
        "    </Exec>\n"
        "  </Actions>\n"
        "</Task>\n"
    )


def task_xml_bytes(task: WindowsTask) -> bytes:
    """The XML file as schtasks expects it: UTF-16 little-endian with its byte order mark."""
    return codecs.BOM_UTF16_LE + task_xml(task).replace("\n", "\r\n").encode("utf-16-le")


def create_command(task: WindowsTask, xml_file: str, password: str | None) -> list[str]:
    """schtasks arguments that register (or replace) the task from its XML file."""
    command = ["schtasks", "/Create", "/TN", task.name, "/XML", xml_file, "/F"]
    if task.without_session:
        command += ["/RU", task.user, "/RP", password or ""]
    return command


def delete_command(name: str) -> list[str]:
    return ["schtasks", "/Delete", "/TN", name, "/F"]


def run_command(args: Sequence[str]) -> tuple[int, str]:
    """Run a command, capture what it prints (schtasks prints in the console's OEM code page)."""
    encoding = "oem" if sys.platform == "win32" else "utf-8"
    try:
        done = subprocess.run(list(args), capture_output=True, encoding=encoding,
                              errors="replace", check=False)
    except OSError as exc:
        return 127, str(exc)
    return done.returncode, (done.stdout + done.stderr).strip()


def create_task(task: WindowsTask, runner: Runner, password: str | None = None) -> None:
    """Register the task with schtasks. ScheduleError with schtasks' own words on failure."""
    with tempfile.TemporaryDirectory(prefix="suivi-tache-") as folder:
        xml_file = Path(folder) / "tache.xml"
        xml_file.write_bytes(task_xml_bytes(task))
        code, output = runner(create_command(task, str(xml_file), password))
    if code != 0:
        raise ScheduleError("schedule.schtasks_failed", name=task.name, status=code,
                            output=output or "—")


def delete_task(name: str, runner: Runner) -> None:
    code, output = runner(delete_command(name))
    if code != 0:
        raise ScheduleError("schedule.schtasks_delete_failed", name=name, status=code,
                            output=output or "—")


def current_user() -> str:
    """DOMAINE\\utilisateur of the person running the command (Windows environment)."""
    user = os.environ.get("USERNAME") or os.environ.get("USER") or "utilisateur"
    domain = os.environ.get("USERDOMAIN")
    return f"{domain}\\{user}" if domain else user
