"""Speed of ``evaluate_map`` with and without explanations (in process).

    .venv/bin/python benchmarks/bench_evaluate.py                    # 1,000 and 10,000
    .venv/bin/python benchmarks/bench_evaluate.py --sizes 100000 --runs 5

The map is the bipolar map of benchmarks/bench_af.py, scaled: N claims, N arguments
(one random premise, one random conclusion each) and N attacks between random claims,
seed 5.  For each size and semantics the script alternates, run by run, the translation
alone (``translate``), ``evaluate_map(..., explain=False)`` and ``evaluate_map(...)``
(explained), and prints the median wall time of each and the ratio of the explained run
to the unexplained one.  All figures are in process (the map already built in memory):
they are not whole ``argmap evaluate`` runs and must not be set against another tool's
command line.

Measured on the project's 2-core machine with other jobs running (9 runs, medians) -- see
the figures quoted in docs/evaluation.md ("Speed").
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import statistics
import sys
import time
from collections.abc import Callable

from argmap.evaluate import evaluate_map, translate
from argmap.model import Argument, ArgumentMap, Attack, Claim


def bipolar_map(n: int, seed: int = 5) -> ArgumentMap:
    """N claims, N supporting arguments, N attacks (the shape of bench_af.py's map)."""
    rng = random.Random(seed)
    claims = {f"c{i}": Claim(id=f"c{i}", text=f"Claim {i}.") for i in range(n)}
    arguments = {
        f"a{i}": Argument(id=f"a{i}", premises=(f"c{rng.randrange(n)}",),
                          conclusion=f"c{rng.randrange(n)}")
        for i in range(n)
    }
    attacks = tuple(Attack(attacker=f"c{rng.randrange(n)}", target=f"c{rng.randrange(n)}")
                    for _ in range(n))
    return ArgumentMap(claims=claims, arguments=arguments, attacks=attacks)


def alternate(runs: int, tasks: dict[str, Callable[[], object]]) -> dict[str, float]:
    """Median wall seconds of each task, the tasks alternating run by run."""
    times: dict[str, list[float]] = {name: [] for name in tasks}
    for _ in range(runs):
        for name, task in tasks.items():
            start = time.perf_counter()
            task()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000],
                        help="claims (= arguments = attacks) of each map")
    parser.add_argument("--runs", type=int, default=9, help="runs per figure (median)")
    parser.add_argument("--semantics", nargs="+", default=["grounded", "preferred"],
                        help="semantics to time")
    options = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, in process, medians of {options.runs} "
          f"alternating runs; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} "
          "CPUs")
    for n in options.sizes:
        m = bipolar_map(n)
        print(f"bipolar map: {n:,} claims, {n:,} arguments, {n:,} attacks")
        for semantics in options.semantics:
            medians = alternate(options.runs, {
                "translate": functools.partial(translate, m),
                "statuses": functools.partial(evaluate_map, m, semantics, timeout=60,
                                              explain=False),
                "explained": functools.partial(evaluate_map, m, semantics, timeout=60),
            })
            ratio = medians["explained"] / medians["statuses"]
            print(f"  {semantics:<9}  translate {medians['translate']:.4f} s   "
                  f"evaluate_map explain=False {medians['statuses']:.4f} s   "
                  f"explained {medians['explained']:.4f} s   "
                  f"explained / not {ratio:.2f}x")


if __name__ == "__main__":
    main()
