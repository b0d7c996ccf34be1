"""The demo's bank statements: one of each format (French bank CSV, OFX 1, CAMT.053), written
from the demo workbook itself so that they always fit its invoices.

They settle some invoices not yet due (so the reminders the demo stages are untouched), each
with another rule of the matching — the number written badly, the client's name and the exact
amount, a partial payment, several invoices of one client at once — and bring one credit that
matches nothing, left in the « Rapprochement » sheet for a person to decide. The demo's run
imports them from `releves/` and files them in `releves/importés/`.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from suivi.core.ledger import compute_statuses
from suivi.core.matching import open_invoices
from suivi.core.models import Status
from suivi.workbook.read import read_master

FOLDER = "releves"
IBAN = "FR7630006000011234567890189"  # the demo seller's account (demo.py's [vendeur] iban)


@dataclass(frozen=True, slots=True)
class _Credit:
    day: date
    amount: Decimal
    payer: str
    motif: str
    ref: str


def _upper(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if not unicodedata.combining(c)).upper()


def _badly(number: str) -> str:
    """FAC2026-012 → "FACT 2026 12": how payers write numbers."""
    prefix, _, rest = number.partition("20")
    year, _, counter = ("20" + rest).partition("-")
    return f"FACT {year} {int(counter)}" if counter.isdigit() else number


def _pool(workbook: Path, today: date) -> list[tuple[str, str, Decimal]]:
    """(number, client, remaining) of the invoices a demo client may pay early: open, not due
    within the week (the staged courtesy notice stays), no dispute, no promise, no payment."""
    master = read_master(workbook)
    statuses = compute_statuses(master.invoices, today)
    by_number = {inv.number: inv for inv in master.invoices if inv.number}
    pool = []
    for item in open_invoices(master.invoices, today):
        inv = by_number[item.number]
        if (statuses[inv.row].status is Status.ISSUED and inv.due_date is not None
                and inv.due_date > today + timedelta(days=7) and not inv.dispute
                and inv.promise_date is None and item.amount_paid == 0):
            pool.append((item.number, item.client, item.due))
    return pool


def _credits(pool: list[tuple[str, str, Decimal]], today: date) -> dict[str, list[_Credit]]:
    """The credits of each statement, drawn from the pool in order."""
    day = today - timedelta(days=1)
    found: dict[str, list[_Credit]] = {"csv": [], "ofx": [], "camt": []}
    rest = list(pool)
    if rest:  # the number written badly
        number, client, due = rest.pop(0)
        found["csv"].append(_Credit(day, due, _upper(client), f"REGLEMENT {_badly(number)}",
                                    "CSV-1"))
    if rest:  # no number: the client's name and the exact amount
        number, client, due = rest.pop(0)
        found["ofx"].append(_Credit(today, due, _upper(client), "VIREMENT", "OFX-1"))
    if rest:  # a partial payment naming its invoice
        number, client, due = rest.pop(0)
        half = (due / 2).quantize(Decimal("0.01"))
        found["ofx"].append(_Credit(today, half, _upper(client), f"ACOMPTE {number}", "OFX-2"))
    grouped = _group(rest)
    if grouped:  # two invoices of one client at once, without their numbers
        client, numbers, total = grouped
        found["camt"].append(_Credit(today, total, _upper(client), "SOLDE FACTURES",
                                     "CAMT-1"))
    elif rest:  # the number in the remittance information
        number, client, due = rest.pop(0)
        found["camt"].append(_Credit(today, due, _upper(client), f"FACTURE {number}",
                                     "CAMT-1"))
    found["camt"].append(_Credit(today, Decimal("150.00"), "ASSOCIATION DES AMIS DU QUARTIER",
                                 "DON KERMESSE", "CAMT-2"))
    return found


def _group(pool: list[tuple[str, str, Decimal]]) -> tuple[str, list[str], Decimal] | None:
    """Two invoices of one client in the pool, paid together without their numbers."""
    by_client: dict[str, list[tuple[str, Decimal]]] = {}
    for number, client, due in pool:
        by_client.setdefault(client, []).append((number, due))
    for client, items in by_client.items():
        if len(items) >= 2:
            pair = items[:2]
            return client, [n for n, _ in pair], sum((d for _, d in pair), Decimal(0))
    return None


def _csv(credits: list[_Credit], today: date) -> bytes:
    start = today - timedelta(days=7)
    lines = [f'="00050123456789";{start:%d/%m/%Y};{today - timedelta(days=1):%d/%m/%Y};',
             "Date;Libellé;Montant;Devise;",
             f"{start:%d/%m/%Y};PRLV SEPA URSSAF COTISATIONS;-412,00;EUR;",
             f"{start + timedelta(days=1):%d/%m/%Y};FRAIS TENUE DE COMPTE;-8,50;EUR;"]
    for c in credits:
        amount = f"{c.amount:.2f}".replace(".", ",")
        lines.append(f"{c.day:%d/%m/%Y};VIR SEPA RECU /DE {c.payer} /MOTIF {c.motif};"
                     f"{amount};EUR;")
    return ("\n".join(lines) + "\n").encode("cp1252", "replace")


def _ofx(credits: list[_Credit], today: date) -> bytes:
    head = ("OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\n"
            "CHARSET:1252\nCOMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n")
    trns = [f"<STMTTRN>\n<TRNTYPE>DEBIT\n<DTPOSTED>{today - timedelta(days=2):%Y%m%d}\n"
            "<TRNAMT>-59.90\n<FITID>DEMO-OFX-0\n<NAME>CB FOURNITURES BUREAU\n</STMTTRN>"]
    for c in credits:
        trns.append(f"<STMTTRN>\n<TRNTYPE>CREDIT\n<DTPOSTED>{c.day:%Y%m%d}\n"
                    f"<TRNAMT>{c.amount:.2f}\n<FITID>DEMO-{c.ref}\n"
                    f"<NAME>VIR SEPA RECU /DE {c.payer}\n"
                    f"<MEMO>{c.motif}\n</STMTTRN>")
    body = ("<OFX>\n<BANKMSGSRSV1>\n<STMTTRNRS>\n<TRNUID>1\n<STATUS>\n<CODE>0\n"
            "<SEVERITY>INFO\n</STATUS>\n<STMTRS>\n<CURDEF>EUR\n<BANKACCTFROM>\n<BANKID>30006\n"
            "<BRANCHID>00001\n<ACCTID>12345678901\n<ACCTTYPE>CHECKING\n</BANKACCTFROM>\n"
            f"<BANKTRANLIST>\n<DTSTART>{today - timedelta(days=3):%Y%m%d}\n"
            f"<DTEND>{today:%Y%m%d}\n" + "\n".join(trns) + "\n</BANKTRANLIST>\n"
            "</STMTRS>\n</STMTTRNRS>\n</BANKMSGSRSV1>\n</OFX>\n")
    return (head + body).encode("cp1252", "replace")


def _camt(credits: list[_Credit], today: date) -> bytes:
    entries = []
    for c in credits:
        entries.append(f"""      <Ntry>
        <Amt Ccy="EUR">{c.amount:.2f}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>{c.day.isoformat()}</Dt></BookgDt>
        <ValDt><Dt>{c.day.isoformat()}</Dt></ValDt>
        <AcctSvcrRef>DEMO-{c.ref}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
          <RltdPties><Dbtr><Pty><Nm>{_xml(c.payer)}</Nm></Pty></Dbtr></RltdPties>
          <RmtInf><Ustrd>{_xml(c.motif)}</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>DEMO-{today:%Y%m%d}</MsgId><CreDtTm>{today.isoformat()}T06:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>DEMO-STMT-{today:%Y%m%d}</Id>
      <CreDtTm>{today.isoformat()}T06:00:00</CreDtTm>
      <FrToDt><FrDtTm>{today.isoformat()}T00:00:00</FrDtTm><ToDtTm>{today.isoformat()}T23:59:59</ToDtTm></FrToDt>
      <Acct><Id><IBAN>{IBAN}</IBAN></Id><Ccy>EUR</Ccy></Acct>
{chr(10).join(entries)}
    </Stmt>
  </BkToCstmrStmt>
</Document>
""".encode()


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_demo_statements(folder: Path, workbook: Path, today: date) -> list[Path]:
    """The three statements in `folder/releves/`, drawn from the invoices of `workbook`."""
    target = folder / FOLDER
    target.mkdir(parents=True, exist_ok=True)
    credits = _credits(_pool(workbook, today), today)
    files = {f"releve-{today:%Y%m%d}.csv": _csv(credits["csv"], today),
             f"releve-{today:%Y%m%d}.ofx": _ofx(credits["ofx"], today),
             f"camt053-{today:%Y%m%d}.xml": _camt(credits["camt"], today)}
    written = []
    for name, data in files.items():
        (target / name).write_bytes(data)
        written.append(target / name)
    return written
