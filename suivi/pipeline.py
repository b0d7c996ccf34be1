"""The daily run: read, check, compute statuses, then each capability, then ONE lossless commit.

    read → check → statuses → invoices → reminders → statuses write-back → KPIs → commit → after

Every step is a function `step(run: Run) -> None` that reads what earlier steps left in `run`
and adds its own results: field updates for the invoice sheet, Journal rows, whole sheets that
suivi owns, files it made, lines for the summary, and callbacks to run once the workbook commit
succeeded. Nothing touches the workbook before `commit_step`, and `--dry-run` skips every write.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Sequence

from suivi.config import Settings
from suivi.core.checks import CheckContext, run_checks
from suivi.core.ledger import StatusInfo, compute_status, compute_statuses
from suivi.core.models import (
    FieldUpdate,
    Invoice,
    JournalEntry,
    Master,
    Status,
    column_index,
    column_letter,
)
from suivi.report import Report
from suivi.workbook.read import ReadError, ReadOptions, read_master
from suivi.workbook.vocabulary import FIELD_LABELS_FR

Progress = Callable[[str, int, int], None]


@dataclass
class Run:
    """State of one run, filled step by step."""

    settings: Settings
    today: date
    dry_run: bool = False
    lang: str = "fr"
    progress: Progress | None = None
    report: Report = field(default_factory=Report)
    master: Master | None = None
    fingerprint: Any = None
    statuses: dict[int, StatusInfo] = field(default_factory=dict)
    updates: list[FieldUpdate] = field(default_factory=list)
    journal_entries: list[JournalEntry] = field(default_factory=list)
    sheets: dict[str, bytes] = field(default_factory=dict)
    appended: list[int] = field(default_factory=list)  # provisional rows of invoices to append
    cell_updates: list[tuple[str, str, Any]] = field(default_factory=list)  # other sheets
    after_commit: list[Callable[[], None]] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    sections: dict[str, Any] = field(default_factory=dict)
    printers: list[Callable[[Any], None]] = field(default_factory=list)  # extra summary output
    committed: bool = False

    @property
    def invoices(self) -> tuple[Invoice, ...]:
        return self.master.invoices if self.master else ()

    def replace_invoices(self, changed: Sequence[Invoice]) -> None:
        """Steps that change invoices (numbering, PDF path) keep later steps in step. One pass
        over the sheet whatever the number of changed rows."""
        assert self.master is not None
        if not changed:
            return
        by_row = {inv.row: inv for inv in changed}
        invoices = tuple(by_row.get(inv.row, inv) for inv in self.master.invoices)
        self.master = replace(self.master, invoices=invoices)
        self.statuses = compute_statuses(invoices, self.today)

    def update(self, row: int, field_name: str, value: Any) -> None:
        self.updates.append(FieldUpdate(row, field_name, value))

    def cell(self, sheet: str, ref: str, value: Any) -> None:
        """A value for a cell of another sheet than the invoices' (e.g. Contrats)."""
        self.cell_updates.append((sheet, ref, value))

    def add_invoice(self, invoice: Invoice) -> Invoice:
        """A new invoice row, appended to the invoice sheet at commit. It gets a provisional
        row number after the last row, so later steps can number, render and update it."""
        assert self.master is not None
        last = max([inv.row for inv in self.master.invoices] + [self.master.layout.header_row]
                   + self.appended)
        invoice = replace(invoice, sheet=self.master.layout.sheet, row=last + 1)
        self.appended.append(invoice.row)
        self.master = replace(self.master, invoices=self.master.invoices + (invoice,))
        self.statuses[invoice.row] = compute_status(invoice, self.today)
        return invoice


class RunAborted(Exception):
    """Stop the pipeline (the report already says why)."""


# --------------------------------------------------------------------------- steps


def read_step(run: Run) -> None:
    settings = run.settings
    if not run.dry_run:
        from suivi.workbook.locks import check_not_open

        check_not_open(settings.workbook)  # fail fast: nothing is sent if we could not write back
    from suivi.workbook.write import fingerprint

    try:
        run.fingerprint = fingerprint(settings.workbook) if settings.workbook.exists() else None
        run.master = read_master(settings.workbook, ReadOptions(settings.sheet, settings.columns,
                                                                settings.default_terms))
    except ReadError as exc:
        run.report.fatal = str(exc)
        raise RunAborted from exc
    run.report.add_issues(run.master.issues)


