"""The log of a job nobody watches: .suivi/logs/suivi.log beside the workbook (never in the
current folder), rotating, with each run's start, steps, counts, duration, exit code and every
error with what to do — in the workbook's language, and never the SMTP password."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from production_helpers import (
    TODAY,
    add_toml,
    invoke,
    overdue_book,
    seller_config,
    small_entity,
    smtp_lines,
)
from test_mail_helpers import Server, smtp_config

from suivi.core.message import Message
from suivi.logfile import MessageFormatter, QuietRotatingHandler
from suivi.pipeline import daily

PASSWORD = "mot-de-passe-tres-secret-42"


def log_of(folder: Path) -> str:
    return (folder / ".suivi" / "logs" / "suivi.log").read_text(encoding="utf-8")


def test_each_run_is_logged_beside_the_workbook_with_steps_counts_and_exit_code(
        tmp_path, monkeypatch):
    book = small_entity(tmp_path / "Compta", bad=True)
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = invoke("run", book, "--date", TODAY, "--quiet", "--lang", "en")
    assert result.exit_code == 1
    assert not (elsewhere / ".suivi").exists()  # beside the workbook, not the current folder
    text = log_of(book.parent)
    lines = text.splitlines()
    assert re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d INFO suivi\.cli : début de « suivi run » "
                    rf"sur {re.escape(str(book))} \(suivi [\d.]+, .+@.+, jour 25/11/2026\)$",
                    lines[0]), lines[0]
    steps = [re.sub(r" : [\d,]+ s$", "", line.split("suivi.pipeline : ")[1])
             for line in lines if "suivi.pipeline : " in line]
    assert steps == ["étape " + step.__name__.removesuffix("_step") for step in daily.DAILY]
    assert {"étape numbering", "étape reminders", "étape commit"} <= set(steps)
    # the error, its cell and what to do — in French, the workbook's language, despite --lang
    assert ("ERROR suivi.cli : Factures!A4 : Le numéro FAC2026-002 est déjà utilisé en "
            "Factures!A3. — à faire : Un numéro de facture est unique") in text
    assert "INFO suivi.cli : fait : 0 numérotée(s), 0 PDF, 1 brouillon(s), 0 envoyée(s), " \
           "1 relance(s) en attente" in text
    assert re.search(r"INFO suivi\.cli : fin : code 1 \(problèmes trouvés ou actions en "
                     r"échec\) en [\d,]+ s$", lines[-1]), lines[-1]


def test_a_second_run_appends_and_english_workbooks_log_in_english(tmp_path):
    book = small_entity(tmp_path, toml='[general]\nlangue = "en"\n')
    assert invoke("check", book, "--date", TODAY).exit_code == 0
    assert invoke("check", book, "--date", TODAY).exit_code == 0
    text = log_of(tmp_path)
    assert text.count("start of 'suivi check'") == 2
    assert text.count("end: code 0 (all is well)") == 2


def test_an_unusable_configuration_is_logged_in_the_entity_folder(tmp_path):
    book = small_entity(tmp_path, toml="[smtp]\nport = 99999\n")
    result = invoke("run", book, "--date", TODAY, "--quiet")
    assert result.exit_code == 2
    text = log_of(tmp_path)
    assert "ERROR suivi.cli : " in text and "port" in text
    assert "fin : code 2 (classeur ou configuration inutilisable)" in text


def test_a_loose_workbook_checked_once_leaves_no_log(tmp_path):
    book = small_entity(tmp_path)
    (tmp_path / "suivi.toml").unlink()
    assert invoke("check", book, "--date", TODAY).exit_code == 0
    assert not (tmp_path / ".suivi").exists()


def test_a_bug_is_logged_with_its_traceback_and_a_crash_file_beside_the_workbook(
        tmp_path, monkeypatch):
    from suivi.cli import cmd_check

    def broken(settings, today):
        raise KeyError("colonne mystère")

    monkeypatch.setattr(cmd_check, "open_settings", broken)
    book = small_entity(tmp_path / "Compta")
    monkeypatch.chdir(tmp_path)
    result = invoke("check", book, "--date", TODAY)
    assert result.exit_code == 1
    assert "erreur inattendue (KeyError" in result.output
    crash = list((book.parent / ".suivi" / "logs").glob("erreur-*.log"))
    assert len(crash) == 1 and "colonne mystère" in crash[0].read_text("utf-8")
    assert not (tmp_path / ".suivi").exists()
    text = log_of(book.parent)
    assert "Traceback (most recent call last)" in text and "KeyError" in text


def test_the_smtp_password_never_reaches_the_log(tmp_path):
    overdue_book(tmp_path)
    user = "compta@atelier-dupre.fr"
    with Server(auth=(user, PASSWORD)) as server:
        config = seller_config(tmp_path)
        add_toml(config, smtp_lines(smtp_config(server, user=user)))
        env = {"SUIVI_SMTP_PASSWORD": PASSWORD}
        assert invoke("remind", "--config", config, "--date", TODAY, env=env).exit_code == 0
        wrong = invoke("send", "--tous", "--config", config, "--date", TODAY,
                       env={"SUIVI_SMTP_PASSWORD": PASSWORD + "-faux"})
        assert wrong.exit_code == 1 and not server.received  # refused: 535
        sent = invoke("send", "--tous", "--config", config, "--date", TODAY, env=env)
        assert sent.exit_code == 0, sent.output
        assert len(server.received) == 2
        assert set(server.logins) == {(user, PASSWORD + "-faux"), (user, PASSWORD)}
    text = log_of(tmp_path)
    assert "authentification refusée par le serveur (535)" in text
    assert "fait : 2 envoyée(s), 0 retenue(s), 0 en échec" in text
    for path in (tmp_path / ".suivi" / "logs").iterdir():
        data = path.read_text(encoding="utf-8", errors="ignore")
        assert PASSWORD not in data, path


def test_a_cell_holding_the_password_is_redacted_in_the_log(tmp_path):
    from suivi.workbook import update_workbook

    book = small_entity(tmp_path)
    with update_workbook(book) as changes:
        changes.set_cell("Clients", "G2", PASSWORD)  # typed in the e-mail column by mistake
    result = invoke("check", book, "--date", TODAY, env={"SUIVI_SMTP_PASSWORD": PASSWORD})
    assert result.exit_code == 1 and "Clients!G2" in result.output
    text = log_of(tmp_path)
    assert "Clients!G2 : Client « Alpha SARL » : l'adresse e-mail « *** »" in text
    assert PASSWORD not in text


def test_the_formatter_words_messages_and_redacts_secrets(tmp_path):
    handler = QuietRotatingHandler(tmp_path / "suivi.log", maxBytes=300, backupCount=2,
                                   encoding="utf-8")
    handler.setFormatter(MessageFormatter("fr", [PASSWORD]))
    logger = logging.getLogger("suivi.test_runlog")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        logger.info(Message.of("log.step", step="read", seconds=1.5))
        logger.warning("échec : 535 authentication failed for %s", PASSWORD)
        for n in range(10):
            logger.info(Message.of("log.warnings", count=n))
    finally:
        logger.removeHandler(handler)
        handler.close()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["suivi.log", "suivi.log.1", "suivi.log.2"]  # rotated, 2 kept
    everything = "".join((tmp_path / name).read_text("utf-8") for name in files)
    assert PASSWORD not in everything
    assert all(len(p.read_bytes()) <= 300 for p in tmp_path.iterdir())
    assert "avertissement(s)" in everything
