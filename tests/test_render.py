"""argmap.render without Graphviz: DOT text, options, selection, escaping, links."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import argmap
from argmap._render.links import safe_url
from argmap._render.text import clean, label_text, wrap
from argmap.errors import UsageError
from argmap.model import Argument, ArgumentMap, Claim, Evidence, Source
from argmap.render import RenderOptions, render, to_dot

DATA = Path(__file__).parent / "data" / "render"
SMALL = DATA / "small.argmap.yaml"
UPDATE = os.environ.get("ARGMAP_UPDATE_GOLDEN", "") not in ("", "0")

GOLDEN = {
    "small.dot": RenderOptions(),
    "small-no-clusters.dot": RenderOptions(cluster_by="none"),
    "small-print-clusters.dot": RenderOptions(theme="print", cluster_by="side", label="title",
                                              rankdir="LR", wrap=24),
    "small-tags-id.dot": RenderOptions(color_by="tag", cluster_by="tag", label="id",
                                       legend=False),
}


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_golden_dot(name: str) -> None:
    source = to_dot(argmap.load(SMALL), GOLDEN[name]).source
    path = DATA / name
    if UPDATE:
        path.write_text(source, encoding="utf-8")
    assert source == path.read_text(encoding="utf-8"), (
        f"DOT for {name} changed; if on purpose, rerun with ARGMAP_UPDATE_GOLDEN=1")


def test_render_dot_format_needs_no_graphviz(monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    data = render(argmap.load(SMALL), "dot")
    assert data.startswith(b"digraph argmap {")


def test_status_colouring() -> None:
    debate = argmap.load(SMALL)
    with pytest.raises(UsageError, match="status"):
        to_dot(debate, RenderOptions(color_by="status"))
    with pytest.raises(UsageError, match="unknown status"):
        to_dot(debate, status={"tired": "maybe"})
    source = to_dot(debate, RenderOptions(color_by="status"),
                    status={"later-start": "in", "keep-early": "out", "tired": "undecided"}).source
    assert "<B>IN</B> · MAIN THESIS · later-start" in source
    assert "<B>OUT · DEFEATED</B> · MAIN THESIS · keep-early" in source
    assert "<B>UNDECIDED</B> · CLAIM · tired" in source
    assert "IN: accepted" in source  # the legend explains the colours
    assert "OUT: defeated (dashed border)" in source


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"rankdir": "XY"}, "rankdir"),
        ({"cluster_by": "colour"}, "cluster_by"),
        ({"color_by": "mood"}, "color_by"),
        ({"label": "long"}, "label"),
        ({"theme": "neon"}, "theme"),
        ({"wrap": -1}, "wrap"),
        ({"depth": -2}, "depth"),
        ({"engine": "rm -rf"}, "engine"),
    ],
)
def test_bad_options(options: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        RenderOptions(**options)  # type: ignore[arg-type]  # deliberately wrong values


def test_unknown_format_and_focus() -> None:
    debate = argmap.load(SMALL)
    with pytest.raises(UsageError, match="format"):
        render(debate, "gif")  # type: ignore[arg-type]  # deliberately wrong
    with pytest.raises(UsageError, match="no claim"):
        to_dot(debate, RenderOptions(focus="nope"))


def _names(source: str) -> set[str]:
    found = re.findall(r'^\t(?:\t)?("?[\w.~-]+"?) \[label', source, re.MULTILINE)
    return {name.strip('"') for name in found} - {"graph", "node", "edge"}


def test_focus_keeps_joint_reasons_whole() -> None:
    debate = argmap.load(SMALL)
    depth1 = _names(to_dot(debate, RenderOptions(focus="later-start", depth=1,
                                                 legend=False)).source)
    # the claim, its argument with both linked premises, and its rival
    assert depth1 == {"later-start", "sleep", "body-clock", "tired", "keep-early"}
    depth2 = _names(to_dot(debate, RenderOptions(focus="later-start", depth=2,
                                                 legend=False)).source)
    # what bears on those: the undercut of the sleep argument, the support of `tired`
    # and of the rival thesis
    assert depth2 - depth1 == {"buses", "learning", "study", "logistics"}
    depth0 = _names(to_dot(debate, RenderOptions(focus="later-start", depth=0,
                                                 legend=False)).source)
    assert depth0 == {"later-start"}
    deep = _names(to_dot(debate, RenderOptions(focus="later-start", depth=5,
                                               legend=False)).source)
    assert {"study", "learning", "contracts"} <= deep


def test_tag_selection() -> None:
    debate = argmap.load(SMALL)
    names = _names(to_dot(debate, RenderOptions(tags=("health",), legend=False)).source)
    assert names == {"body-clock", "tired", "study", "learning"}
    both = _names(to_dot(debate, RenderOptions(tags=("logistics", "schedule"),
                                               legend=False)).source)
    assert {"buses", "contracts", "logistics", "keep-early", "later-start",
            "sleep", "body-clock", "tired"} <= both


HOSTILE = [
    'He said "no" \\" and \\\\"',
    "C:\\N\\G \\E \\T \\H \\L \\l \\n \\\\",
    "<b>bold</b> <IMG SRC=\"/etc/passwd\"/> <<TABLE>>",
    "{a|b} | <port> ]; evil -> node [color=red]; // comment",
    'label="x" URL="javascript:alert(1)" image="/etc/passwd"',
    "line one\nline two\r\nline three",
    "emoji 🎓🧠 and RTL עברית العربية \u202e reversed",
    "&amp; &lt; &#60; &#x3c; &nbsp;",
    "control \x00\x01\x1b\x7f chars and \ud800 surrogate",
    "}\n}\ndigraph x {",
    "-- --> <!-- ]]> ?>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_stays_inside_its_label(text: str) -> None:
    debate = ArgumentMap(
        claims={"c1": Claim(id="c1", text=text, title=text, main=True),
                "c2": Claim(id="c2", text="Other")},
        arguments={"a1": Argument(id="a1", premises=("c2",), conclusion="c1", title=text)},
    )
    source = to_dot(debate, RenderOptions(legend=False)).source
    # exactly three node statements and two edges, whatever the text says
    statements = [line for line in source.splitlines() if line.startswith("\t")]
    assert sum(" -> " in line for line in statements) == 2
    assert sum(line.startswith(("\tc1 [", "\tc2 [", "\ta1 [")) for line in statements) == 3
    label = next(line for line in statements if line.startswith("\tc1 ["))
    assert "image=" not in label.split("label=", 1)[0]
    for bad in ("<IMG", "<b>", "<TABLE>", "\x00", "\ud800"):
        assert bad not in label


def test_label_text_escaping() -> None:
    assert label_text("a<b>&\"'\\N") == "a&lt;b&gt;&amp;&quot;&#x27;\\\\N"
    assert clean("a\x00b\ud800c\ufffe") == "a\ufffdb\ufffdc\ufffd"
    assert wrap("one two three four", 0) == ["one two three four"]
    assert wrap("", 10) == [""]
    assert wrap("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/path?q=1&r=2#frag",
        "http://example.org",
        "HTTPS://EXAMPLE.ORG/",
        "mailto:someone@example.org",
        "MailTo:someone@example.org?subject=Hi",
    ],
)
def test_safe_links_are_kept(url: str) -> None:
    assert safe_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "java\x00script:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;avascript:alert(1)",
        "javascript&colon;alert(1)",
        "%6Aavascript:alert(1)",
        "\uff4a\uff41\uff56\uff41script:alert(1)"  # full-width letters,
        "\u200bjavascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "DATA:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "VBScript:msgbox(1)",
        "file:///etc/passwd",
        "//evil.example.org/x",
        "https:javascript:alert(1)",
        "https://",
        "https:///etc/passwd",
        " https://example.org",
        "https://example.org/\u202ereversed",
        'https://example.org/" onmouseover="alert(1)',
        "https://example.org/<script>",
        "",
        None,
    ],
)
def test_unsafe_links_are_dropped(url: str | None) -> None:
    assert safe_url(url) is None


def test_evidence_with_unsafe_link_gets_no_link() -> None:
    from argmap._render.build import build

    debate = ArgumentMap(
        claims={"c": Claim(id="c", text="C")},
        evidence={"e": Evidence(id="e", text="E", source=Source(
            title="T", url="javascript:alert(1)"))},
        arguments={"a": Argument(id="a", premises=("e",), conclusion="c")},
    )
    built = build(debate, RenderOptions())
    info = next(i for i in built.nodes.values() if i.id == "e")
    assert info.url is None
    assert "url" not in info.details["source"]


def test_structure_is_measured_exactly_on_small_graphs() -> None:
    from argmap._render.layout import measure

    # a -> b -> c -> d and a long edge a -> d: ranks 0..3, the long edge needs 2 virtual
    # nodes; a cycle (d -> a) is broken, not followed forever
    chain = measure("abcd", [("a", "b"), ("b", "c"), ("c", "d"), ("a", "d")])
    assert (chain.nodes, chain.edges, chain.ranks, chain.virtual) == (4, 4, 4, 2)
    cycle = measure("abc", [("a", "b"), ("b", "c"), ("c", "a")])
    assert (cycle.nodes, cycle.edges, cycle.ranks) == (3, 3, 3)
    # a source is pulled up next to what it supports, as dot's ranking does
    pulled = measure("abcx", [("a", "b"), ("b", "c"), ("x", "c")])
    assert pulled.virtual == 0
    assert measure([], []).ranks == 0


def test_engine_comes_from_structure_not_node_count() -> None:
    from tests.render_maps import cross_linked_map, dense_map

    small = to_dot(argmap.load(SMALL))
    assert small.engine == "dot"
    assert "mclimit" not in small.source  # full optimisation, curved edges
    # issue 8 item 10: 85 nodes, but 560 edges spanning many ranks
    dense = argmap.loads(dense_map(50, 35, 15))
    graph = to_dot(dense)
    assert graph.engine == "sfdp"
    assert "overlap=prism20" in graph.source
    assert not re.search(r"[\s\[]size=", graph.source)  # no fixed page size
    forced = to_dot(dense, RenderOptions(engine="dot"))
    assert forced.engine == "dot"
    assert "mclimit=0.05" in forced.source
    assert "splines=line" in forced.source
    # a cross-linked debate of 1,500 nodes goes to sfdp, a tree of 1,500 stays layered
    assert to_dot(argmap.loads(cross_linked_map(1500))).engine == "sfdp"
    claims = {"c0": Claim(id="c0", text="root")}
    arguments = {}
    for i in range(1, 750):
        claims[f"c{i}"] = Claim(id=f"c{i}", text=f"claim {i}")
        arguments[f"a{i}"] = Argument(id=f"a{i}", premises=(f"c{i}",),
                                      conclusion=f"c{(i - 1) // 3}")
    tree = to_dot(ArgumentMap(claims=claims, arguments=arguments))
    assert tree.engine == "dot"


def test_html_groups_are_sides_or_else_tags() -> None:
    """The HTML page lets the reader hide a side, or in a map without sides a tag."""
    from argmap._render.build import build

    sided = build(argmap.load(SMALL), RenderOptions())
    assert sided.group_title == "Sides"
    assert {g.label for g in sided.groups} <= {s.name for s in argmap.load(SMALL).sides.values()}
    tagged = ArgumentMap(claims={
        "a": Claim(id="a", text="A", tags=("econ",)),
        "b": Claim(id="b", text="B", tags=("law", "econ")),
        "c": Claim(id="c", text="C"),
    })
    built = build(tagged, RenderOptions())
    assert built.group_title == "Tags"
    assert {g.label: len(g.keys) for g in built.groups} == {"econ": 1, "law": 1}


def test_no_file_reading_attributes_in_dot() -> None:
    source = to_dot(argmap.load(SMALL)).source
    for attribute in ("image=", "imagepath", "fontpath", "shapefile", "IMG", "URL=", "href="):
        assert attribute not in source


def test_import_argmap_stays_light() -> None:
    import subprocess
    import sys

    code = ("import sys, argmap, argmap.render; "
            "print('graphviz' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
