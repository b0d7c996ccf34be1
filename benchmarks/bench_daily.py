"""Benchmark of the daily job on masters of a company five years into its tracker.

    python benchmarks/bench_daily.py [--only a,b] [--rows N] [--late N] [--date AAAA-MM-JJ]
                                     [--workdir DIR] [--skip-naive] [--repeat N]

Cases (masters built by `daily_master.py`, in the suivi template's layout):

  a  100,000 invoice rows over five years, 2,000 clients, every invoice older than 90 days
     paid (Paiements rows), 1,000 late, 100 new rows to number today;
  b  the same with 30,000 late invoices;
  c  a master at Excel's row limit: 1,048,576 rows in Factures (header included).

`--rows N` scales cases a and b (late invoices in proportion: N/100 for a, 30 % of N for b);
`--late` sets the late invoices of case a; case c keeps Excel's limit. For each
case, each job runs in a fresh Python process, on its own copy of the master:

  naive         pandas.read_excel(every sheet, engine="openpyxl"), then openpyxl load + save:
                the anchor, what a script written without suivi would cost (skipped for c
                unless the case is asked for alone with --naive-c);
  day 1         `suivi run --date D` on the master as adopted (renders the PDFs that open
                invoices lack, numbers the new rows, drafts the reminders);
  day 2         `suivi run --date D+1` on the result;
  day 2 again   the same-day second run (nothing left to do).

The naive job and day 2 run `--repeat` times (default 3; day 2 on copies of the folder as day 1
left it), alternately, and the median is reported, with the median of the ratios of each day-2
run to the naive run just before it: this machine's speed drifts by 5 to 30 % from one minute
to the next.

Reported per job: wall time of the process, time inside it, peak RSS of the main process
(VmHWM, exact) and of the process tree (main + render workers, sampled every 50 ms with
psutil when installed), exit code, files produced, and the time ratio to the naive job
measured in the same run, and the load average of the machine when the job started (the
figures are only comparable on a quiet machine). Masters are kept in the workdir and reused;
entity folders are made afresh each time.

suivi's bytecode is compiled first, as installing its wheel does (pip compiles every module):
an editable install under PYTHONDONTWRITEBYTECODE=1 would otherwise compile its 200 modules
again in every run (≈ 0.2 s of each day-2 run here), while pandas and openpyxl, installed
from wheels, never do.
"""
from __future__ import annotations

import argparse
import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = {"a": (100_000, 1_000), "b": (100_000, 30_000), "c": (1_048_575, 1_000)}
DEFAULT_DAY = date(2026, 11, 25)


