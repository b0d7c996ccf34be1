"""OFX statements (1.x SGML and 2.x XML) → `Statement`, parsed by ofxtools.

ofxtools reads the header and builds the element tree, including OFX 1.x's unclosed SGML
elements. suivi then reads the few elements it needs from that tree rather than calling
ofxtools' `convert()`, whose model validation refuses files French banks really produce:
statements without SONRS or LEDGERBAL, NAME longer than 32 characters, amounts written
"1 200,00", unknown TRNTYPE values.

Before ofxtools sees the bytes, two repairs:

- 1.x: the body is decoded with what it really is (UTF-8 when it is valid UTF-8 with accents,
  else the declared CHARSET, else Windows-1252), re-encoded as UTF-8 and declared
  ``CHARSET:NONE`` (which ofxtools reads as UTF-8). Banks declare ``CHARSET:1252`` for UTF-8
  bodies and ``CHARSET:UTF-8``, which ofxtools refuses, for either.
- 2.x: a body that is not UTF-8 (ofxtools' only choice) is decoded as its XML declaration says
  (else Windows-1252) and re-encoded as UTF-8.

Dates are the first eight digits of DTPOSTED (the bank's own day; ofxtools would move
"20260305000000[+1:CET]" to the 4th in UTC). FITID is the transaction id; when a bank repeats a
FITID within one file, later repeats get "#2", "#3"… so that none is lost.
"""
from __future__ import annotations

import codecs
import io
import re
import warnings
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from xml.sax import saxutils

from ofxtools.header import OFXHeaderError
from ofxtools.Parser import OFXTree, ParseError, TreeBuilder

from suivi.bank.classify import classify, payer_from_label
from suivi.bank.errors import MalformedStatement, NotAStatement, TruncatedStatement
from suivi.bank.sniff import line_of
from suivi.core.bank_models import (
    BankTransaction,
    Statement,
    StatementSource,
    TransactionKind,
    transaction_hash,
)
from suivi.core.values import ValueProblem, parse_amount, plausible_date

_TRNTYPE_HINT = {"FEE": "FRAIS", "SRVCHG": "FRAIS", "INT": "FRAIS", "POS": "CARTE",
                 "ATM": "CARTE", "CHECK": "CHEQUE", "DIRECTDEBIT": "PRLV", "DIRECTDEP": "PRLV",
                 "XFER": "VIREMENT"}
_CHARSET = re.compile(rb"CHARSET:[ \t]*([\w-]+)")
_XML_ENCODING = re.compile(rb"<\?xml[^>]*encoding=[\"']([\w-]+)[\"']")
_DECLARED = {"1252": "cp1252", "ISO-8859-1": "latin-1", "NONE": "utf-8"}


def _utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _body_text(raw: bytes, declared: str | None) -> str:
    if max(raw, default=0) >= 0x80 and _utf8(raw):
        return raw.decode("utf-8")
    for name in (declared, "cp1252", "latin-1"):
        if not name:
            continue
        try:
            return raw.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    return raw.decode("latin-1")  # pragma: no cover - latin-1 decodes every byte


def _repair(data: bytes, version: str) -> bytes:
    data = data.removeprefix(codecs.BOM_UTF8)
    if version == "ofx2":
        if _utf8(data):
            return data
        m = _XML_ENCODING.search(data[:200])
        text = _body_text(data, m[1].decode("ascii") if m else None)
        text = re.sub(r"(<\?xml[^>]*encoding=[\"'])[\w-]+", r"\1UTF-8", text, count=1)
        return text.encode("utf-8")
    start = data.find(b"<")
    if start < 0:
        return data
    header, body = data[:start], data[start:]
    m = _CHARSET.search(header)
    declared = _DECLARED.get(m[1].decode("ascii").upper(), m[1].decode("ascii")) if m else None
    text = _body_text(body, declared)
    header = _CHARSET.sub(b"CHARSET:NONE", header) if m else header
    return header + text.encode("utf-8")


def _day(element: ET.Element | None, file: str, where: str, line: int | None) -> date | None:
    text = (element.text or "").strip() if element is not None else ""
    if not text:
        return None
    m = re.match(r"(\d{4})(\d{2})(\d{2})", text)
    try:
        if m:
            return plausible_date(date(int(m[1]), int(m[2]), int(m[3])), text)
    except (ValueError, ValueProblem):
        pass
    raise MalformedStatement("bank.ofx_bad_value", file=file, element=where, line=line,
                             value=text)


def _text(parent: ET.Element, path: str) -> str:
    """Text of an element, entities unescaped as OFX section 2.3 says (ofxtools' own rule)."""
    element = parent.find(path)
    if element is None:
        return ""
    text = saxutils.unescape(element.text or "", {"&nbsp;": " ", "&apos;": "'", "&quot;": '"'})
    return " ".join(text.split())


class _CheckedBuilder(TreeBuilder):
    """ofxtools' tree builder, checking that each end tag closes an open aggregate.

    ElementTree's builder closes whatever is open, whatever the end tag says, so a stray
    ``</BANKTRANLIST>`` would silently misplace the rest of the file. Here an end tag that
    closes nothing open is a `ParseError` (ofxtools adds its position); an end tag that closes
    an aggregate below the top first closes the elements above it, as SGML does for an empty
    element written without a value (``<MEMO>`` alone on its line).
    """

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []

    def _start(self, tag: str, text: str | None, closetag: str | None) -> None:
        super()._start(tag, text, closetag)
        if not text and not closetag:
            self.open.append(tag)

    def _feedmatch(self, tag: str, text: str | None, closetag: str | None) -> None:
        if tag.startswith("/"):
            name = tag[1:]
            if name not in self.open:
                raise ParseError(f"</{name}> closes no open element")
            while self.open[-1] != name:
                self.end(self.open.pop())
            self.open.pop()
        super()._feedmatch(tag, text, closetag)


