"""The launchers the installers write beside the private virtual environment.

    python -m suivi.schedule.launchers DOSSIER            # the launchers of this system
    python -m suivi.schedule.launchers DOSSIER --windows  # Lancer_suivi.bat, Envoyer_relances.bat
    python -m suivi.schedule.launchers DOSSIER --unix     # lancer_suivi.sh, envoyer_relances.sh

`Installer_suivi.bat` and `installer_suivi.sh` call this with the interpreter of the venv they
just created, so that the launcher names that venv's `suivi` by its absolute path: it keeps
working when copied beside a workbook on the same PC. Both launchers take an optional entity
folder (default: their own folder), run `suivi run` there (`--quiet` when ``SUIVI_AUTO=1``,
as in a scheduled task), explain exit codes 2 and 3, and return suivi's exit code. The
Windows one pauses at the end unless ``SUIVI_AUTO=1``. The send launchers run `suivi send`
the same way: the reminders the team marked « Oui » in the « Relances à envoyer » sheet go.
"""
from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path

WINDOWS_NAME = "Lancer_suivi.bat"
UNIX_NAME = "lancer_suivi.sh"
WINDOWS_SEND_NAME = "Envoyer_relances.bat"
UNIX_SEND_NAME = "envoyer_relances.sh"

WINDOWS_TEMPLATE = """\
@echo off
rem Lancer le travail quotidien de suivi. Écrit par Installer_suivi.bat : relancez
rem l'installateur pour le réécrire plutôt que de le modifier.
rem   Double-clic            : sur le classeur de ce dossier (suivi.toml à côté de ce fichier).
rem   Lancer_suivi.bat DOSSIER : sur le dossier indiqué (c'est ce que fait la tâche planifiée).
rem   SUIVI_AUTO=1           : sans pause ni résumé détaillé (tâche planifiée).
setlocal
chcp 65001 >nul
set "SUIVI_EXE={suivi_exe}"
if not exist "%SUIVI_EXE%" set "SUIVI_EXE=%~dp0.venv\\Scripts\\suivi.exe"
if not exist "%SUIVI_EXE%" goto :absent
set "DOSSIER=%~1"
if "%DOSSIER%"=="" set "DOSSIER=%~dp0"
rem pushd (et non cd) : il accepte aussi les chemins réseau \\\\serveur\\partage\\...
pushd "%DOSSIER%" 2>nul
if errorlevel 1 goto :introuvable
set "OPTIONS="
if "%SUIVI_AUTO%"=="1" set "OPTIONS=--quiet"
"%SUIVI_EXE%" run %OPTIONS%
set CODE=%ERRORLEVEL%
popd
if "%CODE%"=="3" echo Le classeur est ouvert ailleurs, ou une autre exécution est en cours.
if "%CODE%"=="3" echo Fermez-le, puis relancez.
if "%CODE%"=="2" echo Le classeur ou la configuration est inutilisable : lisez le message ci-dessus.
goto :fin
:absent
echo suivi n'est pas installé sur ce poste : lancez d'abord Installer_suivi.bat.
set CODE=2
goto :fin
:introuvable
echo Dossier introuvable ou inaccessible : "%DOSSIER%"
set CODE=2
:fin
rem Pas de pause quand on est lancé par le Planificateur de tâches (SUIVI_AUTO=1).
if not "%SUIVI_AUTO%"=="1" pause
exit /b %CODE%
"""

UNIX_TEMPLATE = """\
#!/bin/sh
# Lancer le travail quotidien de suivi. Écrit par installer_suivi.sh : relancez
# l'installateur pour le réécrire plutôt que de le modifier.
#   ./lancer_suivi.sh          : sur le classeur de ce dossier (suivi.toml à côté de ce fichier)
#   ./lancer_suivi.sh DOSSIER  : sur le dossier indiqué
#   SUIVI_AUTO=1               : sans résumé détaillé (tâche planifiée)
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
suivi={suivi_exe}
[ -x "$suivi" ] || suivi="$here/.venv/bin/suivi"
if [ ! -x "$suivi" ]; then
  echo "suivi n'est pas installé ici : lancez d'abord installer_suivi.sh." >&2
  exit 2
fi
folder=${{1:-$here}}
cd -- "$folder" 2>/dev/null || {{
  echo "Dossier introuvable ou inaccessible : $folder" >&2
  exit 2
}}
if [ "${{SUIVI_AUTO:-}}" = "1" ]; then
  "$suivi" run --quiet
else
  "$suivi" run
fi
code=$?
case $code in
  3) echo "Le classeur est ouvert ailleurs, ou une autre exécution est en cours." >&2
     echo "Fermez-le, puis relancez." >&2 ;;
  2) echo "Le classeur ou la configuration est inutilisable : lisez le message ci-dessus." >&2 ;;
esac
exit $code
"""


