"""``argmap new``: a commented starter map that validates and checks without errors,
shaped after an assignment profile when one is given (issue 10, "Batch everywhere")."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from typer.testing import CliRunner

from argmap.cli import _app

runner = CliRunner()

EXAMPLE = Path(__file__).parent.parent / "examples" / "classroom" / "assignment.toml"

ASSIGNMENT = """\
# The teacher's profile, in the format of `argmap grade` (docs/teaching.md).
[assignment]
title = "Homework essay"

[thesis]
points = 10
side = "Ban homework"
keywords = ["homework", "banned"]

[reasons]
points = 10
min = 3

[objections]
points = 10
min = 2
"""


def invoke(*args: str | Path, cwd: Path | None = None) -> tuple[int, str, str]:
    app = _app()
    assert isinstance(app, typer.Typer)
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def validate_and_check(path: Path) -> None:
    """The starter is a valid map, and `argmap check` finds no error in it."""
    code, out, err = invoke("validate", path)
    assert (code, err) == (0, ""), out
    code, out, err = invoke("check", path)
    assert code == 0, out
    assert "error[" not in out


def test_starter_to_standard_output(tmp_path: Path) -> None:
    code, out, err = invoke("new")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "# yaml-language-server: $schema=argmap.schema.json"
    data = yaml.safe_load(out)
    claims = data["claims"]
    assert [i for i, c in claims.items() if c.get("main")] == ["main-claim"]
    assert list(data["arguments"]) == ["reason-1-supports"]
    assert data["attacks"] == [{"attacker": "objection-1", "target": "main-claim",
                                "type": "rebut"}]
    # every key the student fills in is explained by a comment
    for key in ("title:", "sides:", "claims:", "arguments:", "attacks:", "main: true"):
        line = next(n for n, text in enumerate(out.splitlines()) if key in text)
        before = out.splitlines()[line - 1]
        assert "#" in out.splitlines()[line] or before.lstrip().startswith("#"), key
    path = tmp_path / "starter.argmap.yaml"
    path.write_text(out, encoding="utf-8")
    validate_and_check(path)


def test_writes_a_file_and_never_overwrites_one(tmp_path: Path) -> None:
    path = tmp_path / "essay.argmap.yaml"
    code, out, err = invoke("new", "-o", path)
    assert (code, out) == (0, "")
    assert err.startswith(f"argmap: wrote {path}")
    assert f"argmap check {path}" in err
    text = path.read_text("utf-8")
    assert f"argmap validate {path.name}" in text
    validate_and_check(path)
    path.write_text("my work of an evening\n", encoding="utf-8")
    code, out, err = invoke("new", "-o", path)
    assert code == 2
    assert "exists" in err
    assert "another name" in err
    assert path.read_text("utf-8") == "my work of an evening\n"


def test_assignment_shapes_the_starter(tmp_path: Path) -> None:
    profile = tmp_path / "assignment.toml"
    profile.write_text(ASSIGNMENT, encoding="utf-8")
    path = tmp_path / "homework.argmap.yaml"
    code, _, err = invoke("new", "--assignment", profile, "-o", path, "-q")
    assert (code, err) == (0, "")
    text = path.read_text("utf-8")
    data = yaml.safe_load(text)
    main = data["claims"]["main-claim"]
    assert main["side"] == "ban-homework"
    assert main["text"].startswith("<")
    assert data["sides"]["ban-homework"]["name"] == "Ban homework"
    assert '# The assignment asks for a thesis that contains: "homework", "banned".' in text
    reasons = [i for i in data["claims"] if i.startswith("reason-")]
    assert reasons == ["reason-1", "reason-2", "reason-3"]
    assert [a["conclusion"] for a in data["arguments"].values()] == ["main-claim"] * 3
    assert [a["attacker"] for a in data["attacks"]] == ["objection-1", "objection-2"]
    assert "evidence" not in data
    validate_and_check(path)


def grade(starter: Path, assignment: Path) -> dict[str, Any]:
    # the reports go beside the starter's folder: grade refuses them inside it
    report = starter.parent.with_name(starter.parent.name + "-report")
    code, _, err = invoke("grade", starter, "-a", assignment, "-o", report, "-q")
    assert code == 0, err
    sheet = json.loads((report / "grades.json").read_text("utf-8"))
    submission: dict[str, Any] = sheet["submissions"][0]
    return submission


def test_example_assignment_starter_has_its_shape_and_does_not_pass(tmp_path: Path) -> None:
    """The starter for examples/classroom/assignment.toml has every part the assignment
    counts, validates, and graded unedited it earns nothing: each lost point is at a
    line of the starter."""
    path = tmp_path / "starter.argmap.yaml"
    code, _, err = invoke("new", "-a", EXAMPLE, "-o", path, "-q")
    assert (code, err) == (0, "")
    validate_and_check(path)
    text = path.read_text("utf-8")
    data = yaml.safe_load(text)
    assert '"separat"' in text
    claims, arguments = data["claims"], data["arguments"]
    assert [c for c in claims if c.startswith("reason-") and "-link" not in c] == [
        "reason-1", "reason-2", "reason-3"]
    assert list(data["evidence"]) == ["evidence-1-1", "evidence-2-1", "evidence-3-1"]
    for n in (1, 2, 3):
        assert arguments[f"evidence-for-reason-{n}"] == {
            "premises": [f"evidence-{n}-1"], "conclusion": f"reason-{n}"}
    assert "      # date: <YYYY-MM-DD, when it was published>" in text
    assert "      # url: <https://... where to read it>" in text
    # uncommented but not written, each line is an error, not a source
    for key in ("date", "url"):
        careless = tmp_path / f"careless-{key}.argmap.yaml"
        careless.write_text(text.replace(f"# {key}: ", f"{key}: "), encoding="utf-8")
        code, out, _ = invoke("validate", careless)
        assert code == 1
        assert f"`source.{key}` of evidence 'evidence-1-1'" in out
    assert [len(a["premises"]) for a in arguments.values()
            if a["conclusion"] == "main-claim"] == [2, 1, 1]
    attacks = data["attacks"]
    assert [(a["attacker"], a["target"]) for a in attacks] == [
        ("objection-1", "main-claim"), ("objection-2", "main-claim"),
        ("answer-1", "objection-1")]
    assert {a["type"] for a in attacks} == {"rebut"}
    result = grade(path, EXAMPLE)
    assert result["passed"] is False
    assert result["score"] == 0
    lines = len(text.splitlines())
    lost = [m for r in result["requirements"] for m in r["messages"] if m["lost"]]
    assert sum(m["lost"] for m in lost) == result["max_score"]
    for message in lost:
        assert message["line"] is not None, message
        assert 1 < message["line"] <= lines, message


def test_a_filled_in_starter_earns_its_points(tmp_path: Path) -> None:
    """The same starter with every placeholder written (and the sources dated) passes:
    the placeholders, not the shape, are what kept the points."""
    path = tmp_path / "starter.argmap.yaml"
    assert invoke("new", "-a", EXAMPLE, "-o", path, "-q")[0] == 0
    counter = iter(range(1, 1000))

    def fill(match: re.Match[str]) -> str:
        return (f"Statement number {next(counter)} about how Russia and China could be "
                "separated as threats.")

    text = path.read_text("utf-8").replace("# date: <YYYY-MM-DD, when it was published>",
                                           "date: 2024-05-01")
    text = re.sub(r"<[^<>\n]*>", fill, text)
    filled = tmp_path / "filled.argmap.yaml"
    filled.write_text(text, encoding="utf-8")
    result = grade(filled, EXAMPLE)
    earned = {r["name"]: r["earned"] for r in result["requirements"]}
    assert result["passed"] is True, result
    for name in ("thesis", "reasons", "evidence", "sources", "objections", "answers",
                 "linked-premises", "depth", "relations"):
        assert earned[name] > 0, (name, result)


def test_attack_kinds_follow_relations_allowed(tmp_path: Path) -> None:
    path = tmp_path / "assignment.toml"
    path.write_text("[objections]\npoints = 5\nmin = 1\n[answers]\npoints = 5\nmin = 1\n"
                    "[relations]\npoints = 5\nallowed = [\"support\", \"undermine\"]\n"
                    "[depth]\npoints = 5\nmin = 3\n", encoding="utf-8")
    code, out, _ = invoke("new", "-a", path)
    assert code == 0
    data = yaml.safe_load(out)
    assert {a["type"] for a in data["attacks"]} == {"undermine"}
    assert data["attacks"][0]["target"] == "reason-1"
    assert data["arguments"]["because-2-supports"] == {"premises": ["because-2"],
                                                       "conclusion": "because-1"}
    starter = tmp_path / "s.argmap.yaml"
    starter.write_text(out, encoding="utf-8")
    validate_and_check(starter)


def test_large_counts_are_capped_and_named(tmp_path: Path) -> None:
    path = tmp_path / "assignment.toml"
    path.write_text("[reasons]\npoints = 5\nmin = 1000\n", encoding="utf-8")
    code, out, err = invoke("new", "-a", path)
    assert code == 0
    assert "[reasons] min = 1,000; the starter has 50" in err
    assert len([c for c in yaml.safe_load(out)["claims"] if c.startswith("reason-")]) == 50


@pytest.mark.parametrize(("content", "message"), [
    (b"[thesis]\ntext = \n", ":2:8: not valid TOML"),
    (b"\xff\xfe not utf-8", "not UTF-8"),
    (b"[requirements]\nreasons = 3\n", ":1:1: unknown key 'requirements' in the file"),
    (b"[reasons]\npoints = 5\nmin = \"three\"\n", ":3:1: reasons.min must be a whole number"),
    (b"# nothing yet\n", "the assignment asks for nothing"),
    (b'[thesis]\npoints = 5\nside = "A \\u001b[2J side"\n', "not a valid map"),
])
def test_bad_assignments_are_usage_errors(tmp_path: Path, content: bytes,
                                          message: str) -> None:
    """A profile `argmap grade` refuses is refused the same way, at its file:line:col."""
    path = tmp_path / "assignment.toml"
    path.write_bytes(content)
    target = tmp_path / "out.argmap.yaml"
    code, _, err = invoke("new", "-a", path, "-o", target)
    assert code == 2
    assert message in err
    assert "\x1b" not in err
    assert not target.exists()
    if message != "not a valid map":
        grade_code, _, grade_err = invoke("grade", tmp_path, "-a", path, "-o",
                                          tmp_path / "report")
        assert grade_code == 2
        assert grade_err.splitlines()[0] == err.splitlines()[0]


def test_missing_assignment(tmp_path: Path) -> None:
    code, _, err = invoke("new", "-a", tmp_path / "nope.toml")
    assert code == 2
    assert "nope.toml: no such file" in err


def test_schema_reference(tmp_path: Path) -> None:
    code, out, _ = invoke("new", "--schema", "../schemas/argmap.schema.json")
    assert code == 0
    assert out.startswith("# yaml-language-server: $schema=../schemas/argmap.schema.json\n")
    code, _, err = invoke("new", "--schema", "a\nb")
    assert code == 2
    assert "line break" in err


def test_a_missing_folder_is_an_io_error(tmp_path: Path) -> None:
    code, _, err = invoke("new", "-o", tmp_path / "no" / "such" / "m.yaml")
    assert code == 2
    assert "cannot write" in err


def test_devices_and_folders(tmp_path: Path) -> None:
    code, out, err = invoke("new", "-o", "/dev/null")
    assert (code, out, err) == (0, "", "")
    code, _, err = invoke("new", "-o", tmp_path)
    assert code == 2
    assert "is a folder" in err
    assert str(tmp_path / "my-map.argmap.yaml") in err


def test_each_placeholder_written_earns_its_own_points(tmp_path: Path) -> None:
    """Writing the thesis and one reason (with its evidence) earns the thesis and one
    reason of three; the reasons still in angle brackets keep costing their share."""
    path = tmp_path / "starter.argmap.yaml"
    assert invoke("new", "-a", EXAMPLE, "-o", path, "-q")[0] == 0
    text = path.read_text("utf-8")
    text = text.replace("<Your main claim, as one full sentence.>",
                        "The Russian and Chinese threats cannot be separated.")
    text = text.replace("<Reason 2 why the main claim is true.>",
                        "China supplies the Russian war machine with dual-use goods.")
    partial = tmp_path / "partial.argmap.yaml"
    partial.write_text(text, encoding="utf-8")
    result = grade(partial, EXAMPLE)
    earned = {r["name"]: r["earned"] for r in result["requirements"]}
    assert earned["thesis"] == 10
    assert earned["reasons"] == 5
    assert earned["evidence"] == 0
    assert result["passed"] is False
