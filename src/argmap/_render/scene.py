"""The drawing of a large map as data for a canvas: what the HTML page draws from.

A browser builds a DOM element for every shape and text of an inline SVG; for 20,000
nodes that is about half a million elements and 23 MB of markup, which took Chromium
most of half a minute before the page's script could run.  For large maps the page
therefore carries the drawing as compact JSON instead (parsed in a fraction of that
time) and paints it on a ``<canvas>``: only what is in view, the text only when it is
large enough to read, and simple boxes at the fit-to-screen view.

:func:`scene` turns the finished Graphviz SVG into that JSON-ready data, shape for shape
(paths keep their SVG path data, which a canvas ``Path2D`` reads as it is), so the
canvas shows the same drawing as the SVG.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

__all__ = ["scene"]

_SVG = "{http://www.w3.org/2000/svg}"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
_TRANSFORM = re.compile(
    r"scale\(\s*([-\d.]+)[ ,]+([-\d.]+)\s*\).*?translate\(\s*([-\d.]+)[ ,]+([-\d.]+)\s*\)")


def _bounds(numbers: list[float], box: list[float]) -> None:
    xs, ys = numbers[0::2], numbers[1::2]
    if xs and ys:
        low_x, low_y, high_x, high_y = min(xs), min(ys), max(xs), max(ys)
        box[0], box[1] = min(box[0], low_x), min(box[1], low_y)
        box[2], box[3] = max(box[2], high_x), max(box[3], high_y)


class _Styles:
    """Paint styles (fill, stroke, width, dashes) numbered once: most shapes share one."""

    def __init__(self) -> None:
        self.table: list[list[Any]] = []
        self._index: dict[tuple[str | None, ...], int] = {}

    def of(self, element: ET.Element) -> int:
        get = element.get
        raw = (get("fill", "black"), get("stroke", "none"), get("stroke-width", "1"),
               get("stroke-dasharray"))
        found = self._index.get(raw)
        if found is None:
            dash = raw[3]
            found = self._index[raw] = len(self.table)
            self.table.append([raw[0], raw[1], float(raw[2]),
                               [float(x) for x in _NUMBER.findall(dash)] if dash else None])
        return found


def _shape(element: ET.Element, styles: _Styles, box: list[float]) -> list[Any] | None:
    """One drawing instruction: ``["p", path data, style]`` for paths, polygons and
    polylines; ``["e", cx, cy, rx, ry, style]``; ``["t", x, y, anchor, font, fill,
    text]``; ``None`` for what draws nothing."""
    tag = element.tag.removeprefix(_SVG)
    if tag == "path":
        data = element.get("d", "")
        _bounds(list(map(float, _NUMBER.findall(data))), box)
        return ["p", data, styles.of(element)]
    if tag in ("polygon", "polyline"):
        numbers = list(map(float, _NUMBER.findall(element.get("points", ""))))
        if len(numbers) < 4:
            return None
        _bounds(numbers, box)
        points = [f"{numbers[i]:g},{numbers[i + 1]:g}" for i in range(0, len(numbers) - 1, 2)]
        data = "M" + " L".join(points) + ("Z" if tag == "polygon" else "")
        return ["p", data, styles.of(element)]
    if tag == "ellipse":
        cx, cy = float(element.get("cx", "0")), float(element.get("cy", "0"))
        rx, ry = float(element.get("rx", "0")), float(element.get("ry", "0"))
        _bounds([cx - rx, cy - ry, cx + rx, cy + ry], box)
        return ["e", cx, cy, rx, ry, styles.of(element)]
    if tag == "text":
        words = "".join(element.itertext())
        if not words.strip():
            return None
        size = float(element.get("font-size", "14"))
        font = " ".join(filter(None, (
            element.get("font-style") if element.get("font-style") == "italic" else None,
            "bold" if element.get("font-weight") in ("bold", "700") else None,
            f"{size:g}px", element.get("font-family", "Helvetica,Arial,sans-serif"))))
        x, y = float(element.get("x", "0")), float(element.get("y", "0"))
        return ["t", x, y, element.get("text-anchor", "start"), font,
                element.get("fill", "black"), words]
    return None


def _line_of(shapes: list[list[Any]]) -> list[Any] | None:
    """An edge seen from far away: a straight line from where its first path starts to
    where it ends, and that path's style (``[x0, y0, x1, y1, style]``)."""
    first = next((s for s in shapes if s[0] == "p"), None)
    if first is None:
        return None
    numbers = _NUMBER.findall(first[1])
    if len(numbers) < 4:
        return None
    return [float(numbers[0]), float(numbers[1]), float(numbers[-2]), float(numbers[-1]),
            first[2]]


