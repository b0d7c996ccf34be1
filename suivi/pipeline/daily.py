"""The steps of each command, in order: one place to read what a command does.

    read → check → statuses → (gate) → capability steps → commit

The daily job imports the bank statements first (payments received that morning are applied
before any reminder is planned), then follows the installment plans, the payment promises and
the freshness of the bank data. The invoicing commands first find the invoices an error holds
(`hold_step`): those are neither numbered nor rendered, and the summary says why.

The gate stops every command that numbers, renders, sends or writes when a blocking problem
stands (a missing sheet or column, a number erased…); `suivi check` only reports it.
"""
from __future__ import annotations

from .commit import commit_step
from .state import Step
from .steps.arrangements import arrangements_step, installments_step
from .steps.bank import reconcile_step, statements_step
from .steps.base import blocking_gate, check_step, read_step, status_step, status_writeback_step
from .steps.clock import clock_step
from .steps.contracts import contracts_step
from .steps.holds import hold_step
from .steps.housekeeping import retention_step
from .steps.kpi import kpi_sheet_step, kpi_step
from .steps.marks import marks_step
from .steps.numbering import integrity_step, numbering_step
from .steps.reminders import reminders_step, sending_step
from .steps.rendering import rendering_step
from .steps.review import review_sheet_step
from .steps.structure import remember_structure_step, structure_step
from .steps.unchanged import remember_run_step, unchanged_step

#: `suivi check` and the Python API: read, check, statuses (nothing written).
CHECK: tuple[Step, ...] = (read_step, check_step, integrity_step, status_step, marks_step,
                           structure_step)

#: `suivi kpi`: the indicators, nothing written.
KPI: tuple[Step, ...] = (*CHECK, kpi_step)

_START: tuple[Step, ...] = (clock_step, *CHECK, blocking_gate)
_END: tuple[Step, ...] = (commit_step, remember_structure_step)

#: `suivi invoices`: contracts, numbers, Factur-X PDFs.
INVOICES: tuple[Step, ...] = (*_START, hold_step, contracts_step, numbering_step,
                              rendering_step, *_END)

#: `suivi remind`: today's drafts (never sent, whatever [relances] envoi says).
REMIND: tuple[Step, ...] = (*_START, arrangements_step, reminders_step, review_sheet_step,
                            status_writeback_step, *_END)

#: `suivi send`: the approved drafts (checked against the workbook and the installment plans).
SEND: tuple[Step, ...] = (*_START, installments_step, sending_step, review_sheet_step, *_END)

#: `suivi bank`: import statements, apply the credits and the Rapprochement decisions.
BANK: tuple[Step, ...] = (*_START, statements_step, reconcile_step, *_END)

#: `suivi run`: the whole daily job (statements of [banque] dossier first). A same-day second
#: run with nothing changed stops at once (steps/unchanged.py).
DAILY: tuple[Step, ...] = (unchanged_step, *_START, statements_step, reconcile_step, hold_step,
                           contracts_step, numbering_step, rendering_step, arrangements_step,
                           reminders_step, review_sheet_step, status_writeback_step,
                           kpi_sheet_step, *_END, retention_step, remember_run_step)
