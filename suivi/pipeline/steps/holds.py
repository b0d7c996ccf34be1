"""Step: an error on a row holds that row's invoice (see `suivi.core.holds`).

`hold_step` runs after the checks: it finds the invoices the errors hold. The numbering and
rendering steps then leave those invoices alone (`is_held`), and the run's summary says, for
each, which cells hold it; warnings hold nothing.
"""
from __future__ import annotations

from suivi.core.holds import find_holds
from suivi.core.models import Invoice, real_row
from suivi.pipeline.state import Run


def hold_step(run: Run) -> None:
    """Find the invoices that the errors found so far hold."""
    run.invoicing.holds = find_holds(run.report.issues, run.require_master())


def is_held(run: Run, invoice: Invoice) -> bool:
    """True when errors hold `invoice`; the first time, the summary says why."""
    errors = run.invoicing.holds.of(invoice)
    if not errors:
        return False
    if invoice.row not in run.invoicing.held:
        run.invoicing.held.append(invoice.row)
        cells = sorted({str(issue.where) for issue in errors})
        run.report.note("invoices.held_pdf" if invoice.number else "invoices.held",
                        row=real_row(invoice.row), number=invoice.number, client=invoice.client,
                        count=len(errors), cells=cells)
    return True
