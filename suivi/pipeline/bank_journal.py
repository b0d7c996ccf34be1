"""`.suivi/banque.jsonl`: every bank statement imported, with the ids of its credits, so that no
operation is ever counted twice, and the date up to which the bank data is known.

One line per statement, written twice like the number journal (`number_journal`): `reserved`
(fsync'd) before the workbook is replaced, `confirmed` once the commit succeeded. Only confirmed
statements count. After a crash between the two, the credits the commit wrote are in the
workbook anyway (Paiements and Rapprochement keep each operation's id), and those it did not
write are imported again: nothing is lost, nothing is counted twice.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

FILE_NAME = "banque.jsonl"
RESERVED, CONFIRMED = "reserved", "confirmed"


@dataclass(frozen=True, slots=True)
class StatementRecord:
    """A statement imported: its file, content hash, format, account, the date up to which it
    is complete, the day it was imported, and the ids of its credits."""

    file: str
    sha256: str
    format: str
    account: str | None
    newest: date | None
    imported_on: date
    ids: tuple[str, ...]
    state: str = CONFIRMED

    def as_json(self, state: str) -> str:
        return json.dumps({"type": "statement", "file": self.file, "sha256": self.sha256,
                           "format": self.format, "account": self.account,
                           "newest": self.newest.isoformat() if self.newest else None,
                           "imported_on": self.imported_on.isoformat(), "ids": list(self.ids),
                           "state": state}, ensure_ascii=False)


def _record(data: dict[str, object]) -> StatementRecord:
    newest = data.get("newest")
    ids = data.get("ids") or []
    if not isinstance(ids, list):
        raise TypeError("ids")
    return StatementRecord(str(data["file"]), str(data.get("sha256", "")),
                           str(data.get("format", "")),
                           str(data["account"]) if data.get("account") else None,
                           date.fromisoformat(str(newest)) if newest else None,
                           date.fromisoformat(str(data["imported_on"])),
                           tuple(str(i) for i in ids), str(data.get("state", CONFIRMED)))


def read_records(path: Path) -> list[StatementRecord]:
    """The records in file order; a torn last line (crash mid-write) is ignored."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    records = []
    for line in text.splitlines():
        try:
            data = json.loads(line)
            if isinstance(data, dict) and data.get("type") == "statement":
                records.append(_record(data))
        except (ValueError, KeyError, TypeError):
            continue
    return records


def append_records(path: Path, records: Iterable[StatementRecord], state: str) -> None:
    """Append `records` in `state`, durably (fsync) before returning."""
    lines = [record.as_json(state) for record in records]
    if not lines:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def confirmed(records: Iterable[StatementRecord]) -> list[StatementRecord]:
    return [record for record in records if record.state == CONFIRMED]


def known_ids(records: Iterable[StatementRecord]) -> set[str]:
    """Ids of the credits of every confirmed statement."""
    return {ident for record in confirmed(records) for ident in record.ids}


def newest_date(records: Iterable[StatementRecord]) -> date | None:
    """The date up to which the confirmed statements know the account (None: never imported)."""
    return max((r.newest for r in confirmed(records) if r.newest is not None), default=None)
