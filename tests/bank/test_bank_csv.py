"""French bank CSV exports: several real layouts, encodings, mappings and refusals.

Every fixture under data/ was written by hand to imitate one bank's export; the expected
values below are read off those files.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from suivi.bank import (
    BankSettingsError,
    CsvColumnsNotFound,
    CsvMapping,
    MalformedStatement,
    NotAStatement,
    TruncatedStatement,
    UnknownEncoding,
    read_statement,
)
from suivi.core.bank_models import PaymentMethod, TransactionKind
from suivi.i18n import set_lang
from suivi.messages import template

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def french():
    set_lang("fr")
    yield
    set_lang("fr")


def summary(path: str, mapping: CsvMapping | None = None) -> list[tuple]:
    statement = read_statement(DATA / path, mapping)
    return [(t.booking_date, t.amount, t.kind, t.label) for t in statement.transactions]


def test_bnp_paribas_without_header_row() -> None:
    """No header: the columns are inferred from the data; the first line gives the account."""
    statement = read_statement(DATA / "bnp_paribas.csv")
    assert statement.format == "csv"
    assert statement.account == "****4521"
    assert statement.period_end == date(2026, 3, 16)
    assert summary("bnp_paribas.csv") == [
        (date(2026, 3, 2), Decimal("1200.00"), TransactionKind.CREDIT,
         "VIR SEPA RECU /DE BOULANGERIE DUPRE /MOTIF FAC2026-001 /REF 0001"),
        (date(2026, 3, 3), Decimal("-312.00"), TransactionKind.DEBIT,
         "PRLV SEPA URSSAF IDF /MOTIF COTISATIONS FEVRIER"),
        (date(2026, 3, 5), Decimal("-89.90"), TransactionKind.CARD,
         "FACTURE CARTE DU 040326 LEROY MERLIN CARTE 4974XXXXXXXX1234"),
        (date(2026, 3, 9), Decimal("830.50"), TransactionKind.CREDIT,
         "VIR SEPA RECU /DE GARAGE MARTIN /MOTIF FACT 2026-2 ET 3"),
        (date(2026, 3, 10), Decimal("-8.00"), TransactionKind.FEE, "COMMISSION INTERVENTION"),
    ]
    assert statement.skipped_counts == {"debit": 1, "card": 1, "fee": 1}
    first = statement.transactions[0]
    assert first.payer_name == "BOULANGERIE DUPRE"
    assert first.method is PaymentMethod.TRANSFER
    assert first.source.line == 2
    assert ("date", "1") in statement.layout and ("amount", "5") in statement.layout


def test_societe_generale_latin1_account_and_period_line() -> None:
    statement = read_statement(DATA / "societe_generale.csv")
    assert statement.account == "00050123456789"
    assert (statement.period_start, statement.period_end) == (date(2026, 3, 1),
                                                              date(2026, 3, 15))
    assert summary("societe_generale.csv") == [
        (date(2026, 3, 13), Decimal("1000.00"), TransactionKind.CREDIT,
         "VIR RECU 8527975563S DE: CABINET LEFEVRE ET ASSOCIES MOTIF: F2026004 ACOMPTE "
         "REF: LEF-0314"),
        (date(2026, 3, 12), Decimal("-46.80"), TransactionKind.CARD,
         "CARTE X7527 11/03 RESTAURANT LE RELAIS"),
        (date(2026, 3, 10), Decimal("75.00"), TransactionKind.CREDIT, "REMISE CHEQUE N° 4455667"),
        (date(2026, 3, 4), Decimal("-8.50"), TransactionKind.FEE, "FRAIS TENUE DE COMPTE"),
    ]
    assert statement.transactions[0].payer_name == "CABINET LEFEVRE ET ASSOCIES"
    assert statement.transactions[2].method is PaymentMethod.CHEQUE
    assert statement.transactions[0].source.line == 3


def test_credit_agricole_preamble_debit_credit_columns_and_multiline_labels() -> None:
    statement = read_statement(DATA / "credit_agricole.csv")
    assert statement.account == "12345678901"
    assert summary("credit_agricole.csv") == [
        (date(2026, 3, 14), Decimal("700.00"), TransactionKind.CREDIT,
         "VIREMENT EN VOTRE FAVEUR DE SARL BOULANGERIE DUPRE FAC2026-010 SOLDE"),
        (date(2026, 3, 11), Decimal("-153.42"), TransactionKind.DEBIT,
         "PRELEVEMENT EDF ENTREPRISES"),
        (date(2026, 3, 6), Decimal("-62.10"), TransactionKind.CARD,
         "PAIEMENT PAR CARTE STATION TOTAL 05/03"),
        (date(2026, 3, 2), Decimal("245.00"), TransactionKind.CARD, "REMISE CARTE TPE 00012"),
    ]
    # a record spanning lines 9 to 11 is reported at its first line
    assert [t.source.line for t in statement.transactions] == [9, 12, 14, 16]
    assert statement.skipped_counts == {"debit": 1, "card": 2}
    assert statement.transactions[0].payer_name == "SARL BOULANGERIE DUPRE"


def test_caisse_epargne_utf8_bom_signed_debit_credit_and_extra_columns() -> None:
    statement = read_statement(DATA / "caisse_epargne.csv")
    credit = statement.transactions[0]
    assert credit.amount == Decimal("1000.00")
    assert credit.label == "VIR SEPA TRAITEUR NGUYEN"
    assert credit.payer_name == "TRAITEUR NGUYEN"
    assert credit.remittance == "Solde factures mars"
    assert credit.bank_reference == "REF778899"
    assert credit.value_date == date(2026, 3, 15)
    assert statement.transactions[1].amount == Decimal("-45.50")
    assert statement.transactions[1].kind is TransactionKind.CARD  # "Carte bancaire" type
    assert statement.transactions[3].kind is TransactionKind.DEBIT
    assert statement.skipped_counts == {"card": 1, "debit": 1}


def test_banque_postale_account_block_and_francs_column_ignored() -> None:
    statement = read_statement(DATA / "banque_postale.csv")
    assert statement.account == "0123456A012"
    assert summary("banque_postale.csv") == [
        (date(2026, 3, 13), Decimal("75.00"), TransactionKind.CREDIT,
         "VIREMENT DE ASSOCIATION LES AMIS DU VELO"),
        (date(2026, 3, 11), Decimal("-23.90"), TransactionKind.CARD,
         "CARTE X1234 10/03 LIBRAIRIE DU CENTRE"),
        (date(2026, 3, 9), Decimal("-39.99"), TransactionKind.DEBIT, "PRELEVEMENT DE ORANGE SA"),
    ]
    assert ("amount", "3") in statement.layout  # Montant(EUROS), not Montant(FRANCS)


def test_qonto_english_headers_commas_dot_decimals_and_bank_ids() -> None:
    statement = read_statement(DATA / "qonto.csv")
    assert [(t.id, t.booking_date, t.amount, t.payer_name) for t in statement.transactions] == [
        ("trx-7f3a-0001", date(2026, 3, 16), Decimal("310.00"), "PHARMACIE CENTRALE"),
        ("trx-7f3a-0002", date(2026, 3, 16), Decimal("-19.00"), "OVH SAS"),
        ("trx-7f3a-0003", date(2026, 3, 17), Decimal("1250.00"), "Dupont, Durand & Cie"),
    ]
    assert all(t.bank_id for t in statement.transactions)
    assert statement.transactions[2].label == "Dupont, Durand & Cie Facture 2026-12, merci"
    assert statement.transactions[1].kind is TransactionKind.CARD


def test_excel_unicode_text_utf16_with_bom_and_tabs() -> None:
    assert summary("excel_unicode.txt") == [
        (date(2026, 3, 2), Decimal("480.00"), TransactionKind.CREDIT,
         "VIR SEPA RECU /DE GARAGE MARTIN"),
    ]


def test_totals_under_the_table_are_ignored_and_counted() -> None:
    statement = read_statement(DATA / "doublons.csv")
    assert len(statement.transactions) == 3
    assert statement.skipped_counts == {"ignored": 1}


def test_identical_lines_of_one_file_keep_distinct_ids() -> None:
    first, second, _ = read_statement(DATA / "doublons.csv").transactions
    assert (first.booking_date, first.amount, first.label) == \
        (second.booking_date, second.amount, second.label)
    assert first.id != second.id
    assert first.id.startswith("h:") and not first.bank_id


def test_overlapping_exports_give_the_same_id_to_the_same_line() -> None:
    earlier = read_statement(DATA / "doublons.csv").transactions[2]
    later = read_statement(DATA / "doublons_suite.csv").transactions[0]
    assert earlier.label == later.label == "VIR SEPA RECU /DE GARAGE MARTIN"
    assert earlier.id == later.id


def test_mapping_for_a_headerless_custom_layout() -> None:
    mapping = CsvMapping.from_toml({
        "separateur": "|", "ligne_entete": 0, "colonne_montant": 1, "colonne_date": 2,
        "format_date": "aaaa.mm.jj", "colonne_libelle": 3, "colonne_reference": 4,
        "compte": "0045 1234 5678",
    })
    statement = read_statement(DATA / "sans_entete.csv", mapping)
    assert [(t.booking_date, t.amount, t.bank_reference, t.account, t.source.line)
            for t in statement.transactions] == [
        (date(2026, 3, 2), Decimal("480.00"), "REF-A1", "0045 1234 5678", 2),
        (date(2026, 3, 3), Decimal("-12.00"), "REF-A2", "0045 1234 5678", 3),
    ]


def test_year_first_dates_are_read_year_month_day_without_mapping() -> None:
    assert [t.booking_date for t in read_statement(DATA / "sans_entete.csv").transactions] == \
        [date(2026, 3, 2), date(2026, 3, 3)]


def test_mapping_names_columns_by_header() -> None:
    mapping = CsvMapping.from_toml({"ligne_entete": 2, "colonne_date": "Jour",
                                    "colonne_libelle": "Opération", "colonne_montant": "Valeur"})
    with pytest.raises(MalformedStatement) as caught:
        read_statement(DATA / "colonnes_inconnues.csv", mapping)
    # the columns are found; the amount written in words is refused at its line
    assert str(caught.value) == ("colonnes_inconnues.csv, ligne 3 : « Quatre cent "
                                 "quatre-vingts » n'est pas un montant.")


def test_columns_not_found_lists_the_headers_and_the_keys_to_set() -> None:
    with pytest.raises(CsvColumnsNotFound) as caught:
        read_statement(DATA / "colonnes_inconnues.csv")
    assert str(caught.value) == ("colonnes_inconnues.csv, ligne 2 : colonnes de date et de "
                                 "montant introuvables. En-têtes trouvés : Jour, Opération, "
                                 "Valeur.")
    hint = template("bank.csv_columns_not_found.hint", caught.value.params)
    assert "colonne_date" in hint and "colonne_montant" in hint and "[banque.csv]" in hint


def test_a_mapped_column_is_found_whatever_its_unit() -> None:
    mapping = CsvMapping.from_toml({"colonne_montant": "Montant (EUR)"})
    statement = read_statement(DATA / "banque_postale.csv", mapping)
    assert statement.transactions[0].amount == Decimal("75.00")


def test_a_mapped_column_that_does_not_exist_is_named() -> None:
    mapping = CsvMapping.from_toml({"colonne_montant": "Somme versée"})
    with pytest.raises(CsvColumnsNotFound) as caught:
        read_statement(DATA / "banque_postale.csv", mapping)
    assert str(caught.value) == ("banque_postale.csv : la colonne « Somme versée » "
                                 "(colonne_montant dans [banque.csv]) n'existe pas. En-têtes "
                                 "trouvés : Date, Libellé, Montant(EUROS), Montant(FRANCS).")


@pytest.mark.parametrize("section, message", [
    ({"colonne_dat": "Date"}, "clé « colonne_dat » inconnue"),
    ({"separateur": "::"}, "separateur = '::' n'est pas utilisable"),
    ({"ligne_entete": -1}, "ligne_entete = -1 n'est pas utilisable"),
    ({"separateur_decimal": "'"}, "separateur_decimal = \"'\" n'est pas utilisable"),
])
def test_bad_mapping_values_are_refused(section: dict, message: str) -> None:
    with pytest.raises(BankSettingsError) as caught:
        CsvMapping.from_toml(section)
    assert message in str(caught.value)


def test_unreadable_amount_names_the_line() -> None:
    with pytest.raises(MalformedStatement) as caught:
        read_statement(DATA / "montant_illisible.csv")
    assert str(caught.value) == "montant_illisible.csv, ligne 3 : « 31O,00 » n'est pas un montant."


def test_impossible_date_names_the_line() -> None:
    with pytest.raises(MalformedStatement) as caught:
        read_statement(DATA / "date_illisible.csv")
    assert str(caught.value) == "date_illisible.csv, ligne 3 : « 31/02/2026 » n'est pas une date."


def test_truncated_csv_is_refused_at_the_unfinished_line() -> None:
    with pytest.raises(TruncatedStatement) as caught:
        read_statement(DATA / "tronque.csv")
    assert str(caught.value) == ("tronque.csv, ligne 3 : le fichier s'arrête avant la fin "
                                 "(relevé tronqué).")


def test_utf16_without_mark_is_an_unknown_encoding() -> None:
    with pytest.raises(UnknownEncoding) as caught:
        read_statement(DATA / "utf16_sans_bom.csv")
    assert str(caught.value) == ("utf16_sans_bom.csv, ligne 1 : caractères illisibles, "
                                 "l'encodage du fichier n'est pas reconnu.")


def test_forced_encoding_that_does_not_fit_names_the_line() -> None:
    with pytest.raises(UnknownEncoding) as caught:
        read_statement(DATA / "credit_agricole.csv", CsvMapping(encoding="utf-8"))
    assert str(caught.value) == ("credit_agricole.csv, ligne 1 : le fichier n'est pas encodé en "
                                 "utf-8 comme l'indique [banque.csv].")


def test_unknown_encoding_name() -> None:
    with pytest.raises(UnknownEncoding) as caught:
        read_statement(DATA / "bnp_paribas.csv", CsvMapping(encoding="klingon"))
    assert "l'encodage « klingon » indiqué dans [banque.csv] n'existe pas" in str(caught.value)


def test_prose_is_not_a_statement() -> None:
    with pytest.raises(NotAStatement) as caught:
        read_statement(DATA / "notes.txt")
    assert str(caught.value) == "notes.txt : ce fichier n'est pas un relevé bancaire."


def test_english_messages() -> None:
    set_lang("en")
    with pytest.raises(MalformedStatement) as caught:
        read_statement(DATA / "montant_illisible.csv")
    assert str(caught.value) == "montant_illisible.csv, line 3: \"31O,00\" is not an amount."


def test_cic_comma_separated_with_quoted_decimal_commas() -> None:
    statement = read_statement(DATA / "cic_virgule.csv")
    assert [(t.booking_date, t.value_date, t.amount, t.kind) for t in statement.transactions] == [
        (date(2026, 3, 4), date(2026, 3, 4), Decimal("1584.00"), TransactionKind.CREDIT),
        (date(2026, 3, 5), date(2026, 3, 5), Decimal("-4.00"), TransactionKind.DEBIT),
        (date(2026, 3, 6), date(2026, 3, 10), Decimal("50.00"), TransactionKind.CARD),
    ]
    assert statement.transactions[0].label == "VIREMENT SARL MARTIN DUPONT FA 2026-14"


def test_a_running_balance_without_header_is_not_read_as_the_amount() -> None:
    """A header-less export whose last column is the balance after each line (CIC, newest line
    first): the balance taken for the amount would record 20,406.35 € as a payment."""
    statement = read_statement(DATA / "cic_solde_sans_entete.csv")
    assert [(t.booking_date, t.amount) for t in statement.transactions] == [
        (date(2026, 3, 10), Decimal("830.50")), (date(2026, 3, 6), Decimal("-50.00")),
        (date(2026, 3, 5), Decimal("-4.00")), (date(2026, 3, 4), Decimal("1584.00"))]
    assert ("amount", "3") in statement.layout


def test_the_balance_is_recognised_with_the_oldest_line_first_too(tmp_path) -> None:
    lines = (DATA / "cic_solde_sans_entete.csv").read_bytes().splitlines(keepends=True)
    (tmp_path / "ascending.csv").write_bytes(b"".join(reversed(lines)))
    statement = read_statement(tmp_path / "ascending.csv")
    assert [t.amount for t in statement.transactions] == [
        Decimal("1584.00"), Decimal("-4.00"), Decimal("-50.00"), Decimal("830.50")]


def test_a_column_of_zeros_and_a_cheque_number_are_not_the_amount() -> None:
    """LCL's export has no header: date, amount, type, cheque number, label, and a last column
    holding 0 on every line. Read as the amount, that 0 hid every payment of the file."""
    assert [(t.amount, t.kind, t.label) for t in read_statement(
        DATA / "lcl_sans_entete.csv").transactions] == [
        (Decimal("1584.00"), TransactionKind.CREDIT, "VIREMENT SARL MARTIN DUPONT FA 2026-14"),
        (Decimal("-4.00"), TransactionKind.DEBIT, "PRLV SEPA FRAIS TENUE DE COMPTE"),
        (Decimal("-50.00"), TransactionKind.DEBIT, "CHEQUE 1234567"),
        (Decimal("830.50"), TransactionKind.CREDIT, "VIR GARAGE MARTIN FACT 2026-2 ET 3")]


def test_the_payer_named_in_the_detail_column_when_the_label_does_not_say_it() -> None:
    """Société Générale's older export: « Libellé » holds « VIR RECU 8527975563S », the payer
    is in « Détail de l'écriture ». Messages and the Rapprochement sheet name the payer, not
    the transfer number."""
    first = read_statement(DATA / "societe_generale_detail.csv").transactions[0]
    assert first.label == "VIR RECU 8527975563S"
    assert first.payer_name == "CABINET LEFEVRE ET ASSOCIES"
    assert first.remittance == "DE: CABINET LEFEVRE ET ASSOCIES MOTIF: F2026004 ACOMPTE"


def test_the_same_amount_on_every_line_beside_a_balance(tmp_path) -> None:
    """Three identical monthly payments and the balance after each: the amount column holds
    one value, the balance varies; the balance is still not the amount."""
    (tmp_path / "abonnements.csv").write_text(
        "05/03/2026;ABONNEMENT CLIENT ALPHA;49,00;1 147,00\n"
        "05/02/2026;ABONNEMENT CLIENT ALPHA;49,00;1 098,00\n"
        "05/01/2026;ABONNEMENT CLIENT ALPHA;49,00;1 049,00\n", encoding="utf-8")
    statement = read_statement(tmp_path / "abonnements.csv")
    assert [t.amount for t in statement.transactions] == [Decimal("49.00")] * 3


def test_revolut_business_english_headers_states_and_completion_date() -> None:
    """Revolut Business: « Date completed (UTC) » is when the money arrived (a pending line
    has none and is not an operation yet); « Payer » and « Reference » are read; a reverted
    transfer is not a payment."""
    statement = read_statement(DATA / "revolut_business.csv")
    first = statement.transactions[0]
    assert (first.booking_date, first.amount, first.kind, first.payer_name,
            first.bank_reference) == (date(2026, 3, 16), Decimal("816.00"),
                                      TransactionKind.CREDIT, "PHARMACIE CENTRALE GIRARD",
                                      "FAC2026-014")
    assert first.bank_id and first.id == "64f1c2e3-0001-4a5b-9c1d-000000000001"
    card = statement.transactions[1]
    assert (card.booking_date, card.kind) == (date(2026, 3, 17), TransactionKind.CARD)
    assert [t.amount for t in statement.credits] == [Decimal("816.00")]
    assert statement.skipped_counts == {"card": 1, "other": 1, "ignored": 1}


def test_n26_payee_and_payment_reference_make_the_label() -> None:
    """N26 has no label column: the payee and the payment reference are what the bank says
    of the line, and the payee is the payer of a credit."""
    credit = read_statement(DATA / "n26.csv").credits[0]
    assert (credit.amount, credit.payer_name, credit.bank_reference, credit.label) == (
        Decimal("1725.0"), "Mairie de Saint-Priest", "Facture FAC2026-079",
        "Mairie de Saint-Priest Facture FAC2026-079")


@pytest.mark.parametrize(("name", "day", "amount", "label"), [
    ("boursorama.csv", date(2026, 3, 17), Decimal("1725.00"),
     "VIR SEPA MAIRIE DE SAINT PRIEST LES VIGNES FAC2026-079"),
    ("shine.csv", date(2026, 3, 17), Decimal("4800.00"),
     "Virement de ASSOCIATION SPORTIVE CROIX-ROUSSE - FAC2026-086"),
])
def test_online_banks_french_layouts(name: str, day: date, amount: Decimal, label: str) -> None:
    """Boursorama (« dateOp », « amount » with a space in thousands, a balance column) and
    Shine (« Date de la transaction », Débit and Crédit columns)."""
    statement = read_statement(DATA / name)
    assert [(t.booking_date, t.amount, t.label) for t in statement.credits] == [
        (day, amount, label)]
    assert len(statement.transactions) == 2


def test_paypal_gross_amount_name_and_invoice_number() -> None:
    """PayPal's French export: « Avant commission » is what the client paid (the fee is the
    seller's cost, in « Frais »; « Net » is what is left), « Nom » the payer, « Numéro de
    facture » the invoice, « Numéro de transaction » the bank's id."""
    credit = read_statement(DATA / "paypal.csv").credits[0]
    assert (credit.amount, credit.payer_name, credit.bank_reference, credit.id,
            credit.bank_id) == (Decimal("1725.00"), "Mairie de Saint-Priest", "FAC2026-079",
                                "8AB12345CD678901E", True)
