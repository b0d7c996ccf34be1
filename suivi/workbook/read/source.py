"""Opening the workbook with python-calamine and getting sheets as rows of Python values."""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from python_calamine import CalamineSheet, CalamineWorkbook, PasswordError

from suivi.workbook import vocabulary as voc
from suivi.workbook.errors import EncryptedWorkbook, NotAWorkbook, WorkbookTooLarge
from suivi.workbook.package import DEFAULT_LIMITS, ErrorCells, Limits, check_extents, sniff
from suivi.workbook.read.errors_scan import far_dates

Rows = list[list[Any]]


def open_workbook(path: str | os.PathLike[str],
                  limits: Limits = DEFAULT_LIMITS) -> tuple[CalamineWorkbook, dict[str, ErrorCells]]:
    """Sniff the file (refusing what is not a safe .xlsx/.xlsm), scan its sheets (limits, and
    the Excel error values calamine would read as blanks), then open it with calamine."""
    p = Path(path)
    sniff(p, limits)
    errors = check_extents(p, limits)
    try:
        return CalamineWorkbook.from_path(str(p)), errors
    except PasswordError:
        raise EncryptedWorkbook(file=p.name) from None
    except Exception as exc:  # calamine raises several error types for broken files
        raise NotAWorkbook("workbook.calamine", file=p.name, reason=_short(exc)) from None


def sheet_rows(wb: CalamineWorkbook, name: str, limits: Limits = DEFAULT_LIMITS) -> Rows:
    """All rows of a sheet aligned on A1 (row 0 is Excel row 1); empty cells are ''."""
    return sheet_values(wb, name, load_sheet(wb, name), limits)


def load_sheet(wb: CalamineWorkbook, name: str) -> CalamineSheet:
    """The sheet parsed by calamine, not yet turned into Python values. The parse does not hold
    the GIL: another thread can do it while this one works."""
    with _reading(wb, name):
        return wb.get_sheet_by_name(name)


def sheet_values(wb: CalamineWorkbook, name: str, sheet: CalamineSheet,
                 limits: Limits = DEFAULT_LIMITS) -> Rows:
    """The rows of a parsed sheet (see `sheet_rows`), within `limits`."""
    with _reading(wb, name):
        rows: Rows = sheet.to_python(skip_empty_area=False)
    if len(rows) > limits.rows:
        raise WorkbookTooLarge("workbook.too_many_rows", sheet=name, rows=len(rows),
                               limit=limits.rows)
    width = max((len(r) for r in rows), default=0)
    if width > limits.columns:
        raise WorkbookTooLarge("workbook.too_many_columns", sheet=name, columns=width,
                               limit=limits.columns)
    return rows


@contextmanager
def _reading(wb: CalamineWorkbook, name: str) -> Iterator[None]:
    """calamine's errors while reading sheet `name`, as one clear NotAWorkbook."""
    try:
        yield
    except Exception as exc:  # a missing or broken sheet part, an entity, bad XML…
        raise NotAWorkbook("workbook.sheet_unreadable", sheet=name, reason=_short(exc)
                           ) from None
    except BaseException as exc:  # the reader's own panic (pyo3), e.g. a date out of range
        if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
            raise
        cells = far_dates(wb.path, name) if wb.path else []
        if cells:
            raise NotAWorkbook("workbook.date_out_of_range", sheet=name, cells=cells) from None
        raise NotAWorkbook("workbook.sheet_unreadable", sheet=name, reason=_short(exc)
                           ) from None


def worksheet_names(wb: CalamineWorkbook) -> list[str]:
    return [meta.name for meta in wb.sheets_metadata if str(meta.typ).endswith("WorkSheet")]


def find_sheet(names: Iterable[str], candidates: Sequence[str]) -> str | None:
    folded = {voc.fold_header(n): n for n in names}
    for candidate in candidates:
        if voc.fold_header(candidate) in folded:
            return folded[voc.fold_header(candidate)]
    return None


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:200] + ("…" if len(text) > 200 else "")
