"""The other sheets the reader knows: Clients, Lignes, Paiements and Journal."""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from email.utils import getaddresses
from typing import Any

from suivi.core.countries import country_code
from suivi.core.models import (
    CellRef,
    Client,
    ClientType,
    InvoiceLine,
    Issue,
    JournalEntry,
    Payment,
    Severity,
    column_letter,
    normalise_name,
    says_individual,
)
from suivi.core.values import (
    ValueProblem,
    parse_bool,
    parse_percent,
    parse_plausible_date,
)
from suivi.workbook import vocabulary as voc
from suivi.workbook.cell_marks import ErrorCells

from .cells import RATE_CODE, Columns, is_total_row, one_filled, row_empty
from .client_emails import other_address, other_email_columns, said_once
from .headers import HeaderGuess
from .note_statements import note_meaning
from .row_reader import RowReader
from .titles import is_title_row


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


#: what an address looks like before the checks judge it: something on both sides of one @
_ADDRESS = re.compile(r"[^@\s<>,;/]+@[^@\s<>,;/]+\.[^@\s<>,;/]+")
_APART = re.compile(r"[\s,/]+")
_LINES = re.compile(r"[\r\n,]+")


#: What a team types where a client has no address (lower case).
_NO_ADDRESS = frozenset({"-", "--", "—", "–", ".", "?", "??", "x", "n/a", "na", "n.a.", "nc",
                         "n.c.", "néant", "neant", "aucun", "aucune", "inconnu", "inconnue",
                         "courrier", "par courrier", "pas d'email", "pas d'e-mail", "pas de mail",
                         "sans email", "sans e-mail", "sans mail", "à demander", "a demander",
                         "à compléter", "a completer", "none", "unknown", "tbd"})


#: Words beside an address that say not to write to it (lower case).
_NOT_TO_USE = frozenset({"ne", "plus", "pas", "ancien", "ancienne", "old",
                         "invalide", "erreur", "npai", "retour", "bounce", "désactivée",
                         "désactivé", "inactive", "obsolète", "remplacée", "remplacé"})


def _said_not(text: str) -> bool:
    """Whether the words beside the addresses of a cell say not to use them."""
    return bool(_NOT_TO_USE.intersection(re.split(r"[\s:;,()<>]+",
                                                  _ADDRESS.sub(" ", text.casefold()))))


def split_emails(value: str | None) -> tuple[str, ...]:
    """Addresses of an email cell: "a@x.fr; b@y.fr", or "Jean Bêta <jean@beta.fr>" as Outlook
    copies it (the display name is dropped: messages are addressed to the client's name), or
    one address per line (Alt+Entrée in Excel). A cell with line breaks whose lines are not
    all plain addresses is kept as typed, so that the checks refuse it (« a@x.fr\nBcc: … »
    never reaches a header)."""
    if not value or value.strip().casefold() in _NO_ADDRESS:
        return ()  # « - », « n/a », « courrier »: no address, said as such by the checks
    text = value.replace(";", ",")
    if "\r" in text or "\n" in text:
        lines = [p.strip() for p in _LINES.split(text) if p.strip()]
        if all(_ADDRESS.fullmatch(line) for line in lines):
            return tuple(lines)
        return tuple(p.strip() for p in text.split(",") if p.strip())
    raw = tuple(p.strip() for p in text.split(",") if p.strip())
    found = tuple(address.strip() for _name, address in getaddresses([text]) if address)
    if found and all(_ADDRESS.fullmatch(address) for address in found) and not _said_not(text):
        return found
    # « jean@x.fr / compta@x.fr », « jean@x.fr compta@x.fr », « jean@x.fr et compta@x.fr »
    words = [w for w in _APART.split(text) if w and w.casefold() not in ("et", "ou", "and")]
    if len(words) > 1 and all(_ADDRESS.fullmatch(w) for w in words):
        return tuple(words)
    # « Jean Dupont - jean@x.fr », « Tél 01 02 03 04 05 / jean@x.fr »: the addresses in it,
    # unless the words around them say not to use them (« Ne plus écrire à jean@x.fr »)
    inside = tuple(a.strip("()[]<>\"'.:") for a in _ADDRESS.findall(text))
    if inside and all(_ADDRESS.fullmatch(a) and "@" not in a[:1] for a in inside) \
            and not _said_not(text):
        return inside
    return raw  # not understood: kept as typed, the checks name the cell


def _loaded_rows(rows: list[list[Any]], guess: HeaderGuess, rr: RowReader) -> Iterator[int]:
    """Row numbers of the non-empty data rows below the header, each loaded into `rr`."""
    for r in range(guess.row, len(rows)):
        values = rows[r]
        if row_empty(values, guess.first_col, guess.last_col):
            continue
        rr.load(values, r + 1)
        yield r + 1


class ClientSheet(dict[str, Client]):
    """The Clients sheet's clients by name key, with `codes`: the key of the client each code
    of its « Code client » column stands for (normalised as names are)."""

    codes: dict[str, str]

    def __init__(self) -> None:
        super().__init__()
        self.codes = {}


