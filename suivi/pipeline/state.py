"""The state of one run, and the step protocol. Both the engine and the steps import this
module, and nothing in it imports a step: no circle.

A step is a function `step(run: Run) -> None` that reads what earlier steps left in `run` and
adds its own results: typed result fields (one per capability), field updates for the invoice
sheet, Journal rows, whole sheets that suivi owns, files it made, and callbacks to run once the
workbook commit succeeded. Nothing touches the workbook before the commit step, and `--dry-run`
skips every write. Nothing here prints: the command line renders the results.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from operator import attrgetter
from pathlib import Path
from typing import Any

from suivi.config import Settings
from suivi.core.holds import REMINDABLE, Holds
from suivi.core.kpi import KpiReport
from suivi.core.ledger import (
    StatusInfo,
    compute_status,
    compute_statuses,
    credited_amounts,
    status_words,
)
from suivi.core.message import Message
from suivi.core.models import (
    SHEET_STRIDE,
    ZERO,
    CellRef,
    FieldUpdate,
    Invoice,
    InvoiceKind,
    JournalEntry,
    Master,
    Severity,
    Status,
)
from suivi.core.plan import ReminderPlan
from suivi.documents.chorus import DepositReceipt
from suivi.mail import Delivery, DunningAdjustments, DunningOutcome
from suivi.messages import SuiviError
from suivi.report import Report
from suivi.workbook.session import WorkbookSession
from suivi.workbook.write import CommitResult

from .bank_state import BankImport

Progress = Callable[[str, int, int], None]


class RunAborted(Exception):
    """Stop the pipeline (the report already says why)."""


@dataclass(frozen=True, slots=True)
class SendRequest:
    """What `suivi send` asks: the drafts to send (None: every pending one), and uncertain
    deliveries the user settled (`--confirme` sent, `--renvoie` to send again). `from_sheet`:
    the drafts marked Oui in the « Relances à envoyer » sheet (the others are held)."""

    select: tuple[str, ...] | None = None
    confirm: tuple[str, ...] = ()
    resend: tuple[str, ...] = ()
    from_sheet: bool = False


@dataclass(frozen=True, slots=True)
class RunOptions:
    """How a command runs the steps (beyond the settings)."""

    dry_run: bool = False
    lang: str = "fr"
    drafts_only: bool = False  # `suivi remind`: drafts whatever [relances] envoi says
    send: SendRequest | None = None  # `suivi send`
    accept_dates: bool = False  # number rows whose date looks implausible (--confirmer-dates)
    day_from_clock: bool = False  # the day is the computer's (no --date): steps/clock.py
    accept_structure: bool = False  # a sheet or column gone since last run (--accepter-structure)
    verbose: bool = False
    delivery: Delivery = field(default_factory=Delivery)  # how to reach the SMTP server
    statements: tuple[Path, ...] = ()  # `suivi bank`: the statement files to import


@dataclass
class InvoiceResult:
    """What the invoicing steps did: rows created from contracts, numbers given, PDFs made."""

    from_contracts: list[str] = field(default_factory=list)
    numbered: list[str] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    to_render: list[str] = field(default_factory=list)
    adopted: list[str] = field(default_factory=list)  # PDFs found on disk, kept as they are
    holds: Holds = field(default_factory=Holds)  # errors holding invoices (steps/holds.py)
    held: list[int] = field(default_factory=list)  # rows held in this run
    chorus: list[DepositReceipt] = field(default_factory=list)  # invoices for Chorus Pro


@dataclass
class Run:
    """State of one run, filled step by step."""

    settings: Settings
    today: date
    options: RunOptions = field(default_factory=RunOptions)
    progress: Progress | None = None
    book: WorkbookSession | None = None
    report: Report = field(default_factory=Report)
    master: Master | None = None
    statuses: dict[int, StatusInfo] = field(default_factory=dict)
    # what the one commit writes
    updates: list[FieldUpdate] = field(default_factory=list)
    journal_entries: list[JournalEntry] = field(default_factory=list)
    sheets: dict[str, bytes] = field(default_factory=dict)
    appended: list[int] = field(default_factory=list)  # provisional rows of invoices to append
    cell_updates: list[tuple[str, str, Any]] = field(default_factory=list)  # other sheets
    rows: dict[str, list[list[Any]]] = field(default_factory=dict)  # appended to other sheets
    new_sheets: dict[str, tuple[str, ...]] = field(default_factory=dict)  # created with a header
    before_commit: list[Callable[[], None]] = field(default_factory=list)
    after_commit: list[Callable[[], None]] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    # typed results of the steps
    invoicing: InvoiceResult = field(default_factory=InvoiceResult)
    plan: ReminderPlan | None = None
    dunning: DunningOutcome | None = None
    kpi: KpiReport | None = None
    commit: CommitResult | None = None
    bank: BankImport | None = None
    adjust: DunningAdjustments = field(default_factory=DunningAdjustments)
    committed: bool = False
    unchanged: bool = False  # the same-day second run found nothing changed (steps/unchanged.py)
    clock_hold: Message | None = None  # the computer's day, far after the last run (steps/clock.py)
    error: SuiviError | None = None  # why the run could not go on (also in the report)
    _words: dict[Status, str] | None = None  # the team's word for each status (status_word)

    @property
    def dry_run(self) -> bool:
        return self.options.dry_run

    @property
    def lang(self) -> str:
        return self.options.lang

    @property
    def invoices(self) -> tuple[Invoice, ...]:
        return self.master.invoices if self.master else ()

    def status_word(self, status: Status) -> str:
        """The word written in the Statut column for `status`: the team's own when its column
        has one (`core.ledger.status_words`), else suivi's."""
        if self._words is None:
            self._words = status_words(map(attrgetter("status_text"), self.invoices))
        return self._words.get(status, status.value)

    def require_master(self) -> Master:
        if self.master is None:
            raise RunAborted
        return self.master

    def replace_invoices(self, changed: Sequence[Invoice]) -> None:
        """Steps that change invoices (numbering, PDF path) keep later steps in step. One pass
        over the sheet whatever the number of changed rows."""
        master = self.require_master()
        if not changed:
            return
        by_row = {inv.row: inv for inv in changed}
        invoices = tuple(by_row.get(inv.row, inv) for inv in master.invoices)
        self.master = replace(master, invoices=invoices)
        if any(inv.kind is not InvoiceKind.INVOICE for inv in changed) or not self.statuses:
            self.statuses = compute_statuses(invoices, self.today)  # credits may move
            return
        # plain invoices credit no other invoice: only their own statuses change
        credited = credited_amounts(invoices)
        for inv in changed:
            self.statuses[inv.row] = compute_status(inv, self.today,
                                                    credited.get(inv.number or "", ZERO))

    def rows_with_errors(self) -> set[int]:
        """Rows of the invoice sheet that an error names: their open invoice is not reminded
        while it stands (a broken cell may hide a payment), except for the errors that say
        nothing of what is owed on the row (`core.holds.REMINDABLE`)."""
        master = self.require_master()
        layout = master.layout
        return {key for issue in self.report.issues
                if isinstance(issue.where, CellRef)
                and (key := layout.row_key(issue.where.sheet, issue.where.row)) is not None
                and issue.severity is not Severity.WARNING and issue.code not in REMINDABLE}

    def update(self, row: int, field_name: str, value: Any) -> None:
        self.updates.append(FieldUpdate(row, field_name, value))

    def cell(self, sheet: str, ref: str, value: Any) -> None:
        """A value for a cell of another sheet than the invoices' (e.g. Contrats)."""
        self.cell_updates.append((sheet, ref, value))

    def add_invoice(self, invoice: Invoice) -> Invoice:
        """A new invoice row, appended to the invoice sheet at commit. It gets a provisional
        row number after the last row, so later steps can number, render and update it."""
        master = self.require_master()
        last = max([inv.row for inv in master.invoices if inv.row < SHEET_STRIDE]
                   + [master.layout.header_row] + self.appended)
        invoice = replace(invoice, sheet=master.layout.sheet, row=last + 1)
        self.appended.append(invoice.row)
        self.master = replace(master, invoices=master.invoices + (invoice,))
        self.statuses[invoice.row] = compute_status(invoice, self.today)
        return invoice


