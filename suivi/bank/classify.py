"""What a bank line is (credit, debit, fee, card) and how the money came, from its wording.

French banks write their own labels at the start of the line: "VIR SEPA RECU", "REMISE CHEQUE",
"PRLV SEPA", "CB CARREFOUR 12/03", "FRAIS TENUE DE COMPTE", "COMMISSION INTERVENTION"… The
payer's own text (the motif) comes after, so fee and card words are only looked for at the
start of the label: a client paying "FRAIS DE FORMATION" is still a credit.

A bank type given beside the label (a CSV "Type opération" column, OFX TRNTYPE, a CAMT.053 bank
transaction code turned into words by the CAMT reader) is used first.
"""
from __future__ import annotations

import re
from decimal import Decimal

from suivi.core.bank_models import PaymentMethod, TransactionKind, fold_text

_FEE = re.compile(r"^(?:FRAIS|F\s+FRAIS|COMMISSIONS?\b|COM\s|COTIS|F\s+COTIS|AGIOS|"
                  r"INTERETS?\s+DEBITEURS|ABONNEMENT|TENUE\s+DE\s+COMPTE|REDEVANCE|FORFAIT|"
                  r"ANNUL(?:ATION)?\s+FRAIS|REMB(?:OURSEMENT)?\s+FRAIS|BANK\s+FEES?|FEES?\b)")
_CARD = re.compile(r"^(?:CB\b|CARTE\b|PAIEMENT\s+(?:CB|PAR\s+CARTE)|FACTURE\s+CARTE|ACHAT\s+CB|"
                   r"RETRAIT|DAB\b|REM(?:ISE)?\s*CB|REMISE\s+CARTE|ENCAISSEMENT\s+CB|"
                   r"CARD\b|CARTE\s+X?\d)")
_CHEQUE = re.compile(r"\b(?:CHQ|CHEQUES?|REMISE\s+CHQ|REM\s+CHQ|CHECK)\b")
_DIRECT_DEBIT = re.compile(r"\b(?:PRLV|PRELEVEMENTS?|PRELEV|SDD|LCR|DIRECT[\s_]+DEBIT)\b")
_TRANSFER = re.compile(r"\b(?:VIR|VIREMENTS?|SEPA|TRANSFER|XFER|VIRT)\b")
_CASH = re.compile(r"\b(?:ESPECES|ESP|CASH)\b")

_HINT_KIND = (
    (re.compile(r"FRAIS|COMMISSION|COTISATION|FEE|SRVCHG|CHARGE"), TransactionKind.FEE),
    (re.compile(r"CARTE|CARD|\bCB\b|POS\b|ATM\b"), TransactionKind.CARD),
)


def _method(text: str) -> PaymentMethod | None:
    if _CHEQUE.search(text):
        return PaymentMethod.CHEQUE
    if _DIRECT_DEBIT.search(text):
        return PaymentMethod.DIRECT_DEBIT
    if _CASH.search(text):
        return PaymentMethod.CASH
    if _TRANSFER.search(text):
        return PaymentMethod.TRANSFER
    return None


def classify(amount: Decimal, label: str,
             hint: str | None = None) -> tuple[TransactionKind, PaymentMethod | None]:
    """Kind and payment method of a line of `amount` (signed, credit > 0) and `label`.

    `hint` is the bank's own type for the line, if any ("Virement reçu", "Carte bancaire",
    "POS", "PMNT RCDT"…).
    """
    text = fold_text(label)
    folded_hint = fold_text(hint)
    if amount == 0:
        return TransactionKind.OTHER, None
    for rx, kind in _HINT_KIND:
        if folded_hint and rx.search(folded_hint):
            return kind, PaymentMethod.CARD if kind is TransactionKind.CARD else None
    if _FEE.match(text):
        return TransactionKind.FEE, None
    if _CARD.match(text):
        return TransactionKind.CARD, PaymentMethod.CARD
    method = _method(folded_hint) or _method(text)
    if amount < 0:
        return TransactionKind.DEBIT, method
    return TransactionKind.CREDIT, method


_PAYER_PATTERNS = (
    # BNP-style slash fields: "VIR SEPA RECU /DE DUPONT SARL /MOTIF FAC… /REF …"
    re.compile(r"/\s*DE\s*:?\s+(?P<name>[^/]+?)\s*(?:/|$)"),
    # colon fields: "VIR RECU 852797 DE: BOULOT SAS MOTIF: … REF: …"
    re.compile(r"\bDE\s*:\s*(?P<name>.+?)\s*(?=\b(?:MOTIF|REF|REFERENCE|ID|LIB|BIC|IBAN)\s*:|$)"),
    # "VIREMENT (SEPA) (RECU) (INST) DE M. DUPONT", "VIR INST RE 123456 DE DUPONT"
    re.compile(r"^VIR(?:EMENT)?\b[^/:]*?\bDE\s+(?P<name>[A-Z][A-Z .&'-]{2,}?)\s*"
               r"(?=\b(?:MOTIF|REF|FAC\w*|POUR)\b|$)"),
)


def payer_from_label(label: str | None) -> str | None:
    """The payer's name when the label says it in one of the usual ways, else None.

    Only explicit forms are read ("/DE …", "DE: …", "VIREMENT … DE …"): a wrong payer name
    would do more harm than none, because matching then compares the label as a whole.
    """
    text = fold_text(label)
    if not text:
        return None
    for rx in _PAYER_PATTERNS:
        m = rx.search(text)
        if m:
            name = m["name"].strip(" .-")
            if len(name) >= 2 and not name.isdigit():
                return name
    return None