def _parse(data: bytes, file: str) -> tuple[ET.Element, str]:
    tree = OFXTree()
    text = data.decode("utf-8", errors="replace")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            tree.parse(io.BytesIO(data), parser=_CheckedBuilder())
        except OFXHeaderError as exc:
            raise MalformedStatement("bank.ofx_bad_header", file=file, line=1,
                                     detail=str(exc).splitlines()[0]) from None
        except ParseError as exc:
            m = re.search(r"position=\[(\d+):", str(exc))
            body_start = text.find("<", text.upper().find("<OFX"))
            line = line_of(text, body_start + int(m[1])) if m else None
            detail = str(exc).split(" - position")[0]
            stray = re.match(r"(</[A-Z0-9.]+>) closes no open element", detail)
            if stray:
                raise MalformedStatement("bank.ofx_stray_end_tag", file=file, line=line,
                                         tag=stray[1]) from None
            raise MalformedStatement("bank.ofx_syntax", file=file, line=line,
                                     detail=detail[:120]) from None
    if not re.search(r"</OFX>\s*$", text, re.IGNORECASE):
        raise TruncatedStatement(file=file, line=line_of(text, len(text.rstrip())))
    root = tree.getroot()
    if root is None:  # pragma: no cover - a body without any tag fails the </OFX> test above
        raise NotAStatement("bank.ofx_no_statement", file=file)
    return root, text


def read_ofx(data: bytes, file: str, version: str) -> Statement:
    """An OFX file (`version` "ofx1" or "ofx2", from `sniff`) as a `Statement`."""
    root, text = _parse(_repair(data, version), file)
    statements = [(s, False) for s in root.iter("STMTRS")] + \
        [(s, True) for s in root.iter("CCSTMTRS")]
    if not statements:
        raise NotAStatement("bank.ofx_no_statement", file=file)
    lines = [line_of(text, m.start()) for m in re.finditer(r"<STMTTRN>", text, re.IGNORECASE)]
    transactions: list[BankTransaction] = []
    skipped: Counter[str] = Counter()
    accounts, starts, ends = [], [], []
    for s_index, (stmt, card) in enumerate(statements, start=1):
        account = _text(stmt, "BANKACCTFROM/ACCTID") or _text(stmt, "CCACCTFROM/ACCTID") or None
        accounts.append(account)
        currency = _text(stmt, "CURDEF") or "EUR"
        tag = "CCSTMTRS" if card else "STMTRS"
        starts.append(_day(stmt.find("BANKTRANLIST/DTSTART"), file, f"{tag}[{s_index}]", None))
        ends.append(_day(stmt.find("BANKTRANLIST/DTEND"), file, f"{tag}[{s_index}]", None))
        context = _Context(file, account, currency, card)
        for t_index, trn in enumerate(stmt.iter("STMTTRN"), start=1):
            line = lines[len(transactions)] if len(transactions) < len(lines) else None
            where = f"{tag}[{s_index}]/STMTTRN[{t_index}]"
            tx = _transaction(trn, context, where, line)
            transactions.append(tx)
            if not tx.is_credit:
                skipped[tx.kind.value] += 1
    known_starts = [d for d in starts if d]
    known_ends = [d for d in ends if d]
    return Statement(file, version, tuple(transactions),
                     accounts[0] if len(set(accounts)) == 1 else None,
                     min(known_starts, default=None), max(known_ends, default=None),
                     dict(skipped))


@dataclass
class _Context:
    """One account's statement being read, and the ids given so far."""

    file: str
    account: str | None
    currency: str
    card: bool
    seen: Counter[str] = field(default_factory=Counter)
    occurrences: Counter[tuple[date, Decimal, str]] = field(default_factory=Counter)


def _transaction(trn: ET.Element, context: _Context, where: str,
                 line: int | None) -> BankTransaction:
    file, account = context.file, context.account
    day = _day(trn.find("DTPOSTED"), file, f"{where}/DTPOSTED", line)
    if day is None:
        raise MalformedStatement("bank.ofx_missing", file=file, element=f"{where}/DTPOSTED",
                                 line=line)
    written = _text(trn, "TRNAMT")
    try:
        amount = parse_amount(written, decimal=".")
    except ValueProblem:
        amount = None
    if amount is None:
        raise MalformedStatement("bank.ofx_bad_value", file=file, element=f"{where}/TRNAMT",
                                 line=line, value=written)
    name = _text(trn, "NAME") or _text(trn, "PAYEE/NAME")
    memo = _text(trn, "MEMO")
    label = name or memo
    remittance = memo if memo and memo != label else None
    trntype = _text(trn, "TRNTYPE").upper()
    kind, method = classify(amount, label, _TRNTYPE_HINT.get(trntype))
    if context.card and kind is not TransactionKind.OTHER:
        kind = TransactionKind.CARD
    fitid = _text(trn, "FITID")
    if fitid:
        context.seen[fitid] += 1
        count = context.seen[fitid]
        tx_id = fitid if count == 1 else f"{fitid}#{count}"
    else:
        context.occurrences[(day, amount, label)] += 1
        tx_id = transaction_hash(account, day, amount, label,
                                 context.occurrences[(day, amount, label)])
    return BankTransaction(
        tx_id, day, amount, label, kind, StatementSource(file, line, where),
        value_date=_day(trn.find("DTAVAIL"), file, f"{where}/DTAVAIL", line),
        currency=_text(trn, "CURRENCY/CURSYM") or context.currency,
        payer_name=payer_from_label(label) or payer_from_label(memo),
        remittance=remittance, bank_reference=_text(trn, "REFNUM") or None,
        account=account, method=method, bank_id=bool(fitid))
