"""`suivi schedule` from the command line, on a real entity folder made by `suivi init`.

The machine's edges are injected through click's context object: a crontab file in tmp_path
instead of the user's crontab, and a runner that records schtasks command lines.
"""
from datetime import datetime
from pathlib import Path, PureWindowsPath

import pytest
from click.testing import CliRunner
from crontab import CronTab

from suivi.cli import cli
from suivi.schedule.service import Environment

SUIVI = "/opt/suivi/.venv/bin/suivi"


@pytest.fixture
def entity(tmp_path) -> Path:
    folder = tmp_path / "Compta Été"
    result = CliRunner().invoke(cli, ["init", str(folder)], catch_exceptions=False)
    assert result.exit_code == 0
    return folder


def cron_env(tab: Path) -> Environment:
    return Environment(system="cron", crontab=lambda: CronTab(tabfile=str(tab)),
                       suivi_command=(SUIVI,))


def invoke(env: Environment, *args: str, input: str | None = None):
    return CliRunner().invoke(cli, ["schedule", *args], obj=env, input=input,
                              catch_exceptions=False)


def line_for(folder: Path, fields: str) -> str:
    return (f"{fields} cd '{folder}' && mkdir -p .suivi/logs && SUIVI_AUTO=1 {SUIVI} run "
            f"--quiet >> .suivi/logs/cron.log 2>&1 # suivi: {folder}")


def test_print_shows_the_crontab_line_and_changes_nothing(entity, tmp_path):
    tab = tmp_path / "crontab"
    tab.write_text("", encoding="utf-8")
    result = invoke(cron_env(tab), "--heure", "8h", "--jours", "lun-ven", "--print", str(entity))
    assert result.exit_code == 0
    assert result.output == line_for(entity, "0 8 * * 1-5") + "\n"
    assert tab.read_text(encoding="utf-8") == ""


def test_create_then_remove_in_the_crontab(entity, tmp_path):
    tab = tmp_path / "crontab"
    tab.write_text("15 2 * * * /usr/local/bin/sauvegarde.sh\n", encoding="utf-8")
    env = cron_env(tab)

    created = invoke(env, "--heure", "07:30", "--dossier", str(entity))
    assert created.exit_code == 0
    assert created.output == (
        "Ligne ajoutée à votre crontab (tous les jours à 07:30) :\n"
        f"{line_for(entity, '30 7 * * *')}\n"
        f"Chaque exécution ajoute son compte rendu à « {entity}/.suivi/logs/cron.log ». "
        "L'ordinateur doit être allumé à cette heure-là ; « crontab -l » montre la ligne.\n")
    assert tab.read_text(encoding="utf-8") == (
        "15 2 * * * /usr/local/bin/sauvegarde.sh\n" + line_for(entity, "30 7 * * *") + "\n")

    again = invoke(env, "--heure", "18:00", "--jours", "lun,mer,ven", str(entity))
    assert "Ligne ajoutée à votre crontab (chaque lundi, mercredi, vendredi à 18:00) :" in (
        again.output)
    assert "Elle remplace la ligne précédente de suivi pour ce dossier." in again.output
    assert tab.read_text(encoding="utf-8") == (
        "15 2 * * * /usr/local/bin/sauvegarde.sh\n" + line_for(entity, "0 18 * * 1,3,5") + "\n")

    shown = invoke(env, "--supprimer", "--print", str(entity))
    assert shown.output == line_for(entity, "0 18 * * 1,3,5") + "\n"

    removed = invoke(env, "--supprimer", str(entity))
    assert removed.exit_code == 0
    assert removed.output == (
        f"1 ligne(s) de suivi retirée(s) de votre crontab pour « {entity} ».\n")
    assert tab.read_text(encoding="utf-8") == "15 2 * * * /usr/local/bin/sauvegarde.sh\n"

    nothing = invoke(env, "--supprimer", str(entity))
    assert nothing.exit_code == 0
    assert nothing.output == f"Aucune tâche suivi pour « {entity} » dans votre crontab.\n"


