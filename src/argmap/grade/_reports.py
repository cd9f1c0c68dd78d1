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
import re
import statistics
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from argmap._display import for_display, json_safe
from argmap._version import __version__
from argmap._words import count as counted
from argmap.grade._collect import Found, identity_of
from argmap.grade._profile import Assignment
from argmap.grade._result import Message, Submission

__all__ = ["ClassReport", "Graded", "class_report", "write_reports"]

#: The version of the grades.json layout (see schemas/grades.schema.json).
GRADES_FORMAT = 1


@attrs.frozen
class Graded:
    """One graded file: the student it belongs to, its grade, its feedback page."""

    student: str
    submission: Submission
    page: str


@attrs.frozen
class ClassReport:
    """Everything the reports say about one run over a class."""

    assignment: Assignment
    rows: tuple[Graded, ...]
    missing: tuple[str, ...] = ()
    skipped: tuple[tuple[str, str], ...] = ()
    unlisted: tuple[str, ...] = ()
    roster: bool = False

    @property
    def passed(self) -> tuple[str, ...]:
        """The students who passed (with at least one passing file), in order."""
        return tuple(dict.fromkeys(r.student for r in self.rows if r.submission.passed))

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
    students = [identity_of(f, s, identity) for f, s in zip(found, submissions, strict=True)]
    pages = page_names(list(zip(students, (f.path for f in found), strict=True)))
    rows = tuple(Graded(student, sub, page)
                 for student, sub, page in zip(students, submissions, pages, strict=True))
    missing: tuple[str, ...] = ()
    unlisted: tuple[str, ...] = ()
    if roster is not None:
        handed = {s.strip().casefold() for s in students}
        listed = {s.strip().casefold() for s in roster}
        missing = tuple(s for s in roster if s.strip().casefold() not in handed)
        unlisted = tuple(dict.fromkeys(s for s in students if s.strip().casefold() not in listed))
    return ClassReport(assignment, rows, missing, tuple(skipped), unlisted, roster is not None)


def page_names(students: Sequence[tuple[str, str]]) -> list[str]:
    """A safe, unique feedback file name for each (student, file)."""
    out: list[str] = []
    used: set[str] = set()
    for student, _file in students:
        stem = re.sub(r"[^A-Za-z0-9_-]+", "-", student).strip("-")[:60] or "student"
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
    return "'" + text if value.startswith(_FORMULA_START) else text


