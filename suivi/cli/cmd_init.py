"""`suivi init` (a new master workbook and suivi.toml) and `suivi demo` (the same, filled with
demo data, then the daily run on it)."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import click

from suivi.cli.common import console, fail, friendly_errors, lang_option, print_json
from suivi.config import CONFIG_NAME, DEFAULT_WORKBOOK, load_settings
from suivi.config_template import default_config
from suivi.i18n import get_lang, set_lang, tr
from suivi.workbook.template import build_master


def _refuse_existing(*paths: Path) -> None:
    existing = [p for p in paths if p.exists()]
    if existing:
        fail(tr(f"« {existing[0]} » existe déjà : suivi ne l'écrase pas. Choisissez un autre "
                f"dossier, ou déplacez ce fichier.",
                f"'{existing[0]}' already exists: suivi does not overwrite it. Choose another "
                f"folder or move the file."))


@click.command("init")
@click.argument("folder", metavar="DOSSIER", type=click.Path(file_okay=False))
@lang_option
@friendly_errors
def init_command(folder, lang):
    """Créer un classeur maître vierge et un suivi.toml commenté dans DOSSIER.

    Le classeur contient les feuilles Factures, Clients, Lignes, Paiements, Journal, Contrats et
    Indicateurs, avec listes déroulantes, mises en forme conditionnelles et formats français.

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
    config.write_text(default_config(capability_sections()), encoding="utf-8")
    console.print(tr(f"Classeur créé : {workbook}\nConfiguration : {config}\n"
                     f"Ensuite : renseignez la section [vendeur] de suivi.toml, saisissez vos "
                     f"clients et factures, puis lancez « suivi check » et « suivi run » dans ce "
                     f"dossier.",
                     f"Workbook created: {workbook}\nConfiguration: {config}\n"
                     f"Next: fill in [vendeur] in suivi.toml, enter clients and invoices, then run "
                     f"'suivi check' and 'suivi run' in this folder."))


def capability_sections() -> tuple[str, ...]:
    """Commented TOML sections of the capabilities (reminders, SMTP, penalties, KPIs…)."""
    from suivi.kpi_config import DEFAULT_TOML as KPI_TOML
    from suivi.mail.config import DEFAULT_TOML as DUNNING_TOML

    return (MODELES_TOML, DUNNING_TOML, KPI_TOML)


MODELES_TOML = """\
# Modèles de facture : « standard », « classique » et « sobre » sont fournis. Un client utilise
# celui de sa colonne « Modèle » (feuille Clients), sinon [factures] modele. Pour en créer un :
# [modeles.maison]
# couleur = "#1F3A5F"              # couleur principale (#RRVVBB)
# couleur_accent = "#E9EEF5"
# logo = "logo.png"
# police = "dejavu-sans"           # ou "dejavu-serif"
# pied_de_page = "Merci de votre confiance."
# mentions = ["Membre d'une association agréée, le règlement par chèque est accepté."]
# dossier_textes = "modeles/factures"   # blocs de texte jinja2 personnalisés (fr/, en/)
# qr_code = true
"""


def demo_day(today: date) -> date:
    """The demo acts on the last business day up to `today`, so that it always has reminders to
    prepare (nothing is sent on weekends and public holidays)."""
    import holidays

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
def demo_command(folder, today, as_json, lang):
    """Créer un dossier de démonstration complet et y lancer « suivi run ».

    Une PME fictive : plus de 150 factures sur 18 mois, 22 clients (sociétés, particuliers,
    associations, administrations), des règlements partiels, des litiges et des factures en
    retard à chaque étape des relances.

    Example:

        suivi demo ~/suivi-demo
    """
    from suivi.cli.cmd_run import print_run_summary, run_summary
    from suivi.demo import write_demo
    from suivi.pipeline import run_pipeline
    from suivi.progress import progress_bar

    set_lang(lang)
    target = Path(folder)
    _refuse_existing(target / DEFAULT_WORKBOOK, target / CONFIG_NAME)
    asked = date.fromisoformat(today) if today else date.today()
    day = demo_day(asked)
    workbook, config = write_demo(target, day)
    settings = load_settings(config)
    set_lang(lang or settings.lang)
    with progress_bar(disabled=as_json) as progress:
        run = run_pipeline(settings, day, lang=get_lang(), progress=progress)
    if as_json:
        print_json({"folder": target.resolve(), "workbook": workbook, "config": config,
                    "run": run_summary(run)})
    else:
        print_run_summary(run)
        console.rule(tr("Démonstration prête", "Demo ready"))
        if day != asked:
            console.print(tr(f"Jour de démonstration : {day:%d/%m/%Y} (dernier jour ouvré).",
                             f"Demo day: {day.isoformat()} (last business day)."))
        console.print(tr(f"Dossier : {target.resolve()}", f"Folder: {target.resolve()}"))
        console.print(tr(f"Classeur : {workbook.resolve()}", f"Workbook: {workbook.resolve()}"))
        console.print(tr(f"Configuration : {config.resolve()}", f"Configuration: {config.resolve()}"))
        for label, sub in ((tr("Factures PDF", "Invoice PDFs"), "factures"),
                           (tr("Relances", "Reminders"), "relances")):
            path = target / sub
            if path.exists():
                console.print(f"{label} : {path.resolve()}")
        console.print(tr("Ouvrez le classeur dans Excel ou LibreOffice, puis relancez "
                         "« suivi run » dans ce dossier : rien ne sera envoyé deux fois.",
                         "Open the workbook in Excel or LibreOffice, then run 'suivi run' in "
                         "this folder again: nothing is sent twice."))
    code = run.report.return_code
    # The demo's own data problems (1) are part of the show; only real failures fail the demo.
    raise SystemExit(code if code >= 2 or run.report.failures else 0)


COMMANDS = (init_command, demo_command)
