"""A writer that dies at any moment leaves the old workbook or the complete new one.

The writer runs in a subprocess (tests/crash_writer.py). It is stopped either at named points
(SUIVI_TEST_CRASH_AT=mid_temp_write|after_backup|before_replace|after_replace, where it calls
os._exit like a power cut) or by SIGKILL from outside at moments spread over a whole commit.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import openpyxl
import pytest
import python_calamine
import xlsxwriter

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def build(path: Path, rows: int) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Factures")
    fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_row(0, 0, ["N°", "Date", "Statut", "TTC"])
    for i in range(1, rows + 1):
        ws.write_string(i, 0, f"F-{i:06d}")
        ws.write_datetime(i, 1, date(2026, 1, 1 + i % 28), fmt)
        ws.write_string(i, 2, "Émise")
        ws.write_number(i, 3, i * 1.5)
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"values": "=Factures!$D$2:$D$10"})
    ws.insert_chart("F2", chart)
    wb.close()
    return path


def _stderr(proc: subprocess.Popen[bytes]) -> str:
    return proc.stderr.read().decode() if proc.stderr else ""


def run_writer(path: Path, crash_at: str | None = None) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.pop("SUIVI_TEST_CRASH_AT", None)
    if crash_at:
        env["SUIVI_TEST_CRASH_AT"] = crash_at
    return subprocess.Popen(
        [sys.executable, str(HERE / "crash_writer.py"), str(path)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def opens(path: Path) -> None:
    wb = openpyxl.load_workbook(path, read_only=True)
    assert wb["Factures"]["A2"].value == "F-000001"
    wb.close()
    sheet = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Factures")
    assert sheet.to_python()[1][0] == "F-000001"


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if ".suivi-tmp-" in p.name]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """(original workbook, the complete new one a normal run produces)."""
    folder = tmp_path_factory.mktemp("small")
    original = build(folder / "original.xlsx", 200)
    reference = folder / "ref" / "Suivi.xlsx"
    reference.parent.mkdir()
    shutil.copyfile(original, reference)
    proc = run_writer(reference)
    assert proc.wait(timeout=120) == 0, _stderr(proc)
    assert reference.read_bytes() != original.read_bytes()
    return original, reference


@pytest.mark.parametrize(
    "point", ["mid_temp_write", "after_backup", "before_replace", "after_replace"]
)
def test_crash_at_named_point(small, tmp_path, point):
    original, reference = small
    path = tmp_path / "Suivi.xlsx"
    shutil.copyfile(original, path)
    proc = run_writer(path, point)
    assert proc.wait(timeout=120) == 77, _stderr(proc)
    if point == "after_replace":
        assert path.read_bytes() == reference.read_bytes()
    else:
        assert path.read_bytes() == original.read_bytes()
        assert temp_files(tmp_path), "the dead run left its temp file"
    opens(path)
    # the next run cleans up and works
    again = run_writer(path)
    assert again.wait(timeout=120) == 0, _stderr(again)
    assert not temp_files(tmp_path)
    opens(path)


def test_sigkill_at_any_moment(tmp_path):
    original = build(tmp_path / "original.xlsx", 30000)
    reference = tmp_path / "ref" / "Suivi.xlsx"
    reference.parent.mkdir()
    shutil.copyfile(original, reference)
    proc = run_writer(reference)
    out, _ = proc.communicate(timeout=120)
    duration = float(out.split()[-1])  # time commit() takes, after the imports
    old, new = original.read_bytes(), reference.read_bytes()
    outcomes = {"old": 0, "new": 0}
    # kills from the start of commit() to well after its end (the last ones on a busy machine
    # too), so that both outcomes are seen: the guarantee is that nothing else ever is
    for step in [*range(12), 20, 40]:
        folder = tmp_path / f"run{step}"
        folder.mkdir()
        path = folder / "Suivi.xlsx"
        shutil.copyfile(original, path)
        proc = run_writer(path)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == b"start"
        time.sleep(duration * step / 10)  # from the start of commit() to after its end
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        data = path.read_bytes()
        assert data in (old, new), f"half-written workbook after a kill at step {step}"
        outcomes["old" if data == old else "new"] += 1
        opens(path)
        assert len(list((folder / ".suivi" / "sauvegardes").glob("*.xlsx"))) <= 1
    assert outcomes["old"] >= 1 and outcomes["new"] >= 1, outcomes
