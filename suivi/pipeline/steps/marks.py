"""Step: an overdue invoice whose row the team struck through or filled green is not reminded.

Many trackers mark a paid invoice by its look alone: the row struck through, or filled green,
and nothing typed in « Montant réglé » or the Statut. suivi reads it unpaid; a reminder would
claim money received. Such a row is an error at its cell, which holds its reminder
(`suivi.core.holds`) until someone types what the look says (the amount paid, « Payée »), or
takes the look away if the money is truly owed. `[classeur] couleurs = "ignorer"` turns it off
for a team whose colours mean something else.

Only the invoices suivi would remind are held (overdue, money still due); a workbook
without such formats costs one read of its styles (`row_marks`). Rows banded by hand (every
other row filled green) are a decoration, not a mark (`striped`).
"""
from __future__ import annotations

from suivi.core.models import (
    CENT,
    SHEET_STRIDE,
    Invoice,
    InvoiceKind,
    Issue,
    Severity,
    SheetLayout,
    Status,
    sheet_index,
)
from suivi.pipeline.state import Run
from suivi.workbook.read.row_marks import row_marks, striped

_LATE = frozenset({Status.OVERDUE, Status.PARTIALLY_PAID})


def marks_step(run: Run) -> None:
    if not run.settings.read_marks:
        return
    master = run.require_master()
    late = {inv.row: inv for inv in master.invoices
            if inv.kind is InvoiceKind.INVOICE and inv.balance >= CENT
            and (info := run.statuses.get(inv.row)) is not None and info.status in _LATE
            and info.days_late > 0}
    sheets = {sheet_index(row) for row in late}
    for k, layout in enumerate((master.layout, *master.layout.sisters)):
        if k in sheets:
            _sheet_marks(run, layout, k, late)


def _sheet_marks(run: Run, layout: SheetLayout, k: int, late: dict[int, Invoice]) -> None:
    """The marked late rows of one invoice sheet, the `k`-th (see `SheetLayout.sisters`)."""
    shift = SHEET_STRIDE * k
    columns = {layout.columns[f].column for f in ("number", "client", "amount_ttc", "amount_ht")
               if f in layout.columns}
    if not columns:
        return
    marks = {row + shift: kind
             for row, kind in row_marks(run.settings.workbook, layout.sheet, columns).items()}
    rows = [inv.row for inv in run.require_master().invoices if sheet_index(inv.row) == k]
    kinds = {kind for kind in set(marks.values()) if not striped(marks, kind, rows)}
    field = "number" if layout.has("number") else "client"
    run.report.add_issues(
        Issue.of(layout.ref(field, row - shift), "ligne_marquee", Severity.ERROR,
                 variant=marks[row], invoice=late[row].label, due=late[row].balance)
        for row in sorted(late) if marks.get(row) in kinds)
