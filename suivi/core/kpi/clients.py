"""Per client: encours, aging, average days late and a reliability score.

A client's sample is its invoices settled within the history window (days late at settlement,
early = 0) and its open invoices past due (days late so far).
"""
from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from suivi.core.models import ZERO, Client, normalise_name

from .averages import average
from .report import ClientKpi

ONE = Decimal(1)
HUNDRED = Decimal(100)


class ClientAccount:
    """Running totals of one client while the invoices are scanned."""

    __slots__ = ("name", "receivables", "overdue", "aging", "late_count", "sample_count",
                 "sample_late_sum", "sample_late_count", "sample_reminders", "delay_sum",
                 "delay_count")

    def __init__(self, name: str, buckets: int) -> None:
        self.name = name
        self.receivables = ZERO
        self.overdue = ZERO
        self.aging = [ZERO] * buckets
        self.late_count = 0
        self.sample_count = 0
        self.sample_late_sum = 0
        self.sample_late_count = 0
        self.sample_reminders = 0
        self.delay_sum = 0           # signed days (early is negative), for the forecast
        self.delay_count = 0

    def add_settled(self, delay: int, reminders: int) -> None:
        """An invoice settled within the history window, `delay` days after its due date."""
        self.sample_count += 1
        self.sample_late_sum += max(delay, 0)
        self.sample_late_count += delay > 0
        self.sample_reminders += reminders
        self.delay_sum += delay
        self.delay_count += 1

    def add_open(self, balance: Decimal, bucket: int, past_due: int, reminders: int) -> None:
        """An open invoice owing `balance`, `past_due` days after its due date."""
        self.receivables += balance
        if past_due > 0:
            self.overdue += balance
            self.late_count += 1
            self.sample_count += 1
            self.sample_late_sum += past_due
            self.sample_late_count += 1
            self.sample_reminders += reminders
        self.aging[bucket] += balance


class Accounts:
    """The client accounts, found by the client cell of an invoice (matched by normalised name,
    named as in the Clients sheet when the client is there)."""

    __slots__ = ("clients", "buckets", "by_key", "by_text")

    def __init__(self, clients: Mapping[str, Client], buckets: int) -> None:
        self.clients = clients
        self.buckets = buckets
        self.by_key: dict[str, ClientAccount] = {}
        self.by_text: dict[str, ClientAccount] = {}  # cells repeat: normalise each text once

    def open(self, text: str) -> ClientAccount:
        """The account of the client written `text` (look in `by_text` first: it is faster)."""
        key = normalise_name(text)
        account = self.by_key.get(key)
        if account is None:
            client = self.clients.get(key)
            account = self.by_key[key] = ClientAccount(client.name if client else text,
                                                       self.buckets)
        self.by_text[text] = account
        return account

    def rows(self) -> tuple[ClientKpi, ...]:
        """The per-client table: clients owing money or with a sample, largest encours first."""
        rows = []
        for key, account in self.by_key.items():
            if account.receivables <= ZERO and account.sample_count == 0:
                continue
            client = self.clients.get(key)
            limit = client.credit_limit if client else None
            avg_late = average(account.sample_late_sum, account.sample_count)
            rows.append(ClientKpi(
                name=account.name, receivables=account.receivables, overdue=account.overdue,
                aging=tuple(account.aging), average_days_late=avg_late,
                late_count=account.late_count, sample_count=account.sample_count,
                score=reliability_score(avg_late, account.sample_late_count,
                                        account.sample_reminders, account.sample_count),
                credit_limit=limit, over_limit=limit is not None and account.receivables > limit,
            ))
        rows.sort(key=lambda c: (-c.receivables, c.name.casefold()))
        return tuple(rows)


def reliability_score(average_days_late: Decimal | None, late_count: int, reminders: int,
                      sample_count: int) -> int | None:
    """Reliability 0–100 of a client from its sample of invoices (None without a sample).

    score = 100 − min(50, average days late) − 30 × late share − min(20, 10 × reminders per
    invoice), floored at 0 and rounded half up. The sample is the client's invoices settled within
    the history window (days late at settlement, early = 0) and its open invoices past due (days
    late so far).
    """
    if not sample_count or average_days_late is None:
        return None
    penalty = (min(Decimal(50), average_days_late)
               + Decimal(30) * late_count / sample_count
               + min(Decimal(20), Decimal(10) * reminders / sample_count))
    score = max(HUNDRED - penalty, ZERO)
    return int(score.quantize(ONE, rounding=ROUND_HALF_UP))
