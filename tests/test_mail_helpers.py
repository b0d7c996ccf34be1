"""Shared helpers for the dunning and mail tests (no tests here).

Builds `Master` records by hand, a seller, settings, and runs a REAL SMTP server (aiosmtpd) on a
free loopback port that collects every message it accepts.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from email import message_from_bytes
from email import policy as email_policy
from email.message import EmailMessage
from pathlib import Path

from suivi.config.dunning import parse_dunning
from suivi.core.models import (
    Client,
    ClientType,
    Invoice,
    JournalEntry,
    Master,
    SheetLayout,
    normalise_name,
)
from suivi.documents.model import Seller
from suivi.mail import (
    Delivery,
    DunningJob,
    DunningOutcome,
    mark_synced,  # noqa: F401 - re-exported for the tests
)
from suivi.mail import prepare as mail_prepare
from suivi.mail.digest import line_text, render_text
from suivi.messages import text

# A valid French test IBAN (checksum correct) and a tiny valid PDF.
IBAN = "FR7630006000011234567890189"
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def seller(**changes) -> Seller:
    values = dict(
        name="Atelier Dupré SARL",
        address_lines=("12 rue des Lilas",),
        postcode="69001",
        city="Lyon",
        siren="732829320",
        vat_number="FR44732829320",
        email="compta@atelier-dupre.fr",
        phone="04 72 00 00 00",
        iban=IBAN,
        bic="BDFEFRPP",
        payment_link_pattern="https://pay.example.fr/{numero}?m={montant}",
    )
    values.update(changes)
    return Seller(**values)


def client(
    name: str, kind: ClientType = ClientType.COMPANY, emails=("contact@client.fr",), **changes
) -> Client:
    return Client(
        name=name,
        type=kind,
        emails=tuple(emails),
        phone=changes.pop("phone", "01 02 03 04 05"),
        address=changes.pop("address", "3 avenue Foch\n75008 Paris"),
        **changes,
    )


def invoice(row: int, number: str, client_name: str, amount: str, due: date, **changes) -> Invoice:
    values = dict(
        sheet="Factures",
        row=row,
        number=number,
        client=client_name,
        issue_date=changes.pop("issue_date", None),
        amount_ttc=Decimal(amount),
        due_date=due,
    )
    values.update(changes)
    return Invoice(**values)


def master(invoices, clients, journal: tuple[JournalEntry, ...] = (), path: str = "") -> Master:
    layout = SheetLayout("Factures", 1)
    return Master(
        path=path,
        invoices=tuple(invoices),
        clients={normalise_name(c.name): c for c in clients},
        payments=(),
        lines=(),
        journal=tuple(journal),
        layout=layout,
        layouts={"Factures": layout},
        issues=(),
    )


def settings(relances=None, smtp=None, penalites=None):
    return parse_dunning(
        {"relances": relances or {}, "smtp": smtp or {}, "penalites": penalites or {}}
    )


def job(
    book,
    seller_,
    config,
    folder,
    today,
    dry_run=False,
    *,
    connect=None,
    ssl_context=None,
    environ=None,
    letter=None,
) -> DunningJob:
    made = DunningJob(
        book, config, Path(folder), today, seller_, dry_run, Delivery(connect, ssl_context, environ)
    )
    return replace(made, letter_renderer=letter) if letter is not None else made


def run_reminders(book, seller_, config, folder, today, dry_run=False, **delivery):
    """The daily dunning operation on a hand-built master (see suivi.mail.run_reminders)."""
    return mail_prepare.run_reminders(
        job(book, seller_, config, folder, today, dry_run, **delivery)
    )


def send_drafts(
    folder, book, config, today, select=None, dry_run=False, *, seller=None, **delivery
):
    return mail_prepare.send_drafts(
        job(book, seller, config, folder, today, dry_run, **delivery), select
    )


def resolve_unverified(folder, ids, sent, today):
    from suivi.mail.settings import DunningSettings

    return [
        text(m, "fr")
        for m in mail_prepare.resolve_unverified(
            job(master([], []), None, DunningSettings(), folder, today), ids, sent=sent
        )
    ]


def digest_text(outcome: DunningOutcome) -> str:
    """The digest as the team reads it (French)."""
    return render_text(outcome.digest, "fr") if outcome.digest else ""


def line(item) -> str:
    return line_text(item, "fr")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        return message_from_bytes(self.data, policy=email_policy.default)  # type: ignore[return-value]


@dataclass
class Collector:
    """aiosmtpd handler: keeps accepted envelopes; can refuse or drop after `accept_limit`."""

    received: list[Received] = field(default_factory=list)
    accept_limit: int | None = None
    drop: bool = False  # True: close the connection instead of answering 421
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.accept_limit is not None and len(self.received) >= self.accept_limit:
                if self.drop:
                    server.transport.close()
                    return "421 closing"
                return "421 4.3.2 Service not available, try later"
            self.received.append(
                Received(
                    envelope.mail_from,
                    list(envelope.rcpt_tos),
                    envelope.original_content or envelope.content,
                )
            )
        return "250 OK"


class Server:
    """A real SMTP server on 127.0.0.1 (aiosmtpd Controller), optionally with auth / TLS."""

    def __init__(
        self,
        handler: Collector | None = None,
        *,
        auth: tuple[str, str] | None = None,
        tls_context=None,
        implicit_tls: bool = False,
    ):
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult

        self.handler = handler or Collector()
        self.port = free_port()
        self.logins: list[tuple[str, str]] = []
        kwargs = {}
        if auth is not None:

            def authenticator(server, session, envelope, mechanism, auth_data):
                login = (
                    auth_data.login.decode()
                    if isinstance(auth_data.login, bytes)
                    else auth_data.login
                )
                password = (
                    auth_data.password.decode()
                    if isinstance(auth_data.password, bytes)
                    else auth_data.password
                )
                self.logins.append((login, password))
                return AuthResult(success=(login, password) == auth, handled=False)

            kwargs.update(authenticator=authenticator, auth_require_tls=tls_context is not None)
        if tls_context is not None and not implicit_tls:
            kwargs.update(tls_context=tls_context, require_starttls=True)
        if implicit_tls:
            kwargs["ssl_context"] = tls_context
        self.controller = Controller(
            self.handler,
            hostname="127.0.0.1",
            port=self.port,
            server_hostname="localhost",
            ready_timeout=10,
            **kwargs,
        )

    def __enter__(self) -> Server:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()

    @property
    def received(self) -> list[Received]:
        return self.handler.received


def smtp_config(server: Server, security: str = "aucune", user: str = "") -> dict:
    return {
        "hote": "127.0.0.1",
        "port": server.port,
        "securite": security,
        "utilisateur": user,
        "expediteur": "compta@atelier-dupre.fr",
        "nom_expediteur": "Atelier Dupré",
        "tentatives": 2,
        "pause": 0,
        "delai_connexion": 5,
        "trousseau": False,
    }


def write_pdf(folder: Path, name: str) -> str:
    path = folder / "factures" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(PDF)
    return f"factures/{name}"


def apply(book: Master, outcome) -> Master:
    """What the pipeline does with an outcome: set the fields, append the Journal rows."""
    from dataclasses import replace

    by_row: dict[int, dict] = {}
    for update in outcome.updates:
        by_row.setdefault(update.row, {})[update.field] = update.value
    invoices = tuple(
        replace(inv, **by_row[inv.row]) if inv.row in by_row else inv for inv in book.invoices
    )
    return replace(book, invoices=invoices, journal=book.journal + tuple(outcome.journal_rows))


def demo_book(folder: Path, count: int = 3, amount: str = "1200.00") -> Master:
    """`count` clients, each with one invoice 1 day late (reminder 1 due) and a PDF."""
    invoices, clients = [], []
    for n in range(count):
        name = f"Société Générale d'Été {n}"
        clients.append(client(name, emails=(f"client{n}@exemple.fr",)))
        invoices.append(
            invoice(
                2 + n,
                f"F2026-{n:04d}",
                name,
                amount,
                date(2026, 11, 24),
                issue_date=date(2026, 10, 25),
                pdf_file=write_pdf(folder, f"F{n}.pdf"),
            )
        )
    return master(invoices, clients, path=str(folder / "classeur.xlsx"))


TODAY = date(2026, 11, 25)
