"""The drawing both diagram writers (Mermaid, GraphML) share: nodes and typed edges.

A claim, an evidence item and an argument are nodes.  An argument has an edge from each
premise (``premise``) and one to its conclusion (``conclusion``).  An attack is one edge
from the attacker to the target (``attack``), unless it has co-premises or another
attack undercuts it: then it is a node of kind ``attack`` with an edge from the attacker
(``attacker``), one from each co-premise (``co-premise``) and one to its target
(``attack``).  A contradiction is an edge between its two claims (``contradiction``).
"""

from __future__ import annotations

from typing import Literal

import attrs

from argmap.model import Argument, ArgumentMap, Attack, Claim, Evidence

__all__ = ["Drawing", "Edge", "Item", "draw", "lost_in_diagram"]

NodeKind = Literal["claim", "evidence", "argument", "attack"]
Relation = Literal["premise", "conclusion", "attack", "attacker", "co-premise",
                   "contradiction"]


@attrs.frozen
class Item:
    """A node of the drawing: ``key`` is unique and safe in any syntax (``n1``, ...)."""

    key: str
    kind: NodeKind
    element: Claim | Evidence | Argument | Attack
    side: str | None


@attrs.frozen
class Edge:
    """An edge of the drawing, between two item keys."""

    key: str
    source: str
    target: str
    relation: Relation
    attack: Attack | None = None
    note: str | None = None


@attrs.frozen
class Drawing:
    """The items and edges of a map, in the map's order."""

    items: tuple[Item, ...]
    edges: tuple[Edge, ...]


def draw(argmap: ArgumentMap) -> Drawing:
    """The drawing of ``argmap`` (its references must resolve: a valid map)."""
    items: list[Item] = []
    key_of: dict[str, str] = {}

    def add(kind: NodeKind, element: Claim | Evidence | Argument | Attack,
            side: str | None, name: str | None) -> str:
        key = f"n{len(items) + 1}"
        items.append(Item(key, kind, element, side))
        if name is not None:
            key_of[name] = key
        return key

    for claim in argmap.claims.values():
        add("claim", claim, claim.side, claim.id)
    for item in argmap.evidence.values():
        add("evidence", item, item.side, item.id)
    for arg in argmap.arguments.values():
        add("argument", arg, argmap.side_of(arg.id), arg.id)
    targeted = {a.target for a in argmap.attacks}
    as_node: dict[int, str] = {}
    for index, attack in enumerate(argmap.attacks):
        if attack.co_premises or (attack.id is not None and attack.id in targeted):
            side = argmap.side_of(attack.attacker)
            as_node[index] = add("attack", attack, side, attack.id)
    edges: list[Edge] = []

    def edge(source: str, target: str, relation: Relation, attack: Attack | None = None,
             note: str | None = None) -> None:
        edges.append(Edge(f"e{len(edges) + 1}", source, target, relation, attack, note))

    for arg in argmap.arguments.values():
        for premise in arg.premises:
            edge(key_of[premise], key_of[arg.id], "premise")
        edge(key_of[arg.id], key_of[arg.conclusion], "conclusion")
    for index, attack in enumerate(argmap.attacks):
        target = key_of[attack.target]
        if index in as_node:
            node = as_node[index]
            edge(key_of[attack.attacker], node, "attacker")
            for premise in attack.co_premises:
                edge(key_of[premise], node, "co-premise")
            edge(node, target, "attack", attack)
        else:
            edge(key_of[attack.attacker], target, "attack", attack, attack.note)
    for contradiction in argmap.contradictions:
        a, b = contradiction.claims
        edge(key_of[a], key_of[b], "contradiction", note=contradiction.note)
    return Drawing(tuple(items), tuple(edges))


def lost_in_diagram(argmap: ArgumentMap, *, keeps_details: bool) -> list[str]:
    """What a diagram leaves out, by kind, with counts and a few ids.

    ``keeps_details``: the writer keeps titles, tags, notes, evidence details, Toulmin
    parts and the map's metadata (GraphML does, Mermaid draws only the graph).
    """
    if keeps_details:
        return []
    found: list[str] = []

    def report(what: str, ids: list[str]) -> None:
        if ids:
            shown = ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
            found.append(f"{what} of {len(ids)} element{'s' if len(ids) > 1 else ''} "
                         f"({shown}) are not drawn")

    nodes = list(argmap.nodes())
    report("titles", [n.id for n in nodes if n.title and not isinstance(n, Argument)])
    report("tags", [n.id for n in nodes if n.tags])
    report("notes", [n.id for n in nodes if n.note]
           + [a.id or f"attack {a.attacker}->{a.target}" for a in argmap.attacks if a.note]
           + [f"contradiction {c.claims[0]}/{c.claims[1]}" for c in argmap.contradictions
              if c.note])
    report("sources, quotes, locators and evidence types",
           [e.id for e in argmap.evidence.values()])
    report("texts, warrants, backings and qualifiers",
           [a.id for a in argmap.arguments.values()
            if a.text or a.warrant or a.backing or a.qualifier])
    meta = [name for name, value in (("description", argmap.description),
                                     ("authors", argmap.authors), ("source", argmap.source),
                                     ("sources", argmap.sources)) if value]
    if meta:
        found.append(f"the map's {', '.join(meta)} are not drawn")
    described = [s.id for s in argmap.sides.values() if s.description]
    report("descriptions of sides", described)
    return found
