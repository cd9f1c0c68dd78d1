"""SADFace JSON (Simon Wells's Simple Argument Description Format).

``atom`` nodes become claims; ``scheme`` nodes become arguments (premises -> scheme ->
conclusion) unless their name says conflict or attack, in which case they become attacks
(attacker -> scheme -> attacked).  A scheme name other than "support" is kept as the
argument's scheme.  The document's title, description, notes and analyst become the map's
title, description and authors; atom metadata and resources are left out with a note.
"""

from __future__ import annotations

from typing import Any

from argmap._formats.common import ImportResult, parse_json, shape_error, text_of
from argmap._formats.graph import Graph, Prop, Rel, Where, lower
from argmap.errors import Severity

__all__ = ["import_sadface"]

_ATTACK_NAMES = {"conflict", "attack", "rebuttal", "rebut", "undercut", "undermine",
                 "disagreement"}
_SUPPORT_NAMES = {"", "support", "default support", "inference", "default inference"}


def import_sadface(text: str, file: str | None) -> ImportResult:
    """Read a SADFace document."""
    doc = parse_json(text, file)
    data = doc.data
    if (not isinstance(data, dict) or not isinstance(data.get("nodes"), list)
            or not isinstance(data.get("edges", []), list)):
        raise shape_error(file, "this is not SADFace: there is no list of `nodes`",
                          "SADFace has {\"metadata\": ..., \"nodes\": [...], \"edges\": "
                          "[...]}; pass --from to name the input's format")
    graph = Graph(file=file, infer_undermine=True)
    kinds: dict[str, str] = {}
    names: dict[str, str] = {}
    positions: dict[str, int] = {}
    with_metadata = 0
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
        kinds[key] = kind
        positions[key] = index
        if graph.full():
            return ImportResult(None, tuple(graph.diagnostics))
        if kind == "atom":
            meta = node.get("metadata")
            if (isinstance(meta, dict) and meta) or node.get("sources"):
                with_metadata += 1
            graph.props[key] = Prop(key=key, text=text_of(node.get("text")))
        elif kind == "scheme":
            names[key] = text_of(node.get("name"))
        else:
            graph.note("unsupported", f"node {key!r} has the unknown type {kind!r}; it is "
                       "left out", where=where)
    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[str]] = {}
    for index, edge in enumerate(data.get("edges", [])):
        source = text_of(edge.get("source_id")) if isinstance(edge, dict) else ""
        target = text_of(edge.get("target_id")) if isinstance(edge, dict) else ""
        if source not in kinds or target not in kinds:
            graph.note("unknown-reference", f"edge {index} joins unknown nodes "
                       f"{source!r} -> {target!r}; it is left out",
                       where=Where(doc, ("edges", index)))
            continue
        outgoing.setdefault(source, []).append(target)
        incoming.setdefault(target, []).append(source)
    for key, name in names.items():
        where = Where(doc, ("nodes", positions[key]))
        sources = [s for s in incoming.get(key, []) if kinds[s] in ("atom", "scheme")]
        targets = [t for t in outgoing.get(key, []) if kinds[t] in ("atom", "scheme")]
        if not sources or not targets:
            graph.note("dropped-relation", f"scheme node {key!r} lacks a premise or a "
                       "conclusion; it is left out", where=where)
            continue
        attack = name.strip().lower() in _ATTACK_NAMES
        for number, target in enumerate(targets, start=1):
            rel_key = key if number == 1 else f"{key}#{number}"
            graph.rels[rel_key] = Rel(
                key=rel_key, kind="attack" if attack else "support", sources=sources,
                target=target,
                scheme=None if attack or name.strip().lower() in _SUPPORT_NAMES else name,
                where=where,
            )
    meta = data.get("metadata")
    core: dict[str, Any] = {}
    if isinstance(meta, dict) and isinstance(meta.get("core"), dict):
        core = meta["core"]
    graph.title = text_of(core.get("title")) or None
    description = "\n\n".join(
        t for t in (text_of(core.get("description")), text_of(core.get("notes"))) if t
    )
    graph.description = description or None
    analyst = text_of(core.get("analyst_name"))
    if analyst:
        graph.authors.append(analyst)
    if with_metadata:
        graph.note("not-imported", f"{with_metadata} atoms carry metadata or sources that "
                   "argmap leaves out", severity=Severity.INFO)
    if data.get("resources"):
        graph.note("not-imported", "the document's resources are left out",
                   severity=Severity.INFO)
    argmap = lower(graph)
    return ImportResult(argmap, tuple(graph.diagnostics))
