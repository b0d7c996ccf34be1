"""`suivi check`: read the workbook and report every problem, naming the cell."""
from __future__ import annotations

import click

from suivi.api import open_settings
from suivi.core.message import Message
from suivi.messages import text
from suivi.report import BUSY, UNUSABLE
from suivi.workbook.errors import WorkbookBusy, WorkbookError

from .common import (
    CommonOptions,
    common_options,
    friendly_errors,
    get_settings,
    issue_json,
    print_issues,
    print_json,
    say,
    workbook_argument,
)


@click.command("check")
@workbook_argument
@common_options
@click.option("--strict", is_flag=True, help="Les avertissements comptent aussi comme problèmes.")
@friendly_errors
def check_command(workbook: str | None, opts: CommonOptions, strict: bool) -> None:
    """Contrôler le classeur : colonnes, doublons, numérotation, dates, montants, clients.

    Chaque problème est donné avec sa cellule (Factures!F12), un message et ce qu'il faut faire.
    Code de sortie : 0 sans erreur, 1 si des erreurs sont trouvées (avec --strict : aussi les
    avertissements), 2 si le classeur ou suivi.toml est inutilisable ou si un problème bloquant
    (feuille ou colonne obligatoire absente, numéro effacé) empêche toute action. Rien n'est
    écrit.

    Example:

        suivi check suivi_factures.xlsx --json
    """
    settings = get_settings(opts, workbook)
    try:
        book = open_settings(settings, opts.day)
    except WorkbookError as exc:
        if not opts.as_json:
            raise
        print_json({"error": text(exc.message), "issues": [], "summary": {"usable": False}})
        raise SystemExit(BUSY if isinstance(exc, WorkbookBusy) else UNUSABLE) from None
    report = book.report
    report.strict = strict
    master = book.master
    summary = {"invoices": len(master.invoices), "clients": len(master.clients),
               "blocking": len(report.blocking), "errors": len(report.errors),
               "warnings": len(report.warnings)}
    if opts.as_json:
        print_json({
            "workbook": str(settings.workbook), "sheet": master.layout.sheet,
            "header_row": master.layout.header_row,
            "columns": {f: {"header": c.header, "column": c.column}
                        for f, c in master.layout.columns.items()},
            "issues": [issue_json(i) for i in report.issues], "summary": summary,
        })
    else:
        layout = master.layout
        say(Message.of("cli.check_header", file=settings.workbook.name, sheet=layout.sheet,
                       row=layout.header_row, columns=len(layout.columns),
                       invoices=len(master.invoices), clients=len(master.clients)))
        print_issues(report.issues)
        say(Message.of("cli.check_summary", errors=summary["errors"],
                       warnings=summary["warnings"]))
        if report.blocking:
            click.echo(text(Message.of("cli.blocked")))
    raise SystemExit(report.return_code)


COMMANDS = (check_command,)
