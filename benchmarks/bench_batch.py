"""One ``argmap render``/``evaluate`` over a folder against one process per map.

    .venv/bin/python benchmarks/bench_batch.py                 # 30 maps, 3 runs
    .venv/bin/python benchmarks/bench_batch.py --maps 100 --verbs evaluate

The folder holds N copies of examples/classroom/good-student.argmap.yaml (25 nodes) under
different names.  Whole processes are timed (benchmarks/timing.py ``compare_commands``:
the commands alternate run by run; medians of wall time and peak RSS): the batch command
on the folder, and a shell loop that starts one ``argmap`` per map, as a teacher's
script did before.  Rendering writes DOT (no Graphviz run), so the figures are argmap's
own work and start-up.  The peak RSS of the loop is that of the shell, not of the
``argmap`` processes: compare wall times only for it.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import compare_commands, format_comparison

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "examples" / "classroom" / "good-student.argmap.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--maps", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--verbs", default="evaluate,render",
                        help="which commands to time (comma-separated)")
    args = parser.parse_args()
    argmap = str(Path(sys.executable).with_name("argmap"))
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "class"
        folder.mkdir()
        for i in range(args.maps):
            shutil.copy(SOURCE, folder / f"student-{i:04d}.argmap.yaml")
        loop = ('for f in "$1"/*.yaml; do "$0" {verb} "$f" {opts} >/dev/null 2>&1; done')
        for verb, batch_opts, single_opts in (
            ("evaluate", ["-o", f"{scratch}/statuses", "-q"], ""),
            ("render", ["-o", f"{scratch}/diagrams", "-f", "dot", "-q"],
             f'-o "{scratch}/one.dot" -q'),
        ):
            if verb not in args.verbs.split(","):
                continue
            commands = {
                f"argmap {verb} FOLDER": [argmap, verb, str(folder), *batch_opts],
                f"one argmap {verb} per map": [
                    "bash", "-c", loop.format(verb=verb, opts=single_opts), argmap,
                    str(folder)],
            }
            figures = compare_commands(commands, args.runs)
            print(f"{args.maps} maps, {verb} (whole processes, medians of {args.runs} runs)",
                  flush=True)
            print(format_comparison(figures, f"argmap {verb} FOLDER"), flush=True)
            print()


if __name__ == "__main__":
    main()
