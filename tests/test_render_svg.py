"""argmap.render with Graphviz: the SVG shows every node and relation, styled and safe."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap._render.text import wrap
from argmap._render.theme import COLOR, PRINT
from argmap.model import Argument, ArgumentMap, Claim, Contradiction, Evidence, Source
from argmap.render import (
    GraphvizNotFoundError,
    GraphvizTimeoutError,
    RenderOptions,
    render,
    to_dot,
)
from argmap.strategies import argument_maps

pytestmark = pytest.mark.dot

DATA = Path(__file__).parent / "data" / "render"
SMALL = DATA / "small.argmap.yaml"
ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "one-threat.argmap.yaml"
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def parse(data: bytes) -> ET.Element:
    return ET.fromstring(data)  # noqa: S314 -- our own Graphviz output; expat fetches no DTD


def node_groups(root: ET.Element) -> dict[str, ET.Element]:
    return {g.attrib["data-argmap-id"]: g for g in root.iter(f"{SVG}g")
            if "data-argmap-id" in g.attrib}


def texts(group: ET.Element) -> list[str]:
    return [(t.text or "").strip() for t in group.iter(f"{SVG}text")]


def header_and_body(group: ET.Element) -> tuple[str, list[str]]:
    """A box's header (its 9-point lines, which wrap when long) and its 12-point text."""
    found = list(group.iter(f"{SVG}text"))
    header = " ".join((t.text or "").strip() for t in found if t.get("font-size") == "9.00")
    body = [(t.text or "").strip() for t in found if t.get("font-size") == "12.00"]
    return header, body


def edge_groups(root: ET.Element) -> list[tuple[set[str], str, ET.Element]]:
    out = []
    for g in root.iter(f"{SVG}g"):
        classes = set(g.get("class", "").split())
        if "edge" in classes:
            title = g.find(f"{SVG}title")
            out.append((classes, (title.text or "") if title is not None else "", g))
    return out


def strokes(group: ET.Element) -> list[ET.Element]:
    return list(group.iter(f"{SVG}path"))


def bars(group: ET.Element) -> list[str]:
    """The fill of each arrow shape (Graphviz draws a tee as a filled polygon) of an
    edge that a reader can see: no ``transparent`` or ``none`` fill."""
    return [p.get("fill", "") for p in group.iter(f"{SVG}polygon")
            if p.get("fill") not in ("transparent", "none", None)]


