"""Amounts a team writes in a Statut (pure): « Reste 200 € », « Payé en partie (300 €) »,
« Acompte de 300 € reçu », « Payé 50 % ». Teams without a « Montant réglé » column say there
what was paid; a reminder claiming the whole total would ask for money already received.

Only a Statut that names one amount (or one share) next to words that say what it is, and no
word that turns it round (« non reçu », « en attente »), is read. « Soldé 1 000 € » (paid in
full, or a balance of 1 000 €?) is not: its « soldé » keeps it from reminders as before."""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache


def fold(text: str | None) -> str:
    """Lower case, without accents, spaces as typed (non-breaking ones become spaces)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().strip()


#: Days, which hold digits that are no amount: « 12/10 », « 12/10/2026 », « 2026-10-12 »,
#: « 12.10.2026 », « 12 octobre ».
_DAYS = re.compile(
    r"(?<!\d)(?:\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{1,2}-\d{1,2}-\d{2,4}|\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}\.\d{1,2}\.\d{2,4})(?!\d)"
    r"|\b\d{1,2}(?:er)? (?:janv|fev|mars|avr|mai|juin|juil|aout|sept|oct|nov|dec)[a-z]*")
#: « 1 200,50 », « 1.200,50 », « 200 », « 12.5 », then « € », « eur », « euros » or « % ».
_AMOUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:[ .]\d{3})+|\d+)(?!\d)(?:[,.](\d{1,2})(?!\d))?"
                     r"(?![.,]\d)"
                     r"\s*(€|eur\b|euros?\b|%)?"
                     # a count of days or times is no amount (« en retard (12 j) », « 3 fois »)
                     r"(?!\s*(?:j|jours?|mois|semaines?|sem|ans?|h|fois|x|days?|times)\b)")
_WORD = re.compile(r"[a-z]+")
#: Words that say the amount is what is left to pay.
_LEFT = frozenset({"reste", "restant", "restent", "restants"})
_LEFT_PHRASES = ("solde du", "solde a payer", "solde restant", "solde a regler", "reste du")
#: Words that say the amount was received.
_RECEIVED = frozenset({
    "paye", "payee", "payes", "payees", "regle", "reglee", "regles", "reglees", "recu", "recue",
    "recus", "recues", "verse", "versee", "verses", "versees", "encaisse", "encaissee",
    "encaisses", "encaissees", "percu", "percue", "percus", "acompte", "acomptes", "paiement",
    "reglement", "virement", "versement", "paid", "received"})
#: Words that turn it round or make it something else.
_NOT = frozenset({"non", "pas", "attente", "impaye", "impayee", "not", "unpaid", "relance",
                  "relancee", "relances", "avoir", "facture", "factures", "promesse", "promis",
                  "prevu", "prevue", "fois", "attendu", "attendue", "expected"})
#: Words after which a bare number is a reference, not an amount (« chèque 1234 », « n° 12 »).
_REFERENCE = frozenset({"cheque", "n", "no", "num", "numero", "ref", "reference", "bordereau"})
#: How many words may stand between a bare number (no « € ») and the word that says it.
_NEAR = 3
#: Words that may stand right before a bare amount, after the word that says it (« Reste
#: dû : 200 », « Payé en partie 300 », « Acompte de 300 »). « le », « en », « au », « fin »
#: announce a day or a year: « Payé le 5 », « Payée en 2025 » are no amounts.
_BEFORE_BARE = frozenset({"du", "de", "partie", "partiel", "partiellement", "a", "payer",
                          "regler"})


def _bare_amount(before_text: str, match: re.Match[str]) -> bool:
    """Whether a number typed without « € » is an amount: right after the word that says
    what it is, and not a year (« Payé 2025 » is left to mean paid)."""
    before = _WORD.findall(before_text)[-_NEAR:]
    if not before or before[-1] in _REFERENCE:
        return False
    if before[-1] not in _LEFT | _RECEIVED | _BEFORE_BARE:
        return False
    if not ((_LEFT | _RECEIVED).intersection(before)
            or any(p in " ".join(before) for p in _LEFT_PHRASES)):
        return False
    whole = re.sub(r"[ .]", "", match.group(1))
    return not (match.group(2) is None and len(whole) == 4 and 1990 <= int(whole) <= 2099)


@lru_cache(maxsize=1024)
def stated_amount(text: str | None) -> tuple[str, Decimal, bool] | None:
    """What a Statut says of the money: (« left » or « paid », the amount, whether it is a
    percentage of the invoice's total), or None when it names no such amount."""
    folded = fold(text)
    if not folded or not any(ch.isdigit() for ch in folded):
        return None
    folded = _DAYS.sub(" ", folded)
    found = list(_AMOUNT.finditer(folded))
    if len(found) != 1:
        return None
    match = found[0]
    words = _WORD.findall(folded)
    if _NOT.intersection(words):
        return None
    spaced = " ".join(words)
    if _LEFT.intersection(words) or any(p in spaced for p in _LEFT_PHRASES):
        kind = "left"
    elif _RECEIVED.intersection(words):
        kind = "paid"
    else:
        return None
    unit = match.group(3)
    if unit is None and not _bare_amount(folded[:match.start()], match):
        return None
    whole = re.sub(r"[ .]", "", match.group(1))
    try:
        value = Decimal(f"{whole}.{match.group(2) or '0'}")
    except InvalidOperation:  # pragma: no cover - the pattern allows digits only
        return None
    percent = unit == "%"
    if percent and value > 100:
        return None
    return kind, value, percent
