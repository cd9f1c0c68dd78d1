"""``argmap evaluate`` through the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from argmap.af import read_framework
from argmap.cli import _app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
ICCMA = ROOT.parent / "shared" / "corpora" / "iccma"

MAP = """\
argmap: 1
claims:
  t:
    text: The thesis.
    main: true
  p:
    text: A premise.
  o:
    text: An objection to the premise.
arguments:
  a:
    premises: [p]
    conclusion: t
attacks:
  - attacker: o
    target: p
"""


def invoke(*args: str) -> tuple[int, str]:
    app = _app()
    assert isinstance(app, typer.Typer)
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "m.yaml").write_text(MAP, encoding="utf-8")
    (tmp_path / "cycle.apx").write_text("arg(a). arg(b). att(a,b). att(b,a).\n",
                                        encoding="utf-8")
    (tmp_path / "chain.af").write_text("p af 3\n1 2\n2 3\n", encoding="utf-8")
    (tmp_path / "odd.tgf").write_text("a\nb\nc\n#\na b\nb c\nc a\n", encoding="utf-8")
    (tmp_path / "bad.af").write_text("p af 2\n1 5\n", encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("argmap: 1\nclaims:\n  c:\n    txt: x\n",
                                       encoding="utf-8")
    return tmp_path


def test_map_text(files: Path) -> None:
    code, out = invoke("evaluate", str(files / "m.yaml"))
    assert code == 0
    assert "main claim t: out" in out
    assert "o (attacks its premise p)" in out


def test_map_json_names_every_node(files: Path) -> None:
    code, out = invoke("evaluate", str(files / "m.yaml"), "-s", "preferred", "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert data["semantics"] == "preferred"
    assert {n["id"]: n["status"] for n in data["nodes"]} == {
        "t": "out", "p": "out", "o": "in", "a": "out"}


def test_frameworks(files: Path) -> None:
    code, out = invoke("evaluate", str(files / "chain.af"))
    assert code == 0
    assert "in (2): 1 3" in out
    code, out = invoke("evaluate", str(files / "cycle.apx"), "--semantics", "stable")
    assert code == 0
    assert "undecided (2): a b" in out
    code, out = invoke("evaluate", str(files / "odd.tgf"), "-s", "stable", "-f", "json")
    assert code == 0
    assert json.loads(out)["extension_exists"] is False


def test_export_af(files: Path) -> None:
    out_file = files / "out.af"
    code, _ = invoke("evaluate", str(files / "m.yaml"), "--export-af", str(out_file))
    assert code == 0
    af = read_framework(out_file.read_text(encoding="utf-8"), "af", names=True)
    assert {"t", "p", "o", "a", "unsupported:t"} == set(af.labels)
    code, _ = invoke("evaluate", str(files / "chain.af"), "--export-af",
                     str(files / "chain.apx"))
    assert code == 0
    assert "att(1,2)." in (files / "chain.apx").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message", "exit_code"),
    [
        (["missing.yaml"], "no such file", 2),
        (["notes.txt"], "cannot tell the format", 2),
        (["bad.af"], "not a valid af framework", 1),
        (["bad.yaml"], "not a valid argument map", 1),
        (["m.yaml", "--export-af", "out.gml"], "cannot tell the framework format", 2),
    ],
)
def test_errors_exit_1_for_bad_input_2_for_usage(
    files: Path, args: list[str], message: str, exit_code: int
) -> None:
    (files / "notes.txt").write_text("x", encoding="utf-8")
    first, *rest = args
    code, out = invoke("evaluate", str(files / first), *[
        str(files / a) if a.startswith("out.") else a for a in rest])
    assert code == exit_code
    assert message in out
    assert "Traceback" not in out


def test_bad_af_reports_line_and_column(files: Path) -> None:
    _, out = invoke("evaluate", str(files / "bad.af"))
    assert "bad.af:2:3: error[af-range]" in out


def test_help_has_an_example() -> None:
    code, out = invoke("evaluate", "--help")
    assert code == 0
    assert "argmap evaluate examples/one-threat.argmap.yaml" in out


@pytest.mark.skipif(not (ICCMA / "st_890_86_9_572.af").is_file(),
                    reason="shared/corpora/iccma is not there")
def test_time_limit_exit_1_with_unknown() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "argmap", "evaluate", str(ICCMA / "st_890_86_9_572.af"),
         "-s", "preferred", "--timeout", "1", "-f", "json"],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert data["outcome"] == "unknown"
    assert "unknown" in {a["status"] for a in data["arguments"]}


def test_list_extensions(files: Path) -> None:
    code, out = invoke("evaluate", str(files / "cycle.apx"), "-s", "preferred", "-e", "5")
    assert code == 0
    assert "2 preferred extensions (all of them):" in out
    assert "  [a]" in out
    assert "  [b]" in out
    code, out = invoke("evaluate", str(files / "cycle.apx"), "-s", "stable", "-e", "1",
                       "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert data["extensions"]["outcome"] == "limit"
    assert len(data["extensions"]["found"]) == 1


def test_json_is_compact_unless_indent(files: Path) -> None:
    code, out = invoke("evaluate", str(files / "chain.af"), "-f", "json")
    assert code == 0
    assert out.count("\n") == 1
    assert '"arguments":[{"label":"1","status":"in","credulous":true,"sceptical":true}' in out
    data = json.loads(out)
    assert "explanation" not in data["arguments"][0]
    code, pretty = invoke("evaluate", str(files / "chain.af"), "-f", "json", "--indent", "2")
    assert code == 0
    assert '\n  "arguments": [' in pretty
    assert json.loads(pretty) == data | {"seconds": json.loads(pretty)["seconds"]}


def test_explanations_only_when_asked(files: Path) -> None:
    code, out = invoke("evaluate", str(files / "chain.af"))
    assert "explanations:" not in out
    code, out = invoke("evaluate", str(files / "chain.af"), "--explain")
    assert code == 0
    assert "  3: accepted: every attacker is out (2), defeated by 1" in out
    code, out = invoke("evaluate", str(files / "cycle.apx"), "-s", "preferred", "-f", "json",
                       "--explain")
    data = json.loads(out)
    assert data["arguments"][0]["explanation"]["basis"] == "extension"


def test_extensions_alone_skip_the_statuses(files: Path) -> None:
    code, out = invoke("evaluate", str(files / "cycle.apx"), "-s", "preferred", "-e", "5",
                       "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert data["arguments"] is None
    assert sorted(data["extensions"]["found"]) == [["a"], ["b"]]
    code, out = invoke("evaluate", str(files / "cycle.apx"), "-s", "preferred", "-e", "5",
                       "--statuses", "-f", "json")
    assert [a["status"] for a in json.loads(out)["arguments"]] == ["undecided", "undecided"]
    code, out = invoke("evaluate", str(files / "cycle.apx"), "-s", "preferred", "-e", "5")
    assert "undecided (" not in out
    assert "2 preferred extensions (all of them):" in out


def test_repeated_attacks_count_once(tmp_path: Path) -> None:
    """Issue 7, item 11: `att(a,b). att(a,b).` was summarised as 2 attacks."""
    path = tmp_path / "d.apx"
    path.write_text("arg(a). arg(b). att(a,b). att(a,b).\n", encoding="utf-8")
    code, out = invoke("evaluate", str(path))
    assert code == 0
    assert "framework of 2 arguments and 1 attack" in out
    assert "d.apx:1:17: warning[duplicate-attack]: the attack a -> b is listed 2 times" in out
    path = tmp_path / "d.af"
    path.write_text("p af 2\n1 2\n1 2\n", encoding="utf-8")
    code, out = invoke("evaluate", str(path), "--export-af", str(tmp_path / "back.af"))
    assert "framework of 2 arguments and 1 attack" in out
    assert (tmp_path / "back.af").read_text(encoding="utf-8") == "p af 2\n# 1\n# 2\n1 2\n"


@pytest.mark.parametrize("value", ["nan", "inf", "1e400", "99999999"])
def test_bad_time_limits(files: Path, value: str) -> None:
    code, out = invoke("evaluate", str(files / "chain.af"), "--timeout", value)
    assert code == 2
    assert "--timeout must be a number of seconds" in out
