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

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal

import attrs

from argmap._render.backend import (
    ENGINES,
    INSTALL_HINT,
    GraphvizError,
    GraphvizNotFoundError,
)
from argmap._render.build import AUTO_SFDP_NODES
from argmap.errors import UsageError
from argmap.model import ArgumentMap

if TYPE_CHECKING:
    import graphviz

__all__ = [
    "AUTO_SFDP_NODES",
    "ENGINES",
    "FORMATS",
    "INSTALL_HINT",
    "GraphvizError",
    "GraphvizNotFoundError",
    "RenderOptions",
    "graphviz_available",
    "render",
    "to_dot",
]

#: The output formats of :func:`render`.
FORMATS = ("svg", "png", "pdf", "dot", "html")

Format = Literal["svg", "png", "pdf", "dot", "html"]
_RANKDIRS = ("BT", "TB", "LR", "RL")
_STATUSES = frozenset({"in", "out", "undecided", "unknown"})


_Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def _one_of(name: str, choices: tuple[str, ...]) -> _Validator:
    def check(_instance: Any, _attribute: attrs.Attribute[Any], value: Any) -> None:
        if value not in choices:
            raise UsageError(f"{name} must be one of {', '.join(choices)}, not {value!r}")

    return check


def _non_negative(name: str) -> _Validator:
    def check(_instance: Any, _attribute: attrs.Attribute[Any], value: Any) -> None:
        if value < 0:
            raise UsageError(f"{name} must be 0 or more, not {value}")

    return check


def _tags(value: str | Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(value)


@attrs.frozen(kw_only=True)
class RenderOptions:
    """How to draw a map; every field mirrors an ``argmap render`` option.

    * ``rankdir``: the direction arguments flow, ``BT`` (premises below, conclusions
      above; the default), ``TB``, ``LR`` or ``RL`` (``dot`` engine only).
    * ``cluster_by``: draw a box around each ``side`` (the default; nothing changes for
      a map without sides) or each (first) ``tag``, or ``none``.
    * ``color_by``: fill boxes by ``side``, ``tag``, acceptance ``status`` (pass the
      statuses to :func:`to_dot` / :func:`render`) or ``none``.
    * ``label``: ``full`` text, short ``title`` (the text cut short when a node has no
      title) or ``id`` only.
    * ``wrap``: characters per line (0: no wrapping).
    * ``theme``: ``color`` or ``print`` (black and white).
    * ``focus`` and ``depth``: draw only this node and what bears on it, ``depth``
      relations out; ``tags``: only nodes with one of these tags (and the arguments
      that concern them).
    * ``engine``: a Graphviz layout engine, or ``None`` for ``dot``, switching to
      ``sfdp`` above :data:`AUTO_SFDP_NODES` drawn nodes.
    * ``legend``, ``show_title``: draw the legend and the map's title.
    """

    rankdir: str = attrs.field(default="BT", validator=_one_of("rankdir", _RANKDIRS))
    cluster_by: str = attrs.field(
        default="side",
        validator=_one_of(
            "cluster_by", ("side", "tag", "none")
        ),
    )
    color_by: str = attrs.field(
        default="side",
        validator=_one_of(
            "color_by", ("side", "tag", "status", "none")
        ),
    )
    label: str = attrs.field(
        default="full",
        validator=_one_of(
            "label", ("full", "title", "id")
        ),
    )
    wrap: int = attrs.field(default=34, validator=_non_negative("wrap"))
    theme: str = attrs.field(
        default="color",
        validator=_one_of(
            "theme", ("color", "print")
        ),
    )
    focus: str | None = None
    depth: int = attrs.field(default=2, validator=_non_negative("depth"))
    tags: tuple[str, ...] = attrs.field(default=(), converter=_tags)
    engine: str | None = attrs.field(default=None)
    legend: bool = True
    show_title: bool = True

    @engine.validator
    def _check_engine(self, _attribute: object, value: str | None) -> None:
        if value is not None and value not in ENGINES:
            raise UsageError(f"engine must be one of {', '.join(ENGINES)}, not {value!r}")


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
                f"unknown status value(s) {', '.join(map(repr, wrong[:5]))}; "
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


def render(
    argmap: ArgumentMap,
    format: Format = "svg",
    options: RenderOptions | None = None,
    *,
    status: Mapping[str, str] | None = None,
    timeout: float | None = None,
) -> bytes:
    """The map drawn in ``format``: ``svg``, ``png``, ``pdf``, ``dot`` or ``html``.

    ``dot`` needs nothing installed; the other formats run Graphviz (raising
    :class:`GraphvizNotFoundError` when it is missing and :class:`GraphvizError` when
    it fails or exceeds ``timeout`` seconds).  ``html`` is one self-contained page: the
    SVG with zoom, pan and node details, no network access.
    """
    from argmap._render.backend import run_engine  # noqa: PLC0415 -- only when drawing
    from argmap._render.build import build  # noqa: PLC0415 -- imports graphviz

    if format not in FORMATS:
        raise UsageError(f"unknown format {format!r}; use one of {', '.join(FORMATS)}")
    options = options or RenderOptions()
    built = build(argmap, options, _checked_status(options, status))
    source = str(built.graph.source)
    if format == "dot":
        return source.encode("utf-8")
    if format in ("png", "pdf"):
        return run_engine(source, engine=built.engine, fmt=format, timeout=timeout)
    from argmap._render.svg import finish_svg  # noqa: PLC0415 -- only for SVG and HTML

    raw = run_engine(source, engine=built.engine, fmt="svg", timeout=timeout)
    if format == "svg":
        return finish_svg(raw, built.nodes, title=built.title)
    from argmap._render.page import build_page  # noqa: PLC0415 -- only for HTML

    svg = finish_svg(raw, built.nodes, title=built.title, links=False, standalone=False)
    return build_page(svg.decode("utf-8"), built.nodes, built.title)
