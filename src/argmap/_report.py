"""Reporters: diagnostics of one or many files to text, JSON or CI annotations.

Reporters are looked up by name (:func:`reporter`); each takes the results of a run and
returns the text to print.  Commands that report findings (``validate``, ``check``)
share them, so ``--format`` means the same everywhere.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

import attrs

from argmap.errors import Diagnostic, Severity

__all__ = ["FileReport", "reporter", "reporter_names"]


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
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity is Severity.WARNING for d in self.diagnostics)

    @property
    def notes(self) -> int:
        return sum(d.severity is Severity.INFO for d in self.diagnostics)


Reporter = Callable[[Sequence[FileReport], str], str]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _snippet(source: str, line: int, column: int | None) -> list[str]:
    """The source line with a caret under the column, as rustc and ruff show it."""
    texts = source.splitlines()
    if not 0 < line <= len(texts):
        return []
    text = texts[line - 1].replace("\t", " ")
    if len(text) > 200:
        start = max(0, (column or 1) - 100)
        text = text[start : start + 200]
        column = (column or 1) - start
    gutter = len(str(line))
    out = [f"  {line} | {text}"]
    if column is not None:
        out.append(f"  {' ' * gutter} | {' ' * (column - 1)}^")
    return out


def _text(reports: Sequence[FileReport], verb: str) -> str:
    lines: list[str] = []
    for report in reports:
        for d in report.diagnostics:
            lines.append(str(d))
            if report.source is not None and d.location.line is not None:
                lines.extend(_snippet(report.source, d.location.line, d.location.column))
    bad = sum(1 for r in reports if r.errors or r.unreadable)
    errors = sum(r.errors for r in reports)
    warnings = sum(r.warnings for r in reports)
    notes = sum(r.notes for r in reports)
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


def _json(reports: Sequence[FileReport], verb: str) -> str:
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
        ],
        "summary": {
            "files": len(reports),
            "files_with_errors": sum(1 for r in reports if r.errors or r.unreadable),
            "errors": sum(r.errors for r in reports),
            "warnings": sum(r.warnings for r in reports),
            "notes": sum(r.notes for r in reports),
        },
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _github(reports: Sequence[FileReport], verb: str) -> str:
    """GitHub Actions workflow commands: one annotation per diagnostic."""
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


_REPORTERS: dict[str, Reporter] = {"text": _text, "json": _json, "github": _github}


def reporter_names() -> tuple[str, ...]:
    """The names ``--format`` accepts."""
    return tuple(_REPORTERS)


def reporter(name: str) -> Reporter:
    """The reporter called ``name``; raises ``KeyError`` for an unknown name."""
    return _REPORTERS[name]
