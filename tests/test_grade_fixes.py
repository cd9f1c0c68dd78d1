"""``argmap grade``: a tester's findings, each a regression test (fixgrade).

1. names differing only in capitals are one student (case-insensitive grouping, shown
   as first spelt): no traceback, a complete report folder, reusable;
2. a folder swapped for a symbolic link after the scan is not followed;
6. the side warning's hint lists sides by count, then name (reproducible);
7. --memory below the floor is refused; a small map over the cap warns the teacher;
8. the report folder guard covers files and patterns; a report folder among the
   submissions is skipped with a note;
9. a submission deleted, or replaced by a folder, after the scan scores 0 with the
   reason, in every report;
10. a symlinked feedback/ in the report folder is refused;
11. grade's SARIF carries the assignment warnings and describes `invalid`; JUnit marks
    unreadable files as errors;
13. a non-ASCII name gets a transliterated page name.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from argmap.grade import (
    ClassReport,
    Message,
    Submission,
    class_report,
    collect,
    grade_all,
    load_assignment,
    write_reports,
)
from argmap.grade._reports import grades_junit, grades_sarif, page_names, side_warnings

from .conftest import ROOT
from .test_reporters import assert_valid_sarif

CLASSROOM = ROOT / "examples" / "classroom"
ASSIGNMENT = CLASSROOM / "assignment.toml"
SUBMISSIONS = CLASSROOM / "submissions"
BEN = SUBMISSIONS / "ben.yaml"  # 82.5, passed
ELENA = SUBMISSIONS / "elena.yaml"  # 37.5, not passed


def _grade(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "argmap", "grade", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=300, check=False)


def _rows(out: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((out / "grades.csv").read_text("utf-8"))))


def _complete(out: Path) -> None:
    """The report folder holds every report and its marker says it is complete."""
    for name in ("grades.csv", "grades.json", "grades.junit.xml", "index.html"):
        assert (out / name).is_file(), name
    marker = json.loads((out / ".argmap-grade").read_text("utf-8"))
    assert marker["complete"] is True
    for name in marker["files"]:
        assert (out / name).is_file(), name


# --- 1. names differing only in capitals --------------------------------------------


@pytest.mark.parametrize("second", ["amira.yaml", "amira.json"])
def test_names_differing_in_case_are_one_student(tmp_path: Path, second: str) -> None:
    subs = tmp_path / "c3"
    subs.mkdir()
    shutil.copy(BEN, subs / "Amira.yaml")
    if second.endswith(".json"):
        import yaml

        data = yaml.safe_load(ELENA.read_text("utf-8"))
        (subs / second).write_text(json.dumps(data), encoding="utf-8")
    else:
        shutil.copy(ELENA, subs / second)
    out = tmp_path / "r3"
    done = _grade(subs, "-a", ASSIGNMENT, "-o", out, "--no-draw")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    _complete(out)
    rows = _rows(out)
    # one student, shown as first spelt; the best file (ben's 82.5) counts
    assert {r["student"] for r in rows} == {"Amira"}
    assert sorted(r["counts"] for r in rows) == ["no", "yes"]
    counted = next(r for r in rows if r["counts"] == "yes")
    assert counted["file"].endswith("Amira.yaml")
    assert counted["score"] == "82.5"
    index = (out / "index.html").read_text("utf-8")
    assert "Amira handed in 2 files; the best one counts:" in index
    assert "from 1 student" in done.stdout
    # the folder is reusable
    again = _grade(subs, "-a", ASSIGNMENT, "-o", out, "--no-draw")
    assert again.returncode == 0, again.stderr


def test_folder_identity_groups_case_insensitively(tmp_path: Path) -> None:
    idf = tmp_path / "idf"
    (idf / "Ben").mkdir(parents=True)
    (idf / "ben").mkdir()
    shutil.copy(BEN, idf / "Ben" / "map.yaml")
    shutil.copy(ELENA, idf / "ben" / "map.yaml")
    out = tmp_path / "r"
    done = _grade(idf, "-a", ASSIGNMENT, "-o", out, "--no-draw", "--identity", "folder")
    assert done.returncode == 0, done.stderr
    _complete(out)
    rows = _rows(out)
    assert [r["student"] for r in rows] == ["Ben", "Ben"]
    assert sorted(r["counts"] for r in rows) == ["no", "yes"]
    sheet = json.loads((out / "grades.json").read_text("utf-8"))
    assert list(sheet["summary"]["several"]) == ["Ben"]


# --- 2. a folder swapped for a link between scan and read ---------------------------


@pytest.mark.parametrize("memory", [None, 256])  # in this process, and in workers
def test_a_folder_swapped_for_a_link_after_the_scan_is_not_followed(
        tmp_path: Path, memory: int | None) -> None:
    subs = tmp_path / "subs"
    (subs / "zdir").mkdir(parents=True)
    shutil.copy(BEN, subs / "zdir" / "secret.yaml")
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = "TOP-SECRET-TEACHER-NOTE"  # noqa: S105 -- a marker text, no password
    (outside / "secret.yaml").write_text(
        BEN.read_text("utf-8").replace("title:", f"title: {secret}  #", 1), encoding="utf-8")
    found = collect([str(subs)])
    assert [Path(f.path).name for f in found.files] == ["secret.yaml"]
    # the swap, after the scan
    shutil.rmtree(subs / "zdir")
    (subs / "zdir").symlink_to(outside, target_is_directory=True)
    assignment = load_assignment(str(ASSIGNMENT))
    paths = [f.path for f in found.files]
    graded = grade_all(paths, assignment, draw=False, refuse_links=paths, memory=memory,
                       roots={f.path: f.root for f in found.files if f.root})
    report = class_report(assignment, found.files, graded, skipped=found.skipped)
    assert report.rows == ()
    assert [(Path(f).name, why.split(":")[0]) for f, why in report.skipped] == [
        ("secret.yaml", "a symbolic link to a folder")]
    out = tmp_path / "r"
    write_reports(report, out)
    for page in out.rglob("*"):
        if page.is_file():
            assert secret not in page.read_text("utf-8", "replace"), page


# --- 6. reproducible side hint ------------------------------------------------------


def _with_side(tmp_path: Path, side: str) -> Path:
    text = ASSIGNMENT.read_text("utf-8")
    marker = 'keywords = ["separat"]'
    head, tail = text.split(marker, 1)
    tail = tail.split("\n", 1)[1]
    copy = tmp_path / "assignment.toml"
    copy.write_text(f"{head}{marker}\nside = {json.dumps(side)}\n{tail}", encoding="utf-8")
    return copy


def test_side_hint_lists_sides_by_count_then_name(tmp_path: Path) -> None:
    assignment = load_assignment(str(_with_side(tmp_path, "qqqq")))

    def sub(*sides: str) -> Submission:
        return Submission("m.yaml", "graded", 1, 10, False,
                          sides=tuple((s, s.upper()) for s in sides))

    one = side_warnings(assignment, [sub("zeta", "alpha"), sub("mid", "beta")])
    two = side_warnings(assignment, [sub("beta", "mid"), sub("alpha", "zeta")])
    assert one == two
    assert one[0].hint is not None
    assert "'alpha' (1 map), 'beta' (1 map), 'mid' (1 map), 'zeta' (1 map)" in one[0].hint
    three = side_warnings(assignment, [sub("zeta"), sub("zeta", "beta"), sub("alpha")])
    assert three[0].hint is not None
    assert three[0].hint.endswith("'zeta' (2 maps), 'alpha' (1 map), 'beta' (1 map)")


# --- 7. the memory cap --------------------------------------------------------------


@pytest.mark.parametrize("cap", ["1", "15"])
def test_a_memory_cap_below_the_floor_is_refused(tmp_path: Path, cap: str) -> None:
    done = _grade(SUBMISSIONS, "-a", ASSIGNMENT, "-o", tmp_path / "r", "--memory", cap)
    assert done.returncode == 2
    assert "--memory" in done.stderr
    assert "16 MiB" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "r").exists()


def test_a_small_map_over_the_cap_warns_the_teacher(tmp_path: Path) -> None:
    from argmap.grade._grading import CAP_TOO_LOW, over_memory

    reason = over_memory(16, 3000)
    assert reason.startswith(CAP_TOO_LOW)
    assert "not the map's fault" in reason
    assert "far larger" in over_memory(16, 10 * 1024 * 1024)
    assignment = load_assignment(str(ASSIGNMENT))
    sub = Submission("kid.yaml", "memory", 0, 100, False, reason=reason)
    found = collect([str(BEN)])
    report = class_report(assignment, found.files, [sub])
    assert [w.where for w in report.warnings] == ["--memory"]
    assert "kid.yaml" in report.warnings[0].message
    # in grades.json as the schema has it (no file: it is about an option), and in SARIF
    import jsonschema

    from argmap.grade._reports import grades_json

    schema = json.loads((ROOT / "schemas" / "grades.schema.json").read_text("utf-8"))
    jsonschema.validate(json.loads(grades_json(report)), schema)
    log = json.loads(grades_sarif(report))
    assert_valid_sarif(log)
    notes = log["runs"][0]["invocations"][0]["toolConfigurationNotifications"]
    assert "small map" in notes[0]["message"]["text"]
    big = Submission("kid.yaml", "memory", 0, 100, False,
                     reason=over_memory(16, 10 * 1024 * 1024))
    assert class_report(assignment, found.files, [big]).warnings == ()


# --- 8. the report folder guard ---------------------------------------------------


def test_the_report_folder_guard_covers_files_and_patterns(tmp_path: Path) -> None:
    subs = tmp_path / "submissions"
    subs.mkdir()
    shutil.copy(BEN, subs / "ben.yaml")
    for named in (subs / "ben.yaml", f"{subs}/*.yaml"):
        done = _grade(named, "-a", ASSIGNMENT, "-o", subs / "repx", "--no-draw")
        assert done.returncode == 2, done.stderr
        assert "inside the submissions folder" in done.stderr
        assert not (subs / "repx").exists()
    # a file in the folder the teacher works in: the reports may go there
    done = _grade("ben.yaml", "-a", ASSIGNMENT, "-o", "report", "--no-draw", cwd=subs)
    assert done.returncode == 0, done.stderr


def test_a_report_folder_among_the_submissions_is_skipped(tmp_path: Path) -> None:
    subs = tmp_path / "submissions"
    subs.mkdir()
    shutil.copy(BEN, subs / "ben.yaml")
    done = _grade("ben.yaml", "-a", ASSIGNMENT, "-o", "repx", "--no-draw", cwd=subs)
    assert done.returncode == 0, done.stderr
    assert (subs / "repx" / "grades.json").is_file()
    out = tmp_path / "r"
    done = _grade(subs, "-a", ASSIGNMENT, "-o", out, "--no-draw")
    assert done.returncode == 0, done.stderr
    assert [r["file"] for r in _rows(out)] == [str(subs / "ben.yaml")]
    assert "repx (a report folder of argmap grade" in done.stdout
    # and a pattern that reaches into it
    out2 = tmp_path / "r2"
    done = _grade(f"{subs}/*/*.json", f"{subs}/*.yaml", "-a", ASSIGNMENT, "-o", out2,
                  "--no-draw")
    assert done.returncode == 0, done.stderr
    assert [r["file"] for r in _rows(out2)] == [str(subs / "ben.yaml")]
    assert "grades.json (a report folder of argmap grade" in done.stdout


# --- 9. a submission gone between scan and read -------------------------------------


@pytest.mark.parametrize("how", ["deleted", "folder"])
def test_a_submission_gone_after_the_scan_scores_0_with_the_reason(
        tmp_path: Path, how: str) -> None:
    subs = tmp_path / "subs"
    subs.mkdir()
    shutil.copy(BEN, subs / "ben.yaml")
    shutil.copy(ELENA, subs / "elena.yaml")
    found = collect([str(subs)])
    gone = subs / "elena.yaml"
    gone.unlink()
    if how == "folder":
        gone.mkdir()
    assignment = load_assignment(str(ASSIGNMENT))
    paths = [f.path for f in found.files]
    graded = grade_all(paths, assignment, draw=False, refuse_links=paths,
                       roots={f.path: f.root for f in found.files if f.root})
    report = class_report(assignment, found.files, graded, skipped=found.skipped)
    out = tmp_path / "r"
    write_reports(report, out)
    why = "no such file" if how == "deleted" else "it is a directory"
    rows = {r["student"]: r for r in _rows(out)}
    assert rows["elena"]["score"] == "0"
    assert why in rows["elena"]["problems"]
    sheet = json.loads((out / "grades.json").read_text("utf-8"))
    elena = next(s for s in sheet["submissions"] if s["student"] == "elena")
    assert elena["status"] == "unreadable"
    assert why in elena["reason"]
    assert why in (out / "index.html").read_text("utf-8")


# --- 10. a symlinked feedback/ ------------------------------------------------------


def test_a_symlinked_feedback_folder_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "r"
    done = _grade(BEN, "-a", ASSIGNMENT, "-o", out, "--no-draw")
    assert done.returncode == 0, done.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "ben.html").write_text("keep me", encoding="utf-8")
    (elsewhere / "precious.html").write_text("keep me", encoding="utf-8")
    shutil.rmtree(out / "feedback")
    (out / "feedback").symlink_to(elsewhere, target_is_directory=True)
    done = _grade(BEN, "-a", ASSIGNMENT, "-o", out, "--no-draw")
    assert done.returncode == 2
    assert "feedback" in done.stderr
    assert "symbolic link" in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in elsewhere.iterdir()) == ["ben.html", "precious.html"]
    assert (elsewhere / "ben.html").read_text("utf-8") == "keep me"


# --- 11. SARIF and JUnit ------------------------------------------------------------


def test_grade_sarif_carries_the_side_warning_and_describes_invalid(tmp_path: Path) -> None:
    subs = tmp_path / "subs"
    subs.mkdir()
    shutil.copy(BEN, subs / "ben.yaml")
    (subs / "broken.yaml").write_text("claims: [1, 2\n", encoding="utf-8")
    (subs / "wrong.yaml").write_text("title: 5\nclaims: 7\n", encoding="utf-8")
    (subs / "binary.yaml").write_bytes(b"\xff\xfe\x00bin")
    done = _grade(subs, "-a", _with_side(tmp_path, "pro "), "-o", tmp_path / "r",
                  "--no-draw", "-f", "sarif")
    assert done.returncode == 0, done.stderr
    log = json.loads(done.stdout)
    assert_valid_sarif(log)
    notes = log["runs"][0]["invocations"][0]["toolConfigurationNotifications"]
    assert len(notes) == 1
    assert "side = 'pro '" in notes[0]["message"]["text"]
    assert notes[0]["locations"][0]["physicalLocation"]["region"]["startLine"] > 0
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert "invalid" in rules or any(k.startswith("assignment/") for k in rules)
    for rule_id, rule in rules.items():
        assert "argmap diagnostic `" not in rule["shortDescription"]["text"], rule_id
    zero = [r for k, r in rules.items() if k in {"invalid", "assignment/unreadable"}]
    assert zero
    for rule in zero:
        assert rule["helpUri"].endswith("teaching/#files-that-cannot-be-graded")
    # a problem without a code of its own in an invalid map: the rule `invalid`
    assignment = load_assignment(str(ASSIGNMENT))
    bad = Submission(str(BEN), "invalid", 0, 100, False, problems=(Message("not a map"),))
    report = class_report(assignment, collect([str(BEN)]).files, [bad])
    log = json.loads(grades_sarif(report))
    assert_valid_sarif(log)
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["invalid"]["shortDescription"]["text"].startswith(
        "The submission is not a valid argument map")
    assert rules["invalid"]["helpUri"].endswith("teaching/#files-that-cannot-be-graded")
    assert "toolConfigurationNotifications" not in log["runs"][0]["invocations"][0]


def _unreadable_report(tmp_path: Path) -> ClassReport:
    subs = tmp_path / "subs"
    subs.mkdir()
    shutil.copy(BEN, subs / "ben.yaml")
    (subs / "gone.yaml").write_text("title: x\n", encoding="utf-8")
    found = collect([str(subs)])
    (subs / "gone.yaml").unlink()
    assignment = load_assignment(str(ASSIGNMENT))
    graded = grade_all([f.path for f in found.files], assignment, draw=False)
    return class_report(assignment, found.files, graded)


def test_junit_marks_unreadable_files_as_errors(tmp_path: Path) -> None:
    report = _unreadable_report(tmp_path)
    tree = ET.fromstring(grades_junit(report))  # noqa: S314 -- ours
    assert int(tree.get("errors", "0")) > 0
    gone = next(s for s in tree if s.get("file", "").endswith("gone.yaml"))
    assert gone.get("failures") == "0"
    assert int(gone.get("errors", "0")) > 0
    assert gone.find("testcase/error") is not None
    ben = next(s for s in tree if s.get("file", "").endswith("ben.yaml"))
    assert ben.get("errors") == "0"
    from argmap._report import reporter
    from argmap.grade._reports import findings

    text = reporter("junit")(findings(report), "graded")
    assert int(ET.fromstring(text).get("errors", "0")) > 0  # noqa: S314 -- ours


def test_grade_junit_output_counts_an_unreadable_file_as_an_error(tmp_path: Path) -> None:
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "big.yaml").write_text("title: x\n" + "# pad\n" * 2000, encoding="utf-8")
    done = _grade(subs, "-a", ASSIGNMENT, "-o", tmp_path / "r", "--no-draw", "-f", "junit",
                  "--max-bytes", "100")
    assert done.returncode == 0, done.stderr
    suites = ET.fromstring(done.stdout)  # noqa: S314 -- ours
    assert int(suites.get("errors", "0")) > 0
    assert suites.get("failures") == "0"
    sheet = ET.fromstring((tmp_path / "r" / "grades.junit.xml").read_text("utf-8"))  # noqa: S314 -- ours
    assert int(sheet.get("errors", "0")) > 0


# --- 13. transliterated page names --------------------------------------------------


def test_a_non_ascii_name_gets_a_transliterated_page(tmp_path: Path) -> None:
    assert page_names([("ünïcödé", "ünïcödé.yaml"), ("unicode", "unicode.yaml")]) == [
        "feedback/unicode.html", "feedback/unicode-2.html"]
    subs = tmp_path / "subs"
    subs.mkdir()
    shutil.copy(BEN, subs / "ünïcödé.yaml")
    out = tmp_path / "r"
    done = _grade(subs, "-a", ASSIGNMENT, "-o", out, "--no-draw")
    assert done.returncode == 0, done.stderr
    assert (out / "feedback" / "unicode.html").is_file()
    assert [p.name for p in (out / "feedback").iterdir()] == ["unicode.html"]
