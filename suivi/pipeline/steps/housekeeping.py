"""Step: apply [conservation] at the end of the daily job (old drafts, logs and backups,
temporary files of an interrupted run); see `suivi.retention`."""
from __future__ import annotations

from suivi.pipeline.state import Run
from suivi.retention import purge


def retention_step(run: Run) -> None:
    if run.dry_run or run.report.blocking or run.report.fatal is not None:
        return
    done = purge(run.settings, run.today)
    if done.removed:
        run.report.note("retention.removed", count=len(done.removed))
