"""Configuration: every part of suivi.toml is validated by `check` as well as by the commands that
act, before anything is read or written, with a message naming the section, the key, the value and
what is expected; risky but valid settings are warned about; an absolute folder works."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from suivi.cli import cli
from suivi.workbook.read import read_master

BROKEN = [
    # (how to break the demo's suivi.toml, words the message must hold)
    (("append", "[smtp]\nport = 70000"), ["[smtp] port = 70000", "65535"]),
    (("append", '[smtp]\nhote = "smtp.example.fr"\nsecurite = "tls"'), ["[smtp] securite"]),
    (("replace", 'iban = "FR7630006000011234567890189"', 'iban = "FR76 0000 BAD"'),
     ["[vendeur] iban", "FR76 0000 BAD", "IBAN"]),
    (("replace", 'bic = "AGRIFRPP"', 'bic = "XX"'), ["[vendeur] bic"]),
    (("replace", 'siren = "', 'siren = "1'), ["[vendeur] siren"]),
    (("replace", 'nom = "Rhône Numérique Services"', 'nom = ["a", "b"]'),
     ["[vendeur] nom", "texte"]),
    (("replace", 'nature = "services"', 'nature = "services"\ntaux_tva = 2000'),
     ["[factures] taux_tva = 2000", "100"]),
    (("replace", 'numero = "FAC{AAAA}-{NNN}"', 'numero = "../../x{AAAA}-{NNN}"'),
     ["[factures] numero"]),
    (("replace", 'numero = "FAC{AAAA}-{NNN}"', 'numero = "FAC{AAAA}"'), ["[factures] numero"]),
    (("replace", 'nature = "services"', 'nature = "services"\ndossier = "../ailleurs"'),
     ["[factures] dossier"]),
    (("append", '[relances]\nenvoi = "directement"'), ["[relances] envoi"]),
    (("append", "[relances]\njours = { relance2 = 0 }"), ["[relances] jours.relance2"]),
    (("append", '[relance]\nenvoi = "direct"'), ["[relance]", "[relances]"]),
    (("append", '[penalites]\ntaux_contractuel = "5"'), ["[penalites] taux_contractuel"]),
    (("append", "[indicateurs]\ntranches_retard = [60, 30]"), ["[indicateurs] tranches_retard"]),
    (("append", "[classeur]\nsauvegardes = 0"), ["classeur"]),  # a second [classeur] table
    (("replace", 'fichier = "suivi_factures.xlsx"', 'fichier = "suivi_factures.xlsx"\nsauvegardes = 0'),
     ["[classeur] sauvegardes = 0"]),
    (("replace", 'fichier = "suivi_factures.xlsx"', 'fichier = "absent.xlsx"'), ["absent.xlsx"]),
    (("replace", 'nom = "Rhône Numérique Services"', 'nom = "Rhône'), ["suivi.toml", "ligne"]),
    (("append", '[smtp]\nmot_de_passe = "secret"'), ["[smtp] mot_de_passe"]),
    (("append", '[general]\nlangue = "de"'), ["[general] langue"]),
    # a step a thousand million years before the due date left the calendar (OverflowError)
    (("append", "[relances.jours]\navis = -999999999999"), ["[relances] jours.avis", "-365"]),
]


def _break(demo, how) -> None:
    if how[0] == "append":
        demo.add_config(how[1])
    else:
        demo.set_config(how[1], how[2])


@pytest.mark.parametrize(("how", "words"), BROKEN, ids=[f"{i:02d}" for i in range(len(BROKEN))])
def test_check_and_run_refuse_a_broken_setting_the_same_way(demo, how, words):
    _break(demo, how)
    before = demo.snapshot()
    outputs = []
    for command in ("check", "run", "invoices", "remind", "send"):
        outcome = demo.cli(command)
        assert outcome.code == 2, (command, outcome)
        assert outcome.clean(), (command, outcome)
        for word in words:
            assert outcome.says(word), (command, word, outcome.output)
        outputs.append(outcome.output.strip())
    assert len(set(outputs)) == 1, "every command says the same"
    assert demo.snapshot() == before


def test_file_not_in_utf8_is_a_clear_refusal(demo):
    demo.config.write_bytes(demo.config.read_text(encoding="utf-8").encode("cp1252", "replace"))
    outcome = demo.cli("check")
    assert outcome.code == 2 and "UTF-8" in outcome.output and outcome.clean(), outcome


def test_impossible_date_is_called_invalid_not_badly_formatted(demo):
    result = CliRunner().invoke(cli, ["check", "--config", str(demo.config), "--date",
                                      "2027-02-29"])
    assert result.exit_code == 2
    assert "2027-02-29" in result.output and "n'existe pas" in result.output, result.output
    assert "utilisez le format" not in result.output


def test_password_in_clear_is_warned_about(demo):
    demo.add_config('[smtp]\nhote = "smtp.example.fr"\nport = 25\nsecurite = "aucune"\n'
                    'utilisateur = "compta@example.fr"')
    outcome = demo.cli("check")
    assert "en clair" in outcome.output and "starttls" in outcome.output, outcome


def test_absolute_invoice_folder_is_used_and_written_absolute(demo, tmp_path):
    outside = tmp_path / "archives" / "factures"
    demo.set_config('nature = "services"', f'nature = "services"\ndossier = "{outside.as_posix()}/{{AAAA}}"')
    outcome = demo.cli("invoices")
    assert outcome.code in (0, 1) and outcome.clean(), outcome
    made = sorted(outside.rglob("*.pdf"))
    assert made and not (demo.path / "factures").exists()
    paths = [inv.pdf_file for inv in read_master(demo.book).invoices if inv.pdf_file]
    assert any(p.startswith(outside.as_posix()) for p in paths)
