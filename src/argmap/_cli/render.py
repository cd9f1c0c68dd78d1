"""``argmap render``: a map as SVG, PNG, PDF, DOT or a self-contained HTML page."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import typer

from argmap._cli.batch import (
    gather,
    is_batch,
    make_output_folder,
    make_parent,
    output_names,
    relative_display,
    run_batch,
    say,
    say_wrote,
    summary,
)
from argmap._cli.common import (
    EXIT_FINDINGS,
    EXIT_USAGE,
    MAP_SUFFIXES,
    MAX_BYTES_DEFAULT,
    fail,
    read_stdin,
    refuse_same_file,
    write_output,
)
from argmap._display import for_display

__all__ = ["register"]

RENDER_HELP = """\
Draw an argument map as a diagram: SVG, PNG, PDF, DOT or an HTML page.

Claims are rounded boxes (the main thesis with a heavy double border), evidence a page
with a folded corner and its source, and each argument a small inference node its
premises flow into jointly.  Support: solid arrow; attack: dashed line ending in a bar
(an undercut ends on an inference node); contradiction: double line.  A legend is
included.

MAP is an argmap file (.yaml, .yml, .json) or an Argdown file (.argdown, .ad), which
is imported on the way (what the import approximates is reported with its Argdown line).
Several maps, or folders of maps, are drawn one file each into the folder OUT (created
if missing), named after the maps; a bad map never stops the others, the exit status
is the worst, and a last line sums up.

The format comes from the extension of OUT (.svg .png .pdf .dot .gv .html) or
--format; `-o -` writes to standard output.  Every format but DOT needs Graphviz
(`apt-get install graphviz`).  Unless --engine says otherwise, the layout is chosen
from the map's measured structure: `dot` (layered, with side boxes) while it is
affordable, with bounded passes and straight edges for larger or denser maps, `sfdp`
beyond; if `dot` has not finished within --dot-budget seconds the map is laid out with
`sfdp` instead, and a note says so.

On a fitted page (--page without --tile) where the diagram would print its text below
6 points, the map is drawn as an outline instead: the boxes as an indented tree,
numbered, flowed into columns, with `see N` rows where a node recurs; a note says so
and --layout map keeps the diagram.  --layout outline draws it in any format but HTML.  With
--tile the outline flows onto as many pages as it needs at --scale, breaking only
between rows.  Text that still prints below 6 points gets a note with ways to print
it larger.

A written file is named on stderr unless -q is given.

Exit status: 0 drawn, 1 the map is invalid, 2 usage or I/O error (or Graphviz missing).

Examples:

  argmap render examples/one-threat.argmap.yaml -o debate.svg

  argmap render debate.yaml -o debate.html --cluster-by none

  argmap render debate.yaml -o handout.pdf --theme print --label title

  argmap render debate.yaml -o wall.pdf --theme print --page A3 --landscape

  argmap render debate.yaml -o wall.pdf --page A3 --landscape --layout map

  argmap render debate.yaml -o outline.svg --layout outline

  argmap render debate.yaml -o poster.pdf --page A4 --tile --scale 1.5

  argmap render debate.yaml -o - --format dot --focus one-threat --depth 1

  argmap render big-debate.yaml -o big.html -v     # large maps: search, hide sides

  argmap render class-7b/ -o diagrams/             # one SVG per map of the folder
