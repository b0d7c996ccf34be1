"""What a dunning run did, and what the workbook must now say."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from suivi.core.models import FieldUpdate, Issue, JournalEntry, Severity

from .digest import Digest


@dataclass(frozen=True, slots=True)
class PendingDraft:
    """A message waiting for the team's decision: a draft, or a send that failed and is tried
    again. `held_on`: the last day `suivi send` kept it back (« Envoyer » = Non)."""

    id: str
    day: date
    client: str
    step: int
    numbers: tuple[str, ...]
    amount: Decimal
    recipients: tuple[str, ...]
    file: str
    failed: str | None = None
    held_on: date | None = None


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
    held: tuple[str, ...] = ()
    pending: tuple[PendingDraft, ...] = ()  # every message still waiting, after this run
    dry_run: bool = False

    @property
    def return_code(self) -> int:
        """0 when everything went through, 1 when some action failed or needs checking."""
        errors = any(i.severity is not Severity.WARNING for i in self.issues)
        return 1 if (self.failed or self.refused or errors
                     or (self.digest and self.digest.unverified)) else 0
