"""`fast_init`: the records suivi makes by the hundred thousand are built faster, the same."""
from __future__ import annotations

import dataclasses
import pickle
from datetime import date
from decimal import Decimal

import pytest

from suivi.core.fastinit import fast_init, fast_replace
from suivi.core.models import CellRef, Invoice, InvoiceKind, JournalEntry, Payment

ALL_FIELDS = {
    Invoice: ("Factures", 12, "FAC2026-001", date(2026, 11, 2), "Client SA", "Audit",
              Decimal("100"), Decimal("20"), Decimal("120"), "30 jours", date(2026, 12, 2),
              True, Decimal("50"), date(2026, 11, 20), "partielle", 2, "Relance 1",
              date(2026, 11, 10), "Relance 2", date(2026, 12, 10), "Léa", "BC-1", True,
              "contesté", date(2026, 12, 1), "note", "f.pdf", InvoiceKind.CREDIT_NOTE,
              Decimal("20"), "FAC2026-000", "mention", "services", "ENG-1",
              (date(2026, 10, 1), date(2026, 10, 31)), "exonéré", "USD", True,
              ((2, date(2026, 10, 1)), (5, None)), date(2026, 12, 15), Decimal("300"),
              (Decimal("200"), "G"),
              ("AV-3", "F"), date(2026, 10, 15)),
    Payment: (date(2026, 11, 3), Decimal("12.50"), "FAC1", "Client", "virement", "REF",
              CellRef("Paiements", 4, "B"), "releve.csv", "TX-9"),
    JournalEntry: (date(2026, 11, 3), ("FAC1", "FAC2"), "Client", "Relance 1", "email",
                   "a@b.fr", "envoyée", "x.eml", CellRef("Journal", 3, "A")),
    CellRef: ("Factures", 7, "C"),
}


@pytest.mark.parametrize("cls", list(ALL_FIELDS), ids=lambda c: c.__name__)
def test_the_same_record_as_the_dataclass_builds(cls):
    values = ALL_FIELDS[cls]
    assert cls.__init__ is not cls.__dataclass_init__  # the fast one is in place
    reference = object.__new__(cls)
    cls.__dataclass_init__(reference, *values)
    fast = cls(*values)
    assert fast == reference
    assert [getattr(fast, f.name) for f in dataclasses.fields(cls)] == list(values)
    # defaults, keywords, replace(), pickling and frozenness all behave as before
    required = [f.name for f in dataclasses.fields(cls) if f.default is dataclasses.MISSING]
    by_name = dict(zip((f.name for f in dataclasses.fields(cls)), values, strict=True))
    minimal = cls(**{name: by_name[name] for name in required})
    expected = object.__new__(cls)
    cls.__dataclass_init__(expected, **{name: by_name[name] for name in required})
    assert minimal == expected
    assert pickle.loads(pickle.dumps(fast)) == fast
    assert dataclasses.replace(fast, **{required[0]: by_name[required[0]]}) == fast
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(fast, required[0], None)
    with pytest.raises(TypeError):
        cls()  # the required arguments are still required


def test_classes_it_cannot_speed_up_keep_their_own_init():
    @dataclasses.dataclass(frozen=True, slots=True)
    class WithFactory:
        items: list = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        name: str

    @dataclasses.dataclass(frozen=True, slots=True)
    class Parent:
        name: str

    @dataclasses.dataclass(frozen=True, slots=True)
    class Child(Parent):
        age: int = 0

    for cls in (WithFactory, NoSlots, Child):
        before = cls.__init__
        assert fast_init(cls).__init__ is before
    assert WithFactory().items == [] and WithFactory().items is not WithFactory().items
    assert Child("a", 3) == Child(name="a", age=3)


def _decorated():
    import suivi.core.dunning
    import suivi.core.ledger
    import suivi.core.models
    import suivi.core.plan

    modules = (suivi.core.models, suivi.core.plan, suivi.core.ledger, suivi.core.dunning)
    return [cls for module in modules for cls in vars(module).values()
            if isinstance(cls, type) and "__dataclass_init__" in vars(cls)]


@pytest.mark.parametrize("cls", _decorated(), ids=lambda c: c.__name__)
def test_every_record_with_a_fast_init_is_built_the_same(cls):
    values = [object() for _ in dataclasses.fields(cls)]  # each field gets its own value
    reference = object.__new__(cls)
    cls.__dataclass_init__(reference, *values)
    fast = cls(*values)
    assert all(getattr(fast, f.name) is getattr(reference, f.name)
               for f in dataclasses.fields(cls))
    assert type(fast) is cls


def test_the_hot_records_have_it():
    assert {c.__name__ for c in _decorated()} >= {
        "Invoice", "Payment", "JournalEntry", "CellRef", "InvoiceLine", "Skip", "StatusInfo",
        "StepReached"}


@pytest.mark.parametrize("cls", list(ALL_FIELDS), ids=lambda c: c.__name__)
def test_fast_replace_makes_what_replace_makes(cls):
    """Every field kept but the ones changed, the changed ones as given, for each class."""
    record = cls(*ALL_FIELDS[cls])
    for f in dataclasses.fields(cls):
        changed = object()
        made = fast_replace(record, **{f.name: changed})
        assert made == dataclasses.replace(record, **{f.name: changed})
        assert getattr(made, f.name) is changed and record is not made
    assert fast_replace(record) == record
