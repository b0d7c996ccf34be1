"""`suivi schedule`: create, show or remove the scheduled daily run of an entity folder."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import click

from suivi.cli.common import friendly_errors, lang_option
from suivi.cli.entities import discover
from suivi.config import CONFIG_NAME, DEFAULT_WORKBOOK, ConfigError, load_settings
from suivi.core.message import Message
from suivi.i18n import set_lang
from suivi.messages import SuiviError, text
from suivi.schedule import cron, windows
from suivi.schedule.service import (
    Environment,
    Request,
    find_launcher,
    plan_cron,
    plan_windows,
    task_name,
)
from suivi.schedule.spec import (
    ALL_DAYS,
    ScheduleError,
    parse_days,
    parse_time,
    parse_wait,
    wait_text,
)
from suivi.workbook.package import workbooks_in

#: Refusals of the system itself (schtasks, crontab): the request was fine, the action failed.
ACTION_FAILED = {"schedule.schtasks_failed", "schedule.schtasks_delete_failed",
                 "schedule.crontab_failed"}


def say(message: Message) -> None:
    click.echo(text(message))


def describe_days(days: frozenset[int]) -> str:
    """"tous les jours", "du lundi au vendredi", "chaque lundi, mercredi" in the language."""
    if days == ALL_DAYS:
        return text(Message.of("schedule.days_all"))
    ordered = sorted(days)
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return text(Message.of("schedule.days_range",
                               first=Message.of(f"schedule.day{ordered[0]}"),
                               last=Message.of(f"schedule.day{ordered[-1]}")))
    names = ", ".join(text(Message.of(f"schedule.day{d}")) for d in ordered)
    return text(Message.of("schedule.days_list", days=names))


def entity_folder(argument: str | None, option: str | None, remove: bool) -> Path:
    """The entity folder from the argument (folder or workbook) or --dossier, checked."""
    if argument and option and Path(argument).resolve() != Path(option).resolve():
        raise ScheduleError("schedule.two_folders", first=argument, second=option)
    target = Path(argument or option or ".").resolve()
    given = target if target.is_file() else None
    folder = target.parent if given else target
    if remove:  # the folder may be gone already: its task can still be removed
        return folder
    if not folder.is_dir():
        raise ScheduleError("schedule.not_a_folder", folder=folder)
    config = folder / CONFIG_NAME
    if config.is_file():
        configured = load_settings(config).workbook.resolve()
    elif (folder / DEFAULT_WORKBOOK).is_file():
        configured = folder / DEFAULT_WORKBOOK
    elif given is None and discover(folder):
        return folder  # a folder of entities: the task runs each of them in turn
    elif others := workbooks_in(folder):  # « Suivi factures 2026.xlsx »: name it in suivi.toml
        raise ScheduleError("schedule.no_entity.others", folder=folder,
                            workbook=DEFAULT_WORKBOOK, files=others[:5], first=others[0])
    else:
        raise ScheduleError("schedule.no_entity", folder=folder, workbook=DEFAULT_WORKBOOK)
    if given is not None and given != configured:
        raise ScheduleError("schedule.other_workbook", folder=folder, configured=configured.name,
                            given=given.name)
    return folder


def show_command(command: list[str]) -> str:
    hidden = ["********" if i and command[i - 1] == "/RP" else w for i, w in enumerate(command)]
    return subprocess.list2cmdline(hidden)


def _say_wait(wait: timedelta) -> None:
    if wait:
        say(Message.of("schedule.wait_note", wait=wait_text(wait)))


def create_windows(request: Request, env: Environment, show_only: bool,
                   launcher: str | None) -> None:
    folder = Path(request.folder)
    launcher_path = Path(launcher).resolve() if launcher else find_launcher(folder, env)
    plan = plan_windows(request, env, launcher_path)
    task = plan.task
    if show_only:
        click.echo(windows.task_xml(task), nl=False)
        command = windows.create_command(task, "tache.xml", "********")
        say(Message.of("schedule.windows_command", command=show_command(command)))
        return
    password = None
    if task.without_session:
        password = click.prompt(text(Message.of("schedule.password_prompt", user=task.user)),
                                hide_input=True, default="", show_default=False)
        if not password:
            raise ScheduleError("schedule.empty_password", user=task.user)
    windows.create_task(task, env.runner, password)
    schedule = task.schedule
    say(Message.of("schedule.windows_created", name=task.name, days=describe_days(schedule.days),
                   time=str(schedule.time), folder=schedule.folder))
    for note in plan.notes:
        say(note)
    _say_wait(schedule.wait)
    say(Message.of("schedule.windows_without_session" if task.without_session
                   else "schedule.windows_interactive", user=task.user))
    say(Message.of("schedule.windows_try", name=task.name))


def create_cron(request: Request, env: Environment, show_only: bool) -> None:
    job = plan_cron(request, env)
    if show_only:
        click.echo(cron.cron_line(job))
        return
    replaced = cron.install(job, env.crontab())
    say(Message.of("schedule.cron_created", days=describe_days(job.schedule.days),
                   time=str(job.schedule.time)))
    click.echo(cron.cron_line(job))
    if replaced:
        say(Message.of("schedule.cron_replaced"))
    _say_wait(job.schedule.wait)
    say(Message.of("schedule.cron_log", log=Path(job.schedule.folder) / cron.LOG_FILE))


def remove_task(request: Request, env: Environment, show_only: bool) -> None:
    if env.system == "windows":
        name = task_name(request, env)
        if show_only:
            click.echo(show_command(windows.delete_command(name)))
            return
        windows.delete_task(name, env.runner)
        say(Message.of("schedule.windows_removed", name=name))
        return
    tab = env.crontab()
    if show_only:
        for line in cron.installed_lines(request.folder, tab):
            click.echo(line)
        return
    count = cron.uninstall(request.folder, tab)
    key = "schedule.cron_removed" if count else "schedule.cron_none"
    say(Message.of(key, count=count, folder=request.folder))


def refuse(message: str, code: int) -> None:
    click.echo(f"{text(Message.of('schedule.error_prefix'))} {message}", err=True)
    sys.exit(code)


@dataclass(frozen=True, slots=True)
class ScheduleOptions:
    """The options of `suivi schedule`, as click parsed them."""

    hour: str | None
    days: str
    wait: str | None
    folder: str | None
    show_only: bool
    remove: bool
    without_session: bool
    user: str | None
    name: str | None
    launcher: str | None
    lang: str | None


@click.command("schedule")
@click.argument("workbook", metavar="[DOSSIER_OU_CLASSEUR]", required=False,
                type=click.Path())
@click.option("--heure", "hour", metavar="HH:MM",
              help="Heure du travail quotidien, par exemple 08:00 ou 8h30.")
@click.option("--jours", "days", metavar="JOURS",
              help="Jours : tous (par défaut), lun-ven, lun,mer,ven, sam-dim ; en anglais "
                   "mon-fri.")
@click.option("--attendre", "wait", metavar="DURÉE",
              help="Si le classeur est ouvert (Excel, LibreOffice) à l'heure de la tâche : "
                   "réessayer chaque minute pendant DURÉE (2h, 1h30, 45min ; 3h au plus) "
                   "plutôt que d'abandonner jusqu'au lendemain.")
@click.option("--dossier", "folder", type=click.Path(file_okay=False), metavar="DOSSIER",
              help="Dossier de l'entité (suivi.toml et classeur) ; par défaut le dossier "
                   "courant.")
@click.option("--print", "show_only", is_flag=True,
              help="Montrer ce qui serait créé (XML de la tâche Windows ou ligne crontab) "
                   "sans rien créer.")
@click.option("--supprimer", "remove", is_flag=True,
              help="Supprimer la tâche planifiée de ce dossier.")
@click.option("--sans-session", "without_session", is_flag=True,
              help="Windows : s'exécuter même quand personne n'est connecté (Windows demande "
                   "et garde votre mot de passe).")
@click.option("--utilisateur", "user", metavar="DOMAINE\\NOM",
              help="Windows : compte qui exécute la tâche (par défaut : vous).")
@click.option("--nom", "name", metavar="NOM",
              help="Windows : nom de la tâche (par défaut : suivi\\<nom du dossier>).")
@click.option("--lanceur", "launcher", type=click.Path(dir_okay=False), metavar="CHEMIN",
              help="Windows : chemin de Lancer_suivi.bat (par défaut : celui de "
                   "l'installation).")
@lang_option
@click.pass_context
@friendly_errors
def schedule_command(ctx: click.Context, workbook: str | None, **options: Any) -> None:
    """Planifier le travail quotidien (« suivi run ») sur cet ordinateur.

    Sous Windows, crée une tâche du Planificateur de tâches qui lance Lancer_suivi.bat sur le
    dossier du classeur (chemin réseau \\\\serveur\\partage\\… si le dossier est sur un lecteur
    réseau). Sous Linux et macOS, ajoute une ligne à votre crontab ; le compte rendu de chaque
    exécution va dans .suivi/logs/cron.log du dossier. Relancer la commande remplace la tâche.

    Example:

        suivi schedule --heure 08:00 --jours lun-ven "C:\\Partage\\Compta"
    """
    opts = ScheduleOptions(**options)
    hour, days, folder, show_only, remove = (opts.hour, opts.days, opts.folder, opts.show_only,
                                             opts.remove)
    without_session, user, name, launcher = (opts.without_session, opts.user, opts.name,
                                              opts.launcher)
    set_lang(opts.lang)
    env = ctx.obj if isinstance(ctx.obj, Environment) else Environment()
    try:
        entity = entity_folder(workbook, folder, remove)
        if remove:
            remove_task(Request(entity, name=name), env, show_only)
            return
        if not hour:
            raise ScheduleError("schedule.missing_time")
        wait = parse_wait(opts.wait) if opts.wait else timedelta(0)
        request = Request(entity, parse_time(hour), parse_days(days), without_session, user,
                          name, wait)
        if env.system == "windows":
            create_windows(request, env, show_only, launcher)
        else:
            create_cron(request, env, show_only)
    except ScheduleError as exc:
        refuse(str(exc), 1 if exc.message.code in ACTION_FAILED else 2)
    except (SuiviError, ConfigError) as exc:
        refuse(str(exc), 2)


COMMANDS = (schedule_command,)
