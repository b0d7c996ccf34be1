"""The history of the indicators: one row per day of computation, kept in the workbook.

A second computation on the same day replaces the row of the day; the columns a user added to
the history sheet are carried along (`HistoryRow.extra`).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from .report import KpiReport, present


@dataclass(frozen=True, slots=True)
class HistoryColumn:
    attr: str
    header: str
    kind: str  # money, days, rate, count, date


HISTORY_COLUMNS: tuple[HistoryColumn, ...] = (
    HistoryColumn("date", "Date", "date"),
    HistoryColumn("receivables", "Encours total", "money"),
    HistoryColumn("overdue", "Échu", "money"),
    HistoryColumn("not_due", "Non échu", "money"),
    HistoryColumn("invoiced", "CA TTC période", "money"),
    HistoryColumn("collected", "Encaissé période", "money"),
    HistoryColumn("dso_simple", "DSO simple (j)", "days"),
    HistoryColumn("dso_exhaustion", "DSO épuisement (j)", "days"),
    HistoryColumn("dmp", "DMP (j)", "days"),
    HistoryColumn("dmp_weighted", "DMP pondéré (j)", "days"),
    HistoryColumn("average_days_late", "Retard moyen (j)", "days"),
    HistoryColumn("unpaid_rate", "Taux d'impayés", "rate"),
    HistoryColumn("collection_rate", "Taux d'encaissement", "rate"),
    HistoryColumn("overdue_count", "Factures en retard", "count"),
)


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One line of the "Historique indicateurs" sheet.

    `extra` keeps the cells of columns suivi does not know (header, value), so that a user's own
    columns survive the rewrite.
    """

    date: date
    receivables: Decimal | None = None
    overdue: Decimal | None = None
    not_due: Decimal | None = None
    invoiced: Decimal | None = None
    collected: Decimal | None = None
    dso_simple: Decimal | None = None
    dso_exhaustion: Decimal | None = None
    dmp: Decimal | None = None
    dmp_weighted: Decimal | None = None
    average_days_late: Decimal | None = None
    unpaid_rate: Decimal | None = None
    collection_rate: Decimal | None = None
    overdue_count: int | None = None
    extra: tuple[tuple[str, object], ...] = ()


def history_row(report: KpiReport) -> HistoryRow:
    """The history line of `report`, rounded as it is stored (cents, 0.1 day, 0.01 %)."""
    values: dict[str, Any] = {"date": report.today}
    for column in HISTORY_COLUMNS[1:]:
        value = getattr(report, column.attr)
        values[column.attr] = value if column.kind == "count" else present(value, column.kind)
    return HistoryRow(**values)


def history_with(report: KpiReport, previous_rows: Iterable[HistoryRow]) -> list[HistoryRow]:
    """Previous rows kept as they are, the row of `report.today` replaced or added, sorted by date.

    A row replaced on the same date keeps its extra (user) columns; a new row gets the user's
    columns empty, so that their headers stay.
    """
    new = history_row(report)
    rows: list[HistoryRow] = []
    same_day: HistoryRow | None = None
    for row in previous_rows:
        if row.date == report.today:
            same_day = row
        else:
            rows.append(row)
    if same_day is not None:
        new = replace(new, extra=same_day.extra)
    elif rows:
        new = replace(new, extra=tuple((header, None) for header, _ in rows[-1].extra))
    rows.append(new)
    rows.sort(key=lambda r: r.date)
    return rows

