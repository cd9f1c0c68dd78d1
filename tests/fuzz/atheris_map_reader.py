"""Coverage-guided fuzzing of the map reader with atheris (optional, not run in CI).

atheris installs from PyPI on CPython 3.11 on Linux (``pip install atheris``); it is not
a dependency of argmap.  Run from the repository root::

    .venv/bin/pip install atheris
    .venv/bin/python -m tests.fuzz.atheris_map_reader -atheris_runs=200000
    .venv/bin/python -m tests.fuzz.atheris_map_reader corpus/ -max_total_time=3600

Each input is read as YAML and as JSON; validation must answer with diagnostics (never
raise), the text and GitHub reports must carry no raw control character, and the JSON
report must parse.  A crash writes ``crash-<hash>``: add its bytes as an ``@example`` of
tests/fuzz/test_fuzz_map_reader.py.
"""

from __future__ import annotations

import json
import sys
from typing import Any


def _one_input(data: bytes) -> None:
    import argmap
    from argmap._report import FileReport, reporter

    from ._hostile import RAW_CONTROL

    for fmt in ("yaml", "json"):
        result = argmap.validates(data, format=fmt)
        source = data.decode("utf-8", "replace")
        report = FileReport("in.yaml", result.diagnostics, source=source)
        for name in ("text", "github"):
            out = reporter(name)([report], "validated")
            if RAW_CONTROL.search(out):
                raise AssertionError(f"raw control character in the {name} report: {out!r}")
        json.loads(reporter("json")([report], "validated"))


def main(argv: list[str] | None = None) -> None:
    """Start atheris with libFuzzer's arguments (``-atheris_runs=N``, a corpus folder)."""
    import atheris  # type: ignore[import-untyped,import-not-found,unused-ignore]  # optional

    atheris_module: Any = atheris
    with atheris_module.instrument_imports():
        import argmap
        import argmap._load
        import argmap._parse
        import argmap._report

        del argmap  # imported only to be instrumented for coverage
    atheris_module.Setup(sys.argv if argv is None else argv, _one_input)
    atheris_module.Fuzz()


if __name__ == "__main__":
    main()