def check_map(debate: ArgumentMap, data: bytes, options: RenderOptions) -> None:
    """Every claim, evidence item, argument and relation is in the SVG, styled."""
    theme = PRINT if options.theme == "print" else COLOR
    root = parse(data)
    groups = node_groups(root)
    attacked = {a.target for a in debate.attacks}
    attack_nodes = {a.id: a for a in debate.attacks
                    if a.id is not None and (a.co_premises or a.id in attacked)}
    assert set(groups) == {n.id for n in debate.nodes()} | set(attack_nodes)
    for claim in debate.claims.values():
        g = groups[claim.id]
        assert "claim" in g.get("class", "").split()
        assert ("main" in g.get("class", "").split()) == claim.main
        header, body = header_and_body(g)
        assert claim.id in header.replace(" ", "") or f" · {claim.id}" in f"{header} "
        assert body == [line.strip() for line in wrap(claim.text, options.wrap)]
        title = g.find(f"{SVG}title")
        assert title is not None
        assert title.text == claim.text
    for item in debate.evidence.values():
        g = groups[item.id]
        assert "evidence" in g.get("class", "").split()
        lines = texts(g)
        body = [line.strip() for line in wrap(item.text, options.wrap)]
        assert header_and_body(g)[1][:len(body)] == body
        source = debate.source_of(item)
        if source is not None and (source.author or source.title):
            assert any((source.author or source.title or "") in line for line in lines)
    for arg in debate.arguments.values():
        assert "argument" in groups[arg.id].get("class", "").split()

    edges = edge_groups(root)
    names = {n.id: n.id for n in debate.nodes()}
    premise_edges = {t for c, t, _ in edges if "premise" in c}
    support_edges = {t for c, t, _ in edges if "support" in c}
    for arg in debate.arguments.values():
        for premise in arg.premises:
            assert f"{names[premise]}->{names[arg.id]}" in premise_edges
        assert f"{names[arg.id]}->{names[arg.conclusion]}" in support_edges
    attack_edges = {t: c for c, t, _ in edges if c & {"attack", "attack-premise"}}
    for attack in debate.attacks:
        if attack.id in attack_nodes:
            for attacker in attack.attackers:
                assert f"{attacker}->{attack.id}" in attack_edges  # joint objection
            classes = attack_edges[f"{attack.id}->{attack.target}"]
        else:
            classes = attack_edges[f"{attack.attacker}->{attack.target}"]
        kind = debate.attack_type(attack)
        assert kind is not None
        assert kind.value in classes
    contradiction_edges = [(t, g) for c, t, g in edges if "contradiction" in c]
    assert len(contradiction_edges) == len(debate.contradictions)

    for classes, _, g in edges:
        paths = strokes(g)
        if "support" in classes or "premise" in classes:
            assert all(p.get("stroke") == theme.support for p in paths)
            assert not any(p.get("stroke-dasharray") for p in paths)
        elif "attack" in classes or "attack-premise" in classes:
            assert all(p.get("stroke") == theme.attack for p in paths)
            assert all(p.get("stroke-dasharray") for p in paths)  # dashed
        elif "contradiction" in classes:
            visible = [p for p in paths if p.get("stroke") == theme.contradiction]
            assert len(visible) == 2  # a double line
            assert bars(g) == [theme.contradiction] * 2  # a bar at each end
    assert not list(root.iter(f"{SVG}image"))


@pytest.mark.parametrize(
    "options",
    [
        RenderOptions(),
        RenderOptions(theme="print", cluster_by="side", rankdir="LR", wrap=20),
        RenderOptions(color_by="tag", cluster_by="tag", wrap=0, legend=False),
    ],
    ids=["default", "print-clusters", "tags"],
)
def test_small_map_svg(options: RenderOptions) -> None:
    debate = argmap.load(SMALL)
    check_map(debate, render(debate, "svg", options), options)


def test_print_theme_is_black_and_white() -> None:
    debate = argmap.load(SMALL)
    root = parse(render(debate, "svg", RenderOptions(theme="print")))
    colours = {el.get(attr) for el in root.iter() for attr in ("stroke", "fill")
               if el.get(attr) not in (None, "none", "transparent")}
    for colour in colours:
        assert colour is not None
        if colour in ("black", "white"):
            continue
        assert colour.startswith("#"), colour
        assert colour[1:3] == colour[3:5] == colour[5:7], colour  # a grey


def test_seed_debate_svg() -> None:
    if not SEED.exists():
        pytest.skip("the seed debate is not there yet")
    debate = argmap.load(SEED)
    options = RenderOptions(cluster_by="side")
    check_map(debate, render(debate, "svg", options), options)


def test_source_link_in_svg() -> None:
    debate = argmap.load(SMALL)
    root = parse(render(debate, "svg"))
    g = node_groups(root)["study"]
    anchor = g.find(f"{SVG}a")
    assert anchor is not None
    assert anchor.get(f"{XLINK}href") == "https://example.org/sleep"
    hrefs = [el.get(f"{XLINK}href") or el.get("href") for el in root.iter()]
    assert [h for h in hrefs if h] == ["https://example.org/sleep"]


