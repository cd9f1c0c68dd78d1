"""Benchmark of a fitted print page (issue 11): what the layout search costs.

Run:  .venv/bin/python benchmarks/bench_render_print.py [--runs 5]

Whole processes, alternated run by run (``benchmarks/timing.py`` ``compare_commands``;
medians of wall time and peak RSS, ratios from the same run), on the seed debate
(``examples/one-threat.argmap.yaml``, 96 nodes) in the print theme coloured by status:

* ``pdf``: the unpaged PDF (one layout, no search): the baseline;
* ``A3 map``: the fitted page of the map (``--layout map``), which tries up to six
  layouts (two directions times three ``unflatten`` settings) and keeps the one that
  prints largest;
* ``A3 outline``: the outline alone (``--layout outline``: one sizing pass and one
  drawing of pinned boxes);
* ``A3 auto``: the default, which lays the map out as ``A3 map`` does, finds that it
  prints below 6 points, and draws the outline: about the sum of the two;
* ``A4 tiled``: tiles (no search).

The printed size of 12-point text on the A3 page is printed for map and outline.

A map of more than ``FIT_SEARCH_NODES`` drawn nodes is never searched (one layout, as
for the unpaged PDF): ``tests/test_render_print_fit.py`` proves it without timing.
"""

from __future__ import annotations

import argparse
import re
import subprocess
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
            "A3 map": [*common, "-o", str(out / "a3-map.pdf"), "--page", "A3",
                       "--landscape", "--layout", "map"],
            "A3 outline": [*common, "-o", str(out / "a3-outline.pdf"), "--page", "A3",
                           "--landscape", "--layout", "outline"],
            "A3 auto": [*common, "-o", str(out / "a3.pdf"), "--page", "A3",
                        "--landscape"],
            "A4 tiled": [*common, "-o", str(out / "tiles.pdf"), "--page", "A4", "--tile"],
        }
        figures = compare_commands(commands, args.runs)
        print(format_comparison(figures, "pdf"))
        for name in ("A3 map", "A3 outline"):
            done = subprocess.run([*commands[name], "-v", "-q"], capture_output=True,
                                  text=True, check=True)
            found = re.search(r"12-point text prints at ([\d.]+) points", done.stderr)
            print(f"{name}: 12-point text prints at "
                  f"{found.group(1) if found else '?'} points")


if __name__ == "__main__":
    main()
