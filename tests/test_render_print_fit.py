"""A fitted page (issue 11): the drawing laid out so that its text prints as large as the
page allows, measured in the final PDF, with every node and edge still drawn.

The printed size is read from the PDF itself: the font size of the drawing's text (its
``Tm`` matrices), times the drawing's own transform, times the scale argmap gives the
drawing on the page.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zlib
from collections import Counter
from pathlib import Path

import pytest

import argmap
from argmap._render.backend import GraphvizError, run_engine, run_unflatten
from argmap._render.build import build
from argmap._render.paper import (
    FIT_SEARCH_NODES,
    PAGE_FIT_ATTRIBUTES,
    FitCandidate,
    candidate_source,
    fit_candidates,
    fit_map,
    fitted_page,
)
from argmap.evaluate import evaluate_map
from argmap.render import RenderOptions, render, render_result
from tests.render_maps import cross_linked_map

pytestmark = pytest.mark.dot

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "one-threat.argmap.yaml"

#: What the seed debate printed at before the fitted-page search (12-point text, A3 and
#: A4 landscape, ``--wrap 30``, coloured by status): 4.27 and 2.93 points.
BEFORE = {"A3": 4.27, "A4": 2.93}


def _streams(pdf: bytes) -> list[bytes]:
    out = []
    for found in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        data = found.group(1)
        try:
            out.append(zlib.decompress(data))
        except zlib.error:
            out.append(data)
    return out


def printed_sizes(pdf: bytes) -> dict[float, float]:
    """The printed size in points of each font size of the drawing's text, on the (one)
    fitted page."""
    streams = _streams(pdf)
    frame = [s for s in streams if re.match(rb"q [\d. ]+ re W n ", s)]
    assert len(frame) == 1, "expected one fitted page"
    page_scale = float(re.match(rb"q [\d. ]+ re W n ([\d.]+) 0 0 ", frame[0]).group(1))  # type: ignore[union-attr]
    drawing = next(s for s in streams if b" Tf" in s)
    first = re.match(rb"\s*(-?[\d.]+) 0 0 (-?[\d.]+) [-\d.]+ [-\d.]+ cm", drawing)
    drawing_scale = abs(float(first.group(1))) if first else 1.0
    return {round(abs(float(size)), 1): abs(float(size)) * drawing_scale * page_scale
            for size in re.findall(rb"(-?[\d.]+) 0 0 -?[\d.]+ [-\d.]+ [-\d.]+ Tm",
                                   drawing)}


def _seed_status(debate: argmap.ArgumentMap) -> dict[str, str]:
    return {n.id: n.status.value for n in evaluate_map(debate).nodes}


def _options(page: str) -> RenderOptions:
    # the map's own fitted layouts (auto would draw the seed as an outline)
    return RenderOptions(theme="print", color_by="status", page=page, landscape=True,
                         wrap=30, layout="map")


@pytest.mark.parametrize("page", ["A3", "A4"])
def test_seed_debate_prints_larger_on_one_landscape_page(page: str) -> None:
    debate = argmap.load(SEED)
    rendered = render_result(debate, "pdf", _options(page), status=_seed_status(debate))
    sizes = printed_sizes(rendered.data)
    body, headers = sizes[12.0], sizes[9.0]  # box text and header lines in the drawing
    assert headers == pytest.approx(body * 9 / 12)
    assert body >= BEFORE[page] * 1.08, (body, sizes)
    if page == "A3":
        # 7 points is not reached: see docs/render.md (even ids only print at 5.6)
        assert body >= 4.6, body
    assert f"prints at {body:.1f} points" in rendered.layout


def _drawn(svg: str) -> tuple[Counter[str], Counter[str]]:
    """The node and edge titles of an SVG (edges as tail->head)."""
    nodes: Counter[str] = Counter()
    edges: Counter[str] = Counter()
    for kind, title in re.findall(r'<g id="[^"]*" class="(node|edge)[^"]*">\s*<title>(.*?)'
                                  r"</title>", svg):
        (nodes if kind == "node" else edges)[title] += 1
    return nodes, edges


def test_every_candidate_draws_every_node_and_edge() -> None:
    debate = argmap.load(SEED)
    status = _seed_status(debate)
    options = _options("A3")
    plain = build(debate, options, status)
    plain.graph.attr("graph", **PAGE_FIT_ATTRIBUTES)
    expected = _drawn(run_engine(str(plain.graph.source), engine="dot", fmt="svg").decode())
    assert len(expected[0]) > 100
    assert len(expected[1]) > 100

    def source_for(rankdir: str) -> str:
        made = build(debate, RenderOptions(theme="print", color_by="status", page="A3",
                                           landscape=True, wrap=30, rankdir=rankdir),
                     status)
        made.graph.attr("graph", **PAGE_FIT_ATTRIBUTES)
        return str(made.graph.source)

    candidates = fit_candidates(options)
    assert len(candidates) == 6
    for candidate in candidates:
        svg = run_engine(candidate_source(candidate, source_for), engine="dot",
                         fmt="svg").decode()
        # the same nodes and edges, each once (unflatten adds only invisible weights)
        assert _drawn(svg) == expected, candidate


def test_the_search_keeps_the_largest_scale() -> None:
    """A map whose leaves crowd one rank: staggering them (or drawing left to right)
    prints its text at least 1.5 times larger than the plain layout."""
    lines = ["argmap: 1", "claims:", "  thesis: {text: Cities should plant more street "
             "trees., main: true}"]
    lines += [f"  reason-{i}: {{text: Reason number {i} why street trees pay for "
              "themselves.}" for i in range(24)]
    lines += ["arguments:"]
    lines += [f"  a{i}: {{premises: [reason-{i}], conclusion: thesis}}" for i in range(24)]
    debate = argmap.loads("\n".join(lines) + "\n")
    options = RenderOptions(theme="print", page="A4", landscape=True, layout="map")
    plain = render(debate, "pdf", RenderOptions(theme="print"))
    built = build(debate, options)
    built.graph.attr("graph", **PAGE_FIT_ATTRIBUTES)
    first = run_engine(str(built.graph.source), engine="dot", fmt="pdf")
    fit = fit_map(debate, options, None, first, built)
    assert fit is not None
    assert fit.candidate != fit_candidates(options)[0]
    assert fit.tried == 6
    pdf = render(debate, "pdf", options)
    body = printed_sizes(pdf)[12.0]
    unsearched = printed_sizes(render(debate, "pdf", RenderOptions(
        theme="print", page="A4", landscape=True, rankdir="TB",
        layout="map")))  # TB: not searched
    assert body >= 1.5 * unsearched[12.0], (body, unsearched)
    assert plain.startswith(b"%PDF")


def test_a_tie_keeps_the_layout_asked_for() -> None:
    debate = argmap.load(ROOT / "tests" / "data" / "render" / "small.argmap.yaml")
    options = RenderOptions(page="A3", landscape=True)  # drawn at natural size anyway
    built = build(debate, options)
    first = run_engine(str(built.graph.source), engine="dot", fmt="pdf")
    fit = fit_map(debate, options, None, first, built)
    assert fit is not None
    assert fit.candidate == FitCandidate("BT")
    assert fit.pdf is first


def test_only_fitted_dot_pages_of_small_maps_are_searched() -> None:
    debate = argmap.loads(cross_linked_map(FIT_SEARCH_NODES + 20))
    options = RenderOptions(page="A4")
    built = build(debate, options)
    assert built.structure.nodes > FIT_SEARCH_NODES
    assert fit_map(debate, options, None, b"", built) is None  # no layout is run
    small = argmap.load(ROOT / "tests" / "data" / "render" / "small.argmap.yaml")
    for other in (RenderOptions(page="A4", tile=True), RenderOptions(),
                  RenderOptions(page="A4", engine="neato")):
        made = build(small, other)
        assert fit_map(small, other, None, b"", made) is None


def test_a_failing_layout_is_skipped() -> None:
    options = RenderOptions(page="A4", landscape=True)
    debate = argmap.load(ROOT / "tests" / "data" / "render" / "small.argmap.yaml")
    built = build(debate, options)
    first = run_engine(str(built.graph.source), engine="dot", fmt="pdf")

    def source_for(rankdir: str) -> str:
        if rankdir == "LR":
            return "digraph { this is not DOT"
        return str(built.graph.source)

    fit = fitted_page(first, options, source_for)
    assert fit.candidate.rankdir == "BT"
    assert fit.tried == 3  # the three left-to-right layouts failed


def test_without_unflatten_the_staggered_layouts_are_skipped(
        monkeypatch: pytest.MonkeyPatch) -> None:
    real = shutil.which
    monkeypatch.setattr("argmap._render.backend.shutil.which",
                        lambda name: None if name == "unflatten" else real(name))
    debate = argmap.load(SEED)
    options = _options("A4")
    built = build(debate, options, _seed_status(debate))
    built.graph.attr("graph", **PAGE_FIT_ATTRIBUTES)
    first = run_engine(str(built.graph.source), engine="dot", fmt="pdf")
    fit = fit_map(debate, options, _seed_status(debate), first, built)
    assert fit is not None
    assert fit.tried == 2  # bottom to top and left to right, both plain
    assert not fit.candidate.unflatten


def test_unflatten_flags_are_checked() -> None:
    with pytest.raises(GraphvizError, match="unflatten flag"):
        run_unflatten("digraph { a -> b }", ("-o", "/tmp/x"))  # noqa: S108 -- never written
    if shutil.which("unflatten"):
        out = run_unflatten("digraph { a -> b; a -> c; a -> d }", ("-l", "2"))
        assert "minlen" in out


def test_cli_reports_the_printed_size(tmp_path: Path) -> None:
    out = tmp_path / "wall.pdf"
    done = subprocess.run([sys.executable, "-m", "argmap", "render", str(SEED), "-o",
                           str(out), "--theme", "print", "--page", "A3", "--landscape",
                           "--layout", "map", "-v"], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    found = re.search(r"fitted page: .*, the best of (\d) layouts tried, 12-point text prints "
                      r"at ([\d.]+) points", done.stderr)
    assert found is not None, done.stderr
    assert float(found.group(2)) == pytest.approx(printed_sizes(out.read_bytes())[12.0],
                                                  abs=0.06)


def test_the_search_stays_within_the_time_left() -> None:
    """``--timeout`` bounds all of Graphviz's work: with no time left after the first
    layout, no other layout is tried."""
    options = RenderOptions(page="A4", landscape=True)
    debate = argmap.load(ROOT / "tests" / "data" / "render" / "small.argmap.yaml")
    built = build(debate, options)
    first = run_engine(str(built.graph.source), engine="dot", fmt="pdf")
    calls: list[str] = []

    def source_for(rankdir: str) -> str:
        calls.append(rankdir)
        return str(built.graph.source)

    fit = fitted_page(first, options, source_for, timeout=0.2)
    assert (fit.tried, fit.pdf, calls) == (1, first, [])
    fit = fitted_page(first, options, source_for, timeout=60)
    assert fit.tried == 6
