"""Comparing a payer's name with client names (rapidfuzz), through an index of name words.

Names are normalised before they are compared: accents, case and punctuation are folded,
dotted acronyms joined ("S.A.R.L." → "SARL"), then legal forms (SARL, SAS, SASU, SA, EURL, SCI,
EI, EIRL, SNC, Ets…), civilities (M., Mme…) and small words (de, la, et…) are dropped. So
"SARL Boulangerie Dupré & Fils" and "BOULANGERIE DUPRE ET FILS" both become
"boulangerie dupre fils".

The similarity is a score from 0 to 100:

- against the payer's name, when the bank gives it: the mean of rapidfuzz's `token_set_ratio`
  and `token_sort_ratio`, so that "Martin" scores lower than "Martin Dupont" against a payer
  "MARTIN DUPONT";
- otherwise against the whole label: `token_set_ratio`, which is 100 when every word of the
  client's name appears in the label.

`NameIndex.similar` never compares a text with every client: it looks up the clients that share
at least one word with the text (an inverted index of name words), and scores only those.
Words shared by more than `max_posting` clients are not used for the lookup (they would bring
back half the client list); the other words of the name still find the client.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz

LEGAL_FORMS = frozenset({
    "sarl", "sas", "sasu", "sa", "eurl", "sci", "ei", "eirl", "snc", "scop", "scp", "selarl",
    "selas", "sca", "gie", "ets", "etablissements", "etablissement", "ste", "societe", "cie",
    "ltd", "gmbh", "inc", "llc",
})
CIVILITIES = frozenset({"m", "mr", "mme", "mlle", "monsieur", "madame", "mademoiselle", "me",
                        "dr", "mrs", "ms"})
SMALL_WORDS = frozenset({"de", "du", "des", "la", "le", "les", "l", "d", "et", "and", "the",
                         "of", "a", "au", "aux", "en"})
# Words of bank labels that never belong to a payer's name.
LABEL_WORDS = frozenset({"vir", "virement", "sepa", "recu", "recus", "inst", "instantane",
                         "motif", "ref", "reference", "remise", "rem", "prlv", "prelevement",
                         "cheque", "chq", "fac", "facture", "factures", "fact", "reglement",
                         "regl", "paiement", "emis", "emetteur", "donneur", "ordre", "from",
                         "payment", "transfer", "bic", "iban", "date", "id", "nom"})
_DROP = LEGAL_FORMS | CIVILITIES | SMALL_WORDS
_ACRONYM = re.compile(r"\b(?:[a-z]\.){2,}")


@lru_cache(maxsize=65536)
def normalise_party(name: str | None) -> str:
    """Comparable form of a person's or company's name (see the module docstring)."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _ACRONYM.sub(lambda m: m[0].replace(".", ""), text)
    words = re.findall(r"[a-z0-9]+", text)
    kept = [w for w in words if w not in _DROP]
    return " ".join(kept) if kept else " ".join(words)


def label_words(label: str | None) -> str:
    """A bank label reduced to the words that may be a name (digits and label jargon dropped)."""
    normal = normalise_party(label)
    return " ".join(w for w in normal.split() if w not in LABEL_WORDS and not w.isdigit())


def name_score(client: str, payer: str | None, label: str | None) -> int:
    """Similarity (0–100) of a client's name with the payer (or, without one, the label)."""
    key = normalise_party(client)
    if not key:
        return 0
    if payer:
        other = normalise_party(payer)
        if not other:
            return 0
        return round((fuzz.token_set_ratio(key, other) + fuzz.token_sort_ratio(key, other)) / 2)
    words = label_words(label)
    return round(fuzz.token_set_ratio(key, words)) if words else 0


class NameIndex:
    """Client names indexed by their words, for `similar` lookups."""

    def __init__(self, names: Iterable[str], max_posting: int = 2000) -> None:
        self.max_posting = max_posting
        self.display: dict[str, str] = {}
        postings: dict[str, set[str]] = defaultdict(set)
        for name in names:
            key = normalise_party(name)
            if not key or key in self.display:
                continue
            self.display[key] = name
            for word in key.split():
                if len(word) >= 2:
                    postings[word].add(key)
        self._postings = dict(postings)

    def similar(self, payer: str | None, label: str | None, cutoff: int) -> list[tuple[str, int]]:
        """(client name as written, score) for clients scoring at least `cutoff`, best first."""
        text = normalise_party(payer) if payer else label_words(label)
        keys: set[str] = set()
        for word in set(text.split()):
            posting = self._postings.get(word)
            if posting and len(posting) <= self.max_posting:
                keys |= posting
        scored = []
        for key in keys:
            name = self.display[key]
            score = name_score(name, payer, label)
            if score >= cutoff:
                scored.append((name, score))
        scored.sort(key=lambda item: (-item[1], item[0]))
        return scored
