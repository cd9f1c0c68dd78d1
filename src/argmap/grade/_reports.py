"""The reports of a graded class: grades.csv, grades.json, grades.junit.xml, a feedback
page per student and the class summary, all written atomically.

Student names, file names and map texts are untrusted.  Before they reach a report,
control characters, bidi overrides and lone surrogates become visible escapes
(:func:`argmap._display.for_display`); in HTML they are escaped as text too, and the
pages carry the HTML export's policy: no script at all, no network request
(``default-src 'none'``).  Spreadsheet cells that would start a formula get a leading
``'``.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import statistics
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from argmap._display import for_display, json_safe
from argmap._render.page import head
from argmap._version import __version__
from argmap._words import count as counted
from argmap._xmltext import shown
from argmap.grade._collect import Found, identity_of
from argmap.grade._profile import Assignment
from argmap.grade._result import NOT_A_MAP, SKIPPED, Message, Submission

__all__ = [
    "REPORT_MARKER",
    "AssignmentWarning",
    "ClassReport",
    "Graded",
    "check_report_folder",
    "class_report",
    "findings",
    "grades_sarif",
    "write_reports",
]

#: The file :func:`write_reports` leaves in a report folder: it lists what it wrote, so
#: that a later run may reuse the folder and remove the feedback pages it no longer
#: writes.  A folder without it is reused only when it is empty.
REPORT_MARKER = ".argmap-grade"

#: The version of the grades.json layout (see schemas/grades.schema.json).
GRADES_FORMAT = 1


@attrs.frozen
class Graded:
    """One graded file: the student it belongs to, its grade, its feedback page."""

    student: str
    submission: Submission
    page: str
    #: Whether this file is the one that counts for its student (a student who handed
    #: in several files has one counted, the best; the others are marked).
    counts: bool = True
    #: The file that counts when this student handed in several (else ``None``).
    several: str | None = None


@attrs.frozen
class AssignmentWarning:
    """Something in the assignment that the class's maps suggest is a mistake (a thesis
    side no map has): at the assignment's ``file:line:column``, with a hint."""

    file: str | None
    line: int | None
    column: int | None
    message: str
    hint: str | None = None
    #: The command's option the warning is about (``--memory``), when not the file.
    option: str | None = None

    @property
    def where(self) -> str:
        """``file:line:column`` (as much of it as is known), or the option."""
        if self.option is not None and self.file is None:
            return self.option
        return (self.file or "<assignment>") + (f":{self.line}" if self.line else "") + (
            f":{self.column}" if self.line and self.column else "")

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" + (f" (hint: {self.hint})" if self.hint else "")

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "column": self.column,
                "message": self.message, "hint": self.hint}


