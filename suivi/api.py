"""suivi as a library: open a master workbook and get its records, problems, statuses and
indicators, as Python objects or pandas DataFrames.

    import suivi

    book = suivi.open("suivi_factures.xlsx")          # suivi.toml beside it is used if present
    for issue in book.issues:
        print(issue.location, suivi.text(issue))
    late = book.frames().invoices.query("days_late > 30")
    print(book.kpis().value("dso"))

Nothing is written: `suivi.open` reads and checks, like `suivi check`. The command line is
built on the same functions (`suivi check`, `suivi kpi`). See docs/api.md.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from suivi.config import Settings, load_settings
from suivi.core.kpi import KpiReport
from suivi.core.ledger import StatusInfo
from suivi.core.models import Client, Invoice, InvoiceLine, Issue, JournalEntry, Master, Payment
from suivi.messages import SuiviError, text
from suivi.pipeline import Run, daily, run_pipeline
from suivi.pipeline.steps.kpi import compute_report
from suivi.report import Report

if TYPE_CHECKING:
    from .frames import Frames

#: The issue code of a required column missing (number, client, amount, date).
MISSING_COLUMN = "colonne_absente"


class IndicatorsUnavailable(SuiviError):
    """`kpis()` of a workbook missing a required column: the figures would be wrong (zero
    receivables…), so none are given. `str()` names the column, in French or English."""

    code = "api.kpi_blocked"



@dataclass(frozen=True)
class Tracker:
    """An opened master workbook: what suivi read, what it found, what it computed."""

    settings: Settings
    today: date
    run: Run

    @property
    def master(self) -> Master:
        return self.run.require_master()

    @property
    def report(self) -> Report:
        return self.run.report

    @property
    def invoices(self) -> tuple[Invoice, ...]:
        return self.master.invoices

    @property
    def clients(self) -> dict[str, Client]:
        return self.master.clients

    @property
    def payments(self) -> tuple[Payment, ...]:
        return self.master.payments

    @property
    def lines(self) -> tuple[InvoiceLine, ...]:
        return self.master.lines

    @property
    def journal(self) -> tuple[JournalEntry, ...]:
        return self.master.journal

    @property
    def issues(self) -> list[Issue]:
        """Every problem found (reader and checks), each naming its cell."""
        return self.run.report.issues

    @property
    def statuses(self) -> dict[int, StatusInfo]:
        """The computed status of each invoice, by sheet row."""
        return self.run.statuses

    def kpis(self) -> KpiReport:
        """DSO, payment delays, unpaid rate, aging, forecast… ([indicateurs] settings).

        Raises `IndicatorsUnavailable` while a required column is missing (the figures would
        be wrong), as `suivi kpi` stops with exit code 2."""
        missing = self.missing_columns
        if missing:
            raise IndicatorsUnavailable(problem=text(missing[0]))
        return self._kpis

    @property
    def missing_columns(self) -> list[Issue]:
        """The required columns (number, client, amount, a date) the reader did not find:
        while there is one, the indicators would be wrong and are not given."""
        return [issue for issue in self.report.blocking if issue.code == MISSING_COLUMN]

    @cached_property
    def _kpis(self) -> KpiReport:
        return compute_report(self.run)

    def frames(self) -> Frames:
        """pandas DataFrames of invoices, payments, clients and the journal (see `Frames`)."""
        from .frames import frames_of  # pandas loads only when DataFrames are asked for

        return frames_of(self.master, self.statuses)


def open(path: str | os.PathLike[str] | None = None, *,
         config: str | os.PathLike[str] | None = None, today: date | None = None) -> Tracker:
    """Read and check a master workbook (default: the one ./suivi.toml names).

    Raises `suivi.config.ConfigError` for a wrong suivi.toml and a `suivi.workbook.errors`
    `WorkbookError` for a file that cannot be used (its `str()` says why, in French or English).
    """
    return open_settings(load_settings(config, path), today)


def open_settings(settings: Settings, today: date | None = None) -> Tracker:
    """`open` for settings already loaded (the command line loads them once)."""
    day = today or date.today()
    run = run_pipeline(settings, day, daily.CHECK, write=False)
    if run.error is not None:
        raise run.error
    return Tracker(settings, day, run)
