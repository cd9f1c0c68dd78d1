"""The starter map of ``argmap new``: a commented map a student fills in.

:func:`starter_map` writes YAML text: the ``# yaml-language-server: $schema=`` line
first, then a map with a placeholder main claim, its reasons (claims, each with an
argument to the main claim) and the objections to it (claims that rebut it), every key
explained by a comment.  The text validates, and ``argmap check`` finds no error in it.

:func:`read_assignment` reads what the starter needs from a teacher's assignment
profile (TOML): ``[thesis] text``, ``[thesis] side``, ``[requirements] reasons`` and
``[requirements] objections``.  The profile's full format belongs to ``argmap grade``;
any other key is left alone, and a key of an unexpected kind is named in a note (the
starter then uses its default).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from argmap.errors import UsageError

__all__ = ["MAX_ASSIGNMENT_BYTES", "MAX_ITEMS", "Assignment", "read_assignment", "starter_map"]

#: The most reasons or objections a starter holds (an assignment may ask for more).
MAX_ITEMS = 50

#: The largest assignment profile read (a profile is a few hundred bytes).
MAX_ASSIGNMENT_BYTES = 1 << 20

#: Where the schema line points by default: `argmap schema -o argmap.schema.json` writes
#: it next to the map.
DEFAULT_SCHEMA = "argmap.schema.json"


@dataclass(frozen=True)
class Assignment:
    """What a starter map mirrors of an assignment: the thesis and how many reasons and
    objections it needs.  ``notes`` say what of the profile was not used, and why."""

    thesis: str | None = None
    side: str | None = None
    reasons: int = 1
    objections: int = 1
    notes: tuple[str, ...] = field(default=())


def _toml_error_where(exc: tomllib.TOMLDecodeError) -> str:
    """``line:column: message`` from tomllib's ``message (at line L, column C)``."""
    text = str(exc)
    found = re.search(r"\(at line (\d+), column (\d+)\)$", text)
    if found is None:
        return f" {text}"
    return f"{found.group(1)}:{found.group(2)}: {text[: found.start()].rstrip()}"


def read_assignment(data: bytes, name: str) -> Assignment:
    """The parts of an assignment profile (TOML) a starter map uses.

    Raises :class:`~argmap.errors.UsageError` when the file is not TOML (with the line
    and column of the mistake).
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{name}: not UTF-8 text (byte {exc.start:,}); save the "
                         "assignment as UTF-8") from None
    try:
        profile = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{name}:{_toml_error_where(exc)} (the assignment is not valid "
                         "TOML)") from None
    except RecursionError:
        raise UsageError(f"{name}: arrays or tables nested too deeply to read (the "
                         "assignment is not a profile)") from None
    notes: list[str] = []
    thesis = _table(profile, "thesis", name, notes)
    requirements = _table(profile, "requirements", name, notes)
    return Assignment(
        thesis=_text(thesis, "thesis", "text", name, notes),
        side=_text(thesis, "thesis", "side", name, notes),
        reasons=_count(requirements, "reasons", name, notes, default=1),
        objections=_count(requirements, "objections", name, notes, default=1),
        notes=tuple(notes),
    )


def _table(profile: Mapping[str, Any], key: str, name: str,
           notes: list[str]) -> Mapping[str, Any]:
    value = profile.get(key)
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        notes.append(f"{name}: `{key}` is not a table ([{key}]); not used")
        return {}
    return value


def _text(table: Mapping[str, Any], section: str, key: str, name: str,
          notes: list[str]) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        notes.append(f"{name}: [{section}] {key} is not a text; not used")
        return None
    return value.strip()


def _count(table: Mapping[str, Any], key: str, name: str, notes: list[str], *,
           default: int) -> int:
    value = table.get(key)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        notes.append(f"{name}: [requirements] {key} is not a whole number of 0 or more; "
                     f"the starter has {default}")
        return default
    if value > MAX_ITEMS:
        notes.append(f"{name}: [requirements] {key} = {value:,}; the starter has "
                     f"{MAX_ITEMS} (add the others the same way)")
        return MAX_ITEMS
    return value


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
    """The text of a starter map, shaped after ``assignment`` when one is given.

    ``file`` is the name the map will have (quoted in the comments); ``schema`` is what
    the ``$schema=`` line points at (a path relative to the map, or a URL).
    """
    a = assignment or Assignment()
    thesis_side = _side_id(a.side) if a.side else "pro"
    other_side = "con" if thesis_side != "con" else "pro"
    lines = [_HEADER.format(schema=schema, file=file)]
    add = lines.append
    add("argmap: 1  # the version of the format: always 1\n")
    add("# The question under debate, on one line.\n")
    add("title: <The question under debate>\n")
    add("# Who made the map.\n")
    add("authors:\n  - <Your name>\n")
    add("\n# The positions of the debate.  Each claim says which side it is on (`side:`);")
    add("\n# diagrams colour the sides differently.\n")
    add("sides:\n")
    side_name = _quoted(_one_line(a.side)) if a.side else "<For the main claim>"
    add(f"  {thesis_side}:\n    name: {side_name}\n")
    add(f"  {other_side}:\n    name: <Against the main claim>\n")
    add("\n# Claims: what is asserted, each under an id of your choice (letters, digits and")
    add("\n# dashes, no spaces).  Other parts of the map refer to a claim by its id.\n")
    add("claims:\n")
    add("  # The main claim (the thesis): what the whole map argues about.\n")
    thesis_text = (_quoted(a.thesis) if a.thesis
                   else "<Your main claim, as one full sentence.>")
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
