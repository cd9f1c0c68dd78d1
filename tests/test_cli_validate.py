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
    import typer

    app = _app()
    assert isinstance(app, typer.Typer)
    result = runner.invoke(app, ["validate", str(files), "--format", "json"])
    code, out = result.exit_code, result.stdout
    assert code == 1
    # the file that is not a map is named on stderr; the hidden folder is not entered
    assert result.stderr == (f"argmap: note: skipped 1 file in the folders named: "
                             f"{files / 'notes.txt'} (hidden, or not a map extension: "
                             ".yaml, .yml, .json, .argdown, .ad)\n")
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


# -- issue 8, items 15, 24, 25; issue 9 (JSON output) -------------------------------


def run_main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``argmap ARGS`` through the real entry point (with its option checks)."""
    from argmap.cli import main

    with pytest.raises(SystemExit) as done:
        main(args)
    out, err = capsys.readouterr()
    code = done.value.code
    return (code if isinstance(code, int) else 0), out, err


def test_quiet_summary_counts_every_file(tmp_path: Path) -> None:
    """Item 25: `validate -q` on a folder of 8 maps said "5 files validated"."""
    for i in range(8):
        (tmp_path / f"m{i}.yaml").write_text(BAD if i < 3 else GOOD, encoding="utf-8")
    code, out = invoke("validate", "-q", str(tmp_path))
    assert code == 1
    assert out.splitlines()[-1] == "8 files validated: 3 files with errors, 6 errors"
    assert "m3.yaml" not in out  # valid files are not listed
    code, out = invoke("validate", "-q", "--format", "json", str(tmp_path))
    report = json.loads(out)
    assert len(report["files"]) == 3
    assert report["summary"]["files"] == 8
    assert report["summary"]["files_with_errors"] == 3


def test_json_is_compact_unless_indented(files: Path) -> None:
    code, out = invoke("validate", "--format", "json", str(files / "bad.yaml"))
    assert code == 1
    assert out.count("\n") == 1  # one line
    compact = json.loads(out)
    code, out = invoke("validate", "--format", "json", "--indent", "2", str(files / "bad.yaml"))
    assert out.startswith('{\n  "files": [\n')
    assert json.loads(out) == compact


def test_show_source_escapes_control_bytes(tmp_path: Path) -> None:
    """Item 24: `--show-source` on a non-UTF-8 file printed an escape that sets the
    terminal title."""
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b'argmap: 1\nclaims:\n  c1:\n    text: "\x1b]0;PWNED\x07 caf\xe9"\n')
    code, out = invoke("validate", "--show-source", str(path))
    assert code == 1
    assert "\x1b" not in out
    assert "\x07" not in out
    lines = out.splitlines()
    assert lines[1] == '  4 |     text: "\\x1b]0;PWNED\\x07 caf\ufffd"'
    assert lines[2] == "    |                                ^"  # under the bad byte


def test_file_names_are_escaped(tmp_path: Path) -> None:
    """Item 24: file names were printed raw."""
    (tmp_path / "t\x1b]0;x\x07\u202e.yaml").write_text(BAD, encoding="utf-8")
    code, out = invoke("validate", str(tmp_path))
    assert code == 1
    assert "t\\x1b]0;x\\x07\\u202e.yaml:3:3: error[schema]" in out
    assert not any(c in out for c in "\x1b\x07\u202e")
    code, out = invoke("validate", "--format", "json", str(tmp_path))
    name = json.loads(out)["files"][0]["file"]
    assert name.endswith("t\x1b]0;x\x07\u202e.yaml")  # JSON keeps it exact
    assert "\u202e" not in out  # ... written as \u202e


def test_missing_file_with_a_hostile_name_is_escaped(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_main(["render", str(tmp_path / "\x1b[2Jx.yaml"), "-o", "-",
                               "--format", "dot"], capsys)
    assert code == 2
    assert "\\x1b[2Jx.yaml" in err
    assert "\x1b" not in err


@pytest.mark.parametrize(("option", "value"), [
    ("--max-bytes", "nan"), ("--max-bytes", "inf"), ("--max-bytes", "-1"),
    ("--max-bytes", "0"), ("--max-bytes", "1" * 30), ("--max-bytes", "1" * 5000),
    ("--indent", "-1"), ("--indent", "1000"),
])
def test_numeric_options_are_usage_errors(
    files: Path, option: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 15: nan, inf, negative and huge values were tracebacks."""
    for command in ("validate", "check"):
        code, _, err = run_main([command, option, value, str(files / "good.yaml")], capsys)
        assert code == 2, (command, option, value)
        assert "Traceback" not in err
        assert f"Invalid value for '{option}'" in err


