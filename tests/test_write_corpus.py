"""Fidelity on real workbooks (shared/corpus/real_xlsx): the writer's bar.

For every unencrypted corpus file, on a copy: pick the first worksheet that is not protected, set
several cells (accented text, Decimal, date, bool; overwrite an existing value; a cell in a row
that does not exist yet), append two rows; then check that
- every other part is identical (and even stored as the same compressed bytes), member order kept,
  and the changed parts are exactly the expected ones (workbook.xml only gains fullCalcOnLoad,
  styles.xml only gains entries);
- openpyxl (read-only) and python-calamine read the new values, and every untouched cell of the
  sheet is unchanged;
- LibreOffice opens the result and shows the same thing.
"""

from __future__ import annotations

import posixpath
import re
import shutil
import warnings
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import python_calamine
from lxml import etree
from test_write_helpers import cells_calamine, cells_openpyxl, parts_diff, raw_members

from suivi.workbook import (
    Changes,
    EncryptedWorkbook,
    ProtectedSheet,
    WorkbookWriteError,
    commit,
)
from suivi.workbook.xlsx_values import CellValue

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "real_xlsx"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _corpus_files(encrypted: bool) -> list[str]:
    if not CORPUS.is_dir():
        return ["(corpus absent)"]
    return sorted(
        p.relative_to(CORPUS).as_posix()
        for p in CORPUS.glob("*/*.xls*")
        if (p.read_bytes()[:8] == OLE) == encrypted
    )


TEXT = "Réglée — 1 234,56 €"


@dataclass
class Edit:
    """What the corpus test wrote, for the assertions."""

    sheet: str
    sheet_part: str
    expected: dict[tuple[int, int], CellValue]
    overwritten_formula: bool
    appended_from: int


def _worksheets(path: Path) -> list[str]:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    worksheet = python_calamine.SheetTypeEnum.WorkSheet
    return [m.name for m in book.sheets_metadata if m.typ == worksheet]


def _is_protected(path: Path, sheet: str) -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path)
    return bool(wb[sheet].protection.sheet)


def _sheet_part(path: Path, sheet: str) -> str:
    with zipfile.ZipFile(path) as z:
        wb = etree.fromstring(z.read("xl/workbook.xml"))
        rels = etree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    rid = next(
        el.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        for el in wb.iter(f"{NS}sheet")
        if el.get("name") == sheet
    )
    target = next(el.get("Target") for el in rels if el.get("Id") == rid)
    return target.lstrip("/") if target.startswith("/") else "xl/" + target


def _pivot_sheets(path: Path) -> set[str]:
    names = set()
    with zipfile.ZipFile(path) as z:
        wb = etree.fromstring(z.read("xl/workbook.xml"))
        for el in wb.iter(f"{NS}sheet"):
            part = _sheet_part(path, el.get("name"))
            folder, name = part.rsplit("/", 1)
            try:
                rels = z.read(f"{folder}/_rels/{name}.rels")
            except KeyError:
                continue
            if b"/pivotTable" in rels:
                names.add(el.get("name"))
    return names


def _table_parts(path: Path, sheet_part: str) -> set[str]:
    folder, name = sheet_part.rsplit("/", 1)
    with zipfile.ZipFile(path) as z:
        try:
            rels = etree.fromstring(z.read(f"{folder}/_rels/{name}.rels"))
        except KeyError:
            return set()
    return {
        posixpath.normpath(posixpath.join(folder, el.get("Target")))
        for el in rels
        if el.get("Type", "").endswith("/table")
    }


