"""Columns whose header says one thing and whose cells another, read as the cells say: a
« TVA » column of rates is the VAT rate, a « Solde » column of amounts what is left to pay, a
« Contact » column of e-mail addresses the client's address, a « Règlement » column of
amounts (or of dates) the amount paid (or the payment date)."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from suivi.core.models import ColumnInfo, column_letter
from suivi.core.values import ValueProblem, parse_amount, parse_date, parse_percent
from suivi.workbook import vocabulary as voc

from .headers import HeaderGuess
from .invoices import sampled_cells

#: The VAT rates of France and its overseas departments, as fractions (a « 20 % » cell holds 0.2).
_RATE_FRACTIONS = frozenset(Decimal(r) for r in ("0", "0.021", "0.055", "0.085", "0.1", "0.2",
                                                  "0.196", "0.07", "0.13"))


def _is_rate(value: object) -> bool:
    """A VAT rate rather than an amount: « 20 % », « 5,5% », or a %-formatted cell (0.2)."""
    if type(value) is str:
        return "%" in value and parse_percent(value) is not None
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return Decimal(str(value)) in _RATE_FRACTIONS
    return False


def vat_rate_column(rows: list[list[Any]], guess: HeaderGuess,
                    explicit: Iterable[str]) -> HeaderGuess:
    """A « TVA » column that holds rates (« 20 % », 0.2 in a %-formatted cell), not amounts, is
    the VAT rate: read as amounts, 1 000 € HT at 20 % would be worth 1 000,20 €. Taken as the
    rate when each of its sampled cells is a rate and one of them is not nought. A column named
    in suivi.toml (`explicit`) is the user's choice and is kept."""
    info = guess.columns.get("vat")
    if info is None or "vat_rate" in guess.columns or "vat" in set(explicit):
        return guess
    values = sampled_cells(rows, guess, info.index)
    if not values or not (all(_is_rate(v) for v in values) or _rates_typed(rows, guess, info.index)) \
            or not any(parse_percent(v) for v in values):
        return guess
    columns = dict(guess.columns)
    columns["vat_rate"] = columns.pop("vat")
    return replace(guess, columns=columns)


#: The VAT rates of France and its overseas departments, as typed in percent (« 20 », « 5,5 »).
_RATE_PERCENTS = frozenset(r * 100 for r in _RATE_FRACTIONS)


def _rates_typed(rows: list[list[Any]], guess: HeaderGuess, index: int) -> bool:
    """A « TVA » column of plain numbers that are rates (20, 10, 5.5) beside « Montant HT »:
    every sampled row reads as a rate (`_RATE_PERCENTS`), and at least one cannot be its VAT
    amount (20 € on 1 000 € HT is no French rate, or HT + 20 is not the row's TTC) while no
    row reads as an amount only. 20 on 100 € HT reads both ways, with the same total."""
    ht = guess.columns.get("amount_ht")
    if ht is None:
        return False
    ttc = guess.columns.get("amount_ttc")
    rate_only = False
    for r in range(guess.row, min(len(rows), guess.row + 500)):
        row = rows[r]
        cells = [_number(row[c]) if c < len(row) else None
                 for c in (index, ht.index, ttc.index if ttc else -1)]
        vat, net, total = cells
        if vat is None:
            continue
        if vat not in _RATE_PERCENTS or net is None or net <= 0:
            return False
        if total is not None:
            as_amount = abs(net + vat - total) <= Decimal("0.01")
        else:
            as_amount = any(abs(net * rate / 100 - vat) <= Decimal("0.01")
                            for rate in _RATE_PERCENTS)
        rate_only = rate_only or not as_amount
        if total is not None and as_amount and abs(net * (1 + vat / 100) - total) > Decimal("0.01"):
            return False  # the amount it says, not a rate
    return rate_only


