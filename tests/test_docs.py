"""Documentation stays true: every command documented with an example, README's two commands,
docs pages that the README links to exist."""

import re
from pathlib import Path

import pytest

from suivi.cli import cli

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_and_an_example(name):
    command = cli.commands[name]
    assert command.help and "Example:" in command.help, f"suivi {name} lacks an Example"
    for param in command.params:
        if param.param_type_name == "option":
            assert param.help, f"suivi {name} {param.opts} lacks help"


def test_readme_has_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python -m pip install -e . && suivi demo DOSSIER" in readme
    assert 'python -m pip install -e ".[test]" && python -m pytest' in readme


def test_readme_links_point_to_existing_files():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\(((?:docs|examples)/[^)#]+)\)", readme):
        assert (ROOT / target).exists(), target


def test_readme_lists_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"suivi {name}" in readme, name
