"""``argmap grade``: assignment profiles, scores, reports, hostile submissions.

Every numbered example of issue 10 is here: the classroom example's grade sheet, an
empty or ``argmap: 1`` map graded lowest, lost points explained with their line, bad
files scored 0 without stopping the run, skipped files listed, the roster, identities,
the reports (CSV with formulas neutralised and an optional BOM, JSON against its
published schema, JUnit XML, HTML escaped), exit codes.
"""

from __future__ import annotations

import csv
import io
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from argmap.grade import (
    AssignmentError,
    collect,
    grade_all,
    grade_bytes,
    grade_file,
    load_assignment,
    parse_assignment,
)

from .conftest import ROOT

CLASSROOM = ROOT / "examples" / "classroom"
ASSIGNMENT = CLASSROOM / "assignment.toml"
SUBMISSIONS = CLASSROOM / "submissions"

SMALL_PROFILE = """\
[assignment]
title = "Test"
pass = 50

[thesis]
points = 10

[reasons]
points = 10
min = 2

[rules]
points = 10
pass = ["support-cycle"]
"""

GOOD_MAP = """\
argmap: 1
authors: [Zed Author]
claims:
  t: {text: The Russian and Chinese threats cannot be separated., main: true}
  a: {text: China supplies the Russian war machine with many goods.}
  b: {text: North Korean soldiers fight for Russia in Europe now.}
arguments:
  r1: {premises: [a], conclusion: t}
  r2: {premises: [b], conclusion: t}
"""


def _grade(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "argmap", "grade", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=300, check=False)


@pytest.fixture(scope="module")
def example_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    out = tmp_path_factory.mktemp("report")
    done = _grade("submissions/", "-a", "assignment.toml", "-o", out, "--roster",
                  "roster.csv", "--jobs", "2", cwd=CLASSROOM)
    assert done.returncode == 0, done.stderr
    return out, done.stdout, done.stderr


# (1) the classroom example: the real CLI writes the expected grade sheet


@pytest.mark.dot
def test_example_grades_csv_is_the_expected_one(example_report: tuple[Path, str, str]) -> None:
    out, _, _ = example_report
    expected = (CLASSROOM / "expected-grades.csv").read_bytes()
    assert (out / "grades.csv").read_bytes() == expected


@pytest.mark.dot
def test_example_summary_names_who_passed_missing_and_skipped(
        example_report: tuple[Path, str, str]) -> None:
    _, stdout, stderr = example_report
    assert "passed (6): amira, ben, chloe, dmitri, ines, jonas" in stdout
    assert "not passed (5): elena, farid, grace, hugo, kofi" in stdout
    assert "missing (1): lena" in stdout
    assert "submissions/.draft.yaml (a hidden file)" in stdout
    assert "submissions/notes.txt (not a map extension" in stdout
    assert "wrote 15 files into" in stderr
    assert "Traceback" not in stderr


