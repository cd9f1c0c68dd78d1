"""Loading and validation speed: argmap against check-jsonschema.

    .venv/bin/python benchmarks/bench_load.py            # 10,000-claim map, 5 runs
    .venv/bin/python benchmarks/bench_load.py --claims 1000 --runs 9

Generates the maps (benchmarks/data/, not committed) once, then times, as whole
processes (what a user waits for), alternated run by run (``timing.compare_commands``):

* start-up: ``argmap validate`` on a 4-line map against ``python -c "import typer,
  attrs, jsonschema, graphviz"`` (the libraries a CLI like argmap's stands on; the
  target is within 1.2x), and ``argmap --version``;
* ``argmap validate`` on the large map as YAML and as JSON (text and ``--format json``)
  against ``check-jsonschema`` on the same JSON file and schema (it neither reports
  lines nor checks references).

argmap's own modules are byte-compiled first (as ``pip install`` does): this machine
sets PYTHONDONTWRITEBYTECODE, and an editable install would otherwise compile argmap's
sources at every start while the libraries it is compared with load their .pyc files.
In-process figures split the YAML pipeline into its steps.  Prints medians and ratios.
"""

from __future__ import annotations

import argparse
import compileall
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

from argmap import _dump, _load, _parse, _schema  # noqa: E402 -- same
from argmap._report import FileReport, reporter  # noqa: E402 -- same
from argmap.errors import Diagnostic, Location, Severity  # noqa: E402 -- same
from generate import generate  # noqa: E402 -- after the path set-up above
from timing import compare_commands, format_comparison, median_time  # noqa: E402 -- same

BASELINE = "python -c 'import typer, attrs, jsonschema, graphviz'"


def main() -> None:
    parser = argparse.ArgumentParser(description="argmap loading benchmarks")
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--startup-runs", type=int, default=21)
    parser.add_argument("--startup-only", action="store_true",
                        help="only the start-up comparison (a minute, not many)")
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

    if args.startup_only:
        startup_comparison(argmap_cmd, small, args.startup_runs)
        return
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
    many = FileReport("map.yaml", tuple(
        Diagnostic("disconnected", f"claim 'c{i}' is not connected to the main claim(s)",
                   Location("map.yaml", i + 1, 3, f"/claims/c{i}"), Severity.WARNING,
                   "link it to the main line of reasoning with an argument or an attack")
        for i in range(50_000)))
    for label, indent in (("compact", None), ("--indent 2", 2)):

        def report(i: int | None = indent) -> str:
            return reporter("json")([many], "checked", indent=i)

        seconds = median_time(report, args.runs)
        print(f"  JSON report, 50,000 diagnostics, {label:10s} {seconds:7.3f} s")

    startup_comparison(argmap_cmd, small, args.startup_runs)

    print(f"\nlarge map, whole process, median of {args.runs} alternating runs:")
    cases: dict[str, list[str]] = {
        "argmap validate map.yaml": [*argmap_cmd, "validate", str(yaml_path)],
        "argmap validate map.json": [*argmap_cmd, "validate", str(json_path)],
        "argmap validate map.json --format json": [
            *argmap_cmd, "validate", str(json_path), "--format", "json"],
    }
    checker = shutil.which("check-jsonschema", path=str(bindir)) or shutil.which("check-jsonschema")
    if checker:
        cases["check-jsonschema map.json"] = [
            checker,
            "--schemafile",
            str(ROOT / "schemas" / "argmap.schema.json"),
            str(json_path),
        ]
    figures = compare_commands(cases, args.runs)
    for figure in figures.values():
        if set(figure.exit_codes) - {0}:
            raise SystemExit(f"{figure.name} failed: exit codes {figure.exit_codes}")
    print(format_comparison(figures, "argmap validate map.json"))


def startup_comparison(argmap_cmd: list[str], small: Path, runs: int) -> None:
    """``argmap validate`` of a small map against importing the libraries it stands on."""
    compileall.compile_dir(str(ROOT / "src" / "argmap"), quiet=1)
    print(f"\nstart-up, whole process, median of {runs} alternating runs:")
    startup = compare_commands(
        {
            BASELINE: [sys.executable, "-c", "import typer, attrs, jsonschema, graphviz"],
            "argmap validate small.yaml": [*argmap_cmd, "validate", str(small)],
            "argmap --version": [*argmap_cmd, "--version"],
        },
        runs,
    )
    print(format_comparison(startup, BASELINE))


if __name__ == "__main__":
    main()
