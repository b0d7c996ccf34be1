"""Exceptions of the lossless writer: the classes of `suivi.workbook.errors`, re-exported for
the modules that still import them from here (this module is on its way out)."""
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
