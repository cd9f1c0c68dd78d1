"""The outline layout (issue 11, print): the map as an indented tree of boxes flowed into
columns, so that the seed debate prints readably on one A3 landscape page.

Every test checks the end result: the PDF's printed text size (read from the PDF), or
the SVG, against what the map holds and what the map's own diagram draws.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import attrs
import pytest
import yaml
from hypothesis import HealthCheck, given, settings

import argmap
from argmap._render.build import _Builder
from argmap._render.outline import INDENT_CAP, outline_rows
from argmap._render.text import wrap
from argmap.convert import detect_format, read_map
from argmap.errors import UsageError
from argmap.model import ArgumentMap, Claim, Evidence
from argmap.render import RenderOptions, render, render_result
from argmap.strategies import argument_maps
from tests.test_render_print import _pages
from tests.test_render_print_fit import printed_sizes

pytestmark = pytest.mark.dot

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "one-threat.argmap.yaml"
SVG = "{http://www.w3.org/2000/svg}"

#: The connector classes of the map's diagram and of the outline.
_RELATIONS = ("support", "premise", "attack rebut", "attack undercut", "attack undermine",
              "attack-premise", "contradiction")


def _groups(svg: bytes) -> list[ET.Element]:
    root = ET.fromstring(svg)  # noqa: S314 -- our own output
    return [g for g in root.iter(f"{SVG}g") if g.get("class", "").split()[:1] in (
        ["node"], ["edge"])]


def _text(group: ET.Element) -> str:
    return "".join("".join(t.itertext()) for t in group.iter(f"{SVG}text"))


def _classes(group: ET.Element) -> list[str]:
    return group.get("class", "").split()


def _edges(svg: bytes) -> Counter[str]:
    """Edges by relation class ("attack rebut" counts as one class)."""
    found: Counter[str] = Counter()
    for group in _groups(svg):
        classes = _classes(group)
        if classes[0] == "edge" and len(classes) > 1:
            found[" ".join(classes[1:])] += 1
    return found


def _full(svg: bytes) -> Counter[str]:
    """How often each map id is drawn in full: a box, an argument or objection row, or
    (a folded argument) the connector that carries it."""
    return Counter(g.get("data-argmap-id", "") for g in _groups(svg)
                   if g.get("data-argmap-id") is not None)


def _refs(svg: bytes) -> list[str]:
    return [_text(g) for g in _groups(svg) if "outline-ref" in _classes(g)]


def assert_nothing_lost(debate: ArgumentMap, options: RenderOptions | None = None) -> bytes:
    """The outline SVG shows every node (once in full), every text line, every relation
    of the map's own diagram; returns the SVG."""
    options = options or RenderOptions(legend=False)
    svg = render(debate, "svg", attrs.evolve(options, layout="outline"))
    drawn = render(debate, "svg", attrs.evolve(options, layout="map"))
    full = _full(svg)
    in_map = _full(drawn)
    assert {k: v for k, v in full.items() if v != 1} == {}
    assert set(full) == set(in_map), set(full) ^ set(in_map)
    texts = {"".join(t.itertext()) for t in ET.fromstring(svg).iter(f"{SVG}text")}  # noqa: S314
    nodes: list[Claim | Evidence] = [*debate.claims.values(), *debate.evidence.values()]
    for node in nodes:
        if node.id not in full or options.label != "full":
            continue
        for line in wrap(node.text, options.wrap):
            if line and "\\" not in line:
                assert line.strip() in texts, (node.id, line)
    mine, theirs = _edges(svg), _edges(drawn)
    folded = mine["support folded"]
    assert mine["support"] + folded == theirs["support"]
    assert mine["premise"] + folded == theirs["premise"]
    for kind in ("attack rebut", "attack undercut", "attack undermine", "attack-premise"):
        assert mine[kind] == theirs[kind], (kind, mine, theirs)
    assert mine["contradiction"] == 2 * theirs["contradiction"]
    return svg


# -- the seed debate on one A3 landscape page ------------------------------------------


