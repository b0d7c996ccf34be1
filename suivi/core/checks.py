"""Checks of the master workbook's data. Pure: each check takes the data and returns issues.

Every issue names its cell (`Factures!F12`), has a stable code, a French message and what to do.
`CHECKS` is the registry, run in order by `run_checks`.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from stdnum.eu import vat as eu_vat
from stdnum.fr import siren as fr_siren
from stdnum.fr import siret as fr_siret

from suivi.core.collector import collector_paused
from suivi.core.ledger import compute_statuses, says_partly_paid, status_hint
from suivi.core.models import (
    CENT,
    ZERO,
    CellRef,
    Client,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    Issue,
    Payment,
    Severity,
    SheetLayout,
    Status,
    column_letter,
    name_core,
    normalise_name,
    number_key,
)
from suivi.core.prescription import prescription_warnings, time_barred
from suivi.core.terms import exceeds_legal_delay, parse_terms, says_no_delay


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What the checks look at. `layouts` are the other sheets' layouts (Clients, Lignes…, as
    in `Master.layouts`) so that a problem names its exact cell; `lines` the Lignes sheet;
    `default_terms` and `exemption_text` come from suivi.toml (conditions_defaut, the seller's
    VAT exemption mention)."""

    invoices: Sequence[Invoice]
    clients: Mapping[str, Client]
    layout: SheetLayout
    has_client_sheet: bool
    today: date
    cache: dict[str, dict[str, list[tuple[int, int, Invoice]]]] = field(
        default_factory=dict, compare=False, repr=False)
    lines: Sequence[InvoiceLine] = ()
    layouts: Mapping[str, SheetLayout] = field(default_factory=dict)
    default_terms: str = "30 jours"
    exemption_text: str | None = None
    payments: Sequence[Payment] = ()
    vat_rate: Decimal | None = None  # the seller's rate for rows without one; None: no PDFs


def numbered_series(ctx: CheckContext) -> dict[str, list[tuple[int, int, Invoice]]]:
    """Invoices grouped by series prefix, as (counter, width, invoice); computed once per run."""
    if "series" not in ctx.cache:
        series: dict[str, list[tuple[int, int, Invoice]]] = defaultdict(list)
        for inv in ctx.invoices:
            if inv.number and (parts := split_number(inv.number)):
                series[parts[0]].append((parts[1], parts[2], inv))
        ctx.cache["series"] = dict(series)
    return ctx.cache["series"]


def _ref(ctx: CheckContext, inv: Invoice, field: str) -> CellRef:
    return ctx.layout.ref(field, inv.row)


def client_cell(layouts: Mapping[str, SheetLayout], client: Client,
                field: str) -> CellRef | None:
    """The cell of `field` on the client's row of the Clients sheet (the name cell when the
    sheet has no such column or the client comes from the invoice sheet). `layouts`: as in
    `Master.layouts`."""
    layout = layouts.get("clients")
    where = client.where
    if layout is None or where is None or where.sheet != layout.sheet or not layout.has(field):
        return where
    return layout.ref(field, where.row)


# --------------------------------------------------------------------------- numbering

_DIGITS = "0123456789"


def split_number(number: str) -> tuple[str, int, int] | None:
    """"FAC2026-007" → ("FAC2026-", 7, 3): series prefix, counter, counter width."""
    prefix = number.rstrip(_DIGITS)
    digits = number[len(prefix):]
    if not digits:
        return None
    return prefix, int(digits), len(digits)


def check_duplicate_numbers(ctx: CheckContext) -> Iterator[Issue]:
    seen: dict[str, Invoice] = {}
    for inv in ctx.invoices:
        if not inv.number:
            continue
        key = number_key(inv.number)
        if key in seen:
            first = seen[key]
            yield Issue.of(_ref(ctx, inv, "number"), "numero_en_double", Severity.ERROR,
                           number=inv.number, first=_ref(ctx, first, "number"))
        else:
            seen[key] = inv


def check_numbering_gaps(ctx: CheckContext) -> Iterator[Issue]:
    """Each series (prefix, e.g. FAC2026-) must be continuous: 1, 2, 3… with no hole."""
    for prefix, items in numbered_series(ctx).items():
        if len(items) < 2:
            continue
        present = {c for c, _, _ in items}
        low, high = min(present), max(present)
        if high - low + 1 == len(present):
            continue
        missing = [n for n in range(low, high + 1) if n not in present]
        width = max(w for _, w, _ in items)
        shown = [f"{prefix}{n:0{width}d}" for n in missing[:10]]
        last_inv = max(items, key=lambda t: t[0])[2]
        yield Issue.of(ctx.layout.ref("number", last_inv.row), "numerotation_trou",
                       Severity.ERROR, variant="more" if len(missing) > 10 else "",
                       series=prefix or "—", missing=shown, more=len(missing) - len(shown))


