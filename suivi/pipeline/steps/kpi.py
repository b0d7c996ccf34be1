"""Step: compute the indicators, and refresh the Indicateurs and Historique indicateurs
sheets."""
from __future__ import annotations

from suivi.core.kpi import KpiReport, compute_kpis
from suivi.pipeline.state import Run
from suivi.workbook.kpi_sheet import HISTORY_SHEET, SHEET, build_kpi_workbook, read_history


def compute_report(run: Run) -> KpiReport:
    master = run.require_master()
    journal = tuple(master.journal) + tuple(run.journal_entries)
    return compute_kpis(master.invoices, master.payments, journal, master.clients,
                        run.statuses, run.today, run.settings.kpi)


def kpi_step(run: Run) -> None:
    """Compute every indicator (`suivi kpi` stops here)."""
    run.kpi = compute_report(run)


def kpi_sheet_step(run: Run) -> None:
    """Put both KPI sheets in this run's commit."""
    master = run.require_master()
    if run.kpi is None:
        run.kpi = compute_report(run)
    history = read_history(master.owned_rows.get(HISTORY_SHEET, []))
    data = build_kpi_workbook(run.kpi, history)
    run.sheets[SHEET] = data
    run.sheets[HISTORY_SHEET] = data
