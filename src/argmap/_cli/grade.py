"""``argmap grade``: grade a class of submissions against an assignment profile."""

from __future__ import annotations

import enum
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from argmap._cli.common import EXIT_OK, fail
from argmap._display import for_display
from argmap._words import count as counted

if TYPE_CHECKING:
    from argmap.grade import ClassReport, Submission

__all__ = ["register"]

GRADE_HELP = """\
Grade a class: score every submission against an assignment profile and write the
grade sheet, a feedback page per student and a class summary.

SUBMISSIONS are files, folders (every .yaml, .yml, .json, .argdown and .ad file below
them) or glob patterns.  Every file is graded: one that cannot be read, is empty,
binary, too large, over its time budget (--timeout) or its memory cap (--memory), or
not a valid map scores 0 with the reason, and the run goes on.  Files in the folders
that are not graded are listed with why: another extension, a hidden name, a JSON
Schema or other data that is no argument map, a symbolic link (never followed inside a
folder, even one swapped in after the scan; a file named on the command line may be
one), a FIFO or a device.  A student who handed in several files gets a row for each;
the best one counts, and the others are marked "not counted".

The report folder (-o) must be new, empty, or one grade wrote before (it leaves a
.argmap-grade file there); the feedback pages of an earlier run that this one does not
write are then removed.  It must not lie inside a submissions folder, nor inside the
folder of a submission file or pattern (unless that is the current folder); a folder
holding a .argmap-grade file is never graded.  A feedback/ that is a link is refused.
Names differing only in capitals are one student, shown as first spelt.

The assignment (a TOML file, see docs/teaching.md) says what a map must have and
what each requirement is worth.  Into the report folder (-o) go, each written
atomically: grades.csv (student, file, score, max_score, problems), grades.json
(schemas/grades.schema.json), grades.junit.xml, feedback/<student>.html and
index.html (the class summary).  Standard output ends with who passed.

A setting of the assignment that no map matches (a [thesis] side that is a side of
none of the graded maps) is warned about on stderr, at its line in the assignment,
with the sides the maps have; the summary page and grades.json say it too.

Exit status: 0 when grading ran (whatever the grades), 2 on a usage error (a bad
assignment, an option, a report folder that cannot or must not be written).

Examples:

  argmap grade submissions/ -a assignment.toml -o report/

  argmap grade class-7b/ -a assignment.toml -o report/ --identity folder \\
      --roster students.csv --bom
"""


class SummaryFormat(enum.StrEnum):
    """How the summary is printed."""

    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"


class Identity(enum.StrEnum):
    """How a submission's student is named."""

    name = "name"
    folder = "folder"
    authors = "authors"


def _default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _progress(total: int) -> tuple[Callable[[Submission], None] | None, Callable[[], None]]:
    """A progress bar on stderr when it is a terminal; otherwise nothing."""
    if total < 2 or not sys.stderr.isatty():
        return None, lambda: None
    from rich.console import Console  # noqa: PLC0415 -- only for a terminal
    from rich.progress import (  # noqa: PLC0415 -- same
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TimeRemainingColumn,
    )

    # refreshed by hand, not by rich's thread: the worker processes are forked while
    # the bar is shown, and a fork must not copy a lock that thread holds
    progress = Progress("grading", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=Console(stderr=True), transient=True, auto_refresh=False)
    task = progress.add_task("grading", total=total)
    progress.start()
    progress.refresh()

    def step(_: Submission) -> None:
        progress.advance(task)
        progress.refresh()

    return step, progress.stop


