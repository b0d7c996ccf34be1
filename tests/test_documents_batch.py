"""Batch rendering on several processes: order, rejections and progress."""

from __future__ import annotations

import dataclasses
import io
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

import pytest
from documents_samples import sample_cases
from pypdf import PdfReader

from suivi.documents.batch import _shared_chunks, render_batch, workers_within
from suivi.documents.settings import DEFAULT_TEMPLATES, TemplateSettings
from suivi.documents.validate import errors, validate_xml

CASES = sample_cases()


def _items():
    good = [CASES["societe"], CASES["particulier"], CASES["avoir"], CASES["solde"]]
    broken_seller = dataclasses.replace(CASES["societe"].seller, siren=None, siret=None)
    rejected = dataclasses.replace(CASES["association"], number="FA-REFUS", seller=broken_seller)
    return good[:2] + [rejected] + good[2:]


def _template_for(doc) -> TemplateSettings:
    # Any callable works: it runs in the calling process.
    return DEFAULT_TEMPLATES["classique"] if doc.buyer_kind.is_b2b else TemplateSettings()


@pytest.mark.slow
def test_two_workers_keep_order_report_rejections_and_progress():
    items = _items()
    seen = []
    results = render_batch(
        items, _template_for, workers=2, progress=lambda done, total: seen.append((done, total))
    )
    assert [result.number for result in results] == [doc.number for doc in items]
    assert seen == [(n, len(items)) for n in range(1, len(items) + 1)]
    refused = [result for result in results if not result.ok]
    assert [result.number for result in refused] == ["FA-REFUS"]
    assert "BR-FR-10_BT-30" in {failure.rule_id for failure in refused[0].failures}
    assert "refusée" in refused[0].describe("fr")
    for result in results:
        if result.ok:
            reader = PdfReader(io.BytesIO(result.pdf))
            xml = reader.attachments["factur-x.xml"][0]
            assert xml == result.xml
            assert errors(validate_xml(xml)) == []


def test_single_worker_runs_in_process_with_same_results():
    items = _items()[:3]
    results = render_batch(items, _template_for, workers=1)
    assert [result.ok for result in results] == [True, True, False]
    assert results[2].failures and results[2].pdf is None


def test_empty_batch():
    assert render_batch([], _template_for, workers=2) == []


@pytest.mark.slow
def test_many_invoices_shared_with_a_worker_come_back_complete_and_in_order():
    base = [CASES["societe"], CASES["particulier"], CASES["solde"]]
    items = [dataclasses.replace(base[i % 3], number=f"FA-{i:03d}") for i in range(40)]
    seen = []
    results = render_batch(items, _template_for, workers=2,
                           progress=lambda done, total: seen.append(done))
    assert [result.number for result in results] == [doc.number for doc in items]
    assert all(result.ok for result in results)
    assert seen == list(range(1, 41))


@pytest.mark.slow
def test_a_pool_that_cannot_take_the_work_leaves_it_to_this_process():
    # A class local to this test cannot be sent to a worker process (pickling fails): the
    # chunks offered to the pool come back and are rendered here, none is lost.
    class Local(type(CASES["societe"])):
        pass

    class Counting:
        def __init__(self, pool):
            self.pool, self.offered = pool, 0

        def submit(self, fn, *args):
            self.offered += fn is not os.getpid
            return self.pool.submit(fn, *args)

    fields = {f.name: getattr(CASES["societe"], f.name)
              for f in dataclasses.fields(CASES["societe"])}
    items = [Local(**{**fields, "number": f"FA-L{i:02d}"}) for i in range(20)]
    chunks = [[(doc, _template_for(doc), None)] for doc in items]
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        pool.submit(os.getpid).result()  # the worker is up: chunks will be offered to it
        counting = Counting(pool)
        results = [r for part in _shared_chunks(chunks, counting, 1) for r in part]
    assert counting.offered > 0
    assert [result.number for result in results] == [doc.number for doc in items]
    assert all(result.ok for result in results), [r.describe() for r in results if not r.ok]


@pytest.mark.parametrize(("used", "budget", "warm", "expected"), [
    (100, 1024, False, 2),  # this process + its own renderer + one worker fit in 1 GB
    (500, 1024, False, 1),  # a large master already read: one renderer, within the budget
    (250, 1024, False, 2),  # 250 + 400 for its own renderer + 350 for a worker ≤ 1024
    (363, 1024, False, 1),  # 363 + 400 + 350 > 1024: a worker would go beyond the budget
    (500, 1024, True, 2),   # its renderer already loaded (counted in what it uses)
    (900, 1024, True, 1),   # never fewer than one
    (800, 2048, False, 2),  # a larger budget ([classeur] memoire_max_mo): both cores
])
def test_render_processes_stay_within_the_memory_budget(used, budget, warm, expected):
    assert workers_within(2, budget, used, warm) == expected


def test_this_process_memory_is_measured_for_the_budget():
    from suivi.documents.batch import resident_mb

    measured = resident_mb()
    assert measured is not None and 10 < measured < 20_000
