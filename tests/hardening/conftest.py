"""Shared fixtures for the hardening tests: a fresh copy of the demo folder (workbook and
suivi.toml, before any run), the CLI run the way a user runs it, and a snapshot of every file
in the folder so a test can assert that a refused run wrote nothing at all."""

from __future__ import annotations

import hashlib
import os

# The console decides its width when suivi.cli is first imported: wide enough that no cell
# reference or path of a message is folded across lines in what the tests read.
os.environ["COLUMNS"] = "400"
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from suivi.cli import cli
from suivi.demo import write_demo

TODAY = date(2026, 11, 25)  # a Wednesday
CORPUS_DIR = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "real_xlsx"
UNEXPECTED = ("erreur inattendue", "unexpected error", "Traceback")


@dataclass
class Outcome:
    code: int
    output: str

    def __str__(self) -> str:
        return f"exit {self.code}\n{self.output}"

    @property
    def flat(self) -> str:
        """The output without any white space: long paths that the console folded are whole."""
        return "".join(self.output.split())

    def says(self, words: str) -> bool:
        """`words` are in the output, even where the console folded a long line."""
        return words in self.output or "".join(words.split()) in self.flat

    def clean(self) -> bool:
        """No trace of an unexpected error in what the user saw."""
        return not any(mark in self.output for mark in UNEXPECTED)


@dataclass
class Folder:
    """A demo folder as a user has it: suivi.toml and the workbook side by side."""

    path: Path

    @property
    def book(self) -> Path:
        return self.path / "suivi_factures.xlsx"

    @property
    def config(self) -> Path:
        return self.path / "suivi.toml"

    @property
    def numbers(self) -> Path:
        return self.path / ".suivi" / "numeros.jsonl"

    def cli(self, *args: object, env: dict[str, str] | None = None, today: date = TODAY) -> Outcome:
        """`suivi ARGS --config suivi.toml --date TODAY`, in-process, as the user's shell would."""
        argv = [str(a) for a in args] + ["--config", str(self.config), "--date", today.isoformat()]
        result = CliRunner().invoke(cli, argv, env={"COLUMNS": "400", **(env or {})},
                                    catch_exceptions=False)
        return Outcome(result.exit_code, result.output)

    def subprocess(self, *args: object, env: dict[str, str] | None = None,
                   today: date = TODAY) -> Outcome:
        """The same, in a separate process (for crashes, kills and resource limits)."""
        argv = [sys.executable, "-m", "suivi", *map(str, args),
                "--config", str(self.config), "--date", today.isoformat()]
        full = {**os.environ, "COLUMNS": "400", **(env or {})}
        done = subprocess.run(argv, capture_output=True, text=True, env=full, cwd=self.path,
                              timeout=600)
        return Outcome(done.returncode, done.stdout + done.stderr)

    def edit(self, change) -> None:
        """Edit the workbook as a user would in a spreadsheet (openpyxl stands in for Excel)."""
        book = openpyxl.load_workbook(self.book)
        change(book)
        book.save(self.book)

    def set_config(self, old: str, new: str) -> None:
        text = self.config.read_text(encoding="utf-8")
        assert old in text, old
        self.config.write_text(text.replace(old, new, 1), encoding="utf-8")

    def add_config(self, block: str) -> None:
        with self.config.open("a", encoding="utf-8") as handle:
            handle.write("\n" + block.strip() + "\n")

    def snapshot(self) -> dict[str, str]:
        """Every file under the folder (lock files and logs aside) with its content hash."""
        files = {}
        for path in sorted(self.path.rglob("*")):
            if not path.is_file() or path.name.endswith(".lock") or "logs" in path.parts:
                continue
            files[str(path.relative_to(self.path))] = hashlib.sha256(path.read_bytes()).hexdigest()
        return files

    def pdfs(self) -> list[str]:
        return sorted(p.name for p in (self.path / "factures").rglob("*.pdf")) if (
            self.path / "factures").exists() else []


@pytest.fixture(scope="session")
def demo_source(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo-source") / "demo"
    write_demo(folder, TODAY)
    return folder


@pytest.fixture
def demo(demo_source, tmp_path) -> Folder:
    """A fresh copy of the demo folder, before any run."""
    target = tmp_path / "demo"
    shutil.copytree(demo_source, target)
    return Folder(target)


def rows_to_issue(book_path: Path) -> list[int]:
    """Rows of the Factures sheet whose status is « à émettre »."""
    sheet = openpyxl.load_workbook(book_path, read_only=True)["Factures"]
    return [i for i, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2)
            if row[12] == "à émettre"]


def last_issued_row(book_path: Path) -> tuple[int, str]:
    """The row and number of the last invoice with a number and status « émise »."""
    sheet = openpyxl.load_workbook(book_path, read_only=True)["Factures"]
    found = (0, "")
    for i, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        if row[0] and row[12] == "émise" and str(row[0]).startswith("FAC"):
            found = (i, str(row[0]))
    return found
