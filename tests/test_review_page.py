"""brouillons.html: every draft of the day on one page, its HTML body shown inline (sandboxed,
escaped), checked in a real headless Chromium that takes a screenshot."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from test_mail_helpers import (
    TODAY,
    client,
    invoice,
    master,
    run_reminders,
    seller,
    settings,
    write_pdf,
)

from suivi.mail.drafts import read_message

CHROMIUM = next((found for name in ("chromium", "chromium-browser", "google-chrome")
                 if (found := shutil.which(name))), None)


def late_book(folder: Path):
    """Two clients with a late invoice; one with markup in its name."""
    names = ["<b>Dupont</b> & Fils", "Garage Martin"]
    return master(
        [invoice(2 + n, f"F2026-{n:04d}", name, "1200.00", date(2026, 11, 24),
                 issue_date=date(2026, 10, 25), pdf_file=write_pdf(folder, f"F{n}.pdf"))
         for n, name in enumerate(names)],
        [client(name, emails=(f"client{n}@exemple.fr",)) for n, name in enumerate(names)],
        path=str(folder / "classeur.xlsx"))


def drafted(folder: Path) -> Path:
    """The reminders of `late_book` drafted. Returns the day folder."""
    _, outcome = run_reminders(late_book(folder), seller(), settings(), folder, TODAY)
    assert len(outcome.drafted) == 2
    return folder / "relances" / "2026-11-25"


def test_the_page_holds_every_message_escaped_and_sandboxed(tmp_path):
    day = drafted(tmp_path)
    page = (day / "brouillons.html").read_text("utf-8")
    for eml in sorted(day.glob("*.eml")):
        message = read_message(eml)
        assert html.escape(str(message["Subject"])) in page
        body = message.get_body(preferencelist=("html",)).get_content()
        # the body, as the e-mail has it, inside srcdoc (escaped once more as an attribute);
        # only the QR code's cid: reference is replaced by the image itself
        pieces = re.split(r"cid:[^\"']+", body)
        assert len(pieces) == 2
        assert all(html.escape(piece, quote=True) in page for piece in pieces)
        assert f'<a href="{eml.name}">' in page
    assert page.count('<iframe sandbox=""') == 2
    assert "<b>Dupont</b>" not in page and "&lt;b&gt;Dupont&lt;/b&gt; &amp; Fils" in page
    assert "cid:" not in page and page.count("data:image/png;base64,") == 2  # the QR codes
    assert "Sauf erreur ou omission de notre part" in page


def test_the_page_written_by_the_run_is_the_page_its_files_give(tmp_path, monkeypatch):
    """The run shows the drafts it has just written without reading them back: the page is
    byte for byte the one built from the .eml files (subjects, bodies, QR images)."""
    from suivi.mail import review_page

    calls = []
    original = review_page.write_review_list

    def spy(directory, rows, day, known=None):
        calls.append((rows, known))
        return original(directory, rows, day, known)

    monkeypatch.setattr(review_page, "write_review_list", spy)
    day = drafted(tmp_path)
    [(rows, known)] = calls
    assert sorted(known) == sorted(row.id for row in rows)  # not read back
    again = tmp_path / "again"
    again.mkdir()
    for eml in day.glob("*.eml"):
        shutil.copy(eml, again / eml.name)
    original(again, rows, TODAY)
    assert (again / "brouillons.html").read_bytes() == (day / "brouillons.html").read_bytes()


def test_the_page_is_not_rebuilt_when_nothing_changed(tmp_path):
    day = drafted(tmp_path)
    page = day / "brouillons.html"
    stamp = page.stat().st_mtime_ns
    drafted_again = run_reminders(late_book(tmp_path), seller(), settings(), tmp_path, TODAY)
    assert drafted_again[1].drafted == ()
    assert page.stat().st_mtime_ns == stamp


def test_chromium_shows_each_message_on_one_page(tmp_path):
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (.ci/run installs it)")
    day = drafted(tmp_path)
    shot = tmp_path / "brouillons.png"
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         # sandboxed frames in the page's own process, and every load settled before the shot
         # (otherwise, on a busy machine, the frames may not be painted yet)
         "--disable-site-isolation-trials",
         "--disable-features=IsolateSandboxedIframes,site-per-process",
         "--virtual-time-budget=10000",
         f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1200,2200",
         f"--screenshot={shot}", (day / "brouillons.html").as_uri()],
        capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000
    with Image.open(shot) as image:
        assert image.size == (1200, 2200)
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000) or []
    assert len(colours) > 100  # text, table, links, QR codes: far from a blank page
    # the QR codes are drawn: many pure black pixels inside the messages
    assert {c: n for n, c in colours}.get((0, 0, 0), 0) > 2_000
    assert re.search(r"Brouillons de relance du 25/11/2026",
                     (day / "brouillons.html").read_text("utf-8"))
