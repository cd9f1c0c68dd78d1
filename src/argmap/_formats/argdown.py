"""Argdown text: a line-based parser for a documented subset, and an exporter.

Supported: front matter between ``===`` lines (only ``title`` and ``model.mode`` are
read), headings (``#``), comments (``<!-- -->``, ``/* */``, ``//``), statements
(``[Title]: text``, ``[Title]``, untitled text), arguments (``<Title>: text``,
``<Title>``), relations by indentation (``+ - _ <+ <- <_ +> -> _> ><``),
premise-conclusion structures (``(1) ...``, ``----`` or ``-- text --``), list items
(``*``, ``1.``) as statements, tags (``#tag``, ``#(a tag)``), escapes (``\\[``) and
inline data (``{...}``, read as text and left out).

The parse gives an Argdown-level model (statements, arguments, relations) that can be
counted like Argdown does; :func:`import_argdown` then turns it into an argument map:

* a statement becomes a claim (id from its title); tagged ``#thesis`` or ``#main``, a
  main claim (``main: true``);
* an argument with a premise-conclusion structure becomes one argmap argument per
  inference step; an argument without one becomes a claim holding its description (tag
  ``gist``) and, for each element it supports, an argument from that claim;
* support and ``entails`` become arguments (a support of an argument with a structure: a
  further premise of its last inference); attack and ``contrary`` attacks (from the
  argument itself when it has a structure); ``contradictory`` contradictions (two
  attacks, one each way, with an argument that has a structure); undercuts attacks on an
  argument.  Self-relations are kept; duplicates are kept once and reported.

:func:`trace_argdown` also says, for every element and relation, what stands for it in
the map or which diagnostic reports it (tests/test_conservation_argdown.py checks it on
every corpus file).  :func:`export_argdown` writes a map back in Argdown's shape and
:func:`export_losses` names what it cannot write (docs/convert.md, "Argdown").
"""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Literal

import attrs

from argmap._formats.common import ImportResult
from argmap._formats.graph import PREMISES_MAX, Graph, Prop, Rel, lower, readable_id, valid_id
from argmap._words import count
from argmap.errors import Diagnostic, Location, Severity
from argmap.model import Argument, ArgumentMap, Attack, AttackType, Claim, Evidence

__all__ = ["THESIS_TAGS", "ArgdownModel", "Traced", "export_argdown", "export_losses",
           "import_argdown", "parse_argdown", "trace_argdown"]

MAX_LINES = 1_000_000

#: The tags that mark a statement as a thesis of the map: it is imported with
#: ``main: true`` (Argdown has no other way to say it), and a main claim is exported
#: with ``#thesis``.
THESIS_TAGS = frozenset({"thesis", "main"})

Kind = Literal["statement", "argument"]
Ref = tuple[Kind, str]

_RELATIONS = {
    "+": ("support", True), "<+": ("support", True), "+>": ("support", False),
    "-": ("attack", True), "<-": ("attack", True), "->": ("attack", False),
    "_": ("undercut", True), "<_": ("undercut", True), "_>": ("undercut", False),
    "><": ("contradictory", False),
}
_RELATION_LINE = re.compile(r"(<\+|<-|<_|\+>|->|_>|><|\+|-|_)(?:\s+|$)(.*)")
_RELATION_START = frozenset("+-_<>")
_NUMBERED_REF = re.compile(r"@?<[^>]*>\(\d+\)")
_HEADING = re.compile(r"(#{1,6})\s+(.*)")
_PCS_ITEM = re.compile(r"\((\d+)\)\s*(.*)")
_LIST_ITEM = re.compile(r"(?:\*|\d+\.)\s+(.*)")
_ESCAPE = re.compile(r"\\(.)")
_LINE_COMMENT = re.compile(r"(^|\s)//.*$")
_MENTION = re.compile(r"@([\[<])")


#: How many "defined again with another text" notes one statement gets (the texts all go
#: into its note; the diagnostics stop repeating after this many).
_OTHER_TEXTS_NOTED = 5


def _other_texts_note(others: dict[str, None]) -> str | None:
    """The note that keeps a statement's further texts (``None`` when it has none)."""
    if not others:
        return None
    return "Also defined in Argdown as:\n" + "\n".join(f"- {t}" for t in others)


@attrs.define
class _Statement:
    title: str
    text: str = ""
    #: Tags in the order written (a dict: membership tests stay constant-time).
    tags: dict[str, None] = attrs.field(factory=dict)
    line: int = 0
    generated: bool = False
    #: Continuation lines, joined into ``text`` when the parse ends (no quadratic growth).
    more: list[str] = attrs.field(factory=list)
    #: Other texts the statement is defined with (Argdown's equivalence class); argmap
    #: keeps the first as the claim's text and these in its note.
    others: dict[str, None] = attrs.field(factory=dict)


@attrs.define
class _Argument:
    title: str
    text: str = ""
    tags: dict[str, None] = attrs.field(factory=dict)
    line: int = 0
    #: The premise-conclusion structure: ("statement", title) or ("inference", text).
    pcs: list[tuple[str, str]] = attrs.field(factory=list)
    generated: bool = False
    #: Continuation lines, joined into ``text`` when the parse ends (no quadratic growth).
    more: list[str] = attrs.field(factory=list)


@attrs.define
class _Relation:
    kind: str
    source: Ref
    target: Ref
    line: int


@attrs.define
class ArgdownModel:
    """What the parser read, at Argdown's level."""

    statements: dict[str, _Statement] = attrs.field(factory=dict)
    arguments: dict[str, _Argument] = attrs.field(factory=dict)
    relations: list[_Relation] = attrs.field(factory=list)
    sections: int = 0
    #: The line of the first heading (0: none), for the note that headings are left out.
    first_section_line: int = 0
    title: str | None = None
    strict: bool = False
    #: ``model.explodeArguments``: Argdown counts one argument per inference step.
    explode: bool = False
    diagnostics: list[Diagnostic] = attrs.field(factory=list)

    @property
    def tags(self) -> set[str]:
        """Every tag used."""
        found: set[str] = set()
        for statement in self.statements.values():
            found.update(statement.tags)
        for argument in self.arguments.values():
            found.update(argument.tags)
        return found

    def counts(self) -> dict[str, object]:
        """Counts in the shape of ``reference-counts.json``."""
        return {
            "statements": len(self.statements),
            "arguments": sum(
                max(1, sum(kind == "inference" for kind, _ in a.pcs)) if self.explode else 1
                for a in self.arguments.values()
            ),
            "relations": dict(Counter(r.kind for r in self.relations)),
            "sections": self.sections,
            "tags": len(self.tags),
        }

    @property
    def ok(self) -> bool:
        """True when no error was found."""
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)


def _is_inference(content: str) -> bool:
    """``----`` or ``-- rule --`` (checked without a backtracking regex)."""
    return len(content) >= 2 and content.startswith("--") and content.endswith("--")


def _strip_comments(text: str) -> str:
    """Blank out block comments (keeping line breaks) and line comments."""
    out: list[str] = []
    index = 0
    length = len(text)
    html = block = -2  # next "<!--" and "/*" at or after index (-1: none left)
    while index < length:
        if -1 < html < index or html == -2:
            html = text.find("<!--", index)
        if -1 < block < index or block == -2:
            block = text.find("/*", index)
        starts = [p for p in (html, block) if p >= 0]
        if not starts:
            out.append(text[index:])
            break
        start = min(starts)
        if start > 0 and text[start - 1] == "\\":  # escaped: `\/*`, `\<!--`
            out.append(text[index : start + 1])
            index = start + 1
            continue
        closer = "-->" if start == html else "*/"
        end = text.find(closer, start + 4 if closer == "-->" else start + 2)
        end = length if end < 0 else end + len(closer)
        out.append(text[index:start])
        out.append("".join("\n" if c == "\n" else " " for c in text[start:end]))
        index = end
    return "".join(out)


