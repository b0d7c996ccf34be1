"""Step: compute the indicators, and refresh the Indicateurs and Historique indicateurs
sheets."""
from __future__ import annotations

from collections.abc import Mapping

from suivi.core.kpi import KpiReport, compute_kpis
from suivi.core.models import Issue, Severity
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


#: What the first filled cell of each sheet suivi writes says when the sheet is suivi's (the
#: KPI sheet's title, or the placeholder of the template `suivi init` writes).
_FIRST_CELLS = ((SHEET, ("Indicateurs de suivi des factures clients", "Indicateurs")),
                (HISTORY_SHEET, ("Date",)))


def kpi_sheet_step(run: Run) -> None:
    """Put both KPI sheets in this run's commit, unless a sheet of that name is the team's
    own (« Indicateurs » holding its dashboard): it is never replaced, and a warning says how
    to let suivi add its indicators."""
    master = run.require_master()
    if run.kpi is None:
        run.kpi = compute_report(run)
    for name, first in _FIRST_CELLS:
        if (theirs := _team_sheet(master.owned_rows, name, first)) is not None:
            run.report.add_issues([Issue.of(name, "indicateurs_feuille_equipe",
                                            Severity.WARNING, sheet=name, first=theirs)])
            return
    history = read_history(master.owned_rows.get(HISTORY_SHEET, []))
    data = build_kpi_workbook(run.kpi, history)
    run.sheets[SHEET] = data
    run.sheets[HISTORY_SHEET] = data


def _team_sheet(owned: Mapping[str, list[list[object]]], name: str,
                first: tuple[str, ...]) -> str | None:
    """The first filled cell of the workbook's sheet `name` when it is not suivi's (`first`:
    what suivi's says); None when suivi's, empty or absent."""
    rows = next((r for n, r in owned.items() if n.casefold() == name.casefold()), [])
    for row in rows[:10]:
        for value in row:
            if value not in ("", None):
                text = str(value).strip()
                return None if text in first else text[:60]
    return None
