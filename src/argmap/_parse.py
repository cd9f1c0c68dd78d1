"""Bytes to plain data, keeping source positions, safely.

Two readers produce the same result, a :class:`Document`: plain JSON-like data (dicts,
lists, strings, numbers, booleans, ``None``) and a way to find the line and column of
any part of it by its path.

* YAML is read from libyaml's event stream, not with a loader: scalars follow the YAML
  1.2 core schema (``no``, ``on``, ``yes`` stay strings; dates stay strings), explicit
  tags, anchors and aliases are refused where they stand, duplicate keys are errors, and
  nesting depth is bounded while parsing, before any structure is built.
* JSON is read by the standard library (fast); positions are found only when a
  diagnostic needs them, by a small scanner over the same text.

Every problem becomes a :class:`~argmap.errors.Diagnostic`; nothing here raises for bad
input except :class:`ParseFailure`, which carries the diagnostics of a file that could
not be read at all.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from argmap._words import count
from argmap.errors import Diagnostic, Location, pointer

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NUMBER_DIGITS",
    "MAX_PROBLEMS",
    "MAX_VALUES",
    "Document",
    "ParseFailure",
    "Problems",
    "TooLongNumber",
    "check_text",
    "decode",
    "parse",
]

#: Largest input accepted by default (bytes).  A 10,000-claim map is about 5 MB.
MAX_BYTES = 32 * 1024 * 1024
#: Most values (scalars, mappings, lists) in one YAML file: bounds memory, whatever the
#: size of each value.  A 10,000-claim map has about 300,000.
MAX_VALUES = 1_000_000
#: Deepest nesting of mappings and lists accepted (the format itself needs 5).
MAX_DEPTH = 64
#: Most problems of one kind kept per file (the rest are counted, not kept).
MAX_PROBLEMS = 100
#: Longest whole number read, in digits: Python's own limit for turning text into a
#: number (longer ones would take quadratic time).  No value of the format is a number
#: anywhere near that long; a longer one gets a diagnostic.
MAX_NUMBER_DIGITS = 4300

Path = tuple[str | int, ...]
# Positions of one container: for a dict, key -> (key line, key col, value line, value
# col); for a list, index -> (-1, -1, value line, value col).  Lines and columns 1-based.
_Pos = tuple[int, int, int, int]


class Problems(list[Diagnostic]):
    """Diagnostics, at most ``limit`` of them kept; the others are only counted.

    ``omitted`` is how many were left out (at least that many when ``exact`` is false,
    for a counter that stopped counting).
    """

    def __init__(self, items: Iterable[Diagnostic] = (), *, limit: int = MAX_PROBLEMS) -> None:
        super().__init__()
        self.limit = limit
        self.omitted = 0
        self.exact = True
        for item in items:
            self.append(item)

    @property
    def full(self) -> bool:
        """True when another diagnostic would only be counted."""
        return len(self) >= self.limit

    def append(self, item: Diagnostic) -> None:
        if len(self) < self.limit:
            super().append(item)
        else:
            self.omitted += 1


@attrs.frozen
class TooLongNumber:
    """A whole number written with more than MAX_NUMBER_DIGITS digits (not read)."""

    digits: int


def _too_long_number(digits: int, loc: Location) -> Diagnostic:
    return Diagnostic(
        "number-too-long",
        f"a number of {digits:,} digits is too long to read (at most "
        f"{MAX_NUMBER_DIGITS:,})",
        loc,
        hint="no value of an argument map is such a number: write `argmap: 1`, and put "
        "texts made of digits in quotes",
    )


class ParseFailure(Exception):
    """The input could not be turned into data; ``diagnostics`` say why."""

    def __init__(self, diagnostics: Sequence[Diagnostic], *, omitted: int = 0,
                 exact: bool = True) -> None:
        super().__init__(str(diagnostics[0]) if diagnostics else "parse failure")
        self.diagnostics = tuple(diagnostics)
        #: Problems found before the failure and only counted (see :class:`Problems`).
        self.omitted = omitted
        self.exact = exact


@attrs.define
class Document:
    """Parsed data with the means to locate any part of it."""

    data: Any
    file: str | None
    problems: Problems = attrs.field(factory=Problems)
    _positions: dict[int, dict[Any, _Pos]] | None = None
    _root: tuple[int, int] = (1, 1)
    _scan: Callable[[], tuple[dict[int, dict[Any, _Pos]], tuple[int, int], Any]] | None = None
    # The data the positions refer to by object id (a re-read copy for JSON).
    _indexed: Any = None
    # A locator that finds one path in the text on demand (JSON): (path, key) -> position.
    _finder: Callable[[Sequence[str | int], bool], tuple[int, int]] | None = None

    def locate(self, path: Sequence[str | int], *, key: bool = False) -> Location:
        """The location of the value at ``path`` (or of its key, with ``key=True``).

        Falls back to the nearest enclosing part that can be found.
        """
        if self._finder is not None:
            line, column = self._finder(path, key)
            return Location(self.file, line, column, pointer(path))
        if self._positions is None and self._scan is not None:
            self._positions, self._root, self._indexed = self._scan()
        if self._positions is None:
            return Location(self.file, None, None, pointer(path))
        positions = self._positions
        line, column = self._root
        node = self.data if self._indexed is _SAME else self._indexed
        for i, part in enumerate(path):
            table = positions.get(id(node))
            if table is None or part not in table:
                break
            kline, kcol, vline, vcol = table[part]
            last = i == len(path) - 1
            if last and key and kline > 0:
                line, column = kline, kcol
            else:
                line, column = vline, vcol
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                break
        return Location(self.file, line, column, pointer(path))


def decode(raw: bytes, file: str | None) -> str:
    """Decode UTF-8 (with or without a BOM), or fail with the position of the bad byte."""
    bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    wide = _wide_encoding(raw) if not bom else None
    if wide is not None:
        raise ParseFailure(
            [
                Diagnostic(
                    "encoding",
                    f"the file is {wide}: save it as UTF-8",
                    Location(file, 1, 1),
                    hint="in the editor, 'Save as' with the encoding UTF-8 (Windows calls "
                    "UTF-16 'Unicode')",
                )
            ]
        )
    try:
        text = raw[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start + bom
        before = raw[bom:start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise ParseFailure(
            [
                Diagnostic(
                    "encoding",
                    f"the file is not valid UTF-8 (byte 0x{raw[start]:02x} at offset {start})",
                    Location(file, line, column),
                    hint="save the file as UTF-8 (most editors offer it under 'Save as' or "
                    "'Encoding')",
                )
            ]
        ) from None
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        column = offset - text.rfind("\n", 0, offset)
        raise ParseFailure(
            [
                Diagnostic(
                    "encoding",
                    "the file contains a NUL character; it looks like a binary file or UTF-16 text",
                    Location(file, line, column),
                    hint="save the file as UTF-8 text",
                )
            ]
        )
    return text


def _wide_encoding(raw: bytes) -> str | None:
    """"UTF-16" or "UTF-32" for text in those encodings (by its BOM or its NUL bytes)."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = raw[:512]
    if len(head) >= 4 and b"\x00" in head:
        # ASCII text in UTF-16 has a NUL in every other byte (UTF-32: three of four).
        if head[1::4].count(0) == head[2::4].count(0) == len(head[1::4]) and \
                head[3::4].count(0) == len(head[3::4]):
            return "UTF-32"
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if max(even, odd) >= len(head) // 2 * 0.9 and min(even, odd) == 0:
            return "UTF-16"
    return None


