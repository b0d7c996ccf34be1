"""Sending is exactly once, or says so: permanent refusals wait for the user and do not count as
done; lost acknowledgements are « à vérifier », never resent on their own; transient failures
are retried. Driven through the CLI against a real, misbehaving SMTP server."""

from __future__ import annotations

import csv
import json
import re
from datetime import timedelta

from conftest import TODAY
from smtp_faults import REFUSAL, faulty_server, smtp_block

from suivi.workbook.read import read_master


def drafts(demo) -> list[str]:
    return sorted(p.name[:-4] for p in (demo.path / "relances").rglob("*.eml")
                  if not p.name.endswith(".envoye.eml"))


def steps(demo) -> dict[str, object]:
    return {inv.number: inv.reminder_step for inv in read_master(demo.book).invoices if inv.number}


def review_invoices(demo) -> list[str]:
    """The invoices of the e-mail drafts, from the review list (brouillons.csv)."""
    review = next((demo.path / "relances").rglob("brouillons.csv"))
    rows = list(csv.reader(review.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    column = rows[0].index("Factures")
    return sorted({n.strip() for row in rows[1:] for n in re.split(r"[,;\s]+", row[column])
                   if n.strip()})


def prepare(demo, server) -> list[str]:
    demo.add_config(smtp_block(server))
    demo.original_steps = steps(demo)
    prepared = demo.cli("remind")
    assert prepared.code in (0, 1), prepared
    made = drafts(demo)
    assert len(made) >= 5, made
    return made


def pending_ids(demo) -> list[str]:
    outcome = demo.cli("send", "--dry-run", "--json")
    data = json.loads(outcome.output)
    return sorted(data.get("dunning", {}).get("would_send", []) or [])


def test_permanent_refusal_keeps_the_draft_and_does_not_count_the_step(demo):
    server, handler = faulty_server()
    with server:
        made = prepare(demo, server)
        before = demo.original_steps
        handler.load(["refuse"] * 100)
        refused = demo.cli("send", "--tous")
        assert refused.code == 1, refused
        assert "5.7.1" in refused.output, "the server's answer is shown"
        assert handler.stored == []
        now = steps(demo)
        emailed = review_invoices(demo)
        assert emailed
        for number in emailed:
            assert now[number] == before[number], f"{number}: a refused reminder counted as done"

        handler.load([])  # the server accepts again
        again = demo.cli("send", "--tous")
        assert again.code == 1, again
        assert handler.stored == [], "a refused draft does not leave without the user"
        assert "--renvoie" in again.output or "--id" in again.output, again

        first = made[0]
        confirmed = demo.cli("send", "--renvoie", first)
        assert confirmed.code in (0, 1), confirmed
        assert handler.ids() == [first]
        assert demo.cli("send", "--renvoie", first).code in (0, 1, 2)
        assert handler.ids() == [first], "sent once, even when asked twice"


def test_refused_first_reminder_is_not_followed_by_the_second(demo):
    """A week later, the client who never received Relance 1 does not get Relance 2."""
    server, handler = faulty_server()
    with server:
        prepare(demo, server)
        handler.load(["refuse"] * 100)
        assert demo.cli("send", "--tous").code == 1
        handler.load([])
        later = TODAY + timedelta(days=9)
        demo.cli("remind", today=later)
        names = [d for d in drafts(demo) if later.strftime("%Y%m%d") in d]
        refused_clients = {re.sub(r"-(relance1|avis)-.*", "", d.split("-", 1)[1])
                           for d in drafts(demo) if "relance1" in d}
        for name in names:
            if "relance2" in name:
                client = re.sub(r"-relance2-.*", "", name.split("-", 1)[1])
                assert client not in refused_clients, f"{name}: Relance 2 before Relance 1"


def test_lost_acknowledgement_is_to_check_never_resent_automatically(demo):
    server, handler = faulty_server()
    with server:
        made = prepare(demo, server)
        handler.load(["drop_after"] * 100)
        first = demo.cli("send", "--tous")
        assert first.code == 1, first
        assert "vérifier" in first.output, first
        delivered = handler.ids()
        assert delivered, "the server stored messages it never acknowledged"

        handler.load([])
        second = demo.cli("send", "--tous")
        assert second.code == 1, second
        assert handler.ids() == delivered, "nothing uncertain is resent on its own"

        stored, not_stored = delivered[0], [m for m in made if m not in delivered]
        assert demo.cli("send", "--confirme", stored).code in (0, 1)
        assert handler.ids().count(stored) == 1
        if not_stored:
            assert demo.cli("send", "--renvoie", not_stored[0]).code in (0, 1)
            assert handler.ids().count(not_stored[0]) == 1
        ids = handler.ids()
        assert len(ids) == len(set(ids)), "no message delivered twice"


def test_transient_failures_are_retried_and_delivered_once(demo):
    server, handler = faulty_server()
    with server:
        made = prepare(demo, server)
        handler.load(["transient", "drop_before", "accept", "transient"])
        outcome = demo.cli("send", "--tous")
        assert outcome.code in (0, 1), outcome
        while demo.cli("send", "--tous").code == 1 and len(handler.ids()) < len(made):
            pass
        ids = handler.ids()
        assert sorted(ids) == made and len(ids) == len(set(ids))


def test_refusal_text_is_in_the_review_list(demo):
    server, handler = faulty_server()
    with server:
        prepare(demo, server)
        handler.load(["refuse"] * 100)
        demo.cli("send", "--tous")
    review = next((demo.path / "relances").rglob("brouillons.csv"))
    assert REFUSAL.split(" ", 2)[1] in review.read_text(encoding="utf-8-sig") or "refus" in \
        review.read_text(encoding="utf-8-sig")
