"""The workbook's edge: reading it, writing it losslessly, and owning it while a run works.

    package.py      what a file is (one sniffing function) and the size limits
    errors.py       one exception tree for reading and writing
    read/           reading with python-calamine into core records
    session.py      one owner per run: open-in-Excel check, lock, fingerprint, commit
    write.py        the lossless writer (Changes → zip-part patch → atomic replace)
    locks.py        Excel/LibreOffice owner files, suivi's lock file
    template.py     the master template (xlsxwriter); kpi_sheet.py the Indicateurs sheets
"""
from .errors import (
                     EncryptedWorkbook,
                     NotAWorkbook,
                     OldXlsFormat,
                     ProtectedSheet,
                     SheetFormatError,
                     WorkbookBusy,
                     WorkbookChanged,
                     WorkbookError,
                     WorkbookNotFound,
                     WorkbookTooLarge,
                     WorkbookWriteError,
)
from .fingerprint import Fingerprint, fingerprint
from .session import WorkbookSession, commit, update_workbook
from .write import Changes, CommitResult

__all__ = ["Changes", "CommitResult", "EncryptedWorkbook", "Fingerprint", "NotAWorkbook",
           "OldXlsFormat", "ProtectedSheet", "SheetFormatError", "WorkbookBusy",
           "WorkbookChanged", "WorkbookError", "WorkbookNotFound", "WorkbookSession",
           "WorkbookTooLarge", "WorkbookWriteError", "commit", "fingerprint", "update_workbook"]
