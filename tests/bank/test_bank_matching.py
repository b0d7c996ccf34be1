"""Matching credits with open invoices: one scenario per line, expectations written by hand.

The open invoices are `BOOK` in conftest.py (FAC2026-001 … FAC2026-015).
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from bank_book import open_invoice

from suivi.core.bank_models import BankTransaction, StatementSource, TransactionKind
from suivi.core.matching import MatchSettings, Rule, match_credits
from suivi.messages import render


def credit(label: str, amount: str, payer: str | None = None, day: str = "2026-03-16",
           remittance: str | None = None, currency: str = "EUR",
           tx_id: str = "t1") -> BankTransaction:
    value = Decimal(amount)
    kind = TransactionKind.CREDIT if value > 0 else TransactionKind.DEBIT
    return BankTransaction(tx_id, date.fromisoformat(day), value, label, kind,
                           StatementSource("releve.csv", 2), payer_name=payer,
                           remittance=remittance, currency=currency)


SCENARIOS = [
    # label, payer, amount → rule, applied?, invoices applied, candidate groups, message code
    ("VIR SEPA RECU /MOTIF FAC2026-001", "BOULANGERIE DUPRE", "1200.00",
     Rule.NUMBER, True, ("FAC2026-001",), (), "bank.match.number"),
    ("VIREMENT fact 2026-1", None, "1200.00",
     Rule.NUMBER, True, ("FAC2026-001",), (), "bank.match.number"),
    ("REGLEMENT F2026001", "SARL BOULANGERIE DUPRE", "1200.00",
     Rule.NUMBER, True, ("FAC2026-001",), (), "bank.match.number"),
    ("/MOTIF FACT 2026-2 ET 3", "GARAGE MARTIN", "830.50",
     Rule.NUMBER, True, ("FAC2026-002", "FAC2026-003"), (), "bank.match.number"),
    ("F2026004 ACOMPTE", "CABINET LEFEVRE ET ASSOCIES", "1000.00",
     Rule.NUMBER, True, ("FAC2026-004",), (), "bank.match.number_partial"),
    ("FAC2026-004", "SOCIETE X", "1000.00",
     Rule.NUMBER, False, (), (("FAC2026-004",),), "bank.review.amount_differs"),
    ("FAC2026-010 SOLDE", "SARL BOULANGERIE DUPRE", "700.00",
     Rule.NUMBER, True, ("FAC2026-010",), (), "bank.match.number_over"),
    ("FAC2026-001 FAC2026-002", "GROUPE DUPRE MARTIN", "1680.00",
     Rule.NUMBER, False, (), (("FAC2026-001",), ("FAC2026-002",)),
     "bank.review.several_clients"),
    # a number that names no invoice is ignored; the name and amount decide
    ("COTISATION FAC2026-777", "ASSOCIATION LES AMIS DU VELO", "75.00",
     Rule.NAME_AMOUNT, True, ("FAC2026-009",), (), "bank.match.name_amount"),
    ("VIREMENT MANDAT 2026-118", "MAIRIE DE VILLENEUVE", "1000.00",
     Rule.NAME_AMOUNT, True, ("FAC2026-006",), (), "bank.match.name_amount"),
    ("VIREMENT MAIRIE DE VILLENEUVE MANDAT 2026-118", None, "1000.00",
     Rule.NAME_AMOUNT, True, ("FAC2026-006",), (), "bank.match.name_amount"),
    ("VIR SEPA RECU", "PHARMACIE CENTRALE", "310.00",
     Rule.NAME_AMOUNT, False, (), (("FAC2026-007",), ("FAC2026-008",)),
     "bank.review.same_amount_same_client"),
    ("REGLEMENT", "SNB", "999.99",
     Rule.NAME_AMOUNT, False, (), (("FAC2026-005",),), "bank.review.weak_name"),
    ("SOLDE FACTURES MARS", "TRAITEUR NGUYEN", "1000.00",
     Rule.CLIENT_GROUP, True, ("FAC2026-012", "FAC2026-013"),
     (("FAC2026-012", "FAC2026-013"),), "bank.match.group"),
    ("VIR SEPA RECU", "GARAGE MARTIN", "609.50",
     Rule.CLIENT_GROUP, True, ("FAC2026-002", "FAC2026-011"),
     (("FAC2026-002", "FAC2026-011"),), "bank.match.group"),
    ("REMISE CHEQUE N 4455667", None, "88.88",
     Rule.AMOUNT, True, ("FAC2026-015",), (), "bank.match.amount_only"),
    ("VIR SEPA RECU", "OVH SAS", "88.88",
     Rule.AMOUNT, False, (), (("FAC2026-015",),), "bank.review.amount_other_payer"),
    ("REMISE CHEQUE", None, "310.00",
     Rule.AMOUNT, False, (), (("FAC2026-007",), ("FAC2026-008",)),
     "bank.review.amount_several"),
    ("VIR SEPA RECU /DE INCONNU /MOTIF DON", None, "50.00",
     Rule.NONE, False, (), (), "bank.review.nothing"),
]


@pytest.mark.parametrize("label, payer, amount, rule, applied, invoices, candidates, code",
                         SCENARIOS, ids=[f"{s[0][:24]}-{s[2]}" for s in SCENARIOS])
def test_one_credit(book, label, payer, amount, rule, applied, invoices, candidates,
                    code) -> None:
    (match,) = match_credits([credit(label, amount, payer)], book)
    assert (match.rule, match.confident, match.invoices) == (rule, applied, invoices)
    assert tuple(c.invoices for c in match.candidates) == candidates
    assert match.explanation.code == code


def test_explanation_says_which_text_and_which_score(book) -> None:
    (match,) = match_credits([credit("VIR SEPA RECU /MOTIF FACT 2026-1", "1200.00",
                                     "BOULANGERIE DUPRE")], book)
    assert render(match.explanation, "fr") == (
        "1\u202f200,00\u00a0€ du 16/03/2026 (« VIR SEPA RECU /MOTIF FACT 2026-1 ») : n° "
        "FACT 2026-1 trouvé → FAC2026-001 (Boulangerie Dupré SARL), montant exact.")
    (weak,) = match_credits([credit("REGLEMENT", "999.99", "SNB")], book)
    assert render(weak.explanation, "fr") == (
        "999,99\u00a0€ du 16/03/2026 : reste dû de FAC2026-005 (Société Nouvelle Bâtiment "
        "(SNB) SAS), mais le payeur « SNB » ne lui ressemble qu'à 62 %.")


def test_debits_are_not_matched_and_foreign_currency_is_reviewed(book) -> None:
    matches = match_credits([credit("PRLV SEPA URSSAF", "-312.00"),
                             credit("WIRE TRANSFER", "88.88", currency="USD")], book)
    assert [(m.rule, m.confident, m.explanation.code) for m in matches] == [
        (Rule.NONE, False, "bank.review.currency")]


def test_amount_only_can_be_sent_to_review(book) -> None:
    settings = MatchSettings(amount_only=False)
    (match,) = match_credits([credit("REMISE CHEQUE", "88.88")], book, settings)
    assert (match.rule, match.confident, match.explanation.code) == \
        (Rule.AMOUNT, False, "bank.review.amount_only")


def test_invoice_numbers_name_a_settled_invoice(book) -> None:
    """Paid twice: the credit names an invoice already settled; it is not matched by amount to
    another invoice that happens to owe the same."""
    (match,) = match_credits([credit("FAC2026-016 RELANCE", "88.88")], book,
                             known_numbers=("FAC2026-016",))
    assert (match.rule, match.confident, match.explanation.code) == \
        (Rule.NUMBER, False, "bank.review.named_settled")


def test_numbers_decide_before_amounts_whatever_the_dates(book) -> None:
    early = credit("VIR SEPA RECU", "310.00", "PHARMACIE CENTRALE", day="2026-03-02",
                   tx_id="early")
    late = credit("FAC2026-007", "310.00", "PHARMACIE CENTRALE", day="2026-03-09",
                  tx_id="late")
    first, second = match_credits([late, early], book)
    assert (first.transaction.id, first.rule, first.invoices) == \
        ("early", Rule.NAME_AMOUNT, ("FAC2026-008",))
    assert (second.transaction.id, second.rule, second.invoices) == \
        ("late", Rule.NUMBER, ("FAC2026-007",))


def test_two_instalments_of_one_invoice(book) -> None:
    matches = match_credits([
        credit("F2026004 ACOMPTE", "1000.00", "CABINET LEFEVRE", day="2026-03-02", tx_id="a"),
        credit("F2026004 SOLDE", "1400.00", "CABINET LEFEVRE", day="2026-03-20", tx_id="b"),
    ], book)
    assert [(m.confident, m.invoices, m.explanation.code) for m in matches] == [
        (True, ("FAC2026-004",), "bank.match.number_partial"),
        (True, ("FAC2026-004",), "bank.match.number"),
    ]


def test_the_same_invoice_paid_twice_in_one_statement(book) -> None:
    matches = match_credits([
        credit("FAC2026-001", "1200.00", "BOULANGERIE DUPRE", day="2026-03-02", tx_id="a"),
        credit("FAC2026-001", "1200.00", "BOULANGERIE DUPRE", day="2026-03-03", tx_id="b"),
    ], book)
    assert [(m.confident, m.explanation.code) for m in matches] == [
        (True, "bank.match.number"), (False, "bank.review.named_settled")]


def test_several_groups_of_one_client_are_reviewed() -> None:
    invoices = [open_invoice(f"FAC2026-{n:03d}", "Atelier Roux", f"2026-01-{n:02d}", amount)
                for n, amount in ((21, "100.00"), (22, "200.00"), (23, "300.00"),
                                  (24, "400.00"))]
    (match,) = match_credits([credit("VIR SEPA RECU", "500.00", "ATELIER ROUX")], invoices)
    assert (match.rule, match.confident) == (Rule.CLIENT_GROUP, False)
    assert sorted(c.invoices for c in match.candidates) == [
        ("FAC2026-021", "FAC2026-024"), ("FAC2026-022", "FAC2026-023")]
    assert match.explanation.code == "bank.review.several_groups"


def test_legal_forms_and_accents_do_not_matter(book) -> None:
    (match,) = match_credits([credit("VIR", "88.88", "DURAND ELECTRICITE SAS")], book)
    assert (match.rule, match.invoices, match.score) == \
        (Rule.NAME_AMOUNT, ("FAC2026-015",), 100)


def test_a_payer_named_like_two_clients_prefers_the_closer_name(book) -> None:
    """"Martin Dupont" (FAC2026-014) is closer to the payer MARTIN DUPONT than "Garage Martin"."""
    (match,) = match_credits([credit("VIR", "420.00", "M. MARTIN DUPONT")], book)
    assert (match.rule, match.invoices) == (Rule.NAME_AMOUNT, ("FAC2026-014",))


def test_open_invoices_from_the_workbook_records() -> None:
    """What can still receive money: paid, cancelled, to-issue and credit-note rows are left
    out; credit notes lower what their invoice owes; a disputed invoice can still be paid."""
    from suivi.core.matching import open_invoices
    from suivi.core.models import Invoice, InvoiceKind

    def row(n: int, number: str | None, total: str, paid: str = "0", **more) -> Invoice:
        return Invoice("Factures", n, number, date(2026, 1, n), "Client " + str(n),
                       amount_ttc=Decimal(total), amount_paid=Decimal(paid),
                       due_date=date(2026, 2, n), **more)

    invoices = [
        row(2, "FAC2026-001", "1200.00"),
        row(3, "FAC2026-002", "480.00", "480.00"),
        row(4, "FAC2026-003", "500.00", "100.00"),
        row(5, "FAC2026-004", "300.00"),
        row(6, "AV2026-001", "-100.00", kind=InvoiceKind.CREDIT_NOTE,
            original_number="FAC2026-004"),
        row(7, "FAC2026-005", "90.00", status_text="annulée"),
        row(8, "FAC2026-006", "250.00", dispute=True),
        row(9, None, "75.00"),
        row(10, "FAC2026-007", "60.00", status_text="réglée"),
    ]
    assert [(o.number, o.row, o.due) for o in open_invoices(invoices, date(2026, 3, 16))] == [
        ("FAC2026-001", 2, Decimal("1200.00")),
        ("FAC2026-003", 4, Decimal("400.00")),
        ("FAC2026-004", 5, Decimal("200.00")),
        ("FAC2026-006", 8, Decimal("250.00")),
    ]


def test_a_group_found_within_the_bound_only_is_reviewed() -> None:
    """With more open invoices than the search looks at, a single exact set is not proof."""
    invoices = [open_invoice("FAC2026-001", "Atelier Roux", "2026-01-01", "100.00"),
                open_invoice("FAC2026-002", "Atelier Roux", "2026-01-02", "200.00"),
                open_invoice("FAC2026-003", "Atelier Roux", "2026-01-03", "50.00")]
    (found,) = match_credits([credit("VIR SEPA RECU", "300.00", "ATELIER ROUX")], invoices)
    assert (found.rule, found.confident, found.invoices) == \
        (Rule.CLIENT_GROUP, True, ("FAC2026-001", "FAC2026-002"))
    (bounded,) = match_credits([credit("VIR SEPA RECU", "300.00", "ATELIER ROUX")], invoices,
                               MatchSettings(group_max_invoices=2))
    assert (bounded.rule, bounded.confident, bounded.explanation.code) == \
        (Rule.CLIENT_GROUP, False, "bank.review.group_bounded")
    assert [c.invoices for c in bounded.candidates] == [("FAC2026-001", "FAC2026-002")]
