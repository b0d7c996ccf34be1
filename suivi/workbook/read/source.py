"""Opening the workbook with python-calamine and getting sheets as rows of Python values."""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from python_calamine import CalamineSheet, CalamineWorkbook, PasswordError

from suivi.memory import release_freed
from suivi.workbook import vocabulary as voc
from suivi.workbook.errors import EncryptedWorkbook, NotAWorkbook, WorkbookTooLarge
from suivi.workbook.package import DEFAULT_LIMITS, ErrorCells, ExtentGuard, Limits, sniff
from suivi.workbook.read.errors_scan import far_dates

Rows = list[list[Any]]


class Book:
    """The workbook opened by calamine, with the scan (`ExtentGuard`) that clears each sheet
    before calamine parses it."""

    def __init__(self, calamine: CalamineWorkbook, guard: ExtentGuard, path: Path) -> None:
        self.calamine, self.guard, self.path = calamine, guard, path
        #: merged cells of each sheet read: ((first row, first column), (last row, last
        #: column)), 0-based
        self.merges: dict[str, list[tuple[tuple[int, int], tuple[int, int]]]] = {}

    def errors(self, sheet: str) -> ErrorCells:
        """The Excel error values of `sheet` (#N/A…), which calamine reads as blanks."""
        return self.guard.cleared(sheet)

    def sheet_cells(self, name: str) -> tuple[Rows, ErrorCells] | None:
        """Another sheet's rows (aligned on A1) and marked cells, None when there is no such
        worksheet: what a formula saved without its value needs (=SUMIF(Paiements!A:A,…)).
        Read on a handle of its own: this one may be parsing a sheet in another thread."""
        found = next((n for n in worksheet_names(self) if n.casefold() == name.casefold()), None)
        if found is None:
            return None
        twin = self.twin()
        try:
            return sheet_rows(twin, found), self.errors(found)
        finally:
            twin.close_twin()

    def finish(self) -> None:
        """Every sheet cleared, read or not: a refused one is raised (as `check_extents`)."""
        self.guard.finish()

    def close(self) -> None:
        self.guard.close()
        self.calamine.close()

    def twin(self) -> Book:
        """A second calamine handle on the same file, sharing this one's scan: calamine parses
        one sheet of a handle at a time, and two handles let two threads parse two sheets at
        once (neither holds the GIL). Closed with `close_twin`, which leaves the scan running
        for this one."""
        return Book(CalamineWorkbook.from_path(str(self.path)), self.guard, self.path)

    def close_twin(self) -> None:
        self.calamine.close()


def open_workbook(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> Book:
    """Sniff the file (refusing what is not a safe .xlsx/.xlsm), open it with calamine, and
    start scanning its sheets (limits, and the Excel error values calamine would read as
    blanks): a sheet is parsed only once its scan cleared it."""
    p = Path(path)
    sniff(p, limits)
    try:
        calamine = CalamineWorkbook.from_path(str(p))
    except PasswordError:
        raise EncryptedWorkbook(file=p.name) from None
    except Exception as exc:  # calamine raises several error types for broken files
        raise NotAWorkbook("workbook.calamine", file=p.name, reason=_short(exc)) from None
    try:
        return Book(calamine, ExtentGuard(p, limits), p)
    except BaseException:
        calamine.close()
        raise


def sheet_rows(book: Book, name: str, limits: Limits = DEFAULT_LIMITS) -> Rows:
    """All rows of a sheet aligned on A1 (row 0 is Excel row 1); empty cells are ''. The parsed
    cells are dropped once they are Python values, and their memory given back at once: the
    records read from the rows come next, and the peak of a large read is theirs plus these."""
    rows = sheet_values(book, name, load_sheet(book, name), limits)
    release_freed()
    return rows


def load_sheet(book: Book, name: str) -> CalamineSheet:
    """The sheet parsed by calamine, not yet turned into Python values, once its scan cleared
    it. The parse does not hold the GIL: another thread can do it while this one works."""
    book.guard.cleared(name)
    with _reading(book, name):
        return book.calamine.get_sheet_by_name(name)


def sheet_values(book: Book, name: str, sheet: CalamineSheet,
                 limits: Limits = DEFAULT_LIMITS) -> Rows:
    """The rows of a parsed sheet (see `sheet_rows`), within `limits`."""
    with _reading(book, name):
        rows: Rows = sheet.to_python(skip_empty_area=False)
        book.merges[name] = list(getattr(sheet, "merged_cell_ranges", None) or ())
    if len(rows) > limits.rows:
        raise WorkbookTooLarge("workbook.too_many_rows", sheet=name, rows=len(rows),
                               limit=limits.rows)
    width = max((len(r) for r in rows), default=0)
    if width > limits.columns:
        raise WorkbookTooLarge("workbook.too_many_columns", sheet=name, columns=width,
                               limit=limits.columns)
    return rows


def head_values(book: Book, name: str, sheet: CalamineSheet, count: int = 10) -> Rows:
    """The first `count` rows of a parsed sheet (the others are not made Python values)."""
    with _reading(book, name):
        return [list(row) for row in sheet.to_python(skip_empty_area=False, nrows=count)]


@contextmanager
def _reading(book: Book, name: str) -> Iterator[None]:
    """calamine's errors while reading sheet `name`, as one clear NotAWorkbook."""
    try:
        yield
    except Exception as exc:  # a missing or broken sheet part, an entity, bad XML…
        raise NotAWorkbook("workbook.sheet_unreadable", sheet=name, reason=_short(exc)
                           ) from None
    except BaseException as exc:  # the reader's own panic (pyo3), e.g. a date out of range
        if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
            raise
        cells = far_dates(book.path, name)
        if cells:
            raise NotAWorkbook("workbook.date_out_of_range", sheet=name, cells=cells) from None
        raise NotAWorkbook("workbook.sheet_unreadable", sheet=name, reason=_short(exc)
                           ) from None


def worksheet_names(book: Book) -> list[str]:
    return [meta.name for meta in book.calamine.sheets_metadata if str(meta.typ).endswith("WorkSheet")]


#: Words a team adds to a sheet's name that say nothing else of it: « Liste clients », « Base
#: clients », « Fichier client », « Coordonnées clients », « Paiements 2026 » (folded).
_AROUND = frozenset({"liste", "base", "fichier", "coordonnees", "repertoire", "donnees",
                     "annuaire", "de", "des", "du", "d", "les", "la", "le", "nos", "mes", "l"})


def find_sheet(names: Iterable[str], candidates: Sequence[str]) -> str | None:
    """The sheet named as one of `candidates` (case, accents and punctuation aside), else the
    first whose name is one of their one-word names with only words that say nothing else
    around it (`_AROUND`, a year), when only one sheet is so named: « Liste clients » or
    « Clients 2026 » for « clients »; not « Factures clients » nor « Relances clients »."""
    names = list(names)
    folded = {voc.fold_header(n): n for n in names}
    for candidate in candidates:
        if voc.fold_header(candidate) in folded:
            return folded[voc.fold_header(candidate)]
    single = {f for c in candidates if " " not in (f := voc.fold_header(c))}
    loose = [name for key, name in folded.items() if _named_as(key.split(), single)]
    return loose[0] if len(loose) == 1 else None  # « Paiements 2025 » and « 2026 »: not known


def _named_as(words: list[str], single: set[str]) -> bool:
    return any(w in single for w in words) and all(
        w in single or w in _AROUND or w.isdigit() and len(w) == 4 for w in words)


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:200] + ("…" if len(text) > 200 else "")
