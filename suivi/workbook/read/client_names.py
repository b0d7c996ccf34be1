"""A client named on the invoice sheet otherwise than in the Clients sheet: « Alpha SARL » on
the invoices, « Alpha » in Clients (or « ALPHA S.A.R.L. »). Each such invoice was an error,
« client inconnu », that held it from reminders: the client the team knew late was never
reminded. When the name, its legal form and punctuation set aside (`name_core`), is that of
one client of the Clients sheet and of no other (a contact
in brackets after it set aside too: « Alpha (M. Dupont) »), the invoices (and Paiements rows) are given
that client's name, and one warning per spelling says so. Two clients of that core (« Alpha
SA » and « Alpha SAS », two companies) leave the error as it was."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from suivi.core.models import (
    Client,
    ClientType,
    Invoice,
    Issue,
    Payment,
    Severity,
    SheetLayout,
    name_core,
    normalise_name,
    says_individual,
)
from suivi.core.values import parse_text

from .links import clients_from_invoices
from .sheets import split_emails

#: A contact or a site written after the name, in brackets: « Alpha (M. Dupont) ».
_ASIDE = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")


def clients_by_spelling(invoices: list[Invoice], payments: list[Payment],
                        clients: Mapping[str, Client], layout: SheetLayout,
                        issues: list[Issue]) -> tuple[list[Invoice], list[Payment]]:
    """The invoices and payments with the Clients sheet's name where theirs differs only by
    legal form, case or punctuation (see the module docstring)."""
    cores: dict[str, list[str]] = defaultdict(list)
    for key, client in clients.items():
        if core := name_core(client.name):
            cores[core].append(key)
    found: dict[str, str | None] = {}

    def name(client: str | None) -> str | None:
        key = normalise_name(client)
        if not key or key in clients:
            return None
        if key not in found:
            keys = cores.get(name_core(client or ""), [])
            if not keys and (bare := _ASIDE.sub("", client or "")) != client:
                keys = cores.get(name_core(bare), [])  # « Alpha (M. Dupont) »
            found[key] = clients[keys[0]].name if len(keys) == 1 else None
        return found[key]

    said: set[str] = set()
    named: list[Invoice] = []
    for inv in invoices:
        if (new := name(inv.client)) is not None:
            if (key := normalise_name(inv.client)) not in said:
                said.add(key)
                issues.append(Issue.of(layout.ref("client", inv.row), "client_rapproche",
                                       Severity.WARNING, client=inv.client, name=new))
            inv = replace(inv, client=new)
        named.append(inv)
    paid = [replace(p, client=new) if (new := name(p.client)) else p for p in payments]
    return named, paid


#: How many clients the warning names.
NAMED = 3


def individuals_said(clients: Mapping[str, Client], typed: bool, where: str,
                     issues: list[Issue]) -> None:
    """One warning naming the clients read as people for the civility their name starts with
    (« M. Jean Dupont »), when no « Type » column says what they are (`typed`)."""
    if typed:
        return
    people = [c.name for c in clients.values()
              if c.type is ClientType.INDIVIDUAL and says_individual(c.name)]
    if people:
        issues.append(Issue.of(where, "client_particulier_civilite", Severity.WARNING,
                               count=len(people), names=people[:NAMED]))


def spelt_once(contacts: Mapping[str, Mapping[int, Any]], invoices: list[Invoice],
               found: Any, layout: SheetLayout,
               issues: list[Issue]) -> tuple[dict[str, Client], list[Invoice]]:
    """Trackers without a Clients sheet: the clients of the invoice sheet
    (`clients_from_invoices`), one client per name at one address.

    « Alpha SARL », « ALPHA » and « Alpha. » on three rows, each with compta@alpha.fr, were
    three clients: the client got three reminders the same morning. Names that differ only by
    legal form, case or punctuation (`name_core`) and share an address are one client, under
    the spelling met first; its invoices, its Paiements rows and its Journal rows (the days it
    was written to) take that name, and one warning per other spelling says so. So are names
    of which one holds all the other's words at one address (« Beta » and « Beta Conseil »,
    « Alpha & Cie » and « Alpha et Cie », « M. Dupont » and « Dupont »): two messages the same
    morning in one mailbox. The same name at two addresses, or two names at one address
    (« Groupe X Nord », « Groupe X Sud »), stay apart (`client_ecrit_autrement` names the
    latter)."""
    emails = contacts.get("client_email", {})
    first: dict[str, dict[frozenset[str], Invoice]] = {}  # address → names met there
    alias: dict[str, tuple[Invoice, Invoice, str]] = {}  # key → (its row, first's row, address)
    for inv in invoices:
        key, words = normalise_name(inv.client), _name_words(inv.client)
        if not words or inv.row not in emails:
            continue
        for address in split_emails(parse_text(emails[inv.row])):
            met_there = first.setdefault(address.casefold(), {})
            met = met_there.get(words)
            if met is None and len(met_there) <= _FEW:  # not a mailbox shared by all clients
                met = next((m for known, m in met_there.items()
                            if known <= words or words <= known), None)
            if met is None:
                met_there[words] = inv
            elif normalise_name(met.client) != key and key not in alias:
                alias[key] = (inv, met, address)
    if alias:
        for inv, met, address in alias.values():
            same = name_core(inv.client or "") == name_core(met.client or "")
            issues.append(Issue.of(layout.ref("client", inv.row), "client_meme_adresse",
                                   Severity.WARNING, variant="" if same else "words",
                                   client=inv.client, name=met.client,
                                   first_cell=layout.ref("client", met.row), address=address))

        def name(client: str | None) -> str | None:
            new = None
            for _ in range(len(alias)):  # « Alpha. » → « ALPHA » → « Alpha SARL »
                if (known := alias.get(normalise_name(client))) is None:
                    break
                new = client = known[1].client
            return new

        invoices = [replace(inv, client=new) if (new := name(inv.client)) else inv
                    for inv in invoices]
        found.payments = [replace(p, client=new) if (new := name(p.client)) else p
                          for p in found.payments]
        found.journal = [replace(e, client=new) if (new := name(e.client)) else e
                         for e in found.journal]
    return clients_from_invoices(contacts, invoices, layout), invoices


#: Words of a name that do not tell one client from another at the same address: « Alpha
#: & Cie » is « Alpha et Cie », « M. Dupont » is « Dupont ».
_FILLER = frozenset({"et", "cie", "compagnie", "m", "mr", "mme", "mlle", "monsieur", "madame",
                     "mademoiselle", "ets", "sté", "ste"})


#: Beyond this many names at one address, only the same words make one client.
_FEW = 12


def _name_words(name: str | None) -> frozenset[str]:
    """The words of a client's name that tell it apart (`name_core`, fillers aside)."""
    words = frozenset(name_core(name or "").split())
    return (words - _FILLER) or words


def with_invoice_addresses(clients: dict[str, Client], contacts: Mapping[str, Mapping[int, Any]],
                           invoices: list[Invoice], layout: SheetLayout) -> None:
    """A client of the Clients sheet whose « Email » is empty takes the address typed on its
    invoices' rows (the latest invoice that has one), in `clients` itself. The team had typed
    it there, the error even said it could, and the client was not reminded (« aucune adresse
    e-mail »). An address in the Clients sheet always wins over the rows'."""
    emails = contacts.get("client_email", {})
    missing = {key for key, client in clients.items() if not client.emails}
    if not emails or not missing:
        return
    latest: dict[str, tuple[tuple[Any, int], Invoice, tuple[str, ...]]] = {}
    for inv in invoices:
        key = normalise_name(inv.client)
        if key in missing and inv.row in emails \
                and (found := split_emails(parse_text(emails[inv.row]))):
            when = (inv.issue_date or date.min, inv.row)
            if key not in latest or when > latest[key][0]:
                latest[key] = (when, inv, found)
    for key, (_, inv, found) in latest.items():
        sheet, row = layout.part(inv.row)
        clients[key] = replace(clients[key], emails=found,
                               email_where=sheet.ref("client_email", row))
