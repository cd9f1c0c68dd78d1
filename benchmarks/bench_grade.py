"""Speed of ``argmap grade``: a class of 500 generated submissions of 20-60 nodes.

    .venv/bin/python benchmarks/bench_grade.py                   # 500 submissions, 3 runs
    .venv/bin/python benchmarks/bench_grade.py --students 100 --runs 1

The submissions come from benchmarks/generate.py (two sides, evidence with sources,
arguments with one to three linked premises, attacks of the three kinds,
contradictions), each with its own seed and 8 to 24 claims: 20 to 60 nodes (claims,
evidence and arguments), cross-linked.  The assignment asks for everything the
classroom example asks for (examples/classroom/assignment.toml), so every
requirement and the six check rules run on every map.

Timed, whole processes, alternating run by run (benchmarks/timing.py), medians of wall
time and peak RSS (of the main process: the pool's workers are its children and
``ru_maxrss`` of wait4 counts the largest of the process tree):

* ``--jobs 1`` and ``--jobs 2`` with the feedback pages' maps drawn (Graphviz ``dot``
  once per submission);
* the same with ``--no-draw`` (feedback pages without the map), which shows what the
  drawing costs.

Measured on the project's 2-core machine with five other jobs running (load average
about 8), 500 submissions, 37.6 nodes on average, 3 runs: ``--jobs 1`` 79.3 s (132 MiB),
``--jobs 2`` 65.0 s (0.82x), ``--jobs 1 --no-draw`` 25.5 s (0.32x), ``--jobs 2
--no-draw`` 21.2 s (0.27x).  See docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

from argmap import _dump  # noqa: E402 -- same
from generate import generate  # noqa: E402 -- after the path set-up above
from timing import compare_commands, format_comparison  # noqa: E402 -- same


def write_class(folder: Path, students: int, seed: int = 7) -> int:
    """``students`` submissions in ``folder``; the number of nodes written."""
    rng = random.Random(seed)
    nodes = 0
    for i in range(students):
        claims = rng.randrange(8, 25)
        argmap = generate(claims, seed=seed * 10_000 + i)
        nodes += len(argmap.claims) + len(argmap.evidence) + len(argmap.arguments)
        (folder / f"student-{i:04d}.yaml").write_text(_dump.to_yaml(argmap), encoding="utf-8")
    return nodes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    argmap = str(ROOT / ".venv" / "bin" / "argmap")
    assignment = str(ROOT / "examples" / "classroom" / "assignment.toml")
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        folder = work / "class"
        folder.mkdir()
        nodes = write_class(folder, args.students)
        print(f"{args.students} submissions, {nodes / args.students:.1f} nodes on average")
        commands = {}
        for draw in ("--draw", "--no-draw"):
            for jobs in ("1", "2"):
                out = work / f"report{draw}{jobs}"
                commands[f"--jobs {jobs} {draw}"] = [
                    argmap, "grade", str(folder), "-a", assignment, "-o", str(out),
                    "--jobs", jobs, draw, "-q"]
        figures = compare_commands(commands, args.runs, warmup=0)
        for fig in figures.values():
            if set(fig.exit_codes) != {0}:
                raise SystemExit(f"{fig.name}: exit codes {fig.exit_codes}")
        print(format_comparison(figures, "--jobs 1 --draw"))
        pages = sorted((work / "report--draw2" / "feedback").iterdir())
        print(f"{len(pages)} feedback pages, "
              f"{sum(p.stat().st_size for p in pages) / len(pages) / 1024:.0f} KiB each")
        shutil.rmtree(work / "report--draw1", ignore_errors=True)


if __name__ == "__main__":
    main()
