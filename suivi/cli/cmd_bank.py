"""`suivi bank`: import bank statements into the workbook."""
from __future__ import annotations

from pathlib import Path

import click

from suivi.pipeline import RunOptions, daily, run_pipeline
from suivi.progress import progress_bar

from .bank_view import bank_summary, print_bank
from .common import (
    CommonOptions,
    common_options,
    current_lang,
    friendly_errors,
    get_settings,
    print_json,
    structure_option,
)

#: A last argument with one of these suffixes is the workbook, not a statement.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


@click.command("bank")
@click.argument("statements", metavar="RELEVÉ… [CLASSEUR]", nargs=-1, required=True,
                type=click.Path(dir_okay=False))
@click.option("--classeur", "workbook", metavar="CLASSEUR", type=click.Path(dir_okay=False),
              help="Le classeur maître (par défaut : celui de suivi.toml, ou "
                   "suivi_factures.xlsx du dossier courant).")
@common_options
@click.option("--verbose", is_flag=True,
              help="Afficher toutes les lignes (sinon : les premières de chaque liste).")
@structure_option
@friendly_errors
def bank_command(statements: tuple[str, ...], workbook: str | None, opts: CommonOptions,
                 verbose: bool) -> None:
    """Importer des relevés bancaires (CSV, OFX, CAMT.053) : rapprocher chaque crédit de la
    ou des factures qu'il règle et l'enregistrer dans le classeur.

    Les paiements sûrs sont appliqués (ligne dans Paiements, Montant réglé, Date de
    règlement, Reste dû, Statut), avec la règle qui a décidé ; les autres vont dans la feuille
    Rapprochement, où vous décidez (Valider Oui/Non, Facture(s)) : le prochain « suivi bank »
    ou « suivi run » applique vos décisions. Le classeur est celui de suivi.toml, ou le
    dernier argument s'il se termine par .xlsx, ou --classeur. Une opération n'est jamais importée deux
    fois. Un relevé illisible est refusé en nommant la ligne ou l'élément fautif, et rien n'est
    enregistré (code de sortie 2). Une seule écriture, sans abîmer le classeur, avec une
    sauvegarde.

    Example:

        suivi bank releve-mars.csv releve.ofx --dry-run
    """
    files = [Path(s) for s in statements]
    if workbook is None and len(files) > 1 and files[-1].suffix.casefold() in WORKBOOK_SUFFIXES:
        workbook = str(files.pop())
    settings = get_settings(opts, workbook)
    options = RunOptions(dry_run=opts.dry_run, lang=current_lang(), verbose=verbose,
                         statements=tuple(files), accept_structure=opts.accept_structure)
    with progress_bar(disabled=opts.as_json) as progress:
        run = run_pipeline(settings, opts.day, daily.BANK, options=options, progress=progress)
    if opts.as_json:
        print_json(bank_summary(run))
    else:
        print_bank(run, verbose)
    raise SystemExit(run.report.return_code)


COMMANDS = (bank_command,)
