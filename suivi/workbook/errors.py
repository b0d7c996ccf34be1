"""One exception tree for everything that can go wrong at the workbook's edge.

    SuiviError
    └── WorkbookError                 the workbook cannot be used as asked (CLI exit code 2)
        ├── WorkbookNotFound
        ├── NotAWorkbook              not an .xlsx/.xlsm package (or damaged)
        │   ├── OldXlsFormat          Excel 97-2003 .xls
        │   └── EncryptedWorkbook     password-protected (an OLE container)
        ├── WorkbookTooLarge          a part or a sheet beyond suivi's limits
        ├── UnreadableWorkbook        readable package, but the invoices cannot be found
        │   ├── EmptySheet
        │   └── HeaderNotFound
        ├── WorkbookWriteError        the changes cannot be written (CLI exit code 1)
        │   ├── ProtectedSheet
        │   ├── SheetFormatError      a sheet's XML suivi cannot patch safely
        │   └── WorkbookChanged       saved by someone else since suivi read it
        └── WorkbookBusy              open in Excel/LibreOffice or another run holds it (exit 3)

Every error carries a message code and its parameters (file, sheet, cell, owner…); the words,
French or English, come from `suivi/messages/catalog/workbook.py`.
"""
from __future__ import annotations

from suivi.messages import SuiviError


class WorkbookError(SuiviError):
    code = "workbook.error"


class WorkbookNotFound(WorkbookError):
    code = "workbook.not_found"


class NotAWorkbook(WorkbookError):
    code = "workbook.not_a_workbook"


class OldXlsFormat(NotAWorkbook):
    code = "workbook.old_xls"


class EncryptedWorkbook(NotAWorkbook):
    code = "workbook.encrypted"


class WorkbookTooLarge(WorkbookError):
    code = "workbook.too_large"


class UnreadableWorkbook(WorkbookError):
    code = "workbook.unreadable"


class EmptySheet(UnreadableWorkbook):
    code = "workbook.empty_sheet"


class HeaderNotFound(UnreadableWorkbook):
    code = "workbook.header_not_found"


class WorkbookWriteError(WorkbookError):
    code = "workbook.write_error"


class ProtectedSheet(WorkbookWriteError):
    code = "workbook.protected_sheet"


class SheetFormatError(WorkbookWriteError):
    code = "workbook.sheet_format"


class WorkbookChanged(WorkbookWriteError):
    code = "workbook.changed"


class WorkbookBusy(WorkbookError):
    code = "workbook.busy"

    @property
    def owner(self) -> str | None:
        return self.params.get("owner")
