"""``argmap grade`` hardening: the assignment's thesis side checked against the maps,
submission files swapped for a link or a FIFO between the scan and the read, and the
memory cap (its end-to-end budget test is in tests/budget/test_grade_memory.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from argmap.grade import class_report, collect, grade_all, grade_files, load_assignment
from argmap.grade._open import LINK_REASON, NOT_REGULAR_REASON, Skipped, read_submission

from .budget.test_grade_memory import _many_claims
from .conftest import ROOT
from .test_grade import GOOD_MAP, _grade

CLASSROOM = ROOT / "examples" / "classroom"
ASSIGNMENT = CLASSROOM / "assignment.toml"
SUBMISSIONS = CLASSROOM / "submissions"

def _with_side(tmp_path: Path, side: str) -> Path:
    """A copy of the classroom assignment whose [thesis] asks for ``side`` (line 17)."""
    text = ASSIGNMENT.read_text("utf-8")
    marker = 'keywords = ["separat"]'
    head, tail = text.split(marker, 1)
    tail = tail.split("\n", 1)[1]
    copy = tmp_path / "assignment.toml"
    copy.write_text(f"{head}{marker}\nside = {json.dumps(side)}\n{tail}", encoding="utf-8")
    return copy


# --- the thesis side --------------------------------------------------------------


@pytest.mark.parametrize("side", ["One ", "ONE", "onne"])
def test_a_misspelt_thesis_side_is_warned_about_at_its_line(tmp_path: Path, side: str) -> None:
    profile = _with_side(tmp_path, side)
    lines = profile.read_text("utf-8").splitlines()
    line = lines.index(f"side = {json.dumps(side)}") + 1
    out = tmp_path / "report"
    done = _grade(SUBMISSIONS, "-a", profile, "-o", out, "--no-draw", "-q", "-j", "1")
    assert done.returncode == 0, done.stderr
    warning = (f"argmap: warning: {profile}:{line}:1: [thesis] side = {side!r} is a side of "
               "none of the 8 graded maps")
    assert warning in done.stderr
    assert "hint: did you mean 'one'? the maps' sides: 'one' (2 maps)" in done.stderr
    report = json.loads((out / "grades.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(json.loads(
        (ROOT / "schemas" / "grades.schema.json").read_text("utf-8"))).validate(report)
    (found,) = report["warnings"]
    assert (found["file"], found["line"], found["column"]) == (str(profile), line, 1)
    assert found["hint"].startswith("did you mean 'one'?")
    page = (out / "index.html").read_text("utf-8")
    assert "Check the assignment" in page
    assert "did you mean &#x27;one&#x27;?" in page


@pytest.mark.parametrize("side", ["one", "One threat"])
def test_a_side_some_map_has_is_not_warned_about(tmp_path: Path, side: str) -> None:
    out = tmp_path / "report"
    done = _grade(SUBMISSIONS, "-a", _with_side(tmp_path, side), "-o", out, "--no-draw",
                  "-q", "-j", "1")
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr
    assert json.loads((out / "grades.json").read_text("utf-8"))["warnings"] == []
    assert "Check the assignment" not in (out / "index.html").read_text("utf-8")


def test_no_side_in_any_map_says_so(tmp_path: Path) -> None:
    profile = _with_side(tmp_path, "pro")
    (tmp_path / "class").mkdir()
    (tmp_path / "class" / "a.yaml").write_text(GOOD_MAP, encoding="utf-8")
    assignment = load_assignment(profile)
    found = collect([str(tmp_path / "class")])
    report = class_report(assignment, found.files, grade_all(
        [f.path for f in found.files], assignment, draw=False))
    (warning,) = report.warnings
    assert warning.hint is not None
    assert "no graded map defines a side" in warning.hint
    assert warning.where == f"{profile}:17:1"


# --- a file swapped between the scan and the read -----------------------------------


def _class_with_secret(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "a.yaml").write_text(GOOD_MAP, encoding="utf-8")
    (folder / "b.yaml").write_text(GOOD_MAP, encoding="utf-8")
    secret = tmp_path / "teacher-secret.yaml"
    secret.write_text(GOOD_MAP.replace("many goods", "the answer key"), encoding="utf-8")
    return folder, secret


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_swapped_for_a_link_after_the_scan_is_skipped(tmp_path: Path, jobs: int) -> None:
    folder, secret = _class_with_secret(tmp_path)
    assignment = load_assignment(ASSIGNMENT)
    found = collect([str(folder)])
    assert [Path(f.path).name for f in found.files] == ["a.yaml", "b.yaml"]
    swapped = folder / "b.yaml"
    swapped.unlink()
    swapped.symlink_to(secret)  # between the scan and the read
    paths = [f.path for f in found.files]
    graded = grade_all(paths, assignment, jobs=jobs, draw=False, memory=None,
                       refuse_links=[f.path for f in found.files if not f.chosen])
    assert graded[0].status == "graded"
    assert graded[1].status == "skipped"
    assert graded[1].reason == LINK_REASON
    report = class_report(assignment, found.files, graded)
    assert [r.submission.file for r in report.rows] == [str(folder / "a.yaml")]
    assert (str(swapped), LINK_REASON) in report.skipped  # as the scan says it


def test_a_swapped_link_is_refused_and_a_named_one_followed(tmp_path: Path) -> None:
    folder, secret = _class_with_secret(tmp_path)
    named = tmp_path / "named.yaml"
    named.symlink_to(secret)  # the teacher names a link: followed
    found = collect([str(folder), str(named)])
    assert [f.chosen for f in found.files] == [False, False, True]
    (folder / "b.yaml").unlink()
    (folder / "b.yaml").symlink_to(secret)
    graded = grade_files([f.path for f in found.files], load_assignment(ASSIGNMENT),
                         draw=False, refuse_links=[f.path for f in found.files
                                                   if not f.chosen])
    assert [s.status for s in graded] == ["graded", "skipped", "graded"]


def test_read_submission_refuses_links_fifos_and_devices(tmp_path: Path) -> None:
    target = tmp_path / "map.yaml"
    target.write_text(GOOD_MAP, encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    assert read_submission(str(link), 1000) == GOOD_MAP.encode()  # named: followed
    with pytest.raises(Skipped) as refused:
        read_submission(str(link), 1000, follow=False)
    assert refused.value.reason == LINK_REASON
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)  # no writer: a plain open() would wait for ever
    for follow in (True, False):
        with pytest.raises(Skipped) as refused:
            read_submission(str(fifo), 1000, follow=follow)
        assert refused.value.reason == NOT_REGULAR_REASON
    with pytest.raises(Skipped):
        read_submission("/dev/zero", 1000)  # endless


def test_a_fifo_swapped_in_does_not_hang_the_class(tmp_path: Path) -> None:
    folder, _ = _class_with_secret(tmp_path)
    found = collect([str(folder)])
    (folder / "b.yaml").unlink()
    os.mkfifo(folder / "b.yaml")
    assignment = load_assignment(ASSIGNMENT)
    graded = grade_all([f.path for f in found.files], assignment, draw=False, timeout=5)
    report = class_report(assignment, found.files, graded)
    assert (str(folder / "b.yaml"), NOT_REGULAR_REASON) in report.skipped
    assert len(report.rows) == 1


# --- the memory cap ------------------------------------------------------------------


def test_memory_cap_in_a_worker_scores_zero_with_the_reason(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "a.yaml").write_text(GOOD_MAP, encoding="utf-8")
    (folder / "big.yaml").write_text(_many_claims(30_000), encoding="utf-8")
    assignment = load_assignment(ASSIGNMENT)
    paths = [str(folder / "a.yaml"), str(folder / "big.yaml")]
    # jobs=1 with a cap grades in a worker: this (pytest) process is never capped
    graded = grade_all(paths, assignment, jobs=1, draw=False, memory=40, timeout=120)
    assert graded[0].status == "graded"
    assert graded[0].score > 0
    assert graded[1].status == "memory"
    assert graded[1].score == 0
    assert graded[1].reason is not None
    assert graded[1].reason.startswith("used more than 40 MiB while being graded")
    uncapped = grade_all(paths[1:], assignment, jobs=1, draw=False, memory=1024, timeout=120)
    assert uncapped[0].status == "graded"


def test_memory_option_is_documented_and_validated(tmp_path: Path) -> None:
    done = _grade("--help")
    assert "--memory" in done.stdout
    done = _grade(SUBMISSIONS, "-a", ASSIGNMENT, "-o", tmp_path / "r", "--memory", "-1")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_the_cap_is_lifted_after_each_file_even_one_over_it(tmp_path: Path) -> None:
    # in a child process: the cap is process-wide while a file is graded
    big = tmp_path / "big.yaml"
    big.write_text(_many_claims(30_000), encoding="utf-8")
    good = tmp_path / "good.yaml"
    good.write_text(GOOD_MAP, encoding="utf-8")
    script = f"""
import resource, signal
from argmap.grade import grade_files, load_assignment
before = resource.getrlimit(resource.RLIMIT_DATA)
subs = grade_files([{str(big)!r}, {str(good)!r}], load_assignment({str(ASSIGNMENT)!r}),
                   draw=False, memory=40, timeout=60)
print([s.status for s in subs])
assert resource.getrlimit(resource.RLIMIT_DATA) == before
assert signal.getsignal(signal.SIGPROF) is signal.SIG_DFL
assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
data = bytearray(200 * 1024 * 1024)  # the process may allocate again
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["['memory',", "'graded']", "ok"]
