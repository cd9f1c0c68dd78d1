"""Benchmarks of ``argmap render``, measured the way a user runs it.

Run:  .venv/bin/python benchmarks/bench_render.py                 (everything)
      .venv/bin/python benchmarks/bench_render.py --only debates --sizes 880 --runs 3
      .venv/bin/python benchmarks/bench_render.py --only html

Sections (each prints Markdown tables):

* ``debates``: cross-linked debates from ``../shared/bench/gen_debate.py N`` (N=880 gives
  about 1,445 drawn nodes), converted once to YAML (not timed).  Whole processes,
  alternated run by run (``benchmarks/timing.py``): ``argmap render d.yaml -o d.svg``
  and ``-o d.dot`` with the default options, and the Argdown CLI 1.7.5 (``bash
  benchmarks/setup.sh`` installs it) on the same debate's ``.argdown``: ``argdown map
  --format svg`` and ``--format dot``.  When this argmap reads ``.argdown`` directly,
  ``argmap render d.argdown`` is timed too.
* ``dense``: issue 8's small dense maps (50 claims, 35 arguments of 15 premises; 60 claims,
  40 arguments of 20), whole process, beside a trivial render of a one-claim map.
* ``html``: pages of cross-linked maps of 1,000, 5,000 and 20,000 nodes opened in
  Chromium (Playwright, /usr/bin/chromium): time to first contentful paint, to
  interactive (the page's script has run) and to find a node and centre it.
* ``dot``: map to DOT text, in process (label: in process; never set against a whole run).

Each table gives medians of wall time and of peak RSS, and ratios from the same run.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from timing import compare_commands, format_comparison, median_time  # noqa: E402 -- path

SHARED = ROOT.parent / "shared" / "bench"
ARGMAP = ROOT / ".venv" / "bin" / "argmap"
ARGDOWN = ROOT / "benchmarks" / ".node" / "node_modules" / ".bin" / "argdown"


def _argdown() -> Path | None:
    """The Argdown CLI, installed by benchmarks/setup.sh (None when npm is missing)."""
    if not ARGDOWN.exists():
        bash = shutil.which("bash") or "/bin/bash"
        subprocess.run([bash, str(ROOT / "benchmarks" / "setup.sh")], check=False)
    return ARGDOWN if ARGDOWN.exists() else None


def dense_yaml(claims: int, arguments: int, premises: int, seed: int = 1) -> str:
    """Issue 8 item 10's shape: few claims, arguments with many premises each."""
    rng = random.Random(seed)
    lines = ["argmap: 1", "title: A small dense map", "claims:"]
    lines += [f"  c{i}: {{text: Claim number {i} says something fairly ordinary.}}"
              for i in range(claims)]
    lines.append("arguments:")
    for number in range(arguments):
        conclusion = rng.randrange(claims)
        chosen = rng.sample([i for i in range(claims) if i != conclusion], premises)
        lines.append(f"  a{number}: {{premises: [{', '.join(f'c{i}' for i in chosen)}], "
                     f"conclusion: c{conclusion}}}")
    return "\n".join(lines) + "\n"


def _debate(folder: Path, size: int) -> tuple[Path, Path, int]:
    """The Argdown debate of ``size`` elements, its YAML conversion and its drawn nodes."""
    argdown = folder / f"d{size}.argdown"
    with argdown.open("w", encoding="utf-8") as out:
        subprocess.run([sys.executable, str(SHARED / "gen_debate.py"), str(size)],
                       stdout=out, check=True)
    yaml = folder / f"d{size}.yaml"
    subprocess.run([str(ARGMAP), "convert", str(argdown), "-o", str(yaml)],
                   check=True, stderr=subprocess.DEVNULL)
    import argmap  # noqa: PLC0415 -- only to count the drawn nodes
    from argmap.render import render_result  # noqa: PLC0415 -- same

    debate = argmap.load(yaml)
    drawn = len(debate.claims) + len(debate.evidence) + len(debate.arguments)
    print(f"\n#### Debate of {size} elements ({drawn} drawn nodes): "
          f"{render_result(debate, 'dot').layout}\n")
    return argdown, yaml, drawn


def bench_debates(sizes: list[int], runs: int) -> None:
    """Whole-process renders of cross-linked debates, alternated with the Argdown CLI."""
    argdown_cli = _argdown()
    with tempfile.TemporaryDirectory(prefix="bench-render-") as name:
        folder = Path(name)
        for size in sizes:
            argdown, yaml, _ = _debate(folder, size)
            commands = {
                "argmap render d.yaml -o d.svg": [str(ARGMAP), "render", str(yaml), "-o",
                                                   str(folder / "a.svg")],
                "argmap render d.yaml -o d.dot": [str(ARGMAP), "render", str(yaml), "-o",
                                                   str(folder / "a.dot")],
            }
            direct = subprocess.run([str(ARGMAP), "render", str(argdown), "-o",
                                     str(folder / "b.dot")], capture_output=True,
                                    check=False)
            if direct.returncode == 0:
                commands["argmap render d.argdown -o d.svg"] = [
                    str(ARGMAP), "render", str(argdown), "-o", str(folder / "b.svg")]
            if argdown_cli is not None:
                for fmt in ("svg", "dot"):
                    out = folder / f"argdown-{fmt}"
                    commands[f"argdown map --format {fmt}"] = [
                        str(argdown_cli), "map", str(argdown), str(out), "--format", fmt]
            figures = compare_commands(commands, runs)
            baseline = "argdown map --format svg" if argdown_cli else next(iter(commands))
            print(format_comparison(figures, baseline))
            for figure in figures.values():
                if any(figure.exit_codes):
                    print(f"  (non-zero exit codes for {figure.name}: {figure.exit_codes})")


