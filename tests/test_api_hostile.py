"""Every documented entry point answers bad input with an ArgmapError, never another
exception (issue 8, item 16): hostile texts, bytes, paths, options and maps built in code.
"""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path
from typing import Any, Literal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.strategies import argument_maps

# Any code point, lone surrogates and NUL included.
anything_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=80)
hostile_values: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    anything_text,
    st.binary(max_size=20),
    st.lists(anything_text, max_size=3),
    st.tuples(anything_text, st.integers()),
    st.dictionaries(anything_text, anything_text, max_size=3),
)
documents = st.one_of(
    anything_text,
    st.binary(max_size=200),
    st.sampled_from(
        [
            "argmap: 1\nclaims:\n  c: {text: \"\\ud800\"}\n",
            '{"argmap": 1, "title": "\\udfff"}',
            "argmap: " + "9" * 5000,
            '{"argmap": ' + "9" * 5000 + "}",
            "argmap: 1\nclaims: {\"c1\\n\": {text: x}}\n",
            "\ufeff\ufeffargmap: 1\n",
            "argmap: 1\ntitle: \"\\x00\"\n",
        ]
    ).map(lambda s: s.replace("\\ud800", "\ud800")),
)
formats = st.one_of(st.none(), st.sampled_from(["yaml", "json"]), hostile_values)


def _answers(call: Any) -> None:
    with contextlib.suppress(argmap.ArgmapError):
        call()


@given(documents, formats, st.one_of(st.none(), hostile_values))
def test_loads_and_validates(text: Any, fmt: Any, file: Any) -> None:
    _answers(lambda: argmap.validates(text, format=fmt, file=file))
    _answers(lambda: argmap.loads(text, format=fmt, file=file))
    _answers(lambda: argmap.validates(text, format=fmt, max_bytes=10))


@given(hostile_values)
def test_hostile_arguments_in_place_of_the_text(value: Any) -> None:
    _answers(lambda: argmap.validates(value))
    _answers(lambda: argmap.loads(value))
    _answers(lambda: argmap.validates("argmap: 1\n", max_bytes=value))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(anything_text, hostile_values), documents)
def test_load_and_validate_paths(name: Any, content: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        existing = Path(folder) / "m.yaml"
        existing.write_bytes(content.encode("utf-8", "surrogatepass")
                             if isinstance(content, str) else content)
        for path in (name, existing, Path(folder), f"{folder}/{name}"):
            _answers(lambda p=path: argmap.validate(p))
            _answers(lambda p=path: argmap.load(p))


def _hostile_map(draw: Any) -> argmap.ArgumentMap:
    """A valid map with one field of one part replaced by a hostile value."""
    debate: argmap.ArgumentMap = draw(argument_maps(max_nodes=4))
    value = draw(hostile_values)
    section = draw(st.sampled_from(["claims", "evidence", "arguments", "sides", "sources",
                                    "top", "attacks"]))
    import attrs

    if section == "top":
        field = draw(st.sampled_from([f.name for f in attrs.fields(argmap.ArgumentMap)]))
        try:
            return attrs.evolve(debate, **{field: value})
        except (TypeError, ValueError):
            return debate
    if section == "attacks":
        if not debate.attacks:
            return debate
        attack = debate.attacks[0]
        field = draw(st.sampled_from([f.name for f in attrs.fields(argmap.Attack)]))
        object.__setattr__(attack, field, value)
        return debate
    entries = dict(getattr(debate, section))
    if not entries:
        return debate
    key = draw(st.sampled_from(sorted(entries)))
    entry = entries[key]
    field = draw(st.sampled_from([f.name for f in attrs.fields(type(entry))]))
    object.__setattr__(entry, field, value)  # past converters, as careless code might
    if draw(st.booleans()):
        entries[draw(anything_text)] = entry
    changes: dict[str, Any] = {section: entries}
    return attrs.evolve(debate, **changes)


@given(st.data())
def test_validate_map_dumps_and_dump(data: st.DataObject) -> None:
    debate = _hostile_map(data.draw)
    result = argmap.validate_map(debate)
    assert (result.map is None) == (not result.ok)
    fmt: Literal["yaml", "json"]
    for fmt in ("yaml", "json"):
        try:
            text = argmap.dumps(debate, format=fmt)
        except argmap.ArgmapError:
            continue
        # What dumps writes reads back: as the same map when the map is valid.
        back = argmap.validates(text, format=fmt)
        if result.ok:
            assert back.map == debate
    with tempfile.TemporaryDirectory() as folder:
        _answers(lambda: argmap.dump(debate, Path(folder) / "out.yaml"))
