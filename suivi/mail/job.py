"""What one dunning operation works on: the master, the settings, the folder, the day, the
seller, and how to reach the SMTP server (tests and special setups inject a transport)."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from suivi.core.dunning import AmountDueFn, amount_due_now
from suivi.core.ledger import StatusInfo
from suivi.core.message import Message
from suivi.core.models import Invoice, Master
from suivi.documents.model import Seller

from . import compose
from .digest import DigestLine
from .journal import redact
from .send import TransportFactory, transport_factory
from .settings import DunningSettings, SmtpSettings

if TYPE_CHECKING:
    import ssl

    from suivi.documents.letter_model import Letter


@dataclass(frozen=True, slots=True)
class Delivery:
    """How to reach the server: by default yagmail with [smtp] and the password from the
    environment or the keyring."""

    connect: TransportFactory | None = None
    ssl_context: ssl.SSLContext | None = None
    environ: Mapping[str, str] | None = None

    def send_one(self, smtp: SmtpSettings, data: bytes, sender: str,
                 recipients: Sequence[str]) -> str | None:
        """Send one message on a connection of its own (the team's digest, an alert). None
        when sent, else why not, with the password redacted."""
        secrets: list[str | None] = []
        try:
            factory = self.connect
            if factory is None:
                factory, password = transport_factory(smtp, self.environ, self.ssl_context)
                secrets.append(password)
            transport = factory()
            transport.open()
            try:
                transport.send(data, sender, recipients)
            finally:
                transport.close()
        except Exception as exc:  # the caller reports it; nothing else is at stake
            return redact(str(exc) or type(exc).__name__, secrets)
        return None


@dataclass(frozen=True, slots=True)
class DunningAdjustments:
    """What payments known from elsewhere change in today's dunning (set by the bank steps):
    what is due now (installment plans), the due date each invoice's ladder counts from
    (by invoice number), a reason to hold every reminder back (stale bank data), and what the
    digest says about payments (`notices` at its top, `lines` in its « Paiements » section)."""

    amount_due: AmountDueFn = amount_due_now
    ladder_dates: Mapping[str, date] = field(default_factory=dict)
    hold: Message | None = None
    notices: tuple[Message, ...] = ()
    lines: tuple[DigestLine, ...] = ()


@dataclass(frozen=True, slots=True)
class DunningJob:
    master: Master
    settings: DunningSettings
    folder: Path
    today: date
    seller: Seller | None = None
    dry_run: bool = False
    delivery: Delivery = field(default_factory=Delivery)
    lang: str = "fr"
    #: drafts the team marked « Non » in the review sheet: direct sending leaves them alone
    held: frozenset[str] = frozenset()
    #: renders the formal-notice letter PDF; tests and special setups may pass their own
    letter_renderer: Callable[[Letter], bytes] = field(default=lambda letter: _render(letter))
    #: invoices to public buyers made by this run, to deposit on Chorus Pro (digest section)
    chorus: tuple[DigestLine, ...] = ()
    adjust: DunningAdjustments = field(default_factory=DunningAdjustments)
    #: statuses of `master`'s invoices when the caller has them (else computed from `master`)
    statuses: Mapping[int, StatusInfo] | None = None
    #: invoice numbers (folded: `core.models.number_key`) written on several rows of the invoice sheet,
    #: counted on the whole sheet, rows held out of `master` included: which row says whether
    #: the invoice is paid is unknown, so no reminder about one is drafted or sent
    duplicated: frozenset[str] = frozenset()
    #: why no reminder about an invoice may go today although it is open (an error on its row,
    #: another currency, a credit note or a payment of its client that names no invoice), by
    #: invoice number (`pipeline.steps.reminders.held_invoices`): a draft made before about one
    #: is not sent
    holds: Mapping[str, Message] = field(default_factory=dict)

    def invoice_index(self) -> dict[str, Invoice]:
        index: dict[str, Invoice] = {}
        for invoice in self.master.invoices:
            if invoice.number and invoice.number not in index:
                index[invoice.number] = invoice
        return index


def money(value: Decimal | str, lang: str = "fr") -> str:
    return compose.money(Decimal(str(value)), lang)


def _render(letter: Letter) -> bytes:
    """The formal-notice letter PDF (fpdf2 loads only when a letter is actually written)."""
    from suivi.documents.letter import render_letter  # fpdf2 loads on first use

    return render_letter(letter)
