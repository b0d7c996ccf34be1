"""Why a statement file is refused: one exception tree, codes and parameters.

    SuiviError
    └── StatementError              the file cannot be imported (CLI exit code 2)
        ├── NotAStatement           no bank statement in it (empty, PDF, a spreadsheet, prose…)
        │   └── UnsupportedFormat   a known bank format suivi does not read (MT940, CFONB, QIF…)
        ├── MalformedStatement      the right format, but broken at a line or element
        │   └── TruncatedStatement  the file stops before its end
        ├── UnknownEncoding         the characters cannot be decoded
        ├── CsvColumnsNotFound      a CSV whose date/amount columns cannot be found
        └── UnsafeXml               XML with a DOCTYPE or entities (XXE, entity expansion)

Every error names the file (`file`) and, when known, the line (`line`) or the XML element
(`element`); the words are in `suivi/messages/catalog/bank.py`.
"""
from __future__ import annotations

from suivi.messages import SuiviError


class StatementError(SuiviError):
    code = "bank.error"


class NotAStatement(StatementError):
    code = "bank.not_a_statement"


class UnsupportedFormat(NotAStatement):
    code = "bank.unsupported_format"


class MalformedStatement(StatementError):
    code = "bank.malformed"


class TruncatedStatement(MalformedStatement):
    code = "bank.truncated"


class UnknownEncoding(StatementError):
    code = "bank.unknown_encoding"


class CsvColumnsNotFound(StatementError):
    code = "bank.csv_columns_not_found"


class UnsafeXml(StatementError):
    code = "bank.unsafe_xml"
