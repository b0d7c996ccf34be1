"""The sheets of payment arrangements and bank reconciliation: « Échéancier » (installments,
typed by the team) and « Rapprochement » (bank credits suivi could not apply, written by suivi
and decided by a person in its Valider and Facture(s) columns)."""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any

from suivi.core.bank_apply import ReviewRow
from suivi.core.installments import Installment
from suivi.core.matching import Rule
from suivi.core.models import CellRef, Issue, Severity
from suivi.core.values import parse_bool
from suivi.messages import catalogue
from suivi.workbook import vocabulary as voc

from .headers import HeaderGuess
from .row_reader import RowReader
from .sheets import _loaded_rows

INSTALLMENT_FIELDS: dict[str, tuple[str, ...]] = {
    "invoice_number": ("N° facture", "facture", "numéro de facture", "invoice",
                       "invoice number"),
    "due_date": ("Échéance", "date d'échéance", "date", "due date", "date prévue"),
    "amount": ("Montant", "montant de l'échéance", "amount", "montant dû"),
}

#: field of `ReviewRow` → catalogue code of its header (the sheet suivi writes)
REVIEW_COLUMNS: tuple[tuple[str, str], ...] = (
    ("date", "bank.review.col.date"),
    ("amount", "bank.review.col.amount"),
    ("label", "bank.review.col.label"),
    ("payer", "bank.review.col.payer"),
    ("candidates", "bank.review.col.candidates"),
    ("rule", "bank.review.col.rule"),
    ("explanation", "bank.review.col.explanation"),
    ("validate", "bank.review.col.validate"),
    ("invoices", "bank.review.col.invoices"),
    ("method", "bank.review.col.method"),
    ("reference", "bank.review.col.reference"),
    ("statement", "bank.review.col.statement"),
    ("transaction_id", "bank.review.col.transaction"),
)
CANDIDATE_SEPARATOR = " ; "


@lru_cache(maxsize=1)
def review_vocabulary() -> voc.Vocabulary:
    """The Rapprochement headers, French and English (suivi writes them in the run's
    language)."""
    fields = {name: tuple(catalogue(lang)[code] for lang in ("fr", "en"))
              for name, code in REVIEW_COLUMNS}
    return voc.Vocabulary(fields)


INSTALLMENT_VOCABULARY = voc.Vocabulary(INSTALLMENT_FIELDS)


@lru_cache(maxsize=1)
def _rules() -> dict[str, Rule]:
    """A rule's words (either language, folded) → the rule."""
    return {voc.fold_header(catalogue(lang)[f"bank.rule.{rule.value}"]): rule
            for lang in ("fr", "en") for rule in Rule}


def read_installments(rows: list[list[Any]], sheet: str, guess: HeaderGuess,
                      issues: list[Issue]) -> list[Installment]:
    """The rows of the Échéancier sheet; a row missing its invoice, date or amount is named."""
    rr = RowReader(sheet, guess.columns, issues)
    installments: list[Installment] = []
    for row_number in _loaded_rows(rows, guess, rr):
        number = rr.text("invoice_number") if "invoice_number" in guess.columns else None
        due = rr.date("due_date") if "due_date" in guess.columns else None
        amount = rr.amount("amount") if "amount" in guess.columns else None
        if not number or due is None or amount is None:
            issues.append(Issue.of(CellRef(sheet, row_number, "A"), "echeance_incomplete",
                                   Severity.WARNING, row=row_number, sheet=sheet))
            continue
        installments.append(Installment(number, due, amount, CellRef(sheet, row_number, "A")))
    return installments


def _text(rr: RowReader, field: str) -> str | None:
    return rr.text(field) if field in rr.columns else None


def read_review(rows: list[list[Any]], sheet: str, guess: HeaderGuess,
                issues: list[Issue]) -> list[ReviewRow]:
    """The rows of the Rapprochement sheet, as suivi wrote them plus what a person filled in
    (Valider: Oui → True, Non → False, empty → None; Facture(s) as typed)."""
    rr = RowReader(sheet, guess.columns, issues)
    result: list[ReviewRow] = []
    for row_number in _loaded_rows(rows, guess, rr):
        ident = _text(rr, "transaction_id")
        amount = rr.amount("amount") if "amount" in rr.columns else None
        day = rr.date("date") if "date" in rr.columns else None
        if not ident or amount is None or day is None:
            issues.append(Issue.of(CellRef(sheet, row_number, "A"), "rapprochement_incomplet",
                                   Severity.WARNING, row=row_number, sheet=sheet))
            continue
        validate = rr.raw("validate") if "validate" in rr.columns else None
        candidates = _text(rr, "candidates") or ""
        result.append(ReviewRow(
            date=day, amount=amount, label=_text(rr, "label") or "",
            payer=_text(rr, "payer"),
            candidates=tuple(c.strip() for c in candidates.split(";") if c.strip()),
            rule=_rules().get(voc.fold_header(_text(rr, "rule") or ""), Rule.NONE),
            explanation=_text(rr, "explanation") or "", transaction_id=ident,
            statement=_text(rr, "statement") or "", method=_text(rr, "method"),
            reference=_text(rr, "reference"),
            validate=None if validate is None else parse_bool(validate),
            invoices_text=_text(rr, "invoices") or "", row=row_number))
    return _settle_copies(result, sheet, guess, issues)


def _settle_copies(rows: list[ReviewRow], sheet: str, guess: HeaderGuess,
                   issues: list[Issue]) -> list[ReviewRow]:
    """One row per bank operation. A row copied in Excel keeps its « Id opération »: applied
    as it was, each copy marked Oui paid the invoice once more with the same credit. Copies
    that agree count once; copies that disagree (Oui and Non, other invoices) leave the
    operation waiting, undecided, and the later copy is reported naming the first."""
    first: dict[str, ReviewRow] = {}
    for row in rows:
        seen = first.setdefault(row.transaction_id, row)
        if seen is row or _decision(seen) == _decision(row):
            continue
        column = guess.columns.get("validate")
        where = CellRef(sheet, row.row, column.column if column is not None else "A")
        issues.append(Issue.of(where, "rapprochement_copie", Severity.WARNING, row=row.row,
                               first=seen.row, sheet=sheet))
        first[row.transaction_id] = replace(seen, validate=None)
    return list(first.values())


def _decision(row: ReviewRow) -> tuple[bool | None, str]:
    return row.validate, " ".join(row.invoices_text.replace(";", " ").split()).casefold()
