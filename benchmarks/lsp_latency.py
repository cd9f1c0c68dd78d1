"""Latency of ``argmap lsp``: from a change to its diagnostics, with a real client.

    .venv/bin/python benchmarks/lsp_latency.py                  # 500 nodes, 41 edits
    .venv/bin/python benchmarks/lsp_latency.py --claims 400 --edits 81 --runs 11   # ~1,000 nodes

A cross-linked map (benchmarks/generate.py: claims, evidence and arguments of two
sides with attacks and contradictions between them; ``--claims 200``, the default,
gives about 500 nodes) is written as YAML.  ``argmap lsp`` is started as a child
process and spoken to over its standard input and output (the client of
tests/test_lsp_client.py); the map is opened, then edited again and again: every other
edit misspells a conclusion's id (an error appears), the next one points it at another
claim (valid); no text comes twice.  Timed: from sending ``didChange`` to receiving the
``publishDiagnostics`` of that version, in the client, with the server's default
debounce (50 ms, included in the figure) and with ``--debounce 0``.  Each run of the
server checks the map too (the rules of ``argmap check``).

For scale, ``argmap validate`` and ``argmap check`` of the same file are timed as whole
processes (benchmarks/timing.py ``compare_commands``: alternated, medians); the ratio
of the server's median latency to ``argmap validate``'s median wall time is printed.
The server's figure is an edit to a running process; the commands' include starting
Python and importing argmap.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.test_lsp_client import LspClient, uri_of  # noqa: E402

import argmap  # noqa: E402 -- after the path set-up above
from generate import generate  # noqa: E402
from timing import compare_commands, format_comparison  # noqa: E402


def _is_version(uri: str, version: int, params: dict[str, Any]) -> bool:
    return params.get("uri") == uri and params.get("version") == version


def latencies(path: Path, text: str, edits: int, debounce: int) -> list[float]:
    """Seconds from each didChange to the diagnostics of its version."""
    client = LspClient([sys.executable, "-m", "argmap", "lsp", "--debounce", str(debounce)],
                       cwd=path.parent)
    try:
        client.initialize(path.parent)
        uri = uri_of(path)
        client.open(uri, text)
        first = client.diagnostics(uri, 1, timeout=120)
        if any(d["code"] == "unknown-reference" for d in first):
            raise SystemExit(f"the generated map has unknown ids: {first[:3]}")
        # The first conclusion is edited: misspelled (an error), then pointed at another
        # claim (valid), and so on; every text is new (the server would reuse the
        # analysis of a text it has seen, as after an undo).
        match = re.search(r"^( +conclusion: )(\S+)$", text, re.MULTILINE)
        if match is None:
            raise SystemExit("no `conclusion:` line in the generated map")
        claims = list(argmap.loads(text, format="yaml").claims)

        def edited(version: int) -> str:
            if version % 2 == 0:
                value = f"{match.group(2)}x{version}"
            else:
                value = claims[(version // 2) % len(claims)]
            return text[: match.start(2)] + value + text[match.end(2):]

        out = []
        for version in range(2, edits + 2):
            broken = version % 2 == 0
            seen = len(client.notifications)
            sent = time.perf_counter()
            client.change(uri, version, edited(version))
            message = client.wait_for("textDocument/publishDiagnostics",
                                      partial(_is_version, uri, version),
                                      timeout=120, after=seen)
            out.append(message["_received"] - sent)
            errors = [d for d in message["params"]["diagnostics"]
                      if d["code"] == "unknown-reference"]
            if bool(errors) != broken:
                raise SystemExit(f"version {version}: wrong diagnostics {errors[:3]}")
            time.sleep(0.05)  # an editor's pause between edits
        return out
    finally:
        client.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=200,
                        help="claims of the generated map (200: about 500 nodes)")
    parser.add_argument("--edits", type=int, default=41, help="edits timed per server")
    parser.add_argument("--runs", type=int, default=9,
                        help="runs of each whole-process command")
    args = parser.parse_args()
    built = generate(args.claims)
    nodes = len(built.claims) + len(built.evidence) + len(built.arguments)
    text = argmap.dumps(built)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.argmap.yaml"
        path.write_text(text, encoding="utf-8")
        print(f"map: {nodes} nodes ({len(built.claims)} claims, {len(built.evidence)} "
              f"evidence, {len(built.arguments)} arguments), {len(built.attacks)} attacks, "
              f"{len(text.encode()):,} bytes")
        figures = {}
        for debounce in (50, 0):
            found = latencies(path, text, args.edits, debounce)
            figures[debounce] = statistics.median(found)
            quartiles = statistics.quantiles(found, n=4)
            print(f"argmap lsp, debounce {debounce} ms: didChange -> publishDiagnostics "
                  f"median {figures[debounce] * 1000:.0f} ms (quartiles "
                  f"{quartiles[0] * 1000:.0f}-{quartiles[2] * 1000:.0f} ms, "
                  f"max {max(found) * 1000:.0f} ms, {len(found)} edits)")
        python = sys.executable
        commands = {
            "argmap validate": [python, "-m", "argmap", "validate", str(path)],
            "argmap check": [python, "-m", "argmap", "check", str(path)],
        }
        processes = compare_commands(commands, args.runs)
        print(format_comparison(processes, "argmap validate"))
        base = processes["argmap validate"].seconds
        for debounce, seconds in figures.items():
            print(f"ratio: lsp latency (debounce {debounce} ms) / argmap validate = "
                  f"{seconds / base:.2f}")


if __name__ == "__main__":
    main()