def bench_targets(sizes: list[int], runs: int) -> None:
    """Issue 9's render targets, whole process: ``argmap render d.yaml -o d.svg`` with
    the default options on cross-linked debates (``gen_debate.py``; 880 elements draw
    about 1,430 nodes, 3,000 about 4,950), beside a trivial render, alternated run by
    run: wall time (what waits for a CPU on a shared machine) and CPU time (user +
    system of argmap and its Graphviz child: the work itself)."""
    with tempfile.TemporaryDirectory(prefix="bench-render-") as name:
        folder = Path(name)
        trivial = folder / "one.yaml"
        trivial.write_text("argmap: 1\nclaims:\n  c: {text: One claim.}\n", encoding="utf-8")
        commands = {"argmap render one-claim.yaml -o x.svg (trivial)": [
            str(ARGMAP), "render", str(trivial), "-o", str(folder / "one.svg")]}
        for size in sizes:
            _, yaml, drawn = _debate(folder, size)
            commands[f"argmap render d{size}.yaml -o d.svg ({drawn:,} nodes)"] = [
                str(ARGMAP), "render", str(yaml), "-o", str(folder / f"d{size}.svg")]
        figures = compare_commands(commands, runs)
        print("\n#### Render targets (whole process, default options)\n")
        print(format_comparison(figures, next(iter(commands))))
        cpu: dict[str, list[float]] = {key: [] for key in commands}
        for _ in range(runs):
            for key, argv in commands.items():
                proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
                _, _, usage = os.wait4(proc.pid, 0)
                # Linux reports a reaped child's own time and that of the children it
                # reaped in turn: argmap's and its Graphviz child's together
                cpu[key].append(usage.ru_utime + usage.ru_stime)
        print("\n| command | median CPU time (argmap and Graphviz) |\n|---|---:|")
        for key, values in cpu.items():
            print(f"| {key} | {statistics.median(values):.2f} s |")
        print(f"\n(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")


def bench_dense(runs: int) -> None:
    """Whole-process renders of small dense maps, beside a trivial render."""
    with tempfile.TemporaryDirectory(prefix="bench-render-") as name:
        folder = Path(name)
        trivial = folder / "one.yaml"
        trivial.write_text("argmap: 1\nclaims:\n  c: {text: One claim.}\n", encoding="utf-8")
        commands = {"argmap render one-claim.yaml -o x.svg (trivial)": [
            str(ARGMAP), "render", str(trivial), "-o", str(folder / "one.svg")]}
        for claims, arguments, premises in ((50, 35, 15), (60, 40, 20)):
            path = folder / f"dense{claims}.yaml"
            path.write_text(dense_yaml(claims, arguments, premises), encoding="utf-8")
            commands[f"argmap render dense {claims}/{arguments}x{premises} -o x.svg"] = [
                str(ARGMAP), "render", str(path), "-o", str(folder / f"dense{claims}.svg")]
        print("\n#### Small dense maps\n")
        figures = compare_commands(commands, runs)
        print(format_comparison(figures, next(iter(commands))))


_PAGE_TIMES = """() => {
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  return {paint: paint ? paint.startTime : null,
          ready: Number(document.body.getAttribute("data-ready-at")) || null};
}"""


def _html_pages(size: int, folder: Path) -> dict[str, Path]:
    """The page of a cross-linked map of ``size`` nodes, both ways, from one layout:
    inline SVG (what argmap wrote for every map before) and the canvas page (what it
    writes from ``CANVAS_NODES`` nodes on).  The layout is cached in ``folder``."""
    from tests.render_maps import cross_linked_map  # noqa: PLC0415 -- after the path set-up

    import argmap  # noqa: PLC0415 -- only here
    from argmap._render import page as page_module  # noqa: PLC0415 -- same
    from argmap._render.backend import run_engine  # noqa: PLC0415 -- same
    from argmap._render.build import build  # noqa: PLC0415 -- same
    from argmap._render.svg import finish_svg  # noqa: PLC0415 -- same
    from argmap.render import RenderOptions  # noqa: PLC0415 -- same

    built = build(argmap.loads(cross_linked_map(size)), RenderOptions(), None)
    raw_file = folder / f"h{size}.raw.svg"
    if not raw_file.exists():
        raw_file.write_bytes(run_engine(str(built.graph.source), engine=built.engine,
                                        fmt="svg", timeout=1800))
    svg = finish_svg(raw_file.read_bytes(), built.nodes, title=built.title, links=False,
                     standalone=False).decode("utf-8")
    pages = {}
    for name, threshold in (("inline SVG", 10**9), ("canvas", 0)):
        saved = page_module.CANVAS_NODES
        page_module.CANVAS_NODES = threshold
        try:
            started = time.perf_counter()
            data = page_module.build_page(svg, built.nodes, built.title, names=built.names,
                                          groups=built.groups, group_title=built.group_title)
            print(f"  ({size:,} nodes, {name}: page built in {time.perf_counter() - started:.1f} s"
                  " in process)")
        finally:
            page_module.CANVAS_NODES = saved
        pages[name] = folder / f"h{size}-{'svg' if threshold else 'canvas'}.html"
        pages[name].write_bytes(data)
    return pages


