"""Who holds the workbook: Excel/LibreOffice owner files and suivi's own lock.

On a shared drive the master workbook may be open on a colleague's PC. Excel then leaves an owner
file `~$Classeur.xlsx` beside it, LibreOffice a `.~lock.Classeur.xlsx#`; writing the workbook
meanwhile would be lost when they save. suivi refuses, naming the person.

Two suivi runs must not write at once either: `hold_lock` takes a file lock
(`.Classeur.xlsx.suivi.lock`) beside the workbook. One owner takes it once per run: the
`WorkbookSession` of `suivi.workbook.session`.
"""
from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import filelock

from .errors import WorkbookBusy

UNKNOWN_USER = ""
_EXCEL_OWNER_MAX = 4096


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
    raise WorkbookBusy("workbook.open_by" if owner else "workbook.open_by_unknown",
                       file=path.name, owner=owner, folder=str(path.parent))


def lock_path(path: str | os.PathLike[str]) -> Path:
    """The suivi lock file beside the workbook."""
    path = Path(path)
    return path.with_name(f".{path.name}.suivi.lock")


@contextmanager
def hold_lock(path: str | os.PathLike[str], timeout: float) -> Iterator[None]:
    """Hold suivi's lock on the workbook `path`; WorkbookBusy after `timeout` seconds."""
    target = lock_path(path)
    lock = filelock.FileLock(str(target), timeout=timeout, thread_local=False)
    try:
        lock.acquire(timeout=timeout)
    except filelock.Timeout:
        raise WorkbookBusy("workbook.locked", file=Path(path).name, lock=target.name,
                           seconds=timeout) from None
    try:
        yield
    finally:
        lock.release()
