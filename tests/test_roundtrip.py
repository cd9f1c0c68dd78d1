"""Dumping is canonical and loss-free: load(dump(m)) == m, in YAML and JSON."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings

import argmap
from argmap.strategies import argument_maps


@given(argument_maps())
def test_generated_maps_are_valid(debate: argmap.ArgumentMap) -> None:
    result = argmap.validate_map(debate)
    assert result.ok, [str(d) for d in result.diagnostics]


@pytest.mark.parametrize("fmt", ["yaml", "json"])
@given(debate=argument_maps())
@settings(max_examples=80)
def test_round_trip(fmt: str, debate: argmap.ArgumentMap) -> None:
    text = argmap.dumps(debate, format=fmt)  # type: ignore[arg-type]
    again = argmap.loads(text, format=fmt)  # type: ignore[arg-type]
    assert again == debate
    assert argmap.dumps(again, format=fmt) == text  # type: ignore[arg-type]


@given(argument_maps(max_nodes=5))
def test_yaml_and_json_agree(debate: argmap.ArgumentMap) -> None:
    from_yaml = argmap.loads(argmap.dumps(debate, format="yaml"), format="yaml")
    from_json = argmap.loads(argmap.dumps(debate, format="json"), format="json")
    assert from_yaml == from_json


def test_dump_is_atomic_and_keeps_the_old_file_on_error(tmp_path: Path) -> None:
    target = tmp_path / "out.yaml"
    target.write_text("old", encoding="utf-8")
    debate = argmap.loads("argmap: 1\nclaims:\n  c: {text: 'yes'}\n")
    argmap.dump(debate, target)
    assert argmap.load(target) == debate
    assert "'yes'" in target.read_text(encoding="utf-8") or '"yes"' in target.read_text(
        encoding="utf-8"
    )
    assert list(tmp_path.iterdir()) == [target]
    argmap.dump(debate, tmp_path / "out.json")
    assert argmap.load(tmp_path / "out.json") == debate


def test_dumps_rejects_unknown_format() -> None:
    debate = argmap.ArgumentMap()
    with pytest.raises(argmap.UsageError):
        argmap.dumps(debate, format="xml")  # type: ignore[arg-type]


def test_canonical_order() -> None:
    source = (
        "claims:\n  c: {main: true, text: x}\nargmap: 1\ntitle: T\n"
        "arguments:\n  a: {conclusion: c, premises: e}\nevidence:\n  e: {text: y, type: fact}\n"
    )
    text = argmap.dumps(argmap.loads(source))
    assert text == (
        "argmap: 1\ntitle: T\nclaims:\n  c:\n    text: x\n    main: true\n"
        "evidence:\n  e:\n    text: y\narguments:\n  a:\n    premises:\n    - e\n"
        "    conclusion: c\n"
    )
