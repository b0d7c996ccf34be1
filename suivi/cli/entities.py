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
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import click

from suivi.config import CONFIG_NAME, DEFAULT_WORKBOOK, Settings, load_settings
from suivi.config.load import settings_from
from suivi.core.message import Message
from suivi.core.models import Issue
from suivi.i18n import get_lang, set_lang
from suivi.logfile import environment_secrets
from suivi.report import OK, UNUSABLE, Report

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
from .runlog import CommandLog, log_path
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


@dataclass(frozen=True, slots=True)
class Job:
    """A command line: the command's name, its entity arguments and common options."""

    command: str
    arguments: tuple[str, ...]
    opts: CommonOptions
    quiet: bool = False
    results: list[tuple[str, Outcome]] = field(default_factory=list, compare=False)

    @property
    def show(self) -> bool:
        """Whether the command prints its usual console output."""
        return not (self.opts.as_json or self.quiet)


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


def run_one(job: Job, entity: Entity, work: Work) -> Outcome:
    """Load the entity's settings and run `work` on it, logging to the log beside its workbook.
    Errors users can meet (and bugs) become the outcome: they never escape."""
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
        try:
            outcome = work(settings)
        except Exception as exc:
            code, problem = error_outcome(exc)
            journal.error(problem, code, exc)
            return Outcome(code, problem=problem, error=True)
        journal.problems(outcome.report)
        journal.end(outcome.code, outcome.done)
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
            if job.show:
                console.rule(msg("entities.title", entity=target.label))
            outcome = run_one(job, target, work)
            if job.show and outcome.error and outcome.problem is not None:
                say(Message.of("cli.error_line", problem=outcome.problem), "bold red", err=True)
        job.results.append((target.label, outcome))
    set_lang(language)
    if job.opts.as_json:
        print_json([entity_json(label, outcome) for label, outcome in job.results])
    elif job.quiet:
        quiet_lines(job.results)
    else:
        print_summary(job.results)
    raise SystemExit(max(outcome.code for _, outcome in job.results))


def _unfound(target: Unfound) -> Message:
    return Message.of("entities.none_found", folder=str(target.folder), config=CONFIG_NAME,
                      workbook=DEFAULT_WORKBOOK)


def _single(job: Job, target: Entity | Unfound, work: Work) -> NoReturn:
    """One entity: the command's own output, exactly as without this module."""
    if isinstance(target, Unfound):
        fail(_unfound(target))
        raise AssertionError  # fail exits
    outcome = run_one(job, target, work)
    if outcome.error and isinstance(outcome.problem, Message):
        fail(outcome.problem, outcome.code)  # the one line the command always printed
    if job.opts.as_json:
        print_json(outcome.data)
    elif job.quiet and outcome.code != OK:
        quiet_lines([(target.label, outcome)])
    raise SystemExit(outcome.code)


__all__ = ["Entity", "Job", "Outcome", "discover", "entities_argument", "expand",
           "first_problem", "holds_entity", "load_entity", "log_path", "per_entity", "print_summary",
           "quiet_option", "run_entities", "run_one"]
