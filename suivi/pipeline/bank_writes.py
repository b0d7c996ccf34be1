"""What an applied bank credit writes, put into the run (nothing is written before the commit):
Paiements rows, the Factures columns of the invoices it pays, the « Rapprochement » sheet, the
statement journal around the commit, and the statements filed in `importés/` after it."""
from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from suivi.bank.settings import IMPORTED_FOLDER
from suivi.core.bank_apply import Application, PaymentRow, ReviewRow
from suivi.core.models import CellRef, Invoice, Payment, SheetLayout, column_letter
from suivi.workbook.bank_sheet import SHEET as REVIEW_SHEET
from suivi.workbook.bank_sheet import build_review_workbook
from suivi.workbook.template import PAYMENT_COLUMNS

from .bank_journal import CONFIRMED, RESERVED, StatementRecord, append_records
from .state import Run

PAYMENT_SHEET = "Paiements"
#: Paiements fields, in the template's column order
PAYMENT_FIELDS = ("date", "amount", "invoice_number", "client", "method", "reference",
                  "statement", "transaction_id")
PAYMENT_HEADERS = dict(zip(PAYMENT_FIELDS, (header for header, _, _ in PAYMENT_COLUMNS)))


def apply_to_run(run: Run, application: Application) -> None:
    """The invoices' new Montant réglé, Date de règlement, Reste dû and Statut, and their
    Paiements rows, into the run; the run's invoices follow (reminders see the payments)."""
    if not application.payments:
        return
    master = run.require_master()
    by_row = {inv.row: inv for inv in master.invoices}
    # a « Non payé » column of crosses keeps its crosses: a number there would make it a
    # column of amounts, and the invoices without a cross would owe their total
    marked = {issue.where.sheet for issue in master.issues if issue.code == "impaye_marque"
              and isinstance(issue.where, CellRef)}
    changed: list[Invoice] = []
    for settlement in application.settlements:
        invoice = replace(by_row[settlement.row], amount_paid=settlement.amount_paid,
                          payment_date=settlement.payment_date)
        changed.append(invoice)
        sheet = master.layout.part(settlement.row)[0]
        for update in settlement.field_updates():
            value = update.value
            if update.field == "amount_paid" and isinstance(value, Decimal):
                # « Acompte reçu » keeps its part: the rest goes into « Montant réglé »
                value -= invoice.paid_in_other_columns
                if sheet.paid_mark is not None and settlement.balance == 0:
                    value = sheet.paid_mark  # a column of ticks (« oui ») gets its tick
            run.update(update.row, update.field, value)
        if sheet.has("balance") and sheet.sheet not in marked:
            run.update(settlement.row, "balance", invoice.balance)
    run.replace_invoices(changed)
    for invoice in changed:
        run.update(invoice.row, "status_text", run.status_word(run.statuses[invoice.row].status))
    payments = tuple(Payment(p.date, p.amount, p.invoice_number, p.client, p.method,
                             p.reference, statement=p.statement,
                             transaction_id=p.transaction_id)
                     for p in application.payments)
    run.master = replace(run.require_master(),
                         payments=run.require_master().payments + payments)
    _payment_rows(run, application.payments)


def _payment_rows(run: Run, payments: Sequence[PaymentRow]) -> None:
    """Append the rows to the Paiements sheet (its own column order; the columns « Relevé »
    and « Id opération » are added when the sheet lacks them), or create the sheet."""
    layout = run.require_master().layouts.get("payments")
    if layout is None:
        run.new_sheets.setdefault(PAYMENT_SHEET, tuple(PAYMENT_HEADERS.values()))
        run.rows.setdefault(PAYMENT_SHEET, []).extend(_values(p) for p in payments)
        return
    positions = _payment_columns(run, layout)
    width = max(positions.values()) + 1
    rows = run.rows.setdefault(layout.sheet, [])
    for payment in payments:
        row: list[Any] = [None] * width
        for name, value in zip(PAYMENT_FIELDS, _values(payment)):
            row[positions[name]] = value
        rows.append(row)


def _values(payment: PaymentRow) -> list[Any]:
    return [payment.date, payment.amount, payment.invoice_number, payment.client,
            payment.method, payment.reference, payment.statement, payment.transaction_id]


def _payment_columns(run: Run, layout: SheetLayout) -> dict[str, int]:
    """0-based column of each Paiements field; missing ones get a header in a free column."""
    positions = {name: info.index for name, info in layout.columns.items()
                 if name in PAYMENT_FIELDS}
    free = max(layout.free_column, layout.last_column + 1, max(positions.values(), default=0) + 2)
    for name in PAYMENT_FIELDS:
        if name not in positions:
            positions[name] = free - 1
            run.cell(layout.sheet, f"{column_letter(free)}{layout.header_row}",
                     PAYMENT_HEADERS[name])
            free += 1
    return positions


def review_sheet_name(run: Run) -> str | None:
    """Where the Rapprochement rows go: suivi's sheet, or a new one; None when a sheet of that
    name exists that suivi does not recognise (the user's own: never overwritten)."""
    master = run.require_master()
    layout = master.layouts.get("reconciliation")
    if layout is not None:
        return layout.sheet
    taken = {name.casefold() for name in master.sheet_names}
    return None if REVIEW_SHEET.casefold() in taken else REVIEW_SHEET


def write_review_sheet(run: Run, name: str, rows: Sequence[ReviewRow]) -> None:
    run.sheets[name] = build_review_workbook(rows, run.lang)


def record_statements(run: Run, records: Sequence[StatementRecord]) -> None:
    """The statements into `.suivi/banque.jsonl`: reserved before the workbook is replaced,
    confirmed once the commit succeeded."""
    if run.dry_run or not records:
        return
    path = run.settings.state_dir / "banque.jsonl"
    run.before_commit.append(lambda: append_records(path, records, RESERVED))
    run.after_commit.append(lambda: append_records(path, records, CONFIRMED))


def file_statements(run: Run, paths: Sequence[Path]) -> None:
    """After the commit: move the statements imported from the folder into `importés/`
    (a name already there gets « (2) », « (3) »…). A file that cannot be moved stays, and
    the run says so; it is never lost."""
    if run.dry_run or not paths:
        return

    def move() -> None:
        bank = run.bank
        for path in paths:
            target_dir = path.parent / IMPORTED_FOLDER
            try:
                target_dir.mkdir(exist_ok=True)
                target = _free_name(target_dir / path.name)
                shutil.move(str(path), str(target))
            except OSError as exc:
                run.report.fail("bank.move_failed", file=path.name, folder=str(target_dir),
                                reason=exc.strerror or str(exc))
                continue
            if bank is not None:
                bank.moved.append(target)

    run.after_commit.append(move)


def _free_name(target: Path) -> Path:
    n = 2
    candidate = target
    while candidate.exists():
        candidate = target.with_name(f"{target.stem} ({n}){target.suffix}")
        n += 1
    return candidate
