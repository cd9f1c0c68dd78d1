"""Assignment profiles: a teacher's TOML file, validated against its JSON Schema.

``tomllib`` gives no positions, so errors are placed by reading the text again: a
small scanner finds the line of each table header and key (``[reasons]``, ``min =``,
dotted keys ``reasons.min =``), and a schema error at ``/reasons/min`` is reported at
the line and column of that key (or of its table, or of the file's first line).
"""

from __future__ import annotations

import difflib
import json
import re
import tomllib
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from argmap._words import count as counted
from argmap.errors import UsageError

__all__ = [
    "REQUIREMENTS",
    "Assignment",
    "AssignmentError",
    "Requirement",
    "assignment_schema",
    "load_assignment",
    "parse_assignment",
]

#: The requirement tables, in the order the docs describe them.
REQUIREMENTS = ("thesis", "reasons", "evidence", "sources", "objections", "answers",
                "linked-premises", "depth", "relations", "rules")

#: An assignment file larger than this is refused (a profile is a few hundred bytes).
MAX_ASSIGNMENT_BYTES = 1 << 20


class AssignmentError(UsageError):
    """The assignment profile cannot be used: where (file:line:col), what, how to fix."""

    def __init__(self, file: str, line: int | None, column: int | None, reason: str,
                 hint: str | None = None, *,
                 more: Sequence[tuple[int | None, int | None, str, str | None]] = ()
                 ) -> None:
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
        self.hint = hint
        #: The other problems of the same file, (line, column, reason, hint) each, in
        #: the order of their lines: a profile's problems are all reported in one run.
        self.more = tuple(more)
        where = file + (f":{line}" if line else "") + (f":{column}" if line and column else "")
        super().__init__(f"{where}: {reason}" + (f" (hint: {hint})" if hint else "")
                         + (f" (and {counted(len(self.more), 'more problem')})"
                            if self.more else ""))

    @property
    def problems(self) -> tuple[tuple[int | None, int | None, str, str | None], ...]:
        """Every problem found, (line, column, reason, hint) each, by line."""
        return ((self.line, self.column, self.reason, self.hint), *self.more)


def _raise_all(file: str, found: list[tuple[int | None, int | None, str, str | None]]
               ) -> None:
    """Raise one :class:`AssignmentError` carrying every problem, sorted by line."""
    if not found:
        return
    found.sort(key=lambda p: (p[0] or 0, p[1] or 0))
    line, column, reason, hint = found[0]
    raise AssignmentError(file, line, column, reason, hint, more=found[1:])


@attrs.frozen
class Requirement:
    """One requirement of an assignment: its table name, its points, its settings."""

    name: str
    points: float
    settings: dict[str, Any] = attrs.field(factory=dict)


@attrs.frozen
class Assignment:
    """A validated assignment profile (picklable: it travels to the worker processes)."""

    requirements: tuple[Requirement, ...]
    title: str | None = None
    pass_percent: float = 50.0
    file: str | None = None
    #: Line and column of each table and key in the file: ("thesis", "side") -> (3, 1).
    positions: Mapping[tuple[str, ...], tuple[int, int]] = attrs.field(
        factory=dict, eq=False, repr=False)

    @property
    def max_score(self) -> float:
        """The total of the requirements' points."""
        return sum(r.points for r in self.requirements)

    @property
    def pass_score(self) -> float:
        """The score needed to pass."""
        return round(self.max_score * self.pass_percent / 100, 2)

    def where(self, *path: str) -> tuple[int | None, int | None]:
        """Line and column of a key (``where("thesis", "side")``), or of the nearest
        table written around it; ``(None, None)`` for an assignment not read from text."""
        for cut in range(len(path), 0, -1):
            found = self.positions.get(path[:cut])
            if found is not None:
                return found
        return (None, None)

    def requirement(self, name: str) -> Requirement | None:
        """The requirement with this table name, if the assignment has it."""
        for r in self.requirements:
            if r.name == name:
                return r
        return None


