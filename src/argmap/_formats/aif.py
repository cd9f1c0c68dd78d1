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

import html
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

from argmap._formats.common import (
    ImportResult,
    dump_json,
    parse_json,
    shape_error,
    text_of,
    too_large,
)
from argmap._formats.graph import (
    MAX_ELEMENTS,
    Graph,
    Prop,
    Rel,
    Where,
    clip,
    lower,
    split_key,
    valid_id,
)
from argmap.errors import Severity
from argmap.model import (
    Argument,
    ArgumentMap,
    AttackType,
    Claim,
    Evidence,
    EvidenceType,
    Side,
    Source,
)

__all__ = ["export_aif", "export_xaif", "import_aif"]

_GENERIC_SCHEMES = {"", "ra", "ca", "ma", "default inference", "default conflict",
                    "default rephrase", "inference", "conflict"}
_DIALOGUE = {"L", "YA", "TA", "TL"}


def import_aif(text: str, file: str | None) -> ImportResult:
    """Read AIF JSON or xAIF text."""
    doc = parse_json(text, file)
    top = doc.data
    data = top
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
    if len(data["nodes"]) + len(edges) > MAX_ELEMENTS:
        raise too_large(file, f"the input has more than {MAX_ELEMENTS:,} nodes and edges "
                        "(counting those argmap ignores)")

    types: dict[str, str] = {}
    nodes: dict[str, dict[str, Any]] = {}
    positions: dict[str, int] = {}
    skipped: dict[str, list[str]] = {}
    extra_fields: Counter[str] = Counter()
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
        extra_fields.update(k for k, v in node.items()
                            if k not in _NODE_KEYS and v not in _EMPTY)
        if kind in _KEPT and isinstance(node.get("argmap"), dict):
            check_extension(graph, key, node["argmap"], kind, where)
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
        elif kind in _RELATIONAL:
            continue
        elif kind == "PA" or kind in _DIALOGUE:
            skipped.setdefault(kind, []).append(key)
        else:
            skipped.setdefault(kind or "(none)", []).append(key)
            graph.note("unsupported", f"node {key!r} has the unknown type {kind or '(none)'!r}; "
                       "it is left out", where=where)

    # Each edge is read once.  Between an I node and an S node (RA, MA, CA) it is a premise,
    # conclusion, attacker or target.  Between two S nodes it is the first one's target
    # (an undercut, or support of an inference) except RA/MA -> CA: the argument attacks
    # (argmap writes an argument that attacks so).
    sources_of: dict[str, list[str]] = {}
    targets_of: dict[str, list[str]] = {}
    edge_of: dict[tuple[str, str], str] = {}
    idle: list[int] = []  # edges that join a node left out
    for index, edge in enumerate(edges):
        ewhere = Where(doc, (*path, "edges", index))
        if not isinstance(edge, dict):
            graph.note("format", f"edge #{index + 1} is not an object; it is left out",
                       where=ewhere)
            continue
        extra_fields.update(f"edge {k}" for k, v in edge.items()
                            if k not in _EDGE_KEYS and v not in _EMPTY)
        source, target = text_of(edge.get("fromID")), text_of(edge.get("toID"))
        name = _edge_name(edge, index)
        if source not in nodes or target not in nodes:
            graph.note("unknown-reference", _dangling(name, source, target, nodes),
                       where=ewhere, hint="add the missing node, or remove the edge")
            continue
        first, second = types[source], types[target]
        if first not in _KEPT or second not in _KEPT:
            idle.append(index)
            continue
        if (source, target) in edge_of:
            graph.note("duplicate-relation", f"{name} repeats "
                       f"{edge_of[source, target]} ({source!r} -> {target!r}); it is left out",
                       severity=Severity.INFO, where=ewhere)
            continue
        edge_of[source, target] = name
        if source == target:
            graph.note("dropped-relation", f"{name} joins node {source!r} to itself; "
                       "AIF relations run through an RA, MA or CA node, so it is left out",
                       where=ewhere, hint="write the self-attack as an I -> CA -> I path")
        elif first == "I" and second == "I":
            graph.note("dropped-relation", f"{name} joins two I nodes ({source!r} -> "
                       f"{target!r}) with no RA, MA or CA node between them; argmap cannot "
                       "tell a support from an attack, so it is left out", where=ewhere,
                       hint="put an RA (support) or CA (conflict) node between them")
        elif first == "I":
            sources_of.setdefault(target, []).append(source)
        elif second == "I" or not (second == "CA" and first in ("RA", "MA")):
            targets_of.setdefault(source, []).append(target)
        else:
            sources_of.setdefault(target, []).append(source)

    for key, node in nodes.items():
        kind = types[key]
        if kind not in _RELATIONAL:
            continue
        where = Where(doc, (*path, "nodes", positions[key]))
        sources = sources_of.get(key, [])
        targets = targets_of.get(key, [])
        if not targets:
            graph.note("dropped-relation", f"{kind} node {key!r} points at nothing (no "
                       f"conclusion or target); it is left out with its {len(sources)} "
                       "incoming edges", where=where)
            continue
        if not sources:
            graph.note("dropped-relation", f"{kind} node {key!r} has no premise or attacker; "
                       f"it is left out with its {len(targets)} outgoing edges", where=where)
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
        if kind == "MA" and not written:
            scheme = scheme or "rephrase"
        if written:
            scheme = _str(extra, "scheme")
        tags = ([t for t in extra.get("tags", []) if isinstance(t, str)]
                if isinstance(extra.get("tags"), list) else [])
        if kind == "MA" and not written:
            tags.append("rephrase")
        for number, target in enumerate(targets, start=1):
            rel_key = key if number == 1 else split_key(key, number, nodes)
            if number == 2:
                graph.note("split-node", f"{kind} node {key!r} has {len(targets)} targets; "
                           "it becomes one relation per target", severity=Severity.INFO,
                           where=where)
            graph.rels[rel_key] = Rel(
                key=rel_key, kind="attack" if kind == "CA" else "support",
                sources=list(sources), target=target,
                scheme=scheme if kind != "CA" else None,
                title=_str(extra, "title"), text=_str(extra, "text"),
                side=_str(extra, "side"),
                note=(f"Conflict scheme: {scheme}" if kind == "CA" and scheme and not written
                      else _str(extra, "note")),
                tags=list(tags),
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
    for kind, keys in sorted(skipped.items()):
        if kind not in _NOT_IMPORTED_WHY:
            continue  # reported one by one above
        graph.note("not-imported", f"left out {len(keys)} {kind} node{'s' if len(keys) > 1 else ''}"
                   f" ({_NOT_IMPORTED_WHY[kind]}): {_some(keys)}", severity=Severity.INFO)
    if idle:
        graph.note("not-imported", f"left out {len(idle)} edge{'s' if len(idle) > 1 else ''} "
                   "that join nodes left out (listed above)", severity=Severity.INFO)
    if extra_fields:
        listed = ", ".join(f"{k} ({n})" for k, n in sorted(extra_fields.items()))
        graph.note("not-imported", f"left out fields of nodes and edges argmap has no place "
                   f"for: {listed}", severity=Severity.INFO)
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
    _dialogue(graph, top if path else {}, data, nodes, types, edges)
    argmap = lower(graph)
    return ImportResult(argmap, tuple(graph.diagnostics))


_RELATIONAL = ("RA", "CA", "MA")
_KEPT = {"I", *_RELATIONAL}
_NODE_KEYS = {"nodeID", "type", "text", "scheme", "argmap"}
_EDGE_KEYS = {"edgeID", "fromID", "toID"}


def _edge_name(edge: dict[str, Any], index: int) -> str:
    """An edge as a reader finds it in the file: by its ``edgeID``, else by position."""
    given = text_of(edge.get("edgeID"))
    return f"edge {given!r}" if given else f"edge #{index + 1} (it has no edgeID)"


def _dangling(name: str, source: str, target: str, nodes: Mapping[str, object]) -> str:
    """What is wrong with an edge whose end is not a node of the file: which end."""
    def end(field: str, key: str) -> str:
        return (f"it has no {field}" if not key
                else f"its {field} {key!r} names no node of the file")

    problems = [end(field, key) for field, key in (("fromID", source), ("toID", target))
                if key not in nodes]
    return f"{name} ({source!r} -> {target!r}) is left out: {' and '.join(problems)}"
_EMPTY: tuple[object, ...] = (None, "", [], {})
_NOT_IMPORTED_WHY = {
    "PA": "preferences between arguments: argmap has no preference relation",
    "L": "locutions: argmap maps the argument, not the dialogue",
    "YA": "illocutions that anchor propositions in the dialogue",
    "TA": "transitions between locutions",
    "TL": "transitions between locutions",
}
_TOP_KEYS = {"AIF", "text", "argmap"}
_AIF_KEYS = {"nodes", "edges", "argmap", "locutions", "participants"}
_SPEAKER = re.compile(r"([^:\n]{1,100}?) : ")
_TAG = re.compile(r"<[^<>]{0,1000}>")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _some(keys: list[str], limit: int = 50) -> str:
    shown = ", ".join(repr(k) for k in keys[:limit])
    return shown + (f" and {len(keys) - limit:,} more" if len(keys) > limit else "")


def _plain(markup: str) -> str:
    """The text of xAIF's ``text`` (HTML with highlighted spans) without the markup."""
    lines = (_TAG.sub("", line) for line in _BREAK.split(markup))
    return html.unescape("\n".join(" ".join(line.split()) for line in lines)).strip()


def _dialogue(graph: Graph, top: dict[str, Any], data: dict[str, Any],
              nodes: dict[str, dict[str, Any]], types: dict[str, str],
              edges: list[Any]) -> None:
    """Keep what the dialogue layer says that a map can hold (the source text, who said
    each proposition), and name the rest."""
    source_text = _plain(top["text"]) if isinstance(top.get("text"), str) else ""
    if source_text:
        text = f"Source text: {source_text}"
        graph.description = f"{graph.description}\n\n{text}" if graph.description else text
    names: dict[str, str] = {}
    participants = data.get("participants")
    for person in participants if isinstance(participants, list) else []:
        if isinstance(person, dict) and text_of(person.get("participantID")):
            name = " ".join(t for t in (text_of(person.get("firstname")),
                                        text_of(person.get("surname"))) if t)
            if name:
                names[text_of(person["participantID"])] = name
    speaker_of: dict[str, str] = {}  # L node -> name
    locutions = data.get("locutions")
    for item in locutions if isinstance(locutions, list) else []:
        if isinstance(item, dict) and text_of(item.get("personID")) in names:
            speaker_of[text_of(item.get("nodeID"))] = names[text_of(item["personID"])]
    for key, kind in types.items():
        # AIFdb writes the speaker before " : " in the text of an L node.
        if kind == "L" and key not in speaker_of:
            found = _SPEAKER.match(text_of(nodes[key].get("text")))
            if found:
                speaker_of[key] = found.group(1).strip()
    said: dict[str, list[str]] = {}
    if speaker_of:
        # L -> YA -> I: the locution asserts the proposition.
        out: dict[str, list[str]] = {}
        for edge in edges:
            if isinstance(edge, dict):
                out.setdefault(text_of(edge.get("fromID")), []).append(text_of(edge.get("toID")))
        for lnode, name in speaker_of.items():
            for ya in out.get(lnode, []):
                if types.get(ya) != "YA":
                    continue
                for prop in out.get(ya, []):
                    if prop in graph.props and name not in said.setdefault(prop, []):
                        said[prop].append(name)
    for prop, speakers in said.items():
        line = "Said by " + ", ".join(speakers) + "."
        old = graph.props[prop].note
        graph.props[prop].note = f"{old}\n\n{line}" if old else line
    if said:
        graph.note("imported-dialogue", f"the speakers of {len(said)} propositions are kept "
                   "in their notes (\"Said by ...\")", severity=Severity.INFO)
    left: list[str] = []
    for key, value in top.items():
        if key not in _TOP_KEYS and value not in _EMPTY and value is not False:
            left.append(f"`{key}` ({_why_top(key)})")
    for key, value in data.items():
        if value in _EMPTY:
            continue
        if key == "locutions":
            left.append(f"`locutions` ({len(value) if isinstance(value, list) else 1}: "
                        "timestamps and the dialogue; speakers are kept where known)")
        elif key == "participants":
            used = len({n for names_ in said.values() for n in names_})
            left.append(f"`participants` ({len(value) if isinstance(value, list) else 1}: "
                        f"{used} kept as the speakers of what they said, the rest unused)")
        elif key not in _AIF_KEYS:
            size = f"{len(value)}: " if isinstance(value, (list, dict)) else ""
            left.append(f"`{key}` ({size}{_why_top(key)})")
    if left:
        graph.note("not-imported", "left out parts argmap has no place for: "
                   + "; ".join(left), severity=Severity.INFO)


def _why_top(key: str) -> str:
    return {
        "OVA": "OVA's layout of the diagram",
        "schemefulfillments": "AIFdb scheme numbers of S nodes",
        "descriptorfulfillments": "AIFdb scheme descriptors",
        "dialog": "marks the file as a dialogue",
    }.get(key, "not part of AIF")


_TEXT_FIELDS = {"id", "title", "side", "note", "quote", "locator", "text", "warrant",
                "backing", "qualifier", "scheme"}


def check_extension(graph: Graph, key: str, extra: dict[str, Any], kind: str,
                    where: Where | None = None) -> None:
    """Name the fields of an ``"argmap"`` object whose values are left out (a wrong type,
    an unknown evidence or attack type, a source field the format refuses)."""
    bad: list[str] = []
    for name, value in extra.items():
        if name in _TEXT_FIELDS:
            ok = isinstance(value, str) and value != ""
        elif name == "main":
            ok = isinstance(value, bool)
        elif name == "tags":
            ok = isinstance(value, list) and all(isinstance(t, str) for t in value)
        elif name == "kind":
            ok = value == "evidence"
        elif name == "type":
            allowed = ({t.value for t in EvidenceType} if extra.get("kind") == "evidence"
                       else {t.value for t in AttackType} if kind == "CA" else set())
            ok = value in allowed
        elif name == "source":
            ok = (isinstance(value, str) and value != "") or (
                isinstance(value, dict) and bool(value)
                and _source_data(_source(value)) == {k: v for k, v in value.items()
                                                     if k != "id"})
        elif name == "contradiction":
            ok = value in ("a", "b") and kind == "CA"
        else:
            ok = False
        if not ok:
            bad.append(name)
    if bad:
        graph.note("not-imported", f"node {key!r}: argmap fields with values argmap cannot "
                   f"use are left out: {', '.join(bad[:20])}", where=where,
                   hint="check the node's \"argmap\" object against docs/convert.md")


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


def _put(extra: dict[str, Any], key: str, value: Any) -> None:
    """Set ``extra[key]`` unless ``value`` is empty (tuples become lists)."""
    if value not in (None, (), False, ""):
        extra[key] = list(value) if isinstance(value, tuple) else value


def _node_extra(node: Claim | Evidence) -> dict[str, Any]:
    """What an AIF I node or a SADFace atom has no field for: argmap's own keys."""
    extra: dict[str, Any] = {}
    for key in ("title", "side", "tags", "note"):
        _put(extra, key, getattr(node, key))
    if isinstance(node, Evidence):
        extra["kind"] = "evidence"
        extra["type"] = node.type.value
        _put(extra, "source", _source_data(node.source))
        _put(extra, "quote", node.quote)
        _put(extra, "locator", node.locator)
    else:
        _put(extra, "main", node.main)
    return extra


def _argument_extra(arg: Argument) -> dict[str, Any]:
    """argmap's keys of an argument (RA/MA node, SADFace scheme)."""
    extra: dict[str, Any] = {}
    for key in ("title", "text", "side", "tags", "note", "warrant", "backing", "qualifier",
                "scheme"):
        _put(extra, key, getattr(arg, key))
    return extra


def _conflicts(argmap: ArgumentMap, used: set[str]
               ) -> Iterator[tuple[str, dict[str, Any], list[str], str]]:
    """The conflict nodes both writers make: each attack, and each contradiction as two
    (one each way).  Yields (node id, argmap's keys, sources, target); node ids never
    take one in ``used`` (which grows)."""

    def fresh(base: str) -> str:
        candidate, counter = base, 2
        while candidate in used:
            candidate = f"{base}-{counter}"
            counter += 1
        used.add(candidate)
        return candidate

    for index, attack in enumerate(argmap.attacks):
        extra: dict[str, Any] = {}
        _put(extra, "id", attack.id)
        _put(extra, "type", attack.type.value if attack.type else None)
        _put(extra, "note", attack.note)
        yield (fresh(attack.id or f"attack-{index + 1}"), extra,
               [attack.attacker, *attack.co_premises], attack.target)
    for index, contradiction in enumerate(argmap.contradictions):
        a, b = contradiction.claims
        for first, second, part in ((a, b, "a"), (b, a, "b")):
            extra = {"contradiction": part}
            if part == "a":
                _put(extra, "note", contradiction.note)
            yield fresh(f"contradiction-{index + 1}{part}"), extra, [first], second


def _map_extra(argmap: ArgumentMap) -> dict[str, Any]:
    """argmap's keys of the map itself (title, description, authors, sources, sides)."""
    meta: dict[str, Any] = {}
    _put(meta, "title", argmap.title)
    _put(meta, "description", argmap.description)
    _put(meta, "authors", argmap.authors)
    _put(meta, "source", _source_data(argmap.source))
    if argmap.sources:
        meta["sources"] = {k: _source_data(v) for k, v in argmap.sources.items()}
    if argmap.sides:
        meta["sides"] = {
            k: {"name": s.name, **({"description": s.description} if s.description else {})}
            for k, s in argmap.sides.items()
        }
    return meta


def _aif_data(argmap: ArgumentMap) -> dict[str, Any]:
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []

    def edge(source: str, target: str) -> None:
        edges.append({"edgeID": f"e{len(edges) + 1}", "fromID": source, "toID": target})

    atoms: list[Claim | Evidence] = [*argmap.claims.values(), *argmap.evidence.values()]
    for node in atoms:
        entry: dict[str, Any] = {"nodeID": node.id, "text": node.text, "type": "I"}
        extra = _node_extra(node)
        if extra:
            entry["argmap"] = extra
        nodes.append(entry)
    for arg in argmap.arguments.values():
        extra = _argument_extra(arg)
        rephrase = "rephrase" in arg.tags
        scheme = arg.scheme or ("Default Rephrase" if rephrase else "Default Inference")
        entry = {"nodeID": arg.id, "text": scheme, "type": "MA" if rephrase else "RA",
                 "scheme": scheme}
        if extra or rephrase:
            entry["argmap"] = extra  # on an MA node even empty: its scheme is not guessed
        nodes.append(entry)
        for premise in arg.premises:
            edge(premise, arg.id)
        edge(arg.id, arg.conclusion)
    for ca, extra, sources, target in _conflicts(argmap, {n["nodeID"] for n in nodes}):
        # Always an "argmap" object (even empty): it says the type was not left to guess.
        nodes.append({"nodeID": ca, "text": "Default Conflict", "type": "CA",
                      "scheme": "Default Conflict", "argmap": extra})
        for source in sources:
            edge(source, ca)
        edge(ca, target)
    out: dict[str, Any] = {"nodes": nodes, "edges": edges, "locutions": []}
    meta = _map_extra(argmap)
    if meta:
        out["argmap"] = meta
    return out


def export_aif(argmap: ArgumentMap, indent: int | None = None) -> str:
    """The map as AIF JSON (AIFdb layout, string node ids; compact unless ``indent``)."""
    return dump_json(_aif_data(argmap), indent)


def export_xaif(argmap: ArgumentMap, indent: int | None = None) -> str:
    """The map as xAIF: the AIF JSON under ``"AIF"``, with empty dialogue parts."""
    aif = _aif_data(argmap)
    aif.setdefault("participants", [])
    aif.setdefault("schemefulfillments", [])
    aif.setdefault("descriptorfulfillments", [])
    return dump_json({"AIF": aif, "text": "", "OVA": {}}, indent)