def grade_command(
    submissions: Annotated[
        list[str] | None,
        typer.Argument(help="Submission files, folders of them, or glob patterns.",
                       metavar="SUBMISSIONS...", show_default=False),
    ] = None,
    assignment_file: Annotated[
        str | None,
        typer.Option("--assignment", "-a", metavar="FILE",
                     help="The assignment profile (TOML): requirements and points."),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FOLDER",
                     help="The report folder (created if needed)."),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", metavar="N", min=1, max=1024,
                     help="Grade N files at a time (default: every core).",
                     show_default=False),
    ] = None,
    roster: Annotated[
        str | None,
        typer.Option("--roster", metavar="FILE",
                     help="A CSV of the students expected (a `student` column, or the "
                     "first); missing submissions are reported."),
    ] = None,
    identity: Annotated[
        Identity,
        typer.Option("--identity", metavar="FROM",
                     help="Name each student by the file's name, by the folder below the "
                     "one named (a folder per student), or by the map's `authors`."),
    ] = Identity.name,
    bom: Annotated[
        bool, typer.Option("--bom", help="Start grades.csv with a UTF-8 byte order mark "
                           "(for spreadsheets that need it to read UTF-8).")
    ] = False,
    draw: Annotated[
        bool, typer.Option("--draw/--no-draw", help="Draw each map in its feedback page "
                           "(needs Graphviz; the slow part of grading).")
    ] = True,
    timeout: Annotated[
        float, typer.Option("--timeout", metavar="SECONDS", min=1, max=86400,
                            help="Each submission's time budget (reading, grading and "
                            "drawing): a file whose grading runs over it scores 0 with the "
                            "reason; one whose drawing does keeps its grade without the "
                            "picture.")
    ] = 20.0,
    memory: Annotated[
        int, typer.Option("--memory", metavar="MIB", min=0, max=1 << 20,
                          help="What grading each submission may allocate, in MiB (0: no "
                          "cap; at least 16): a file whose grading needs more scores 0 "
                          "with the reason and the class goes on.  Linux only; the "
                          "drawing is not capped.")
    ] = 1024,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", metavar="N", min=1, max=1 << 31,
                          help="A larger submission scores 0 unread (default 4 MiB).")
    ] = 4 * 1024 * 1024,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only the summary line and who "
                           "passed, not a line per submission.")
    ] = False,
    output_format: Annotated[
        SummaryFormat,
        typer.Option("--format", "-f", metavar="FORMAT",
                     help="Print on standard output the summary as text, the grades as JSON "
                     "(the content of grades.json), or every lost point at its line as sarif "
                     "(SARIF 2.1.0, code scanning) or junit (JUnit XML, one suite per file)."),
    ] = SummaryFormat.text,
) -> int:
    from argmap.errors import ArgmapError  # noqa: PLC0415 -- light start-up
    from argmap.grade import (  # noqa: PLC0415 -- same
        MIN_MEMORY,
        AssignmentError,
        check_report_folder,
        class_report,
        collect,
        grade_all,
        load_assignment,
        read_roster,
        write_reports,
    )

    if not submissions:
        fail("name the submissions to grade (files or folders)",
             "argmap grade submissions/ -a assignment.toml -o report/")
    if assignment_file is None:
        fail("name the assignment profile with --assignment FILE",
             "see docs/teaching.md for what goes in it")
    if output is None:
        fail("name the report folder with -o FOLDER", "for example: -o report/")
    try:
        assignment = load_assignment(assignment_file)
    except AssignmentError as exc:
        *first, last = exc.problems  # every problem, by line; the last one ends the run
        for line, column, reason, hint in first:
            typer.echo(f"argmap: error: {_shown(_where(exc.file, line, column) + reason)}",
                       err=True)
            if hint:
                typer.echo(f"  hint: {_shown(hint)}", err=True)
        fail(_where(exc.file, last[0], last[1]) + last[2], last[3])
    if memory and memory < MIN_MEMORY:
        fail(f"--memory {memory} is too low: grading even a tiny map needs about 5 MiB, "
             f"and the lowest cap accepted is {MIN_MEMORY} MiB",
             f"pass --memory {MIN_MEMORY} or more (the default is 1024), or 0 for no cap")
    if os.path.exists(output) and not os.path.isdir(output):  # noqa: PTH110, PTH112 -- as given
        fail(f"the report folder {output} is a file", "name a folder: -o report/")
    try:
        check_report_folder(output, submissions)
    except ArgmapError as exc:
        fail(str(exc))
    try:
        names = read_roster(roster) if roster is not None else None
        found = collect(submissions, exclude=[output, assignment_file,
                                              *([roster] if roster else [])])
    except ArgmapError as exc:
        fail(str(exc))
    paths = [f.path for f in found.files]
    if draw:
        from argmap.render import graphviz_available  # noqa: PLC0415 -- light

        if not graphviz_available():
            typer.echo("argmap: note: Graphviz (`dot`) is not installed: the feedback pages "
                       "show no map (install graphviz, or pass --no-draw to leave the maps "
                       "out on purpose)", err=True)
    step, stop = _progress(len(paths))
    try:
        graded = grade_all(paths, assignment, jobs=jobs or _default_jobs(),
                           max_bytes=max_bytes, draw=draw, done=step, timeout=timeout,
                           memory=memory or None,
                           refuse_links=[f.path for f in found.files if not f.chosen],
                           roots={f.path: f.root for f in found.files
                                  if not f.chosen and f.root is not None})
    finally:
        stop()
    report = class_report(assignment, found.files, graded, identity=identity.value,
                          roster=names, skipped=found.skipped)
    for warning in report.warnings:
        typer.echo(f"argmap: warning: {_shown(warning.where + ': ' + warning.message)}",
                   err=True)
        if warning.hint:
            typer.echo(f"  hint: {_shown(warning.hint)}", err=True)
    try:
        written = write_reports(report, output, bom=bom)
    except ArgmapError as exc:
        fail(str(exc), "name a folder you can write to")
    typer.echo(_shown(
        f"argmap: wrote {len(written)} files into {output}: grades.csv, grades.json, "
        f"grades.junit.xml, index.html and {counted(len(report.rows), 'feedback page')}"), err=True)
    if output_format is SummaryFormat.json:
        from argmap.grade._reports import grades_json  # noqa: PLC0415 -- loaded already

        sys.stdout.write(grades_json(report).decode("utf-8"))
    elif output_format is SummaryFormat.sarif:
        from argmap.grade._reports import grades_sarif  # noqa: PLC0415 -- loaded already

        sys.stdout.write(grades_sarif(report))
    elif output_format is SummaryFormat.junit:
        from argmap._report import reporter  # noqa: PLC0415 -- only for these formats
        from argmap.grade._reports import findings  # noqa: PLC0415 -- loaded already

        sys.stdout.write(reporter(output_format.value)(findings(report), "graded"))
    else:
        typer.echo(_summary(report, quiet=quiet))
    return EXIT_OK