@attrs.frozen
class ClassReport:
    """Everything the reports say about one run over a class."""

    assignment: Assignment
    rows: tuple[Graded, ...]
    missing: tuple[str, ...] = ()
    skipped: tuple[tuple[str, str], ...] = ()
    unlisted: tuple[str, ...] = ()
    roster: bool = False
    #: Things the teacher should know about how the students were named.
    notes: tuple[str, ...] = ()
    #: Settings of the assignment that look mistaken in the light of the maps.
    warnings: tuple[AssignmentWarning, ...] = ()

    @property
    def counted(self) -> tuple[Graded, ...]:
        """One row per student: the file that counts."""
        return tuple(r for r in self.rows if r.counts)

    @property
    def students(self) -> tuple[str, ...]:
        """Every student who handed something in, in order."""
        return tuple(r.student for r in self.counted)

    @property
    def passed(self) -> tuple[str, ...]:
        """The students whose file that counts passed, in order."""
        return tuple(r.student for r in self.counted if r.submission.passed)

    @property
    def not_passed(self) -> tuple[str, ...]:
        """The students whose file that counts did not pass, in order."""
        return tuple(r.student for r in self.counted if not r.submission.passed)

    @property
    def several(self) -> dict[str, list[Graded]]:
        """Student -> their files, for the students who handed in more than one."""
        out: dict[str, list[Graded]] = {}
        for r in self.rows:
            if r.several is not None:
                out.setdefault(r.student, []).append(r)
        return out

    def failed_requirements(self) -> list[tuple[str, int]]:
        """Requirement -> how many submissions lost points on it, most first."""
        counts: Counter[str] = Counter()
        for row in self.rows:
            for req in row.submission.lost:
                counts[req.name] += 1
        order = [r.name for r in self.assignment.requirements]
        return sorted(counts.items(), key=lambda kv: (-kv[1], order.index(kv[0])))

    def failed_rules(self) -> list[tuple[str, int]]:
        """Check rule -> how many submissions it found something in, most first."""
        counts: Counter[str] = Counter()
        for row in self.rows:
            codes = {m.code for r in row.submission.requirements if r.name == "rules"
                     for m in r.messages if m.code}
            counts.update(codes)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def class_report(
    assignment: Assignment,
    found: Sequence[Found],
    submissions: Sequence[Submission],
    *,
    identity: str = "name",
    roster: Sequence[str] | None = None,
    skipped: Sequence[tuple[str, str]] = (),
) -> ClassReport:
    """The report of a class: each submission with its student and feedback page, and
    (with a roster) who is missing and who is not on it.  Names are matched ignoring
    case and surrounding blanks."""
    found = list(found)
    submissions = list(submissions)
    skipped = list(skipped)
    for i in reversed(range(len(submissions))):
        if submissions[i].status in (NOT_A_MAP, SKIPPED):
            skipped.insert(0, (submissions[i].file, submissions[i].reason or "not a map"))
            del found[i], submissions[i]
    students = [identity_of(f, s, identity) for f, s in zip(found, submissions, strict=True)]
    notes: list[str] = []
    if identity == "folder":
        loose = [f.path for f in found if f.root is not None
                 and len(Path(os.path.relpath(f.path, f.root)).parts) < 2]
        if loose:
            notes.append(f"{counted(len(loose), 'file')} in the class folder itself, not in "
                         "a student's folder; each is named after its file: "
                         + ", ".join(loose[:10]) + (", ..." if len(loose) > 10 else ""))
    # one rule everywhere: names that differ only in case or surrounding blanks are one
    # student (as the roster is matched), shown as first spelt in the order found
    by_student: dict[str, list[int]] = {}
    for i, student in enumerate(students):
        by_student.setdefault(student.strip().casefold(), []).append(i)
    for indexes in by_student.values():
        for i in indexes[1:]:
            students[i] = students[indexes[0]]
    counts = [True] * len(students)
    several: list[str | None] = [None] * len(students)
    for indexes in by_student.values():
        if len(indexes) < 2:
            continue
        best = max(indexes, key=lambda i: (submissions[i].score, _mtime(found[i].path),
                                           found[i].path))
        for i in indexes:
            counts[i] = i == best
            several[i] = found[best].path
    # the file that counts gets the student's own page name
    order = sorted(range(len(students)), key=lambda i: not counts[i])
    named = page_names([(students[i], found[i].path) for i in order])
    pages = [""] * len(students)
    for i, page in zip(order, named, strict=True):
        pages[i] = page
    rows = tuple(Graded(student, sub, page, counts[i], several[i])
                 for i, (student, sub, page) in enumerate(
                     zip(students, submissions, pages, strict=True)))
    missing: tuple[str, ...] = ()
    unlisted: tuple[str, ...] = ()
    if roster is not None:
        handed = {s.strip().casefold() for s in students}
        listed = {s.strip().casefold() for s in roster}
        missing = tuple(s for s in roster if s.strip().casefold() not in handed)
        unlisted = tuple(dict.fromkeys(s for s in students if s.strip().casefold() not in listed))
    return ClassReport(assignment, rows, missing, tuple(skipped), unlisted, roster is not None,
                       tuple(notes), (*side_warnings(assignment, submissions),
                                      *memory_warnings(submissions)))


def memory_warnings(submissions: Sequence[Submission]) -> tuple[AssignmentWarning, ...]:
    """A warning when small maps were stopped at the memory cap: the cap (``--memory``),
    not the students, is to blame."""
    from argmap.grade._grading import CAP_TOO_LOW  # noqa: PLC0415 -- avoids a cycle

    small = sorted(sub.file for sub in submissions
                   if sub.status == "memory" and (sub.reason or "").startswith(CAP_TOO_LOW))
    if not small:
        return ()
    return (AssignmentWarning(
        None, None, None,
        f"the memory cap stopped the grading of {counted(len(small), 'small map')} "
        f"(under 64 KiB), which scored 0 for it: " + ", ".join(small[:5])
        + (", ..." if len(small) > 5 else ""),
        "raise --memory (or 0: no cap) and grade again", option="--memory"),)


def side_warnings(assignment: Assignment, submissions: Sequence[Submission]
                  ) -> tuple[AssignmentWarning, ...]:
    """A warning when the thesis side the assignment asks for is a side of none of the
    graded maps (by id, or by name ignoring case, as grading matches it): most likely
    a typo in the assignment (``"pro "``, ``"Pro"`` for ``pro``), which would cost every
    student the thesis points.  It names the sides the maps do have."""
    thesis = assignment.requirement("thesis")
    side = thesis.settings.get("side") if thesis is not None else None
    graded = [sub for sub in submissions if sub.status == "graded"]
    if not side or not graded:
        return ()
    wanted = side.casefold()
    maps: Counter[str] = Counter()
    for sub in graded:
        if any(i == side or name.casefold() == wanted for i, name in sub.sides):
            return ()
        maps.update({i for i, _ in sub.sides})
    line, column = assignment.where("thesis", "side")
    message = (f"[thesis] side = {side!r} is a side of none of the "
               f"{counted(len(graded), 'graded map')}: every student loses thesis points "
               "for it")
    if not maps:
        return (AssignmentWarning(assignment.file, line, column, message,
                                  "no graded map defines a side (`sides:`); remove `side` "
                                  "from [thesis] or tell the class which side to take"),)
    ranked = sorted(maps.items(), key=lambda kv: (-kv[1], kv[0]))  # reproducible
    guess = _closest(side, [i for i, _ in ranked])
    listed = ", ".join(f"{i!r} ({counted(n, 'map')})" for i, n in ranked[:5]) + (
        ", ..." if len(maps) > 5 else "")
    hint = (f"did you mean {guess!r}? " if guess else "") + f"the maps' sides: {listed}"
    return (AssignmentWarning(assignment.file, line, column, message, hint),)


