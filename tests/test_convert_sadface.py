"""SADFace JSON import."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

import argmap
from argmap.convert import detect_format, export_losses, export_map, import_map, read_map
from argmap.errors import Severity
from argmap.model import AttackType
from argmap.strategies import argument_maps


@pytest.mark.parametrize(
    ("name", "counts"),
    [
        ("SADFace__hangback.sadface.json", (4, 1, 1)),
        ("SADFace__minimal.sadface.json", (0, 0, 0)),
        ("arguebuf-typescript__sadface.json", (4, 1, 1)),
    ],
)
def test_every_sadface_file_imports_valid(corpora: Path, name: str,
                                          counts: tuple[int, int, int]) -> None:
    path = corpora / "sadface" / name
    raw = path.read_bytes()
    assert detect_format(str(path), raw) == "sadface"
    result = read_map(raw, "sadface", file=str(path))
    assert result.ok, result.diagnostics
    assert result.map is not None
    m = result.map
    assert argmap.validate_map(m).ok
    data = json.loads(raw)
    atoms = sum(n["type"] == "atom" for n in data["nodes"])
    assert (len(m.claims), len(m.arguments), len(m.attacks)) == counts
    assert len(m.claims) == atoms


def test_hangback_metadata_and_structure(corpora: Path) -> None:
    raw = (corpora / "sadface" / "SADFace__hangback.sadface.json").read_bytes()
    m = read_map(raw, "sadface").map
    assert m is not None
    assert m.title == "Hangback Example"
    assert m.authors == ("Simon Wells",)
    assert m.description is not None
    assert "incomplete" in m.description
    (arg,) = m.arguments.values()
    assert len(arg.premises) == 2
    (attack,) = m.attacks
    # The attacked claim is only a premise: an undermine.
    assert attack.type is AttackType.UNDERMINE
    assert attack.target in arg.premises


def test_named_schemes_and_broken_parts() -> None:
    doc = {
        "metadata": {"core": {"title": "t"}},
        "nodes": [
            {"id": "a", "type": "atom", "text": "A"},
            {"id": "b", "type": "atom", "text": "B"},
            {"id": "s", "type": "scheme", "name": "Argument from Expert Opinion"},
            {"id": "lonely", "type": "scheme", "name": "support"},
            {"id": "q", "type": "mystery"},
            "not a node",
        ],
        "edges": [{"source_id": "a", "target_id": "s"}, {"source_id": "s", "target_id": "b"},
                  {"source_id": "zz", "target_id": "b"}],
    }
    result = read_map(json.dumps(doc), "sadface")
    assert result.ok
    assert result.map is not None
    assert result.map.arguments["s"].scheme == "Argument from Expert Opinion"
    codes = {d.code for d in result.diagnostics}
    assert {"format", "unsupported", "unknown-reference", "dropped-relation"} <= codes


def test_not_sadface() -> None:
    result = read_map('{"hello": 1}', "sadface", file="x.json")
    assert result.map is None
    assert result.diagnostics[0].code == "format"


def test_older_layout_keeps_the_analyst_and_the_document() -> None:
    # Issue 7, item 9: analyst_name, created, id at the top level.
    doc = {
        "analyst_name": "Ann Alyst", "analyst_email": "ann@example.org",
        "created": "2017-03-01T10:00:00", "edited": "2017-03-02T10:00:00", "id": "doc-1",
        "metadata": {}, "resources": [],
        "nodes": [{"id": "a", "type": "atom", "text": "A"},
                  {"id": "b", "type": "atom", "text": "B"},
                  {"id": "s", "type": "scheme", "name": "support"}],
        "edges": [{"id": "e1", "source_id": "a", "target_id": "s"},
                  {"id": "e2", "source_id": "s", "target_id": "b"}],
    }
    result = read_map(json.dumps(doc), "sadface")
    assert result.ok
    assert result.map is not None
    m = result.map
    assert m.authors == ("Ann Alyst",)
    assert m.source is not None
    assert not isinstance(m.source, str)
    assert m.source.date == "2017-03-01"
    assert m.source.note is not None
    for part in ("doc-1", "2017-03-02T10:00:00", "ann@example.org"):
        assert part in m.source.note
    assert any(d.code == "older-layout" for d in result.diagnostics)


def test_atom_metadata_sources_and_unknown_keys_are_named() -> None:
    doc = {
        "metadata": {"core": {"title": "t", "colour": "red"}, "other": {"x": 1}},
        "resources": [{"id": "r1", "content": "text"}],
        "extra": 1,
        "nodes": [{"id": "a", "type": "atom", "text": "A", "metadata": {"k": "v"},
                   "sources": [{"resource_id": "r1"}]}],
        "edges": [],
    }
    result = read_map(json.dumps(doc), "sadface")
    text = " ".join(d.message for d in result.diagnostics if d.code == "not-imported")
    for part in ("metadata of 1 node: 'a'", "sources (spans of resources) of 1 atom:",
                 "`metadata.core.colour`", "`metadata.other`", "`resources` (1",
                 "`extra`"):
        assert part in text


@given(argument_maps())
def test_sadface_round_trip_is_exact(original: argmap.ArgumentMap) -> None:
    result = read_map(export_map(original, "sadface"), "sadface")
    assert [d for d in result.diagnostics if d.severity is not Severity.INFO] == []
    assert result.map == original
    assert export_losses(original, "sadface") == ()


@pytest.mark.parametrize("name", ["SADFace__hangback.sadface.json",
                                  "arguebuf-typescript__sadface.json",
                                  "SADFace__minimal.sadface.json"])
def test_sadface_to_argmap_to_sadface_keeps_the_structure(corpora: Path, name: str) -> None:
    raw = (corpora / "sadface" / name).read_bytes()
    again = json.loads(export_map(import_map(raw, "sadface"), "sadface"))
    original = json.loads(raw)

    def shape(doc: dict[str, Any]) -> tuple[Counter[str], int]:
        kinds = {n["id"]: n["type"] if n["type"] == "atom" else
                 ("conflict" if n.get("name") in ("conflict", "attack") else "support")
                 for n in doc["nodes"]}
        return Counter(kinds.values()), len(doc["edges"])

    assert shape(again) == shape(original)


def test_sadface_export_is_compact_unless_indented() -> None:
    from argmap.model import ArgumentMap, Claim

    m = ArgumentMap(claims={"a": Claim(id="a", text="A")})
    assert "\n" not in export_map(m, "sadface").rstrip("\n")
    assert export_map(m, "sadface", indent=2).count("\n") > 5
    assert json.loads(export_map(m, "sadface")) == json.loads(export_map(m, "sadface",
                                                                         indent=2))


def test_named_conflicts_give_the_attack_type() -> None:
    doc = {"nodes": [{"id": "a", "type": "atom", "text": "A"},
                     {"id": "b", "type": "atom", "text": "B"},
                     {"id": "s", "type": "scheme", "name": "Rebuttal"}],
           "edges": [{"source_id": "a", "target_id": "s"}, {"source_id": "s", "target_id": "b"}]}
    result = read_map(json.dumps(doc), "sadface")
    assert result.map is not None
    (attack,) = result.map.attacks
    assert attack.type is AttackType.REBUT


def test_the_document_id_is_the_same_in_every_process() -> None:
    """The SADFace id is derived from the map: two processes (different hash seeds) give
    the same document."""
    import subprocess
    import sys

    code = ("from argmap import load; from argmap.convert import export_map; "
            "print(export_map(load('examples/one-threat.argmap.yaml'), 'sadface')[:80])")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, check=True,
                           env={"PYTHONHASHSEED": seed, "PATH": ""},
                           cwd=Path(__file__).resolve().parents[1]).stdout
            for seed in ("1", "2", "3")}
    assert len(runs) == 1
