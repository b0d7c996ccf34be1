"""suivi: suivi des factures clients dans un classeur Excel maître.

As a library (see docs/api.md):

    import suivi
    book = suivi.open("suivi_factures.xlsx")
    book.issues, book.statuses, book.kpis(), book.frames().invoices
"""

__version__ = "0.2.0"


def open(path=None, *, config=None, today=None):  # type: ignore[no-untyped-def]  # noqa: A001
    """Read and check a master workbook; see `suivi.api.open`."""
    from suivi.api import open as open_tracker  # imported on use: `suivi --help` stays fast

    return open_tracker(path, config=config, today=today)


def text(item, lang=None):  # type: ignore[no-untyped-def]
    """The words of an issue or message, in French (default) or English."""
    from suivi.messages import text as render  # imported on use, like `open`

    return render(item, lang)
