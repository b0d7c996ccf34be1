"""What every command shares: options, settings, plain-text output, exit codes, friendly errors.

Everything printed is rendered from the message catalogues (French, or English with --lang en)
and printed as plain text: rich never interprets brackets in a message or a cell value, so
`[vendeur]` or a client called « [Bio] Ferme » reach the user as written.
"""
from __future__ import annotations

import functools
import json
import os
import re
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from suivi.config import ConfigError, Settings, load_settings
from suivi.core.message import Message
from suivi.core.models import Issue, Severity
from suivi.fileio import os_error_message
from suivi.i18n import get_lang, set_lang
from suivi.mail.journal import JournalBusy
from suivi.messages import SuiviError, hint, text
from suivi.report import BUSY, PROBLEMS, UNUSABLE
from suivi.workbook.errors import WorkbookBusy, WorkbookWriteError


class _Console(Console):
    """A console that goes quiet when its reader goes away (`suivi run | head`, a window
    closed under a scheduled run). rich would end the process there with code 1, before the
    run logs its end; the run now finishes, and its log and exit code stay true."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        try:  # what is still written (a flush at exit) goes nowhere, without an error
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.file.fileno())
            os.close(devnull)
        except (OSError, ValueError):
            pass


console = _Console(highlight=False, soft_wrap=False, markup=False, emoji=False)
err_console = _Console(stderr=True, highlight=False, markup=False, emoji=False)

F = Callable[..., Any]


def say(item: Message | Issue | str, style: str | None = None, *, err: bool = False) -> None:
    """Print one message (rendered in the current language) as plain text."""
    (err_console if err else console).print(Text(text(item), style=style or ""))


def msg(code: str, **params: Any) -> str:
    """The words of one catalogue message in the current language."""
    return text(Message.of(code, **params))


# --------------------------------------------------------------------------- options


@dataclass(frozen=True, slots=True)
class CommonOptions:
    """--date, --dry-run, --json, --config, --lang (every command that reads a workbook)."""

    today: date | None = None
    dry_run: bool = False
    as_json: bool = False
    config: str | None = None
    lang: str | None = None
    accept_structure: bool = False  # --accepter-structure, on the commands that act

    @property
    def day(self) -> date:
        return self.today or date.today()

    @property
    def day_from_clock(self) -> bool:
        """No --date: the day is the computer's, which may be wrong (pipeline/steps/clock.py)."""
        return self.today is None


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise click.BadParameter(msg("cli.date_format", value=value))
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(msg("cli.date_invalid", value=value)) from None


def lang_option(f: F) -> F:
    return click.option("--lang", type=click.Choice(["fr", "en"]), default=None,
                        help="Langue des messages (fr par défaut) / language.")(f)


def workbook_argument(f: F) -> F:
    return click.argument("workbook", metavar="[CLASSEUR]", required=False,
                          type=click.Path(dir_okay=False))(f)


def structure_option(f: F) -> F:
    """--accepter-structure: a sheet or column gone since the last run is intended (handed
    over as `opts.accept_structure`; put it under @common_options)."""
    return click.option("--accepter-structure", "accept_structure", is_flag=True,
                        help="Une feuille ou une colonne a disparu depuis le dernier passage et "
                             "c'est voulu : continuer et retenir la nouvelle structure.")(f)


def common_options(f: F) -> F:
    """Adds --date, --dry-run, --json, --config, --lang and hands them over as `opts`."""

    @functools.wraps(f)
    def wrapper(*args: Any, today: date | None, dry_run: bool, as_json: bool,
                config_path: str | None, lang: str | None, **kwargs: Any) -> Any:
        if lang:
            set_lang(lang)
        accept = bool(kwargs.pop("accept_structure", False))  # from structure_option, if any
        return f(*args, opts=CommonOptions(today, dry_run, as_json, config_path, lang, accept),
                 **kwargs)

    decorators = (
        click.option("--date", "today", callback=_parse_date, metavar="AAAA-MM-JJ",
                     help="Agir comme si nous étions ce jour-là (par défaut : aujourd'hui)."),
        click.option("--dry-run", is_flag=True,
                     help="Montrer ce qui serait fait, sans rien écrire ni envoyer."),
        click.option("--json", "as_json", is_flag=True, help="Sortie JSON (pour les scripts)."),
        click.option("--config", "config_path", type=click.Path(dir_okay=False),
                     help="Chemin de suivi.toml (par défaut : ./suivi.toml)."),
        lang_option,
    )
    command: F = wrapper
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


