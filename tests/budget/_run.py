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
    argv = [sys.executable, "-m", "argmap", *map(str, args)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv,
            cwd=cwd,
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
        return Outcome(
            proc.returncode,
            seconds,
            usage.ru_maxrss / 1024,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
        )


def assert_clean_failure(outcome: Outcome) -> None:
    """No traceback, and an exit code argmap documents (0, 1 or 2)."""
    assert "Traceback" not in outcome.stderr, outcome.stderr[-2000:]
    assert outcome.exit_code in (0, 1, 2), (outcome.exit_code, outcome.stderr[-2000:])
