"""The timing helpers the benchmark scripts share.

Two kinds of figure, never set against each other:

* :func:`compare_commands` times whole processes (what a user types at the shell), with
  the commands alternated run by run so that other load on the machine falls on all of
  them alike, and reports medians of wall time and of peak memory (RSS), and ratios;
* :func:`median_time` times a callable *in process* (a library call): label such
  figures "in process" wherever they are quoted.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


def median_time(action: Callable[[], object], runs: int) -> float:
    """The median wall time, in seconds, of ``runs`` calls of ``action`` (in process)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


@dataclass(frozen=True)
class ProcessFigure:
    """Medians over the runs of one command: wall seconds and peak RSS in MiB."""

    name: str
    seconds: float
    max_rss_mib: float
    exit_codes: tuple[int, ...]


#: Starts one command and reports its wall time, its own peak RSS and its exit code on
#: the descriptor named by its first argument.  A small, freshly started process forks
#: the command: Linux carries a parent's peak RSS into a forked child (and over exec),
#: so a command forked from the benchmark itself would report at least the benchmark's
#: own peak.  Figures therefore
#: have a floor of the launcher's size (about 10 MiB).
_LAUNCHER = """
import os, sys, time
report = int(sys.argv[1])
os.set_inheritable(report, False)
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
os.write(report, f"{wall} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}".encode())
"""


def run_once(
    argv: Sequence[str], *, cwd: Path | None = None, stdin: bytes | None = None
) -> tuple[float, float, int]:
    """Run ``argv`` once, output discarded: (wall seconds, peak RSS MiB, exit code)."""
    read_end, write_end = os.pipe()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-S", "-c", _LAUNCHER, str(write_end), *argv],
            cwd=cwd,
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(write_end,),
        )
        os.close(write_end)
        write_end = -1
        if stdin is not None and proc.stdin is not None:
            proc.stdin.write(stdin)
            proc.stdin.close()
        with os.fdopen(read_end, "rb") as report:
            read_end = -1
            fields = report.read().split()
        proc.wait()
    finally:
        for fd in (read_end, write_end):
            if fd >= 0:
                os.close(fd)
    if len(fields) != 3:
        raise RuntimeError(f"could not run {list(argv)!r}")
    return float(fields[0]), int(fields[1]) / 1024, int(fields[2])


def compare_commands(
    commands: Mapping[str, Sequence[str]],
    runs: int,
    *,
    cwd: Path | None = None,
    warmup: int = 1,
) -> dict[str, ProcessFigure]:
    """Time whole processes, alternating the commands run by run; medians per command.

    ``commands`` maps a label to an argv. Each round runs every command once, in the
    given order, so a slow spell on the machine touches all of them.
    """
    walls: dict[str, list[float]] = {name: [] for name in commands}
    rss: dict[str, list[float]] = {name: [] for name in commands}
    codes: dict[str, list[int]] = {name: [] for name in commands}
    for round_no in range(warmup + runs):
        for name, argv in commands.items():
            wall, peak, code = run_once(argv, cwd=cwd)
            if round_no >= warmup:
                walls[name].append(wall)
                rss[name].append(peak)
                codes[name].append(code)
    return {
        name: ProcessFigure(
            name,
            statistics.median(walls[name]),
            statistics.median(rss[name]),
            tuple(codes[name]),
        )
        for name in commands
    }


def format_comparison(figures: Mapping[str, ProcessFigure], baseline: str) -> str:
    """A Markdown table of the figures with each one's ratio to ``baseline``."""
    base = figures[baseline].seconds
    lines = [
        f"| command (whole process) | median | peak RSS | ratio to {baseline} |",
        "|---|---:|---:|---:|",
    ]
    for fig in figures.values():
        ratio = fig.seconds / base if base > 0 else float("nan")
        lines.append(
            f"| {fig.name} | {fig.seconds:.3f} s | {fig.max_rss_mib:.0f} MiB | {ratio:.2f}x |"
        )
    return "\n".join(lines)
