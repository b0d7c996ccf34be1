"""LibreOffice opens the Indicateurs workbook and draws its charts (PDF, then PNG with pdftoppm)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PIL import Image, ImageStat
from test_kpi_workbook import make_report, previous_rows

from suivi.workbook.kpi_sheet import build_kpi_workbook

PDFTOPPM = shutil.which("pdftoppm")


def chart_pixels(image: Image.Image) -> tuple[int, int]:
    """Pixels of the charts' own colours: green (#70AD47 bars) and orange (#ED7D31 line).

    Nothing else on the first page uses them: tables are black, grey and pale blue.
    """
    green = orange = 0
    data = image.convert("RGB").tobytes()
    for i in range(0, len(data), 3):
        r, g, b = data[i], data[i + 1], data[i + 2]
        if g > r + 40 and g > b + 60:
            green += 1
        elif r > 200 and 90 < g < 160 and b < 90:
            orange += 1
    return green, orange


@pytest.mark.skipif(PDFTOPPM is None, reason="pdftoppm (poppler-utils) is not installed")
def test_libreoffice_renders_the_charts(soffice, tmp_path):
    source = tmp_path / "indicateurs.xlsx"
    source.write_bytes(build_kpi_workbook(make_report(), previous_rows()))
    pdf = next(p for p in soffice.convert(source, "pdf", tmp_path / "out") if p.suffix == ".pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert PDFTOPPM is not None
    subprocess.run(
        [PDFTOPPM, "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
        timeout=120,
    )
    png = next(tmp_path.glob("page*.png"))
    image = Image.open(png)
    width, height = image.size
    assert width > 400 and height > 300
    stat = ImageStat.Stat(image.convert("L"))
    assert stat.var[0] > 500  # a blank page has no variance at all
    green, orange = chart_pixels(image)
    assert green > 300, f"bars of the aging and monthly charts not drawn ({green} green pixels)"
    assert orange > 30, f"DSO line not drawn ({orange} orange pixels)"
