"""The starter map of ``argmap new``: a commented map a student fills in.

:func:`starter_map` writes YAML text: the ``# yaml-language-server: $schema=`` line
first, then a map with a placeholder main claim, its reasons (claims, each with an
argument to the main claim) and the objections to it (claims that rebut it), every key
explained by a comment.  The text validates, and ``argmap check`` finds no error in it.

:func:`starter_map` with an assignment profile (read by :func:`argmap.grade.load_assignment`,
the one reader of profiles) writes a starter of the assignment's shape instead: the
thesis on the side asked for (a comment names its keywords), ``[reasons] min`` reasons
with ``[evidence] per-reason`` evidence items each (their source lines for what
``[sources] need`` asks), ``[objections] min`` objections, ``[answers] min`` answers,
linked premises and depth when asked, only attack kinds ``[relations] allowed`` allows.
Every text is a ``<placeholder>`` (:func:`is_placeholder`) that ``argmap grade`` does
not credit: the unedited starter does not pass.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.grade._profile import Assignment

__all__ = ["MAX_ITEMS", "Shape", "is_placeholder", "shape_of", "starter_map"]

#: The most reasons, objections, answers or steps a starter holds (an assignment may
#: ask for more; a note says so).
MAX_ITEMS = 50

_PLACEHOLDER = re.compile(r"\s*<[^<>]*>\s*")


def is_placeholder(text: str) -> bool:
    """Whether ``text`` is still a starter's placeholder: the whole text one
    ``<...>`` in angle brackets, as ``argmap new`` writes it.  ``argmap grade`` gives
    such a claim or evidence item no credit."""
    return _PLACEHOLDER.fullmatch(text) is not None

#: Where the schema line points by default: `argmap schema -o argmap.schema.json` writes
#: it next to the map.
DEFAULT_SCHEMA = "argmap.schema.json"


_ID_CHARS = re.compile(r"[^A-Za-z0-9_.-]+")


def _side_id(text: str) -> str:
    """A valid id for a side named ``text`` (``Start later`` -> ``start-later``)."""
    ident = _ID_CHARS.sub("-", text.lower()).strip("-_.")[:64].rstrip("-_.")
    return ident or "thesis-side"


def _quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (JSON's escapes are YAML's too)."""
    return json.dumps(text, ensure_ascii=False)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _comment_name(file: str) -> str:
    """``file`` as the commands in the header's comments show it: quoted for a shell
    (``'my map.yaml'``), so that the line can be pasted; a name a YAML comment cannot
    hold (a line break, an escape or another control character) is left out."""
    import shlex  # noqa: PLC0415 -- only here

    if not file.isprintable():
        return "<this file>"
    return shlex.quote(file)


_HEADER = """\
# yaml-language-server: $schema={schema}
#
# A starter argument map, written by `argmap new`.  Replace each text in <angle
# brackets> with your own words, add what your argument needs, then check it:
#
#     argmap validate {file}
#     argmap check {file}
#
# The first line lets editors (VS Code, Neovim, ...) complete keys and explain them:
# `argmap schema -o argmap.schema.json` writes the schema next to this file.  Every key
# is described in the argmap documentation (docs/format.md).
"""


