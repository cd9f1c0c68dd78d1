"""Benchmarks of the argumentation engine (argmap.af, argmap.evaluate).

Run:  .venv/bin/python benchmarks/bench_af.py [--runs N] [--quick]

Prints medians over several runs, both for whole processes (a fresh interpreter that
imports argmap, reads the file and solves: what a user or a competition harness sees)
and in-process (the library calls alone).  Instances:

* grounded on a random framework of 100,000 arguments and 300,000 attacks (seeded);
* preferred and stable (one extension, and every argument's acceptance) on the ICCMA
  instances in ../shared/corpora/iccma/ when they are there;
* st_890_86_9_572.af with a time limit (it must end with "unknown", not hang);
* a bipolar map of 1,000 claims, 1,000 supporting arguments and 1,000 attacks.

The figures quoted in issue 4 for comparison, on the same machines: grounded 100k/300k
native 0.12 s (target: within 2x, 0.24 s); preferred/stable on a1210993 native 0.04 s
(target: within 3x, 0.12 s); bipolar 1,000/1,000: 8.2 s for the only other Python
package (target: 10x faster, 0.82 s).
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from argmap.af import acceptance, extensions, grounded, read_framework
from argmap.evaluate import evaluate_map
from argmap.model import Argument, ArgumentMap, Attack, Claim

ROOT = Path(__file__).resolve().parents[1]
ICCMA = ROOT.parent / "shared" / "corpora" / "iccma"
PYTHON = sys.executable


def median_of(runs: int, func: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


CPU: list[float] = []  # CPU seconds (user + system) of the last whole-process figure


def whole_process(runs: int, code: str, *args: str) -> float:
    """Median wall time of ``python -c code args``; its median CPU time goes to CPU."""
    cpu: list[float] = []

    def run() -> None:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([PYTHON, "-c", code, *args], check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)

    wall = median_of(runs, run)
    CPU[:] = [statistics.median(cpu)]
    return wall


def random_af(path: Path, n: int, m: int, seed: int = 42) -> None:
    rng = random.Random(seed)
    lines = [f"p af {n}"]
    lines.extend(f"{rng.randint(1, n)} {rng.randint(1, n)}" for _ in range(m))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


GROUNDED = """
import sys
from argmap.af import grounded, read_framework
with open(sys.argv[1], encoding="utf-8") as f:
    lab = grounded(read_framework(f.read(), "af"))
print(lab.codes.count(1))
"""

ONE_EXTENSION = """
import sys
from argmap.af import extensions, read_framework
with open(sys.argv[1], encoding="utf-8") as f:
    af = read_framework(f.read(), "af")
