"""Fuzzing the framework readers: whatever the text, a framework or located problems.

Hypothesis feeds arbitrary text and near-valid lines to the .af, .apx and .tgf readers;
the only exception allowed is FrameworkSyntaxError, whose diagnostics have a message and a
line and column inside the text.  Every crash found so far is a case below.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap._af.formats import FrameworkSyntaxError, parse_framework, write_framework

FORMATS = ("af", "apx", "tgf")


def _parsed_or_located(text: str, fmt: str) -> None:
    try:
        parsed = parse_framework(text, fmt, max_arguments=10_000)
    except FrameworkSyntaxError as exc:
        problems = exc.diagnostics
    else:
        problems = ()
    if problems:
        lines = text.count("\n") + 1
        for d in problems:
            assert d.message
            assert d.location.line is not None
            assert 1 <= d.location.line <= lines
            assert d.location.column is not None
            assert d.location.column >= 1
        return
    af = parsed.framework
    assert af.attack_count == len(set(af.attacks))  # the attack relation is a set
    back = parse_framework(write_framework(af, "apx"), "apx").framework
    assert back.attack_count == af.attack_count
    assert len(back) == len(af)
    for note in parsed.notes:
        assert note.code in ("duplicate-attack", "duplicate-argument")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.sampled_from(FORMATS))
def test_any_text(text: str, fmt: str) -> None:
    _parsed_or_located(text, fmt)


af_lines = st.lists(
    st.one_of(
        st.tuples(st.integers(-3, 12), st.integers(-3, 12)).map(lambda p: f"{p[0]} {p[1]}"),
        st.sampled_from(["# x", "", " ", "1", "1 2 3", "x y", "\t2\t3 ", "01 2", "\u00b2 1",
                         "1 " + "9" * 30, "p af 3", "2 2\r"]),
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["p af 5", "p af 0", "p  af 12", "p af " + "7" * 20, "P AF 3", "",
                        "# c\np af 4"]), af_lines)
def test_near_valid_af(header: str, lines: list[str]) -> None:
    _parsed_or_located("\n".join([header, *lines]) + "\n", "af")


names = st.sampled_from(["a", "b", "c", "1", '"x y"', '"q\\"q"', "A_1", "a-b", ""])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(
    names.map(lambda n: f"arg({n})."),
    st.tuples(names, names).map(lambda p: f"att({p[0]},{p[1]}).",),
    st.sampled_from(["% comment", "arg(a)", "att(a).", ".", "arg (a) .", "att( a , b )."]),
), max_size=10))
def test_near_valid_apx(statements: list[str]) -> None:
    _parsed_or_located("\n".join(statements), "apx")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c d", "#", "a b", "b a", "a a", "x", "a b c",
                                 " ", "a\tb"]), max_size=10))
def test_near_valid_tgf(lines: list[str]) -> None:
    _parsed_or_located("\n".join(lines), "tgf")


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("p af " + "1" * 5000 + "\n", "af"),  # a header beyond Python's int() limit
        ("p af 3\n" + "2" * 5000 + " 1\n", "af"),  # an attack beyond it
        ("p af 3\n\u00b2 1\n", "af"),  # a digit that int() refuses
        ("p af 2\n1 2\n1 2\n", "af"),
        ("p af 5\n1\n1\n1\n1\n", "af"),  # a repeated attack split over lines
    ],
)
def test_found_cases(text: str, fmt: str) -> None:
    _parsed_or_located(text, fmt)


def test_repeat_split_over_lines_is_located() -> None:
    """Found by the fuzzer: the note about a repeated attack looked for it one attack
    per line and failed when attacks were split over lines."""
    notes = parse_framework("p af 5\n1\n1\n# c\n1\n1\n", "af").notes
    assert [(n.code, n.location.line, n.location.column) for n in notes] == [
        ("duplicate-attack", 2, 1)]
    assert "the attack 1 -> 1 is listed 2 times" in notes[0].message
