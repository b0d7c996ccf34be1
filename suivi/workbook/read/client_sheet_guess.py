"""A sheet of the clients under a name suivi does not know (« Contacts », « Tiers »,
« Annuaire »), in a workbook with no Clients sheet.

suivi took the clients' addresses from the invoice sheet only: when it had none, nobody was
reminded, though the « Contacts » sheet gave every client's address. Now, when no sheet is
named as the Clients sheet and the invoice sheet has no e-mail column, a sheet whose header
has the client's name and its e-mail (or address), and whose names are those of most of the
invoices' clients, is read as the Clients sheet; a warning names it
(`feuille_clients_reconnue`). A list of suppliers, or of the team's own people, names few of
the invoices' clients, and is left alone."""
from __future__ import annotations

from collections.abc import Iterable

from suivi.core.models import Invoice, Issue, Severity, SheetLayout, normalise_name
from suivi.workbook import vocabulary as voc
from suivi.workbook.package import Limits

from .content_columns import email_column
from .headers import guess_header
from .sheet_layout import free_column
from .sheets import ClientSheet, read_clients
from .source import Book, sheet_rows


def clients_by_content(book: Book, names: Iterable[str], invoices: list[Invoice],
                       limits: Limits, issues: list[Issue]
                       ) -> tuple[SheetLayout, ClientSheet] | None:
    """The first of `names` that reads as the invoices' Clients sheet, its layout and its
    clients; None when none does."""
    wanted = {key for inv in invoices if (key := normalise_name(inv.client))}
    if not wanted:
        return None
    for name in names:
        rows = sheet_rows(book, name, limits)
        guess = guess_header(rows, voc.CLIENT_VOCABULARY, scan=10)
        if guess is None or "name" not in guess.columns:
            continue
        guess = email_column(rows, guess, (), field="email")
        if "email" not in guess.columns and "address" not in guess.columns:
            continue
        found: list[Issue] = []
        clients = read_clients(rows, name, guess, found)
        if len(wanted & clients.keys()) * 2 < len(wanted):
            continue  # a list of suppliers, of the team's people: not these clients
        issues.extend(found)
        issues.append(Issue.of(name, "feuille_clients_reconnue", Severity.WARNING, sheet=name,
                               count=len(wanted & clients.keys()), total=len(wanted)))
        layout = SheetLayout(name, guess.row, guess.columns, last_row=len(rows),
                             last_column=guess.last_col + 1,
                             free_column=free_column(rows, guess, 1))
        return layout, clients
    return None
