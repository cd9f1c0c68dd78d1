"""``argmap evaluate x.af --explain -s S``: every sentence is true of the status it
explains, for in / out / undecided under grounded, complete, preferred and stable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from argmap.af import Framework, acceptance, read_framework
from argmap.cli import _app

runner = CliRunner()

# 1 and 2 attack each other and both attack 3, which attacks 4 (floating defeat: 4 is in
# every preferred and stable extension, the grounded labelling leaves it open); 5 is
# unattacked, defeats 6 and so reinstates 7.
FLOATING = "p af 7\n1 2\n2 1\n1 3\n2 3\n3 4\n5 6\n6 7\n"
# The same with 8 attacking itself and 9: no stable extension.
SELF = FLOATING.replace("p af 7", "p af 9") + "8 8\n8 9\n"

SEMANTICS = ("grounded", "complete", "preferred", "stable")


def explain(tmp_path: Path, text: str, semantics: str) -> tuple[dict[str, str], dict[str, str]]:
    """(status of each argument, its explanation) as ``argmap evaluate`` prints them."""
    path = tmp_path / "x.af"
    path.write_text(text)
    app = _app()
    assert isinstance(app, typer.Typer)
    result = runner.invoke(app, ["evaluate", str(path), "--explain", "-s", semantics])
    assert result.exit_code == 0, result.output
    statuses: dict[str, str] = {}
    sentences: dict[str, str] = {}
    lines = result.output.splitlines()
    for line in lines:
        m = re.fullmatch(r"(in|out|undecided|unknown) \(\d+\): ?(.*)", line)
        if m:
            statuses.update(dict.fromkeys(m.group(2).split(), m.group(1)))
    start = lines.index("explanations:")
    for line in lines[start + 1:]:
        label, sentence = line.strip().split(": ", 1)
        sentences[label] = sentence
    assert statuses.keys() == sentences.keys()
    return statuses, sentences


def _extension_sets(text: str, semantics: str) -> tuple[list[bool | None], list[bool | None]]:
    af: Framework = read_framework(text, "af")
    result = acceptance(af, semantics)
    return list(result.credulous), list(result.sceptical)


@pytest.mark.parametrize("text", [FLOATING, SELF])
@pytest.mark.parametrize("semantics", SEMANTICS)
def test_every_sentence_is_true_of_its_status(tmp_path: Path, text: str,
                                              semantics: str) -> None:
    statuses, sentences = explain(tmp_path, text, semantics)
    for label, sentence in sentences.items():
        status = statuses[label]
        assert "extension shown" not in sentence
        opening = {"in": "accepted: ", "undecided": "undecided: "}.get(status)
        if opening:
            assert sentence.startswith(opening), (label, status, sentence)
        elif semantics == "grounded":
            assert sentence.startswith("defeated by "), (label, sentence)
        else:
            assert sentence.startswith(f"out: in no {semantics} extension"), sentence
        if "neither accepted nor defeated" in sentence:
            assert semantics == "grounded"
            assert status == "undecided"


def test_grounded_sentences(tmp_path: Path) -> None:
    statuses, said = explain(tmp_path, FLOATING, "grounded")
    assert said["5"] == "accepted: nothing attacks it"
    assert said["6"] == "defeated by 5"
    assert said["7"] == "accepted: every attacker is out (6), defeated by 5"
    assert said["4"] == "undecided: attacked by 3, neither accepted nor defeated"
    assert statuses["4"] == "undecided"


def test_complete_sentences(tmp_path: Path) -> None:
    statuses, said = explain(tmp_path, FLOATING, "complete")
    assert (statuses["5"], statuses["6"], statuses["3"], statuses["4"]) == (
        "in", "out", "out", "undecided")
    assert said["7"] == ("accepted: in every complete extension; every attacker is out "
                         "(6), defeated by 5")
    assert said["6"] == ("out: in no complete extension; defeated by 5, which every "
                         "complete extension contains")
    assert said["3"].startswith("out: in no complete extension; attacked by 1, 2")
    assert said["4"].startswith("undecided: in some complete extensions but not all; ")


def test_preferred_floating_defeat(tmp_path: Path) -> None:
    statuses, said = explain(tmp_path, FLOATING, "preferred")
    assert statuses["4"] == "in"
    assert re.fullmatch(r"accepted: in every preferred extension; in the one found, every "
                        r"attacker is out \(3\), defeated by [12]", said["4"])
    assert said["3"].startswith("out: in no preferred extension; attacked by 1, 2; "
                                "in the one found, defeated by ")
    for label in ("1", "2"):
        assert statuses[label] == "undecided"
        assert re.fullmatch(r"undecided: in some preferred extensions but not all; in the "
                            r"one found it is (in: every attacker is out \([12]\), "
                            r"defeated by [12]|out: defeated by [12])", said[label])


def test_stable_with_and_without_extensions(tmp_path: Path) -> None:
    statuses, said = explain(tmp_path, FLOATING, "stable")
    assert statuses["4"] == "in"
    assert said["4"].startswith("accepted: in every stable extension; in the one found")
    statuses, said = explain(tmp_path, SELF, "stable")
    assert set(statuses.values()) == {"undecided"}
    assert set(said.values()) == {
        "undecided: there is no stable extension to accept or reject it in"}
    credulous, _ = _extension_sets(SELF, "stable")
    assert not any(credulous)


def test_odd_cycle_under_preferred_is_out_not_open(tmp_path: Path) -> None:
    # Issue 7: an odd cycle of three under preferred said "out: ... neither accepted nor
    # defeated".
    statuses, said = explain(tmp_path, "p af 3\n1 2\n2 3\n3 1\n", "preferred")
    assert statuses == dict.fromkeys("123", "out")
    assert said["1"] == "out: in no preferred extension; attacked by 3"
