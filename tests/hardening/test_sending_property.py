"""Property: whatever the server does — accept, refuse (5xx), fail for a while (4xx), drop the
line before the message or after storing it — no message is ever delivered twice, and none is
lost silently: each draft is either delivered and recorded as sent, or still waiting with the
reason shown (pending, refused, or « à vérifier »). Once the user settles the uncertain and
refused ones, every draft is delivered exactly once.

Hypothesis drives a real SMTP server (aiosmtpd) through random fault scripts and send rounds.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from smtp_faults import FAULTS, faulty_server
from test_mail_helpers import (
    TODAY,
    apply,
    demo_book,
    mark_synced,
    resolve_unverified,
    run_reminders,
    seller,
    send_drafts,
    smtp_config,
)
from test_mail_helpers import settings as dunning_settings

from suivi.mail.journal import REFUSED, SENT, UNVERIFIED, load_state

DRAFTS = 4
rounds = st.lists(st.lists(st.sampled_from(FAULTS), max_size=8), min_size=1, max_size=4)


def _check_round(folder: Path, stored: list[str], outcome) -> None:
    state = load_state(folder)
    counts = Counter(stored)
    assert all(n == 1 for n in counts.values()), f"delivered twice: {counts}"
    shown = {line.id for group in (outcome.digest.refused, outcome.digest.unverified,
                                   outcome.digest.pending, outcome.digest.failed)
             for line in group} if outcome.digest else set()
    for message in state.messages.values():
        if message.status == SENT:
            assert message.id in counts, f"{message.id} recorded as sent, never delivered"
        elif message.id in counts:
            assert message.status == UNVERIFIED, (
                f"{message.id} delivered but {message.status}: it would go out again")
        if message.status in (REFUSED, UNVERIFIED):
            assert message.id in shown, f"{message.id} ({message.status}) not shown to the user"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(script=rounds)
def test_no_message_twice_and_none_lost_silently(script):
    server, handler = faulty_server()
    with tempfile.TemporaryDirectory() as tmp, server:
        folder = Path(tmp)
        book = demo_book(folder, count=DRAFTS)
        config = dunning_settings({"envoi": "brouillons"}, smtp_config(server))
        _, prepared = run_reminders(book, seller(), config, folder, TODAY)
        book = apply(book, prepared)
        mark_synced(folder, prepared)
        ids = sorted(load_state(folder).messages)
        assert len(ids) == DRAFTS

        for faults in script:  # the scheduled `suivi send`, day after day
            handler.load(faults)
            outcome = send_drafts(folder, book, config, TODAY, seller=seller())
            _check_round(folder, handler.ids(), outcome)
            book = apply(book, outcome)
            mark_synced(folder, outcome)

        # the user reads the list, checks the mailbox, and settles each one
        state = load_state(folder)
        arrived = set(handler.ids())
        confirm = [m.id for m in state.messages.values()
                   if m.status == UNVERIFIED and m.id in arrived]
        again = [m.id for m in state.messages.values()
                 if m.status in (UNVERIFIED, REFUSED) and m.id not in arrived]
        if confirm:
            resolve_unverified(folder, confirm, sent=True, today=TODAY)
        if again:
            resolve_unverified(folder, again, sent=False, today=TODAY)
        handler.load([])
        for _ in range(3):
            outcome = send_drafts(folder, book, config, TODAY, seller=seller())
            book = apply(book, outcome)
            mark_synced(folder, outcome)
        counts = Counter(handler.ids())
        assert sorted(counts) == ids and set(counts.values()) == {1}, counts
        final = load_state(folder)
        assert all(m.status == SENT for m in final.messages.values()), {
            m.id: m.status for m in final.messages.values()}
