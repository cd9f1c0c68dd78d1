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

* a statement becomes a claim (id from its title);
* an argument with a premise-conclusion structure becomes one argmap argument per
  inference step; an argument without one becomes a claim holding its description (tag
  ``gist``) and, for each statement it supports, an argument from that claim;
* support and ``entails`` between statements become arguments; attack and ``contrary``
  attacks; ``contradictory`` contradictions; undercuts attacks on an argument.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Literal

import attrs

from argmap._formats.common import ImportResult
from argmap._formats.graph import Graph, Prop, Rel, lower
from argmap.errors import Diagnostic, Location, Severity
from argmap.model import ArgumentMap, AttackType, Claim, Evidence

__all__ = ["ArgdownModel", "export_argdown", "export_losses", "import_argdown",
           "parse_argdown"]

MAX_LINES = 1_000_000

Kind = Literal["statement", "argument"]
Ref = tuple[Kind, str]

_RELATIONS = {
    "+": ("support", True), "<+": ("support", True), "+>": ("support", False),
    "-": ("attack", True), "<-": ("attack", True), "->": ("attack", False),
    "_": ("undercut", True), "<_": ("undercut", True), "_>": ("undercut", False),
    "><": ("contradictory", False),
}
_RELATION_LINE = re.compile(r"(<\+|<-|<_|\+>|->|_>|><|\+|-|_)(?:\s+|$)(.*)")
_HEADING = re.compile(r"(#{1,6})\s+(.*)")
_PCS_ITEM = re.compile(r"\((\d+)\)\s*(.*)")
_LIST_ITEM = re.compile(r"(?:\*|\d+\.)\s+(.*)")
_ELEMENT = re.compile(r"(\[|<)((?:\\.|[^\\\]>])*?)(\]|>)(?!\()(:?)\s*(.*)")
_TAG = re.compile(r"(?<![\w\\])#(?:\(([^)]*)\)|([\w\-]+))")
_ESCAPE = re.compile(r"\\(.)")
_LINE_COMMENT = re.compile(r"(^|\s)//.*$")
_MENTION = re.compile(r"@([\[<])")


@attrs.define
class _Statement:
    title: str
    text: str = ""
    tags: list[str] = attrs.field(factory=list)
    line: int = 0
    generated: bool = False
    #: Continuation lines, joined into ``text`` when the parse ends (no quadratic growth).
    more: list[str] = attrs.field(factory=list)


@attrs.define
class _Argument:
    title: str
    text: str = ""
    tags: list[str] = attrs.field(factory=list)
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


def _clean(text: str) -> tuple[str, list[str], bool]:
    """Text without tags and inline data, unescaped; its tags; whether data was dropped."""
    tags = [m.group(1) or m.group(2) or "" for m in _TAG.finditer(text)]
    text = _TAG.sub("", text)
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
                model.title = match.group(1).strip().strip("'\"") or None
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
    return model


