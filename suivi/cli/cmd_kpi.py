"""`suivi kpi`: the indicators in the terminal (or all of them as JSON), for one or several
workbooks or folders (`suivi.cli.entities`)."""
from __future__ import annotations

import click

from suivi.api import open_settings
from suivi.config import Settings
from suivi.core.message import Message
from suivi.i18n import get_lang
from suivi.messages import text
from suivi.report import UNUSABLE

from .common import (
    common_options,
    console,
    friendly_errors,
    issue_json,
    print_issues,
    say,
)
from .entities import Job, Outcome, entities_argument, per_entity, quiet_option
from .kpi_view import render_kpi_console


@click.command("kpi")
@entities_argument
@common_options
@quiet_option
@friendly_errors
@per_entity("kpi")
def kpi_command(settings: Settings, job: Job) -> Outcome:
    """Afficher les indicateurs : encours, DSO, délai moyen de paiement, taux d'impayés, balance
    âgée, clients, prévisions d'encaissement, factures en retard.

    Rien n'est écrit : la feuille Indicateurs du classeur est mise à jour par « suivi run ».
    Code de sortie 2, sans indicateurs, quand une colonne obligatoire manque (numéro, client,
    montant, date) : ils seraient faux.
    Avec --json, tous les indicateurs sont donnés (une liste, une entrée par entité, quand
    plusieurs classeurs ou un dossier sont donnés).

    Example:

        suivi kpi --json > indicateurs.json
    """
    book = open_settings(settings, job.opts.day)
    missing = book.missing_columns
    if missing:  # the figures would be zeros or nonsense, shown as if they were true
        if job.show:
            print_issues(missing)
            say(Message.of("cli.kpi_blocked"))
        data = {"error": text(missing[0]), "issues": [issue_json(i) for i in missing]}
        return Outcome(UNUSABLE, problem=missing[0], report=book.report,
                       data=data if job.opts.as_json else None)
    report = book.kpis()
    if job.show:
        render_kpi_console(report, console, lang=get_lang())
    done = Message.of("entities.done_kpi", receivables=report.receivables,
                      overdue=report.overdue, late=report.overdue_count)
    return Outcome(0, done=done, data=report.to_dict() if job.opts.as_json else None)


COMMANDS = (kpi_command,)
