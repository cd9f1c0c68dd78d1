"""One look at the map file: read, validate, check, evaluate and draw it.

Nothing here knows about HTTP: :func:`take` turns the file as it is now into a
:class:`Drawing` (the SVG and the details of every drawn node when the map is valid,
every diagnostic in any case), which :class:`argmap.serve._preview.Preview` publishes.
It runs in a worker thread, one at a time; every limit of the commands applies (the
file size, Graphviz's time limit and ``dot`` budget, the evaluation's time limit).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from argmap._render.options import RenderOptions
from argmap.errors import ArgmapError, Diagnostic, Location, Severity

__all__ = ["Drawing", "PreviewOptions", "take"]


def _positive(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ArgmapError(f"{attribute.name} must be a positive number, not {value!r}")


@attrs.frozen(kw_only=True)
class PreviewOptions:
    """What the live preview draws and how: every field mirrors an ``argmap serve`` option.

    ``render`` are the diagram's options (side, tag and focus filters, colours, theme:
    :class:`argmap.render.RenderOptions`); ``semantics`` is the one whose status each
    node shows (and fills the boxes with ``color_by="status"``); ``check`` is the
    :class:`argmap.check.CheckConfig` of the check (``None``: the default rules;
    ``argmap serve`` uses the configuration found beside the map, as ``argmap check``
    does); ``timeout``, ``dot_budget``
    and ``max_bytes`` are the limits of ``argmap render``.
    """

    render: RenderOptions = attrs.field(factory=RenderOptions)
    semantics: str = "grounded"
    check: Any = None
    timeout: float = attrs.field(default=60.0, validator=_positive)
    dot_budget: float = attrs.field(default=8.0, validator=_positive)
    max_bytes: int = attrs.field(default=32 * 1024 * 1024, validator=_positive)


@attrs.frozen
class Drawing:
    """The outcome of one look at the file.

    ``svg`` is the drawing (an ``<svg>`` element) when the map could be drawn, else
    ``None``; ``nodes`` the details of each drawn node by SVG element id;
    ``diagnostics`` everything validation, the check, the evaluation and the renderer
    said, in that order; ``notes`` what the renderer wants the reader to know (a
    fallback to ``sfdp``); ``seconds`` how long it took; ``nav`` what the page needs to
    hide a side (each node's DOT name, the sides or clusters and their node keys).
    """

    svg: str | None
    nodes: Mapping[str, Mapping[str, Any]]
    diagnostics: tuple[Diagnostic, ...]
    title: str | None
    notes: tuple[str, ...] = ()
    seconds: float = 0.0
    nav: Mapping[str, Any] = attrs.field(factory=dict)

    @property
    def ok(self) -> bool:
        """True when the map was drawn and nothing is an error."""
        return self.svg is not None and not any(
            d.severity is Severity.ERROR for d in self.diagnostics)


_SECTIONS = {"claim": "claims", "evidence": "evidence", "argument": "arguments"}


def _problem(code: str, message: str, file: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic(code, message, Location(file), Severity.ERROR, hint)


def _read(path: Path, display: str, options: PreviewOptions
          ) -> tuple[Any, Any, bytes | None] | Diagnostic:
    """The validation result, a locator for findings and the text (for suppression
    comments; ``None`` for an imported Argdown file), or the reason it cannot be read."""
    from argmap import _load  # noqa: PLC0415 -- light start-up
    from argmap._formats.reading import (  # noqa: PLC0415 -- same
        converted_format,
        read_converted_located,
    )
    from argmap.errors import ReadError  # noqa: PLC0415 -- same

    try:
        raw = _load.read_bytes(path, options.max_bytes)
    except ReadError as exc:
        return _problem("io", f"cannot read the file: {exc.reason}", display,
                        "save the file again; the preview follows the file as it is saved")
    converted = converted_format(display) or converted_format(str(path))
    if converted is not None:
        imported, problems, lines = read_converted_located(
            raw, file=display, format=converted, max_bytes=options.max_bytes)
        return _load.ValidationResult(display, imported, problems), lines, None
    result = _load.validate_bytes(raw, file=display, max_bytes=options.max_bytes)
    return result, None, raw


def take(path: Path, options: PreviewOptions, *, display: str | None = None) -> Drawing:
    """Read, validate, check, evaluate and draw the map at ``path`` as it is now.

    ``display`` is the file name used in diagnostics (default: ``path`` as given).
    Never raises for what the file says: a broken map, a Graphviz failure or time-out,
    an unknown ``focus`` id are diagnostics of the :class:`Drawing`.
    """
    from argmap.check import check_result  # noqa: PLC0415 -- light start-up

    started = time.monotonic()
    name = display if display is not None else str(path)
    read = _read(path, name, options)
    if isinstance(read, Diagnostic):
        return Drawing(None, {}, (read,), None, seconds=time.monotonic() - started)
    result, lines, text = read
    diagnostics: list[Diagnostic] = list(
        check_result(result, config=options.check, text=text, locate=lines))
    argmap = result.map
    if argmap is None:
        return Drawing(None, {}, tuple(diagnostics), None,
                       seconds=time.monotonic() - started)
    locate = lines if lines is not None else result.locate
    statuses, explanations = _evaluate(argmap, options, name, diagnostics)
    svg, nodes, notes, nav = _draw(argmap, options, statuses, name, diagnostics)
    if svg is not None:
        for details in nodes.values():
            node_id = details.get("id")
            kind = details.get("_kind")
            if isinstance(node_id, str) and node_id in explanations:
                details["explanation"] = explanations[node_id]
            if isinstance(node_id, str) and kind in _SECTIONS:
                where = locate(_SECTIONS[kind], node_id, key=True)  # as check says
                if where.line is not None:
                    details["line"] = where.line
                    if where.column is not None:
                        details["column"] = where.column
            details.pop("_kind", None)
    return Drawing(svg, nodes, tuple(diagnostics), argmap.title, notes,
                   time.monotonic() - started, nav)


def _evaluate(argmap: Any, options: PreviewOptions, name: str,
              diagnostics: list[Diagnostic]) -> tuple[dict[str, str], dict[str, str]]:
    """Each node's status and explanation under the chosen semantics."""
    from argmap.evaluate import evaluate_map  # noqa: PLC0415 -- light start-up

    try:
        evaluation = evaluate_map(argmap, options.semantics, timeout=options.timeout)
    except ArgmapError as exc:
        diagnostics.append(Diagnostic("evaluate", f"cannot evaluate the map: {exc}",
                                      Location(name), Severity.WARNING,
                                      "try the grounded semantics"))
        return {}, {}
    statuses = {n.id: n.status.value for n in evaluation.nodes}
    explanations = {n.id: n.explanation for n in evaluation.nodes if n.explanation}
    return statuses, explanations


def _draw(argmap: Any, options: PreviewOptions, statuses: dict[str, str], name: str,
          diagnostics: list[Diagnostic]
          ) -> tuple[str | None, dict[str, dict[str, Any]], tuple[str, ...], dict[str, Any]]:
    """The SVG element and the details of each drawn node (or a diagnostic saying why
    the map could not be drawn)."""
    from argmap._render.backend import (  # noqa: PLC0415 -- imports subprocess machinery
        INSTALL_HINT,
        GraphvizNotFoundError,
    )
    from argmap._render.draw import lay_out  # noqa: PLC0415 -- imports graphviz
    from argmap._render.page import clean_json  # noqa: PLC0415 -- same
    from argmap._render.svg import finish_svg  # noqa: PLC0415 -- same
    from argmap._render.text import clean  # noqa: PLC0415 -- same

    render = options.render
    if render.color_by == "status" and not statuses:
        render = attrs.evolve(render, color_by="none")
    try:
        raw, built, notes = lay_out(argmap, "svg", render, statuses or None,
                                    timeout=options.timeout, dot_budget=options.dot_budget)
    except GraphvizNotFoundError as exc:
        diagnostics.append(_problem("render", str(exc).split(";")[0], name, INSTALL_HINT))
        return None, {}, (), {}
    except ArgmapError as exc:
        diagnostics.append(_problem("render", f"cannot draw the map: {exc}", name,
                                    "fix the option or the map; the last good diagram "
                                    "stays on the page"))
        return None, {}, (), {}
    svg = finish_svg(raw, built.nodes, title=built.title, links=False, standalone=False)
    nodes: dict[str, dict[str, Any]] = {}
    for key, info in built.nodes.items():
        details = clean_json(dict(info.details))
        assert isinstance(details, dict)  # noqa: S101 -- a mapping stays a mapping
        details["_kind"] = info.kind
        nodes[key] = details
    nav = {"names": dict(built.names), "title": built.group_title,
           "groups": [{"label": clean(g.label), "cluster": g.cluster, "keys": list(g.keys)}
                      for g in built.groups]}
    return svg.decode("utf-8"), nodes, notes, nav
