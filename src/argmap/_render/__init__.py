"""The machinery behind :mod:`argmap.render` (private).

Modules: ``text`` (cleaning, wrapping and escaping user text for HTML-like Graphviz
labels), ``links`` (the http/https/mailto allow-list), ``theme`` (the colour and print
visual languages), ``select`` (which part of a map to draw: focus and tags), ``build``
(the map as a :class:`graphviz.Digraph`, legend included), ``backend`` (the one place
that runs a Graphviz executable), ``svg`` (post-processing Graphviz's SVG: tooltips,
links, node data), ``page`` (the self-contained HTML page), ``paper`` (print: pages,
fitting, tiles) and ``outline`` (the dense print layout: an indented tree of boxes in
columns, placed by argmap and drawn by Graphviz).
"""
