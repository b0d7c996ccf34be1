"""The steps every command starts with: read, check, statuses; the blocking gate; and the
status write-back of the daily job."""
from __future__ import annotations

from decimal import Decimal

from suivi.config.advice import config_warnings
from suivi.core.checks import CHECKS, CheckContext, run_checks
from suivi.core.document_checks import DOCUMENT_CHECKS
from suivi.core.ledger import compute_statuses, status_meant
from suivi.core.models import SHEET_STRIDE, Severity, Status
from suivi.core.status_amounts import stated_amount
from suivi.pipeline.state import Run, RunAborted, keeping
from suivi.pipeline.steps.kpi import team_kpi_sheets
from suivi.workbook.read import ReadOptions


@keeping
def read_step(run: Run) -> None:
    """Read the master through the run's workbook session (under the lock when writing)."""
    assert run.book is not None, "the engine opens the workbook session"
    settings = run.settings
    seller = settings.seller
    rate = None if seller is None else Decimal(0) if seller.vat_exemption_text \
        else settings.invoicing.default_vat_rate
    run.master = run.book.read(ReadOptions(settings.sheet, settings.columns,
                                           settings.default_terms, rate))
    run.report.add_issues(run.master.issues)


@keeping
def check_step(run: Run) -> None:
    master = run.require_master()
    seller = run.settings.seller
    ctx = CheckContext(master.invoices, master.clients, master.layout,
                       "clients" in master.layouts, run.today, lines=master.lines,
                       layouts=master.layouts, default_terms=run.settings.default_terms,
                       exemption_text=seller.vat_exemption_text if seller else None,
                       payments=master.payments,
                       vat_rate=run.settings.invoicing.default_vat_rate
                       if seller and not seller.vat_exemption_text else None)
    # A cell reading could not read (« 12OO » as an amount) is named once, by reading: the
    # checks that then find it empty (`montant_absent`, `date_absente`) would say it twice.
    unread = {str(i.where) for i in master.issues if i.severity is Severity.ERROR}
    run.report.add_issues(i for i in run_checks(ctx, CHECKS + DOCUMENT_CHECKS)
                          if not unread or i.severity is Severity.BLOCKING
                          or str(i.where) not in unread)
    run.report.add_issues(config_warnings(run.settings))
    run.report.add_issues(team_kpi_sheets(master))


@keeping
def status_step(run: Run) -> None:
    run.statuses = compute_statuses(run.invoices, run.today)


def blocking_gate(run: Run) -> None:
    """Nothing is numbered, rendered, sent or written while a blocking problem stands: the
    command stops here with exit code 2, and the problem is shown as `suivi check` shows it."""
    if run.report.blocking:
        raise RunAborted


def status_writeback_step(run: Run) -> None:
    """Write the Statut of every invoice whose computed status differs from the cell.

    A status the team typed in its own words that means what suivi computed (« Payée le
    12/10 », « OK payé » for a paid invoice; « Huissier », « Contentieux » for one held from
    reminders; « En attente », « Impayée ») is kept as typed: suivi reads it the same way each
    day, and the team's words (a date, who has the case) are not lost. A status that changed
    is written in the team's word for it when the column has one (`Run.status_word`).

    A note the team typed there that names no status (« Relancé 2x », « Appeler M. Dupont »,
    « Ne pas relancer ») is kept while the invoice is open: it is the team's, and may be what
    holds it; once the invoice is settled (paid, cancelled, credited), suivi writes that. A
    Statut stating an amount (« Reste 200 € », « Payée 1 200 € ») is always kept: it is where
    the amount paid is read from (`read.status_paid`).

    A row of a sheet of paid invoices (« Factures payées ») that is paid is left as it is: the
    sheet says so already, and the team's archive is not filled with « réglée ».

    The Statut of a row with an error is left as it is: the status computed from a broken row
    is a guess, and the team's words may be what holds it (« Partiellement payé » without its
    amount, rewritten « en retard », would be reminded for the whole total the next day)."""
    pending = {(u.row, u.field) for u in run.updates}
    errors = run.rows_with_errors()
    statuses, to_issue = run.statuses, Status.TO_ISSUE
    layout = run.require_master().layout
    for inv in run.invoices:
        status = statuses[inv.row].status
        if status is to_issue or (inv.row, "status_text") in pending or inv.row in errors:
            continue
        # a Status is its text (StrEnum): compared as it is, its `.value` (a descriptor
        # call) only taken for the few cells written; days late are shown in the summaries
        typed = (inv.status_text or "").strip()
        if typed == status or not typed and status is Status.PAID \
                and inv.row >= SHEET_STRIDE and layout.part(inv.row)[0].paid:
            continue  # a row of « Factures payées » says it by being there
        meant = status_meant(typed) if typed else None
        if meant is status or (typed and meant is None and status not in _SETTLED) \
                or typed and stated_amount(typed):
            continue  # « Payée 1 200 € » is where the amount paid comes from: kept
        run.update(inv.row, "status_text", run.status_word(status))


#: Statuses that end an invoice's life as a debt: written over a team's note in the Statut.
_SETTLED = frozenset({Status.PAID, Status.OVERPAID, Status.CANCELLED, Status.CREDIT_NOTE})
