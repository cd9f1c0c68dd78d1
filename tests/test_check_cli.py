"""``argmap check`` through the real command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from argmap.cli import _app

from .conftest import ROOT

runner = CliRunner()

CLEAN = (ROOT / "docs" / "rules" / "examples" / "support-cycle-good.yaml").read_text("utf-8")
CYCLE = (ROOT / "docs" / "rules" / "examples" / "support-cycle-bad.yaml").read_text("utf-8")
WARN = (ROOT / "docs" / "rules" / "examples" / "disconnected-bad.yaml").read_text("utf-8")
INVALID = "argmap: 1\nclaims:\n  c1:\n    txt: A claim.\n"


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    app = _app()
    assert isinstance(app, typer.Typer)
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def maps(tmp_path: Path) -> Path:
    (tmp_path / "argmap.toml").write_text("[check]\n", encoding="utf-8")  # isolate
    for name, text in (("clean.yaml", CLEAN), ("cycle.yaml", CYCLE), ("warn.yaml", WARN),
                       ("invalid.yaml", INVALID)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_clean_map_exit_0(maps: Path) -> None:
    code, out, _ = invoke("check", str(maps / "clean.yaml"))
    assert (code, out) == (0, "1 file checked: all ok\n")


def test_error_finding_exit_1_with_location(maps: Path) -> None:
    code, out, _ = invoke("check", str(maps / "cycle.yaml"))
    assert code == 1
    assert out.splitlines()[0].startswith(f"{maps / 'cycle.yaml'}:19:3: error[support-cycle]: "
                                          "circular reasoning: cheaper -> affordable -> cheaper")


def test_warnings_only_exit_0(maps: Path) -> None:
    code, out, _ = invoke("check", str(maps / "warn.yaml"))
    assert code == 0
    assert "warning[disconnected]" in out


def test_batch_goes_on_after_invalid_and_missing_files(maps: Path) -> None:
    code, out, _ = invoke("check", "--format", "json", str(maps / "invalid.yaml"),
                          str(maps / "missing.yaml"), str(maps / "cycle.yaml"))
    assert code == 2  # an unreadable file is an I/O error
    report = json.loads(out)
    by_file = {Path(f["file"]).name: f for f in report["files"]}
    assert [d["code"] for d in by_file["invalid.yaml"]["diagnostics"]] == ["schema", "schema"]
    assert [d["code"] for d in by_file["missing.yaml"]["diagnostics"]] == ["io"]
    assert [d["code"] for d in by_file["cycle.yaml"]["diagnostics"]] == ["support-cycle"]
    assert report["summary"]["files"] == 3


def test_folder_and_stdin(maps: Path) -> None:
    code, out, _ = invoke("check", "-q", str(maps))
    assert code == 1
    assert "clean.yaml" not in out
    assert "support-cycle" in out
    assert "schema" in out
    code, out, _ = invoke("check", "-", "--config", str(maps / "argmap.toml"), stdin=CYCLE)
    assert code == 1
    assert out.startswith("-:19:3: error[support-cycle]")


def test_select_ignore_and_github_format(maps: Path) -> None:
    code, out, _ = invoke("check", str(maps / "cycle.yaml"), "--ignore", "structure")
    assert (code, out) == (0, "1 file checked: all ok\n")
    code, out, _ = invoke("check", str(maps / "warn.yaml"), "--select", "logic,substance")
    assert code == 0
    assert "disconnected" not in out
    code, out, _ = invoke("check", str(maps / "cycle.yaml"), "--format", "github")
    assert code == 1
    assert out.startswith("::error file=")
    assert "title=argmap support-cycle::" in out


def test_extend_select_and_profile(maps: Path) -> None:
    code, out, _ = invoke("check", str(maps / "clean.yaml"), "--extend-select",
                          "single-premise")
    assert code == 0
    assert out.count("warning[single-premise]") == 2
    code, out, _ = invoke("check", str(maps / "clean.yaml"), "--profile", "strict")
    assert code == 1
    assert out.count("error[single-premise]") == 2


def test_configuration_is_found_next_to_the_map(maps: Path) -> None:
    (maps / "argmap.toml").write_text('[check]\nprofile = "strict"\n', encoding="utf-8")
    code, _, _ = invoke("check", str(maps / "clean.yaml"))
    assert code == 1


def test_bad_configuration_exit_2_with_line(maps: Path) -> None:
    (maps / "argmap.toml").write_text('[check]\n\nignore = ["nope"]\n', encoding="utf-8")
    code, out, err = invoke("check", str(maps / "clean.yaml"))
    assert code == 2
    assert out == ""
    assert f"{maps / 'argmap.toml'}:3: `ignore`: unknown rule 'nope'" in err


@pytest.mark.parametrize(
    "args",
    [
        ["--select", "nope"],
        ["--profile", "nope"],
        ["--config", "/no/such/argmap.toml"],
        ["--input-format", "xml"],
    ],
)
def test_usage_errors_exit_2(maps: Path, args: list[str]) -> None:
    code, _, err = invoke("check", str(maps / "clean.yaml"), *args)
    assert code == 2
    assert err.startswith("argmap: error:")


def test_no_files(maps: Path) -> None:
    code, _, err = invoke("check", str(maps / "empty-folder-does-not-exist"))
    assert code == 2
    (maps / "empty").mkdir()
    code, _, err = invoke("check", str(maps / "empty"))
    assert code == 2
    assert "no map files found" in err


def test_list_rules(maps: Path) -> None:
    code, out, _ = invoke("check", "--list-rules")
    assert code == 0
    assert "support-cycle" in out
    assert "single-premise" in out
    code, out, _ = invoke("check", "--list-rules", "--format", "json", "--profile", "classroom")
    assert code == 0
    listed = {r["code"]: r for r in json.loads(out)["rules"]}
    assert listed["unsupported-claim"]["severity"] == "error"
    assert listed["unsupported-claim"]["default_severity"] == "info"
    assert listed["single-premise"]["enabled"] is False


def test_suppression_comment(maps: Path) -> None:
    text = CYCLE.replace("  because-cheap:\n",
                         "  because-cheap:  # argmap: ignore[support-cycle]\n")
    (maps / "cycle.yaml").write_text(text, encoding="utf-8")
    code, out, _ = invoke("check", str(maps / "cycle.yaml"))
    assert (code, out) == (0, "1 file checked: all ok\n")


def test_help_has_an_example() -> None:
    code, out, _ = invoke("check", "--help")
    assert code == 0
    assert "argmap check examples/one-threat.argmap.yaml" in out


def test_real_process_exit_codes(maps: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "argmap", "check", str(maps / "cycle.yaml")],
        capture_output=True, text=True, check=False, timeout=60,
    )
    assert run.returncode == 1
    assert "error[support-cycle]" in run.stdout
    assert "Traceback" not in run.stderr


def test_list_rules_for_a_folder_uses_the_folders_config(tmp_path: Path) -> None:
    (tmp_path / "argmap.toml").write_text('[check]\nprofile = "strict"\n', encoding="utf-8")
    code, out, _ = invoke("check", "--list-rules", str(tmp_path))
    assert code == 0
    assert f"profile 'strict', {tmp_path / 'argmap.toml'}" in out


def test_quiet_summary_counts_every_file(maps: Path) -> None:
    """Issue 8, item 25: the summary of a quiet run counted only the files shown."""
    code, out, _ = invoke("check", "-q", str(maps))
    assert code == 1
    assert out.splitlines()[-1].startswith("4 files checked: 2 files with errors")
    code, out, _ = invoke("check", "-q", "--format", "json", str(maps))
    report = json.loads(out)
    assert report["summary"]["files"] == 4
    assert "clean.yaml" not in {Path(f["file"]).name for f in report["files"]}


def test_quiet_and_clean_prints_nothing(maps: Path) -> None:
    code, out, _ = invoke("check", "-q", str(maps / "clean.yaml"))
    assert (code, out) == (0, "")


def test_json_is_compact_unless_indented(maps: Path) -> None:
    code, out, _ = invoke("check", "--format", "json", str(maps / "cycle.yaml"))
    assert code == 1
    assert out.count("\n") == 1
    code, pretty, _ = invoke("check", "--format", "json", "--indent", "4", str(maps / "cycle.yaml"))
    assert pretty.startswith('{\n    "files"')
    assert json.loads(pretty) == json.loads(out)
    code, listed, _ = invoke("check", "--list-rules", "--format", "json")
    assert code == 0
    assert listed.count("\n") == 1
    assert json.loads(listed)["rules"]