def _element_parts(content: str) -> tuple[str, str, str, str, str] | None:
    """``[Title]: rest`` or ``<Title>: rest`` split into (opener, title, closer, colon,
    rest), or ``None``.  A scan: the title ends at the first unescaped ``]`` or ``>``
    (a regex with a lazy group keeps a backtracking entry per character, 150 MB for a
    1 MB line of ``<``); ``](`` is a Markdown link, not an element."""
    if not content or content[0] not in "[<":
        return None
    index, length = 1, len(content)
    while index < length:
        char = content[index]
        if char == "\\":
            if index + 1 >= length:
                return None
            index += 2
            continue
        if char in "]>":
            break
        index += 1
    else:
        return None
    after = index + 1
    if content.startswith("(", after):
        return None
    colon = ":" if content.startswith(":", after) else ""
    rest = content[after + len(colon):].lstrip()
    return content[0], content[1:index], content[index], colon, rest


def _take_tags(text: str) -> tuple[str, list[str]]:
    """``text`` without its tags (``#tag``, ``#(a tag)``), and the tags.

    One pass with ``str.find`` (a regex with ``[^)]*`` rescans the rest of the line for
    every ``#(``: quadratic on a line of 40,000 ``#(``).  A ``#`` after a word character
    or a backslash starts no tag.
    """
    if "#" not in text:
        return text, []
    kept: list[str] = []
    tags: list[str] = []
    index = 0
    length = len(text)
    no_close = length + 1  # no ")" at or after this position
    while True:
        hash_at = text.find("#", index)
        if hash_at < 0:
            kept.append(text[index:])
            break
        before = text[hash_at - 1] if hash_at > 0 else " "
        if before == "\\" or before.isalnum() or before == "_":
            kept.append(text[index : hash_at + 1])
            index = hash_at + 1
            continue
        after = hash_at + 1
        if after < length and text[after] == "(":
            close = -1 if after >= no_close else text.find(")", after + 1)
            if close >= 0:
                kept.append(text[index:hash_at])
                tags.append(text[after + 1 : close])
                index = close + 1
                continue
            no_close = min(no_close, after)
        end = after
        while end < length and (text[end].isalnum() or text[end] in "_-"):
            end += 1
        if end > after:
            kept.append(text[index:hash_at])
            tags.append(text[after:end])
            index = end
            continue
        kept.append(text[index:after])
        index = after
    return "".join(kept), tags


def _clean(text: str) -> tuple[str, list[str], bool]:
    """Text without tags and inline data, unescaped; its tags; whether data was dropped."""
    if not any(c in text for c in "#{@\\"):
        return " ".join(text.split()), [], False
    text, tags = _take_tags(text)
    dropped = False
    if "{" in text:
        kept: list[str] = []
        depth = 0
        escaped = False
        for char in text:
            if escaped:
                escaped = False
                if depth == 0:
                    kept.append("\\" + char)
                continue
            if char == "\\":
                escaped = True
                continue
            if char == "{":
                depth += 1
                dropped = True
                continue
            if char == "}" and depth:
                depth -= 1
                continue
            if depth == 0:
                kept.append(char)
        text = "".join(kept)
    text = _MENTION.sub(r"\1", text)
    text = _ESCAPE.sub(r"\1", text)
    return " ".join(text.split()), [t.strip() for t in tags if t.strip()], dropped


def _indent(line: str) -> int:
    width = 0
    for char in line:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4
        else:
            break
    return width


def parse_argdown(text: str, file: str | None = None) -> ArgdownModel:
    """Parse Argdown text into an :class:`ArgdownModel` (never raises on bad input)."""
    model = ArgdownModel()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if len(lines) > MAX_LINES:
        model.diagnostics.append(Diagnostic(
            "too-large", f"the input has more than {MAX_LINES:,} lines", Location(file, 1, 1),
            hint="split the document"))
        return model
    start = 0
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and lines[first].strip() == "===":
        end = next((i for i in range(first + 1, len(lines)) if lines[i].strip() == "==="), None)
        if end is None:
            model.diagnostics.append(Diagnostic(
                "syntax", "the front matter opened with `===` is never closed",
                Location(file, first + 1, 1), hint="end the front matter with a line `===`"))
            return model
        for line in lines[first + 1 : end]:
            match = re.match(r"title:\s*(.+)", line)
            if match:
                model.title = _scalar(match.group(1)) or None
            if re.match(r"\s+mode:\s*['\"]?strict", line):
                model.strict = True
            if re.match(r"\s+explodeArguments:\s*true", line):
                model.explode = True
        start = end + 1
    original = lines[start:]
    body = _join_data(_strip_comments("\n".join(original)).split("\n"))
    blank = [not line.strip() for line in original]
    _Parser(model, file, start).run(body, blank)
    # "<A> supports [C]" where C is A's own conclusion says nothing new; Argdown drops it.
    conclusions = {
        ("argument", title): ("statement", argument.pcs[-1][1])
        for title, argument in model.arguments.items()
        if argument.pcs and argument.pcs[-1][0] == "statement"
        and any(kind == "inference" for kind, _ in argument.pcs)
    }
    model.relations = [
        r for r in model.relations
        if not (r.kind == "support" and conclusions.get(r.source) == r.target)
    ]
    if any(d.location.column is None for d in model.diagnostics):
        model.diagnostics[:] = _columns_filled(model.diagnostics, text)
    return model


def _scalar(value: str) -> str:
    """A front-matter value: a double-quoted YAML/JSON string unescaped, else as written."""
    value = value.strip()
    if value.startswith('"'):
        try:
            found = json.loads(value)
        except ValueError:
            pass
        else:
            if isinstance(found, str):
                return found
    return value.strip("'\"")


def _join_data(lines: list[str]) -> list[str | None]:
    """Lines with multi-line inline data (``{`` ... ``}``) joined into their first line.

    The lines taken up by the join become ``None`` (skipped, not empty).
    """
    out: list[str | None] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        depth = _depth(line) if "{" in line else 0
        parts = [line]
        taken = index + 1
        while depth > 0 and taken < len(lines) and taken - index < 10_000:
            depth += _depth(lines[taken])
            parts.append(lines[taken].strip())
            taken += 1
        out.append(" ".join(parts))
        out.extend([None] * (taken - index - 1))
        index = taken
    return out


def _depth(line: str) -> int:
    depth = 0
    escaped = False
    for char in line:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
    return depth


