"""brouillons.html: the day's reminders on one page, each message shown as it will be sent.

For each draft of the day: client, step, recipients, subject, invoices, amount, state, a link
to the .eml file, and the message's HTML body — read from the .eml itself, so that what the
reviewer reads is what will go (an edit made to the draft included); a draft the run has just
written is shown from the very subject, HTML and image written into it, without reading its
file (and its PDFs) back. The body is our own
template output and already escaped there; it is shown inside an `<iframe srcdoc>`, escaped once
more as an attribute, and sandboxed (no script, no form, no navigation): a client name or an
edited draft can never act on the page. The QR code the message carries (`cid:`) is inlined as
a `data:` image.

The page (and brouillons.csv) is rewritten only when the day's list changed: a second run the
same day reads no draft again.
"""
from __future__ import annotations

import base64
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from email.header import decode_header, make_header
from email.message import Message
from email.parser import BytesParser
from email.policy import compat32
from pathlib import Path

from suivi.core.steps import Step
from suivi.fileio import csv_bytes, write_atomic

from .compose import QR_CID, Rendered, one_line
from .drafts import CSV_HEADER, REVIEW_CSV, REVIEW_HTML, ReviewRow, row_values

STYLE = (
    "body{font-family:Arial,sans-serif;margin:1.5em;color:#222}"
    "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;"
    "text-align:left;vertical-align:top}th{background:#eef2f6}"
    "section.draft{margin:2em 0;border-top:3px solid #3a6ea5;padding-top:.5em}"
    "section.draft h2{margin:.2em 0;font-size:1.2em}"
    "dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px;margin:.5em 0}"
    "dt{font-weight:bold}dd{margin:0}"
    "iframe{width:100%;max-width:900px;height:640px;border:1px solid #bbb;background:#fff}"
    ".missing{color:#a00}"
)


@dataclass(frozen=True, slots=True)
class Preview:
    """What a draft says: its subject and HTML body (images inlined)."""

    subject: str
    body: str


def _text(part: Message) -> str:
    data = part.get_payload(decode=True)
    if not isinstance(data, bytes):
        return ""
    text = data.decode(part.get_content_charset() or "utf-8", errors="replace")
    return text.replace("\r\n", "\n")  # the wire form's line ends, as composed


def preview(path: Path) -> Preview | None:
    """The subject and HTML body of the draft at `path` (None when the file is gone).

    Parsed with the lean compat32 policy: a draft carries its PDFs, and the full policy costs
    five times more for the same two parts."""
    try:
        message = BytesParser(policy=compat32).parsebytes(path.read_bytes())
    except OSError:
        return None
    subject = str(make_header(decode_header(message.get("Subject", ""))))
    parts = [p for p in message.walk() if not p.is_multipart()]
    body = next((_text(p) for p in parts if p.get_content_type() == "text/html"), None)
    if body is None:
        plain = next((_text(p) for p in parts if p.get_content_type() == "text/plain"), "")
        return Preview(subject, f"<pre style=\"white-space:pre-wrap\">{html.escape(plain)}</pre>")
    for part in parts:
        cid = str(part.get("Content-ID", "")).strip().strip("<>")
        if cid and part.get_content_maintype() == "image":
            data = part.get_payload(decode=True)
            if isinstance(data, bytes):
                body = inline_image(body, cid, part.get_content_type(), data)
    return Preview(subject, body)


def preview_of(rendered: Rendered, qr_png: bytes | None) -> Preview:
    """The preview of a message composed from `rendered` (with its QR image, if any): the
    subject and body `build_email` writes, without reading the file back."""
    body = rendered.html.replace("\r\n", "\n")  # as `_text` reads it back
    if qr_png:
        body = inline_image(body, QR_CID, "image/png", qr_png)
    return Preview(one_line(rendered.subject), body)


