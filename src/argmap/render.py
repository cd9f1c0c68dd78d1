"""Argument maps as diagrams: DOT, SVG, PNG, PDF and a self-contained HTML page.

::

    import argmap
    from argmap.render import RenderOptions, render, to_dot

    debate = argmap.load("examples/one-threat.argmap.yaml")
    graph = to_dot(debate)                      # a graphviz.Digraph; nothing runs
    print(graph.source)                         # the DOT text
    svg = render(debate, "svg", RenderOptions(theme="print", wrap=30))

The visual language (see ``docs/render.md``): claims are rounded boxes, the main thesis
has a heavy double border, evidence is a page with a folded corner and its source in
italics, and every argument is a small inference node that its premises flow into
together, with one arrow on to the conclusion.  Support is a solid arrow, attack a
dashed line ending in a bar (an undercut ends on an inference node), and a
contradiction a double line with bars at both ends.  Sides are told apart by colour
(or grey level in the print theme) and, if asked, by clusters; a legend explains it all.

Laying out needs Graphviz's programs (``dot``, ``sfdp``); :func:`to_dot` and the DOT
format do not.  Without them :func:`render` raises :class:`GraphvizNotFoundError`, whose
message says how to install Graphviz.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal

import attrs

from argmap._render.backend import (
    ENGINES,
    INSTALL_HINT,
    GraphvizError,
    GraphvizNotFoundError,
    GraphvizTimeoutError,
    run_engine,
)
from argmap._render.options import PAGE_SIZES, RenderOptions
from argmap._render.paper import (
    AUTO_MIN_POINTS,
    PAGE_FIT_ATTRIBUTES,
    PNG_MAX_INCHES,
    FitCandidate,
    auto_outline,
    candidate_source,
    check_print_options,
    fit_map,
    fit_scale,
    on_pages,
    png_attributes,
    png_cap_note,
)
from argmap._words import noun
from argmap.errors import ArgmapError, UsageError
from argmap.model import ArgumentMap

if TYPE_CHECKING:
    import graphviz

    from argmap._render.build import Built

__all__ = [
    "DOT_BUDGET",
    "ENGINES",
    "FORMATS",
    "INSTALL_HINT",
    "PAGE_SIZES",
    "PNG_MAX_INCHES",
    "GraphvizError",
    "GraphvizNotFoundError",
    "GraphvizTimeoutError",
    "RenderOptions",
    "Rendered",
    "graphviz_available",
    "render",
    "render_result",
    "to_dot",
]

#: Seconds ``dot`` gets, when argmap chose it, before the map is laid out by ``sfdp``.
DOT_BUDGET = 8.0

#: ``layout="auto"`` on a fitted page measures the map again without its legend (one
#: more ``dot`` run) when the map has up to this many drawn nodes, or prints within a
#: quarter of the 6-point threshold: beyond, the legend is too small beside the map to
#: lift it over the threshold (the seed debate's 96 nodes print at 2.2 points with the
#: legend, not much more without it), and the run is saved.
LEGEND_MATTERS_NODES = 60

#: The output formats of :func:`render`.
FORMATS = ("svg", "png", "pdf", "dot", "html")

Format = Literal["svg", "png", "pdf", "dot", "html"]
_STATUSES = frozenset({"in", "out", "undecided", "unknown"})


def _checked_status(
    options: RenderOptions, status: Mapping[str, str] | None
) -> Mapping[str, str] | None:
    if options.color_by == "status" and status is None:
        raise UsageError(
            "color_by='status' needs the acceptance status of each node "
            "(status={'c1': 'in', ...}); `argmap render --color-by status` "
            "computes it with argmap.evaluate"
        )
    if status is not None:
        wrong = sorted({str(v) for v in status.values()} - _STATUSES)
        if wrong:
            raise UsageError(
                f"unknown status {noun(len(wrong), 'value')} {', '.join(map(repr, wrong[:5]))}; "
                "use 'in', 'out' or 'undecided' ('unknown' is drawn uncoloured)"
            )
    return status


def to_dot(
    argmap: ArgumentMap,
    options: RenderOptions | None = None,
    *,
    status: Mapping[str, str] | None = None,
) -> graphviz.Digraph:
    """The map as a :class:`graphviz.Digraph`, without running Graphviz.

    ``graph.source`` is the DOT text; ``graph.engine`` the layout engine chosen.
    ``status`` maps node ids to ``"in"``, ``"out"`` or ``"undecided"`` (for example
    from argmap.evaluate; ``"unknown"`` and missing ids are drawn uncoloured); it is
    needed for ``color_by="status"`` and shown otherwise only in the HTML page's
    details.
    """
    from argmap._render.build import build  # noqa: PLC0415 -- imports graphviz

    options = options or RenderOptions()
    return build(argmap, options, _checked_status(options, status)).graph


def graphviz_available(engine: str = "dot") -> bool:
    """True when Graphviz's ``engine`` program can be run (it is on PATH)."""
    import shutil  # noqa: PLC0415 -- tiny, only here

    return shutil.which(engine) is not None