Step = Callable[[Run], None]


def collecting(step: Step) -> Step:
    """Mark a step that drops many objects holding reference cycles (fpdf2 documents, e-mail
    messages: a first run draws thousands of PDFs and composes thousands of drafts; with the
    collector paused, the 2,000 drafts of a first run kept 700 MB of such garbage): the engine
    keeps the garbage collector running during it. During the other steps it pauses the
    collector, which would otherwise walk the hundreds of thousands of records again at every
    full collection (20 % of a day-2 run)."""
    setattr(step, "collects_garbage", True)  # noqa: B010 - a mark on the function itself
    return step


def needs_collector(step: Step) -> bool:
    """Whether `step` was marked with `collecting`."""
    return getattr(step, "collects_garbage", False) is True


def keeping(step: Step) -> Step:
    """Mark a step whose results live until the end of the run and hold no reference cycles
    (the records read, the issues, the statuses): the engine hides what is alive when it ends
    from the collector (`core.collector.freeze_survivors`), so that later collections no longer
    walk it. Only such steps: a step that leaves garbage cycles (xlsxwriter's workbook in the
    KPI step) would have them kept until the end of the run — 40 MB more at the peak of a first
    run when every paused step froze what it left."""
    setattr(step, "keeps_records", True)  # noqa: B010 - a mark on the function itself
    return step


def keeps_records(step: Step) -> bool:
    """Whether `step` was marked with `keeping`."""
    return getattr(step, "keeps_records", False) is True
