"""Reading a statement file: the format is recognised from the content, then the reader of that
format runs (see the package docstring)."""
from __future__ import annotations

from pathlib import Path

from suivi.bank.camt import read_camt
from suivi.bank.csv_reader import read_csv
from suivi.bank.errors import NotAStatement, StatementError
from suivi.bank.mapping import CsvMapping
from suivi.bank.ofx import read_ofx
from suivi.bank.sniff import sniff
from suivi.core.bank_models import Statement

#: Larger files are refused: a year of a busy account is a few megabytes.
MAX_BYTES = 64 * 1024 * 1024


def parse_statement(data: bytes, name: str, csv_mapping: CsvMapping | None = None) -> Statement:
    """The statement in `data` (the content of file `name`, which messages quote)."""
    if len(data) > MAX_BYTES:
        raise NotAStatement("bank.too_large", file=name, size=len(data), limit=MAX_BYTES)
    kind = sniff(data, name)
    if kind in ("ofx1", "ofx2"):
        return read_ofx(data, name, kind)
    if kind == "xml":
        return read_camt(data, name)
    return read_csv(data, name, csv_mapping)


def read_statement(path: str | Path, csv_mapping: CsvMapping | None = None) -> Statement:
    """Read the statement file at `path`; the `Statement` names it by its file name."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise NotAStatement("bank.too_large", file=path.name, size=size, limit=MAX_BYTES)
        data = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        raise StatementError("bank.file_not_found", file=str(path)) from None
    except OSError as exc:
        raise StatementError("bank.file_unreadable", file=str(path),
                             detail=exc.strerror or str(exc)) from None
    return parse_statement(data, path.name, csv_mapping)
