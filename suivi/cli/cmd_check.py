"""`suivi check`: read the workbook and report every problem, naming the cell."""
from __future__ import annotations

import click

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
from suivi.i18n import tr
from suivi.pipeline import check_step, read_step, run_pipeline


@click.command("check")
@workbook_argument
@common_options
@click.option("--strict", is_flag=True, help="Les avertissements comptent aussi comme problèmes.")
@friendly_errors
def check_command(workbook, today, dry_run, as_json, config_path, lang, strict):
    """Contrôler le classeur : colonnes, doublons, numérotation, dates, montants, clients.

    Chaque problème est donné avec sa cellule (Factures!F12), un message et ce qu'il faut faire.
    Code de sortie : 0 sans erreur, 1 si des erreurs sont trouvées (avec --strict : aussi les
    avertissements), 2 si le classeur est inutilisable. Rien n'est écrit.

    Example:

        suivi check suivi_factures.xlsx --json
    """
    settings = get_settings(config_path, workbook, lang)
    run = run_pipeline(settings, today_or(today), dry_run=True, steps=(read_step, check_step),
                       write=False)
    report = run.report
    report.strict = strict
    if report.fatal is not None:
        if as_json:
            print_json({"error": report.fatal, "issues": [], "summary": {"usable": False}})
        else:
            console.print(f"[bold red]{tr('Erreur', 'Error')} :[/] {report.fatal}")
        raise SystemExit(report.return_code)
    master = run.master
    assert master is not None
    summary = {
        "invoices": len(master.invoices),
        "clients": len(master.clients),
        "errors": len(report.errors),
        "warnings": len(report.warnings),
    }
    if as_json:
        print_json({
            "workbook": str(settings.workbook),
            "sheet": master.layout.sheet,
            "header_row": master.layout.header_row,
            "columns": {f: {"header": c.header, "column": c.column}
                        for f, c in master.layout.columns.items()},
            "issues": [issue_json(i) for i in report.issues],
            "summary": summary,
        })
    else:
        layout = master.layout
        console.print(tr(
            f"[bold]{settings.workbook.name}[/] — feuille « {layout.sheet} », en-têtes en ligne "
            f"{layout.header_row}, {len(layout.columns)} colonnes reconnues, "
            f"{len(master.invoices)} factures, {len(master.clients)} clients.",
            f"[bold]{settings.workbook.name}[/] — sheet '{layout.sheet}', headers on row "
            f"{layout.header_row}, {len(layout.columns)} columns recognised, "
            f"{len(master.invoices)} invoices, {len(master.clients)} clients."))
        print_issues(report.issues)
        console.print(tr(f"{summary['errors']} erreur(s), {summary['warnings']} avertissement(s).",
                         f"{summary['errors']} error(s), {summary['warnings']} warning(s)."))
    raise SystemExit(report.return_code)


COMMANDS = (check_command,)