def test_seed_debate_prints_readably_on_one_a3_landscape_page() -> None:
    """Issue 11: at 4.8 points the map is not readable; auto draws the outline."""
    debate = argmap.load(SEED)
    options = RenderOptions(theme="print", page="A3", landscape=True)
    rendered = render_result(debate, "pdf", options)
    pages = _pages(rendered.data)
    assert len(pages) == 1
    assert pages[0] == pytest.approx((1190.551, 841.89), abs=0.01)
    body = printed_sizes(rendered.data)[12.0]
    assert body >= 7.0, body
    assert f"the outline at {body:.1f} points" in rendered.notes[0]
    assert "--layout map keeps the diagram" in rendered.notes[0]
    assert rendered.layout.startswith("outline: ")
    # the map, asked for, is still the diagram
    kept = render_result(debate, "pdf", RenderOptions(theme="print", page="A3",
                                                      landscape=True, layout="map"))
    assert kept.notes == ()
    assert printed_sizes(kept.data)[12.0] < 6.0


def test_a4_landscape_improves_too() -> None:
    debate = argmap.load(SEED)
    outline = render(debate, "pdf", RenderOptions(theme="print", page="A4", landscape=True))
    diagram = render(debate, "pdf", RenderOptions(theme="print", page="A4", landscape=True,
                                                   layout="map"))
    assert printed_sizes(outline)[12.0] >= 1.4 * printed_sizes(diagram)[12.0]


def test_auto_keeps_the_map_when_it_prints_large_enough(tmp_path: Path) -> None:
    small = ROOT / "tests" / "data" / "render" / "small.argmap.yaml"
    rendered = render_result(argmap.load(small), "pdf",
                             RenderOptions(page="A4", landscape=True))
    assert rendered.notes == ()
    assert not rendered.layout.startswith("outline")
    # tiles and unpaged output keep the map too
    tiled = render_result(argmap.load(SEED), "pdf", RenderOptions(page="A4", tile=True))
    assert not tiled.layout.startswith("outline")


def test_the_seed_outline_loses_nothing() -> None:
    debate = argmap.load(SEED)
    svg = assert_nothing_lost(debate, RenderOptions(theme="print", legend=False))
    # a node under several parents: drawn in full once, then referred to by number
    numbers = {}
    for group in _groups(svg):
        if group.get("data-argmap-id") and "node" in _classes(group):
            found = re.match(r"(\d+) · ", _text(group))
            assert found is not None, _text(group)
            numbers[group.get("data-argmap-id")] = found.group(1)
    premise_of = Counter(p for a in debate.arguments.values() for p in a.premises)
    shared = [node for node, uses in premise_of.items() if uses > 1]
    assert shared
    refs = _refs(svg)
    for node in shared:
        mentions = [r for r in refs if f"see {numbers[node]} · {node}" in r]
        assert len(mentions) >= premise_of[node] - 1, (node, refs)
    # every argument id can be found on paper: a row, or "via" in its premise's header
    texts = " ".join("".join(t.itertext()) for g in _groups(svg) for t in g.iter(f"{SVG}text"))
    for arg in debate.arguments:
        assert re.search(rf"(ARGUMENT · |via ){re.escape(arg)}\b", texts), arg


def test_every_row_is_numbered_in_reading_order() -> None:
    debate = argmap.load(SEED)
    svg = render(debate, "svg", RenderOptions(layout="outline"))
    numbers = [int(m.group(1)) for g in _groups(svg)
               if g.get("data-argmap-id") and "node" in _classes(g)
               for m in [re.match(r"(\d+) · ", _text(g))] if m]
    assert numbers == list(range(1, len(numbers) + 1))


def test_sides_head_their_roots() -> None:
    debate = argmap.load(SEED)
    svg = render(debate, "svg", RenderOptions(layout="outline"))
    headings = [_text(g) for g in _groups(svg) if "outline-heading" in _classes(g)]
    assert headings[:2] == [side.name for side in debate.sides.values()]


# -- options carried over ---------------------------------------------------------------


