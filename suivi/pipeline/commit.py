"""Everything a run writes, as one `Changes` for the lossless writer, and the commit step."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from suivi.core.models import (
    CellRef,
    FieldUpdate,
    Issue,
    JournalEntry,
    Severity,
    SheetLayout,
    column_index,
    column_letter,
    real_row,
    sheet_index,
)
from suivi.workbook.errors import WorkbookBusy, WorkbookWriteError
from suivi.workbook.template import JOURNAL_COLUMNS
from suivi.workbook.vocabulary import FIELD_LABELS_FR
from suivi.workbook.write import Changes

from .state import Run
from .steps.clock import record_day

#: Fields whose cell often holds the user's own formula (Reste dû, a SUMIF of the payments):
#: such a formula is kept, its cached value follows (see `Changes.set_cell`). A formula in any
#: other cell suivi writes (a Statut =SI(G2>=F2;"Payée";"En attente")) is kept too, never
#: replaced by a value, and a warning names its column (`formula_kept_warnings`) — except the
#: number suivi gives a new invoice: a formula left there (=SI(B9="";"";…)) would hide the
#: number of an invoice already issued, and the next run would number it again.
KEEP_FORMULA_FIELDS = frozenset({"balance", "amount_paid"})

APPENDED_FIELDS = ("number", "issue_date", "client", "description", "amount_ht", "vat",
                   "amount_ttc", "payment_terms", "due_date", "balance", "status_text",
                   "sales_rep", "po_reference", "notes", "pdf_file")


def _appended_values(run: Run) -> list[dict[str, Any]]:
    """Field → value of each appended invoice row, with the updates later steps made to it."""
    by_row = {inv.row: inv for inv in run.invoices}
    updates_by_row: dict[int, list[tuple[str, Any]]] = {}
    for u in run.updates:
        updates_by_row.setdefault(u.row, []).append((u.field, u.value))
    rows = []
    for row in run.appended:
        inv = by_row[row]
        values = {f: getattr(inv, f) for f in APPENDED_FIELDS if f != "balance"}
        values["balance"] = inv.balance if inv.amount_ttc is not None else None
        values.update(updates_by_row.get(row, []))
        rows.append({k: v for k, v in values.items() if v not in (None, "")})
    return rows


def _column_plan(layout: SheetLayout, fields: set[str],
                 updated: set[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Column letter for each field to write; new columns (letter → header) where missing."""
    letters: dict[str, str] = {}
    new_headers: dict[str, str] = {}
    next_free = layout.free_column or (layout.last_column + 1)
    order = list(FIELD_LABELS_FR)
    for fld in sorted(fields, key=lambda f: order.index(f) if f in order else 999):
        if layout.has(fld):
            letters[fld] = layout.columns[fld].column
            continue
        if fld in APPENDED_FIELDS and fld not in updated:
            continue  # a column the user's sheet does not have: appended rows leave it out
        letter = column_letter(next_free)
        next_free += 1
        letters[fld] = letter
        new_headers[letter] = FIELD_LABELS_FR.get(fld, fld)
    return letters, new_headers


def _sheet_updates(changes: Changes, layout: SheetLayout, updates: list[FieldUpdate],
                   new_rows: list[dict[str, Any]], updated: set[str]) -> None:
    """The updates of one invoice sheet (rows numbered in it), and the rows appended to it;
    `updated`: the fields updated on any of its rows, appended ones included."""
    fields = {u.field for u in updates} | {f for row in new_rows for f in row}
    letters, new_headers = _column_plan(layout, fields, updated)
    for letter, header in new_headers.items():
        changes.set_cell(layout.sheet, f"{letter}{layout.header_row}", header)
    for u in updates:
        changes.set_cell(layout.sheet, f"{letters[u.field]}{u.row}", u.value,  # type: ignore[arg-type]
                         keep_formula=u.field != "number")
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


def build_changes(run: Run) -> Changes:
    """Everything this run writes, as one `Changes` for the lossless writer."""
    master = run.require_master()
    layout = master.layout
    changes = Changes()
    appended = set(run.appended)
    updates = [u for u in run.updates if u.row not in appended]
    sisters: dict[int, list[FieldUpdate]] = {}
    mine = []
    for u in updates:  # the rows of the sheets read with the invoice sheet, in their sheet
        if (k := sheet_index(u.row)) == 0:
            mine.append(u)
        elif k <= len(layout.sisters):
            sisters.setdefault(k, []).append(FieldUpdate(real_row(u.row), u.field, u.value))
    updates = mine
    _sheet_updates(changes, layout, updates, _appended_values(run),
                   {u.field for u in run.updates})
    for k, moved in sorted(sisters.items()):
        _sheet_updates(changes, layout.sisters[k - 1], moved, [], {u.field for u in moved})
    for sheet, ref, value in run.cell_updates:
        changes.set_cell(sheet, ref, value)
    for name, titles in run.new_sheets.items():
        changes.ensure_sheet(name, titles)
    for name, rows in run.rows.items():
        changes.append_rows(name, rows)
    if run.journal_entries:
        journal = master.layouts.get("journal")
        # a « Journal » of the team's own (its notes) is never written: « Journal suivi »
        taken = {name.casefold() for name in master.sheet_names}
        sheet = journal.sheet if journal else "Journal suivi" if "journal" in taken \
            else "Journal"
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
    """One lossless commit for the whole run, with the before/after-commit callbacks around it
    (state beside the workbook that must be durable before it changes, or follow it)."""
    if run.dry_run or run.master is None or run.book is None:
        return
    changes = build_changes(run)
    try:
        for callback in run.before_commit:
            callback()
        if not changes.is_empty():
            run.commit = run.book.commit(changes, backups=run.settings.backups)
            run.report.add_issues(formula_kept_warnings(run.require_master().layout,
                                                        run.commit.kept_formulas))
    except WorkbookBusy as exc:
        run.report.busy = True
        run.report.fail(exc.message)
        return
    except WorkbookWriteError as exc:
        run.report.fail(exc.message)
        return
    run.committed = True
    record_day(run)  # a later run for an earlier day is refused
    for callback in run.after_commit:
        callback()


def formula_kept_warnings(layout: SheetLayout, kept: Mapping[str, list[tuple[int, int]]]
                          ) -> list[Issue]:
    """One warning per column of the invoice sheets where a cell suivi wrote kept the team's
    formula instead (a Statut computed by =SI(…)): what suivi would have written there is not
    shown. « Reste dû » and « Montant réglé » formulas are expected, and not named."""
    issues = []
    for part in (layout, *layout.sisters):
        fields = {info.column: (name, info.header) for name, info in part.columns.items()}
        by_column: dict[str, list[int]] = {}
        for row, col in kept.get(part.sheet, ()):
            by_column.setdefault(column_letter(col), []).append(row)
        for letter, rows in sorted(by_column.items()):
            name, header = fields.get(letter, ("", letter))
            if name in KEEP_FORMULA_FIELDS:
                continue
            issues.append(Issue.of(CellRef(part.sheet, part.header_row, letter),
                                   "formule_gardee", Severity.WARNING, header=header,
                                   count=len(rows),
                                   cells=[f"{letter}{row}" for row in sorted(rows)[:3]]))
    return issues