def check_chronology(ctx: CheckContext) -> Iterator[Issue]:
    """Within a series, a higher number should not carry an earlier date. One issue per series,
    naming the first such invoice and how many there are."""
    for prefix, all_items in numbered_series(ctx).items():
        items = sorted(((c, inv) for c, _, inv in all_items if inv.issue_date),
                       key=lambda t: t[0])
        latest: Invoice | None = None
        offenders: list[tuple[Invoice, Invoice]] = []
        for _, inv in items:
            if latest and inv.issue_date < latest.issue_date:  # type: ignore[operator]
                offenders.append((inv, latest))
            if latest is None or inv.issue_date > latest.issue_date:  # type: ignore[operator]
                latest = inv
        if not offenders:
            continue
        inv, before = offenders[0]
        yield Issue.of(_ref(ctx, inv, "issue_date"), "numerotation_chronologie",
                       Severity.WARNING, variant="many" if len(offenders) > 1 else "",
                       number=inv.number, day=inv.issue_date, before=before.number,
                       before_day=before.issue_date, count=len(offenders),
                       series=prefix or "—")


# --------------------------------------------------------------------------- dates and amounts


def check_due_before_issue(ctx: CheckContext) -> Iterator[Issue]:
    for inv in ctx.invoices:
        if inv.due_date and inv.issue_date and inv.due_date < inv.issue_date:
            yield Issue.of(_ref(ctx, inv, "due_date"), "echeance_avant_date", Severity.ERROR,
                           invoice=inv.label, due=inv.due_date, day=inv.issue_date)


def check_future_dates(ctx: CheckContext) -> Iterator[Issue]:
    """An issued invoice dated after today (2062 typed for 2026) is not due before then: never
    reminded, silently, and left out of the overdue. A payment dated after today cannot have
    been received yet: it is counted as the team typed it, and named."""
    today = ctx.today
    said: set[tuple[str | None, date]] = set()
    for payment in ctx.payments:
        if payment.date is not None and payment.date > today and payment.where is not None:
            said.add((payment.invoice_number, payment.date))
            yield Issue.of(payment.where, "reglement_futur", Severity.WARNING,
                           amount=payment.amount, day=payment.date, today=today)
    paid_on = ctx.layout.has("payment_date")
    for inv in ctx.invoices:
        if inv.number and inv.issue_date is not None and inv.issue_date > today:
            yield Issue.of(_ref(ctx, inv, "issue_date"), "date_facture_future", Severity.WARNING,
                           invoice=inv.label, day=inv.issue_date, today=today)
        if paid_on and inv.payment_date is not None and inv.payment_date > today \
                and (inv.number, inv.payment_date) not in said:
            yield Issue.of(_ref(ctx, inv, "payment_date"), "reglement_futur", Severity.WARNING,
                           amount=inv.amount_paid, day=inv.payment_date, today=today)


def check_totals(ctx: CheckContext) -> Iterator[Issue]:
    if not (ctx.layout.has("amount_ht") and ctx.layout.has("amount_ttc")):
        return
    for inv in ctx.invoices:
        if inv.amount_ht is None or inv.amount_ttc is None:
            continue
        if inv.vat is None:  # no VAT column: a total below the HT cannot be (VAT is never
            # negative), it is often a formula's stale value (xlsxwriter saves 0 for them)
            if abs(inv.amount_ttc) + CENT <= abs(inv.amount_ht) \
                    or inv.amount_ttc * inv.amount_ht < 0:
                yield Issue.of(_ref(ctx, inv, "amount_ttc"), "ttc_sous_ht", Severity.ERROR,
                               invoice=inv.label, ht=inv.amount_ht, ttc=inv.amount_ttc)
            continue
        expected = inv.amount_ht + inv.vat
        if abs(expected - inv.amount_ttc) > CENT:
            yield Issue.of(_ref(ctx, inv, "amount_ttc"), "total_incoherent", Severity.ERROR,
                           invoice=inv.label, ht=inv.amount_ht, vat=inv.vat, expected=expected,
                           ttc=inv.amount_ttc)


