"""``argmap lsp``: the language server, over standard input and output."""

from __future__ import annotations

from typing import Annotated

import typer

from argmap._cli.common import fail

__all__ = ["register"]

LSP_HELP = """\
Run the argmap language server (LSP) over standard input and output.

Your editor starts it and talks to it; you do not run it by hand.  For argument maps
in YAML or JSON (and Argdown files, diagnostics only) it reports what `validate` and
`check` report as you type (the check configuration is the nearest argmap.toml or
pyproject.toml above the file), completes ids where an id is expected, goes to an id's
definition and references, shows an entry's text and status (grounded) on hover,
renames ids across the file, outlines the map and offers quick fixes for did-you-mean
hints.  Setup for VS Code, Neovim and Helix: docs/lsp.md.

Needs the lsp extra: pip install 'argmap[lsp]'.

Exit status: 0 when the editor shut the server down (shutdown, then exit), 1 when
the editor went away without that, 2 usage error or missing extra.

Example (what an editor runs):

  argmap lsp
"""


def lsp_command(
    stdio: Annotated[
        bool,
        typer.Option("--stdio", help="Talk over standard input and output (the default "
                     "and only transport; accepted because many editors pass it)."),
    ] = True,
    debounce: Annotated[
        int,
        typer.Option("--debounce", metavar="MS", min=0, max=10_000,
                     help="Wait MS milliseconds (0 to 10,000) after the last change "
                     "before analysing a document again."),
    ] = 50,
) -> None:
    from importlib.util import find_spec  # noqa: PLC0415 -- light start-up

    try:
        missing = find_spec("pygls.lsp.server") is None  # pygls 2 has it; 1.x does not
    except ModuleNotFoundError:
        missing = True
    if missing:
        fail("argmap lsp needs the language server library pygls 2, which is not "
             "installed", "pip install 'argmap[lsp]'")
    from argmap.lsp import serve_stdio  # noqa: PLC0415 -- after the check above

    del stdio  # stdio is the only transport
    code = serve_stdio(debounce / 1000)
    if code:
        raise typer.Exit(code)


def register(app: typer.Typer) -> None:
    """Add the command of this module to ``app``."""
    app.command("lsp", help=LSP_HELP)(lsp_command)