WINDOWS_SEND_TEMPLATE = """\
@echo off
rem Envoyer les relances marquées « Oui » dans la feuille « Relances à envoyer » du classeur.
rem Écrit par Installer_suivi.bat : relancez l'installateur pour le réécrire plutôt que de le
rem modifier. Les relances marquées « Non » restent en attente ; rien ne part deux fois.
rem   Double-clic                  : sur le classeur de ce dossier (suivi.toml à côté).
rem   Envoyer_relances.bat DOSSIER : sur le dossier indiqué.
setlocal
chcp 65001 >nul
set "SUIVI_EXE={suivi_exe}"
if not exist "%SUIVI_EXE%" set "SUIVI_EXE=%~dp0.venv\\Scripts\\suivi.exe"
if not exist "%SUIVI_EXE%" goto :absent
set "DOSSIER=%~1"
if "%DOSSIER%"=="" set "DOSSIER=%~dp0"
pushd "%DOSSIER%" 2>nul
if errorlevel 1 goto :introuvable
"%SUIVI_EXE%" send
set CODE=%ERRORLEVEL%
popd
if "%CODE%"=="3" echo Le classeur est ouvert : enregistrez vos choix Oui/Non, fermez-le, puis relancez.
if "%CODE%"=="2" echo Le classeur ou la configuration est inutilisable : lisez le message ci-dessus.
if "%CODE%"=="1" echo Des relances ne sont pas parties : lisez le message ci-dessus.
goto :fin
:absent
echo suivi n'est pas installé sur ce poste : lancez d'abord Installer_suivi.bat.
set CODE=2
goto :fin
:introuvable
echo Dossier introuvable ou inaccessible : "%DOSSIER%"
set CODE=2
:fin
if not "%SUIVI_AUTO%"=="1" pause
exit /b %CODE%
"""

UNIX_SEND_TEMPLATE = """\
#!/bin/sh
# Envoyer les relances marquées « Oui » dans la feuille « Relances à envoyer » du classeur.
# Écrit par installer_suivi.sh : relancez l'installateur pour le réécrire plutôt que de le
# modifier. Les relances marquées « Non » restent en attente ; rien ne part deux fois.
#   ./envoyer_relances.sh          : sur le classeur de ce dossier (suivi.toml à côté)
#   ./envoyer_relances.sh DOSSIER  : sur le dossier indiqué
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
suivi={suivi_exe}
[ -x "$suivi" ] || suivi="$here/.venv/bin/suivi"
if [ ! -x "$suivi" ]; then
  echo "suivi n'est pas installé ici : lancez d'abord installer_suivi.sh." >&2
  exit 2
fi
folder=${{1:-$here}}
cd -- "$folder" 2>/dev/null || {{
  echo "Dossier introuvable ou inaccessible : $folder" >&2
  exit 2
}}
"$suivi" send
code=$?
case $code in
  3) echo "Le classeur est ouvert : enregistrez vos choix Oui/Non, fermez-le, puis relancez." >&2 ;;
  2) echo "Le classeur ou la configuration est inutilisable : lisez le message ci-dessus." >&2 ;;
  1) echo "Des relances ne sont pas parties : lisez le message ci-dessus." >&2 ;;
esac
exit $code
"""


def windows_launcher(suivi_exe: str) -> str:
    """Lancer_suivi.bat for the venv whose suivi.exe is `suivi_exe` (CRLF line endings)."""
    text = WINDOWS_TEMPLATE.format(suivi_exe=suivi_exe.replace("%", "%%"))
    return text.replace("\n", "\r\n")


def unix_launcher(suivi_exe: str) -> str:
    """lancer_suivi.sh for the venv whose suivi script is `suivi_exe`."""
    return UNIX_TEMPLATE.format(suivi_exe=shlex.quote(suivi_exe))


def windows_send_launcher(suivi_exe: str) -> str:
    """Envoyer_relances.bat for the venv whose suivi.exe is `suivi_exe` (CRLF line endings)."""
    text = WINDOWS_SEND_TEMPLATE.format(suivi_exe=suivi_exe.replace("%", "%%"))
    return text.replace("\n", "\r\n")


def unix_send_launcher(suivi_exe: str) -> str:
    """envoyer_relances.sh for the venv whose suivi script is `suivi_exe`."""
    return UNIX_SEND_TEMPLATE.format(suivi_exe=shlex.quote(suivi_exe))


def write_launcher(folder: Path, windows: bool) -> Path:
    """Write the daily-run launcher for the venv `folder/.venv` into `folder`; return its
    path."""
    return write_launchers(folder, windows)[0]


def write_launchers(folder: Path, windows: bool) -> list[Path]:
    """Write both launchers (daily run, then sending) for the venv `folder/.venv` into
    `folder`; return their paths."""
    folder = folder.absolute()
    if windows:
        exe = str(folder / ".venv" / "Scripts" / "suivi.exe")
        written = []
        for name, text in ((WINDOWS_NAME, windows_launcher(exe)),
                           (WINDOWS_SEND_NAME, windows_send_launcher(exe))):
            (folder / name).write_bytes(text.encode("utf-8"))
            written.append(folder / name)
        return written
    script = str(folder / ".venv" / "bin" / "suivi")
    written = []
    for name, text in ((UNIX_NAME, unix_launcher(script)),
                       (UNIX_SEND_NAME, unix_send_launcher(script))):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        path.chmod(0o755)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m suivi.schedule.launchers",
                                     description="Écrire les lanceurs de suivi à côté de .venv.")
    parser.add_argument("folder", type=Path, help="dossier de l'installation (contient .venv)")
    system = parser.add_mutually_exclusive_group()
    system.add_argument("--windows", action="store_true",
                        help="écrire Lancer_suivi.bat et Envoyer_relances.bat")
    system.add_argument("--unix", action="store_true",
                        help="écrire lancer_suivi.sh et envoyer_relances.sh")
    args = parser.parse_args(argv)
    windows = args.windows or (not args.unix and os.name == "nt")
    for path in write_launchers(args.folder, windows):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
