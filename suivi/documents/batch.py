"""Render many invoices on every core.

Each worker process compiles the schematrons and prepares the fonts once (initializer), then
renders its share of the invoices. Worker processes are started with ``spawn``: the Saxon
runtime that saxonche embeds must not be inherited through ``fork`` from a parent that already
used it. A rejected or failing invoice never stops the batch: its result carries the reason.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from .fonts import warm_up_fonts
from .model import InvoiceDocument
from .pdf import InvoiceRejected, build_invoice
from .settings import TemplateSettings
from .validate import RuleFailure, warm_up

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class BatchResult:
    """Outcome for one invoice: the PDF, or the rules it broke, or an unexpected error."""

    number: str
    pdf: bytes | None = None
    xml: bytes | None = None
    failures: tuple[RuleFailure, ...] = ()
    warnings: tuple[RuleFailure, ...] = ()
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when the PDF was produced."""
        return self.pdf is not None

    def describe(self, lang: str = "fr") -> str:
        """One line for the run report."""
        french = lang == "fr"
        if self.ok:
            return f"{self.number} : PDF produit" if french else f"{self.number}: PDF written"
        if self.failures:
            rules = "; ".join(failure.describe(lang) for failure in self.failures)
            if french:
                return f"{self.number} : refusée – {rules}"
            return f"{self.number}: rejected – {rules}"
        if french:
            return f"{self.number} : erreur – {self.error}"
        return f"{self.number}: error – {self.error}"


def render_one(doc: InvoiceDocument, settings: TemplateSettings,
               generated_at: datetime | None = None) -> BatchResult:
    """Render one invoice into a BatchResult (never raises for a bad invoice)."""
    try:
        rendered = build_invoice(doc, settings, generated_at=generated_at)
    except InvoiceRejected as rejected:
        return BatchResult(number=doc.number, failures=tuple(rejected.failures))
    except Exception as exc:  # one broken invoice must not stop the batch
        return BatchResult(number=doc.number, error=f"{type(exc).__name__}: {exc}")
    return BatchResult(
        number=doc.number, pdf=rendered.pdf, xml=rendered.xml, warnings=rendered.warnings
    )


def _render_pair(job: tuple[InvoiceDocument, TemplateSettings, datetime | None]) -> BatchResult:
    return render_one(*job)


def _initialize_worker(families: tuple[str, ...]) -> None:
    """Worker initializer: compile the schematrons and parse the fonts once."""
    warm_up()
    warm_up_fonts(families)


def default_workers() -> int:
    """One worker per available core."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def render_batch(
    items: Iterable[InvoiceDocument],
    template_for: Callable[[InvoiceDocument], TemplateSettings],
    workers: int = 2,
    progress: Progress | None = None,
    generated_at: datetime | None = None,
) -> list[BatchResult]:
    """Render every invoice, in order; ``progress(done, total)`` is called after each one.

    ``template_for`` picks the template of each invoice; it runs in the calling process, so
    it may be any callable. ``workers=1`` renders in the calling process. ``generated_at`` is
    the time written in the PDFs' metadata (the time each file is made when None).
    """
    pairs = [(doc, template_for(doc), generated_at) for doc in items]
    total = len(pairs)
    results: list[BatchResult] = []
    if total == 0:
        return results
    if workers <= 1 or total == 1:
        for pair in pairs:
            results.append(_render_pair(pair))
            if progress:
                progress(len(results), total)
        return results
    families = tuple(sorted({settings.font_family for _doc, settings, _when in pairs}))
    chunksize = max(1, min(8, total // (workers * 8)))
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_initialize_worker,
        initargs=(families,),
    ) as pool:
        for result in pool.map(_render_pair, pairs, chunksize=chunksize):
            results.append(result)
            if progress:
                progress(len(results), total)
    return results

