"""EPC069-12 "SEPA credit transfer" QR code (the « QR code de virement » banking apps read).

``segno.helpers.make_epc_qr`` draws the code but validates nothing about the IBAN, so the IBAN
is checked with python-stdnum first: no valid IBAN (or nothing to pay) means no QR code,
never an exception. :func:`epc_payload` spells out the payload the code carries, following
the same rules as segno, so that tests and users can read what a banking app will see.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

import segno
from PIL import Image
from segno import helpers
from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError

MAX_NAME = 70
MAX_TEXT = 140
_CHARSETS = (
    "iso-8859-1",
    "iso-8859-2",
    "iso-8859-4",
    "iso-8859-5",
    "iso-8859-7",
    "iso-8859-10",
    "iso-8859-15",
)


@dataclass(frozen=True, slots=True)
class EpcCode:
    """A payment QR code: the text it encodes and the segno symbol to draw."""

    payload: str
    qr: segno.QRCode

    def dark_modules(self) -> list[tuple[int, int, int]]:
        """Runs of dark modules as (row, first column, length), quiet zone excluded."""
        runs = []
        for row, cells in enumerate(self.qr.matrix):
            start = None
            for col, value in enumerate(list(cells) + [0]):
                if value and start is None:
                    start = col
                elif not value and start is not None:
                    runs.append((row, start, col - start))
                    start = None
        return runs

    def rectangles(self) -> list[tuple[int, int, int, int]]:
        """Dark areas as (row, column, width, height): identical runs of consecutive rows merged.

        Fewer, larger rectangles make a smaller and faster-to-draw PDF than one per module.
        """
        done: list[tuple[int, int, int, int]] = []
        open_runs: dict[tuple[int, int], tuple[int, int]] = {}  # (col, width) → (row, height)
        last_row = -1
        for row, col, width in self.dark_modules() + [(len(self.qr.matrix) + 1, -1, 0)]:
            if row != last_row:
                for key, (top, height) in list(open_runs.items()):
                    if top + height < row:
                        done.append((top, key[0], key[1], height))
                        del open_runs[key]
                last_row = row
            if width == 0:
                continue
            key = (col, width)
            if key in open_runs and sum(open_runs[key]) == row:
                top, height = open_runs[key]
                open_runs[key] = (top, height + 1)
            else:
                if key in open_runs:
                    top, height = open_runs.pop(key)
                    done.append((top, key[0], key[1], height))
                open_runs[key] = (row, 1)
        return done


def valid_iban(value: str | None) -> str | None:
    """Compact IBAN when valid (checksum and country format), otherwise None."""
    if not value:
        return None
    try:
        return stdnum_iban.validate(value)
    except ValidationError:
        return None


def valid_bic(value: str | None) -> str | None:
    """Compact BIC when well-formed, otherwise None (the BIC is optional in EPC version 002)."""
    if not value:
        return None
    try:
        return stdnum_bic.validate(value)
    except ValidationError:
        return None


def _amount_text(amount: Decimal) -> str:
    """``EUR1234.56``; trailing zeros dropped as segno does (``EUR12.5``, ``EUR40``)."""
    return f"EUR{amount:.2f}".rstrip("0").rstrip(".")


def epc_payload(name: str, iban: str, amount: Decimal, text: str, bic: str | None) -> str:
    """The EPC QR payload: BCD / 002 / charset / SCT / BIC / name / IBAN / amount / … / text."""
    lines = ["BCD", "002", "", "SCT", bic or "", name, iban, _amount_text(amount), "", "", text]
    data = "\n".join(lines)
    charset = 1  # UTF-8 when no single-byte charset fits
    for index, encoding in enumerate(_CHARSETS, start=2):
        try:
            data.encode(encoding)
        except UnicodeEncodeError:
            continue
        charset = index
        break
    lines[2] = str(charset)
    return "\n".join(lines)


def epc_qr(name: str, iban: str, amount: Decimal, text: str,
           bic: str | None) -> segno.QRCode:
    """EPC069-12 "SEPA credit transfer" QR code, as `segno.helpers.make_epc_qr` makes it (same
    payload, error level M), with a fixed mask pattern: the automatic choice of the mask costs
    two thirds of the time and any of the eight masks gives a valid, readable code."""
    payload = getattr(helpers, "_make_epc_qr_data", None)
    if payload is None:  # a segno without the helper: the public function
        return helpers.make_epc_qr(name=name, iban=iban, amount=amount, text=text, bic=bic)
    data = payload(name, iban, amount, text, None, bic, None, None)
    return segno.make_qr(data, error="m", boost_error=False, mask=0)


def png_bytes(qr: segno.QRCode, scale: int = 4, border: int = 4) -> bytes:
    """The symbol as a black-and-white PNG, `scale` pixels per module and a quiet zone of
    `border` modules: the same pixels as segno's PNG writer, drawn by Pillow (already there
    for fpdf2) in a quarter of the time."""
    size = len(qr.matrix) + 2 * border
    light = b"\xff" * size
    margin = b"\xff" * border
    rows = [light] * border
    rows += [margin + bytes(0 if module & 1 else 255 for module in row) + margin
             for row in qr.matrix]
    rows += [light] * border
    image = Image.frombytes("L", (size, size), b"".join(rows)).convert("1")
    image = image.resize((size * scale, size * scale), Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def epc_code(
    beneficiary: str, iban: str | None, amount: Decimal, text: str, bic: str | None = None
) -> EpcCode | None:
    """The payment QR code, or None when the IBAN is invalid or the amount is not payable."""
    account = valid_iban(iban)
    if account is None or not Decimal("0.01") <= amount <= Decimal("999999999.99"):
        return None
    name = " ".join(beneficiary.split())[:MAX_NAME].strip()
    remittance = " ".join(text.split())[:MAX_TEXT].strip()
    if not name or not remittance:
        return None
    code = valid_bic(bic)
    qr = epc_qr(name, account, amount, remittance, code)
    return EpcCode(payload=epc_payload(name, account, amount, remittance, code), qr=qr)