_SURROGATE = re.compile("[\ud800-\udfff]")


def check_text(text: str, file: str | None) -> str:
    """``text`` itself, or a failure when it holds what no UTF-8 file can.

    A Python ``str`` may hold lone surrogates (halves of UTF-16 pairs, as
    ``"\\ud800"`` or a file name decoded with ``surrogateescape`` gives them); they are
    not characters, and neither YAML nor JSON text can carry them.
    """
    match = _SURROGATE.search(text)
    if match is not None:
        offset = match.start()
        line = text.count("\n", 0, offset) + 1
        column = offset - text.rfind("\n", 0, offset)
        raise ParseFailure(
            [
                Diagnostic(
                    "encoding",
                    f"the text holds a lone surrogate (U+{ord(match.group()):04X}), half of "
                    "a UTF-16 pair, which is not a character",
                    Location(file, line, column),
                    hint="pass the text as it was read from a UTF-8 file, or the file's bytes; "
                    "undecodable bytes turned into surrogates cannot be read as a map",
                )
            ]
        )
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        column = offset - text.rfind("\n", 0, offset)
        raise ParseFailure(
            [
                Diagnostic(
                    "encoding",
                    "the text contains a NUL character; it looks like binary data or UTF-16 "
                    "text",
                    Location(file, line, column),
                    hint="pass UTF-8 text",
                )
            ]
        )
    return text


def parse(text: str, fmt: str, file: str | None) -> Document:
    """Parse ``text`` as ``"yaml"`` or ``"json"``."""
    if fmt == "json":
        return _parse_json(text, file)
    return _parse_yaml(text, file)


# --------------------------------------------------------------------------------------
# YAML


_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(nan|NaN|NAN)\Z")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUE = frozenset(("true", "True", "TRUE"))
_FALSE = frozenset(("false", "False", "FALSE"))


