"""``argmap solve``: the ICCMA 2023 solver interface, through the real command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from argmap._af.tasks import TASKS
from argmap.af import Outcome, evaluate_framework, read_framework
from argmap.cli import main

ROOT = Path(__file__).resolve().parents[1]
ICCMA = ROOT.parent / "shared" / "corpora" / "iccma"
INSTANCES = sorted(ICCMA.glob("*.af")) if ICCMA.is_dir() else []


def solve(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``argmap solve ARGS`` through the real entry point (its fast path)."""
    with pytest.raises(SystemExit) as stop:
        main(["solve", *args])
    captured = capsys.readouterr()
    code = stop.value.code
    return (code if isinstance(code, int) else 1), captured.out, captured.err


@pytest.fixture
def files(tmp_path: Path) -> Path:
    # 1 <-> 2, 2 -> 3, 3 -> 4: preferred {1,3}, {2,4}; grounded empty.
    (tmp_path / "f.af").write_text("p af 4\n# a comment\n1 2\n2 1\n2 3\n3 4\n",
                                   encoding="utf-8")
    (tmp_path / "odd.af").write_text("p af 3\n1 2\n2 3\n3 1\n", encoding="utf-8")
    (tmp_path / "f.apx").write_text("arg(a). arg(b). att(a,b). att(b,a).\n", encoding="utf-8")
    (tmp_path / "bad.af").write_text("p af 2\n1 7\n", encoding="utf-8")
    return tmp_path


def test_problems_and_formats(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = solve(capsys, "--problems")
    assert code == 0
    assert out == "[" + ",".join(TASKS) + "]\n"
    for task in ("DC-CO", "DS-PR", "SE-PR", "SE-ST", "DS-SST", "DC-STG", "SE-ID", "SE-GR"):
        assert task in out
    code, out, _ = solve(capsys, "--formats")
    assert (code, out) == (0, "[i23,apx,tgf]\n")


def test_no_arguments_prints_name_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = solve(capsys)
    assert code == 0
    assert out.startswith("argmap ")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["-p", "SE-GR"], "w\n"),
        (["-p", "SE-PR"], ("w 1 3\n", "w 2 4\n")),
        (["-p", "DC-PR", "-a", "3"], "YES\nw 1 3\n"),
        (["-p", "DS-PR", "-a", "3"], "NO\nw 2 4\n"),
        (["-p", "DC-GR", "-a", "1"], "NO\n"),
        (["-p", "DS-GR", "-a", "1"], "NO\nw\n"),
        (["-p", "DC-ST", "-a", "4"], "YES\nw 2 4\n"),
        (["-p", "DS-CO", "-a", "2"], "NO\nw\n"),
        (["-p", "DC-CO", "-a", "2"], "YES\nw 2 4\n"),
        (["-p", "SE-ID"], "w\n"),
        (["-p", "DS-SST", "-a", "1"], ("NO\nw 2 4\n",)),
        (["-p", "SE-STG"], ("w 1 3\n", "w 2 4\n")),
    ],
)
def test_answers_in_the_competition_format(
    capsys: pytest.CaptureFixture[str], files: Path, args: list[str],
    expected: str | tuple[str, ...],
) -> None:
    code, out, err = solve(capsys, *args, "-f", str(files / "f.af"))
    assert code == 0, err
    assert out in ((expected,) if isinstance(expected, str) else expected)


def test_no_extension_is_no(capsys: pytest.CaptureFixture[str], files: Path) -> None:
    assert solve(capsys, "-p", "SE-ST", "-f", str(files / "odd.af"))[:2] == (0, "NO\n")
    assert solve(capsys, "-p", "DS-ST", "-f", str(files / "odd.af"), "-a", "1")[1] == "YES\n"


def test_other_formats(capsys: pytest.CaptureFixture[str], files: Path) -> None:
    code, out, _ = solve(capsys, "-p", "DC-PR", "-f", str(files / "f.apx"), "-a", "b")
    assert (code, out) == (0, "YES\nw b\n")
    (files / "f.txt").write_text("p af 1\n", encoding="utf-8")
    code, out, _ = solve(capsys, "-p", "SE-GR", "-fo", "i23", "-f", str(files / "f.txt"))
    assert (code, out) == (0, "w 1\n")


