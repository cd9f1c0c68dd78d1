"""How to draw a map: :class:`RenderOptions` (re-exported by :mod:`argmap.render`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import attrs

from argmap._render.backend import ENGINES
from argmap._render.paper import DPI_RANGE, PAGE_SIZES, SCALE_RANGE
from argmap.errors import UsageError

__all__ = ["LAYOUTS", "PAGE_SIZES", "RenderOptions"]

_RANKDIRS = ("BT", "TB", "LR", "RL")

#: The layouts of ``RenderOptions.layout``.
LAYOUTS = ("auto", "map", "outline")


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


def _page(value: str | None) -> str | None:
    """A page size by name, in any letter case (``a4`` is ``A4``)."""
    if value is None:
        return None
    for name in PAGE_SIZES:
        if str(value).lower() == name.lower():
            return name
    raise UsageError(f"page must be one of {', '.join(PAGE_SIZES)}, not {value!r}")


def _within(name: str, bounds: tuple[float, float]) -> _Validator:
    low, high = bounds

    def check(_instance: Any, _attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int | float) or not (
                low <= value <= high):
            raise UsageError(f"{name} must be a number from {low:g} to {high:g}, "
                             f"not {value!r}")

    return check


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
      that concern them); ``sides``: only nodes of these sides (by side id), likewise.
    * ``engine``: a Graphviz layout engine, or ``None`` to choose ``dot`` (with full or
      bounded passes, curved or straight edges) or ``sfdp`` from the measured structure
      of the drawn graph (see :mod:`argmap._render.layout` and ``docs/render.md``).
    * ``legend``, ``show_title``: draw the legend and the map's title.
    * Print (PDF): ``page`` (``A4``, ``A3`` or ``letter``) puts the drawing on pages of
      that size, ``landscape`` turns them, and ``tile`` cuts the drawing across as many
      pages as it needs at ``scale`` (default 1) instead of shrinking it onto one.
      Images (PNG): ``dpi`` (default 96) and ``scale`` (a factor on the size).
    * ``layout``: ``map`` (the diagram), ``outline`` (the boxes as an indented tree
      flowed into columns: dense, for print; see :mod:`argmap._render.outline`) or
      ``auto`` (the default): the map, except on a fitted page (``page`` without
      ``tile``) where the map would print its text below 6 points and the outline
      prints it larger.  ``rankdir``, ``engine`` and ``cluster_by`` apply to the map
      only.
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
    sides: tuple[str, ...] = attrs.field(default=(), converter=_tags)
    page: str | None = attrs.field(default=None, converter=_page)
    landscape: bool = False
    tile: bool = False
    dpi: float | None = attrs.field(default=None, validator=_within("dpi", DPI_RANGE))
    scale: float | None = attrs.field(default=None, validator=_within("scale", SCALE_RANGE))
    layout: str = attrs.field(default="auto", validator=_one_of("layout", LAYOUTS))

    @engine.validator
    def _check_engine(self, _attribute: object, value: str | None) -> None:
        if value is not None and value not in ENGINES:
            raise UsageError(f"engine must be one of {', '.join(ENGINES)}, not {value!r}")

    def __attrs_post_init__(self) -> None:
        if self.tile and self.page is None:
            raise UsageError("tiling needs a page size to cut the drawing into: give "
                             "one with --page (for example --page A4; page='A4' in "
                             "RenderOptions)")
        if self.landscape and self.page is None:
            raise UsageError("landscape turns a page size on its side, and no page size "
                             "was given: add --page (for example --page A3; page='A3' in "
                             "RenderOptions)")
