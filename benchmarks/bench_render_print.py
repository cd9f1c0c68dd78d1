"""Benchmark of a fitted print page (issue 11): what the layout search costs.

Run:  .venv/bin/python benchmarks/bench_render_print.py [--runs 5]

Whole processes, alternated run by run (``benchmarks/timing.py`` ``compare_commands``;
medians of wall time and peak RSS, ratios from the same run), on the seed debate
(``examples/one-threat.argmap.yaml``, 96 nodes) in the print theme coloured by status:

* ``pdf``: the unpaged PDF (one layout, no search): the baseline;
* ``A3 landscape``: the fitted page, which tries up to six layouts (two directions times
  three ``unflatten`` settings) and keeps the one that prints largest;
* ``A4 tiled``: tiles (no search).

A map of more than ``FIT_SEARCH_NODES`` drawn nodes is never searched (one layout, as
for the unpaged PDF): ``tests/test_render_print_fit.py`` proves it without timing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from timing import compare_commands, format_comparison  # noqa: E402 -- the path above

SEED = ROOT / "examples" / "one-threat.argmap.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        common = [sys.executable, "-m", "argmap", "render", str(SEED), "--theme", "print",
                  "--color-by", "status", "--wrap", "30"]
        commands = {
            "pdf": [*common, "-o", str(out / "plain.pdf")],
            "A3 landscape": [*common, "-o", str(out / "a3.pdf"), "--page", "A3",
                             "--landscape"],
            "A4 tiled": [*common, "-o", str(out / "tiles.pdf"), "--page", "A4", "--tile"],
        }
        figures = compare_commands(commands, args.runs)
    print(format_comparison(figures, "pdf"))


if __name__ == "__main__":
    main()
