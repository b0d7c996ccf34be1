"""Refusals and the guarantees of commit(): fingerprint, backups, permissions, temp files."""

from __future__ import annotations

import os
import shutil
import stat
import time
import zipfile
from pathlib import Path

import pytest
import python_calamine
from lxml import etree
from test_write_helpers import cells_calamine, make_xlsx, sheet_xml

from suivi.workbook import (
    Changes,
    Fingerprint,
    NotAWorkbook,
    OldXlsFormat,
    ProtectedSheet,
    WorkbookChanged,
    WorkbookNotFound,
    WorkbookWriteError,
    commit,
    fingerprint,
    update_workbook,
)
from suivi.workbook.xlsx_values import CellValue

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "real_xlsx"
ROWS = '<row r="1"><c r="A1"><v>1</v></c></row>'


@pytest.fixture
def workbook(tmp_path) -> Path:
    return make_xlsx(
        tmp_path / "Suivi.xlsx",
        {"Factures": sheet_xml(ROWS, dimension="A1"), "Journal": sheet_xml("", dimension="A1")},
    )


def one_change(value: CellValue = "x", sheet: str = "Factures") -> Changes:
    changes = Changes()
    changes.set_cell(sheet, "B2", value)
    return changes


def test_not_a_zip_and_xls_and_xlsb(tmp_path):
    text = tmp_path / "notes.xlsx"
    text.write_text("bonjour")
    with pytest.raises(NotAWorkbook, match=r"n'est pas un classeur Excel \(\.xlsx ou \.xlsm\)"):
        commit(text, one_change())
    old = tmp_path / "ancien.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(
        OldXlsFormat, match=r"Excel 97-2003 \(\.xls\).*enregistrez-le au format \.xlsx"
    ):
        commit(old, one_change())
    binary = tmp_path / "b.xlsb"
    with zipfile.ZipFile(binary, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="r" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/>'
            "</Relationships>",
        )
        z.writestr("xl/workbook.bin", b"\x00")
    with pytest.raises(NotAWorkbook, match=r"classeur binaire \(\.xlsb\)"):
        commit(binary, one_change())
    with pytest.raises(WorkbookNotFound, match="introuvable"):
        commit(tmp_path / "absent.xlsx", one_change())


def test_an_opendocument_spreadsheet_is_named_and_the_way_to_xlsx_given(tmp_path):
    """A tracker kept in LibreOffice's own format (.ods, its default) is recognised and the
    user told how to save it as .xlsx; an OpenDocument text stays « not a workbook »."""
    def package(path, mimetype):
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("mimetype", mimetype)  # first and stored, as ODF asks
            z.writestr("content.xml", "<office:document-content/>")
            z.writestr("META-INF/manifest.xml", "<manifest:manifest/>")
        return path

    ods = package(tmp_path / "suivi.ods", "application/vnd.oasis.opendocument.spreadsheet")
    with pytest.raises(NotAWorkbook, match=r"OpenDocument \(\.ods.*Enregistrer sous.*\.xlsx"):
        commit(ods, one_change())
    renamed = package(tmp_path / "suivi.xlsx", "application/vnd.oasis.opendocument.spreadsheet")
    with pytest.raises(NotAWorkbook, match="OpenDocument"):
        commit(renamed, one_change())
    odt = package(tmp_path / "lettre.odt", "application/vnd.oasis.opendocument.text")
    with pytest.raises(NotAWorkbook, match=r"n'est pas un classeur Excel \(\.xlsx ou \.xlsm\)"):
        commit(odt, one_change())


def test_protected_sheet_refused_nothing_written(tmp_path):
    rows = ROWS
    protected = sheet_xml(
        rows, dimension="A1", tail='<sheetProtection sheet="1" objects="1" scenarios="1"/>'
    )
    path = make_xlsx(tmp_path / "p.xlsx", {"Factures": protected})
    before = path.read_bytes()
    with pytest.raises(
        ProtectedSheet, match="« Factures » de « p.xlsx » est protégée.*Ôtez la protection"
    ):
        commit(path, one_change())
    assert path.read_bytes() == before
    assert not (tmp_path / ".suivi").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".p.xlsx.suivi.lock", "p.xlsx"]


def test_unknown_sheet_lists_existing_ones(workbook):
    with pytest.raises(
        WorkbookWriteError,
        match="« Clients » n'existe pas dans « Suivi.xlsx » \\(feuilles : "
        "« Factures », « Journal »\\)",
    ):
        commit(workbook, one_change(sheet="Clients"))


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus absent")
def test_chart_sheet_cannot_be_a_target(tmp_path):
    path = tmp_path / "c.xlsx"
    shutil.copyfile(CORPUS / "features" / "poi__WithChartSheet.xlsx", path)

    book = python_calamine.CalamineWorkbook.from_path(str(path))
    chart = next(
        m.name for m in book.sheets_metadata if m.typ == python_calamine.SheetTypeEnum.ChartSheet
    )
    with pytest.raises(WorkbookWriteError, match=f"« {chart} » .* feuille graphique"):
        commit(path, one_change(sheet=chart))


def test_sheet_names_are_matched_without_case(workbook):
    commit(workbook, one_change(sheet="factures"), backups=0)
    assert cells_calamine(workbook, "Factures")[(2, 2)] == "x"


