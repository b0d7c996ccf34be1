"""Exceptions of the lossless writer (re-exported by suivi.workbook.write).

Every message is French, names the file (and sheet, cell) and ends with what to do.
"""
from __future__ import annotations


class WorkbookWriteError(Exception):
    """The workbook cannot be written as asked; the message (French) says why and what to do."""


class EncryptedWorkbook(WorkbookWriteError):
    """The file is an OLE/CFB container: a password-protected workbook (or an old .xls)."""


class NotAWorkbook(WorkbookWriteError):
    """The file is not an .xlsx/.xlsm package."""


class ProtectedSheet(WorkbookWriteError):
    """The target sheet is protected (<sheetProtection sheet="1">)."""


class WorkbookChanged(WorkbookWriteError):
    """The file on disk is not the one suivi read (someone saved it in between)."""