def bench_html(sizes: list[int], runs: int, pages: Path | None = None) -> None:
    """First paint, interactive, and find-and-centre times in Chromium, for the page of
    each size both ways (inline SVG, canvas), alternated run by run.

    ``pages``: a folder for the layouts and pages; layouts already there are reused, as
    laying out 20,000 nodes takes minutes on a busy machine.
    """
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 -- dev dependency

    print("\n#### HTML pages in Chromium (headless, 1400x900, medians)\n")
    rows = ["| nodes | page | size | first paint | interactive | find and centre a node |",
            "|---:|---|---:|---:|---:|---:|"]
    with tempfile.TemporaryDirectory(prefix="bench-render-") as name, \
            sync_playwright() as play:
        folder = pages or Path(name)
        folder.mkdir(parents=True, exist_ok=True)
        browser = play.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                       args=["--no-sandbox", "--disable-gpu"])
        for size in sizes:
            files = _html_pages(size, folder)
            figures: dict[str, dict[str, list[float]]] = {
                kind: {"paint": [], "ready": [], "find": []} for kind in files}
            for _ in range(runs):
                for kind, page_file in files.items():  # alternated run by run
                    got = figures[kind]
                    page = browser.new_page(viewport={"width": 1400, "height": 900})
                    start = time.perf_counter()
                    page.goto(page_file.as_uri(), timeout=600_000)
                    page.wait_for_selector("body[data-ready='1']", timeout=600_000)
                    times = page.evaluate(_PAGE_TIMES)
                    got["ready"].append(times["ready"] / 1000 if times["ready"] else
                                        time.perf_counter() - start)
                    if times["paint"] is not None:
                        got["paint"].append(times["paint"] / 1000)
                    start = time.perf_counter()
                    page.locator("#search").fill("c7 ")
                    page.locator("#search").press("Enter")
                    page.wait_for_selector("#details:not([hidden])")
                    page.evaluate("() => new Promise(r => requestAnimationFrame(() => r(1)))")
                    got["find"].append(time.perf_counter() - start)
                    page.close()
            for kind, page_file in files.items():
                got = figures[kind]
                paint = f"{statistics.median(got['paint']):.2f} s" if got["paint"] else "n/a"
                rows.append(f"| {size:,} | {kind} | {page_file.stat().st_size / 2**20:.1f} MB "
                            f"| {paint} | {statistics.median(got['ready']):.2f} s "
                            f"| {statistics.median(got['find']):.2f} s |")
        browser.close()
    print("\n".join(rows))
    print(f"\n(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs at the end)")


def _dot_text(debate: object) -> str:
    from argmap.render import to_dot  # noqa: PLC0415 -- only here

    return str(to_dot(debate).source)  # type: ignore[arg-type]  # an ArgumentMap


def bench_dot(sizes: list[int], runs: int) -> None:
    """Map to DOT text, in process."""
    from tests.render_maps import cross_linked_map  # noqa: PLC0415 -- after the path set-up

    import argmap  # noqa: PLC0415 -- only here
    from argmap.render import to_dot  # noqa: PLC0415 -- same

    print("\n#### Map to DOT text (in process: library call, no start-up, no Graphviz)\n")
    print("| nodes | engine chosen | median |")
    print("|---:|---|---:|")
    for size in sizes:
        debate = argmap.loads(cross_linked_map(size))
        seconds = median_time(partial(_dot_text, debate), runs)
        print(f"| {size:,} | {to_dot(debate).engine} | {seconds:.3f} s |")


def main(argv: list[str] | None = None) -> int:
    """Run the sections asked for and print their tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("debates", "dense", "html", "dot", "targets"),
                        nargs="+", default=["debates", "dense", "html", "dot", "targets"])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 880, 1800, 3000],
                        help="debate sizes for gen_debate.py (elements)")
    parser.add_argument("--html-sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--html-pages", type=Path, default=None,
                        help="reuse (or keep) the HTML pages in this folder")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    if shutil.which("dot") is None:
        print("Graphviz is not installed: nothing to measure", file=sys.stderr)
        return 2
    if "debates" in args.only:
        bench_debates(args.sizes, args.runs)
    if "dense" in args.only:
        bench_dense(args.runs)
    if "html" in args.only:
        bench_html(args.html_sizes, max(1, min(args.runs, 3)), args.html_pages)
    if "dot" in args.only:
        bench_dot([1000, 5000], args.runs)
    if "targets" in args.only:
        bench_targets([880, 3000], args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
