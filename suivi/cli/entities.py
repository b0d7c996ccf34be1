"""Commands over one or several entities: `suivi run A.xlsx B.xlsx`, `suivi run DOSSIER/`.

An entity is one master workbook with its suivi.toml. A command says what it does on one entity
as `work(settings) -> Outcome`; `run_entities` expands the command line into entities, runs
`work` on each in turn — each with its own configuration, lock, journal, log and crash log —
and exits with the worst code: busy 3 > unusable 2 > problems 1 > ok 0. A busy or broken entity
never stops the others. A command adopts it by taking `[CLASSEUR|DOSSIER]...` and describing
one entity (`per_entity`):

    @click.command("bank")
    @entities_argument
    @common_options
    @quiet_option
    @friendly_errors
    @per_entity("bank")
    def bank_command(settings: Settings, job: Job, statement: str) -> Outcome:
        ...                                       # print only when job.show
        return Outcome(code, done=Message…, problem=first_problem(report), data={…})

(or builds its `Job` and calls `run_entities(job, work)` itself, as `run` does).

What the arguments mean:

- a workbook file: that workbook, configured as `suivi run CLASSEUR` always was (--config, else
  ./suivi.toml, else the suivi.toml beside it);
- a folder: every folder at or below it holding a suivi.toml (hidden folders skipped), each
  with its own suivi.toml; a folder without any but with suivi_factures.xlsx is that entity;
- nothing: the entity of the current folder, as before — or, when the current folder is not
  one (no suivi.toml, no suivi_factures.xlsx), every entity below it.

With one entity, the command prints exactly what it always printed. With several, each entity's
output comes under its name, then one summary line per entity (name, exit code, what was done,
the first problem); --json prints a list of per-entity objects. --quiet prints nothing but the
problems of entities that did not end with 0 (on stderr); the log beside each workbook
(.suivi/logs/suivi.log) has everything.
"""
from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, NoReturn

import click

from suivi.config import CONFIG_NAME, DEFAULT_WORKBOOK, Settings, load_settings
from suivi.config.load import settings_from
from suivi.core.message import Message
from suivi.core.models import Issue
from suivi.i18n import get_lang, set_lang
from suivi.logfile import environment_secrets
from suivi.report import BUSY, OK, UNUSABLE, Report
from suivi.schedule.spec import ScheduleError, parse_wait, wait_text
from suivi.workbook.package import workbooks_in

from .common import (
    CRASH_FOLDER,
    CommonOptions,
    console,
    error_outcome,
    fail,
    msg,
    print_json,
    say,
)
from .runlog import CommandLog, log, log_path
from .summary import entity_json, first_problem, print_summary, quiet_lines

F = Callable[..., Any]


@dataclass(frozen=True, slots=True)
class Entity:
    """One workbook to work on, and where its configuration comes from."""

    label: str
    folder: Path  # where its log goes while its configuration is not read yet
    config: Path | None = None  # its suivi.toml (None: no configuration file)
    workbook: Path | None = None  # the workbook named on the command line
    search: bool = False  # a workbook argument: --config, else ./suivi.toml, else beside it


