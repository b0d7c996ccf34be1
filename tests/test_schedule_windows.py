"""`suivi schedule` on Windows: the Task Scheduler XML, UNC paths, the schtasks command lines.

The XML is compared with golden texts written by hand; schtasks itself is replaced by a runner
that records the command line (and the XML file it is given).
"""
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path, PureWindowsPath

import pytest
from lxml import etree

from suivi.i18n import set_lang
from suivi.schedule.spec import ALL_DAYS, Schedule, ScheduleError, TimeOfDay, parse_days
from suivi.schedule.windows import (
    WindowsTask,
    create_task,
    default_task_name,
    delete_task,
    task_xml,
    to_unc,
)

DRIVES = {"Z:": r"\\serveur\partage", "Y:": "\\\\nas-compta\\Données\\"}.get

DAILY_UNC_XML = r"""<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Author>suivi</Author>
    <Description>Travail quotidien de suivi sur \\serveur\partage\Compta Sud &amp; Été</Description>
  </RegistrationInfo>
  <Triggers>
    <CalendarTrigger>
      <Enabled>true</Enabled>
      <StartBoundary>2026-11-26T08:00:00</StartBoundary>
      <ScheduleByDay>
        <DaysInterval>1</DaysInterval>
      </ScheduleByDay>
    </CalendarTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">
      <UserId>COMPTA\claire</UserId>
      <LogonType>InteractiveToken</LogonType>
      <RunLevel>LeastPrivilege</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <StartWhenAvailable>true</StartWhenAvailable>
    <ExecutionTimeLimit>PT4H</ExecutionTimeLimit>
    <Enabled>true</Enabled>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>%SystemRoot%\System32\cmd.exe</Command>
      <Arguments>/d /s /c "set "SUIVI_AUTO=1" &amp;&amp; call "C:\Program Files\suivi\Lancer_suivi.bat" "\\serveur\partage\Compta Sud &amp; Été""</Arguments>
      <WorkingDirectory>\\serveur\partage\Compta Sud &amp; Été</WorkingDirectory>
    </Exec>
  </Actions>
</Task>
"""

WEEKDAYS_MAPPED_XML = r"""<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Author>suivi</Author>
    <Description>Facturation de l'association</Description>
  </RegistrationInfo>
  <Triggers>
    <CalendarTrigger>
      <Enabled>true</Enabled>
      <StartBoundary>2026-11-25T18:30:00</StartBoundary>
      <ScheduleByWeek>
        <WeeksInterval>1</WeeksInterval>
        <DaysOfWeek>
          <Monday />
          <Wednesday />
          <Friday />
        </DaysOfWeek>
      </ScheduleByWeek>
    </CalendarTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">
      <UserId>ASSO\trésorier</UserId>
      <LogonType>Password</LogonType>
      <RunLevel>LeastPrivilege</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <StartWhenAvailable>true</StartWhenAvailable>
    <ExecutionTimeLimit>PT4H</ExecutionTimeLimit>
    <Enabled>true</Enabled>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>%SystemRoot%\System32\cmd.exe</Command>
      <Arguments>/d /s /c "set "SUIVI_AUTO=1" &amp;&amp; call "\\nas-compta\Données\suivi\Lancer_suivi.bat" "\\serveur\partage\Factures (2026)""</Arguments>
      <WorkingDirectory>\\serveur\partage\Factures (2026)</WorkingDirectory>
    </Exec>
  </Actions>
</Task>
"""


def daily_task() -> WindowsTask:
    folder = PureWindowsPath(r"\\serveur\partage\Compta Sud & Été")
    return WindowsTask(
        name=r"suivi\Compta Sud & Été", schedule=Schedule(TimeOfDay(8, 0), ALL_DAYS, folder),
        launcher=PureWindowsPath(r"C:\Program Files\suivi\Lancer_suivi.bat"),
        user=r"COMPTA\claire", without_session=False, start=date(2026, 11, 26),
        description=r"Travail quotidien de suivi sur \\serveur\partage\Compta Sud & Été")


def mapped_task() -> WindowsTask:
    folder = to_unc(r"Z:\Factures (2026)", DRIVES)
    launcher = to_unc(r"Y:\suivi\Lancer_suivi.bat", DRIVES)
    return WindowsTask(
        name=r"suivi\Factures (2026)",
        schedule=Schedule(TimeOfDay(18, 30), parse_days("lun,mer,ven"), folder),
        launcher=launcher, user="ASSO\\trésorier", without_session=True,
        start=date(2026, 11, 25), description="Facturation de l'association")


