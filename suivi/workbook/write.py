"""Lossless writer: apply suivi's changes to the user's workbook without losing anything.

The workbook is a zip of XML parts. suivi rewrites only the worksheet parts it changes (streamed,
byte-level patches: untouched rows are copied byte for byte) and, when strictly needed, a few
package parts (workbook.xml for `fullCalcOnLoad` and new sheets, styles.xml for a missing date
style, [Content_Types].xml and relationships for new parts, tables that grow, calcChain).
Every other member is copied as its original compressed bytes: charts, pivots, VBA, x14
extensions, comments… stay exactly as they were.

    changes = Changes()
    changes.set_cell("Factures", "M12", "Réglée")
    changes.append_rows("Journal", [[date.today(), "relance", "F-0012"]])
    write_changes(path, changes, expected=fingerprint_read)   # under suivi's lock

`write_changes` is safe on a shared drive: the caller holds suivi's lock (a `WorkbookSession`,
or `commit()` / `update_workbook()` of `suivi.workbook.session` for one-off edits); it checks the
file did not change since it was read, writes a complete new file beside the old one (fsync),
keeps a backup, refuses if Excel/LibreOffice opened the file meanwhile, then swaps the new file
in atomically (os.replace).
"""
from __future__ import annotations

import os
import re
import shutil
import stat
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from suivi.fileio import fsync_dir

from .errors import WorkbookBusy, WorkbookChanged, WorkbookNotFound, WorkbookWriteError
from .fingerprint import Fingerprint
from .locks import check_not_open
from .package import DEFAULT_LIMITS, Limits, sniff
from .write_package import ChangeSet, PutSheet, build_package
from .xlsx_package import sheet_name_problem
from .xlsx_values import BadValue, CellValue, check_value, format_ref, parse_ref

__all__ = ["Changes", "CommitResult", "write_changes"]

CRASH_ENV = "SUIVI_TEST_CRASH_AT"
BACKUP_DIR = Path(".suivi") / "sauvegardes"


# --- changes -----------------------------------------------------------------------------------


class Changes:
    """Collects edits; nothing touches disk until commit."""

    def __init__(self) -> None:
        self._cells: dict[str, dict[tuple[int, int], CellValue]] = {}
        self._keep: dict[str, set[tuple[int, int]]] = {}
        self._appends: dict[str, list[tuple[CellValue, ...]]] = {}
        self._ensure: dict[str, tuple[str, ...]] = {}
        self._put: dict[str, PutSheet] = {}
        self.result: CommitResult | None = None  # set by update_workbook after its commit

    def set_cell(self, sheet: str, ref: str, value: CellValue, *,
                 keep_formula: bool = False) -> None:
        """Put `value` in cell `ref` ("M12") of `sheet`; None clears the value, keeps the style.

        Whatever is written, the formulas of the row that depend on it get their cached result
        recomputed (or dropped when suivi cannot compute it: see `xlsx_recalc`). With
        `keep_formula`, a cell holding a formula keeps it (the user's own « Reste dû » or a
        SUMIF of the payments) and only its cached result follows; `value` is written when
        the cell holds no formula."""
        try:
            position = parse_ref(ref)
        except ValueError:
            raise WorkbookWriteError("writer.bad_ref", ref=ref, sheet=sheet) from None
        self._check(sheet, format_ref(*position), value)
        self._cells.setdefault(sheet, {})[position] = value
        kept = self._keep.setdefault(sheet, set())
        if keep_formula:
            kept.add(position)
        else:
            kept.discard(position)

    def append_rows(self, sheet: str, rows: Sequence[Sequence[CellValue]]) -> None:
        """Add rows (from column A) after the last row of `sheet` that holds a value."""
        checked = []
        for number, row in enumerate(rows, start=1):
            if isinstance(row, (str, bytes)):
                raise WorkbookWriteError("writer.append_row_text", sheet=sheet, row=number)
            for value in row:
                self._check(sheet, f"(ligne ajoutée {number})", value)
            checked.append(tuple(row))
        if checked:
            self._appends.setdefault(sheet, []).extend(checked)

    def ensure_sheet(self, name: str, header: Sequence[str]) -> None:
        """Create a plain sheet `name` with this header row, at the end, if it does not exist."""
        _check_sheet_name(name)
        self._ensure[name] = tuple(str(title) for title in header)

    def put_sheet(self, name: str, source_xlsx: bytes, *, source_sheet: str | None = None) -> None:
        """Add or replace the sheet `name` (owned by suivi) with a sheet of `source_xlsx`."""
        _check_sheet_name(name)
        self._put[name] = PutSheet(bytes(source_xlsx), source_sheet)

    def is_empty(self) -> bool:
        return not (self._cells or self._appends or self._ensure or self._put)

    def snapshot(self) -> ChangeSet:
        """The collected changes as plain data (what the package builder applies)."""
        return ChangeSet({sheet: dict(cells) for sheet, cells in self._cells.items()},
                         {sheet: list(rows) for sheet, rows in self._appends.items()},
                         dict(self._ensure), dict(self._put),
                         {sheet: frozenset(kept) for sheet, kept in self._keep.items() if kept})

    @staticmethod
    def _check(sheet: str, where: str, value: object) -> None:
        try:
            check_value(value)
        except BadValue as exc:
            raise WorkbookWriteError("writer.value_refused", sheet=sheet, where=where,
                                     problem=exc.message) from None


