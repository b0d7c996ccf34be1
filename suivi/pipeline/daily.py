"""The steps of each command, in order: one place to read what a command does.

    read → check → statuses → (gate) → capability steps → commit

The gate stops every command that numbers, renders, sends or writes when a blocking problem
stands (a missing sheet or column, a number erased…); `suivi check` only reports it.
"""
from __future__ import annotations

from .commit import commit_step
from .state import Step
from .steps.base import blocking_gate, check_step, read_step, status_step, status_writeback_step
from .steps.contracts import contracts_step
from .steps.kpi import kpi_sheet_step, kpi_step
from .steps.numbering import integrity_step, numbering_step
from .steps.reminders import reminders_step, sending_step
from .steps.rendering import rendering_step
from .steps.review import review_sheet_step

#: `suivi check` and the Python API: read, check, statuses (nothing written).
CHECK: tuple[Step, ...] = (read_step, check_step, integrity_step, status_step)

#: `suivi kpi`: the indicators, nothing written.
KPI: tuple[Step, ...] = (*CHECK, kpi_step)

_START: tuple[Step, ...] = (*CHECK, blocking_gate)

#: `suivi invoices`: contracts, numbers, Factur-X PDFs.
INVOICES: tuple[Step, ...] = (*_START, contracts_step, numbering_step, rendering_step,
                              commit_step)

#: `suivi remind`: today's drafts (never sent, whatever [relances] envoi says).
REMIND: tuple[Step, ...] = (*_START, reminders_step, review_sheet_step, status_writeback_step,
                            commit_step)

#: `suivi send`: the approved drafts.
SEND: tuple[Step, ...] = (*_START, sending_step, review_sheet_step, commit_step)

#: `suivi run`: the whole daily job.
DAILY: tuple[Step, ...] = (*_START, contracts_step, numbering_step, rendering_step,
                           reminders_step, review_sheet_step, status_writeback_step,
                           kpi_sheet_step, commit_step)
