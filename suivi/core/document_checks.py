"""Checks of what the invoice documents will say (pure): due dates against their terms and the
legal caps of public buyers, VAT rates and line natures, credit notes against their original
invoice, and what Chorus Pro needs from public buyers.

Each check takes the `CheckContext` of `suivi.core.checks` and yields issues naming their
cell. An ERROR here makes the document legally wrong: the pipeline holds the invoice it
concerns (unnumbered, unrendered; see `suivi.core.holds`); a WARNING is a question. The words
are in the `documents` catalogue.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from stdnum.fr import siret as fr_siret

from suivi.core.checks import Check, CheckContext, client_cell
from suivi.core.credit_notes import check_credit_note, content_of, unallocated
from suivi.core.ledger import status_hint
from suivi.core.message import Message
from suivi.core.models import (
    CENT,
    ZERO,
    CellRef,
    Client,
    ClientType,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    Issue,
    Severity,
    Status,
    normalise_name,
)
from suivi.core.nature import nature_from_text
from suivi.core.public_buyers import PublicBuyerIds, check_public_buyer
from suivi.core.terms import expected_due_date, legal_cap_message
from suivi.core.vat import (
    allowed_rates,
    check_line_vat,
    exemption_category,
    rate_question,
    totals_around,
    usual_rate,
)

#: VAT problems that are questions, not errors.
_VAT_QUESTIONS = frozenset({"vat.rate_to_confirm"})
#: Chorus Pro problems reported once per client (on the Clients sheet).
_CLIENT_CODES = frozenset({"chorus.siret_missing", "chorus.siret_invalid",
                           "chorus.service_code_missing", "chorus.service_code_too_long"})


def to_issue(inv: Invoice) -> bool:
    """A row still to be invoiced: no number yet, or its Statut says « à émettre »."""
    return not inv.number or status_hint(inv.status_text) is Status.TO_ISSUE


def _live(inv: Invoice) -> bool:
    """Rows worth checking: with a client, not cancelled."""
    return bool(inv.client) and status_hint(inv.status_text) is not Status.CANCELLED


def _issue(where: CellRef | str, message: Message, severity: Severity, variant: str = "",
           **extra: object) -> Issue:
    """An issue from a core message, at `where` (which its text names as ``{where}``)."""
    params = {**message.kwargs, **extra, "where": where}
    return Issue.of(where, message.code, severity, variant=variant, **params)


# --------------------------------------------------------------------------- due dates


def _terms_text(ctx: CheckContext, inv: Invoice, client: Client | None) -> str:
    """The terms the document will print: the row's, else the client's, else the default."""
    if inv.payment_terms:
        return inv.payment_terms
    if client is not None and client.payment_terms:
        return client.payment_terms
    return ctx.default_terms


def _terms_cell(ctx: CheckContext, inv: Invoice, client: Client | None) -> CellRef | str:
    """Where the terms of `_terms_text` come from (only looked up for a row in error)."""
    if inv.payment_terms:
        return ctx.layout.ref("payment_terms", inv.row)
    if client is not None and client.payment_terms:
        return client_cell(ctx.layouts, client, "payment_terms") or "Clients"
    return "suivi.toml [classeur] conditions_defaut"


def check_due_dates_against_terms(ctx: CheckContext) -> Iterator[Issue]:
    """A typed due date that is not the one its terms give. On a row still to be invoiced it
    is an error (the row is held until one of the two is fixed); on an issued invoice, a
    warning (reminders follow the due date). An issued invoice whose terms are typed nowhere
    (neither on its row nor for its client) is not compared with suivi's default terms: its
    typed due date is the only fact there is, and a team that writes « one month later »
    would otherwise get a warning on every open invoice, every day."""
    due_for = lru_cache(maxsize=None)(expected_due_date)  # few terms, a few thousand dates
    for inv in ctx.invoices:
        if inv.kind is InvoiceKind.CREDIT_NOTE or inv.due_date is None or inv.due_date_derived \
                or not _live(inv):
            continue
        pending = to_issue(inv)
        issued = inv.issue_date or (ctx.today if pending else None)
        if issued is None:
            continue
        client = ctx.clients.get(normalise_name(inv.client))
        if not pending and not inv.payment_terms \
                and (client is None or not client.payment_terms):
            continue
        terms = _terms_text(ctx, inv, client)
        try:
            expected = due_for(terms, issued)
        except OverflowError:
            continue
        if expected is None or expected == inv.due_date:
            continue
        due_cell = ctx.layout.ref("due_date", inv.row)
        yield Issue.of(due_cell, "terms.due_date_contradicts",
                       Severity.ERROR if pending else Severity.WARNING,
                       variant="to_issue" if pending else "issued", number=inv.label,
                       terms=terms, due=inv.due_date, expected=expected,
                       due_cell=due_cell, terms_cell=_terms_cell(ctx, inv, client))


def check_public_caps(ctx: CheckContext) -> Iterator[Issue]:
    """A public buyer pays within 30 days (R2192-10 CCP): a later due date is flagged."""
    for inv in ctx.invoices:
        client = ctx.clients.get(normalise_name(inv.client))
        if client is None or client.type is not ClientType.PUBLIC or not _live(inv) \
                or inv.kind is InvoiceKind.CREDIT_NOTE or inv.due_date is None:
            continue
        issued = inv.issue_date or (ctx.today if to_issue(inv) else None)
        if issued is None:
            continue
        message = legal_cap_message(inv.label, issued, inv.due_date, public=True)
        if message is not None:
            field = "payment_terms" if inv.due_date_derived else "due_date"
            yield _issue(ctx.layout.ref(field, inv.row), message, Severity.WARNING)


# --------------------------------------------------------------------------- VAT and nature


def _lines_by_number(ctx: CheckContext) -> dict[str, list[InvoiceLine]]:
    grouped: dict[str, list[InvoiceLine]] = defaultdict(list)
    for line in ctx.lines:
        grouped[line.invoice_number].append(line)
    return grouped


def _line_cell(ctx: CheckContext, line: InvoiceLine, field: str) -> CellRef | str:
    layout = ctx.layouts.get("lines")
    if line.where is None:
        return "Lignes"
    if layout is None or not layout.has(field):
        return line.where
    return layout.ref(field, line.where.row)


def row_rate(inv: Invoice) -> Decimal | None:
    """The VAT rate of a single-line row: its « Taux TVA », else the French rate its amounts
    imply (to the cent), else their ratio to one decimal; None without amounts."""
    if inv.vat_rate is not None:
        return inv.vat_rate
    if inv.amount_ht is None or inv.vat is None:
        return None
    ht, vat = abs(inv.amount_ht), abs(inv.vat)
    if ht == 0:
        return None
    for rate in allowed_rates():
        if abs(ht * rate / 100 - vat) <= CENT:
            return rate
    return (vat / ht * 100).quantize(Decimal("0.1"))


_STANDARD_RATES = frozenset(rate for rate in allowed_rates() if rate > 0)


def _vat_problems(where: CellRef | str, rate: Decimal, reason: str | None,
                  description: str | None,
                  franchise: str | None = None) -> Iterator[tuple[Message, Severity]]:
    """A seller under the franchise (« TVA non applicable, art. 293 B ») prints every line
    exempt: a line with a rate contradicts it."""
    if franchise:
        category, reason = "E", franchise
    else:
        category = "S" if rate != 0 else (exemption_category(reason) if reason else "S")
    if category != "S" or abs(rate) not in _STANDARD_RATES:  # the common case: nothing to say
        for message in check_line_vat(where, abs(rate), category, reason):
            yield message, Severity.ERROR
    question = rate_question(where, description, abs(rate))
    if question is not None:
        yield question, Severity.WARNING


def check_vat_rates(ctx: CheckContext) -> Iterator[Issue]:
    """Each line's rate is a French rate; a 0 % line has its exemption mention; a designation
    that usually carries a reduced rate (a book at 20 %) gets a question."""
    by_number = _lines_by_number(ctx)
    franchise = ctx.exemption_text
    field = "vat_rate" if ctx.layout.has("vat_rate") else "vat"
    for inv in ctx.invoices:
        if not _live(inv):
            continue
        lines = by_number.get(inv.number or "", []) if inv.number else []
        for line in lines:
            where = _line_cell(ctx, line, "vat_rate")
            reason = line.exemption_reason or inv.exemption_reason
            for message, severity in _vat_problems(where, line.vat_rate, reason,
                                                   line.description, franchise):
                yield _issue(where, message, severity)
        rate = row_rate(inv) if not lines else None
        if rate is None:
            continue
        if not franchise and rate in _STANDARD_RATES and (
                (hint := usual_rate(inv.description)) is None or hint.rate == rate):
            continue  # the common case (what _vat_problems says nothing about), made cheap
        where = ctx.layout.ref(field, inv.row)
        for message, severity in _vat_problems(where, rate, inv.exemption_reason,
                                               inv.description, franchise):
            yield _issue(where, message, severity)


def check_reachable_totals(ctx: CheckContext) -> Iterator[Issue]:
    """A row to invoice that gives its total only (« Montant TTC »), which no amount before
    VAT reaches at its rate (99,99 € at 20 %: 83,32 € makes 99,98 €, 83,33 € makes 100,00 €):
    its invoice would say one cent less than the row, and the reminders claim the row. An
    error: the row is neither numbered nor made until its amount is one a document can say."""
    if ctx.vat_rate is None:
        return
    for inv in ctx.invoices:
        if not _live(inv) or not to_issue(inv) or inv.amount_ht is not None \
                or inv.vat is not None or not inv.amount_ttc or inv.number in _lines_by_number(ctx):
            continue
        rate = inv.vat_rate if inv.vat_rate is not None else ctx.vat_rate
        if (around := totals_around(inv.amount_ttc, rate)) is None:
            continue
        (low_ht, low), (high_ht, high) = around
        yield Issue.of(ctx.layout.ref("amount_ttc", inv.row), "total_ttc_inatteignable",
                       Severity.ERROR, invoice=inv.label, total=abs(inv.amount_ttc), rate=rate,
                       low_ht=low_ht, low=low, high_ht=high_ht, high=high)


def _lines_totals(lines: list[InvoiceLine], exempt: bool) -> tuple[Decimal, Decimal]:
    """(HT, TTC) of an invoice's Lignes, reckoned as its document reckons them: each line's
    net to the cent, then the VAT of each rate on its base."""
    bases: dict[Decimal, Decimal] = defaultdict(Decimal)
    for line in lines:
        net = (abs(line.quantity) * abs(line.unit_price)).quantize(CENT, ROUND_HALF_UP)
        bases[ZERO if exempt else abs(line.vat_rate)] += net
    ht = sum(bases.values(), ZERO)
    vat = sum(((base * rate / 100).quantize(CENT, ROUND_HALF_UP)
               for rate, base in bases.items()), ZERO)
    return ht, ht + vat


def check_lines_match_row(ctx: CheckContext) -> Iterator[Issue]:
    """An invoice whose Lignes add up to another amount than its row (a « Remise » column of
    Lignes that suivi does not read, a line typed twice): its document would state the lines'
    total, and its reminders claim the row's. An error on a row to issue (held), a warning on
    an issued invoice."""
    by_number = _lines_by_number(ctx)
    if not by_number:
        return
    exempt = bool(ctx.exemption_text)
    for inv in ctx.invoices:
        lines = by_number.get(inv.number or "") if inv.number else None
        if not lines or not _live(inv):
            continue
        ht, ttc = _lines_totals(lines, exempt)
        if inv.amount_ttc is not None or inv.vat is not None:
            field, row, said = ("amount_ttc" if inv.amount_ttc is not None else "vat",
                                abs(inv.total), ttc)
        elif inv.amount_ht is not None:
            field, row, said = "amount_ht", abs(inv.amount_ht), ht
        else:
            continue
        if abs(row - said) >= CENT:
            pending = to_issue(inv)
            yield Issue.of(ctx.layout.ref(field, inv.row), "lignes_total_different",
                           Severity.ERROR if pending else Severity.WARNING,
                           variant="to_issue" if pending else "", invoice=inv.label,
                           lines=said, row=row)


def check_natures(ctx: CheckContext) -> Iterator[Issue]:
    """A « Nature » cell that says neither goods nor services (it is then ignored)."""
    for inv in ctx.invoices:
        if inv.nature and nature_from_text(inv.nature) is None:
            yield Issue.of(ctx.layout.ref("nature", inv.row), "nature_illisible",
                           Severity.WARNING, value=inv.nature)
    for line in ctx.lines:
        if line.nature and nature_from_text(line.nature) is None:
            yield Issue.of(_line_cell(ctx, line, "nature"), "nature_illisible",
                           Severity.WARNING, value=line.nature)


# --------------------------------------------------------------------------- credit notes


def check_credit_notes(ctx: CheckContext) -> Iterator[Issue]:
    """A credit note that credits more than its original invoice, or a line it did not have
    (earlier credit notes on the same invoice count); one that quotes no invoice of the sheet
    (its client's reminders wait, see `suivi.core.credit_notes.unallocated`)."""
    for credit in unallocated(ctx.invoices):
        message = Message.of("credit_note.unallocated", number=credit.number,
                             amount=abs(credit.total), client=credit.client,
                             original=credit.original_number or "")
        yield _issue(ctx.layout.ref("number", credit.row), message, Severity.WARNING,
                     variant="unknown" if credit.original_number else "")
    notes: dict[str, list[Invoice]] = defaultdict(list)
    for inv in ctx.invoices:
        if inv.kind is InvoiceKind.CREDIT_NOTE and inv.original_number and _live(inv):
            notes[inv.original_number].append(inv)
    if not notes:
        return
    by_number = _lines_by_number(ctx)
    invoices = {inv.number: inv for inv in ctx.invoices
                if inv.number and inv.kind is not InvoiceKind.CREDIT_NOTE}
    for number, credits in notes.items():
        original = invoices.get(number)
        if original is None:
            continue
        content = content_of(original, by_number.get(number, []))
        credits.sort(key=lambda c: (c.issue_date or ctx.today, c.row))
        for position, credit in enumerate(credits):
            earlier = [content_of(c, by_number.get(c.number or "", []))
                       for c in credits[:position]]
            mine = content_of(credit, by_number.get(credit.number or "", []))
            for message in check_credit_note(mine, content, earlier):
                yield _issue(ctx.layout.ref("number", credit.row), message, Severity.WARNING)


# --------------------------------------------------------------------------- public buyers


def _siret(client: Client) -> str | None:
    if client.siret:
        return client.siret
    digits = re.sub(r"\D", "", client.siren or "")
    return client.siren if len(digits) == 14 else None


def _ids(client: Client, inv: Invoice | None = None) -> PublicBuyerIds:
    return PublicBuyerIds(_siret(client), client.service_code,
                          inv.commitment_number if inv else None,
                          client.service_code_required, client.commitment_required)


def check_public_buyers(ctx: CheckContext) -> Iterator[Issue]:
    """What Chorus Pro needs: the buyer's SIRET and, when its directory entry requires them,
    a service code (Clients) and a commitment number (each invoice still to deposit)."""
    for client in ctx.clients.values():
        if client.type is not ClientType.PUBLIC:
            continue
        fields = {"chorus.siret_missing": "siret", "chorus.siret_invalid": "siret",
                  "chorus.service_code_missing": "service_code",
                  "chorus.service_code_too_long": "service_code"}
        for message in check_public_buyer(None, "", _ids(client)):
            if message.code in _CLIENT_CODES:
                field = fields[message.code]
                if field == "siret" and not (ctx.layouts.get("clients") and
                                             ctx.layouts["clients"].has("siret")):
                    field = "siren"
                where = client_cell(ctx.layouts, client, field) or "Clients"
                yield _issue(where, message, Severity.ERROR, "client", client=client.name)
    if not any(client.type is ClientType.PUBLIC for client in ctx.clients.values()):
        return  # most trackers: no invoice to look at
    for inv in ctx.invoices:
        buyer = ctx.clients.get(normalise_name(inv.client))
        if buyer is None or buyer.type is not ClientType.PUBLIC or not _live(inv) \
                or not (to_issue(inv) or not inv.pdf_file):
            continue
        for message in check_public_buyer(None, inv.number or "", _ids(buyer, inv)):
            if message.code == "chorus.commitment_missing":
                where = ctx.layout.ref("commitment_number", inv.row)
            elif message.code == "chorus.number_too_long":
                where = ctx.layout.ref("number", inv.row)
            else:
                continue
            yield _issue(where, message, Severity.ERROR, number=inv.label)


def check_client_sirets(ctx: CheckContext) -> Iterator[Issue]:
    """A SIRET column's key is checked for every client (public buyers: see above)."""
    for client in ctx.clients.values():
        if client.type is ClientType.PUBLIC or not client.siret:
            continue
        digits = re.sub(r"[\s.\-]", "", client.siret)
        if not fr_siret.is_valid(digits):
            yield Issue.of(client_cell(ctx.layouts, client, "siret"), "siret_invalide", Severity.ERROR,
                           client=client.name, value=client.siret)


DOCUMENT_CHECKS: tuple[Check, ...] = (
    check_due_dates_against_terms,
    check_public_caps,
    check_vat_rates,
    check_reachable_totals,
    check_lines_match_row,
    check_natures,
    check_credit_notes,
    check_public_buyers,
    check_client_sirets,
)
