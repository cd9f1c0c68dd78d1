"""Run the ``argmap`` command in a child process under a time and memory budget.

The budget tests (issue 8) feed small hostile inputs that once took minutes or
gigabytes. Each asserts that the whole process ends within a generous wall-time budget
and peak memory, measured for a 2-core machine, and never with a traceback.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

#: Runs ``python -m argmap`` and, at exit, writes the process's own peak RSS (VmHWM of
#: its memory map) to the file named by $_ARGMAP_BUDGET_HWM.  ``ru_maxrss`` from wait4
#: is not the child's own: Linux carries the parent's peak over fork and exec, so under
#: a large pytest process every child looked as big as pytest.
_WRAPPER = """
import atexit, os, runpy, sys
def _report(path=os.environ.pop("_ARGMAP_BUDGET_HWM")):
    with open("/proc/self/status", encoding="ascii") as status:
        kib = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(path, "w", encoding="ascii") as out:
        out.write(kib)
atexit.register(_report)
sys.argv[0] = "argmap"
runpy.run_module("argmap", run_name="__main__", alter_sys=True)
"""


@dataclass(frozen=True)
class Outcome:
    exit_code: int
    seconds: float
    max_rss_mib: float
    stdout: str
    stderr: str


def run_argmap(
    *args: str | Path,
    cwd: Path | None = None,
    timeout: float = 60.0,
    stdin: bytes | None = None,
) -> Outcome:
    """``python -m argmap ARGS`` as a child: its exit code, wall seconds, own peak RSS."""
    argv = [sys.executable, "-c", _WRAPPER, *map(str, args)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.TemporaryDirectory() as scratch:
        hwm = Path(scratch) / "hwm"
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv,
            cwd=cwd,
            env={**os.environ, "_ARGMAP_BUDGET_HWM": str(hwm)},
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=out,
            stderr=err,
        )
        if stdin is not None:
            assert proc.stdin is not None
            proc.stdin.write(stdin)
            proc.stdin.close()
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.kill(proc.pid, signal.SIGKILL)
                os.wait4(proc.pid, 0)
                raise AssertionError(f"argmap {' '.join(map(str, args))} ran over {timeout} s")
            time.sleep(0.01)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        # killed before its exit handler ran: wait4's figure, an upper bound
        peak_kib = float(hwm.read_text()) if hwm.exists() else float(usage.ru_maxrss)
        return Outcome(
            proc.returncode,
            seconds,
            peak_kib / 1024,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
        )


def assert_clean_failure(outcome: Outcome) -> None:
    """No traceback, and an exit code argmap documents (0, 1 or 2)."""
    assert "Traceback" not in outcome.stderr, outcome.stderr[-2000:]
    assert outcome.exit_code in (0, 1, 2), (outcome.exit_code, outcome.stderr[-2000:])
