"""The demo's showcase invoices: one of each kind of document suivi makes, so that the first run
of `suivi demo` renders them all (see docs/factures.md): a deposit invoice (TypeCode 386) still
to issue, a final invoice deducting an earlier deposit, a mixed operation (goods and services),
books sold at 5,5 % with a mention for the client, an invoice in English, and the Chorus Pro
references of the town hall. The credit note (refunded) and the contract invoice (with its
billing period) come from `suivi.demo` and the Contrats sheet.

Each showcase is placed in the demo's calendar (`days_ago`, None for a row still to issue) and
fills the row `suivi.demo` made for it: lines (« Lignes »), amounts from the lines, kind,
nature, purchase order, payments.
"""
from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

Row = dict[str, Any]
#: (designation, quantity, unit, unit price excl. VAT, VAT rate, nature)
Line = tuple[str, Decimal, str, Decimal, Decimal, str | None]

CENT = Decimal("0.01")
D = Decimal
BOOK = "Ouvrage « Bien gérer sa trésorerie »"
#: Printed books: reduced rate (CGI art. 278-0 bis).
BOOK_RATE = D("5.5")
#: The town hall's Chorus Pro references (fictional): service code, commitment numbers.
TOWN_HALL_SERVICE = "DGS-FINANCES"


def q(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def set_lines(row: Row, lines: Sequence[Line]) -> None:
    """Give `row` its lines and the amounts they make: HT, and VAT rounded per rate (as the
    invoice computes it)."""
    row["lines"] = list(lines)
    by_rate: dict[Decimal, Decimal] = {}
    for _label, qty, _unit, price, rate, _nature in lines:
        by_rate[rate] = by_rate.get(rate, D(0)) + qty * price
    row["ht"] = q(sum(by_rate.values(), D(0)))
    row["vat"] = sum((q(net * rate / 100) for rate, net in by_rate.items()), D(0))
    row["ttc"] = row["ht"] + row["vat"]
    if len(lines) == 1:
        row["nature"] = lines[0][5]


@dataclass(frozen=True)
class Showcase:
    """One showcase invoice: its client (index in `suivi.demo.CLIENTS`), when it was issued
    (`days_ago`; None: a row still to issue, dated the demo day) and how to fill its row."""

    client: int
    days_ago: int | None
    fill: Callable[[Row, date], None]


def _deposit_to_issue(row: Row, today: date) -> None:
    """A deposit invoice (« acompte », TypeCode 386) typed today, still to be numbered."""
    set_lines(row, [("Acompte de 30 % – agencement de l'atelier (devis D-2026-118)", D(1),
                     "forfait", D("1950"), D(20), "services")])
    row.update(kind="acompte", po="BC-2026-118", label=row["lines"][0][0])


def _paid_deposit(row: Row, today: date) -> None:
    """The deposit of the final invoice below, paid a few days after it was issued."""
    set_lines(row, [("Acompte de 40 % – refonte du site et de la boutique en ligne", D(1),
                     "forfait", D("2400"), D(20), "services")])
    row.update(kind="acompte", po="BC-2026-087", label=row["lines"][0][0])
    paid_on = row["issue"] + timedelta(days=6)
    row.update(paid=row["ttc"], paid_on=paid_on, payments=[(paid_on, row["ttc"])])


def _final_invoice(row: Row, today: date) -> None:
    """The final invoice: the whole project, the paid deposit deducted (same order number)."""
    set_lines(row, [
        ("Refonte du site internet et de la boutique en ligne", D(1), "forfait", D("4800"),
         D(20), "services"),
        ("Formation à l'administration du site", D(7), "h", D("85"), D(20), None),
        ("Hébergement et maintenance (12 mois)", D(12), "mois", D("48.75"), D(20), None),
    ])
    row.update(po="BC-2026-087", label="Refonte du site internet – facture de solde")


def _mixed(row: Row, today: date) -> None:
    """Goods and services on one invoice: an « opération mixte »."""
    set_lines(row, [
        ("Ordinateur portable 14\" 16 Go", D(2), "pièce", D("1049"), D(20), None),
        ("Écran 27\" QHD", D(2), "pièce", D("289"), D(20), None),
        ("Installation et configuration sur site", D("3.5"), "h", D("75"), D(20), None),
    ])
    row["label"] = "Équipement du poste d'accueil"


def _books(row: Row, today: date) -> None:
    """Printed books at 5,5 %, and a mention meant for the client."""
    set_lines(row, [(BOOK, D(12), "exemplaire", D("28.50"), BOOK_RATE, "biens")])
    row.update(label=BOOK, mention="Livraison au siège de l'association, 4 rue Hector "
                                   "Berlioz ; merci de rappeler le numéro de facture au "
                                   "règlement.")


def _english(row: Row, today: date) -> None:
    """An invoice to a client who reads English: every printed word in English."""
    set_lines(row, [
        ("Développement module de réservation en ligne – sprint 3", D(6), "jour", D("620"),
         D(20), None),
        ("Revue de code et tests", D(4), "h", D("85"), D(20), None),
    ])
    row["label"] = "Développement module de réservation en ligne"


def showcases(client_index: Callable[[str], int]) -> tuple[Showcase, ...]:
    """The showcase invoices, by client name (`client_index` gives its index)."""
    return (
        Showcase(client_index("Pharmacie Centrale Girard"), 75, _paid_deposit),
        Showcase(client_index("Pharmacie Centrale Girard"), 11, _final_invoice),
        Showcase(client_index("Hôtel du Parc SARL"), 6, _mixed),
        Showcase(client_index("Les Amis du Patrimoine Dauphinois"), 8, _books),
        Showcase(client_index("Nordic Design GmbH (filiale France)"), 4, _english),
        Showcase(client_index("Atelier Dubois Menuiserie"), None, _deposit_to_issue),
    )


def commitment_number(rng: random.Random) -> str:
    """A fictional Chorus Pro commitment number (« engagement juridique »)."""
    return f"EJ{rng.randint(10**7, 10**8 - 1)}"


def credited_line(row: Row) -> Line | None:
    """The line a credit note gives back: the second line of a two-line invoice."""
    lines = row.get("lines") or []
    return lines[1] if len(lines) == 2 else None


def random_lines(row: Row, rng: random.Random) -> list[Line]:
    """Lines for an ordinary demo invoice: the quantity of goods in pieces, or the service
    with its travel costs; their total is the row's HT amount."""
    ht, rate, nature = row["ht"], row["rate"], row.get("nature")
    if row["qty"] > 1:
        unit = q(ht / row["qty"])
        if unit * row["qty"] == ht:
            return [(row["label"], row["qty"], "pièce" if nature == "biens" else "u", unit, rate,
                     nature)]
    if rate != 20:
        return [(row["label"], D(1), "u", ht, rate, nature)]
    first = q(ht * D("0.7"))
    return [(row["label"], D(1), "u", first, rate, nature),
            ("Frais de déplacement et de mise en service", D(1), "forfait", ht - first, rate,
             "services")]


def by_name(names: Sequence[str]) -> Callable[[str], int]:
    return lambda name: list(names).index(name)