def grades_csv(report: ClassReport, *, bom: bool = False) -> bytes:
    """``student,file,score,max_score,problems``: one row per file, then one per missing
    student (score 0, problem ``missing``)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["student", "file", "score", "max_score", "problems"])
    for row in report.rows:
        sub = row.submission
        writer.writerow([_cell(row.student), _cell(sub.file), number(sub.score),
                         number(sub.max_score), _cell(problems_summary(sub))])
    for student in report.missing:
        writer.writerow([_cell(student), "", "0", number(report.assignment.max_score),
                         "missing: no submission found"])
    return out.getvalue().encode("utf-8-sig" if bom else "utf-8")


def _json_message(m: Message) -> dict[str, Any]:
    return m.to_json()


def grades_json(report: ClassReport) -> bytes:
    """The whole run as JSON (schemas/grades.schema.json)."""
    a = report.assignment
    scores = [r.submission.score for r in report.rows]
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
             "authors": list(row.submission.authors),
             "requirements": [req.to_json() for req in row.submission.requirements],
             "problems": [_json_message(m) for m in row.submission.problems],
             "notes": [_json_message(m) for m in row.submission.notes],
             "draw_note": row.submission.draw_note}
            for row in report.rows],
        "missing": list(report.missing),
        "unlisted": list(report.unlisted),
        "skipped": [{"file": f, "reason": why} for f, why in report.skipped],
        "summary": {
            "submissions": len(report.rows),
            "passed": list(report.passed),
            "mean": round(statistics.fmean(scores), 2) if scores else None,
            "median": round(statistics.median(scores), 2) if scores else None,
            "failed_requirements": dict(report.failed_requirements()),
            "failed_rules": dict(report.failed_rules()),
        },
    }
    # json_safe writes lone surrogates, C1 and bidi controls as \\u escapes: the text
    # is then plain UTF-8 and the values are unchanged
    return (json_safe(json.dumps(payload, ensure_ascii=False, indent=2)) + "\n").encode()


_XML_BAD = re.compile("[\ufffe\uffff]")


def _xml(text: str) -> str:
    return _XML_BAD.sub("\\\\ufffe", for_display(text, newlines=True))


def grades_junit(report: ClassReport) -> bytes:
    """JUnit XML: a test suite per submission, a test case per requirement."""
    suites = ET.Element("testsuites", name=_xml(f"argmap grade: {report.assignment.title or ''}"))
    total = failures = 0
    for row in report.rows:
        sub = row.submission
        suite = ET.SubElement(suites, "testsuite", name=_xml(row.student),
                              file=_xml(sub.file), time=f"{sub.seconds:.3f}")
        lost = 0
        for req in sub.requirements:
            case = ET.SubElement(suite, "testcase", classname=_xml(row.student),
                                 name=req.name, time="0")
            if req.earned < req.points:
                lost += 1
                failure = ET.SubElement(
                    case, "failure", type="lost-points",
                    message=_xml(f"{number(req.earned)} of {number(req.points)} points"))
                failure.text = _xml("\n".join(_message_line(sub.file, m)
                                              for m in req.messages))
        suite.set("tests", str(len(sub.requirements)))
        suite.set("failures", str(lost))
        total += len(sub.requirements)
        failures += lost
    for student in report.missing:
        suite = ET.SubElement(suites, "testsuite", name=_xml(student), tests="1", failures="1")
        case = ET.SubElement(suite, "testcase", classname=_xml(student), name="submission")
        ET.SubElement(case, "failure", type="missing", message="no submission found")
        total += 1
        failures += 1
    suites.set("tests", str(total))
    suites.set("failures", str(failures))
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
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(_POLICY)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="argmap {html.escape(__version__)}">
<title>{_h(title)}</title>
<style>{_STYLE}</style>
</head>
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
    scores = [r.submission.score for r in rows]
    parts = [f"<h1>{_h(a.title or 'Assignment')}: class summary</h1>",
             f"<p class=\"meta\">{counted(len(rows), 'submission')} graded &middot; "
             f"{len(report.passed)} passed &middot; pass mark {number(a.pass_score)} of "
             f"{number(a.max_score)}"
             + (f" &middot; mean {number(statistics.fmean(scores))}, median "
                f"{number(statistics.median(scores))}" if scores else "") + "</p>"]
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
    if report.skipped:
        parts.append("<h2>Files not graded</h2><table><tr><th>file</th><th>why</th></tr>"
                     + "".join(f"<tr><td><code>{_h(f)}</code></td><td>{_h(why)}</td></tr>"
                               for f, why in report.skipped) + "</table>")
    return _page(f"{a.title or 'Assignment'}: class summary", "\n".join(parts))


def write_reports(report: ClassReport, folder: str | Path, *, bom: bool = False,
                  feedback: bool = True) -> list[str]:
    """Write every report into ``folder`` (created if needed), each file atomically;
    the paths written.  Raises :class:`~argmap.errors.WriteError`."""
    from argmap._io import write_file  # noqa: PLC0415 -- light start-up
    from argmap.errors import WriteError  # noqa: PLC0415 -- same

    root = Path(folder)
    try:
        (root / "feedback").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from argmap._io import os_error_reason  # noqa: PLC0415 -- only on failure

        raise WriteError(str(root), os_error_reason(exc, str(root))) from None
    inputs = [row.submission.file for row in report.rows]
    written: list[str] = []

    def put(name: str, data: bytes) -> None:
        target = root / name
        write_file(target, data, inputs=inputs)
        written.append(str(target))

    put("grades.csv", grades_csv(report, bom=bom))
    put("grades.json", grades_json(report))
    put("grades.junit.xml", grades_junit(report))
    if feedback:
        for row in report.rows:
            put(row.page, feedback_page(row, report.assignment, back="../index.html"))
    put("index.html", index_page(report))
    return written
