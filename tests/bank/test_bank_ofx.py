"""OFX 1.x (SGML, Windows-1252, as French banks export it) and OFX 2.x (XML), via ofxtools."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from suivi.bank import MalformedStatement, TruncatedStatement, read_statement
from suivi.core.bank_models import PaymentMethod, TransactionKind
from suivi.i18n import set_lang

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def french():
    set_lang("fr")
    yield
    set_lang("fr")


def test_ofx1_sgml_cp1252_with_unclosed_elements() -> None:
    statement = read_statement(DATA / "releve_ofx1.ofx")
    assert statement.format == "ofx1"
    assert statement.account == "00050123456"
    assert (statement.period_start, statement.period_end) == (date(2026, 3, 1),
                                                              date(2026, 3, 15))
    assert [(t.id, t.booking_date, t.amount, t.kind) for t in statement.transactions] == [
        ("0600300002026030200001", date(2026, 3, 2), Decimal("1200.00"), TransactionKind.CREDIT),
        ("0600300002026030300002", date(2026, 3, 3), Decimal("-312.00"), TransactionKind.DEBIT),
        ("0600300002026030500003", date(2026, 3, 5), Decimal("-89.90"), TransactionKind.CARD),
        ("0600300002026031000004", date(2026, 3, 10), Decimal("-8.00"), TransactionKind.FEE),
        ("0600300002026031300005", date(2026, 3, 13), Decimal("1000.00"), TransactionKind.CREDIT),
    ]
    first = statement.transactions[0]
    assert first.label == "VIR SEPA RECU /DE BOULANGERIE DUPRÉ"  # cp1252 accent decoded
    assert first.remittance == "/MOTIF FAC2026-001 réglement"
    assert first.payer_name == "BOULANGERIE DUPRE"
    assert first.method is PaymentMethod.TRANSFER
    assert first.bank_id
    assert (first.source.line, first.source.element) == (40, "STMTRS[1]/STMTTRN[1]")
    assert statement.transactions[4].label == "VIR SEPA RECU /DE CABINET LEFÈVRE & ASSOCIÉS"
    assert statement.skipped_counts == {"debit": 1, "card": 1, "fee": 1}


def test_ofx2_xml_dates_with_time_zone_keep_the_bank_day() -> None:
    statement = read_statement(DATA / "releve_ofx2.ofx")
    assert statement.format == "ofx2"
    assert statement.account == "08123456789"
    credit, cheque, fee = statement.transactions
    assert (credit.id, credit.booking_date, credit.value_date, credit.amount) == \
        ("CE-20260314-77", date(2026, 3, 14), date(2026, 3, 15), Decimal("700.00"))
    assert credit.remittance == "FAC2026-010 solde & merci"
    assert credit.payer_name == "SARL BOULANGERIE DUPRE"
    assert cheque.method is PaymentMethod.CHEQUE and cheque.kind is TransactionKind.CREDIT
    assert fee.kind is TransactionKind.FEE
    assert statement.period_end == date(2026, 3, 16)


@pytest.mark.parametrize("name", ["ofx1_utf8_mais_1252.ofx", "ofx1_charset_utf8.ofx"])
def test_utf8_body_whatever_the_header_says(name: str) -> None:
    """A UTF-8 body declared CHARSET:1252, and CHARSET:UTF-8 (which ofxtools refuses)."""
    labels = [t.label for t in read_statement(DATA / name).transactions]
    assert labels[0] == "VIR SEPA RECU /DE BOULANGERIE DUPRÉ"
    assert labels[4] == "VIR SEPA RECU /DE CABINET LEFÈVRE & ASSOCIÉS"


def test_repeated_fitid_and_missing_fitid() -> None:
    statement = read_statement(DATA / "ofx1_fitid_repetes.ofx")
    ids = [t.id for t in statement.transactions]
    assert ids[0] == "0600300002026030200001"
    assert ids[4] == "0600300002026030200001#2"
    assert ids[3].startswith("h:") and not statement.transactions[3].bank_id
    assert len(set(ids)) == 5


def test_truncated_ofx_is_refused() -> None:
    with pytest.raises(TruncatedStatement) as caught:
        read_statement(DATA / "tronque.ofx")
    assert str(caught.value) == ("tronque.ofx, ligne 52 : le fichier s'arrête avant la fin "
                                 "(relevé tronqué).")


def test_end_tag_closing_nothing_names_its_line() -> None:
    with pytest.raises(MalformedStatement) as caught:
        read_statement(DATA / "balises_croisees.ofx")
    assert str(caught.value) == ("balises_croisees.ofx, ligne 64 : OFX mal formé, </STMTTRN> "
                                 "ne ferme aucun élément ouvert.")