@dataclass(frozen=True, slots=True)
class Unfound:
    """A folder argument with no entity in it."""

    label: str
    folder: Path


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a command did on one entity: its exit code, one line of what was done, the first
    problem, the --json object and the report (its problems go to the log)."""

    code: int
    done: Message | None = None
    problem: Message | Issue | None = None
    data: Any = None
    report: Report | None = None
    error: bool = False  # the command could not work on this entity (`problem` says why)


#: How often a busy workbook is tried again while waiting (--attendre): every minute, more
#: often for a short wait.
RETRY_EVERY = 60.0


@dataclass(frozen=True, slots=True)
class Job:
    """A command line: the command's name, its entity arguments and common options. `wait`:
    how long, in seconds, to keep trying again an entity whose workbook is busy (--attendre)."""

    command: str
    arguments: tuple[str, ...]
    opts: CommonOptions
    quiet: bool = False
    wait: float = 0.0
    results: list[tuple[str, Outcome]] = field(default_factory=list, compare=False)
    started: float = field(default_factory=time.monotonic, compare=False)

    @property
    def show(self) -> bool:
        """Whether the command prints its usual console output."""
        return not (self.opts.as_json or self.quiet)

    def left(self) -> float:
        """Seconds left to wait for a busy workbook (0 or less: no more tries)."""
        return self.started + self.wait - time.monotonic()

    @property
    def pause(self) -> float:
        """Seconds between two tries of a busy workbook."""
        return min(RETRY_EVERY, max(1.0, self.wait / 10))


Work = Callable[[Settings], Outcome]


# --------------------------------------------------------------------------- click


def entities_argument(f: F) -> F:
    return click.argument("workbooks", metavar="[CLASSEUR|DOSSIER]...", nargs=-1,
                          type=click.Path())(f)


def quiet_option(f: F) -> F:
    return click.option("--quiet", is_flag=True,
                        help="Rien à l'écran sauf les erreurs (tâche planifiée) ; tout est "
                             "dans .suivi/logs/suivi.log à côté du classeur.")(f)


def per_entity(command: str) -> Callable[[F], F]:
    """Make `f(settings, job, **options) -> Outcome` (what the command does on one entity) the
    body of a command over every entity of its command line. Goes below the click decorators,
    which give it `workbooks` (`entities_argument`), `opts` (`common_options`) and `quiet`
    (`quiet_option`)."""

    def decorate(f: F) -> F:
        @functools.wraps(f)
        def body(*, workbooks: tuple[str, ...], opts: CommonOptions, quiet: bool = False,
                 **options: Any) -> NoReturn:
            job = Job(command, workbooks, opts, quiet)
            run_entities(job, lambda settings: f(settings, job, **options))

        return body

    return decorate


def _parse_wait(ctx: click.Context, param: click.Parameter, value: str | None) -> float:
    if not value:
        return 0.0
    try:
        return parse_wait(value).total_seconds()
    except ScheduleError as exc:  # the message names the option already
        raise click.UsageError(str(exc), ctx) from None


def wait_option(f: F) -> F:
    return click.option("--attendre", "wait", metavar="DURÉE", envvar="SUIVI_ATTENDRE",
                        callback=_parse_wait,
                        help="Si le classeur est ouvert (Excel, LibreOffice) ou une autre "
                             "exécution en cours : réessayer chaque minute pendant DURÉE "
                             "(2h, 1h30, 45min ; 3h au plus) au lieu d'abandonner avec le "
                             "code 3. Pour la tâche planifiée ; variable SUIVI_ATTENDRE.")(f)


# --------------------------------------------------------------------------- expansion


def _hidden(name: str) -> bool:
    return name.startswith((".", "~", "__"))


def discover(root: Path) -> list[Path]:
    """Folders at or below `root` holding a suivi.toml, in path order (hidden ones skipped)."""
    found: list[Path] = []
    for here, folders, files in os.walk(root):
        folders[:] = sorted((d for d in folders if not _hidden(d)), key=str.casefold)
        if CONFIG_NAME in files:
            found.append(Path(here))
    return sorted(found, key=lambda p: [part.casefold() for part in p.parts])


def holds_entity(folder: Path) -> bool:
    """Whether a folder is, or holds, an entity (what `_folder_entities` finds in it)."""
    return (folder / DEFAULT_WORKBOOK).is_file() or bool(discover(folder))


def _folder_entities(root: Path) -> list[Entity] | Unfound:
    folders = discover(root)
    if not folders:
        if (root / DEFAULT_WORKBOOK).is_file():
            return [Entity(root.resolve().name, root, workbook=root / DEFAULT_WORKBOOK)]
        return Unfound(str(root), root)
    entities = []
    for folder in folders:
        relative = folder.relative_to(root)
        label = relative.as_posix() if relative.parts else root.resolve().name
        entities.append(Entity(label, folder, config=folder / CONFIG_NAME))
    return entities


def expand(arguments: Sequence[str], config: str | None) -> list[Entity | Unfound]:
    """The entities named by the command line, each once, in order."""
    cwd = Path.cwd()
    if not arguments:
        if config or (cwd / CONFIG_NAME).is_file() or (cwd / DEFAULT_WORKBOOK).is_file() \
                or not discover(cwd):
            return [Entity(cwd.name, cwd, search=True)]
        arguments = (".",)
    targets: list[Entity | Unfound] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            if config:
                raise click.UsageError(msg("entities.config_with_folder", folder=argument))
            found = _folder_entities(path)
            targets.extend([found] if isinstance(found, Unfound) else found)
        else:
            targets.append(Entity(argument, path.resolve().parent, workbook=path, search=True))
    return _unique(targets)


def _unique(targets: list[Entity | Unfound]) -> list[Entity | Unfound]:
    seen: set[tuple[Path | None, Path | None]] = set()
    unique: list[Entity | Unfound] = []
    for target in targets:
        if isinstance(target, Entity):
            key = (target.config.resolve() if target.config else None,
                   target.workbook.resolve() if target.workbook else None)
            if key in seen:
                continue
            seen.add(key)
        unique.append(target)
    return unique


def load_entity(entity: Entity, opts: CommonOptions) -> Settings:
    """The settings of one entity (ConfigError when its suivi.toml is wrong), and the language:
    --lang, else its [general] langue."""
    if entity.search:
        settings = load_settings(opts.config, entity.workbook)
    elif entity.config is not None:
        settings = load_settings(entity.config)
    else:
        settings = settings_from({}, entity.folder, None, entity.workbook)
    if opts.lang or settings.lang:
        set_lang(opts.lang or settings.lang)
    return settings


# --------------------------------------------------------------------------- running


@contextmanager
def _crash_beside(folder: Path) -> Iterator[None]:
    CRASH_FOLDER.append(folder)
    try:
        yield
    finally:
        CRASH_FOLDER.pop()


def _secrets(settings: Settings | None) -> list[str]:
    names = ["SUIVI_SMTP_PASSWORD"]
    if settings is not None:
        names.append(settings.dunning.smtp.password_env)
    return environment_secrets(*names)


def _config_folder(entity: Entity, opts: CommonOptions) -> Path | None:
    """The folder of the suivi.toml an entity reads (as `load_settings` looks for it)."""
    if entity.config is not None:
        return entity.config.parent
    if not entity.search:
        return None
    candidates = [Path(opts.config)] if opts.config else [Path.cwd() / CONFIG_NAME]
    if entity.workbook is not None:
        candidates.append(entity.workbook.resolve().parent / CONFIG_NAME)
    return next((c.parent for c in candidates if c.is_file()), None)


def _log_folder(settings: Settings) -> Path | None:
    """Where the log goes: beside a configured workbook, or one suivi already keeps state for;
    a loose file checked once is left without a trace."""
    if settings.config_path is not None or settings.state_dir.is_dir():
        return settings.folder
    return None


def _clock(seconds_from_now: float) -> str:
    moment = time.localtime(time.time() + seconds_from_now)
    return time.strftime("%H:%M:%S" if seconds_from_now < 600 else "%H:%M", moment)


def _log_busy(job: Job) -> None:
    """In the entity's log, after a busy try: when suivi tries again, or that it gave up."""
    if job.wait <= 0:
        return
    if job.left() > 0:
        log.info(Message.of("log.busy_wait", every=f"{job.pause:g} s",
                            until=_clock(job.left())))
    else:
        log.warning(Message.of("log.busy_gave_up", wait=wait_text(timedelta(seconds=job.wait))))