def test_status_marks_and_filters_are_honoured() -> None:
    from argmap.evaluate import evaluate_map

    debate = argmap.load(SEED)
    status = {n.id: n.status.value for n in evaluate_map(debate).nodes}
    svg = render(debate, "svg", RenderOptions(layout="outline", color_by="status",
                                              theme="print"), status=status)
    defeated = [g for g in _groups(svg) if "defeated" in _classes(g)]
    assert defeated
    assert all("OUT · DEFEATED" in _text(g) for g in defeated)
    assert all('stroke-dasharray' in ET.tostring(g, encoding="unicode") for g in defeated)
    one_side = render(debate, "svg", RenderOptions(layout="outline", sides=("one",)))
    shown = _full(one_side)
    assert "one-threat" in shown
    assert "separate-threats" not in shown
    focused = render(debate, "svg", RenderOptions(layout="outline", focus="one-threat",
                                                  depth=1))
    assert len(_full(focused)) < len(_full(svg))
    ids = render(debate, "svg", RenderOptions(layout="outline", label="id"))
    words = " ".join("".join(t.itertext()) for t in ET.fromstring(ids).iter(f"{SVG}text"))  # noqa: S314
    assert "cannot be separated" not in words
    assert "one-threat" in words


def test_every_format_draws_the_outline(tmp_path: Path) -> None:
    debate = argmap.load(SEED)
    options = RenderOptions(layout="outline")
    source = render(debate, "dot", options).decode()
    assert "layout=nop2" in source
    assert 'pos="' in source
    png = render(debate, "png", options)
    assert png.startswith(b"\x89PNG")
    pdf = render(debate, "pdf", options)
    assert pdf.startswith(b"%PDF")
    with pytest.raises(UsageError, match="outline layout is for print"):
        render(debate, "html", options)


def test_an_outline_without_a_page_is_landscape() -> None:
    svg = render(argmap.load(SEED), "svg", RenderOptions(layout="outline"))
    width, height = (float(v) for v in re.search(
        rb'viewBox="0.00 0.00 ([\d.]+) ([\d.]+)"', svg).groups())  # type: ignore[union-attr]
    assert 1.0 < width / height < 2.2


# -- real maps of the corpora ----------------------------------------------------------


def _imported(path: Path) -> ArgumentMap:
    data = path.read_bytes()
    format = detect_format(path.name, data)
    assert format is not None
    result = read_map(data, format, file=str(path))
    assert result.map is not None, result.diagnostics
    return result.map


@pytest.mark.parametrize("name", [
    "argdown/examples/argdown-primer.argdown",  # mutual attacks: a cycle
    "argdown/core-tests/veggie_debate.argdown",  # a cycle of attacks
    "argdown/examples/Populism-Core-Argument-Argdown-Example.argdown",
    "argdown/examples/legalisation-softdrugs.argdown",
    "aif/AIFdbMapConverter__nodeset21145.aif.json",
    "sadface/SADFace__hangback.sadface.json",
])
def test_real_maps_lose_nothing(corpora: Path, name: str) -> None:
    assert_nothing_lost(_imported(corpora / name))


def test_a_circular_support_terminates_and_loses_nothing() -> None:
    debate = argmap.loads("""
argmap: 1
claims:
  a: {text: A because B, main: true}
  b: {text: B because C}
  c: {text: C because A}
arguments:
  ab: {premises: [b], conclusion: a}
  bc: {premises: [c], conclusion: b}
  ca: {premises: [a], conclusion: c}
""")
    svg = assert_nothing_lost(debate)
    assert _refs(svg) == ["\u2192 see 1 · a · via ca · A because B"]