@pytest.mark.dot
def test_example_reports_are_all_there_and_json_matches_its_schema(
        example_report: tuple[Path, str, str]) -> None:
    out, _, _ = example_report
    schema = json.loads((ROOT / "schemas" / "grades.schema.json").read_text("utf-8"))
    data = json.loads((out / "grades.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["missing"] == ["lena"]
    assert {s["student"]: s["status"] for s in data["submissions"]}["grace"] == "empty"
    for sub in data["submissions"]:
        assert (out / sub["feedback"]).is_file()
    assert (out / "index.html").is_file()
    tree = ET.parse(out / "grades.junit.xml")  # noqa: S314 -- our own output
    suites = tree.getroot()
    assert suites.tag == "testsuites"
    assert len(suites.findall("testsuite")) == 12  # 11 submissions and one missing
    amira = next(s for s in suites if s.get("name") == "amira")
    assert amira.get("failures") == "0"
    assert amira.get("tests") == "10"


def test_schemas_shipped_in_the_package_are_the_published_ones() -> None:
    for name in ("assignment.schema.json", "grades.schema.json"):
        published = (ROOT / "schemas" / name).read_bytes()
        assert (ROOT / "src" / "argmap" / "schemas" / name).read_bytes() == published


# (2) an empty or `argmap: 1` map gets the lowest grade, never a pass


@pytest.mark.parametrize("text", [b"", b"\n\n", b"\xef\xbb\xbf", b"argmap: 1\n", b"{}",
                                  b'{"argmap": 1}'])
def test_an_empty_map_gets_the_lowest_grade(text: bytes) -> None:
    assignment = load_assignment(ASSIGNMENT)
    name = "empty.json" if text.startswith(b"{") else "empty.yaml"
    result = grade_bytes(text, assignment, file=name, draw=False)
    assert result.score == 0
    assert not result.passed
    assert all(r.earned == 0 for r in result.requirements)


def test_an_empty_map_fails_even_a_profile_of_rules_only() -> None:
    profile = parse_assignment('[rules]\npoints = 10\npass = ["support-cycle"]\n')
    result = grade_bytes(b"argmap: 1\n", profile, file="m.yaml", draw=False)
    assert result.score == 0
    assert not result.passed


# (3) every lost point is explained with its line and how to earn it


def test_each_lost_point_has_a_line_and_a_hint() -> None:
    assignment = load_assignment(ASSIGNMENT)
    result = grade_file(str(SUBMISSIONS / "jonas.yaml"), assignment, draw=False)
    assert result.status == "graded"
    lost = [m for r in result.lost for m in r.messages if m.lost > 0]
    assert lost
    assert sum(m.lost for m in lost) == pytest.approx(result.max_score - result.score)
    for m in lost:
        assert m.line is not None
        assert m.hint
    answers = next(r for r in result.requirements if r.name == "answers")
    (message,) = answers.messages
    text = (SUBMISSIONS / "jonas.yaml").read_text("utf-8").splitlines()
    assert message.line is not None
    assert "china-bigger" in text[message.line - 1]  # the line of the objection's attacker
    assert "target: china-bigger" in (message.hint or "")


def test_partial_credit_counts_each_reason() -> None:
    profile = parse_assignment(SMALL_PROFILE.replace("min = 2", "min = 4"))
    result = grade_bytes(GOOD_MAP.encode(), profile, file="m.yaml", draw=False)
    reasons = next(r for r in result.requirements if r.name == "reasons")
    assert reasons.earned == 5  # 2 of the 4 reasons asked for
    assert result.score == 25


def test_argdown_submission_is_graded_and_its_losses_shown() -> None:
    assignment = load_assignment(ASSIGNMENT)
    result = grade_file(str(SUBMISSIONS / "dmitri.argdown"), assignment, draw=False)
    assert result.status == "graded"
    assert result.score > 0
    thesis = next(r for r in result.requirements if r.name == "thesis")
    assert thesis.earned == thesis.points  # tagged #thesis
    sources = next(r for r in result.requirements if r.name == "sources")
    assert any("tagged evidence" in m.text and m.line == 11 for m in sources.messages)
    # what the Argdown import leaves out is told to the student
    assert any("inline data" in n.text and "left out" in n.text for n in result.notes)


def test_the_result_is_picklable_and_the_pool_gives_the_same_grades() -> None:
    assignment = load_assignment(ASSIGNMENT)
    files = sorted(str(p) for p in SUBMISSIONS.iterdir() if p.suffix in (".yaml", ".json"))
    alone = grade_all(files, assignment, jobs=1, draw=False)
    pooled = grade_all(files, assignment, jobs=2, draw=False)
    assert [(r.file, r.score) for r in alone] == [(r.file, r.score) for r in pooled]
    assert pickle.loads(pickle.dumps(alone[0])) == alone[0]  # noqa: S301 -- our own bytes


# (4) assignment profiles: validated against their schema, errors with line:col and a fix


@pytest.mark.parametrize(("text", "line", "column", "words"), [
    ("[reasons]\npoints = 5\nmni = 3\n", 3, 1, "did you mean 'min'"),
    ("[reasons]\npoints = 5\nmin = \"three\"\n", 3, 1, "a whole number"),
    ("[reasons]\npoints = 5\n", 1, 1, "needs the key 'min'"),
    ("[thesis]\npoints = 5\n\n[resons]\npoints = 2\nmin = 1\n", 4, 1, "did you mean 'reasons'"),
    ("[sources]\npoints = 5\nneed = \"url\"\n", 3, 1, "date-or-link"),
    ("[rules]\npoints = 5\npass = [\"support-cyle\"]\n", 3, 1, "support-cycle"),
    ("[reasons]\npoints = 5\nmin = 3\nmin = 4\n", 4, None, "not valid TOML"),
    ("[assignment]\ntitle = \"x\"\n", 1, 1, "asks for nothing"),
    ("reasons.points = 0\nreasons.min = 1\n", 1, 1, "more than 0"),
    ("[depth]\n  points = 5\n  min = 0  # too few\n", 3, 3, "at least 1"),
])
def test_profile_errors_name_line_column_and_fix(
        text: str, line: int, column: int | None, words: str) -> None:
    with pytest.raises(AssignmentError) as caught:
        parse_assignment(text, file="a.toml")
    error = caught.value
    # every problem is reported, by line: the one this case is about among them
    found = [(at, col if column is not None else None, reason, hint)
             for at, col, reason, hint in error.problems]
    assert any((at, col) == (line, column) and words in f"{reason} {hint}" and hint
               for at, col, reason, hint in found), found


def test_bad_profile_is_a_usage_error_with_its_location(tmp_path: Path) -> None:
    profile = tmp_path / "a.toml"
    profile.write_text("[reasons]\npoints = 5\nmni = 3\n", encoding="utf-8")
    done = _grade(SUBMISSIONS / "amira.yaml", "-a", profile, "-o", tmp_path / "out")
    assert done.returncode == 2
    assert f"{profile}:3:1: unknown key 'mni'" in done.stderr
    assert "hint: did you mean 'min'?" in done.stderr
    assert not (tmp_path / "out").exists()


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    missing = _grade(tmp_path / "nothing-here", "-a", ASSIGNMENT, "-o", tmp_path / "o")
    assert missing.returncode == 2
    assert "no such file or folder" in missing.stderr
    no_profile = _grade(SUBMISSIONS, "-o", tmp_path / "o")
    assert no_profile.returncode == 2
    assert "--assignment" in no_profile.stderr
    no_output = _grade(SUBMISSIONS, "-a", ASSIGNMENT)
    assert no_output.returncode == 2
    assert "-o FOLDER" in no_output.stderr
    bad_identity = _grade(SUBMISSIONS, "-a", ASSIGNMENT, "-o", tmp_path / "o",
                          "--identity", "email")
    assert bad_identity.returncode == 2
    assert "name" in bad_identity.stderr


def test_help_lists_the_choices() -> None:
    done = subprocess.run([sys.executable, "-m", "argmap", "grade", "--help"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0
    flat = " ".join(done.stdout.split())
    assert "--identity FROM" in flat
    assert "[choices: name, folder, authors; default: name]" in flat
    assert "SUBMISSIONS..." in flat


# (5) hostile and broken files: 0 with the reason, the run goes on, nothing unescaped


def test_bad_files_score_zero_with_a_reason_and_never_stop_the_run(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "good.yaml").write_text(GOOD_MAP, encoding="utf-8")
    (folder / "binary.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    (folder / "latin1.yaml").write_bytes("argmap: 1\ntitle: caf\xe9\n".encode("latin-1"))
    (folder / "big.json").write_bytes(b"{" + b" " * 5000 + b"}")
    (folder / "deep.json").write_bytes(b"[" * 100_000 + b"]" * 100_000)
    (folder / "bomb.yaml").write_text("a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b]\n",
                                      encoding="utf-8")
    (folder / "unreadable.yaml").write_text(GOOD_MAP, encoding="utf-8")
    (folder / "unreadable.yaml").chmod(0)
    (folder / "folder.yaml").mkdir()
    profile = tmp_path / "a.toml"
    profile.write_text(SMALL_PROFILE, encoding="utf-8")
    out = tmp_path / "out"
    done = _grade(folder, "-a", profile, "-o", out, "--max-bytes", "4000", "--no-draw")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    rows = {r["file"].rsplit("/", 1)[-1]: r for r in
            csv.DictReader(io.StringIO((out / "grades.csv").read_text("utf-8")))}
    assert float(rows["good.yaml"]["score"]) == 30
    for name in ("binary.yaml", "latin1.yaml", "big.json", "deep.json", "bomb.yaml"):
        assert rows[name]["score"] == "0", name
        assert rows[name]["problems"], name
    assert "binary" in rows["binary.yaml"]["problems"]
    assert "more than the limit of 4,000" in rows["big.json"]["problems"]
    if rows.get("unreadable.yaml"):  # root can read a file without permissions
        assert rows["unreadable.yaml"]["score"] in ("0", "30")
    assert "folder.yaml" not in rows


HOSTILE_NAME = "evil\x1b]0;pwned\x07<b>\u202e=cmd.yaml"
HOSTILE_TEXT = "</style><script>alert(1)</script> \x1b[2J =HYPERLINK(\"http://x\")"


def test_hostile_names_and_texts_are_escaped_everywhere(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    hostile = GOOD_MAP.replace("Zed Author", "'=1+2'").replace(
        "China supplies the Russian war machine with many goods.",
        json.dumps(HOSTILE_TEXT))
    (folder / HOSTILE_NAME).write_text(hostile, encoding="utf-8")
    (folder / "-@sum.yaml").write_text(GOOD_MAP, encoding="utf-8")
    profile = tmp_path / "a.toml"
    profile.write_text(SMALL_PROFILE.replace("min = 2", "min = 3"), encoding="utf-8")
    out = tmp_path / "out"
    done = _grade(folder, "-a", profile, "-o", out, "--identity", "name", "--bom")
    assert done.returncode == 0, done.stderr
    for stream in (done.stdout, done.stderr):
        assert "\x1b" not in stream
        assert "\x07" not in stream
        assert "\u202e" not in stream
    assert "\\x1b]0;pwned\\x07" in done.stdout
    raw = (out / "grades.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
            assert "\x1b" not in cell
    assert any(row[0] == "'-@sum" for row in rows)
    for page in [out / "index.html", *(out / "feedback").iterdir()]:
        html = page.read_text("utf-8")
        assert "<script" not in html
        assert "\x1b" not in html
        assert "\u202e" not in html
        assert "default-src 'none'" in html.replace("&#x27;", "'")
    names = sorted(p.name for p in (out / "feedback").iterdir())
    assert all(n.replace("-", "").replace(".", "").isalnum() for n in names), names
    ET.parse(out / "grades.junit.xml")  # noqa: S314 -- our own output, well-formed despite the control characters
    data = json.loads((out / "grades.json").read_text("utf-8"))
    assert any(s["student"].startswith("evil\x1b]0;pwned") for s in data["submissions"])


# (6) identity, roster, skipped files


def test_identity_by_folder_and_by_authors_and_the_roster(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    for student in ("Ana", "Bo"):
        (folder / student).mkdir(parents=True)
        (folder / student / "map.yaml").write_text(
            GOOD_MAP.replace("Zed Author", f"{student} Writer"), encoding="utf-8")
    (folder / "Ana" / "notes.docx").write_bytes(b"PK")
    roster = tmp_path / "roster.csv"
    roster.write_text("name;email\nAna;a@x\nBo;b@x\nCy;c@x\n", encoding="utf-8")
    profile = tmp_path / "a.toml"
    profile.write_text(SMALL_PROFILE, encoding="utf-8")
    by_folder = _grade(folder, "-a", profile, "-o", tmp_path / "o1", "--identity", "folder",
                       "--roster", roster, "--no-draw")
    assert by_folder.returncode == 0, by_folder.stderr
    assert "passed (2): Ana, Bo" in by_folder.stdout
    assert "missing (1): Cy" in by_folder.stdout
    assert "notes.docx (not a map extension" in by_folder.stdout
    by_authors = _grade(folder, "-a", profile, "-o", tmp_path / "o2", "--identity",
                        "authors", "--no-draw")
    assert "passed (2): Ana Writer, Bo Writer" in by_authors.stdout


def test_the_report_folder_inside_the_class_folder_is_refused(tmp_path: Path) -> None:
    # issue 10 (nu2 #4): reports among the maps would be graded by the next run
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "a.yaml").write_text(GOOD_MAP, encoding="utf-8")
    profile = folder / "assignment.toml"
    profile.write_text(SMALL_PROFILE, encoding="utf-8")
    done = _grade(folder, "-a", profile, "-o", folder / "report", "--no-draw")
    assert done.returncode == 2
    assert "inside the submissions folder" in done.stderr
    assert not (folder / "report").exists()
    done = _grade(folder, "-a", profile, "-o", tmp_path / "report", "--no-draw")
    assert done.returncode == 0, done.stderr
    data = json.loads((tmp_path / "report" / "grades.json").read_text("utf-8"))
    assert [s["file"].rsplit("/", 1)[-1] for s in data["submissions"]] == ["a.yaml"]
    assert data["skipped"] == []


def test_collect_globs_and_lists_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD_MAP, encoding="utf-8")
    (tmp_path / ".b.yaml").write_text(GOOD_MAP, encoding="utf-8")
    found = collect([str(tmp_path / "*.yaml")])
    assert [Path(f.path).name for f in found.files] == ["a.yaml"]
    walked = collect([str(tmp_path)])
    assert [(Path(f).name, why) for f, why in walked.skipped] == [(".b.yaml", "a hidden file")]


@pytest.mark.dot
def test_feedback_page_marks_the_nodes_that_lost_points(
        example_report: tuple[Path, str, str]) -> None:
    out, _, _ = example_report
    page = (out / "feedback" / "jonas.html").read_text("utf-8")
    assert re.search(r'class="node claim main lost" data-argmap-id="russia-danger"', page)
    assert re.search(r'class="node evidence lost" data-argmap-id="cables"', page)
    assert 'data-argmap-id="war-arg"' in page
    assert "line 21, col 3" in page  # the unanswered objection
    assert "67.5 / 100" in page


# (7) docs/teaching.md says what the command does


TEACHING = ROOT / "docs" / "teaching.md"


def test_every_toml_block_of_the_teaching_page_is_a_valid_profile() -> None:
    blocks = re.findall(r"```toml\n(.*?)```", TEACHING.read_text("utf-8"), re.DOTALL)
    assert blocks
    for block in blocks:
        assignment = parse_assignment(block, file="docs/teaching.md")
        assert assignment.max_score == 100


def test_the_teaching_page_profile_is_the_example_one() -> None:
    (block,) = re.findall(r"```toml\n(.*?)```", TEACHING.read_text("utf-8"), re.DOTALL)
    documented = parse_assignment(block)
    shipped = load_assignment(ASSIGNMENT)
    assert documented.requirements == shipped.requirements
    assert (documented.title, documented.pass_percent) == (shipped.title, shipped.pass_percent)


@pytest.mark.dot
def test_the_teaching_page_shows_the_real_output(tmp_path: Path) -> None:
    text = TEACHING.read_text("utf-8")
    block = text.split("```text\n$ cd examples/classroom\n", 1)[1].split("```", 1)[0]
    command, *expected = block.splitlines()
    assert command == ("$ argmap grade submissions/ -a assignment.toml -o report/ "
                       "--roster roster.csv")
    work = tmp_path / "classroom"
    shutil.copytree(CLASSROOM, work)
    done = _grade(*command.split()[3:], cwd=work)
    assert done.returncode == 0, done.stderr
    assert (done.stderr + done.stdout).splitlines() == expected


@pytest.mark.dot
def test_maps_drawn_together_are_the_maps_drawn_alone() -> None:
    from argmap.grade._grading import _draw, _draw_many, _grade_path

    assignment = load_assignment(ASSIGNMENT)
    graded = [_grade_path(str(SUBMISSIONS / name), assignment, draw=False)
              for name in ("amira.yaml", "ben.yaml", "jonas.yaml", "ines.yaml")]
    maps = [(m, sub.flagged) for sub, m in graded if m is not None]
    together = _draw_many(maps)
    alone = [_draw(*item) for item in maps]
    group = re.compile(r'<g id="([^"]*)" class="([^"]*)"(?: data-argmap-id="([^"]*)")?')
    for (svg, note), (single, single_note) in zip(together, alone, strict=True):
        assert svg is not None
        assert single is not None
        assert note is None
        assert single_note is None
        # the same elements with the same marks (Graphviz may emit the side boxes of a
        # later graph of one run in another order)
        assert sorted(group.findall(svg)) == sorted(group.findall(single))
        assert svg.count("<text") == single.count("<text")


def test_without_graphviz_the_pages_say_why_they_have_no_map(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "a.yaml").write_text(GOOD_MAP, encoding="utf-8")
    (folder / "b.yaml").write_text(GOOD_MAP, encoding="utf-8")
    profile = tmp_path / "a.toml"
    profile.write_text(SMALL_PROFILE, encoding="utf-8")
    empty = tmp_path / "no-programs"
    empty.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "grade", str(folder), "-a", str(profile), "-o",
         str(tmp_path / "out"), "--jobs", "1"],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PATH": str(empty)})
    assert done.returncode == 0, done.stderr
    assert "Graphviz (`dot`) is not installed" in done.stderr
    assert "passed (2): a, b" in done.stdout
    page = (tmp_path / "out" / "feedback" / "a.html").read_text("utf-8")
    assert "the map could not be drawn" in page
    assert "<svg" not in page


def test_a_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    import pty  # POSIX only, as the project

    folder = tmp_path / "class"
    folder.mkdir()
    for name in "abcd":
        (folder / f"{name}.yaml").write_text(GOOD_MAP, encoding="utf-8")
    profile = tmp_path / "a.toml"
    profile.write_text(SMALL_PROFILE, encoding="utf-8")
    args = [sys.executable, "-m", "argmap", "grade", str(folder), "-a", str(profile),
            "--no-draw", "-j", "1"]
    main, child = pty.openpty()
    try:
        done = subprocess.run([*args, "-o", str(tmp_path / "o1")], stdout=subprocess.PIPE,
                              stderr=child, timeout=120, check=False)
    finally:
        os.close(child)
    seen = b""
    try:
        while chunk := os.read(main, 65536):
            seen += chunk
    except OSError:
        pass  # the terminal closed
    os.close(main)
    assert done.returncode == 0
    assert b"grading" in seen
    assert b"4/4" in seen
    assert b"\x1b" not in done.stdout  # the summary stays plain
    piped = _grade(folder, "-a", profile, "--no-draw", "-j", "1", "-o", tmp_path / "o2")
    assert "\x1b" not in piped.stderr
    assert "grading" not in piped.stderr


def test_hostile_profile_and_roster_are_usage_errors(tmp_path: Path) -> None:
    deep = tmp_path / "deep.toml"
    deep.write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    done = _grade(SUBMISSIONS / "amira.yaml", "-a", deep, "-o", tmp_path / "o")
    assert done.returncode == 2
    assert "nested too deeply" in done.stderr
    assert "Traceback" not in done.stderr
    profile = tmp_path / "a.toml"
    profile.write_text(SMALL_PROFILE, encoding="utf-8")
    for body in (b"student\n\"" + b"x" * 200_000 + b"\n", b"\xff\xfe\x00b\x00"):
        roster = tmp_path / "roster.csv"
        roster.write_bytes(body)
        done = _grade(SUBMISSIONS / "amira.yaml", "-a", profile, "-o", tmp_path / "o",
                      "--roster", roster)
        assert done.returncode == 2, done.stderr
        assert "roster" in done.stderr
        assert "Traceback" not in done.stderr


def test_fifos_and_undecodable_names_neither_hang_nor_break_the_run(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    os.mkfifo(folder / "pipe.yaml")
    (folder / os.fsdecode(b"caf\xe9.yaml")).write_text(GOOD_MAP, encoding="utf-8")
    profile = tmp_path / "a.toml"
    profile.write_text(SMALL_PROFILE, encoding="utf-8")
    out = tmp_path / "out"
    done = _grade(folder, folder / "pipe.yaml", "-a", profile, "-o", out, "--no-draw")
    assert done.returncode == 0, done.stderr
    assert "pipe.yaml (not a regular file)" in done.stdout
    assert "passed (1): caf\\xe9" in done.stdout
    data = json.loads((out / "grades.json").read_text("utf-8"))
    assert [s["student"] for s in data["submissions"]] == ["caf\udce9"]
    assert (out / "feedback" / "caf.html").is_file()


@pytest.mark.parametrize("name", sorted(p.name for p in SUBMISSIONS.iterdir()
                                        if p.suffix in (".yaml", ".json", ".argdown")))
def test_the_lost_points_add_up_to_what_the_score_misses(name: str) -> None:
    result = grade_file(str(SUBMISSIONS / name), load_assignment(ASSIGNMENT), draw=False)
    for requirement in result.requirements:
        told = sum(m.lost for m in requirement.messages)
        assert told == pytest.approx(requirement.points - requirement.earned, abs=0.02), (
            requirement.name, [m.text for m in requirement.messages])
        if requirement.earned < requirement.points:
            assert requirement.messages


def _dying(paths: list[str], **kwargs: object) -> list[object]:
    """Grades as usual, but the worker dies on a file named crash.yaml."""
    from argmap.grade import grade_files

    if any(p.endswith("crash.yaml") for p in paths):
        os._exit(9)
    return list(grade_files(paths, **kwargs))  # type: ignore[arg-type]


def test_a_worker_that_dies_costs_only_its_file(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the dying worker is patched in through fork")
    from argmap.grade import _collect

    monkeypatch.setattr(_collect, "grade_files", _dying)
    files = []
    for i in range(12):
        path = tmp_path / ("crash.yaml" if i == 5 else f"s{i:02d}.yaml")
        path.write_text(GOOD_MAP, encoding="utf-8")
        files.append(str(path))
    results = grade_all(files, parse_assignment(SMALL_PROFILE), jobs=2, draw=False)
    assert [r.file for r in results] == files
    crashed = [r for r in results if r.status != "graded"]
    assert [r.file for r in crashed] == [files[5]]
    assert "worker ran out of memory or was killed" in (crashed[0].reason or "")
    assert all(r.score == 30 for r in results if r.status == "graded")


SIDED_MAP = """\
argmap: 1
sides:
  one: {name: One threat}
  two: {name: Two threats}
sources:
  dated: {title: A dated report, date: "2024-05-01"}
  linked: {title: A linked page, url: "https://example.org/page"}
  bare: {title: A source with neither}
claims:
  t: {text: The Russian and Chinese threats cannot be separated., side: one, main: true}
  a: {text: China supplies the Russian war machine with many goods., side: one}
  o: {text: China and Russia are distinct threats to the West., side: two}
  x: {text: The supplies show that the threats are intertwined., side: one}
evidence:
  e1: {text: Customs data show the trade in dual-use goods., source: dated}
  e2: {text: Officials describe the partnership as without limits., source: linked}
  e3: {text: A rumour without any source that anyone could check., source: bare}
arguments:
  r1: {premises: [a, e1], conclusion: t}
  r2: {premises: [e2, e3], conclusion: t}
attacks:
  - {attacker: o, target: t, id: obj}
  - {attacker: x, target: obj}
"""


@pytest.mark.parametrize(("settings", "earned"), [
    ('side = "one"', 10), ('side = "One threat"', 10), ('side = "two"', 5),
    ('keywords = ["separated", "CHINESE"]', 10), ('keywords = ["Taiwan"]', 5),
])
def test_thesis_side_and_keywords(settings: str, earned: float) -> None:
    profile = parse_assignment(f"[thesis]\npoints = 10\n{settings}\n")
    result = grade_bytes(SIDED_MAP.encode(), profile, file="m.yaml", draw=False)
    assert result.score == earned
    if earned < 10:
        (message,) = result.requirements[0].messages
        assert message.line == 10  # the thesis


@pytest.mark.parametrize(("need", "earned"), [
    ("date", 4), ("link", 4), ("date-or-link", 8), ("date-and-link", 0)])
def test_sources_need_a_date_a_link_or_both(need: str, earned: float) -> None:
    profile = parse_assignment(f'[sources]\npoints = 12\nneed = "{need}"\n')
    result = grade_bytes(SIDED_MAP.encode(), profile, file="m.yaml", draw=False)
    assert result.score == earned
    lines = sorted(m.line for m in result.requirements[0].messages if m.line)
    assert set(lines) <= {15, 16, 17}  # the evidence items


def test_an_objection_answered_by_an_undercut_of_its_id() -> None:
    profile = parse_assignment("[objections]\npoints = 10\nmin = 1\n"
                               "[answers]\npoints = 10\nmin = 1\n"
                               "[evidence]\npoints = 10\nper-reason = 1\n"
                               "[linked-premises]\npoints = 10\nmin = 2\n")
    result = grade_bytes(SIDED_MAP.encode(), profile, file="m.yaml", draw=False)
    assert result.score == 40
    unanswered = SIDED_MAP.replace("  - {attacker: x, target: obj}\n", "")
    result = grade_bytes(unanswered.encode(), profile, file="m.yaml", draw=False)
    answers = next(r for r in result.requirements if r.name == "answers")
    assert answers.earned == 0
    (message,) = answers.messages
    assert message.line == 12  # the objection's attacker
    assert "`target: obj` (undercut it)" in (message.hint or "")


def test_format_json_prints_the_grades_json(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "a.yaml").write_text(GOOD_MAP, encoding="utf-8")
    profile = tmp_path / "a.toml"
    profile.write_text(SMALL_PROFILE, encoding="utf-8")
    done = _grade(folder, "-a", profile, "-o", tmp_path / "o", "--no-draw", "-f", "json")
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    assert printed == json.loads((tmp_path / "o" / "grades.json").read_text("utf-8"))
    assert printed["summary"]["passed"] == ["a"]
    bad = _grade(folder, "-a", profile, "-o", tmp_path / "o", "-f", "xml")
    assert bad.returncode == 2
    assert "text" in bad.stderr