@pytest.mark.parametrize(("args", "expected"), [
    (["render", "{map}", "-o", "-", "-f", "dot", "--timeout", "nan"],
     "nan is not a finite number; give a number from 1 to "),
    (["render", "{map}", "-o", "-", "-f", "dot", "--timeout", "1e300"],
     "range"),
    (["render", "{map}", "-o", "-", "-f", "dot", "--depth", "1" * 40],
     "out of range; give a whole number from 0 to 2,147,483,648"),
    (["evaluate", "{map}", "--timeout", "nan"], "nan is not a finite number"),
    (["evaluate", "{map}", "--timeout", "inf"], "inf is not a finite number"),
    (["evaluate", "{map}", "--extensions", "1" * 25], "range"),
    (["convert", "{map}", "-o", "-", "--max-bytes", "1" * 25], "out of range"),
])
def test_every_commands_numbers_are_checked(
    files: Path, args: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """One rule for every command's numeric options (cli.main applies it)."""
    argv = [str(files / "good.yaml") if a == "{map}" else a for a in args]
    code, _, err = run_main(argv, capsys)
    assert code == 2
    assert expected in err
    assert "Traceback" not in err


def test_large_max_bytes_reads_stdin_without_allocating_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(GOOD.encode())))
    code, out, _ = run_main(["validate", "--max-bytes", str(1 << 31), "-"], capsys)
    assert (code, out) == (0, "1 file validated: all ok\n")


def test_only_the_command_asked_for_is_loaded() -> None:
    """Start-up (issue 9): `argmap validate` does not import the other commands."""
    code = (
        "import sys\n"
        "from argmap.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('argmap._cli.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, "validate", "-h"], capture_output=True,
                         text=True, check=True).stdout
    assert out.splitlines()[-1] == ("['argmap._cli.common', 'argmap._cli.style', "
                                   "'argmap._cli.validate']")
    out = subprocess.run([sys.executable, "-c", code, "--help"], capture_output=True,
                         text=True, check=True).stdout
    for command in ("validate", "check", "render", "evaluate", "convert", "schema"):
        assert f" {command} " in out


def test_usage_errors_escape_what_was_typed(capsys: pytest.CaptureFixture[str]) -> None:
    """A file named like an option (`argmap validate *` in a hostile folder) is quoted
    by the usage error: escaped."""
    code, _, err = run_main(["validate", "--\x1b]0;x\x07"], capsys)
    assert code == 2
    assert "No such option: --\\x1b]0;x\\x07" in err
    assert "\x1b" not in err


def test_a_diagnostic_prints_as_one_safe_line() -> None:
    """Line breaks in a message become spaces; other controls and those in the file
    name are escaped; the JSON form keeps the exact text."""
    from argmap.errors import Diagnostic, Location

    d = Diagnostic("syntax", "bad\n  in <unicode string>\x1b[2J", Location("a\nb.yaml", 1, 2),
                   hint="fix\u202e it")
    assert str(d) == "a\\x0ab.yaml:1:2: error[syntax]: bad in <unicode string>\\x1b[2J " \
                     "(hint: fix\\u202e it)"
    assert d.to_json()["message"] == "bad\n  in <unicode string>\x1b[2J"