def scene(svg: str) -> dict[str, Any]:
    """The drawing of ``svg`` (argmap's finished Graphviz SVG) as canvas instructions.

    ``box`` is the SVG's view box; ``transform`` Graphviz's scale and translation of the
    graph; ``styles`` the paint styles; ``items`` the groups in drawing order, each
    ``{"k": "node" | "edge" | "cluster" | "graph", "id", "title", "c": its classes,
    "b": [x0, y0, x1, y1] (bounds, graph coordinates), "s": shapes}``, and for an edge
    ``"l"``, the straight line the page draws instead while the map is seen from far.

    >>> svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50">'
    ...        '<g id="graph0" class="graph" transform="scale(1 1) rotate(0) translate(4 46)">'
    ...        '<g id="n1" class="node claim"><title>a</title>'
    ...        '<polygon fill="white" stroke="black" points="0,0 10,0 10,-5 0,-5 0,0"/>'
    ...        '<text x="5" y="-1" font-size="4.00">Hi</text></g></g></svg>')
    >>> found = scene(svg)
    >>> found["items"][0]["k"], found["items"][0]["b"], found["items"][0]["s"][1][-1]
    ('node', [0.0, -5.0, 10.0, 0.0], 'Hi')
    """
    root = ET.fromstring(svg)  # noqa: S314 -- our own Graphviz output; expat fetches no DTD
    box = [float(n) for n in _NUMBER.findall(root.get("viewBox", ""))][:4] or [0, 0, 0, 0]
    styles = _Styles()
    items: list[dict[str, Any]] = []
    transform = [1.0, 1.0, 0.0, 0.0]
    graph = next((g for g in root.iter(f"{_SVG}g") if "graph" in g.get("class", "").split()),
                 None)
    if graph is not None:
        matched = _TRANSFORM.search(graph.get("transform", ""))
        if matched:
            transform = [float(v) for v in matched.groups()]

    def visit(element: ET.Element) -> None:
        for child in element:
            tag = child.tag.removeprefix(_SVG)
            if tag in ("g", "a"):
                classes = child.get("class", "").split()
                kind = next((k for k in ("node", "edge", "cluster") if k in classes), None)
                if kind is None:
                    visit(child)
                    continue
                bounds = [float("inf"), float("inf"), float("-inf"), float("-inf")]
                shapes = [s for s in (_shape(e, styles, bounds) for e in child.iter())
                          if s is not None]
                title = child.find(f"{_SVG}title")
                if bounds[0] == float("inf"):
                    bounds = [0.0, 0.0, 0.0, 0.0]
                item = {"k": kind, "id": child.get("id", ""),
                        "title": "".join(title.itertext()) if title is not None else "",
                        "c": " ".join(classes), "b": [round(v, 2) for v in bounds],
                        "s": shapes}
                line = _line_of(shapes) if kind == "edge" else None
                if line is not None:
                    item["l"] = line
                items.append(item)
            elif graph is not None and element is graph:
                bounds = [float("inf"), float("inf"), float("-inf"), float("-inf")]
                shape = _shape(child, styles, bounds)
                if shape is not None:
                    items.append({"k": "graph", "id": "", "title": "", "c": "",
                                  "b": [0.0, 0.0, 0.0, 0.0], "s": [shape]})

    visit(graph if graph is not None else root)
    return {"box": box, "transform": transform, "styles": styles.table, "items": items}
