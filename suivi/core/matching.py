"""Matching bank credits with open invoices (lettrage), every decision explained. Pure.

Four rules, tried in this order; each is a pass over all the credits not matched yet, in date
order, and a confident match lowers the invoices' remaining amounts before the next credit is
looked at (so two credits never settle the same euro twice):

1. **number** — an invoice number is written in the label, the remittance or the payer's name,
   however badly (`suivi.core.bank_numbers`). Only numbers of open invoices count. The amount
   equals what they still owe: applied. It differs (partial payment, overpayment): applied when
   the payer's name is similar to the client's (≥ `strong_name`), else reviewed.
2. **name_amount** — the credit is exactly the remaining amount of one open invoice whose
   client's name is similar to the payer's (≥ `strong_name`): applied. Several such invoices, or
   a weaker similarity (≥ `weak_name`): reviewed.
3. **client_group** — for the client(s) whose name is similar to the payer's, a set of two or
   more of its open invoices whose remaining amounts add up exactly to the credit. Bounded: the
   `group_max_invoices` (20) oldest invoices of at most `group_max_clients` (3) clients, searched
   meet-in-the-middle (2 × 2¹⁰ partial sums per client at most). One set: applied; several:
   reviewed.
4. **amount** — exactly one open invoice, of any client, has this remaining amount: applied when
   `amount_only` is on and the payer's name (when the bank gives one) does not point elsewhere;
   reviewed otherwise. Several invoices with this amount: reviewed.

Nothing matched: reviewed, rule "none". Every `Match` carries its rule, a score (0–100), the
candidates considered and a `Message` saying which text, amount and name decided.

Everything is looked up through indexes built once (numbers → invoice, amount in cents →
invoices, client → invoices, name words → clients); no credit is compared with every invoice.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from suivi.core.bank_models import BankTransaction, OpenInvoice
from suivi.core.bank_names import NameIndex, name_score
from suivi.core.bank_numbers import NumberFinder, NumberKey
from suivi.core.ledger import amount_due, compute_statuses, credited_amounts
from suivi.core.message import Message
from suivi.core.models import CENT, ZERO, Invoice, InvoiceKind, normalise_name
from suivi.core.numbering import NumberPattern
from suivi.core.subset import exact_subsets


class Rule(StrEnum):
    NUMBER = "number"
    NAME_AMOUNT = "name_amount"
    CLIENT_GROUP = "client_group"
    AMOUNT = "amount"
    MANUAL = "manual"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class MatchSettings:
    """How matching decides; defaults documented in docs/banque.md."""

    patterns: tuple[NumberPattern, ...] = field(default_factory=lambda: (
        NumberPattern("FAC{AAAA}-{NNN}"), NumberPattern("AV{AAAA}-{NNN}")))
    strong_name: int = 85
    weak_name: int = 60
    group_max_invoices: int = 20
    group_max_clients: int = 3
    amount_only: bool = True
    max_posting: int = 2000
    max_candidates: int = 10


@dataclass(frozen=True, slots=True)
class Candidate:
    """Invoices that could explain a credit together, their client and the name score."""

    invoices: tuple[str, ...]
    client: str
    score: int


@dataclass(frozen=True, slots=True)
class Match:
    """The decision about one credit. `invoices` (in allocation order) is set when confident."""

    transaction: BankTransaction
    rule: Rule
    score: int
    confident: bool
    explanation: Message
    invoices: tuple[str, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    client: str | None = None


def open_invoices(invoices: Iterable[Invoice], today: date) -> list[OpenInvoice]:
    """The invoices that can still receive money on `today`, with what remains due (credit
    notes and deposits deducted, as `suivi.core.ledger` computes it)."""
    invoices = list(invoices)
    statuses = compute_statuses(invoices, today)
    credited = credited_amounts(invoices)
    result = []
    for inv in invoices:
        if not inv.number or inv.kind is InvoiceKind.CREDIT_NOTE:
            continue
        if not statuses[inv.row].status.open:
            continue
        due = amount_due(inv, credited.get(inv.number, ZERO))
        if due >= CENT:
            result.append(OpenInvoice(inv.number, inv.client, inv.issue_date, due, inv.row,
                                      inv.total, inv.amount_paid))
    return result


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


def _cents(amount: Decimal) -> int:
    return int((amount / CENT).to_integral_value())


class _Book:
    """Indexes over the open invoices, and their remaining amounts as matches consume them."""

    def __init__(self, invoices: Sequence[OpenInvoice], settings: MatchSettings,
                 known_numbers: Iterable[str]) -> None:
        self.finder = NumberFinder(settings.patterns)
        self.settings = settings
        self.invoices: dict[str, OpenInvoice] = {}
        self.due: dict[str, Decimal] = {}
        self.by_key: dict[NumberKey, str] = {}
        self.legacy: set[NumberKey] = set()
        self.by_amount: dict[int, set[str]] = defaultdict(set)
        self.by_client: dict[str, list[str]] = defaultdict(list)
        for inv in invoices:
            if inv.number in self.invoices:
                continue
            self.invoices[inv.number] = inv
            self.due[inv.number] = inv.due
            self.by_amount[_cents(inv.due)].add(inv.number)
            self.by_client[normalise_name(inv.client)].append(inv.number)
            key = self.finder.key(inv.number)
            if key is not None:
                self.by_key.setdefault(key, inv.number)
                if key[0] == "L":
                    self.legacy.add(key)
        for numbers in self.by_client.values():
            numbers.sort(key=self.age)
        self.settled: dict[NumberKey, str] = {}
        for number in known_numbers:
            key = self.finder.key(number)
            if key is not None and key not in self.by_key:
                self.settled.setdefault(key, number)
                if key[0] == "L":
                    self.legacy.add(key)
        self.names = NameIndex((inv.client for inv in invoices), settings.max_posting)

    def age(self, number: str) -> tuple[date, str]:
        return (self.invoices[number].issue_date or date.max, number)

    def owing(self, number: str) -> bool:
        return self.due[number] >= CENT

    def with_amount(self, amount: Decimal) -> list[str]:
        return sorted((n for n in self.by_amount.get(_cents(amount), ()) if self.owing(n)),
                      key=self.age)

    def consume(self, amount: Decimal, numbers: Sequence[str]) -> None:
        for number, part in allocate(amount, [(n, self.due[n]) for n in numbers]):
            old = self.due[number]
            self.by_amount[_cents(old)].discard(number)
            self.due[number] = old - part
            if self.due[number] >= CENT:
                self.by_amount[_cents(self.due[number])].add(number)

    def total_due(self, numbers: Iterable[str]) -> Decimal:
        return sum((self.due[n] for n in numbers), ZERO)


def _explain(code: str, tx: BankTransaction, **params: object) -> Message:
    return Message.of(code, amount=tx.amount, day=tx.booking_date, label=tx.label, **params)


def _candidates(book: _Book, numbers: Sequence[str], tx: BankTransaction) -> tuple[Candidate, ...]:
    limit = book.settings.max_candidates
    return tuple(Candidate((n,), book.invoices[n].client,
                           name_score(book.invoices[n].client, tx.payer_name, tx.text))
                 for n in numbers[:limit])


def _by_number(tx: BankTransaction, book: _Book) -> Match | None:
    found = book.finder.find(tx.text, book.legacy)
    named = [f for f in found if f.key in book.by_key and book.owing(book.by_key[f.key])]
    if not named:
        settled = [book.settled.get(f.key) or book.by_key[f.key] for f in found
                   if f.key in book.settled or f.key in book.by_key]
        if settled:
            return Match(tx, Rule.NUMBER, 0, False,
                         _explain("bank.review.named_settled", tx, numbers=tuple(settled)))
        return None
    numbers = tuple(dict.fromkeys(book.by_key[f.key] for f in named))
    written = tuple(f.written for f in named)
    clients = {normalise_name(book.invoices[n].client) for n in numbers}
    if len(clients) > 1:
        return Match(tx, Rule.NUMBER, 50, False,
                     _explain("bank.review.several_clients", tx, invoices=numbers),
                     candidates=_candidates(book, numbers, tx))
    client = book.invoices[numbers[0]].client
    due = book.total_due(numbers)
    score = name_score(client, tx.payer_name, tx.text)
    common = dict(written=written, invoices=numbers, client=client, score=score)
    if tx.amount == due:
        return Match(tx, Rule.NUMBER, 100, True, _explain("bank.match.number", tx, **common),
                     numbers, client=client)
    if score >= book.settings.strong_name:
        code = "bank.match.number_partial" if tx.amount < due else "bank.match.number_over"
        return Match(tx, Rule.NUMBER, 90, True,
                     _explain(code, tx, due=due, difference=abs(due - tx.amount), **common),
                     numbers, client=client)
    return Match(tx, Rule.NUMBER, 70, False,
                 _explain("bank.review.amount_differs", tx, due=due, **common),
                 candidates=(Candidate(numbers, client, score),), client=client)


def _by_name_amount(tx: BankTransaction, book: _Book) -> Match | None:
    numbers = book.with_amount(tx.amount)
    if not numbers:
        return None
    settings = book.settings
    scored = [(n, name_score(book.invoices[n].client, tx.payer_name, tx.text)) for n in numbers]
    strong = [(n, s) for n, s in scored if s >= settings.strong_name]
    weak = [(n, s) for n, s in scored if settings.weak_name <= s < settings.strong_name]
    if strong:
        best = max(s for _, s in strong)
        top = [n for n, s in strong if s == best]
        client = book.invoices[top[0]].client
        if len(top) == 1:
            return Match(tx, Rule.NAME_AMOUNT, best, True,
                         _explain("bank.match.name_amount", tx, invoice=top[0], client=client,
                                  payer=tx.payer_name or tx.label, score=best),
                         (top[0],), client=client)
        same_client = len({normalise_name(book.invoices[n].client) for n in top}) == 1
        code = "bank.review.same_amount_same_client" if same_client else \
            "bank.review.same_amount_several_clients"
        return Match(tx, Rule.NAME_AMOUNT, best, False,
                     _explain(code, tx, invoices=tuple(top[:settings.max_candidates]),
                              client=client),
                     candidates=_candidates(book, top, tx))
    if weak:
        best = max(s for _, s in weak)
        top = [n for n, s in weak if s == best]
        client = book.invoices[top[0]].client
        return Match(tx, Rule.NAME_AMOUNT, best, False,
                     _explain("bank.review.weak_name", tx, invoices=tuple(top), client=client,
                              payer=tx.payer_name or tx.label, score=best),
                     candidates=_candidates(book, [n for n, _ in weak], tx), client=client)
    return None


def _by_client_group(tx: BankTransaction, book: _Book) -> Match | None:
    settings = book.settings
    clients = book.names.similar(tx.payer_name, tx.text, settings.strong_name)
    solutions: list[Candidate] = []
    seen: set[str] = set()
    for name, score in clients[:settings.group_max_clients]:
        key = normalise_name(name)
        if key in seen:
            continue
        seen.add(key)
        numbers = [n for n in book.by_client.get(key, ()) if book.owing(n)
                   and book.due[n] <= tx.amount][:settings.group_max_invoices]
        amounts = [_cents(book.due[n]) for n in numbers]
        for subset in exact_subsets(amounts, _cents(tx.amount), limit=2, min_size=2):
            solutions.append(Candidate(tuple(numbers[i] for i in subset), name, score))
    if not solutions:
        return None
    if len(solutions) == 1:
        only = solutions[0]
        return Match(tx, Rule.CLIENT_GROUP, only.score, True,
                     _explain("bank.match.group", tx, invoices=only.invoices, client=only.client,
                              payer=tx.payer_name or tx.label, score=only.score),
                     only.invoices, tuple(solutions), client=only.client)
    return Match(tx, Rule.CLIENT_GROUP, min(c.score for c in solutions), False,
                 _explain("bank.review.several_groups", tx, count=len(solutions),
                          client=solutions[0].client),
                 candidates=tuple(solutions), client=solutions[0].client)


def _by_amount(tx: BankTransaction, book: _Book) -> Match | None:
    numbers = book.with_amount(tx.amount)
    if not numbers:
        return None
    settings = book.settings
    if len(numbers) > 1:
        return Match(tx, Rule.AMOUNT, 30, False,
                     _explain("bank.review.amount_several", tx, count=len(numbers),
                              invoices=tuple(numbers[:settings.max_candidates])),
                     candidates=_candidates(book, numbers, tx))
    number = numbers[0]
    client = book.invoices[number].client
    score = name_score(client, tx.payer_name, tx.text) if tx.payer_name else 0
    if tx.payer_name and score < settings.weak_name:
        return Match(tx, Rule.AMOUNT, 40, False,
                     _explain("bank.review.amount_other_payer", tx, invoice=number,
                              client=client, payer=tx.payer_name, score=score),
                     candidates=_candidates(book, numbers, tx), client=client)
    if not settings.amount_only:
        return Match(tx, Rule.AMOUNT, 60, False,
                     _explain("bank.review.amount_only", tx, invoice=number, client=client),
                     candidates=_candidates(book, numbers, tx), client=client)
    return Match(tx, Rule.AMOUNT, 60, True,
                 _explain("bank.match.amount_only", tx, invoice=number, client=client),
                 (number,), client=client)


_RULES = (_by_number, _by_name_amount, _by_client_group, _by_amount)


def match_credits(transactions: Iterable[BankTransaction], invoices: Sequence[OpenInvoice],
                  settings: MatchSettings | None = None,
                  known_numbers: Collection[str] = ()) -> list[Match]:
    """One `Match` per credit of `transactions`, in date order (see the module docstring).

    `invoices` are the open invoices (`open_invoices`); `known_numbers` all the workbook's
    invoice numbers, so that a credit naming an invoice already settled is reviewed instead of
    being matched by amount to another one. Debits, fees and card lines are ignored.
    """
    settings = settings or MatchSettings()
    credits = sorted((t for t in transactions if t.is_credit),
                     key=lambda t: (t.booking_date, t.source.file, t.source.line or 0))
    book = _Book(invoices, settings, known_numbers)
    decided: dict[int, Match] = {}
    for i, tx in enumerate(credits):
        if tx.currency.upper() not in ("EUR", ""):
            decided[i] = Match(tx, Rule.NONE, 0, False,
                               _explain("bank.review.currency", tx, currency=tx.currency))
    for rule in _RULES:
        for i, tx in enumerate(credits):
            if i in decided:
                continue
            match = rule(tx, book)
            if match is None:
                continue
            decided[i] = match
            if match.confident:
                book.consume(tx.amount, match.invoices)
    return [decided.get(i) or Match(tx, Rule.NONE, 0, False, _explain("bank.review.nothing", tx))
            for i, tx in enumerate(credits)]
