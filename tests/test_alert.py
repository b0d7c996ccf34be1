"""[relances] alerte_equipe: a scheduled run (--quiet) that ends with exit code 1 or 2 e-mails
the team through the [smtp] server — received here by a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import pytest
from production_helpers import TODAY, invoke, open_in_excel, small_entity, smtp_lines
from test_mail_helpers import Server, free_port, smtp_config

from suivi.config import ConfigError
from suivi.config.dunning import parse_dunning
from suivi.messages import text

TEAM = "equipe@atelier-dupre.example"


def entity_with_alert(folder, server_port: int, *, bad: bool = True):
    smtp = {"hote": "127.0.0.1", "port": server_port, "securite": "aucune",
            "expediteur": "compta@atelier-dupre.fr", "nom_expediteur": "Atelier Dupré",
            "tentatives": 1, "pause": 0, "delai_connexion": 5, "trousseau": False}
    relances = f'[relances]\nequipe = ["{TEAM}"]\nalerte_equipe = true\n'
    return small_entity(folder, bad=bad, toml=relances + smtp_lines(smtp) + "\n")


def alerts(server: Server) -> list:
    return [m for m in server.received if "s'est terminée avec le code" in
            str(m.message["Subject"])]


def test_a_scheduled_run_with_problems_alerts_the_team(tmp_path):
    with Server() as server:
        book = entity_with_alert(tmp_path, server.port)
        result = invoke("run", book, "--date", TODAY, "--quiet")
        assert result.exit_code == 1
        [alert] = alerts(server)
    assert alert.rcpt_tos == [TEAM]
    message = alert.message
    assert str(message["Subject"]) == (
        "suivi — suivi_factures.xlsx : l'exécution du 25/11/2026 s'est terminée avec le code 1 "
        "(problèmes trouvés ou actions en échec)")
    body = message.get_content().replace("\r\n", "\n")
    assert body.startswith("Bonjour,\n\nL'exécution planifiée de suivi sur « "
                           f"{book} » le 25/11/2026 s'est terminée avec le code 1")
    assert "Problèmes (1) :\n- Factures!A4 : Le numéro FAC2026-002 est déjà utilisé en " \
           "Factures!A3.\n  À faire : Un numéro de facture est unique" in body
    assert f"Le journal complet : {tmp_path / '.suivi' / 'logs' / 'suivi.log'}" in body
    assert "Le résumé des relances du jour :" in body and "Alpha SARL" in body
    log = (tmp_path / ".suivi" / "logs" / "suivi.log").read_text("utf-8")
    assert f"alerte envoyée à l'équipe ({TEAM})" in log


def test_an_unusable_workbook_alerts_the_team_too(tmp_path):
    with Server() as server:
        book = entity_with_alert(tmp_path, server.port, bad=False)
        book.unlink()
        result = invoke("run", "--config", tmp_path / "suivi.toml", "--date", TODAY, "--quiet")
        assert result.exit_code == 2
        [alert] = alerts(server)
    assert "code 2 (classeur ou configuration inutilisable)" in str(alert.message["Subject"])
    assert "suivi_factures.xlsx" in alert.message.get_content()


@pytest.mark.parametrize("args", [
    (),  # someone is watching: the console says it all
    ("--quiet", "--dry-run"),  # a simulation changes nothing
])
def test_no_alert_when_someone_watches_or_nothing_is_done(tmp_path, args):
    with Server() as server:
        book = entity_with_alert(tmp_path, server.port)
        assert invoke("run", book, "--date", TODAY, *args).exit_code == 1
        assert alerts(server) == []


def test_a_workbook_left_open_all_the_wait_alerts_the_team(tmp_path):
    with Server() as server:
        book = entity_with_alert(tmp_path, server.port, bad=False)
        open_in_excel(book, "Marie Dubois")
        result = invoke("run", book, "--date", TODAY, "--quiet", "--attendre", "2s")
        assert result.exit_code == 3
        [alert] = alerts(server)
    assert "code 3 (classeur ouvert ailleurs ou autre exécution en cours)" in str(
        alert.message["Subject"])
    assert "Marie Dubois" in alert.message.get_content()


def test_no_alert_for_a_busy_workbook_without_waiting(tmp_path):
    with Server() as server:
        book = entity_with_alert(tmp_path, server.port, bad=False)
        open_in_excel(book)
        assert invoke("run", book, "--date", TODAY, "--quiet").exit_code == 3
        assert alerts(server) == []


def test_no_alert_when_the_run_went_well(tmp_path):
    with Server() as server:
        book = entity_with_alert(tmp_path, server.port, bad=False)
        assert invoke("run", book, "--date", TODAY, "--quiet").exit_code == 0
        assert alerts(server) == []


def test_an_alert_that_cannot_go_is_logged_and_changes_nothing(tmp_path):
    book = entity_with_alert(tmp_path, free_port())  # nobody listens there
    result = invoke("run", book, "--date", TODAY, "--quiet")
    assert result.exit_code == 1
    log = (tmp_path / ".suivi" / "logs" / "suivi.log").read_text("utf-8")
    assert "WARNING suivi.cli : alerte à l'équipe non envoyée : " in log


def test_the_setting_needs_the_team_and_a_server():
    with Server() as server:
        smtp = smtp_config(server)
        settings = parse_dunning({"relances": {"equipe": [TEAM], "alerte_equipe": True},
                                  "smtp": smtp})
        assert settings.alert_team and settings.team == (TEAM,)
        assert not parse_dunning({"smtp": smtp}).alert_team
        with pytest.raises(ConfigError) as no_team:
            parse_dunning({"relances": {"alerte_equipe": True}, "smtp": smtp})
        with pytest.raises(ConfigError) as no_server:
            parse_dunning({"relances": {"equipe": [TEAM], "alerte_equipe": True}})
        with pytest.raises(ConfigError) as not_bool:
            parse_dunning({"relances": {"equipe": [TEAM], "alerte_equipe": "oui"}, "smtp": smtp})
    assert "[relances] equipe" in text(no_team.value.message, "fr")
    assert "[smtp] hote" in text(no_server.value.message, "fr")
    assert "alerte_equipe" in text(not_bool.value.message, "fr")
