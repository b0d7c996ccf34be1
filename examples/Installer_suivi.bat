@echo off
rem Installer suivi dans ce dossier, pour ce poste : un environnement Python à part (.venv)
rem est créé à côté de ce fichier ; rien d'autre n'est modifié sur l'ordinateur.
rem suivi vient du paquet suivi-*.whl posé à côté de ce fichier, ou du dossier des sources
rem (..\pyproject.toml) : jamais d'un nom de paquet cherché sur Internet. Les bibliothèques
rem dont suivi a besoin viennent de l'index de paquets habituel (PyPI).
rem Il écrit Lancer_suivi.bat (travail quotidien) et Envoyer_relances.bat (envoi des relances).
rem Il faut Python 3.11 ou plus récent (python.org, case « Add python.exe to PATH »).
rem SUIVI_AUTO=1 : pas de pause à la fin (installation automatisée).
setlocal
chcp 65001 >nul
set "ICI=%~dp0"
set "VENV=%~dp0.venv"
set "CODE=0"

rem 1. Ce qu'il faut installer : le paquet posé à côté, sinon le dossier des sources.
set "SOURCE="
set "PAQUETS=0"
for %%W in ("%ICI%suivi-*.whl") do (
  set "SOURCE=%%~fW"
  set /a PAQUETS+=1
)
if %PAQUETS% GTR 1 goto :plusieurs
if not defined SOURCE if exist "%ICI%..\pyproject.toml" set "SOURCE=%ICI%.."
if not defined SOURCE goto :sans_source

rem 2. L'environnement Python de suivi, à côté de ce fichier (py -3, sinon python).
if exist "%VENV%\Scripts\python.exe" goto :installer
set "BASE="
py -3 -c "import sys; sys.exit(sys.version_info < (3, 11))" >nul 2>nul && set "BASE=py -3"
if not defined BASE python -c "import sys; sys.exit(sys.version_info < (3, 11))" >nul 2>nul && set "BASE=python"
if not defined BASE goto :sans_python
echo Création de l'environnement Python dans "%VENV%"...
%BASE% -m venv "%VENV%"
if errorlevel 1 goto :echec

:installer
set "PY=%VENV%\Scripts\python.exe"
"%PY%" -c "import sys; sys.exit(sys.version_info < (3, 11))" >nul 2>nul
if errorlevel 1 goto :venv_abime
echo Installation de suivi depuis "%SOURCE%"...
"%PY%" -m pip install --disable-pip-version-check --upgrade "%SOURCE%"
if errorlevel 1 goto :echec
rem Une deuxième fois sans les dépendances : le code de suivi est bien celui du paquet posé
rem ici, même s'il porte le même numéro de version que celui déjà installé.
"%PY%" -m pip install --disable-pip-version-check --no-deps --force-reinstall "%SOURCE%"
if errorlevel 1 goto :echec
"%PY%" -m suivi.schedule.launchers "%ICI%." --windows >nul
if errorlevel 1 goto :echec
echo.
echo suivi est installé dans "%VENV%".
echo Chaque jour : double-cliquez sur Lancer_suivi.bat, ou copiez-le à côté de votre classeur.
echo Pour envoyer les relances marquées « Oui » dans le classeur : Envoyer_relances.bat.
echo Tâche planifiée : "%VENV%\Scripts\suivi.exe" schedule --heure 08:00 --dossier "DOSSIER DU CLASSEUR"
echo Pour essayer : "%VENV%\Scripts\suivi.exe" demo "%USERPROFILE%\suivi-demo"
goto :fin

:plusieurs
echo Plusieurs paquets suivi-*.whl sont à côté de ce fichier : gardez seulement le plus récent.
set "CODE=2"
goto :fin

:sans_source
echo Aucun paquet suivi-*.whl à côté de ce fichier, ni dossier des sources (..\pyproject.toml).
echo Copiez tout le dossier de la version de suivi (le paquet .whl avec ce fichier), puis relancez.
set "CODE=2"
goto :fin

:sans_python
echo Python 3.11 ou plus récent est introuvable. Installez-le depuis https://www.python.org/downloads/
echo en cochant « Add python.exe to PATH », puis relancez ce fichier.
set "CODE=2"
goto :fin

:venv_abime
echo L'environnement "%VENV%" est inutilisable (Python désinstallé ou trop ancien).
echo Supprimez ce dossier .venv, puis relancez ce fichier.
set "CODE=2"
goto :fin

:echec
echo L'installation a échoué : lisez le message ci-dessus. Rien n'a été modifié hors de "%VENV%".
set "CODE=1"

:fin
rem Pas de pause quand l'installation est automatisée (SUIVI_AUTO=1).
if not "%SUIVI_AUTO%"=="1" pause
exit /b %CODE%