"""


class OutputFormat(enum.StrEnum):
    """Output formats of ``argmap render``."""

    svg = "svg"
    png = "png"
    pdf = "pdf"
    dot = "dot"
    html = "html"


class RankDir(enum.StrEnum):
    """Graphviz rank directions."""

    BT = "BT"
    TB = "TB"
    LR = "LR"
    RL = "RL"


class ClusterBy(enum.StrEnum):
    """What to draw boxes around."""

    side = "side"
    tag = "tag"
    none = "none"


class ColorBy(enum.StrEnum):
    """What fills the boxes."""

    side = "side"
    tag = "tag"
    status = "status"
    none = "none"


class LabelMode(enum.StrEnum):
    """What each box says."""

    full = "full"
    short_title = "title"
    id = "id"


class ThemeName(enum.StrEnum):
    """The visual themes."""

    color = "color"
    print = "print"


class LayoutChoice(enum.StrEnum):
    """The map as a diagram, or as an outline."""

    auto = "auto"
    map = "map"
    outline = "outline"


class PageSize(enum.StrEnum):
    """Paper sizes for PDF output."""

    A4 = "A4"
    A3 = "A3"
    letter = "letter"


_SUFFIXES = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot", ".gv": "dot",
             ".html": "html", ".htm": "html"}


def _format_of(output: str, given: OutputFormat | None) -> str:
    if given is not None:
        return given.value
    if output == "-":
        fail("writing to standard output needs --format",
             "add --format svg (or png, pdf, dot, html)")
    found = _SUFFIXES.get(Path(output).suffix.lower())
    if found is None:
        fail(f"cannot tell the format from the name {output!r}",
             "end it in .svg, .png, .pdf, .dot or .html, or add --format")
    return found


def _status_values(result: Any) -> Mapping[str, str]:
    """Per-node statuses from what ``argmap.evaluate`` returned (a thin adapter).

    Accepts a mapping of id to status, or an object whose ``nodes`` are records with
    ``id`` and ``status`` (an enum or a string).  Statuses other than in, out and
    undecided (such as "unknown" after a time-out) are left uncoloured.
    """
    pairs: list[tuple[Any, Any]]
    if isinstance(result, Mapping):
        pairs = list(result.items())
    else:
        records = getattr(result, "nodes", None)
        if records is None:
            fail("argmap.evaluate returned no per-node statuses that render understands",
                 "use --color-by side, tag or none")
        pairs = [(getattr(r, "id", None), getattr(r, "status", None)) for r in records]
    out: dict[str, str] = {}
    for key, value in pairs:
        text = str(getattr(value, "value", value)).lower()
        if key is not None and text in ("in", "out", "undecided"):
            out[str(key)] = text
    return out


def _evaluate(argmap: Any, semantics: str) -> Mapping[str, str]:
    import importlib  # noqa: PLC0415 -- only for --color-by status

    try:
        module = importlib.import_module("argmap.evaluate")
    except ModuleNotFoundError as exc:
        if exc.name != "argmap.evaluate":
            raise
        fail("--color-by status needs argmap.evaluate, which this installation lacks",
             "use --color-by side, tag or none, or upgrade argmap")
    evaluate = getattr(module, "evaluate_map", None) or getattr(module, "evaluate", None)
    if not callable(evaluate):
        fail("argmap.evaluate has no evaluate_map function", "use --color-by side")
    from argmap.errors import ArgmapError  # noqa: PLC0415 -- light

    try:
        result = evaluate(argmap, semantics=semantics)
    except ArgmapError as exc:
        fail(f"cannot evaluate the map: {exc}", "try --semantics grounded")
    return _status_values(result)


#: Graphviz layout engines --engine accepts (argmap._render.backend.ENGINES; a test
#: keeps the two the same without importing the renderer to build the options).
ENGINES = ("dot", "sfdp", "neato", "fdp", "twopi", "circo", "osage", "patchwork")


class SemanticsChoice(enum.StrEnum):
    """Semantics for ``--color-by status``."""

    grounded = "grounded"
    complete = "complete"
    preferred = "preferred"
    stable = "stable"


EngineChoice = enum.StrEnum("EngineChoice", {name: name for name in ENGINES})  # type: ignore[misc]


def render_command(
    maps: Annotated[list[str], typer.Argument(
        metavar="MAP...", help="Map files (YAML, JSON or Argdown), folders of maps, or - "
        "for stdin.", show_default=False)],
    output: Annotated[str, typer.Option(
        "--output", "-o", metavar="OUT",
        help="Where to write: a file, or - for standard output.  With several maps or a "
        "folder of maps: the folder to write one file per map into (created if "
        "missing).", show_default=False)],
    output_format: Annotated[OutputFormat | None, typer.Option(
        "--format", "-f", metavar="FORMAT",
        help="Output format (default: from the extension of OUT; for several maps "
        "svg, or pdf with --page).", show_default=False)] = None,
    rankdir: Annotated[RankDir, typer.Option(
        "--rankdir", help="Direction of support: BT puts conclusions on top.")] = RankDir.BT,
    cluster_by: Annotated[ClusterBy, typer.Option(
        "--cluster-by", help="Draw a box around each side or each (first) tag, or none.")
    ] = ClusterBy.side,
    color_by: Annotated[ColorBy, typer.Option(
        "--color-by", help="Fill boxes by side, tag, acceptance status (computed with "
        "argmap.evaluate) or nothing.")] = ColorBy.side,
    semantics: Annotated[SemanticsChoice, typer.Option(
        "--semantics", metavar="SEMANTICS", help="Semantics for --color-by status.")
    ] = SemanticsChoice.grounded,
    label: Annotated[LabelMode, typer.Option(
        "--label", help="Box text: full text, short title, or id only.")] = LabelMode.full,
    wrap: Annotated[int, typer.Option("--wrap", min=0,
                                      help="Characters per line (0: no wrapping).")] = 34,
    theme: Annotated[ThemeName, typer.Option(
        "--theme", help="color, or print (black and white).")] = ThemeName.color,
    focus: Annotated[str | None, typer.Option(
        "--focus", metavar="ID", help="Draw only this node and what bears on it.",
        show_default=False)] = None,
    depth: Annotated[int, typer.Option(
        "--depth", min=0, help="With --focus: how many relations out.")] = 2,
    tag: Annotated[list[str] | None, typer.Option(
        "--tag", metavar="TAG", help="Draw only nodes with this tag (repeatable).",
        show_default=False)] = None,
    engine: Annotated[EngineChoice | None, typer.Option(
        "--engine", metavar="ENGINE", help="Graphviz layout engine (default: chosen from "
        "the map's size and density).", show_default=False)] = None,
    legend: Annotated[bool, typer.Option("--legend/--no-legend",
                                         help="Draw the legend.")] = True,
    timeout: Annotated[float, typer.Option(
        "--timeout", min=1, max=86400, metavar="SECONDS",
        help="Give Graphviz at most this many seconds in all.")] = 60,
    dot_budget: Annotated[float, typer.Option(
        "--dot-budget", min=1, max=86400, metavar="SECONDS",
        help="Without --engine: seconds `dot` gets to lay the map out (drawing a PNG "
        "or PDF is not counted) before the map is laid out with `sfdp` instead.")] = 8,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Say which layout was chosen, and why.")] = False,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="Do not say what was written.")] = False,
    max_bytes: Annotated[int, typer.Option(
        "--max-bytes", min=1, help="Refuse inputs larger than this.")] = MAX_BYTES_DEFAULT,
    side: Annotated[list[str] | None, typer.Option(
        "--side", metavar="SIDE", help="Draw only nodes of this side, by id (repeatable).",
        show_default=False)] = None,
    page: Annotated[PageSize | None, typer.Option(
        "--page", case_sensitive=False,
        help="PDF: put the drawing on pages of this size (any letter case), shrunk to "
        "fit one (or spread across several with --tile).  With several maps and no "
        "--format, --page makes them PDFs.", show_default=False)] = None,
    landscape: Annotated[bool, typer.Option(
        "--landscape", help="With --page: turn the pages to landscape.")] = False,
    tile: Annotated[bool, typer.Option(
        "--tile", help="With --page: cut the drawing, at --scale, across as many pages "
        "as it needs (a poster), instead of shrinking it onto one.  The outline "
        "(--layout outline) is flowed onto the pages instead: whole rows in columns, "
        "numbered pages.")] = False,
    layout: Annotated[LayoutChoice, typer.Option(
        "--layout", help="map: the diagram; outline: the boxes as an indented tree "
        "flowed into columns (dense, for print); auto: the map, except on a --page "
        "without --tile where the map would print its text below 6 points and the "
        "outline prints it larger (a note says so).")] = LayoutChoice.auto,
    dpi: Annotated[float | None, typer.Option(
        "--dpi", min=10, max=1200, metavar="N",
        help="PNG: resolution in dots per inch (default 96).", show_default=False)] = None,
    scale: Annotated[float | None, typer.Option(
        "--scale", min=0.05, max=20, metavar="FACTOR",
        help="PNG: enlarge or shrink the image by this factor; PDF with --tile: the "
        "printed size (default 1); with --page alone: the largest size allowed.",
        show_default=False)] = None,
) -> None:
    from argmap._render.paper import check_print_options  # noqa: PLC0415 -- same
    from argmap.errors import ArgmapError  # noqa: PLC0415 -- keep `argmap --help` light
    from argmap.render import RenderOptions  # noqa: PLC0415 -- same

    batch = is_batch(maps)
    # several maps: the format is -f, else PDF when a page size is asked for, else SVG
    fmt = (output_format.value if output_format is not None
           else "pdf" if page is not None else "svg") if batch \
        else _format_of(output, output_format)
    try:
        options = RenderOptions(
            rankdir=rankdir.value, cluster_by=cluster_by.value, color_by=color_by.value,
            label=label.value, wrap=wrap, theme=theme.value, focus=focus, depth=depth,
            tags=tuple(tag or ()), engine=None if engine is None else engine.value,
            legend=legend, sides=tuple(side or ()),
            page=page.value if page is not None else None, landscape=landscape, tile=tile,
            dpi=dpi, scale=scale, layout=layout.value)
        # a contradiction (-f svg --page A4, -f html --layout outline) is one usage
        # error up front, not one failure per map
        check_print_options(options, fmt)
    except ArgmapError as exc:
        fail(str(exc))
    job = _Job(fmt=fmt, options=options, semantics=semantics.value, timeout=timeout,
               dot_budget=dot_budget, verbose=verbose, max_bytes=max_bytes)
    if not batch:
        map_file = maps[0]
        refuse_same_file(output, [map_file])
        job.render(map_file, output, inputs=[map_file], label="")
        if not quiet:
            say_wrote(output)
        return
    _render_batch(maps, output, job, quiet=quiet)


#: Names that say "one diagram", refused as the output folder of several maps.
_DIAGRAM_SUFFIXES = frozenset({".svg", ".png", ".pdf", ".dot", ".gv", ".html", ".htm"})


def _render_batch(maps: list[str], output: str, job: _Job, *, quiet: bool) -> None:
    """Render every map into the folder ``output``; exit with the worst status."""
    from argmap.render import GraphvizNotFoundError, graphviz_available  # noqa: PLC0415

    suffix = Path(output).suffix.lower() if output and output != "-" else ""
    if suffix in _DIAGRAM_SUFFIXES and not Path(output).is_dir():
        fail(f"several maps are drawn into a folder, one file each, but {output} is the "
             f"name of one {suffix[1:].upper()} file",
             "name a folder with -o (for example -o diagrams/; it is created if "
             "missing), or render one map at a time")
    names = gather(maps, MAP_SUFFIXES, "map files", output)
    folder = make_output_folder(output)
    engine = job.options.engine or "dot"
    if job.fmt != "dot" and not graphviz_available(engine):
        typer.echo(f"argmap: error: {GraphvizNotFoundError(engine)}", err=True)
        raise typer.Exit(EXIT_USAGE)
    targets = output_names(names, maps, folder, "." + job.fmt)

    def work(name: str) -> None:
        target = targets[name]
        make_parent(target)
        job.render(name, str(target), inputs=names, label=f"{name}: ")
        if job.verbose and not quiet:
            say_wrote(str(target))

    result = run_batch(names, work, "rendering")
    if not quiet or result.failed:
        say(summary(result, "rendered", relative_display(folder), f"as {job.fmt.upper()}"))
    raise typer.Exit(result.worst)


class _Job:
    """How each map of one ``argmap render`` run is drawn."""

    def __init__(self, *, fmt: str, options: Any, semantics: str, timeout: float,
                 dot_budget: float, verbose: bool, max_bytes: int) -> None:
        self.fmt = fmt
        self.options = options
        self.semantics = semantics
        self.timeout = timeout
        self.dot_budget = dot_budget
        self.verbose = verbose
        self.max_bytes = max_bytes

    def render(self, map_file: str, output: str, *, inputs: list[str], label: str) -> None:
        """Draw ``map_file`` into ``output``; errors end in ``typer.Exit`` (1 an invalid
        map, 2 usage or I/O).  ``label`` starts messages that do not name the file."""
        from argmap import _load  # noqa: PLC0415 -- keep `argmap --help` light
        from argmap._report import FileReport, reporter  # noqa: PLC0415 -- same
        from argmap.errors import ArgmapError, ReadError  # noqa: PLC0415 -- same
        from argmap.render import (  # noqa: PLC0415 -- same
            GraphvizError,
            GraphvizNotFoundError,
            render_result,
        )

        max_bytes = self.max_bytes
        try:
            raw = (read_stdin(max_bytes) if map_file == "-"
                   else _load.read_bytes(map_file, max_bytes))
            result = _load.validate_bytes(raw, file=map_file, max_bytes=max_bytes)
        except ReadError as exc:
            fail(f"cannot read {map_file}: {exc.reason}")
        if result.map is None:
            typer.echo(reporter("text")([FileReport(map_file, result.diagnostics)],
                                        "validated"), nl=False, err=True)
            typer.echo(for_display(f"argmap: error: {label}the map is invalid; fix it, "
                                   "then render again"), err=True)
            raise typer.Exit(EXIT_FINDINGS)
        status = (_evaluate(result.map, self.semantics)
                  if self.options.color_by == "status" else None)
        try:
            rendered = render_result(
                result.map, self.fmt, self.options, status=status,  # type: ignore[arg-type]
                timeout=self.timeout, dot_budget=self.dot_budget)
        except GraphvizNotFoundError as exc:
            # the message carries the install commands
            typer.echo(f"argmap: error: {exc}", err=True)
            raise typer.Exit(EXIT_USAGE) from None
        except (GraphvizError, ArgmapError) as exc:
            fail(f"{label}{exc}")
        if self.verbose:
            typer.echo(for_display(f"argmap: {label}layout: {rendered.layout}"), err=True)
        for note in rendered.notes:
            typer.echo(for_display(f"argmap: {label}note: {note}"), err=True)
        write_output(output, rendered.data, inputs=inputs)


def register(app: typer.Typer) -> None:
    """Add ``argmap render`` to ``app``."""
    app.command("render", help=RENDER_HELP, no_args_is_help=True)(render_command)