def test_workbook_changed_since_fingerprint(workbook):
    taken = fingerprint(workbook)
    commit(workbook, one_change("autre run"), backups=0)  # someone else saved meanwhile
    before = workbook.read_bytes()
    with pytest.raises(WorkbookChanged, match="modifié depuis sa lecture.*Relancez suivi"):
        commit(workbook, one_change("moi"), expected=taken)
    assert workbook.read_bytes() == before


def test_fingerprint_is_about_content_not_mtime(workbook):
    taken = fingerprint(workbook)
    assert taken.size == workbook.stat().st_size and len(taken.sha256) == 64
    os.utime(workbook, ns=(taken.mtime_ns + 5_000_000_000, taken.mtime_ns + 5_000_000_000))
    assert fingerprint(workbook) != taken
    commit(workbook, one_change(), expected=taken, backups=0)
    assert isinstance(taken, Fingerprint)


def test_backups_rotate_and_hold_the_previous_file(workbook):
    folder = workbook.parent / ".suivi" / "sauvegardes"
    for i in range(6):
        previous = workbook.read_bytes()
        result = commit(workbook, one_change(i), backups=3)
        assert result.backup is not None and result.backup.parent == folder
        assert result.backup.read_bytes() == previous
        time.sleep(0.002)
    kept = sorted(folder.iterdir())
    assert len(kept) == 3 and kept[-1] == result.backup
    assert all(p.name.startswith("Suivi-") and p.suffix == ".xlsx" for p in kept)
    unrelated = folder / "Autre-20200101-000000-000000.xlsx"
    unrelated.write_bytes(b"x")
    assert commit(workbook, one_change(9), backups=0).backup is None
    assert unrelated.exists() and len(list(folder.iterdir())) == 4


def test_permissions_kept_and_read_only_refused(workbook):
    os.chmod(workbook, 0o640)
    commit(workbook, one_change(), backups=0)
    assert stat.S_IMODE(workbook.stat().st_mode) == 0o640
    os.chmod(workbook, 0o444)
    with pytest.raises(WorkbookWriteError, match="lecture seule"):
        commit(workbook, one_change("y"))
    os.chmod(workbook, 0o644)


def test_leftover_temp_files_are_removed(workbook):
    leftover = workbook.with_name(f".{workbook.name}.suivi-tmp-123-456")
    leftover.write_bytes(b"half")
    unrelated = workbook.with_name(".autre.xlsx.suivi-tmp-1-2")
    unrelated.write_bytes(b"x")
    commit(workbook, one_change(), backups=0)
    assert not leftover.exists() and unrelated.exists()


def test_update_workbook_commits_on_success_only(workbook):
    before = workbook.read_bytes()
    with pytest.raises(RuntimeError):
        with update_workbook(workbook) as changes:
            changes.set_cell("Factures", "C3", "jamais")
            raise RuntimeError("boom")
    assert workbook.read_bytes() == before
    assert not (workbook.parent / ".suivi").exists()
    with update_workbook(workbook, expected=fingerprint(workbook), backups=1) as changes:
        changes.set_cell("Factures", "C3", "écrit")
        changes.append_rows("Journal", [["ligne"]])
    assert changes.result is not None
    assert changes.result.cells_written == 2 and changes.result.rows_appended == 1
    assert cells_calamine(workbook, "Factures")[(3, 3)] == "écrit"
    with update_workbook(workbook) as nothing:
        pass
    assert nothing.result is None


def test_empty_changes_touch_nothing(workbook):
    before = workbook.stat().st_mtime_ns
    result = commit(workbook, Changes())
    assert result.parts_changed == [] and result.backup is None
    assert workbook.stat().st_mtime_ns == before


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus absent")
def test_xlsm_keeps_macros_and_defined_names_when_a_sheet_is_added(tmp_path):
    source = CORPUS / "features" / "poi__ExcelWithAttachments.xlsm"
    path = tmp_path / source.name
    shutil.copyfile(source, path)
    changes = Changes()
    changes.ensure_sheet("Journal suivi", ["Date", "Action"])
    changes.append_rows("Journal suivi", [["2026-11-25", "test"]])
    commit(path, changes, backups=0)
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    with zipfile.ZipFile(source) as a, zipfile.ZipFile(path) as b:
        assert b.read("xl/vbaProject.bin") == a.read("xl/vbaProject.bin")
        types = etree.fromstring(b.read("[Content_Types].xml"))
        workbook_type = next(
            el.get("ContentType") for el in types if el.get("PartName") == "/xl/workbook.xml"
        )
        assert workbook_type == "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
        old = etree.fromstring(a.read("xl/workbook.xml")).find(f"{main}definedNames")
        new = etree.fromstring(b.read("xl/workbook.xml")).find(f"{main}definedNames")
        assert etree.tostring(new, method="c14n") == etree.tostring(old, method="c14n")
        workbook = etree.fromstring(b.read("xl/workbook.xml"))
        sheets = [el.get("name") for el in workbook.iter(f"{main}sheet")]
    assert sheets[-1] == "Journal suivi"
    assert cells_calamine(path, "Journal suivi") == {
        (1, 1): "Date",
        (1, 2): "Action",
        (2, 1): "2026-11-25",
        (2, 2): "test",
    }
