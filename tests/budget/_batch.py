"""Run many ``argmap`` commands in one child process, each measured on its own.

The hostile-input suite runs every command on every input of its catalogue: hundreds of
runs.  A process each would cost a Python start-up each (0.3 s on a loaded 2-core
machine); here one child runs them one after the other through ``argmap.cli.main``, each
with its own standard streams (file descriptors 0, 1 and 2 redirected, so that even a
write to ``/dev/stdout`` is caught), its wall time, and its own peak memory: the peak
(VmHWM) is reset before each run (``/proc/self/clear_refs``), and the figure is the peak
minus the memory held before the run.

A run that never ends stops the batch (the whole child is killed at ``timeout``); the
error names the command that was running.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.budget._run import Outcome


@dataclass(frozen=True)
class Job:
    """One command: its arguments, its working folder and what it reads on stdin."""

    argv: tuple[str, ...]
    cwd: Path
    stdin: bytes = b""


_DRIVER = r"""
import io, json, os, sys, time, traceback

def status(key):
    with open("/proc/self/status", encoding="ascii") as lines:
        for line in lines:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0

def reset_peak():
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as out:
            out.write("5")
    except OSError:
        pass

jobs_file, results_file, progress_file, scratch = sys.argv[1:5]
with open(jobs_file, encoding="utf-8") as handle:
    jobs = json.load(handle)
from argmap.cli import main
results = []
for index, job in enumerate(jobs):
    with open(progress_file, "w", encoding="utf-8") as progress:
        progress.write(str(index))
    argv = [os.fsdecode(bytes.fromhex(a)) for a in job["argv"]]
    os.chdir(job["cwd"])
    paths = [os.path.join(scratch, f"{index}.{n}") for n in ("in", "out", "err")]
    with open(paths[0], "wb") as handle:
        handle.write(bytes.fromhex(job["stdin"]))
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(0), os.dup(1), os.dup(2)]
    for fd, path, flags in ((0, paths[0], os.O_RDONLY),
                            (1, paths[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
                            (2, paths[2], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)):
        opened = os.open(path, flags, 0o600)
        os.dup2(opened, fd)
        os.close(opened)
    sys.stdin = io.TextIOWrapper(io.BufferedReader(io.FileIO(0, "rb", closefd=False)))
    reset_peak()
    before = status("VmRSS")
    start = time.perf_counter()
    try:
        main(argv)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:
        traceback.print_exc()
        code = 1
    try:
        sys.stdout.flush()
    except OSError:
        pass
    try:
        sys.stderr.flush()
    except OSError:
        pass
    seconds = time.perf_counter() - start
    peak = max(status("VmHWM") - before, 0)
    for fd, copy in zip((0, 1, 2), saved):
        os.dup2(copy, fd)
        os.close(copy)
    with open(paths[1], "rb") as out, open(paths[2], "rb") as err:
        results.append({"code": code, "seconds": seconds, "peak_kib": peak,
                        "stdout": out.read().hex(), "stderr": err.read().hex()})
    for path in paths:
        os.unlink(path)
with open(results_file, "w", encoding="utf-8") as handle:
    json.dump(results, handle)
"""


@dataclass(frozen=True)
class BatchOutcome(Outcome):
    """An :class:`Outcome` with the raw bytes (control characters are the point)."""

    stdout_bytes: bytes = b""
    stderr_bytes: bytes = b""


def run_batch(jobs: Sequence[Job], *, timeout: float = 600.0) -> list[BatchOutcome]:
    """Run ``jobs`` in one child process; an outcome per job, in order.

    ``max_rss_mib`` of each outcome is the growth of the child's peak memory during
    that run (what the run itself needed), not the whole process.
    """
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        jobs_file, results_file, progress = (scratch / n for n in ("jobs", "results", "at"))
        jobs_file.write_text(json.dumps([
            {"argv": [os.fsencode(a).hex() for a in job.argv], "cwd": str(job.cwd),
             "stdin": job.stdin.hex()}
            for job in jobs
        ]), encoding="utf-8")
        proc = subprocess.Popen(
            [sys.executable, "-c", _DRIVER, str(jobs_file), str(results_file), str(progress),
             str(scratch)],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )
        deadline = time.perf_counter() + timeout
        while proc.poll() is None:
            if time.perf_counter() > deadline:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                if proc.stdout is not None:
                    proc.stdout.close()
                at = int(progress.read_text()) if progress.exists() else 0
                raise AssertionError(
                    f"the batch ran over {timeout} s at: argmap {' '.join(jobs[at].argv)!r}"
                )
            time.sleep(0.05)
        assert proc.stdout is not None
        with proc.stdout:
            driver_output = proc.stdout.read().decode("utf-8", "replace")
        if proc.returncode != 0 or not results_file.exists():
            at = int(progress.read_text()) if progress.exists() else 0
            raise AssertionError(
                f"the batch died (exit {proc.returncode}) at argmap "
                f"{' '.join(jobs[at].argv)!r}: {driver_output[-3000:]}"
            )
        records = json.loads(results_file.read_text(encoding="utf-8"))
    outcomes = []
    for record in records:
        out, err = bytes.fromhex(record["stdout"]), bytes.fromhex(record["stderr"])
        outcomes.append(BatchOutcome(
            record["code"], record["seconds"], record["peak_kib"] / 1024,
            out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), out, err,
        ))
    return outcomes