def get_settings(opts: CommonOptions, workbook: str | None) -> Settings:
    """Load and validate suivi.toml (exit 2 with the key named when it is wrong), and set the
    language: --lang, else [general] langue."""
    settings = load_settings(opts.config, workbook)
    if opts.lang or settings.lang:
        set_lang(opts.lang or settings.lang)
    return settings


# --------------------------------------------------------------------------- errors


def fail(message: Message | str, code: int = UNUSABLE) -> None:
    """One clear line on stderr, then exit with `code` (no traceback)."""
    err_console.print(Text(msg("cli.error_line", problem=message), style="bold red"))
    sys.exit(code)


def friendly_errors(f: F) -> F:
    """Turn the errors users can meet into one line and the right exit code; an unexpected bug
    is said plainly, with the details in a log file beside the workbook."""

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except KeyboardInterrupt:
            fail(Message.of("cli.interrupted"), PROBLEMS)
        except OSError as exc:  # the system refused a file: not a bug of suivi
            fail(os_error_message(exc), UNUSABLE)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:
            code, problem = error_outcome(exc)
            fail(problem, code)

    return wrapper


def error_outcome(exc: Exception) -> tuple[int, Message]:
    """The exit code and the message of an error met while working on a workbook: busy 3,
    a failed write 1, unusable input 2; an unexpected bug is 1, said plainly, with its details
    in a crash log beside the workbook (`CRASH_FOLDER`)."""
    if isinstance(exc, (WorkbookBusy, JournalBusy)):
        return BUSY, exc.message
    if isinstance(exc, WorkbookWriteError):
        return PROBLEMS, exc.message
    if isinstance(exc, SuiviError):
        return UNUSABLE, exc.message
    log = write_crash_log(exc)
    return PROBLEMS, Message.of("cli.unexpected", kind=type(exc).__name__, detail=str(exc),
                                log=str(log))


#: Where the crash log goes: beside the workbook once the command knows it.
CRASH_FOLDER: list[Path] = []


def write_crash_log(exc: BaseException) -> Path:
    folder = (CRASH_FOLDER[-1] if CRASH_FOLDER else Path.cwd()) / ".suivi" / "logs"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"erreur-{datetime.now():%Y%m%d-%H%M%S}.log"
        path.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
        return path
    except OSError:
        return Path(msg("cli.no_crash_log"))


# --------------------------------------------------------------------------- output


def to_jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (Message, Issue)):
        return text(value)
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [to_jsonable(v) for v in value]
    if hasattr(value, "value") and isinstance(value.value, (str, int)):
        return value.value
    return value


def print_json(data: Any) -> None:
    click.echo(json.dumps(to_jsonable(data), ensure_ascii=False, indent=2))


def issue_json(issue: Issue) -> dict[str, Any]:
    return {"cell": issue.location or None, "code": issue.code,
            "severity": issue.severity.value, "message": text(issue), "hint": hint(issue)}


_SEVERITY_STYLE = {Severity.BLOCKING: "bold red", Severity.ERROR: "red",
                   Severity.WARNING: "yellow"}


def print_issues(issues: Sequence[Issue], limit: int | None = 200) -> None:
    if not issues:
        console.print(Text(msg("cli.no_problem"), style="green"))
        return
    table = Table(title=msg("cli.problems_title"), show_lines=False, title_justify="left")
    for header, wrap in ((msg("cli.col_cell"), False), (msg("cli.col_severity"), False),
                         (msg("cli.col_problem"), True), (msg("cli.col_todo"), True)):
        table.add_column(header, no_wrap=not wrap, overflow="fold")
    order = {Severity.BLOCKING: 0, Severity.ERROR: 1, Severity.WARNING: 2}
    ordered = sorted(issues, key=lambda i: (order[i.severity], i.location))
    shown = ordered if limit is None else ordered[:limit]
    for issue in shown:
        table.add_row(Text(issue.location or "—"),
                      Text(msg(f"cli.severity_{issue.severity.value}"),
                           style=_SEVERITY_STYLE[issue.severity]),
                      Text(text(issue)), Text(hint(issue)))
    console.print(table)
    if len(ordered) > len(shown):
        say(Message.of("cli.more_issues", count=len(ordered) - len(shown)))


def current_lang() -> str:
    return get_lang()


__all__ = ["ConfigError", "CommonOptions", "console", "err_console", "fail", "friendly_errors",
           "get_settings", "issue_json", "msg", "print_issues", "print_json", "say"]
