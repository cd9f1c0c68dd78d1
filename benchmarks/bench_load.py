"""Loading and validation speed: argmap against check-jsonschema.

    .venv/bin/python benchmarks/bench_load.py            # 10,000-claim map, 5 runs
    .venv/bin/python benchmarks/bench_load.py --claims 1000 --runs 9

Generates the maps (benchmarks/data/, not committed) once, then times, as whole
processes (what a user waits for): ``argmap validate`` on YAML and on JSON,
``check-jsonschema`` on the same JSON file and schema (it neither reports lines nor
checks references), and ``argmap --version`` and ``argmap validate`` on a small file
(start-up).  In-process figures split the YAML pipeline into its steps.  Prints medians
and ratios.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

from argmap import _dump, _load, _parse, _schema  # noqa: E402 -- same
from generate import generate  # noqa: E402 -- after the path set-up above
from timing import median_time  # noqa: E402 -- after the path set-up


def run(cmd: list[str], ok: tuple[int, ...] = (0,)) -> Callable[[], None]:
    def action() -> None:
        done = subprocess.run(cmd, capture_output=True, check=False)
        if done.returncode not in ok:
            raise SystemExit(f"{cmd} failed: {done.stderr.decode()[:500]}")

    return action


def main() -> None:
    parser = argparse.ArgumentParser(description="argmap loading benchmarks")
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    data = HERE / "data"
    data.mkdir(exist_ok=True)
    yaml_path = data / f"map-{args.claims}.yaml"
    json_path = data / f"map-{args.claims}.json"
    small = data / "small.yaml"
    if not yaml_path.exists() or not json_path.exists():
        debate = generate(args.claims)
        yaml_path.write_text(_dump.to_yaml(debate), encoding="utf-8")
        json_path.write_text(_dump.to_json(debate), encoding="utf-8")
    small.write_text("argmap: 1\nclaims:\n  c1:\n    text: A claim.\n", encoding="utf-8")
    bindir = Path(sys.executable).parent
    argmap_cmd = (
        [str(bindir / "argmap")]
        if (bindir / "argmap").exists()
        else [sys.executable, "-m", "argmap"]
    )
    print(
        f"map: {args.claims:,} claims; YAML {yaml_path.stat().st_size:,} bytes, "
        f"JSON {json_path.stat().st_size:,} bytes; median of {args.runs} runs"
    )

    raw = yaml_path.read_bytes()
    text = _parse.decode(raw, None)
    doc = _parse.parse(text, "yaml", None)
    steps = {
        "parse YAML (events, positions)": lambda: _parse.parse(text, "yaml", None),
        "schema (jsonschema-rs is_valid)": lambda: _schema.validate_document(doc),
        "schema (jsonschema, full)": lambda: _schema.validate_document(doc, fast=False),
        "build model": lambda: _load.build(doc.data),
        "check references": lambda: _load.check_references(_load.build(doc.data), doc),
    }
    print("\nin process:")
    for name, action in steps.items():
        runs = 1 if "full" in name else args.runs
        print(f"  {name:34s} {median_time(action, runs):7.3f} s")

    print("\nwhole process:")
    figures: dict[str, float] = {}
    cases: dict[str, list[str]] = {
        "argmap --version": [*argmap_cmd, "--version"],
        "argmap validate small.yaml": [*argmap_cmd, "validate", str(small)],
        "argmap validate map.yaml": [*argmap_cmd, "validate", str(yaml_path)],
        "argmap validate map.json": [*argmap_cmd, "validate", str(json_path)],
    }
    checker = shutil.which("check-jsonschema", path=str(bindir)) or shutil.which("check-jsonschema")
    if checker:
        cases["check-jsonschema map.json"] = [
            checker,
            "--schemafile",
            str(ROOT / "schemas" / "argmap.schema.json"),
            str(json_path),
        ]
    for name, cmd in cases.items():
        figures[name] = median_time(run(cmd), args.runs)
        print(f"  {name:34s} {figures[name]:7.3f} s")
    if "check-jsonschema map.json" in figures:
        ratio = figures["check-jsonschema map.json"] / figures["argmap validate map.json"]
        print(f"\nargmap validate is {ratio:.1f}x faster than check-jsonschema on the JSON map")


if __name__ == "__main__":
    main()