class _Parser:
    def __init__(self, model: ArgdownModel, file: str | None, offset: int) -> None:
        self.model = model
        self.file = file
        self.offset = offset
        self.stack: list[tuple[int, Ref]] = []
        self.current: Ref | None = None  # the element whose text a plain line continues
        self.last_argument: str | None = None  # may own a following PCS
        self.pcs_owner: str | None = None
        self.anonymous = 0
        self.dropped_data = 0
        self.first_dropped_line = 0
        self.line_number = 0
        self.relation_keys: dict[tuple[str, Ref, Ref], int] = {}
        self.in_heading = False
        self.expanded: list[str] | None = None  # lines of an open `--` ... `--` inference
        self.expanded_line = 0

    # -- diagnostics -----------------------------------------------------------------

    def problem(self, code: str, message: str, column: int | None = None, *,
                severity: Severity = Severity.ERROR, hint: str | None = None) -> None:
        """A diagnostic on the current line; without ``column``, at the column where the
        line's content starts (filled in by :func:`_with_columns`)."""
        self.model.diagnostics.append(Diagnostic(
            code, message, Location(self.file, self.line_number, column), severity, hint))

    # -- elements --------------------------------------------------------------------

    def _fresh_title(self, prefix: str, taken: Mapping[str, object]) -> str:
        """The next ``prefix N`` title not yet in ``taken`` (for untitled elements)."""
        self.anonymous += 1
        while f"{prefix} {self.anonymous}" in taken:
            self.anonymous += 1
        return f"{prefix} {self.anonymous}"

    def statement(self, title: str | None, raw_text: str, defines: bool) -> Ref:
        text, tags, dropped = _clean(raw_text)
        self.dropped_data += dropped
        if dropped and not self.first_dropped_line:
            self.first_dropped_line = self.line_number
        if title is None:
            title = self._fresh_title("Untitled", self.model.statements)
            self.model.statements[title] = _Statement(title, text, dict.fromkeys(tags),
                                                      self.line_number,
                                                      generated=True)
            return ("statement", title)
        found = self.model.statements.get(title)
        if found is None:
            found = _Statement(title, line=self.line_number)
            self.model.statements[title] = found
        if text and not found.text:
            found.text = text
        elif text and defines and text != found.text and text not in found.others:
            found.others[text] = None
            if len(found.others) <= _OTHER_TEXTS_NOTED:
                self.problem("other-text", f"[{title}] is defined again with another text; "
                             "argmap keeps the first as the claim's text and this one in its "
                             "note", severity=Severity.INFO,
                             hint="give the two statements different titles if they are "
                             "different claims")
        found.tags.update(dict.fromkeys(tags))
        return ("statement", title)

    def argument(self, title: str | None, raw_text: str) -> Ref:
        text, tags, dropped = _clean(raw_text)
        self.dropped_data += dropped
        if dropped and not self.first_dropped_line:
            self.first_dropped_line = self.line_number
        if title is None:
            title = self._fresh_title("Untitled argument", self.model.arguments)
            self.model.arguments[title] = _Argument(title, text, dict.fromkeys(tags),
                                                    self.line_number,
                                                    generated=True)
            return ("argument", title)
        found = self.model.arguments.get(title)
        if found is None:
            found = _Argument(title, line=self.line_number)
            self.model.arguments[title] = found
        if text and not found.text:
            found.text = text
        found.tags.update(dict.fromkeys(tags))
        return ("argument", title)

    def element(self, content: str, column: int) -> Ref | None:
        """An element written on a line (after any relation symbol)."""
        match = _element_parts(content)
        if match and (match[0] == "[") == (match[2] == "]"):
            bracket, raw_title, _, colon, rest = match
            title = " ".join((_ESCAPE.sub(r"\1", raw_title) if "\\" in raw_title
                              else raw_title).split())
            if not title:
                self.problem("syntax", "an element with an empty title", column,
                             hint="write a title between the brackets, or leave them out")
                return None
            if bracket == "[":
                return self.statement(title, rest, bool(colon))
            return self.argument(title, rest)
        if not content.strip():
            self.problem("syntax", "a relation symbol without an element after it", column,
                         hint="write a statement or argument after the symbol, for example "
                         "`+ [Title]: text`")
            return None
        return self.statement(None, content, True)

    def append_text(self, ref: Ref, raw: str) -> None:
        text, tags, dropped = _clean(raw)
        self.dropped_data += dropped
        if dropped and not self.first_dropped_line:
            self.first_dropped_line = self.line_number
        table: dict[str, _Statement] | dict[str, _Argument]
        table = self.model.statements if ref[0] == "statement" else self.model.arguments
        element = table[ref[1]]
        if text:
            element.more.append(text)
        element.tags.update(dict.fromkeys(tags))

    def relate(self, symbol: str, parent: Ref, child: Ref) -> None:
        kind, incoming = _RELATIONS[symbol]
        source, target = (child, parent) if incoming else (parent, child)
        if (self.pcs_owner is not None and source[0] == "statement"
                and target[0] == "argument" and parent == source):
            # What a premise-conclusion structure's statement does to an argument, the
            # argument does (Argdown reads it so).
            source = ("argument", self.pcs_owner)
        if kind in ("support", "attack") and source[0] == target[0] == "statement" and (
                self.model.strict):
            kind = "entails" if kind == "support" else "contrary"
        if kind == "undercut" and target[0] == "statement" and self.pcs_owner is not None:
            # An undercut written under a conclusion is about the argument's inference.
            target = ("argument", self.pcs_owner)
        if kind == "undercut" and target[0] != "argument":
            self.problem("unsupported", "an undercut must target an argument (`<Title>`); "
                         "this one is read as an attack", severity=Severity.WARNING)
            kind = "attack"
        key = (kind, source, target) if kind != "contradictory" else (
            kind, min(source, target), max(source, target))
        first = self.relation_keys.get(key)
        if first is not None:
            self.problem("duplicate-relation", f"this relation repeats the one of line {first} "
                         f"({_label(source)} {_SYMBOL[kind]} {_label(target)}); Argdown and "
                         "argmap count it once", severity=Severity.INFO)
            return
        self.relation_keys[key] = self.line_number
        self.model.relations.append(_Relation(kind, source, target, self.line_number))

    # -- lines -----------------------------------------------------------------------

    def run(self, lines: list[str | None], blank: list[bool]) -> None:
        for index, raw in enumerate(lines):
            self.line_number = index + 1 + self.offset
            if raw is None:
                continue
            line = (_LINE_COMMENT.sub("", raw) if "//" in raw else raw).rstrip()
            if not line.strip():
                if blank[index]:
                    self.in_heading = False
                    self.stack.clear()
                    self.current = None
                continue
            self.line(line)
        elements: list[_Statement | _Argument] = [*self.model.statements.values(),
                                                  *self.model.arguments.values()]
        for element in elements:
            if element.more:
                element.text = " ".join([element.text, *element.more]).strip()
                element.more.clear()
        if self.expanded is not None:
            self.line_number = self.expanded_line
            self.problem("syntax", "an inference opened with `--` is never closed",
                         hint="end the inference rule with a line `--`")
        if self.dropped_data:
            self.model.diagnostics.append(Diagnostic(
                "not-imported", f"inline data (`{{...}}`) of "
                f"{count(self.dropped_data, 'element')} is left out"
                + (" (the first here)" if self.dropped_data > 1 else ""),
                Location(self.file, self.first_dropped_line or None), Severity.INFO))

    def line(self, line: str) -> None:
        indent = _indent(line)
        content = line.strip()
        column = indent + 1
        first = content[0]  # each pattern below is tried only where it can start
        if first == "#" and _HEADING.match(content):
            self.model.sections += 1
            if not self.model.first_section_line:
                self.model.first_section_line = self.line_number
            self.reset()
            self.in_heading = True
            return
        if self.in_heading and not (first in _RELATION_START and _RELATION_LINE.match(content)):
            return  # a heading continues until an empty line
        self.in_heading = False
        if self.expanded is not None:
            if re.fullmatch(r"--+", content):
                self.inference(" ".join(self.expanded), indent)
                self.expanded = None
            else:
                self.expanded.append(content)
            return
        if content == "--":
            self.expanded = []
            self.expanded_line = self.line_number
            return
        if first == "-" and _is_inference(content):
            self.inference(content, indent)
            return
        pcs = _PCS_ITEM.match(content) if first == "(" else None
        if pcs:
            self.pcs_item(pcs.group(2), indent)
            return
        relation = _RELATION_LINE.match(content) if first in _RELATION_START else None
        if relation:
            symbol, rest = relation.groups()
            while self.stack and self.stack[-1][0] >= indent:  # indents rise along the stack
                self.stack.pop()
            parents = self.stack
            if not parents:
                self.problem("syntax", f"the relation `{symbol}` has no element above it to "
                             "relate to", column,
                             hint="indent relations under a statement or argument, with no "
                             "empty line in between")
                return
            if not rest.strip():
                self.problem("syntax", f"the relation `{symbol}` has no statement or argument "
                             "after it", column, hint="write an element after the symbol, for "
                             "example `+ [Title]: text`")
                return
            child = self.element(rest, column + len(symbol) + 1)
            if child is None:
                return
            self.relate(symbol, parents[-1][1], child)
            self.stack.append((indent, child))
            self.current = child
            self.end_pcs_unless_nested(indent)
            return
        if first in "@<" and _NUMBERED_REF.match(content):
            self.problem("unsupported", "references to an argument's statements by number "
                         "(`<A>(1)`) are not supported", column,
                         hint="refer to the statement by its title, `[Title]`")
            return
        listed = _LIST_ITEM.match(content) if first == "*" or first.isdigit() else None
        if listed:
            content = listed.group(1)
        if self.current is not None and not listed and not (
                content.startswith(("[", "<")) and _element_parts(content)):
            self.append_text(self.current, content)
            return
        ref = self.element(content, column)
        self.pcs_owner = None
        if ref is None:
            return
        self.stack = [(indent, ref)]
        self.current = ref
        self.last_argument = ref[1] if ref[0] == "argument" else None

    def reset(self) -> None:
        self.stack.clear()
        self.current = None
        self.last_argument = None
        self.pcs_owner = None

    def end_pcs_unless_nested(self, indent: int) -> None:
        if indent == 0:
            self.pcs_owner = None

    def owner(self) -> _Argument:
        if self.pcs_owner is None:
            if self.last_argument is not None and not self.model.arguments[
                    self.last_argument].pcs:
                self.pcs_owner = self.last_argument
            else:
                self.pcs_owner = self.argument(None, "")[1]
        return self.model.arguments[self.pcs_owner]

    def pcs_item(self, rest: str, indent: int) -> None:
        argument = self.owner()
        ref = self.element(rest, indent + 1) if rest.strip() else None
        if ref is None:
            if not rest.strip():
                self.problem("syntax", "a numbered premise without text", indent + 1,
                             hint="write `(1) [Title]: text` or `(1) text`")
            return
        if ref[0] != "statement":
            self.problem("syntax", "a premise-conclusion structure lists statements, not "
                         "arguments", indent + 1, hint="write `(1) [Title]: text`")
            return
        argument.pcs.append(("statement", ref[1]))
        self.stack = [(indent, ref)]
        self.current = ref
        self.last_argument = None

    def inference(self, content: str, indent: int) -> None:
        argument = self.owner()
        text = content.strip().lstrip("-").rstrip("-")
        if text.endswith("\\"):
            text += "-"  # `\--`: an escaped dash before the closing dashes
        text = text.strip()
        cleaned, _, dropped = _clean(text)
        self.dropped_data += dropped
        if dropped and not self.first_dropped_line:
            self.first_dropped_line = self.line_number
        argument.pcs.append(("inference", cleaned))
        # Relations under an inference line are about the inference (undercuts).
        self.stack = [(indent, ("argument", argument.title))]
        self.current = None


