"""What a dunning run did, and what the workbook must now say."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from suivi.core.models import FieldUpdate, Issue, JournalEntry, Severity

from .digest import Digest


@dataclass(frozen=True, slots=True)
class DunningOutcome:
    """Drafts made, messages sent/failed/cancelled, the workbook updates and Journal rows they
    imply, the team digest, and the issues met. `sync_keys` are the journal events the pipeline
    marks as reflected in the workbook once its commit succeeded."""

    updates: tuple[FieldUpdate, ...] = ()
    journal_rows: tuple[JournalEntry, ...] = ()
    digest: Digest | None = None
    issues: tuple[Issue, ...] = ()
    files: tuple[Path, ...] = ()
    sync_keys: tuple[str, ...] = ()
    drafted: tuple[str, ...] = ()
    sent: tuple[str, ...] = ()
    failed: tuple[str, ...] = ()
    refused: tuple[str, ...] = ()
    cancelled: tuple[str, ...] = ()
    dry_run: bool = False

    @property
    def return_code(self) -> int:
        """0 when everything went through, 1 when some action failed or needs checking."""
        errors = any(i.severity is not Severity.WARNING for i in self.issues)
        return 1 if (self.failed or self.refused or errors
                     or (self.digest and self.digest.unverified)) else 0
