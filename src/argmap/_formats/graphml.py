"""GraphML, for yEd, Gephi, Cytoscape and networkx.

One directed graph.  Nodes are the map's claims, evidence items and arguments (and
attacks that need a node: those with co-premises or undercut by another attack), edges
the relations between them (see :mod:`argmap._formats.diagram`).  Every field of the map
has a GraphML key (``<key attr.name=...>``), so tools show them as properties:

* nodes: ``label`` (what Gephi and yEd show), ``kind`` (claim, evidence, argument,
  attack), ``argmap_id``, ``text``, ``title``, ``side``, ``side_name``, ``main``,
  ``tags`` (comma-separated; argmap tags hold no commas), ``note``, ``evidence_type``,
  ``source`` (a source id, or the inline source as JSON), ``quote``, ``locator``,
  ``scheme``, ``warrant``, ``backing``, ``qualifier``, ``attack_type``;
* edges: ``relation`` (premise, conclusion, attack, attacker, co-premise,
  contradiction), ``attack_type``, ``attack_id``, ``note``;
* the graph: ``title``, ``description``, ``authors``, ``source``, ``sides`` and
  ``sources`` (JSON).

XML 1.0 cannot hold most control characters; they are replaced by U+FFFD and reported.
"""

from __future__ import annotations

import json
from typing import Any
from xml.sax.saxutils import quoteattr

from argmap._formats.diagram import draw
from argmap._xmltext import NOT_XML, data
from argmap.model import Argument, ArgumentMap, Attack, Claim, Evidence, Source

__all__ = ["export_graphml", "export_losses"]

_NODE_KEYS = ("label", "kind", "argmap_id", "text", "title", "side", "side_name", "main",
              "tags", "note", "evidence_type", "source", "quote", "locator", "scheme",
              "warrant", "backing", "qualifier", "attack_type")
_EDGE_KEYS = ("relation", "attack_type", "attack_id", "note")
_GRAPH_KEYS = ("title", "description", "authors", "source", "sides", "sources")


def _source_json(value: str | Source | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    data = {k: getattr(value, k) for k in ("title", "author", "publisher", "date", "url",
                                           "note") if getattr(value, k)}
    return json.dumps(data, ensure_ascii=False)


def _node_data(argmap: ArgumentMap, element: Claim | Evidence | Argument | Attack,
               side: str | None) -> dict[str, Any]:
    if not isinstance(element, Attack):
        side = element.side  # its own: an argument's drawn side may be its conclusion's
    found = argmap.sides.get(side) if side is not None else None
    data: dict[str, Any] = {"side": side, "side_name": found.name if found else None}
    if isinstance(element, Attack):
        kind = argmap.attack_type(element)
        data.update(kind="attack", argmap_id=element.id, note=element.note,
                    attack_type=kind.value if kind else None,
                    label=kind.value if kind else "attack")
        return data
    data.update(argmap_id=element.id, title=element.title, note=element.note,
                tags=", ".join(element.tags) or None)
    if isinstance(element, Claim):
        data.update(kind="claim", text=element.text, main=element.main or None,
                    label=element.text)
    elif isinstance(element, Evidence):
        data.update(kind="evidence", text=element.text, evidence_type=element.type.value,
                    source=_source_json(element.source), quote=element.quote,
                    locator=element.locator, label=element.text)
    else:
        data.update(kind="argument", text=element.text, scheme=element.scheme,
                    warrant=element.warrant, backing=element.backing,
                    qualifier=element.qualifier,
                    label=element.title or element.scheme or element.id)
    return data


def _data(values: dict[str, Any], indent: str) -> list[str]:
    out: list[str] = []
    for key, value in values.items():
        if value is None:
            continue
        shown = ("true" if value else "false") if isinstance(value, bool) else str(value)
        out.append(f'{indent}<data key={quoteattr(key)}>{data(shown)}</data>')
    return out


def export_graphml(argmap: ArgumentMap) -> str:
    """The map as a GraphML document."""
    drawing = draw(argmap)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ]
    for domain, keys in (("graph", _GRAPH_KEYS), ("node", _NODE_KEYS), ("edge", _EDGE_KEYS)):
        for key in keys:
            kind = "boolean" if key == "main" else "string"
            lines.append(f'  <key id="{key}" for="{domain}" attr.name="{key}" '
                         f'attr.type="{kind}"/>')
    lines.append('  <graph id="argmap" edgedefault="directed">')
    lines += _data({
        "title": argmap.title,
        "description": argmap.description,
        "authors": json.dumps(list(argmap.authors), ensure_ascii=False)
        if argmap.authors else None,
        "source": _source_json(argmap.source),
        "sides": json.dumps({k: {"name": s.name, "description": s.description}
                             for k, s in argmap.sides.items()}, ensure_ascii=False)
        if argmap.sides else None,
        "sources": json.dumps({k: json.loads(_source_json(s) or "{}")
                               for k, s in argmap.sources.items()}, ensure_ascii=False)
        if argmap.sources else None,
    }, "    ")
    for item in drawing.items:
        lines.append(f'    <node id="{item.key}">')
        lines += _data(_node_data(argmap, item.element, item.side), "      ")
        lines.append("    </node>")
    for edge in drawing.edges:
        rel_type = argmap.attack_type(edge.attack) if edge.attack is not None else None
        lines.append(f'    <edge id="{edge.key}" source="{edge.source}" '
                     f'target="{edge.target}">')
        lines += _data({
            "relation": edge.relation,
            "attack_type": rel_type.value if rel_type else None,
            "attack_id": edge.attack.id if edge.attack is not None else None,
            "note": edge.note,
        }, "      ")
        lines.append("    </edge>")
    lines += ["  </graph>", "</graphml>"]
    return "\n".join(lines) + "\n"


def export_losses(argmap: ArgumentMap) -> list[str]:
    """What GraphML cannot carry: characters XML 1.0 forbids (replaced by U+FFFD)."""
    bad: list[str] = []
    for node in argmap.nodes():
        fields = [node.text, node.title, node.note, *node.tags]
        if isinstance(node, Evidence):
            fields += [node.quote, node.locator]
        if isinstance(node, Argument):
            fields += [node.scheme, node.warrant, node.backing, node.qualifier]
        if any(f and NOT_XML.search(f) for f in fields):
            bad.append(node.id)
    meta = [argmap.title, argmap.description, *argmap.authors,
            *(s.name for s in argmap.sides.values()),
            *(s.description for s in argmap.sides.values()),
            *(a.note for a in argmap.attacks), *(c.note for c in argmap.contradictions)]
    meta_bad = any(f and NOT_XML.search(f) for f in meta)
    if not bad and not meta_bad:
        return []
    where = ", ".join(map(repr, bad[:5])) + (f" and {len(bad) - 5} more" if len(bad) > 5
                                             else "")
    return [f"control characters XML cannot hold are replaced by U+FFFD in "
            f"{where or 'the map metadata, sides or notes of attacks'}"]
