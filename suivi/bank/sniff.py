"""Which format a statement file is in (from its content), and decoding its text.

The extension is not trusted: a ".csv" may be an OFX and an ".xml" a CAMT.053 or anything
else. The first bytes decide:

    OFXHEADER:…                       OFX 1.x (SGML)
    <?xml …?> <?OFX …?> / <OFX>       OFX 2.x (XML)
    <?xml …?> <Document xmlns=…camt…  ISO 20022 (CAMT.053 is read; other messages refused)
    %PDF, PK (xlsx/zip), OLE (xls)    refused: not a statement suivi can read
    :20: … :60F: …                    refused: SWIFT MT940
    lines of 120 characters "01…"     refused: CFONB 120
    !Type:                            refused: QIF
    anything else that is text        CSV

Text encodings: a byte-order mark decides (UTF-8, UTF-16); otherwise UTF-8 when the bytes are
valid UTF-8, else Windows-1252 (a superset of Latin-1 for letters), else Latin-1. Text that
still holds control characters (NUL bytes of an UTF-16 file without mark, a binary file) is
refused as an unknown encoding, naming the line.
"""
from __future__ import annotations

import codecs
import re

from suivi.bank.errors import NotAStatement, UnknownEncoding, UnsupportedFormat

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CFONB_RECORD = re.compile(r"^(01|04|05|07)\d{2}")


def line_of(text: str, offset: int) -> int:
    """1-based line number of character `offset` of `text`."""
    return text.count("\n", 0, max(offset, 0)) + 1


def _check_controls(text: str, file: str, encoding: str) -> str:
    text = text.rstrip("\x1a")  # DOS end-of-file mark
    bad = _CONTROL.search(text)
    if bad:
        raise UnknownEncoding(file=file, line=line_of(text, bad.start()), encoding=encoding)
    return text


def decode(data: bytes, file: str, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding used) — see the module docstring. `encoding` forces one."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise UnknownEncoding("bank.encoding_unknown_name", file=file,
                                  encoding=encoding) from None
        if encoding.replace("_", "-").lower() in ("utf-8", "utf8") and \
                data.startswith(codecs.BOM_UTF8):
            encoding = "utf-8-sig"
        try:
            return _check_controls(data.decode(encoding), file, encoding), encoding
        except UnicodeDecodeError as exc:
            raise UnknownEncoding("bank.encoding_mismatch", file=file, encoding=encoding,
                                  line=data.count(b"\n", 0, exc.start) + 1) from None
    if data.startswith(codecs.BOM_UTF8):
        candidates: tuple[str, ...] = ("utf-8-sig",)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ("utf-16",)
    else:
        candidates = ("utf-8", "cp1252", "latin-1")
    for name in candidates:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        return _check_controls(text, file, name), name
    raise UnknownEncoding(file=file, line=1, encoding=candidates[-1])  # pragma: no cover


def _head(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data[:8192].decode("utf-16", errors="replace").lstrip("\ufeff")
    return data[:8192].decode("latin-1").removeprefix("\xef\xbb\xbf")


def sniff(data: bytes, file: str) -> str:
    """"ofx1", "ofx2", "xml" or "csv"; refuses what is not a statement suivi can read."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise NotAStatement("bank.empty", file=file)
    if data.startswith(b"%PDF"):
        raise UnsupportedFormat(file=file, format="PDF")
    if data.startswith(b"PK\x03\x04"):
        raise UnsupportedFormat(file=file, format="Excel (.xlsx) / ZIP")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnsupportedFormat(file=file, format="Excel 97-2003 (.xls)")
    head = _head(data).lstrip()
    upper = head.upper()
    if upper.startswith("OFXHEADER"):
        return "ofx1"
    if head.startswith("<"):
        if "<?OFX" in upper or re.search(r"<OFX\s*>", upper):
            return "ofx2" if head.startswith("<?xml") else "ofx1"
        return "xml"
    if re.search(r"<OFX\s*>", upper):
        return "ofx1"
    if re.search(r"^:20:", head, re.M) and re.search(r"^:6[01][FM]?:", head, re.M):
        raise UnsupportedFormat(file=file, format="SWIFT MT940")
    if upper.startswith("!TYPE:") or upper.startswith("!ACCOUNT"):
        raise UnsupportedFormat(file=file, format="QIF")
    lines = head.splitlines()[:3]
    if lines and all(len(line) == 120 and _CFONB_RECORD.match(line) for line in lines
                     if line != lines[-1] or len(lines) == 1):
        raise UnsupportedFormat(file=file, format="CFONB 120")
    return "csv"
