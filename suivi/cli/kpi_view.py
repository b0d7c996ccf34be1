"""The indicators in the terminal: rich tables, French by default, English with lang="en"."""
from __future__ import annotations

from decimal import Decimal

from rich import box
from rich.console import Console, JustifyMethod
from rich.table import Table

from suivi.core.formats import NBSP, format_money, format_number
from suivi.core.kpi import INDICATORS, KpiReport, aging_labels
from suivi.core.steps import Step

LATE_ROWS = 10

_TEXT = {
    "fr": {
        "title": "Indicateurs au {today} (période de {days} jours)",
        "indicator": "Indicateur", "value": "Valeur", "aging": "Balance âgée",
        "bucket": "Tranche", "amount": "Reste dû", "count": "Factures", "total": "Total",
        "late": "Factures en retard ({n})", "number": "N°", "client": "Client",
        "due": "Échéance", "days": "Retard", "step": "Étape", "last": "Dernière action",
        "more": "… et {n} autres (voir la feuille Indicateurs)", "none": "Aucune facture en retard.",
        "day": "j", "date": "%d/%m/%Y", "capped": " (plafonné)",
    },
    "en": {
        "title": "Indicators on {today} ({days}-day period)",
        "indicator": "Indicator", "value": "Value", "aging": "Aging",
        "bucket": "Bucket", "amount": "Due", "count": "Invoices", "total": "Total",
        "late": "Overdue invoices ({n})", "number": "No.", "client": "Client",
        "due": "Due date", "days": "Late", "step": "Step", "last": "Last action",
        "more": "… and {n} more (see the Indicateurs sheet)", "none": "No overdue invoice.",
        "day": "d", "date": "%Y-%m-%d", "capped": " (capped)",
    },
}


def format_value(value: Decimal | int | None, kind: str, lang: str = "fr") -> str:
    """An indicator as text: "15 300,00 €", "38,5 j", "71,7 %", "3"; "—" when not computable."""
    if value is None:
        return "—"
    unit = _TEXT[lang]["day"]
    if kind == "money":
        return format_money(Decimal(value), lang)
    if kind == "days":
        return f"{format_number(Decimal(value), 1, lang)}{NBSP}{unit}"
    if kind == "rate":
        return f"{format_number(Decimal(value) * 100, 1, lang)}{NBSP}%"
    if kind == "number":
        return format_number(Decimal(value), 2, lang)
    return str(value)


def render_kpi_console(report: KpiReport, console: Console, lang: str = "fr") -> None:
    """Print the headline indicators, the aging and the most overdue invoices."""
    text = _TEXT["en" if lang == "en" else "fr"]
    lang = "en" if lang == "en" else "fr"
    main = Table(title=text["title"].format(today=report.today.strftime(text["date"]),
                                            days=report.period_days),
                 box=box.SIMPLE_HEAVY, title_justify="left", title_style="bold")
    main.add_column(text["indicator"])
    main.add_column(text["value"], justify="right", no_wrap=True)
    for indicator in INDICATORS:
        label = indicator.label if lang == "fr" else indicator.label_en
        value = format_value(report.value(indicator.key), indicator.kind, lang)
        if indicator.key == "dso_exhaustion" and report.dso_exhaustion_capped:
            value += text["capped"]
        main.add_row(label, value)
    console.print(main)

    aging = Table(title=text["aging"], box=box.SIMPLE, title_justify="left", title_style="bold")
    aging.add_column(text["bucket"])
    aging.add_column(text["amount"], justify="right", no_wrap=True)
    aging.add_column(text["count"], justify="right")
    labels = aging_labels(report.aging_bounds, lang)
    for label, bucket in zip(labels, report.aging):
        aging.add_row(label, format_money(bucket.amount, lang), str(bucket.count))
    aging.add_row(f"[bold]{text['total']}[/bold]",
                  f"[bold]{format_money(report.receivables, lang)}[/bold]",
                  str(sum(b.count for b in report.aging)))
    console.print(aging)

    late = report.late_invoices
    if not late:
        console.print(text["none"])
        return
    table = Table(title=text["late"].format(n=len(late)), box=box.SIMPLE, title_justify="left",
                  title_style="bold")
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("number", "left"), ("client", "left"), ("amount", "right"), ("due", "left"),
        ("days", "right"), ("step", "left"), ("last", "left"))
    for name, justify in columns:
        table.add_column(text[name], justify=justify, no_wrap=name in ("amount", "due", "days"))
    for item in late[:LATE_ROWS]:
        step = Step(item.step)
        table.add_row(
            item.number, item.client, format_money(item.amount_due, lang),
            item.due_date.strftime(text["date"]) if item.due_date else "—",
            f"{item.days_late}{NBSP}{text['day']}",
            step.label if lang == "fr" else step.label_en,
            item.last_action or "—",
        )
    console.print(table)
    if len(late) > LATE_ROWS:
        console.print(text["more"].format(n=len(late) - LATE_ROWS))
