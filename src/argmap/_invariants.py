"""The invariants of a model built in code, which no file can break.

A map loaded from a file is built from data the schema accepted, keyed by the ids the
file wrote, so these always hold for it.  A map built in code may break them: a claim
stored under another key than its id, a number where a text belongs, a text holding a
lone surrogate.  :func:`check_model` finds each such problem (every one, in one pass,
linear in the size of the map) as a diagnostic that names the part of the map by its
path; :func:`argmap.validate_map` reports them, :func:`argmap.dumps` refuses to write
such a map (it would not read back as the same map).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

from argmap._parse import Problems
from argmap.errors import Diagnostic, Location, pointer
from argmap.model import (
    Argument,
    ArgumentMap,
    Attack,
    AttackType,
    Claim,
    Contradiction,
    Evidence,
    EvidenceType,
    Side,
    Source,
)

__all__ = ["check_model"]

Path = tuple[str | int, ...]

# The fields of each class and what they hold: "str", "str?" (a str or None), "bool",
# "strs" (a tuple of str), or a class (an enum or a Source).
_TEXT = "str"
_OPTIONAL = "str?"
_FIELDS: dict[type, tuple[tuple[str, Any], ...]] = {
    Side: (("id", _TEXT), ("name", _TEXT), ("description", _OPTIONAL)),
    Source: tuple(
        (name, _OPTIONAL)
        for name in ("id", "title", "author", "publisher", "date", "url", "note")
    ),
    Claim: (
        ("id", _TEXT),
        ("text", _TEXT),
        ("title", _OPTIONAL),
        ("side", _OPTIONAL),
        ("main", "bool"),
        ("tags", "strs"),
        ("note", _OPTIONAL),
    ),
    Evidence: (
        ("id", _TEXT),
        ("text", _TEXT),
        ("type", EvidenceType),
        ("title", _OPTIONAL),
        ("source", Source),
        ("quote", _OPTIONAL),
        ("locator", _OPTIONAL),
        ("side", _OPTIONAL),
        ("tags", "strs"),
        ("note", _OPTIONAL),
    ),
    Argument: (
        ("id", _TEXT),
        ("premises", "strs"),
        ("conclusion", _TEXT),
        *(
            (name, _OPTIONAL)
            for name in (
                "title",
                "text",
                "warrant",
                "backing",
                "qualifier",
                "scheme",
                "side",
            )
        ),
        ("tags", "strs"),
        ("note", _OPTIONAL),
    ),
    Attack: (
        ("attacker", _TEXT),
        ("target", _TEXT),
        ("type", AttackType),
        ("id", _OPTIONAL),
        ("co_premises", "strs"),
        ("note", _OPTIONAL),
    ),
    Contradiction: (("claims", "pair"), ("note", _OPTIONAL)),
}

_SECTIONS: tuple[tuple[str, type, str], ...] = (
    ("sides", Side, "side"),
    ("sources", Source, "source"),
    ("claims", Claim, "claim"),
    ("evidence", Evidence, "evidence item"),
    ("arguments", Argument, "argument"),
)


def _kind(value: Any) -> str:
    if value is None:
        return "None"
    text = repr(value)
    shown = text if len(text) <= 40 else text[:37] + "..."
    return f"{type(value).__name__} {shown}"


def _encodable(text: str) -> bool:
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class _Checker:
    def __init__(self) -> None:
        self.out = Problems()

    def add(self, path: Path, message: str, hint: str) -> None:
        location = Location(None, None, None, pointer(path))
        self.out.append(Diagnostic("model", message, location, hint=hint))

    def text(self, value: Any, path: Path, where: str, *, optional: bool) -> None:
        if isinstance(value, str):
            if not _encodable(value):
                self.add(
                    path,
                    f"{where} holds a lone surrogate, which is not a character",
                    "build texts from decoded Unicode text, not from surrogate escapes",
                )
            return
        if value is None and optional:
            return
        wanted = "a str or None" if optional else "a str"
        self.add(path, f"{where} must be {wanted}, not {_kind(value)}", f"pass {wanted}")

    def texts(self, value: Any, path: Path, where: str) -> None:
        if not isinstance(value, tuple):
            self.add(path, f"{where} must be a tuple of str, not {_kind(value)}",
                     "pass a tuple (or list) of str")
            return
        for index, item in enumerate(value):
            self.text(item, (*path, index), f"item {index} of {where}", optional=False)

    def fields(self, obj: Any, cls: type, path: Path, name: str) -> None:
        for field, kind in _FIELDS[cls]:
            value = getattr(obj, field)
            where = f"`{field}` of {name}"
            if kind == _TEXT:
                self.text(value, (*path, field), where, optional=False)
            elif kind == _OPTIONAL:
                self.text(value, (*path, field), where, optional=True)
            elif kind == "strs":
                self.texts(value, (*path, field), where)
            elif kind == "pair":
                self.texts(value, (*path, "between"), where)
            elif kind == "bool":
                if not isinstance(value, bool):
                    self.add((*path, field), f"{where} must be True or False, not {_kind(value)}",
                             "pass a bool")
            elif kind is Source:
                self.source(value, (*path, field), where, embedded=True)
            elif isinstance(kind, type) and issubclass(kind, enum.Enum):
                optional = kind is AttackType
                if not isinstance(value, kind) and not (optional and value is None):
                    names = ", ".join(f"{kind.__name__}.{m.name}" for m in kind)
                    self.add((*path, field), f"{where} must be one of {names}, not "
                             f"{_kind(value)}", f"pass a member of {kind.__name__}")

    def source(self, value: Any, path: Path, where: str, *, embedded: bool) -> None:
        if value is None or isinstance(value, str):
            self.text(value, path, where, optional=True)
            return
        if not isinstance(value, Source):
            self.add(path, f"{where} must be a source id (str), a Source or None, not "
                     f"{_kind(value)}", "pass the id of an entry of `sources`, or a Source")
            return
        if embedded and value.id is not None:
            self.add((*path, "id"), f"{where} is a Source written in place with the id "
                     f"{value.id!r}; only entries of `sources` have ids, and this one would "
                     "be lost when the map is written",
                     f"refer to the entry by its id (source={value.id!r}) or leave `id` out")
        self.fields(value, Source, path, where)

    def check(self, argmap: ArgumentMap) -> Problems:
        if isinstance(argmap.version, bool) or not isinstance(argmap.version, int):
            self.add(("argmap",), f"`version` must be an int, not {_kind(argmap.version)}",
                     "leave it out: it defaults to the format version, 1")
        self.text(argmap.title, ("title",), "`title` of the map", optional=True)
        self.text(argmap.description, ("description",), "`description` of the map",
                  optional=True)
        self.texts(argmap.authors, ("authors",), "`authors` of the map")
        self.source(argmap.source, ("source",), "`source` of the map", embedded=True)
        for section, cls, noun in _SECTIONS:
            entries = getattr(argmap, section)
            if not isinstance(entries, Mapping):
                self.add((section,), f"`{section}` must be a mapping of id to {cls.__name__}, "
                         f"not {_kind(entries)}", f"pass a dict {{id: {cls.__name__}(...)}}")
                continue
            for key, item in entries.items():
                self.entry(section, cls, noun, key, item)
        for name, cls, items in (
            ("attacks", Attack, argmap.attacks),
            ("contradictions", Contradiction, argmap.contradictions),
        ):
            for index, item in enumerate(items):
                noun = f"{name[:-1]} #{index + 1}"
                if not isinstance(item, cls):
                    self.add((name, index), f"{noun} must be an {cls.__name__}, not "
                             f"{_kind(item)}", f"build it with {cls.__name__}(...)")
                else:
                    self.fields(item, cls, (name, index), noun)
        return self.out

    def entry(self, section: str, cls: type, noun: str, key: Any, item: Any) -> None:
        path: Path = (section, str(key))
        if not isinstance(key, str):
            self.add(path, f"the key {key!r} of `{section}` must be a str (an id), not "
                     f"{type(key).__name__}", "key each entry by its id")
            return
        name = f"{noun} {key!r}"
        if not isinstance(item, cls):
            self.add(path, f"{name} must be a {cls.__name__}, not {_kind(item)}",
                     f"build it with {cls.__name__}(id={key!r}, ...)")
            return
        item_id = getattr(item, "id", None)
        if item_id != key:
            self.add(
                (*path, "id"),
                f"{name} is stored under the key {key!r} but its id is {item_id!r}; a map "
                "is keyed by the ids of its entries",
                f"use the same id for both: {section}={{{item_id!r}: "
                f"{cls.__name__}(id={item_id!r}, ...)}}",
            )
        self.fields(item, cls, path, name)


def check_model(argmap: ArgumentMap) -> Problems:
    """Every broken invariant of ``argmap`` (types of fields, keys equal to ids, ...)."""
    return _Checker().check(argmap)

