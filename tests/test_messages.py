"""Messages are data: every code the source can produce has French and English words with the
same placeholders, and what users read is rendered as plain text (brackets survive)."""
from __future__ import annotations

import string
from datetime import date
from decimal import Decimal

import pytest
from click.testing import CliRunner
from message_codes import all_codes

from suivi.cli import cli
from suivi.core.message import Message
from suivi.core.models import CellRef, Issue, Severity
from suivi.core.steps import Step
from suivi.messages import DOMAINS, catalogue, hint, render, text


def fields(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0]
            for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_code_in_the_source_has_both_languages():
    fr, en = catalogue("fr"), catalogue("en")
    codes = all_codes()
    assert len(codes) > 300  # the walk found the codes (a broken walk finds none)
    assert sorted(c for c in codes if c not in fr) == []
    assert sorted(c for c in codes if c not in en) == []


def test_both_catalogues_have_the_same_keys_and_placeholders():
    fr, en = catalogue("fr"), catalogue("en")
    assert sorted(set(fr) ^ set(en)) == []
    different = [code for code in fr if fields(fr[code]) != fields(en[code])]
    assert different == []


def test_catalogue_domains_do_not_overlap():
    # catalogue() raises when a code is defined twice; every domain module loads
    assert catalogue("fr") and len(DOMAINS) >= 10


def test_parameters_are_formatted_per_language():
    message = Message.of("trop_percu", invoice="FAC2026-001", paid=Decimal("1300"),
                         total=Decimal("1200"), excess=Decimal("100"))
    assert render(message, "fr") == ("Facture FAC2026-001 : réglé 1\u202f300,00\u00a0€ pour "
                                     "1\u202f200,00\u00a0€ dû, trop-perçu de 100,00\u00a0€.")
    assert render(message, "en") == ("Invoice FAC2026-001: €1,300.00 paid for €1,200.00 due, an "
                                     "overpayment of €100.00.")
    waiting = Message.of("plan.waiting", step=Step.REMINDER_2, day=date(2026, 12, 2), offset=7)
    assert render(waiting, "fr") == "Relance 2 prévue le 02/12/2026 (J+7)"
    assert render(waiting, "en") == "Reminder 2 planned on 2 Dec 2026 (D+7)"


def test_an_issue_has_words_and_a_hint_in_each_language():
    issue = Issue.of(CellRef("Factures", 12, "F"), "echeance_avant_date", Severity.ERROR,
                     invoice="FAC2026-007", due=date(2026, 1, 5), day=date(2026, 1, 10))
    assert text(issue, "fr") == ("Facture FAC2026-007 : l'échéance (05/01/2026) précède la date "
                                 "de facture (10/01/2026).")
    assert text(issue, "en").startswith("Invoice FAC2026-007: the due date (5 Jan 2026)")
    assert hint(issue, "fr") == "Corrigez l'une des deux dates."
    assert hint(issue, "en") == "Fix one of the two dates."


def test_bracketed_text_survives_in_what_the_user_sees(tmp_path):
    """rich markup is never applied to messages or cell values: `[vendeur]` and a client
    called « [Bio] Ferme » reach the console as written."""
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "compta")])
    assert result.exit_code == 0
    assert "renseignez la section [vendeur] de suivi.toml" in result.output
    config = tmp_path / "compta" / "suivi.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        'sauvegardes = 10', 'sauvegardes = "[dix]"'), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--config", str(config)])
    assert result.exit_code == 2
    assert '[classeur] sauvegardes = "[dix]"' in result.output


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_unknown_code_is_a_programming_error_not_a_silent_blank(lang):
    with pytest.raises(KeyError, match="message code without"):
        render(Message.of("nothing.here"), lang)
