"""[conservation] and `suivi purge`: old drafts, logs and backups go after the days set; what is
still needed (a draft not yet sent, the newest backup, the journals, the invoices) never goes."""

from __future__ import annotations

import os
import time
from datetime import timedelta

from conftest import TODAY


def _age(path, days: int) -> None:
    stamp = time.time() - days * 86400
    for item in [path, *path.rglob("*")] if path.is_dir() else [path]:
        os.utime(item, (stamp, stamp))


def test_purge_keeps_what_is_needed_and_removes_the_rest(demo):
    demo.add_config("[conservation]\nbrouillons_jours = 30\njournaux_jours = 10\n"
                    "sauvegardes_jours = 10")
    assert demo.cli("run").code in (0, 1)  # today's drafts, which nobody sends
    later = TODAY + timedelta(days=60)  # purge two months on: they are old and still pending
    drafts = demo.path / "relances"
    pending_folder = drafts / TODAY.isoformat()
    assert pending_folder.is_dir()
    sent_folder = drafts / (TODAY - timedelta(days=90)).isoformat()
    sent_folder.mkdir()
    (sent_folder / "ancien.envoye.eml").write_text("copie envoyée")
    logs = demo.path / ".suivi" / "logs"
    old_log = logs / "erreur-20250101-000000.log"
    old_log.write_text("vieux")
    _age(old_log, 40)
    backups = sorted((demo.path / ".suivi" / "sauvegardes").iterdir())
    for backup in backups:
        _age(backup, 40)

    dry = demo.cli("purge", "--dry-run", today=later)
    assert dry.code == 0 and sent_folder.is_dir() and old_log.is_file(), dry
    assert sent_folder.name in dry.flat and old_log.name in dry.flat

    done = demo.cli("purge", today=later)
    assert done.code == 0, done
    assert not sent_folder.exists() and not old_log.exists()
    assert pending_folder.is_dir(), "a folder with drafts not yet sent is kept"
    assert pending_folder.name in done.flat
    kept = list((demo.path / ".suivi" / "sauvegardes").iterdir())
    assert kept == [backups[-1]], "the newest backup always stays"
    for state in ("journal.jsonl", "numeros.jsonl"):
        assert (demo.path / ".suivi" / state).is_file()
    assert list((demo.path / "factures").rglob("*.pdf")), "invoices are never purged"


def test_run_applies_the_policy_and_defaults_keep_the_drafts(demo):
    assert demo.cli("run").code in (0, 1)
    day = sorted((demo.path / "relances").iterdir())[0]
    _age(day, 4000)
    later = demo.cli("run", today=TODAY + timedelta(days=1))
    assert later.code in (0, 1), later
    assert day.is_dir(), "drafts are kept unless [conservation] brouillons_jours says otherwise"


def test_bad_retention_value_is_refused_by_check(demo):
    demo.add_config("[conservation]\nbrouillons_jours = -1")
    outcome = demo.cli("check")
    assert outcome.code == 2 and "[conservation] brouillons_jours" in outcome.output, outcome