# --------------------------------------------------------------------------------------
# Argdown model -> argument map

#: Most inferences one undercut of an argument without structure attacks (one attack
#: each: bounded, so that many undercuts of a much-used argument stay linear).
_UNDERCUT_FANOUT = 20

_SYMBOL = {"support": "+>", "entails": "+>", "attack": "->", "contrary": "->",
           "undercut": "_>", "contradictory": "><"}


def _label(ref: Ref) -> str:
    return f"[{ref[1]}]" if ref[0] == "statement" else f"<{ref[1]}>"


@attrs.define
class Traced:
    """One element or relation of the Argdown input, and what became of it in the map.

    ``parts`` name what represents it in the map once lowered: ``("claim", id)``,
    ``("argument", id)``, ``("attack", id)``, ``("premise", argument id, claim id)`` or
    ``("contradiction", id, id)``; ``reported`` is the diagnostic that says why it is
    not in the map (then ``parts`` is empty).
    """

    kind: str
    label: str
    line: int
    source: Ref | None = None
    target: Ref | None = None
    parts: list[tuple[str, ...]] = attrs.field(factory=list)
    reported: Diagnostic | None = None


def import_argdown(text: str, file: str | None) -> ImportResult:
    """Read Argdown text."""
    return trace_argdown(text, file)[0]


def trace_argdown(text: str, file: str | None) -> tuple[ImportResult, list[Traced]]:
    """Read Argdown text; also say, for each element and relation Argdown counts, what
    represents it in the map or which diagnostic reports it (for conservation tests)."""
    model = parse_argdown(text, file)
    if not model.ok:
        return _with_columns(ImportResult(None, tuple(model.diagnostics)), text), []
    result, trace = _Importer(model, file).run()
    return _with_columns(result, text), trace


def line_columns(text: str, rows: Iterable[int]) -> dict[int, int]:
    r"""For each line number of ``rows``, the column where its content starts (after the
    indentation): where the element, relation or heading written on that line begins.

    >>> line_columns("[A]: a.\n  + <B>: b.\n", [1, 2, 3])
    {1: 1, 2: 3, 3: 1}
    """
    wanted = sorted(set(rows))
    found: dict[int, int] = {}
    if not wanted:
        return found
    row, start = 1, 0
    for number in wanted:
        while row < number:
            following = text.find("\n", start)
            if following < 0:
                break
            start, row = following + 1, row + 1
        if row != number:
            found[number] = 1
            continue
        end = text.find("\n", start)
        line = text[start:] if end < 0 else text[start:end]
        found[number] = len(line) - len(line.lstrip(" \t")) + 1 if line.strip() else 1
    return found


def _columns_filled(diagnostics: Iterable[Diagnostic], text: str) -> list[Diagnostic]:
    """The diagnostics, those that name a line but no column with the column where that
    line's content starts (the importer works on elements, which know their line only)."""
    diagnostics = list(diagnostics)
    rows = [d.location.line for d in diagnostics
            if d.location.line is not None and d.location.column is None]
    if not rows:
        return diagnostics
    columns = line_columns(text.replace("\r\n", "\n").replace("\r", "\n"), rows)
    return [
        attrs.evolve(d, location=attrs.evolve(d.location, column=columns[d.location.line]))
        if d.location.line is not None and d.location.column is None else d
        for d in diagnostics]


def _with_columns(result: ImportResult, text: str) -> ImportResult:
    """:func:`_columns_filled` on the diagnostics of an import."""
    if not any(d.location.line is not None and d.location.column is None
               for d in result.diagnostics):
        return result
    return ImportResult(result.map, tuple(_columns_filled(result.diagnostics, text)))


