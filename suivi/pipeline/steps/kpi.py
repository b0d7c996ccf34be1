"""Step: compute the indicators, and refresh the Indicateurs and Historique indicateurs
sheets."""
from __future__ import annotations

from python_calamine import CalamineWorkbook

from suivi.core.kpi import KpiReport, compute_kpis
from suivi.core.models import Issue, Master, Severity
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
    if team_kpi_sheets(master):  # the checks said so
        return
    history = read_history(master.owned_rows.get(HISTORY_SHEET, []))
    data = build_kpi_workbook(run.kpi, history)
    run.sheets[SHEET] = data
    run.sheets[HISTORY_SHEET] = data


def team_kpi_sheets(master: Master) -> list[Issue]:
    """A warning for each sheet of the KPI sheets' names that is the team's own (« Indicateurs »
    holding its dashboard): suivi writes neither then, and every command's checks say so."""
    present = {name.casefold() for name in master.sheet_names}
    return [Issue.of(name, "indicateurs_feuille_equipe", Severity.WARNING, sheet=name,
                     first=theirs) for name, first in _FIRST_CELLS
            if name.casefold() in present
            and (theirs := _team_sheet(_first_rows(master, name), first)) is not None]


def _first_rows(master: Master, name: str) -> list[list[object]]:
    """The first rows of the workbook's sheet `name`: ten rows read back with the master
    (`head_values`: the whole KPI sheet read back every day raised the day-2 peak by 20 MB),
    else read here (opening the workbook again: 0.2 s on a large one)."""
    rows = next((r for n, r in master.owned_rows.items() if n.casefold() == name.casefold()),
                None)
    if rows is not None:
        return rows[:10]
    try:
        book = CalamineWorkbook.from_path(master.path)
        real = next(n for n in book.sheet_names if n.casefold() == name.casefold())
        return [list(row) for row in book.get_sheet_by_name(real).to_python(nrows=10)]
    except Exception:  # unreadable here: the commit will say so
        return []


def _team_sheet(rows: list[list[object]], first: tuple[str, ...]) -> str | None:
    """The first filled cell of `rows` (a sheet suivi writes) when the sheet is not suivi's
    (`first`: what suivi's says); None when suivi's or empty."""
    for row in rows[:10]:
        for value in row:
            if value not in ("", None):
                text = str(value).strip()
                return None if text in first else text[:60]
    return None
