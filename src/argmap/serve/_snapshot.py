"""One look at the map file: read, validate, check, evaluate and draw it.

Nothing here knows about HTTP: :func:`take` turns the file as it is now into a
:class:`Drawing` (the SVG and the details of every drawn node when the map is valid,
every diagnostic in any case), which :class:`argmap.serve._preview.Preview` publishes.
It runs in a worker thread, one at a time; every limit of the commands applies (the
file size, Graphviz's time limit and ``dot`` budget, the evaluation's time limit).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs

from argmap._render.options import RenderOptions
from argmap.errors import ArgmapError, Diagnostic, Location, Severity

__all__ = ["Drawing", "LayoutMemory", "Prepared", "PreviewOptions", "draw", "prepare", "take"]


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
    preview_budget: float = attrs.field(default=0.5, validator=_positive)


@attrs.frozen
class Drawing:
    """The outcome of one look at the file.

    ``svg`` is the drawing (an ``<svg>`` element) when the map could be drawn, else
    ``None``; ``nodes`` the details of each drawn node by SVG element id;
    ``diagnostics`` everything validation, the check, the evaluation and the renderer
    said, in that order; ``notes`` what the renderer wants the reader to know (a
    fallback to ``sfdp``, a quick layout shown first); ``seconds`` how long it took.
    ``layout`` says how it was laid out: ``engine``, ``stage`` (``"full"``: as
    ``argmap render`` draws it; ``"quick"``: a faster layout shown while the full one is
    drawn), ``reason`` and ``graphviz`` (the seconds Graphviz took; 0 when the last
    layout of the same graph was reused).  ``reuse`` is what a later look with the very
    same Graphviz source may reuse instead of running Graphviz again.  ``nav`` is what
    the page needs to hide a side (each node's DOT name, the sides or clusters and their
    node keys).
    """

    svg: str | None
    nodes: Mapping[str, Mapping[str, Any]]
    diagnostics: tuple[Diagnostic, ...]
    title: str | None
    notes: tuple[str, ...] = ()
    seconds: float = 0.0
    layout: Mapping[str, Any] = attrs.field(factory=dict)
    reuse: tuple[str, bytes] | None = attrs.field(default=None, repr=False)
    nav: Mapping[str, Any] = attrs.field(factory=dict)

    @property
    def ok(self) -> bool:
        """True when the drawing is of the file as it is now (it could be read, was
        valid and Graphviz drew it); the check's findings, errors included, do not make
        it False: they are counted in :attr:`diagnostics`."""
        return self.svg is not None


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


@attrs.frozen
class Prepared:
    """A map read, validated, checked and evaluated, ready to be drawn (see :func:`draw`).

    ``diagnostics`` is what validation, the check and the evaluation said;
    ``statuses`` and ``explanations`` each node's status and why; ``locate`` finds the
    line of a node; ``started`` is when the look began (``time.monotonic()``).
    """

    name: str
    argmap: Any
    diagnostics: tuple[Diagnostic, ...]
    statuses: Mapping[str, str]
    explanations: Mapping[str, str]
    locate: Any
    started: float

    def render_options(self, options: PreviewOptions) -> RenderOptions:
        """The diagram's options (no status colours when the evaluation failed)."""
        render = options.render
        if render.color_by == "status" and not self.statuses:
            render = attrs.evolve(render, color_by="none")
        return render

    def build(self, options: PreviewOptions, engine: str | None = None) -> Any:
        """The graph to lay out (:class:`argmap._render.build.Built`); ``engine``
        overrides the chosen one.  Raises :class:`ArgmapError` (an unknown focus id)."""
        from argmap._render.build import build  # noqa: PLC0415 -- imports graphviz

        return build(self.argmap, self.render_options(options), dict(self.statuses) or None,
                     engine=engine)


def prepare(path: Path, options: PreviewOptions, *, display: str | None = None
            ) -> Prepared | Drawing:
    """Read, validate, check and evaluate the map at ``path`` as it is now: what
    :func:`draw` draws, or the :class:`Drawing` of a map that cannot be drawn."""
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
    return Prepared(name, argmap, tuple(diagnostics), statuses, explanations, locate,
                    started)