def assignment_schema() -> dict[str, Any]:
    """The JSON Schema of assignment profiles (shipped in the package)."""
    text = (resources.files("argmap") / "schemas" / "assignment.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def load_assignment(path: str | Path) -> Assignment:
    """Read and validate an assignment profile; raises :class:`AssignmentError`."""
    name = str(path)
    try:
        with Path(name).open("rb") as handle:
            raw = handle.read(MAX_ASSIGNMENT_BYTES + 1)
    except FileNotFoundError:
        raise AssignmentError(name, None, None, "no such file",
                              "name the assignment profile (assignment.toml)") from None
    except IsADirectoryError:
        raise AssignmentError(name, None, None, "it is a folder",
                              "name the assignment's TOML file in it") from None
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise AssignmentError(name, None, None, f"cannot read the file: {reason}") from None
    if len(raw) > MAX_ASSIGNMENT_BYTES:
        raise AssignmentError(name, None, None,
                              f"the file is larger than {MAX_ASSIGNMENT_BYTES:,} bytes",
                              "an assignment profile is a short TOML file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise AssignmentError(name, line, None, "the file is not UTF-8 text",
                              "save it as UTF-8") from None
    return parse_assignment(text, file=name)


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def parse_assignment(text: str, *, file: str = "<assignment>") -> Assignment:
    """An :class:`Assignment` from the text of a profile; raises :class:`AssignmentError`."""
    text = text.removeprefix("\ufeff")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _TOML_POSITION.search(message)
        line = int(found.group(1)) if found else None
        column = int(found.group(2)) if found else None
        reason = _TOML_POSITION.sub("", message)
        raise AssignmentError(file, line, column, f"not valid TOML: {reason}",
                              "see https://toml.io; a key is `name = value`, a table "
                              "`[name]`, a list `[\"a\", \"b\"]`") from None
    except RecursionError:
        raise AssignmentError(file, None, None, "the file is nested too deeply to read",
                              "an assignment profile is a few flat tables") from None
    where = _Positions(text)
    problems = _schema_problems(data)
    _raise_all(file, [(*where.of(path), reason, hint) for path, reason, hint in problems])
    requirements = []
    for key, value in data.items():
        if key == "assignment":
            continue
        settings = {k: v for k, v in value.items() if k != "points"}
        if key == "rules":
            _check_rule_codes(settings["pass"], file, where)
        requirements.append(Requirement(key, float(value["points"]), settings))
    if not requirements:
        raise AssignmentError(file, 1, 1, "the assignment asks for nothing",
                              f"add at least one requirement table: {', '.join(REQUIREMENTS)}")
    head = data.get("assignment", {})
    return Assignment(tuple(requirements), title=head.get("title"),
                      pass_percent=float(head.get("pass", 50)), file=file,
                      positions=where.table)


def _check_rule_codes(codes: Sequence[str], file: str, where: _Positions) -> None:
    from argmap.check import rules  # noqa: PLC0415 -- loads the rule registry

    known = [r.code for r in rules()]
    found: list[tuple[int | None, int | None, str, str | None]] = []
    for index, code in enumerate(codes):
        if code not in known:
            line, column = where.of(["rules", "pass", index])
            close = difflib.get_close_matches(code, known, n=1)
            hint = (f"did you mean {close[0]!r}?" if close
                    else "the codes are listed by `argmap check --list-rules`")
            found.append((line, column, f"unknown check rule {code!r}", hint))
    _raise_all(file, found)


def _schema_problems(data: Mapping[str, Any]) -> list[tuple[list[str | int], str, str]]:
    """Every schema violation as (path, what is wrong, how to fix), most useful first."""
    import jsonschema  # noqa: PLC0415 -- loaded when a profile is read

    schema = assignment_schema()
    validator = jsonschema.Draft202012Validator(schema)
    out: list[tuple[list[str | int], str, str]] = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path))):
        path: list[str | int] = list(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = error.schema.get("properties", {})
            extra = sorted(k for k in error.instance if k not in allowed)
            path.extend(extra[:1])  # the unknown key's own line
        out.append((path, *_explain(error, schema)))
    return out


def _explain(error: Any, schema: Mapping[str, Any]) -> tuple[str, str]:
    """What is wrong and how to fix it, in a teacher's words."""
    path = list(error.absolute_path)
    where = ".".join(str(p) for p in path) or "the file"
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed))
        name = extra[0] if extra else "?"
        close = difflib.get_close_matches(name, allowed, n=1)
        table = f"[{where}]" if path else "the file"
        hint = (f"did you mean {close[0]!r}?" if close
                else f"the keys allowed in {table} are: {', '.join(allowed)}")
        return f"unknown key {name!r} in {table}", hint
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "a key"
        return (f"[{where}] needs the key {missing!r}",
                f"add `{missing} = ...` under [{where}] (see docs/teaching.md)")
    if error.validator == "enum":
        choices = ", ".join(json.dumps(c) for c in error.validator_value)
        return f"{where} is {json.dumps(error.instance)}, not one of the choices", \
            f"use one of: {choices}"
    if error.validator == "type":
        wanted = error.validator_value
        return (f"{where} must be {_TYPE_WORDS.get(str(wanted), str(wanted))}, "
                f"not {json.dumps(error.instance, default=str)}",
                _type_hint(path[-1] if path else "", str(wanted)))
    if error.validator in ("minimum", "maximum", "exclusiveMinimum"):
        bound = error.validator_value
        word = {"minimum": "at least", "maximum": "at most",
                "exclusiveMinimum": "more than"}[error.validator]
        return f"{where} is {error.instance}, it must be {word} {bound}", \
            f"give a number {word} {bound}"
    if error.validator == "minProperties":
        return "the assignment asks for nothing", \
            f"add at least one requirement table: {', '.join(REQUIREMENTS)}"
    if error.validator == "minItems":
        return f"{where} is empty", "list at least one value"
    if error.validator == "uniqueItems":
        return f"{where} lists a value twice", "list each value once"
    return f"{where}: {error.message}", "see the profile reference in docs/teaching.md"


