"""CAMT.053 (ISO 20022 bank-to-customer statement) → `Statement`, parsed safely with lxml.

Versions camt.053.001.02 to .001.13 are read: each has its own namespace, so elements are
looked up by local name (``{*}Ntry``). What changed between versions is handled: the entry
status (``<Sts>BOOK</Sts>``, later ``<Sts><Cd>BOOK</Cd></Sts>``), party names (``Dbtr/Nm``,
from .08 ``Dbtr/Pty/Nm``), transaction amounts (``AmtDtls/TxAmt/Amt`` in .02, ``TxDtls/Amt``
from .03), dates as ``Dt`` or ``DtTm``.

One transaction per entry (``Ntry``), or per transaction detail (``TxDtls``) when a batch entry
details several transactions whose amounts add up to the entry's. Only booked entries count;
pending, informational and reversed entries are counted as "other". The transaction id is the
``AcctSvcrRef`` of the detail, else of the entry (with "/n" for the n-th detail of a batch),
else the ``EndToEndId`` (unless NOTPROVIDED), else a hash (`transaction_hash`).

Safety (the defusedxml rules): a document with a DOCTYPE or an ENTITY declaration is refused
before parsing; the parser never resolves entities, loads no DTD, uses no network and keeps
lxml's limits on huge documents.
"""
from __future__ import annotations

import codecs
import re
from collections import Counter
from datetime import date
from decimal import Decimal, InvalidOperation

from lxml import etree

from suivi.bank.classify import classify
from suivi.bank.errors import (
    MalformedStatement,
    NotAStatement,
    TruncatedStatement,
    UnsafeXml,
    UnsupportedFormat,
)
from suivi.core.bank_models import BankTransaction, Statement, StatementSource, transaction_hash
from suivi.core.values import ValueProblem, plausible_amount, plausible_date

_PARSER_OPTIONS = dict(resolve_entities=False, no_network=True, load_dtd=False,
                       dtd_validation=False, huge_tree=False, remove_pis=True)
_UNSAFE = re.compile(rb"<!DOCTYPE|<!ENTITY")
_CAMT = re.compile(r"camt\.(\d{3})\.001\.(\d{2})")
_ISO_MESSAGE = re.compile(r"[a-z]{4}\.\d{3}\.\d{3}\.\d{2}")
# ISO bank transaction (sub)family codes → words `classify` understands
_CODES = {"RCDT": "VIREMENT", "ICDT": "VIREMENT", "RRCT": "VIREMENT", "IDDT": "PRLV",
          "RDDT": "PRLV", "RCHQ": "CHEQUE", "ICHQ": "CHEQUE", "CCHQ": "CHEQUE",
          "CCRD": "CARTE", "MCRD": "CARTE", "POSD": "CARTE", "CWDL": "CARTE", "CHRG": "FRAIS",
          "FEES": "FRAIS", "COMM": "FRAIS", "INTR": "FRAIS", "CNTR": "ESPECES",
          "CDPT": "ESPECES"}


def _refuse_unsafe(data: bytes, file: str) -> None:
    text = data
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace").encode("utf-8")
    m = _UNSAFE.search(text)
    if m:
        raise UnsafeXml(file=file, line=text.count(b"\n", 0, m.start()) + 1)


def _load(data: bytes, file: str) -> etree._Element:
    _refuse_unsafe(data, file)
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        message = str(exc.msg or exc)
        last_line = data.rstrip().count(b"\n") + 1
        truncated = "premature end" in message.lower() or (exc.lineno or 0) >= last_line
        if truncated:
            raise TruncatedStatement(file=file, line=exc.lineno) from None
        raise MalformedStatement("bank.xml_syntax", file=file, line=exc.lineno,
                                 detail=message[:160]) from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise UnsafeXml(file=file, line=1)
    return root


def _text(parent: etree._Element | None, path: str) -> str:
    if parent is None:
        return ""
    element = parent.find(path)
    return " ".join((element.text or "").split()) if element is not None else ""


def _texts(parent: etree._Element, path: str) -> list[str]:
    return [" ".join((e.text or "").split()) for e in parent.iterfind(path) if e.text]


