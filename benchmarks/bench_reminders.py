"""Benchmark: compose and deliver N reminders to a local SMTP server (aiosmtpd on 127.0.0.1).

    python benchmarks/bench_reminders.py            # N = 1000
    python benchmarks/bench_reminders.py --count 200
    python benchmarks/bench_reminders.py --history 50000

1. end to end, `envoi = "direct"`: plan + compose (jinja2, EPC QR code, PDF attached) + .eml
   drafts + journal (fsync per record) + delivery over ONE SMTP connection — target ≤ 20 s for
   1,000 on a 2-core machine;
2. delivery only, the same N messages: one connection for the batch vs one connection per
   message (the baseline), in the same run; the ratio is printed;
3. with `--history H`: step 1 again in a folder whose journal already holds H past messages
   (years of reminders, all sent, to the same clients), against step 1 as the baseline: what
   the history adds to a day's drafts.

Prints the figures quoted in docs/relances.md. Exit code 1 when the end-to-end target is missed.
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from suivi.config.dunning import parse_dunning
from suivi.core.models import Client, Invoice, Master, SheetLayout, normalise_name
from suivi.documents.model import Seller
from suivi.mail import DunningJob, drafts, run_reminders
from suivi.mail.journal import Journal, load_state
from suivi.mail.send import Outgoing, YagmailTransport, deliver

TODAY = date(2026, 11, 25)
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
) * 200


class Sink:
    """Accepts everything, counts messages."""

    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def book(folder: Path, count: int) -> Master:
    (folder / "factures").mkdir(parents=True, exist_ok=True)
    invoices, clients = [], {}
    for n in range(count):
        name = f"Client Été {n:04d}"
        pdf = folder / "factures" / f"F{n:04d}.pdf"
        pdf.write_bytes(PDF)
        clients[normalise_name(name)] = Client(
            name=name, emails=(f"c{n}@exemple.fr",), phone="01 02 03 04 05"
        )
        invoices.append(
            Invoice(
                sheet="Factures",
                row=n + 2,
                number=f"F2026-{n:04d}",
                client=name,
                issue_date=date(2026, 10, 25),
                amount_ttc=Decimal("1234.56"),
                due_date=date(2026, 11, 24),
                pdf_file=f"factures/F{n:04d}.pdf",
            )
        )
    layout = SheetLayout("Factures", 1)
    return Master(
        str(folder / "classeur.xlsx"),
        tuple(invoices),
        clients,
        (),
        (),
        (),
        layout,
        {"Factures": layout},
        (),
    )


def write_history(folder: Path, count: int, clients: int) -> None:
    """`count` past messages, each drafted, sent and synced, to the book's clients, written
    straight into the journal file as `suivi.mail.journal` appends them."""
    path = folder / ".suivi" / "journal.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            day = date.fromordinal(TODAY.toordinal() - 30 - (count - n) * 1800 // count)
            c = n % clients
            ident = f"{day:%Y%m%d}-client-ete-{c:04d}-relance1-{n:05x}"
            records = [
                {"ts": f"{day}T08:00:00+00:00", "type": "draft", "id": ident, "day": str(day),
                 "client": f"Client Été {c:04d}", "client_key": normalise_name(
                     f"Client Été {c:04d}"), "step": 1, "mode": "direct",
                 "file": f"relances/{day}/{ident}.eml", "recipients": [f"c{c}@exemple.fr"],
                 "language": "fr", "amount": "100.00", "subject": "Rappel", "letter": None,
                 "items": [{"number": f"F{day.year}-H{n:06d}", "row": 2, "step": 1,
                            "amount": "100.00"}]},
                {"ts": f"{day}T08:00:01+00:00", "type": "sent", "id": ident, "day": str(day)},
                {"ts": f"{day}T08:00:02+00:00", "type": "synced",
                 "keys": [f"{ident}:draft:0", f"{ident}:sent:0"]},
            ]
            out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def seller() -> Seller:
    return Seller(
        name="Atelier Dupré SARL",
        address_lines=("12 rue des Lilas",),
        postcode="69001",
        city="Lyon",
        email="compta@atelier-dupre.fr",
        iban="FR7630006000011234567890189",
        bic="BDFEFRPP",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--target", type=float, default=20.0)
    parser.add_argument("--history", type=int, default=0,
                        help="past messages in the journal for a third measure (0: none)")
    args = parser.parse_args()
    from aiosmtpd.controller import Controller

    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    smtp = {
        "hote": "127.0.0.1",
        "port": port,
        "securite": "aucune",
        "expediteur": "compta@atelier-dupre.fr",
        "pause": 0,
        "trousseau": False,
    }
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            master = book(folder, args.count)
            settings = parse_dunning({"relances": {"envoi": "direct"}, "smtp": smtp})
            start = time.perf_counter()
            _, outcome = run_reminders(DunningJob(master, settings, folder, TODAY, seller()))
            end_to_end = time.perf_counter() - start
            assert len(outcome.sent) == args.count, (len(outcome.sent), outcome.issues[:3])
            assert sink.count == args.count

            # delivery only: the same messages, from the drafts just written
            state = load_state(folder)
            batch = []
            for message in state.messages.values():
                data = drafts.for_sending(
                    (folder / message.file).read_bytes(), "Wed, 25 Nov 2026 10:00:00 +0000"
                )
                batch.append(
                    Outgoing(message.id, data, "compta@atelier-dupre.fr", tuple(message.recipients))
                )
            config = settings.smtp
            factory = lambda: YagmailTransport(config, None)  # noqa: E731
            other = Path(tmp) / "bench-journal"
            start = time.perf_counter()
            results = deliver(batch, factory, Journal(other / "one"), config, TODAY)
            one_connection = time.perf_counter() - start
            assert all(r.status == "sent" for r in results)
            start = time.perf_counter()
            for item in batch:
                results = deliver([item], factory, Journal(other / "many"), config, TODAY)
                assert results[0].status == "sent"
            per_message = time.perf_counter() - start
        with_history = None
        if args.history:
            with tempfile.TemporaryDirectory() as tmp:
                folder = Path(tmp)
                master = book(folder, args.count)
                write_history(folder, args.history, args.count)
                start = time.perf_counter()
                _, outcome = run_reminders(DunningJob(master, settings, folder, TODAY, seller()))
                with_history = time.perf_counter() - start
                assert len(outcome.sent) == args.count, (len(outcome.sent), outcome.issues[:3])
    finally:
        controller.stop()
    n = args.count
    print(
        f"{n} relances composées et remises (bout en bout, 1 connexion) : {end_to_end:.2f} s "
        f"({n / end_to_end:.0f}/s) — objectif ≤ {args.target:.0f} s"
    )
    print(
        f"remise seule, 1 connexion pour le lot      : {one_connection:.2f} s "
        f"({n / one_connection:.0f}/s)"
    )
    print(
        f"remise seule, 1 connexion par message      : {per_message:.2f} s "
        f"({n / per_message:.0f}/s)"
    )
    print(f"rapport (par message / par lot)            : {per_message / one_connection:.2f}")
    if with_history is not None:
        print(f"bout en bout, journal de {args.history} messages passés : {with_history:.2f} s "
              f"(rapport au journal neuf : {with_history / end_to_end:.2f})")
    return 0 if end_to_end <= args.target else 1


if __name__ == "__main__":
    sys.exit(main())