_TYPE_WORDS = {"number": "a number", "integer": "a whole number", "string": "a text in quotes",
               "array": "a list", "object": "a table"}


def _type_hint(key: object, wanted: str) -> str:
    if wanted == "object":
        return f"write it as a table: [{key}] on its own line, then its keys"
    if wanted == "array":
        return f'write a list: {key} = ["a", "b"]'
    if wanted == "string":
        return f'put the text in quotes: {key} = "..."'
    return f"write a plain number: {key} = 3"


_HEADER = re.compile(r"^\s*\[\s*([^\[\]#]+?)\s*\]\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*((?:[A-Za-z0-9_-]+|\"[^\"\n]*\"|'[^'\n]*')"
                  r"(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"\n]*\"|'[^'\n]*'))*)\s*=")


def _key_parts(dotted: str) -> list[str]:
    return [part.strip().strip("\"'") for part in re.split(r"\.(?=(?:[^\"']|\"[^\"]*\"|'[^']*')*$)",
                                                           dotted)]


class _Positions:
    """Line and column of the tables and keys of a TOML text (1-based)."""

    def __init__(self, text: str) -> None:
        self._where: dict[tuple[str, ...], tuple[int, int]] = {}
        table: tuple[str, ...] = ()
        in_multiline = False
        for number, line in enumerate(text.splitlines(), start=1):
            if in_multiline:
                if line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1:
                    in_multiline = False
                continue
            header = _HEADER.match(line)
            if header:
                table = tuple(_key_parts(header.group(1)))
                self._where.setdefault(table, (number, line.index("[") + 1))
                continue
            key = _KEY.match(line)
            if key:
                full = (*table, *_key_parts(key.group(1)))
                column = len(line) - len(line.lstrip()) + 1
                self._where.setdefault(full, (number, column))
                for cut in range(len(table) + 1, len(full)):
                    self._where.setdefault(full[:cut], (number, column))
                rest = line[key.end():]
                if rest.count('"""') % 2 == 1 or rest.count("'''") % 2 == 1:
                    in_multiline = True

    @property
    def table(self) -> dict[tuple[str, ...], tuple[int, int]]:
        """Every table and key found: its path -> (line, column)."""
        return dict(self._where)

    def of(self, path: Sequence[str | int]) -> tuple[int, int]:
        """The position of the deepest part of ``path`` that is written in the text."""
        keys = tuple(str(p) for p in path if not isinstance(p, int))
        for cut in range(len(keys), 0, -1):
            found = self._where.get(keys[:cut])
            if found is not None:
                return found
        return (1, 1)