def _date(parent: etree._Element, path: str, file: str, where: str) -> date | None:
    element = parent.find(path)
    if element is None:
        return None
    text = _text(element, "{*}Dt") or _text(element, "{*}DtTm")
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    try:
        if m:
            return plausible_date(date(int(m[1]), int(m[2]), int(m[3])), text)
    except (ValueError, ValueProblem):
        pass
    raise MalformedStatement("bank.camt_bad_value", file=file, line=element.sourceline,
                             element=f"{where}/{etree.QName(element).localname}", value=text)


def _amount(element: etree._Element | None, file: str, where: str) -> Decimal | None:
    if element is None:
        return None
    text = (element.text or "").strip()
    try:
        if re.fullmatch(r"\d+(\.\d+)?", text):
            return plausible_amount(Decimal(text), text)
    except (InvalidOperation, ValueProblem):  # the pattern guards the first
        pass
    raise MalformedStatement("bank.camt_bad_value", file=file, line=element.sourceline,
                             element=f"{where}/Amt", value=text)


def _hint(node: etree._Element) -> str | None:
    family = _text(node, "{*}BkTxCd/{*}Domn/{*}Fmly/{*}Cd")
    sub = _text(node, "{*}BkTxCd/{*}Domn/{*}Fmly/{*}SubFmlyCd")
    return _CODES.get(sub) or _CODES.get(family)


