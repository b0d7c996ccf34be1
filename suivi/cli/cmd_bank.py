"""`suivi bank`: import bank statements into the workbook: the statements named into one
workbook, or, with none named, each entity's statement folder (`suivi.cli.entities`)."""
from __future__ import annotations

from pathlib import Path

import click

from suivi.config import CONFIG_NAME, DEFAULT_WORKBOOK, STATE_DIR, Settings
from suivi.core.message import Message
from suivi.pipeline import RunOptions, daily, run_pipeline
from suivi.pipeline.bank_state import BankImport
from suivi.pipeline.steps.bank import statement_folder
from suivi.progress import progress_bar

from .bank_view import bank_summary, print_bank
from .common import (
    CommonOptions,
    common_options,
    current_lang,
    fail,
    friendly_errors,
    structure_option,
)
from .entities import Job, Outcome, first_problem, holds_entity, quiet_option, run_entities

#: The suffixes of a workbook (`_split` says when such a file is a bank's export instead).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


@click.command("bank")
@click.argument("arguments", metavar="[RELEVÉ…] [CLASSEUR|DOSSIER]...", nargs=-1,
                type=click.Path())
@click.option("--classeur", "workbook", metavar="CLASSEUR", type=click.Path(dir_okay=False),
              help="Le classeur maître (par défaut : celui de suivi.toml, ou "
                   "suivi_factures.xlsx du dossier courant).")
@common_options
@quiet_option
@click.option("--verbose", is_flag=True,
              help="Afficher toutes les lignes (sinon : les premières de chaque liste).")
@structure_option
@friendly_errors
def bank_command(arguments: tuple[str, ...], workbook: str | None, opts: CommonOptions,
                 quiet: bool, verbose: bool) -> None:
    """Importer des relevés bancaires (CSV, OFX, CAMT.053) : rapprocher chaque crédit de la
    ou des factures qu'il règle et l'enregistrer dans le classeur.

    Les paiements sûrs sont appliqués (ligne dans Paiements, Montant réglé, Date de
    règlement, Reste dû, Statut), avec la règle qui a décidé ; les autres vont dans la feuille
    Rapprochement, où vous décidez (Valider Oui/Non, Facture(s)) : le prochain « suivi bank »
    ou « suivi run » applique vos décisions. Le classeur est celui de suivi.toml, ou le
    dernier argument s'il se termine par .xlsx, ou --classeur. Sans relevé nommé, chaque
    entité (un classeur, un dossier, ou toutes celles d'un dossier) importe les relevés
    déposés dans son dossier des relevés ([banque] dossier, « releves » par défaut) et
    applique les décisions de sa feuille Rapprochement. Une opération n'est jamais importée
    deux fois. Un relevé illisible est refusé en nommant la ligne ou l'élément fautif, et rien
    n'est enregistré (code de sortie 2). Une seule écriture, sans abîmer le classeur, avec une
    sauvegarde.

    Example:

        suivi bank releve-mars.csv releve.ofx --dry-run
    """
    files, targets = _split(arguments, workbook)
    job = Job("bank", targets, opts, quiet)

    def work(settings: Settings) -> Outcome:
        options = RunOptions(dry_run=opts.dry_run, lang=current_lang(),
                             day_from_clock=opts.day_from_clock, verbose=verbose,
                             statements=tuple(files), accept_structure=opts.accept_structure)
        with progress_bar(disabled=not job.show) as progress:
            run = run_pipeline(settings, opts.day, daily.BANK, options=options,
                               progress=progress)
        if job.show:
            print_bank(run, verbose, folder=None if files else statement_folder(run))
        bank = run.bank or BankImport()
        done = Message.of("entities.done_bank", statements=len(bank.statements),
                          applied=len(bank.applied) + len(bank.validated),
                          review=len(bank.review))
        report = run.report
        return Outcome(report.return_code, done=done, problem=first_problem(report),
                       report=report, data=bank_summary(run) if opts.as_json else None)

    run_entities(job, work)


def _split(arguments: tuple[str, ...], workbook: str | None) -> tuple[list[Path], tuple[str, ...]]:
    """The statements named, and the entities (workbooks, folders) they go to.

    - a folder: an entity folder, or one holding entities; else a folder of statements (`suivi
      bank releves`), its files named;
    - an .xlsx/.xlsm file: the workbook when it comes last after statements (`suivi bank
      releve.ofx mon_suivi.xlsx`, as always) or when it is a suivi master (its suivi.toml or
      .suivi folder beside it, or the default name); else a statement (a bank's Excel export,
      refused with the formats suivi reads, as before);
    - any other file: a statement.

    Statements go into one workbook: the one named (or --classeur), else that of suivi.toml;
    named with a folder of entities or several workbooks, they are refused (each entity
    imports its own statement folder when none is named)."""
    paths = list(map(Path, arguments))
    others = [p for p in paths if not p.is_dir() and p.suffix.casefold() not in WORKBOOK_SUFFIXES]
    entities: list[Path] = []
    files: list[Path] = []
    for index, path in enumerate(paths):
        if path.is_dir():
            if holds_entity(path):
                entities.append(path)
            else:  # `suivi bank releves`: its statements
                files.extend(sorted(p for p in path.iterdir()
                                    if p.is_file() and not p.name.startswith((".", "~$"))))
        elif path.suffix.casefold() in WORKBOOK_SUFFIXES and (
                (others and index == len(paths) - 1) or _is_master(path)):
            entities.append(path)
        else:
            files.append(path)
    if workbook is not None:
        entities.append(Path(workbook))
    if files and (len(entities) > 1 or any(p.is_dir() for p in entities)):
        fail(Message.of("cli.bank_statements_one_entity"))
    return files, tuple(str(p) for p in entities)


def _is_master(path: Path) -> bool:
    """Whether an .xlsx named on the command line is a suivi master rather than a statement."""
    folder = path.resolve().parent
    return (path.name.casefold() == DEFAULT_WORKBOOK.casefold()
            or (folder / CONFIG_NAME).is_file() or (folder / STATE_DIR).is_dir())


COMMANDS = (bank_command,)
