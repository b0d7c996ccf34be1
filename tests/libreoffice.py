"""Run LibreOffice headless from tests, one private profile per call.

Several soffice processes sharing one user profile block each other, so every call gets its own
`-env:UserInstallation`. Tests that need LibreOffice use the `soffice` fixture from conftest.py,
which skips with a message only when LibreOffice is not installed (`.ci/run` installs it).
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

# Text CSV, comma, double quote, UTF-8 (76), first line 1; raw values (not "as shown": dates
# come out as MM/DD/YYYY, numbers without grouping), all sheets (-1).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def convert(src: Path, fmt: str, outdir: Path, timeout: int = 180) -> list[Path]:
    """Convert `src` with soffice --headless --convert-to `fmt` into `outdir`; return new files."""
    if SOFFICE is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    outdir.mkdir(parents=True, exist_ok=True)
    before = set(outdir.iterdir())
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        proc = subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                fmt,
                "--outdir",
                str(outdir),
                str(src),
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    made = sorted(set(outdir.iterdir()) - before)
    if proc.returncode != 0 or not made:
        raise RuntimeError(
            f"soffice failed on {src}: rc={proc.returncode}\n{proc.stdout}\n{proc.stderr}"
        )
    return made


def sheets_as_csv(src: Path, outdir: Path) -> dict[str, list[list[str]]]:
    """Every sheet of `src` as rows of text, read back from LibreOffice's CSV export.

    With the "all sheets" filter option LibreOffice writes one file per sheet named
    `<stem>-<SheetName>.csv`. The dict is keyed by sheet name.
    """
    made = convert(src, CSV_FILTER, outdir)
    result: dict[str, list[list[str]]] = {}
    for path in made:
        name = path.stem[len(src.stem) + 1 :] if path.stem.startswith(src.stem + "-") else path.stem
        text = path.read_text(encoding="utf-8")
        result[name] = list(csv.reader(io.StringIO(text)))
    return result