#: The records of the entity worked on last (`keep_until_exit`).
_KEPT: list[object] = []


def keep_until_exit(records: object) -> None:
    """Keep the records of this entity's run alive until the next entity starts, so that the
    last one is never freed object by object: `main` ends the process without it (0.1 s for
    a 100,000-row master). The next entity's run frees them before it reads anything."""
    _KEPT[:] = [records]


def run_one(job: Job, entity: Entity, work: Work, attempt: int = 1) -> Outcome:
    """Load the entity's settings and run `work` on it, logging to the log beside its workbook.
    Errors users can meet (and bugs) become the outcome: they never escape. `attempt` > 1:
    a new try of a workbook that was busy (--attendre)."""
    _KEPT.clear()  # the previous entity's records: freed before this one is read
    try:
        settings = load_entity(entity, job.opts)
    except Exception as exc:
        folder = _config_folder(entity, job.opts)
        with _crash_beside(folder or entity.folder), CommandLog(folder, "fr",
                                                                _secrets(None)) as journal:
            journal.start(job.command, entity.workbook or entity.config or entity.folder,
                          job.opts.day)
            code, problem = error_outcome(exc)
            journal.error(problem, code, exc)
        return Outcome(code, problem=problem, error=True)
    with _crash_beside(settings.folder), CommandLog(_log_folder(settings),
                                                    settings.lang or "fr",
                                                    _secrets(settings)) as journal:
        journal.start(job.command, settings.workbook, job.opts.day)
        if attempt > 1:
            log.info(Message.of("log.retry", attempt=attempt))
        try:
            outcome = work(settings)
        except Exception as exc:
            code, problem = error_outcome(exc)
            journal.error(problem, code, exc)
            outcome = Outcome(code, problem=problem, error=True)
        else:
            journal.problems(outcome.report)
            journal.end(outcome.code, outcome.done)
        if outcome.code == BUSY:
            _log_busy(job)
        return outcome