def _join_data(lines: list[str]) -> list[str | None]:
    """Lines with multi-line inline data (``{`` ... ``}``) joined into their first line.

    The lines taken up by the join become ``None`` (skipped, not empty).
    """
    out: list[str | None] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        depth = _depth(line)
        joined = line
        taken = index + 1
        while depth > 0 and taken < len(lines) and taken - index < 10_000:
            depth += _depth(lines[taken])
            joined += " " + lines[taken].strip()
            taken += 1
        out.append(joined)
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
        self.line_number = 0
        self.relation_keys: set[tuple[str, Ref, Ref]] = set()
        self.in_heading = False
        self.expanded: list[str] | None = None  # lines of an open `--` ... `--` inference
        self.expanded_line = 0

    # -- diagnostics -----------------------------------------------------------------

    def problem(self, code: str, message: str, column: int = 1, *,
                severity: Severity = Severity.ERROR, hint: str | None = None) -> None:
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
        if title is None:
            title = self._fresh_title("Untitled", self.model.statements)
            self.model.statements[title] = _Statement(title, text, tags, self.line_number,
                                                      generated=True)
            return ("statement", title)
        found = self.model.statements.get(title)
        if found is None:
            found = _Statement(title, line=self.line_number)
            self.model.statements[title] = found
        if text and (defines or not found.text):
            found.text = found.text or text
        found.tags.extend(t for t in tags if t not in found.tags)
        return ("statement", title)

    def argument(self, title: str | None, raw_text: str) -> Ref:
        text, tags, dropped = _clean(raw_text)
        self.dropped_data += dropped
        if title is None:
            title = self._fresh_title("Untitled argument", self.model.arguments)
            self.model.arguments[title] = _Argument(title, text, tags, self.line_number,
                                                    generated=True)
            return ("argument", title)
        found = self.model.arguments.get(title)
        if found is None:
            found = _Argument(title, line=self.line_number)
            self.model.arguments[title] = found
        if text and not found.text:
            found.text = text
        found.tags.extend(t for t in tags if t not in found.tags)
        return ("argument", title)

    def element(self, content: str, column: int) -> Ref | None:
        """An element written on a line (after any relation symbol)."""
        match = _ELEMENT.match(content)
        if match and (match.group(1) == "[") == (match.group(3) == "]"):
            bracket, raw_title, _, colon, rest = match.groups()
            title = " ".join(_ESCAPE.sub(r"\1", raw_title).split())
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
        table: dict[str, _Statement] | dict[str, _Argument]
        table = self.model.statements if ref[0] == "statement" else self.model.arguments
        element = table[ref[1]]
        if text:
            element.more.append(text)
        element.tags.extend(t for t in tags if t not in element.tags)

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
        if key in self.relation_keys:
            return
        self.relation_keys.add(key)
        self.model.relations.append(_Relation(kind, source, target, self.line_number))

    # -- lines -----------------------------------------------------------------------

    def run(self, lines: list[str | None], blank: list[bool]) -> None:
        for index, raw in enumerate(lines):
            self.line_number = index + 1 + self.offset
            if raw is None:
                continue
            line = _LINE_COMMENT.sub("", raw).rstrip()
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
                "not-imported", f"inline data (`{{...}}`) of {self.dropped_data} element(s) is "
                "left out", Location(self.file), Severity.INFO))

    def line(self, line: str) -> None:
        indent = _indent(line)
        content = line.strip()
        column = indent + 1
        heading = _HEADING.match(content)
        if heading:
            self.model.sections += 1
            self.reset()
            self.in_heading = True
            return
        if self.in_heading and not _RELATION_LINE.match(content):
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
        if _is_inference(content):
            self.inference(content, indent)
            return
        pcs = _PCS_ITEM.match(content)
        if pcs:
            self.pcs_item(pcs.group(2), indent)
            return
        relation = _RELATION_LINE.match(content)
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
        if re.match(r"@?<[^>]*>\(\d+\)", content):
            self.problem("unsupported", "references to an argument's statements by number "
                         "(`<A>(1)`) are not supported", column,
                         hint="refer to the statement by its title, `[Title]`")
            return
        listed = _LIST_ITEM.match(content)
        if listed:
            content = listed.group(1)
        if self.current is not None and not listed and not (
                content.startswith(("[", "<")) and _ELEMENT.match(content)):
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
        text = content.strip("- ").strip()
        cleaned, _, dropped = _clean(text)
        self.dropped_data += dropped
        argument.pcs.append(("inference", cleaned))
        # Relations under an inference line are about the inference (undercuts).
        self.stack = [(indent, ("argument", argument.title))]
        self.current = None


# --------------------------------------------------------------------------------------
# Argdown model -> argument map


