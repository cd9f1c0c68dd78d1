"""Reading bytes safely: YAML 1.2 scalars, tags, anchors, duplicates, depth, encoding."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap import _parse
from argmap._parse import resolve_plain

VALID = "argmap: 1\nclaims:\n  c1:\n    text: A claim.\n"


def codes(result: argmap.ValidationResult) -> list[str]:
    return [d.code for d in result.diagnostics]


def test_yaml_1_2_scalars_stay_text() -> None:
    doc = _parse.parse(
        "a: no\nb: on\nc: yes\nd: off\ne: 2024-11-05\nf: 010\ng: 0o10\n", "yaml", None
    )
    assert doc.data == {
        "a": "no",
        "b": "on",
        "c": "yes",
        "d": "off",
        "e": "2024-11-05",
        "f": 10,
        "g": 8,
    }


def test_quoted_scalars_are_strings() -> None:
    doc = _parse.parse("a: 'true'\nb: \"12\"\nc: ~\nd: ''\n", "yaml", None)
    assert doc.data == {"a": "true", "b": "12", "c": None, "d": ""}


@given(st.text(min_size=1, max_size=20))
def test_resolve_plain_total(value: str) -> None:
    result = resolve_plain(value)
    assert result is None or isinstance(result, (str, bool, int, float))


def test_keys_are_always_text() -> None:
    doc = _parse.parse("claims:\n  1: {text: x}\n  true: {text: y}\n", "yaml", None)
    assert list(doc.data["claims"]) == ["1", "true"]


@pytest.mark.parametrize(
    "source",
    [
        "argmap: !!python/object/apply:os.system ['echo hi']\n",
        "argmap: !custom 1\n",
        "claims: !!map {}\n",
    ],
)
def test_tags_are_refused(source: str) -> None:
    result = argmap.validates(source, format="yaml", file="t.yaml")
    assert "yaml-tag" in codes(result)
    tag = next(d for d in result.diagnostics if d.code == "yaml-tag")
    assert tag.location.line == 1
    assert tag.hint


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 9)}]")
    result = argmap.validates("\n".join(lines) + "\n", format="yaml", file="bomb.yaml")
    found = codes(result)
    assert "yaml-anchor" in found
    assert "yaml-alias" in found
    alias = next(d for d in result.diagnostics if d.code == "yaml-alias")
    assert (alias.location.line, alias.location.column) == (2, 8)


def test_recursive_alias_is_refused() -> None:
    result = argmap.validates("a: &x [*x]\n", format="yaml")
    assert {"yaml-anchor", "yaml-alias"} <= set(codes(result))


def test_duplicate_keys_yaml() -> None:
    source = "argmap: 1\nclaims:\n  c1:\n    text: one\n  c1:\n    text: two\n"
    result = argmap.validates(source, file="d.yaml")
    dup = [d for d in result.diagnostics if d.code == "duplicate-key"]
    assert len(dup) == 1
    assert (dup[0].location.line, dup[0].location.column) == (5, 3)
    assert "line 3" in dup[0].message
    assert result.map is None


def test_duplicate_keys_json() -> None:
    source = '{"argmap": 1,\n "claims": {"c1": {"text": "a"},\n            "c1": {"text": "b"}}}'
    result = argmap.validates(source, file="d.json")
    dup = [d for d in result.diagnostics if d.code == "duplicate-key"]
    assert len(dup) == 1
    assert (dup[0].location.line, dup[0].location.column) == (3, 13)
    assert result.map is None


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_deep_nesting_is_bounded(fmt: str) -> None:
    depth = 100_000
    source = "[" * depth + "]" * depth
    result = argmap.validates(source, format=fmt)  # type: ignore[arg-type]
    assert codes(result) == ["too-deep"]


def test_invalid_utf8_has_position() -> None:
    raw = b"argmap: 1\nclaims:\n  c1:\n    text: caf\xe9\n"
    result = argmap.validates(raw, file="latin1.yaml")
    assert codes(result) == ["encoding"]
    d = result.diagnostics[0]
    assert (d.location.line, d.location.column) == (4, 14)
    assert "UTF-8" in (d.hint or "")


def test_bom_is_fine() -> None:
    assert argmap.validates(b"\xef\xbb\xbf" + VALID.encode()).ok
    assert argmap.validates("\ufeff" + VALID).ok


def test_utf16_is_refused_clearly() -> None:
    result = argmap.validates(VALID.encode("utf-16"))
    assert codes(result) == ["encoding"]


def test_multiple_documents() -> None:
    result = argmap.validates(VALID + "---\n" + VALID)
    assert "syntax" in codes(result)


def test_syntax_error_position_and_hint() -> None:
    source = "argmap: 1\nclaims:\n  c1:\n    text: Rutte: a threat\n"
    result = argmap.validates(source, file="s.yaml")
    assert codes(result) == ["syntax"]
    d = result.diagnostics[0]
    assert d.location.line == 4
    assert "quote" in (d.hint or "")


def test_tab_indentation() -> None:
    result = argmap.validates("argmap: 1\nclaims:\n\tc1: {text: x}\n", file="t.yaml")
    assert codes(result) == ["syntax"]
    assert result.diagnostics[0].location.line == 3


def test_json_syntax_error_position() -> None:
    result = argmap.validates('{"argmap": 1,\n "claims": {,}}', file="j.json")
    assert codes(result) == ["syntax"]
    assert result.diagnostics[0].location.line == 2


def test_json_nan_refused() -> None:
    result = argmap.validates('{"argmap": NaN}', format="json")
    assert codes(result) == ["syntax"]


def test_empty_file() -> None:
    result = argmap.validates("", format="yaml", file="e.yaml")
    assert codes(result) == ["empty"]
    assert "argmap: 1" in (result.diagnostics[0].hint or "")


def test_size_limit() -> None:
    result = argmap.validates("x" * 100, max_bytes=10)
    assert codes(result) == ["too-large"]


def test_json_positions_are_found_lazily() -> None:
    source = json.dumps({"argmap": 1, "claims": {"c1": {"text": "x", "main": "yes"}}}, indent=2)
    result = argmap.validates(source, file="p.json")
    d = next(d for d in result.diagnostics if d.code == "schema")
    lines = source.splitlines()
    assert d.location.line is not None
    assert d.location.column is not None
    assert '"main"' in lines[d.location.line - 1]
    assert lines[d.location.line - 1][d.location.column - 1 :].startswith('"yes"')


def test_json_locate_empty_containers_and_strings_with_brackets() -> None:
    source = '{"argmap": 1, "title": "a [b] {c}", "claims": {}, "attacks": []}'
    doc = _parse.parse(source, "json", "x.json")
    assert doc.locate(["claims"]).column == source.index("{}") + 1
    assert doc.locate(["attacks"]).column == source.index("[]") + 1
    assert doc.locate(["attacks"], key=True).column == source.index('"attacks"') + 1


def test_value_count_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_parse, "MAX_VALUES", 100)
    result = argmap.validates("- a\n" * 200, format="yaml")
    assert codes(result) == ["too-large"]
    assert "split the map" in (result.diagnostics[0].hint or "")


def test_crlf_positions() -> None:
    source = "argmap: 1\r\nclaims:\r\n  c1:\r\n    text: x\r\n    main: yes\r\n"
    (d,) = argmap.validates(source, file="w.yaml").diagnostics
    assert (d.location.line, d.location.column) == (5, 11)
    (d,) = argmap.validates(
        '{"argmap": 1,\r\n "claims": {"c1": {"text": "x",\r\n "main": "yes"}}}', file="w.json"
    ).diagnostics
    assert (d.location.line, d.location.column) == (3, 10)


def test_lone_surrogate_escape_in_json_is_refused() -> None:
    result = argmap.validates('{"argmap": 1,\n "title": "\\ud800x"}', file="s.json")
    assert codes(result) == ["encoding"]
    assert result.diagnostics[0].location.line == 2
    assert argmap.validates('{"argmap": 1, "title": "\\ud83d\\ude00"}', format="json").ok


def test_root_must_be_a_mapping() -> None:
    (d,) = argmap.validates("- 1\n", format="yaml").diagnostics
    assert "start the file with `argmap: 1`" in (d.hint or "")


def test_huge_integer_does_not_crash() -> None:
    (d,) = argmap.validates("argmap: 99999999999999999999999999\n").diagnostics
    assert d.code == "schema"