def test_the_workbook_itself_may_be_given(entity, tmp_path):
    tab = tmp_path / "crontab"
    result = invoke(cron_env(tab), "--heure", "8:00", "--print",
                    str(entity / "suivi_factures.xlsx"))
    assert result.exit_code == 0
    assert result.output == line_for(entity, "0 8 * * *") + "\n"


def test_attendre_goes_into_the_crontab_line_and_is_explained(entity, tmp_path):
    tab = tmp_path / "crontab"
    tab.write_text("", encoding="utf-8")
    result = invoke(cron_env(tab), "--heure", "8h", "--attendre", "2h", str(entity))
    assert result.exit_code == 0
    line = line_for(entity, "0 8 * * *").replace("SUIVI_AUTO=1 ",
                                                 "SUIVI_AUTO=1 SUIVI_ATTENDRE=2h ")
    assert tab.read_text(encoding="utf-8").strip() == line
    assert ("Si le classeur est ouvert à cette heure-là (Excel, LibreOffice), suivi réessaie "
            "chaque minute pendant 2h ; au-delà, il abandonne jusqu'au lendemain (code 3, dans "
            "le journal).") in result.output


@pytest.mark.parametrize(("args", "message"), [
    (["--heure", "8h", "--attendre", "5h"],
     "Erreur : --attendre « 5h » : indiquez une durée d'au plus 3 heures, par exemple 2h, "
     "1h30, 45min ou 0 (ne pas attendre).\n"),
    (["--heure", "25:00"],
     "Erreur : --heure « 25:00 » : indiquez une heure entre 00:00 et 23:59, par exemple 08:00 "
     "ou 8h30.\n"),
    (["--heure", "8h", "--jours", "lun-vendredy"],
     "Erreur : --jours « lun-vendredy » : « vendredy » n'est pas un jour. Écrivez par exemple "
     "lun-ven, lun,mer,ven, sam-dim ou tous (en anglais : mon-fri).\n"),
    ([],
     "Erreur : indiquez l'heure de la tâche avec --heure, par exemple « suivi schedule --heure "
     "08:00 » (ou --supprimer pour retirer la tâche).\n"),
])
def test_invalid_options_are_refused_with_exit_code_2(entity, tmp_path, args, message):
    tab = tmp_path / "crontab"
    tab.write_text("", encoding="utf-8")
    result = invoke(cron_env(tab), *args, str(entity))
    assert result.exit_code == 2
    assert result.output == message
    assert tab.read_text(encoding="utf-8") == ""


def test_refusals_in_english(entity, tmp_path):
    result = invoke(cron_env(tmp_path / "crontab"), "--heure", "8:75", "--lang", "en",
                    str(entity))
    assert result.exit_code == 2
    assert result.output == ("Error: --heure '8:75': give a time between 00:00 and 23:59, "
                             "for example 08:00 or 8h30.\n")


def test_a_folder_without_workbook_nor_config_is_refused(tmp_path):
    empty = tmp_path / "vide"
    empty.mkdir()
    result = invoke(cron_env(tmp_path / "crontab"), "--heure", "8:00", "--dossier", str(empty))
    assert result.exit_code == 2
    assert result.output == (
        f"Erreur : « {empty} » ne contient ni suivi.toml ni suivi_factures.xlsx, ni de "
        "sous-dossier avec un suivi.toml : indiquez le dossier de votre classeur (--dossier), "
        "ou lancez la commande dans ce dossier.\n")


def test_a_folder_whose_workbook_has_another_name_is_told_what_to_write(tmp_path):
    """The task would start suivi in a folder where it finds no workbook to follow: refused,
    with the workbook named and the line of suivi.toml to write; nothing is created."""
    folder = tmp_path / "Compta"
    folder.mkdir()
    (folder / "Suivi factures 2026.xlsx").write_bytes(b"PK")
    crontab = tmp_path / "crontab"
    result = invoke(cron_env(crontab), "--heure", "8:00", "--dossier", str(folder))
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert "mais il contient « Suivi factures 2026.xlsx » : la tâche lancera suivi dans ce " \
           "dossier" in said, said
    assert 'fichier = "Suivi factures 2026.xlsx"' in said
    assert not crontab.exists() or "suivi" not in crontab.read_text()


