"""`suivi remind` (prepare reminder drafts) and `suivi send` (send the approved drafts)."""
from __future__ import annotations

from dataclasses import replace

import click

from suivi.cli.cmd_run import print_run_summary, run_summary
from suivi.cli.common import (
    common_options,
    console,
    fail,
    friendly_errors,
    get_settings,
    print_json,
    today_or,
    workbook_argument,
)
from suivi.i18n import get_lang, tr
from suivi.pipeline import BASE_STEPS, Run, RunAborted, run_pipeline, status_writeback_step


def drafts_only_step(run: Run) -> None:
    """The reminders step, always in drafts mode (whatever [relances] envoi says)."""
    from suivi.mail.config import DELIVERY_DRAFTS
    from suivi.steps.reminders import dunning_settings, reminders_step

    run.sections["_dunning_settings"] = replace(dunning_settings(run), delivery=DELIVERY_DRAFTS)
    reminders_step(run)


@click.command("remind")
@workbook_argument
@common_options
@friendly_errors
def remind_command(workbook, today, dry_run, as_json, config_path, lang):
    """Préparer les relances du jour en brouillons .eml à relire.

    Un message par client, à l'étape la plus haute atteinte, avec les factures PDF jointes,
    dans relances/AAAA-MM-JJ/ avec la liste à relire (brouillons.csv) et la liste « À faire »
    (appels, lettres, dossiers de recouvrement). Rien n'est envoyé : relisez, supprimez ce qui ne
    doit pas partir, puis « suivi send ». Une seconde exécution le même jour ne refait rien.

    Example:

        suivi remind --date 2026-11-25
    """
    settings = get_settings(config_path, workbook, lang)
    run = run_pipeline(settings, today_or(today), dry_run=dry_run, lang=get_lang(),
                       steps=BASE_STEPS + (drafts_only_step, status_writeback_step))
    if as_json:
        print_json(run_summary(run))
    else:
        print_run_summary(run)
    raise SystemExit(run.report.return_code)


def _send_step(select, confirm, resend):
    def step(run: Run) -> None:
        from suivi.mail.engine import resolve_unverified, send_drafts
        from suivi.steps.reminders import apply_outcome, dunning_settings, dunning_view, sender

        if run.master is None:
            raise RunAborted
        settings = dunning_settings(run)
        folder = run.settings.folder
        for ids, sent in ((confirm, True), (resend, False)):
            if ids:
                problems = resolve_unverified(folder, list(ids), sent=sent, today=run.today)
                for problem in problems:
                    run.report.fail(problem)
                if not problems:
                    run.report.note(tr(f"{len(ids)} envoi(s) marqué(s) "
                                       f"{'envoyé(s)' if sent else 'à renvoyer'}.",
                                       f"{len(ids)} message(s) marked "
                                       f"{'sent' if sent else 'to resend'}."))
        if (confirm or resend) and not select:
            select_ids = list(resend) if resend else []
            if not select_ids:
                return
        else:
            select_ids = list(select) or None
        outcome = send_drafts(folder, dunning_view(run.master), settings, run.today, select=select_ids,
                              dry_run=run.dry_run, seller=sender(run, settings))
        apply_outcome(run, outcome)
        if outcome.sent:
            run.report.note(tr(f"{len(outcome.sent)} relance(s) envoyée(s).",
                               f"{len(outcome.sent)} reminder(s) sent."))
    return step


@click.command("send")
@workbook_argument
@click.option("--id", "select", multiple=True, metavar="ID",
              help="N'envoyer que ce brouillon (répétable) ; par défaut : tous ceux en attente.")
@click.option("--confirme", "confirm", multiple=True, metavar="ID",
              help="Un envoi « à vérifier » est bien parti : l'enregistrer comme envoyé.")
@click.option("--renvoie", "resend", multiple=True, metavar="ID",
              help="Un envoi « à vérifier » n'est pas parti : le renvoyer.")
@common_options
@friendly_errors
def send_command(workbook, select, confirm, resend, today, dry_run, as_json, config_path, lang):
    """Envoyer par SMTP les brouillons de relance en attente (tous, ou ceux choisis).

    Une seule connexion pour tout le lot, nouvelles tentatives en cas d'erreur passagère. Avant
    l'envoi, chaque brouillon est comparé au classeur : si une de ses factures a été réglée, mise
    en litige ou annulée entre-temps, il est annulé, jamais envoyé. Un brouillon n'est jamais
    envoyé deux fois. Le mot de passe vient de la variable SUIVI_SMTP_PASSWORD ou du trousseau.

    Example:

        suivi send --id 20261125-garage-moreau-automobiles-mise_en_demeure-aa2a
    """
    if set(confirm) & set(resend):
        fail(tr("un même envoi ne peut être à la fois --confirme et --renvoie.",
                "a message cannot be both --confirme and --renvoie."))
    settings = get_settings(config_path, workbook, lang)
    run = run_pipeline(settings, today_or(today), dry_run=dry_run, lang=get_lang(),
                       steps=BASE_STEPS + (_send_step(select, confirm, resend),))
    if as_json:
        print_json(run_summary(run))
    else:
        print_run_summary(run)
        outcome = run.sections.get("dunning")
        if outcome is not None and not run.dry_run and not (outcome.sent or outcome.failed
                                                             or outcome.cancelled):
            console.print(tr("Aucun brouillon en attente d'envoi.", "No draft waiting to be sent."))
    raise SystemExit(run.report.return_code)


COMMANDS = (remind_command, send_command)