def apply_corpus_edit(original: Path, work: Path) -> Edit:
    """Edit the first unprotected worksheet of `work` (a copy of `original`)."""
    for sheet in _worksheets(original):
        before = cells_openpyxl(original, sheet)
        last_row = max((r for r, _ in before), default=0)
        last_col = max((c for _, c in before), default=0)
        free = last_col + 1
        plain = [
            (pos, v)
            for pos, v in sorted(before.items())
            if not (isinstance(v, str) and v.startswith("="))
        ]
        formulas = [
            (pos, v)
            for pos, v in sorted(before.items())
            if isinstance(v, str) and v.startswith("=")
        ]
        expected: dict[tuple[int, int], CellValue] = {
            (2, free): TEXT,
            (3, free + 1): Decimal("1234.56"),
            (4, free + 2): date(2026, 11, 25),
            (5, free + 3): True,
            (last_row + 4, 1): "ligne neuve",
        }
        if plain:
            expected[plain[0][0]] = "écrasé"
        if formulas:
            expected[formulas[0][0]] = "formule écrasée"
        changes = Changes()
        for (row, col), value in expected.items():
            changes.set_cell(sheet, f"{openpyxl.utils.get_column_letter(col)}{row}", value)
        changes.append_rows(sheet, [["ajout 1", 1, date(2026, 1, 2)], ["ajout 2", Decimal("2.50")]])
        try:
            commit(work, changes, backups=0)
        except ProtectedSheet:
            assert _is_protected(original, sheet), f"{sheet} refused as protected but is not"
            continue
        except WorkbookWriteError as exc:
            if "formule matricielle" in str(exc) and formulas:
                expected.pop(formulas[0][0])
                changes = Changes()
                for (row, col), value in expected.items():
                    changes.set_cell(sheet, f"{openpyxl.utils.get_column_letter(col)}{row}", value)
                changes.append_rows(
                    sheet, [["ajout 1", 1, date(2026, 1, 2)], ["ajout 2", Decimal("2.50")]]
                )
                commit(work, changes, backups=0)
                formulas = []
            else:
                raise
        anchor = max([last_row] + [row for row, _ in expected])  # appends go below
        expected.update(
            {
                (anchor + 1, 1): "ajout 1",
                (anchor + 1, 2): 1,
                (anchor + 1, 3): date(2026, 1, 2),
                (anchor + 2, 1): "ajout 2",
                (anchor + 2, 2): Decimal("2.50"),
            }
        )
        return Edit(sheet, _sheet_part(original, sheet), expected, bool(formulas), anchor + 1)
    pytest.fail(f"{original.name}: no unprotected worksheet")