@attrs.frozen
class Rendered:
    """What :func:`render_result` drew: the bytes, the engine used, and notes.

    ``notes`` say what the reader should know about the drawing, such as a fallback to
    ``sfdp`` after ``dot`` ran over its time budget; ``layout`` says which engine and
    options were chosen and from which measured structure.
    """

    data: bytes
    engine: str
    layout: str
    notes: tuple[str, ...] = ()


def _checked_seconds(name: str, value: float | None) -> float | None:
    if value is None:
        return None
    if not math.isfinite(value) or value <= 0:
        raise UsageError(f"{name} must be a positive number of seconds, not {value!r}")
    return float(value)


def _fitted(argmap: ArgumentMap, options: RenderOptions, status: Mapping[str, str] | None,
            raw: bytes, built: Built, notes: tuple[str, ...], layout: str,
            timeout: float | None) -> tuple[bytes, str, FitCandidate | None]:
    """A fitted page tries a few layouts and keeps the one that prints largest: its PDF,
    the layout in words (only what was tried is said) and the layout chosen (``None``:
    the one layout the map gets anyway)."""
    fit = None if notes else fit_map(argmap, options, status, raw, built, timeout=timeout)
    if fit is not None:
        tried = (f"the best of {fit.tried} layouts tried" if fit.tried > 1
                 else "the only layout tried")
        return fit.pdf, (f"{layout}; fitted page: {fit.candidate.describe()}, {tried}, "
                         f"12-point text prints at {12 * fit.scale:.1f} points"), fit.candidate
    if options.tile:
        return raw, layout, None
    return raw, (f"{layout}; fitted page: 12-point text prints at "
                 f"{12 * fit_scale(raw, options):.1f} points"), None


def _without_legend(argmap: ArgumentMap, options: RenderOptions,
                    status: Mapping[str, str] | None, candidate: FitCandidate,
                    reason: str, timeout: float | None) -> tuple[bytes, str] | None:
    """The map on its fitted page without the legend, in the layout ``candidate`` that
    won with it (one more ``dot`` run): its PDF before placing on the page and its
    layout in words, or ``None`` when it cannot be drawn in the time left."""
    from argmap._render.build import build  # noqa: PLC0415 -- imports graphviz

    if timeout is not None and timeout <= 0.5:
        return None
    bare = attrs.evolve(options, legend=False)

    def source_for(rankdir: str) -> str:
        turned = build(argmap, attrs.evolve(bare, rankdir=rankdir), status, engine="dot")
        turned.graph.attr("graph", **PAGE_FIT_ATTRIBUTES)
        return str(turned.graph.source)

    started = time.monotonic()
    try:
        source = candidate_source(candidate, source_for, timeout=timeout)
        left = None if timeout is None else max(timeout - (time.monotonic() - started), 0.5)
        pdf = run_engine(source, engine="dot", fmt="pdf", timeout=left)
    except ArgmapError:
        return None
    return pdf, (f"{reason}; fitted page: {candidate.describe()}, without the legend, "
                 f"12-point text prints at {12 * fit_scale(pdf, options):.1f} points")


def render(
    argmap: ArgumentMap,
    format: Format = "svg",
    options: RenderOptions | None = None,
    *,
    status: Mapping[str, str] | None = None,
    timeout: float | None = None,
    dot_budget: float | None = DOT_BUDGET,
) -> bytes:
    """The map drawn in ``format``: ``svg``, ``png``, ``pdf``, ``dot`` or ``html``.

    ``dot`` needs nothing installed; the other formats run Graphviz (raising
    :class:`GraphvizNotFoundError` when it is missing, :class:`GraphvizTimeoutError`
    when it runs over ``timeout`` seconds and :class:`GraphvizError` when it fails).
    ``html`` is one self-contained page: the SVG with zoom, pan, search, collapsible
    sides and node details, no network access.  See :func:`render_result` for the
    engine choice and ``dot_budget``.
    """
    return render_result(argmap, format, options, status=status, timeout=timeout,
                         dot_budget=dot_budget).data