def test_daily_task_on_a_unc_folder_with_spaces_accents_and_ampersand():
    xml = task_xml(daily_task())
    assert xml == DAILY_UNC_XML
    etree.fromstring(xml.split("\n", 1)[1].encode("utf-8"))  # well-formed


def test_a_task_that_waits_for_a_busy_workbook_sets_suivi_attendre_for_the_run():
    task = daily_task()
    waiting = replace(task, schedule=replace(task.schedule, wait=timedelta(hours=2)))
    assert task_xml(waiting) == DAILY_UNC_XML.replace(
        '"set "SUIVI_AUTO=1" &amp;&amp; call',
        '"set "SUIVI_AUTO=1" &amp;&amp; set "SUIVI_ATTENDRE=2h" &amp;&amp; call')


def test_weekdays_task_on_mapped_drives_runs_without_session():
    assert task_xml(mapped_task()) == WEEKDAYS_MAPPED_XML


@pytest.mark.parametrize(("path", "expected"), [
    (r"Z:\Compta", r"\\serveur\partage\Compta"),
    (r"z:\Compta\Société Été", r"\\serveur\partage\Compta\Société Été"),
    (r"Y:\2026", r"\\nas-compta\Données\2026"),
    ("Z:\\", "\\\\serveur\\partage\\"),
    (r"C:\Compta", r"C:\Compta"),               # a local drive stays as it is
    (r"\\autre\partage\Compta", r"\\autre\partage\Compta"),  # already UNC
])
def test_mapped_drives_become_unc_paths(path, expected):
    assert str(to_unc(path, DRIVES)) == expected


@pytest.mark.parametrize(("folder", "name"), [
    (r"\\serveur\partage\Compta", r"suivi\Compta"),
    (r"\\serveur\partage", r"suivi\partage"),
    (r"C:\Entités\Sud: Lyon?", r"suivi\Sud  Lyon"),
    ("C:\\", r"suivi\C"),
])
def test_task_names(folder, name):
    assert default_task_name(PureWindowsPath(folder)) == name


class Recorder:
    """Stands in for schtasks: keeps each command line and the XML file it was given."""

    def __init__(self, code: int = 0, output: str = "") -> None:
        self.commands: list[list[str]] = []
        self.xml: list[bytes] = []
        self.code, self.output = code, output

    def __call__(self, command):
        self.commands.append(list(command))
        if "/XML" in command:
            self.xml.append(Path(command[command.index("/XML") + 1]).read_bytes())
        return self.code, self.output


def test_schtasks_registers_the_xml_in_utf16():
    runner = Recorder()
    create_task(daily_task(), runner)
    [command] = runner.commands
    xml_file = command[5]
    assert command == ["schtasks", "/Create", "/TN", r"suivi\Compta Sud & Été", "/XML", xml_file,
                       "/F"]
    assert xml_file.endswith("tache.xml") and not Path(xml_file).exists()  # cleaned up
    data = runner.xml[0]
    assert data[:2] == b"\xff\xfe"
    assert data[2:].decode("utf-16-le") == DAILY_UNC_XML.replace("\n", "\r\n")


def test_schtasks_gets_the_account_and_password_for_a_task_without_session():
    runner = Recorder()
    create_task(mapped_task(), runner, password="m0t de passe")
    command = runner.commands[0]
    assert command[:4] == ["schtasks", "/Create", "/TN", r"suivi\Factures (2026)"]
    assert command[6:] == ["/F", "/RU", "ASSO\\trésorier", "/RP", "m0t de passe"]


def test_a_refusal_of_schtasks_is_reported_with_its_words():
    set_lang("fr")
    runner = Recorder(1, "ERREUR : Accès refusé.")
    with pytest.raises(ScheduleError) as caught:
        create_task(daily_task(), runner)
    assert str(caught.value) == ("Windows a refusé de créer la tâche « suivi\\Compta Sud & Été » "
                                 "(schtasks, code 1) : ERREUR : Accès refusé.")


def test_deleting_the_task():
    runner = Recorder()
    delete_task(r"suivi\Compta", runner)
    assert runner.commands == [["schtasks", "/Delete", "/TN", r"suivi\Compta", "/F"]]
    set_lang("fr")
    missing = Recorder(1, "ERREUR : Le fichier spécifié est introuvable.")
    with pytest.raises(ScheduleError) as caught:
        delete_task(r"suivi\Compta", missing)
    assert str(caught.value) == ("la tâche « suivi\\Compta » n'a pas pu être supprimée (schtasks, "
                                 "code 1) : ERREUR : Le fichier spécifié est introuvable.")
