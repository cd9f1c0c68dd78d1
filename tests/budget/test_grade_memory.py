"""``argmap grade --memory``: a submission whose grading allocates past the cap scores 0
with the reason, the rest of the class is graded (and drawn), and the grading process
itself stays small.

The over-the-cap submission is a real one: a map of 60,000 one-word claims, each the
premise of its own argument for the thesis, 3.7 MB of YAML, under the default 4 MiB
size limit.  Graded without a cap it peaks at about 300 MiB (measured with
``run_argmap(..., "-j", "1", "--memory", "0")``; the figure grows with ``--max-bytes``
and ``--timeout``); the cap is lowered to 100 MiB here so that the test stays light.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.budget._run import assert_clean_failure, run_argmap
from tests.budget.test_grade import GOOD, trivial_run

ROOT = Path(__file__).resolve().parents[2]
CLASSROOM = ROOT / "examples" / "classroom"


def _many_claims(n: int) -> str:
    lines = ["argmap: 1", "claims:", "  t: {text: The thesis., main: true}"]
    lines += [f"  c{i}: {{text: x}}" for i in range(n)]
    lines.append("arguments:")
    lines += [f"  a{i}: {{premises: [c{i}], conclusion: t}}" for i in range(n)]
    return "\n".join(lines) + "\n"


def _rows(folder: Path) -> dict[str, dict[str, str]]:
    text = (folder / "grades.csv").read_text("utf-8")
    return {Path(r["file"]).name: r for r in csv.DictReader(io.StringIO(text))}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_submission_over_the_memory_cap_scores_zero_and_the_class_goes_on(
        tmp_path: Path, jobs: str) -> None:
    profile, trivial = trivial_run(tmp_path, "-j", jobs, "--memory", "100")
    folder = tmp_path / "class"
    folder.mkdir()
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        (folder / name).write_text(GOOD, encoding="utf-8")
    (folder / "huge.yaml").write_text(_many_claims(60_000), encoding="utf-8")
    outcome = run_argmap("grade", folder, "-a", profile, "-o", tmp_path / "r", "--no-draw",
                         "-j", jobs, "--memory", "100", "--timeout", "120", timeout=300)
    assert_clean_failure(outcome)
    assert outcome.exit_code == 0
    rows = _rows(tmp_path / "r")
    assert rows["huge.yaml"]["score"] == "0"
    assert rows["huge.yaml"]["problems"].startswith(
        "used more than 100 MiB while being graded and was stopped")
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        assert float(rows[name]["score"]) > 0
    # the cap stops the allocation early: bounded time; the process that runs the
    # class (not capped, grading nothing itself) stays small
    assert outcome.seconds < 5 * trivial.seconds + 30, (outcome.seconds, trivial.seconds)
    assert outcome.max_rss_mib < trivial.max_rss_mib + 60, (outcome.max_rss_mib,
                                                           trivial.max_rss_mib)


@pytest.mark.dot
def test_a_low_cap_does_not_stop_the_drawing_of_ordinary_maps(tmp_path: Path) -> None:
    # Graphviz runs as a child of the worker after the cap is lifted (a limit is
    # inherited across fork and exec): every graded map of the class is drawn
    outcome = run_argmap("grade", CLASSROOM / "submissions", "-a",
                         CLASSROOM / "assignment.toml", "-o", tmp_path / "r", "-j", "1",
                         "--memory", "60", timeout=300)
    assert_clean_failure(outcome)
    assert outcome.exit_code == 0
    report = json.loads((tmp_path / "r" / "grades.json").read_text("utf-8"))
    graded = [s for s in report["submissions"] if s["status"] == "graded"]
    assert len(graded) == 8
    for submission in graded:
        assert submission["draw_note"] is None, submission["draw_note"]
        page = (tmp_path / "r" / submission["feedback"]).read_text("utf-8")
        assert '<div class="map" id="map"><svg' in page, submission["feedback"]