def _dependents(cells: dict, written: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Formula cells (as openpyxl reads them: "=…") whose text names one of the written cells."""
    names = [
        re.compile(rf"(?<![A-Za-z$0-9])\$?{openpyxl.utils.get_column_letter(c)}\$?{r}(?!\d)")
        for r, c in written
    ]
    return {
        pos
        for pos, value in cells.items()
        if isinstance(value, str) and value.startswith("=") and any(n.search(value) for n in names)
    }


def _same(read: object, wanted: object) -> bool:
    if isinstance(wanted, bool) or isinstance(read, bool):
        return read is wanted
    if isinstance(wanted, Decimal):
        return isinstance(read, (int, float)) and read == float(wanted)
    if isinstance(wanted, date):
        day = read.date() if isinstance(read, datetime) else read
        return day == wanted
    return read == wanted


def _normalised_workbook(data: bytes) -> bytes:
    root = etree.fromstring(data)
    for calc in root.iter(f"{NS}calcPr"):
        calc.attrib.pop("fullCalcOnLoad", None)
        if not calc.attrib:
            calc.getparent().remove(calc)
    return etree.tostring(root, method="c14n")


def _style_sections(data: bytes) -> dict[str, list[bytes]]:
    root = etree.fromstring(data)
    return {
        etree.QName(sec).localname: [etree.tostring(el, method="c14n") for el in sec]
        for sec in root
    }


@pytest.fixture
def corpus_copy(corpus, tmp_path, request):
    name = request.param
    original = corpus / name
    work = tmp_path / original.name
    shutil.copyfile(original, work)
    return original, work


@pytest.mark.parametrize("corpus_copy", _corpus_files(encrypted=False), indirect=True)
def test_corpus_lossless_edit(corpus_copy):
    original, work = corpus_copy
    edit = apply_corpus_edit(original, work)

    added, removed, changed = parts_diff(original, work)
    assert not added
    tables = _table_parts(original, edit.sheet_part)
    allowed = {
        edit.sheet_part,
        "xl/workbook.xml",
        "xl/styles.xml",
        "xl/calcChain.xml",
        "[Content_Types].xml",
        "xl/_rels/workbook.xml.rels",
    } | tables
    assert edit.sheet_part in changed
    assert changed <= allowed, changed - allowed
    assert removed <= {"xl/calcChain.xml"}
    if removed:
        assert changed >= {"[Content_Types].xml", "xl/_rels/workbook.xml.rels"}
    else:
        assert not changed & {"[Content_Types].xml", "xl/_rels/workbook.xml.rels"}
    if "xl/calcChain.xml" in changed | removed:
        assert edit.overwritten_formula

    with zipfile.ZipFile(original) as a, zipfile.ZipFile(work) as b:
        old_wb, new_wb = a.read("xl/workbook.xml"), b.read("xl/workbook.xml")
        assert b'fullCalcOnLoad="1"' in new_wb
        assert ("xl/workbook.xml" in changed) == (b'fullCalcOnLoad="1"' not in old_wb)
        assert _normalised_workbook(old_wb) == _normalised_workbook(new_wb)
        if "xl/styles.xml" in changed:
            old_st = _style_sections(a.read("xl/styles.xml"))
            new_st = _style_sections(b.read("xl/styles.xml"))
            assert set(new_st) >= set(old_st)
            for section, entries in old_st.items():
                assert new_st[section][: len(entries)] == entries, section  # only appended
        order = [n for n in a.namelist() if n not in removed]
        assert b.namelist() == order

    before_raw, after_raw = raw_members(original), raw_members(work)
    for name in before_raw.keys() - changed - removed:
        assert after_raw[name] == before_raw[name], f"{name} not copied byte for byte"

    positions = set(edit.expected)
    for reader in (cells_openpyxl, cells_calamine):
        old, new = reader(original, edit.sheet), reader(work, edit.sheet)
        for pos, wanted in edit.expected.items():
            assert _same(new.get(pos), wanted), (reader.__name__, pos, new.get(pos), wanted)
        untouched_old = {p: v for p, v in old.items() if p not in positions}
        untouched_new = {p: v for p, v in new.items() if p not in positions}
        # a formula that refers to a written cell gets its cached result recomputed or dropped
        # (calamine reads cached results); every other cell stays as it was
        if reader is cells_calamine:
            dependents = _dependents(cells_openpyxl(original, edit.sheet), positions)
            untouched_old = {p: v for p, v in untouched_old.items() if p not in dependents}
            untouched_new = {p: v for p, v in untouched_new.items() if p not in dependents}
        if reader is cells_openpyxl or not edit.overwritten_formula:
            assert untouched_new == untouched_old, reader.__name__
        else:  # calamine reads cached results; they stay as they were
            assert untouched_new.keys() == untouched_old.keys()


@pytest.mark.parametrize("corpus_copy", _corpus_files(encrypted=False), indirect=True)
def test_corpus_libreoffice_opens_result(corpus_copy, soffice, tmp_path):
    original, work = corpus_copy
    edit = apply_corpus_edit(original, work)
    before = soffice.sheets_as_csv(original, tmp_path / "before")
    after = soffice.sheets_as_csv(work, tmp_path / "after")
    assert set(after) == set(before)
    rows = after[edit.sheet]

    def shown(row: int, col: int) -> str:
        return rows[row - 1][col - 1] if row <= len(rows) and col <= len(rows[row - 1]) else ""

    for (row, col), wanted in edit.expected.items():
        if isinstance(wanted, str):
            assert shown(row, col) == wanted, (row, col)
        elif isinstance(wanted, bool):
            assert shown(row, col).upper() in ("TRUE", "VRAI"), (row, col)
        else:
            assert shown(row, col) != "", (row, col)
    formulas = {
        p
        for p, v in cells_openpyxl(original, edit.sheet).items()
        if isinstance(v, str) and v.startswith("=")
    }
    old_rows = before[edit.sheet]
    for r, line in enumerate(old_rows, start=1):
        for c, text in enumerate(line, start=1):
            if (r, c) not in edit.expected and (r, c) not in formulas:
                assert shown(r, c) == text, (r, c)
    # LibreOffice refreshes pivot tables from their (edited) source on load: those may differ.
    for name in set(before) - {edit.sheet} - _pivot_sheets(original):
        assert after[name] == before[name], name


@pytest.mark.parametrize("name", _corpus_files(encrypted=True))
def test_corpus_encrypted_workbook_refused(corpus, tmp_path, name):
    work = tmp_path / Path(name).name
    shutil.copyfile(corpus / name, work)
    before = work.read_bytes()
    changes = Changes()
    changes.set_cell("Feuil1", "A1", "x")
    with pytest.raises(EncryptedWorkbook, match="protégé par un mot de passe") as info:
        commit(work, changes)
    assert work.name in str(info.value)
    assert work.read_bytes() == before
    assert not (tmp_path / ".suivi").exists()
