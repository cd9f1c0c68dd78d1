"""How fast ``argmap serve`` follows a save: from the file's rename to the new snapshot.

A real ``argmap serve`` process watches a copy of a map; each run saves it (a new file
renamed over the old, as editors do) with one word changed and waits, over HTTP, for the
snapshots that hold the word (``/snapshot?after=N``).  That is the whole loop but the
browser's own paint: the watch's debounce, reading, validation, the check, the
evaluation, Graphviz, and the answer.  Two times per save: until the *first* snapshot
with the word (a quick layout when the layered one is predicted to be slow), and until
the *layered* one (the drawing ``argmap render`` makes; the same snapshot when no quick
layout was shown).

With ``--base SRC`` (the root of another checkout, for example an unchanged copy of
main: ``git archive main src | tar -x -C /tmp/base``) a second server runs that code on
its own copy of the map, at the same time, and the saves alternate between the two run
by run, so that other load on the machine falls on both alike; the report gives both
medians and their ratio.  Also times ``argmap render MAP -o out.svg`` as a whole process
(``timing.compare_commands``): what a save cost before the preview.

    .venv/bin/python benchmarks/bench_serve.py [--runs N] [--base SRC] [MAP ...]

Without MAP: the seed debate and generated cross-linked debates of 300 and 400 nodes
(``tests/render_maps.py``, the maps of docs/serve.md).
"""

from __future__ import annotations

import argparse
import contextlib
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
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "one-threat.argmap.yaml"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import compare_commands, format_comparison  # noqa: E402 -- after the path


@dataclass
class Served:
    """One ``argmap serve`` process of one source tree, and what its saves took."""

    name: str
    path: Path
    text: str
    word: tuple[int, int]
    proc: subprocess.Popen[bytes]
    url: str
    version: int = 0
    first: list[float] = field(default_factory=list)
    layered: list[float] = field(default_factory=list)
    looks: list[float] = field(default_factory=list)
    quick: int = 0
    engines: set[str] = field(default_factory=set)


def _start(source: Path, path: Path) -> tuple[subprocess.Popen[bytes], str]:
    env = {**os.environ, "PYTHONPATH": str(source / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "argmap", "serve", str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
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


@contextlib.contextmanager
def _servers(trees: dict[str, Path], map_path: Path, folder: Path) -> Iterator[list[Served]]:
    text = map_path.read_text(encoding="utf-8")
    word = re.search(r"text: \"?(\w+)", text)
    if word is None:
        raise SystemExit(f"{map_path}: no `text:` to change")
    served: list[Served] = []
    try:
        for name, source in trees.items():
            (folder / name).mkdir()
            path = folder / name / map_path.name
            path.write_text(text, encoding="utf-8")
            proc, url = _start(source, path)
            served.append(Served(name, path, text, word.span(1), proc, url))
        for one in served:  # the first look (its layered drawing), before any save
            data = _snapshot(one.url, 0)
            while _stage(data) == "quick":
                data = _snapshot(one.url, int(data["version"]))  # type: ignore[call-overload]
            one.version = int(data["version"])  # type: ignore[call-overload]
        yield served
    finally:
        for one in served:
            one.proc.send_signal(signal.SIGINT)
            one.proc.wait(15)


def _stage(data: dict[str, object]) -> str:
    """``quick`` or ``full`` (a server without quick layouts: always ``full``)."""
    layout = data.get("layout")
    return str(layout.get("stage", "full")) if isinstance(layout, dict) else "full"


def _save(one: Served, run: int) -> None:
    """Save an edit and wait for the snapshot that shows it, then for the layered one."""
    marker = f"Edit{run}x"
    temporary = one.path.with_name(one.path.name + ".tmp~")
    start, end = one.word
    temporary.write_text(one.text[:start] + marker + one.text[end:], encoding="utf-8")
    started = time.perf_counter()
    temporary.replace(one.path)
    first = None
    while True:
        data = _snapshot(one.url, one.version)
        one.version = int(data["version"])  # type: ignore[call-overload]
        if marker not in json.dumps(data["nodes"]):
            continue
        now = time.perf_counter() - started
        if first is None:
            first = now
            one.first.append(now)
        if _stage(data) == "quick":
            one.quick += 1
            continue
        layout = data.get("layout")
        one.layered.append(now)
        one.looks.append(float(data["seconds"]))  # type: ignore[arg-type]
        one.engines.add(str(layout.get("engine")) if isinstance(layout, dict)
                        else "as before")
        return


def _median(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} s" if values else "-"


def bench(map_path: Path, trees: dict[str, Path], runs: int) -> None:
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as name, _servers(trees, map_path, Path(name)) as served:
        for run in range(runs):
            order = served if run % 2 == 0 else served[::-1]
            for one in order:
                _save(one, run)
                time.sleep(0.3)
        out = Path(name) / "out.svg"
        render = compare_commands(  # this checkout's render (the preview does not change it)
            {"argmap render MAP -o out.svg": [sys.executable, "-m", "argmap", "render",
                                              str(served[0].path), "-o", str(out), "-q"]},
            runs=max(3, runs // 2))
    print(f"\n== {map_path.name}: {runs} saves per server; load average "
          f"{load:.1f} -> {os.getloadavg()[0]:.1f} (2 cores)")
    for one in served:
        print(f"  {one.name:>5}: save -> first snapshot with the edit: median "
              f"{_median(one.first)} (max {max(one.first):.3f} s); -> layered drawing: "
              f"median {_median(one.layered)}; the look itself (in the server): "
              f"{_median(one.looks)}; quick layouts shown: {one.quick}/{runs}; layered "
              f"by: {', '.join(sorted(one.engines))}")
    if len(served) == 2:
        this, base = served
        print(f"  ratio {this.name}/{base.name}: first snapshot "
              f"{statistics.median(this.first) / statistics.median(base.first):.2f}, "
              f"layered drawing "
              f"{statistics.median(this.layered) / statistics.median(base.layered):.2f}")
    print(format_comparison(render, next(iter(render))))
    figure = next(iter(render.values()))
    for one in served:
        print(f"  ratio {one.name} preview (layered drawing) / render: "
              f"{statistics.median(one.layered) / figure.seconds:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("maps", nargs="*", type=Path, metavar="MAP")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--base", type=Path, metavar="SRC",
                        help="the root of a checkout to compare with (its src/ is used)")
    args = parser.parse_args()
    trees = {"this": ROOT}
    if args.base is not None:
        if not (args.base / "src" / "argmap").is_dir():
            raise SystemExit(f"{args.base}: no src/argmap in it")
        trees["base"] = args.base.resolve()
    with tempfile.TemporaryDirectory() as folder:
        maps = list(args.maps)
        if not maps:
            from tests.render_maps import cross_linked_map  # noqa: PLC0415 -- path set up

            maps = [SEED]
            for nodes in (300, 400):
                generated = Path(folder) / f"cross-linked-{nodes}.argmap.yaml"
                generated.write_text(cross_linked_map(nodes), encoding="utf-8")
                maps.append(generated)
        for map_path in maps:
            bench(map_path, trees, args.runs)


if __name__ == "__main__":
    main()