_HAS_POSTCODE = re.compile(r"\b\d{5}\b")


def _country(rr: RowReader, issues: list[Issue]) -> str | None:
    """The client's country code from « Pays » (None: France); a name suivi does not know is
    named at its cell, and the client is taken for French."""
    typed = rr.text("country")
    code = country_code(typed)
    if typed and code is None:
        issues.append(Issue.of(rr.ref("country"), "pays_inconnu", Severity.WARNING,
                               country=typed))
    return None if code == "FR" else code


def _full_address(rr: RowReader, abroad: bool = False) -> str | None:
    """The client's address as one text (« 12 rue X, Bât. B, 69002 Lyon »), from « Adresse »
    and, when the sheet keeps them apart, « Adresse 2 », « Code postal » and « Ville »: the
    invoice printed the street alone, without the postcode and town a French invoice must
    carry. A French postcode typed as a number keeps its leading zero (1000 → « 01000 »)."""
    street, more, city = rr.text("address"), rr.text("address_2"), rr.text("city")
    code = rr.raw("postal_code")
    if isinstance(code, (int, float)) and not isinstance(code, bool) and 0 < code < 100000 \
            and code == int(code):
        code = str(int(code)) if abroad else f"{int(code):05d}"
    code = str(code).strip() if code not in (None, "") else ""
    if street and _HAS_POSTCODE.search(street) or not (code or city):
        return street
    town = " ".join(part for part in (code, city or "") if part)
    return ", ".join(part for part in (street, more, town) if part) or None


def read_clients(rows: list[list[Any]], sheet: str, guess: HeaderGuess,
                 issues: list[Issue], errors: ErrorCells | None = None) -> ClientSheet:
    """The Clients sheet. A formula saved without its value (or with xlsxwriter's 0) is
    computed when suivi can, else an error naming its cell: an address written
    =MINUSCULE(C2)&"@…" is not read as no address with nothing said."""
    rr = RowReader(sheet, guess.columns, issues, errors, rows)
    clients = ClientSheet()
    others = other_email_columns(rows, guess)
    if "contact" in guess.columns and "email" in guess.columns:  # « Jean Dupont - jean@x.fr »
        others.append((guess.columns["contact"].index, guess.columns["contact"].header))
    used: dict[int, list[str]] = {}
    off: list[tuple[Client, str]] = []
    for row_number in _loaded_rows(rows, guess, rr):
        name = rr.text("name")
        if not name:
            continue
        emails = split_emails(rr.text("email"))
        email_column = guess.columns["email"].column if "email" in guess.columns else None
        if not emails and others and (other := other_address(rows[row_number - 1], others)):
            emails = split_emails(other[1].strip())
            email_column = column_letter(other[0] + 1)
            used.setdefault(other[0], []).append(name)
        code = normalise_name(rr.text("code"))
        if code:
            clients.codes.setdefault(code, normalise_name(name))
        type_raw = rr.raw("type")
        ctype = client_type(type_raw)
        if type_raw is not None and ctype is None:
            issues.append(Issue.of(rr.ref("type"), "type_client_inconnu", Severity.WARNING,
                                   value=type_raw))
        reminders_raw = rr.raw("reminders_enabled")
        language = (rr.text("language") or "fr").casefold()
        limit = rr.amount("credit_limit")
        siren = rr.text("siren")
        country = _country(rr, issues)
        client = Client(
            name=name,
            type=ctype or (ClientType.INDIVIDUAL if type_raw is None and says_individual(name)
                           else ClientType.COMPANY),
            siren=siren,
            vat_number=rr.text("vat_number"),
            address=_full_address(rr, abroad=country is not None),
            country=country,
            delivery_address=rr.text("delivery_address"),
            emails=emails,
            phone=rr.text("phone"),
            payment_terms=rr.text("payment_terms"),
            credit_limit=limit,
            language="en" if language.startswith(("en", "ang")) else "fr",
            reminders_enabled=parse_bool(reminders_raw, default=True)
            and not parse_bool(rr.raw("reminders_disabled"), default=False),
            template=rr.text("template"),
            where=CellRef(sheet, row_number, guess.columns["name"].column),
            email_where=CellRef(sheet, row_number, email_column) if email_column else None,
            siret=rr.text("siret"),
            service_code=rr.text("service_code"),
            service_code_required=parse_bool(rr.raw("service_code_required"), default=False),
            commitment_required=parse_bool(rr.raw("commitment_required"), default=False),
        )
        if client.reminders_enabled and (note := rr.text("notes")) \
                and note_meaning(note) in ("off", "disputed"):
            client = replace(client, reminders_enabled=False)
            off.append((client, note))
        key = normalise_name(name)
        if key in clients:
            issues.append(Issue.of(client.where, "client_en_double", Severity.WARNING,
                                   client=name, sheet=sheet, first=clients[key].where))
            continue
        clients[key] = client
    rr.finish()
    if used:
        said_once(used, others, guess, sheet, issues)
    for client, note in off:
        row = client.where.row if client.where else guess.row
        issues.append(Issue.of(CellRef(sheet, row, guess.columns["notes"].column),
                               "note_client_lue",
                               Severity.WARNING, client=client.name, note=note,
                               header=guess.columns["notes"].header))
    return clients


