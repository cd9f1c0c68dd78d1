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


# ------------------------------------------------------------------------------------
# issue 8: patterns anchored for every engine, calendar dates, texts, located branches


def _patterns(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every subschema with a pattern, with its path."""
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            yield path, node
        for key, sub in node.items():
            yield from _patterns(sub, f"{path}/{key}")
    elif isinstance(node, list):
        for index, sub in enumerate(node):
            yield from _patterns(sub, f"{path}/{index}")


# A value each anchored pattern accepts, by the $defs it sits in.
_ACCEPTED = {
    "id": "c1",
    "tags": "economy",
    "url": "https://example.org/a",
    "date": "2024-02-29",
}


def _anchored() -> list[tuple[str, dict[str, Any]]]:
    found = [(where, sub) for where, sub in _patterns(_schema.schema())
             if sub["pattern"].startswith("^")]
    assert {where.split("/")[2] for where, _ in found} == set(_ACCEPTED), found
    return found


@pytest.mark.parametrize(("where", "subschema"), _anchored(), ids=lambda v: str(v)[:30])
def test_every_anchored_pattern_refuses_a_final_newline(
    where: str, subschema: dict[str, Any]
) -> None:
    """Item 5: `$` matches before a final newline in Python's re, so each subschema with
    an anchored pattern (the pattern and what stands beside it) must refuse one, in
    jsonschema (Python) and in jsonschema-rs alike."""
    import jsonschema_rs

    good = _ACCEPTED[where.split("/")[2]]
    sub = {k: v for k, v in subschema.items() if k != "description"}
    for value in (good, good + "\n", good + "\r\n", "\n" + good, good + "\n\n"):
        expected = value == good
        assert Draft202012Validator(sub).is_valid(value) is expected, (sub, value)
        assert jsonschema_rs.validator_for(sub).is_valid(value) is expected, (sub, value)


def test_unanchored_patterns_are_searches() -> None:
    """The others are meant as searches (a visible character, a control character)."""
    others = {sub["pattern"] for _, sub in _patterns(_schema.schema())
              if not sub["pattern"].startswith("^")}
    assert others == {
        "[^\\s\\u00ad\\u034f\\u061c\\u115f\\u1160\\u17b4\\u17b5\\u180b-\\u180f\\u200b-\\u200f"
        "\\u202a-\\u202e\\u2060-\\u206f\\u3164\\ufe00-\\ufe0f\\ufeff\\uffa0]",
        "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]",
        "[\\x00-\\x1f\\x7f-\\x9f]",
        "\\n",
    }


def _both(source: str) -> tuple[list[str], bool]:
    """The messages (jsonschema's explaining path) and the fast validator's verdict."""
    name = "m.json" if source.startswith("{") else "m.yaml"
    result = argmap.validates(source, file=name)
    doc = result._document
    assert doc is not None
    return [str(d) for d in result.diagnostics], _schema.is_valid_fast(doc.data)


@pytest.mark.parametrize(
    "source",
    [
        'argmap: 1\nclaims: {"c1\\n": {text: x}, c1: {text: y}}\n',
        'argmap: 1\nsides: {"s\\n": {name: S}}\n',
        'argmap: 1\nclaims:\n  c: {text: x, side: "s\\n"}\nsides: {s: {name: S}}\n',
        'argmap: 1\nclaims:\n  a: {text: x}\n  b: {text: y}\narguments:\n'
        '  r: {premises: "a\\n", conclusion: b}\n',
        'argmap: 1\nclaims:\n  c: {text: x, tags: ["t\\n"]}\n',
        'argmap: 1\nsources:\n  s: {url: "https://e.org\\n"}\n',
        'argmap: 1\nsources:\n  s: {date: "2024-01-01\\n"}\n',
        'argmap: 1\nsource: "s\\n"\nsources: {s: {title: T}}\n',
    ],
)
def test_trailing_newline_refused_by_both_validators(source: str) -> None:
    out, fast_ok = _both(source)
    assert not fast_ok
    assert len(out) == 1, out
    assert "line break" in out[0] or "not a valid id" in out[0], out


def test_trailing_newline_id_example() -> None:
    """Item 5's example: two ids that print the same."""
    (line,) = messages('argmap: 1\nclaims: {"c1\\n": {text: x}, c1: {text: y}}\n')
    assert line.startswith("m.yaml:2:10: error[schema]: the id 'c1\\n' in `claims`")
    assert "(it contains a line break at its end)" in line


@pytest.mark.parametrize(
    ("date", "ok"),
    [
        ("2023-02-29", False),
        ("2024-02-29", True),
        ("1900-02-29", False),
        ("2000-02-29", True),
        ("2024-04-31", False),
        ("2024-04-30", True),
        ("2024-12-31", True),
        ("2024-06-31", False),
        ("2024-00-10", False),
        ("2024", True),
        ("2024-09", True),
    ],
)
def test_dates_are_days_of_the_calendar(date: str, ok: bool) -> None:
    """Item 19: `date: 2023-02-29` passed."""
    out, fast_ok = _both(f'argmap: 1\nsources:\n  s: {{title: T, date: "{date}"}}\n')
    assert (out == []) is ok, out
    assert fast_ok is ok
    if not ok and date.endswith(("29", "31")) and date[5:7] != "00":
        assert "is not a day of the calendar" in out[0]
        assert "has" in out[0]
        assert "days)" in out[0]


def test_date_calendar_message() -> None:
    (line,) = messages("argmap: 1\nsources:\n  s: {date: 2023-02-29}\n")
    assert line == (
        "m.yaml:3:13: error[schema]: `date` of source 's' is not a day of the calendar: "
        "'2023-02-29' (February 2023 has 28 days) (hint: check the day; write YYYY-MM when "
        "the day is unknown)"
    )


def test_every_unknown_key_is_reported() -> None:
    """Item 17: `titel` and `descripton` gave one error."""
    out = messages("argmap: 1\ntitel: x\ndescripton: y\nclaims:\n  c: {txt: a, text: b, sied: s}\n")
    assert [o.split(": error")[0] for o in out] == ["m.yaml:2:1", "m.yaml:3:1", "m.yaml:5:7",
                                                     "m.yaml:5:24"]
    assert "unknown key `titel`" in out[0]
    assert "did you mean `title`?" in out[0]
    assert "unknown key `descripton`" in out[1]
    assert "did you mean `description`?" in out[1]
    assert "unknown key `txt`" in out[2]
    assert "unknown key `sied`" in out[3]


@pytest.mark.parametrize(
    ("item", "column", "described"),
    [
        ("2024", 21, "must be a text, not the number 2024"),
        ("{x: 1}", 21, "must be a text, not a mapping"),
        ("null", 21, "is empty"),
        ("[b]", 21, "must be a text, not a list"),
        ("bad id", 21, "is not a valid id (it contains spaces)"),
    ],
)
def test_wrong_premise_item_is_located_and_named(item: str, column: int, described: str) -> None:
    """Item 18: a wrong item got "`premises` must be a text, not a list"."""
    source = (
        "argmap: 1\nclaims:\n  a: {text: x}\n  b: {text: y}\narguments:\n"
        f"  r: {{premises: [a, {item}], conclusion: b}}\n"
    )
    (line,) = messages(source)
    assert line.startswith(f"m.yaml:6:{column}: error[schema]: `premises[1]` of argument 'r' "
                           f"{described}"), line


def test_unquoted_year_in_a_source_written_in_place() -> None:
    """Item 20: reported as "`source` must be a text, not a mapping" at the wrong line."""
    (line,) = messages("argmap: 1\nevidence:\n  e:\n    text: x\n    source:\n"
                       "      title: T\n      date: 2019\n")
    assert line.startswith("m.yaml:7:13: error[schema]: `source.date` of evidence 'e' must be "
                           "a text, not the number 2019")
    assert 'put the value in quotes: "2019"' in line
    (line,) = messages("argmap: 1\nsource:\n  title: T\n  date: 2019\n")
    assert line.startswith("m.yaml:4:9: error[schema]: `source.date` must be a text, not the "
                           "number 2019")
    # A text that is not an id still gets the id's message, and a mapping is still fine.
    (line,) = messages("argmap: 1\nsource: my article\n")
    assert "is not a valid id (it contains spaces)" in line


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("title", '"\\n\\n"', "`title` is blank (only spaces, line breaks or invisible "
         "characters)"),
        ("title", '"\\u200b\\ufeff \\u00a0"', "`title` is blank"),
        ("title", '"   "', "`title` is blank"),
        ("title", '"a\\nb"', "`title` contains a line break (at character 2); it must be one "
         "line"),
        ("title", '"a\\tb"', "`title` contains a tab"),
        ("authors", '["x\\n"]', "`authors[0]` contains a line break"),
        ("description", '"a\\u0007"', "`description` contains the control character U+0007 "
         "(at character 2)"),
        ("description", '"a\\u009b[31m"', "U+009B"),
    ],
)
def test_refused_texts_at_the_top(field: str, value: str, expected: str) -> None:
    """Item 22 (loader half): texts the format refuses, with a clear message."""
    out, fast_ok = _both(f"argmap: 1\n{field}: {value}\n")
    assert not fast_ok
    assert len(out) == 1, out
    assert expected in out[0], out


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ('{text: "\\t\\n "}', "`text` of claim 'c' is blank"),
        ('{text: "a\\u001bb"}', "`text` of claim 'c' contains the control character U+001B"),
        ('{text: x, title: "t\\nu"}', "`title` of claim 'c' contains a line break"),
        ('{text: x, note: "\\u0000"}', "`note` of claim 'c' contains the control character "
         "U+0000"),
        ('{text: x, tags: ["a\\u0085"]}', "is not a valid tag: 'a\\x85' (it contains the "
         "control character U+0085 at its end)"),
    ],
)
def test_refused_texts_in_claims(entry: str, expected: str) -> None:
    out, fast_ok = _both(f"argmap: 1\nclaims:\n  c: {entry}\n")
    assert not fast_ok
    assert len(out) == 1, out
    assert expected in out[0], out


