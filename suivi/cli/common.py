"""What every command shares: options, settings loading, output, exit codes, friendly errors."""
from __future__ import annotations

import functools
import json
import sys
import traceback
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

import click
from rich.console import Console
from rich.table import Table

from suivi.config import ConfigError, Settings, load_settings
from suivi.core.models import Issue, Severity
from suivi.i18n import set_lang, tr
from suivi.report import BUSY, UNUSABLE

console = Console(highlight=False, soft_wrap=False)
err_console = Console(stderr=True, highlight=False)


def _parse_date(ctx, param, value):
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(tr(f"« {value} » : utilisez le format AAAA-MM-JJ, par exemple "
                                    f"2026-11-25.",
                                    f"'{value}': use the YYYY-MM-DD format, e.g. 2026-11-25."))


def date_option(f):
    return click.option("--date", "today", callback=_parse_date, metavar="AAAA-MM-JJ",
                        help="Agir comme si nous étions ce jour-là (par défaut : aujourd'hui).")(f)


def dry_run_option(f):
    return click.option("--dry-run", is_flag=True,
                        help="Montrer ce qui serait fait, sans rien écrire ni envoyer.")(f)


def json_option(f):
    return click.option("--json", "as_json", is_flag=True,
                        help="Sortie JSON (pour les scripts).")(f)


def config_option(f):
    return click.option("--config", "config_path", type=click.Path(dir_okay=False),
                        help="Chemin de suivi.toml (par défaut : ./suivi.toml).")(f)


def lang_option(f):
    return click.option("--lang", type=click.Choice(["fr", "en"]), default=None,
                        help="Langue des messages (fr par défaut).")(f)


def workbook_argument(f):
    return click.argument("workbook", metavar="[CLASSEUR]", required=False,
                          type=click.Path(dir_okay=False))(f)


def common_options(f):
    """--date, --dry-run, --json, --config, --lang."""
    for decorator in (lang_option, config_option, json_option, dry_run_option, date_option):
        f = decorator(f)
    return f


def fail(message: str, code: int = UNUSABLE) -> None:
    """One clear French line on stderr, then exit with `code` (no traceback)."""
    err_console.print(f"[bold red]{tr('Erreur', 'Error')} :[/] {message}")
    sys.exit(code)


def get_settings(config_path: str | None, workbook: str | None, lang: str | None) -> Settings:
    try:
        settings = load_settings(config_path, workbook)
    except ConfigError as exc:
        set_lang(lang)
        fail(str(exc))
    set_lang(lang or settings.lang)
    return settings


def friendly_errors(f: Callable) -> Callable:
    """Turn the exceptions users can meet into one French line and the right exit code."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        from suivi.workbook.locks import WorkbookBusy
        from suivi.workbook.read import ReadError
        from suivi.workbook.write import WorkbookWriteError

        try:
            return f(*args, **kwargs)
        except (ReadError, ConfigError) as exc:
            fail(str(exc), UNUSABLE)
        except WorkbookBusy as exc:
            fail(str(exc), BUSY)
        except WorkbookWriteError as exc:
            fail(str(exc), 1)
        except KeyboardInterrupt:
            fail(tr("interrompu par l'utilisateur.", "interrupted by the user."), 1)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:  # an unexpected bug: say so plainly, keep the details in a log
            log = _write_crash_log(exc)
            fail(tr(f"erreur inattendue ({type(exc).__name__} : {exc}). Les détails sont dans "
                    f"« {log} » : joignez ce fichier à votre demande d'aide.",
                    f"unexpected error ({type(exc).__name__}: {exc}). Details are in '{log}'."), 1)

    return wrapper


def _write_crash_log(exc: BaseException) -> Path:
    folder = Path.cwd() / ".suivi" / "logs"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"erreur-{datetime.now():%Y%m%d-%H%M%S}.log"
        path.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
        return path
    except OSError:
        return Path("(journal d'erreur impossible à écrire)")


def to_jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [to_jsonable(v) for v in value]
    if hasattr(value, "value") and isinstance(getattr(value, "value"), (str, int)):
        return value.value
    return value


def print_json(data: Any) -> None:
    click.echo(json.dumps(to_jsonable(data), ensure_ascii=False, indent=2))


def issue_json(issue: Issue) -> dict[str, Any]:
    return {"cell": issue.location or None, "code": issue.code, "severity": issue.severity.value,
            "message": issue.message, "hint": issue.hint}


def print_issues(issues: list[Issue], limit: int = 200) -> None:
    if not issues:
        console.print(tr("[green]Aucun problème trouvé.[/]", "[green]No problem found.[/]"))
        return
    table = Table(title=tr("Problèmes trouvés", "Problems found"), show_lines=False,
                  title_justify="left", expand=False)
    table.add_column(tr("Cellule", "Cell"), no_wrap=True)
    table.add_column(tr("Gravité", "Severity"), no_wrap=True)
    table.add_column(tr("Problème", "Problem"), overflow="fold")
    table.add_column(tr("À faire", "What to do"), overflow="fold")
    ordered = sorted(issues, key=lambda i: (i.severity is not Severity.ERROR, i.location))
    for issue in ordered[:limit]:
        severity = (tr("[red]erreur[/]", "[red]error[/]") if issue.severity is Severity.ERROR
                    else tr("[yellow]attention[/]", "[yellow]warning[/]"))
        table.add_row(issue.location or "—", severity, issue.message, issue.hint)
    console.print(table)
    if len(issues) > limit:
        console.print(tr(f"… et {len(issues) - limit} autre(s) : utilisez --json pour tout voir.",
                         f"… and {len(issues) - limit} more: use --json to see all."))


def today_or(value: date | None) -> date:
    return value or date.today()
