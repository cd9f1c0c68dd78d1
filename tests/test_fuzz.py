"""Whatever the input, loading answers with diagnostics, never an exception."""

from __future__ import annotations

import json
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap._dump import to_data
from argmap.strategies import argument_maps

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


def _valid_or_explained(result: argmap.ValidationResult) -> None:
    assert (result.map is not None) == result.ok
    for d in result.diagnostics:
        assert d.message
        assert d.location.line is None or d.location.line >= 1


@given(st.binary(max_size=300))
def test_any_bytes(raw: bytes) -> None:
    _valid_or_explained(argmap.validates(raw, format="yaml"))
    _valid_or_explained(argmap.validates(raw, format="json"))


@given(st.text(max_size=300))
def test_any_text(text: str) -> None:
    _valid_or_explained(argmap.validates(text, format="yaml"))


@given(json_values)
def test_any_json_like_data(data: Any) -> None:
    _valid_or_explained(argmap.validates(json.dumps(data), format="json"))
    _valid_or_explained(argmap.validates(yaml.safe_dump(data), format="yaml"))


@given(argument_maps(max_nodes=4), st.data())
def test_damaged_maps_are_explained(debate: argmap.ArgumentMap, data: st.DataObject) -> None:
    """A valid map with one value replaced by something else gets located diagnostics."""
    doc = to_data(debate)
    node: Any = doc
    path: list[str | int] = []
    while isinstance(node, (dict, list)) and node and data.draw(st.booleans()):
        key = data.draw(st.sampled_from(list(node) if isinstance(node, dict) else
                                        list(range(len(node)))))
        path.append(key)
        if not isinstance(node[key], (dict, list)):
            break
        node = node[key]
    if path:
        parent: Any = doc
        for key in path[:-1]:
            parent = parent[key]
        parent[path[-1]] = data.draw(json_values)
    for text, fmt in ((json.dumps(doc), "json"), (yaml.safe_dump(doc), "yaml")):
        result = argmap.validates(text, format=fmt)  # type: ignore[arg-type]
        _valid_or_explained(result)
        if not result.ok:
            assert all(d.location.line is not None for d in result.diagnostics)