def resolve_plain(value: str) -> Any:
    """The value of a plain (unquoted) YAML scalar under the YAML 1.2 core schema.

    >>> [resolve_plain(v) for v in ("no", "on", "yes", "true", "~", "12", "0x1f", "1.5")]
    ['no', 'on', 'yes', True, None, 12, 31, 1.5]
    >>> resolve_plain("2024-11-05")
    '2024-11-05'
    """
    if value in _NULLS:
        return None
    first = value[0]
    if first in "tTfF":
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        return value
    if first in "0123456789-+.":
        if _INT.match(value):
            digits = len(value) - (first in "-+")
            if digits > MAX_NUMBER_DIGITS:
                return TooLongNumber(digits)
            return int(value)
        if _OCT.match(value):
            return int(value[2:], 8)
        if _HEX.match(value):
            return int(value[2:], 16)
        if _FLOAT.match(value):
            return float(value)
        if _INF.match(value):
            return -math.inf if first == "-" else math.inf
        if _NAN.match(value):
            return math.nan
    return value


def _parse_yaml(text: str, file: str | None) -> Document:
    import yaml  # noqa: PLC0415 -- imported on first use to keep start-up light

    loader_cls: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    problems = Problems()
    positions: dict[int, dict[Any, _Pos]] = {}

    def at(mark: Any) -> Location:
        return Location(file, mark.line + 1, mark.column + 1)

    # Stack entries: [container, positions table, pending key, key line, key col]
    stack: list[list[Any]] = []
    root: Any = None
    root_pos = (1, 1)
    documents = 0
    depth = 0
    count = 0

    def add(value: Any, line: int, col: int) -> bool:
        """Attach a finished value to its parent; True when it is the document root."""
        nonlocal root, root_pos
        if not stack:
            root, root_pos = value, (line, col)
            return True
        top = stack[-1]
        container = top[0]
        if isinstance(container, list):
            top[1][len(container)] = (-1, -1, line, col)
            container.append(value)
        elif top[2] is _NO_KEY:
            # ``value`` is a key.
            if isinstance(value, (dict, list)):
                problems.append(
                    Diagnostic(
                        "syntax",
                        "a mapping key must be a plain name, not a list or mapping",
                        Location(file, line, col),
                        hint="write keys as simple names, for example `text:`",
                    )
                )
                value = f"<complex key at {line}:{col}>"
            key = value
            if key in container or key in top[5]:
                first = top[1].get(key) or top[5][key]
                problems.append(
                    Diagnostic(
                        "duplicate-key",
                        f"duplicate key {key!r} (first written at line {first[0]})",
                        Location(file, line, col),
                        hint="remove or rename one of them; YAML keeps only one value per key",
                    )
                )
                top[2] = _DUP_KEY
            else:
                top[2] = key
                top[3], top[4] = line, col
        else:
            key = top[2]
            if key is not _DUP_KEY:
                container[key] = value
                top[1][key] = (top[3], top[4], line, col)
            top[2] = _NO_KEY
        return False

    events = yaml.parse(text, Loader=loader_cls)
    try:
        event: Any
        for event in events:
            kind = type(event).__name__
            mark = event.start_mark
            line, col = mark.line + 1, mark.column + 1
            count += 1
            if count > MAX_VALUES:
                raise ParseFailure(
                    [
                        *problems,
                        Diagnostic(
                            "too-large",
                            f"more than {MAX_VALUES:,} values in one file",
                            at(mark),
                            hint="split the map into several files",
                        ),
                    ],
                    omitted=problems.omitted, exact=problems.exact,
                )
            if kind == "ScalarEvent":
                if event.anchor is not None:
                    problems.append(_anchor_problem(at(mark)))
                if event.tag is not None and event.tag != "!":
                    problems.append(_tag_problem(event.tag, at(mark)))
                keyed = bool(stack) and isinstance(stack[-1][0], dict) and stack[-1][2] is _NO_KEY
                if not event.style and not keyed:
                    value: Any = resolve_plain(event.value)
                    if isinstance(value, TooLongNumber):
                        spot = attrs.evolve(at(mark), pointer=pointer(_path_of(stack)))
                        problems.append(_too_long_number(value.digits, spot))
                        value = None
                else:
                    value = event.value
                add(value, line, col)
            elif kind in ("MappingStartEvent", "SequenceStartEvent"):
                if event.anchor is not None:
                    problems.append(_anchor_problem(at(mark)))
                if event.tag is not None and event.tag != "!":
                    problems.append(_tag_problem(event.tag, at(mark)))
                depth += 1
                if depth > MAX_DEPTH:
                    raise ParseFailure(
                        [
                            *problems,
                            Diagnostic(
                                "too-deep",
                                f"nesting deeper than {MAX_DEPTH} levels",
                                at(mark),
                                hint="an argument map needs only a few levels; check for "
                                "runaway indentation or brackets",
                            ),
                        ],
                        omitted=problems.omitted, exact=problems.exact,
                    )
                container: Any = {} if kind == "MappingStartEvent" else []
                table: dict[Any, _Pos] = {}
                positions[id(container)] = table
                stack.append([container, table, _NO_KEY, 0, 0, {}, line, col])
            elif kind in ("MappingEndEvent", "SequenceEndEvent"):
                depth -= 1
                entry = stack.pop()
                add(entry[0], entry[6], entry[7])
            elif kind == "AliasEvent":
                problems.append(
                    Diagnostic(
                        "yaml-alias",
                        f"aliases (*{event.anchor}) are not supported",
                        at(mark),
                        hint="write the value out in full instead of referring to an anchor; "
                        "to refer to another node, use its id",
                    )
                )
                add(None, line, col)
            elif kind == "DocumentStartEvent":
                documents += 1
                if documents > 1:
                    problems.append(
                        Diagnostic(
                            "syntax",
                            "more than one YAML document ('---') in the file",
                            at(mark),
                            hint="keep one map per file; remove the second '---' and what "
                            "follows, or move it to its own file",
                        )
                    )
                    break
    except yaml.MarkedYAMLError as exc:
        raise ParseFailure([*problems, _yaml_syntax(exc, text, file)],
                           omitted=problems.omitted, exact=problems.exact) from None
    except yaml.YAMLError as exc:  # reader errors (control characters, ...)
        loc = Location(file)
        mark = getattr(exc, "position", None)
        if isinstance(mark, int):
            line = text.count("\n", 0, mark) + 1
            loc = Location(file, line, mark - text.rfind("\n", 0, mark))
        raise ParseFailure([*problems, Diagnostic("syntax", f"invalid YAML: {exc}", loc)],
                           omitted=problems.omitted, exact=problems.exact) from None
    return Document(root, file, problems, positions, root_pos, None, _SAME)


