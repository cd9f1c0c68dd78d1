"""Errors, locations and diagnostics.

Everything argmap reports about a user's file is a :class:`Diagnostic`: a record with a
severity, a stable code, a message that says how to fix the problem and a
:class:`Location` (file, line, column and JSON pointer).  Diagnostics are data, not
exceptions; a whole run collects them and reports all of them at once.

Exceptions derive from the one base class :class:`ArgmapError`.  When loading fails, the
:class:`InvalidMapError` it raises carries the full list of diagnostics.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence

import attrs

from argmap._display import for_display
from argmap._words import count

__all__ = [
    "ArgmapError",
    "Diagnostic",
    "InvalidMapError",
    "Location",
    "ReadError",
    "Severity",
    "UsageError",
    "WriteError",
    "escape_pointer_token",
    "pointer",
]


def escape_pointer_token(token: str | int) -> str:
    """Escape one reference token of a JSON pointer (RFC 6901).

    >>> escape_pointer_token("a/b~c")
    'a~1b~0c'
    >>> escape_pointer_token(3)
    '3'
    """
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer(path: Iterable[str | int]) -> str:
    """Build a JSON pointer from a path of keys and indices.

    >>> pointer(["claims", "c1", "tags", 0])
    '/claims/c1/tags/0'
    >>> pointer([])
    ''
    """
    return "".join("/" + escape_pointer_token(part) for part in path)


@attrs.frozen(order=True)
class Location:
    """Where something is: a file, a 1-based line and column, and a JSON pointer.

    Any part may be unknown (``None`` for file, line and column; ``""`` for the pointer
    means the whole document).
    """

    file: str | None = None
    line: int | None = None
    column: int | None = None
    pointer: str = ""

    def __str__(self) -> str:
        """``file:line:column``, the file name with control characters escaped."""
        parts = [for_display(self.file) if self.file else "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class Severity(enum.Enum):
    """How serious a diagnostic is, most serious first."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for information (sorts most serious first)."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@attrs.frozen
class Diagnostic:
    """One problem found in a file, with where it is and how to fix it.

    ``code`` is stable (``syntax``, ``schema``, ``duplicate-id``, ``unknown-reference``,
    ``number-too-long``, ``too-many-problems``, ``model``, ...) so that tools and
    teachers can filter on it; ``message`` says what is wrong,
    ``hint`` how to fix it.  When the fix is to write one thing in place of the text at
    the location (a did-you-mean hint), ``replacement`` is that text, for editors' quick
    fixes; the hint says the same in words.
    """

    code: str
    message: str
    location: Location = attrs.field(factory=Location)
    severity: Severity = Severity.ERROR
    hint: str | None = None
    replacement: str | None = attrs.field(default=None, kw_only=True)

    def __str__(self) -> str:
        """One line for people: a line break in the message becomes a space, other
        control characters are escaped, so that a hostile map cannot drive the terminal;
        :meth:`to_json` keeps them."""
        text = f"{self.severity.value}[{self.code}]: {_one_line(self.message)}"
        if self.hint:
            text += f" (hint: {_one_line(self.hint)})"
        return f"{self.location}: {for_display(text)}"

    def with_file(self, file: str | None) -> Diagnostic:
        """The same diagnostic, located in ``file``."""
        return attrs.evolve(self, location=attrs.evolve(self.location, file=file))

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dictionary (the shape of ``--format json``)."""
        return {
            "file": self.location.file,
            "line": self.location.line,
            "column": self.location.column,
            "pointer": self.location.pointer,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


def _one_line(text: str) -> str:
    """``text`` with each line break (and the blanks around it) made one space."""
    if "\n" not in text:
        return text
    return " ".join(part.strip(" \t") for part in text.split("\n"))


class ArgmapError(Exception):
    """Base class of every exception argmap raises on purpose."""


class UsageError(ArgmapError):
    """The caller asked for something that cannot be done (bad option, unknown format)."""


class ReadError(ArgmapError):
    """A file could not be read (missing, unreadable, a directory, too large)."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: cannot read: {reason}")


class WriteError(ArgmapError):
    """An output could not be written (no such folder, a folder, no space left, the
    same file as an input); ``path`` is the output named, ``reason`` says why."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: cannot write: {reason}")


class InvalidMapError(ArgmapError):
    """A map failed to load; ``diagnostics`` lists every problem found, most useful first."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        errors = [d for d in self.diagnostics if d.severity is Severity.ERROR]
        first = errors[0] if errors else (self.diagnostics[0] if self.diagnostics else None)
        summary = count(len(errors), "error")
        super().__init__(f"invalid argument map: {summary}; first: {first}")