class _Importer:
    """Turns an :class:`ArgdownModel` into a :class:`Graph`, then lowers it.

    Representation (docs/convert.md, "Argdown"): a statement is a claim; an argument with
    a premise-conclusion structure (PCS) is one argmap argument per inference step; an
    argument without one is a "gist" claim holding its description.  In relations an
    Argdown argument stands for: as attacker, the argmap argument (PCS) or its gist claim;
    as premise, its conclusion (PCS) or its gist claim; as target of an attack, its last
    inference (PCS: an undercut) or its gist claim; as target of a support (PCS), the
    supporter becomes a further premise of its last inference.
    """

    def __init__(self, model: ArgdownModel, file: str | None) -> None:
        self.model = model
        self.file = file
        self.graph = Graph(file=file, infer_undermine=True)
        self.trace: list[Traced] = []
        self.conclusion: dict[str, str] = {}  # PCS argument -> key of its conclusion
        self.main: dict[str, str] = {}  # PCS argument -> key of its last inference
        self.gist: dict[str, str] = {}  # argument without PCS -> key of its gist claim
        self.gist_supports: dict[str, list[str]] = {}  # its supports, by relation key
        self.signatures: dict[tuple[object, ...], str] = {}  # relation -> what wrote it

    # -- what an Argdown element stands for ----------------------------------------------

    def claim_of(self, ref: Ref) -> str:
        """The proposition that stands for ``ref`` as a premise or a supported claim."""
        kind, title = ref
        if kind == "statement":
            return f"s:{title}"
        return self.conclusion.get(title) or self.gist[title]

    def has_pcs(self, ref: Ref) -> bool:
        return ref[0] == "argument" and ref[1] in self.main

    def attacker_of(self, ref: Ref) -> str:
        if self.has_pcs(ref):
            return self.main[ref[1]]
        return self.claim_of(ref)

    def hint(self, key: str) -> str:
        return self.graph.props[key].id_hint or "n"

    # -- bookkeeping ---------------------------------------------------------------------

    def note(self, code: str, message: str, line: int, *,
             severity: Severity = Severity.INFO, hint: str | None = None) -> Diagnostic:
        self.graph.note(code, message, severity=severity, where=Location(self.file, line),
                        hint=hint)
        return self.graph.diagnostics[-1]

    def duplicate(self, entry: Traced, signature: tuple[object, ...]) -> bool:
        """True (and reported) when the map already holds what ``entry`` says."""
        first = self.signatures.get(signature)
        if first is None:
            return False
        found = self.note(
            "duplicate-relation", f"line {entry.line}: {entry.label} says in argmap what "
            f"{first} already says; the map keeps it once", entry.line)
        if not entry.parts:
            entry.reported = found
        return True

    # -- the pass ------------------------------------------------------------------------

    def run(self) -> tuple[ImportResult, list[Traced]]:
        model, graph = self.model, self.graph
        graph.title = model.title
        graph.diagnostics.extend(model.diagnostics)
        if model.sections:
            graph.note("not-imported", f"{count(model.sections, 'heading')} "
                       f"{'is' if model.sections == 1 else 'are'} left out: argmap "
                       "maps have no sections (tags can group claims instead)"
                       + (" (the first here)" if model.sections > 1 else ""),
                       severity=Severity.INFO,
                       where=Location(self.file, model.first_section_line or None))
        for title, statement in model.statements.items():
            key = f"s:{title}"
            graph.props[key] = Prop(
                key=key, text=statement.text or title,
                title=None if statement.generated else title[:200],
                tags=list(statement.tags), id_hint=_hint(title, statement.generated, "s"),
                main=any(tag.lower() in THESIS_TAGS for tag in statement.tags),
                note=_other_texts_note(statement.others),
            )
            self.trace.append(Traced("statement", f"[{title}]", statement.line,
                                     parts=[("prop", key)]))
        for title, argument in model.arguments.items():
            self.argument(title, argument)
        ordered = sorted(enumerate(model.relations),
                         key=lambda item: item[1].kind not in ("support", "entails"))
        for index, relation in ordered:
            if graph.full():  # an error diagnostic says the input is too large
                return ImportResult(None, tuple(graph.diagnostics)), self.trace
            self.relation(index, relation)
        argmap = lower(graph)
        ids, rels = graph.ids, graph.rels
        for entry in self.trace:
            lowered: list[tuple[str, ...]] = []
            for part in entry.parts:
                if part[0] == "prop":
                    lowered.append(("claim", ids[part[1]]))
                elif part[0] == "rel":
                    what = "argument" if rels[part[1]].kind == "support" else "attack"
                    lowered.append((what, ids[part[1]]))
                else:
                    lowered.append((part[0], ids[part[1]], ids[part[2]]))
            entry.parts = lowered
        return ImportResult(argmap, tuple(graph.diagnostics)), self.trace

    def argument(self, title: str, argument: _Argument) -> None:
        graph = self.graph
        entry = Traced("argument", f"<{title}>", argument.line)
        self.trace.append(entry)
        steps = _steps(argument, graph, self.file)
        if not steps:
            key = f"g:{title}"
            self.gist[title] = key
            graph.props[key] = Prop(
                key=key, text=argument.text or title,
                title=None if argument.generated else title[:200],
                tags=["gist", *argument.tags],
                id_hint=_hint(title, argument.generated, "a") + "-gist",
            )
            entry.parts.append(("prop", key))
            return
        for number, (premises, conclusion, scheme) in enumerate(steps, start=1):
            last = number == len(steps)
            key = f"a:{title}" if last else f"a:{title}#{number}"
            sources = [f"s:{p}" for p in premises]
            graph.rels[key] = Rel(
                key=key, kind="support", sources=sources,
                target=f"s:{conclusion}", scheme=scheme or None,
                title=(title[:200] if last and not argument.generated else None),
                text=argument.text or None, tags=list(argument.tags) if last else [],
                id_hint=_hint(title, argument.generated, "a") + (
                    "" if last else f"-step{number}"),
                where=Location(self.file, argument.line or None),
            )
            self.signatures.setdefault(("support", frozenset(sources), f"s:{conclusion}"),
                                       f"argument {entry.label}")
            if self.model.explode and number > 1:
                # ``explodeArguments``: Argdown counts each inference step as an argument.
                entry = Traced("argument", entry.label, argument.line)
                self.trace.append(entry)
            entry.parts.append(("rel", key))
        self.conclusion[title] = f"s:{steps[-1][1]}"
        self.main[title] = f"a:{title}"

    def relation(self, index: int, relation: _Relation) -> None:
        source, target, kind = relation.source, relation.target, relation.kind
        entry = Traced(kind, f"{_label(source)} {_SYMBOL[kind]} {_label(target)}",
                       relation.line, source, target)
        self.trace.append(entry)
        key = f"r:{index}"
        if kind in ("support", "entails"):
            self.support(key, entry, source, target,
                         "entailment" if kind == "entails" else None)
        elif kind == "undercut":
            self.undercut(key, entry, source, target)
        elif kind == "contradictory":
            self.contradiction(key, entry, source, target)
        else:
            self.attack(key, entry, source, target)

    def support(self, key: str, entry: Traced, source: Ref, target: Ref,
                scheme: str | None) -> None:
        graph = self.graph
        premise = self.claim_of(source)
        where = Location(self.file, entry.line)
        if self.has_pcs(target):
            main = graph.rels[self.main[target[1]]]
            entry.parts.append(("premise", main.key, premise))
            if premise in main.sources:
                return  # already a premise: the support says what the structure says
            if len(main.sources) >= PREMISES_MAX:
                entry.parts.clear()
                entry.reported = self.note(
                    "too-many-premises", f"line {entry.line}: {entry.label} would be premise "
                    f"number {len(main.sources) + 1} of {_label(target)}; argmap arguments "
                    f"have at most {PREMISES_MAX}, so it is left out", entry.line,
                    severity=Severity.WARNING)
                return
            old = ("support", frozenset(main.sources), main.target)
            if self.signatures.get(old) == f"argument {_label(target)}":
                del self.signatures[old]
            main.sources.append(premise)
            self.signatures.setdefault(("support", frozenset(main.sources), main.target),
                                       f"argument {_label(target)}")
            self.note("approximated", f"line {entry.line}: {entry.label}: a support of an "
                      "argument with premises and a conclusion becomes a further premise of "
                      f"its last inference (Argdown reads the supporter as one of "
                      f"{_label(target)}'s premises)", entry.line)
            return
        conclusion = self.claim_of(target)
        signature = ("support", frozenset([premise]), conclusion)
        if self.duplicate(entry, signature):
            return
        if source[0] == "argument" and source[1] in self.gist:
            argument = self.model.arguments[source[1]]
            supports = self.gist_supports.setdefault(source[1], [])
            key = f"a:{source[1]}" if not supports else f"a:{source[1]}@{len(supports) + 1}"
            supports.append(key)
            graph.rels[key] = Rel(
                key=key, kind="support", sources=[premise], target=conclusion,
                title=None if argument.generated else source[1][:200], scheme=scheme,
                tags=list(argument.tags), where=where,
                id_hint=_hint(source[1], argument.generated, "a"),
            )
        else:
            graph.rels[key] = Rel(
                key=key, kind="support", sources=[premise], target=conclusion, where=where,
                scheme=scheme, id_hint=f"{self.hint(premise)}-to-{self.hint(conclusion)}"[:56],
            )
        self.signatures[signature] = entry.label
        entry.parts.append(("rel", key))

    def attack(self, key: str, entry: Traced, source: Ref, target: Ref) -> None:
        attacker = self.attacker_of(source)
        attack_type: AttackType | None = None
        if self.has_pcs(target):
            goal = self.main[target[1]]
            attack_type = AttackType.UNDERCUT
        else:
            goal = self.claim_of(target)
        if self.duplicate(entry, ("attack", attacker, goal)):
            return
        self.signatures[("attack", attacker, goal)] = entry.label
        if attack_type is AttackType.UNDERCUT and entry.kind != "undercut":
            self.note("approximated", f"line {entry.line}: an attack on argument "
                      f"{_label(target)} does not say which premise it targets; it becomes "
                      "an undercut", entry.line)
        self.graph.rels[key] = Rel(key=key, kind="attack", sources=[attacker], target=goal,
                                   where=Location(self.file, entry.line),
                                   attack_type=attack_type)
        entry.parts.append(("rel", key))

    def undercut(self, key: str, entry: Traced, source: Ref, target: Ref) -> None:
        if self.has_pcs(target):
            self.attack(key, entry, source, target)
            return
        supports = self.gist_supports.get(target[1], [])
        attacker = self.attacker_of(source)
        if not supports:
            self.note("approximated", f"line {entry.line}: {entry.label}: {_label(target)} "
                      "has no inference of its own in the map (it supports no statement and "
                      "no argument without structure), so the undercut becomes an attack on "
                      "its description", entry.line, severity=Severity.WARNING)
            self.attack(key, entry, source, target)
            return
        if len(supports) > _UNDERCUT_FANOUT:
            self.note("too-many-inferences", f"line {entry.line}: {_label(target)} supports "
                      f"{count(len(supports), 'statement')}; the undercut attacks the "
                      f"inferences to the first {_UNDERCUT_FANOUT} only", entry.line,
                      severity=Severity.WARNING)
        for number, goal in enumerate(supports[:_UNDERCUT_FANOUT], start=1):
            if self.duplicate(entry, ("attack", attacker, goal)):
                return
            self.signatures[("attack", attacker, goal)] = entry.label
            part = key if number == 1 else f"{key}@{number}"
            self.graph.rels[part] = Rel(key=part, kind="attack", sources=[attacker],
                                        target=goal, attack_type=AttackType.UNDERCUT,
                                        where=Location(self.file, entry.line))
            entry.parts.append(("rel", part))

    def contradiction(self, key: str, entry: Traced, source: Ref, target: Ref) -> None:
        if not self.has_pcs(source) and not self.has_pcs(target):
            first, second = self.claim_of(source), self.claim_of(target)
            if first != second:
                signature = ("contradiction", frozenset([first, second]))
                if self.duplicate(entry, signature):
                    return
                self.signatures[signature] = entry.label
                self.graph.contradictions.append((first, second, None))
                entry.parts.append(("contradiction", first, second))
                return
            self.note("approximated", f"line {entry.line}: {entry.label} contradicts itself; "
                      "it becomes a self-attack", entry.line)
            self.attack(key, entry, source, target)
            return
        # An argument with premises and a conclusion is no claim: one attack each way.
        self.note("approximated", f"line {entry.line}: {entry.label}: a contradiction with an "
                  "argument that has premises and a conclusion becomes two attacks, one each "
                  "way", entry.line)
        self.attack(key, entry, source, target)
        if source != target:
            self.attack(f"{key}@2", entry, target, source)