def _path_of(stack: list[list[Any]]) -> list[str | int]:
    """The path of the value being read, from the YAML reader's stack of containers."""
    path: list[str | int] = []
    for frame in stack:
        if isinstance(frame[0], list):
            path.append(len(frame[0]))
        else:
            path.append(frame[2] if isinstance(frame[2], str) else "?")
    return path


_NO_KEY = object()
#: A line that starts with a plain key and its colon: "  note: ..." (group 1 the key).
_KEY_START = re.compile(r" *([A-Za-z_][A-Za-z0-9_-]*):(?: |$)")
_DUP_KEY = object()
_SAME = object()


def _char_at(text: str, loc: Location) -> str:
    """The character at a 1-based line and column ('' where there is none)."""
    if loc.line is None or loc.column is None:
        return ""
    lines = text.split("\n", loc.line)
    if len(lines) < loc.line:
        return ""
    line = lines[loc.line - 1]
    return line[loc.column - 1] if 0 < loc.column <= len(line) else ""


_CURLY_QUOTES = "\u201c\u201d\u2018\u2019\u201e\u201a\u00ab\u00bb\u2039\u203a"
_OPENERS = {"flow mapping": ("{", "}"), "flow sequence": ("[", "]")}


def _json_open_at(text: str, stop: int) -> tuple[str, int] | None:
    """What is open at offset ``stop`` of JSON ``text``: ``('"', start)`` inside a
    string, else the innermost unclosed ``{`` or ``[`` and its offset (``None`` if none).
    One pass in C-backed steps (``str.find`` from quote to quote)."""
    stack: list[tuple[str, int]] = []
    i = 0
    brackets = re.compile(r'["{}\[\]]')
    while True:
        found = brackets.search(text, i, stop)
        if found is None:
            return stack[-1] if stack else None
        char, i = found.group(), found.start()
        if char == '"':
            j = i + 1
            while True:
                j = text.find('"', j, stop)
                if j < 0:
                    return ('"', i)
                backslashes = len(text[i + 1:j]) - len(text[i + 1:j].rstrip("\\"))
                if backslashes % 2 == 0:
                    break
                j += 1
            i = j + 1
            continue
        if char in "{[":
            stack.append((char, i))
        elif stack:
            stack.pop()
        i += 1


def _json_syntax(exc: json.JSONDecodeError, text: str, file: str | None) -> Diagnostic:
    """A JSON syntax error, placed where the mistake is: an unclosed string, ``{`` or
    ``[`` where it opened (the parser stops at the end of the file or at the line break
    inside the string), anything else where the parser stopped, within the file."""
    hint = "check for a missing comma or quote, or a trailing comma, just before this point"
    end = len(text.rstrip())
    at_end = exc.pos >= end
    inside = exc.msg.startswith(("Unterminated string", "Invalid control character"))
    opened = _json_open_at(text, min(exc.pos, len(text))) if at_end or inside else None
    if opened is not None and (at_end or opened[0] == '"'):
        char, where = opened
        line = text.count("\n", 0, where) + 1
        column = where - text.rfind("\n", 0, where)
        closing = {'"': '"', "{": "}", "[": "]"}[char]
        what = ("the string that starts here" if char == '"' else f"the '{char}' here")
        line_break = char == '"' and exc.msg.startswith("Invalid control character")
        reached = ("the file ends first" if at_end and not line_break else
                   f"line {exc.lineno} ends first (a JSON string is one line: write a line "
                   "break as \\n)")
        return Diagnostic("syntax", f"invalid JSON: {what} is never closed: {reached}",
                          Location(file, line, column),
                          hint=f"close it with {closing!r}" + (
                              "" if char == '"' else " after its last item"))
    if at_end:
        line = text.count("\n", 0, end) + 1 if end else 1
        column = end - text.rfind("\n", 0, end) if end else 1
        return Diagnostic("syntax", f"invalid JSON: {exc.msg}, at the end of the file",
                          Location(file, line, column), hint=hint)
    return Diagnostic("syntax", f"invalid JSON: {exc.msg}",
                      Location(file, exc.lineno, exc.colno), hint=hint)


