"""`suivi check`: read the workbook and report every problem, naming the cell (one or several
workbooks or folders: `suivi.cli.entities`)."""
from __future__ import annotations

import click

from suivi.api import open_settings
from suivi.config import Settings
from suivi.core.message import Message
from suivi.messages import text
from suivi.report import BUSY, UNUSABLE
from suivi.workbook.errors import WorkbookBusy, WorkbookError

from .common import CommonOptions, common_options, friendly_errors, issue_json, print_issues, say
from .entities import Job, Outcome, entities_argument, first_problem, quiet_option, run_entities


@click.command("check")
@entities_argument
@common_options
@quiet_option
@click.option("--strict", is_flag=True, help="Les avertissements comptent aussi comme problèmes.")
@friendly_errors
def check_command(workbooks: tuple[str, ...], opts: CommonOptions, quiet: bool,
                  strict: bool) -> None:
    """Contrôler le classeur : colonnes, doublons, numérotation, dates, montants, clients.

    Chaque problème est donné avec sa cellule (Factures!F12), un message et ce qu'il faut faire.
    Code de sortie : 0 sans erreur, 1 si des erreurs sont trouvées (avec --strict : aussi les
    avertissements), 2 si le classeur ou suivi.toml est inutilisable ou si un problème bloquant
    (feuille ou colonne obligatoire absente, numéro effacé) empêche toute action. Rien n'est
    écrit. Plusieurs classeurs ou un dossier : chacun est contrôlé, le code est le plus grave.

    Example:

        suivi check suivi_factures.xlsx --json
    """
    job = Job("check", workbooks, opts, quiet)

    def work(settings: Settings) -> Outcome:
        try:
            book = open_settings(settings, opts.day)
        except WorkbookError as exc:
            if not opts.as_json:
                raise
            return Outcome(BUSY if isinstance(exc, WorkbookBusy) else UNUSABLE,
                           problem=exc.message, data={"error": text(exc.message), "issues": [],
                                                      "summary": {"usable": False}})
        report = book.report
        report.strict = strict
        master = book.master
        summary = {"invoices": len(master.invoices), "clients": len(master.clients),
                   "blocking": len(report.blocking), "errors": len(report.errors),
                   "warnings": len(report.warnings)}
        data = None
        if opts.as_json:
            data = {
                "workbook": str(settings.workbook), "sheet": master.layout.sheet,
                "other_sheets": [sister.sheet for sister in master.layout.sisters],
                "header_row": master.layout.header_row,
                "columns": {f: {"header": c.header, "column": c.column}
                            for f, c in master.layout.columns.items()},
                "issues": [issue_json(i) for i in report.issues], "summary": summary,
            }
        elif job.show:
            layout = master.layout
            others = [sister.sheet for sister in layout.sisters]
            say(Message.of("cli.check_header.sisters" if others else "cli.check_header",
                           file=settings.workbook.name, sheet=layout.sheet,
                           others=others, row=layout.header_row, columns=len(layout.columns),
                           invoices=len(master.invoices), clients=len(master.clients)))
            print_issues(report.issues)
            say(Message.of("cli.check_summary", errors=summary["errors"],
                           warnings=summary["warnings"]))
            if report.blocking:
                click.echo(text(Message.of("cli.blocked")))
        done = Message.of("entities.done_check", invoices=summary["invoices"],
                          errors=summary["errors"], warnings=summary["warnings"])
        return Outcome(report.return_code, done=done, problem=first_problem(report), data=data,
                       report=report)

    run_entities(job, work)


COMMANDS = (check_command,)