def _closest(word: str, choices: Sequence[str]) -> str | None:
    """The choice ``word`` most likely misspells: the same but for case and blanks,
    else the closest spelling."""
    import difflib  # noqa: PLC0415 -- only for a warning

    plain = word.strip().casefold()
    for choice in choices:
        if choice.strip().casefold() == plain:
            return choice
    folded = {choice.casefold(): choice for choice in choices}
    close = difflib.get_close_matches(plain, list(folded), n=1, cutoff=0.6)
    return folded[close[0]] if close else None


def _mtime(path: str) -> float:
    try:
        return os.stat(path).st_mtime  # noqa: PTH116 -- a str path
    except (OSError, ValueError):
        return 0.0


def _slug(text: str) -> str:
    """``text`` as a file name: transliterated to ASCII (``ünïcödé``: ``unicode``,
    other scripts by sound), then letters, digits, ``_`` and ``-`` only."""
    from anyascii import anyascii  # noqa: PLC0415 -- a core dependency, loaded on use

    return re.sub(r"[^A-Za-z0-9_-]+", "-", anyascii(text)).strip("-")[:60]


def page_names(students: Sequence[tuple[str, str]]) -> list[str]:
    """A safe, unique feedback file name for each (student, file)."""
    out: list[str] = []
    used: set[str] = set()
    taken: set[str] = set()
    for student, file in students:
        stem = _slug(student) or "student"
        if student.strip().casefold() in taken:  # a second file: named after it too
            name = _slug(Path(file).name)
            stem = f"{stem}--{name}" if name else stem
        taken.add(student.strip().casefold())
        base = stem
        n = 2
        while stem.casefold() in used:
            stem = f"{base}-{n}"
            n += 1
        used.add(stem.casefold())
        out.append(f"feedback/{stem}.html")
    return out


def number(value: float) -> str:
    """A score as people write it: 7.5, 10 (never 10.0)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _shown(text: str) -> str:
    return for_display(text, newlines=False)


def problems_summary(sub: Submission) -> str:
    """The problems cell of grades.csv: each requirement that lost points, with why."""
    if sub.status != "graded":
        return sub.reason or sub.status
    parts = []
    for req in sub.lost:
        first = next((m.text for m in req.messages if m.lost > 0),
                     req.messages[0].text if req.messages else "")
        parts.append(f"{req.name} -{number(req.lost)}: {first}")
    return " | ".join(parts)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    text = _shown(value)
    # a spreadsheet skips leading blanks before it looks for a formula: so does this
    risky = value.startswith(_FORMULA_START) or value.lstrip().startswith(_FORMULA_START)
    return "'" + text if risky else text


def grades_csv(report: ClassReport, *, bom: bool = False) -> bytes:
    """``student,file,score,max_score,problems``: one row per file, then one per missing
    student (score 0, problem ``missing``)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["student", "file", "score", "max_score", "problems", "counts"])
    for row in report.rows:
        sub = row.submission
        problems = problems_summary(sub)
        if not row.counts:
            problems = (f"not counted: several files handed in, {row.several} counts"
                        + (f" | {problems}" if problems else ""))
        writer.writerow([_cell(row.student), _cell(sub.file), number(sub.score),
                         number(sub.max_score), _cell(problems),
                         "yes" if row.counts else "no"])
    for student in report.missing:
        writer.writerow([_cell(student), "", "0", number(report.assignment.max_score),
                         "missing: no submission found", "yes"])
    return out.getvalue().encode("utf-8-sig" if bom else "utf-8")


def _json_message(m: Message) -> dict[str, Any]:
    return m.to_json()


def grades_json(report: ClassReport) -> bytes:
    """The whole run as JSON (schemas/grades.schema.json)."""
    a = report.assignment
    scores = [r.submission.score for r in report.counted]
    payload = {
        "format": GRADES_FORMAT,
        "generator": f"argmap {__version__}",
        "assignment": {
            "title": a.title, "file": a.file, "max_score": a.max_score,
            "pass_score": a.pass_score, "pass_percent": a.pass_percent,
            "requirements": [{"name": r.name, "points": r.points, "settings": r.settings}
                             for r in a.requirements],
        },
        "submissions": [
            {"student": row.student, "file": row.submission.file,
             "status": row.submission.status, "score": row.submission.score,
             "max_score": row.submission.max_score, "passed": row.submission.passed,
             "reason": row.submission.reason, "feedback": row.page,
             "counts": row.counts, "counted_file": row.several,
             "authors": list(row.submission.authors),
             "requirements": [req.to_json() for req in row.submission.requirements],
             "problems": [_json_message(m) for m in row.submission.problems],
             "notes": [_json_message(m) for m in row.submission.notes],
             "draw_note": row.submission.draw_note}
            for row in report.rows],
        "missing": list(report.missing),
        "unlisted": list(report.unlisted),
        "skipped": [{"file": f, "reason": why} for f, why in report.skipped],
        "notes": list(report.notes),
        "warnings": [w.to_json() for w in report.warnings],
        "summary": {
            "submissions": len(report.rows),
            "students": len(report.counted),
            "passed": list(report.passed),
            "not_passed": list(report.not_passed),
            "several": {s: [r.submission.file for r in rows]
                        for s, rows in report.several.items()},
            "mean": round(statistics.fmean(scores), 2) if scores else None,
            "median": round(statistics.median(scores), 2) if scores else None,
            "failed_requirements": dict(report.failed_requirements()),
            "failed_rules": dict(report.failed_rules()),
        },
    }
    # json_safe writes lone surrogates, C1 and bidi controls as \\u escapes: the text
    # is then plain UTF-8 and the values are unchanged
    return (json_safe(json.dumps(payload, ensure_ascii=False, indent=2)) + "\n").encode()


