"""The tables of the Indicateurs sheet, top to bottom: title, headline indicators, the band kept
for the charts, aging, months, forecast, reminder steps, clients, late invoices.

The words are workbook content, in French as the sheet shows them.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from suivi.core.kpi import INDICATORS, SECTION_DEFINITIONS, KpiReport

from .kpi_layout import CHART_ROWS, SheetWriter, month_label


@dataclass(frozen=True, slots=True)
class Placement:
    """Where the charts go and the rows they read (0-based, first and last included)."""

    chart_row: int
    aging: tuple[int, int]
    months: tuple[int, int]


def write_tables(out: SheetWriter, report: KpiReport) -> Placement:
    """Every table of the Indicateurs sheet; the charts are added afterwards."""
    _title(out, report)
    _headline(out, report)
    out.section("Graphiques")
    chart_row = out.row
    out.row += CHART_ROWS
    for r in range(chart_row, out.row):
        out.ws.set_row(r, 15)  # 15 points = 20 pixels
    aging = _aging(out, report)
    months = _months(out, report)
    _forecast(out, report)
    _steps(out, report)
    _clients(out, report)
    _late(out, report)
    return Placement(chart_row, aging, months)


def _title(out: SheetWriter, report: KpiReport) -> None:
    """Title and subtitle, frozen at the top."""
    ws, fmt, width = out.ws, out.fmt, out.width
    ws.merge_range(0, 0, 0, width - 1, "Indicateurs de suivi des factures clients", fmt.title)
    ws.set_row(0, 28)
    today = report.today
    subtitle = (f"Calculés le {today:%d/%m/%Y} — période : {report.period_days} jours, "
                f"du {report.period_start:%d/%m/%Y} au {today:%d/%m/%Y}. "
                f"Montants TTC ; définitions dans la colonne « Définition ».")
    ws.merge_range(1, 0, 1, width - 1, subtitle, fmt.subtitle)
    ws.set_row(1, 18)
    ws.freeze_panes(2, 0)
    out.row = 2


def _headline(out: SheetWriter, report: KpiReport) -> None:
    ws, fmt = out.ws, out.fmt
    out.section("Indicateurs principaux")
    out.text(0, "Indicateur", fmt.header)
    out.text(1, "Valeur", fmt.header_num)
    ws.merge_range(out.row, 2, out.row, out.width - 1, "Définition", fmt.header_definition)
    out.row += 1
    for indicator in INDICATORS:
        definition = indicator.definition
        if indicator.key == "dso_exhaustion" and report.dso_exhaustion_capped:
            definition += (" Plafonné : l'encours dépasse le CA des mois remontés "
                           "(valeur minimale).")
        out.text(0, indicator.label, fmt.label)
        out.at(1, report.value(indicator.key), indicator.kind)
        out.merged_text(definition, fmt.definition, first_col=2)
        out.row += 1


def _aging(out: SheetWriter, report: KpiReport) -> tuple[int, int]:
    out.section("Balance âgée", SECTION_DEFINITIONS["aging"])
    out.header(["Tranche", "Reste dû", "Factures", "Part de l'encours"])
    first = out.row
    for bucket in report.aging:
        out.text(0, bucket.label)
        out.at(1, bucket.amount, "money")
        out.at(2, bucket.count, "count")
        share = bucket.amount / report.receivables if report.receivables > 0 else None
        out.at(3, share, "rate")
        out.row += 1
    last = out.row - 1
    out.text(0, "Total", out.fmt.total_label)
    out.at(1, report.receivables, "money", total=True)
    out.at(2, sum(b.count for b in report.aging), "count", total=True)
    out.at(3, Decimal(1) if report.receivables > 0 else None, "rate", total=True)
    out.row += 1
    return first, last


def _months(out: SheetWriter, report: KpiReport) -> tuple[int, int]:
    out.section("Facturé et encaissé par mois", SECTION_DEFINITIONS["monthly"])
    out.header(["Mois", "Facturé TTC", "Encaissé"])
    first = out.row
    for flow in report.monthly:
        out.text(0, month_label(flow.month))
        out.at(1, flow.invoiced, "money")
        out.at(2, flow.collected, "money")
        out.row += 1
    return first, out.row - 1


def _forecast(out: SheetWriter, report: KpiReport) -> None:
    ws, fmt = out.ws, out.fmt
    out.section(f"Prévision d'encaissements ({len(report.forecast)} semaines)",
                SECTION_DEFINITIONS["forecast"])
    out.header(["Semaine", "Du", "Au", "Montant attendu", "Factures"])
    for index, week in enumerate(report.forecast, start=1):
        out.text(0, f"Semaine {index}")
        out.at(1, week.start, "date")
        out.at(2, week.end, "date")
        out.at(3, week.amount, "money")
        out.at(4, week.count, "count")
        out.row += 1
    for label, amount in (("Au-delà", report.forecast_later),
                          ("Incertain (hors prévision)", report.forecast_uncertain)):
        out.text(0, label)
        for col in (1, 2, 4):
            ws.write_blank(out.row, col, None, fmt.text)
        out.at(3, amount, "money")
        out.row += 1
    out.text(0, "Total prévu sur la période", fmt.total_label)
    for col in (1, 2, 4):
        ws.write_blank(out.row, col, None, fmt.total_label)
    out.at(3, report.forecast_total, "money", total=True)
    out.row += 1


def _steps(out: SheetWriter, report: KpiReport) -> None:
    out.section("Règlement après chaque étape de relance", SECTION_DEFINITIONS["steps"])
    out.header(["Étape", "Factures ayant atteint l'étape", "Soldées sans étape suivante",
                "Taux de règlement"])
    for rate in report.step_rates:
        out.text(0, rate.label)
        out.at(1, rate.reached, "count")
        out.at(2, rate.paid, "count")
        out.at(3, rate.rate, "rate")
        out.row += 1


def _clients(out: SheetWriter, report: KpiReport) -> None:
    fmt = out.fmt
    n_buckets = len(report.aging)
    out.section("Clients : encours, balance âgée et fiabilité", SECTION_DEFINITIONS["clients"])
    labels = ["Client", "Encours"] + [b.label for b in report.aging] + [
        "Retard moyen (j)", "Factures en retard", "Score de fiabilité (0–100)", "Plafond d'encours",
        "Plafond dépassé"]
    out.header(labels, text_columns=(0, len(labels) - 1))
    first = out.row
    for client in report.clients:
        out.text(0, client.name)
        out.at(1, client.receivables, "money")
        for offset, amount in enumerate(client.aging):
            out.at(2 + offset, amount, "money")
        col = 2 + n_buckets
        out.at(col, client.average_days_late, "days")
        out.at(col + 1, client.late_count, "count")
        out.at(col + 2, client.score, "count")
        out.at(col + 3, client.credit_limit, "money")
        if client.over_limit:
            out.text(col + 4, "Oui", fmt.alert)
        else:
            out.text(col + 4, "Non" if client.credit_limit is not None else "—", fmt.center)
        out.row += 1
    if report.clients:
        score_col = 2 + n_buckets + 2
        out.ws.conditional_format(first, score_col, out.row - 1, score_col, {
            "type": "3_color_scale", "min_type": "num", "min_value": 0, "mid_type": "num",
            "mid_value": 50, "max_type": "num", "max_value": 100, "min_color": "#F8696B",
            "mid_color": "#FFEB84", "max_color": "#63BE7B"})
    else:
        out.merged_text("Aucun client avec un encours ou un historique de paiement.", fmt.note)
        out.row += 1


def _late(out: SheetWriter, report: KpiReport) -> None:
    out.section(f"Factures en retard ({len(report.late_invoices)})", SECTION_DEFINITIONS["late"])
    out.header(["N° facture", "Client", "Reste dû", "Échéance", "Jours de retard",
                "Dernière action", "Date de l'action", "Actions", "Étape actuelle", "Statut"],
               text_columns=(0, 1, 5, 8, 9))
    first = out.row
    for late in report.late_invoices:
        out.text(0, late.number)
        out.text(1, late.client)
        out.at(2, late.amount_due, "money")
        out.at(3, late.due_date, "date")
        out.at(4, late.days_late, "count")
        out.text(5, late.last_action or "—")
        out.at(6, late.last_action_date, "date")
        out.at(7, late.actions_count, "count")
        out.text(8, late.step_label)
        out.text(9, late.status_label)
        out.row += 1
    if report.late_invoices:
        out.ws.autofilter(first - 1, 0, out.row - 1, 9)
    else:
        out.merged_text("Aucune facture en retard.", out.fmt.note)
        out.row += 1
