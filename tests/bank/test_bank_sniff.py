"""The format is told by the content; what is not a statement is refused with a clear message."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from suivi.bank import NotAStatement, StatementError, UnsupportedFormat, read_statement
from suivi.i18n import set_lang

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def french():
    set_lang("fr")
    yield
    set_lang("fr")


@pytest.mark.parametrize("name, expected", [
    ("releve.pdf", "releve.pdf : format PDF non pris en charge."),
    ("mt940.sta", "mt940.sta : format SWIFT MT940 non pris en charge."),
    ("cfonb120.txt", "cfonb120.txt : format CFONB 120 non pris en charge."),
])
def test_known_formats_suivi_does_not_read(name: str, expected: str) -> None:
    with pytest.raises(UnsupportedFormat) as caught:
        read_statement(DATA / name)
    assert str(caught.value).startswith(expected)
    assert "au format CSV, OFX ou CAMT.053" in str(caught.value)  # what to do instead


def test_an_excel_statement_says_how_to_save_it_as_csv(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Date", "Libellé", "Montant"])
    book.save(tmp_path / "releve.xlsx")
    with pytest.raises(UnsupportedFormat) as caught:
        read_statement(tmp_path / "releve.xlsx")
    assert "Enregistrer sous > CSV" in str(caught.value)


def test_empty_file() -> None:
    with pytest.raises(NotAStatement) as caught:
        read_statement(DATA / "vide.csv")
    assert str(caught.value) == "vide.csv : le fichier est vide."


def test_missing_file() -> None:
    with pytest.raises(StatementError) as caught:
        read_statement(DATA / "absent.csv")
    assert "absent.csv : fichier introuvable." in str(caught.value)


def test_extension_is_not_trusted(tmp_path: Path) -> None:
    """An OFX saved as .csv and a CAMT.053 saved as .txt are read as what they are."""
    shutil.copy(DATA / "releve_ofx1.ofx", tmp_path / "export.csv")
    shutil.copy(DATA / "camt053_v08.xml", tmp_path / "export.txt")
    assert read_statement(tmp_path / "export.csv").format == "ofx1"
    assert read_statement(tmp_path / "export.txt").format == "camt.053.001.08"