def _hint(title: str, generated: bool, prefix: str) -> str:
    """The id wanted for an element: its title, or for an untitled one ``s-N``/``a-N``
    (``N`` numbers untitled elements in reading order), which an export writes back
    as the title so that a round trip keeps the ids."""
    if generated:
        return f"{prefix}-{title.rsplit(' ', 1)[-1]}"
    return title


def _steps(
    argument: _Argument, graph: Graph, file: str | None
) -> list[tuple[list[str], str, str]]:
    """The inference steps of a premise-conclusion structure: (premises, conclusion, rule)."""
    if not argument.pcs:
        return []
    steps: list[tuple[list[str], str, str]] = []
    pending: list[str] = []
    rule: str | None = None
    for kind, value in argument.pcs:
        if kind == "inference":
            rule = value
            continue
        if rule is not None:
            premises = list(dict.fromkeys(pending))
            if premises:
                steps.append((premises, value, rule))
            pending = [value]
            rule = None
        else:
            pending.append(value)
    if rule is not None or not steps:
        graph.note("unsupported", f"argument <{argument.title}>: its premise-conclusion "
                   "structure has no conclusion after an inference line; it is read as "
                   "premises only", where=Location(file, argument.line or None))
    return steps


# --------------------------------------------------------------------------------------
# argument map -> Argdown

_SPECIAL = re.compile(r"([\[\]<>#{}\\@*_/])")
#: C0 and C1 control characters other than white space: Argdown has no escape for them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SIMPLE_TAG = re.compile(r"[\w\-]+")
_STEP = re.compile(r"-step[0-9]+\Z")
_COMMENT_MARKS = ("//", "/*", "*/", "<!--", "-->")


def _picture(match: re.Match[str]) -> str:
    """A control character as its visible symbol (U+2400 ...), or U+FFFD."""
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def _plain(text: str) -> str:
    """What a text becomes in Argdown: control characters shown as symbols, white space
    runs (line breaks too) collapsed to one space."""
    return " ".join(_CONTROL.sub(_picture, text).split())


def _escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", _plain(text))


def _tag_text(tag: str) -> str:
    """A tag as it can be written in ``#(...)``: one line, no parentheses or braces,
    nothing a comment could start or end with."""
    text = _plain(tag)
    for char in "(){}":  # `)` would end the tag, braces open inline data
        text = text.replace(char, "")
    if any(mark in text for mark in _COMMENT_MARKS):
        text = text.replace("/", "\u2215").replace("<!--", "<!\u2212\u2212").replace(
            "-->", "\u2212\u2212>")
    return text.strip()


def _tags(tags: Iterable[str]) -> str:
    out = []
    for tag in tags:
        clean = _tag_text(tag)
        if clean:
            out.append(f"#{clean}" if _SIMPLE_TAG.fullmatch(clean) else f"#({clean})")
    return (" " + " ".join(out)) if out else ""


def _wanted(title: str) -> str:
    """The id the import gives a title (before clashes get a suffix)."""
    return title if valid_id(title) else readable_id(title)


def _writable(title: str) -> bool:
    """A title that reads back the same from ``[...]`` or ``<...>``."""
    return title == " ".join(title.split()) and not _CONTROL.search(title)


_TITLE_SPECIAL = re.compile(r"([\\\[\]<>{}/])")


def _title(text: str) -> str:
    return _TITLE_SPECIAL.sub(r"\\\1", text)


def _ref(node_id: str, plan: _Plan) -> str:
    base = plan.gist.get(node_id)
    if base is not None:
        return f"<{_title(base)}>"
    return f"[{_title(plan.titles.get(node_id, node_id))}]"


