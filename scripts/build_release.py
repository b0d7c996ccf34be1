"""Build the suivi wheel and lay out a release folder with the installers beside it.

    python scripts/build_release.py [--out dist] [--no-zip]

Produces, from the source tree this script belongs to:

    dist/suivi-<version>/
        suivi-<version>-py3-none-any.whl   the package, built with pip (no other tool needed)
        Installer_suivi.bat                Windows: creates .venv here, installs the wheel,
                                           writes Lancer_suivi.bat and
                                           Envoyer_relances.bat
        installer_suivi.sh                 macOS, Linux: the same, writes lancer_suivi.sh
        LISEZMOI.txt                       what to do with the folder, in French
    dist/suivi-<version>.zip               the same folder, to copy to a PC or a share

The installers install suivi from the wheel beside them, never from a package name looked up
on an index. The wheel is built from a copy of the sources in a temporary folder, so the source
tree gets no build/ or *.egg-info/ folder.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTALLERS = ("Installer_suivi.bat", "installer_suivi.sh")
EXECUTABLE = 0o755

README = """\
suivi {version} : le suivi des factures clients dans votre classeur Excel
======================================================================

Installer (une fois par poste, Python 3.11 ou plus récent installé) :

  Windows        : copiez ce dossier sur le poste (par exemple C:\\suivi), puis
                   double-cliquez sur Installer_suivi.bat.
  macOS, Linux   : sh installer_suivi.sh

L'installateur crée un environnement Python à part (.venv) dans ce dossier, y installe le
paquet {wheel} posé à côté de lui (jamais un paquet cherché sur Internet sous le nom de suivi),
et écrit les lanceurs Lancer_suivi.bat et Envoyer_relances.bat (ou lancer_suivi.sh et
envoyer_relances.sh). Rien d'autre n'est modifié sur l'ordinateur. Pour désinstaller :
supprimez ce dossier.

Chaque jour : double-cliquez sur Lancer_suivi.bat après l'avoir copié à côté du classeur, ou
planifiez le travail quotidien :

  .venv\\Scripts\\suivi.exe schedule --heure 08:00 --dossier "\\\\serveur\\partage\\Compta"

Pour envoyer les relances : dans le classeur, feuille « Relances à envoyer », choisissez Oui
ou Non dans la colonne « Envoyer », enregistrez et fermez le classeur, puis double-cliquez sur
Envoyer_relances.bat (copié lui aussi à côté du classeur).

Documentation : docs/production.md et docs/depannage.md dans les sources de suivi.
"""


def read_version(root: Path = ROOT) -> str:
    """suivi.__version__ (pyproject.toml takes it from there), read without importing suivi."""
    source = (root / "suivi" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', source, re.MULTILINE)
    if found is None:
        raise SystemExit("suivi/__init__.py: __version__ introuvable")
    return found.group(1)


def copy_sources(root: Path, target: Path) -> None:
    """What the wheel is built from: pyproject.toml, README.md and the suivi package."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(root / name, target / name)
    shutil.copytree(root / "suivi", target / "suivi",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"))


def build_wheel(root: Path, out: Path) -> Path:
    """Build suivi's wheel into `out` with pip; return its path."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="suivi-build-") as scratch:
        source = Path(scratch) / "suivi-src"
        copy_sources(root, source)
        wheels = Path(scratch) / "wheels"
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
                        "--disable-pip-version-check", "--wheel-dir", str(wheels), str(source)],
                       check=True)
        [built] = wheels.glob("suivi-*.whl")
        target = out / built.name
        shutil.copy2(built, target)
    return target


def lay_out(root: Path, wheel: Path, release: Path) -> None:
    """The release folder: the wheel, the two installers, LISEZMOI.txt."""
    if release.exists():
        shutil.rmtree(release)
    release.mkdir(parents=True)
    shutil.copy2(wheel, release / wheel.name)
    for name in INSTALLERS:
        shutil.copy2(root / "examples" / name, release / name)
    (release / "installer_suivi.sh").chmod(EXECUTABLE)
    text = README.format(version=read_version(root), wheel=wheel.name)
    (release / "LISEZMOI.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))


def make_zip(release: Path) -> Path:
    """release.zip, keeping the executable bit of installer_suivi.sh."""
    archive = release.parent / f"{release.name}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted(release.iterdir()):
            info = zipfile.ZipInfo.from_file(path, f"{release.name}/{path.name}")
            info.compress_type = zipfile.ZIP_DEFLATED
            zipped.writestr(info, path.read_bytes())
    return archive


def build_release(out: Path, root: Path = ROOT, zip_it: bool = True) -> Path:
    """Build everything; return the release folder."""
    version = read_version(root)
    release = out / f"suivi-{version}"
    with tempfile.TemporaryDirectory(prefix="suivi-wheel-") as scratch:
        wheel = build_wheel(root, Path(scratch))
        lay_out(root, wheel, release)
    if zip_it:
        make_zip(release)
    return release


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist",
                        help="dossier de sortie (dist/ par défaut)")
    parser.add_argument("--no-zip", action="store_true", help="ne pas faire l'archive .zip")
    args = parser.parse_args(argv)
    release = build_release(args.out.resolve(), zip_it=not args.no_zip)
    for path in sorted(release.iterdir()):
        print(path)
    if not args.no_zip:
        print(release.parent / f"{release.name}.zip")
    return 0


if __name__ == "__main__":
    sys.exit(main())