def read_camt(data: bytes, file: str) -> Statement:
    """A CAMT.053 document as a `Statement` (see the module docstring)."""
    root = _load(data, file)
    namespace = etree.QName(root).namespace or ""
    m = _CAMT.search(namespace)
    if not m:
        iso = _ISO_MESSAGE.search(namespace)
        raise NotAStatement("bank.xml_not_statement", file=file,
                            root=iso[0] if iso else etree.QName(root).localname)
    if m[1] != "053":
        raise UnsupportedFormat(file=file, format=f"ISO 20022 camt.{m[1]}")
    version = f"camt.053.001.{m[2]}"
    statements = root.findall("{*}BkToCstmrStmt/{*}Stmt")
    if not statements:
        raise NotAStatement("bank.camt_no_statement", file=file)
    reader = _Reader(file)
    starts, ends, accounts = [], [], set()
    for s_index, stmt in enumerate(statements, start=1):
        account = _text(stmt, "{*}Acct/{*}Id/{*}IBAN") or \
            _text(stmt, "{*}Acct/{*}Id/{*}Othr/{*}Id") or None
        accounts.add(account)
        period = stmt.find("{*}FrToDt")
        if period is not None:
            starts.append(_text(period, "{*}FrDtTm")[:10] or None)
            ends.append(_text(period, "{*}ToDtTm")[:10] or None)
        for e_index, entry in enumerate(stmt.iterfind("{*}Ntry"), start=1):
            reader.entry(entry, f"Stmt[{s_index}]/Ntry[{e_index}]", account)
    known_starts = [date.fromisoformat(d) for d in starts if d]
    known_ends = [date.fromisoformat(d) for d in ends if d]
    return Statement(file, version, tuple(reader.transactions),
                     next(iter(accounts)) if len(accounts) == 1 else None,
                     min(known_starts, default=None), max(known_ends, default=None),
                     dict(reader.skipped))


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file
        self.transactions: list[BankTransaction] = []
        self.skipped: Counter[str] = Counter()
        self.ids: Counter[str] = Counter()
        self.occurrences: Counter[tuple[str, date, Decimal, str]] = Counter()

    def entry(self, entry: etree._Element, where: str, account: str | None) -> None:
        status = entry.find("{*}Sts")
        code = (_text(status, "{*}Cd") or (status.text or "").strip()) if status is not None \
            else "BOOK"
        reversed_ = _text(entry, "{*}RvslInd").lower() == "true"
        if code.upper() != "BOOK" or reversed_:
            self.skipped["other"] += 1
            return
        amount = _amount(entry.find("{*}Amt"), self.file, where)
        sign = -1 if _text(entry, "{*}CdtDbtInd") == "DBIT" else 1
        day = _date(entry, "{*}BookgDt", self.file, where) or \
            _date(entry, "{*}ValDt", self.file, where)
        if amount is None or day is None:
            missing = "Amt" if amount is None else "BookgDt"
            raise MalformedStatement("bank.camt_missing", file=self.file,
                                     line=entry.sourceline, element=f"{where}/{missing}")
        details = entry.findall("{*}NtryDtls/{*}TxDtls")
        parts = [(d, self._detail_amount(d, where)) for d in details]
        split = len(details) > 1 and all(a is not None for _, a in parts) and \
            sum(a for _, a in parts if a is not None) == amount
        if not split:
            self._add(entry, details, sign * amount, day, where, account, None)
            return
        for k, (detail, part) in enumerate(parts, start=1):
            indicator = _text(detail, "{*}CdtDbtInd")
            detail_sign = sign if not indicator else (-1 if indicator == "DBIT" else 1)
            assert part is not None
            self._add(entry, [detail], detail_sign * part, day,
                      f"{where}/NtryDtls/TxDtls[{k}]", account, k)

    def _detail_amount(self, detail: etree._Element, where: str) -> Decimal | None:
        element = detail.find("{*}Amt")
        if element is None:
            element = detail.find("{*}AmtDtls/{*}TxAmt/{*}Amt")
        return _amount(element, self.file, where) if element is not None else None

    def _add(self, entry: etree._Element, details: list[etree._Element], amount: Decimal,
             day: date, where: str, account: str | None, index: int | None) -> None:
        detail = details[0] if len(details) == 1 else None
        unstructured = [t for d in details for t in _texts(d, "{*}RmtInf/{*}Ustrd")]
        structured = [t for d in details for t in
                      _texts(d, "{*}RmtInf/{*}Strd/{*}CdtrRefInf/{*}Ref") +
                      _texts(d, "{*}RmtInf/{*}Strd/{*}RfrdDocInf/{*}Nb")]
        remittance = " ".join(unstructured + structured) or None
        party = "{*}Dbtr" if amount > 0 else "{*}Cdtr"
        payer = (_text(detail, f"{{*}}RltdPties/{party}/{{*}}Nm") or
                 _text(detail, f"{{*}}RltdPties/{party}/{{*}}Pty/{{*}}Nm") or
                 _text(detail, "{*}RltdPties/{*}UltmtDbtr/{*}Nm") or None)
        label = _text(entry, "{*}AddtlNtryInf") or _text(detail, "{*}AddtlTxInf") or \
            remittance or payer or ""
        hint = (_hint(detail) if detail is not None else None) or _hint(entry)
        kind, method = classify(amount, label, hint)
        end_to_end = _text(detail, "{*}Refs/{*}EndToEndId")
        end_to_end = "" if end_to_end.upper() == "NOTPROVIDED" else end_to_end
        entry_ref = _text(entry, "{*}AcctSvcrRef")
        tx_id = _text(detail, "{*}Refs/{*}AcctSvcrRef") or \
            (f"{entry_ref}/{index}" if entry_ref and index else entry_ref) or end_to_end
        bank_id = bool(tx_id)
        if tx_id:
            self.ids[tx_id] += 1
            if self.ids[tx_id] > 1:
                tx_id = f"{tx_id}#{self.ids[tx_id]}"
        else:
            key = (account or "", day, amount, label)
            self.occurrences[key] += 1
            tx_id = transaction_hash(account, day, amount, label, self.occurrences[key])
        currency = (entry.find("{*}Amt").get("Ccy") or "EUR")
        node = detail if detail is not None else entry
        tx = BankTransaction(
            tx_id, day, amount, label, kind, StatementSource(self.file, node.sourceline, where),
            value_date=_date(entry, "{*}ValDt", self.file, where), currency=currency,
            payer_name=payer, remittance=remittance if remittance != label else None,
            end_to_end_id=end_to_end or None, bank_reference=entry_ref or None,
            account=account, method=method, bank_id=bank_id)
        self.transactions.append(tx)
        if not tx.is_credit:
            self.skipped[tx.kind.value] += 1
