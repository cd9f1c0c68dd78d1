"""Mermaid flowcharts (GitHub, GitLab and most documentation sites render them).

The map is drawn bottom to top (conclusions above their reasons).  Node shapes and
classes give the kinds: claims are rectangles (``claim``, a main thesis also ``main``),
evidence parallelograms (``evidence``), arguments rounded boxes labelled with their title
and scheme (``argument``), attacks that need a node (co-premises, undercut) small
hexagons (``attack``).  Edges: ``-->`` premise to argument, ``==>`` argument to
conclusion, ``--x`` attack (labelled with its type), ``x--x`` contradiction;
``linkStyle`` colours them by kind.  Each side is a ``subgraph`` named after the side,
and its nodes carry a class ``side-N``.

Every label is escaped: characters other than letters, digits, spaces and plain
punctuation become Mermaid entity codes (``#35;``), so no text can close a label, start
a directive, inject HTML or markdown; line breaks become ``<br>``, the one markup argmap
writes.  The map's title goes into the front matter as a JSON string.
"""

from __future__ import annotations

import json

from argmap._formats.diagram import Item, draw, lost_in_diagram
from argmap.model import Argument, ArgumentMap, Attack, Claim, Evidence

__all__ = ["export_losses", "export_mermaid", "label"]

_SAFE = frozenset(",.:;!?()-_/+=*@$' ")
_PALETTE = ("#dbeafe", "#fee2e2", "#dcfce7", "#fef9c3", "#f3e8ff", "#ffedd5", "#e0f2fe",
            "#fce7f3")
_LINKS = {
    "premise": "stroke:#15803d",
    "conclusion": "stroke:#15803d,stroke-width:2px",
    "attack": "stroke:#b91c1c",
    "attacker": "stroke:#b91c1c",
    "co-premise": "stroke:#b91c1c,stroke-dasharray:4",
    "contradiction": "stroke:#7c3aed,stroke-dasharray:4",
}


def label(text: str) -> str:
    """``text`` safe inside a double-quoted Mermaid label.

    >>> label('a "b" <i>#1</i>\\nend')
    'a #34;b#34; #60;i#62;#35;1#60;/i#62;<br>end'
    """
    out: list[str] = []
    for line in text.splitlines() or [""]:
        out.append("".join(ch if (ch.isalnum() and ch.isprintable()) or ch in _SAFE
                           else f"#{ord(ch)};" for ch in line))
    return "<br>".join(out)


def _node(argmap: ArgumentMap, item: Item) -> str:
    element = item.element
    if isinstance(element, Claim):
        return f'{item.key}["{label(element.text)}"]:::claim'
    if isinstance(element, Evidence):
        return f'{item.key}[/"{label(element.text)}"/]:::evidence'
    if isinstance(element, Argument):
        parts = [p for p in (element.title, element.scheme and f"({element.scheme})") if p]
        return f'{item.key}("{label(chr(10).join(parts) or "argument")}"):::argument'
    assert isinstance(element, Attack)  # noqa: S101 -- the four kinds of items
    found = argmap.attack_type(element)
    kind = found.value if found else "attack"
    return f'{item.key}{{{{"{label(kind)}"}}}}:::attack'


def export_mermaid(argmap: ArgumentMap) -> str:
    """The map as a Mermaid flowchart (``.mmd``; put it in a ```` ```mermaid ```` block)."""
    drawing = draw(argmap)
    lines: list[str] = []
    if argmap.title:
        lines += ["---", f"title: {json.dumps(argmap.title)}", "---"]
    lines.append("flowchart BT")
    side_class = {side: f"side-{n}" for n, side in enumerate(argmap.sides, start=1)}
    by_side: dict[str | None, list[Item]] = {}
    for item in drawing.items:
        by_side.setdefault(item.side if item.side in side_class else None, []).append(item)
    for item in by_side.get(None, []):
        lines.append(f"  {_node(argmap, item)}")
    for side_id, css in side_class.items():
        members = by_side.get(side_id, [])
        lines.append(f'  subgraph {css}-group["{label(argmap.sides[side_id].name)}"]')
        lines.extend(f"    {_node(argmap, item)}" for item in members)
        lines.append("  end")
    for edge in drawing.edges:
        if edge.relation == "contradiction":
            arrow = "x--x"
        elif edge.relation == "attack":
            kind = argmap.attack_type(edge.attack) if edge.attack else None
            arrow = f'--x|"{label(kind.value if kind else "attack")}"|'
        elif edge.relation == "conclusion":
            arrow = "==>"
        elif edge.relation == "co-premise":
            arrow = "-.-"
        else:
            arrow = "-->" if edge.relation == "premise" else "---"
        lines.append(f"  {edge.source} {arrow} {edge.target}")
    for relation, style in _LINKS.items():
        numbers = [str(n) for n, e in enumerate(drawing.edges) if e.relation == relation]
        if numbers:
            lines.append(f"  linkStyle {','.join(numbers)} {style}")
    lines += [
        "  classDef claim fill:#ffffff,stroke:#334155,color:#0f172a",
        "  classDef main stroke-width:3px,font-weight:bold",
        "  classDef evidence fill:#f8fafc,stroke:#64748b,color:#0f172a",
        "  classDef argument fill:#ecfdf5,stroke:#15803d,color:#14532d",
        "  classDef attack fill:#fef2f2,stroke:#b91c1c,color:#7f1d1d",
    ]
    for n, css in enumerate(side_class.values()):
        lines.append(f"  classDef {css} fill:{_PALETTE[n % len(_PALETTE)]}")
    for item in drawing.items:
        if item.side in side_class:
            lines.append(f"  class {item.key} {side_class[item.side]}")
        if isinstance(item.element, Claim) and item.element.main:
            lines.append(f"  class {item.key} main")
    return "\n".join(lines) + "\n"


def export_losses(argmap: ArgumentMap) -> list[str]:
    """What a Mermaid flowchart of ``argmap`` does not draw."""
    return lost_in_diagram(argmap, keeps_details=False)
