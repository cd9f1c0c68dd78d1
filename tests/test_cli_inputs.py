"""Inputs of ``validate`` and ``check``: folders with Argdown, the note on skipped files,
the help texts, and the cap on the findings of one file (through the real command)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from argmap.cli import _app

runner = CliRunner()

GOOD = "argmap: 1\nclaims:\n  c1:\n    text: Schools should start later in the day.\n"
ARGDOWN = "[Later]: Schools should start later in the day.\n  <- [Buses]: Buses cost more.\n"
BROKEN_ARGDOWN = "[A]: one.\n  <- \n"


def invoke(*args: str) -> tuple[int, str, str]:
    app = _app()
    assert isinstance(app, typer.Typer)
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "argmap.toml").write_text("[check]\n", encoding="utf-8")  # not a map: quiet
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "debate.argdown").write_text(ARGDOWN, encoding="utf-8")
    (sub / "short.AD").write_text(BROKEN_ARGDOWN, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a map", encoding="utf-8")
    (tmp_path / "README.md").write_text("the class's maps", encoding="utf-8")  # not named
    (tmp_path / ".draft.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "evil\x1b]0;x\x07.md").write_text("x", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.yaml").write_text("x: [", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("command", ["validate", "check"])
def test_folders_read_argdown_and_name_what_they_skip(folder: Path, command: str) -> None:
    code, out, err = invoke(command, str(folder), "--format", "json")
    report = json.loads(out)
    names = [Path(f["file"]).relative_to(folder).as_posix() for f in report["files"]]
    assert names == ["good.yaml", "sub/debate.argdown", "sub/short.AD"]
    broken = report["files"][2]
    assert not broken["ok"]
    assert {d["line"] for d in broken["diagnostics"] if d["severity"] == "error"} == {2}
    assert code == 1
    # one line, every skipped file (hidden or another extension), escaped; not .git,
    # not the configuration file or the README
    assert err.count("\n") == 1
    assert err == (
        f"argmap: note: skipped 3 files in the folders named: {folder / '.draft.yaml'}, "
        f"{folder / 'evil'}\\x1b]0;x\\x07.md, {folder / 'notes.txt'} (hidden, or not a map "
        "extension: .yaml, .yml, .json, .argdown, .ad)\n"
    )


def test_no_note_when_nothing_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "debate.argdown").write_text(ARGDOWN, encoding="utf-8")
    code, out, err = invoke("validate", str(tmp_path))
    assert (code, out, err) == (0, "1 file validated: all ok\n", "")


def test_a_folder_with_only_other_files_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    code, _, err = invoke("check", str(tmp_path))
    assert code == 2
    assert "skipped 1 file" in err
    assert "no map files found (.yaml, .yml, .json, .argdown or .ad)" in err


@pytest.mark.parametrize("command", ["validate", "check", "render"])
def test_help_says_argdown_is_accepted(command: str) -> None:
    code, out, _ = invoke(command, "--help")
    assert code == 0
    assert ".argdown" in out


def _many_findings(n: int) -> str:
    """A valid map whose every claim is too short, unsupported and disconnected."""
    lines = ["argmap: 1", "claims:"]
    lines += [f"  c{i}: {{text: x{i}}}" for i in range(n)]
    return "\n".join(lines) + "\n"


def test_check_findings_are_capped_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(_many_findings(300), encoding="utf-8")
    (tmp_path / "argmap.toml").write_text("[check]\n", encoding="utf-8")
    code, out, _ = invoke("check", str(path))
    lines = out.splitlines()
    assert len(lines) == 102  # 100 findings, the summary of the rest, the run's summary
    assert lines[-2] == (
        f"{path}:1:1: warning[too-many-problems]: ... and 800 more problems, not shown "
        "(at most 100 are reported per file) (hint: fix the findings above and check "
        "again, or narrow the run with --select or --ignore)"
    )
    # 300 claims: empty-statement and disconnected (warnings), unsupported-claim (notes):
    # every one counted
    assert lines[-1] == "1 file checked: 0 files with errors, 0 errors, 600 warnings, 300 notes"
    shown = lines[:100]
    assert all(": warning[" in s for s in shown)  # most severe first
    located = [tuple(int(n) for n in s[len(str(path)) + 1:].split(": ")[0].split(":"))
               for s in shown]
    assert located == sorted(located)  # then in file order
    assert code == 0  # warnings and notes only
    code, out, _ = invoke("check", str(path), "--format", "json")
    report = json.loads(out)
    assert report["summary"]["warnings"] == 600
    assert report["summary"]["notes"] == 300
    last = report["files"][0]["diagnostics"][-1]
    assert last["code"] == "too-many-problems"
    assert (last["line"], last["column"]) == (1, 1)
    assert last["omitted"] == {"errors": 0, "warnings": 500, "notes": 300}


def test_check_cap_puts_errors_first_and_fails(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(_many_findings(150), encoding="utf-8")
    (tmp_path / "argmap.toml").write_text("[check]\n[check.severity]\nempty-statement = "
                                          "\"error\"\n", encoding="utf-8")
    code, out, _ = invoke("check", str(path))
    lines = out.splitlines()
    assert all(": error[empty-statement]:" in s for s in lines[:100])
    assert ": error[too-many-problems]: ... and 350 more problems" in lines[100]
    assert lines[-1] == ("1 file checked: 1 file with errors, 150 errors, 150 warnings, "
                         "150 notes")
    assert code == 1


def test_suppressed_findings_do_not_count(tmp_path: Path) -> None:
    text = _many_findings(150).replace("\n  c", "  # argmap: ignore\n  c")
    path = tmp_path / "quiet.yaml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "argmap.toml").write_text("[check]\n", encoding="utf-8")
    code, out, _ = invoke("check", str(path))
    # every line but the last claim's is silenced: c149's three findings remain
    assert out.splitlines()[-1] == ("1 file checked: 0 files with errors, 0 errors, "
                                    "2 warnings, 1 note")
    assert code == 0


def test_validation_cap_counts_every_error(tmp_path: Path) -> None:
    lines = ["argmap: 1", "claims:"] + [f"  c{i}: {{txt: x}}" for i in range(150)]
    path = tmp_path / "bad.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = invoke("validate", str(path))
    assert code == 1
    assert f"{path}:1:1: error[too-many-problems]: ... and " in out
    summary = out.splitlines()[-1]
    shown = sum(": error[" in s for s in out.splitlines()[:-2])
    omitted = int(out.splitlines()[-2].split("... and ")[1].split(" ")[0].replace(",", ""))
    assert summary == f"1 file validated: 1 file with errors, {shown + omitted} errors"
    assert shown + omitted >= 150


DEBATE = """\
# Start times