def test_a_folder_of_entities_gets_one_task_that_runs_them_all(tmp_path):
    parent = tmp_path / "Entités"
    for name in ("Rhône Numérique", "Association Sportive"):
        assert CliRunner().invoke(cli, ["init", str(parent / name)]).exit_code == 0
    tab = tmp_path / "crontab"
    tab.write_text("", encoding="utf-8")
    result = invoke(cron_env(tab), "--heure", "6h", "--print", "--dossier", str(parent))
    assert result.exit_code == 0, result.output
    # `suivi run` without argument in a folder that is not an entity runs every one below it
    assert result.output == line_for(parent, "0 6 * * *") + "\n"


def test_a_workbook_that_suivi_toml_does_not_name_is_refused(entity, tmp_path):
    other = entity / "ancien.xlsx"
    other.write_bytes((entity / "suivi_factures.xlsx").read_bytes())
    result = invoke(cron_env(tmp_path / "crontab"), "--heure", "8:00", str(other))
    assert result.exit_code == 2
    assert result.output.startswith(
        f"Erreur : suivi.toml de « {entity} » désigne le classeur « suivi_factures.xlsx », pas "
        "« ancien.xlsx »")


def test_an_invalid_suivi_toml_is_refused_before_scheduling(entity, tmp_path):
    (entity / "suivi.toml").write_text("[classeur\nfichier = 1\n", encoding="utf-8")
    result = invoke(cron_env(tmp_path / "crontab"), "--heure", "8:00", str(entity))
    assert result.exit_code == 2
    assert "n'est pas un fichier TOML valide" in result.output


class Recorder:
    def __init__(self, code: int = 0, output: str = "") -> None:
        self.commands: list[list[str]] = []
        self.xml: list[str] = []
        self.code, self.output = code, output

    def __call__(self, command):
        self.commands.append(list(command))
        if "/XML" in command:
            data = Path(command[command.index("/XML") + 1]).read_bytes()
            self.xml.append(data.decode("utf-16"))
        return self.code, self.output


@pytest.fixture
def install(tmp_path) -> Path:
    folder = tmp_path / "suivi"
    folder.mkdir()
    (folder / "Lancer_suivi.bat").write_text("@echo off\r\n", encoding="utf-8")
    return folder


def windows_env(install: Path, runner: Recorder) -> Environment:
    return Environment(system="windows", runner=runner, resolve_drive=lambda drive: None,
                       install_folder=install, user="COMPTA\\claire",
                       now=lambda: datetime(2026, 11, 25, 9, 0))


def test_windows_task_is_registered_with_schtasks(entity, install):
    runner = Recorder()
    result = invoke(windows_env(install, runner), "--heure", "08:00", "--jours", "lun-ven",
                    str(entity))
    assert result.exit_code == 0
    folder = PureWindowsPath(entity)
    assert result.output == (
        f"Tâche planifiée « suivi\\Compta Été » créée : du lundi au vendredi à 08:00, sur le "
        f"dossier « {folder} ».\n"
        "Elle s'exécute seulement quand COMPTA\\claire a une session Windows ouverte (même "
        "verrouillée). Pour qu'elle s'exécute aussi quand personne n'est connecté, relancez "
        "avec --sans-session : Windows demandera votre mot de passe et le gardera pour la "
        "tâche.\n"
        "Pour l'essayer tout de suite : schtasks /Run /TN \"suivi\\Compta Été\". Le résultat "
        "s'affiche dans le Planificateur de tâches (0 tout va bien, 1 problèmes trouvés, 2 "
        "classeur inutilisable, 3 classeur ouvert ailleurs).\n")
    [command] = runner.commands
    assert command[:4] == ["schtasks", "/Create", "/TN", "suivi\\Compta Été"]
    assert command[6:] == ["/F"]
    xml = runner.xml[0]
    launcher = PureWindowsPath(install / "Lancer_suivi.bat")
    assert "<StartBoundary>2026-11-26T08:00:00</StartBoundary>" in xml  # 9:00 → tomorrow
    assert (f'<Arguments>/d /s /c "set "SUIVI_AUTO=1" &amp;&amp; call "{launcher}" '
            f'"{folder}""</Arguments>') in xml
    assert f"<WorkingDirectory>{folder}</WorkingDirectory>" in xml
    assert "<LogonType>InteractiveToken</LogonType>" in xml


