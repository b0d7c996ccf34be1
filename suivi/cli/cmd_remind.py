"""`suivi remind` (prepare reminder drafts) and `suivi send` (send the approved drafts)."""
from __future__ import annotations

import click

from suivi.core.message import Message
from suivi.pipeline import RunOptions, SendRequest, daily, run_pipeline

from .common import (
    CommonOptions,
    common_options,
    current_lang,
    fail,
    friendly_errors,
    get_settings,
    print_json,
    say,
    structure_option,
    workbook_argument,
)
from .render import print_run, run_summary

verbose_option = click.option("--verbose", is_flag=True,
                              help="Afficher toutes les lignes de chaque liste.")


@click.command("remind")
@workbook_argument
@common_options
@verbose_option
@structure_option
@friendly_errors
def remind_command(workbook: str | None, opts: CommonOptions, verbose: bool,
                   accept_structure: bool) -> None:
    """Préparer les relances du jour en brouillons .eml à relire.

    Un message par client, à l'étape la plus haute atteinte, avec les factures PDF jointes,
    dans relances/AAAA-MM-JJ/ avec la liste à relire (brouillons.csv) et la liste « À faire »
    (appels, lettres, dossiers de recouvrement). Rien n'est envoyé : relisez, supprimez ce qui ne
    doit pas partir, puis « suivi send ». Une seconde exécution le même jour ne refait rien.

    Example:

        suivi remind --date 2026-11-25
    """
    settings = get_settings(opts, workbook)
    options = RunOptions(dry_run=opts.dry_run, lang=current_lang(),
                         drafts_only=True, verbose=verbose, accept_structure=accept_structure)
    run = run_pipeline(settings, opts.day, daily.REMIND, options=options)
    if opts.as_json:
        print_json(run_summary(run))
    else:
        print_run(run, verbose)
    raise SystemExit(run.report.return_code)


@click.command("send")
@workbook_argument
@click.option("--id", "select", multiple=True, metavar="ID",
              help="N'envoyer que ce brouillon (répétable) ; par défaut : tous ceux en attente. "
                   "Un brouillon refusé par le serveur ne repart que s'il est nommé ici.")
@click.option("--confirme", "confirm", multiple=True, metavar="ID",
              help="Un envoi « à vérifier » est bien parti : l'enregistrer comme envoyé.")
@click.option("--renvoie", "resend", multiple=True, metavar="ID",
              help="Un envoi « à vérifier » (ou refusé) n'est pas parti : le renvoyer.")
@common_options
@verbose_option
@structure_option
@friendly_errors
def send_command(workbook: str | None, select: tuple[str, ...], confirm: tuple[str, ...],
                 resend: tuple[str, ...], opts: CommonOptions, verbose: bool,
                 accept_structure: bool) -> None:
    """Envoyer par SMTP les brouillons de relance en attente (tous, ou ceux choisis).

    Une seule connexion pour tout le lot, nouvelles tentatives en cas d'erreur passagère. Avant
    l'envoi, chaque brouillon est comparé au classeur : si une de ses factures a été réglée, mise
    en litige ou annulée entre-temps, il est annulé, jamais envoyé. Un brouillon n'est jamais
    envoyé deux fois : si la connexion tombe après la transmission du message, il est marqué
    « à vérifier » et ne repart qu'avec --renvoie. Le mot de passe vient de la variable
    SUIVI_SMTP_PASSWORD ou du trousseau du système.

    Example:

        suivi send --id 20261125-garage-moreau-automobiles-mise_en_demeure-aa2a
    """
    if set(confirm) & set(resend):
        fail(Message.of("cli.confirm_and_resend"))
    settings = get_settings(opts, workbook)
    request = SendRequest(select=select or None, confirm=confirm, resend=resend)
    options = RunOptions(dry_run=opts.dry_run, lang=current_lang(), send=request,
                         verbose=verbose, accept_structure=accept_structure)
    run = run_pipeline(settings, opts.day, daily.SEND, options=options)
    if opts.as_json:
        print_json(run_summary(run))
    else:
        print_run(run, verbose)
        outcome = run.dunning
        if outcome is not None and not run.dry_run and not (
                outcome.sent or outcome.failed or outcome.cancelled or outcome.refused):
            say(Message.of("cli.nothing_pending"))
    raise SystemExit(run.report.return_code)


COMMANDS = (remind_command, send_command)