r = extensions(af, sys.argv[2], limit=1, timeout=float(sys.argv[3]))
print(r.outcome.value, [len(e) for e in r.extensions])
"""

PYSAT_IMPORT = """
import time
t = time.perf_counter()
import pysat.solvers
print(time.perf_counter() - t)
"""

BARE = "import argmap.af"


def row(name: str, seconds: float, target: float | None = None, note: str = "",
        cpu: bool = False) -> None:
    ratio = f"  {seconds / target:4.2f}x of target {target:.2f} s" if target else ""
    used = f"  (cpu {CPU[0]:.3f} s)" if cpu and CPU else ""
    print(f"  {name:<52} {seconds:8.3f} s{used}{ratio}{('  ' + note) if note else ''}")


def bench_grounded(runs: int, tmp: Path) -> None:
    path = tmp / "random-100000-300000.af"
    random_af(path, 100_000, 300_000)
    text = path.read_text(encoding="utf-8")
    print("grounded, random framework, 100,000 arguments, 300,000 attacks")
    row("whole process: python -c 'import argmap.af; read; grounded'",
        whole_process(runs, GROUNDED, str(path)), 0.24, "native 0.12 s", cpu=True)
    row("whole process: argmap evaluate -s grounded -f text",
        median_of(runs, lambda: subprocess.run(
            [PYTHON, "-m", "argmap", "evaluate", str(path)], check=True,
            stdout=subprocess.DEVNULL)))
    row("in-process: read_framework", median_of(runs, lambda: read_framework(text, "af")))
    af = read_framework(text, "af")
    row("in-process: grounded", median_of(runs, lambda: grounded(af)))
    row("in-process: read + grounded",
        median_of(runs, lambda: grounded(read_framework(text, "af"))))


def bench_instances(runs: int, timeout: float) -> None:
    if not ICCMA.is_dir():
        print(f"(skipped the ICCMA instances: {ICCMA} is not there)")
        return
    row("bare start-up: python -c 'pass'", whole_process(runs, "pass"), cpu=True)
    row("bare start-up: python -c 'import argmap.af'", whole_process(runs, BARE), cpu=True)
    pysat = statistics.median(
        float(subprocess.run([PYTHON, "-c", PYSAT_IMPORT], check=True, capture_output=True,
                             text=True).stdout)
        for _ in range(runs)
    )
    row("python-sat import (in a fresh process)", pysat)
    for path in sorted(ICCMA.glob("*.af")):
        text = path.read_text(encoding="utf-8")
        af = read_framework(text, "af")
        hard = path.name.startswith("st_890")
        limit = 5.0 if hard else timeout
        print(f"{path.name}: {len(af)} arguments, {af.attack_count} attacks"
              + (f" (time limit {limit:g} s)" if hard else ""))
        target = 0.12 if path.name.startswith("a1210993") else None
        for semantics in ("preferred", "stable"):
            code = ONE_EXTENSION
            seconds = whole_process(1 if hard else runs, code, str(path), semantics,
                                    str(limit))
            out = subprocess.run([PYTHON, "-c", code, str(path), semantics, str(limit)],
                                 check=True, capture_output=True, text=True).stdout.strip()
            row(f"whole process: one {semantics} extension", seconds, target,
                out.split(" ")[0], cpu=True)
            result = extensions(af, semantics, limit=1, timeout=limit)
            row(f"in-process: one {semantics} extension", result.seconds, None,
                result.outcome.value)
            accepted = acceptance(af, semantics, timeout=limit)
            row(f"in-process: acceptance of every argument ({semantics})", accepted.seconds,
                None, accepted.outcome.value)


def bench_bipolar(runs: int) -> None:
    rng = random.Random(5)
    n = 1000
    claims = {f"c{i}": Claim(id=f"c{i}", text=f"Claim {i}.") for i in range(n)}
    arguments = {
        f"a{i}": Argument(id=f"a{i}", premises=(f"c{rng.randrange(n)}",),
                          conclusion=f"c{rng.randrange(n)}")
        for i in range(n)
    }
    attacks = tuple(Attack(attacker=f"c{rng.randrange(n)}", target=f"c{rng.randrange(n)}")
                    for _ in range(n))
    m = ArgumentMap(claims=claims, arguments=arguments, attacks=attacks)
    print("bipolar map: 1,000 claims, 1,000 supporting arguments, 1,000 attacks")
    for semantics in ("grounded", "preferred", "stable"):
        row(f"in-process: evaluate_map ({semantics}, explained)",
            median_of(runs, functools.partial(evaluate_map, m, semantics, timeout=10)),
            0.82, "other Python package: 8.2 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--timeout", type=float, default=30.0,
                        help="time limit for the ICCMA instances")
    parser.add_argument("--quick", action="store_true", help="one run each")
    options = parser.parse_args()
    runs = 1 if options.quick else options.runs
    print(f"Python {sys.version.split()[0]}, medians of {runs} run(s); load average "
          f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs (wall times suffer from load; "
          "CPU times less so)")
    with tempfile.TemporaryDirectory() as tmp:
        bench_grounded(runs, Path(tmp))
    bench_instances(runs, options.timeout)
    bench_bipolar(runs)


if __name__ == "__main__":
    main()
