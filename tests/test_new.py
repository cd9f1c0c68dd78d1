"""``argmap new``: a commented starter map that validates and checks without errors,
shaped after an assignment profile when one is given (issue 10, "Batch everywhere")."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
import yaml
from typer.testing import CliRunner

from argmap.cli import _app

runner = CliRunner()

ASSIGNMENT = """\
# The teacher's profile; argmap new reads the thesis and the counts.
title = "Homework essay"

[thesis]
text = "Homework should be banned in primary schools."
side = "Ban homework"

[requirements]
reasons = 3
objections = 2
evidence_per_reason = 1   # left to argmap grade

[points]
reasons = 4
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
    data = yaml.safe_load(path.read_text("utf-8"))
    main = data["claims"]["main-claim"]
    assert main["text"] == "Homework should be banned in primary schools."
    assert main["side"] == "ban-homework"
    assert data["sides"]["ban-homework"]["name"] == "Ban homework"
    reasons = [i for i in data["claims"] if i.startswith("reason-")]
    assert reasons == ["reason-1", "reason-2", "reason-3"]
    assert [a["conclusion"] for a in data["arguments"].values()] == ["main-claim"] * 3
    assert [a["attacker"] for a in data["attacks"]] == ["objection-1", "objection-2"]
    validate_and_check(path)


@pytest.mark.parametrize(("profile", "note"), [
    ('thesis = "just a string"\n', "`thesis` is not a table"),
    ('[requirements]\nreasons = "three"\n', "[requirements] reasons is not a whole number"),
    ("[requirements]\nobjections = -1\n", "[requirements] objections is not a whole number"),
    ("[requirements]\nreasons = 1000\n", "the starter has 50"),
    ("[thesis]\ntext = 42\n", "[thesis] text is not a text"),
])
def test_other_shapes_are_tolerated_and_named(tmp_path: Path, profile: str,
                                             note: str) -> None:
    path = tmp_path / "assignment.toml"
    path.write_text(profile, encoding="utf-8")
    code, out, err = invoke("new", "-a", path)
    assert code == 0
    assert note in err
    starter = tmp_path / "s.argmap.yaml"
    starter.write_text(out, encoding="utf-8")
    validate_and_check(starter)


def test_an_empty_assignment_gives_the_plain_starter(tmp_path: Path) -> None:
    path = tmp_path / "assignment.toml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    code, out, err = invoke("new", "-a", path)
    assert (code, err) == (0, "")
    assert out == invoke("new")[1]


def test_no_reasons_and_no_objections(tmp_path: Path) -> None:
    path = tmp_path / "assignment.toml"
    path.write_text("[requirements]\nreasons = 0\nobjections = 0\n", encoding="utf-8")
    code, out, _ = invoke("new", "-a", path)
    assert code == 0
    data = yaml.safe_load(out)
    assert list(data["claims"]) == ["main-claim"]
    assert "arguments" not in data
    assert "attacks" not in data


@pytest.mark.parametrize(("content", "message"), [
    (b"[thesis]\ntext = \n", ":2:8: Invalid value"),
    (b"\xff\xfe not utf-8", "not UTF-8"),
    (b'[thesis]\ntext = "A \\u001b[2J thesis"\n', "not a valid map"),
])
def test_bad_assignments_are_usage_errors(tmp_path: Path, content: bytes,
                                          message: str) -> None:
    path = tmp_path / "assignment.toml"
    path.write_bytes(content)
    target = tmp_path / "out.argmap.yaml"
    code, _, err = invoke("new", "-a", path, "-o", target)
    assert code == 2
    assert message in err
    assert "\x1b" not in err
    assert not target.exists()


def test_missing_assignment(tmp_path: Path) -> None:
    code, _, err = invoke("new", "-a", tmp_path / "nope.toml")
    assert code == 2
    assert "cannot read the assignment" in err
    assert "no such file" in err


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