@pytest.mark.parametrize(
    ("args", "message", "exit_code"),
    [
        (["-p", "SE-PR"], "-f FILE is missing", 2),
        (["-f", "f.af"], "-p TASK is missing", 2),
        (["-p", "XX-PR", "-f", "f.af"], "unknown task", 2),
        (["-p", "DC-PR", "-f", "f.af"], "needs -a ARGUMENT", 2),
        (["-p", "SE-PR", "-f", "f.af", "-a", "1"], "takes no -a", 2),
        (["-p", "DC-PR", "-f", "f.af", "-a", "9"], "no argument named '9'", 2),
        (["-p", "SE-PR", "-f", "missing.af"], "no such file", 2),
        (["-p", "SE-PR", "-f", "f.af", "--timeout", "nan"], "--timeout must be", 2),
        (["-p", "SE-PR", "-f", "f.af", "--timeout", "inf"], "--timeout must be", 2),
        (["-p", "SE-PR", "-f", "f.af", "--timeout", "1e400"], "--timeout must be", 2),
        (["-p", "SE-PR", "-f", "f.af", "--max-bytes", "10"], "more than the limit", 2),
        (["-p", "SE-PR", "-f", "f.af", "--max-bytes", "9" * 5000], "whole number", 2),
        (["-p", "SE-PR", "-f", "f.af", "--frobnicate"], "unknown option", 2),
        (["-p", "SE-PR", "-f", "f.af", "-fo", "gml"], "unknown format", 2),
        (["-p", "SE-PR", "-f", "bad.af"], "bad.af:2:3: error[af-range]", 1),
        (["-p", "SE-PR", "-f", "f.af", "--max-arguments", "3"], "more than the limit", 1),
    ],
)
def test_errors(capsys: pytest.CaptureFixture[str], files: Path, args: list[str],
                message: str, exit_code: int) -> None:
    args = [str(files / a) if a.endswith(".af") else a for a in args]
    code, out, err = solve(capsys, *args)
    assert code == exit_code
    assert message in err
    assert out == ""
    assert "Traceback" not in err


def test_help_lists_the_interface(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = solve(capsys, "--help")
    assert code == 0
    assert "-p TASK -f FILE [-a ARGUMENT]" in out
    assert "argmap solve -p DS-PR -f instance.af -a 17" in out


def test_listed_by_argmap_help() -> None:
    result = subprocess.run([sys.executable, "-m", "argmap", "--help"], capture_output=True,
                            text=True, check=True)
    assert "solve" in result.stdout


def test_duplicate_attacks_are_noted(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "d.apx"
    path.write_text("arg(a). arg(b). att(a,b). att(a,b).\n", encoding="utf-8")
    code, out, err = solve(capsys, "-p", "SE-GR", "-f", str(path))
    assert (code, out) == (0, "w a\n")
    assert "warning[duplicate-attack]" in err


@pytest.mark.skipif(not INSTANCES, reason="the shared ICCMA corpus is not there")
@pytest.mark.parametrize("path", INSTANCES, ids=lambda p: p.name)
def test_agrees_with_evaluate_on_the_corpus(path: Path) -> None:
    """SE-GR and DC/DS-GR against evaluate's grounded statuses; DC/DS-PR for a few
    arguments against evaluate's preferred statuses (where it finishes in time)."""
    af = read_framework(path.read_text(encoding="utf-8"), "af")
    grounded = evaluate_framework(af, "grounded", explain=False)
    from argmap._af.tasks import solve_task

    se = solve_task(af, "SE-GR")
    assert {af.labels[i] for i in se.extension or ()} == set(grounded.extension or ())
    preferred = evaluate_framework(af, "preferred", timeout=5, explain=False)
    if preferred.outcome is not Outcome.DONE:
        return  # the hard instance: nothing to compare with
    for label in list(af.labels)[:: max(1, len(af) // 7)]:
        record = preferred.status(label)
        dc = solve_task(af, "DC-PR", label, timeout=20)
        ds = solve_task(af, "DS-PR", label, timeout=20)
        assert dc.answer is record.credulous
        assert ds.answer is record.sceptical
        assert (grounded.status(label).status.value == "in") is solve_task(
            af, "DC-GR", label).answer
