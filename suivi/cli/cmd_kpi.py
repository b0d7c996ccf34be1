"""`suivi kpi`: the indicators in the terminal (or all of them as JSON)."""
from __future__ import annotations

import click

from suivi.api import open_settings
from suivi.i18n import get_lang

from .common import (
    CommonOptions,
    common_options,
    console,
    friendly_errors,
    get_settings,
    print_json,
    workbook_argument,
)
from .kpi_view import render_kpi_console


@click.command("kpi")
@workbook_argument
@common_options
@friendly_errors
def kpi_command(workbook: str | None, opts: CommonOptions) -> None:
    """Afficher les indicateurs : encours, DSO, délai moyen de paiement, taux d'impayés, balance
    âgée, clients, prévisions d'encaissement, factures en retard.

    Rien n'est écrit : la feuille Indicateurs du classeur est mise à jour par « suivi run ».
    Avec --json, tous les indicateurs sont donnés.

    Example:

        suivi kpi --json > indicateurs.json
    """
    settings = get_settings(opts, workbook)
    book = open_settings(settings, opts.day)
    report = book.kpis()
    if opts.as_json:
        print_json(report.to_dict())
    else:
        render_kpi_console(report, console, lang=get_lang())
    raise SystemExit(0)


COMMANDS = (kpi_command,)
