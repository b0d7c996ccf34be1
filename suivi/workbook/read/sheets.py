"""The other sheets the reader knows: Clients, Lignes, Paiements and Journal."""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from email.utils import getaddresses
from typing import Any

from suivi.core.models import (
    CellRef,
    Client,
    ClientType,
    InvoiceLine,
    Issue,
    JournalEntry,
    Payment,
    Severity,
    normalise_name,
)
from suivi.core.values import ValueProblem, parse_bool, parse_date, parse_percent
from suivi.workbook import vocabulary as voc

from .cells import RATE_CODE, RowReader, row_empty
from .headers import HeaderGuess


def client_type(value: Any) -> ClientType | None:
    text = voc.fold_header(value)
    if not text:
        return None
    if text.startswith(("particulier", "individual", "consumer", "b2c", "personne physique")):
        return ClientType.INDIVIDUAL
    if text.startswith(("asso",)):
        return ClientType.ASSOCIATION
    if text.startswith(("admin", "public", "collectivite", "etat", "mairie", "b2g")):
        return ClientType.PUBLIC
    if text.startswith(("societe", "entreprise", "company", "business", "pro", "b2b", "sarl",
                        "sas", "sa ", "eurl")):
        return ClientType.COMPANY
    return None


def split_emails(value: str | None) -> tuple[str, ...]:
    """Addresses of an email cell: "a@x.fr; b@y.fr", or "Jean Bêta <jean@beta.fr>" as Outlook
    copies it (the display name is dropped: messages are addressed to the client's name).
    A part with a line break is kept as typed, so that the checks refuse it."""
    if not value:
        return ()
    text = value.replace(";", ",")
    if "\r" in text or "\n" in text:
        return tuple(p.strip() for p in text.split(",") if p.strip())
    raw = tuple(p.strip() for p in text.split(",") if p.strip())
    found = tuple(address.strip() for _name, address in getaddresses([text]) if address)
    if not found or any("@" not in address for address in found):
        return raw  # not understood: kept as typed, the checks name the cell
    return found


def _loaded_rows(rows: list[list[Any]], guess: HeaderGuess, rr: RowReader) -> Iterator[int]:
    """Row numbers of the non-empty data rows below the header, each loaded into `rr`."""
    for r in range(guess.row, len(rows)):
        values = rows[r]
        if row_empty(values, guess.first_col, guess.last_col):
            continue
        rr.load(values, r + 1)
        yield r + 1


def read_clients(rows: list[list[Any]], sheet: str, guess: HeaderGuess,
                  issues: list[Issue]) -> dict[str, Client]:
    rr = RowReader(sheet, guess.columns, issues)
    clients: dict[str, Client] = {}
    for row_number in _loaded_rows(rows, guess, rr):
        name = rr.text("name")
        if not name:
            continue
        type_raw = rr.raw("type")
        ctype = client_type(type_raw)
        if type_raw is not None and ctype is None:
            issues.append(Issue.of(rr.ref("type"), "type_client_inconnu", Severity.WARNING,
                                   value=type_raw))
        reminders_raw = rr.raw("reminders_enabled")
        language = (rr.text("language") or "fr").casefold()
        limit = rr.amount("credit_limit")
        siren = rr.text("siren")
        client = Client(
            name=name,
            type=ctype or ClientType.COMPANY,
            siren=siren,
            vat_number=rr.text("vat_number"),
            address=rr.text("address"),
            delivery_address=rr.text("delivery_address"),
            emails=split_emails(rr.text("email")),
            phone=rr.text("phone"),
            payment_terms=rr.text("payment_terms"),
            credit_limit=limit,
            language="en" if language.startswith(("en", "ang")) else "fr",
            reminders_enabled=parse_bool(reminders_raw, default=True),
            template=rr.text("template"),
            where=CellRef(sheet, row_number, guess.columns["name"].column),
            siret=rr.text("siret"),
            service_code=rr.text("service_code"),
            service_code_required=parse_bool(rr.raw("service_code_required"), default=False),
            commitment_required=parse_bool(rr.raw("commitment_required"), default=False),
        )
        key = normalise_name(name)
        if key in clients:
            issues.append(Issue.of(client.where, "client_en_double", Severity.WARNING,
                                   client=name, sheet=sheet, first=clients[key].where))
            continue
        clients[key] = client
    return clients


def read_lines(rows, sheet, guess, issues) -> list[InvoiceLine]:
    rr = RowReader(sheet, guess.columns, issues)
    lines = []
    for row_number in _loaded_rows(rows, guess, rr):
        number = rr.text("invoice_number")
        if not number:
            continue
        quantity = rr.amount("quantity")
        price = rr.amount("unit_price")
        rate = rr.get("vat_rate", parse_percent, RATE_CODE)
        if price is None:
            continue
        lines.append(InvoiceLine(
            invoice_number=number,
            description=rr.text("description") or "",
            quantity=quantity if quantity is not None else Decimal(1),
            unit_price=price,
            vat_rate=rate if rate is not None else Decimal(20),
            unit=rr.text("unit") or "C62",
            where=CellRef(sheet, row_number, "A"),
            nature=rr.text("nature"),
            exemption_reason=rr.text("exemption_reason"),
        ))
    return lines


def read_payments(rows, sheet, guess, issues) -> list[Payment]:
    rr = RowReader(sheet, guess.columns, issues)
    payments = []
    for row_number in _loaded_rows(rows, guess, rr):
        amount = rr.amount("amount")
        if amount is None:
            continue
        payments.append(Payment(
            date=rr.date("date"),
            amount=amount,
            invoice_number=rr.text("invoice_number"),
            client=rr.text("client"),
            method=rr.text("method"),
            reference=rr.text("reference"),
            where=CellRef(sheet, row_number, "A"),
            statement=rr.text("statement"),
            transaction_id=rr.text("transaction_id"),
        ))
    return payments


def read_journal(rows, sheet, guess, issues) -> list[JournalEntry]:
    rr = RowReader(sheet, guess.columns, issues)
    entries = []
    for row_number in _loaded_rows(rows, guess, rr):
        numbers = rr.text("invoice_numbers") or ""
        try:
            when = parse_date(rr.raw("date"))
        except ValueProblem:
            when = None
        entries.append(JournalEntry(
            date=when,
            invoice_numbers=tuple(n.strip() for n in numbers.replace(";", ",").split(",") if n.strip()),
            client=rr.text("client"),
            step=rr.text("step"),
            channel=rr.text("channel"),
            recipient=rr.text("recipient"),
            result=rr.text("result"),
            file=rr.text("file"),
            where=CellRef(sheet, row_number, "A"),
        ))
    return entries


# --------------------------------------------------------------------------- the master
