"""The safe installers: built wheel beside the batch files, a private venv, a launcher.

The .sh pair runs for real (slow: it installs every dependency into a new venv, from pip's
cache when warm); the .bat files are checked as text, since there is no cmd.exe here.
"""
import os
import re
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from suivi import __version__
from suivi.schedule.launchers import (
    unix_launcher,
    unix_send_launcher,
    windows_launcher,
    windows_send_launcher,
)
from suivi.workbook import Changes, commit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import build_release  # noqa: E402

INSTALLER_BAT = ROOT / "examples" / "Installer_suivi.bat"
INSTALLER_SH = ROOT / "examples" / "installer_suivi.sh"


def lines_of(data: bytes) -> list[str]:
    return data.decode("utf-8").split("\r\n")


def test_installer_bat_has_crlf_endings_as_gitattributes_asks():
    attributes = (ROOT / ".gitattributes").read_text(encoding="utf-8")
    assert "*.bat text eol=crlf" in attributes
    data = INSTALLER_BAT.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") > 50
    assert data.endswith(b"\r\n")


def test_installer_bat_never_installs_a_bare_package_name():
    lines = lines_of(INSTALLER_BAT.read_bytes())
    installs = [line for line in lines if "pip install" in line]
    assert len(installs) == 2
    for line in installs:
        assert line.rstrip().endswith('"%SOURCE%"'), line
    # SOURCE is only ever the wheel beside the file or the source folder above it
    sources = sorted(line.strip() for line in lines if 'set "SOURCE=' in line)
    assert sources == [
        'if not defined SOURCE if exist "%ICI%..\\pyproject.toml" set "SOURCE=%ICI%.."',
        'set "SOURCE="',
        'set "SOURCE=%%~fW"',
    ]
    assert 'for %%W in ("%ICI%suivi-*.whl") do (' in lines
    assert not re.search(r"install[^\r\n]*\ssuivi\s*$", INSTALLER_BAT.read_text("utf-8"), re.M)
    assert "--user" not in INSTALLER_BAT.read_text("utf-8")


def test_installer_bat_creates_its_own_venv_with_py_then_python():
    lines = lines_of(INSTALLER_BAT.read_bytes())
    assert 'set "VENV=%~dp0.venv"' in lines
    assert ('py -3 -c "import sys; sys.exit(sys.version_info < (3, 11))" >nul 2>nul && '
            'set "BASE=py -3"') in lines
    assert ('if not defined BASE python -c "import sys; sys.exit(sys.version_info < (3, 11))" '
            '>nul 2>nul && set "BASE=python"') in lines
    assert '%BASE% -m venv "%VENV%"' in lines
    assert '"%PY%" -m suivi.schedule.launchers "%ICI%." --windows >nul' in lines


def test_batch_files_pause_only_when_a_person_is_there():
    for data in (INSTALLER_BAT.read_bytes(),
                 windows_launcher(r"C:\suivi\.venv\Scripts\suivi.exe").encode("utf-8"),
                 windows_send_launcher(r"C:\suivi\.venv\Scripts\suivi.exe").encode("utf-8")):
        lines = lines_of(data)
        pauses = [line for line in lines if re.search(r"\bpause\b", line, re.I)
                  and not line.lower().startswith("rem ")]
        assert pauses == ['if not "%SUIVI_AUTO%"=="1" pause']
        assert lines[-2:] == ["exit /b %CODE%", ""]


def test_windows_launcher_uses_its_venv_and_goes_quiet_for_the_scheduler():
    text = windows_launcher(r"C:\Program Files\suivi 100%\.venv\Scripts\suivi.exe")
    assert text.count("\n") == text.count("\r\n")
    lines = text.split("\r\n")
    assert 'set "SUIVI_EXE=C:\\Program Files\\suivi 100%%\\.venv\\Scripts\\suivi.exe"' in lines
    assert 'if not exist "%SUIVI_EXE%" set "SUIVI_EXE=%~dp0.venv\\Scripts\\suivi.exe"' in lines
    assert 'pushd "%DOSSIER%" 2>nul' in lines  # pushd: UNC folders work too
    assert 'if "%SUIVI_AUTO%"=="1" set "OPTIONS=--quiet"' in lines
    assert '"%SUIVI_EXE%" run %OPTIONS%' in lines
    assert not any(line.startswith("suivi ") or line.startswith("where suivi") for line in lines)


def test_windows_send_launcher_sends_what_the_sheet_approves_with_the_same_venv():
    text = windows_send_launcher(r"C:\Program Files\suivi 100%\.venv\Scripts\suivi.exe")
    assert text.count("\n") == text.count("\r\n")
    lines = text.split("\r\n")
    assert 'set "SUIVI_EXE=C:\\Program Files\\suivi 100%%\\.venv\\Scripts\\suivi.exe"' in lines
    assert 'pushd "%DOSSIER%" 2>nul' in lines
    assert '"%SUIVI_EXE%" send' in lines  # no --tous: only the rows marked Oui go
    assert [line for line in lines if line.startswith('"%SUIVI_EXE%"')] == ['"%SUIVI_EXE%" send']