def run_entities(job: Job, work: Work) -> NoReturn:
    """Run `work` on every entity of the command line and exit with the worst code."""
    targets = expand(job.arguments, job.opts.config)
    if len(targets) == 1:
        _single(job, targets[0], work)
    language = get_lang()
    for target in targets:
        set_lang(language)
        if isinstance(target, Unfound):
            outcome = Outcome(UNUSABLE, problem=_unfound(target), error=True)
            if job.show:
                say(Message.of("cli.error_line", problem=outcome.problem), "bold red", err=True)
        else:
            outcome = _titled(job, target, work)
        job.results.append((target.label, outcome))
    _retry_busy(job, targets, lambda target, attempt: _titled(job, target, work, attempt))
    set_lang(language)
    if job.opts.as_json:
        print_json([entity_json(label, outcome) for label, outcome in job.results])
    elif job.quiet:
        quiet_lines(job.results)
    else:
        print_summary(job.results)
    raise SystemExit(max(outcome.code for _, outcome in job.results))


def _titled(job: Job, target: Entity, work: Work, attempt: int = 1) -> Outcome:
    """One entity of several: its output under its name."""
    if job.show:
        console.rule(msg("entities.title", entity=target.label))
    outcome = run_one(job, target, work, attempt)
    if job.show and outcome.error and outcome.problem is not None:
        say(Message.of("cli.error_line", problem=outcome.problem), "bold red", err=True)
    return outcome


def _retry_busy(job: Job, targets: Sequence[Entity | Unfound],
                again: Callable[[Entity, int], Outcome]) -> None:
    """--attendre: try again, every `job.pause` seconds, the entities whose workbook was busy
    (open in Excel, another run), until each is done or the wait is over. A busy try did not
    write the workbook, and a run done again never does anything twice."""
    language = get_lang()
    attempt = 1
    while True:
        busy = [n for n, (_, outcome) in enumerate(job.results)
                if outcome.code == BUSY and isinstance(targets[n], Entity)]
        left = job.left()
        if not busy or left <= 0:
            return
        pause = min(job.pause, left)
        if job.show:
            say(Message.of("entities.retry_at",
                           entities=", ".join(job.results[n][0] for n in busy),
                           time=_clock(pause), until=_clock(left)), "yellow")
        time.sleep(pause)
        attempt += 1
        for n in busy:
            set_lang(language)
            target = targets[n]
            assert isinstance(target, Entity)
            job.results[n] = (target.label, again(target, attempt))


def _unfound(target: Unfound) -> Message:
    """No entity in the folder; the workbooks it holds under other names, if any, and how to
    name one (« Suivi factures 2026.xlsx »)."""
    if others := workbooks_in(target.folder):
        return Message.of("entities.none_found.others", folder=str(target.folder),
                          config=CONFIG_NAME, workbook=DEFAULT_WORKBOOK, files=others[:5],
                          first=others[0])
    return Message.of("entities.none_found", folder=str(target.folder), config=CONFIG_NAME,
                      workbook=DEFAULT_WORKBOOK)


def _single(job: Job, target: Entity | Unfound, work: Work) -> NoReturn:
    """One entity: the command's own output, exactly as without this module."""
    if isinstance(target, Unfound):
        fail(_unfound(target))
        raise AssertionError  # fail exits
    job.results.append((target.label, run_one(job, target, work)))
    _retry_busy(job, [target], lambda entity, attempt: run_one(job, entity, work, attempt))
    outcome = job.results[0][1]
    if outcome.error and isinstance(outcome.problem, Message):
        fail(outcome.problem, outcome.code)  # the one line the command always printed
    if job.opts.as_json:
        print_json(outcome.data)
    elif job.quiet and outcome.code != OK:
        quiet_lines([(target.label, outcome)])
    raise SystemExit(outcome.code)


__all__ = ["Entity", "Job", "Outcome", "discover", "entities_argument", "expand",
           "first_problem", "holds_entity", "load_entity", "log_path", "per_entity", "print_summary",
           "quiet_option", "run_entities", "run_one", "wait_option"]
