"""`suivi run`: the daily job; `suivi invoices`: only the invoices."""
from __future__ import annotations

import click

from suivi.core.message import Message
from suivi.pipeline import RunOptions, daily, run_pipeline
from suivi.progress import progress_bar

from .common import (
    CommonOptions,
    common_options,
    current_lang,
    friendly_errors,
    get_settings,
    print_json,
    say,
    structure_option,
    workbook_argument,
)
from .render import print_run, run_summary

verbose_option = click.option("--verbose", is_flag=True,
                              help="Afficher toutes les lignes (sinon : les premières de chaque "
                                   "liste ; le détail complet est dans les fichiers du jour).")
dates_option = click.option("--confirmer-dates", "accept_dates", is_flag=True,
                            help="Numéroter aussi les lignes dont la date semble improbable "
                                 "(future, très ancienne ou avant la première facture).")


@click.command("run")
@workbook_argument
@common_options
@verbose_option
@dates_option
@structure_option
@friendly_errors
def run_command(workbook: str | None, opts: CommonOptions, verbose: bool,
                accept_dates: bool, accept_structure: bool) -> None:
    """Lancer le travail quotidien : lire, contrôler, calculer les statuts, produire les
    factures, préparer les relances, mettre à jour le classeur et les indicateurs.

    Toutes les écritures dans le classeur se font en une seule fois, sans l'abîmer, avec une
    sauvegarde. Codes de sortie : 0 tout va bien, 1 problèmes trouvés ou actions en échec,
    2 classeur ou configuration inutilisable (ou problème bloquant), 3 classeur ouvert ailleurs
    ou autre exécution en cours.

    Example:

        suivi run --date 2026-11-25 --dry-run
    """
    settings = get_settings(opts, workbook)
    options = RunOptions(dry_run=opts.dry_run, lang=current_lang(),
                         accept_dates=accept_dates, accept_structure=accept_structure,
                         verbose=verbose)
    with progress_bar(disabled=opts.as_json) as progress:
        run = run_pipeline(settings, opts.day, daily.DAILY, options=options, progress=progress)
    if opts.as_json:
        print_json(run_summary(run))
    else:
        print_run(run, verbose)
    raise SystemExit(run.report.return_code)


@click.command("invoices")
@workbook_argument
@common_options
@dates_option
@structure_option
@friendly_errors
def invoices_command(workbook: str | None, opts: CommonOptions, accept_dates: bool,
                     accept_structure: bool) -> None:
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
    settings = get_settings(opts, workbook)
    options = RunOptions(dry_run=opts.dry_run, lang=current_lang(),
                         accept_dates=accept_dates, accept_structure=accept_structure)
    with progress_bar(disabled=opts.as_json) as progress:
        run = run_pipeline(settings, opts.day, daily.INVOICES, options=options, progress=progress)
    if opts.as_json:
        print_json(run_summary(run))
    else:
        print_run(run)
        made = run.invoicing
        if not (made.rendered or made.to_render or run.report.failures or run.report.fatal):
            say(Message.of("cli.no_invoice"))
    raise SystemExit(run.report.return_code)


COMMANDS = (run_command, invoices_command)
