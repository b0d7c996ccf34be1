"""What an invoice to a public buyer needs before it can be deposited on Chorus Pro (pure).

Every invoice to the State, a local authority or a public establishment goes through Chorus
Pro (ordonnance 2014-697, mandatory for every supplier since 1 January 2020). Chorus Pro
identifies the buyer by its SIRET, may require a service code (« code service exécutant ») and
a commitment number (« numéro d'engagement juridique »): the Chorus Pro directory
(« annuaire des structures publiques ») says which. The Factur-X specification notes that the
service code is limited to 100 characters and the invoice number to 20 for Chorus Pro. See
docs/chorus-pro.md for the sources and the XML fields.

Called by the lead's checks (`suivi check`, clients of type Administration and their rows).
"""
from __future__ import annotations

from dataclasses import dataclass

from stdnum.fr import siret as stdnum_siret

from suivi.core.message import Message

SERVICE_CODE_MAX = 100
INVOICE_NUMBER_MAX = 20


@dataclass(frozen=True, slots=True)
class PublicBuyerIds:
    """The Chorus Pro identifiers of one invoice: buyer SIRET, service code, commitment number,
    and whether the buyer's directory entry makes the last two mandatory."""

    siret: str | None
    service_code: str | None = None
    commitment: str | None = None
    service_required: bool = False
    commitment_required: bool = False


def _digits(value: str | None) -> str:
    return "".join(ch for ch in (value or "") if not ch.isspace())


def check_public_buyer(where: object, number: str, ids: PublicBuyerIds) -> list[Message]:
    """Problems that would make Chorus Pro refuse the invoice ``number`` (``where``: the cell
    or row to name): missing or invalid SIRET, missing service code or commitment number when
    the buyer requires them, a service code or an invoice number too long."""
    problems: list[Message] = []
    siret = _digits(ids.siret)
    if not siret:
        problems.append(Message.of("chorus.siret_missing", where=where, number=number))
    elif not stdnum_siret.is_valid(siret):
        problems.append(Message.of("chorus.siret_invalid", where=where, number=number,
                                   siret=ids.siret))
    service = (ids.service_code or "").strip()
    if not service and ids.service_required:
        problems.append(Message.of("chorus.service_code_missing", where=where, number=number))
    elif len(service) > SERVICE_CODE_MAX:
        problems.append(Message.of("chorus.service_code_too_long", where=where, number=number,
                                   limit=SERVICE_CODE_MAX))
    if not (ids.commitment or "").strip() and ids.commitment_required:
        problems.append(Message.of("chorus.commitment_missing", where=where, number=number))
    if len(number) > INVOICE_NUMBER_MAX:
        problems.append(Message.of("chorus.number_too_long", where=where, number=number,
                                   limit=INVOICE_NUMBER_MAX))
    return problems
