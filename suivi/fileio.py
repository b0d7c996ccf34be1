"""Durable file writes shared by every part of suivi that writes files beside the workbook."""
from __future__ import annotations

import csv
import errno
import io
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from suivi.core.message import Message


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; a no-op where directories cannot be opened)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder, fsync, rename: the
    file is either the old one or the complete new one, never half written."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError) and not exc.filename:  # a failed write names no file
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
    fsync_dir(path.parent)


# --- CSV exports -------------------------------------------------------------------------------

#: What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d[\d \u00a0\u202f]*(?:[.,]\d+)?(?:\s?(?:€|%))?")


def csv_cell(value: object) -> str:
    """A cell as text that no spreadsheet will evaluate: a leading = + - @ tab or CR gets a
    leading apostrophe (OWASP's rule), so `=HYPERLINK(…)` in a client's name stays text. A plain
    number (-38,40 €) is left alone: it cannot be a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """Every CSV suivi writes: Excel-friendly (';', UTF-8 with BOM, CRLF), each cell through
    `csv_cell`."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """`csv_bytes`, written atomically."""
    write_atomic(path, csv_bytes(header, rows))


# --- errors from the system ---------------------------------------------------------------------

_DISK_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ETXTBSY}
_NOT_DIR = {errno.ENOTDIR, errno.EEXIST, errno.EISDIR}


def os_error_message(exc: OSError) -> Message:
    """What went wrong with a file, in the user's words (the OS's own text is English)."""
    path = exc.filename or exc.filename2 or ""
    if exc.errno in _DISK_FULL:
        kind = "disk_full"
    elif exc.errno in _DENIED or isinstance(exc, PermissionError):
        kind = "denied"
    elif exc.errno in _NOT_DIR:
        kind = "not_dir"
    else:
        kind = "other"
    return Message.of(f"os.{kind}", path=str(path), reason=exc.strerror or str(exc))