@attrs.define
class _Plan:
    """How a map is written in Argdown, and what that loses (see docs/convert.md)."""

    #: Claims written as arguments without premise-conclusion structure: id -> title.
    gist: dict[str, str] = attrs.field(factory=dict)
    #: The title each claim, evidence item and argument is written with.
    titles: dict[str, str] = attrs.field(factory=dict)
    #: Arguments written as a support line ``+>`` under their premise (or gist).
    relations: set[str] = attrs.field(factory=set)
    #: Arguments whose last premises are gist claims written as ``+> <A>`` under them.
    fed: dict[str, list[str]] = attrs.field(factory=dict)
    #: Arguments written as the last step of one structure: id -> the earlier steps.
    chains: dict[str, list[str]] = attrs.field(factory=dict)
    #: Arguments written as an earlier step of a chain.
    in_chain: set[str] = attrs.field(factory=set)
    losses: list[str] = attrs.field(factory=list)
    #: Write ``model: mode: strict``: supports between statements are ``entails``.
    strict: bool = False


def _simple(arg: Argument) -> bool:
    """An argument with nothing but its premises, conclusion and id."""
    return not any((arg.title, arg.text, arg.warrant, arg.backing, arg.qualifier,
                    arg.side, arg.tags, arg.note)) and arg.scheme in (None, "entailment")


def _plan(argmap: ArgumentMap) -> _Plan:
    plan = _Plan()
    attacked = {a.target for a in argmap.attacks}
    attacking = {x for a in argmap.attacks for x in a.attackers}
    by_premise: dict[str, list[Argument]] = {}
    for arg in argmap.arguments.values():
        for premise in arg.premises:
            by_premise.setdefault(premise, []).append(arg)
    # Gist claims (an Argdown argument without premise-conclusion structure, as the
    # import writes it): written back as `<Title>` with their supports as `+>` lines.
    candidates = {c.id for c in argmap.claims.values()
                  if "gist" in c.tags and c.id.endswith("-gist") and len(c.id) > 5}
    order = {claim_id: number for number, claim_id in enumerate(argmap.claims)}
    # An argument without structure that supports one with a structure is, after the
    # import, a gist claim among its last premises: written back as `+> <A>`.
    tails: dict[str, list[str]] = {}
    for arg in argmap.arguments.values():
        tail: list[str] = []
        for premise in reversed(arg.premises):
            if premise not in candidates:
                break
            tail.append(premise)
        tail.reverse()
        if tail and len(tail) < len(arg.premises) and not _STEP.search(arg.id) and (
                tail == sorted(tail, key=order.__getitem__)):
            tails[arg.id] = tail
    for claim in argmap.claims.values():
        if claim.id not in candidates:
            continue
        base = claim.id[: -len("-gist")]
        if claim.title and _writable(claim.title) and _wanted(claim.title + "-gist") == claim.id:
            base = claim.title
        uses = by_premise.get(claim.id, [])
        supports = [a for a in uses if a.premises == (claim.id,)]
        if any(a.premises != (claim.id,) and claim.id not in tails.get(a.id, ())
               for a in uses):
            continue
        first = _wanted(base)
        names = [first if n == 1 else f"{first}-{n}" for n in range(1, len(supports) + 1)]
        rest = tuple(t for t in claim.tags if t != "gist")
        ok = all(
            arg.premises == (claim.id,) and arg.id == name and arg.title in (None, base)
            and not any((arg.text, arg.scheme, arg.warrant, arg.backing, arg.qualifier,
                         arg.side, arg.note))
            and arg.tags == rest and arg.id not in attacking
            for arg, name in zip(supports, names, strict=True)
        ) and (len(supports) <= 1 or not any(a.id in attacked for a in supports))
        if ok:
            plan.gist[claim.id] = base
            plan.relations.update(a.id for a in supports)
    for node in argmap.nodes():
        title = node.title
        plan.titles[node.id] = (title if title and _writable(title)
                                and _wanted(title) == node.id else node.id)
    for claim_id, base in plan.gist.items():
        plan.titles[claim_id] = base + "-gist"  # what the import names the gist claim
    # Single-premise arguments that say no more than a support line does.
    for arg in argmap.arguments.values():
        if arg.id in plan.relations or len(arg.premises) != 1 or not _simple(arg):
            continue
        if arg.premises[0] in plan.gist or arg.id in attacked or arg.id in attacking:
            continue
        hint = f"{plan.titles[arg.premises[0]]}-to-{plan.titles[arg.conclusion]}"[:56]
        if arg.id == _wanted(hint):
            plan.relations.add(arg.id)
    # A gist claim is written as an argument only when no structure names it.
    structured = {n for a in argmap.arguments.values() if a.id not in plan.relations
                  for n in (a.conclusion, *a.premises) if n not in tails.get(a.id, ())}
    work = [c for c in plan.gist if c in structured]
    while work:  # a worklist: dropping one gist turns its supports into structures
        claim_id = work.pop()
        if plan.gist.pop(claim_id, None) is None:
            continue
        for arg in by_premise.get(claim_id, []):
            if arg.id in plan.relations:
                plan.relations.discard(arg.id)
                if arg.conclusion in plan.gist:
                    work.append(arg.conclusion)
            elif arg.id in tails:  # its structure now lists its whole tail
                work.extend(g for g in tails.pop(arg.id) if g in plan.gist)
    plan.fed = {a: tail for a, tail in tails.items() if all(g in plan.gist for g in tail)}
    # Supports between statements are all `entails` (strict mode) or all plain.
    between = [argmap.arguments[a] for a in plan.relations
               if argmap.arguments[a].premises[0] not in plan.gist
               and argmap.arguments[a].conclusion not in plan.gist]
    entailments = {a.id for a in between if a.scheme == "entailment"}
    plan.strict = bool(entailments) and len(entailments) == len(between)
    if not plan.strict:
        plan.relations -= entailments
    plan.relations -= {a for a in plan.relations if argmap.arguments[a].scheme is not None
                       and a not in entailments}
    # Multi-step structures, as the import splits them: X-step1, ..., X.
    for arg in argmap.arguments.values():
        steps: list[Argument] = []
        number = 1
        while (step := argmap.arguments.get(f"{arg.id}-step{number}")) is not None:
            steps.append(step)
            number += 1
        if not steps or arg.id in plan.relations:
            continue
        chain = [*steps, arg]
        if all(
            later.premises[0] == earlier.conclusion
            and earlier.conclusion not in later.premises[1:]
            and not any((earlier.title, earlier.tags, earlier.side, earlier.note,
                         earlier.warrant, earlier.backing, earlier.qualifier))
            and earlier.text == arg.text and earlier.id not in attacked
            and earlier.id not in attacking and earlier.id not in plan.relations
            for earlier, later in itertools.pairwise(chain)
        ):
            plan.chains[arg.id] = [s.id for s in steps]
            plan.in_chain.update(s.id for s in steps)
    plan.losses = _losses(argmap, plan)
    return plan


