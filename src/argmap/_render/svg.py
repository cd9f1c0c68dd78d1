"""Finishing Graphviz's SVG: tooltips, source links, no comments.

Graphviz's own tooltips expand ``\\N``-style escapes twice in some versions, so argmap
sets no tooltip in the DOT source; instead each node's ``<title>`` (what browsers show
on hover) is replaced here with the node's full text and citation, XML-escaped.  Evidence
nodes whose source has a safe link (:func:`argmap._render.links.safe_url`) become links
to it.  Graphviz writes every node as ``<g id=... class="node ..."><title>...</title>
shapes and texts </g>`` with no nested group (argmap sets no ``URL`` or ``tooltip``),
which is what the substitution relies on; it runs in linear time on multi-megabyte
SVG.  The tests parse the result as XML.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from xml.sax.saxutils import escape, quoteattr

from argmap._render.build import NodeInfo
from argmap._render.text import clean

__all__ = ["SVG_NS", "XLINK_NS", "finish_svg"]

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

_NODE = re.compile(
    r'<g id="(argmap_\d+)" class="([^"]*)">\n<title>[^<]*</title>\n(.*?)</g>\n', re.DOTALL
)
_GRAPH_TITLE = re.compile(r'(<g id="graph0" class="graph"[^>]*>\n<title>)[^<]*(</title>)')
_COMMENT = re.compile(r"<!--.*?-->\n?", re.DOTALL)


def _text(value: str) -> str:
    return escape(clean(value))


def finish_svg(data: bytes, nodes: Mapping[str, NodeInfo], *, title: str | None,
               links: bool = True, standalone: bool = True) -> bytes:
    """The finished SVG document (or, ``standalone=False``, just its ``<svg>`` element)."""
    text = _COMMENT.sub("", data.decode("utf-8"))

    def node(match: re.Match[str]) -> str:
        # the classes are as Graphviz wrote them: already escaped, without quotes
        key, classes, body = match.group(1), match.group(2), match.group(3)
        info = nodes.get(key)
        if info is None:
            return match.group(0)
        head = (f'<g id="{key}" class="{classes}" '
                f"data-argmap-id={quoteattr(clean(info.id))}>\n"
                f"<title>{_text(info.tooltip)}</title>\n")
        if links and info.url:
            body = (f"<a xlink:href={quoteattr(info.url)} target=\"_blank\" "
                    f'rel="noopener noreferrer">\n{body}</a>\n')
        return f"{head}{body}</g>\n"

    text = _NODE.sub(node, text)
    graph_title = _text(title) if title else "argument map"
    text = _GRAPH_TITLE.sub(lambda m: m.group(1) + graph_title + m.group(2), text, count=1)
    if not standalone:
        text = text[text.index("<svg"):]
    return text.encode("utf-8")
