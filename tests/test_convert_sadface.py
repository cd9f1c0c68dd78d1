"""SADFace JSON import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import argmap
from argmap.convert import detect_format, read_map
from argmap.model import AttackType


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
