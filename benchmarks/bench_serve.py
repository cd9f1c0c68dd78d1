"""How fast ``argmap serve`` follows a save: from the file's rename to the new snapshot.

A real ``argmap serve`` process watches a copy of a map; each run saves it (a new file
renamed over the old, as editors do) with one word changed and waits, over HTTP, for the
snapshot that holds the word (``/snapshot?after=N``).  That is the whole loop but the
browser's own paint: the watch's debounce, reading, validation, the check, the
evaluation, Graphviz, and the answer.  Also times, alongside, ``argmap render`` of the
same map to SVG as a whole process (what a save cost before the preview: one command).

    .venv/bin/python benchmarks/bench_serve.py [--runs N] [MAP]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import selectors
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "one-threat.argmap.yaml"


def _start(path: Path) -> tuple[subprocess.Popen[bytes], str]:
    proc = subprocess.Popen([sys.executable, "-m", "argmap", "serve", str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    if proc.stdout is None:
        raise SystemExit("no standard output from argmap serve")
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    line = b""
    deadline = time.monotonic() + 60
    while b"\n" not in line and time.monotonic() < deadline:
        if selector.select(1):
            line += os.read(proc.stdout.fileno(), 4096)
    found = re.search(rb"at (http://\S+)", line)
    if found is None:
        proc.kill()
        raise SystemExit(f"argmap serve did not start: {line!r}")
    return proc, found.group(1).decode()


def _snapshot(url: str, after: int) -> dict[str, object]:
    with urllib.request.urlopen(f"{url}snapshot?after={after}", timeout=60) as answer:  # noqa: S310
        data: dict[str, object] = json.loads(answer.read())
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("map", nargs="?", type=Path, default=SEED)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    text = args.map.read_text(encoding="utf-8")
    word = re.search(r"text: \"?(\w+)", text)
    if word is None:
        raise SystemExit(f"{args.map}: no `text:` to change")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / args.map.name
        path.write_text(text, encoding="utf-8")
        proc, url = _start(path)
        try:
            version = int(_snapshot(url, 0)["version"])  # type: ignore[call-overload]
            waits, renders = [], []
            for run in range(args.runs):
                marker = f"Edit{run}x"
                temporary = path.with_name(path.name + ".tmp~")
                temporary.write_text(text.replace(word.group(1), marker, 1),
                                     encoding="utf-8")
                started = time.perf_counter()
                temporary.replace(path)
                while True:
                    data = _snapshot(url, version)
                    version = int(data["version"])  # type: ignore[call-overload]
                    if marker in json.dumps(data["nodes"]):
                        break
                waits.append(time.perf_counter() - started)
                renders.append(float(data["seconds"]))  # type: ignore[arg-type]
                time.sleep(0.3)
        finally:
            proc.send_signal(signal.SIGINT)
            proc.wait(15)
        wholes = []
        out = Path(folder) / "out.svg"
        for _ in range(args.runs):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "argmap", "render", str(path), "-o",
                            str(out)], check=True, capture_output=True)
            wholes.append(time.perf_counter() - started)
    print(f"map: {args.map.name}, {args.runs} saves")
    print(f"save -> new snapshot (whole loop): median {statistics.median(waits):.3f} s, "
          f"max {max(waits):.3f} s")
    print(f"  of which the look itself (read, validate, check, evaluate, draw; in the "
          f"server): median {statistics.median(renders):.3f} s")
    print(f"argmap render MAP -o out.svg (whole process): median "
          f"{statistics.median(wholes):.3f} s; ratio preview/render "
          f"{statistics.median(waits) / statistics.median(wholes):.2f}")


if __name__ == "__main__":
    main()
