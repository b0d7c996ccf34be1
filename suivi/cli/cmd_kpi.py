"""`suivi kpi`: the indicators in the terminal (or all of them as JSON)."""
from __future__ import annotations

import click

from suivi.cli.common import (
    common_options,
    console,
    friendly_errors,
    get_settings,
    print_json,
    today_or,
    workbook_argument,
)
from suivi.i18n import get_lang, tr
from suivi.pipeline import BASE_STEPS, run_pipeline


@click.command("kpi")
@workbook_argument
@common_options
@friendly_errors
def kpi_command(workbook, today, dry_run, as_json, config_path, lang):
    """Afficher les indicateurs : encours, DSO, délai moyen de paiement, taux d'impayés, balance
    âgée, clients, prévisions d'encaissement, factures en retard.

    Rien n'est écrit : la feuille Indicateurs du classeur est mise à jour par « suivi run ».
    Avec --json, tous les indicateurs sont donnés.

    Example:

        suivi kpi --json > indicateurs.json
    """
    from suivi.kpi_console import render_kpi_console
    from suivi.steps.kpi import compute_report

    settings = get_settings(config_path, workbook, lang)
    run = run_pipeline(settings, today_or(today), dry_run=True, steps=BASE_STEPS, write=False)
    if run.report.fatal is not None:
        console.print(f"[bold red]{tr('Erreur', 'Error')} :[/] {run.report.fatal}")
        raise SystemExit(run.report.return_code)
    report = compute_report(run)
    if as_json:
        print_json(report.to_dict())
    else:
        render_kpi_console(report, console, lang=get_lang())
    raise SystemExit(0)


COMMANDS = (kpi_command,)
