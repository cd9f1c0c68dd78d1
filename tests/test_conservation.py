"""Conservation (issue 7): nothing of a real file is lost silently.

For every AIF/xAIF, SADFace and arg-microtexts file of the shared corpora, the harness
counts, by kind, each element of the input from the raw file, finds it in the final map
or in a diagnostic that names it (code, element, why), and checks
``in == in the map + reported``, so ``silently lost == 0``.  The reasons the
diagnostics give are checked against the element they name.  For the writers, maps
drawn by :mod:`argmap.strategies` are exported and every claim, evidence item, argument,
attack, contradiction, side, source, tag and note is found in the output (read back, or
parsed) or in an ``export-loss`` warning.  Round trips: X -> argmap -> X keeps the node
and edge counts by type of every corpus file.

``python -m tests.test_conservation`` prints the per-format tables.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

from argmap.convert import export_losses, export_map, read_map
from argmap.errors import Diagnostic
from argmap.model import Argument, ArgumentMap, Attack, Claim, Evidence, Source
from argmap.strategies import argument_maps
from tests.conftest import CORPORA

LOSS_CODES = {"not-imported", "dropped-relation", "unsupported", "duplicate-id",
              "duplicate-relation", "format", "unknown-reference"}


@dataclass
class Tally:
    """Per kind: elements of the input, found in the result, reported, silently lost."""

    seen: Counter[str] = field(default_factory=Counter)
    kept: Counter[str] = field(default_factory=Counter)
    reported: Counter[str] = field(default_factory=Counter)
    lost: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, name: str, kept: bool, reported: bool) -> None:
        self.seen[kind] += 1
        if kept:
            self.kept[kind] += 1
        elif reported:
            self.reported[kind] += 1
        else:
            self.lost.setdefault(kind, []).append(name)

    def merge(self, other: Tally) -> None:
        self.seen.update(other.seen)
        self.kept.update(other.kept)
        self.reported.update(other.reported)
        for kind, names in other.lost.items():
            self.lost.setdefault(kind, []).extend(names)


def _losses(diagnostics: Iterable[Diagnostic]) -> list[str]:
    return [d.message for d in diagnostics if d.code in LOSS_CODES]


def _named(messages: list[str]) -> set[str]:
    return {name for m in messages for name in re.findall(r"'([^']*)'", m)}


def _corpus(folder: str, pattern: str) -> list[Path]:
    return sorted((CORPORA / folder).glob(pattern))


# --------------------------------------------------------------------------------------
# AIF and xAIF


def tally_aif(path: Path) -> Tally:
    raw = path.read_bytes()
    data = json.loads(raw)
    aif = data["AIF"] if isinstance(data.get("AIF"), dict) else data
    result = read_map(raw, "xaif" if "AIF" in data else "aif", file=path.name)
    assert result.ok, [str(d) for d in result.diagnostics]
    m = result.map
    assert m is not None
    messages = _losses(result.diagnostics)
    named = _named(messages)
    tally = Tally()
    types = {str(n["nodeID"]): str(n.get("type", "")).upper() for n in aif["nodes"]}
    attacks = {a.id: a for a in m.attacks if a.id is not None}
    left_out: set[str] = set()
    for message in messages:  # "left out N T nodes (why): 'id', ..." names the type
        found = re.match(r"left out (\d+) (\w+) nodes? \(", message)
        if found:
            listed = re.findall(r"'([^']*)'", message)
            assert len(listed) == int(found.group(1)), message
            assert all(types[i] == found.group(2) for i in listed), message
            left_out.update(listed)
    out_edges: Counter[str] = Counter()
    in_edges: Counter[str] = Counter()
    for edge in aif["edges"]:
        out_edges[str(edge["fromID"])] += 1
        in_edges[str(edge["toID"])] += 1
    for message in messages:  # reasons about one S node are true of it
        found = re.match(r"(\w+) node '([^']*)' points at nothing", message)
        if found:
            assert types[found.group(2)] == found.group(1)
            assert out_edges[found.group(2)] == 0 or all(
                types[str(e["toID"])] not in ("I", "RA", "MA", "CA") for e in aif["edges"]
                if str(e["fromID"]) == found.group(2))
        found = re.match(r"(\w+) node '([^']*)' has no premise", message)
        if found:
            assert not any(types[str(e["fromID"])] == "I" for e in aif["edges"]
                           if str(e["toID"]) == found.group(2))
    for key, kind in types.items():
        if kind == "I":
            kept = key in m.claims or key in m.evidence
        elif kind in ("RA", "MA"):
            kept = key in m.arguments
        elif kind == "CA":
            kept = key in attacks or any(key in (c.note or "") for c in m.contradictions)
        else:
            kept = False
        tally.add(f"{kind} nodes", key, kept, key in named)
    joined = " ".join(messages)
    idle = re.search(r"left out (\d+) edges? that join nodes left out", joined)
    touching = 0
    for index, edge in enumerate(aif["edges"]):
        source, target = str(edge["fromID"]), str(edge["toID"])
        if source in left_out or target in left_out:
            touching += 1
            tally.add("edges", str(index), False, idle is not None)
            continue
        tally.add("edges", str(index), _edge_kept(m, attacks, types, source, target),
                  f"edge {index} " in joined or f"edge {str(edge.get('edgeID'))!r}" in joined
                  or f"edge #{index + 1} " in joined or source in named or target in named)
    assert touching == (int(idle.group(1)) if idle else 0)
    _check_parts(tally, data, aif, m, joined)
    return tally


def _edge_kept(m: ArgumentMap, attacks: dict[str, Attack], types: dict[str, str],
               source: str, target: str) -> bool:
    first, second = types[source], types[target]
    if first == "I" and second in ("RA", "MA"):
        return target in m.arguments and source in m.arguments[target].premises
    if first in ("RA", "MA") and second == "I":
        return any(a.conclusion == target for k, a in m.arguments.items()
                   if k == source or k.startswith(source + "-"))
    if second == "CA" and first in ("I", "RA", "MA"):
        return target in attacks and source in attacks[target].attackers
    if first == "CA":
        return source in attacks and attacks[source].target == target
    return False


def _check_parts(tally: Tally, data: dict[str, Any], aif: dict[str, Any], m: ArgumentMap,
                 joined: str) -> None:
    """Top-level parts and node fields: kept (text, speakers) or named."""
    for key, value in [*data.items(), *(aif.items() if aif is not data else [])]:
        if key in ("AIF", "nodes", "edges") or value in (None, "", [], {}):
            continue
        if key == "text":
            kept = m.description is not None and "Source text:" in m.description
        else:
            kept = False
        tally.add("top-level parts", key, kept, f"`{key}`" in joined)
    fields: Counter[str] = Counter()
    for node in aif["nodes"]:
        fields.update(k for k, v in node.items() if k not in ("nodeID", "type", "text",
                                                               "scheme")
                      and v not in (None, "", [], {}))
    for name, count in fields.items():
        tally.add("node fields", name, False, f"{name} ({count})" in joined)


# --------------------------------------------------------------------------------------
# SADFace


def tally_sadface(path: Path) -> Tally:
    raw = path.read_bytes()
    data = json.loads(raw)
    result = read_map(raw, "sadface", file=path.name)
    assert result.ok
    m = result.map
    assert m is not None
    messages = _losses(result.diagnostics)
    named = _named(messages)
    joined = " ".join(messages)
    tally = Tally()
    attacks = {a.id: a for a in m.attacks if a.id is not None}
    kinds = {n["id"]: n["type"] for n in data["nodes"]}
    for node in data["nodes"]:
        key = node["id"]
        if node["type"] == "atom":
            tally.add("atoms", key, key in m.claims, key in named)
        else:
            tally.add("schemes", key, key in m.arguments or key in attacks, key in named)
        if node.get("metadata"):
            tally.add("node metadata", key, False, "metadata of" in joined and key in named)
        if node.get("sources"):
            tally.add("atom sources", key, False, "sources (spans" in joined and key in named)
    for index, edge in enumerate(data["edges"]):
        source, target = edge["source_id"], edge["target_id"]
        if kinds.get(source) == "atom":
            kept = (target in m.arguments and source in m.arguments[target].premises) or (
                target in attacks and source in attacks[target].attackers)
        else:
            kept = (source in m.arguments and m.arguments[source].conclusion == target) or (
                source in attacks and attacks[source].target == target)
        tally.add("edges", str(index), kept, f"edge {index} " in joined)
    core = data.get("metadata", {}).get("core", {})
    source_note = m.source.note if m.source is not None and not isinstance(m.source, str) \
        else ""
    for key, value in core.items():
        if not value:
            continue
        kept = {
            "title": m.title == value,
            "description": value in (m.description or ""),
            "notes": value in (m.description or ""),
            "analyst_name": value in m.authors,
        }.get(key, value in (source_note or ""))
        tally.add("document metadata", key, kept, f"`metadata.core.{key}`" in joined)
    for key, value in data.items():
        if key in ("nodes", "edges", "metadata") or not value:
            continue
        tally.add("top-level parts", key, False, f"`{key}`" in joined)
    return tally


# --------------------------------------------------------------------------------------
# arg-microtexts


def tally_microtexts(path: Path) -> Tally:
    raw = path.read_bytes()
    root = ET.fromstring(raw)  # noqa: S314 -- the shared corpus, not untrusted input
    result = read_map(raw, "microtexts", file=path.name)
    assert result.ok
    m = result.map
    assert m is not None
    messages = _losses(result.diagnostics)
    named = _named(messages)
    tally = Tally()
    attacks = {a.id: a for a in m.attacks if a.id is not None}
    edus = {e.get("id"): " ".join("".join(e.itertext()).split()) for e in root.iter("edu")}
    edges = {e.get("id", ""): e for e in root.iter("edge")}
    seg_into: dict[str, list[str]] = {}
    for edge in edges.values():
        if edge.get("type") == "seg":
            seg_into.setdefault(edge.get("trg", ""), []).append(edge.get("src", ""))

    def edu_texts(unit: str) -> list[str]:
        if unit in edus:
            return [edus[unit]]
        return [t for part in seg_into.get(unit, []) for t in edu_texts(part)]

    for key, text in edus.items():
        assert key is not None
        # Every EDU is in the description (the whole text); grounding is checked per ADU.
        tally.add("edus", key, text in (m.description or ""), key in named)
    for joint in root.iter("joint"):
        key = joint.get("id", "")
        tally.add("joints", key, any(key in seg_into.get(a, []) for a in m.claims),
                  key in named and "ground no ADU" in " ".join(messages))
    for adu in root.iter("adu"):
        key = adu.get("id", "")
        claim = m.claims.get(key)
        kept = claim is not None and claim.side == adu.get("type") and all(
            t in claim.text for t in edu_texts(key))
        tally.add("adus", key, kept, key in named)
    for key, edge in edges.items():
        kind, src, trg = edge.get("type"), edge.get("src", ""), edge.get("trg", "")
        if kind == "seg":
            kept = all(t in " ".join(c.text for c in m.claims.values())
                       for t in edu_texts(src))
        elif kind in ("sup", "exa"):
            kept = key in m.arguments and src in m.arguments[key].premises and (
                m.arguments[key].conclusion == trg)
        elif kind in ("reb", "und"):
            kept = key in attacks and attacks[key].attacker == src and (
                attacks[key].target == trg)
        elif kind == "add":
            kept = (trg in m.arguments and src in m.arguments[trg].premises) or (
                trg in attacks and src in attacks[trg].co_premises)
        else:
            kept = False
        tally.add(f"{kind} edges", key, kept, key in named)
    return tally


FILES = (
    [("aif", p) for p in _corpus("aif", "*.json")]
    + [("sadface", p) for p in _corpus("sadface", "*.json")]
    + [("microtexts", p) for p in _corpus("microtexts/en", "*.xml")]
)
TALLY = {"aif": tally_aif, "sadface": tally_sadface, "microtexts": tally_microtexts}


@pytest.mark.parametrize(("fmt", "path"), FILES, ids=[p.name for _, p in FILES])
def test_every_element_of_every_corpus_file_is_in_the_map_or_reported(fmt: str,
                                                                     path: Path) -> None:
    tally = TALLY[fmt](path)
    assert tally.lost == {}
    for kind, count in tally.seen.items():
        assert count == tally.kept[kind] + tally.reported[kind], kind


def test_the_corpus_is_all_there() -> None:
    counts = Counter(fmt for fmt, _ in FILES)
    assert counts == {"aif": 5, "sadface": 3, "microtexts": 62}


# --------------------------------------------------------------------------------------
# round trips of the corpus files: X -> argmap -> X keeps nodes and edges by type


def _aif_shape(text: str | bytes) -> Counter[str]:
    data = json.loads(text)
    aif = data.get("AIF", data)
    types = {str(n["nodeID"]): n["type"] for n in aif["nodes"]}
    argument_layer = {"I", "RA", "MA", "CA"}
    shape = Counter(t for t in types.values() if t in argument_layer)
    shape.update(f"{types[str(e['fromID'])]}->{types[str(e['toID'])]}" for e in aif["edges"]
                 if {types[str(e["fromID"])], types[str(e["toID"])]} <= argument_layer)
    return shape


@pytest.mark.parametrize("path", _corpus("aif", "*.json"), ids=lambda p: p.name)
def test_aif_to_argmap_to_aif_keeps_the_argument_layer(path: Path) -> None:
    raw = path.read_bytes()
    fmt = "xaif" if "AIF" in json.loads(raw) else "aif"
    m = read_map(raw, fmt).map
    assert m is not None
    assert _aif_shape(export_map(m, fmt)) == _aif_shape(raw)


# --------------------------------------------------------------------------------------
# writers


KINDS = ("claims", "evidence", "arguments", "attacks", "contradictions", "sides", "sources",
         "tags", "notes")


def _elements(m: ArgumentMap) -> dict[str, list[object]]:
    """What a writer must keep, by kind, as comparable values."""
    nodes = list(m.nodes())
    inline = [e.source for e in m.evidence.values() if e.source is not None
              and not isinstance(e.source, str)]
    return {
        "claims": list(m.claims.values()),
        "evidence": list(m.evidence.values()),
        "arguments": list(m.arguments.values()),
        "attacks": list(m.attacks),
        "contradictions": list(m.contradictions),
        "sides": list(m.sides.values()),
        "sources": [*m.sources.values(), *inline,
                    *([m.source] if isinstance(m.source, Source) else [])],
        "tags": [(n.id, t) for n in nodes for t in n.tags],
        "notes": [(n.id, n.note) for n in nodes if n.note]
        + [(a.attacker, a.target, a.note) for a in m.attacks if a.note]
        + [(c.claims, c.note) for c in m.contradictions if c.note],
    }


def tally_writer(m: ArgumentMap, fmt: str) -> Tally:
    """Every element of ``m`` is in the ``fmt`` output (read back or parsed) or reported."""
    text = export_map(m, fmt)
    losses = " ".join(d.message for d in export_losses(m, fmt))
    tally = Tally()
    expected = _elements(m)
    if fmt in ("yaml", "json", "aif", "xaif", "sadface"):
        back = read_map(text, fmt)
        assert back.map is not None
        found = _elements(back.map)
        for kind in KINDS:
            pool = list(found[kind])
            for item in expected[kind]:
                kept = item in pool
                if kept:
                    pool.remove(item)
                tally.add(kind, repr(item), kept, False)
        return tally
    if fmt == "graphml":
        root = ET.fromstring(text)  # noqa: S314 -- our own output
        ns = "{http://graphml.graphdrawing.org/xmlns}"
        nodes = [{d.get("key"): d.text or "" for d in n.iter(f"{ns}data")}
                 for n in root.iter(f"{ns}node")]
        edges = [{d.get("key"): d.text or "" for d in e.iter(f"{ns}data")}
                 for e in root.iter(f"{ns}edge")]
        graph_data = {d.get("key"): d.text or "" for d in root.find(f"{ns}graph") or []
                      if d.tag == f"{ns}data"}
        by_id = {n.get("argmap_id"): n for n in nodes if n.get("kind") != "attack"}
        relation = Counter(e.get("relation") for e in edges)
        replaced = "U+FFFD" in losses
        for kind in ("claims", "evidence", "arguments"):
            for item in expected[kind]:
                assert isinstance(item, (Claim, Evidence, Argument))
                node = by_id.get(item.id)
                tally.add(kind, item.id, node is not None and node.get("text", "") == (
                    item.text or ""), replaced and node is not None and (
                        repr(item.id) in losses or "more" in losses))
        for kind, rel in (("attacks", "attack"), ("contradictions", "contradiction")):
            for index, item in enumerate(expected[kind]):
                tally.add(kind, repr(item), index < relation[rel], False)
        sides = json.loads(graph_data.get("sides", "{}"))
        for item in expected["sides"]:
            tally.add("sides", repr(item), item.id in sides, False)  # type: ignore[attr-defined]
        written: list[dict[str, str]] = list(json.loads(graph_data.get("sources", "{}"))
                                             .values())
        for value in [graph_data.get("source", ""), *(n.get("source", "") for n in nodes)]:
            if value.startswith("{"):
                written.append(json.loads(value))
        for item in expected["sources"]:
            assert isinstance(item, Source)
            fields = {k: v for k, v in attrs.asdict(item).items() if v and k != "id"}
            tally.add("sources", repr(item), fields in written, False)
        for pair in expected["tags"]:
            assert isinstance(pair, tuple)
            node_id, tag = pair
            tags = by_id[node_id].get("tags", "").split(", ")
            tally.add("tags", tag, tag in tags, False)
        for note in expected["notes"]:
            value = note[-1]  # type: ignore[index]
            tally.add("notes", repr(note), any(value in (n.get("note") or "") or
                                               value in (e.get("note") or "")
                                               for n in nodes for e in edges or [{}]),
                      "U+FFFD" in losses)
        return tally
    assert fmt == "mermaid"
    classes = Counter(re.findall(r":::(\w+)$", text, re.MULTILINE))
    arrows = re.findall(r"^  n\d+ (\S+) n\d+$", text, re.MULTILINE)
    drawn = {"claims": classes["claim"], "evidence": classes["evidence"],
             "arguments": classes["argument"],
             "attacks": sum(a.startswith("--x") for a in arrows),
             "contradictions": arrows.count("x--x"), "sides": text.count("  subgraph ")}
    for kind, count in drawn.items():
        for index, item in enumerate(expected[kind]):
            tally.add(kind, repr(item), index < count, False)
    for kind, phrase in (("tags", "tags of"), ("notes", "notes of"),
                         ("sources", "sources, quotes")):
        for item in expected[kind]:
            reported = phrase in losses or (kind == "sources" and "the map's" in losses)
            tally.add(kind, repr(item), False, reported)
    return tally


WRITERS = ("yaml", "json", "aif", "xaif", "sadface", "mermaid", "graphml")


@pytest.mark.parametrize("fmt", WRITERS)
@given(m=argument_maps())
def test_every_writer_keeps_or_reports_every_element(fmt: str, m: ArgumentMap) -> None:
    tally = tally_writer(m, fmt)
    assert tally.lost == {}


# --------------------------------------------------------------------------------------
# the tables of the report


def _table(title: str, files: int, tally: Tally) -> str:
    rows = [f"### {title} ({files} inputs)", "",
            "| kind | in | in the result | reported lost | silently lost |",
            "|---|---:|---:|---:|---:|"]
    for kind in sorted(tally.seen):
        rows.append(f"| {kind} | {tally.seen[kind]} | {tally.kept[kind]} | "
                    f"{tally.reported[kind]} | {len(tally.lost.get(kind, []))} |")
    return "\n".join(rows) + "\n"


def _collect(fmt: str, total: Tally, examples: int) -> int:
    from hypothesis import HealthCheck, settings

    count = [0]

    @settings(max_examples=examples, database=None, suppress_health_check=list(HealthCheck))
    @given(argument_maps())
    def collect(m: ArgumentMap) -> None:
        count[0] += 1
        total.merge(tally_writer(m, fmt))

    collect()
    return count[0]


def main() -> None:
    for fmt, reader in TALLY.items():
        total = Tally()
        paths = [p for f, p in FILES if f == fmt]
        for path in paths:
            total.merge(reader(path))
        print(_table(f"{fmt} import", len(paths), total))
    for fmt in WRITERS:
        total = Tally()
        count = _collect(fmt, total, 200)
        print(_table(f"{fmt} export (generated maps)", count, total))


if __name__ == "__main__":
    main()
