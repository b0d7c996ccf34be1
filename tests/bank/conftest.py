"""Fixtures of the bank tests."""
from __future__ import annotations

import pytest
from bank_book import book_invoices

from suivi.core.bank_models import OpenInvoice


@pytest.fixture
def book() -> list[OpenInvoice]:
    """The open invoices of `bank_book.BOOK`; the row of each is its position + 2."""
    return book_invoices()