def findings(report: ClassReport) -> list[Any]:
    """What the class's maps lost points for, as one report per submission file, for the
    code-scanning and test-dashboard reporters (``argmap grade --format sarif|junit``).

    Each lost point (and each problem that stopped grading) is a diagnostic at its line
    of the map: the code is ``assignment/<requirement>`` (or the check rule or validation
    code behind it), the message says how many points it cost.  A file that scored 0
    unread is one error on the file.
    """
    from argmap._report import FileReport  # noqa: PLC0415 -- only for these formats
    from argmap.errors import Diagnostic, Location, Severity  # noqa: PLC0415 -- same

    severity = {"error": Severity.ERROR, "warning": Severity.WARNING}

    def diagnostic(m: Message, code: str, file: str) -> Diagnostic:
        cost = f" (-{number(m.lost)} points)" if m.lost else ""
        level = Severity.ERROR if m.lost else severity.get(m.severity, Severity.INFO)
        return Diagnostic(code, m.text + cost, Location(file, m.line, m.column), level, m.hint)

    reports = []
    for row in report.rows:
        sub = row.submission
        fallback = "invalid" if sub.status in ("graded", "invalid") else f"assignment/{sub.status}"
        out = [diagnostic(m, m.code or fallback, sub.file) for m in sub.problems]
        out += [diagnostic(m, f"assignment/{req.name}", sub.file)
                for req in sub.requirements for m in req.messages]
        if not out and sub.reason and sub.status != "graded":
            out.append(Diagnostic(f"assignment/{sub.status}", sub.reason, Location(sub.file)))
        # a file that could not be read is an error of the run, not a failed test (as
        # check's JUnit marks it)
        reports.append(FileReport(sub.file, tuple(out), unreadable=sub.status == "unreadable"))
    return reports


#: The teaching page's section on the files that score 0 unread or invalid.
_CANNOT_GRADE_PAGE = "teaching/#files-that-cannot-be-graded"
#: What grade's SARIF says of the rules of a file that scored 0 without being graded.
_ZERO_RULES = {
    "invalid": "The submission is not a valid argument map: it scores 0, with each "
               "validation problem at its line.",
    "assignment/unreadable": "The submission could not be read (missing, a folder, too "
                             "large, not text): it scores 0 with the reason.",
    "assignment/empty": "The submission has no content: it scores 0.",
    "assignment/timeout": "Grading the submission ran over its time budget (--timeout): "
                          "it scores 0.",
    "assignment/memory": "Grading the submission ran over its memory cap (--memory): it "
                         "scores 0.",
}


def grades_sarif(report: ClassReport) -> str:
    """``argmap grade --format sarif``: every lost point at its line (SARIF 2.1.0), the
    rules of the files that scored 0 described with the teaching page's section on
    them, and the warnings about the assignment (a misspelt side, a memory cap too low)
    as the run's ``toolConfigurationNotifications``."""
    from argmap._report import dump_json, reporter  # noqa: PLC0415 -- only for this format
    from argmap._report_ci import DOCS_URL  # noqa: PLC0415 -- same

    log = json.loads(reporter("sarif")(findings(report), "graded"))
    run = log["runs"][0]
    uri = DOCS_URL + _CANNOT_GRADE_PAGE
    for rule in run["tool"]["driver"]["rules"]:
        summary = _ZERO_RULES.get(rule["id"])
        if summary is None:
            continue
        more = "Why, and what the student can do, is explained"
        rule["shortDescription"] = {"text": summary}
        rule["help"] = {"text": f"{summary} {more} at {uri}",
                        "markdown": f"{summary} {more} [in argmap's docs]({uri})."}
        rule["helpUri"] = uri
    notes = []
    for w in report.warnings:
        note: dict[str, Any] = {
            "level": "warning",
            "message": {"text": w.message + (f" (hint: {w.hint})" if w.hint else "")},
            "descriptor": {"id": "assignment/settings"},
        }
        if w.file:
            region = ({"region": {"startLine": w.line, **(
                {"startColumn": w.column} if w.column else {})}} if w.line else {})
            note["locations"] = [{"physicalLocation": {
                "artifactLocation": {"uri": Path(w.file).resolve().as_uri()}, **region}}]
        notes.append(note)
    if notes:
        run["invocations"][0]["toolConfigurationNotifications"] = notes
    return dump_json(log)


