"""Exceptions of the lossless writer: re-exported from the one tree in `suivi.workbook.errors`."""
from __future__ import annotations

from .errors import (
                     EncryptedWorkbook,
                     NotAWorkbook,
                     ProtectedSheet,
                     SheetFormatError,
                     WorkbookChanged,
                     WorkbookWriteError,
)

__all__ = ["EncryptedWorkbook", "NotAWorkbook", "ProtectedSheet", "SheetFormatError",
           "WorkbookChanged", "WorkbookWriteError"]
