"""Reporters: diagnostics of one or many files to text, JSON, CI annotations, SARIF or
JUnit XML (the last two in :mod:`argmap._report_ci`).

Reporters are looked up by name (:func:`reporter`); each takes the results of a run and
returns the text to print.  Commands that report findings (``validate``, ``check``)
share them, so ``--format`` means the same everywhere.

Text for people has its control characters escaped (:func:`argmap._display.for_display`:
a map or a file name cannot drive the terminal); JSON keeps every value exact and
escapes the characters a terminal would act on (:func:`argmap._display.json_safe`).
JSON is written by the C encoder, compact unless an indent is asked for.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Protocol

import attrs

from argmap._display import for_display, json_safe
from argmap._limits import Omitted
from argmap.errors import Diagnostic, Severity

__all__ = ["FileReport", "Reporter", "dump_json", "reporter", "reporter_names"]


@attrs.frozen
class FileReport:
    """The diagnostics of one input (``file`` is ``"-"`` for standard input)."""

    file: str
    diagnostics: tuple[Diagnostic, ...]
    #: The file could not be read at all (I/O error): exit code 2 rather than 1.
    unreadable: bool = False
    #: The file's text, for reporters that quote the offending line (``--show-source``).
    source: str | None = attrs.field(default=None, repr=False)

    @property
    def errors(self) -> int:
        """Error-level problems, counting those a ``too-many-problems`` line stands for."""
        return _count(self.diagnostics, Severity.ERROR)

    @property
    def warnings(self) -> int:
        return _count(self.diagnostics, Severity.WARNING)

    @property
    def notes(self) -> int:
        return _count(self.diagnostics, Severity.INFO)


def _count(diagnostics: Sequence[Diagnostic], severity: Severity) -> int:
    """The problems of ``severity``: one per diagnostic, and for the summary of those
    left out (:class:`argmap._limits.Omitted`) the number it stands for."""
    total = 0
    for d in diagnostics:
        if isinstance(d, Omitted):
            total += d.count(severity)
        elif d.severity is severity:
            total += 1
    return total


class Reporter(Protocol):
    """``reporter(reports, verb)``: the text to print for a run.

    ``quiet`` leaves out the files without diagnostics (the summary still counts every
    file); ``indent`` pretty-prints JSON (other formats ignore it).
    """

    def __call__(
        self,
        reports: Sequence[FileReport],
        verb: str,
        *,
        quiet: bool = False,
        indent: int | None = None,
    ) -> str: ...


def dump_json(payload: Any, indent: int | None = None) -> str:
    """``payload`` as JSON text and a final newline: compact (the C encoder) unless
    ``indent`` is given, UTF-8 characters kept, terminal controls escaped."""
    if indent is None:
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    else:
        text = json.dumps(payload, ensure_ascii=False, indent=indent)
    return json_safe(text) + "\n"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _snippet(texts: Sequence[str], line: int, column: int | None) -> list[str]:
    """The source line with a caret under the column, as rustc and ruff show it."""
    if not 0 < line <= len(texts):
        return []
    text = texts[line - 1].replace("\t", " ")
    if len(text) > 200:
        start = max(0, (column or 1) - 100)
        text = text[start : start + 200]
        column = (column or 1) - start
    gutter = len(str(line))
    out = [f"  {line} | {for_display(text)}"]
    if column is not None:
        # the caret sits under the character, after what escaping made wider
        before = for_display(text[: max(column - 1, 0)])
        out.append(f"  {' ' * gutter} | {' ' * len(before)}^")
    return out


def _text(
    reports: Sequence[FileReport], verb: str, *, quiet: bool = False, indent: int | None = None
) -> str:
    lines: list[str] = []
    for report in reports:
        # split once per file: a file with many problems is not split once per problem
        texts = report.source.splitlines() if report.source is not None else None
        for d in report.diagnostics:
            lines.append(str(d))
            if texts is not None and d.location.line is not None:
                lines.extend(_snippet(texts, d.location.line, d.location.column))
    bad = sum(1 for r in reports if r.errors or r.unreadable)
    errors = sum(r.errors for r in reports)
    warnings = sum(r.warnings for r in reports)
    notes = sum(r.notes for r in reports)
    if quiet and not lines:
        return ""
    summary = f"{_plural(len(reports), 'file')} {verb}: "
    if bad == 0 and warnings == 0:
        summary += "all ok"
        if notes:
            summary += f" ({_plural(notes, 'note')})"
    else:
        summary += f"{_plural(bad, 'file')} with errors, {_plural(errors, 'error')}"
        if warnings:
            summary += f", {_plural(warnings, 'warning')}"
        if notes:
            summary += f", {_plural(notes, 'note')}"
    lines.append(summary)
    return "\n".join(lines) + "\n"


def _json(
    reports: Sequence[FileReport], verb: str, *, quiet: bool = False, indent: int | None = None
) -> str:
    payload = {
        "files": [
            {
                "file": r.file,
                "ok": not r.errors and not r.unreadable,
                "errors": r.errors,
                "warnings": r.warnings,
                "notes": r.notes,
                "diagnostics": [d.to_json() for d in r.diagnostics],
            }
            for r in reports
            if r.diagnostics or not quiet
        ],
        "summary": {
            "files": len(reports),
            "files_with_errors": sum(1 for r in reports if r.errors or r.unreadable),
            "errors": sum(r.errors for r in reports),
            "warnings": sum(r.warnings for r in reports),
            "notes": sum(r.notes for r in reports),
        },
    }
    return dump_json(payload, indent)


def _escape_data(value: str) -> str:
    encoded = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return for_display(encoded)


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _github(
    reports: Sequence[FileReport], verb: str, *, quiet: bool = False, indent: int | None = None
) -> str:
    """GitHub Actions workflow commands: one annotation per diagnostic.

    Line breaks are %-encoded as the runner expects; other control characters escaped.
    """
    lines = []
    for report in reports:
        for d in report.diagnostics:
            level = {"error": "error", "warning": "warning"}.get(d.severity.value, "notice")
            props = [f"file={_escape_property(d.location.file or report.file)}"]
            if d.location.line is not None:
                props.append(f"line={d.location.line}")
            if d.location.column is not None:
                props.append(f"col={d.location.column}")
            props.append(f"title={_escape_property('argmap ' + d.code)}")
            message = d.message + (f" (hint: {d.hint})" if d.hint else "")
            lines.append(f"::{level} {','.join(props)}::{_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def _sarif(
    reports: Sequence[FileReport], verb: str, *, quiet: bool = False, indent: int | None = None
) -> str:
    """SARIF 2.1.0 for code-scanning tools (:func:`argmap._report_ci.sarif`)."""
    from argmap._report_ci import sarif  # noqa: PLC0415 -- loaded only when asked for

    return sarif(reports, verb, quiet=quiet, indent=indent)


def _junit(
    reports: Sequence[FileReport], verb: str, *, quiet: bool = False, indent: int | None = None
) -> str:
    """JUnit XML for test dashboards (:func:`argmap._report_ci.junit`)."""
    from argmap._report_ci import junit  # noqa: PLC0415 -- loaded only when asked for

    return junit(reports, verb, quiet=quiet, indent=indent)


_REPORTERS: dict[str, Reporter] = {
    "text": _text, "json": _json, "github": _github, "sarif": _sarif, "junit": _junit,
}


def reporter_names() -> tuple[str, ...]:
    """The names ``--format`` accepts."""
    return tuple(_REPORTERS)


def reporter(name: str) -> Reporter:
    """The reporter called ``name``; raises ``KeyError`` for an unknown name."""
    return _REPORTERS[name]
