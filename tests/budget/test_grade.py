"""Budgets of ``argmap grade`` on hostile submissions: bounded time and memory.

Each hostile file is graded in a class with one ordinary submission; the run must end
cleanly (exit 0, no traceback), give the hostile file a grade or a 0 with a reason,
and stay within a multiple of a trivial run's time (plus a margin) and a memory cap.
Generous budgets for a busy 2-core machine; the maps are not drawn (--no-draw):
Graphviz's own time is not argmap's to bound here.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.budget._run import Outcome, assert_clean_failure, run_argmap

PROFILE = """\
[thesis]
points = 10
[reasons]
points = 10
min = 3
[evidence]
points = 10
per-reason = 3
[sources]
points = 10
[objections]
points = 10
min = 2
[answers]
points = 10
min = 2
[linked-premises]
points = 10
min = 1
[depth]
points = 10
min = 3
[relations]
points = 10
allowed = ["support", "rebut"]
[rules]
points = 10
pass = ["support-cycle", "self-support", "duplicate-statement"]
"""

GOOD = """\
argmap: 1
claims:
  t: {text: The Russian and Chinese threats cannot be separated., main: true}
  a: {text: China supplies the Russian war machine with many goods.}
arguments:
  r1: {premises: [a], conclusion: t}
"""


def _chain(n: int) -> str:
    """A chain of n reasons, each the reason for the next, closed into a loop."""
    lines = ["argmap: 1", "claims:", "  c0: {text: The thesis of a very long chain., "
             "main: true}"]
    lines += [f"  c{i}: {{text: Claim number {i} of the chain.}}" for i in range(1, n)]
    lines.append("arguments:")
    lines += [f"  a{i}: {{premises: [c{i + 1}], conclusion: c{i}}}" for i in range(n - 1)]
    lines.append(f"  back: {{premises: [c0], conclusion: c{n - 1}}}")
    return "\n".join(lines) + "\n"


def _fan(n: int) -> str:
    """n reasons for the thesis sharing one premise with n arguments for it, and n
    objections to each of which everything answers (quadratic if counted naively)."""
    lines = ["argmap: 1", "claims:", "  t: {text: The thesis with very many reasons., "
             "main: true}", "  shared: {text: The premise every reason shares.}"]
    lines += [f"  p{i}: {{text: Premise number {i} of the fan.}}" for i in range(n)]
    lines.append("evidence:")
    lines += [f"  e{i}: {{text: Evidence number {i} of the fan.}}" for i in range(n)]
    lines.append("arguments:")
    lines += [f"  r{i}: {{premises: [shared, p{i}], conclusion: t}}" for i in range(n)]
    lines += [f"  s{i}: {{premises: [p{i}], conclusion: shared}}" for i in range(n)]
    lines.append("attacks:")
    lines += [f"  - {{attacker: p{i}, target: r{(i + 1) % n}, id: x{i}}}" for i in range(n)]
    return "\n".join(lines) + "\n"


def trivial_run(tmp_path: Path, *options: str) -> tuple[Path, Outcome]:
    """The profile written into ``tmp_path``, and the run of a class of one ordinary
    map with ``options`` (the yardstick of a budget)."""
    profile = tmp_path / "a.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    trivial_class = tmp_path / "trivial"
    trivial_class.mkdir()
    (trivial_class / "good.yaml").write_text(GOOD, encoding="utf-8")
    trivial = run_argmap("grade", trivial_class, "-a", profile, "-o", tmp_path / "r0",
                         "--no-draw", *options, timeout=120)
    assert_clean_failure(trivial)
    return profile, trivial


@pytest.mark.parametrize(("name", "text"), [
    ("chain.yaml", _chain(20_000)),
    ("fan.yaml", _fan(5_000)),
])
def test_grading_a_hostile_map_is_bounded(tmp_path: Path, name: str, text: str) -> None:
    profile, trivial = trivial_run(tmp_path, "--jobs", "1")
    assert trivial.exit_code == 0
    hostile_class = tmp_path / "class"
    hostile_class.mkdir()
    (hostile_class / "good.yaml").write_text(GOOD, encoding="utf-8")
    (hostile_class / name).write_text(text, encoding="utf-8")
    outcome = run_argmap("grade", hostile_class, "-a", profile, "-o", tmp_path / "r1",
                         "--no-draw", "--jobs", "1", "--max-bytes", "20000000", timeout=300)
    assert_clean_failure(outcome)
    assert outcome.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(
        (tmp_path / "r1" / "grades.csv").read_text("utf-8"))))
    assert len(rows) == 2
    hostile = next(r for r in rows if r["file"].endswith(name))
    assert float(hostile["score"]) > 0  # graded, not given up on
    assert outcome.seconds < 15 * trivial.seconds + 40, (outcome.seconds, trivial.seconds)
    assert outcome.max_rss_mib < 1500, outcome.max_rss_mib


def test_a_class_of_many_tiny_and_broken_files_is_bounded(tmp_path: Path) -> None:
    profile = tmp_path / "a.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    folder = tmp_path / "class"
    folder.mkdir()
    for i in range(1_000):
        body = [GOOD, "", "argmap: 1\n", "\x00\x01binary", "claims: [unclosed\n"][i % 5]
        (folder / f"s{i:04d}.yaml").write_text(body, encoding="utf-8")
    outcome = run_argmap("grade", folder, "-a", profile, "-o", tmp_path / "r",
                         "--no-draw", "--jobs", "2", timeout=300)
    assert_clean_failure(outcome)
    assert outcome.exit_code == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "r" / "grades.csv").read_text("utf-8"))))
    assert len(rows) == 1_000
    assert sum(1 for r in rows if r["score"] == "0") == 800
    assert outcome.seconds < 120, outcome.seconds
    assert outcome.max_rss_mib < 800, outcome.max_rss_mib


def test_one_huge_map_is_held_to_the_time_budget(tmp_path: Path) -> None:
    # issue 10 (nu2 #5): a 1.7 MB Argdown map under the size limit held up the class for
    # 85 s and 470 MB; with --timeout each submission gets its budget, drawing included
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "a.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "wide.argdown").write_text("[T]: thesis here #thesis\n" + "".join(
        f"  + [S{i}]: statement {i}\n" for i in range(1, 60000)), encoding="utf-8")
    profile = tmp_path / "assignment.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    outcome = run_argmap("grade", folder, "-a", profile, "-o", tmp_path / "r", "-j", "1",
                         "--timeout", "2", timeout=300)
    assert_clean_failure(outcome)
    assert outcome.exit_code == 0
    rows = {Path(r["file"]).name: r for r in csv.DictReader(io.StringIO(
        (tmp_path / "r" / "grades.csv").read_text("utf-8")))}
    assert rows["a.yaml"]["score"] != "0"
    wide = rows["wide.argdown"]
    assert wide["score"] == "0"
    assert "time budget of 2 s" in wide["problems"]
    # two budgets of 2 s and the start-up, with a wide margin for a busy 2-core machine
    assert outcome.seconds < 40, outcome.seconds
    assert outcome.max_rss_mib < 400, outcome.max_rss_mib
