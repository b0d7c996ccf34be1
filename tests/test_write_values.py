"""Values and references as SpreadsheetML text, and the zip plumbing, spelled out by hand."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time
from decimal import Decimal

import pytest
from test_write_helpers import make_xlsx, parts_diff, raw_members, sheet_xml

from suivi.workbook import Changes, commit
from suivi.workbook.xlsx_styles import is_date_format_code
from suivi.workbook.xlsx_values import (
    BadValue,
    CellRange,
    column_index,
    column_letters,
    encode_value,
    excel_serial,
    parse_range,
    parse_ref,
)


@pytest.mark.parametrize(
    "ref, expected",
    [("A1", (1, 1)), ("M12", (12, 13)), ("$AB$7", (7, 28)), ("xfd1048576", (1048576, 16384))],
)
def test_parse_ref(ref, expected):
    assert parse_ref(ref) == expected


@pytest.mark.parametrize("ref", ["", "12M", "A0", "XFE1", "A1048577", "A1:B2", "Feuil1!A1"])
def test_parse_ref_rejects(ref):
    with pytest.raises(ValueError):
        parse_ref(ref)


def test_columns_and_ranges():
    assert [column_letters(n) for n in (1, 26, 27, 52, 703, 16384)] == [
        "A",
        "Z",
        "AA",
        "AZ",
        "AAA",
        "XFD",
    ]
    assert column_index("aa") == 27
    assert parse_range("$B$3:$A$1") == CellRange(1, 1, 3, 2)
    assert str(parse_range("C5")) == "C5"
    assert str(CellRange(1, 1, 20, 6).with_last_row(22)) == "A1:F22"


@pytest.mark.parametrize(
    "value, date1904, expected",
    [
        (date(1900, 1, 1), False, ("1", False)),
        (date(1900, 2, 28), False, ("59", False)),
        (date(1900, 3, 1), False, ("61", False)),  # Excel's phantom 29 February 1900 is serial 60
        (date(2026, 11, 25), False, ("46351", False)),
        (date(1904, 1, 1), True, ("0", False)),
        (date(2026, 11, 25), True, ("44889", False)),
        (datetime(2026, 11, 25, 12, 0), False, ("46351.5", True)),
        (datetime(2026, 11, 25, 0, 0), False, ("46351", False)),
    ],
)
def test_excel_serial(value, date1904, expected):
    assert excel_serial(value, date1904) == expected


@pytest.mark.parametrize(
    "value, kind, text",
    [
        ("a<b & c>", "str", "a&lt;b &amp; c&gt;"),
        ("x\r\ny\x00z\ufffe", "str", "x&#13;\nyz"),
        ("_x0041_", "str", "_x005F_x0041_"),
        (True, "bool", "1"),
        (0, "num", "0"),
        (-12345678901234567890, "num", "-12345678901234567890"),
        (Decimal("1234.56"), "num", "1234.56"),
        (Decimal("1E+3"), "num", "1000"),
        (Decimal("-0.00"), "num", "-0.00"),
        (0.1, "num", "0.1"),
        (time(18, 0), "date", "0.75"),
        (None, "clear", ""),
    ],
)
def test_encode_value(value, kind, text):
    encoded = encode_value(value, date1904=False)
    assert (encoded.kind, encoded.text) == (kind, text)


@pytest.mark.parametrize(
    "value, message",
    [
        (float("inf"), "nombre fini"),
        (Decimal("NaN"), "nombre fini"),
        (date(1899, 12, 31), "antérieure au 1er janvier 1900"),
        (b"bytes", "type de valeur"),
        ("é" * 32768, "au plus 32767"),
    ],
)
def test_encode_value_refuses(value, message):
    with pytest.raises(BadValue, match=message):
        encode_value(value, date1904=False)


@pytest.mark.parametrize(
    "code, is_date",
    [
        ("dd/mm/yyyy", True),
        ("[$-40C]d mmmm yyyy", True),
        ("hh:mm", True),
        ("[h]:mm:ss", True),
        ('#,##0.00\\ "€"', False),
        ("0.00E+00", False),
        ("General", False),
        ("[Red]0.00", False),
        ('"Payé le "0', False),
        ("0;[Red]-0", False),
    ],
)
def test_date_format_detection(code, is_date):
    assert is_date_format_code(code) is is_date


def test_raw_copy_keeps_stored_members_comment_and_data_descriptors(tmp_path):
    """Members stored without compression, written with data descriptors (unseekable output)
    or with extra fields are copied as their exact bytes; the archive comment is kept."""
    path = make_xlsx(
        tmp_path / "z.xlsx", {"S": sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>')}
    )
    with zipfile.ZipFile(path) as z:
        parts = [(info, z.read(info)) for info in z.infolist()]

    class Unseekable(io.RawIOBase):
        def __init__(self, target):
            self.target = target

        def writable(self):
            return True

        def write(self, data):
            return self.target.write(data)

    with open(path, "wb") as raw:
        with zipfile.ZipFile(Unseekable(raw), "w") as z:
            for info, data in parts:
                stored = info.filename == "xl/sharedStrings.xml"
                z.writestr(
                    info.filename,
                    data,
                    compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED,
                )
            z.writestr("xl/media/logo.png", b"\x89PNG" + bytes(range(256)) * 4, zipfile.ZIP_STORED)
            z.comment = b"archive comment"
    before = tmp_path / "before.xlsx"
    before.write_bytes(path.read_bytes())
    with zipfile.ZipFile(before) as z:
        assert any(info.flag_bits & 0x08 for info in z.infolist())
    changes = Changes()
    changes.set_cell("S", "B1", "ok")
    commit(path, changes, backups=0)
    added, removed, changed = parts_diff(before, path)
    assert changed == {"xl/worksheets/sheet1.xml", "xl/workbook.xml"} and not added and not removed
    old, new = raw_members(before), raw_members(path)
    for name in old.keys() - changed:
        assert new[name] == old[name]
    with zipfile.ZipFile(path) as z:
        assert z.comment == b"archive comment"
        assert z.testzip() is None
        assert z.getinfo("xl/media/logo.png").compress_type == zipfile.ZIP_STORED
