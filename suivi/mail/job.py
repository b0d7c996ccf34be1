"""What one dunning operation works on: the master, the settings, the folder, the day, the
seller, and how to reach the SMTP server (tests and special setups inject a transport)."""
from __future__ import annotations

import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from suivi.core.models import Invoice, Master
from suivi.documents.letter import Letter, render_letter
from suivi.documents.model import Seller

from . import compose
from .send import TransportFactory
from .settings import DunningSettings


@dataclass(frozen=True, slots=True)
class Delivery:
    """How to reach the server: by default yagmail with [smtp] and the password from the
    environment or the keyring."""

    connect: TransportFactory | None = None
    ssl_context: ssl.SSLContext | None = None
    environ: Mapping[str, str] | None = None


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
    letter_renderer: Callable[[Letter], bytes] = render_letter

    def invoice_index(self) -> dict[str, Invoice]:
        index: dict[str, Invoice] = {}
        for invoice in self.master.invoices:
            if invoice.number and invoice.number not in index:
                index[invoice.number] = invoice
        return index


def money(value: Decimal | str, lang: str = "fr") -> str:
    return compose.money(Decimal(str(value)), lang)
