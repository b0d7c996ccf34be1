@echo off
rem Lancer le travail quotidien de suivi sur le classeur de ce dossier.
rem Double-cliquez sur ce fichier, ou utilisez-le dans le Planificateur de tâches Windows.
chcp 65001 >nul
cd /d "%~dp0"
where suivi >nul 2>nul
if errorlevel 1 (
  echo suivi n'est pas installé. Lancez d'abord Installer_suivi.bat.
  pause
  exit /b 2
)
suivi run
set CODE=%ERRORLEVEL%
if "%CODE%"=="3" echo Le classeur est ouvert par quelqu'un d'autre : fermez-le puis relancez.
if "%CODE%"=="2" echo Le classeur ou la configuration est inutilisable : lisez le message ci-dessus.
rem Pas de pause quand on est lancé par le Planificateur de tâches (SUIVI_AUTO=1).
if not "%SUIVI_AUTO%"=="1" pause
exit /b %CODE%