def peak_rss_mb() -> float:
    """Peak resident memory of this process, in MB (VmHWM on Linux, getrusage elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    per_mb = 1024 * 1024 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / per_mb


# ------------------------------------------------------------------ children (fresh processes)


def child_naive(path: Path) -> dict:
    start = time.perf_counter()
    import openpyxl
    import pandas

    op_start = time.perf_counter()
    frames = pandas.read_excel(path, sheet_name=None, engine="openpyxl")
    rows = sum(len(frame) for frame in frames.values())
    read = time.perf_counter()
    workbook = openpyxl.load_workbook(path)
    workbook.save(path.with_name("naive-saved.xlsx"))
    done = time.perf_counter()
    return {"seconds": done - start, "operation": done - op_start, "read": read - op_start,
            "rows": rows, "exit": 0}


def child_suivi(folder: Path, day: str, record: Callable[[dict], None]) -> None:
    """`suivi run --date DAY` as the `suivi` command runs it, to its end (it ends the process:
    `record` gets the figures from an exit handler; the exit code is the process's)."""
    start = time.perf_counter()
    os.chdir(folder)
    atexit.register(lambda: record({"seconds": time.perf_counter() - start}))
    sys.argv = ["suivi", "run", "--date", day]
    from suivi.cli import main as suivi_main

    suivi_main()


class TreeSampler:
    """Largest total RSS of a process and its descendants, sampled (needs psutil)."""

    def __init__(self, pid: int) -> None:
        self.peak = 0.0
        self.available = True
        self._stop = threading.Event()
        try:
            import psutil

            self._root = psutil.Process(pid)
        except ImportError:
            self.available = False
            return
        except psutil.Error:  # already gone
            self.available = False
            return
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                processes = [self._root, *self._root.children(recursive=True)]
                total = sum(p.memory_info().rss for p in processes if p.is_running())
                self.peak = max(self.peak, total / 1048576)
            except psutil.Error:
                pass
            self._stop.wait(0.05)

    def stop(self) -> float | None:
        if not self.available:
            return None
        self._stop.set()
        self._thread.join()
        return self.peak


def run_child(args: list[str], log: Path) -> dict:
    """Run this script as a child; return its result with wall time and sampled tree peak."""
    result_file = log.with_suffix(".json")
    result_file.unlink(missing_ok=True)
    command = [sys.executable, str(Path(__file__).resolve()), "--result", str(result_file), *args]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    start = time.perf_counter()
    with open(log, "wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        sampler = TreeSampler(process.pid)
        process.wait()
    result = {"wall": time.perf_counter() - start, "tree_peak_mb": sampler.stop(),
              "load_before": load}
    result.update({"exit": process.returncode, "seconds": None, "peak_rss_mb": None})
    if result_file.exists():
        result.update(json.loads(result_file.read_text(encoding="utf-8")))
    return result


# ------------------------------------------------------------------------------ orchestration


def ensure_master(workdir: Path, rows: int, late: int, day: date) -> tuple[Path, dict]:
    master = workdir / "masters" / f"master-{rows}-{late}-{day.isoformat()}.xlsx"
    sidecar = master.with_suffix(".json")
    if not (master.exists() and sidecar.exists()):
        master.parent.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, str(HERE / "daily_master.py"), str(master),
                               "--rows", str(rows), "--late", str(late), "--date",
                               day.isoformat()], check=True, capture_output=True, text=True)
        sidecar.write_text(done.stdout.strip().splitlines()[-1], encoding="utf-8")
        print(f"master built in {time.perf_counter() - started:.1f} s: {master} "
              f"({master.stat().st_size / 1e6:.1f} MB)", flush=True)
    return master, json.loads(sidecar.read_text(encoding="utf-8"))


def fresh_entity(workdir: Path, case: str, master: Path, counts: dict,
                 memory_mb: int | None = None) -> Path:
    sys.path.insert(0, str(HERE))
    import daily_master

    folder = workdir / f"entite-{case}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    shutil.copyfile(master, folder / "suivi_factures.xlsx")
    config = daily_master.write_config(folder)
    extra = f"memoire_max_mo = {memory_mb}\n" if memory_mb is not None else ""
    if case == "c":  # its Factures part inflates to some 870 MB: beyond the 200 MB default
        extra += "taille_max_mo = 1000\n"
    if extra:
        text = config.read_text(encoding="utf-8")
        config.write_text(text.replace("[classeur]\n", f"[classeur]\n{extra}", 1),
                          encoding="utf-8")
    daily_master.write_earlier_pdfs(folder, counts["late_numbers_with_pdf"])
    return folder


def count_files(folder: Path) -> dict[str, int]:
    return {"pdf": sum(1 for _ in (folder / "factures").rglob("*.pdf"))
            if (folder / "factures").exists() else 0,
            "eml": sum(1 for _ in (folder / "relances").rglob("*.eml"))
            if (folder / "relances").exists() else 0}


