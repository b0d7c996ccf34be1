"""Finding the table in a bank CSV: header row, columns, and what the lines above it say.

French bank exports put a few lines above the table (account number, balance, period) and
name their columns in many ways. A header is recognised by its words, compared after folding
accents, case, punctuation and units ("Débit euros", "Montant (EUR)", "Montant(EUROS)" →
"debit", "montant"). Each field has a list of names, best first; when a file has two columns
that fit a field ("Date de comptabilisation" and "Date opération"), the better name wins and
the other may serve another field.

Without a recognisable header (BNP Paribas exports have none), the columns are inferred from
the data: the first column holding dates on at least 90 % of the lines, the column of amounts
(`_amount_column`: not a running balance, not a column of one value), and the widest text
column as the label. The layout found is reported with the
statement so that the user can see which column was read as what.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from suivi.core.values import ValueProblem, parse_amount, parse_date

Row = tuple[int, list[str]]
"""(line number of the record's first line, cells)."""

#: Field → names as banks write them (folded form), best first.
VOCABULARY: dict[str, tuple[str, ...]] = {
    "date": ("date de comptabilisation", "date comptabilisation", "date comptable",
             "booking date", "settlement date", "date completed", "completed date", "date",
             "date operation", "date d operation", "date de l operation",
             "date de operation", "date op", "dateop", "date de l ecriture", "date ecriture",
             "date de la transaction", "date transaction", "transaction date",
             "operation date", "date du mouvement", "date started", "started date"),
    "value_date": ("date de valeur", "date valeur", "dateval", "date val", "value date"),
    # PayPal: « Avant commission » / « Gross » is what the client paid (its fee is the seller's)
    "amount": ("montant", "montant operation", "montant de l operation", "montant net",
               "montant total", "amount", "total amount", "somme", "valeur", "avant commission",
               "montant brut", "brut", "gross"),
    "debit": ("debit", "debits", "montant debit", "sortie", "sorties", "withdrawal",
              "debit amount"),
    "credit": ("credit", "credits", "montant credit", "entree", "entrees", "deposit",
               "credit amount"),
    "label": ("libelle complet operation", "libelle operation", "libelle de l operation",
              "libelle", "label", "description", "intitule", "intitule operation",
              "libelle des operations", "nature de l operation", "wording",
              "libelle simplifie"),
    "id": ("transaction id", "id transaction", "identifiant", "identifiant operation", "id",
           "fitid", "numero d operation", "numero operation", "n operation", "no operation",
           "numero de transaction"),
    "reference": ("reference", "ref", "reference operation", "reference de l operation",
                  "end to end id", "reference client", "payment reference",
                  "reference de paiement", "reference du paiement", "numero de facture",
                  "invoice number"),
    # the other party of the line: for a credit, who paid (« Payee » and « Bénéficiaire »
    # in N26's exports name it whatever the direction)
    "payer": ("tiers", "nom du tiers", "contrepartie", "nom de la contrepartie",
              "counterparty", "counterparty name", "emetteur", "beneficiaire emetteur",
              "donneur d ordre", "payeur", "payer", "payer name", "libelle simplifie",
              "payee", "beneficiaire", "nom", "name"),
    "details": ("informations complementaires", "detail", "details", "detail de l ecriture",
                "motif", "commentaire", "comment", "note", "notes", "memo",
                "libelle complementaire"),
    "type": ("type operation", "type d operation", "type de l operation", "type",
             "operation type", "type de transaction", "transaction type", "nature",
             "payment method",
             "moyen de paiement", "mode de paiement"),
    "currency": ("devise", "currency", "monnaie"),
    "status": ("status", "statut", "etat", "state"),
}
_FIELD_ORDER = ("date", "value_date", "amount", "debit", "credit", "label", "id", "reference",
                "payer", "details", "type", "currency", "status")
_UNITS = {"eur", "euro", "euros", "en", "utc", "local", "incl", "vat", "ttc", "e"}
_IBAN = re.compile(r"\bFR\d{2}(?:\s?[0-9A-Z]{4}){5}\s?[0-9A-Z]{3}\b")
_DMY = re.compile(r"\b(\d{2})/(\d{2})/(\d{4})\b")
_ACCOUNT_WORDS = ("compte", "account", "numero", "n de compte", "rib", "iban")


def header_key(text: str) -> str:
    """Folded form of a header cell: "Débit euros" → "debit", "Montant (EUR)" → "montant"."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()
    words = [w for w in re.findall(r"[a-z0-9]+", plain.replace("€", " ")) if w not in _UNITS]
    return " ".join(words)


_RANK: dict[str, dict[str, int]] = {
    f: {name: rank for rank, name in enumerate(names)} for f, names in VOCABULARY.items()}


def assign_columns(cells: Sequence[str]) -> dict[str, int]:
    """Field → column index for a header row (fields whose name was not found are absent)."""
    keys = [header_key(c) for c in cells]
    used: set[int] = set()
    found: dict[str, int] = {}
    for fld in _FIELD_ORDER:
        ranks = _RANK[fld]
        best = min(((ranks[k], i) for i, k in enumerate(keys) if k in ranks and i not in used),
                   default=None)
        if best is not None:
            found[fld] = best[1]
            used.add(best[1])
    return found


def is_header(found: dict[str, int]) -> bool:
    return "date" in found and bool({"amount", "debit", "credit"} & found.keys())


def find_header(rows: Sequence[Row], limit: int = 40) -> tuple[int, dict[str, int]] | None:
    """(position in `rows`, columns) of the first header row among the first `limit` rows."""
    for position, (_, cells) in enumerate(rows[:limit]):
        found = assign_columns(cells)
        if is_header(found):
            return position, found
    return None


def _is_date(text: str) -> bool:
    text = text.strip()
    if not text or not re.search(r"\d", text) or len(text) > 25:
        return False
    try:
        return parse_date(text) is not None
    except ValueProblem:
        return False


def _is_amount(text: str) -> bool:
    text = text.strip()
    if not text or not re.search(r"\d", text) or _is_date(text):
        return False
    try:
        return parse_amount(text) is not None
    except ValueProblem:
        return False


@dataclass(frozen=True, slots=True)
class Inferred:
    """Columns inferred from a table without header: where the data starts, and the columns."""

    start: int
    columns: dict[str, int]


def infer_columns(rows: Sequence[Row]) -> Inferred | None:
    """Columns of a header-less table (see the module docstring), or None."""
    widths = Counter(len(cells) for _, cells in rows if len(cells) >= 3)
    if not widths:
        return None
    width = widths.most_common(1)[0][0]
    table = [(pos, cells) for pos, (_, cells) in enumerate(rows) if len(cells) == width]
    sample = [cells for _, cells in table[:200]]
    if len(sample) < 1:
        return None

    def share(test: Callable[[str], bool], col: int) -> float:
        cells = [c[col] for c in sample if c[col].strip()]
        return sum(1 for c in cells if test(c)) / len(sample) if cells else 0.0

    dates = [c for c in range(width) if share(_is_date, c) >= 0.9]
    amounts = [c for c in range(width) if c not in dates and share(_is_amount, c) >= 0.9]
    if not dates or not amounts:
        return None
    texts = [c for c in range(width) if c not in dates and c not in amounts]
    if not texts:
        return None
    label = max(texts, key=lambda c: sum(len(cells[c]) for cells in sample))
    first = next(pos for pos, cells in table if _is_date(cells[dates[0]]))
    columns = {"date": dates[0], "amount": _amount_column(sample, amounts), "label": label}
    if len(dates) > 1:
        columns["value_date"] = dates[1]
    return Inferred(first, columns)


def _amount_column(sample: Sequence[list[str]], candidates: list[int]) -> int:
    """The amount among the columns of numbers of a table without header: not a column of
    zeros (LCL's last column), not the running balance of another (each line's « Solde » is
    the one before it plus that line's amount: taken for the amount, it would record balances
    as payments), the one written with cents when others are not (a cheque number, a branch
    code); else the last (BNP Paribas: date, label, amount)."""
    numbers = {c: [_number(cells[c]) for cells in sample] for c in candidates}
    kept = [c for c in candidates if any(numbers[c])] or candidates  # not a column of zeros
    balances = {b for b in kept for a in kept if a != b and _runs_over(numbers[b], numbers[a])}
    kept = [c for c in kept if c not in balances] or kept
    cents = [c for c in kept if _share_with_cents([cells[c] for cells in sample]) >= 0.9]
    return (cents or kept)[-1]


def _number(text: str) -> Decimal | None:
    try:
        return parse_amount(text) if text.strip() else None
    except ValueProblem:
        return None


def _runs_over(balance: list[Decimal | None], amount: list[Decimal | None]) -> bool:
    """Whether `balance` is the running balance of `amount`, the newest line first or last, on
    at least 80 % of the pairs of lines."""
    pairs = len(balance) - 1
    if pairs < 1:
        return False

    def step(before: Decimal | None, after: Decimal | None, moved: Decimal | None) -> bool:
        return before is not None and after is not None and moved is not None \
            and after - before == moved

    newest_first = sum(step(balance[i + 1], balance[i], amount[i]) for i in range(pairs))
    oldest_first = sum(step(balance[i], balance[i + 1], amount[i + 1]) for i in range(pairs))
    return max(newest_first, oldest_first) >= 0.8 * pairs


_WITH_CENTS = re.compile(r"[.,]\d{2}\s*(?:€|EUR)?$", re.IGNORECASE)


def _share_with_cents(cells: list[str]) -> float:
    filled = [c.strip() for c in cells if c.strip()]
    return sum(1 for c in filled if _WITH_CENTS.search(c)) / len(filled) if filled else 0.0


def preamble_info(rows: Sequence[Row]) -> tuple[str | None, list[str]]:
    """(account, dates written as jj/mm/aaaa) found in the lines above the table."""
    account = None
    dates: list[str] = []
    for _, cells in rows:
        for i, cell in enumerate(cells):
            text = cell.strip().strip('="').strip()
            dates += [m[0] for m in _DMY.finditer(text)]
            if account:
                continue
            iban = _IBAN.search(text.upper())
            if iban:
                account = iban[0].replace(" ", "")
            elif any(w in header_key(cell) for w in _ACCOUNT_WORDS):
                inside = re.search(r"\d[\dA-Z ]{6,}\d", text)
                nxt = next((c.strip().strip('="') for c in cells[i + 1:] if c.strip()), "")
                if inside:
                    account = inside[0]
                elif len(re.sub(r"\D", "", nxt)) >= 5:
                    account = nxt.strip()
            elif re.fullmatch(r"[0-9*]{10,}[A-Z]?\d*", text) or re.fullmatch(r"\*{2,}\d{3,}", text):
                account = text
    return account, dates
