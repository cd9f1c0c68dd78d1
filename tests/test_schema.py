"""The published schema, and the messages its violations turn into."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import argmap
from argmap import _schema
from argmap._dump import to_data
from argmap.strategies import argument_maps

from .conftest import ROOT


def test_top_level_copy_is_identical() -> None:
    shipped = _schema.schema_text()
    published = (ROOT / "schemas" / "argmap.schema.json").read_text("utf-8")
    assert shipped == published, "run: cp src/argmap/schemas/argmap.schema.json schemas/"


def test_schema_is_valid_draft_2020_12() -> None:
    schema = _schema.schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"]


def _properties(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{path}/properties/{name}", sub
        for key, sub in node.items():
            yield from _properties(sub, f"{path}/{key}")
    elif isinstance(node, list):
        for index, sub in enumerate(node):
            yield from _properties(sub, f"{path}/{index}")


def test_every_property_has_a_description() -> None:
    schema = _schema.schema()
    defs = schema["$defs"]
    missing = []
    for where, prop in _properties(schema):
        described = "description" in prop
        ref = prop.get("$ref", "")
        if not described and ref.startswith("#/$defs/"):
            described = "description" in defs[ref.rsplit("/", 1)[1]]
        if not described:
            missing.append(where)
    assert missing == []


def messages(source: str) -> list[str]:
    return [str(d) for d in argmap.validates(source, file="m.yaml").diagnostics]


def test_unknown_key_suggests_the_right_one() -> None:
    out = messages("argmap: 1\nclaims:\n  c1:\n    text: x\n    tags: [a]\n    sied: one\n")
    assert len(out) == 1
    assert out[0].startswith("m.yaml:6:5: error[schema]: unknown key `sied` in claim 'c1'")
    assert "did you mean `side`?" in out[0]


def test_missing_version() -> None:
    out = messages("claims:\n  c1: {text: x}\n")
    assert out == [
        "m.yaml:1:1: error[schema]: the map is missing `argmap` (hint: add `argmap: 1` as the "
        "first line (the format version))"
    ]


def test_wrong_version() -> None:
    (line,) = messages("argmap: 2\n")
    assert "write `argmap: 1`" in line


def test_bad_id_points_at_the_key() -> None:
    (line,) = messages("argmap: 1\nclaims:\n  claim 1:\n    text: x\n")
    assert line.startswith("m.yaml:3:3: error[schema]: the id 'claim 1'")
    assert "(it contains spaces)" in line
    assert "`claim-1`" in line


def test_list_instead_of_mapping() -> None:
    (line,) = messages("argmap: 1\nclaims:\n  - text: x\n")
    assert "must be a mapping" in line
    assert "`id: {...}`" in line


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:x",
        "data:text/html,x",
        "vbscript:x",
        "file:///etc/passwd",
        "https://exa mple.org",
    ],
)
def test_unsafe_links_are_refused(url: str) -> None:
    source = f"argmap: 1\nsources:\n  s:\n    url: {json.dumps(url)}\n"
    (line,) = messages(source)
    assert "not an allowed link" in line


def test_source_ref_or_inline() -> None:
    ok = "argmap: 1\nsources:\n  s: {title: T}\nevidence:\n  e: {text: x, source: s}\n"
    assert messages(ok) == []
    inline = "argmap: 1\nevidence:\n  e:\n    text: x\n    source: {title: T, date: 2024-13}\n"
    (line,) = messages(inline)
    assert "not a date" in line
    assert line.startswith("m.yaml:5:30:")


def test_errors_are_in_file_order_and_all_reported() -> None:
    source = (
        "argmap: 1\n"
        "claims:\n"
        "  a: {text: x, main: yes}\n"
        "  b: {text: ''}\n"
        "arguments:\n"
        "  r: {premises: [a, nope], conclusion: b}\n"
    )
    out = messages(source)
    lines = [int(o.split(":")[1]) for o in out]
    assert lines == sorted(lines)
    assert len(out) == 3


def _mutations() -> st.SearchStrategy[Any]:
    return st.sampled_from(
        [
            ("claims", "text", 5),
            ("claims", "main", "yes"),
            ("claims", "extra", 1),
            ("claims", "tags", ["a", "a"]),
            ("evidence", "type", "rumour"),
            ("arguments", "premises", []),
        ]
    )


@given(argument_maps(max_nodes=4), _mutations(), st.booleans())
def test_fast_and_full_validators_agree(
    debate: argmap.ArgumentMap, mutation: Any, mutate: bool
) -> None:
    data = to_data(debate)
    section, key, value = mutation
    if mutate and data.get(section):
        first = next(iter(data[section]))
        data[section][first][key] = value
    full = not list(Draft202012Validator(_schema.schema()).iter_errors(data))
    assert _schema.is_valid_fast(data) == full
