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

`NameIndex.similar` never compares a text with every client. It scores only the clients that
share at least two words with the text (or their only word, for one-word names), words being
compared by their first five letters so that a typo at the end ("CENTRAL" for "Centrale",
"DUPREE") still finds the client: a name sharing a single word of three scores below 60 anyway
("martin" against "garage martin lyon": 50). The candidates come from intersections of the
sets of clients having each word, a few set operations per lookup instead of one comparison
per client.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

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


@lru_cache(maxsize=262144)
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
    return score_against(normalise_party(client), query_words(payer, label), bool(payer))


def _stem(word: str) -> str:
    return word[:5]


def query_words(payer: str | None, label: str | None) -> str:
    """What `name_score` compares client names with: the payer's name, else the label's words."""
    return normalise_party(payer) if payer else label_words(label)


def score_against(client_key: str, query: str, payer: bool) -> int:
    """`name_score` with both sides already normalised (`normalise_party`, `query_words`)."""
    if not client_key or not query:
        return 0
    from rapidfuzz import fuzz  # here: only bank statements need it (6 ms of every start)

    if payer:
        return round((fuzz.token_set_ratio(client_key, query) +
                      fuzz.token_sort_ratio(client_key, query)) / 2)
    return round(fuzz.token_set_ratio(client_key, query))


class NameIndex:
    """Client names indexed by their words, for `similar` lookups."""

    MAX_WORDS = 12  # words of a label looked up (66 pairs at most)

    def __init__(self, names: Iterable[str]) -> None:
        self.names: dict[str, list[str]] = defaultdict(list)
        postings: dict[str, set[str]] = defaultdict(set)
        singles: dict[str, set[str]] = defaultdict(set)
        for name in names:
            key = normalise_party(name)
            if not key:
                continue
            if name in self.names[key]:
                continue
            self.names[key].append(name)
            words = {_stem(w) for w in key.split()}
            for word in words:
                postings[word].add(key)
            if len(words) == 1:
                singles[next(iter(words))].add(key)
        self._postings = dict(postings)
        self._singles = dict(singles)

    def candidates(self, query: str) -> set[str]:
        """Client keys sharing two words with `query`, or their only word."""
        words = [w for w in dict.fromkeys(map(_stem, query.split())) if w in self._postings]
        words = words[:self.MAX_WORDS]
        keys: set[str] = set()
        for i, first in enumerate(words):
            keys |= self._singles.get(first, set())
            posting = self._postings[first]
            for second in words[i + 1:]:
                other = self._postings[second]
                keys |= posting & other if len(posting) <= len(other) else other & posting
        return keys

    def similar(self, payer: str | None, label: str | None, cutoff: int) -> list[tuple[str, int]]:
        """(client name as written, score) for clients scoring at least `cutoff`, best first."""
        query = query_words(payer, label)
        scored = []
        for key in self.candidates(query):
            score = score_against(key, query, bool(payer))
            if score >= cutoff:
                scored += [(name, score) for name in self.names[key]]
        scored.sort(key=lambda item: (-item[1], item[0]))
        return scored