def test_windows_task_without_session_asks_for_the_password(entity, install):
    runner = Recorder()
    result = invoke(windows_env(install, runner), "--heure", "6h", "--sans-session",
                    "--utilisateur", "COMPTA\\robot", str(entity), input="s3cret\n")
    assert result.exit_code == 0
    assert result.output.startswith(
        "Mot de passe Windows de COMPTA\\robot (gardé par Windows pour la tâche): \n")
    assert "s3cret" not in result.output
    assert ("Elle s'exécute même si personne n'est connecté, avec le compte COMPTA\\robot : "
            "Windows garde son mot de passe pour la tâche.") in result.output
    assert runner.commands[0][6:] == ["/F", "/RU", "COMPTA\\robot", "/RP", "s3cret"]
    assert "<LogonType>Password</LogonType>" in runner.xml[0]


def test_windows_print_shows_the_xml_and_the_command(entity, install):
    runner = Recorder()
    result = invoke(windows_env(install, runner), "--heure", "08:00", "--nom", "Compta Sud",
                    "--sans-session", "--print", str(entity))
    assert result.exit_code == 0
    assert runner.commands == []
    assert result.output.startswith('<?xml version="1.0" encoding="UTF-16"?>\n')
    assert result.output.endswith(
        '</Task>\nCommande : schtasks /Create /TN "suivi\\Compta Sud" /XML tache.xml /F /RU '
        'COMPTA\\claire /RP ********\n')


def test_windows_remove(entity, install):
    runner = Recorder()
    result = invoke(windows_env(install, runner), "--supprimer", str(entity))
    assert result.exit_code == 0
    assert result.output == "Tâche planifiée « suivi\\Compta Été » supprimée.\n"
    assert runner.commands == [["schtasks", "/Delete", "/TN", "suivi\\Compta Été", "/F"]]


def test_windows_refusal_exits_1(entity, install):
    runner = Recorder(1, "ERREUR : Accès refusé.")
    result = invoke(windows_env(install, runner), "--heure", "08:00", str(entity))
    assert result.exit_code == 1
    assert result.output == ("Erreur : Windows a refusé de créer la tâche « suivi\\Compta Été » "
                             "(schtasks, code 1) : ERREUR : Accès refusé.\n")


def test_windows_without_launcher_says_to_install_first(entity, tmp_path):
    nowhere = tmp_path / "pas-installé"
    result = invoke(windows_env(nowhere, Recorder()), "--heure", "08:00", str(entity))
    assert result.exit_code == 2
    assert result.output == (
        f"Erreur : Lancer_suivi.bat est introuvable (cherché dans « {nowhere} » et « {entity} ») "
        ": lancez d'abord Installer_suivi.bat, qui l'écrit, ou indiquez-le avec --lanceur.\n")


def test_the_task_of_a_folder_already_deleted_can_be_removed(entity, tmp_path):
    tab = tmp_path / "crontab"
    tab.write_text("", encoding="utf-8")
    env = cron_env(tab)
    assert invoke(env, "--heure", "8:00", str(entity)).exit_code == 0
    moved = tmp_path / "archive"
    entity.rename(moved)
    removed = invoke(env, "--supprimer", "--dossier", str(entity))
    assert removed.exit_code == 0
    assert tab.read_text(encoding="utf-8") == ""


def test_windows_task_that_waits_for_a_busy_workbook(entity, install):
    runner = Recorder()
    result = invoke(windows_env(install, runner), "--heure", "08:00", "--attendre", "45",
                    str(entity))
    assert result.exit_code == 0
    launcher = PureWindowsPath(install / "Lancer_suivi.bat")
    assert (f'<Arguments>/d /s /c "set "SUIVI_AUTO=1" &amp;&amp; set "SUIVI_ATTENDRE=45min" '
            f'&amp;&amp; call "{launcher}" "{PureWindowsPath(entity)}""</Arguments>'
            ) in runner.xml[0]
    assert "suivi réessaie chaque minute pendant 45min" in result.output