def inline_image(body: str, cid: str, content_type: str, data: bytes) -> str:
    """`body` with its references to the image `cid` replaced by a `data:` URI."""
    if f"cid:{cid}" not in body:
        return body
    encoded = base64.b64encode(data).decode("ascii")
    return body.replace(f"cid:{cid}", f"data:{content_type};base64,{encoded}")


def _section(row: ReviewRow, seen: Preview | None) -> str:
    e = html.escape
    facts = (("Destinataire", row.recipients), ("Objet", seen.subject if seen else ""),
             ("Factures", row.invoices), ("Montant dû", row.amount), ("État", row.status))
    items = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in facts if v)
    link = (f"<dt>Fichier</dt><dd><a href=\"{e(row.file)}\">{e(row.file)}</a></dd>"
            if row.file else "")
    if seen is None:
        body = "<p class=\"missing\">Fichier du brouillon absent (supprimé ?).</p>"
    else:
        body = (f"<iframe sandbox=\"\" title=\"{e(seen.subject)}\" "
                f"srcdoc=\"{e(seen.body, quote=True)}\"></iframe>")
    return (f"<section class=\"draft\" id=\"{e(row.id)}\"><h2>{e(row.client)} — "
            f"{e(Step(row.step).label)}</h2><dl>{items}{link}</dl>{body}</section>\n")


def review_page(rows: Sequence[ReviewRow], header: Sequence[str],
                values: Sequence[Sequence[str]], day: date,
                previews: Mapping[str, Preview | None]) -> str:
    """The page: instructions, the list (each id links to its message), then every message."""
    e = html.escape
    title = f"Brouillons de relance du {day:%d/%m/%Y}"
    table_rows = "".join(
        "<tr>" + "".join(
            f"<td><a href=\"#{e(row.id)}\">{e(v)}</a></td>" if i == 0 else f"<td>{e(v)}</td>"
            for i, v in enumerate(cells)) + "</tr>\n"
        for row, cells in zip(rows, values, strict=True))
    sections = "".join(_section(row, previews.get(row.id)) for row in rows)
    return (
        "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">"
        f"<title>{e(title)}</title><style>{STYLE}</style></head><body>"
        f"<h1>{e(title)}</h1>"
        "<p>Chaque message est montré ci-dessous tel qu'il partira (lu dans son fichier .eml, "
        "que vous pouvez aussi ouvrir dans Outlook ou Thunderbird). Pour décider : dans le "
        "classeur, feuille « Relances à envoyer », choisissez Oui ou Non dans la colonne "
        "« Envoyer », enregistrez et fermez le classeur, puis lancez Envoyer_relances.bat (ou "
        "<code>suivi send</code>). <code>suivi send --id IDENTIFIANT</code> envoie un brouillon "
        "précis.</p>"
        "<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in header)
        + "</tr></thead><tbody>\n" + table_rows + "</tbody></table>\n"
        + sections + "</body></html>\n")


def write_review_list(directory: Path, rows: Sequence[ReviewRow], day: date,
                      known: Mapping[str, Preview] | None = None) -> list[Path]:
    """brouillons.csv (Excel-friendly: ';' and UTF-8 with BOM) and brouillons.html, unless
    both already say exactly this. `known`: previews of the drafts just written, by id (the
    others are read from their files)."""
    values = [row_values(row) for row in rows]
    data = csv_bytes(CSV_HEADER, values)  # formulas neutralised (fileio.csv_cell)
    csv_path, html_path = directory / REVIEW_CSV, directory / REVIEW_HTML
    if html_path.is_file() and csv_path.is_file() and csv_path.read_bytes() == data:
        return [csv_path, html_path]
    write_atomic(csv_path, data)
    known = known or {}
    previews = {row.id: known[row.id] if row.id in known
                else preview(directory / row.file) if row.file else None for row in rows}
    page = review_page(rows, CSV_HEADER, values, day, previews)
    write_atomic(html_path, page.encode("utf-8"))
    return [csv_path, html_path]