def import_argdown(text: str, file: str | None) -> ImportResult:
    """Read Argdown text."""
    model = parse_argdown(text, file)
    if not model.ok:
        return ImportResult(None, tuple(model.diagnostics))
    graph = Graph(file=file, infer_undermine=True)
    graph.title = model.title
    graph.diagnostics.extend(model.diagnostics)
    if model.sections:
        graph.note("not-imported", f"{model.sections} heading(s) are left out: argmap maps "
                   "have no sections (tags can group claims instead)", severity=Severity.INFO)
    for title, statement in model.statements.items():
        graph.props[f"s:{title}"] = Prop(
            key=f"s:{title}", text=statement.text or title,
            title=None if statement.generated else title[:200],
            tags=list(statement.tags), id_hint=_hint(title, statement.generated, "s"),
        )
    conclusion_of: dict[str, str] = {}
    main_rel: dict[str, str] = {}
    gist: dict[str, str] = {}
    for title, argument in model.arguments.items():
        steps = _steps(argument, graph, file)
        if steps:
            for number, (premises, conclusion, scheme) in enumerate(steps, start=1):
                last = number == len(steps)
                key = f"a:{title}" if last else f"a:{title}#{number}"
                graph.rels[key] = Rel(
                    key=key, kind="support", sources=[f"s:{p}" for p in premises],
                    target=f"s:{conclusion}", scheme=scheme or None,
                    title=(title[:200] if last and not argument.generated else None),
                    text=argument.text or None, tags=list(argument.tags) if last else [],
                    id_hint=_hint(title, argument.generated, "a") + (
                        "" if last else f"-step{number}"),
                )
            conclusion_of[title] = f"s:{steps[-1][1]}"
            main_rel[title] = f"a:{title}"
        else:
            key = f"g:{title}"
            gist[title] = key
            graph.props[key] = Prop(
                key=key, text=argument.text or title,
                title=None if argument.generated else title[:200],
                tags=["gist", *argument.tags],
                id_hint=_hint(title, argument.generated, "a") + "-gist",
            )
    def node(ref: Ref) -> str:
        kind, title = ref
        if kind == "statement":
            return f"s:{title}"
        return conclusion_of.get(title) or gist[title]

    ordered = sorted(enumerate(model.relations),
                     key=lambda item: item[1].kind not in ("support", "entails"))
    for index, relation in ordered:
        key = f"r:{index}"
        where = Location(file, relation.line)
        source, target = relation.source, relation.target
        if relation.kind == "contradictory":
            if source[0] == target[0] == "statement":
                graph.contradictions.append((node(source), node(target), None))
            else:
                graph.rels[key] = Rel(key=key, kind="attack", sources=[node(source)],
                                      target=node(target), where=where)
            continue
        if relation.kind in ("support", "entails"):
            if target[0] == "argument" and target[1] in main_rel:
                graph.note("unsupported", f"line {relation.line}: support for argument "
                           f"<{target[1]}>, which has premises and a conclusion, is left out "
                           "(support one of its premises instead)", where=where)
                continue
            src, trg = node(source), node(target)
            if src == trg:
                continue
            if source[0] == "argument" and source[1] in gist and target[0] == "statement":
                rel_key = f"a:{source[1]}" if f"a:{source[1]}" not in graph.rels else key
                main_rel.setdefault(source[1], rel_key)
                argument = model.arguments[source[1]]
                graph.rels[rel_key] = Rel(
                    key=rel_key, kind="support", sources=[src], target=trg,
                    title=None if argument.generated else source[1][:200],
                    tags=list(argument.tags), where=where,
                    id_hint=_hint(source[1], argument.generated, "a"),
                )
                continue
            graph.rels[key] = Rel(
                key=key, kind="support", sources=[src], target=trg, where=where,
                scheme="entailment" if relation.kind == "entails" else None,
                id_hint=f"{graph.props[src].id_hint}-to-{graph.props[trg].id_hint}"[:56],
            )
            continue
        if relation.kind == "undercut":
            if target[1] not in main_rel:
                graph.note("unsupported", f"line {relation.line}: <{target[1]}> supports no "
                           "statement, so there is no inference to undercut; the undercut "
                           "becomes an attack on its description", where=where)
                graph.rels[key] = Rel(key=key, kind="attack", sources=[node(source)],
                                      target=node(target), where=where)
                continue
            graph.rels[key] = Rel(key=key, kind="attack", sources=[node(source)],
                                  target=main_rel[target[1]], where=where,
                                  attack_type=AttackType.UNDERCUT)
            continue
        # attack and contrary
        if target[0] == "argument" and target[1] in conclusion_of:
            graph.rels[key] = Rel(key=key, kind="attack", sources=[node(source)],
                                  target=main_rel[target[1]], where=where,
                                  attack_type=AttackType.UNDERCUT)
            graph.note("approximated", f"line {relation.line}: an attack on argument "
                       f"<{target[1]}> does not say which premise it targets; it becomes an "
                       "undercut", severity=Severity.INFO, where=where)
            continue
        src, trg = node(source), node(target)
        if src == trg:
            continue
        graph.rels[key] = Rel(key=key, kind="attack", sources=[src], target=trg, where=where)
    argmap = lower(graph)
    return ImportResult(argmap, tuple(graph.diagnostics))


def _hint(title: str, generated: bool, prefix: str) -> str:
    if generated:
        return prefix
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

