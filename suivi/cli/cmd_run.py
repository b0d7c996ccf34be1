"""`suivi run`: the daily job; `suivi invoices`: only the invoices. Both take one or several
workbooks or folders (`suivi.cli.entities`)."""
from __future__ import annotations

import click

from suivi.config import Settings
from suivi.core.message import Message
from suivi.mail.alert import Alert, send_alert
from suivi.pipeline import Run, RunOptions, daily, run_pipeline
from suivi.progress import progress_bar
from suivi.report import BUSY, PROBLEMS, UNUSABLE

from .common import (
    CommonOptions,
    common_options,
    current_lang,
    friendly_errors,
    say,
    structure_option,
)
from .entities import (
    Job,
    Outcome,
    entities_argument,
    first_problem,
    keep_until_exit,
    log_path,
    quiet_option,
    run_entities,
    wait_option,
)
from .render import print_run, run_done, run_summary
from .runlog import code_meaning, log

verbose_option = click.option("--verbose", is_flag=True,
                              help="Afficher toutes les lignes (sinon : les premières de chaque "
                                   "liste ; le détail complet est dans les fichiers du jour).")
dates_option = click.option("--confirmer-dates", "accept_dates", is_flag=True,
                            help="Numéroter aussi les lignes dont la date semble improbable "
                                 "(future, très ancienne ou avant la première facture).")


def run_outcome(run: Run, opts: CommonOptions, done: Message) -> Outcome:
    report = run.report
    return Outcome(report.return_code, done=done, problem=first_problem(report),
                   data=run_summary(run) if opts.as_json else None, report=report)


def alert_team(settings: Settings, run: Run, code: int, gave_up: bool = False) -> None:
    """[relances] alerte_equipe: a run nobody watches that ends with 1 or 2 e-mails the team;
    so does a busy workbook (3) that suivi waited for in vain (`gave_up`, --attendre): the day's
    job did not happen."""
    if not settings.dunning.alert_team or run.dry_run:
        return
    if code not in (PROBLEMS, UNUSABLE) and not (code == BUSY and gave_up):
        return
    report = run.report
    problems = ([report.fatal] if report.fatal else []) + report.failures + report.errors
    alert = Alert(settings.workbook, run.today, code, code_meaning(code), tuple(problems),
                  run.dunning.digest if run.dunning else None, log_path(settings.folder),
                  settings.lang or "fr")
    problem = send_alert(alert, settings.dunning, settings.seller, run.options.delivery)
    if problem is None:
        log.info(Message.of("alert.sent", team=list(settings.dunning.team)))
    else:
        log.warning(problem)


@click.command("run")
@entities_argument
@common_options
@quiet_option
@wait_option
@verbose_option
@dates_option
@structure_option
@friendly_errors
def run_command(workbooks: tuple[str, ...], opts: CommonOptions, quiet: bool, wait: float,
                verbose: bool, accept_dates: bool) -> None:
    """Lancer le travail quotidien : lire, contrôler, calculer les statuts, produire les
    factures, préparer les relances, mettre à jour le classeur et les indicateurs.

    Toutes les écritures dans le classeur se font en une seule fois, sans l'abîmer, avec une
    sauvegarde. Plusieurs classeurs, ou un dossier (chaque sous-dossier qui contient un
    suivi.toml), sont traités l'un après l'autre, chacun avec sa configuration ; le résumé a
    une ligne par entité. Codes de sortie (le plus grave de toutes les entités) : 0 tout va
    bien, 1 problèmes trouvés ou actions en échec, 2 classeur ou configuration inutilisable (ou
    problème bloquant), 3 classeur ouvert ailleurs ou autre exécution en cours (avec
    --attendre, suivi réessaie d'abord). Le journal de chaque exécution est dans
    .suivi/logs/suivi.log à côté du classeur.

    Example:

        suivi run --date 2026-11-25 --dry-run
    """
    job = Job("run", workbooks, opts, quiet, wait)

    def work(settings: Settings) -> Outcome:
        options = RunOptions(dry_run=opts.dry_run, lang=current_lang(),
                             day_from_clock=opts.day_from_clock,
                             accept_dates=accept_dates, accept_structure=opts.accept_structure,
                             verbose=verbose)
        with progress_bar(disabled=not job.show) as progress:
            run = run_pipeline(settings, opts.day, daily.DAILY, options=options,
                               progress=progress)
        if job.show:
            print_run(run, verbose)
        outcome = run_outcome(run, opts, run_done(run))
        if quiet:
            alert_team(settings, run, outcome.code, gave_up=job.wait > 0 and job.left() <= 0)
        keep_until_exit(run)
        return outcome

    run_entities(job, work)


@click.command("invoices")
@entities_argument
@common_options
@quiet_option
@dates_option
@structure_option
@friendly_errors
def invoices_command(workbooks: tuple[str, ...], opts: CommonOptions, quiet: bool,
                     accept_dates: bool) -> None:
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
    job = Job("invoices", workbooks, opts, quiet)

    def work(settings: Settings) -> Outcome:
        options = RunOptions(dry_run=opts.dry_run, lang=current_lang(),
                             day_from_clock=opts.day_from_clock,
                             accept_dates=accept_dates, accept_structure=opts.accept_structure)
        with progress_bar(disabled=not job.show) as progress:
            run = run_pipeline(settings, opts.day, daily.INVOICES, options=options,
                               progress=progress)
        if job.show:
            print_run(run)
            made = run.invoicing
            if not (made.rendered or made.to_render or made.refused or made.numbered
                    or run.report.failures or run.report.fatal):
                say(Message.of("cli.no_invoice"))
        return run_outcome(run, opts, run_done(run))

    run_entities(job, work)


COMMANDS = (run_command, invoices_command)
