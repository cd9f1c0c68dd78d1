"""SADFace JSON (Simon Wells's Simple Argument Description Format): import and export.

Import: ``atom`` nodes become claims; ``scheme`` nodes become arguments (premises ->
scheme -> conclusion) unless their name says conflict or attack, in which case they
become attacks (attacker -> scheme -> attacked).  A scheme name other than "support" is
kept as the argument's scheme.  The document's title, description and notes become the
map's title and description, the analyst its author, and the document itself (id,
creation and edit times, analyst) the map's ``source``.  Both layouts are read: the
current one (``metadata.core``) and the older one (``analyst_name``, ``created``, ``id``
at the top level).  Atom metadata, atom sources and resources are left out with a note.

Export: claims and evidence become atoms, arguments support schemes, attacks conflict
schemes (co-premises are further edges into the scheme; an undercut of an attack is an
edge from one conflict scheme to the other) and a contradiction two conflict schemes.
What SADFace has no field for travels in an ``"argmap"`` namespace of the nodes' and the
document's ``metadata``, which SADFace reserves for such extensions; this importer reads
it back, so argmap -> SADFace -> argmap is exact.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from typing import Any

from argmap._formats.aif import (
    _argument_extra,
    _attack_type,
    _conflicts,
    _evidence_type,
    _map_extra,
    _node_extra,
    _put,
    _sides_from_extension,
    _some,
    _source,
    _str,
    check_extension,
)
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
    lower,
    split_key,
    valid_id,
)
from argmap._words import count
from argmap.errors import Severity
from argmap.model import ArgumentMap, AttackType, Claim, Evidence, Source

__all__ = ["export_sadface", "import_sadface"]

_ATTACK_NAMES = {"conflict", "attack", "rebuttal", "rebut", "undercut", "undermine",
                 "disagreement", "default conflict"}
_NAMED_TYPES = {"rebut": AttackType.REBUT, "rebuttal": AttackType.REBUT,
                "undercut": AttackType.UNDERCUT, "undermine": AttackType.UNDERMINE}
_SUPPORT_NAMES = {"", "support", "default support", "inference", "default inference"}
_CORE_KEYS = ("analyst_email", "analyst_name", "created", "edited", "id", "version",
              "title", "description", "notes")
_TOP_KEYS = {"nodes", "edges", "metadata", "resources", *_CORE_KEYS}
_NODE_KEYS = {"id", "type", "text", "name", "metadata", "sources"}
_EDGE_KEYS = {"id", "source_id", "target_id"}
_EMPTY: tuple[object, ...] = (None, "", [], {})
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def import_sadface(text: str, file: str | None) -> ImportResult:
    """Read a SADFace document (current or older layout)."""
    doc = parse_json(text, file)
    data = doc.data
    if (not isinstance(data, dict) or not isinstance(data.get("nodes"), list)
            or not isinstance(data.get("edges", []), list)):
        raise shape_error(file, "this is not SADFace: there is no list of `nodes`",
                          "SADFace has {\"metadata\": ..., \"nodes\": [...], \"edges\": "
                          "[...]}; pass --from to name the input's format")
    graph = Graph(file=file, infer_undermine=True)
    if len(data["nodes"]) + len(data.get("edges", [])) > MAX_ELEMENTS:
        raise too_large(file, f"the input has more than {MAX_ELEMENTS:,} nodes and edges "
                        "(counting those argmap ignores)")
    kinds: dict[str, str] = {}
    names: dict[str, str] = {}
    positions: dict[str, int] = {}
    extension: dict[str, dict[str, Any]] = {}
    with_metadata: list[str] = []
    with_sources: list[str] = []
    extra_fields: Counter[str] = Counter()
    for index, node in enumerate(data["nodes"]):
        where = Where(doc, ("nodes", index))
        key = text_of(node.get("id")) if isinstance(node, dict) else ""
        if not key:
            graph.note("format", f"node {index} has no `id`; it is left out", where=where)
            continue
        assert isinstance(node, dict)  # noqa: S101 -- narrowed by text_of above
        if key in kinds:
            graph.note("duplicate-id", f"node id {key!r} is used twice; the second node is "
                       "left out", where=where)
            continue
        kind = text_of(node.get("type"))
        if kind not in ("atom", "scheme"):
            graph.note("unsupported", f"node {key!r} has the unknown type {kind!r}; it is "
                       "left out", where=where)
            continue
        kinds[key] = kind
        positions[key] = index
        if graph.full():
            return ImportResult(None, tuple(graph.diagnostics))
        extra_fields.update(k for k, v in node.items() if k not in _NODE_KEYS
                            and v not in _EMPTY)
        meta = node.get("metadata")
        extra: dict[str, Any] = {}
        if isinstance(meta, dict):
            if isinstance(meta.get("argmap"), dict):
                extra = meta["argmap"]
                extension[key] = extra
                check_extension(graph, key, extra, "I" if kind == "atom" else (
                    "CA" if text_of(node.get("name")).strip().lower() in _ATTACK_NAMES
                    else "RA"), where)
            if any(k != "argmap" and v not in _EMPTY for k, v in meta.items()):
                with_metadata.append(key)
        if node.get("sources") not in _EMPTY:
            with_sources.append(key)
        if kind == "atom":
            graph.props[key] = Prop(
                key=key, text=text_of(node.get("text")),
                id_hint=_str(extra, "id"), title=_str(extra, "title"),
                side=_str(extra, "side"), main=extra.get("main") is True,
                tags=_tags(extra), note=_str(extra, "note"), evidence=_evidence_type(extra),
                source=_source(extra.get("source")), quote=_str(extra, "quote"),
                locator=_str(extra, "locator"),
            )
        else:
            names[key] = text_of(node.get("name"))

    def is_attack(key: str) -> bool:
        return names[key].strip().lower() in _ATTACK_NAMES

    # Each edge is read once (as in AIF): atom -> scheme is a premise or attacker,
    # scheme -> atom a conclusion or target; scheme -> scheme is the first one's target
    # except support -> conflict, which says that the argument attacks.
    sources_of: dict[str, list[str]] = {}
    targets_of: dict[str, list[str]] = {}
    edge_of: dict[tuple[str, str], int] = {}
    for index, edge in enumerate(data.get("edges", [])):
        ewhere = Where(doc, ("edges", index))
        if not isinstance(edge, dict):
            graph.note("format", f"edge {index} is not an object; it is left out", where=ewhere)
            continue
        extra_fields.update(f"edge {k}" for k, v in edge.items()
                            if k not in _EDGE_KEYS and v not in _EMPTY)
        source, target = text_of(edge.get("source_id")), text_of(edge.get("target_id"))
        if source not in kinds or target not in kinds:
            graph.note("unknown-reference", f"edge {index} joins unknown nodes "
                       f"{source!r} -> {target!r}; it is left out", where=ewhere)
            continue
        if (source, target) in edge_of:
            graph.note("duplicate-relation", f"edge {index} repeats edge "
                       f"{edge_of[source, target]} ({source!r} -> {target!r}); it is left out",
                       severity=Severity.INFO, where=ewhere)
            continue
        edge_of[source, target] = index
        first, second = kinds[source], kinds[target]
        if source == target:
            graph.note("dropped-relation", f"edge {index} joins node {source!r} to itself; "
                       "SADFace relations run through a scheme node, so it is left out",
                       where=ewhere, hint="write the self-attack as atom -> conflict -> atom")
        elif first == "atom" and second == "atom":
            graph.note("dropped-relation", f"edge {index} joins two atoms ({source!r} -> "
                       f"{target!r}) with no scheme node between them; argmap cannot tell a "
                       "support from an attack, so it is left out", where=ewhere,
                       hint="put a support or conflict scheme node between them")
        elif first == "atom":
            sources_of.setdefault(target, []).append(source)
        elif second == "atom" or is_attack(source) or not is_attack(target):
            targets_of.setdefault(source, []).append(target)
        else:
            sources_of.setdefault(target, []).append(source)

    for key, name in names.items():
        where = Where(doc, ("nodes", positions[key]))
        sources = sources_of.get(key, [])
        targets = targets_of.get(key, [])
        if not sources or not targets:
            graph.note("dropped-relation", f"scheme node {key!r} lacks "
                       f"{'a premise or attacker' if not sources else 'a conclusion or target'}"
                       f"; it is left out with its {count(len(sources) + len(targets), 'edge')}",
                       where=where)
            continue
        extra = extension.get(key, {})
        written = key in extension
        attack = is_attack(key)
        if (attack and extra.get("contradiction") in ("a", "b") and len(sources) == 1
                and len(targets) == 1 and kinds[sources[0]] == kinds[targets[0]] == "atom"):
            if extra["contradiction"] == "a":
                graph.contradictions.append((sources[0], targets[0], _str(extra, "note")))
            continue
        if written:
            scheme = _str(extra, "scheme")
        else:
            scheme = None if attack or name.strip().lower() in _SUPPORT_NAMES else name
        for number, target in enumerate(targets, start=1):
            rel_key = key if number == 1 else split_key(key, number, kinds)
            if number == 2:
                graph.note("split-node", f"scheme node {key!r} has {len(targets)} targets; "
                           "it becomes one relation per target", severity=Severity.INFO,
                           where=where)
            graph.rels[rel_key] = Rel(
                key=rel_key, kind="attack" if attack else "support", sources=list(sources),
                target=target, scheme=None if attack else scheme,
                title=_str(extra, "title"), text=_str(extra, "text"),
                side=_str(extra, "side"), note=_str(extra, "note"), tags=_tags(extra),
                warrant=_str(extra, "warrant"), backing=_str(extra, "backing"),
                qualifier=_str(extra, "qualifier"),
                attack_type=_attack_type(extra) if written else _NAMED_TYPES.get(
                    name.strip().lower()),
                id_hint=_str(extra, "id") if number == 1 else None, where=where,
                keep_id=not (attack and written and "id" not in extra),
                infer_type=not written,
            )
            if graph.full():
                return ImportResult(None, tuple(graph.diagnostics))
    _document(graph, data)
    if with_metadata:
        graph.note("not-imported", f"left out the metadata of {count(len(with_metadata), 'node')}: "
                   f"{_some(with_metadata)}", severity=Severity.INFO)
    if with_sources:
        graph.note("not-imported", f"left out the sources (spans of resources) of "
                   f"{count(len(with_sources), 'atom')}: {_some(with_sources)}",
                   severity=Severity.INFO)
    if extra_fields:
        listed = ", ".join(f"{k} ({n})" for k, n in sorted(extra_fields.items()))
        graph.note("not-imported", f"left out fields of nodes and edges argmap has no place "
                   f"for: {listed}", severity=Severity.INFO)
    argmap = lower(graph)
    return ImportResult(argmap, tuple(graph.diagnostics))


def _tags(extra: dict[str, Any]) -> list[str]:
    tags = extra.get("tags")
    return [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []


def _document(graph: Graph, data: dict[str, Any]) -> None:
    """The map's metadata from the document's: ``metadata.core`` or, in the older layout,
    the same fields at the top level; what has no place is named in a note."""
    meta = data.get("metadata")
    meta = meta if isinstance(meta, dict) else {}
    core: dict[str, Any] = meta["core"] if isinstance(meta.get("core"), dict) else {}
    older = [k for k in _CORE_KEYS if k not in core and data.get(k) not in _EMPTY]
    if older:
        core = {**{k: data[k] for k in older}, **core}
    left: list[str] = []
    ours = meta.get("argmap")
    if isinstance(ours, dict):  # written by argmap: the map's own metadata, exactly
        graph.title = _str(ours, "title")
        graph.description = _str(ours, "description")
        if isinstance(ours.get("authors"), list):
            graph.authors = [a for a in ours["authors"] if isinstance(a, str) and a]
        graph.source = _source(ours.get("source"))
        if isinstance(ours.get("sources"), dict):
            for key, value in ours["sources"].items():
                found = _source(value, key) if valid_id(key) else None
                if isinstance(found, Source):
                    graph.sources[key] = found
                else:
                    graph.note("format", f"source {key!r} is not a valid source; left out")
        _sides_from_extension(graph, meta)
    else:
        graph.title = text_of(core.get("title")) or None
        description = "\n\n".join(
            t for t in (text_of(core.get("description")), text_of(core.get("notes"))) if t
        )
        graph.description = description or None
        analyst = text_of(core.get("analyst_name"))
        if analyst:
            graph.authors.append(analyst)
        said = [f"{label} {text_of(core.get(k))}" for k, label in (
            ("id", "SADFace document"), ("version", "SADFace version"),
            ("created", "created"), ("edited", "edited"),
            ("analyst_email", "analyst e-mail")) if text_of(core.get(k))]
        if said:
            created = text_of(core.get("created"))[:10]
            graph.source = Source(
                title=graph.title or "SADFace document", author=analyst or None,
                date=created if _DAY.fullmatch(created) else None,
                note="; ".join(said) + ".",
            )
        if older:
            graph.note("older-layout", "this SADFace document has the older layout (the "
                       f"document's {', '.join(older)} at the top level); read as such",
                       severity=Severity.INFO)
    for key, value in core.items():
        if key not in _CORE_KEYS and value not in _EMPTY:
            left.append(f"`metadata.core.{key}`")
    for key, value in meta.items():
        if key not in ("core", "argmap") and value not in _EMPTY:
            left.append(f"`metadata.{key}`")
    if data.get("resources") not in _EMPTY:
        count = len(data["resources"]) if isinstance(data["resources"], list) else 1
        left.append(f"`resources` ({count}: the texts that atoms quote)")
    for key, value in data.items():
        if key not in _TOP_KEYS and value not in _EMPTY:
            left.append(f"`{key}`")
    if left:
        graph.note("not-imported", "left out parts of the document argmap has no place "
                   f"for: {', '.join(left)}", severity=Severity.INFO)


# --------------------------------------------------------------------------------------
# export


def _sadface_data(argmap: ArgumentMap) -> dict[str, Any]:
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []

    def edge(source: str, target: str) -> None:
        edges.append({"id": f"e{len(edges) + 1}", "source_id": source, "target_id": target})

    def metadata(extra: dict[str, Any]) -> dict[str, Any]:
        return {"argmap": extra} if extra else {}

    atoms: list[Claim | Evidence] = [*argmap.claims.values(), *argmap.evidence.values()]
    for node in atoms:
        nodes.append({"id": node.id, "type": "atom", "text": node.text, "sources": [],
                      "metadata": metadata(_node_extra(node))})
    for arg in argmap.arguments.values():
        # Always an "argmap" namespace: the scheme is argmap's, not guessed from the name.
        nodes.append({"id": arg.id, "type": "scheme", "name": arg.scheme or "support",
                      "metadata": {"argmap": _argument_extra(arg)}})
        for premise in arg.premises:
            edge(premise, arg.id)
        edge(arg.id, arg.conclusion)
    used = {n["id"] for n in nodes}
    for scheme_id, extra, sources, target in _conflicts(argmap, used):
        nodes.append({"id": scheme_id, "type": "scheme", "name": "conflict",
                      "metadata": {"argmap": extra}})
        for source in sources:
            edge(source, scheme_id)
        edge(scheme_id, target)
    meta = _map_extra(argmap)
    core: dict[str, Any] = {
        # A stable id: the same map always gives the same document.
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, "argmap:" + "\x1f".join(sorted(used)))),
        "version": "0.5",
        "analyst_name": "; ".join(argmap.authors),
        "analyst_email": "",
    }
    _put(core, "title", argmap.title)
    _put(core, "description", argmap.description)
    return {"metadata": {"core": core, "argmap": meta}, "resources": [], "nodes": nodes,
            "edges": edges}


def export_sadface(argmap: ArgumentMap, indent: int | None = None) -> str:
    """The map as a SADFace document (compact JSON unless ``indent`` is given)."""
    return dump_json(_sadface_data(argmap), indent)