def starter_map(assignment: Assignment | None = None, *, file: str = "my-map.argmap.yaml",
                schema: str = DEFAULT_SCHEMA) -> str:
    """The text of a starter map, shaped after ``assignment`` (an assignment profile
    as :func:`argmap.grade.load_assignment` reads it) when one is given.

    ``file`` is the name the map will have (quoted in the comments); ``schema`` is what
    the ``$schema=`` line points at (a path relative to the map, or a URL).
    """
    if assignment is not None:
        return _assignment_starter(shape_of(assignment), file=file, schema=schema)
    a = _Plain()
    thesis_side = "pro"
    other_side = "con"
    lines = [_HEADER.format(schema=schema, file=_comment_name(file))]
    add = lines.append
    add("argmap: 1  # the version of the format: always 1\n")
    add("# The question under debate, on one line.\n")
    add("title: <The question under debate>\n")
    add("# Who made the map.\n")
    add("authors:\n  - <Your name>\n")
    add("\n# The positions of the debate.  Each claim says which side it is on (`side:`);")
    add("\n# diagrams colour the sides differently.\n")
    add("sides:\n")
    add(f"  {thesis_side}:\n    name: <For the main claim>\n")
    add(f"  {other_side}:\n    name: <Against the main claim>\n")
    add("\n# Claims: what is asserted, each under an id of your choice (letters, digits and")
    add("\n# dashes, no spaces).  Other parts of the map refer to a claim by its id.\n")
    add("claims:\n")
    add("  # The main claim (the thesis): what the whole map argues about.\n")
    thesis_text = "<Your main claim, as one full sentence.>"
    add(f"  main-claim:\n    text: {thesis_text}  # the claim itself\n"
        f"    side: {thesis_side}  # the side it belongs to (an id from `sides`)\n"
        "    main: true  # marks the thesis of the map\n")
    for n in range(1, a.reasons + 1):
        if n == 1:
            add("  # A reason: a claim that, if true, makes the main claim more likely.\n"
                "  # The argument `reason-1-supports` below links it to the main claim.\n")
        add(f"  reason-{n}:\n    text: <Reason {n} why the main claim is true.>\n"
            f"    side: {thesis_side}\n")
    for n in range(1, a.objections + 1):
        if n == 1:
            add("  # An objection: a claim someone could raise against the main claim.\n"
                "  # The attack below says what it objects to.\n")
        add(f"  objection-{n}:\n    text: <Objection {n} to the main claim.>\n"
            f"    side: {other_side}\n")
    add("\n# Evidence backs claims with facts, studies, quotes or examples, and names its\n"
        "# source.  Add yours like this (remove the # at the start of the lines):\n"
        "#\n"
        "# evidence:\n"
        "#   study-1:\n"
        "#     type: study  # fact, statistic, quote, example, testimony, study, ...\n"
        "#     text: <What the study found, in your words.>\n"
        "#     source:\n"
        "#       title: <The title of the publication>\n"
        "#       date: 2024-05-01\n"
        "#       url: https://example.org/the-study\n"
        "#\n"
        "# and use it as a premise of an argument: `premises: [study-1]`.\n")
    if a.reasons:
        add("\n# Arguments: premises that together support a conclusion.  List every premise\n"
            "# the conclusion needs in the same argument; they hold together.\n")
        add("arguments:\n")
        for n in range(1, a.reasons + 1):
            add(f"  reason-{n}-supports:\n    premises: [reason-{n}]  # claim or evidence ids\n"
                if n == 1 else f"  reason-{n}-supports:\n    premises: [reason-{n}]\n")
            add("    conclusion: main-claim  # the claim they support\n"
                if n == 1 else "    conclusion: main-claim\n")
    if a.objections:
        add("\n# Attacks: what objects to what.  `type` is rebut (the target claim is false),\n"
            "# undermine (a premise or evidence is false) or undercut (the premises are true\n"
            "# but do not support the conclusion; the target is then an argument).\n")
        add("attacks:\n")
        for n in range(1, a.objections + 1):
            add(f"  - attacker: objection-{n}  # the objecting claim\n"
                "    target: main-claim  # what it objects to\n"
                "    type: rebut\n" if n == 1 else
                f"  - attacker: objection-{n}\n    target: main-claim\n    type: rebut\n")
        add("  # Answer an objection with a claim that attacks it, for example:\n"
            "  # - attacker: answer-1\n"
            "  #   target: objection-1\n"
            "  #   type: rebut\n")
    return "".join(lines)


@dataclass(frozen=True)
class _Plain:
    """The counts of the starter without an assignment."""

    reasons: int = 1
    objections: int = 1


_ATTACK_KINDS = ("rebut", "undermine", "undercut")


@dataclass(frozen=True)
class Shape:
    """What a starter made for an assignment holds.

    ``side`` and ``keywords`` come from ``[thesis]``; the counts from ``[reasons] min``,
    ``[evidence] per-reason``, ``[objections] min``, ``[answers] min``,
    ``[linked-premises] min`` and ``[depth] min``; ``need`` from ``[sources] need``;
    ``attack`` is the attack kind used (the first of rebut, undermine, undercut that
    ``[relations] allowed`` allows).  ``notes`` say what the starter could not follow.
    """

    title: str | None = None
    side: str | None = None
    keywords: tuple[str, ...] = ()
    reasons: int = 1
    evidence: int = 0
    need: str | None = None
    objections: int = 1
    answers: int = 0
    linked: int = 0
    depth: int = 0
    attack: str | None = "rebut"
    notes: tuple[str, ...] = field(default=())