def test_deep_rows_keep_the_capped_indent_and_name_their_level() -> None:
    depth = INDENT_CAP + 4
    claims = "\n".join(f"  c{i}: {{text: Claim {i}{', main: true' if i == 0 else ''}}}"
                       for i in range(depth + 1))
    args = "\n".join(f"  a{i}: {{premises: [c{i + 1}], conclusion: c{i}, title: Step {i}}}"
                     for i in range(depth))
    debate = argmap.loads(f"argmap: 1\nclaims:\n{claims}\narguments:\n{args}\n")
    svg = assert_nothing_lost(debate)
    texts = [_text(g) for g in _groups(svg)]
    assert any(f"level {depth * 2}" in t for t in texts)
    lefts = {}
    for group in _groups(svg):
        if group.get("data-argmap-id", "").startswith("c"):
            path = group.find(f"{SVG}path")
            if path is None:
                path = group.find(f"{SVG}polygon")
            assert path is not None
            coords = re.findall(r"(-?[\d.]+),", path.get("d") or path.get("points") or "")
            lefts[group.get("data-argmap-id")] = min(float(c) for c in coords)
    deep = [lefts[f"c{i}"] for i in range(INDENT_CAP, depth + 1)]
    assert max(deep) - min(deep) < 1.0  # no further indent past the cap


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(argument_maps())
def test_random_maps_name_every_node_once_in_full(debate: ArgumentMap) -> None:
    svg = render(debate, "svg", RenderOptions(layout="outline", legend=False))
    full = _full(svg)
    drawn = _full(render(debate, "svg", RenderOptions(legend=False, layout="map")))
    assert set(full) == set(drawn)
    assert all(count == 1 for count in full.values()), full


def test_every_relation_is_in_the_tree_once() -> None:
    """The rows themselves: one tick per relation of the map."""
    debate = argmap.load(SEED)
    shown = {n.id for n in debate.nodes()}
    planned = _Builder(debate, RenderOptions(), None).plan_attacks(
        shown.__contains__, set(debate.arguments))
    outline = outline_rows(debate, shown.__contains__, dict(debate.arguments), planned)
    ticks = Counter(r.tick.split()[0] for r in outline.rows if r.tick)
    assert ticks["support"] == len(debate.arguments)
    assert ticks["attack"] == len(debate.attacks)
    assert ticks["contradiction"] == 2 * len(debate.contradictions)


# -- hostile input -------------------------------------------------------------------


def test_injection_in_labels_stays_text() -> None:
    evil = '"]; x [label=<<IMG SRC="/etc/passwd"/>>]; \\N <B>bold</B> & </FONT>'
    odd = "odd.id-1"
    debate = argmap.loads(yaml.safe_dump({
        "argmap": 1, "title": evil,
        "sides": {"s": {"name": evil}},
        "claims": {"main": {"text": evil, "main": True, "side": "s"},
                   odd: {"text": evil, "title": evil}},
        "arguments": {"a1": {"premises": [odd], "conclusion": "main"}},
        "attacks": [{"attacker": odd, "target": "main"}]}))
    svg = render(debate, "svg", RenderOptions(layout="outline"))
    ET.fromstring(svg)  # noqa: S314 -- well-formed
    assert b"<IMG" not in svg
    assert b"/etc/passwd" in svg  # as text
    source = render(debate, "dot", RenderOptions(layout="outline")).decode()
    assert "<IMG" not in source