def test_shell_scripts_parse_and_never_install_a_bare_name():
    for text in (INSTALLER_SH.read_text("utf-8"), unix_launcher("/opt/suivi/.venv/bin/suivi"),
                 unix_send_launcher("/opt/suivi/.venv/bin/suivi")):
        assert "\r" not in text and text.startswith("#!/bin/sh\n")
        subprocess.run(["sh", "-n"], input=text, text=True, check=True)
    installs = [line for line in INSTALLER_SH.read_text("utf-8").splitlines()
                if "pip install" in line]
    assert [line.split('"$source"')[1] for line in installs] == [" || fail", " || fail"]
    assert os.access(INSTALLER_SH, os.X_OK)


def add_two_rows(workbook: Path) -> None:
    """One client and one paid invoice, written with suivi's own lossless writer."""
    changes = Changes()
    client = ["Boulangerie Martin", "Société", "732829320", None,
              "12 rue de la République, 69002 Lyon", None, "compta@boulangerie.example", None,
              "30 jours", None, "fr", "Oui", None]
    invoice = ["FAC2026-001", date(2026, 10, 1), "Boulangerie Martin", "Maintenance",
               Decimal("100"), Decimal("20"), Decimal("120"), "30 jours", date(2026, 10, 31),
               Decimal("120"), date(2026, 10, 20), None, "émise"]
    for sheet, values in (("Clients", client), ("Factures", invoice)):
        for column, value in zip("ABCDEFGHIJKLM", values, strict=True):
            if value is not None:
                changes.set_cell(sheet, f"{column}2", value)
    commit(workbook, changes, backups=0)


@pytest.mark.slow
def test_release_installs_into_a_private_venv_and_the_launcher_runs(tmp_path):
    release = build_release.build_release(tmp_path / "dist")
    assert sorted(p.name for p in release.iterdir()) == [
        "Installer_suivi.bat", "LISEZMOI.txt", "installer_suivi.sh",
        f"suivi-{__version__}-py3-none-any.whl"]
    assert (tmp_path / "dist" / f"suivi-{__version__}.zip").is_file()

    # the release folder copied onto "a PC", in a folder with a space and an accent
    install = tmp_path / "Poste Hélène" / "suivi"
    install.parent.mkdir()
    release.rename(install)
    env = {**os.environ, "PYTHON": sys.executable, "SUIVI_AUTO": "1"}
    env.pop("VIRTUAL_ENV", None)
    env.pop("PYTHONPATH", None)
    done = subprocess.run(["sh", str(install / "installer_suivi.sh")], env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    venv = install / ".venv"
    suivi = venv / "bin" / "suivi"
    where = subprocess.run([str(venv / "bin" / "python"), "-c",
                            "import sys, suivi; print(sys.prefix); print(suivi.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True,
                           check=True).stdout.splitlines()
    assert where[0] == str(venv)
    assert where[1].startswith(str(venv / "lib"))  # installed from the wheel, not from ROOT
    launcher = install / "lancer_suivi.sh"
    assert os.access(launcher, os.X_OK)
    sender = install / "envoyer_relances.sh"
    assert os.access(sender, os.X_OK)
    assert f"suivi='{suivi}'" in launcher.read_text("utf-8")

    entity = tmp_path / "Compta Été"
    env.pop("SUIVI_AUTO")
    subprocess.run([str(suivi), "init", str(entity)], env=env, capture_output=True, check=True)
    add_two_rows(entity / "suivi_factures.xlsx")

    run = subprocess.run([str(launcher), str(entity)], env=env, cwd=tmp_path,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "réglée" in run.stdout
    book = CalamineWorkbook.from_path(str(entity / "suivi_factures.xlsx"))
    assert book.get_sheet_by_name("Factures").to_python()[1][12] == "réglée"

    # a copy of the launcher beside the workbook runs on its own folder, with the same venv
    beside = entity / "lancer_suivi.sh"
    beside.write_bytes(launcher.read_bytes())
    beside.chmod(0o755)
    again = subprocess.run([str(beside)], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert again.returncode == 0, again.stdout + again.stderr
    assert (entity / ".suivi" / "logs" / "suivi.log").is_file()

    # the send launcher: nothing is waiting, nothing goes, exit 0
    sent = subprocess.run([str(sender), str(entity)], env=env, cwd=tmp_path,
                          capture_output=True, text=True)
    assert sent.returncode == 0, sent.stdout + sent.stderr
    assert "Aucun brouillon en attente d'envoi." in sent.stdout


def test_the_launcher_module_writes_both_launchers_beside_the_venv(tmp_path):
    from suivi.schedule.launchers import main

    assert main([str(tmp_path), "--windows"]) == 0
    assert main([str(tmp_path), "--unix"]) == 0
    exe = str(tmp_path / ".venv" / "Scripts" / "suivi.exe")
    assert (tmp_path / "Lancer_suivi.bat").read_bytes() == windows_launcher(exe).encode()
    assert (tmp_path / "Envoyer_relances.bat").read_bytes() == windows_send_launcher(exe).encode()
    script = str(tmp_path / ".venv" / "bin" / "suivi")
    sh = tmp_path / "lancer_suivi.sh"
    assert sh.read_text("utf-8") == unix_launcher(script)
    assert os.access(sh, os.X_OK)
    send = tmp_path / "envoyer_relances.sh"
    assert send.read_text("utf-8") == unix_send_launcher(script)
    assert os.access(send, os.X_OK)
