"""Argdown as a user runs it: argmap's commands against the Argdown CLI, whole process.

Run:  .venv/bin/python benchmarks/bench_argdown.py [--size N] [--runs N]

Makes the cross-linked debate of ``../shared/bench/gen_debate.py N`` (5,000 elements by
default), then times, alternating the commands run by run (``timing.compare_commands``):

* the parse alone: ``argmap validate d.argdown`` and ``argmap convert d.argdown -o
  out.json`` against ``argdown json d.argdown`` (target: argmap at least 2x faster);
* Argdown to DOT: ``argmap render d.argdown -o d.dot`` (straight from the Argdown file:
  no YAML round trip, one validation) against ``argdown map --format dot``
  (target: faster).

The Argdown CLI 1.7.5 comes from ``bash benchmarks/setup.sh`` (npm, outside argmap's
dependencies).  Prints Markdown tables: medians of wall time and of peak RSS, ratios.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import compare_commands, format_comparison

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ROOT.parent / "shared" / "bench" / "gen_debate.py"
ARGDOWN = ROOT / "benchmarks" / ".node" / "node_modules" / ".bin" / "argdown"
ARGMAP = Path(sys.executable).with_name("argmap")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=5000, help="elements of the debate")
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each command")
    options = parser.parse_args()
    if not ARGDOWN.exists():
        subprocess.run(["/bin/bash", str(ROOT / "benchmarks" / "setup.sh")], check=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        debate = work / "d.argdown"
        with debate.open("w", encoding="utf-8") as out:
            subprocess.run([sys.executable, str(GENERATOR), str(options.size)], stdout=out,
                           stderr=subprocess.DEVNULL, check=True)
        size = debate.stat().st_size
        print(f"Argdown debate of {options.size:,} elements ({size / 1e6:.2f} MB), "
              f"medians of {options.runs} alternating runs, whole process\n")
        parse = compare_commands({
            "argdown json d.argdown": [str(ARGDOWN), "json", str(debate), str(work / "json")],
            "argmap validate d.argdown": [str(ARGMAP), "validate", "-q", str(debate)],
            "argmap convert d.argdown -o out.json": [
                str(ARGMAP), "convert", "-q", str(debate), "-o", str(work / "out.json")],
        }, options.runs, cwd=work)
        print(format_comparison(parse, "argdown json d.argdown"))
        print()
        dot = compare_commands({
            "argdown map --format dot": [str(ARGDOWN), "map", "--format", "dot", str(debate),
                                         str(work / "map")],
            "argmap render d.argdown -o d.dot": [str(ARGMAP), "render", str(debate), "-o",
                                                 str(work / "d.dot")],
        }, options.runs, cwd=work)
        print(format_comparison(dot, "argdown map --format dot"))
        for figures in (parse, dot):
            for figure in figures.values():
                if set(figure.exit_codes) - {0, 1}:
                    print(f"\nwarning: {figure.name} exited with {figure.exit_codes}")


if __name__ == "__main__":
    main()