def run_case(case: str, rows: int, late: int, day: date, workdir: Path, naive: bool,
             memory_mb: int | None = None, repeat: int = 1) -> dict:
    """Each job once, except the naive job and day 2, run `repeat` times each, alternately
    (naive, day 2, naive, day 2…; day 2 on copies of the folder as day 1 left it): the speed
    of this machine drifts from one minute to the next, so each day-2 run is compared with the
    naive run just before it. The median run of each is reported, with every run's figures,
    and the median of the paired ratios."""
    master, counts = ensure_master(workdir, rows, late, day)
    logs = workdir / "logs"
    logs.mkdir(exist_ok=True)
    jobs: dict[str, dict] = {}
    entity = fresh_entity(workdir, case, master, counts, memory_mb)
    jobs["day 1"] = run_day(entity, day, logs / f"{case}-day-1.txt")
    print(f"  day 1: {jobs['day 1']['wall']:.1f} s, exit {jobs['day 1']['exit']}", flush=True)
    next_day = day + timedelta(days=1)
    copies = []
    for n in range(1, repeat):
        copies.append(workdir / f"entite-{case}-{n + 1}")
        shutil.rmtree(copies[-1], ignore_errors=True)
        shutil.copytree(entity, copies[-1], symlinks=True)
    naive_runs: list[dict] = []
    day2_runs: list[dict] = []
    copy = workdir / f"naive-{case}" / "suivi_factures.xlsx"
    for folder in (*copies, entity):
        if naive:
            copy.parent.mkdir(exist_ok=True)
            shutil.copyfile(master, copy)
            naive_runs.append(run_child(["--child", "naive", str(copy)],
                                        logs / f"{case}-naive.txt"))
        day2_runs.append(run_day(folder, next_day, logs / f"{case}-day-2.txt"))
        pair = (f" (naive {naive_runs[-1]['wall']:.2f} s, ratio "
                f"{day2_runs[-1]['wall'] / naive_runs[-1]['wall']:.3f})" if naive else "")
        print(f"  day 2: {day2_runs[-1]['wall']:.2f} s{pair}", flush=True)
    for folder in copies:
        shutil.rmtree(folder, ignore_errors=True)
    if naive:
        jobs = {"naive": median_run(naive_runs), **jobs}
    jobs["day 2"] = median_run(day2_runs)
    if naive:
        ratios = sorted(d["wall"] / n["wall"] for n, d in zip(naive_runs, day2_runs))
        jobs["day 2"]["paired_ratios"] = ratios
        jobs["day 2"]["paired_ratio"] = ratios[(len(ratios) - 1) // 2]
    print(f"  day 2: {walls(day2_runs)}, exit {jobs['day 2']['exit']}", flush=True)
    jobs["day 2 again"] = run_day(entity, next_day, logs / f"{case}-day-2-again.txt")
    print(f"  day 2 again: {jobs['day 2 again']['wall']:.1f} s", flush=True)
    return {"case": case, "rows": rows, "late": late, "day": day.isoformat(), "memory_mb": memory_mb,
            "master_mb": master.stat().st_size / 1e6, "counts": {
                k: v for k, v in counts.items() if k != "late_numbers_with_pdf"}, "jobs": jobs}


def run_day(entity: Path, when: date, log: Path) -> dict:
    before = count_files(entity)
    result = run_child(["--child", "suivi", "--date", when.isoformat(), str(entity)], log)
    after = count_files(entity)
    result["new_pdf"] = after["pdf"] - before["pdf"]
    result["new_eml"] = after["eml"] - before["eml"]
    result["log"] = str(log)
    return result


def median_run(runs: list[dict]) -> dict:
    """The run of median wall time, with every run's wall time (`walls`)."""
    ordered = sorted(runs, key=lambda r: r["wall"])
    return {**ordered[(len(ordered) - 1) // 2], "walls": [r["wall"] for r in runs]}


def walls(runs: list[dict]) -> str:
    return " / ".join(f"{r['wall']:.2f} s" for r in runs)


def mb(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f} MB"


def print_case(report: dict) -> None:
    counts = report["counts"]
    print(f"\nCase {report['case']}: {report['rows']:,} invoice rows ({counts['late']:,} late, "
          f"{counts['new']} to number, {counts['not_due']:,} not yet due), "
          f"{counts['payments']:,} Paiements rows, {counts['journal']:,} Journal rows; "
          f"master {report['master_mb']:.1f} MB; day 1 = {report['day']}; memory budget "
          f"{report.get('memory_mb') or 1024} MB")
    print(f"{'job':<14}{'wall':>9}{'inside':>9}{'peak main':>12}{'peak tree':>12}{'exit':>6}"
          f"{'PDF':>7}{'.eml':>7}{'vs naive':>10}{'load':>7}")
    naive = report["jobs"].get("naive")
    for label, job in report["jobs"].items():
        ratio = f"{job['wall'] / naive['wall']:.3f}×" if naive else "—"
        inside = "—" if job.get("seconds") is None else f"{job['seconds']:.1f} s"
        load = "—" if job.get("load_before") is None else f"{job['load_before']:.1f}"
        print(f"{label:<14}{job['wall']:>7.1f} s{inside:>9}{mb(job.get('peak_rss_mb')):>12}"
              f"{mb(job.get('tree_peak_mb')):>12}{job['exit']:>6}{job.get('new_pdf', 0):>7}"
              f"{job.get('new_eml', 0):>7}{ratio:>10}{load:>7}")
    paired = report["jobs"].get("day 2", {}).get("paired_ratios")
    if paired:
        print(f"day 2 / naive run just before it: {' / '.join(f'{r:.3f}' for r in paired)} "
              f"(median {report['jobs']['day 2']['paired_ratio']:.3f}×)")


def scaled(case: str, rows: int | None, late: int | None) -> tuple[int, int]:
    """Rows and late invoices of case a or b, scaled from their full size when asked."""
    full_rows, full_late = CASES[case]
    if rows is None:
        rows = full_rows
    if case == "a":
        return rows, late if late is not None else max(1, full_late * rows // full_rows)
    return rows, full_late * rows // full_rows


def child_main(args: argparse.Namespace) -> int:
    def record(result: dict) -> None:
        result["peak_rss_mb"] = peak_rss_mb()
        args.result.write_text(json.dumps(result), encoding="utf-8")

    if args.child == "naive":
        record(child_naive(args.path))
    else:
        child_suivi(args.path, args.date.isoformat(), record)
    return 0


def compile_suivi() -> None:
    """Compile suivi's bytecode, as `pip install suivi-*.whl` does (see the module docstring)."""
    import compileall

    import suivi

    compileall.compile_dir(str(Path(suivi.__file__).parent), quiet=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="a,b", help="cases to run: a, b, c (default a,b)")
    parser.add_argument("--rows", type=int, help="invoice rows of cases a and b")
    parser.add_argument("--late", type=int, help="late invoices of case a")
    parser.add_argument("--date", type=date.fromisoformat, default=DEFAULT_DAY)
    parser.add_argument("--workdir", type=Path, help="keep masters here (reused)")
    parser.add_argument("--skip-naive", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, metavar="N",
                        help="runs of the naive job and of day 2, median reported (default 3)")
    parser.add_argument("--memoire", type=int, metavar="MO",
                        help="[classeur] memoire_max_mo of the entities (default: suivi's, 1024)")
    parser.add_argument("--naive-c", action="store_true", help="also run the naive job on c")
    parser.add_argument("--child", choices=("naive", "suivi"), help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("path", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child_main(args)
    workdir = (args.workdir or Path(tempfile.mkdtemp(prefix="bench-daily-"))).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    compile_suivi()
    cases = [c.strip() for c in args.only.split(",") if c.strip()]
    unknown = [c for c in cases if c not in CASES]
    if unknown:
        parser.error(f"--only: unknown case(s) {unknown}; choose among a, b, c")
    reports = []
    for case in cases:
        rows, late = CASES[case]
        if case != "c":
            rows, late = scaled(case, args.rows, args.late)
        naive = not args.skip_naive and (case != "c" or args.naive_c)
        print(f"case {case}: {rows:,} rows, {late:,} late (workdir {workdir})", flush=True)
        reports.append(run_case(case, rows, late, args.date, workdir, naive, args.memoire,
                                max(1, args.repeat)))
    print(f"\n{sys.platform}, Python {sys.version.split()[0]}")
    for report in reports:
        print_case(report)
    print(json.dumps(reports))
    return 0


if __name__ == "__main__":
    sys.exit(main())
