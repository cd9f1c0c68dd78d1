"""Model to canonical YAML or JSON.

Canonical means: keys in the order of the schema, defaults left out (``main: false``,
``type: fact``, empty tags), premises always a list, and every string that a YAML 1.2
reader would take for something else (``"true"``, ``"12"``, ``"0o17"``, ``"~"``) quoted.
Loading what this writes gives an equal model.
"""

from __future__ import annotations

import json
from typing import Any

from argmap._io import atomic_write
from argmap._parse import resolve_plain
from argmap.model import (
    Argument,
    ArgumentMap,
    Attack,
    Claim,
    Contradiction,
    Evidence,
    EvidenceType,
    Side,
    Source,
)

__all__ = ["atomic_write", "to_data", "to_json", "to_yaml"]


def _put(out: dict[str, Any], key: str, value: Any) -> None:
    if value is None or value == () or value is False:
        return
    out[key] = list(value) if isinstance(value, tuple) else value


def _source(source: Source) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("title", "author", "publisher", "date", "url", "note"):
        _put(out, key, getattr(source, key))
    return out


def _source_ref(value: str | Source | None) -> Any:
    return _source(value) if isinstance(value, Source) else value


def _side(side: Side) -> dict[str, Any]:
    out: dict[str, Any] = {"name": side.name}
    _put(out, "description", side.description)
    return out


def _claim(claim: Claim) -> dict[str, Any]:
    out: dict[str, Any] = {"text": claim.text}
    for key in ("title", "side", "main", "tags", "note"):
        _put(out, key, getattr(claim, key))
    return out


def _evidence(item: Evidence) -> dict[str, Any]:
    out: dict[str, Any] = {"text": item.text}
    if item.type is not EvidenceType.FACT:
        out["type"] = item.type.value
    _put(out, "title", item.title)
    _put(out, "source", _source_ref(item.source))
    for key in ("quote", "locator", "side", "tags", "note"):
        _put(out, key, getattr(item, key))
    return out


def _argument(arg: Argument) -> dict[str, Any]:
    out: dict[str, Any] = {"premises": list(arg.premises), "conclusion": arg.conclusion}
    for key in (
        "title",
        "text",
        "warrant",
        "backing",
        "qualifier",
        "scheme",
        "side",
        "tags",
        "note",
    ):
        _put(out, key, getattr(arg, key))
    return out


def _attack(attack: Attack) -> dict[str, Any]:
    out: dict[str, Any] = {}
    _put(out, "id", attack.id)
    out["attacker"] = attack.attacker
    _put(out, "co_premises", attack.co_premises)
    out["target"] = attack.target
    if attack.type is not None:
        out["type"] = attack.type.value
    _put(out, "note", attack.note)
    return out


def _contradiction(item: Contradiction) -> dict[str, Any]:
    out: dict[str, Any] = {"between": list(item.claims)}
    _put(out, "note", item.note)
    return out


def to_data(argmap: ArgumentMap) -> dict[str, Any]:
    """The map as plain JSON-ready data, in canonical key order."""
    out: dict[str, Any] = {"argmap": argmap.version}
    _put(out, "title", argmap.title)
    _put(out, "description", argmap.description)
    _put(out, "authors", argmap.authors)
    _put(out, "source", _source_ref(argmap.source))
    sections: list[tuple[str, Any]] = [
        ("sides", {k: _side(v) for k, v in argmap.sides.items()}),
        ("sources", {k: _source(v) for k, v in argmap.sources.items()}),
        ("claims", {k: _claim(v) for k, v in argmap.claims.items()}),
        ("evidence", {k: _evidence(v) for k, v in argmap.evidence.items()}),
        ("arguments", {k: _argument(v) for k, v in argmap.arguments.items()}),
        ("attacks", [_attack(a) for a in argmap.attacks]),
        ("contradictions", [_contradiction(c) for c in argmap.contradictions]),
    ]
    for key, value in sections:
        if value:
            out[key] = value
    return out


def to_json(argmap: ArgumentMap) -> str:
    """Canonical JSON text (two-space indent, UTF-8 characters kept, final newline)."""
    return json.dumps(to_data(argmap), indent=2, ensure_ascii=False) + "\n"


def to_yaml(argmap: ArgumentMap) -> str:
    """Canonical YAML text that reads back, under YAML 1.2 rules, as the same map."""
    import yaml  # noqa: PLC0415 -- loaded on first use

    base: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class Dumper(base):  # type: ignore[misc]  # the base is chosen at run time
        pass

    def represent_str(dumper: Any, value: str) -> Any:
        style = None
        if value == "" or not isinstance(resolve_plain(value), str) or value != value.strip():
            style = '"'
        elif "\n" in value:
            style = "|"
        node = dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)
        if style == "|" and any(ord(c) < 32 and c not in "\n\t" for c in value):
            node.style = '"'
        return node

    Dumper.add_representer(str, represent_str)
    text: str = yaml.dump(
        to_data(argmap),
        Dumper=Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=88,
        indent=2,
    )
    return text