def _yaml_syntax(exc: Any, text: str, file: str | None) -> Diagnostic:
    """One diagnostic for a YAML syntax error, placed where the mistake is.

    libyaml reports where it gave up (``problem_mark``), which for an unclosed bracket
    or quote is the end of the file, past the last line; it also says where the
    construct it was reading began (``context_mark``).  An unclosed ``{``, ``[`` or
    quote is reported where it opened; any other position is kept within the file;
    curly quotes and indentation get hints that say what is wrong and how to fix it.
    """
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    last = max(len(lines), 1)
    problem = (exc.problem or "invalid YAML").strip()
    context = (exc.context or "").strip()
    message = f"{problem} ({context})" if context else problem
    where = exc.problem_mark or exc.context_mark
    line = where.line + 1 if where is not None else None
    column = where.column + 1 if where is not None else None
    start = exc.context_mark
    at_end = line is not None and (line > last or (
        line == last and column is not None and column > len(lines[last - 1])))

    def text_of(row: int) -> str:
        return lines[row - 1] if 0 < row <= len(lines) else ""

    opened = next((pair for name, pair in _OPENERS.items() if name in context), None)
    quoted = "quoted scalar" in context
    if start is not None and (opened or quoted):
        row, col = start.line + 1, start.column + 1
        char = text_of(row)[col - 1:col] or (opened[0] if opened else '"')
        if quoted:
            closing = char
            what = f"the quote {char} that opens this text"
        else:
            assert opened is not None  # noqa: S101 -- for mypy
            closing = opened[1]
            what = f"the '{char}' here"
        reached = ("the file ends first" if at_end else
                   f"line {line}, column {column} is reached first")
        if quoted:
            escaped = "\\\"" if char == '"' else "''"
            hint = (f"close it with {closing} at the end of the text (a {char} inside a "
                    f"{char}...{char} text is written {escaped})")
        elif closing == "]":
            hint = ("close it with ']' (for example tags: [a, b]), or write the items one "
                    "per line under the key, each after '- '")
        else:
            hint = ("close it with '}' (for example a: {text: \"...\"}), or write its keys "
                    "one per line under the key, indented")
        return Diagnostic("syntax", f"{what} is never closed: {reached}",
                          Location(file, row, col), hint=hint)
    if at_end:
        row = last
        while row > 1 and not text_of(row).strip():
            row -= 1
        loc = Location(file, row, len(text_of(row)) + 1)
        return _syntax(f"{message}, at the end of the file", loc, text, lines)
    loc = Location(file, line, column) if line is not None else Location(file)
    return _syntax(message, loc, text, lines, context_mark=start)


def _syntax(message: str, loc: Location, text: str, lines: list[str] | None = None,
            context_mark: Any = None) -> Diagnostic:
    if "nesting depth" in message:
        return Diagnostic(
            "too-deep",
            f"nesting deeper than {MAX_DEPTH} levels",
            loc,
            hint="an argument map needs only a few levels; check for runaway indentation or "
            "brackets",
        )
    hint = "check the indentation and the punctuation (':', '-', quotes) at this line"
    char = _char_at(text, loc)
    if lines is None:
        lines = text.split("\n")
    row = loc.line or 0
    this = lines[row - 1] if 0 < row <= len(lines) else ""
    indent = len(this) - len(this.lstrip(" "))
    above = next((lines[r] for r in range(row - 2, -1, -1)
                  if lines[r].strip() and not lines[r].lstrip().startswith("#")), None)
    above_indent = None if above is None else len(above) - len(above.lstrip(" "))
    curly = next((c for c in this if c in _CURLY_QUOTES), None)
    first_key = _KEY_START.match(this)
    if "\t" in message or "tab" in message or char == "\t":
        hint = "YAML does not allow tabs for indentation; indent with spaces"
    elif curly is not None and "mapping values are not allowed" in message:
        hint = (f"{curly} is a typographic quote, which YAML reads as an ordinary "
                "character, not as a quote: this text is not quoted, so its ': ' starts a "
                "new key. Quote it with straight quotes, for example text: \"Rutte: a "
                "threat\" (typographic quotes may stay inside them)")
    elif ("mapping values are not allowed" in message and first_key is not None
          and loc.column == first_key.end(1) + 1 and above_indent is not None
          and indent > above_indent):
        above_key = _KEY_START.match(above or "")
        beside = f", as far as '{above_key.group(1)}:'" if above_key else ""
        hint = (f"this line is indented {indent} spaces, more than the line above "
                f"({above_indent}), so YAML reads it as part of the value above: indent "
                f"'{first_key.group(1)}:' by {above_indent} spaces{beside}, or quote the "
                "value above if the line belongs to it")
    elif "mapping values are not allowed" in message:
        hint = "a text that contains ': ' must be quoted, for example text: \"Rutte: a threat\""
    elif ("expected key" in message or "expected '-'" in message) and (
            context_mark is not None and indent != context_mark.column):
        hint = (f"this line is indented {count(indent, 'space')}, but the keys of the mapping it "
                f"belongs to (from line {context_mark.line + 1}) are indented "
                f"{context_mark.column}: indent every key of a mapping, and every '- ' "
                "of a list, by the same number of spaces")
    elif "could not find expected ':'" in message:
        hint = ("a key needs a ':' after it (for example `text: ...`); if the line continues "
                "a text above, indent it further than that text's key, or quote the text")
    elif char in ("%", ",", "?", "*", "&", "!", "|", ">", "@", "`"):
        hint = f"a text that starts with '{char}' must be quoted, for example text: \"{char}...\""
    elif "found character '@'" in message or "found character '`'" in message:
        hint = "values starting with '@' or '`' must be quoted"
    return Diagnostic("syntax", message, loc, hint=hint)


