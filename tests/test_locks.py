"""Owner files of Excel and LibreOffice, and suivi's own lock (one owner per run)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from test_write_helpers import make_xlsx, sheet_xml

from suivi.workbook import Changes, WorkbookBusy, WorkbookSession, commit
from suivi.workbook.locks import UNKNOWN_USER, check_not_open, hold_lock, lock_path, office_owner

ROOT = Path(__file__).resolve().parent.parent


def excel_owner_file(name: str, *, utf16: bool = True, cp1252_name: str | None = None) -> bytes:
    """165 bytes as Excel writes them: [n][name cp1252, padded to 54] [len16][name UTF-16LE]…"""
    short = (cp1252_name if cp1252_name is not None else name).encode("cp1252", errors="replace")
    data = bytearray(b" " * 165)
    data[0] = len(short)
    data[1 : 1 + len(short)] = short
    if utf16:
        wide = name.encode("utf-16-le")
        data[54:56] = len(name).to_bytes(2, "little")
        data[56 : 56 + len(wide)] = wide
    else:
        data[54:56] = b"\x00\x00"
    return bytes(data)


@pytest.fixture
def workbook(tmp_path) -> Path:
    return make_xlsx(
        tmp_path / "Factures 2026.xlsx",
        {"S": sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>', dimension="A1")},
    )


def test_no_owner_file(workbook):
    assert office_owner(workbook) is None
    check_not_open(workbook)


def test_excel_owner_cp1252_layout(workbook):
    (workbook.parent / f"~${workbook.name}").write_bytes(
        excel_owner_file("Hélène Durand", utf16=False)
    )
    assert office_owner(workbook) == "Hélène Durand"


def test_excel_owner_utf16_layout_preferred(workbook):
    owner = excel_owner_file("Łukasz Żółć", cp1252_name="Lukasz Zolc")
    (workbook.parent / f"~${workbook.name}").write_bytes(owner)
    assert office_owner(workbook) == "Łukasz Żółć"


def test_excel_owner_unreadable(workbook):
    (workbook.parent / f"~${workbook.name}").write_bytes(b"\x00" * 10)
    assert office_owner(workbook) == UNKNOWN_USER
    with pytest.raises(WorkbookBusy, match="utilisateur inconnu"):
        check_not_open(workbook)


def test_libreoffice_lock_file(workbook):
    (workbook.parent / f".~lock.{workbook.name}#").write_text(
        ",Jean-Marc Leroy,PC-COMPTA,25.11.2026 09:12,file:///home/jm/.config/libreoffice/4;",
        encoding="utf-8",
    )
    assert office_owner(workbook) == "Jean-Marc Leroy"


def test_open_workbook_is_refused_naming_owner(workbook):
    (workbook.parent / f"~${workbook.name}").write_bytes(excel_owner_file("Hélène Durand"))
    before = workbook.read_bytes()
    with pytest.raises(WorkbookBusy) as info:
        check_not_open(workbook)
    assert info.value.owner == "Hélène Durand"
    assert "Hélène Durand" in str(info.value) and workbook.name in str(info.value)
    changes = Changes()
    changes.set_cell("S", "A1", 2)
    with pytest.raises(WorkbookBusy, match="Hélène Durand"):
        commit(workbook, changes)
    assert workbook.read_bytes() == before


def test_one_session_owns_the_workbook_for_the_whole_run(workbook):
    """A writing session holds the lock from before the read to after the commit: a second
    session (here in the same process) cannot get in meanwhile, and gets in once it is over."""
    changes = Changes()
    changes.set_cell("S", "A1", 2)
    with WorkbookSession(workbook, write=True, lock_timeout=1) as book:
        with pytest.raises(WorkbookBusy, match="Une autre exécution de suivi"):
            with WorkbookSession(workbook, write=True, lock_timeout=0.3):
                pass
        result = book.commit(changes, backups=0)
    assert result.cells_written == 1
    with WorkbookSession(workbook, write=True, lock_timeout=0.3):
        pass  # released


_HOLDER = textwrap.dedent("""
    import sys, time
    from suivi.workbook.errors import WorkbookBusy
    from suivi.workbook.locks import hold_lock
    start = time.monotonic()
    try:
        with hold_lock(sys.argv[1], timeout=float(sys.argv[2])):
            print(f"acquired {time.monotonic() - start:.2f}")
    except WorkbookBusy as exc:
        print(f"busy {time.monotonic() - start:.2f} {exc}")
        sys.exit(3)
""")


def _other_process(workbook: Path, timeout: float) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(workbook), str(timeout)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def test_second_process_waits_then_fails(workbook):
    with hold_lock(workbook, timeout=1):
        proc = _other_process(workbook, 1.5)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 3, err
    waited = float(out.split()[1])
    assert waited >= 1.4
    assert "Une autre exécution de suivi" in out and "réessayez dans quelques minutes" in out
    assert lock_path(workbook).name == f".{workbook.name}.suivi.lock"


def test_second_process_gets_the_lock_once_released(workbook):
    with hold_lock(workbook, timeout=1):
        proc = _other_process(workbook, 30)
        time.sleep(1.0)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert out.startswith("acquired")