def check_legal_terms(ctx: CheckContext) -> Iterator[Issue]:
    for inv in ctx.invoices:
        terms = parse_terms(inv.payment_terms)
        if terms is not None and terms.exceeds_legal_cap():
            yield Issue.of(_ref(ctx, inv, "payment_terms"), "delai_illegal", Severity.WARNING,
                           variant="terms", invoice=inv.label, terms=inv.payment_terms)
            continue
        if inv.issue_date and inv.due_date and not inv.due_date_derived and \
                exceeds_legal_delay(inv.issue_date, inv.due_date):
            days = (inv.due_date - inv.issue_date).days
            yield Issue.of(_ref(ctx, inv, "due_date"), "delai_illegal", Severity.WARNING,
                           variant="date", invoice=inv.label, days=days)


def check_terms_followed(ctx: CheckContext) -> Iterator[Issue]:
    """Terms suivi cannot follow: a client's terms not understood (« Selon contrat ») or
    beyond the legal cap (« 90 jours »), once per client; an invoice's own terms not
    understood where its due date was reckoned from them, once per text. The due date is then
    reckoned with the default terms, and the reminder may go before the client owes anything.
    A text naming only the way of paying (« Virement », « CB ») says no delay: not named."""
    for client in ctx.clients.values():
        typed = client.payment_terms
        if not typed or says_no_delay(typed):
            continue
        where = client_cell(ctx.layouts, client, "payment_terms")
        if (terms := parse_terms(typed)) is None:
            yield Issue.of(where, "conditions_illisibles", Severity.WARNING, variant="client",
                           client=client.name, terms=typed, default=ctx.default_terms)
        elif terms.exceeds_legal_cap():
            yield Issue.of(where, "delai_illegal", Severity.WARNING, variant="client",
                           client=client.name, terms=typed)
    unread: dict[str, list[Invoice]] = {}
    for inv in ctx.invoices:
        if (typed := inv.payment_terms) and inv.due_date_derived and not says_no_delay(typed) \
                and parse_terms(typed) is None and ctx.layout.has("payment_terms"):
            unread.setdefault(typed, []).append(inv)
    for typed, invoices in unread.items():
        yield Issue.of(_ref(ctx, invoices[0], "payment_terms"), "conditions_illisibles",
                       Severity.WARNING, invoice=invoices[0].label, terms=typed,
                       count=len(invoices), default=ctx.default_terms)


def check_overpaid(ctx: CheckContext) -> Iterator[Issue]:
    """More paid than due (a warning), or less than nothing: a negative amount paid would have
    a reminder claim more than the invoice (an error that holds it)."""
    for inv in ctx.invoices:
        if inv.kind is InvoiceKind.CREDIT_NOTE:
            continue
        if inv.amount_paid < ZERO:
            yield Issue.of(_ref(ctx, inv, "amount_paid"), "montant_regle_negatif",
                           Severity.ERROR, invoice=inv.label, paid=inv.amount_paid)
            continue
        total = inv.total
        if total > ZERO and inv.amount_paid - total >= CENT:
            yield Issue.of(_ref(ctx, inv, "amount_paid"), "trop_percu", Severity.WARNING,
                           invoice=inv.label, paid=inv.amount_paid, total=total,
                           excess=inv.amount_paid - total)


def check_paid_status_without_payment(ctx: CheckContext) -> Iterator[Issue]:
    """A Statut saying "réglée" while money is still due: suivi trusts it (no reminder) but says so."""
    for inv in ctx.invoices:
        if status_hint(inv.status_text) is Status.PAID and inv.total - inv.amount_paid >= CENT \
                and inv.kind is not InvoiceKind.CREDIT_NOTE:
            yield Issue.of(_ref(ctx, inv, "status_text"), "statut_regle_sans_paiement",
                           Severity.WARNING, invoice=inv.label, status=inv.status_text,
                           due=inv.total - inv.amount_paid)


#: The columns of the invoice sheet that say what was paid.
PAID_FIELDS = ("amount_paid", "payment_date", "balance")


def says_nothing_paid(layout: SheetLayout, layouts: Mapping[str, SheetLayout],
                      invoices: Iterable[Invoice]) -> bool:
    """Whether the workbook says nowhere what was paid: no column for the amount paid, the
    payment date or what is left to pay, no Paiements sheet, no sheet of paid invoices, no
    Statut saying paid or partly paid, or how much (« Payée 1 200 € »). Every invoice then
    reads as unpaid, one paid years ago included: `suivi run` holds the reminders while one is
    overdue (pipeline/steps/arrangements.py)."""
    if any(layout.has(f) for f in PAID_FIELDS) or "payments" in layouts \
            or any(sister.paid for sister in layout.sisters):
        return False
    return not any(inv.amount_paid > ZERO  # an amount the Statut (or a note) states
                   or status_hint(inv.status_text) is Status.PAID
                   or says_partly_paid(inv.status_text) for inv in invoices)


