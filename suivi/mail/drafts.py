"""Draft files beside the workbook: `.eml` messages, the review list, the to-do list, exports.

    <workbook folder>/relances/AAAA-MM-JJ/<id>.eml            draft (X-Unsent: 1: Outlook and
                                                             Thunderbird open it as a new message)
    <workbook folder>/relances/AAAA-MM-JJ/<id>.envoye.eml     copy of what was sent (proof)
    <workbook folder>/relances/AAAA-MM-JJ/<id>.annule.txt     a draft that will never be sent
                                                             (cancelled, replaced): no longer
                                                             an .eml anyone could send by hand
    <workbook folder>/relances/AAAA-MM-JJ/<id>.lettre.pdf     formal-notice letter to post
    <workbook folder>/relances/AAAA-MM-JJ/brouillons.csv      review list (; separator, UTF-8 BOM)
    <workbook folder>/relances/AAAA-MM-JJ/brouillons.html     the same list as a page, with
                                                             every message (review_page.py)
    <workbook folder>/relances/AAAA-MM-JJ/a_faire.html / .txt the team's to-do list
    <workbook folder>/relances/AAAA-MM-JJ/recouvrement/<client>/   collection export

Files are written atomically (temporary file, fsync, rename): a crash never leaves half a draft.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from email import policy as email_policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from suivi.core.steps import Step
from suivi.fileio import write_atomic, write_csv

REVIEW_CSV = "brouillons.csv"
REVIEW_HTML = "brouillons.html"
TODO_HTML = "a_faire.html"
TODO_TXT = "a_faire.txt"
COLLECTION_DIR = "recouvrement"


def day_folder(folder: Path, drafts_folder: str, day: date) -> Path:
    return Path(folder) / drafts_folder / day.isoformat()


def slug(text: str, limit: int = 30) -> str:
    """"Société Générale & Fils" → "societe-generale-fils" (ASCII, for file names and ids)."""
    folded = unicodedata.normalize("NFKD", text or "")
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    cleaned = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    return (cleaned[:limit].strip("-") or "client")


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:4]


def message_id(day: date, client_key: str, client_name: str, step_key: str) -> str:
    """Deterministic id of a client's message of the day: 20261125-dupont-sa-relance1-3fa2."""
    return f"{day:%Y%m%d}-{slug(client_name)}-{step_key}-{short_hash(client_key)}"


def task_id(day: date, client_key: str, client_name: str, kind: str) -> str:
    return f"{day:%Y%m%d}-{slug(client_name)}-{kind}-{short_hash(client_key)}"


def read_message(path: Path) -> EmailMessage:
    with open(path, "rb") as handle:
        message = BytesParser(policy=email_policy.default).parse(handle)
    assert isinstance(message, EmailMessage)
    return message


_HEADER_END = re.compile(rb"\r?\n\r?\n")


def split_headers(raw: bytes) -> tuple[list[bytes], bytes]:
    """Raw message → (logical header fields, each with its folded continuation lines; the body
    including the blank line that separates it)."""
    match = _HEADER_END.search(raw)
    head, body = (raw[:match.start()], raw[match.start():]) if match else (raw, b"")
    fields: list[bytes] = []
    for line in re.split(rb"\r?\n", head):
        if line[:1] in (b" ", b"\t") and fields:
            fields[-1] += b"\r\n" + line
        elif line:
            fields.append(line)
    return fields, body


def for_sending(raw: bytes, date_header: str, drop: Iterable[str] = ("x-unsent", "bcc", "date")
                ) -> bytes:
    """The draft's bytes as they go on the wire: without X-Unsent and Bcc, with a fresh Date.

    The body and every other header stay byte for byte as composed (or as edited by the user).
    """
    dropped = {name.casefold() for name in drop}
    fields, body = split_headers(raw)
    kept = [f for f in fields if f.split(b":", 1)[0].strip().decode("ascii", "replace").casefold()
            not in dropped]
    kept.insert(0, b"Date: " + date_header.encode("ascii"))
    return b"\r\n".join(kept) + body


def read_headers(raw: bytes) -> EmailMessage:
    """Only the header block, parsed (fast: the body is not parsed)."""
    from email.parser import BytesHeaderParser

    message = BytesHeaderParser(policy=email_policy.default).parsebytes(raw)
    assert isinstance(message, EmailMessage)
    return message


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """One line of the review list."""

    id: str
    client: str
    recipients: str
    step: int
    invoices: str
    amount: str
    status: str
    file: str
    note: str = ""


CSV_HEADER = ("Identifiant", "Client", "Destinataire", "Étape", "Factures", "Montant dû",
               "État", "Fichier", "Remarque")


def row_values(row: ReviewRow) -> tuple[str, ...]:
    return (row.id, row.client, row.recipients, Step(row.step).label, row.invoices, row.amount,
            row.status, row.file, row.note)


WITHDRAWN_SUFFIX = ".annule.txt"


def withdraw(folder: Path, relative: str | None, keep: Path | None = None) -> Path | None:
    """The .eml of a draft that will never be sent (cancelled: its invoice was paid since;
    replaced by a newer message) renamed « <id>.annule.txt »: Outlook and Thunderbird open an
    .eml as a message ready to go, and nobody must send this one by hand from the folder. The
    content stays readable; the journal says why. Nothing is done for `keep` (the draft that
    replaces it, when it has the same name) or a file already gone."""
    if not relative:
        return None
    path = folder / relative
    if path.suffix.lower() != ".eml" or path.name.lower().endswith(".envoye.eml"):
        return None
    if keep is not None and path.resolve() == keep.resolve():
        return None
    target = path.with_name(path.name[:-len(path.suffix)] + WITHDRAWN_SUFFIX)
    try:
        path.replace(target)
    except FileNotFoundError:
        return None
    return target


def copy_into(source: Path, target_dir: Path, name: str | None = None) -> Path | None:
    """Copy a file (atomically) into `target_dir`; None when the source does not exist."""
    if not source.is_file():
        return None
    target = target_dir / (name or source.name)
    write_atomic(target, source.read_bytes())
    return target


def write_history_csv(path: Path, rows: Iterable[Sequence[str]]) -> None:
    write_csv(path, ("Date", "Factures", "Client", "Étape", "Canal", "Destinataire", "Résultat",
                     "Fichier"), rows)