def _xml(text: str) -> str:
    return shown(text, newlines=True)


def grades_junit(report: ClassReport) -> bytes:
    """JUnit XML: a test suite per submission, a test case per requirement."""
    suites = ET.Element("testsuites", name=_xml(f"argmap grade: {report.assignment.title or ''}"))
    total = failures = errors = 0
    for row in report.rows:
        sub = row.submission
        suite = ET.SubElement(suites, "testsuite", name=_xml(row.student),
                              file=_xml(sub.file), time=f"{sub.seconds:.3f}")
        # a file that could not be read is an error (as in check's JUnit), not a failure
        unread = sub.status == "unreadable"
        lost = 0
        for req in sub.requirements:
            case = ET.SubElement(suite, "testcase", classname=_xml(row.student),
                                 name=req.name, time="0")
            if req.earned < req.points:
                lost += 1
                failure = ET.SubElement(
                    case, "error" if unread else "failure",
                    type="unreadable" if unread else "lost-points",
                    message=_xml(f"{number(req.earned)} of {number(req.points)} points"
                                 + (f": {sub.reason}" if unread and sub.reason else "")))
                failure.text = _xml("\n".join(_message_line(sub.file, m)
                                              for m in req.messages))
        suite.set("tests", str(len(sub.requirements)))
        suite.set("failures", "0" if unread else str(lost))
        suite.set("errors", str(lost) if unread else "0")
        total += len(sub.requirements)
        failures += 0 if unread else lost
        errors += lost if unread else 0
    for student in report.missing:
        suite = ET.SubElement(suites, "testsuite", name=_xml(student), tests="1", failures="1")
        case = ET.SubElement(suite, "testcase", classname=_xml(student), name="submission")
        ET.SubElement(case, "failure", type="missing", message="no submission found")
        total += 1
        failures += 1
    suites.set("tests", str(total))
    suites.set("failures", str(failures))
    suites.set("errors", str(errors))
    body = ET.tostring(suites, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


def _message_line(file: str, m: Message) -> str:
    where = file + (f":{m.line}" if m.line else "") + (f":{m.column}" if m.line and m.column
                                                       else "")
    text = f"{where}: {m.text}"
    if m.hint:
        text += f" (how to earn it: {m.hint})"
    return text


# --------------------------------------------------------------------------------------
# HTML

_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
           "form-action 'none'")

_STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2330;
background:#f6f7f9}
main{max-width:1100px;margin:0 auto;padding:1.2rem 1.5rem 3rem}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.15rem;margin:1.6rem 0 .5rem}
.meta{color:#556}.score{font-size:2rem;font-weight:700}
.pass{color:#17663a}.fail{color:#a1221b}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #d6d9e0;padding:.35rem .55rem;text-align:left;vertical-align:top}
th{background:#eceef3}td.num{text-align:right;white-space:nowrap}
.lostpts{color:#a1221b;white-space:nowrap}.hint{color:#334;font-style:italic}
.line{font-family:ui-monospace,monospace;white-space:nowrap}
.map{background:#fff;border:1px solid #d6d9e0;overflow:auto;max-height:80vh;padding:.5rem}
.map svg{max-width:100%;height:auto}
.map g.lost path,.map g.lost polygon,.map g.lost ellipse{stroke:#d0021b;stroke-width:4px}
.legend-lost{border:3px solid #d0021b;padding:0 .3rem;border-radius:3px}
.bar{background:#4a6fd1;height:1rem;display:inline-block;vertical-align:middle}
.note{background:#fff8e1;border:1px solid #f0d58c;padding:.5rem .8rem}
code{font-family:ui-monospace,monospace;background:#eef0f4;padding:0 .2rem}
"""


def _h(text: str) -> str:
    return html.escape(for_display(text, newlines=True), quote=True)


def _page(title: str, body: str) -> bytes:
    return f"""{head(_POLICY, f"argmap {__version__}", _h(title), _STYLE)}
<body>
<main>
{body}
</main>
</body>
</html>
""".encode()


def _line_cell(m: Message) -> str:
    if m.line is None:
        return '<td class="line">-</td>'
    where = f"line {m.line}" + (f", col {m.column}" if m.column else "")
    return f'<td class="line">{where}</td>'


def feedback_page(row: Graded, assignment: Assignment, *, back: str | None = None) -> bytes:
    """A student's self-contained feedback page."""
    sub = row.submission
    verdict = ('<span class="pass">passed</span>' if sub.passed
               else '<span class="fail">not passed yet</span>')
    parts = [f"<p class=\"meta\">{_h(assignment.title or 'Assignment')}</p>",
             f"<h1>Feedback for {_h(row.student)}</h1>",
             f"<p class=\"meta\">File: <code>{_h(sub.file)}</code>"
             + (f" &middot; map: {_h(sub.title)}" if sub.title else "") + "</p>",
             f"<p><span class=\"score\">{number(sub.score)} / {number(sub.max_score)}"
             f"</span> points &middot; {verdict} (pass mark {number(assignment.pass_score)})"
             "</p>"]
    if back:
        parts.append(f'<p><a href="{html.escape(back)}">Back to the class summary</a></p>')
    if row.several is not None:
        parts.append('<p class="note">' + (
            "You handed in several files; this one, the best, is the one that counts."
            if row.counts else
            f"You handed in several files; this one does not count: "
            f"<code>{_h(row.several)}</code> does.") + "</p>")
    if sub.reason:
        parts.append(f'<p class="note">{_h(sub.reason)}</p>')
    if sub.problems:
        parts.append("<h2>Problems in the file</h2><table><tr><th>where</th><th>problem"
                     "</th><th>how to fix it</th></tr>")
        for m in sub.problems:
            parts.append(f"<tr>{_line_cell(m)}<td>{_h(m.text)}</td>"
                         f"<td class=\"hint\">{_h(m.hint or '')}</td></tr>")
        parts.append("</table>")
    lost = [(req, m) for req in sub.requirements for m in req.messages]
    if lost and sub.status == "graded":
        parts.append("<h2>How to earn the points you lost</h2><table><tr><th>where</th>"
                     "<th>requirement</th><th>lost</th><th>what is missing</th>"
                     "<th>how to earn it</th></tr>")
        for req, m in lost:
            pts = f"-{number(m.lost)}" if m.lost else ""
            parts.append(f"<tr>{_line_cell(m)}<td>{_h(req.name)}</td>"
                         f"<td class=\"lostpts\">{pts}</td><td>{_h(m.text)}</td>"
                         f"<td class=\"hint\">{_h(m.hint or '')}</td></tr>")
        parts.append("</table>")
    elif sub.status == "graded":
        parts.append("<h2>Every requirement met</h2><p>Nothing to add: well done.</p>")
    if sub.notes:
        parts.append("<h2>Notes on your file</h2><table><tr><th>where</th><th>note</th>"
                     "<th>hint</th></tr>")
        for m in sub.notes:
            parts.append(f"<tr>{_line_cell(m)}<td>{_h(m.text)}</td>"
                         f"<td class=\"hint\">{_h(m.hint or '')}</td></tr>")
        parts.append("</table>")
    parts.append("<h2>Rubric</h2><table><tr><th>requirement</th><th>what is asked</th>"
                 "<th>points</th><th>earned</th></tr>")
    for req in sub.requirements:
        parts.append(f"<tr><td>{_h(req.name)}</td><td>{_h(req.description)}</td>"
                     f"<td class=\"num\">{number(req.points)}</td>"
                     f"<td class=\"num\">{number(req.earned)}</td></tr>")
    parts.append(f"<tr><th colspan=\"2\">total</th><th class=\"num\">"
                 f"{number(sub.max_score)}</th><th class=\"num\">{number(sub.score)}</th></tr>"
                 "</table>")
    if sub.svg is not None:
        parts.append("<h2>Your map</h2><p class=\"meta\">Boxes outlined "
                     "<span class=\"legend-lost\">in red</span> are where points were lost."
                     "</p>")
        parts.append(f'<div class="map" id="map">{sub.svg}</div>')
    elif sub.draw_note:
        parts.append(f'<p class="note">{_h(sub.draw_note)}</p>')
    return _page(f"Feedback: {row.student}", "\n".join(parts))


def index_page(report: ClassReport) -> bytes:
    """The class summary: who passed, the score distribution, what failed most."""
    a = report.assignment
    rows = report.rows
    scores = [r.submission.score for r in report.counted]  # one per student
    parts = [f"<h1>{_h(a.title or 'Assignment')}: class summary</h1>",
             f"<p class=\"meta\">{counted(len(rows), 'submission')} graded from "
             f"{counted(len(report.counted), 'student')} &middot; "
             f"{len(report.passed)} passed, {len(report.not_passed)} not passed "
             f"&middot; pass mark {number(a.pass_score)} of "
             f"{number(a.max_score)}"
             + (f" &middot; mean {number(statistics.fmean(scores))}, median "
                f"{number(statistics.median(scores))}" if scores else "") + "</p>"]
    if report.warnings:
        parts.append("<h2 class=\"fail\">Check the assignment</h2><ul>" + "".join(
            f"<li><code>{_h(w.where)}</code>: {_h(w.message)}"
            + (f"<br>hint: {_h(w.hint)}" if w.hint else "") + "</li>"
            for w in report.warnings) + "</ul>")
    parts.append("<h2>Score distribution</h2><table><tr><th>score (% of the total)</th>"
                 "<th>submissions</th><th></th></tr>")
    bins = [0] * 10
    for s in scores:
        share = s / a.max_score if a.max_score else 0
        bins[min(int(share * 10), 9)] += 1
    top = max(bins) or 1
    for i, count in enumerate(bins):
        label = f"{i * 10}-{i * 10 + 10}%" if i < 9 else "90-100%"
        width = round(20 * count / top, 1)
        parts.append(f"<tr><td>{label}</td><td class=\"num\">{count}</td><td><span "
                     f"class=\"bar\" style=\"width:{width}rem\"></span></td></tr>")
    parts.append("</table>")
    failed = report.failed_requirements()
    parts.append("<h2>Requirements most often missed</h2>")
    if failed:
        parts.append("<table><tr><th>requirement</th><th>what is asked</th>"
                     "<th>submissions that lost points</th></tr>")
        from argmap.grade._grading import describe  # noqa: PLC0415 -- avoids a cycle

        for name, count in failed:
            req = a.requirement(name)
            parts.append(f"<tr><td>{_h(name)}</td><td>{_h(describe(req) if req else '')}</td>"
                         f"<td class=\"num\">{count}</td></tr>")
        parts.append("</table>")
    else:
        parts.append("<p>None: every submission met every requirement.</p>")
    rules = report.failed_rules()
    if rules:
        parts.append("<h2>Check rules most often failed</h2><table><tr><th>rule</th>"
                     "<th>submissions</th></tr>")
        for code, count in rules:
            parts.append(f"<tr><td><code>{_h(code)}</code></td><td class=\"num\">{count}"
                         "</td></tr>")
        parts.append("</table>")
    parts.append("<h2>Students</h2><table><tr><th>student</th><th>file</th><th>score</th>"
                 "<th>result</th><th>lost points on</th></tr>")
    for row in sorted(rows, key=lambda r: (r.student.casefold(), r.submission.file)):
        sub = row.submission
        verdict = ('<span class="pass">passed</span>' if sub.passed
                   else '<span class="fail">not passed</span>')
        if not row.counts:
            verdict += " (not counted: several files)"
        lost = sub.reason if sub.status != "graded" else ", ".join(r.name for r in sub.lost)
        parts.append(f"<tr><td><a href=\"{html.escape(row.page)}\">{_h(row.student)}</a></td>"
                     f"<td><code>{_h(sub.file)}</code></td>"
                     f"<td class=\"num\">{number(sub.score)} / {number(sub.max_score)}</td>"
                     f"<td>{verdict}</td><td>{_h(lost or '')}</td></tr>")
    parts.append("</table>")
    if report.roster:
        parts.append("<h2>Missing submissions</h2>")
        parts.append("<p>None.</p>" if not report.missing else
                     "<ul>" + "".join(f"<li>{_h(s)}</li>" for s in report.missing) + "</ul>")
        if report.unlisted:
            parts.append("<h2>Not on the roster</h2><ul>"
                         + "".join(f"<li>{_h(s)}</li>" for s in report.unlisted) + "</ul>")
    several = [f"{student} handed in {len(files)} files; the best one counts: "
               + (files[0].several or "")
               for student, files in report.several.items()]
    if report.notes or several:
        parts.append("<h2>Notes</h2><ul>" + "".join(
            f"<li>{_h(n)}</li>" for n in (*several, *report.notes)) + "</ul>")
    if report.skipped:
        parts.append("<h2>Files not graded</h2><table><tr><th>file</th><th>why</th></tr>"
                     + "".join(f"<tr><td><code>{_h(f)}</code></td><td>{_h(why)}</td></tr>"
                               for f, why in report.skipped) + "</table>")
    return _page(f"{a.title or 'Assignment'}: class summary", "\n".join(parts))


def _inside(inner: str, outer: str) -> bool:
    return inner == outer or inner.startswith(outer.rstrip(os.sep) + os.sep)


def _folder_of(named: str) -> str | None:
    """The folder a submissions argument grades in: itself (a folder), the folder of a
    file, or the fixed folder part of a glob pattern (``subs/*.yaml``: ``subs``)."""
    if os.path.isdir(named):  # noqa: PTH112 -- a str path, as given
        return named
    if any(c in named for c in "*?["):
        head: list[str] = []
        for part in named.replace(os.sep, "/").split("/"):
            if any(c in part for c in "*?["):
                break
            head.append(part)
        folder = "/".join(head)
        return folder or ("/" if named.startswith("/") else ".")
    if os.path.isfile(named):  # noqa: PTH113 -- same
        return os.path.dirname(named) or "."  # noqa: PTH120 -- same
    return None


def check_report_folder(folder: str | Path, submissions: Sequence[str] = ()) -> None:
    """Raise :class:`~argmap.errors.UsageError` unless ``folder`` may take the reports.

    It must be new, empty, or a folder :func:`write_reports` wrote before (it holds
    :data:`REPORT_MARKER`); and it must be neither inside one of the ``submissions``
    folders (the next run would grade the reports), nor inside the folder of a
    submission file or of a pattern (``subs/*.yaml``: ``subs``) unless that is the
    current folder, nor hold one of them.
    """
    from argmap.errors import UsageError  # noqa: PLC0415 -- light start-up

    name = os.fspath(folder)
    root = os.path.realpath(name)
    here = os.path.realpath(os.curdir)
    for named in submissions:
        given = _folder_of(named)
        if given is None:
            continue
        real = os.path.realpath(given)
        if given != named and real == here:
            # a file in (or a pattern over) the folder the teacher works in: its
            # reports go there too; the marker keeps a later scan out of them
            continue
        if _inside(root, real):
            raise UsageError(
                f"the report folder {name} is inside the submissions folder {given}: the "
                "next run would grade the reports; name a folder outside it, e.g. "
                "-o report/ next to it")
        if _inside(real, root):
            raise UsageError(
                f"the report folder {name} holds the submissions folder {given}; name a "
                "new folder for the reports, e.g. -o report/")
    if not os.path.isdir(name):  # noqa: PTH112 -- same
        return
    try:
        entries = sorted(os.listdir(name))  # noqa: PTH208 -- a str path
    except OSError as exc:
        raise UsageError(f"cannot list the report folder {name}: {exc.strerror or exc}"
                         ) from None
    if not entries or os.path.isfile(os.path.join(name, REPORT_MARKER)):  # noqa: PTH113, PTH118
        _refuse_linked_feedback(Path(name))
        return
    shown = ", ".join(for_display(e) for e in entries[:3]) + (", ..." if len(entries) > 3
                                                               else "")
    raise UsageError(
        f"the report folder {name} is not empty and argmap grade did not write it "
        f"({shown}); its files would be overwritten. Name a new or empty folder, e.g. "
        f"-o report/ (grade reuses only a folder holding its {REPORT_MARKER} file)")


def _refuse_linked_feedback(root: Path) -> None:
    from argmap.errors import UsageError  # noqa: PLC0415 -- light start-up

    feedback = root / "feedback"
    if feedback.is_symlink():
        raise UsageError(
            f"{feedback} in the report folder is a symbolic link: grade writes (and "
            "removes stale) feedback pages only in a real folder; remove the link or name "
            "a new report folder")


def _previous(root: Path) -> list[str]:
    """The files the last run listed in the marker (empty when none or unreadable)."""
    try:
        data = json.loads((root / REPORT_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    files = data.get("files") if isinstance(data, dict) else None
    return [f for f in files if isinstance(f, str)] if isinstance(files, list) else []


def _remove_stale(root: Path, previous: Sequence[str], kept: set[str]) -> list[str]:
    """Remove the feedback pages the last run wrote that this one did not; those removed."""
    removed = []
    for name in previous:
        parts = Path(name).parts
        if (name in kept or len(parts) != 2 or parts[0] != "feedback"
                or not parts[1].endswith(".html")):
            continue  # only a page this module names: feedback/<name>.html
        target = root / name
        if target.is_symlink() or not target.is_file():
            continue
        try:
            target.unlink()
        except OSError:
            continue
        removed.append(str(target))
    return removed


def write_reports(report: ClassReport, folder: str | Path, *, bom: bool = False,
                  feedback: bool = True) -> list[str]:
    """Write every report into ``folder`` (created if needed), each file atomically;
    the paths written.

    The folder must be new, empty or one this function wrote before (see
    :func:`check_report_folder`); the feedback pages an earlier run wrote and this one
    does not (a smaller class) are removed.  Raises :class:`~argmap.errors.UsageError`
    for a folder it must not write into, :class:`~argmap.errors.WriteError`.
    """
    from argmap._io import write_file  # noqa: PLC0415 -- light start-up
    from argmap.errors import WriteError  # noqa: PLC0415 -- same

    check_report_folder(folder)
    root = Path(folder)
    previous = _previous(root)
    # every report is made before anything is written: a report that cannot be made
    # leaves the folder as it was
    planned: list[tuple[str, bytes]] = [
        ("grades.csv", grades_csv(report, bom=bom)),
        ("grades.json", grades_json(report)),
        ("grades.junit.xml", grades_junit(report)),
    ]
    if feedback:
        planned.extend((row.page, feedback_page(row, report.assignment, back="../index.html"))
                       for row in report.rows)
    planned.append(("index.html", index_page(report)))
    try:
        (root / "feedback").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from argmap._io import os_error_reason  # noqa: PLC0415 -- only on failure

        raise WriteError(str(root), os_error_reason(exc, str(root))) from None
    _refuse_linked_feedback(root)
    inputs = [row.submission.file for row in report.rows]
    relative = [name for name, _ in planned]

    def mark(files: list[str], *, complete: bool) -> None:
        marker = {"generator": f"argmap {__version__}",
                  "note": "written by argmap grade: it reuses this folder and replaces "
                          "the files listed",
                  "complete": complete,
                  "files": files}
        write_file(root / REPORT_MARKER, (json.dumps(marker, indent=2) + "\n").encode(),
                   inputs=inputs)

    # marked "incomplete" first (listing what may be written), so that a run stopped
    # half-way (a full disk) leaves a folder the next run may reuse and clean up
    mark(list(dict.fromkeys([*previous, *relative])), complete=False)
    written: list[str] = []
    for name, data in planned:
        target = root / name
        write_file(target, data, inputs=inputs)
        written.append(str(target))
    _remove_stale(root, previous, set(relative))
    mark(relative, complete=True)
    return written