def test_cli_layout_option(tmp_path: Path) -> None:
    out = tmp_path / "wall.pdf"
    done = subprocess.run([sys.executable, "-m", "argmap", "render", str(SEED), "-o",
                           str(out), "--theme", "print", "--page", "A3", "--landscape",
                           "-v"], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "note: drawn as an outline" in done.stderr
    found = re.search(r"layout: outline: [^;]*; fitted page: 12-point text prints at "
                      r"([\d.]+) points", done.stderr)
    assert found is not None, done.stderr
    assert float(found.group(1)) == pytest.approx(printed_sizes(out.read_bytes())[12.0],
                                                  abs=0.06)
    html = subprocess.run([sys.executable, "-m", "argmap", "render", str(SEED), "-o",
                           str(tmp_path / "x.html"), "--layout", "outline"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert html.returncode == 2
    assert "outline layout is for print" in html.stderr
    assert "Traceback" not in html.stderr
    helped = subprocess.run([sys.executable, "-m", "argmap", "render", "--help"],
                            capture_output=True, text=True, timeout=60, check=False)
    assert "--layout" in helped.stdout
    assert "choices: auto, map, outline" in " ".join(helped.stdout.split())


# -- columns, key, filters ---------------------------------------------------------------


def test_a_column_that_continues_a_subtree_repeats_its_parent() -> None:
    debate = argmap.load(SEED)
    svg = render(debate, "pdf", RenderOptions(layout="outline", theme="print", page="A3",
                                              landscape=True))
    assert svg.startswith(b"%PDF")
    drawn = render(debate, "svg", RenderOptions(layout="outline", theme="print"))
    groups = _groups(drawn)
    numbers = {}
    for group in groups:
        found = re.match(r"(\d+) · ", _text(group))
        if group.get("data-argmap-id") and "node" in _classes(group) and found:
            numbers[found.group(1)] = group.get("data-argmap-id")
    continued = [_text(g) for g in groups if "outline-continued" in _classes(g)]
    assert continued
    for text in continued:
        found = re.fullmatch(r"under (\d+) · (\S+) \(continued\)", text)
        assert found is not None, text
        assert numbers[found.group(1)] == found.group(2)


def test_the_key_and_its_absence() -> None:
    debate = argmap.load(SEED)
    keyed = _edges(render(debate, "svg", RenderOptions(layout="outline")))
    assert keyed["outline-key support"] == 1
    assert keyed["outline-key attack rebut"] == 1
    bare = render(debate, "svg", RenderOptions(layout="outline", legend=False))
    assert b"outline-key" not in bare
    assert b"box number" not in bare


def test_tags_select_the_outline_as_they_select_the_map() -> None:
    debate = argmap.load(SEED)
    assert_nothing_lost(debate, RenderOptions(tags=("china",), legend=False))
    assert_nothing_lost(debate, RenderOptions(sides=("separate",), legend=False,
                                              color_by="none"))


def test_a_warranted_argument_keeps_its_row() -> None:
    debate = argmap.loads("""
argmap: 1
claims:
  t: {text: The thesis, main: true}
  r: {text: A reason}
  s: {text: Another reason}
arguments:
  plain: {premises: [r], conclusion: t}
  warranted: {premises: [s], conclusion: t, warrant: Reasons like this count}
""")
    svg = assert_nothing_lost(debate)
    rows = {g.get("data-argmap-id") for g in _groups(svg) if "argument" in _classes(g)}
    assert rows == {"warranted"}
    assert _edges(svg)["support folded"] == 1


def test_objections_and_undercuts_have_their_rows() -> None:
    debate = argmap.loads("""
argmap: 1
claims:
  t: {text: We should build the bridge, main: true}
  cost: {text: It is cheap}
  quote: {text: The quote was from 1990}
  inflation: {text: Prices have doubled since}
  river: {text: The river floods}
  levee: {text: A levee will be built anyway}
  expert: {text: The engineer has no stake in it}
arguments:
  cheap: {premises: [cost], conclusion: t}
attacks:
  - {attacker: quote, target: cost, co_premises: [inflation], id: stale}
  - {attacker: river, target: t, id: floods}
  - {attacker: levee, target: floods}
  - {attacker: expert, target: cheap}
""")
    svg = assert_nothing_lost(debate)
    rows = [_text(g) for g in _groups(svg) if "attack-inference" in _classes(g)]
    assert any("OBJECTION (rebut) · stale jointly" in r for r in rows), rows
    assert any("OBJECTION (rebut) · floods" in r for r in rows), rows
    arguments = [g.get("data-argmap-id") for g in _groups(svg) if "argument" in _classes(g)]
    assert arguments == ["cheap"]  # undercut: kept as a row for its undercutter


def test_microtexts_lose_nothing(corpora: Path) -> None:
    texts = sorted((corpora / "microtexts" / "en").glob("*.xml"))[:8]
    assert texts
    for path in texts:
        assert_nothing_lost(_imported(path))


def test_auto_keeps_the_map_when_the_outline_cannot_be_drawn(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap._render import outline
    from argmap._render.backend import GraphvizError

    def fail(*_args: object, **_kwargs: object) -> None:
        raise GraphvizError("`dot` failed: no room")

    monkeypatch.setattr(outline, "outline_output", fail)
    rendered = render_result(argmap.load(SEED), "pdf",
                             RenderOptions(theme="print", page="A3", landscape=True))
    assert rendered.notes == ()
    assert "fitted page: " in rendered.layout
    assert printed_sizes(rendered.data)[12.0] < 6.0