def _named(ids: list[str], limit: int = 8) -> str:
    shown = ", ".join(repr(i) for i in ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def _losses(argmap: ArgumentMap, plan: _Plan) -> list[str]:
    lost: list[str] = []
    attack_ids = argmap.attacks_by_id
    seen: dict[tuple[str, str], str] = {}
    for number, attack in enumerate(argmap.attacks, start=1):
        label = f"attack {attack.id!r}" if attack.id else (
            f"the attack of {attack.attacker!r} on {attack.target!r}")
        if attack.target in attack_ids and argmap.node(attack.target) is None:
            lost.append(f"{label} undercuts another attack; Argdown relations cannot be "
                        "attacked, so it is left out")
            continue
        if attack.co_premises:
            lost.append(f"{label} has the linked co-premises {', '.join(attack.co_premises)}; "
                        "Argdown writes the attack from its first attacker only")
        ends = (attack.attacker, attack.target)
        if ends in seen:
            lost.append(f"{label} (number {number}) repeats {seen[ends]}; Argdown keeps "
                        "one relation between the same two elements")
        seen.setdefault(ends, f"attack number {number}")
    pairs: set[frozenset[str]] = set()
    for contradiction in argmap.contradictions:
        pair = frozenset(contradiction.claims)
        if pair in pairs:
            lost.append(f"the contradiction of {_named(list(contradiction.claims))} is "
                        "listed twice; Argdown keeps it once")
        pairs.add(pair)
    nodes = list(argmap.nodes())
    kept_titles = {**plan.gist,
                   **{a: argmap.arguments[a].title or "" for a in plan.relations}}
    premises = {p for a in argmap.arguments.values() for p in a.premises}
    conclusions = {a.conclusion for a in argmap.arguments.values()}
    parts: list[tuple[str, list[str]]] = [
        ("titles (Argdown's titles are the ids)",
         [n.id for n in nodes if n.title is not None and n.title not in (n.id,
                                                                         kept_titles.get(n.id))]),
        ("sides", [n.id for n in nodes if n.side is not None]),
        ("notes", [n.id for n in nodes if n.note is not None]
         + [f"contradiction {'/'.join(c.claims)}" for c in argmap.contradictions if c.note]
         + [f"attack {a.attacker}->{a.target}" for a in argmap.attacks if a.note]),
        ("evidence types, sources, quotes and locators (evidence is written as a statement "
         "tagged #evidence)", list(argmap.evidence)),
        ("Toulmin parts (warrant, backing, qualifier)",
         [a.id for a in argmap.arguments.values() if any((a.warrant, a.backing, a.qualifier))]),
        ("texts changed: control characters shown as symbols, line breaks and runs of "
         "spaces collapsed",
         [n.id for n in nodes if n.text is not None and _plain(n.text) != n.text]),
        ("tags changed to fit `#(...)`",
         [n.id for n in nodes if any(_tag_text(t) != t for t in n.tags)]),
        ("attack ids", [a.id for a in argmap.attacks if a.id is not None]),
        ("attack types that Argdown infers otherwise",
         [f"{a.attacker}->{a.target}" for a in argmap.attacks if a.type is not None
          and a.type is not _inferred_type(argmap, a, premises, conclusions)]),
    ]
    if argmap.description:
        parts.append(("the map's description (written as a comment)", ["description"]))
    if argmap.authors:
        parts.append(("authors", list(argmap.authors)))
    if argmap.source is not None:
        parts.append(("the map's source", ["source"]))
    if argmap.sides:
        parts.append(("the map's sides", list(argmap.sides)))
    if argmap.sources:
        parts.append(("the map's sources", list(argmap.sources)))
    for what, ids in parts:
        if ids:
            lost.append(f"not written in Argdown: {what}: {_named(ids)}")
    return lost


def _inferred_type(argmap: ArgumentMap, attack: Attack, premises: set[str],
                   conclusions: set[str]) -> AttackType:
    """The type the Argdown import gives the attack back."""
    if attack.target in argmap.arguments:
        return AttackType.UNDERCUT
    if attack.target in premises and attack.target not in conclusions:
        return AttackType.UNDERMINE
    return AttackType.REBUT


def export_losses(argmap: ArgumentMap) -> list[str]:
    """What of ``argmap`` Argdown text cannot say, each naming the elements concerned."""
    return _plan(argmap).losses


def export_argdown(argmap: ArgumentMap) -> str:
    """The map as Argdown: statements, arguments with premise-conclusion structures, and
    attacks and contradictions as relations under their targets.

    Maps imported from Argdown come back in Argdown's shape: gist claims as arguments
    without structure, single-premise supports named ``p-to-c`` as ``+>`` lines, the
    steps ``X-step1`` ... ``X`` as one structure.
    """
    plan = _plan(argmap)
    gist, titles = plan.gist, plan.titles
    out: list[str] = []
    front = []
    if argmap.title:
        front.append(f"title: {json.dumps(_plain(argmap.title), ensure_ascii=False)}")
    if plan.strict:
        front += ["model:", "    mode: strict"]
    if front:
        out += ["===", *front, "===", ""]
    if argmap.description:
        text = _plain(argmap.description).replace("--", "- -")
        out += [f"<!-- {text} -->", ""]
    lost = [line for line in plan.losses if not line.startswith("not written")]
    if lost:
        out.append("<!-- Not expressible in Argdown (see argmap's docs/convert.md):")
        out += [f"  * {_plain(line).replace('--', '- -')}" for line in lost]
        out += ["-->", ""]
    below: dict[str, list[str]] = {}
    attack_ids = argmap.attacks_by_id
    for attack in argmap.attacks:
        if attack.target in attack_ids and argmap.node(attack.target) is None:
            continue
        symbol = "<_" if argmap.attack_type(attack) is AttackType.UNDERCUT else "<-"
        attacker = (f"<{_title(titles[attack.attacker])}>"
                    if attack.attacker in argmap.arguments else _ref(attack.attacker, plan))
        target = attack.target
        if target in plan.relations:  # the single support of a gist: undercut the gist
            target = argmap.arguments[target].premises[0]
        below.setdefault(target, []).append(f"    {symbol} {attacker}")
    for contradiction in argmap.contradictions:
        a, b = contradiction.claims
        below.setdefault(a, []).append(f"    >< {_ref(b, plan)}")
    order = {arg_id: number for number, arg_id in enumerate(argmap.arguments)}
    feeds: dict[str, list[str]] = {}
    for arg_id, tail in plan.fed.items():
        for claim_id in tail:
            feeds.setdefault(claim_id, []).append(arg_id)
    supports_of: dict[str, list[str]] = {}
    for arg_id in plan.relations:
        arg = argmap.arguments[arg_id]
        supports_of.setdefault(arg.premises[0], []).append(arg_id)
    nodes: list[Claim | Evidence] = [*argmap.claims.values(), *argmap.evidence.values()]
    for node in nodes:
        tags = list(node.tags)
        if isinstance(node, Evidence):
            tags.append("evidence")
        elif node.main and not any(tag.lower() in THESIS_TAGS for tag in tags):
            tags.append("thesis")  # Argdown's way to say `main: true`
        if node.id in gist:
            out.append(f"<{_title(gist[node.id])}>: {_escape(node.text)}"
                       + _tags(t for t in tags if t != "gist"))
        else:
            out.append(f"[{_title(titles[node.id])}]: {_escape(node.text)}{_tags(tags)}")
        for arg_id in sorted(supports_of.get(node.id, []), key=order.__getitem__):
            out.append(f"    +> {_ref(argmap.arguments[arg_id].conclusion, plan)}")
        for arg_id in feeds.get(node.id, []):
            out.append(f"    +> <{_title(titles[arg_id])}>")
        out += below.get(node.id, [])
        out.append("")
    for arg in argmap.arguments.values():
        if arg.id in plan.relations or arg.id in plan.in_chain:
            continue
        out.append(f"<{_title(titles[arg.id])}>" + (f": {_escape(arg.text)}" if arg.text else "")
                   + _tags(arg.tags))
        out += below.get(arg.id, [])
        out.append("")
        number = 0
        chain = [argmap.arguments[s] for s in plan.chains.get(arg.id, [])] + [arg]
        for position, step in enumerate(chain):
            premises = step.premises[1:] if position else step.premises
            fed = plan.fed.get(step.id, ())
            for premise in premises[: len(premises) - len(fed)]:
                number += 1
                out.append(f"({number}) {_ref(premise, plan)}")
            rule = _escape(step.scheme).replace("-", "\\-") if step.scheme else ""
            out.append(f"-- {rule} --" if rule else "----")
            number += 1
            out.append(f"({number}) {_ref(step.conclusion, plan)}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
