"""`suivi remind` (prepare reminder drafts) and `suivi send` (send the approved drafts), on one
or several workbooks or folders (`suivi.cli.entities`)."""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click

from suivi.config import Settings
from suivi.core.message import Message
from suivi.pipeline import Run, RunOptions, SendRequest, daily, run_pipeline

from .common import (
    CommonOptions,
    common_options,
    current_lang,
    fail,
    friendly_errors,
    say,
    structure_option,
)
from .entities import Job, Outcome, entities_argument, first_problem, quiet_option, run_entities
from .render import print_run, run_summary

verbose_option = click.option("--verbose", is_flag=True,
                              help="Afficher toutes les lignes de chaque liste.")


def _outcome(run: Run, opts: CommonOptions, done: Message) -> Outcome:
    report = run.report
    return Outcome(report.return_code, done=done, problem=first_problem(report),
                   data=run_summary(run) if opts.as_json else None, report=report)


@click.command("remind")
@entities_argument
@common_options
@quiet_option
@verbose_option
@structure_option
@friendly_errors
def remind_command(workbooks: tuple[str, ...], opts: CommonOptions, quiet: bool,
                   verbose: bool) -> None:
    """Préparer les relances du jour en brouillons .eml à relire.

    Un message par client, à l'étape la plus haute atteinte, avec les factures PDF jointes,
    dans relances/AAAA-MM-JJ/ avec la liste à relire (brouillons.html montre chaque message)
    et la liste « À faire » (appels, lettres, dossiers de recouvrement). La feuille « Relances
    à envoyer » du classeur liste les relances en attente : choisissez Oui ou Non dans sa
    colonne « Envoyer », puis « suivi send ». Rien n'est envoyé ici. Une seconde exécution le
    même jour ne refait rien.

    Example:

        suivi remind --date 2026-11-25
    """
    job = Job("remind", workbooks, opts, quiet)

    def work(settings: Settings) -> Outcome:
        options = RunOptions(dry_run=opts.dry_run, lang=current_lang(),
                             day_from_clock=opts.day_from_clock,
                             drafts_only=True, verbose=verbose,
                             accept_structure=opts.accept_structure)
        run = run_pipeline(settings, opts.day, daily.REMIND, options=options)
        if job.show:
            print_run(run, verbose)
        dunning = run.dunning
        return _outcome(run, opts, Message.of(
            "entities.done_remind", drafted=len(dunning.drafted) if dunning else 0,
            pending=len(dunning.pending) if dunning else 0))

    run_entities(job, work)


def send_choice(f: Callable[..., Any]) -> Callable[..., Any]:
    """--id, --tous, --confirme, --renvoie → one `SendRequest` handed over as `request`."""

    @functools.wraps(f)
    def wrapper(*args: Any, select: tuple[str, ...], send_all: bool, confirm: tuple[str, ...],
                resend: tuple[str, ...], **kwargs: Any) -> Any:
        if set(confirm) & set(resend):
            fail(Message.of("cli.confirm_and_resend"))
        if send_all and select:
            fail(Message.of("entities.all_and_id"))
        request = SendRequest(select=select or None, confirm=confirm, resend=resend,
                              from_sheet=not (select or send_all or confirm or resend))
        return f(*args, request=request, **kwargs)

    decorators = (
        click.option("--id", "select", multiple=True, metavar="ID",
                     help="N'envoyer que ce brouillon (répétable), quoi que dise la feuille "
                          "« Relances à envoyer ». Un brouillon refusé par le serveur ne repart "
                          "que s'il est nommé ici."),
        click.option("--tous", "send_all", is_flag=True,
                     help="Envoyer tous les brouillons en attente, sans tenir compte de la "
                          "colonne « Envoyer »."),
        click.option("--confirme", "confirm", multiple=True, metavar="ID",
                     help="Un envoi « à vérifier » est bien parti : l'enregistrer comme envoyé."),
        click.option("--renvoie", "resend", multiple=True, metavar="ID",
                     help="Un envoi « à vérifier » (ou refusé) n'est pas parti : le renvoyer."),
    )
    command = wrapper
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


@click.command("send")
@entities_argument
@send_choice
@common_options
@quiet_option
@verbose_option
@structure_option
@friendly_errors
def send_command(workbooks: tuple[str, ...], request: SendRequest, opts: CommonOptions,
                 quiet: bool, verbose: bool) -> None:
    """Envoyer par SMTP les relances marquées « Oui » dans la feuille « Relances à envoyer ».

    Les relances marquées « Non » (ou laissées vides) sont retenues : elles restent en attente
    pour une décision ultérieure, et le choix est noté dans le journal. --id envoie les
    brouillons nommés, --tous tous ceux en attente. Une seule connexion pour tout le lot,
    nouvelles tentatives en cas d'erreur passagère. Avant l'envoi, chaque brouillon est comparé
    au classeur : si une de ses factures a été réglée, mise en litige ou annulée entre-temps, il
    est annulé, jamais envoyé. Un brouillon n'est jamais envoyé deux fois : si la connexion
    tombe après la transmission du message, il est marqué « à vérifier » et ne repart qu'avec
    --renvoie. Le mot de passe vient de la variable SUIVI_SMTP_PASSWORD ou du trousseau du
    système.

    Example:

        suivi send --id 20261125-garage-moreau-automobiles-mise_en_demeure-aa2a
    """
    job = Job("send", workbooks, opts, quiet)

    def work(settings: Settings) -> Outcome:
        options = RunOptions(dry_run=opts.dry_run, lang=current_lang(),
                             day_from_clock=opts.day_from_clock, send=request,
                             verbose=verbose, accept_structure=opts.accept_structure)
        run = run_pipeline(settings, opts.day, daily.SEND, options=options)
        outcome = run.dunning
        if job.show:
            print_run(run, verbose)
            if outcome is not None and not run.dry_run and not outcome.pending and not (
                    outcome.sent or outcome.failed or outcome.cancelled or outcome.refused):
                say(Message.of("cli.nothing_pending"))
        return _outcome(run, opts, Message.of(
            "entities.done_send", sent=len(outcome.sent) if outcome else 0,
            held=len(outcome.held) if outcome else 0,
            failed=len(outcome.failed) + len(outcome.refused) if outcome else 0))

    run_entities(job, work)


COMMANDS = (remind_command, send_command)