@pytest.mark.parametrize(
    "text",
    ["line one\nline two", "tab\tseparated", "Windows\r\nline", "مرحبا", "😀", "a\u200fb",
     "x" * 2000],
)
def test_texts_with_line_breaks_tabs_and_any_script_pass(text: str) -> None:
    data = {"argmap": 1, "claims": {"c": {"text": text, "note": text}}}
    out, fast_ok = _both(json.dumps(data, ensure_ascii=False))
    assert out == []
    assert fast_ok
    out, fast_ok = _both(json.dumps(data))
    assert out == []
    assert fast_ok


def test_long_number_in_a_message_is_described() -> None:
    assert _schema._describe(10**5000) == "a number of about 5,001 digits"


def test_visible_character_pattern_agrees_in_both_validators() -> None:
    """The fast validator and jsonschema agree on every code point that is not refused
    as a control character (so the fast path never accepts what jsonschema would not)."""
    import jsonschema_rs

    sub = {"type": "string", "pattern": _schema.schema()["$defs"]["text"]["pattern"]}
    fast, full = jsonschema_rs.validator_for(sub), Draft202012Validator(sub)
    control = {*range(0x20), *range(0x7F, 0xA0)}
    differ = [
        hex(code)
        for code in range(0x110000)
        if not 0xD800 <= code < 0xE000
        and code not in control
        and fast.is_valid(chr(code)) != full.is_valid(chr(code))
    ]
    assert differ == []


def test_an_overlong_list_reports_its_length_and_its_first_items() -> None:
    """Over ``maxItems``, only the first ``maxItems`` items are checked one by one (a
    million premises took minutes); the length is the real one."""
    premises = ", ".join(["a", "bad id"] + ["a"] * 150 + ["also bad"])
    out = messages("argmap: 1\nclaims:\n  a: {text: x}\n  b: {text: y}\narguments:\n"
                   f"  r: {{premises: [{premises}], conclusion: b}}\n")
    assert any("`premises` of argument 'r' must have at most 100 items, not 153" in o
               for o in out), out
    assert not any("premises[152]" in o for o in out), out
