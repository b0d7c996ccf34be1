"""Keeping only what is needed: old drafts and copies of sent reminders, logs and workbook
backups are removed after the days `[conservation]` sets; temporary files left by a run that
died are removed too. `suivi purge` applies it at once; `suivi run` at the end of each run.

Nothing still needed is ever removed: a day folder of reminders holding a draft not yet sent,
refused, or « à vérifier » is kept whatever its age, and the newest workbook backup always stays.
The state that makes promises hold (`.suivi/journal.jsonl`, `.suivi/numeros.jsonl`) is never
purged: it is how suivi never sends twice nor gives a number twice.

    done = purge(settings, today, dry_run=False)   # Purged: paths removed (or to remove)
"""
from __future__ import annotations

import os
import re
import shutil
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from suivi.config import Settings
from suivi.mail.journal import DRAFT, FAILED, REFUSED, SENDING, UNVERIFIED, load_state

#: Temporary files of an atomic write (`fileio.write_atomic`, the workbook writer).
TEMP_PREFIXES = (".tmp-",)
TEMP_AGE_SECONDS = 3600
_DAY_FOLDER = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_PENDING = frozenset({DRAFT, FAILED, REFUSED, UNVERIFIED, SENDING})


@dataclass
class Purged:
    removed: list[Path] = field(default_factory=list)
    kept_pending: list[Path] = field(default_factory=list)  # old day folders still needed


def purge(settings: Settings, today: date, dry_run: bool = False) -> Purged:
    """Apply [conservation] to the files beside the workbook of `settings`."""
    done = Purged()
    policy = settings.retention
    state = settings.state_dir
    if policy.logs_days:
        _old_files(state / "logs", today - timedelta(days=policy.logs_days), done)
    if policy.backups_days:
        backups = sorted((state / "sauvegardes").glob("*.xls*"), key=_mtime)
        _old_files(state / "sauvegardes", today - timedelta(days=policy.backups_days), done,
                   keep=set(backups[-1:]))
    if policy.drafts_days:
        _old_day_folders(settings, today - timedelta(days=policy.drafts_days), done)
    _temp_files(settings, done)
    if not dry_run:
        for path in done.removed:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
    return done


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _old_files(folder: Path, before: date, done: Purged, keep: set[Path] | None = None) -> None:
    if not folder.is_dir():
        return
    limit = time.mktime(before.timetuple())
    for path in sorted(folder.iterdir()):
        if path.is_file() and path not in (keep or set()) and _mtime(path) < limit:
            done.removed.append(path)


def _old_day_folders(settings: Settings, before: date, done: Purged) -> None:
    root = settings.folder / settings.dunning.drafts_folder
    if not root.is_dir():
        return
    pending = {Path(m.file).parts[-2] for m in load_state(settings.folder).messages.values()
               if m.status in _PENDING and m.file and len(Path(m.file).parts) >= 2}
    for path in sorted(root.iterdir()):
        match = _DAY_FOLDER.match(path.name)
        if not (path.is_dir() and match):
            continue
        try:
            day = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            continue
        if day >= before:
            continue
        (done.kept_pending if path.name in pending else done.removed).append(path)


def _temp_files(settings: Settings, done: Purged) -> None:
    """Leftovers of atomic writes interrupted by a crash (an hour old at least): beside the
    workbook, and anywhere under .suivi/, the reminders and the invoices folders."""
    limit = time.time() - TEMP_AGE_SECONDS
    candidates = list(settings.folder.iterdir()) if settings.folder.is_dir() else []
    deep = {settings.state_dir, settings.folder / settings.dunning.drafts_folder,
            settings.folder / _static_part(settings.invoicing.folder)} - {settings.folder}
    for root in sorted(deep):
        for dirpath, _dirs, files in os.walk(root):
            candidates.extend(Path(dirpath) / name for name in files)
    for path in candidates:
        if path.name.startswith(TEMP_PREFIXES) and path.is_file() and _mtime(path) < limit:
            done.removed.append(path)


def _static_part(pattern: str) -> str:
    """The folder part of `[factures] dossier` before its first placeholder."""
    return pattern.split("{", 1)[0].rstrip("/\\") or "."
