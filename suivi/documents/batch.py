"""Render many invoices on every core.

Each worker process compiles the schematrons and prepares the fonts once (initializer), then
renders its share of the invoices. Worker processes are started with ``spawn``: the Saxon
runtime that saxonche embeds must not be inherited through ``fork`` from a parent that already
used it. A rejected or failing invoice never stops the batch: its result carries the reason.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime

from .fonts import warm_up_fonts
from .model import InvoiceDocument
from .pdf import InvoiceRejected, build_invoice
from .settings import TemplateSettings
from .validate import RuleFailure, warm_up, warmed_up

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


#: Peak memory of one render worker (fonts parsed, official schematrons compiled, a PDF being
#: drawn), measured on Linux; `workers_within` keeps the run under its memory budget with it.
WORKER_MB = 350
#: What rendering adds to the run's own process (its interpreter and modules are there, but it
#: also keeps the results it writes): 286 MB over 400 invoices alone, 392 MB measured in a
#: first run of 5,026 PDFs beside a worker, rounded up.
OWN_RENDERER_MB = 400
MEMORY_BUDGET_MB = 1024


def resident_mb() -> float | None:
    """This process's resident memory in MB: /proc on Linux, the working set on Windows, the
    peak so far on macOS (an upper bound); None where it cannot be read."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    if sys.platform == "win32":
        return _windows_working_set_mb()
    if sys.platform == "darwin":
        import resource  # not on Windows

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1048576  # bytes on macOS
    return None


def _windows_working_set_mb() -> float | None:
    """GetProcessMemoryInfo's working set (psapi), through ctypes."""
    if sys.platform != "win32":  # keeps the type checker on this platform's side
        return None
    from ctypes import wintypes

    class Counters(ctypes.Structure):
        _fields_ = [("cb", wintypes.DWORD), ("PageFaultCount", wintypes.DWORD),
                    ("PeakWorkingSetSize", ctypes.c_size_t), ("WorkingSetSize", ctypes.c_size_t),
                    ("QuotaPeakPagedPoolUsage", ctypes.c_size_t),
                    ("QuotaPagedPoolUsage", ctypes.c_size_t),
                    ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t),
                    ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
                    ("PagefileUsage", ctypes.c_size_t), ("PeakPagefileUsage", ctypes.c_size_t)]

    counters = Counters()
    counters.cb = ctypes.sizeof(Counters)
    try:
        process = ctypes.windll.kernel32.GetCurrentProcess()
        if not ctypes.windll.psapi.GetProcessMemoryInfo(process, ctypes.byref(counters),
                                                        counters.cb):
            return None
    except (OSError, AttributeError):
        return None
    return float(counters.WorkingSetSize) / 1048576


def release_memory() -> None:
    """Collect garbage and give freed heap pages back to the system (glibc), so that the
    resident size measured next is what the run really holds."""
    gc.collect()
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):  # not glibc (musl): nothing to give back
            pass


def workers_within(wanted: int, budget_mb: int = MEMORY_BUDGET_MB,
                   used_mb: float | None = None, warm: bool | None = None) -> int:
    """How many processes render (this one included: it renders its share too): as many as
    wanted while this process, its own renderer and the extra workers stay within
    `budget_mb`. A first run on a large master renders on fewer cores, more slowly, rather
    than go beyond the budget. At least one. `used_mb`: this process's memory (measured when
    None); `warm`: whether it already holds a renderer (found out when None)."""
    used = used_mb if used_mb is not None else resident_mb()
    if used is None:
        return max(1, wanted)
    own = 0 if (warmed_up() if warm is None else warm) else OWN_RENDERER_MB
    extra = int((budget_mb - used - own) // WORKER_MB)
    return max(1, min(wanted, 1 + extra))


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
    return list(render_iter(items, template_for, workers, progress, generated_at))


def render_iter(
    items: Iterable[InvoiceDocument],
    template_for: Callable[[InvoiceDocument], TemplateSettings],
    workers: int = 2,
    progress: Progress | None = None,
    generated_at: datetime | None = None,
) -> Iterator[BatchResult]:
    """`render_batch`, one result at a time, in order: the caller writes each PDF and lets it
    go, so memory stays bounded however many invoices a first run renders.

    ``workers`` processes render: this one and ``workers - 1`` spawned ones. The invoices go
    in small chunks, every other one offered to the workers; a chunk no worker has started
    when its turn comes (workers still starting, or slower) is rendered here instead, and a
    pool that breaks (a worker killed, spawning refused) leaves the rest to this process."""
    pairs = [(doc, template_for(doc), generated_at) for doc in items]
    total = len(pairs)
    if total == 0:
        return
    helpers = max(0, min(workers, total) - 1)
    chunk = max(1, min(8, total // (max(workers, 1) * 8)))
    chunks = [pairs[at:at + chunk] for at in range(0, total, chunk)]
    done = 0
    if helpers == 0:
        for part in chunks:
            for pair in part:
                yield _render_pair(pair)
                done += 1
                if progress:
                    progress(done, total)
        return
    families = tuple(sorted({settings.font_family for _doc, settings, _when in pairs}))
    pool = ProcessPoolExecutor(max_workers=helpers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_initialize_worker, initargs=(families,))
    try:
        for results in _shared_chunks(chunks, pool, helpers):
            for result in results:
                yield result
                done += 1
                if progress:
                    progress(done, total)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _render_chunk(part: list[tuple[InvoiceDocument, TemplateSettings, datetime | None]]
                  ) -> list[BatchResult]:
    return [_render_pair(pair) for pair in part]


def _shared_chunks(chunks: list, pool: ProcessPoolExecutor, helpers: int
                   ) -> Iterator[list[BatchResult]]:
    """Each chunk's results, in order. Chunks are offered to the pool once a worker is ready
    (this process renders alone meanwhile) and taken back when no worker has started them
    by the time they are due."""
    offered: dict[int, Future[list[BatchResult]]] = {}
    ahead = 0  # the next chunk index that may be offered
    broken = False
    ready = pool.submit(os.getpid)  # done once a worker has started and warmed up
    for index, part in enumerate(chunks):
        ahead = max(ahead, index + 1)
        while (not broken and ready.done() and len(offered) < 2 * helpers
               and ahead < len(chunks)):
            if ahead % (helpers + 1):  # every other chunk (with one helper) goes to the pool
                try:
                    offered[ahead] = pool.submit(_render_chunk, chunks[ahead])
                except (BrokenProcessPool, RuntimeError):
                    broken = True
            ahead += 1
        future = offered.pop(index, None)
        if future is not None and not future.cancel():
            try:
                results = future.result()
            except Exception:  # the pool failed (render_one never raises)
                broken = True
            else:
                yield results
                continue
        yield _render_chunk(part)
