from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# Property and fuzz tests draw the same examples at every run (seeded from each test): a test
# run is reproducible and a CI result does not depend on luck. `HYPOTHESIS_PROFILE=explore`
# draws new examples at each run, to look for new findings.
settings.register_profile("reproducible", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "reproducible"))

# The console decides its width when suivi.cli is first imported: wide enough that no cell
# reference or path of a message is folded across lines in what the tests read.
os.environ["COLUMNS"] = "400"

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "real_xlsx"
sys.path.insert(0, str(Path(__file__).resolve().parent))

import libreoffice  # noqa: E402


@pytest.fixture
def corpus() -> Path:
    """The shared corpus of real workbooks; skip with a message when the folder is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"corpus folder absent: {CORPUS}")
    return CORPUS


@pytest.fixture
def soffice():
    """LibreOffice headless helper module; skip only when LibreOffice is not installed."""
    if libreoffice.SOFFICE is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs it)")
    return libreoffice


@pytest.fixture
def in_folder(tmp_path, monkeypatch):
    """A workbook's folder, the current one (as the batch file starts suivi there)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(autouse=True)
def french_again():
    """Each test starts in French, as each command does: a command run with « --lang en »
    leaves the process in English, and a test calling the library next would read English."""
    from suivi.i18n import set_lang

    set_lang("fr")
    yield
    set_lang("fr")
