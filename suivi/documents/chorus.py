"""Where a Chorus Pro deposit plugs in. No network code here: the default is a manual deposit.

Invoices to public buyers are not e-mailed: they are deposited on Chorus Pro. Today suivi
prepares the Factur-X PDF (buyer SIRET, service code and commitment number in the fields
Chorus Pro reads, see docs/chorus-pro.md) and :class:`ManualChorusDeposit` answers « à déposer »
with the file to upload on the portal (« Factures émises › Déposer une facture »).

An API deposit (Chorus Pro API on the PISTE gateway, OAuth2 client credentials and a
technical account) implements :class:`ChorusDepositor` later:

* ``deposit(submission)`` sends the PDF (flux « PDF Factur-X », cadre A1) and answers with the
  deposit reference (« numéro de flux ») or the refusal;
* ``status(number, reference)`` reads the invoice's status on Chorus Pro, so that the reminder
  ladder of public buyers can say where the invoice stands.

The pipeline step that lists public invoices (« À déposer sur Chorus Pro ») takes a depositor
as a parameter; choosing the API one is then a configuration matter, nothing else changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from suivi.core.message import Message

from .model import InvoiceDocument

#: « Cadre de facturation » of a deposit: A1 an invoice deposited by its supplier, A2 an
#: invoice already paid (Chorus Pro external specifications; Factur-X BT-23 note).
FRAMEWORK_INVOICE = "A1"
FRAMEWORK_ALREADY_PAID = "A2"


class DepositStatus(StrEnum):
    """Where an invoice stands on Chorus Pro, as a supplier sees it."""

    TO_DEPOSIT = "à déposer"
    DEPOSITED = "déposée"
    AVAILABLE = "mise à disposition"
    SUSPENDED = "suspendue"
    REJECTED = "rejetée"
    MANDATED = "mandatée"
    PAID = "mise en paiement"


@dataclass(frozen=True, slots=True)
class ChorusSubmission:
    """One invoice to deposit: its PDF and the identifiers Chorus Pro routes it with."""

    number: str
    pdf_path: Path
    buyer_siret: str
    service_code: str | None = None
    commitment: str | None = None
    framework: str = FRAMEWORK_INVOICE


@dataclass(frozen=True, slots=True)
class DepositReceipt:
    """The answer of a depositor: status, Chorus Pro reference when known, what to tell the
    user (a catalogue message of the `documents` domain)."""

    number: str
    status: DepositStatus
    reference: str | None = None
    message: Message | None = None


class ChorusDepositor(Protocol):
    """Deposits invoices on Chorus Pro and reads their status."""

    def deposit(self, submission: ChorusSubmission) -> DepositReceipt: ...

    def status(self, number: str, reference: str | None) -> DepositReceipt: ...


class ManualChorusDeposit:
    """The default depositor: nothing leaves the machine; the user uploads the file."""

    def deposit(self, submission: ChorusSubmission) -> DepositReceipt:
        return DepositReceipt(
            submission.number, DepositStatus.TO_DEPOSIT,
            message=Message.of("chorus.deposit_by_hand", number=submission.number,
                               file=submission.pdf_path.name, siret=submission.buyer_siret,
                               service=submission.service_code,
                               commitment=submission.commitment))

    def status(self, number: str, reference: str | None) -> DepositReceipt:
        return DepositReceipt(number, DepositStatus.TO_DEPOSIT if reference is None
                              else DepositStatus.DEPOSITED, reference,
                              Message.of("chorus.check_status", number=number))


def submission_for(doc: InvoiceDocument, pdf_path: Path) -> ChorusSubmission | None:
    """The submission of a rendered invoice to a public buyer (None for other buyers, or when
    the buyer has no SIRET: `suivi check` reports that first)."""
    if not doc.buyer_kind.is_public or not doc.buyer.siret:
        return None
    return ChorusSubmission(doc.number, pdf_path, doc.buyer.siret, doc.buyer_service_code,
                            doc.commitment_number)
