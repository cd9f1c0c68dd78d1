"""Cost of the reporters: ``argmap check --format text|json|github|sarif|junit``.

    .venv/bin/python benchmarks/bench_report.py                 # 200 maps, 7 runs
    .venv/bin/python benchmarks/bench_report.py --maps 500 --runs 5

A folder of copies of the classroom's two mistake maps (examples/classroom: 17 format
mistakes, and the reasoning mistakes) is checked as one batch, whole process, each
format in turn (alternated run by run: benchmarks/timing.py ``compare_commands``);
the ratio is to ``--format json``.  Then, in process, the reporters alone on the same
reports (reading and checking left out), to show what the format itself costs.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

from argmap._cli.common import expand_inputs, read_validated  # noqa: E402 -- after the path
from argmap._report import FileReport, reporter  # noqa: E402 -- same
from argmap.check import check_result  # noqa: E402 -- same
from timing import compare_commands, format_comparison, median_time  # noqa: E402 -- same

FORMATS = ("text", "json", "github", "sarif", "junit")


def make_batch(folder: Path, maps: int) -> None:
    """``maps`` copies of the classroom mistake maps in ``folder``."""
    sources = [ROOT / "examples" / "classroom" / "mistakes.argmap.yaml",
               ROOT / "examples" / "classroom" / "reasoning" / "reasoning-mistakes.argmap.yaml"]
    for i in range(maps):
        shutil.copy(sources[i % 2], folder / f"student-{i:04d}.argmap.yaml")


def in_process(folder: Path, runs: int) -> None:
    reports = []
    for name in expand_inputs([str(folder)]):
        read = read_validated(name, None, 1 << 25)
        if isinstance(read, FileReport):
            raise SystemExit(f"cannot read {name}")
        raw, result, _ = read
        reports.append(FileReport(name, tuple(check_result(result, text=raw))))
    count = sum(len(r.diagnostics) for r in reports)
    print(f"\nIn process, the reporter alone ({len(reports)} files, {count:,} diagnostics):")
    base = median_time(lambda: reporter("json")(reports, "checked"), runs)
    for fmt in FORMATS:
        report = reporter(fmt)
        seconds = median_time(lambda: report(reports, "checked"), runs)  # noqa: B023 -- run now
        print(f"  {fmt:<7} {seconds * 1000:8.1f} ms  {seconds / base:5.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--maps", type=int, default=200)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "class"
        folder.mkdir()
        make_batch(folder, args.maps)
        argmap = [sys.executable, "-m", "argmap"]
        commands = {f"argmap check --format {fmt} ({args.maps} maps)":
                    [*argmap, "check", "--format", fmt, str(folder)] for fmt in FORMATS}
        figures = compare_commands(commands, args.runs, cwd=ROOT)
        print("Whole process, medians, alternated run by run:")
        print(format_comparison(figures, f"argmap check --format json ({args.maps} maps)"))
        in_process(folder, args.runs)


if __name__ == "__main__":
    main()