[Later]: Schools should start later in the day.

<Sleep>

(1) Teenagers fall asleep late and need nine hours of sleep.
----
(2) [Later]

[Buses]: x.
  - [Later]
"""


def test_check_findings_on_argdown_point_at_argdown_lines(tmp_path: Path) -> None:
    path = tmp_path / "debate.argdown"
    path.write_text(DEBATE, encoding="utf-8")
    (tmp_path / "argmap.toml").write_text("[check]\n", encoding="utf-8")
    code, out, _ = invoke("check", str(path), "--format", "json")
    assert code == 0
    found = {(d["code"], d["line"]) for d in json.loads(out)["files"][0]["diagnostics"]}
    assert ("empty-statement", 11) in found  # [Buses]: x.
    assert ("unsupported-claim", 7) in found  # premise (1) of <Sleep>
    assert ("unanswered-objection", 12) in found  # the attack `- [Later]`
    assert ("not-imported", 1) in found  # the heading: at its line
    code, out, _ = invoke("check", str(path))
    assert f"{path}:11:1: warning[empty-statement]: the text of claim 'Buses'" in out


def test_model_problems_of_an_import_point_at_the_argdown_line() -> None:
    """validate's model-level diagnostics on an imported map carry the entry's line."""
    import attrs

    from argmap._formats.argdown import trace_argdown
    from argmap._formats.reading import SourceLines, check_imported

    result, trace = trace_argdown(DEBATE, "debate.argdown")
    assert result.map is not None
    lines = SourceLines.from_trace("debate.argdown", result.map, trace)
    broken = attrs.evolve(result.map, attacks=(
        *result.map.attacks[:-1], attrs.evolve(result.map.attacks[-1], target="nowhere")))
    problems = check_imported(broken, "debate.argdown", lines)
    assert problems
    assert {p.location.line for p in problems} == {12}
    assert all(str(p).startswith("debate.argdown:12: error[") for p in problems)