def draw(prepared: Prepared, options: PreviewOptions, *, built: Any = None,
         stage: str = "full", reason: str = "", reuse: tuple[str, bytes] | None = None
         ) -> Drawing:
    """Lay the prepared map out and draw it.

    ``built`` is the graph to lay out (default: :meth:`Prepared.build`, the layout
    ``argmap render`` chooses); ``stage`` and ``reason`` are recorded in
    :attr:`Drawing.layout` (``"quick"`` adds a note saying why the layout is not the
    full one); ``reuse`` is the :attr:`Drawing.reuse` of an earlier drawing: when its
    Graphviz source is the same, its layout is used again without running Graphviz.
    Never raises for what the map says: a Graphviz failure or time-out, an unknown
    ``focus`` id are diagnostics of the :class:`Drawing`.
    """
    diagnostics = list(prepared.diagnostics)
    drawn = _draw(prepared, options, built, diagnostics, reuse)
    if drawn is None:
        return Drawing(None, {}, tuple(diagnostics), None,
                       seconds=time.monotonic() - prepared.started,
                       layout={"stage": stage})
    svg, nodes, notes, engine, graphviz, again, nav = drawn
    for details in nodes.values():
        node_id = details.get("id")
        kind = details.get("_kind")
        if isinstance(node_id, str) and node_id in prepared.explanations:
            details["explanation"] = prepared.explanations[node_id]
        if isinstance(node_id, str) and kind in _SECTIONS:
            where = prepared.locate(_SECTIONS[kind], node_id, key=True)  # as check says
            if where.line is not None:
                details["line"] = where.line
                if where.column is not None:
                    details["column"] = where.column
        details.pop("_kind", None)
    if stage == "quick":
        notes = (f"quick layout (`{engine}`, no ranks or side boxes) shown while the "
                 f"layered one is drawn: {reason}", *notes)
    layout = {"engine": engine, "stage": stage, "reason": reason,
              "graphviz": round(graphviz, 3)}
    return Drawing(svg, nodes, tuple(diagnostics), prepared.argmap.title, notes,
                   time.monotonic() - prepared.started, layout, again, nav)


class LayoutMemory:
    """What one look at the file leaves the next (a live preview keeps one).

    ``reuse``: the Graphviz source and output of the last full layout (a save that
    changes nothing Graphviz sees is drawn without running it); ``seconds_per_cost``:
    how fast ``dot`` was on the last large map (:data:`argmap._render.layout.
    SECONDS_PER_COST` until then), which predicts the next layout's time; ``show``: given
    the quick drawing while the layered one is still being laid out (``None``: no quick
    drawing is made); ``race``: whether the two layouts run at once (``None``: when the
    machine has an idle core; else the quick one first, then ``dot``); ``superseded``:
    whether the file was saved again since the look began (then, when the quick layout
    ran first, ``dot`` is left to the next look and the quick drawing is the result).
    """

    def __init__(self, show: Callable[[Drawing], object] | None = None,
                 superseded: Callable[[], bool] = lambda: False) -> None:
        from argmap._render.layout import SECONDS_PER_COST  # noqa: PLC0415 -- light

        self.show = show
        self.superseded = superseded
        self.quick_source: str | None = None
        self.reuse: tuple[str, bytes] | None = None
        self.seconds_per_cost = SECONDS_PER_COST
        self.race: bool | None = None

    def full(self, prepared: Prepared, options: PreviewOptions, built: Any) -> Drawing:
        """The drawing ``argmap render`` would make (the last layout reused when the
        source is the same); a large ``dot`` layout's time calibrates the next
        prediction."""
        drawing = draw(prepared, options, built=built, reuse=self.reuse)
        seconds = float(drawing.layout.get("graphviz", 0.0))
        cost = int(built.structure.cost)
        if (drawing.layout.get("engine") == "dot" and not drawing.notes
                and cost >= _CALIBRATE_FROM and seconds > 0):
            self.seconds_per_cost = seconds / cost
        if drawing.reuse is not None:
            self.reuse = drawing.reuse
        return drawing

    def quick(self, prepared: Prepared, options: PreviewOptions, reason: str) -> Drawing:
        """The quick ``sfdp`` drawing, said to be one (``stage="quick"``, a note)."""
        return draw(prepared, options, built=prepared.build(options, "sfdp"),
                    stage="quick", reason=reason)


#: Only layouts at least this costly set the seconds per unit of cost (below it the
#: start of the process and the drawing of the SVG outweigh the layout).
_CALIBRATE_FROM = 1_000


