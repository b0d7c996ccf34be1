"""Bank statements: reading the files banks give (the adapter; matching is in `suivi.core`).

Entry points:

    read_statement(path, csv_mapping=None) -> Statement      # a file on disk
    parse_statement(data, name, csv_mapping=None) -> Statement  # bytes already read

The format is recognised from the content (`suivi.bank.sniff`): French bank CSV exports
(`suivi.bank.csv_reader`, settings in `CsvMapping` from `[banque.csv]`), OFX 1.x and 2.x
(`suivi.bank.ofx`, with ofxtools), CAMT.053 (`suivi.bank.camt`, with lxml). A file that cannot
be imported raises a `StatementError` (see `suivi.bank.errors`) naming the file and the line or
element. Matching the credits with invoices: `suivi.core.matching`; what they change:
`suivi.core.bank_apply`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from suivi.bank.errors import (
    CsvColumnsNotFound,
    MalformedStatement,
    NotAStatement,
    StatementError,
    TruncatedStatement,
    UnknownEncoding,
    UnsafeXml,
    UnsupportedFormat,
)
from suivi.bank.mapping import CSV_KEYS, BankSettingsError, CsvMapping
from suivi.core.bank_models import Statement

if TYPE_CHECKING:
    from suivi.bank.reader import MAX_BYTES, parse_statement, read_statement

__all__ = ["CSV_KEYS", "MAX_BYTES", "BankSettingsError", "CsvColumnsNotFound", "CsvMapping",
           "MalformedStatement", "NotAStatement", "Statement", "StatementError",
           "TruncatedStatement", "UnknownEncoding", "UnsafeXml", "UnsupportedFormat",
           "parse_statement", "read_statement"]

_READER = ("MAX_BYTES", "parse_statement", "read_statement")


def __getattr__(name: str) -> Any:
    """The readers load ofxtools and lxml (half a second): only when a statement is read, so
    that the settings (`suivi.bank.settings`) stay light for every command."""
    if name in _READER:
        from suivi.bank import reader  # ofxtools and lxml load only when a statement is read

        return getattr(reader, name)
    raise AttributeError(f"module 'suivi.bank' has no attribute {name!r}")
