"""Limits: a workbook that would inflate beyond reason, or whose sheets exceed Excel's grid, is
refused before it is parsed — exit 2, a French message, little memory — and a cell longer than
Excel allows is a blocking issue naming it."""

from __future__ import annotations

import os
import re
import resource
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

MB = 1 << 20


def rebuild(book: Path, replace: dict[str, bytes] | None = None,
            stream: tuple[str, bytes, int] | None = None) -> None:
    """Rewrite the package with some parts replaced; `stream` = (part, chunk, count) writes a
    huge part chunk by chunk (a zip bomb) without holding it in memory."""
    temp = book.with_suffix(".tmp")
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED,
                                                        compresslevel=9) as out:
        for item in src.infolist():
            if stream and item.filename == stream[0]:
                continue
            data = (replace or {}).get(item.filename, src.read(item.filename))
            out.writestr(item.filename, data)
        if stream:
            name, chunk, count = stream
            with out.open(name, "w", force_zip64=True) as part:
                part.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                           b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                           b'main"><si><t>')
                for _ in range(count):
                    part.write(chunk)
                part.write(b"</t></si></sst>")
    temp.replace(book)


def peak_child_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def run_isolated(demo, command: str) -> tuple[int, str, float]:
    """The command in a fresh process; its peak memory is measured alone."""
    script = ("import resource, subprocess, sys; "
              "done = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
              "print(done.returncode); print(done.stdout + done.stderr); "
              "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    argv = [sys.executable, "-c", script, sys.executable, "-m", "suivi", command,
            "--config", str(demo.config), "--date", "2026-11-25"]
    env = {**os.environ, "COLUMNS": "400"}
    out = subprocess.run(argv, capture_output=True, text=True, cwd=demo.path, timeout=600,
                         env=env).stdout
    lines = out.strip().splitlines()
    return int(lines[0]), "\n".join(lines[1:-1]), int(lines[-1]) / 1024


@pytest.mark.slow
def test_shared_strings_bomb_is_refused_before_parsing_with_little_memory(demo):
    rebuild(demo.book, stream=("xl/sharedStrings.xml", b"A" * MB, 300))  # 300 MB inflated
    assert demo.book.stat().st_size < 2 * MB
    before = demo.snapshot()
    for command in ("check", "run"):
        code, output, peak = run_isolated(demo, command)
        assert code == 2, output
        assert "sharedStrings.xml" in output and "Mo" in output, output
        assert "inattendue" not in output
        assert peak < 400, f"{command} used {peak:.0f} MB on a refused file"
    assert demo.snapshot() == before


def test_part_size_limit_is_configurable(demo):
    rebuild(demo.book, stream=("xl/sharedStrings.xml", b"<b>x</b>" * 1024, 256))  # 2 MB
    demo.set_config('fichier = "suivi_factures.xlsx"',
                    'fichier = "suivi_factures.xlsx"\ntaille_max_mo = 1')
    outcome = demo.cli("check")
    assert outcome.code == 2 and "sharedStrings.xml" in outcome.output, outcome
    # a sound but very large workbook: the message says which setting to raise, and to what
    assert outcome.says("taille_max_mo = 100"), outcome


def test_inflation_ratio_over_100_is_refused(demo):
    rebuild(demo.book, stream=("xl/sharedStrings.xml", b"\0" * 1024, 20 * 1024))  # 20 MB of zeros
    outcome = demo.cli("check")
    assert outcome.code == 2, outcome
    assert "100" in outcome.output and outcome.clean(), outcome


def _sheet_with(demo, cells: str) -> None:
    with zipfile.ZipFile(demo.book) as src:
        xml = src.read("xl/worksheets/sheet1.xml")
    xml = xml.replace(b"</sheetData>", cells.encode() + b"</sheetData>")
    rebuild(demo.book, replace={"xl/worksheets/sheet1.xml": xml})


@pytest.mark.parametrize(
    ("cells", "words"),
    [('<row r="1048577"><c r="A1048577" t="inlineStr"><is><t>x</t></is></c></row>',
      ["1\u202f048\u202f577", "lignes"]),
     ('<row r="300"><c r="XFE300" t="inlineStr"><is><t>x</t></is></c></row>',
      ["16\u202f385", "colonnes"]),
     ('<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>',
      ["XFD1048576"])],
    ids=["rows", "columns", "far-cell"],
)
def test_sheet_beyond_the_grid_or_too_wide_is_refused_before_loading(demo, cells, words):
    _sheet_with(demo, cells)
    before = demo.snapshot()
    for command in ("check", "run"):
        code, output, peak = run_isolated(demo, command)
        assert code == 2, output
        for word in words:
            assert word in output, (word, output)
        assert "Factures" in output
        assert peak < 600, f"{command} used {peak:.0f} MB"
    assert demo.snapshot() == before


