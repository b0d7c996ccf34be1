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
   meet-in-the-middle (2 × 2¹⁰ partial sums per client at most). One set: applied; several,
   or one found while the client had more invoices than the bound: reviewed.
4. **amount** — exactly one open invoice, of any client, has this remaining amount: applied when
   `amount_only` is on and the payer's name (when the bank gives one) does not point elsewhere;
   reviewed otherwise. Several invoices with this amount: reviewed.

Nothing matched: reviewed, rule "none". Every `Match` carries its rule, a score (0–100), the
candidates considered and a `Message` saying which text, amount and name decided.

Everything is looked up through indexes built once (`suivi.core.bank_index`: numbers →
invoice, amount in cents → invoices, client and amount → invoices, name words → clients); no
credit is compared with every invoice. When more than 16 invoices owe the credit's amount
(round amounts, subscriptions), rule 2 looks up the clients resembling the payer first and then
their invoices of that amount, instead of scoring the name of every such invoice.

Entry points: `open_invoices(invoices, today)` (the workbook's `Invoice` records → what can
still be paid), `match_credits(transactions, open, settings, known_numbers)`; then
`suivi.core.bank_apply` turns the matches into rows and updates.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from suivi.core.bank_index import InvoiceIndex, cents
from suivi.core.bank_models import BankTransaction, OpenInvoice
from suivi.core.bank_names import normalise_party, query_words, score_against
from suivi.core.ledger import amount_due, compute_statuses, credited_amounts, says_in_transit
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
        if not statuses[inv.row].status.open and not says_in_transit(inv.status_text):
            continue  # (a cheque received, not cashed yet: the statement will show it)
        due = amount_due(inv, credited.get(inv.number, ZERO))
        if due >= CENT:
            result.append(OpenInvoice(inv.number, inv.client, inv.issue_date, due, inv.row,
                                      inv.total, inv.amount_paid))
    return result


def _explain(code: str, tx: BankTransaction, **params: object) -> Message:
    return Message.of(code, amount=tx.amount, day=tx.booking_date, label=tx.label, **params)


class _Credit:
    """A credit being matched, with its name query computed once."""

    __slots__ = ("tx", "text", "query", "has_payer", "_scores")

    def __init__(self, tx: BankTransaction) -> None:
        self.tx = tx
        self.text = tx.text
        self.query = query_words(tx.payer_name, self.text)
        self.has_payer = bool(tx.payer_name)
        self._scores: dict[str, int] = {}

    def score(self, client: str) -> int:
        """Similarity of `client`'s name with this credit's payer (or label), cached."""
        if client not in self._scores:
            self._scores[client] = score_against(normalise_party(client), self.query,
                                                 self.has_payer)
        return self._scores[client]


def _candidates(book: InvoiceIndex, numbers: Sequence[str], credit: _Credit,
                settings: MatchSettings) -> tuple[Candidate, ...]:
    return tuple(Candidate((n,), book.invoices[n].client, credit.score(book.invoices[n].client))
                 for n in numbers[:settings.max_candidates])


def _by_number(credit: _Credit, book: InvoiceIndex, settings: MatchSettings) -> Match | None:
    tx = credit.tx
    found = book.finder.find(credit.text, book.legacy)
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
    if len({book.client_key(n) for n in numbers}) > 1:
        return Match(tx, Rule.NUMBER, 50, False,
                     _explain("bank.review.several_clients", tx, invoices=numbers),
                     candidates=_candidates(book, numbers, credit, settings))
    client = book.invoices[numbers[0]].client
    due = book.total_due(numbers)
    score = credit.score(client)
    common = dict(written=written, invoices=numbers, client=client, score=score)
    if tx.amount == due:
        return Match(tx, Rule.NUMBER, 100, True, _explain("bank.match.number", tx, **common),
                     numbers, client=client)
    if score >= settings.strong_name:
        code = "bank.match.number_partial" if tx.amount < due else "bank.match.number_over"
        return Match(tx, Rule.NUMBER, 90, True,
                     _explain(code, tx, due=due, difference=abs(due - tx.amount), **common),
                     numbers, client=client)
    return Match(tx, Rule.NUMBER, 70, False,
                 _explain("bank.review.amount_differs", tx, due=due, **common),
                 candidates=(Candidate(numbers, client, score),), client=client)


def _same_amount(credit: _Credit, book: InvoiceIndex, cutoff: int) -> list[tuple[str, int]]:
    """(invoice, name score) of the invoices owing the credit's amount whose client scores at
    least `cutoff`, oldest first: through the name index when many invoices owe that amount."""
    amount = credit.tx.amount
    numbers = book.with_amount(amount)
    if len(numbers) > 16:
        clients = book.names.similar(credit.tx.payer_name, credit.text, cutoff)
        numbers = sorted({n for name, _ in clients
                          for n in book.of_client_with_amount(normalise_name(name), amount)},
                         key=book.age)
    scored = [(n, credit.score(book.invoices[n].client)) for n in numbers]
    return [(n, s) for n, s in scored if s >= cutoff]


