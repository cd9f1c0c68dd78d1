"""Mermaid and GraphML export: every element drawn or reported, labels that cannot inject."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given

from argmap.convert import detect_format, export_losses, export_map, import_map
from argmap.model import (
    Argument,
    ArgumentMap,
    Attack,
    AttackType,
    Claim,
    Contradiction,
    Evidence,
    Side,
)
from argmap.strategies import argument_maps
from tests.test_convert_cli import invoke

G = "{http://graphml.graphdrawing.org/xmlns}"

HOSTILE = [
    'close"] --> evil["x',
    "]]> <script>alert(1)</script>",
    "%%{init: {'securityLevel': 'loose'}}%%",
    "click n1 call alert()",
    "line\nend\nsubgraph x",
    "`**md**` <img src=x onerror=alert(1)>",
    "#quot; &amp; &lt;",
    "\u202eevil\u2066 \u0001 \u007f",
    "A --> B; style n1 fill:red",
]


def _hostile_map(*, file_safe: bool = False) -> ArgumentMap:
    """Hostile texts in every field; ``file_safe`` leaves out what the file format
    refuses (control characters, a title on several lines), so that the map can be
    written to a file and read by the command line."""
    texts = [re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "", t) for t in HOSTILE] if file_safe \
        else HOSTILE
    claims = {f"c{i}": Claim(id=f"c{i}", text=t, side="s" if i % 2 else None,
                             main=i == 0) for i, t in enumerate(texts)}
    return ArgumentMap(
        title='T" --- x' if file_safe else 'T"\n---\nx',
        sides={"s": Side(id="s", name=HOSTILE[0])},
        claims=claims,
        evidence={"e": Evidence(id="e", text=HOSTILE[1])},
        arguments={"a": Argument(id="a", premises=("c1", "e"), conclusion="c0",
                                 title=HOSTILE[2], scheme=HOSTILE[3])},
        attacks=[Attack(attacker="c2", target="c0", id="x"),
                 Attack(attacker="c3", target="x"),
                 Attack(attacker="c4", co_premises=("c5",), target="a",
                        type=AttackType.UNDERCUT)],
        contradictions=[Contradiction(claims=("c6", "c7"))],
    )


_LABEL = r'"[A-Za-z0-9 ,.:;!?()\-_/+=*@$\'#<>\u00a0-\U0010ffff]*"'
_NODE = re.compile(rf"^ {{2,4}}n\d+(\[{_LABEL}\]|\[/{_LABEL}/\]|\({_LABEL}\)|"
                   rf"\{{\{{{_LABEL}\}}\}})(:::(claim|evidence|argument|attack))$")


def _check_mermaid_lines(text: str) -> None:
    """Every line is one of the statements the writer makes; labels hold only safe
    characters, entity codes and the <br> it writes."""
    lines = text.splitlines()
    body = lines[lines.index("flowchart BT") + 1:]
    if lines[0] == "---":
        assert lines[2] == "---"
        assert json.loads(lines[1].removeprefix("title: ")) is not None
    for line in body:
        for label in re.findall(r'"([^"]*)"', line):
            cleaned = re.sub(r"#\d+;|<br>", "", label)
            assert not set(cleaned) & set('"<>&#`[]{}|%\n\r'), line
        assert (
            _NODE.match(line)
            or re.fullmatch(r'  subgraph side-\d+-group\["[^"]*"\]|  end', line)
            or re.fullmatch(r'  n\d+ (-->|==>|---|-\.-|x--x|--x\|"[a-z]+"\|) n\d+', line)
            or re.fullmatch(r"  linkStyle [\d,]+ [a-z:#0-9,\-]+", line)
            or re.fullmatch(r"  classDef [a-z0-9-]+ [a-z:#0-9,\-]+", line)
            or re.fullmatch(r"  class n\d+ (main|side-\d+)", line)
        ), line


def test_hostile_labels_cannot_inject_mermaid_syntax_or_html() -> None:
    text = export_map(_hostile_map(), "mermaid")
    _check_mermaid_lines(text)
    assert "<script" not in text
    assert "<img" not in text
    assert "click" not in text.replace("click n1 call", "")  # only inside a label
    assert "#60;script#62;" in text  # shown as text, not markup


@given(argument_maps())
def test_mermaid_draws_every_element_or_reports_it(debate: ArgumentMap) -> None:
    text = export_map(debate, "mermaid")
    _check_mermaid_lines(text)
    kinds = Counter(m.group(1) for m in re.finditer(r":::(\w+)$", text, re.MULTILINE))
    assert kinds["claim"] == len(debate.claims)
    assert kinds["evidence"] == len(debate.evidence)
    assert kinds["argument"] == len(debate.arguments)
    arrows = re.findall(r"^  n\d+ (\S+) n\d+$", text, re.MULTILINE)
    premises = sum(len(a.premises) for a in debate.arguments.values())
    assert arrows.count("-->") == premises
    assert arrows.count("==>") == len(debate.arguments)
    assert sum(a.startswith("--x") for a in arrows) == len(debate.attacks)
    assert arrows.count("x--x") == len(debate.contradictions)
    assert arrows.count("-.-") == sum(len(a.co_premises) for a in debate.attacks)
    assert text.count("subgraph ") == len(debate.sides)
    assert text.count(" main\n") == len(debate.main_claims)
    losses = " ".join(d.message for d in export_losses(debate, "mermaid"))
    nodes = list(debate.nodes())
    for what, present in (
        ("tags of", any(n.tags for n in nodes)),
        ("notes of", any(n.note for n in nodes) or any(a.note for a in debate.attacks)),
        ("sources, quotes", bool(debate.evidence)),
    ):
        assert (what in losses) == present, (what, losses)


def _graphml(text: str) -> tuple[ET.Element, dict[str, dict[str, str]],
                                 list[dict[str, str]]]:
    root = ET.fromstring(text)  # noqa: S314 -- our own export, not untrusted input
    graph = root.find(f"{G}graph")
    assert graph is not None
    nodes = {n.get("id", ""): {d.get("key", ""): d.text or "" for d in n.findall(f"{G}data")}
             for n in graph.findall(f"{G}node")}
    edges = [{"source": e.get("source", ""), "target": e.get("target", ""),
              **{d.get("key", ""): d.text or "" for d in e.findall(f"{G}data")}}
             for e in graph.findall(f"{G}edge")]
    return graph, nodes, edges


@given(argument_maps())
def test_graphml_keeps_every_element_and_field(debate: ArgumentMap) -> None:
    text = export_map(debate, "graphml")
    graph, nodes, edges = _graphml(text)
    by_id = {d.get("argmap_id"): d for d in nodes.values() if d["kind"] != "attack"}
    for node in debate.nodes():
        data = by_id[node.id]
        assert data["kind"] == {Claim: "claim", Evidence: "evidence",
                                Argument: "argument"}[type(node)]
        assert data.get("tags", "") == ", ".join(node.tags)
        for field in ("title", "side", "note"):
            value = getattr(node, field)
            assert (field in data) == bool(value)
    relations = Counter(e["relation"] for e in edges)
    assert relations["premise"] == sum(len(a.premises) for a in debate.arguments.values())
    assert relations["conclusion"] == len(debate.arguments)
    assert relations["attack"] == len(debate.attacks)
    assert relations["co-premise"] == sum(len(a.co_premises) for a in debate.attacks)
    assert relations["contradiction"] == len(debate.contradictions)
    keys = {d.get("key") for d in graph.findall(f"{G}data")}
    assert ("sides" in keys) == bool(debate.sides)
    assert ("sources" in keys) == bool(debate.sources)
    if debate.sides:
        sides = json.loads(next(d.text or "" for d in graph.findall(f"{G}data")
                                if d.get("key") == "sides"))
        assert set(sides) == set(debate.sides)


def test_graphml_reads_in_networkx_with_typed_keys() -> None:
    nx = pytest.importorskip("networkx")
    debate = _hostile_map()
    graph = nx.parse_graphml(export_map(debate, "graphml"))
    kinds = Counter(d["kind"] for _, d in graph.nodes(data=True))
    assert kinds == {"claim": len(debate.claims), "evidence": 1, "argument": 1, "attack": 2}
    main = [d for _, d in graph.nodes(data=True) if d.get("main")]
    assert len(main) == 1
    assert main[0]["text"] == HOSTILE[0]
    assert {d["relation"] for *_, d in graph.edges(data=True)} == {
        "premise", "conclusion", "attack", "attacker", "co-premise", "contradiction"}


def test_graphml_replaces_what_xml_cannot_hold_and_says_so() -> None:
    text = export_map(_hostile_map(), "graphml")
    _, nodes, _ = _graphml(text)
    assert any("\ufffd" in d.get("text", "") for d in nodes.values())
    (loss,) = export_losses(_hostile_map(), "graphml")
    assert "'c7'" in loss.message
    assert export_losses(ArgumentMap(claims={"a": Claim(id="a", text="A")}), "graphml") == ()


@pytest.mark.parametrize(("name", "fmt", "check"), [
    ("m.mmd", "mermaid", "flowchart BT"),
    ("m.mermaid", "mermaid", "flowchart BT"),
    ("m.graphml", "graphml", "<graphml"),
    ("m.sadface.json", "sadface", '"type":"atom"'),
])
def test_convert_writes_diagrams_end_to_end(tmp_path: Path, name: str, fmt: str,
                                            check: str) -> None:
    source = tmp_path / "m.argmap.yaml"
    source.write_text(export_map(_hostile_map(file_safe=True), "yaml"), encoding="utf-8")
    assert detect_format(name) == fmt
    code, _, err = invoke("convert", str(source), "-o", str(tmp_path / name))
    assert code == 0, err
    assert check in (tmp_path / name).read_text(encoding="utf-8")
    code, out, _ = invoke("convert", str(source), "--to", fmt, "-o", "-")
    assert code == 0
    assert check in out
    if fmt == "sadface":
        assert import_map((tmp_path / name).read_bytes(), "sadface") == _hostile_map(
            file_safe=True)


def test_mermaid_losses_are_warnings_and_strict_fails(tmp_path: Path) -> None:
    source = tmp_path / "m.argmap.yaml"
    source.write_text("argmap: 1\nclaims:\n  a: {text: A, note: kept?, tags: [t]}\n",
                      encoding="utf-8")
    code, _, err = invoke("convert", str(source), "--strict", "-o", str(tmp_path / "m.mmd"))
    assert code == 1
    assert "warning[export-loss]: tags of 1 element (a) are not drawn" in err
    assert "notes of 1 element (a)" in err
    code, _, err = invoke("convert", str(source), "--strict", "-o",
                          str(tmp_path / "m.graphml"))
    assert code == 0, err


def test_json_outputs_are_compact_by_default_and_indent_pretty_prints(tmp_path: Path) -> None:
    source = tmp_path / "m.argmap.yaml"
    source.write_text("argmap: 1\nclaims:\n  a: {text: A}\n  b: {text: B}\n", encoding="utf-8")
    for fmt in ("json", "aif", "xaif", "sadface"):
        code, compact, _ = invoke("convert", str(source), "--to", fmt, "-o", "-")
        assert code == 0
        assert compact.count("\n") == 1
        code, pretty, _ = invoke("convert", str(source), "--to", fmt, "--indent", "3", "-o",
                                 "-")
        assert code == 0
        assert '\n   "' in pretty
        assert json.loads(pretty) == json.loads(compact)
