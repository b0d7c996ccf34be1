"""What a scheduled daily run is: an hour, some days of the week, an entity folder.

Parsing what users type (`--heure 8h30`, `--jours lun-ven`) and the plain description of a
schedule live here; the Windows and crontab renderings live in `windows` and `cron`.
Weekdays are numbered like `datetime.date.weekday()`: Monday 0 … Sunday 6.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import PurePath

from suivi.messages import SuiviError

ALL_DAYS: frozenset[int] = frozenset(range(7))

# Accepted day names, French first; accents and case are ignored.
_DAY_NAMES: dict[str, int] = {}
for _index, _names in enumerate((
        ("lun", "lundi", "mon", "monday"),
        ("mar", "mardi", "tue", "tues", "tuesday"),
        ("mer", "mercredi", "wed", "wednesday"),
        ("jeu", "jeudi", "thu", "thur", "thurs", "thursday"),
        ("ven", "vendredi", "fri", "friday"),
        ("sam", "samedi", "sat", "saturday"),
        ("dim", "dimanche", "sun", "sunday"))):
    for _name in _names:
        _DAY_NAMES[_name] = _index
_EVERY_DAY = ("tous", "tout", "tlj", "all", "every", "daily", "*")

_TIME = re.compile(r"^\s*(\d{1,2})\s*(?:[:hH]\s*(\d{2})?)?\s*$")


class ScheduleError(SuiviError):
    """A schedule that cannot be created or removed (bad option, folder, system refusal)."""

    code = "schedule.error"


@dataclass(frozen=True, slots=True)
class TimeOfDay:
    hour: int
    minute: int

    def __str__(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}"


@dataclass(frozen=True, slots=True)
class Schedule:
    """When and where the daily job runs.

    `folder` is the entity folder (where suivi.toml and the workbook live), as the scheduler
    must see it: on Windows a UNC path when the folder is on a network share. `wait`: given
    to the run as SUIVI_ATTENDRE (`suivi run --attendre`), when not zero.
    """

    time: TimeOfDay
    days: frozenset[int]
    folder: PurePath
    wait: timedelta = timedelta(0)  # --attendre: how long the run keeps trying a busy workbook

    @property
    def every_day(self) -> bool:
        return self.days == ALL_DAYS


def parse_time(text: str) -> TimeOfDay:
    """`08:00`, `8:00`, `8h`, `8h30`, `20H15` → TimeOfDay; ScheduleError otherwise."""
    match = _TIME.match(text or "")
    if match:
        hour = int(match.group(1))
        minute = int(match.group(2) or 0)
        if hour <= 23 and minute <= 59:
            return TimeOfDay(hour, minute)
    raise ScheduleError("schedule.bad_time", value=text)


def _fold(text: str) -> str:
    table = str.maketrans("éèêëàâîïôûùç", "eeeeaaiiouuc")
    return text.strip().lower().translate(table).rstrip(".")


def _day(name: str, spec: str) -> int:
    try:
        return _DAY_NAMES[_fold(name)]
    except KeyError:
        raise ScheduleError("schedule.bad_day", value=name.strip(), spec=spec) from None


def parse_days(spec: str | None) -> frozenset[int]:
    """`lun-ven`, `lun,mer,ven`, `sam-dim`, `tous`, `mon-fri`, `ven-lun` (wraps) → weekdays.

    Empty or None means every day.
    """
    if spec is None or not spec.strip() or _fold(spec) in _EVERY_DAY:
        return ALL_DAYS
    days: set[int] = set()
    for part in spec.split(","):
        if not part.strip():
            raise ScheduleError("schedule.bad_day", value=part, spec=spec)
        if "-" in part:
            first_name, _, last_name = part.partition("-")
            first, last = _day(first_name, spec), _day(last_name, spec)
            span = (last - first) % 7
            days.update((first + offset) % 7 for offset in range(span + 1))
        else:
            days.add(_day(part, spec))
    return frozenset(days)


def first_day(now: datetime, time: TimeOfDay) -> date:
    """The first day the task may run: today if the hour is still ahead, else tomorrow.

    (A start in the past would make Windows run a "missed" start at once.)
    """
    if (now.hour, now.minute) < (time.hour, time.minute):
        return now.date()
    return now.date() + timedelta(days=1)


#: The longest wait for a busy workbook: the Windows task stops a run after 4 hours.
MAX_WAIT = timedelta(hours=3)
_WAIT = re.compile(r"^(?:(\d+)\s*h(?:eures?|ours?)?)?\s*(?:(\d+)\s*(min|mn|m|s|sec)?)?$")


def parse_wait(text: str) -> timedelta:
    """How long to wait for a busy workbook: `2h`, `90min`, `1h30`, `45` (minutes), `30s`,
    `0` (no wait), up to `MAX_WAIT`; ScheduleError otherwise."""
    folded = _fold(text or "").replace(" ", "")
    match = _WAIT.match(folded) if folded else None
    wait = None
    if match is not None and (match.group(1) or match.group(2)):
        hours, amount, unit = int(match.group(1) or 0), int(match.group(2) or 0), match.group(3)
        if unit not in ("s", "sec"):
            wait = timedelta(hours=hours, minutes=amount)
        elif not match.group(1):  # "1h30s" is not a duration
            wait = timedelta(seconds=amount)
    if wait is None or wait > MAX_WAIT:
        raise ScheduleError("schedule.bad_wait", value=text, limit=MAX_WAIT // timedelta(hours=1))
    return wait


def wait_text(wait: timedelta) -> str:
    """A wait as `parse_wait` reads it back, the shortest way: `2h`, `1h30`, `90s`."""
    seconds = int(wait.total_seconds())
    if seconds % 60:
        return f"{seconds}s"
    hours, minutes = divmod(seconds // 60, 60)
    if not hours:
        return f"{minutes}min"
    return f"{hours}h{minutes:02d}" if minutes else f"{hours}h"