def _anchor_problem(loc: Location) -> Diagnostic:
    return Diagnostic(
        "yaml-anchor",
        "anchors (&name) are not supported",
        loc,
        hint="remove the anchor and write values out in full; refer to other nodes by id",
    )


def _tag_problem(tag: str, loc: Location) -> Diagnostic:
    return Diagnostic(
        "yaml-tag",
        f"YAML tags such as {tag!r} are not allowed",
        loc,
        hint="remove the tag; write the value as plain text, a number, true/false, a list "
        "or a mapping",
    )


# --------------------------------------------------------------------------------------
# JSON


def _parse_json(text: str, file: str | None) -> Document:
    problems = Problems()
    duplicates: list[tuple[int, str]] = []
    seen_objects = 0
    too_long = 0

    def parse_int(digits: str) -> Any:
        nonlocal too_long
        if len(digits) > MAX_NUMBER_DIGITS:
            too_long += 1
            return TooLongNumber(len(digits) - digits.startswith("-"))
        return int(digits)

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal seen_objects
        seen_objects += 1
        result = dict(pairs)
        if len(result) != len(pairs):
            counts: dict[str, int] = {}
            for key, _ in pairs:
                counts[key] = counts.get(key, 0) + 1
            duplicates.extend((id(result), k) for k, n in counts.items() if n > 1)
        return result

    try:
        data = json.loads(
            text,
            object_pairs_hook=pairs_hook,
            parse_constant=_reject_constant,
            parse_int=parse_int,
        )
    except json.JSONDecodeError as exc:
        raise ParseFailure([_json_syntax(exc, text, file)]) from None
    except ValueError as exc:
        raise ParseFailure(
            [Diagnostic("syntax", f"invalid JSON: {exc}", Location(file, 1, 1))]
        ) from None
    except RecursionError:
        raise ParseFailure(
            [
                Diagnostic(
                    "too-deep",
                    "nesting too deep",
                    Location(file, 1, 1),
                    hint="an argument map needs only a few levels of nesting",
                )
            ]
        ) from None
    doc = Document(data, file, problems, None, (1, 1), lambda: _scan_json(text))
    if not duplicates:
        # Without duplicate keys, the first member of a name is the one kept: a path is
        # found by reading only what comes before it (see _JsonFinder).
        doc._finder = _JsonFinder(text).find
    if too_long:
        data = doc.data = _replace_too_long(data, doc, problems)
    if _SURROGATE_ESCAPE.search(text):
        bad = _first_lone_surrogate(data)
        if bad is not None:
            problems.append(
                Diagnostic(
                    "encoding",
                    "a \\u escape encodes half of a UTF-16 surrogate pair, which is not a "
                    "character",
                    doc.locate(bad),
                    hint="write the character itself, or both halves of the pair "
                    "(for example \\ud83d\\ude00 for 😀)",
                )
            )
    if _text_depth_exceeds(text, MAX_DEPTH):
        raise ParseFailure(
            [
                Diagnostic(
                    "too-deep",
                    f"nesting deeper than {MAX_DEPTH} levels",
                    Location(file, 1, 1),
                    hint="an argument map needs only a few levels of nesting",
                )
            ]
        )
    if duplicates:
        # Rare: find the duplicates with positions by scanning.
        for dup in _scan_json_duplicates(text, file):
            problems.append(dup)
    return doc