def check_payments_recorded(ctx: CheckContext) -> Iterator[Issue]:
    """`says_nothing_paid` while invoices are overdue, named where a « Montant réglé » column
    would go: `suivi check` says beforehand what `suivi run` will hold."""
    if not says_nothing_paid(ctx.layout, ctx.layouts, ctx.invoices):
        return
    statuses = compute_statuses(ctx.invoices, ctx.today)
    late = sum(1 for info in statuses.values() if info.status is Status.OVERDUE)
    if late:
        column = ctx.layout.free_column or ctx.layout.last_column + 1
        where = CellRef(ctx.layout.sheet, ctx.layout.header_row, column_letter(max(column, 1)))
        yield Issue.of(where, "reglements_non_saisis", Severity.WARNING,
                       sheet=ctx.layout.sheet, count=late)


def check_probable_duplicates(ctx: CheckContext) -> Iterator[Issue]:
    seen: dict[tuple[str, Decimal, date], Invoice] = {}
    for inv in ctx.invoices:
        if not inv.number or inv.issue_date is None or inv.amount_ttc is None:
            continue
        key = (normalise_name(inv.client), inv.amount_ttc, inv.issue_date)
        if key in seen and seen[key].number != inv.number:
            first = seen[key]
            yield Issue.of(_ref(ctx, inv, "number"), "doublon_probable", Severity.WARNING,
                           number=inv.number, first=first.number,
                           first_cell=_ref(ctx, first, "number"), amount=inv.amount_ttc)
        else:
            seen.setdefault(key, inv)


def check_missing_fields(ctx: CheckContext) -> Iterator[Issue]:
    for inv in ctx.invoices:
        if ctx.layout.has("client") and not inv.client:
            yield Issue.of(_ref(ctx, inv, "client"), "client_absent", Severity.ERROR,
                           invoice=inv.label)
        if inv.number and inv.issue_date is None and ctx.layout.has("issue_date"):
            yield Issue.of(_ref(ctx, inv, "issue_date"), "date_absente", Severity.WARNING,
                           invoice=inv.label)
        if (inv.number or inv.client and not ctx.lines) and inv.amount_ttc is None \
                and inv.amount_ht is None:
            # a row still to issue without its amount is held: numbered, it would take a
            # number of the legal series for an invoice that cannot be produced (with a
            # Lignes sheet, its lines may give the amounts, under the number it will get)
            field = "amount_ttc" if ctx.layout.has("amount_ttc") else "amount_ht"
            yield Issue.of(_ref(ctx, inv, field), "montant_absent", Severity.ERROR,
                           variant="" if inv.number else "to_issue", invoice=inv.label)


def check_amount_precision(ctx: CheckContext) -> Iterator[Issue]:
    """An amount with more than two decimals (often an unrounded formula, =E2*20%) would be
    rounded on the invoice: an error on a row still to issue (it is held), a warning otherwise."""
    for inv in ctx.invoices:
        to_issue = not inv.number or status_hint(inv.status_text) is Status.TO_ISSUE
        for name in ("amount_ht", "vat", "amount_ttc"):
            value = getattr(inv, name)
            if value is None or not value.is_finite() or value == value.quantize(CENT):
                continue
            yield Issue.of(_ref(ctx, inv, name), "montant_decimales",
                           Severity.ERROR if to_issue else Severity.WARNING,
                           variant="to_issue" if to_issue else "", invoice=inv.label,
                           value=value, rounded=value.quantize(CENT, ROUND_HALF_UP))


# --------------------------------------------------------------------------- clients

# A practical address check: one @, a dot in the domain, no spaces or header-breaking characters.
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")


def valid_email(address: str) -> bool:
    return bool(_EMAIL.match(address)) and ".." not in address and len(address) <= 254


#: Beyond this many professional clients without a SIREN, one warning says them all.
_EACH_WITHOUT_SIREN = 5


