"""Shared helpers for the production tests (no tests here): entity folders made as a user makes
them (a workbook and its suivi.toml), the CLI, the review sheet as the team edits it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from click.testing import CliRunner, Result
from python_calamine import CalamineWorkbook
from test_daily import overdue_book, seller_config  # noqa: F401 - re-exported

from suivi.cli import cli
from suivi.workbook import update_workbook
from suivi.workbook.template import MasterData, build_master

TODAY = "2026-11-25"
REVIEW = "Relances à envoyer"
ALPHA = ["Alpha SARL", "Société", "732829320", None, "1 rue A, 69001 Lyon", None,
         "compta@alpha.example", "04 00 00 00 00", "30 jours", None, "fr", "Oui", None]


def invoke(*args, env=None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)


def small_entity(folder: Path, *, bad: bool = False, toml: str = "") -> Path:
    """An entity folder: suivi.toml and a workbook with one overdue and one paid invoice (and,
    with `bad`, a duplicate number: an error, exit 1). Returns the workbook."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = [
        ["FAC2026-001", date(2026, 9, 1), "Alpha SARL", "Conseil", 100, 20, 120, "30 jours",
         date(2026, 10, 1), None, None, None, "émise"],
        ["FAC2026-002", date(2026, 11, 20), "Alpha SARL", "Conseil", 200, 40, 240, "30 jours",
         date(2026, 12, 20), 240, date(2026, 11, 22), None, "émise"],
    ]
    if bad:
        rows.append(["FAC2026-002", date(2026, 11, 21), "Alpha SARL", "Doublon", 10, 2, 12,
                     "30 jours", date(2026, 12, 21), None, None, None, None])
    data = MasterData()
    data.clients = [list(ALPHA)]
    data.invoices = [r + [None] * 11 for r in rows]
    book = folder / "suivi_factures.xlsx"
    build_master(book, data)
    (folder / "suivi.toml").write_text('[classeur]\nfichier = "suivi_factures.xlsx"\n' + toml,
                                       encoding="utf-8")
    return book


def open_in_excel(book: Path, name: str = "Marie Dubois") -> None:
    """The owner file Excel leaves beside a workbook it has open."""
    owner = bytes([len(name)]) + name.encode("cp1252") + b" " * (53 - len(name))
    owner += len(name).to_bytes(2, "little") + name.encode("utf-16-le")
    (book.parent / f"~${book.name}").write_bytes(owner.ljust(165, b"\x00"))


def add_toml(config: Path, text: str) -> None:
    config.write_text(config.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")


def smtp_lines(smtp: dict) -> str:
    return "[smtp]\n" + "\n".join(f"{k} = {json.dumps(v)}" for k, v in smtp.items())


def review_rows(book: Path) -> list[list]:
    """The review sheet's data rows as the workbook holds them (below the header row)."""
    rows = CalamineWorkbook.from_path(str(book)).get_sheet_by_name(REVIEW).to_python()
    return [row for row in rows[3:] if any(v not in ("", None) for v in row)]


def choose(book: Path, choices: dict[str, str]) -> None:
    """The team types Oui or Non in the « Envoyer » cell of the rows of these clients."""
    with update_workbook(book) as changes:
        for offset, row in enumerate(review_rows(book)):
            if row[0] in choices:
                changes.set_cell(REVIEW, f"G{4 + offset}", choices[row[0]])
