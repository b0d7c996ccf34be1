"""Pipeline step: refresh the Indicateurs and Historique indicateurs sheets."""
from __future__ import annotations

from suivi.config import ConfigError
from suivi.core.kpi import KpiReport, compute_kpis
from suivi.kpi_config import KpiConfigError, kpi_settings_from_config
from suivi.pipeline import Run, RunAborted
from suivi.workbook.kpi_sheet import HISTORY_SHEET, SHEET, build_kpi_workbook, read_history


def compute_report(run: Run) -> KpiReport:
    assert run.master is not None
    try:
        settings = kpi_settings_from_config(run.settings.section("indicateurs"))
    except KpiConfigError as exc:
        raise ConfigError(f"suivi.toml : {exc}") from exc
    journal = tuple(run.master.journal) + tuple(run.journal_entries)
    return compute_kpis(run.master.invoices, run.master.payments, journal, run.master.clients,
                        run.statuses, run.today, settings)


def kpi_step(run: Run) -> None:
    """Compute every indicator and put both sheets in this run's commit."""
    if run.master is None:
        raise RunAborted
    report = compute_report(run)
    history = read_history(run.master.owned_rows.get(HISTORY_SHEET, []))
    data = build_kpi_workbook(report, history)
    run.sheets[SHEET] = data
    run.sheets[HISTORY_SHEET] = data
    run.sections["kpi"] = report