def check_clients(ctx: CheckContext) -> Iterator[Issue]:
    """The clients' addresses and company numbers, in the Clients sheet or, without one, in the
    email column of the invoice sheet (each client once, named at its address's cell)."""
    without: list[Client] = []
    for client in ctx.clients.values():
        for address in client.emails:
            if not valid_email(address):
                yield Issue.of(client.email_where or client.where, "email_invalide",
                               Severity.ERROR, client=client.name, address=_printable(address))
        if client.siren:
            yield from _check_company_id(client, client_cell(ctx.layouts, client, "siren"))
        if client.vat_number:
            compact = client.vat_number.replace(" ", "").upper()
            if not eu_vat.is_valid(compact):
                yield Issue.of(client_cell(ctx.layouts, client, "vat_number"), "tva_invalide",
                               Severity.ERROR, client=client.name, value=client.vat_number)
        if client.type.professional and not (client.siren or client.siret or client.country) \
                and ctx.has_client_sheet:
            without.append(client)
    if len(without) <= _EACH_WITHOUT_SIREN:
        for client in without:
            yield Issue.of(client_cell(ctx.layouts, client, "siren"), "siren_absent",
                           Severity.WARNING, client=client.name, type=client.type.value)
    else:  # a Clients sheet kept without SIREN: one warning, not one per client
        layout = ctx.layouts.get("clients")
        yield Issue.of(CellRef(layout.sheet, layout.header_row, layout.columns["siren"].column
                               if layout.has("siren") else "A") if layout else "Clients",
                       "siren_absent", Severity.WARNING, variant="column", count=len(without),
                       names=[c.name for c in without[:3]])


def check_client_spelt_twice(ctx: CheckContext) -> Iterator[Issue]:
    """One client under several spellings (« Alpha SARL », « ALPHA S.A.R.L. », « Alpha ») at
    one address: suivi sees two clients, and the client gets one reminder for each, the same
    day. Named at the name of each spelling after the first. A group whose companies share an
    accounting address (« Groupe X Nord », « Groupe X Sud ») is not one client."""
    seen: dict[tuple[str, str], Client] = {}
    for client in ctx.clients.values():
        core = name_core(client.name)
        first = None
        for address in client.emails if core else ():
            first = first or seen.get((core, address.casefold()))
            seen.setdefault((core, address.casefold()), client)
        if first is not None and first is not client:
            yield Issue.of(_name_cell(ctx, client), "client_ecrit_autrement",
                           Severity.WARNING, client=client.name, first=first.name,
                           first_cell=_name_cell(ctx, first), address=", ".join(client.emails))


def _name_cell(ctx: CheckContext, client: Client) -> CellRef | None:
    """The cell of the client's name: in Clients, or on its row of the invoice sheet."""
    where = client.where
    key = ctx.layout.row_key(where.sheet, where.row) if where is not None else None
    if key is not None:
        return ctx.layout.ref("client", key)
    return client_cell(ctx.layouts, client, "name")


def _check_company_id(client: Client, where: CellRef | None) -> Iterator[Issue]:
    digits = re.sub(r"[\s.\-]", "", client.siren or "")
    if len(digits) == 14:
        if not fr_siret.is_valid(digits):
            yield Issue.of(where, "siret_invalide", Severity.ERROR, client=client.name,
                           value=client.siren)
    elif not fr_siren.is_valid(digits):
        yield Issue.of(where, "siren_invalide", Severity.ERROR, client=client.name,
                       value=client.siren)


def check_unknown_clients(ctx: CheckContext) -> Iterator[Issue]:
    if not ctx.has_client_sheet:
        return
    reported: set[str] = set()
    for inv in ctx.invoices:
        key = normalise_name(inv.client)
        if key and key not in ctx.clients and key not in reported:
            reported.add(key)
            yield Issue.of(_ref(ctx, inv, "client"), "client_inconnu", Severity.ERROR,
                           client=inv.client)


def _printable(text: str) -> str:
    return text.replace("\r", "\\r").replace("\n", "\\n")


Check = Callable[[CheckContext], Iterable[Issue]]

def check_time_barred(ctx: CheckContext) -> list[Issue]:
    """The open invoices too old to claim (`prescription`), which no reminder will chase."""
    return prescription_warnings(time_barred(ctx.invoices, ctx.clients, ctx.today))


CHECKS: tuple[Check, ...] = (
    check_missing_fields,
    check_duplicate_numbers,
    check_numbering_gaps,
    check_chronology,
    check_due_before_issue,
    check_future_dates,
    check_totals,
    check_amount_precision,
    check_legal_terms,
    check_terms_followed,
    check_overpaid,
    check_paid_status_without_payment,
    check_payments_recorded,
    check_probable_duplicates,
    check_unknown_clients,
    check_clients,
    check_client_spelt_twice,
    check_time_barred,
)


def run_checks(ctx: CheckContext, checks: Sequence[Check] = CHECKS) -> list[Issue]:
    issues: list[Issue] = []
    with collector_paused():  # the checks walk every record several times
        for check in checks:
            issues.extend(check(ctx))
    return issues
