"""The end of a `suivi` process: it skips the interpreter's teardown (0.2 s after reading a big
master), but never at the cost of what the run said or wrote."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

TODAY = "2026-11-25"  # the day of the demo folder (conftest.TODAY)


def _python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd, timeout=600,
                          env={**os.environ, "COLUMNS": "400"})


def test_a_run_ends_with_its_summary_its_log_and_its_exit_code(demo):
    first = demo.subprocess("run")
    assert first.code in (0, 1), first
    assert "Classeur mis à jour" in first.output  # the last lines reached the terminal
    log = (demo.path / ".suivi" / "logs" / "suivi.log").read_text(encoding="utf-8")
    assert log.rstrip().splitlines()[-1].endswith(tuple(f"{s} s" for s in "0123456789")), log
    assert f"fin : code {first.code}" in log.rstrip().splitlines()[-1]
    broken = subprocess.run([sys.executable, "-m", "suivi", "run", "--config",
                             str(demo.path / "absent.toml")], capture_output=True, text=True,
                            encoding="utf-8", cwd=demo.path, timeout=600)
    assert broken.returncode == 2 and "absent.toml" in broken.stdout + broken.stderr, broken


def test_exit_handlers_run_and_a_working_thread_is_waited_for(demo, tmp_path):
    """A library's exit handler (temporary files, child processes) still runs, and a thread
    still writing keeps the normal exit, which waits for it."""
    marker, late = tmp_path / "handler.txt", tmp_path / "thread.txt"
    done = _python(f"""
        import atexit, sys, threading, time
        from pathlib import Path
        atexit.register(lambda: Path({str(marker)!r}).write_text("ran"))
        def work():
            time.sleep(1.0)
            Path({str(late)!r}).write_text("finished")
        threading.Thread(target=work).start()
        sys.argv = ["suivi", "check", "--config", {str(demo.config)!r},
                    "--date", {TODAY!r}]
        from suivi.cli import main
        main()
        """, demo.path)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    assert marker.read_text() == "ran"
    assert late.read_text() == "finished"


def test_output_cut_by_a_closed_pipe_ends_quietly(demo):
    """`suivi run | head -1`: the reader went away; no traceback, the workbook is written."""
    argv = [sys.executable, "-m", "suivi", "run", "--verbose", "--config", str(demo.config),
            "--date", TODAY]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=demo.path, env={**os.environ, "COLUMNS": "400"})
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    errors = proc.stderr.read().decode("utf-8", "replace")
    proc.wait(timeout=600)
    assert "Traceback" not in errors and "Erreur" not in errors, errors
    log = (demo.path / ".suivi" / "logs" / "suivi.log").read_text(encoding="utf-8")
    assert "étape commit" in log and " fait : " in log, log  # the whole run, to its end
    last = log.rstrip().splitlines()[-1]
    assert f"fin : code {proc.returncode} " in last, last
    assert list((demo.path / ".suivi" / "logs").glob("erreur-*")) == []
