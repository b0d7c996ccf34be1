"""`suivi run`: the daily job, and its French summary."""
from __future__ import annotations

from decimal import Decimal

import click
from rich.table import Table

from suivi.cli.common import (
    common_options,
    console,
    friendly_errors,
    get_settings,
    issue_json,
    print_issues,
    print_json,
    today_or,
    workbook_argument,
)
from suivi.core.models import Status
from suivi.i18n import fmt_date, fmt_money, get_lang, tr
from suivi.pipeline import Run, run_pipeline, status_counts
from suivi.progress import progress_bar

STATUS_EN = {
    Status.TO_ISSUE: "to issue", Status.ISSUED: "issued", Status.DUE_TODAY: "due today",
    Status.OVERDUE: "overdue", Status.PARTIALLY_PAID: "partially paid", Status.PAID: "paid",
    Status.OVERPAID: "overpaid", Status.DISPUTED: "disputed", Status.CREDIT_NOTE: "credit note",
    Status.CANCELLED: "cancelled",
}


def status_name(status: Status) -> str:
    return STATUS_EN[status] if get_lang() == "en" else status.value


def run_summary(run: Run) -> dict:
    """The run as data (for --json and for the console rendering)."""
    counts = status_counts(run)
    overdue = []
    for inv in run.invoices:
        info = run.statuses.get(inv.row)
        if info and info.days_late > 0 and info.status.open and inv.balance > 0:
            overdue.append({"number": inv.number, "client": inv.client, "due_date": inv.due_date,
                            "days_late": info.days_late, "balance": inv.balance,
                            "status": info.status.value, "row": inv.row})
    overdue.sort(key=lambda o: -o["days_late"])
    report = run.report
    data = {
        "date": run.today,
        "workbook": str(run.settings.workbook),
        "dry_run": run.dry_run,
        "statuses": {s.value: {"count": n, "amount": a} for s, (n, a) in counts.items()},
        "overdue": overdue,
        "issues": [issue_json(i) for i in report.issues],
        "failures": report.failures,
        "done": report.done,
        "written": run.committed and not run.dry_run,
        "exit_code": report.return_code,
    }
    sections = run.sections
    if "numbered" in sections:
        data["numbered"] = sections["numbered"]
    if "invoices" in sections:
        data["invoices"] = sections["invoices"]
    if "dunning" in sections:
        outcome = sections["dunning"]
        data["reminders"] = {"drafted": list(outcome.drafted), "sent": list(outcome.sent),
                             "failed": list(outcome.failed), "cancelled": list(outcome.cancelled),
                             "digest": outcome.text}
    if "kpi" in sections:
        data["kpi"] = sections["kpi"].to_dict()
    if "commit" in sections:
        data["commit"] = {"backup": sections["commit"].backup,
                          "parts_changed": sections["commit"].parts_changed}
    data["files"] = [str(f) for f in run.files]
    return data


def print_run_summary(run: Run) -> None:
    report = run.report
    if report.fatal is not None:
        console.print(f"[bold red]{tr('Erreur', 'Error')} :[/] {report.fatal}")
        return
    console.rule(tr(f"suivi — {fmt_date(run.today)}", f"suivi — {fmt_date(run.today)}"))
    if run.dry_run:
        console.print(tr("[yellow]Simulation (--dry-run) : rien n'a été écrit ni envoyé.[/]",
                         "[yellow]Dry run: nothing was written or sent.[/]"))
    summary = run_summary(run)
    counts = {Status(k): (v["count"], v["amount"]) for k, v in summary["statuses"].items()}
    table = Table(title=tr("Factures par statut", "Invoices by status"), title_justify="left")
    table.add_column(tr("Statut", "Status"))
    table.add_column(tr("Nombre", "Count"), justify="right")
    table.add_column(tr("Montant (reste dû)", "Amount (due)"), justify="right")
    for status in Status:
        if status in counts:
            n, amount = counts[status]
            table.add_row(status_name(status), str(n), fmt_money(amount))
    console.print(table)
    overdue = summary["overdue"]
    if overdue:
        late = Table(title=tr(f"Factures en retard ({len(overdue)})", f"Overdue invoices ({len(overdue)})"),
                     title_justify="left")
        for header in (tr("N°", "No."), tr("Client", "Client"), tr("Échéance", "Due"),
                       tr("Retard", "Late"), tr("Reste dû", "Due amount")):
            late.add_column(header)
        for o in overdue[:25]:
            late.add_row(o["number"] or "—", o["client"], fmt_date(o["due_date"]),
                         tr(f"{o['days_late']} j", f"{o['days_late']} d"), fmt_money(o["balance"]))
        console.print(late)
        if len(overdue) > 25:
            console.print(tr(f"… et {len(overdue) - 25} autre(s).", f"… and {len(overdue) - 25} more."))
        total = sum((o["balance"] for o in overdue), Decimal(0))
        console.print(tr(f"Total échu : [bold]{fmt_money(total)}[/]",
                         f"Total overdue: [bold]{fmt_money(total)}[/]"))
    for printer in run.printers:
        printer(console)
    for line in report.done:
        console.print(f"• {line}")
    if report.issues:
        print_issues(report.issues, limit=30)
    for failure in report.failures:
        console.print(f"[red]✗[/] {failure}")
    if run.committed and not run.dry_run and "commit" in run.sections:
        console.print(tr(f"Classeur mis à jour : {run.settings.workbook}",
                         f"Workbook updated: {run.settings.workbook}"))


@click.command("run")
@workbook_argument
@common_options
@friendly_errors
def run_command(workbook, today, dry_run, as_json, config_path, lang):
    """Lancer le travail quotidien : lire, contrôler, calculer les statuts, produire les
    factures, préparer les relances, mettre à jour le classeur et les indicateurs.

    Toutes les écritures dans le classeur se font en une seule fois, sans l'abîmer, avec une
    sauvegarde. Codes de sortie : 0 tout va bien, 1 problèmes trouvés ou actions en échec,
    2 classeur inutilisable, 3 classeur ouvert ailleurs ou autre exécution en cours.

    Example:

        suivi run --date 2026-11-25 --dry-run
    """
    settings = get_settings(config_path, workbook, lang)
    with progress_bar(disabled=as_json) as progress:
        run = run_pipeline(settings, today_or(today), dry_run=dry_run, lang=get_lang(),
                           progress=progress)
    if as_json:
        print_json(run_summary(run))
    else:
        print_run_summary(run)
    raise SystemExit(run.report.return_code)


COMMANDS = (run_command,)
