"""Who holds the workbook: Excel/LibreOffice owner files and suivi's own lock.

On a shared drive the master workbook may be open on a colleague's PC. Excel then leaves an owner
file `~$Classeur.xlsx` beside it, LibreOffice a `.~lock.Classeur.xlsx#`; writing the workbook
meanwhile would be lost when they save. suivi refuses, naming the person.

Two suivi runs must not write at once either: `workbook_lock` takes a file lock
(`.Classeur.xlsx.suivi.lock`) beside the workbook. It is re-entrant within one process, so the
pipeline can hold it for a whole run while `commit()` takes it again.
"""
from __future__ import annotations

import csv
import io
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import filelock

UNKNOWN_USER = "un utilisateur inconnu"
_EXCEL_OWNER_MAX = 4096


class WorkbookBusy(Exception):
    """The workbook is open elsewhere or another suivi run holds it (CLI exit code 3)."""

    def __init__(self, message: str, owner: str | None = None) -> None:
        super().__init__(message)
        self.owner = owner


def _printable(name: str) -> str | None:
    name = name.replace("\x00", "").strip()
    if not name or any(ord(ch) < 32 for ch in name):
        return None
    return name


def _excel_owner_name(data: bytes) -> str | None:
    """Name in an Excel owner file: UTF-16LE (length at offset 54) or the cp1252 copy at byte 0."""
    if len(data) >= 56:
        length = int.from_bytes(data[54:56], "little")
        if 0 < length <= 255 and len(data) >= 56 + 2 * length:
            try:
                name = _printable(data[56:56 + 2 * length].decode("utf-16-le"))
            except UnicodeDecodeError:
                name = None
            if name:
                return name
    if data:
        length = data[0]
        if 0 < length < len(data):
            name = _printable(data[1:1 + length].decode("cp1252", errors="replace"))
            if name and "\ufffd" not in name:
                return name
    return None


def _libreoffice_owner_name(data: bytes) -> str | None:
    """Name in a LibreOffice lock file: `,Prénom Nom,host,date,profile;` (UTF-8, CSV)."""
    text = data.decode("utf-8", errors="replace").strip().rstrip(";")
    try:
        fields = next(csv.reader(io.StringIO(text)), [])
    except csv.Error:
        return None
    for candidate in fields[1:2] + fields[:1]:
        name = _printable(candidate)
        if name and "\ufffd" not in name:
            return name
    return None


def _owner_files(path: Path) -> list[tuple[Path, bool]]:
    """Candidate owner files; the flag tells whether it is Excel's layout."""
    return [(path.with_name("~$" + path.name), True),
            (path.with_name(f".~lock.{path.name}#"), False)]


def office_owner(path: str | os.PathLike[str]) -> str | None:
    """Who has `path` open in Excel or LibreOffice, from their owner/lock file.

    Returns the name found, `UNKNOWN_USER` when such a file exists but holds no readable name,
    None when there is no such file.
    """
    path = Path(path)
    for candidate, excel in _owner_files(path):
        try:
            with open(candidate, "rb") as handle:
                data = handle.read(_EXCEL_OWNER_MAX)
        except FileNotFoundError:
            continue
        except OSError:
            return UNKNOWN_USER
        name = _excel_owner_name(data) if excel else _libreoffice_owner_name(data)
        return name or UNKNOWN_USER
    return None


def check_not_open(path: str | os.PathLike[str]) -> None:
    """Raise WorkbookBusy (naming the owner) when the workbook is open in Excel or LibreOffice."""
    path = Path(path)
    owner = office_owner(path)
    if owner is None:
        return
    raise WorkbookBusy(
        f"Le classeur « {path.name} » est ouvert par {owner} (Excel ou LibreOffice) : suivi ne "
        "peut pas l'écrire sans risquer de perdre ses modifications. Demandez-lui de fermer le "
        f"classeur, puis relancez suivi. Si personne ne l'a ouvert, supprimez le fichier "
        f"« ~${path.name} » ou « .~lock.{path.name}# » resté dans le dossier {path.parent}.",
        owner)


def lock_path(path: str | os.PathLike[str]) -> Path:
    """The suivi lock file beside the workbook."""
    path = Path(path)
    return path.with_name(f".{path.name}.suivi.lock")


@dataclass
class _Held:
    lock: filelock.BaseFileLock
    depth: int
    thread: int


_registry: dict[str, _Held] = {}
_registry_guard = threading.Lock()


def _key(path: Path) -> str:
    return os.path.normcase(os.path.abspath(path))


@contextmanager
def workbook_lock(path: str | os.PathLike[str], timeout: float) -> Iterator[None]:
    """Hold suivi's lock on `path`; re-entrant in one thread; WorkbookBusy after `timeout` s."""
    target = lock_path(path)
    key = _key(target)
    me = threading.get_ident()
    with _registry_guard:
        held = _registry.get(key)
        if held is not None and held.thread == me:
            held.depth += 1
            reentered = True
        else:
            reentered = False
    if not reentered:
        lock = filelock.FileLock(str(target), timeout=timeout, thread_local=False)
        try:
            lock.acquire(timeout=timeout)
        except filelock.Timeout:
            raise WorkbookBusy(
                f"Une autre exécution de suivi utilise déjà le classeur « {Path(path).name} » "
                f"(verrou {target.name}) depuis plus de {timeout:g} s ; réessayez dans quelques "
                "minutes.") from None
        with _registry_guard:
            _registry[key] = _Held(lock, 1, me)
    try:
        yield
    finally:
        with _registry_guard:
            held = _registry[key]
            held.depth -= 1
            done = held.depth == 0
            if done:
                del _registry[key]
        if done:
            held.lock.release()
