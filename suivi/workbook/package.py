"""The workbook file itself: what it is, whether it is safe to open, and opening it.

`sniff(path)` is the one place that decides what a file is (an .xlsx/.xlsm package, an old
.xls, an encrypted workbook, something else) and refuses, before any parsing, a package whose
parts would inflate beyond reason (a "zip bomb"): the same rules for reading and writing.

Limits (`Limits`, defaults after Excel's own and Apache POI's `ZipSecureFile`):
- a part may not inflate to more than 200 MB;
- a part larger than 100 KB may not inflate more than 100 times its compressed size;
- a sheet may not have more than 1,048,576 rows or 16,384 columns, a cell not more than 32,767
  characters (checked by the reader, on what it reads).
"""
from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from .errors import (
    EncryptedWorkbook,
    NotAWorkbook,
    OldXlsFormat,
    WorkbookNotFound,
    WorkbookTooLarge,
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
MB = 1 << 20


@dataclass(frozen=True, slots=True)
class Limits:
    """What suivi accepts to open (a `[classeur]` setting may raise `part_bytes`)."""

    part_bytes: int = 200 * MB
    inflate_ratio: int = 100
    ratio_grace_bytes: int = 100 * 1024
    rows: int = 1_048_576
    columns: int = 16_384
    cell_chars: int = 32_767


DEFAULT_LIMITS = Limits()


class Format(Enum):
    XLSX = "xlsx"
    XLSM = "xlsm"


def sniff(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> Format:
    """What `path` is, by its content; raises a `WorkbookError` naming the file otherwise."""
    p = Path(path)
    if not p.exists():
        raise WorkbookNotFound(path=str(p))
    if p.is_dir():
        raise NotAWorkbook("workbook.is_folder", path=str(p))
    with p.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(OLE_MAGIC):
        kind = _ole_kind(p)
        if kind == "xls" or (kind == "" and p.suffix.lower() == ".xls"):
            raise OldXlsFormat(file=p.name)
        raise EncryptedWorkbook(file=p.name)
    if p.suffix.lower() == ".xls" or head.startswith(b"\x09\x08") or head.startswith(b"<?xml"):
        raise OldXlsFormat(file=p.name)
    if not head.startswith(ZIP_MAGIC) or not zipfile.is_zipfile(p):
        raise NotAWorkbook(file=p.name)
    try:
        with zipfile.ZipFile(p) as package:
            names = set(package.namelist())
            check_sizes(package, p.name, limits)
    except zipfile.BadZipFile:
        raise NotAWorkbook("workbook.damaged", file=p.name) from None
    if "xl/workbook.bin" in names:
        raise NotAWorkbook("workbook.xlsb", file=p.name)
    if "xl/workbook.xml" not in names:
        raise NotAWorkbook(file=p.name)
    return Format.XLSM if "xl/vbaProject.bin" in names else Format.XLSX


def check_sizes(package: zipfile.ZipFile, file: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse a part that would inflate beyond the limits (from the zip's own directory)."""
    for info in package.infolist():
        if info.file_size > limits.part_bytes:
            raise WorkbookTooLarge("workbook.part_too_large", file=file, part=info.filename,
                                   size=info.file_size // MB, limit=limits.part_bytes // MB)
        if (info.file_size > limits.ratio_grace_bytes
                and info.file_size > limits.inflate_ratio * max(info.compress_size, 1)):
            raise WorkbookTooLarge("workbook.inflation", file=file, part=info.filename,
                                   ratio=info.file_size // max(info.compress_size, 1),
                                   limit=limits.inflate_ratio)


def _ole_kind(path: Path) -> str:
    """What an OLE container holds, from its directory's stream names (UTF-16): "encrypted"
    ("EncryptionInfo"/"EncryptedPackage", a password-protected .xlsx), "xls" ("Workbook"/"Book",
    an Excel 97-2003 file, whatever its extension), or "" when neither is found."""
    data = path.read_bytes()[:4 << 20]
    if any(name.encode("utf-16-le") in data for name in ("EncryptedPackage", "EncryptionInfo")):
        return "encrypted"
    if any(name.encode("utf-16-le") in data for name in ("Workbook", "Book")):
        return "xls"
    return ""
