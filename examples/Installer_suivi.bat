@echo off
rem Installer suivi pour l'utilisateur courant (Python 3.11 ou plus récent doit être installé,
rem avec l'option « Add python.exe to PATH »). Double-cliquez sur ce fichier.
chcp 65001 >nul
cd /d "%~dp0"
where python >nul 2>nul
if errorlevel 1 (
  echo Python est introuvable. Installez Python 3.11+ depuis https://www.python.org/downloads/
  echo en cochant « Add python.exe to PATH », puis relancez ce fichier.
  pause
  exit /b 2
)
if exist "%~dp0..\pyproject.toml" (
  python -m pip install --user --upgrade "%~dp0.."
) else (
  python -m pip install --user --upgrade suivi
)
if errorlevel 1 (
  echo L'installation a échoué : lisez le message ci-dessus.
  pause
  exit /b 1
)
echo suivi est installé. Lancez « suivi demo %USERPROFILE%\suivi-demo » pour essayer.
pause