def take(path: Path, options: PreviewOptions, *, display: str | None = None,
         memory: LayoutMemory | None = None) -> Drawing:
    """Read, validate, check, evaluate and draw the map at ``path`` as it is now, with
    the layout ``argmap render`` chooses.

    ``display`` is the file name used in diagnostics (default: ``path`` as given).
    With a ``memory`` (a live preview's), the last layout is reused when nothing
    Graphviz sees changed, and when ``dot`` is predicted to take longer than
    ``options.preview_budget`` (:func:`argmap._render.layout.preview_plan`), a quick
    ``sfdp`` drawing goes to ``memory.show`` first and the layered one is returned: the
    two layouts run at once when the machine has an idle core (the quick one is then
    shown only if it is done first), else one after the other.
    Never raises for what the file says: a broken map, a Graphviz failure or time-out,
    an unknown ``focus`` id are diagnostics of the :class:`Drawing`.
    """
    from argmap._render.layout import preview_plan  # noqa: PLC0415 -- light start-up

    prepared = prepare(path, options, display=display)
    if isinstance(prepared, Drawing):
        return prepared
    if memory is None:
        return draw(prepared, options)
    try:
        built = prepared.build(options)
    except ArgmapError:
        return draw(prepared, options)  # a diagnostic says what is wrong
    quick = None
    source = str(built.graph.source)
    if (options.render.engine is None and memory.show is not None
            and source != memory.quick_source
            and (memory.reuse is None or memory.reuse[0] != source)):
        quick = preview_plan(built.structure, built.layout,
                             seconds_per_cost=memory.seconds_per_cost,
                             budget=options.preview_budget)
    if quick is None or memory.show is None:
        return memory.full(prepared, options, built)
    if not (memory.race if memory.race is not None else _idle_core()):
        # no idle core: the quick layout first, alone (sharing the cores with `dot` would
        # only delay it), then the layered one
        fast = memory.quick(prepared, options, quick.reason)
        if fast.svg is not None and memory.superseded():
            memory.quick_source = source  # shown; a next look of the same map needs dot
            return fast  # saved again meanwhile: the next look, not this one's dot
        if fast.svg is not None:
            memory.show(fast)
        return memory.full(prepared, options, built)
    # an idle core: dot in a thread of its own (Graphviz is a child process: the two
    # layouts run on two cores), the quick layout in this one
    finished: list[Drawing] = []
    failed: list[BaseException] = []

    def layered() -> None:
        try:
            finished.append(memory.full(prepared, options, built))
        except BaseException as exc:  # handed to the waiting thread below
            failed.append(exc)

    worker = threading.Thread(target=layered, name="argmap-serve-layered", daemon=True)
    worker.start()
    fast = memory.quick(prepared, options, quick.reason)
    shown = worker.is_alive() and fast.svg is not None
    if shown:
        memory.show(fast)
    worker.join()
    if failed:
        raise failed[0]
    if shown:
        return finished[0]
    return attrs.evolve(finished[0], layout={
        **finished[0].layout, "reason": f"{quick.reason}; `dot` finished first, so no "
                                        "quick layout was shown"})


def _idle_core() -> bool:
    """True when the machine has a core to spare (the load average of the last minute
    at least one below the number of cores)."""
    try:
        load = os.getloadavg()[0]
    except OSError:  # not measurable here: do not count on a spare core
        return False
    return load + 1 <= (os.cpu_count() or 1)


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


def _draw(prepared: Prepared, options: PreviewOptions, built: Any,
          diagnostics: list[Diagnostic], reuse: tuple[str, bytes] | None
          ) -> tuple[str, dict[str, dict[str, Any]], tuple[str, ...], str, float,
                     tuple[str, bytes] | None, dict[str, Any]] | None:
    """The SVG element, the details of each drawn node, the notes, the engine, the
    seconds Graphviz took, what a later look may reuse and what the page needs to hide a
    side; or ``None`` with a diagnostic saying why the map could not be drawn."""
    from argmap._render.backend import (  # noqa: PLC0415 -- imports subprocess machinery
        INSTALL_HINT,
        GraphvizNotFoundError,
    )
    from argmap._render.draw import lay_out  # noqa: PLC0415 -- imports graphviz
    from argmap._render.page import clean_json  # noqa: PLC0415 -- same
    from argmap._render.svg import finish_svg  # noqa: PLC0415 -- same
    from argmap._render.text import clean  # noqa: PLC0415 -- same

    name = prepared.name
    render = prepared.render_options(options)
    graphviz = 0.0
    notes: tuple[str, ...] = ()
    try:
        if built is None:
            built = prepared.build(options)
        source = str(built.graph.source)
        if reuse is not None and reuse[0] == source:
            raw = reuse[1]
        else:
            started = time.monotonic()
            raw, built, notes = lay_out(
                prepared.argmap, "svg", render, dict(prepared.statuses) or None,
                timeout=options.timeout, dot_budget=options.dot_budget, built=built)
            graphviz = time.monotonic() - started
    except GraphvizNotFoundError as exc:
        diagnostics.append(_problem("render", str(exc).split(";")[0], name, INSTALL_HINT))
        return None
    except ArgmapError as exc:
        diagnostics.append(_problem("render", f"cannot draw the map: {exc}", name,
                                    "fix the option or the map; the last good diagram "
                                    "stays on the page"))
        return None
    svg = finish_svg(raw, built.nodes, title=built.title, links=False, standalone=False)
    nodes: dict[str, dict[str, Any]] = {}
    for key, info in built.nodes.items():
        details = clean_json(dict(info.details))
        assert isinstance(details, dict)  # noqa: S101 -- a mapping stays a mapping
        details["_kind"] = info.kind
        nodes[key] = details
    # a fallback's layout is not the source's: only a layout of `source` is reused
    again = (source, raw) if not notes else None
    nav = {"names": dict(built.names), "title": built.group_title,
           "groups": [{"label": clean(g.label), "cluster": g.cluster, "keys": list(g.keys)}
                      for g in built.groups]}
    return svg.decode("utf-8"), nodes, notes, str(built.engine), graphviz, again, nav
