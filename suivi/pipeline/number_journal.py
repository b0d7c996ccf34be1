"""`.suivi/numeros.jsonl`: every invoice number suivi ever gave, so that none is given twice.

Each number is written twice: `reserved` as soon as it is given, before its PDF is written and
the workbook replaced (fsync'd), then `confirmed` once the commit succeeded. After a crash or a
failure between the two, the next run finds the reservation: if the workbook holds the number, it
was written; if not, and the same row still waits for a number, that row gets the same number
again (its PDF is rendered again, identical); otherwise the number stays burnt (never reused)
and `suivi check` shows the gap.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

FILE_NAME = "numeros.jsonl"
RESERVED, CONFIRMED = "reserved", "confirmed"


@dataclass(frozen=True, slots=True)
class NumberRecord:
    number: str
    row: int
    day: date | None
    client: str = ""
    state: str = CONFIRMED


def read_journal(path: Path) -> list[NumberRecord]:
    """The records, newest state last; a torn last line (crash mid-write) is ignored."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    records = []
    for line in text.splitlines():
        try:
            data = json.loads(line)
            day = data.get("date")
            records.append(NumberRecord(str(data["number"]), int(data.get("row", 0)),
                                        date.fromisoformat(day) if day else None,
                                        str(data.get("client", "")),
                                        data.get("state", CONFIRMED)))
        except (ValueError, KeyError, TypeError):
            continue
    return records


def append_records(path: Path, records: Iterable[NumberRecord], state: str) -> None:
    """Append `records` in `state`, durably (fsync) before returning."""
    lines = [json.dumps({"number": r.number, "row": r.row,
                         "date": r.day.isoformat() if r.day else None,
                         "client": r.client, "state": state}, ensure_ascii=False)
             for r in records]
    if not lines:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def unconfirmed(records: Iterable[NumberRecord]) -> dict[str, NumberRecord]:
    """Numbers reserved and never confirmed, by number."""
    reserved: dict[str, NumberRecord] = {}
    for record in records:
        if record.state == RESERVED:
            reserved[record.number] = record
        else:
            reserved.pop(record.number, None)
    return reserved