HOSTILE = [
    'He said "no" \\" and \\\\"',
    "C:\\N\\G \\E \\T \\H \\L \\l \\n \\\\ end\\",
    '<b>bold</b> <IMG SRC="/etc/passwd"/> <<TABLE>>',
    "{a|b} | <port> ]; evil -> node [color=red]; // comment",
    'label="x" URL="javascript:alert(1)" image="/etc/passwd"',
    "line one\nline two",
    "emoji 🎓🧠 and RTL עברית العربية",
    "&amp; &lt; &#60; &#x3c; &nbsp;",
    "}\n}\ndigraph x {",
    "-- --> <!-- ]]> ?> <?xml ?>",
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_labels_render_as_themselves(text: str) -> None:
    debate = ArgumentMap(
        claims={"c1": Claim(id="c1", text=text, main=True), "c2": Claim(id="c2", text=text)},
        evidence={"e1": Evidence(id="e1", text=text, source=Source(
            title=text, url="javascript:alert(1)"))},
        arguments={"a1": Argument(id="a1", premises=("c2", "e1"), conclusion="c1",
                                  title=text)},
    )
    for fmt in ("svg", "html"):
        data = render(debate, fmt, RenderOptions(wrap=0))
        if fmt == "svg":
            root = parse(data)
            groups = node_groups(root)
            assert set(groups) == {"c1", "c2", "e1", "a1"}
            expected = [line.strip() for line in text.split("\n")]
            assert texts(groups["c2"])[1:] == expected
            assert texts(groups["c1"])[1:] == expected
            assert texts(groups["a1"]) == expected
            assert len(edge_groups(root)) == 3 + 6  # the map's three, the legend's six
            assert not list(root.iter(f"{SVG}image"))
            assert not list(root.iter(f"{SVG}script"))
            assert not [el for el in root.iter() if el.get(f"{XLINK}href") or el.get("href")]
        else:
            assert b'"url"' not in data  # the unsafe link is not in the page's data


OPTIONS = st.builds(
    RenderOptions,
    rankdir=st.sampled_from(["BT", "TB", "LR", "RL"]),
    cluster_by=st.sampled_from(["side", "tag", "none"]),
    color_by=st.sampled_from(["side", "tag", "none"]),
    label=st.sampled_from(["full", "title", "id"]),
    wrap=st.integers(0, 60),
    theme=st.sampled_from(["color", "print"]),
    legend=st.booleans(),
)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(argument_maps(max_nodes=6), OPTIONS)
def test_any_map_renders_to_well_formed_svg(debate: ArgumentMap,
                                            options: RenderOptions) -> None:
    data = render(debate, "svg", options)
    root = parse(data)
    groups = node_groups(root)
    expected = {n.id for n in debate.nodes()
                if not isinstance(n, Argument) or debate.node(n.conclusion) is not None}
    assert expected <= set(groups)
    for extra in set(groups) - expected:  # joint or attacked objections
        assert "attack-inference" in groups[extra].get("class", "").split()


@pytest.mark.parametrize(("fmt", "magic"), [("png", b"\x89PNG"), ("pdf", b"%PDF")])
def test_binary_formats(fmt: str, magic: bytes) -> None:
    data = render(argmap.load(SMALL), fmt)  # type: ignore[arg-type]  # parametrised literal
    assert data.startswith(magic)


def test_missing_graphviz(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert shutil.which("dot") is None
    debate = argmap.load(SMALL)
    with pytest.raises(GraphvizNotFoundError, match="apt-get install graphviz"):
        render(debate, "svg")
    assert render(debate, "dot").startswith(b"digraph")


def test_graphviz_refuses_to_read_files_even_if_asked(tmp_path: Path) -> None:
    """Defence in depth: the backend runs Graphviz so that it loads no image files."""
    from argmap._render.backend import run_engine

    picture = Path("/usr/share/pixmaps/debian-logo.png")
    if not picture.exists():
        pytest.skip("no sample image on this system")
    source = f'digraph {{ a [image="{picture}" label=""] }}'
    svg = run_engine(source, engine="dot", fmt="svg")
    assert b"<image" not in svg


@pytest.mark.slow
def test_five_thousand_nodes_render_to_svg() -> None:
    from tests.render_maps import cross_linked_map

    debate = argmap.loads(cross_linked_map(5000))
    graph = to_dot(debate)
    assert graph.engine == "sfdp"
    root = parse(render(debate, "svg"))
    assert len(node_groups(root)) == len(list(debate.nodes()))


def _corpus_files() -> list[Path]:
    corpora = ROOT.parent / "shared" / "corpora"
    files = sorted(corpora.glob("argdown/examples/*.argdown"))
    files += sorted(corpora.glob("aif/*.json")) + sorted(corpora.glob("sadface/*.json"))
    files += sorted(corpora.rglob("microtexts/**/*.xml"))[:8]
    return files


@pytest.mark.parametrize("path", _corpus_files(), ids=lambda p: p.name)
def test_real_maps_from_the_corpora(path: Path) -> None:
    """Debates written by others (imported with argmap.convert) render completely."""
    from argmap.convert import detect_format, read_map

    raw = path.read_bytes()
    fmt = detect_format(path.name, raw)
    if fmt is None:
        pytest.skip("not a format argmap imports")
    result = read_map(raw, fmt, file=str(path))
    if result.map is None or not list(result.map.nodes()):
        pytest.skip("argmap.convert does not import this file (its own tests say why)")
    options = RenderOptions()
    check_map(result.map, render(result.map, "svg", options), options)


@pytest.mark.dot
def test_dot_over_its_budget_falls_back_to_sfdp_with_a_note() -> None:
    """Issue 9: when the chosen dot runs over its budget, the map is still drawn."""
    from argmap.render import render_result

    debate = argmap.load(ROOT / "examples" / "one-threat.argmap.yaml")
    assert render_result(debate, "dot").engine == "dot"
    result = render_result(debate, "svg", dot_budget=0.001)
    assert result.engine == "sfdp"
    assert len(result.notes) == 1
    assert result.notes[0].startswith("`dot` did not finish within 0.001 s")
    assert "--engine dot" in result.notes[0]
    root = ET.fromstring(result.data)  # noqa: S314 -- our own output
    assert sum("node" in (g.get("class") or "").split() for g in root.iter()) > 50
    # a chosen engine gets no fallback
    with pytest.raises(GraphvizTimeoutError):
        render_result(debate, "svg", RenderOptions(engine="dot"), timeout=0.001)


@pytest.mark.parametrize("theme_name", ["color", "print"])
def test_contradiction_has_a_bar_at_both_ends(theme_name: str) -> None:
    """New-user finding: the DOT asked for a bar at both ends (dir=both, tee, tee) but
    the SVG and PNG showed one, at the head: Graphviz paints the tail's arrow in the
    second colour of a parallel-colour list, which was ``invis``.  (PNG and PDF are
    drawn by the same Graphviz code from the same DOT.)"""
    debate = ArgumentMap(claims={"a": Claim(id="a", text="It rains."),
                                 "b": Claim(id="b", text="It does not rain.")},
                         contradictions=(Contradiction(claims=("a", "b")),))
    theme = COLOR if theme_name == "color" else PRINT
    options = RenderOptions(theme=theme_name, legend=False)
    svg = parse(render(debate, "svg", options))
    (edge,) = [g for classes, _, g in edge_groups(svg) if "contradiction" in classes]
    assert [p.get("stroke") for p in strokes(edge)] == [theme.contradiction] * 2
    shapes = [p for p in edge.iter(f"{SVG}polygon") if p.get("fill") == theme.contradiction]
    assert len(shapes) == 2
    # one bar at each end of the line: at the first and at the last point of the path
    path = strokes(edge)[0].get("d", "")
    numbers = [float(x) for x in re.findall(r"-?[0-9.]+", path)]
    start, end = (numbers[0], numbers[1]), (numbers[-2], numbers[-1])

    def centre(polygon: ET.Element) -> tuple[float, float]:
        pts = [tuple(map(float, xy.split(","))) for xy in polygon.get("points", "").split()]
        return (sum(x for x, _ in pts) / len(pts), sum(y for _, y in pts) / len(pts))

    def near(p: tuple[float, float], q: tuple[float, float]) -> bool:
        return abs(p[0] - q[0]) + abs(p[1] - q[1]) < 12

    centres = [centre(p) for p in shapes]
    assert any(near(c, start) for c in centres)
    assert any(near(c, end) for c in centres)
