"""``argmap serve``: a live preview of a map in the browser (the ``serve`` extra)."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Annotated

import typer

from argmap._cli.common import EXIT_USAGE, MAX_BYTES_DEFAULT, fail
from argmap._cli.render import ClusterBy, ColorBy, LabelMode, RankDir, ThemeName

__all__ = ["register"]

SERVE_HELP = """\
Show a map in the browser and follow every save of the file: a live preview.

Starts a local web server (127.0.0.1, a free port unless --port says otherwise) and
prints its address; --open opens it in the browser.  The page shows the diagram as
`argmap render` draws it, the problems `argmap validate` and `argmap check` find, each
with its line:column, and, for a clicked box, its text, source, line, and status under
--semantics with the explanation.  On every save the page updates in place, keeping
your zoom and pan; while the file is broken the last good diagram stays, greyed, with
the errors on top.  When the layered layout of a big, densely cross-linked map is
expected to take longer than --preview-budget, a quick `sfdp` layout is shown first
(the page's notes say why) and the layered one replaces it when it is done; -v prints
how each drawing was laid out and how long it took.

MAP is an argmap file (.yaml, .yml, .json) or an Argdown file (.argdown, .ad).

The server serves the page and the map's drawing, nothing else.  With --host other
than a loopback address (to show the map on another device), the printed address holds
a random token without which the server answers nothing.

Needs the serve extra: pip install 'argmap[serve]'.  Stop it with Ctrl-C.

Exit status: 0 stopped, 2 usage or I/O error (the extra or Graphviz missing, the port
taken).

Examples:

  argmap serve debate.argmap.yaml --open

  argmap serve debate.argmap.yaml --color-by status --semantics preferred

  argmap serve notes.argdown --focus main-thesis --depth 2 --port 8000

  argmap serve debate.yaml --host 0.0.0.0      # the classroom projector
"""


_SEMANTICS = ("grounded", "complete", "preferred", "stable")


def serve_command(
    map_file: Annotated[str, typer.Argument(
        metavar="MAP", help="The map file: YAML, JSON or Argdown.", show_default=False)],
    host: Annotated[str, typer.Option(
        "--host", metavar="HOST",
        help="Address to listen on; anything but a loopback address needs the printed "
        "token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(
        "--port", min=0, max=65535, metavar="N",
        help="Port to listen on (0: a free one).")] = 0,
    open_browser: Annotated[bool, typer.Option(
        "--open", help="Open the page in the default browser.")] = False,
    side: Annotated[list[str] | None, typer.Option(
        "--side", metavar="SIDE", help="Draw only nodes of this side, by id (repeatable).",
        show_default=False)] = None,
    tag: Annotated[list[str] | None, typer.Option(
        "--tag", metavar="TAG", help="Draw only nodes with this tag (repeatable).",
        show_default=False)] = None,
    focus: Annotated[str | None, typer.Option(
        "--focus", metavar="ID", help="Draw only this node and what bears on it.",
        show_default=False)] = None,
    depth: Annotated[int, typer.Option(
        "--depth", min=0, max=1000, metavar="N",
        help="With --focus: how many relations out.")] = 2,
    color_by: Annotated[ColorBy, typer.Option(
        "--color-by", help="Fill boxes by side, tag, acceptance status or nothing.")
    ] = ColorBy.side,
    semantics: Annotated[str, typer.Option(
        "--semantics", "-s", metavar="SEMANTICS",
        help="The semantics of each node's status (and of --color-by status): "
        "grounded, complete, preferred or stable.")
    ] = "grounded",
    cluster_by: Annotated[ClusterBy, typer.Option(
        "--cluster-by", help="Draw a box around each side or each (first) tag, or none.")
    ] = ClusterBy.side,
    rankdir: Annotated[RankDir, typer.Option(
        "--rankdir", help="Direction of support: BT puts conclusions on top.")] = RankDir.BT,
    label: Annotated[LabelMode, typer.Option(
        "--label", help="Box text: full text, short title, or id only.")] = LabelMode.full,
    wrap: Annotated[int, typer.Option("--wrap", min=0, max=10_000, metavar="N",
                                      help="Characters per line (0: no wrapping).")] = 34,
    theme: Annotated[ThemeName, typer.Option(
        "--theme", help="color, or print (black and white).")] = ThemeName.color,
    engine: Annotated[str | None, typer.Option(
        "--engine", metavar="ENGINE", help="Graphviz layout engine: dot, sfdp, neato, ... "
        "(default: chosen from the map's size and density).", show_default=False)] = None,
    profile: Annotated[str | None, typer.Option(
        "--profile", metavar="NAME", help="The check's profile: default, strict, "
        "classroom or one of the configuration's.", show_default=False)] = None,
    timeout: Annotated[float, typer.Option(
        "--timeout", min=1, max=86400, metavar="SECONDS",
        help="Seconds Graphviz (and the evaluation) get for each save.")] = 60,
    dot_budget: Annotated[float, typer.Option(
        "--dot-budget", min=1, max=86400, metavar="SECONDS",
        help="Seconds `dot` gets before the map is laid out with `sfdp` instead.")] = 8,
    max_bytes: Annotated[int, typer.Option(
        "--max-bytes", min=1, metavar="BYTES",
        help="Refuse a file larger than this.")] = MAX_BYTES_DEFAULT,
    preview_budget: Annotated[float, typer.Option(
        "--preview-budget", min=0.01, max=86400, metavar="SECONDS",
        help="Without --engine: when `dot` is expected to take longer than this on a "
        "save, a quick `sfdp` layout is shown first and the layered one follows.")] = 0.5,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Say on stderr how each save was laid out, and how "
        "long it took.")] = False,
) -> None:
    from argmap.serve import EXTRA_HINT, missing_extra  # noqa: PLC0415 -- light

    missing = missing_extra()
    if missing is not None:
        typer.echo(f"argmap: error: argmap serve needs the serve extra ({missing} is not "
                   f"installed); install it with: {EXTRA_HINT}", err=True)
        raise typer.Exit(EXIT_USAGE)
    if semantics not in _SEMANTICS:
        fail(f"unknown semantics {semantics!r}", "use grounded, complete, preferred or stable")
    path = Path(map_file)
    if map_file == "-":
        fail("argmap serve follows a file as it is saved; it cannot read standard input",
             "name the map file")
    if path.is_dir():
        fail(f"{map_file} is a folder; name one map file in it")
    if not path.parent.is_dir():
        fail(f"cannot watch {map_file}: no such folder {str(path.parent)!r}")
    if not path.exists():
        fail(f"cannot read {map_file}: no such file",
             f"check the name, or start a map with: argmap new -o {shlex.quote(map_file)}")

    from argmap.check import ConfigError, find_config, resolve_config  # noqa: PLC0415
    from argmap.errors import ArgmapError  # noqa: PLC0415 -- light
    from argmap.render import RenderOptions  # noqa: PLC0415 -- same
    from argmap.serve import Preview, PreviewOptions, Server  # noqa: PLC0415 -- same

    try:
        config = resolve_config(find_config(path.parent), profile=profile)
    except ConfigError as exc:
        fail(f"{exc.where or 'configuration: '}{exc.reason}", exc.hint)
    try:
        render = RenderOptions(
            rankdir=rankdir.value, cluster_by=cluster_by.value, color_by=color_by.value,
            label=label.value, wrap=wrap, theme=theme.value, focus=focus, depth=depth,
            tags=tuple(tag or ()), sides=tuple(side or ()), engine=engine)
        options = PreviewOptions(render=render, semantics=semantics, check=config,
                                 timeout=timeout, dot_budget=dot_budget,
                                 max_bytes=max_bytes, preview_budget=preview_budget)
        server = Server(Preview(path, options, display=map_file,
                                report=_report if verbose else None),
                        host=host, port=port)
    except ArgmapError as exc:
        fail(str(exc))
    from argmap._display import for_display  # noqa: PLC0415 -- light

    def ready(url: str) -> None:
        sys.stdout.write(f"argmap: serving {for_display(map_file)} at {url}\n")
        if server.token is not None:
            sys.stdout.write("argmap: listening beyond this computer: whoever has this "
                             "whole address (with its token) can see the map\n")
        sys.stdout.write("argmap: save the file and the page follows; Ctrl-C stops\n")
        sys.stdout.flush()

    try:
        server.run(open_browser=open_browser, on_ready=ready)
    except KeyboardInterrupt:
        # uvicorn stops gracefully on Ctrl-C, then raises it again: stopping is the
        # normal end of a preview
        sys.stderr.write("argmap: stopped\n")


def _report(line: str) -> None:
    """``--verbose``: one line on stderr for each drawing the page gets."""
    from argmap._display import for_display  # noqa: PLC0415 -- light

    sys.stderr.write(f"argmap: {for_display(line)}\n")
    sys.stderr.flush()


def register(app: typer.Typer) -> None:
    """Add ``argmap serve`` to ``app``."""
    app.command("serve", help=SERVE_HELP, no_args_is_help=True)(serve_command)
