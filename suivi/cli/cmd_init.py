"""`suivi init` (a new master workbook and suivi.toml) and `suivi demo` (the same, filled with
demo data, then the daily run on it)."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import click

from suivi.config import CONFIG_NAME, DEFAULT_WORKBOOK, default_config, load_settings
from suivi.core.message import Message
from suivi.demo import write_demo
from suivi.i18n import set_lang
from suivi.pipeline import RunOptions, daily, run_pipeline
from suivi.progress import progress_bar
from suivi.workbook.template import build_master

from .common import console, current_lang, fail, friendly_errors, lang_option, msg, print_json, say
from .render import print_run, run_summary


def _refuse_existing(*paths: Path) -> None:
    existing = [p for p in paths if p.exists()]
    if existing:
        fail(Message.of("cli.exists", path=str(existing[0])))


@click.command("init")
@click.argument("folder", metavar="DOSSIER", type=click.Path(file_okay=False))
@lang_option
@friendly_errors
def init_command(folder: str, lang: str | None) -> None:
    """Créer un classeur maître vierge et un suivi.toml commenté dans DOSSIER.

    Le classeur contient les feuilles Factures, Clients, Lignes, Paiements, Échéancier, Journal,
    Contrats et Indicateurs, avec listes déroulantes, mises en forme conditionnelles et formats
    français.

    Example:

        suivi init "C:\\Partage\\Compta"
    """
    set_lang(lang)
    target = Path(folder)
    workbook = target / DEFAULT_WORKBOOK
    config = target / CONFIG_NAME
    _refuse_existing(workbook, config)
    target.mkdir(parents=True, exist_ok=True)
    build_master(workbook)
    config.write_text(default_config(), encoding="utf-8")
    say(Message.of("cli.init_done", workbook=str(workbook), config=str(config)))


def demo_day(today: date) -> date:
    """The demo acts on the last business day up to `today`, so that it always has reminders to
    prepare (nothing is sent on weekends and public holidays)."""
    import holidays  # here: every other command would pay for importing it at start

    closed = holidays.country_holidays("FR", years=(today.year - 1, today.year))
    day = today
    while day.weekday() >= 5 or day in closed:
        day -= timedelta(days=1)
    return day


@click.command("demo")
@click.argument("folder", metavar="DOSSIER", type=click.Path(file_okay=False))
@click.option("--date", "today", metavar="AAAA-MM-JJ", default=None,
              help="Jour de la démonstration (par défaut : aujourd'hui).")
@click.option("--json", "as_json", is_flag=True, help="Résumé JSON.")
@lang_option
@friendly_errors
def demo_command(folder: str, today: str | None, as_json: bool, lang: str | None) -> None:
    """Créer un dossier de démonstration complet et y lancer « suivi run ».

    Une PME fictive : plus de 150 factures sur 18 mois, 22 clients (sociétés, particuliers,
    associations, administrations), des règlements partiels, des litiges, des factures en
    retard à chaque étape des relances, et un relevé bancaire de chaque format (CSV, OFX,
    CAMT.053) dans releves/, rapproché par le passage quotidien.

    Example:

        suivi demo ~/suivi-demo
    """
    set_lang(lang)
    target = Path(folder)
    _refuse_existing(target / DEFAULT_WORKBOOK, target / CONFIG_NAME)
    try:
        asked = date.fromisoformat(today) if today else date.today()
    except ValueError:
        fail(Message.of("cli.date_invalid", value=today))
        return
    day = demo_day(asked)
    workbook, config = write_demo(target, day)
    settings = load_settings(config)
    if lang or settings.lang:
        set_lang(lang or settings.lang)
    options = RunOptions(lang=current_lang())
    with progress_bar(disabled=as_json) as progress:
        run = run_pipeline(settings, day, daily.DAILY, options=options, progress=progress)
    if as_json:
        print_json({"folder": target.resolve(), "workbook": workbook, "config": config,
                    "run": run_summary(run)})
    else:
        print_run(run)
        _demo_footer(target, workbook, config, day, asked)
    code = run.report.return_code
    # The demo's own data problems (1) are part of the show; only real failures fail the demo.
    raise SystemExit(code if code >= 2 or run.report.failures else 0)


def _demo_footer(target: Path, workbook: Path, config: Path, day: date, asked: date) -> None:
    console.rule(msg("cli.demo_ready"))
    if day != asked:
        say(Message.of("cli.demo_day", day=day))
    say(Message.of("cli.demo_paths", folder=str(target.resolve()),
                   workbook=str(workbook.resolve()), config=str(config.resolve())))
    for code, sub in (("cli.demo_pdfs", "factures"), ("cli.demo_reminders", "relances")):
        path = target / sub
        if path.exists():
            say(Message.of(code, path=str(path.resolve())))
    say(Message.of("cli.demo_next"))


COMMANDS = (init_command, demo_command)