_SPECIAL = re.compile(r"([\[\]<>#{}\\@*_])")


def _escape(text: str) -> str:
    text = " ".join(text.split())
    return _SPECIAL.sub(r"\\\1", text).replace("/", "\\/")


def _tags(tags: Iterable[str]) -> str:
    out = []
    for tag in tags:
        clean = tag.replace(")", "").replace("(", "")
        out.append(f"#({clean})" if not re.fullmatch(r"[\w\-]+", clean) else f"#{clean}")
    return (" " + " ".join(out)) if out else ""


def export_losses(argmap: ArgumentMap) -> list[str]:
    """What of ``argmap`` Argdown text cannot say (the export writes it as comments)."""
    lost: list[str] = []
    attack_ids = argmap.attacks_by_id
    for attack in argmap.attacks:
        label = f"attack {attack.id!r}" if attack.id else (
            f"the attack of {attack.attacker!r} on {attack.target!r}")
        if attack.target in attack_ids and argmap.node(attack.target) is None:
            lost.append(f"{label} undercuts another attack; Argdown relations cannot be "
                        "attacked, so it is left out")
        elif attack.co_premises:
            lost.append(f"{label} has the linked co-premises {', '.join(attack.co_premises)}; "
                        "Argdown writes the attack from its first attacker only")
    parts = {
        "titles": sum(n.title is not None for n in argmap.nodes()),
        "side memberships": sum(n.side is not None for n in argmap.nodes()),
        "notes": sum(n.note is not None for n in argmap.nodes()),
        "main-thesis marks": sum(c.main for c in argmap.claims.values()),
        "evidence types and sources": len(argmap.evidence),
        "Toulmin parts and schemes": sum(any((a.warrant, a.backing, a.qualifier))
                                         for a in argmap.arguments.values()),
        "map sides": len(argmap.sides),
        "map sources": len(argmap.sources),
    }
    missing = [f"{what} ({n})" for what, n in parts.items() if n]
    if missing:
        lost.append("not written in Argdown: " + ", ".join(missing))
    return lost


def export_argdown(argmap: ArgumentMap) -> str:
    """The map as Argdown: statements, arguments with premise-conclusion structures, and
    attacks and contradictions as relations under their targets."""
    out: list[str] = []
    if argmap.title:
        title = argmap.title.replace("\n", " ").replace('"', "'")
        out += ["===", f'title: "{title}"', "===", ""]
    if argmap.description:
        out += [f"<!-- {argmap.description.replace('--', '- -')} -->", ""]
    relations: dict[str, list[str]] = {}
    lost = [line for line in export_losses(argmap) if not line.startswith("not written")]
    if lost:
        out.append("<!-- Not expressible in Argdown (see argmap's docs/convert.md):")
        out += [f"  * {line.replace('--', '- -')}" for line in lost]
        out += ["-->", ""]
    attack_ids = argmap.attacks_by_id
    for attack in argmap.attacks:
        if attack.target in attack_ids and argmap.node(attack.target) is None:
            continue
        kind = argmap.attack_type(attack)
        symbol = "<_" if kind is AttackType.UNDERCUT else "<-"
        attacker = (f"<{attack.attacker}>" if attack.attacker in argmap.arguments
                    else f"[{attack.attacker}]")
        relations.setdefault(attack.target, []).append(f"    {symbol} {attacker}")
    for contradiction in argmap.contradictions:
        a, b = contradiction.claims
        relations.setdefault(a, []).append(f"    >< [{b}]")
    nodes: list[Claim | Evidence] = [*argmap.claims.values(), *argmap.evidence.values()]
    for node in nodes:
        tags = list(node.tags)
        if isinstance(node, Evidence):
            tags.append("evidence")
        out.append(f"[{node.id}]: {_escape(node.text)}{_tags(tags)}")
        out += relations.get(node.id, [])
        out.append("")
    for arg in argmap.arguments.values():
        gist = arg.text or arg.title
        out.append(f"<{arg.id}>" + (f": {_escape(gist)}" if gist else "") + _tags(arg.tags))
        out += relations.get(arg.id, [])
        out.append("")
        for number, premise in enumerate(arg.premises, start=1):
            out.append(f"({number}) [{premise}]")
        out.append(f"-- {_escape(arg.scheme)} --" if arg.scheme else "----")
        out.append(f"({len(arg.premises) + 1}) [{arg.conclusion}]")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
