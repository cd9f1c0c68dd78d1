"""Grading a class: an assignment profile, a score per submission, feedback and reports.

::

    from argmap.grade import load_assignment, grade_file

    assignment = load_assignment("examples/classroom/assignment.toml")
    result = grade_file("examples/classroom/submissions/amira.yaml", assignment, draw=False)
    print(result.score, "of", result.max_score)
    for requirement in result.lost:                   # what lost points, and why
        for message in requirement.messages:
            print(message.line, message.text, "->", message.hint)

:func:`grade_file` is a pure function of (file, assignment): it reads the file, writes
nothing and returns a picklable :class:`Submission`, so a process pool (``argmap grade
--jobs``), a Dask bag or a Ray task can run it as it is (see ``docs/teaching.md``).
:func:`grade_all` runs it over a pool; :func:`class_report` names the students and
:func:`write_reports` writes grades.csv, grades.json, grades.junit.xml, a feedback page
per student and the class summary.
"""

from __future__ import annotations

from argmap.grade._collect import (
    IDENTITIES,
    SUBMISSION_SUFFIXES,
    Collected,
    Found,
    collect,
    grade_all,
    identity_of,
    read_roster,
)
from argmap.grade._grading import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MEMORY,
    DEFAULT_TIMEOUT,
    MIN_MEMORY,
    describe,
    grade_bytes,
    grade_file,
    grade_files,
    grade_map,
)
from argmap.grade._profile import (
    REQUIREMENTS,
    Assignment,
    AssignmentError,
    Requirement,
    assignment_schema,
    load_assignment,
    parse_assignment,
)
from argmap.grade._reports import (
    REPORT_MARKER,
    AssignmentWarning,
    ClassReport,
    Graded,
    check_report_folder,
    class_report,
    write_reports,
)
from argmap.grade._result import Message, RequirementResult, Submission

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MEMORY",
    "DEFAULT_TIMEOUT",
    "IDENTITIES",
    "MIN_MEMORY",
    "REPORT_MARKER",
    "REQUIREMENTS",
    "SUBMISSION_SUFFIXES",
    "Assignment",
    "AssignmentError",
    "AssignmentWarning",
    "ClassReport",
    "Collected",
    "Found",
    "Graded",
    "Message",
    "Requirement",
    "RequirementResult",
    "Submission",
    "assignment_schema",
    "check_report_folder",
    "class_report",
    "collect",
    "describe",
    "grade_all",
    "grade_bytes",
    "grade_file",
    "grade_files",
    "grade_map",
    "identity_of",
    "load_assignment",
    "parse_assignment",
    "read_roster",
    "write_reports",
]
