"""suivi: suivi des factures clients dans un classeur Excel maître.

As a library (see docs/api.md):

    import suivi
    book = suivi.open("suivi_factures.xlsx")
    book.issues, book.statuses, book.kpis(), book.frames().invoices
"""

from __future__ import annotations

import logging
from datetime import date
from os import PathLike
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the names of the signatures below, without importing them at start-up
    from suivi.api import Tracker
    from suivi.core.message import Message
    from suivi.core.models import Issue

__version__ = "0.2.0"

# suivi logs through the `suivi` logger; its records go to the log beside the workbook when a
# command has one (`suivi.cli.runlog`), else nowhere. Without this handler, Python's last-resort
# handler printed every error record of a loose file checked once on stderr, as the raw
# « log.problem(problem=Message(code=…)) » under the French message (the library convention).
logging.getLogger(__name__).addHandler(logging.NullHandler())


def open(path: str | PathLike[str] | None = None, *,
         config: str | PathLike[str] | None = None, today: date | None = None) -> Tracker:
    """Read and check a master workbook; see `suivi.api.open`."""
    from suivi.api import open as open_tracker  # imported on use: `suivi --help` stays fast

    return open_tracker(path, config=config, today=today)


def text(item: Message | Issue | str, lang: str | None = None) -> str:
    """The words of an issue or message, in French (default) or English."""
    from suivi.messages import text as render  # imported on use, like `open`

    return render(item, lang)
