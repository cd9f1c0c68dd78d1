"""Benchmarks of ``argmap convert`` (imports and exports).

Run:  .venv/bin/python benchmarks/bench_convert.py [--runs N]

Prints medians over several runs of:

* importing the real corpora in ../shared/corpora/ (all 62 arg-microtexts, the 5 AIF
  files, the 223 Argdown files, the SADFace files), in-process;
* exporting a generated 10,000-claim map (benchmarks/generate.py) to AIF and Argdown,
  and importing those back;
* the whole process ``argmap convert micro_b001.xml -o out.yaml`` (start-up included).
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
from timing import median_time  # noqa: E402 -- after the path set-up

CORPORA = ROOT.parent / "shared" / "corpora"



def import_all(files: list[tuple[bytes, str]]) -> None:
    for raw, fmt in files:
        result = read_map(raw, fmt)
        assert result.map is not None  # noqa: S101 -- a benchmark of real, valid inputs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs

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
