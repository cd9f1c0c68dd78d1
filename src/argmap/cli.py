"""The ``argmap`` command: parses arguments, calls the library, picks an exit code.

Each command lives in its own module under ``argmap._cli`` and registers itself on the
one Typer application here.  Exit codes everywhere: 0 clean, 1 findings, 2 usage or
I/O error.
"""

from __future__ import annotations

import sys

__all__ = ["main"]

_HELP = """\
argmap: structured argument maps for debaters, teachers and developers.

Write a map in YAML or JSON (see examples/ and docs/format.md), then validate it, check
its reasoning, evaluate which claims stand, render it as a diagram, or convert it.

Exit status: 0 clean, 1 findings, 2 usage or I/O error.
"""


_COMMANDS = ("validate", "render", "check", "evaluate", "convert", "solve")


def _app(only: str | None = None) -> object:
    """The Typer application; with ``only``, just that command (a faster start: Typer
    inspects the signature of every command it is given)."""
    import typer  # noqa: PLC0415 -- `argmap --version` must not pay for it

    from argmap._cli import validate  # noqa: PLC0415 -- see above

    app = typer.Typer(
        name="argmap",
        help=_HELP,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    def version_callback(value: bool) -> None:
        if value:
            from argmap._version import __version__  # noqa: PLC0415 -- tiny

            typer.echo(f"argmap {__version__}")
            raise typer.Exit(0)

    @app.callback()
    def root(
        version: bool = typer.Option(
            False,
            "--version",
            help="Print the version and exit.",
            callback=version_callback,
            is_eager=True,
        ),
    ) -> None:
        """argmap: structured argument maps."""

    if only in (None, "validate"):
        validate.register(app)
    for name in ("render", "check", "evaluate", "convert", "solve"):
        if only not in (None, name):
            continue
        try:
            module = __import__(f"argmap._cli.{name}", fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name != f"argmap._cli.{name}":
                raise
            continue
        module.register(app)
    return app


def main(argv: list[str] | None = None) -> None:
    """Run the command line (``argv`` defaults to ``sys.argv[1:]``)."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        from argmap._version import __version__  # noqa: PLC0415 -- the fast path

        sys.stdout.write(f"argmap {__version__}\n")
        return
    if args[:1] == ["solve"]:
        # The ICCMA solver interface: called once per instance by a competition
        # harness, so it parses its own few options and never imports Typer.
        from argmap._cli.solve import run  # noqa: PLC0415 -- the fast path

        try:
            code = run(args[1:])
        except KeyboardInterrupt:
            sys.stderr.write("argmap: interrupted\n")
            raise SystemExit(130) from None
        raise SystemExit(code)
    import typer.main  # noqa: PLC0415 -- after the fast path

    from argmap.errors import ArgmapError  # noqa: PLC0415 -- same

    only = args[0] if args and args[0] in _COMMANDS else None
    command = typer.main.get_command(_app(only))  # type: ignore[arg-type]
    try:
        command.main(args=args, prog_name="argmap", standalone_mode=True)
    except ArgmapError as exc:
        sys.stderr.write(f"argmap: error: {exc}\n")
        raise SystemExit(2) from None
    except KeyboardInterrupt:
        sys.stderr.write("argmap: interrupted\n")
        raise SystemExit(130) from None
