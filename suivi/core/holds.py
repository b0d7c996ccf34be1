"""Which invoices an error holds (pure): an error on a row holds that row's invoice.

An error found by the reader or the checks makes the invoice it concerns legally wrong (an
invalid client identifier, an unreadable amount or date, a due date that contradicts its
terms, a VAT rate that does not exist, a public buyer without SIRET…). Such an invoice is
held: not numbered, not rendered, until the error is fixed; the run says why. Warnings never
hold anything, and blocking problems already stop the whole run.

An error holds the invoices of the cell it names:

- a cell of the invoice sheet: the invoice of that row;
- a cell of the Clients sheet: every invoice of that client (contract invoices created later
  in the run included);
- a cell of the Lignes sheet: the invoice whose lines it is.

A few errors do not make any one document wrong and hold nothing (`NOT_HOLDING`).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from suivi.core.models import CellRef, Invoice, Issue, Master, Severity, normalise_name

#: Errors the rendering step finds about a PDF it could not make: the row itself is sound (an
#: invoice issued elsewhere is still reminded; one numbered now stays « à émettre »).
AFTER_RENDERING = frozenset({"facture_refusee"})
#: Errors that concern no single document: a hole in a series is pinned on its last invoice,
#: an e-mail address is not printed on the invoice; and the refusals of `AFTER_RENDERING`.
NOT_HOLDING = frozenset({"numerotation_trou", "email_invalide"}) | AFTER_RENDERING
#: Errors on a row that leave its invoice fit to remind: a hole in its series says nothing of
#: what the client owes on it, and a refused PDF leaves an invoice issued elsewhere as it was.
#: (An invalid e-mail address does hold the reminder: there is no one to send it to.)
REMINDABLE = frozenset({"numerotation_trou"}) | AFTER_RENDERING


@dataclass(frozen=True, slots=True)
class Holds:
    """The errors holding invoices, by invoice row, by client (normalised name) and by
    invoice number (errors on its lines)."""

    rows: Mapping[int, tuple[Issue, ...]] = field(default_factory=dict)
    clients: Mapping[str, tuple[Issue, ...]] = field(default_factory=dict)
    numbers: Mapping[str, tuple[Issue, ...]] = field(default_factory=dict)

    def of(self, invoice: Invoice) -> tuple[Issue, ...]:
        """The errors that hold `invoice` (empty when it may be numbered and rendered)."""
        found = self.rows.get(invoice.row, ()) + self.clients.get(
            normalise_name(invoice.client), ())
        if invoice.number:
            found += self.numbers.get(invoice.number, ())
        return found

    def __bool__(self) -> bool:
        return bool(self.rows or self.clients or self.numbers)


def holding(issue: Issue) -> bool:
    """Whether `issue` holds the document it concerns: an error (not a warning, not a
    blocking problem, which stops everything anyway) outside `NOT_HOLDING`."""
    return issue.severity is Severity.ERROR and issue.code not in NOT_HOLDING \
        and isinstance(issue.where, CellRef)


def find_holds(issues: Iterable[Issue], master: Master) -> Holds:
    """The holds the errors in `issues` put on the invoices of `master`."""
    clients_sheet = master.layouts["clients"].sheet if "clients" in master.layouts else None
    lines_sheet = master.layouts["lines"].sheet if "lines" in master.layouts else None
    client_rows = {client.where.row: key for key, client in master.clients.items()
                   if client.where is not None and client.where.sheet == clients_sheet}
    line_rows = {line.where.row: line.invoice_number for line in master.lines
                 if line.where is not None}
    invoice_rows = {inv.row for inv in master.invoices}
    rows: dict[int, list[Issue]] = defaultdict(list)
    clients: dict[str, list[Issue]] = defaultdict(list)
    numbers: dict[str, list[Issue]] = defaultdict(list)
    for issue in issues:
        if not holding(issue):
            continue
        where = issue.where
        assert isinstance(where, CellRef)
        key = master.layout.row_key(where.sheet, where.row)
        if key is not None and key in invoice_rows:
            rows[key].append(issue)
        elif where.sheet == clients_sheet and where.row in client_rows:
            clients[client_rows[where.row]].append(issue)
        elif where.sheet == lines_sheet and (number := line_rows.get(where.row)
                                             or issue.kwargs.get("invoice")):
            numbers[number].append(issue)  # a line that could not be kept says its invoice
    return Holds({k: tuple(v) for k, v in rows.items()},
                 {k: tuple(v) for k, v in clients.items()},
                 {k: tuple(v) for k, v in numbers.items()})