def _check_sheet_name(name: str) -> None:
    problem = sheet_name_problem(name)
    if problem:
        raise WorkbookWriteError("writer.bad_sheet_name", problem=problem)


@dataclass(frozen=True, slots=True)
class CommitResult:
    """What a commit did: the workbook, its backup (None when backups=0 or nothing to do), the
    zip parts written/added/removed, the cells written and the rows appended."""

    path: Path
    backup: Path | None
    parts_changed: list[str]
    cells_written: int
    rows_appended: int
    #: sheet → cells asked to take a value that kept the user's formula instead (row, col)
    kept_formulas: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


# --- checks before writing ----------------------------------------------------------------------


def _crash_point(name: str) -> None:
    """Test hook: die here (as a power cut would) when SUIVI_TEST_CRASH_AT names this point."""
    if os.environ.get(CRASH_ENV) == name:
        sys.stdout.flush()
        os._exit(77)


# --- commit ------------------------------------------------------------------------------------


def _backup(path: Path, keep: int) -> Path | None:
    if keep <= 0:
        return None
    folder = path.parent / BACKUP_DIR
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{path.stem}-{stamp}{path.suffix}"
    shutil.copy2(path, target)
    pattern = re.compile(re.escape(path.stem) + r"-\d{8}-\d{6}-\d{6}" + re.escape(path.suffix) + "$")
    existing = sorted(p for p in folder.iterdir() if pattern.match(p.name))
    for old in existing[:-keep]:
        old.unlink(missing_ok=True)
    return target


def _temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.suivi-tmp-{os.getpid()}-{time.monotonic_ns()}")


def _clean_temp_files(path: Path) -> None:
    """Remove temp files left by a run that died (we hold the lock: none is in use)."""
    prefix = f".{path.name}.suivi-tmp-"
    for leftover in path.parent.iterdir():
        if leftover.name.startswith(prefix):
            try:
                leftover.unlink()
            except OSError:
                pass


def _replace(temp: Path, path: Path) -> None:
    for attempt in range(5):
        try:
            os.replace(temp, path)
            return
        except PermissionError:
            if attempt == 4:
                raise WorkbookBusy("workbook.replace_refused", file=path.name) from None
            time.sleep(0.2 * (attempt + 1))


def write_changes(path: str | os.PathLike[str], changes: Changes, *,
                  expected: Fingerprint | None = None, backups: int = 10,
                  limits: Limits = DEFAULT_LIMITS) -> CommitResult:
    """Write `changes` into the workbook at `path`; the caller holds suivi's lock."""
    path = Path(path)
    if changes.is_empty():
        return CommitResult(path, None, [], 0, 0)
    if not path.is_file():
        raise WorkbookNotFound(path=str(path))
    info = _check_writable(path, expected, limits)
    temp = _temp_name(path)
    try:
        outcome = build_package(path, changes.snapshot(), temp,
                                halfway=lambda: _crash_point("mid_temp_write"))
        backup = _backup(path, backups)
        _crash_point("after_backup")
        _swap_in(temp, path, info)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        where = exc.filename if isinstance(exc.filename, str) else str(path.parent)
        raise WorkbookWriteError("writer.write_failed", file=path.name, folder=where,
                                 reason=exc.strerror or str(exc)) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _crash_point("after_replace")
    return CommitResult(path, backup, sorted(outcome.parts_changed), outcome.cells_written,
                        outcome.rows_appended, outcome.kept_formulas)


def _check_writable(path: Path, expected: Fingerprint | None,
                    limits: Limits) -> os.stat_result:
    """Same content as read, writable, a real package; old temp files gone."""
    if expected is not None and not expected.still_matches(path):
        raise WorkbookChanged("writer.changed_since_read", file=path.name)
    info = path.stat()
    if not info.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        raise WorkbookWriteError("writer.read_only", file=path.name)
    if not os.access(path.parent, os.W_OK):
        raise WorkbookWriteError("workbook.read_only_folder", file=path.name,
                                 folder=str(path.parent))
    sniff(path, limits)
    _clean_temp_files(path)
    return info


def _swap_in(temp: Path, path: Path, before: os.stat_result) -> None:
    """Last checks, then the atomic replacement (permission bits kept, folder synced)."""
    check_not_open(path)
    now = path.stat()
    if (now.st_size, now.st_mtime_ns) != (before.st_size, before.st_mtime_ns):
        raise WorkbookChanged("writer.changed_during_write", file=path.name)
    os.chmod(temp, stat.S_IMODE(before.st_mode))
    _crash_point("before_replace")
    _replace(temp, path)
    fsync_dir(path.parent)
