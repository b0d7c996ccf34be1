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

import html
import os
import re
import threading
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from .cell_marks import ErrorCells, column_number, record_marks, writes_zeros
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
    #: cells of a sheet's used area (rows × columns): the reader holds the area densely, so one
    #: value typed far away (XFD1048576) would need tens of gigabytes. 40 million is a full-height
    #: sheet 38 columns wide.
    area_cells: int = 40_000_000


DEFAULT_LIMITS = Limits()


class Format(Enum):
    XLSX = "xlsx"
    XLSM = "xlsm"


def workbooks_in(folder: Path) -> list[str]:
    """The names of the workbooks in `folder` (.xlsx, .xlsm), the last saved first, the files
    Excel or LibreOffice keep while one is open (« ~$… », « .~lock… ») set aside; [] when it
    cannot be listed."""
    try:
        found = [(entry.stat().st_mtime, entry.name) for entry in folder.iterdir()
                 if entry.is_file() and entry.name.lower().endswith((".xlsx", ".xlsm"))
                 and not entry.name.startswith(("~$", ".~lock", "."))]
    except OSError:
        return []
    return [name for _, name in sorted(found, key=lambda f: (-f[0], f[1].casefold()))]


def sniff(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> Format:
    """What `path` is, by its content; raises a `WorkbookError` naming the file otherwise."""
    p = Path(path)
    if not p.exists():
        if others := workbooks_in(p.parent):  # « Suivi factures 2026.xlsx », not the default
            raise WorkbookNotFound("workbook.not_found.others", path=str(p), files=others[:5],
                                   first=others[0])
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
            check_no_dtd(package, p.name)
    except zipfile.BadZipFile:
        raise NotAWorkbook("workbook.damaged", file=p.name) from None
    if "xl/workbook.bin" in names:
        raise NotAWorkbook("workbook.xlsb", file=p.name)
    if "xl/workbook.xml" not in names:
        if _opendocument(p, names):
            raise NotAWorkbook("workbook.ods", file=p.name)
        raise NotAWorkbook(file=p.name)
    return Format.XLSM if "xl/vbaProject.bin" in names else Format.XLSX


ODF_SPREADSHEET = b"application/vnd.oasis.opendocument.spreadsheet"


def _opendocument(path: Path, names: set[str]) -> bool:
    """Whether the package is an OpenDocument spreadsheet (its first entry, ``mimetype``, says
    so: ODF 1.2 part 3, §3.3), as LibreOffice saves by default."""
    if "mimetype" not in names:
        return False
    with zipfile.ZipFile(path) as package, package.open("mimetype") as entry:
        return entry.read(len(ODF_SPREADSHEET) + 16).strip().startswith(ODF_SPREADSHEET)


def check_sizes(package: zipfile.ZipFile, file: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse a part that would inflate beyond the limits (from the zip's own directory)."""
    for info in package.infolist():
        if info.file_size > limits.part_bytes:
            size = info.file_size // MB
            raise WorkbookTooLarge("workbook.part_too_large", file=file, part=info.filename,
                                   size=size, limit=limits.part_bytes // MB,
                                   suggested=min(4000, ((size + 50) // 100 + 1) * 100))
        if (info.file_size > limits.ratio_grace_bytes
                and info.file_size > limits.inflate_ratio * max(info.compress_size, 1)):
            raise WorkbookTooLarge("workbook.inflation", file=file, part=info.filename,
                                   ratio=info.file_size // max(info.compress_size, 1),
                                   limit=limits.inflate_ratio)


DTD_MARKS = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))
PROLOG_BYTES = 64 * 1024


def check_no_dtd(package: zipfile.ZipFile, file: str) -> None:
    """Refuse a part that declares a DTD: Office Open XML forbids them (ECMA-376 Part 2, §8.1.4),
    Excel refuses such a file, and a DTD is how entity-expansion attacks start. A DTD can only
    stand in the prolog, before the root element, so the first bytes of each part suffice."""
    for info in package.infolist():
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        with package.open(info) as part:
            head = part.read(PROLOG_BYTES)
        if any(mark in head for mark in DTD_MARKS):
            raise NotAWorkbook("workbook.dtd", file=file, part=info.filename)


# A cell with content (not a self-closing, style-only <c …/>) whose column is beyond AZ,
# or whose row has six or seven digits (beyond 99,999): only those can make a
# sheet wide or deep, and normal sheets have few of them, so the scan stays fast.
# One pattern for both (one pass over the sheet): columns BA and beyond with any row, columns
# A–AZ with a row of six or seven digits.
_WIDE_OR_DEEP_CELL = re.compile(
    rb'<c r="([B-Z][A-Z]|[A-Z]{3}|A?[A-Z](?=\d{6}))(\d{1,7})"(?:[^>/]|/(?!>))*>')
# Columns AA–AZ are common (trackers of 30 columns): they are only looked at on a sheet deep
# enough for them to matter (see `_extent`).
_FAIRLY_WIDE_CELL = re.compile(rb'<c r="(A[A-Z])(\d{1,7})"(?:[^>/]|/(?!>))*>')
FAIRLY_WIDE = 52  # column AZ


def check_extents(path: str | os.PathLike[str],
                  limits: Limits = DEFAULT_LIMITS) -> dict[str, ErrorCells]:
    """Refuse, before the reader loads them, sheets whose used area exceeds Excel's grid or
    `limits.area_cells` (naming the farthest cell, usually a stray value), and sheets with a
    date cell so far out of range that the reader would give up (naming the cell).

    Returns the Excel error values (#N/A, #DIV/0!…) found on the way, by sheet name: the reader
    would take them for empty cells. One streaming pass over each sheet, in bounded memory
    (`ExtentGuard` does it sheet by sheet while the reader works)."""
    guard = ExtentGuard(path, limits)
    try:
        return guard.finish()
    finally:
        guard.close()


class ExtentGuard:
    """`check_extents` sheet by sheet in a thread, so that a sheet can be parsed as soon as it
    is cleared: the parse (python-calamine) does not hold the GIL, and the other sheets are
    scanned while the invoice sheet is parsed instead of before.

    `cleared(sheet)` waits for that sheet's scan (taken next if not yet reached) and raises
    what `check_extents` would have raised for it; `finish()` waits for every sheet and raises
    the first refusal in package order, as `check_extents` does. `close()` stops the thread."""

    def __init__(self, path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> None:
        self._path, self._limits = Path(path), limits
        with zipfile.ZipFile(self._path) as package:
            self._parts = [info.filename for info in package.infolist()
                           if info.filename.startswith("xl/worksheets/")
                           and info.filename.endswith(".xml")]
            self._names = _sheet_names(package, self._parts)
            #: formulas saved as 0 by a program that does not calculate (`cell_marks`)
            self.zeros = writes_zeros(_part(package, "xl/workbook.xml"), set(package.namelist()))
        self._done = {part: threading.Event() for part in self._parts}
        self._errors: dict[str, ErrorCells] = {}
        self._failures: dict[str, BaseException] = {}
        self._wanted: list[str] = []
        self._lock = threading.Lock()
        self._stop = False
        self._thread = threading.Thread(target=self._run, name="suivi-scan", daemon=True)
        self._thread.start()

    def _next(self) -> str | None:
        with self._lock:
            waiting = [p for p in self._wanted if not self._done[p].is_set()]
            pending = waiting or [p for p in self._parts if not self._done[p].is_set()]
            return None if self._stop or not pending else pending[0]

    def _run(self) -> None:
        try:
            with zipfile.ZipFile(self._path) as package:
                while (part := self._next()) is not None:
                    try:
                        self._scan(package, part)
                    except BaseException as exc:  # raised in the reading thread
                        self._failures[part] = exc
                    finally:
                        self._done[part].set()
        except BaseException as exc:  # the file vanished or broke between two opens
            for part in self._parts:
                if not self._done[part].is_set():
                    self._failures[part] = exc
        finally:
            for event in self._done.values():
                event.set()

    def _scan(self, package: zipfile.ZipFile, part: str) -> None:
        scan = _extent(package, package.getinfo(part), self._limits, self.zeros)
        name = self._names[part]
        if scan.errors:
            self._errors[name] = scan.errors
        if scan.huge_negative:
            dates = _date_styles(package)
            cells = [ref for ref, style in scan.huge_negative if style in dates]
            if cells:
                raise NotAWorkbook("workbook.date_out_of_range", sheet=name, cells=cells[:20])
        if scan.width > 26 or scan.depth > 99_999:
            _check_area(scan, name, self._limits)

    def _parts_of(self, sheets: Sequence[str]) -> list[str]:
        return [part for sheet in sheets for part, name in self._names.items() if name == sheet]

    def want(self, sheets: Sequence[str]) -> None:
        """Scan these sheets next, in this order (before the ones asked for later)."""
        parts = self._parts_of(sheets)
        with self._lock:
            self._wanted.extend(parts)

    def cleared(self, sheet: str) -> ErrorCells:
        """Wait until `sheet` is scanned (every sheet, when its part is not known) and raise
        what the scan refused; its Excel error values."""
        parts = self._parts_of((sheet,)) or self._parts
        with self._lock:
            self._wanted.extend(parts)
        for part in parts:
            self._done[part].wait()
            if part in self._failures:
                raise self._failures[part]
        return self._errors.get(sheet, {})

    def finish(self) -> dict[str, ErrorCells]:
        """Every sheet scanned; the first refusal in package order is raised."""
        self._thread.join()
        for part in self._parts:
            if part in self._failures:
                raise self._failures[part]
        return dict(self._errors)

    def close(self) -> None:
        with self._lock:
            self._stop = True
        self._thread.join()


def _check_area(scan: _Scan, sheet: str, limits: Limits) -> None:
    if scan.depth > limits.rows:
        raise WorkbookTooLarge("workbook.too_many_rows", sheet=sheet, rows=scan.depth,
                               limit=limits.rows)
    if scan.width > limits.columns:
        raise WorkbookTooLarge("workbook.too_many_columns", sheet=sheet, columns=scan.width,
                               limit=limits.columns)
    if scan.width * scan.depth > limits.area_cells:
        raise WorkbookTooLarge("workbook.area_too_large", sheet=sheet, cell=scan.far,
                               rows=scan.depth, columns=scan.width)


@dataclass
class _Scan:
    width: int = 0
    depth: int = 0
    far: str = ""
    far_size: int = 0
    huge_negative: list[tuple[str, int]] = field(default_factory=list)  # (cell, style index)
    errors: ErrorCells = field(default_factory=dict)


# A number of -100 million or less: as a date (days before 1900) the reader cannot convert it
# and stops on the whole sheet. Rare enough in real sheets for the scan to stay fast.
_HUGE_NEGATIVE = re.compile(rb'<v>-(?:\d{9,}|\d(?:\.\d+)?[Ee]\+?\d+)')
_CELL_START = re.compile(rb'<c r="([A-Z]{1,3}\d{1,7})"([^>]*)>\s*$')
_STYLE = re.compile(rb'\bs="(\d+)"')


def _extent(package: zipfile.ZipFile, info: zipfile.ZipInfo,
            limits: Limits = DEFAULT_LIMITS, zeros: bool = False) -> _Scan:
    """Widest column, deepest row (among cells beyond AZ or row 99,999), the cell farthest, the
    cells holding a hugely negative number, and the marked cells (`cell_marks`: Excel error
    values, formulas without a value, or saved as 0 when `zeros`). Columns AA–AZ count
    only on a sheet deep enough for them to reach `limits.area_cells` (a second pass, rare)."""
    scan = _scan_part(package, info, (_WIDE_OR_DEEP_CELL,), zeros)
    if scan.width < FAIRLY_WIDE and scan.depth * FAIRLY_WIDE > limits.area_cells:
        wider = _scan_part(package, info, (_FAIRLY_WIDE_CELL,))
        if wider.width > scan.width:
            scan.width, scan.far = wider.width, wider.far
    return scan


def _scan_part(package: zipfile.ZipFile, info: zipfile.ZipInfo,
               patterns: tuple[re.Pattern[bytes], ...], zeros: bool = False) -> _Scan:
    scan = _Scan()
    tail = b""
    with package.open(info) as part:
        while chunk := part.read(1 << 22):
            data = tail + chunk
            for rx in patterns:
                for m in rx.finditer(data):
                    col, row = column_number(m[1].decode()), int(m[2])
                    scan.width, scan.depth = max(scan.width, col), max(scan.depth, row)
                    if col * row > scan.far_size:
                        scan.far, scan.far_size = m[1].decode() + m[2].decode(), col * row
            for m in _HUGE_NEGATIVE.finditer(data):  # rare: a literal search, then its cell
                start = data.rfind(b"<c ", max(0, m.start() - 512), m.start())
                cell = _CELL_START.match(data, start, m.start()) if start >= 0 else None
                if cell is None:
                    continue
                style = _STYLE.search(cell[2])
                item = (cell[1].decode(), int(style[1]) if style else 0)
                if item not in scan.huge_negative:
                    scan.huge_negative.append(item)
            # error values, formulas without a value or saved as 0 (`cell_marks`)
            record_marks(data, scan.errors, zeros)
            tail = data[-_OVERLAP:]
    return scan


_OVERLAP = 4096  # bytes kept from one chunk to the next: a cell cut in two is seen whole


#: Built-in number formats that are dates or times (ECMA-376 Part 1, 18.8.30).
_BUILTIN_DATES = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47})


def _date_styles(package: zipfile.ZipFile) -> set[int]:
    """Indexes of the cell styles (cellXfs) whose number format shows a date or a time."""
    try:
        xml = package.read("xl/styles.xml").decode("utf-8", "replace")
    except KeyError:
        return set()
    custom = {int(m[1]) for m in re.finditer(r'<numFmt\b[^>]*numFmtId="(\d+)"[^>]*formatCode="'
                                             r'([^"]*)"', xml)
              if _looks_like_date(m[2])}
    xfs = re.search(r"<cellXfs\b.*?</cellXfs>", xml, re.S)
    styles: set[int] = set()
    for index, xf in enumerate(re.findall(r"<xf\b[^>]*?/?>", xfs[0] if xfs else "")):
        fmt = re.search(r'numFmtId="(\d+)"', xf)
        number = int(fmt[1]) if fmt else 0
        if number in _BUILTIN_DATES or number in custom:
            styles.add(index)
    return styles


def _looks_like_date(code: str) -> bool:
    plain = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", html.unescape(code)).lower()
    return any(ch in plain for ch in "dyj") or ("m" in plain and "0" not in plain)


def _sheet_names(package: zipfile.ZipFile, parts: list[str]) -> dict[str, str]:
    """The name users see for each worksheet part (its tab), else the part's file name; the
    workbook and its relationships are read once for all the parts."""
    try:
        rels = package.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
        book = package.read("xl/workbook.xml").decode("utf-8", "replace")
    except KeyError:
        return {part: part for part in parts}
    sheets = re.findall(r"<sheet\b[^>]*>", book)
    rid_of: dict[str, str] = {}  # part (under xl/) → relationship id; the last one wins
    for element in re.findall(r"<Relationship\b[^>]*>", rels):
        target = re.search(r'Target="([^"]*)"', element)
        ident = re.search(r'Id="([^"]*)"', element)
        if target and ident:
            rid_of[target[1].lstrip("/").removeprefix("xl/")] = ident[1]
    names: dict[str, str] = {}
    for part in parts:
        rid = rid_of.get(part[3:])
        names[part] = part
        for element in sheets:
            name = re.search(r'\bname="([^"]*)"', element)
            if rid and name and re.search(r'\bid="' + re.escape(rid) + '"', element):
                names[part] = html.unescape(name[1])
                break
    return names


def _part(package: zipfile.ZipFile, name: str) -> bytes:
    try:
        return package.read(name)
    except KeyError:
        return b""


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
