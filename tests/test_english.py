"""`--lang en` (and `langue = "en"` in suivi.toml) is complete: check, run, remind, send, kpi
and the digest files say nothing from the French catalogue."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from suivi.cli import cli
from suivi.messages import catalogue

DAY = "2026-11-25"


def french_fragments() -> list[str]:
    """Literal pieces of the French templates long enough to be unmistakable, when the English
    template differs."""
    fr, en = catalogue("fr"), catalogue("en")
    pieces = set()
    for code, template in fr.items():
        if template == en.get(code):
            continue
        for piece in re.split(r"\{[^}]*\}", template):
            piece = piece.strip(" .,:;()«»'\"")
            if len(piece) >= 18 and not piece.startswith(("suivi ", "[")):
                pieces.add(piece)
    return sorted(pieces)


def french_in(output: str) -> list[str]:
    flat = " ".join(output.split())
    return [piece for piece in french_fragments() if " ".join(piece.split()) in flat]


def invoke(args: list[str]):
    """The command, on a console wide enough that no message is wrapped."""
    return CliRunner().invoke(cli, args, env={"COLUMNS": "3000"})


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("english") / "demo"
    result = invoke(["demo", str(folder), "--date", DAY, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert french_in(result.output) == []
    return folder


@pytest.mark.parametrize("args", [
    ["check"], ["run", "--dry-run", "--verbose"], ["remind", "--dry-run", "--verbose"],
    ["send", "--dry-run"], ["kpi"], ["check", "--json"], ["run", "--dry-run", "--json"],
])
def test_commands_speak_english(demo, args):
    result = invoke([*args, "--config", str(demo / "suivi.toml"), "--date", DAY, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert french_in(result.output) == []


def test_langue_en_in_the_configuration_makes_english_the_default(demo):
    config = demo / "suivi.toml"
    text = config.read_text(encoding="utf-8")
    english = (text.replace('langue = "fr"', 'langue = "en"', 1) if "[general]" in text
               else '[general]\nlangue = "en"\n\n' + text)
    config.write_text(english, encoding="utf-8")
    try:
        result = invoke(["check", "--config", str(config), "--date", DAY])
    finally:
        config.write_text(text, encoding="utf-8")
    assert "headers on row 1" in result.output and "warning(s)" in result.output
    assert french_in(result.output) == []


def test_the_digest_files_are_english(demo):
    digests = list((demo / "relances").rglob("a_faire.txt"))
    assert digests
    for path in digests:
        assert french_in(path.read_text(encoding="utf-8")) == []
        assert "Reminders of" in path.read_text(encoding="utf-8")


def test_the_french_output_is_recognised_as_french(demo):
    """The detector works: the same command in French shows catalogue fragments."""
    result = invoke(["run", "--dry-run", "--verbose", "--config", str(demo / "suivi.toml"),
                     "--date", DAY, "--lang", "fr"])
    assert len(french_in(result.output)) >= 3