def _shown(text: str) -> str:
    """``text`` safe for a terminal: control characters escaped, tabs too."""
    return for_display(text).replace("\t", "\\t")


def _where(file: str, line: int | None, column: int | None) -> str:
    return file + (f":{line}" if line else "") + (f":{column}" if line and column else "") \
        + ": "


def _names(names: Sequence[str]) -> str:
    return ", ".join(_shown(n) for n in names) if names else "nobody"


def _summary(report: ClassReport, *, quiet: bool) -> str:
    from argmap.grade._reports import number  # noqa: PLC0415 -- loaded already

    a = report.assignment
    students = len(report.counted)
    lines = [_shown(
        f"graded {counted(len(report.rows), 'submission')}"
        + (f" from {counted(students, 'student')}" if students != len(report.rows) else "")
        + (f" for {a.title!r}" if a.title else "")
        + f": {number(a.max_score)} points, pass mark {number(a.pass_score)}")]
    if not quiet and report.rows:
        width = min(max(len(_shown(r.student)) for r in report.rows), 30)
        for row in report.rows:
            sub = row.submission
            verdict = "passed" if sub.passed else (
                "not passed" if sub.status == "graded" else f"0: {sub.reason}")
            if not row.counts:
                verdict = f"not counted ({verdict}): several files, the best counts"
            lines.append(f"  {_shown(row.student):<{width}}  "
                         f"{number(sub.score):>6} / {number(sub.max_score):<6} "
                         f"{_shown(verdict)}  ({_shown(sub.file)})")
    lines.append(f"passed ({len(report.passed)}): {_names(report.passed)}")
    lines.append(f"not passed ({len(report.not_passed)}): {_names(report.not_passed)}")
    several = report.several
    if several:
        lines.append(f"several files ({len(several)}): " + "; ".join(
            _shown(f"{student}: {rows[0].several} counts"
                   f" ({len(rows)} files)") for student, rows in several.items()))
    if report.roster:
        lines.append(f"missing ({len(report.missing)}): {_names(report.missing)}")
        if report.unlisted:
            lines.append(f"not on the roster ({len(report.unlisted)}): "
                         f"{_names(report.unlisted)}")
    if report.skipped:
        shown = ", ".join(_shown(f"{f} ({why})") for f, why in report.skipped[:10])
        more = f", ... ({len(report.skipped) - 10} more)" if len(report.skipped) > 10 else ""
        lines.append(f"skipped ({len(report.skipped)}): {shown}{more}")
    lines.extend(_shown(f"note: {n}") for n in report.notes)
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    """Add ``argmap grade`` to ``app``."""
    app.command("grade", help=GRADE_HELP, no_args_is_help=True)(grade_command)
