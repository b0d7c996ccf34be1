"""The writer's messages: every code it raises has French and English words, and an error reads
right in either language, nested problems (a refused value, a bad sheet name) included."""

from __future__ import annotations

import re
import string
from datetime import date
from pathlib import Path

import pytest
from test_write_helpers import make_xlsx, sheet_xml

from suivi.i18n import set_lang
from suivi.messages.catalog import writer
from suivi.workbook import Changes, commit
from suivi.workbook.errors import ProtectedSheet, SheetFormatError, WorkbookWriteError
from suivi.workbook.xlsx_values import BadValue, encode_value

ROOT = Path(__file__).resolve().parent.parent
CODE = re.compile(r"""["'](writer\.[a-z0-9_]+)["']""")


@pytest.fixture
def english():
    set_lang("en")
    yield
    set_lang("fr")


def _fields(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def test_both_languages_have_the_same_codes_and_placeholders():
    assert writer.FR.keys() == writer.EN.keys()
    for code in writer.FR:
        assert _fields(writer.FR[code]) == _fields(writer.EN[code]), code


def test_every_code_raised_has_words():
    sources = [*(ROOT / "suivi" / "workbook").glob("*.py")]
    used = {code for path in sources for code in CODE.findall(path.read_text(encoding="utf-8"))}
    assert len(used) >= 45
    assert used <= writer.FR.keys(), sorted(used - writer.FR.keys())


def test_a_refused_value_in_french_and_in_english(english):
    with pytest.raises(WorkbookWriteError) as caught:
        Changes().set_cell("S", "A1", float("inf"))
    assert str(caught.value) == "Value refused for S!A1: the value inf is not a finite number."
    set_lang("fr")
    assert str(caught.value) == "Valeur refusée pour S!A1 : la valeur inf n'est pas un nombre fini."
    with pytest.raises(BadValue, match="^la date 1899-12-31 est antérieure au 1er janvier 1900"):
        encode_value(date(1899, 12, 31), date1904=False)


def test_a_bad_sheet_name_in_english(english):
    with pytest.raises(WorkbookWriteError) as caught:
        Changes().ensure_sheet("a/b", ["x"])
    assert str(caught.value) == (
        "Invalid sheet name: the sheet name 'a/b' holds a forbidden "
        "character ([ ] : * ? / \\). Choose another name."
    )


def test_unknown_sheet_lists_the_sheets_in_each_language(tmp_path, english):
    path = make_xlsx(tmp_path / "Suivi.xlsx", {"Factures": sheet_xml(""), "Journal": sheet_xml("")})
    changes = Changes()
    changes.set_cell("Clients", "A1", 1)
    with pytest.raises(WorkbookWriteError) as caught:
        commit(path, changes, backups=0)
    assert str(caught.value) == (
        "There is no sheet 'Clients' in 'Suivi.xlsx' (sheets: "
        "'Factures', 'Journal'). Check the sheet name in suivi.toml."
    )
    set_lang("fr")
    assert "(feuilles : « Factures », « Journal »)" in str(caught.value)


def test_sheet_errors_name_sheet_and_file(tmp_path, english):
    protected = sheet_xml(
        '<row r="1"><c r="A1"><v>1</v></c></row>', tail='<sheetProtection sheet="1"/>'
    )
    comments = sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row><!-- note -->')
    path = make_xlsx(tmp_path / "p.xlsx", {"Factures": protected, "Notes": comments})
    changes = Changes()
    changes.set_cell("Factures", "B2", "x")
    with pytest.raises(ProtectedSheet) as caught:
        commit(path, changes, backups=0)
    assert str(caught.value).startswith("Sheet 'Factures' of 'p.xlsx' is protected")
    changes = Changes()
    changes.set_cell("Notes", "B2", "x")
    with pytest.raises(SheetFormatError) as error:
        commit(path, changes, backups=0)
    assert str(error.value).startswith(
        "Sheet 'Notes' of 'p.xlsx': the cell area holds XML comments"
    )
    assert error.value.message.code == "writer.sheet_xml_comments"
