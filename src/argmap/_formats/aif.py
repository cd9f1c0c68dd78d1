"""AIF JSON (the AIFdb export) and xAIF (the same under a key ``"AIF"``).

Import: I nodes become claims; RA nodes arguments (premises -> RA -> conclusion); MA
nodes (rephrase) arguments with the scheme "rephrase"; CA nodes attacks (attacker -> CA
-> attacked), undercuts when they target an RA node.  PA (preference) nodes and the
dialogue layer (L, YA, TA nodes, locutions, participants) are left out with a note.

Export: claims and evidence become I nodes, arguments RA nodes, attacks CA nodes and a
contradiction two CA nodes.  What AIF has no place for (titles, sides, tags, notes,
evidence types, the attack type) travels in an ``"argmap"`` object on each node, which
AIF tools ignore and this importer reads back.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from argmap._formats.common import ImportResult, parse_json, shape_error, text_of
from argmap._formats.graph import Graph, Prop, Rel, Where, clip, lower, valid_id
from argmap.errors import Severity
from argmap.model import ArgumentMap, AttackType, Evidence, EvidenceType, Side, Source

__all__ = ["export_aif", "export_xaif", "import_aif"]

_GENERIC_SCHEMES = {"", "ra", "ca", "ma", "default inference", "default conflict",
                    "default rephrase", "inference", "conflict"}
_DIALOGUE = {"L", "YA", "TA", "TL"}


def import_aif(text: str, file: str | None) -> ImportResult:
    """Read AIF JSON or xAIF text."""
    doc = parse_json(text, file)
    data = doc.data
    path: tuple[str, ...] = ()
    if isinstance(data, dict) and isinstance(data.get("AIF"), dict):
        data = data["AIF"]
        path = ("AIF",)
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        raise shape_error(file, "this is not AIF: there is no list of `nodes` (nor an `AIF` "
                          "object holding one)",
                          "AIF JSON has {\"nodes\": [...], \"edges\": [...]}; pass --from to "
                          "name the input's format")
    edges = data.get("edges", [])
    if not isinstance(edges, list):
        raise shape_error(file, "`edges` must be a list", "write \"edges\": [...]",
                          doc.locate((*path, "edges")))
    graph = Graph(file=file, infer_undermine=True)

    types: dict[str, str] = {}
    nodes: dict[str, dict[str, Any]] = {}
    positions: dict[str, int] = {}
    skipped: Counter[str] = Counter()
    for index, node in enumerate(data["nodes"]):
        where = Where(doc, (*path, "nodes", index))
        if not isinstance(node, dict) or text_of(node.get("nodeID")) == "":
            graph.note("format", f"node {index} has no `nodeID`; it is left out", where=where)
            continue
        key = text_of(node["nodeID"])
        kind = text_of(node.get("type")).upper()
        if key in nodes:
            graph.note("duplicate-id", f"node id {key!r} is used twice; the second node is "
                       "left out", where=where)
            continue
        nodes[key] = node
        positions[key] = index
        types[key] = kind
        if graph.full():
            return ImportResult(None, tuple(graph.diagnostics))
        if kind == "I":
            extra = _extension(node)
            graph.props[key] = Prop(
                key=key, text=text_of(node.get("text")),
                id_hint=_str(extra, "id"), title=_str(extra, "title"),
                side=_str(extra, "side"), main=extra.get("main") is True,
                tags=[t for t in extra.get("tags", []) if isinstance(t, str)]
                if isinstance(extra.get("tags"), list) else [],
                note=_str(extra, "note"), evidence=_evidence_type(extra),
                source=_source(extra.get("source")), quote=_str(extra, "quote"),
                locator=_str(extra, "locator"),
            )
        elif kind in ("RA", "CA", "MA"):
            continue
        elif kind == "PA":
            skipped["PA (preference)"] += 1
        elif kind in _DIALOGUE:
            skipped[kind] += 1
        else:
            graph.note("unsupported", f"node {key!r} has the unknown type {kind or '(none)'!r}; "
                       "it is left out", where=where)

    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[str]] = {}
    for index, edge in enumerate(edges):
        if not isinstance(edge, dict):
            graph.note("format", f"edge {index} is not an object; it is left out",
                       where=Where(doc, (*path, "edges", index)))
            continue
        source, target = text_of(edge.get("fromID")), text_of(edge.get("toID"))
        if source not in nodes or target not in nodes:
            graph.note("unknown-reference", f"edge {index} joins unknown nodes "
                       f"{source!r} -> {target!r}; it is left out",
                       where=Where(doc, (*path, "edges", index)))
            continue
        outgoing.setdefault(source, []).append(target)
        incoming.setdefault(target, []).append(source)

    relational = {"I", "RA", "CA", "MA"}
    for key, node in nodes.items():
        kind = types[key]
        if kind not in ("RA", "CA", "MA"):
            continue
        where = Where(doc, (*path, "nodes", positions[key]))
        sources = [s for s in incoming.get(key, []) if types[s] in relational]
        targets = [t for t in outgoing.get(key, []) if types[t] in relational]
        if not targets:
            graph.note("dropped-relation", f"{kind} node {key!r} points at nothing; it is "
                       "left out", where=where)
            continue
        if not sources:
            graph.note("dropped-relation", f"{kind} node {key!r} has no premise or attacker; "
                       "it is left out", where=where)
            continue
        extra = _extension(node)
        written = isinstance(node.get("argmap"), dict)  # exported by argmap: no guessing
        if (kind == "CA" and extra.get("contradiction") in ("a", "b") and len(sources) == 1
                and len(targets) == 1 and types[sources[0]] == "I" and types[targets[0]] == "I"):
            # argmap exports a contradiction as two CA nodes, "a" and "b"; "a" carries it.
            if extra["contradiction"] == "a":
                graph.contradictions.append((sources[0], targets[0], _str(extra, "note")))
            continue
        node_text = text_of(node.get("scheme")) or text_of(node.get("text"))
        scheme = None if node_text.strip().lower() in _GENERIC_SCHEMES else node_text
        if kind == "MA":
            scheme = scheme or "rephrase"
        for number, target in enumerate(targets, start=1):
            rel_key = key if number == 1 else f"{key}#{number}"
            if number == 2:
                graph.note("split-node", f"{kind} node {key!r} has {len(targets)} targets; "
                           "it becomes one relation per target", severity=Severity.INFO,
                           where=where)
            graph.rels[rel_key] = Rel(
                key=rel_key, kind="attack" if kind == "CA" else "support",
                sources=list(dict.fromkeys(sources)), target=target,
                scheme=_str(extra, "scheme") or (scheme if kind != "CA" else None),
                title=_str(extra, "title"), text=_str(extra, "text"),
                side=_str(extra, "side"), note=_str(extra, "note"),
                tags=([t for t in extra.get("tags", []) if isinstance(t, str)]
                      if isinstance(extra.get("tags"), list) else [])
                + (["rephrase"] if kind == "MA" else []),
                warrant=_str(extra, "warrant"), backing=_str(extra, "backing"),
                qualifier=_str(extra, "qualifier"),
                attack_type=_attack_type(extra), id_hint=_str(extra, "id") if number == 1
                else None, where=where,
                # An attack exported by argmap without an id comes back without one.
                keep_id=not (kind == "CA" and written and "id" not in extra),
                infer_type=not written,
            )
            if graph.full():
                return ImportResult(None, tuple(graph.diagnostics))
    _sides_from_extension(graph, data)
    if skipped:
        listed = ", ".join(f"{n} {k}" for k, n in sorted(skipped.items()))
        graph.note(
            "not-imported",
            f"left out {sum(skipped.values())} nodes argmap has no place for ({listed}): the "
            "dialogue layer (locutions, illocutions, transitions) and preferences",
            severity=Severity.INFO,
        )
    meta: dict[str, Any] = data["argmap"] if isinstance(data.get("argmap"), dict) else {}
    graph.title = _str(meta, "title")
    graph.description = _str(meta, "description")
    if isinstance(meta.get("authors"), list):
        graph.authors = [a for a in meta["authors"] if isinstance(a, str) and a]
    graph.source = _source(meta.get("source"))
    if isinstance(meta.get("sources"), dict):
        for key, value in meta["sources"].items():
            if not valid_id(key):
                graph.note("format", f"source id {key!r} is not a valid id; left out")
                continue
            found = _source(value, key)
            if isinstance(found, Source):
                graph.sources[key] = found
    argmap = lower(graph)
    return ImportResult(argmap, tuple(graph.diagnostics))


def _extension(node: dict[str, Any]) -> dict[str, Any]:
    value = node.get("argmap")
    return value if isinstance(value, dict) else {}


def _str(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) and value else None


_SOURCE_KEYS = ("title", "author", "publisher", "date", "url", "note")


_URL = re.compile(r"([Hh][Tt][Tt][Pp][Ss]?://|[Mm][Aa][Ii][Ll][Tt][Oo]:)\S+")
_DATE = re.compile(r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?")


def _source(value: Any, key: str | None = None) -> str | Source | None:
    """A source from the extension: an id, or an object with string fields.

    Fields the argmap format would refuse (a ``javascript:`` link, a malformed date) are
    left out rather than failing the import.
    """
    if isinstance(value, str) and value:
        return value
    if not isinstance(value, dict):
        return None
    fields: dict[str, str] = {}
    for name in _SOURCE_KEYS:
        item = value.get(name)
        if not isinstance(item, str) or not item:
            continue
        if (name == "url" and (len(item) > 2000 or not _URL.fullmatch(item))) or (
                name == "date" and not _DATE.fullmatch(item)):
            continue
        fields[name] = clip(item, 100_000 if name == "note" else 2000) or item
    return Source(id=key, **fields) if fields else None


def _source_data(value: str | Source | None) -> Any:
    if not isinstance(value, Source):
        return value
    return {k: getattr(value, k) for k in _SOURCE_KEYS if getattr(value, k)}


def _evidence_type(extra: dict[str, Any]) -> EvidenceType | None:
    if extra.get("kind") != "evidence":
        return None
    try:
        return EvidenceType(extra.get("type", "fact"))
    except ValueError:
        return EvidenceType.OTHER


def _attack_type(extra: dict[str, Any]) -> AttackType | None:
    try:
        return AttackType(extra["type"]) if isinstance(extra.get("type"), str) else None
    except ValueError:
        return None


def _sides_from_extension(graph: Graph, data: dict[str, Any]) -> None:
    meta = data.get("argmap")
    sides = meta.get("sides") if isinstance(meta, dict) else None
    if not isinstance(sides, dict):
        return
    for key, value in sides.items():
        if not valid_id(key):
            graph.note("format", f"side id {key!r} is not a valid id; left out")
            continue
        if isinstance(value, dict) and isinstance(value.get("name"), str):
            description = value.get("description")
            graph.sides[key] = Side(id=key, name=value["name"][:2000] or key,
                                    description=clip(description, 100_000)
                                    if isinstance(description, str) else None)


# --------------------------------------------------------------------------------------
# export


def _aif_data(argmap: ArgumentMap) -> dict[str, Any]:
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []

    def edge(source: str, target: str) -> None:
        edges.append({"edgeID": f"e{len(edges) + 1}", "fromID": source, "toID": target})

    def put(extra: dict[str, Any], key: str, value: Any) -> None:
        if value not in (None, (), False, ""):
            extra[key] = list(value) if isinstance(value, tuple) else value

    for node in argmap.nodes():
        extra: dict[str, Any] = {}
        put(extra, "title", node.title)
        put(extra, "side", node.side)
        put(extra, "tags", node.tags)
        put(extra, "note", node.note)
        if isinstance(node, Evidence):
            extra["kind"] = "evidence"
            extra["type"] = node.type.value
            put(extra, "source", _source_data(node.source))
            put(extra, "quote", node.quote)
            put(extra, "locator", node.locator)
        elif not hasattr(node, "premises"):
            put(extra, "main", getattr(node, "main", False))
        if hasattr(node, "premises"):
            continue
        entry: dict[str, Any] = {"nodeID": node.id, "text": node.text, "type": "I"}
        if extra:
            entry["argmap"] = extra
        nodes.append(entry)
    for arg in argmap.arguments.values():
        extra = {}
        for key in ("title", "text", "side", "tags", "note", "warrant", "backing", "qualifier",
                    "scheme"):
            put(extra, key, getattr(arg, key))
        scheme = arg.scheme or "Default Inference"
        entry = {"nodeID": arg.id, "text": scheme, "type": "RA", "scheme": scheme}
        if extra:
            entry["argmap"] = extra
        nodes.append(entry)
        for premise in arg.premises:
            edge(premise, arg.id)
        edge(arg.id, arg.conclusion)
    used = {n["nodeID"] for n in nodes}

    def fresh(base: str) -> str:
        candidate, counter = base, 2
        while candidate in used:
            candidate = f"{base}-{counter}"
            counter += 1
        used.add(candidate)
        return candidate

    for index, attack in enumerate(argmap.attacks):
        ca = fresh(attack.id or f"attack-{index + 1}")
        extra = {}
        put(extra, "id", attack.id)
        put(extra, "type", attack.type.value if attack.type else None)
        put(extra, "note", attack.note)
        # Always an "argmap" object (even empty): it says the type was not left to guess.
        nodes.append({"nodeID": ca, "text": "Default Conflict", "type": "CA",
                      "scheme": "Default Conflict", "argmap": extra})
        edge(attack.attacker, ca)
        for premise in attack.co_premises:
            edge(premise, ca)
        edge(ca, attack.target)
    for index, contradiction in enumerate(argmap.contradictions):
        a, b = contradiction.claims
        for first, second, part in ((a, b, "a"), (b, a, "b")):
            ca = fresh(f"contradiction-{index + 1}{part}")
            extra = {"contradiction": part}
            if part == "a":
                put(extra, "note", contradiction.note)
            nodes.append({"nodeID": ca, "text": "Default Conflict", "type": "CA",
                          "scheme": "Default Conflict", "argmap": extra})
            edge(first, ca)
            edge(ca, second)
    out: dict[str, Any] = {"nodes": nodes, "edges": edges, "locutions": []}
    meta: dict[str, Any] = {}
    put(meta, "title", argmap.title)
    put(meta, "description", argmap.description)
    put(meta, "authors", argmap.authors)
    put(meta, "source", _source_data(argmap.source))
    if argmap.sources:
        meta["sources"] = {k: _source_data(v) for k, v in argmap.sources.items()}
    if argmap.sides:
        meta["sides"] = {
            k: {"name": s.name, **({"description": s.description} if s.description else {})}
            for k, s in argmap.sides.items()
        }
    if meta:
        out["argmap"] = meta
    return out


def export_aif(argmap: ArgumentMap) -> str:
    """The map as AIF JSON (AIFdb layout, string node ids)."""
    return json.dumps(_aif_data(argmap), indent=2, ensure_ascii=False) + "\n"


def export_xaif(argmap: ArgumentMap) -> str:
    """The map as xAIF: the AIF JSON under ``"AIF"``, with empty dialogue parts."""
    aif = _aif_data(argmap)
    aif.setdefault("participants", [])
    aif.setdefault("schemefulfillments", [])
    aif.setdefault("descriptorfulfillments", [])
    return json.dumps({"AIF": aif, "text": "", "OVA": {}}, indent=2, ensure_ascii=False) + "\n"
