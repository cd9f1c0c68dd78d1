"""``argmap validate``, ``argmap schema`` and ``--version`` through the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import _app

runner = CliRunner()

GOOD = "argmap: 1\nclaims:\n  c1:\n    text: A claim.\n"
BAD = "argmap: 1\nclaims:\n  c1:\n    txt: A claim.\n"


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str]:
    import typer

    app = _app()
    assert isinstance(app, typer.Typer)
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.output


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    (tmp_path / "good.json").write_text(
        json.dumps({"argmap": 1, "claims": {"c": {"text": "x"}}}), encoding="utf-8"
    )
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "skip.yaml").write_text(BAD, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a map", encoding="utf-8")
    return tmp_path


def test_valid_exit_0(files: Path) -> None:
    code, out = invoke("validate", str(files / "good.yaml"))
    assert code == 0
    assert out == "1 file validated: all ok\n"


def test_invalid_exit_1_with_location(files: Path) -> None:
    code, out = invoke("validate", str(files / "bad.yaml"))
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(f"{files / 'bad.yaml'}:3:3: error[schema]:")


def test_missing_file_exit_2(files: Path) -> None:
    code, out = invoke("validate", str(files / "good.yaml"), str(files / "missing.yaml"))
    assert code == 2
    assert "cannot read the file: no such file" in out


def test_usage_error_exit_2() -> None:
    code, _ = invoke("validate", "--format", "xml", "x.yaml")
    assert code == 2
    code, _ = invoke("validate", "--input-format", "toml", "x.yaml")
    assert code == 2
    code, _ = invoke("frobnicate")
    assert code == 2


def test_folder_batch_one_bad_file_does_not_stop_it(files: Path) -> None:
    code, out = invoke("validate", str(files), "--format", "json")
    assert code == 1
    report = json.loads(out)
    names = [Path(f["file"]).name for f in report["files"]]
    assert names == ["bad.yaml", "good.json", "good.yaml"]
    assert report["summary"] == {
        "files": 3, "files_with_errors": 1, "errors": 2, "warnings": 0, "notes": 0
    }
    diag = report["files"][0]["diagnostics"][0]
    assert set(diag) == {"file", "line", "column", "pointer", "severity", "code", "message", "hint"}


def test_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    code, out = invoke("validate", str(tmp_path))
    assert code == 2
    assert "no map files found" in out


def test_stdin() -> None:
    code, out = invoke("validate", "-", stdin=GOOD)
    assert code == 0
    code, out = invoke("validate", "-", stdin=BAD)
    assert code == 1
    assert out.startswith("-:3:3:")
    code, out = invoke("validate", "-", stdin='{"argmap": 1}')
    assert code == 0


def test_github_annotations(files: Path) -> None:
    code, out = invoke("validate", str(files / "bad.yaml"), "--format", "github")
    assert code == 1
    assert out.startswith("::error file=")
    assert ",line=3,col=3," in out


def test_quiet(files: Path) -> None:
    code, out = invoke("validate", "-q", str(files / "good.yaml"))
    assert (code, out) == (0, "")


def test_schema_command(tmp_path: Path) -> None:
    code, out = invoke("schema")
    assert code == 0
    assert json.loads(out)["$id"]
    target = tmp_path / "s.json"
    code, _ = invoke("schema", "-o", str(target))
    assert code == 0
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(out)


def test_every_command_has_help_with_an_example() -> None:
    import typer.main

    app = _app()
    assert isinstance(app, typer.Typer)
    group = typer.main.get_command(app)
    commands = group.commands  # type: ignore[attr-defined]
    assert {"validate", "schema"} <= set(commands)
    for name in commands:
        code, out = invoke(name, "--help")
        assert code == 0, name
        assert "Example" in out, f"`argmap {name} --help` shows no example"


def test_version_in_a_real_process() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "argmap", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("argmap ")


def test_no_traceback_on_bad_input_in_a_real_process(tmp_path: Path) -> None:
    path = tmp_path / "bin.yaml"
    path.write_bytes(b"\xff\xfe\x00garbage")
    out = subprocess.run(
        [sys.executable, "-m", "argmap", "validate", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 1
    assert "Traceback" not in out.stdout + out.stderr
    assert "error[encoding]" in out.stdout


def test_startup_stays_light(tmp_path: Path) -> None:
    """--version imports neither typer nor YAML; validating a valid small file does not
    import jsonschema (the fast validator answers) nor graphviz."""
    code = (
        "import sys, runpy\n"
        "sys.argv = ['argmap'] + sys.argv[1:]\n"
        "from argmap.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in ('typer', 'yaml', 'jsonschema', 'graphviz', 'pysat')"
        " if m in sys.modules)\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert "HEAVY []" in out
    good = tmp_path / "g.yaml"
    good.write_text(GOOD, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-c", code, "validate", str(good)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "HEAVY ['typer', 'yaml']" in out


def test_show_source_quotes_the_line(files: Path) -> None:
    code, out = invoke("validate", "--show-source", str(files / "bad.yaml"))
    assert code == 1
    lines = out.splitlines()
    assert lines[1] == "  3 |   c1:"
    assert lines[2] == "    |   ^"
    assert lines[4] == "  4 |     txt: A claim."
    assert lines[5] == "    |     ^"


def test_cli_size_default_matches_the_library() -> None:
    from argmap._cli.common import MAX_BYTES_DEFAULT
    from argmap._parse import MAX_BYTES

    assert MAX_BYTES_DEFAULT == MAX_BYTES
