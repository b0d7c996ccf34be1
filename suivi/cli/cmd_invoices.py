"""`suivi invoices`: number the rows that need it and produce their Factur-X PDFs."""
from __future__ import annotations

import click

from suivi.cli.cmd_run import print_run_summary, run_summary
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
from suivi.progress import progress_bar


def invoice_steps():
    from suivi.steps.invoicing import contracts_step, numbering_step, rendering_step

    return BASE_STEPS + (contracts_step, numbering_step, rendering_step)


@click.command("invoices")
@workbook_argument
@common_options
@friendly_errors
def invoices_command(workbook, today, dry_run, as_json, config_path, lang):
    """Numéroter les nouvelles factures et produire leurs PDF Factur-X.

    Les lignes sans numéro (ou au statut « à émettre ») reçoivent le numéro suivant de leur
    série ; les contrats de la feuille Contrats créent les factures de la période. Chaque
    facture est validée (schématrons officiels EN 16931 et français) avant d'être produite dans
    factures/AAAA/ ; une facture refusée n'a pas de PDF et chaque règle non respectée est citée.
    Le numéro, le chemin du PDF et le statut « émise » sont écrits dans le classeur. Une seconde
    exécution ne produit rien de nouveau.

    Example:

        suivi invoices --dry-run
    """
    settings = get_settings(config_path, workbook, lang)
    with progress_bar(disabled=as_json) as progress:
        run = run_pipeline(settings, today_or(today), dry_run=dry_run, lang=get_lang(),
                           progress=progress, steps=invoice_steps())
    if as_json:
        print_json(run_summary(run))
    else:
        print_run_summary(run)
        made = run.sections.get("invoices", {})
        if not made.get("rendered") and not made.get("to_render") and not run.report.failures:
            console.print(tr("Aucune facture à produire.", "No invoice to produce."))
    raise SystemExit(run.report.return_code)


COMMANDS = (invoices_command,)
