"""Fuzzing every reader with mutated corpus files (issue 8): only diagnostics, never an
exception, and every map returned is valid.

Each case takes a real file of the shared corpora and mutates it: bytes flipped,
inserted, deleted, cut; in JSON, values swapped for hostile ones (other types, deep
nesting, huge numbers, lone surrogates escaped, ids that collide with generated ones);
in XML, elements duplicated, attributes dropped, declarations changed.  Run longer with
``ARGMAP_FUZZ_EXAMPLES=5000 pytest tests/test_convert_fuzz.py``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.convert import read_map
from tests.conftest import CORPORA

EXAMPLES = int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=list(HealthCheck))

JSON_FILES = {
    "aif": sorted((CORPORA / "aif").glob("*.json")),
    "sadface": sorted((CORPORA / "sadface").glob("*.json")),
}
XML_FILES = sorted((CORPORA / "microtexts" / "en").glob("*.xml"))[:10]

HOSTILE_VALUES: list[Any] = [
    None, True, 0, -1, 10**30, 1.5e308, "", " ", "R#2", "R-2", "n", "n-2", "\u0000",
    "\ud800", "x" * 5000, [], {}, [[[[[]]]]], {"argmap": {"id": "1"}}, "CA", "RA", "MA",
    "I", "L", "YA", "atom", "scheme", "conflict", "<b>", "'; DROP", "\u202e",
]


def _check(raw: bytes | str, fmt: str) -> None:
    result = read_map(raw, fmt, file="fuzz")
    for diagnostic in result.diagnostics:
        assert diagnostic.code
        assert str(diagnostic)
    if result.map is not None:
        assert argmap.validate_map(result.map).ok


@st.composite
def _mutated_bytes(draw: st.DrawFn, files: list[Path]) -> bytes:
    raw = bytearray(draw(st.sampled_from(files)).read_bytes())
    for _ in range(draw(st.integers(1, 8))):
        if not raw:
            break
        at = draw(st.integers(0, len(raw) - 1))
        action = draw(st.sampled_from(["flip", "insert", "delete", "cut", "repeat"]))
        if action == "flip":
            raw[at] = draw(st.integers(0, 255))
        elif action == "insert":
            raw[at:at] = draw(st.sampled_from([b"{", b"}", b"[", b"]", b'"', b",", b"<", b">",
                                               b"&", b"\x00", b"\xff", b"\\u", b"<!ENTITY",
                                               b"<x>", b"]]>"]))
        elif action == "delete":
            del raw[at:at + draw(st.integers(1, 50))]
        elif action == "cut":
            del raw[at:]
        else:
            raw[at:at] = raw[at:at + 200] * draw(st.integers(1, 20))
    return bytes(raw)


def _mutate_json(draw: st.DrawFn, value: Any, depth: int = 0) -> Any:
    if depth < 6 and isinstance(value, dict):
        out = {k: _mutate_json(draw, v, depth + 1) for k, v in value.items()}
        if out and draw(st.integers(0, 9)) == 0:
            key = draw(st.sampled_from(sorted(out)))
            out[key] = draw(st.sampled_from(HOSTILE_VALUES))
        return out
    if depth < 6 and isinstance(value, list):
        out_list = [_mutate_json(draw, v, depth + 1) for v in value]
        if out_list and draw(st.integers(0, 4)) == 0:
            out_list.append(draw(st.sampled_from(out_list)))  # a duplicate
        if out_list and draw(st.integers(0, 9)) == 0:
            out_list[draw(st.integers(0, len(out_list) - 1))] = draw(
                st.sampled_from(HOSTILE_VALUES))
        return out_list
    if draw(st.integers(0, 29)) == 0:
        return draw(st.sampled_from(HOSTILE_VALUES))
    return value


@st.composite
def _mutated_json(draw: st.DrawFn, files: list[Path]) -> str:
    data = json.loads(draw(st.sampled_from(files)).read_bytes())
    return json.dumps(_mutate_json(draw, data))


@pytest.mark.parametrize("fmt", ["aif", "xaif", "sadface"])
@FUZZ
@given(data=st.data())
def test_json_readers_survive_mutated_corpus_files(fmt: str, data: st.DataObject) -> None:
    files = JSON_FILES["sadface" if fmt == "sadface" else "aif"]
    _check(data.draw(_mutated_json(files)), fmt)
    _check(data.draw(_mutated_bytes(files)), fmt)


@FUZZ
@given(raw=_mutated_bytes(XML_FILES))
def test_microtexts_reader_survives_mutated_corpus_files(raw: bytes) -> None:
    _check(raw, "microtexts")


@st.composite
def _mutated_xml(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(XML_FILES)).read_text(encoding="utf-8")
    lines = text.splitlines()
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(1, len(lines) - 2))
        action = draw(st.sampled_from(["duplicate", "drop-attr", "retarget", "encoding",
                                       "self"]))
        if action == "duplicate":
            lines.insert(at, lines[at])
        elif action == "drop-attr":
            lines[at] = lines[at].replace(' type="', ' kind="', 1).replace(' id="', ' ', 1)
        elif action == "retarget":
            lines[at] = lines[at].replace('trg="', 'trg="c', 1)
        elif action == "self":
            lines[at] = lines[at].replace('trg="', 'trg="a', 1).replace('src="', 'src="a', 1)
        else:
            lines[0] = draw(st.sampled_from(['<?xml version="1.0" encoding="klingon"?>',
                                             '<?xml version="1.0" encoding="utf-16"?>',
                                             '<?xml version="1.1"?>', ""]))
    return "\n".join(lines)


@FUZZ
@given(text=_mutated_xml())
def test_microtexts_reader_survives_mutated_structure(text: str) -> None:
    _check(text, "microtexts")