def check_step(run: Run) -> None:
    assert run.master is not None
    ctx = CheckContext(run.master.invoices, run.master.clients, run.master.layout,
                       "clients" in run.master.layouts, run.today)
    run.report.add_issues(run_checks(ctx))


def status_step(run: Run) -> None:
    run.statuses = compute_statuses(run.invoices, run.today)


def status_writeback_step(run: Run) -> None:
    """Write the Statut of every invoice whose computed status differs from the cell."""
    assert run.master is not None
    pending = {(u.row, u.field) for u in run.updates}
    for inv in run.invoices:
        info = run.statuses[inv.row]
        if info.status is Status.TO_ISSUE:
            continue
        label = info.status.value  # the list value; days late are shown in the summaries
        if (inv.row, "status_text") in pending:
            continue
        if (inv.status_text or "").strip() != label:
            run.update(inv.row, "status_text", label)


# --------------------------------------------------------------------------- commit


APPENDED_FIELDS = ("number", "issue_date", "client", "description", "amount_ht", "vat",
                   "amount_ttc", "payment_terms", "due_date", "balance", "status_text",
                   "sales_rep", "po_reference", "notes", "pdf_file")


def _appended_values(run: Run) -> list[dict[str, Any]]:
    """Field → value of each appended invoice row, with the updates later steps made to it."""
    by_row = {inv.row: inv for inv in run.invoices}
    rows = []
    for row in run.appended:
        inv = by_row[row]
        values = {f: getattr(inv, f) for f in APPENDED_FIELDS if f != "balance"}
        values["balance"] = inv.balance if inv.amount_ttc is not None else None
        for u in run.updates:
            if u.row == row:
                values[u.field] = u.value
        rows.append({k: v for k, v in values.items() if v not in (None, "")})
    return rows