def _by_name_amount(credit: _Credit, book: InvoiceIndex, settings: MatchSettings
                    ) -> Match | None:
    tx = credit.tx
    scored = _same_amount(credit, book, settings.weak_name)
    if not scored:
        return None
    best = max(s for _, s in scored)
    top = [n for n, s in scored if s == best]
    client = book.invoices[top[0]].client
    if best < settings.strong_name:
        return Match(tx, Rule.NAME_AMOUNT, best, False,
                     _explain("bank.review.weak_name", tx, invoices=tuple(top), client=client,
                              payer=tx.payer_name or tx.label, score=best),
                     candidates=_candidates(book, [n for n, _ in scored], credit, settings),
                     client=client)
    if len(top) == 1:
        return Match(tx, Rule.NAME_AMOUNT, best, True,
                     _explain("bank.match.name_amount", tx, invoice=top[0], client=client,
                              payer=tx.payer_name or tx.label, score=best),
                     (top[0],), client=client)
    same_client = len({book.client_key(n) for n in top}) == 1
    code = "bank.review.same_amount_same_client" if same_client else \
        "bank.review.same_amount_several_clients"
    return Match(tx, Rule.NAME_AMOUNT, best, False,
                 _explain(code, tx, invoices=tuple(top[:settings.max_candidates]),
                          client=client),
                 candidates=_candidates(book, top, credit, settings))


def _by_client_group(credit: _Credit, book: InvoiceIndex, settings: MatchSettings
                     ) -> Match | None:
    tx = credit.tx
    clients = book.names.similar(tx.payer_name, credit.text, settings.strong_name)
    solutions: list[Candidate] = []
    seen: set[str] = set()
    bounded = False
    for name, score in clients[:settings.group_max_clients]:
        key = normalise_name(name)
        if key in seen:
            continue
        seen.add(key)
        eligible = [n for n in book.of_client(key) if book.due[n] <= tx.amount]
        numbers = eligible[:settings.group_max_invoices]
        bounded = bounded or len(eligible) > len(numbers)
        amounts = [cents(book.due[n]) for n in numbers]
        for subset in exact_subsets(amounts, cents(tx.amount), limit=2, min_size=2):
            solutions.append(Candidate(tuple(numbers[i] for i in subset), name, score))
    if not solutions:
        return None
    first = solutions[0]
    if len(solutions) == 1 and bounded:
        return Match(tx, Rule.CLIENT_GROUP, first.score, False,
                     _explain("bank.review.group_bounded", tx, invoices=first.invoices,
                              client=first.client, limit=settings.group_max_invoices),
                     candidates=tuple(solutions), client=first.client)
    if len(solutions) == 1:
        return Match(tx, Rule.CLIENT_GROUP, first.score, True,
                     _explain("bank.match.group", tx, invoices=first.invoices,
                              client=first.client, payer=tx.payer_name or tx.label,
                              score=first.score),
                     first.invoices, tuple(solutions), client=first.client)
    return Match(tx, Rule.CLIENT_GROUP, min(c.score for c in solutions), False,
                 _explain("bank.review.several_groups", tx, count=len(solutions),
                          client=first.client),
                 candidates=tuple(solutions), client=first.client)


def _by_amount(credit: _Credit, book: InvoiceIndex, settings: MatchSettings) -> Match | None:
    tx = credit.tx
    numbers = book.with_amount(tx.amount)
    if not numbers:
        return None
    if len(numbers) > 1:
        return Match(tx, Rule.AMOUNT, 30, False,
                     _explain("bank.review.amount_several", tx, count=len(numbers),
                              invoices=tuple(numbers[:settings.max_candidates])),
                     candidates=_candidates(book, numbers, credit, settings))
    number = numbers[0]
    client = book.invoices[number].client
    score = credit.score(client) if tx.payer_name else 0
    if tx.payer_name and score < settings.weak_name:
        return Match(tx, Rule.AMOUNT, 40, False,
                     _explain("bank.review.amount_other_payer", tx, invoice=number,
                              client=client, payer=tx.payer_name, score=score),
                     candidates=_candidates(book, numbers, credit, settings), client=client)
    if not settings.amount_only:
        return Match(tx, Rule.AMOUNT, 60, False,
                     _explain("bank.review.amount_only", tx, invoice=number, client=client),
                     candidates=_candidates(book, numbers, credit, settings), client=client)
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
    credits = [_Credit(t) for t in sorted(
        (t for t in transactions if t.is_credit),
        key=lambda t: (t.booking_date, t.source.file, t.source.line or 0))]
    book = InvoiceIndex(invoices, settings.patterns, known_numbers)
    decided: dict[int, Match] = {}
    for i, credit in enumerate(credits):
        if credit.tx.currency.upper() not in ("EUR", ""):
            decided[i] = Match(credit.tx, Rule.NONE, 0, False,
                               _explain("bank.review.currency", credit.tx,
                                        currency=credit.tx.currency))
    for rule in _RULES:
        for i, credit in enumerate(credits):
            if i in decided:
                continue
            match = rule(credit, book, settings)
            if match is None:
                continue
            decided[i] = match
            if match.confident:
                book.consume(credit.tx.amount, match.invoices)
    return [decided.get(i) or Match(c.tx, Rule.NONE, 0, False,
                                    _explain("bank.review.nothing", c.tx))
            for i, c in enumerate(credits)]
