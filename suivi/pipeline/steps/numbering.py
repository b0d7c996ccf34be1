"""Steps: number integrity (a number once given is never given again) and numbering.

- `integrity_step` (every command, `suivi check` included): a row that lost its number — its
  number cell cleared or merged away while it has a PDF, a number in `.suivi/numeros.jsonl`
  or a status past « à émettre » — is a blocking error naming the cell and the number it had.
- `numbering_step`: rows with no number get the next one of their series (invoices or credit
  notes), in date order, above every number of the workbook and of the number journal. Rows
  an error holds are left unnumbered (see `steps/holds.py`). A row whose date is implausible
  (in the future, older than [factures] jours_retroactifs, or before the first invoice of its
  series) is held, unnumbered, until the date is fixed or the user confirms it
  (`--confirmer-dates`); so is a row without a date while the computer's day is not confirmed
  (far after the last run, see `steps/clock.py`). Numbers are reserved in the journal as soon
  as they are given, before any PDF is written (see `suivi.pipeline.number_journal`).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path, PurePath

from suivi.core.ledger import status_hint
from suivi.core.message import some
from suivi.core.models import Invoice, InvoiceKind, Issue, Severity, Status, normalise_name, real_row
from suivi.core.numbering import NumberPattern, assign_numbers, lost_number
from suivi.core.terms import parse_terms
from suivi.pipeline.number_journal import (
    CONFIRMED,
    FILE_NAME,
    RESERVED,
    NumberRecord,
    append_records,
    read_journal,
    unconfirmed,
)
from suivi.pipeline.state import Run
from suivi.pipeline.steps.holds import is_held
from suivi.pipeline.steps.number_patterns import number_patterns


def needs_number(invoice: Invoice) -> bool:
    return (not invoice.number and bool(invoice.client)
            and status_hint(invoice.status_text) is not Status.CANCELLED)


def _journal(run: Run) -> list[NumberRecord]:
    return read_journal(run.settings.state_dir / FILE_NAME)


def integrity_step(run: Run) -> None:
    """Blocking issues for rows that lost the number they were issued with."""
    master = run.require_master()
    records = _journal(run)
    in_book = {inv.number.strip().casefold() for inv in master.invoices if inv.number}
    by_row = {(r.row, normalise_name(r.client)): r for r in records if r.state == CONFIRMED
              and r.number.casefold() not in in_book}
    issues = []
    for index, inv in enumerate(master.invoices):
        if not needs_number(inv):
            continue
        record = by_row.get((inv.row, normalise_name(inv.client)))
        hint = status_hint(inv.status_text)
        # « avoir » names a kind of document, not a state: a credit note may still be to issue
        issued = (bool(inv.status_text and inv.status_text.strip())
                  and hint not in (Status.TO_ISSUE, Status.CREDIT_NOTE))
        if not (record or inv.pdf_file or issued):
            continue
        had = record.number if record else _number_from_pdf(inv.pdf_file)
        variant = "known" if had else ""
        if not had:
            had = _guess(run, index, [r.number for r in records])
            variant = "guess" if had else ""
        issues.append(Issue.of(master.layout.ref("number", inv.row), "numero_efface",
                               Severity.BLOCKING, variant=variant, row=real_row(inv.row), number=had,
                               client=inv.client, date=inv.issue_date))
    run.report.add_issues(issues)


def _guess(run: Run, index: int, journal: list[str]) -> str | None:
    """The number a row without any record most likely had, from its neighbours."""
    invoices = run.invoices
    inv = invoices[index]
    if inv.issue_date is None:
        return None
    pattern = number_patterns(run)[inv.kind is InvoiceKind.CREDIT_NOTE]
    if pattern is None:
        return None
    rx = pattern.regex(inv.issue_date)

    def near(rows: Iterable[Invoice]) -> str | None:
        return next((i.number for i in rows if i.number and rx.match(i.number.strip())), None)

    above = near(reversed(invoices[:index]))
    below = near(invoices[index + 1:])
    used = [i.number for i in invoices if i.number] + journal
    return lost_number(pattern, inv.issue_date, above, below, used)


def _number_from_pdf(pdf_file: str | None) -> str | None:
    return PurePath(pdf_file.replace("\\", "/")).stem if pdf_file else None


def numbering_step(run: Run) -> None:
    """Give the next number of its series to every row that has none and a plausible date."""
    pending = [inv for inv in run.invoices if needs_number(inv) and not is_held(run, inv)]
    if not pending:
        return
    records = _journal(run)
    in_book = {inv.number.strip().casefold() for inv in run.invoices if inv.number}
    reserved = {(r.row, normalise_name(r.client)): r
                for r in unconfirmed(records).values() if r.number.casefold() not in in_book}
    used = ([inv.number for inv in run.invoices if inv.number] + [r.number for r in records]
            + numbers_from_pdfs(run))
    invoice_pattern, credit_pattern = number_patterns(run, pending)
    assigned: list[NumberRecord] = []
    changed: list[Invoice] = []
    for kind, pattern in ((InvoiceKind.INVOICE, invoice_pattern),
                          (InvoiceKind.CREDIT_NOTE, credit_pattern)):
        if pattern is None:
            continue  # numbers of a pattern suivi cannot follow: said, nothing is numbered
        group = [inv for inv in pending
                 if (inv.kind is InvoiceKind.CREDIT_NOTE) == (kind is InvoiceKind.CREDIT_NOTE)]
        group = _plausible(run, group, pattern)
        group.sort(key=lambda inv: (inv.issue_date or run.today, inv.row))
        again = {inv.row: reserved[(inv.row, normalise_name(inv.client))].number for inv in group
                 if (inv.row, normalise_name(inv.client)) in reserved}
        fresh = [inv for inv in group if inv.row not in again]
        numbers = dict(zip((inv.row for inv in fresh), assign_numbers(
            pattern, [inv.issue_date or run.today for inv in fresh], used)))
        numbers.update(again)
        used.extend(numbers.values())
        for inv in group:
            numbered = _number_row(run, inv, numbers[inv.row])
            if numbered is not None:
                changed.append(numbered)
                assigned.append(NumberRecord(numbers[inv.row], inv.row, numbered.issue_date,
                                             inv.client, RESERVED))
    run.replace_invoices(changed)
    run.invoicing.numbered.extend(r.number for r in assigned)
    if assigned:
        run.report.note("invoices.numbered", count=len(assigned),
                        numbers=some([r.number for r in assigned]))
    if not run.dry_run and assigned:
        # reserved now, before any PDF is written: whatever stops the run later (a crash, a
        # full disk, a refused commit), the next run gives these rows the same numbers
        path = run.settings.state_dir / FILE_NAME
        append_records(path, assigned, RESERVED)
        run.after_commit.append(lambda: append_records(path, assigned, CONFIRMED))


def numbers_from_pdfs(run: Run) -> list[str]:
    """The numbers that have a PDF in the invoice folders: a number whose PDF exists was given,
    even when the workbook was restored from an older copy and the journal lost."""
    pattern = run.settings.invoicing.folder
    for placeholder in ("{AAAA}", "{YYYY}", "{MM}"):
        pattern = pattern.replace(placeholder, "*")
    folder = run.settings.folder / pattern  # an absolute [factures] dossier stays absolute
    root = Path(folder.anchor)
    try:
        return [p.stem for p in root.glob(str(folder.relative_to(root) / "*.pdf"))]
    except (OSError, ValueError):
        return []


def _number_row(run: Run, inv: Invoice, number: str) -> Invoice | None:
    """The row with its number, date and due date (updates recorded); None when its due date
    cannot be computed (the issue says why)."""
    day = inv.issue_date or run.today
    due = inv.due_date
    if inv.kind is InvoiceKind.CREDIT_NOTE:  # nothing is due on a credit note
        pass
    elif due is None or inv.due_date_derived:
        client = run.require_master().clients.get(normalise_name(inv.client))
        terms = (parse_terms(inv.payment_terms)
                 or parse_terms(client.payment_terms if client else None)
                 or parse_terms(run.settings.default_terms))
        try:
            due = terms.due_date(day) if terms else day
        except OverflowError:
            run.report.add_issues([Issue.of(run.require_master().layout.ref("due_date", inv.row),
                                             "echeance_impossible", Severity.ERROR,
                                             row=real_row(inv.row))])
            return None
    # « 4 » after 1, 2, 3: a number cell, as the team types it (text would be « a number
    # stored as text » in Excel, out of its sorts and lookups)
    plain = number.isdigit() and not number.startswith("0") and len(number) < 16
    run.update(inv.row, "number", int(number) if plain else number)
    if inv.issue_date is None:
        run.update(inv.row, "issue_date", day)
    if due is not None and (inv.due_date is None or inv.due_date_derived):
        run.update(inv.row, "due_date", due)
    return replace(inv, number=number, issue_date=day, due_date=due, due_date_derived=False)


def _clock(run: Run) -> dict[str, object]:
    """The last day and the gap of a computer's day not confirmed, for its issue's wording."""
    if run.clock_hold is None:
        return {}
    said = run.clock_hold.kwargs
    return {"last": said["last"], "gap": said["gap"], "iso": said["iso"]}


def _plausible(run: Run, group: list[Invoice], pattern: NumberPattern) -> list[Invoice]:
    """The rows whose date may be numbered; the others are held with an issue on their date."""
    if run.options.accept_dates:
        return group
    master = run.require_master()
    oldest = run.today - timedelta(days=run.settings.invoicing.backdating_days)
    first: date | None = None
    rx = pattern.regex(None)
    for inv in run.invoices:
        if inv.number and inv.issue_date and rx.match(inv.number.strip()):
            if first is None or inv.issue_date < first:
                first = inv.issue_date
    kept = []
    for inv in group:
        day = inv.issue_date or run.today
        variant = ("future" if day > run.today else "series" if first and day < first
                   else "old" if day < oldest else "")
        if inv.issue_date is None and run.clock_hold is not None:
            variant = "clock"  # it would take the computer's day, not confirmed (steps/clock.py)
        if not variant:
            kept.append(inv)
            continue
        run.report.add_issues([Issue.of(master.layout.ref("issue_date", inv.row),
                                        "date_improbable", Severity.ERROR, variant=variant,
                                        row=real_row(inv.row), day=day, today=run.today, first=first,
                                        days=run.settings.invoicing.backdating_days,
                                        **_clock(run))])
    return kept