def _number(value: Any) -> Decimal | None:
    """A number cell (or a number typed as text) as a Decimal, else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, str)):
        return None
    try:
        return parse_amount(value)
    except ValueProblem:
        return None


def balance_column(rows: list[list[Any]], guess: HeaderGuess,
                   explicit: Iterable[str]) -> HeaderGuess:
    """« Solde » over amounts is what is left to pay (1 000 € TTC, 300 € of deposit, « Solde »
    700 €), not what was paid: read as paid, a « Solde » of 0 made a settled invoice owe its
    whole total. « Soldé(e) » (settled) and a « Solde » column of marks (« oui », a date) stay
    the payment marks they are, and « Solde reçu » (« versé », « réglé ») the payment it says.
    A column named in suivi.toml (`explicit`) is kept."""
    info = guess.columns.get("amount_paid")
    if info is None or "balance" in guess.columns or "amount_paid" in set(explicit) \
            or "solde" not in voc.fold_header(info.header).split() \
            or re.search(r"(?i)soldée?\b", info.header) is not None \
            or voc.says_paid(set(voc.fold_header(info.header).split()) - {"solde"}):
        return guess  # « Solde reçu », « Solde versé »: the rest, received
    values = sampled_cells(rows, guess, info.index)
    if not values or not all(_is_amount(v) for v in values):
        return guess
    columns = dict(guess.columns)
    columns["balance"] = replace(columns.pop("amount_paid"), field="balance")
    return replace(guess, columns=columns)


def payment_column(rows: list[list[Any]], guess: HeaderGuess,
                   explicit: Iterable[str]) -> HeaderGuess:
    """A sheet with no « Montant réglé » (nor « Reste dû ») or no « Date de règlement », whose
    column about payment has a header no field takes (« Règlement », « Perçu », « Somme
    perçue »): read as the amount paid when its sampled cells are amounts, as the payment date
    when they are dates. Left unread, it was only named, and every invoice was reminded, paid
    or not. Words in it (« en attente ») say nothing is received yet, as in any payment
    column; a column of other words (« Payée », « Virement ») is left as it was."""
    wanted = set()
    if not {"amount_paid", "balance"} & set(guess.columns):
        wanted.add("amount_paid")
    if "payment_date" not in guess.columns:
        wanted.add("payment_date")
    wanted -= set(explicit)
    if not wanted or guess.row > len(rows):
        return guess
    header_row = rows[guess.row - 1]
    taken = {info.index for info in guess.columns.values()} | {c for c, _, _ in guess.vat_split}
    columns = dict(guess.columns)
    for index in range(guess.first_col, min(guess.last_col + 1, len(header_row))):
        header = header_row[index]
        if index in taken or not isinstance(header, str) \
                or not voc.says_paid(set(voc.fold_header(header).split())):
            continue
        values = [v for v in sampled_cells(rows, guess, index) if not voc.says_not_paid_yet(v)]
        field = "amount_paid" if values and all(_is_amount(v) for v in values) else \
            "payment_date" if values and all(_is_day(v) for v in values) else None
        if field in wanted:
            columns[field] = ColumnInfo(field, header.strip(), column_letter(index + 1), index)
            wanted.discard(field)
    return replace(guess, columns=columns) if columns != guess.columns else guess


def _is_day(value: object) -> bool:
    if isinstance(value, (date, datetime)):
        return True
    try:
        return isinstance(value, str) and parse_date(value) is not None
    except ValueProblem:
        return False


def _is_amount(value: object) -> bool:
    try:
        return parse_amount(value) is not None
    except ValueProblem:
        return False


#: An e-mail address somewhere in a cell (« Jean Dupont <compta@alpha.fr> », two of them).
_ADDRESS = re.compile(r"[^\s@<>;,()\[\]]+@[^\s@<>;,()\[\]]+\.[A-Za-z]{2,}")
#: Headers of a column of the client's people that may hold their addresses (folded words).
_CONTACT_WORDS = frozenset({"contact", "contacts", "interlocuteur", "destinataire",
                            "destinataires", "correspondant", "coordonnees", "facturation",
                            "comptabilite", "compta", "client", "payeur"})
#: … unless it names the team's own people (« Responsable facturation », « Suivi par »).
_TEAM_WORDS = frozenset({"suivi", "responsable", "commercial", "vendeur", "gestionnaire",
                         "charge", "par", "interne", "equipe", "assigne"})


def email_column(rows: list[list[Any]], guess: HeaderGuess, explicit: Iterable[str],
                 field: str = "client_email") -> HeaderGuess:
    """A sheet with no e-mail column whose « Contact » (« Interlocuteur », « Coordonnées »,
    « Destinataire ») column holds e-mail addresses: that column is the client's address
    (`field`: « client_email » in the invoice sheet, « email » in Clients, where « Contact »
    is otherwise the contact's name). Left unread, every client was « sans e-mail » and
    nobody was reminded. Taken when its header names the client's people and most of its
    sampled cells hold an address; a column of the team's own people (« Suivi par »,
    « Responsable facturation ») never is."""
    if field in guess.columns or field in set(explicit) or guess.row > len(rows):
        return guess
    header_row = rows[guess.row - 1]
    taken = {info.index for f, info in guess.columns.items() if f != "contact"}
    for index in range(guess.first_col, min(guess.last_col + 1, len(header_row))):
        header = header_row[index]
        words = set(voc.fold_header(header).split()) if isinstance(header, str) else set()
        if index in taken or not words & _CONTACT_WORDS or words & _TEAM_WORDS:
            continue
        values = sampled_cells(rows, guess, index)
        found = sum(1 for v in values if isinstance(v, str) and _ADDRESS.search(v))
        if values and found * 2 > len(values):
            columns = {f: info for f, info in guess.columns.items() if info.index != index}
            columns[field] = ColumnInfo(field, header.strip(), column_letter(index + 1), index)
            return replace(guess, columns=columns)
    return guess
