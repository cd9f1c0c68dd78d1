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


# ------------------------------------------------------------------------------------
# Mutated real maps (issue 8): the readers answer every damaged file with diagnostics.

from pathlib import Path  # noqa: E402 -- this part of the file only

_ROOT = Path(__file__).resolve().parents[1]
_REAL_MAPS = sorted(
    p
    for folder in ("examples", "docs/rules/examples")
    for p in (_ROOT / folder).rglob("*.yaml")
    if p.stat().st_size < 200_000
)
_CHUNKS = [
    ":", ": ", "- ", "-", "&a ", "*a", "!!python/object ", "!x ", "\t", "\x00", "\x07",
    "\u0085", "\ud800", "\ufeff", "9" * 4400, "-" + "1" * 4400, "{", "}", "[", "]", '"', "'",
    "\\", "\\u0007", "\\ud800", "\n", "\r\n", "\n  x: 1\n", "\n---\n", "#", ",", "? ",
    "\n  c1\n", "2023-02-29", "0x", "1e999", ".nan", "~", "null", "true", "é", "😀",
]


@st.composite
def _mutated(draw: st.DrawFn, text: str) -> str:
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "duplicate", "replace"]))
        if kind == "insert":
            text = text[:at] + draw(st.sampled_from(_CHUNKS)) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif kind == "duplicate":
            text = text[:at] + text[at : at + draw(st.integers(1, 200))] + text[at:]
        else:
            char = draw(st.characters(codec=None, exclude_categories=()))
            text = text[:at] + char + text[at + 1 :]
    return text


@given(st.sampled_from(_REAL_MAPS), st.data())
def test_mutated_real_maps(path: Path, data: st.DataObject) -> None:
    original = path.read_text(encoding="utf-8")
    sources = [(original, "yaml")]
    try:
        data_of = yaml.safe_load(original)
    except yaml.YAMLError:  # the classroom's syntax-error example
        pass
    else:
        sources.append((json.dumps(data_of, indent=1, ensure_ascii=False, default=str), "json"))
    for source, fmt in sources:
        text = data.draw(_mutated(source), label=fmt)
        lines = text.count("\n") + 2
        for given_as in (text, text.encode("utf-8", "surrogatepass")):
            result = argmap.validates(given_as, format=fmt)  # type: ignore[arg-type]
            _valid_or_explained(result)
            for d in result.diagnostics:
                assert d.location.line is None or d.location.line <= lines


def test_there_are_real_maps_to_mutate() -> None:
    assert len(_REAL_MAPS) >= 5