def _column_plan(run: Run, fields: set[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Column letter for each field to write; new columns (letter → header) where missing."""
    assert run.master is not None
    layout = run.master.layout
    letters: dict[str, str] = {}
    new_headers: dict[str, str] = {}
    next_free = layout.free_column or (layout.last_column + 1)
    order = list(FIELD_LABELS_FR)
    for fld in sorted(fields, key=lambda f: order.index(f) if f in order else 999):
        if layout.has(fld):
            letters[fld] = layout.columns[fld].column
            continue
        if fld in APPENDED_FIELDS and fld not in {u.field for u in run.updates}:
            continue  # a column the user's sheet does not have: appended rows leave it out
        letter = column_letter(next_free)
        next_free += 1
        letters[fld] = letter
        new_headers[letter] = FIELD_LABELS_FR.get(fld, fld)
    return letters, new_headers


def build_changes(run: Run):
    """Everything this run writes, as one `Changes` for the lossless writer."""
    from suivi.workbook.write import Changes

    assert run.master is not None
    layout = run.master.layout
    changes = Changes()
    appended = set(run.appended)
    updates = [u for u in run.updates if u.row not in appended]
    new_rows = _appended_values(run)
    fields = {u.field for u in updates} | {f for row in new_rows for f in row}
    letters, new_headers = _column_plan(run, fields)
    for letter, header in new_headers.items():
        changes.set_cell(layout.sheet, f"{letter}{layout.header_row}", header)
    for u in updates:
        changes.set_cell(layout.sheet, f"{letters[u.field]}{u.row}", u.value)
    if new_rows:
        width = max(column_index(letter) for letter in letters.values())
        rows = []
        for row in new_rows:
            values: list[Any] = [None] * width
            for fld, value in row.items():
                if fld in letters:
                    values[column_index(letters[fld]) - 1] = value
            rows.append(values)
        changes.append_rows(layout.sheet, rows)
    for sheet, ref, value in run.cell_updates:
        changes.set_cell(sheet, ref, value)
    if run.journal_entries:
        from suivi.workbook.template import JOURNAL_COLUMNS

        journal = run.master.layouts.get("journal")
        sheet = journal.sheet if journal else "Journal"
        if journal is None:
            changes.ensure_sheet(sheet, [h for h, _, _ in JOURNAL_COLUMNS])
        changes.append_rows(sheet, [journal_row(e) for e in run.journal_entries])
    for name, data in run.sheets.items():
        changes.put_sheet(name, data)
    return changes


def journal_row(entry: JournalEntry) -> list[Any]:
    """A Journal sheet row: Date, Facture(s), Client, Étape, Canal, Destinataire, Résultat,
    Fichier (the template's column order)."""
    return [entry.date, ", ".join(entry.invoice_numbers), entry.client, entry.step, entry.channel,
            entry.recipient, entry.result, entry.file]


def commit_step(run: Run) -> None:
    """One lossless commit for the whole run; then the after-commit callbacks."""
    if run.dry_run or run.master is None:
        return
    from suivi.workbook.locks import WorkbookBusy
    from suivi.workbook.write import WorkbookWriteError, commit

    changes = build_changes(run)
    if changes.is_empty():
        run.committed = True
    else:
        try:
            result = commit(run.settings.workbook, changes, expected=run.fingerprint,
                            backups=run.settings.backups, lock_timeout=run.settings.lock_timeout)
        except WorkbookBusy as exc:
            run.report.busy = True
            run.report.fail(str(exc))
            return
        except WorkbookWriteError as exc:
            run.report.fail(str(exc))
            return
        run.committed = True
        run.sections["commit"] = result
    for callback in run.after_commit:
        callback()


# --------------------------------------------------------------------------- running


Step = Callable[[Run], None]

BASE_STEPS: tuple[Step, ...] = (read_step, check_step, status_step)


def capability_steps() -> tuple[Step, ...]:
    """The capability steps, in order. Imported here so that a capability's import cost is paid
    only by the commands that run it."""
    from suivi.steps.invoicing import contracts_step, numbering_step, rendering_step
    from suivi.steps.kpi import kpi_step
    from suivi.steps.reminders import reminders_step

    return (contracts_step, numbering_step, rendering_step, reminders_step,
            status_writeback_step, kpi_step)


def run_pipeline(settings: Settings, today: date, *, dry_run: bool = False, lang: str = "fr",
                 progress: Progress | None = None, steps: Sequence[Step] | None = None,
                 write: bool = True) -> Run:
    """Run the given steps (default: the whole daily job) and return the run's state.

    The workbook is read first, without taking the lock, so that unusable input leaves nothing
    behind. A writing run then takes the run lock (one run at a time) and, if another run changed
    the workbook meanwhile, reads it again before doing anything.
    """
    run = Run(settings=settings, today=today, dry_run=dry_run, lang=lang, progress=progress)
    chosen = tuple(steps) if steps is not None else BASE_STEPS + capability_steps()
    if write:
        chosen = chosen + (commit_step,)
    lock = None
    try:
        rest = chosen
        if chosen and chosen[0] is read_step:
            read_step(run)
            rest = chosen[1:]
            if not dry_run and write:
                from suivi.workbook.locks import workbook_lock
                from suivi.workbook.write import fingerprint

                lock = workbook_lock(settings.workbook, settings.lock_timeout)
                lock.__enter__()
                if fingerprint(settings.workbook) != run.fingerprint:
                    run.report = Report()
                    read_step(run)
        for step in rest:
            step(run)
    except RunAborted:
        pass
    except Exception as exc:
        from suivi.workbook.locks import WorkbookBusy

        if not isinstance(exc, WorkbookBusy):
            raise
        run.report.busy = True
        run.report.fail(str(exc))
    finally:
        if lock is not None:
            lock.__exit__(None, None, None)
    return run


def status_counts(run: Run) -> dict[Status, tuple[int, Decimal]]:
    """Number of invoices and amount still due, per status."""
    counts: dict[Status, tuple[int, Decimal]] = {}
    for inv in run.invoices:
        info = run.statuses.get(inv.row)
        if info is None:
            continue
        n, amount = counts.get(info.status, (0, Decimal(0)))
        due = inv.balance if info.status.open else inv.total
        counts[info.status] = (n + 1, amount + due)
    return counts

