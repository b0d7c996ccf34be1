"""The same-day second run: when nothing it reads has changed since the last successful run of
the day — the workbook (by content), suivi.toml, the reminder and number journals, the bank
statements waiting in [banque] dossier — `suivi run` has nothing to do, and says so at once
instead of reading the whole workbook again.

`.suivi/dernier_passage.json` records that signature after each run that ended with code 0. Any
change (a cell edited, a new statement, another day, a failed run, a pending e-mail to retry in
direct mode) runs the whole job as usual.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from suivi import __version__
from suivi.fileio import write_atomic
from suivi.mail.journal import journal_path, load_state
from suivi.pipeline.number_journal import FILE_NAME as NUMBERS_FILE
from suivi.pipeline.state import Run, RunAborted
from suivi.workbook.fingerprint import fingerprint

FILE_NAME = "dernier_passage.json"


def _stat(path: Path) -> list[int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns]


def signature(run: Run) -> dict[str, Any]:
    """What the daily job reads, in a few stats and hashes (the workbook by its content)."""
    settings = run.settings
    config = settings.config_path
    statements = settings.folder / settings.bank.folder
    waiting = sorted([p.name, *(_stat(p) or [])] for p in statements.iterdir()
                     if p.is_file()) if statements.is_dir() else []
    return {
        "day": run.today.isoformat(),
        "version": __version__,
        "workbook": fingerprint(settings.workbook).sha256,
        "config": hashlib.sha256(config.read_bytes()).hexdigest() if config else "",
        "journal": _stat(journal_path(settings.folder)),
        "numbers": _stat(settings.state_dir / NUMBERS_FILE),
        "statements": waiting,
    }


def _recorded(run: Run) -> dict[str, Any]:
    try:
        data = json.loads((run.settings.state_dir / FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _sends_pending(run: Run) -> bool:
    """In direct mode, a message that could not go yet is retried by the next run."""
    if not run.settings.dunning.direct:
        return False
    return any(m.pending for m in load_state(run.settings.folder).messages.values())


def unchanged_step(run: Run) -> None:
    """Stop here, with nothing done, when nothing changed since today's last good run."""
    if run.dry_run:
        return
    before = _recorded(run)
    if not before or before.get("signature") != signature(run) or _sends_pending(run):
        return
    run.report.note("run.unchanged", at=before.get("at", ""))
    run.unchanged = True
    raise RunAborted


def remember_run_step(run: Run) -> None:
    """Record the signature after a run that ended well (code 0)."""
    if run.dry_run or run.report.return_code != 0 or run.master is None:
        return
    data = {"at": datetime.now().strftime("%H:%M"), "signature": signature(run)}
    write_atomic(run.settings.state_dir / FILE_NAME,
                 json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
