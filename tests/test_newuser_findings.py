"""Findings of a new user trying argmap from its README (each is what the user sees)."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap._words import count, noun
from argmap.af import extensions, read_framework

from .budget._run import run_argmap


def test_counted_nouns_agree_with_their_number() -> None:
    assert count(1, "argument") == "1 argument"
    assert count(0, "argument") == "0 arguments"
    assert count(2, "property", "properties") == "2 properties"
    assert noun(1, "attack") == "attack"


def test_framework_of_one_argument_is_singular(tmp_path: Path) -> None:
    """Finding 6: "framework of 1 arguments"."""
    path = tmp_path / "one.af"
    path.write_text("p af 1\n1 1\n", encoding="utf-8")
    outcome = run_argmap("evaluate", path)
    assert outcome.exit_code == 0, outcome.stderr
    assert "framework of 1 argument and 1 attack\n" in outcome.stdout
    two = tmp_path / "two.af"
    two.write_text("p af 2\n1 2\n2 1\n", encoding="utf-8")
    outcome = run_argmap("evaluate", two, "-s", "preferred", "-e", "5")
    assert "framework of 2 arguments and 2 attacks" in outcome.stdout
    assert "2 preferred extensions (all of them):" in outcome.stdout
    af = read_framework("p af 1\n", "af")
    assert repr(af) == "<Framework: 1 argument, 0 attacks>"
    assert "1 extension," in repr(extensions(af, "preferred"))


@pytest.mark.parametrize(("text", "expected"), [
    ("p af 2\n1 x\n3 1\n", "(and 1 more problem)"),
    ("p af 2\n3 1\n3 1\n3 1\n", "(and 2 more problems)"),
])
def test_more_problems_agree(text: str, expected: str) -> None:
    from argmap.af import FrameworkSyntaxError

    with pytest.raises(FrameworkSyntaxError) as caught:
        read_framework(text, "af")
    assert str(caught.value).endswith(expected)
