#!/bin/sh
# Installer suivi dans ce dossier, pour cet ordinateur : un environnement Python à part
# (.venv) est créé à côté de ce fichier ; rien d'autre n'est modifié.
# suivi vient du paquet suivi-*.whl posé à côté de ce fichier, ou du dossier des sources
# (../pyproject.toml) : jamais d'un nom de paquet cherché sur Internet. Les bibliothèques
# dont suivi a besoin viennent de l'index de paquets habituel (PyPI).
# Il faut Python 3.11 ou plus récent ; PYTHON=/chemin/de/python3 pour en choisir un.
# Ensuite : ./lancer_suivi.sh DOSSIER (ou copiez lancer_suivi.sh à côté du classeur) ;
# ./envoyer_relances.sh DOSSIER envoie les relances marquées « Oui » dans le classeur.
set -u
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
venv="$here/.venv"

fail() {
  echo "L'installation a échoué : lisez le message ci-dessus. Rien n'a été modifié hors de $venv." >&2
  exit 1
}

# 1. Ce qu'il faut installer : le paquet posé à côté, sinon le dossier des sources.
source=""
count=0
for wheel in "$here"/suivi-*.whl; do
  if [ -f "$wheel" ]; then
    source=$wheel
    count=$((count + 1))
  fi
done
if [ "$count" -gt 1 ]; then
  echo "Plusieurs paquets suivi-*.whl sont à côté de ce fichier : gardez seulement le plus récent." >&2
  exit 2
fi
if [ -z "$source" ] && [ -f "$here/../pyproject.toml" ]; then
  source=$(CDPATH= cd -- "$here/.." && pwd)
fi
if [ -z "$source" ]; then
  echo "Aucun paquet suivi-*.whl à côté de ce fichier, ni dossier des sources (../pyproject.toml)." >&2
  exit 2
fi

# 2. L'environnement Python de suivi, à côté de ce fichier.
recent() {
  "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1
}
if [ ! -x "$venv/bin/python" ]; then
  base=""
  for candidate in "${PYTHON:-}" python3 python; do
    if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 && recent "$candidate"; then
      base=$candidate
      break
    fi
  done
  if [ -z "$base" ]; then
    echo "Python 3.11 ou plus récent est introuvable : installez-le (python.org, ou le paquet" >&2
    echo "python3 de votre système), ou indiquez-le avec PYTHON=/chemin/de/python3." >&2
    exit 2
  fi
  echo "Création de l'environnement Python dans $venv..."
  "$base" -m venv "$venv" || {
    echo "Sous Debian ou Ubuntu, installez d'abord le paquet python3-venv." >&2
    fail
  }
fi
py="$venv/bin/python"
if ! recent "$py"; then
  echo "L'environnement $venv est inutilisable : supprimez-le, puis relancez ce fichier." >&2
  exit 2
fi

echo "Installation de suivi depuis $source..."
"$py" -m pip install --disable-pip-version-check --upgrade "$source" || fail
# Une deuxième fois sans les dépendances : le code de suivi est bien celui du paquet posé ici,
# même s'il porte le même numéro de version que celui déjà installé.
"$py" -m pip install --disable-pip-version-check --no-deps --force-reinstall "$source" || fail
"$py" -m suivi.schedule.launchers "$here" --unix >/dev/null || fail

echo
echo "suivi est installé dans $venv."
echo "Chaque jour : $here/lancer_suivi.sh DOSSIER_DU_CLASSEUR"
echo "Envoyer les relances marquées « Oui » : $here/envoyer_relances.sh DOSSIER_DU_CLASSEUR"
echo "Tâche planifiée : $venv/bin/suivi schedule --heure 08:00 --dossier DOSSIER_DU_CLASSEUR"
echo "Pour essayer : $venv/bin/suivi demo ~/suivi-demo"