def test_cell_longer_than_excel_allows_is_blocking_and_named(demo):
    # Excel (and openpyxl) cut at 32,767 characters: only another tool writes such a cell
    with zipfile.ZipFile(demo.book) as src:
        xml = src.read("xl/worksheets/sheet1.xml").decode("utf-8")
    long_cell = '<c r="D160" t="inlineStr"><is><t>' + "x" * 40_000 + "</t></is></c>"
    xml, count = re.subn(r'<c r="D160"[^>]*?(?:/>|>.*?</c>)', long_cell, xml, count=1)
    assert count == 1
    rebuild(demo.book, replace={"xl/worksheets/sheet1.xml": xml.encode("utf-8")})
    before = demo.snapshot()
    check = demo.cli("check")
    assert check.code == 2 and "Factures!D160" in check.output, check
    outcome = demo.cli("run")
    assert outcome.code == 2 and "Factures!D160" in outcome.output, outcome
    assert demo.snapshot() == before


def _lie_about_size(book: Path, part: str, size: int) -> None:
    """Patch the zip's local header and central directory to declare `size` bytes for `part`."""
    data = bytearray(book.read_bytes())
    with zipfile.ZipFile(book) as package:
        offset = package.getinfo(part).header_offset
    struct.pack_into("<I", data, offset + 22, size)
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:
        length = struct.unpack_from("<H", data, pos + 28)[0]
        if bytes(data[pos + 46:pos + 46 + length]) == part.encode():
            struct.pack_into("<I", data, pos + 24, size)
        pos = data.find(b"PK\x01\x02", pos + 4)
    book.write_bytes(bytes(data))


@pytest.mark.slow
def test_bomb_whose_zip_directory_lies_about_its_size_is_refused(demo):
    """The declared sizes are not trusted: reading stops at what the directory promised."""
    rebuild(demo.book, stream=("xl/sharedStrings.xml", b"A" * MB, 300))
    _lie_about_size(demo.book, "xl/sharedStrings.xml", 1000)
    before = demo.snapshot()
    code, output, peak = run_isolated(demo, "run")
    assert code == 2, output
    assert "inattendue" not in output and "classeur" in output, output
    assert peak < 400, f"run used {peak:.0f} MB"
    assert demo.snapshot() == before


@pytest.mark.parametrize("ref", ["A1048577", "Z1048577", "AB1048577", "BA1048577", "ABC1048577"])
def test_a_row_beyond_the_grid_is_found_whatever_the_column(tmp_path, ref):
    """The one-pass scan looks at deep rows in every column form (A, AB, BA, ABC)."""
    from suivi.workbook.errors import WorkbookTooLarge
    from suivi.workbook.package import check_extents

    book = tmp_path / "deep.xlsx"
    with zipfile.ZipFile(book, "w") as z:
        z.writestr("xl/worksheets/sheet1.xml",
                   '<worksheet><sheetData><row r="2"><c r="B2"><v>1</v></c></row>'
                   f'<row r="1048577"><c r="{ref}"><v>1</v></c></row></sheetData></worksheet>')
    with pytest.raises(WorkbookTooLarge) as info:
        check_extents(book)
    assert "1\u202f048\u202f577" in str(info.value)


def test_error_values_are_found_with_any_quoting(tmp_path):
    """#N/A written t="e", t='e' or t = "e" is reported at its cell (the reader sees a blank)."""
    from suivi.workbook.package import check_extents

    book = tmp_path / "errors.xlsx"
    with zipfile.ZipFile(book, "w") as z:
        z.writestr("xl/worksheets/sheet1.xml",
                   '<worksheet><sheetData><row r="1"><c r="A1" t="e"><v>#N/A</v></c>'
                   "<c r=\"B1\" t='e'><v>#DIV/0!</v></c><c r=\"C1\" t = \"e\"><v>#REF!</v></c>"
                   '<c r="D1" t="s"><v>0</v></c></row></sheetData></worksheet>')
    assert list(check_extents(book).values()) == [
        {(0, 0): "#N/A", (0, 1): "#DIV/0!", (0, 2): "#REF!"}]


@pytest.mark.parametrize("sheet", ["Paiements", "Lisez-moi"])
def test_a_sheet_read_later_or_never_is_still_cleared_before_the_read_succeeds(tmp_path, sheet):
    """The scan runs beside the reader, sheet by sheet: a stray cell at XFD1048576 on the
    payments sheet (parsed after the invoices) or on a sheet suivi never reads still refuses
    the workbook, naming that sheet and the cell, without calamine ever parsing it."""
    import openpyxl

    from suivi.workbook.errors import WorkbookTooLarge
    from suivi.workbook.read import read_master

    book = tmp_path / "suivi.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Factures"
    wb["Factures"].append(["N° facture", "Client", "Date facture", "Montant TTC"])
    wb["Factures"].append(["FAC2026-001", "Alpha", "05/01/2026", 10])
    wb.create_sheet("Paiements").append(["N° facture", "Date", "Montant"])
    wb.create_sheet("Lisez-moi").append(["à voir"])
    wb.save(book)
    with zipfile.ZipFile(book) as src:
        part = next(n for n in src.namelist() if n.startswith("xl/worksheets/")
                    and _part_title(src, n) == sheet)
        xml = src.read(part)
    rebuild(book, replace={part: xml.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')})
    with pytest.raises(WorkbookTooLarge) as info:
        read_master(book)
    assert sheet in str(info.value) and "XFD1048576" in str(info.value)


def _part_title(package: zipfile.ZipFile, part: str) -> str:
    from suivi.workbook.package import _sheet_names

    return _sheet_names(package, [part])[part]
