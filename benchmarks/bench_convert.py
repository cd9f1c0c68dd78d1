"""Benchmarks of ``argmap convert`` (imports and exports).

Run:  .venv/bin/python benchmarks/bench_convert.py [--runs N]

Prints medians over several runs of:

* importing the real corpora in ../shared/corpora/ (all 62 arg-microtexts, the 5 AIF
  files, the 223 Argdown files, the SADFace files), in-process;
* exporting a generated 10,000-claim map (benchmarks/generate.py) to AIF and Argdown,
  and importing those back;
* the whole process ``argmap convert micro_b001.xml -o out.yaml`` (start-up included);
* with ``--cli``: whole-process ``argmap convert`` of the 10,000-claim map (argmap JSON
  in) to each JSON format, compact (the default, the C encoder) against ``--indent 2``
  (the output before: pretty-printed by the pure-Python encoder), and to Mermaid and
  GraphML; alternated run by run (``timing.compare_commands``), medians and ratios.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from argmap.convert import detect_format, export_map, read_map  # noqa: E402 -- same
from generate import generate  # noqa: E402 -- after the path set-up
from timing import (  # noqa: E402 -- after the path set-up
    compare_commands,
    format_comparison,
    median_time,
)

CORPORA = ROOT.parent / "shared" / "corpora"



def import_all(files: list[tuple[bytes, str]]) -> None:
    for raw, fmt in files:
        result = read_map(raw, fmt)
        assert result.map is not None  # noqa: S101 -- a benchmark of real, valid inputs


def whole_process(runs: int) -> None:
    """``argmap convert`` of the 10,000-claim map, whole process, alternated."""
    from argmap._formats.native import write_json  # noqa: PLC0415 -- only here

    argmap = str(ROOT / ".venv" / "bin" / "argmap")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "map-10000.argmap.json"
        source.write_text(write_json(generate(10_000)), encoding="utf-8")
        for fmt, suffix in (("aif", "aif.json"), ("json", "argmap.json"),
                            ("sadface", "sadface.json")):
            out = str(Path(folder) / f"out.{suffix}")
            commands = {
                f"convert --to {fmt} --indent 2 (before)":
                    [argmap, "convert", str(source), "-o", out, "--indent", "2"],
                f"convert --to {fmt} (compact, C encoder)":
                    [argmap, "convert", str(source), "-o", out],
            }
            figures = compare_commands(commands, runs)
            print(format_comparison(figures, next(iter(commands))))
            print()
        commands = {f"convert -o out.{suffix}": [argmap, "convert", str(source), "-o",
                                                 str(Path(folder) / f"out.{suffix}")]
                    for suffix in ("aif.json", "mmd", "graphml")}
        print(format_comparison(compare_commands(commands, runs), "convert -o out.aif.json"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cli", action="store_true",
                        help="only the whole-process figures of the 10,000-claim map")
    options = parser.parse_args()
    runs = options.runs
    if options.cli:
        whole_process(runs)
        return

    def corpus(pattern: str) -> list[tuple[bytes, str]]:
        out = []
        for path in sorted(CORPORA.glob(pattern)):
            raw = path.read_bytes()
            fmt = detect_format(str(path), raw)
            if fmt is not None:
                out.append((raw, fmt))
        return out

    if CORPORA.is_dir():
        sets = {
            "microtexts (62 files)": corpus("microtexts/en/*.xml"),
            "AIF/xAIF (5 files)": corpus("aif/*.json"),
            "SADFace (3 files)": corpus("sadface/*.json"),
        }
        argdown = [(p.read_bytes(), "argdown") for p in sorted(CORPORA.glob("argdown/*/*.argdown"))]
        argdown = [f for f in argdown if read_map(f[0], "argdown").map is not None]
        sets[f"Argdown ({len(argdown)} readable files)"] = argdown
        for name, files in sets.items():
            seconds = median_time(lambda files=files: import_all(files), runs)  # type: ignore[misc]
            print(f"import {name:32s} {seconds * 1000:9.1f} ms  "
                  f"({seconds / max(len(files), 1) * 1000:.2f} ms per file)")

    big = generate(10_000)
    size = len(big.claims) + len(big.evidence) + len(big.arguments)
    for fmt in ("aif", "argdown"):
        text = export_map(big, fmt)
        seconds = median_time(lambda fmt=fmt: export_map(big, fmt), runs)  # type: ignore[misc]
        print(f"export 10,000-claim map ({size:,} nodes) to {fmt:8s} {seconds:6.2f} s  "
              f"({len(text) / 1e6:.1f} MB)")
        seconds = median_time(lambda text=text, fmt=fmt: read_map(text, fmt), runs)  # type: ignore[misc]
        print(f"import it back from {fmt:8s}                      {seconds:6.2f} s")

    sample = CORPORA / "microtexts" / "en" / "micro_b001.xml"
    if sample.is_file():
        with tempfile.TemporaryDirectory() as folder:
            command = [str(ROOT / ".venv" / "bin" / "argmap"), "convert", str(sample), "-o",
                       str(Path(folder) / "out.yaml"), "-q"]
            seconds = median_time(lambda: subprocess.run(command, check=True), runs)
        print(f"whole process: argmap convert micro_b001.xml -o out.yaml  {seconds:6.2f} s")


if __name__ == "__main__":
    main()
