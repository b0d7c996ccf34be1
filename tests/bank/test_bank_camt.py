"""CAMT.053 in two versions (001.02 and 001.08), batch entries, and what is refused."""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from suivi.bank import (
    MalformedStatement,
    NotAStatement,
    TruncatedStatement,
    UnsafeXml,
    UnsupportedFormat,
    read_statement,
)
from suivi.core.bank_models import PaymentMethod, TransactionKind
from suivi.i18n import set_lang

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def french():
    set_lang("fr")
    yield
    set_lang("fr")


def test_camt053_001_02_with_a_batch_entry() -> None:
    statement = read_statement(DATA / "camt053_v02.xml")
    assert statement.format == "camt.053.001.02"
    assert statement.account == "FR7630004000031234567890143"
    assert (statement.period_start, statement.period_end) == (date(2026, 3, 9),
                                                              date(2026, 3, 15))
    rows = [(t.id, t.booking_date, t.amount, t.kind, t.payer_name, t.remittance)
            for t in statement.transactions]
    assert rows == [
        ("2026030900017", date(2026, 3, 9), Decimal("830.50"), TransactionKind.CREDIT,
         "GARAGE MARTIN", "FACT 2026-2 ET 3"),
        # one entry of 1 310,00 detailing two transfers: two transactions
        ("2026031200044/1", date(2026, 3, 12), Decimal("1000.00"), TransactionKind.CREDIT,
         "COMMUNE DE VILLENEUVE", "FAC2026-006"),
        ("2026031200044/2", date(2026, 3, 12), Decimal("310.00"), TransactionKind.CREDIT,
         "PHARMACIE CENTRALE", "REGLEMENT"),
        ("2026031300002", date(2026, 3, 13), Decimal("-312.00"), TransactionKind.DEBIT,
         None, None),
        ("2026031400003", date(2026, 3, 14), Decimal("-8.00"), TransactionKind.FEE, None, None),
    ]
    garage = statement.transactions[0]
    assert garage.label == "VIR SEPA RECU GARAGE MARTIN"
    assert garage.end_to_end_id == "GM-2026-03-09"
    assert garage.method is PaymentMethod.TRANSFER
    assert (garage.source.element, garage.source.line) == ("Stmt[1]/Ntry[1]", 35)
    second = statement.transactions[2]
    assert second.end_to_end_id is None  # NOTPROVIDED
    assert (second.source.element, second.source.line) == \
        ("Stmt[1]/Ntry[2]/NtryDtls/TxDtls[2]", 60)
    # the pending entry is not a transaction; debits and fees are counted
    assert statement.skipped_counts == {"debit": 1, "fee": 1, "other": 1}


def test_camt053_001_08_party_names_and_status_codes() -> None:
    statement = read_statement(DATA / "camt053_v08.xml")
    assert statement.format == "camt.053.001.08"
    nguyen, snb, card = statement.transactions
    assert (nguyen.id, nguyen.booking_date, nguyen.amount, nguyen.payer_name) == \
        ("QNT-7F3A-0004", date(2026, 3, 16), Decimal("1000.00"), "TRAITEUR NGUYEN EURL")
    assert nguyen.label == "SOLDE FACTURES MARS"
    # no AcctSvcrRef: the EndToEndId is the id
    assert (snb.id, snb.payer_name, snb.bank_id) == ("SNB-PAY-5521", "SNB", True)
    assert card.kind is TransactionKind.CARD and card.amount == Decimal("-19.00")
    assert statement.skipped_counts == {"card": 1}


def test_batch_whose_details_lack_amounts_stays_one_transaction() -> None:
    statement = read_statement(DATA / "camt_lot_incomplet.xml")
    batch = statement.transactions[1]
    assert (batch.id, batch.amount) == ("2026031200044", Decimal("1310.00"))
    assert batch.remittance == "REGLEMENT FAC2026-006"


@pytest.mark.parametrize("name", ["camt_xxe.xml", "camt_milliard_de_rires.xml"])
def test_doctype_and_entities_are_refused_before_parsing(name: str) -> None:
    with pytest.raises(UnsafeXml) as caught:
        read_statement(DATA / name)
    assert str(caught.value) == (f"{name}, ligne 2 : ce XML déclare un DOCTYPE ou des "
                                 "entités ; suivi le refuse par sécurité.")


def test_truncated_xml() -> None:
    with pytest.raises(TruncatedStatement) as caught:
        read_statement(DATA / "camt_tronque.xml")
    assert str(caught.value) == ("camt_tronque.xml, ligne 41 : le fichier s'arrête avant la "
                                 "fin (relevé tronqué).")


def test_unreadable_amount_names_the_element() -> None:
    with pytest.raises(MalformedStatement) as caught:
        read_statement(DATA / "camt_montant_illisible.xml")
    assert str(caught.value) == ("camt_montant_illisible.xml, ligne 70, Stmt[1]/Ntry[3]/Amt : "
                                 "valeur « 312,00 » illisible.")


def test_other_iso20022_messages() -> None:
    with pytest.raises(NotAStatement) as caught:
        read_statement(DATA / "pain001.xml")
    assert str(caught.value) == ("pain001.xml : ce XML (pain.001.001.03) n'est pas un relevé "
                                 "CAMT.053.")
    with pytest.raises(UnsupportedFormat) as caught:
        read_statement(DATA / "camt054.xml")
    assert str(caught.value).startswith(
        "camt054.xml : format ISO 20022 camt.054 non pris en charge.")


def test_an_amount_no_bank_could_hold_is_refused_naming_the_element(tmp_path) -> None:
    """31 digits pass the CAMT pattern but no statement holds them (ISO 20022 allows 18): the
    file is refused like an unreadable amount rather than summed into an overflow."""
    data = (DATA / "camt_montant_illisible.xml").read_text(encoding="utf-8")
    huge = tmp_path / "camt_montant_enorme.xml"
    huge.write_text(data.replace(">312,00<", ">1234567890123456789012345678901<"),
                    encoding="utf-8")
    with pytest.raises(MalformedStatement) as caught:
        read_statement(huge)
    assert str(caught.value) == ("camt_montant_enorme.xml, ligne 70, Stmt[1]/Ntry[3]/Amt : "
                                 "valeur « 1234567890123456789012345678901 » illisible.")


def test_a_booking_date_in_year_9999_is_refused_naming_the_element(tmp_path) -> None:
    data = (DATA / "camt053_v02.xml").read_text(encoding="utf-8")
    far = tmp_path / "camt_date_lointaine.xml"
    far.write_text(re.sub(r"<BookgDt><Dt>\d{4}-", "<BookgDt><Dt>9999-", data, count=1),
                   encoding="utf-8")
    with pytest.raises(MalformedStatement) as caught:
        read_statement(far)
    assert "9999-" in str(caught.value) and "illisible" in str(caught.value)
