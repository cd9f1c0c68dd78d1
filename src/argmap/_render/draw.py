"""Laying a map out with Graphviz: the engine choice, the time budget and the fallback.

:func:`lay_out` is the one place that turns a map into Graphviz output (SVG, PNG or
PDF bytes) together with what was drawn (:class:`~argmap._render.build.Built`: the
nodes by SVG element id, the groups, the layout chosen).  :func:`argmap.render.
render_result` finishes its bytes into the public formats; the live preview
(:mod:`argmap.serve`) uses the SVG and the node details directly.
"""

from __future__ import annotations

import time
from collections.abc import Mapping

from argmap._render.backend import GraphvizTimeoutError, run_engine
from argmap._render.build import Built, build
from argmap._render.options import RenderOptions
from argmap.model import ArgumentMap

__all__ = ["FALLBACK_NOTE", "lay_out"]

#: The note added when ``dot`` ran over its budget and ``sfdp`` drew the map instead.
FALLBACK_NOTE = (
    "`dot` did not finish within {budget:g} s ({reason}); the map was laid out with "
    "`sfdp` instead (no ranks or side boxes). For the layered layout: --engine dot and a "
    "larger --timeout, or draw part of the map with --focus or --tag")


def lay_out(
    argmap: ArgumentMap,
    device: str,
    options: RenderOptions,
    status: Mapping[str, str] | None,
    *,
    timeout: float | None,
    dot_budget: float | None,
    graph_attributes: Mapping[str, str] | None = None,
    built: Built | None = None,
) -> tuple[bytes, Built, tuple[str, ...]]:
    """Run Graphviz on the map: its ``device`` output (svg, png, pdf), what was built,
    and notes for the reader (a fallback to ``sfdp``).

    ``graph_attributes`` are set on the graph after it is built (a PNG's size and
    resolution).  When the engine was chosen by argmap and is ``dot``, ``dot`` gets
    ``dot_budget`` seconds to lay the map out (drawing a PNG or PDF is not counted: the
    layout is timed on its own, then drawn) before the map is laid out with ``sfdp``;
    ``timeout`` bounds the whole work.  ``built`` is the map already built with these
    ``options`` and ``status`` (the live preview builds it first to measure it).
    """
    extra = dict(graph_attributes or {})

    def built_with(engine: str | None) -> Built:
        made = build(argmap, options, status, engine=engine)
        if extra:
            made.graph.attr("graph", **extra)
        return made

    if built is None:
        built = built_with(None)
    elif extra:
        built.graph.attr("graph", **extra)
    source = str(built.graph.source)
    started = time.monotonic()
    budget = None
    if options.engine is None and built.engine == "dot" and dot_budget is not None:
        budget = dot_budget if timeout is None else min(dot_budget, timeout)
    if budget is None or budget == timeout:
        raw = run_engine(source, engine=built.engine, fmt=device, timeout=timeout)
        return raw, built, ()
    # The budget times the layout alone: a raster (PNG, PDF at a high --dpi) can take
    # far longer to draw than to lay out, and must never change the layout.  So for
    # those ``dot`` first only lays the graph out (``-Tdot``) within the budget; then
    # ``dot`` draws the same source with what is left of ``timeout``: its layout is
    # deterministic, so the drawing has exactly the positions that were timed.  (Drawing
    # the laid-out graph with ``neato -n2`` instead would save the second layout, but
    # Graphviz writes an edge of a cluster twice in ``-Tdot`` output, and reading it
    # back doubles those edges.)
    two_step = device != "svg"
    try:
        raw = run_engine(source, engine="dot", fmt="dot" if two_step else device,
                         timeout=budget)
    except GraphvizTimeoutError:
        note = FALLBACK_NOTE.format(budget=budget, reason=built.layout.reason)
        built = built_with("sfdp")
        left = None if timeout is None else max(timeout - (time.monotonic() - started), 1.0)
        raw = run_engine(str(built.graph.source), engine="sfdp", fmt=device, timeout=left)
        return raw, built, (note,)
    if two_step:
        left = None if timeout is None else max(timeout - (time.monotonic() - started), 1.0)
        raw = run_engine(source, engine="dot", fmt=device, timeout=left)
    return raw, built, ()
