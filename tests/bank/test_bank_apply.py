"""What matched credits change: Paiements rows, Montant réglé, trop-perçus, review rows, never
twice. Amounts and rows written out by hand from `bank_book.BOOK`."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from suivi.bank import read_statement
from suivi.core.bank_apply import (
    InvoiceSettlement,
    Overpayment,
    PaymentRow,
    ReviewRow,
    apply_matches,
    apply_review,
    filter_new,
    review_rows,
)
from suivi.core.bank_models import (
    BankTransaction,
    PaymentMethod,
    StatementSource,
    TransactionKind,
)
from suivi.core.matching import Rule, match_credits
from suivi.core.message import Message
from suivi.core.models import FieldUpdate

DATA = Path(__file__).parent / "data"
D = Decimal


def credit(label: str, amount: str, payer: str | None, day: str = "2026-03-16",
           tx_id: str = "t1") -> BankTransaction:
    return BankTransaction(tx_id, date.fromisoformat(day), D(amount), label,
                           TransactionKind.CREDIT, StatementSource("releve.csv", 2),
                           payer_name=payer, bank_reference=f"REF-{tx_id}",
                           method=PaymentMethod.TRANSFER)


def applied(book, *credits: BankTransaction):
    return apply_matches(match_credits(credits, book), book)


def test_exact_payment(book) -> None:
    result = applied(book, credit("FAC2026-001", "1200.00", "BOULANGERIE DUPRE"))
    assert result.payments == (PaymentRow(date(2026, 3, 16), D("1200.00"), "FAC2026-001",
                                          "Boulangerie Dupré SARL", "Virement", "REF-t1",
                                          "releve.csv", "t1"),)
    assert result.settlements == (InvoiceSettlement("FAC2026-001", 2, D("1200.00"),
                                                    date(2026, 3, 16), D("0.00")),)
    assert result.overpayments == ()
    assert result.settlements[0].field_updates() == (
        FieldUpdate(2, "amount_paid", D("1200.00")),
        FieldUpdate(2, "payment_date", date(2026, 3, 16)))


def test_one_credit_for_two_named_invoices(book) -> None:
    result = applied(book, credit("FACT 2026-2 ET 3", "830.50", "GARAGE MARTIN"))
    assert [(p.invoice_number, p.amount) for p in result.payments] == [
        ("FAC2026-002", D("480.00")), ("FAC2026-003", D("350.50"))]
    assert [(s.number, s.amount_paid, s.balance) for s in result.settlements] == [
        ("FAC2026-002", D("480.00"), D("0.00")), ("FAC2026-003", D("350.50"), D("0.00"))]


def test_short_payment_follows_the_order_the_label_names(book) -> None:
    """003 is named first: it is paid in full, 002 gets the rest and keeps 230,50 due."""
    result = applied(book, credit("FACT 2026-3 ET 2", "600.00", "GARAGE MARTIN"))
    assert [(p.invoice_number, p.amount) for p in result.payments] == [
        ("FAC2026-003", D("350.50")), ("FAC2026-002", D("249.50"))]
    assert [(s.number, s.balance) for s in result.settlements] == [
        ("FAC2026-003", D("0.00")), ("FAC2026-002", D("230.50"))]


def test_group_without_numbers_is_allocated_oldest_first(book) -> None:
    result = applied(book, credit("SOLDE FACTURES MARS", "1000.00", "TRAITEUR NGUYEN"))
    assert [(p.invoice_number, p.amount) for p in result.payments] == [
        ("FAC2026-012", D("845.20")), ("FAC2026-013", D("154.80"))]


def test_partial_payment_leaves_the_rest_due(book) -> None:
    result = applied(book, credit("F2026004 ACOMPTE", "1000.00", "CABINET LEFEVRE"))
    assert [(s.number, s.amount_paid, s.balance) for s in result.settlements] == [
        ("FAC2026-004", D("1000.00"), D("1400.00"))]


def test_payment_adds_to_what_was_already_paid(book) -> None:
    result = applied(book, credit("VIR MANDAT", "1000.00", "MAIRIE DE VILLENEUVE"))
    assert [(s.number, s.amount_paid, s.balance) for s in result.settlements] == [
        ("FAC2026-006", D("1500.00"), D("0.00"))]


def test_overpayment_is_a_trop_percu_credit(book) -> None:
    result = applied(book, credit("FAC2026-010 SOLDE", "700.00", "SARL BOULANGERIE DUPRE"))
    assert [(p.invoice_number, p.amount) for p in result.payments] == [
        ("FAC2026-010", D("700.00"))]
    assert [(s.number, s.amount_paid, s.balance) for s in result.settlements] == [
        ("FAC2026-010", D("700.00"), D("-60.00"))]
    assert result.overpayments == (Overpayment(date(2026, 3, 16), D("60.00"),
                                               "Boulangerie Dupré SARL", ("FAC2026-010",), "t1",
                                               "releve.csv"),)
    assert Message.of("bank.apply.overpayment", amount=D("60.00"),
                      client="Boulangerie Dupré SARL",
                      invoices=("FAC2026-010",)) in result.messages


def test_two_instalments_make_one_settlement(book) -> None:
    result = applied(book,
                     credit("F2026004 ACOMPTE", "1000.00", "CABINET LEFEVRE", "2026-03-02", "a"),
                     credit("F2026004 SOLDE", "1400.00", "CABINET LEFEVRE", "2026-03-20", "b"))
    assert [(p.transaction_id, p.amount) for p in result.payments] == [
        ("a", D("1000.00")), ("b", D("1400.00"))]
    assert result.settlements == (InvoiceSettlement("FAC2026-004", 5, D("2400.00"),
                                                    date(2026, 3, 20), D("0.00")),)


def test_review_rows_for_what_was_not_applied(book) -> None:
    matches = match_credits([credit("FAC2026-001", "1200.00", "BOULANGERIE DUPRE", tx_id="ok"),
                             credit("VIR SEPA RECU", "310.00", "PHARMACIE CENTRALE",
                                    tx_id="pharma")], book)
    (row,) = review_rows(matches)
    assert (row.date, row.amount, row.label, row.payer, row.candidates, row.rule) == (
        date(2026, 3, 16), D("310.00"), "VIR SEPA RECU", "PHARMACIE CENTRALE",
        ("FAC2026-007", "FAC2026-008"), Rule.NAME_AMOUNT)
    assert (row.transaction_id, row.statement, row.method, row.reference) == \
        ("pharma", "releve.csv", "Virement", "REF-pharma")
    assert (row.validate, row.invoices_text) == (None, "")


def review(label: str, amount: str, candidates: tuple[str, ...], validate: bool | None,
           invoices_text: str = "", tx_id: str = "r1") -> ReviewRow:
    return ReviewRow(date(2026, 3, 16), D(amount), label, None, candidates, Rule.NAME_AMOUNT,
                     Message.of("bank.review.nothing"), tx_id, "releve.csv", "Virement",
                     "REF-1", validate, invoices_text)


def test_validated_review_rows_are_applied(book) -> None:
    rows = [
        review("VIR PHARMACIE", "310.00", ("FAC2026-007", "FAC2026-008"), True, "fac 2026-8",
               "a"),
        review("VIR SNB", "999.99", ("FAC2026-005",), True, "", "b"),
        review("VIR NGUYEN", "1000.00", (), True, "FAC2026-012 + FAC2026-013", "c"),
        review("VIR INCONNU", "50.00", (), False, "FAC2026-009", "d"),
        review("VIR INCONNU", "75.00", (), None, "", "e"),
    ]
    result, problems = apply_review(rows, book)
    assert [(p.transaction_id, p.invoice_number, p.amount) for p in result.payments] == [
        ("a", "FAC2026-008", D("310.00")), ("b", "FAC2026-005", D("999.99")),
        ("c", "FAC2026-012", D("845.20")), ("c", "FAC2026-013", D("154.80"))]
    assert problems == ()
    assert result.messages[0] == Message.of("bank.match.manual", amount=D("310.00"),
                                            day=date(2026, 3, 16), label="VIR PHARMACIE",
                                            invoices=("FAC2026-008",))


def test_validated_rows_that_cannot_be_applied_say_why(book) -> None:
    rows = [review("VIR PHARMACIE", "310.00", ("FAC2026-007", "FAC2026-008"), True, ""),
            review("VIR X", "50.00", (), True, "FAC2026-999")]
    result, problems = apply_review(rows, book)
    assert result.payments == ()
    assert problems == (
        Message.of("bank.review.choose", transaction="r1", label="VIR PHARMACIE", count=2),
        Message.of("bank.review.unknown_invoice", number="FAC2026-999", label="VIR X"))


def test_same_statement_twice_adds_nothing() -> None:
    first = read_statement(DATA / "releve_ofx1.ofx").transactions
    new, known = filter_new(first, set())
    assert len(new) == 5 and known == ()
    again, known = filter_new(read_statement(DATA / "releve_ofx1.ofx").transactions,
                              {t.id for t in new})
    assert again == () and len(known) == 5


def test_overlapping_statements_add_only_the_new_lines() -> None:
    imported = {t.id for t in read_statement(DATA / "doublons.csv").transactions}
    new, known = filter_new(read_statement(DATA / "doublons_suite.csv").transactions, imported)
    assert [(t.booking_date, t.amount) for t in new] == [(date(2026, 3, 9), D("310.00"))]
    assert [(t.booking_date, t.amount) for t in known] == [(date(2026, 3, 6), D("129.50"))]


def test_overlapping_statements_imported_together() -> None:
    both = read_statement(DATA / "doublons.csv").transactions + \
        read_statement(DATA / "doublons_suite.csv").transactions
    new, known = filter_new(both, set())
    assert [(t.booking_date, t.amount) for t in new] == [
        (date(2026, 3, 5), D("50.00")), (date(2026, 3, 5), D("50.00")),
        (date(2026, 3, 6), D("129.50")), (date(2026, 3, 9), D("310.00"))]
    assert [(t.booking_date, t.amount) for t in known] == [(date(2026, 3, 6), D("129.50"))]


def test_statement_to_payments(book) -> None:
    """CAMT.053 001.02 → matching → Paiements rows and one review row."""
    statement = read_statement(DATA / "camt053_v02.xml")
    matches = match_credits(statement.transactions, book)
    result = apply_matches(matches, book)
    assert [(p.date, p.invoice_number, p.amount, p.method, p.transaction_id, p.statement)
            for p in result.payments] == [
        (date(2026, 3, 9), "FAC2026-002", D("480.00"), "Virement", "2026030900017",
         "camt053_v02.xml"),
        (date(2026, 3, 9), "FAC2026-003", D("350.50"), "Virement", "2026030900017",
         "camt053_v02.xml"),
        (date(2026, 3, 12), "FAC2026-006", D("1000.00"), "Virement", "2026031200044/1",
         "camt053_v02.xml"),
    ]
    (row,) = review_rows(matches)
    assert (row.transaction_id, row.candidates) == ("2026031200044/2",
                                                   ("FAC2026-007", "FAC2026-008"))
