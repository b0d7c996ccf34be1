"""The open invoices indexed for matching, and their remaining amounts as credits consume them.

Pure. Every lookup matching needs is a dictionary access: an invoice by the canonical key of
its number (`suivi.core.bank_numbers`), the invoices owing an amount (in cents), the invoices
of a client, the invoices of a client owing an amount, the clients whose name resembles a
payer's (`suivi.core.bank_names.NameIndex`). Lists are kept oldest first (issue date, then
number), so that candidates and allocations come out in that order without sorting.
"""
from __future__ import annotations

from bisect import insort
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from suivi.core.bank_models import OpenInvoice
from suivi.core.bank_names import NameIndex
from suivi.core.bank_numbers import NumberFinder, NumberKey
from suivi.core.models import CENT, ZERO, normalise_name
from suivi.core.numbering import NumberPattern


def cents(amount: Decimal) -> int:
    return int((amount / CENT).to_integral_value())


def allocate(amount: Decimal, dues: Sequence[tuple[str, Decimal]]) -> list[tuple[str, Decimal]]:
    """Share `amount` among invoices in the order given, each up to what it owes; a surplus
    goes to the last invoice (it becomes a trop-perçu there)."""
    parts: list[tuple[str, Decimal]] = []
    remaining = amount
    for number, due in dues:
        part = min(due, remaining)
        if part > ZERO:
            parts.append((number, part))
            remaining -= part
    if remaining > ZERO and dues:
        if parts and parts[-1][0] == dues[-1][0]:
            parts[-1] = (parts[-1][0], parts[-1][1] + remaining)
        else:
            parts.append((dues[-1][0], remaining))
    return parts


class InvoiceIndex:
    """Indexes over open invoices (see the module docstring)."""

    def __init__(self, invoices: Sequence[OpenInvoice], patterns: Sequence[NumberPattern],
                 known_numbers: Iterable[str] = ()) -> None:
        self.finder = NumberFinder(patterns)
        self.invoices: dict[str, OpenInvoice] = {}
        self.due: dict[str, Decimal] = {}
        self._client: dict[str, str] = {}
        keys: dict[str, str] = {}
        self.by_key: dict[NumberKey, str] = {}
        self.legacy: set[NumberKey] = set()
        for inv in invoices:
            if inv.number in self.invoices:
                continue
            self.invoices[inv.number] = inv
            self.due[inv.number] = inv.due
            if inv.client not in keys:
                keys[inv.client] = normalise_name(inv.client)
            self._client[inv.number] = keys[inv.client]
            key = self.finder.key(inv.number)
            if key is not None:
                self.by_key.setdefault(key, inv.number)
                if key[0] == "L":
                    self.legacy.add(key)
        self._by_amount: dict[int, list[str]] = defaultdict(list)
        self._by_client: dict[str, list[str]] = defaultdict(list)
        self._by_client_amount: dict[tuple[str, int], list[str]] = defaultdict(list)
        for number in sorted(self.invoices, key=self.age):
            amount, client = cents(self.due[number]), self.client_key(number)
            self._by_amount[amount].append(number)
            self._by_client[client].append(number)
            self._by_client_amount[(client, amount)].append(number)
        self.settled: dict[NumberKey, str] = {}
        for number in known_numbers:
            key = self.finder.key(number)
            if key is not None and key not in self.by_key:
                self.settled.setdefault(key, number)
                if key[0] == "L":
                    self.legacy.add(key)
        self.names = NameIndex(keys)

    def age(self, number: str) -> tuple[date, str]:
        return (self.invoices[number].issue_date or date.max, number)

    def client_key(self, number: str) -> str:
        """The client of invoice `number`, as `normalise_name` folds it."""
        return self._client[number]

    def owing(self, number: str) -> bool:
        return self.due[number] >= CENT

    def with_amount(self, amount: Decimal) -> list[str]:
        """Invoices owing exactly `amount`, oldest first."""
        return self._by_amount.get(cents(amount), [])

    def of_client(self, client: str) -> list[str]:
        """Invoices of `client` (a `normalise_name` key) still owing, oldest first."""
        return self._by_client.get(client, [])

    def of_client_with_amount(self, client: str, amount: Decimal) -> list[str]:
        return self._by_client_amount.get((client, cents(amount)), [])

    def total_due(self, numbers: Iterable[str]) -> Decimal:
        return sum((self.due[n] for n in numbers), ZERO)

    def consume(self, amount: Decimal, numbers: Sequence[str]) -> None:
        """Lower what `numbers` owe by `amount`, shared as `allocate` does."""
        for number, part in allocate(amount, [(n, self.due[n]) for n in numbers]):
            old, client = self.due[number], self.client_key(number)
            self._by_amount[cents(old)].remove(number)
            self._by_client_amount[(client, cents(old))].remove(number)
            self.due[number] = old - part
            if self.owing(number):
                new = cents(self.due[number])
                insort(self._by_amount[new], number, key=self.age)
                insort(self._by_client_amount[(client, new)], number, key=self.age)
            else:
                self._by_client[client].remove(number)