def shape_of(assignment: Assignment) -> Shape:
    """The shape of the starter for ``assignment`` (a validated profile)."""
    notes: list[str] = []
    name = assignment.file or "the assignment"

    def count(table: str, key: str, default: int) -> int:
        req = assignment.requirement(table)
        if req is None:
            return default
        value = int(req.settings[key])
        if value > MAX_ITEMS:
            notes.append(f"{name}: [{table}] {key} = {value:,}; the starter has "
                         f"{MAX_ITEMS} (add the others the same way)")
            return MAX_ITEMS
        return value

    thesis = assignment.requirement("thesis")
    settings = thesis.settings if thesis is not None else {}
    relations = assignment.requirement("relations")
    allowed = set(relations.settings["allowed"]) if relations is not None else {
        "support", *_ATTACK_KINDS}
    attack = next((k for k in ("rebut", "undermine") if k in allowed), None)
    if "support" not in allowed:
        notes.append(f"{name}: [relations] allowed has no \"support\", yet arguments are "
                     "supports; the starter has them all the same")
    sources = assignment.requirement("sources")
    reasons = max(count("reasons", "min", 1), 1)
    answers = count("answers", "min", 0)
    objections = max(count("objections", "min", 1), answers)
    if attack is None and objections:
        notes.append(f"{name}: [relations] allows neither rebut nor undermine; the "
                     "starter has no objection (write yours as the assignment allows)")
        objections = answers = 0
    return Shape(
        title=assignment.title,
        side=settings.get("side"),
        keywords=tuple(settings.get("keywords", ())),
        reasons=reasons,
        evidence=count("evidence", "per-reason", 0),
        need=(str(sources.settings.get("need", "date-or-link")) if sources is not None
              else None),
        objections=objections,
        answers=answers,
        linked=min(count("linked-premises", "min", 0), reasons),
        depth=count("depth", "min", 0),
        attack=attack,
        notes=tuple(notes),
    )


_NEED_WORDS = {"date": "a date", "link": "a link (url)", "date-or-link": "a date or a link "
               "(url)", "date-and-link": "a date and a link (url)"}