def render_result(
    argmap: ArgumentMap,
    format: Format = "svg",
    options: RenderOptions | None = None,
    *,
    status: Mapping[str, str] | None = None,
    timeout: float | None = None,
    dot_budget: float | None = DOT_BUDGET,
) -> Rendered:
    """As :func:`render`, with the engine used and notes on how the map was laid out.

    With ``options.engine`` left to ``None`` the engine and its options come from the
    measured structure of the drawn graph (nodes, edges, ranks, long edges, crossings;
    see ``docs/render.md``).  When that choice is ``dot`` and it has not finished within
    ``dot_budget`` seconds (:data:`DOT_BUDGET`; ``None``: no budget), it is stopped and
    the map is laid out with ``sfdp`` instead, with a note saying so.  ``timeout``
    bounds the whole Graphviz work (``None``: no limit).  A chosen engine gets no
    fallback: it runs until it finishes or ``timeout`` ends it.
    """
    from argmap._render.draw import lay_out  # noqa: PLC0415 -- imports graphviz

    if format not in FORMATS:
        raise UsageError(f"unknown format {format!r}; use one of {', '.join(FORMATS)}")
    timeout = _checked_seconds("timeout", timeout)
    dot_budget = _checked_seconds("dot_budget", dot_budget)
    options = options or RenderOptions()
    status = _checked_status(options, status)
    check_print_options(options, format)
    if options.layout == "outline":
        from argmap._render.outline import outline_output  # noqa: PLC0415 -- graphviz

        drawn = outline_output(argmap, format, options, status, timeout=timeout)
        return Rendered(drawn.data, "dot", drawn.layout, drawn.notes)
    if format == "dot":
        from argmap._render.build import build  # noqa: PLC0415 -- imports graphviz

        built = build(argmap, options, status)
        source = str(built.graph.source)
        return Rendered(source.encode("utf-8"), built.engine, built.layout.reason)
    device = "svg" if format in ("svg", "html") else format
    extra = png_attributes(options) if format == "png" else (
        PAGE_FIT_ATTRIBUTES if format == "pdf" and options.page and not options.tile else None)
    started = time.monotonic()
    raw, built, notes = lay_out(argmap, device, options, status, timeout=timeout,
                                dot_budget=dot_budget, graph_attributes=extra)
    layout = built.layout.reason
    if format == "pdf" and options.page is not None:
        left = None if timeout is None else timeout - (time.monotonic() - started)
        raw, layout, candidate = _fitted(argmap, options, status, raw, built, notes,
                                         layout, left)
        if options.layout == "auto" and not options.tile:
            measured = raw
            with_legend = 12 * fit_scale(raw, options)
            if (options.legend and built.engine == "dot" and not built.layout.attributes
                    and with_legend < AUTO_MIN_POINTS
                    and (built.structure.nodes <= LEGEND_MATTERS_NODES
                         or with_legend >= AUTO_MIN_POINTS * 0.75)):
                # the legend must not decide the layout: the map is measured without it
                # and, when that prints large enough, drawn without it (a note says so)
                left = None if timeout is None else timeout - (time.monotonic() - started)
                bare = _without_legend(argmap, options, status,
                                       candidate or FitCandidate(options.rankdir),
                                       built.layout.reason, left)
                if bare is not None and fit_scale(bare[0], options) > fit_scale(
                        raw, options) * 1.01:
                    measured = bare[0]
                    without = 12 * fit_scale(bare[0], options)
                    if without >= AUTO_MIN_POINTS:
                        raw, layout = bare[0], bare[1]
                        notes += (f"the legend is left out: on this page it would shrink "
                                  f"12-point text from {without:.1f} to {with_legend:.1f} "
                                  "points; print larger paper to have it",)
            if measured is raw or 12 * fit_scale(measured, options) < AUTO_MIN_POINTS:
                left = None if timeout is None else timeout - (time.monotonic() - started)
                chosen, said = auto_outline(argmap, options, status, measured, layout,
                                            timeout=left)
                if chosen is not None:
                    # (a note on the map's layout, such as a fallback to sfdp, does not
                    # apply to the outline drawn instead)
                    return Rendered(chosen[0], "dot", chosen[1], said)
                notes += said
        raw = on_pages(raw, options)
    if format == "png":
        capped = png_cap_note(raw)
        return Rendered(raw, built.engine, layout, notes + ((capped,) if capped else ()))
    if format == "pdf":
        return Rendered(raw, built.engine, layout, notes)
    from argmap._render.svg import finish_svg  # noqa: PLC0415 -- only for SVG and HTML

    if format == "svg":
        data = finish_svg(raw, built.nodes, title=built.title)
        return Rendered(data, built.engine, built.layout.reason, notes)
    from argmap._render.page import build_page  # noqa: PLC0415 -- only for HTML

    svg = finish_svg(raw, built.nodes, title=built.title, links=False, standalone=False)
    data = build_page(svg.decode("utf-8"), built.nodes, built.title, names=built.names,
                      groups=built.groups, group_title=built.group_title)
    return Rendered(data, built.engine, built.layout.reason, notes)