def _replace_too_long(data: Any, doc: Document, problems: Problems) -> Any:
    """``data`` with every TooLongNumber replaced by ``None``, each with a diagnostic."""
    if isinstance(data, TooLongNumber):
        problems.append(_too_long_number(data.digits, doc.locate([])))
        return None
    stack: list[tuple[Any, list[str | int]]] = [(data, [])]
    while stack:
        node, path = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in list(items):
            if isinstance(value, TooLongNumber):
                problems.append(_too_long_number(value.digits, doc.locate([*path, key])))
                node[key] = None
            elif isinstance(value, (dict, list)):
                stack.append((value, [*path, key]))
    return data


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _first_lone_surrogate(data: Any) -> list[str | int] | None:
    """The path of the first string (value or key) holding a lone surrogate."""
    stack: list[tuple[Any, list[str | int]]] = [(data, [])]
    while stack:
        node, path = stack.pop()
        if isinstance(node, str):
            try:
                node.encode("utf-8")
            except UnicodeEncodeError:
                return path
        elif isinstance(node, dict):
            for key, value in node.items():
                try:
                    key.encode("utf-8")
                except UnicodeEncodeError:
                    return [*path, key]
                stack.append((value, [*path, key]))
        elif isinstance(node, list):
            stack.extend((value, [*path, i]) for i, value in enumerate(node))
    return None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_INNERMOST = re.compile(r"\[[^\[\]{}]*\]|\{[^\[\]{}]*\}")


def _text_depth_exceeds(text: str, limit: int) -> bool:
    """True when the brackets of JSON text nest deeper than ``limit``.

    Each round removes the innermost brackets (a regular expression, run in C): a map
    nested a few levels deep costs a few passes over its text, whatever the number of
    values (walking a million objects in Python took seconds).
    """
    rest = _JSON_STRING.sub("", text)
    for _ in range(limit):
        rest, removed = _INNERMOST.subn("", rest)
        if not removed:
            return False
    return bool(_INNERMOST.search(rest))


# Each alternative is one character class repeated, or a fixed word: matching costs
# constant memory whatever the length (strings are read by json's own scanner).
_JSON_SPACE = re.compile(r"[ \t\r\n]*")
_JSON_ATOM = re.compile(r"-?[0-9][0-9.eE+-]*|true|false|null")


class _JsonScanner:
    """A position-keeping re-reading of JSON text that json.loads accepted.

    Linear in the length of the text, with memory for the positions of the values only:
    a string is skipped by json's C scanner, and lines are counted as the reading goes.
    """

    def __init__(self, text: str) -> None:
        from json import decoder  # noqa: PLC0415 -- only on the error path

        # json's own (C) string scanner: (decoded string, offset after it).
        self.scanstring: Callable[[str, int, bool], tuple[str, int]] = (
            decoder.scanstring  # type: ignore[attr-defined]  # public, missing from typeshed
        )
        self.text = text
        self.pos = 0
        # The line (1-based), the offset its text starts at, and how far lines are counted.
        self.line = 1
        self.line_start = 0
        self.counted = 0
        self.positions: dict[int, dict[Any, _Pos]] = {}
        self.duplicates: list[tuple[str, int, int, int]] = []

    def where(self, offset: int) -> tuple[int, int]:
        """Line and column of ``offset``, which never goes back (linear overall)."""
        text = self.text
        breaks = text.count("\n", self.counted, offset)
        if breaks:
            self.line += breaks
            self.line_start = text.rfind("\n", self.counted, offset) + 1
        self.counted = offset
        return self.line, offset - self.line_start + 1

    def token(self) -> tuple[str, Any, tuple[int, int]]:
        """The next token: its kind, its text (a key's value for strings), its position."""
        text = self.text
        start = _JSON_SPACE.match(text, self.pos).end()  # type: ignore[union-attr]
        where = self.where(start)
        char = text[start : start + 1]
        if char == '"':
            value, self.pos = self.scanstring(text, start + 1, True)
            return "str", value, where
        if char and char in "{}[]:,":
            self.pos = start + 1
            return "punct", char, where
        match = _JSON_ATOM.match(text, start)
        if match is None:  # pragma: no cover -- json.loads accepted the text
            raise ValueError("unexpected JSON")
        self.pos = match.end()
        return "atom", None, where

    def value(self) -> tuple[Any, tuple[int, int]]:
        """Read one value; return it and its position (iteratively, no recursion).

        Numbers, booleans and null come back as ``None``: only containers (found by
        identity) and keys matter for positions.
        """
        # Each frame: [container, table, start position, pending key, key position]
        frames: list[list[Any]] = []
        kind, tok, start = self.token()
        while True:
            if kind == "punct" and tok in "{[":
                container: Any = {} if tok == "{" else []
                self.positions[id(container)] = {}
                frames.append([container, self.positions[id(container)], start, None, (0, 0)])
                kind, tok, start = self.token()
                if kind != "punct" or tok not in "}]":
                    continue
                frame = frames.pop()
                value, vstart = frame[0], frame[2]
            elif kind == "punct":  # a closing bracket
                frame = frames.pop()
                value, vstart = frame[0], frame[2]
            else:
                value, vstart = tok, start
            if not frames:
                return value, vstart
            frame = frames[-1]
            container = frame[0]
            if isinstance(container, dict) and frame[3] is None:
                frame[3], frame[4] = value, vstart
                self.token()  # the ':'
                kind, tok, start = self.token()
                continue
            line, col = vstart
            if isinstance(container, dict):
                key = frame[3]
                kline, kcol = frame[4]
                if key in container:
                    self.duplicates.append((key, kline, kcol, frame[1][key][0]))
                container[key] = value
                frame[1][key] = (kline, kcol, line, col)
                frame[3] = None
            else:
                frame[1][len(container)] = (-1, -1, line, col)
                container.append(value)
            kind, tok, start = self.token()  # ',' or a closing bracket
            if kind == "punct" and tok == ",":
                kind, tok, start = self.token()