def _assignment_starter(a: Shape, *, file: str, schema: str) -> str:
    """The starter for an assignment: every part the assignment counts is there, each
    text a ``<placeholder>`` that earns nothing until the student writes it."""
    thesis_side = _side_id(a.side) if a.side else "pro"
    other_side = "con" if thesis_side != "con" else "pro"
    lines = [_HEADER.format(schema=schema, file=_comment_name(file))]
    add = lines.append
    if a.title:
        add(f"#\n# The assignment: {_quoted(_one_line(a.title))}\n")
    add("#\n# Shaped after the assignment: it has as many reasons, evidence items, "
        "objections\n# and answers as the assignment asks for.  A text still in <angle "
        "brackets> earns\n# no points in `argmap grade`: write your own in its place.\n")
    add("argmap: 1  # the version of the format: always 1\n")
    add("title: <The question under debate>\n")
    add("authors:\n  - <Your name>\n")
    add("\n# The positions of the debate; each claim says which side it is on (`side:`).\n")
    add("sides:\n")
    side_name = _quoted(_one_line(a.side)) if a.side else "<For the main claim>"
    add(f"  {thesis_side}:\n    name: {side_name}\n")
    add(f"  {other_side}:\n    name: <Against the main claim>\n")
    add("\nclaims:\n")
    add("  # The main claim (the thesis): what the whole map argues about.\n")
    if a.keywords:
        words = ", ".join(_quoted(_one_line(k)) for k in a.keywords)
        add(f"  # The assignment asks for a thesis that contains: {words}.\n")
    if a.side:
        add(f"  # It must be on the side {_quoted(_one_line(a.side))}.\n")
    add(f"  main-claim:\n    text: <Your main claim, as one full sentence.>\n"
        f"    side: {thesis_side}\n    main: true  # marks the thesis of the map\n")
    for n in range(1, a.reasons + 1):
        if n == 1:
            add("  # Reasons: claims that, if true, make the main claim more likely.\n")
        add(f"  reason-{n}:\n    text: <Reason {n} why the main claim is true.>\n"
            f"    side: {thesis_side}\n")
        if n <= a.linked:
            add(f"  # Linked premise: reason {n} supports the main claim only together"
                " with this one.\n" if n == 1 else "")
            add(f"  reason-{n}-link:\n    text: <What must also be true for reason {n} to "
                "support the main claim.>\n"
                f"    side: {thesis_side}\n")
    steps = _steps(a)
    for k in range(1, steps + 1):
        if k == 1:
            add("  # Depth: a reason for reason 1, and a reason for that one, ...\n")
        add(f"  because-{k}:\n    text: <Why {'reason 1' if k == 1 else f'because-{k - 1}'}"
            f" is true.>\n    side: {thesis_side}\n")
    for n in range(1, a.objections + 1):
        if n == 1:
            add("  # Objections: what a critic would say against the main claim.\n")
        add(f"  objection-{n}:\n    text: <Objection {n} to the main claim.>\n"
            f"    side: {other_side}\n")
    for n in range(1, a.answers + 1):
        if n == 1:
            add("  # Answers: why an objection fails.\n")
        add(f"  answer-{n}:\n    text: <Your answer to objection {n}.>\n"
            f"    side: {thesis_side}\n")
    if a.evidence:
        need = _NEED_WORDS.get(a.need or "", "")
        add("\n# Evidence: facts, studies, quotes or examples under each reason"
            + (f"; every source\n# needs {need}: remove the # before the line and write"
               " it in place of the <...>" if need else "") + ".\n")
        add("evidence:\n")
        for n in range(1, a.reasons + 1):
            for k in range(1, a.evidence + 1):
                add(f"  evidence-{n}-{k}:\n    type: fact  # fact, statistic, quote, "
                    "example, study, ...\n"
                    f"    text: <Evidence {k} for reason {n}, in your words.>\n"
                    "    source:\n      title: <The title of the source>\n")
                if a.need in ("date", "date-or-link", "date-and-link"):
                    add("      # date: <YYYY-MM-DD, when it was published>\n")
                if a.need in ("link", "date-or-link", "date-and-link"):
                    add("      # url: <https://... where to read it>\n")
    add("\n# Arguments: premises that together support a conclusion.\n")
    add("arguments:\n")
    for n in range(1, a.reasons + 1):
        premises = [f"reason-{n}"] + ([f"reason-{n}-link"] if n <= a.linked else [])
        add(f"  reason-{n}-supports:\n    premises: [{', '.join(premises)}]\n"
            "    conclusion: main-claim\n")
        if a.evidence:
            items = ", ".join(f"evidence-{n}-{k}" for k in range(1, a.evidence + 1))
            add(f"  evidence-for-reason-{n}:\n    premises: [{items}]\n"
                f"    conclusion: reason-{n}\n")
    for k in range(1, steps + 1):
        add(f"  because-{k}-supports:\n    premises: [because-{k}]\n"
            f"    conclusion: {'reason-1' if k == 1 else f'because-{k - 1}'}\n")
    if a.objections and a.attack is not None:
        add("\n# Attacks: what objects to what (`type`: "
            + ("rebut: the target is false" if a.attack == "rebut"
               else "undermine: the target premise is false") + ").\n")
        add("attacks:\n")
        for n in range(1, a.objections + 1):
            target = "main-claim" if a.attack == "rebut" else f"reason-{(n - 1) % a.reasons + 1}"
            add(f"  - attacker: objection-{n}\n    target: {target}\n"
                f"    type: {a.attack}\n")
        for n in range(1, a.answers + 1):
            add(f"  - attacker: answer-{n}\n    target: objection-{n}\n"
                f"    type: {a.attack}\n")
    return "".join(lines)


def _steps(a: Shape) -> int:
    """How many ``because-k`` claims give the depth asked for (a reason is one step,
    its evidence argument another)."""
    have = 1 + (1 if a.evidence else 0)
    return min(a.depth - 1, MAX_ITEMS) if a.depth > have else 0