def read_lines(rows, sheet, guess, issues, errors=None) -> list[InvoiceLine]:
    """The Lignes sheet. A cell that cannot be read (a text, an Excel error value, a formula
    saved without its value that suivi cannot compute) is an error naming it and its invoice,
    which it holds: a line dropped or priced wrong would make the document wrong
    (`core.holds`)."""
    rr = RowReader(sheet, guess.columns, issues, errors, rows)
    lines = []
    for row_number in _loaded_rows(rows, guess, rr):
        rr.about = {}
        number = rr.text("invoice_number")
        if not number:
            continue
        rr.about = {"invoice": number}
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
    rr.finish()
    return lines


def _kept(rows: list[list[Any]], guess: HeaderGuess,
          filled: Sequence[str] = ()) -> list[int]:
    """Indices of the non-empty data rows below the header; with `filled` (the fields a real
    row has), a « Total » line of sums and a title (« Septembre 2026 » alone on its row) are
    left out too."""
    first, last = guess.first_col, guess.last_col
    indices = [guess.columns[f].index for f in filled if f in guess.columns]
    return [r for r in range(guess.row, len(rows)) if not row_empty(rows[r], first, last)
            and not (indices and (is_total_row(rows[r], first, last, indices) or (
                one_filled(rows[r], first, last) and is_title_row(rows[r], first, last, -1))))]


def read_payments(rows, sheet, guess, issues, errors=None) -> list[Payment]:
    """The Paiements sheet, column by column (a five-year tracker holds one row per payment).

    A row whose amount cannot be read (a text, an Excel error, a formula saved without its
    value that suivi cannot compute) is named once at its cell by the reader, and again for
    what it holds: the invoice it names, or the client's invoices issued before it, are not
    reminded while it stands (`paiement_illisible`; `pipeline.steps.reminders.held_invoices`):
    it may be the payment of one of them. So is a dated row whose amount is empty
    (`paiement_sans_montant`): a payment received, its amount forgotten."""
    kept = _kept(rows, guess, ("date", "invoice_number", "client"))
    cols = Columns(rows, kept, sheet, guess.columns, issues, errors)
    fields = ("invoice_number", "client", "method", "reference", "statement", "transaction_id")
    texts = [cols.text(f) for f in fields]
    payments = []
    amounts = cols.amount("amount")
    unread = cols.unread.get("amount", set())
    for position, (r, day, amount, number, client, method, reference, statement,
                   transaction) in enumerate(zip(kept, cols.date("date"), amounts, *texts)):
        if amount is None:
            # unreadable, or empty on a dated row: a payment received whose amount is not
            # known, it may be the payment of the invoice (client) it names
            code = "paiement_illisible" if position in unread else \
                "paiement_sans_montant" if day is not None and "amount" in guess.columns \
                else None
            if code is not None and (number or client):
                issues.append(Issue.of(CellRef(sheet, r + 1, guess.columns["amount"].column),
                                       code, Severity.WARNING, invoice=number, client=client,
                                       day=day, subject=number or client))
            continue
        payments.append(Payment(date=day, amount=amount, invoice_number=number, client=client,
                                method=method, reference=reference,
                                where=CellRef(sheet, r + 1, "A"), statement=statement,
                                transaction_id=transaction))
    return payments


def read_journal(rows, sheet, guess, issues) -> list[JournalEntry]:
    """The Journal sheet, column by column (it grows by a row for every action)."""
    kept = _kept(rows, guess)
    cols = Columns(rows, kept, sheet, guess.columns, issues)
    fields = ("invoice_numbers", "client", "step", "channel", "recipient", "result", "file")
    texts = [cols.text(f) for f in fields]
    days = [_journal_day(v) for v in cols.raw("date")]
    entries = []
    for r, when, numbers, client, step, channel, recipient, result, file in zip(
            kept, days, *texts):
        entries.append(JournalEntry(
            date=when, invoice_numbers=_numbers(numbers or ""), client=client, step=step,
            channel=channel, recipient=recipient, result=result, file=file,
            where=CellRef(sheet, r + 1, "A")))
    return entries


def _journal_day(value: Any) -> date | None:
    """A Journal row's date; None when unreadable or outside the calendar suivi reckons with."""
    try:
        return parse_plausible_date(value)
    except ValueProblem:
        return None


def _numbers(text: str) -> tuple[str, ...]:
    if "," not in text and ";" not in text:  # one invoice: most rows
        return (text,) if text else ()
    return tuple(n.strip() for n in text.replace(";", ",").split(",") if n.strip())


# --------------------------------------------------------------------------- the master