class _JsonFinder:
    """Finds the positions of paths in JSON text that json.loads accepted, on demand.

    Only the containers on a path are read member by member; every other value is
    skipped by json's C scanner.  What a container's members have shown is kept, and its
    reading resumes where it stopped, so that many paths cost one reading of the text
    at most (a million-item list is not tokenised in Python to find its first items).
    Only for text without duplicate keys (the first member of a name is the kept one).
    """

    def __init__(self, text: str) -> None:
        from json import decoder, scanner  # noqa: PLC0415 -- only on the error path

        self.text = text
        self.scanstring: Callable[[str, int, bool], tuple[str, int]] = (
            decoder.scanstring  # type: ignore[attr-defined]  # public, missing from typeshed
        )
        # Values are skipped, not kept: numbers stay text (no digit limit), objects lists.
        skipper = json.JSONDecoder(parse_int=len, parse_float=len, parse_constant=len,
                                   object_pairs_hook=len)
        self.skip: Callable[[str, int], tuple[Any, int]] = scanner.make_scanner(
            skipper)  # type: ignore[arg-type]  # typeshed: make_scanner(context: make_scanner)
        # Per container (offset of its bracket): [members found, resume offset or -1].
        self.members: dict[int, list[Any]] = {}
        self.breaks: list[int] | None = None

    def where(self, offset: int) -> tuple[int, int]:
        if self.breaks is None:
            self.breaks = [m.start() for m in re.finditer("\n", self.text)]
        row = bisect.bisect_left(self.breaks, offset)
        start = self.breaks[row - 1] + 1 if row else 0
        return row + 1, offset - start + 1

    def _space(self, at: int) -> int:
        return _JSON_SPACE.match(self.text, at).end()  # type: ignore[union-attr]

    def _member(self, opening: int, part: str | int) -> tuple[int, int] | None:
        """(key offset, value offset) of ``part`` in the container at ``opening``."""
        text = self.text
        state = self.members.get(opening)
        if state is None:
            # [members found, where reading resumes (-1: at the end), whether the value
            # there is the last one found and still to be skipped]
            state = self.members[opening] = [{} if text[opening] == "{" else [], opening + 1,
                                             False]
        found, at = state[0], state[1]
        is_dict = isinstance(found, dict)
        if is_dict and isinstance(part, str) and part in found:
            return found[part]  # type: ignore[no-any-return]
        if not is_dict and isinstance(part, int) and 0 <= part < len(found):
            return -1, found[part]
        if is_dict != isinstance(part, str) or isinstance(part, bool):
            return None
        if at >= 0 and state[2]:
            _, at = self.skip(text, at)
        while at >= 0:
            at = self._space(at)
            char = text[at]
            if char in "}]":
                at = -1
                break
            if char == ",":
                at = self._space(at + 1)
            if is_dict:
                name, end = self.scanstring(text, at + 1, True)
                start = self._space(self._space(end) + 1)  # past the ':'
                found[name] = entry = (at, start)
                hit = name == part
            else:
                start = at
                found.append(start)
                entry = (-1, start)
                hit = len(found) - 1 == part
            if hit:
                # The value is skipped only when a later member is looked for.
                state[1], state[2] = start, True
                return entry
            _, at = self.skip(text, start)
        state[1], state[2] = -1, False
        return None

    def find(self, path: Sequence[str | int], key: bool) -> tuple[int, int]:
        at = self._space(0)
        shown = at
        for i, part in enumerate(path):
            if self.text[at : at + 1] not in ("{", "["):
                break
            entry = self._member(at, part)
            if entry is None:
                break
            kat, at = entry
            shown = kat if key and kat >= 0 and i == len(path) - 1 else at
        return self.where(shown)


def _scan_json(text: str) -> tuple[dict[int, dict[Any, _Pos]], tuple[int, int], Any]:
    scanner = _JsonScanner(text)
    data, start = scanner.value()
    return scanner.positions, start, data


def _scan_json_duplicates(text: str, file: str | None) -> list[Diagnostic]:
    scanner = _JsonScanner(text)
    scanner.value()
    return [
        Diagnostic(
            "duplicate-key",
            f"duplicate key {key!r} (first written at line {first})",
            Location(file, line, col),
            hint="remove or rename one of them; only one value per key is kept",
        )
        for key, line, col, first in scanner.duplicates
    ]
