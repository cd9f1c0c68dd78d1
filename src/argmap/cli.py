"""The ``argmap`` command: parses arguments, calls the library, picks an exit code.

Each command lives in its own module under ``argmap._cli`` and registers itself on the
one Typer application here.  Exit codes everywhere: 0 clean, 1 findings, 2 usage or
I/O error.

Start-up: only the module of the command asked for is imported (``argmap validate``
does not build the options of ``render``); ``argmap --help`` and an unknown command
load them all.  Every numeric option of every command is checked by one rule
(finite, within its range: :func:`argmap._cli.common.check_number`).
"""

from __future__ import annotations

import errno
import os
import sys
from typing import Any

__all__ = ["main"]

#: Command name -> the module of argmap._cli that registers it, in --help order.
_COMMANDS = {
    "validate": "validate",
    "schema": "validate",
    "render": "render",
    "check": "check",
    "evaluate": "evaluate",
    "solve": "solve",
    "convert": "convert",
    "new": "new",
    "grade": "grade",
    "serve": "serve",
    "lsp": "lsp",
}

_HELP = """\
argmap: structured argument maps for debaters, teachers and developers.

Write a map in YAML or JSON (see examples/ and docs/format.md), then validate it, check
its reasoning, evaluate which claims stand, render it as a diagram, or convert it.

Exit status: 0 clean, 1 findings, 2 usage or I/O error.
"""


def _app(command: str | None = None) -> object:
    """The Typer application; with ``command``, only the module that registers it."""
    import typer  # noqa: PLC0415 -- `argmap --version` must not pay for it
    import typer.core  # noqa: PLC0415 -- same

    app = typer.Typer(
        name="argmap",
        help=_HELP,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        # help is wrapped to the terminal, but never wider than 80 columns
        context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 80},
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

    wanted = [_COMMANDS[command]] if command in _COMMANDS else list(_COMMANDS.values())
    for name in dict.fromkeys(wanted):
        try:
            module = __import__(f"argmap._cli.{name}", fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name != f"argmap._cli.{name}":
                raise
            continue
        module.register(app)
    from argmap._cli.style import ArgmapCommand  # noqa: PLC0415 -- with Typer only

    for info in app.registered_commands:
        if info.cls in (None, typer.core.TyperCommand):  # Typer's default
            info.cls = ArgmapCommand  # one usage and metavar style for every command
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
    from argmap._display import for_display  # noqa: PLC0415 -- after the fast path
    from argmap.errors import ArgmapError  # noqa: PLC0415 -- same

    fast = _evaluate_fast(args) if args[:1] == ["evaluate"] else None
    usage_error: type[BaseException] = _NeverRaised
    abort: type[BaseException] = _NeverRaised
    if fast is None:
        import typer.main  # noqa: PLC0415 -- after the fast paths

        from argmap._cli.common import guard_numeric_options  # noqa: PLC0415 -- same

        first = args[0] if args and args[0] in _COMMANDS else None
        command = typer.main.get_command(_app(first))  # type: ignore[arg-type]
        guard_numeric_options(command)
        usage_error = _click_module().exceptions.ClickException
        abort = typer.Abort
    try:
        try:
            if fast is not None:
                from argmap._cli.evaluate_run import run_evaluate  # noqa: PLC0415 -- same

                result = run_evaluate(**fast)
            else:
                result = command.main(args=args, prog_name="argmap", standalone_mode=False)
        finally:
            sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
    except usage_error as exc:
        # usage errors quote what was typed (an option, a file name): escape it too
        exc.message = for_display(exc.message, newlines=True)  # type: ignore[attr-defined]
        exc.show()  # type: ignore[attr-defined]
        raise SystemExit(exc.exit_code) from None  # type: ignore[attr-defined]
    except abort:
        sys.stderr.write("argmap: aborted\n")
        raise SystemExit(1) from None
    except ArgmapError as exc:
        sys.stderr.write(f"argmap: error: {for_display(str(exc), newlines=True)}\n")
        raise SystemExit(2) from None
    except KeyboardInterrupt:
        sys.stderr.write("argmap: interrupted\n")
        raise SystemExit(130) from None
    except BrokenPipeError:
        _discard_stdout()  # the reader went away (`argmap ... | head`): nothing to say
        raise SystemExit(1) from None
    except OSError as exc:
        if exc.errno not in _OUTPUT_ERRNOS:
            raise
        from argmap._io import os_error_reason  # noqa: PLC0415 -- only on failure

        _discard_stdout()
        sys.stderr.write(f"argmap: error: cannot write the output: "
                         f"{os_error_reason(exc, '-')}\n")
        raise SystemExit(2) from None
    raise SystemExit(result if isinstance(result, int) else 0)


class _NeverRaised(Exception):
    """Stands in an ``except`` clause for the exceptions of a path not taken."""


#: ``argmap evaluate`` options the hand parser takes: option -> (keyword, kind).
_EVALUATE_OPTIONS: dict[str, tuple[str, str]] = {
    "-s": ("semantics", "semantics"), "--semantics": ("semantics", "semantics"),
    "-f": ("output_format", "format"), "--format": ("output_format", "format"),
    "--explain": ("explain", "true"), "--no-explain": ("explain", "false"),
    "--indent": ("indent", "indent"),
    "-t": ("timeout", "seconds"), "--timeout": ("timeout", "seconds"),
    "-e": ("list_extensions", "extensions"), "--extensions": ("list_extensions", "extensions"),
    "--statuses": ("statuses", "true"),
    "--af-names": ("af_names", "true"),
    "--max-bytes": ("max_bytes", "max_bytes"),
    "--max-arguments": ("max_arguments", "max_arguments"),
    "--require-support": ("require_support", "true"),
    "--no-require-support": ("require_support", "false"),
    "--mediated": ("mediated", "true"),
}

#: Whole-number options: (smallest, largest), as the Typer options declare them.
_EVALUATE_COUNTS = {"indent": (0, 16), "extensions": (0, 10**9),
                    "max_bytes": (1, 1 << 40), "max_arguments": (0, 1 << 31)}


def _evaluate_fast(args: list[str]) -> dict[str, Any] | None:
    """The keyword arguments of ``run_evaluate`` for ``argmap evaluate FILE [options]``
    when FILE is a framework file (.af, .apx, .tgf) and every option is one this parser
    reads exactly as Typer would; else ``None`` (Typer then parses, so that help, usage
    errors and every other option behave as documented).

    Taken: each option at most once, as ``--opt VALUE`` (not ``--opt=VALUE`` nor
    ``-sVALUE``), values in the option's choices or range written plainly (digits; the
    time limit as digits with an optional decimal part, at most 1,000,000).
    """
    from argmap._cli.evaluate_run import FRAMEWORK_SUFFIXES  # noqa: PLC0415 -- light

    found: dict[str, Any] = {}
    file: str | None = None
    i = 1
    while i < len(args):
        word = args[i]
        i += 1
        if not word.startswith("-"):
            if file is not None:
                return None  # a second argument: Typer's error
            file = word
            continue
        spec = _EVALUATE_OPTIONS.get(word)
        if spec is None:
            return None  # --help, --export-af, --input-format, --opt=value, typos ...
        key, kind = spec
        if key in found:
            return None  # given twice (or --explain with --no-explain)
        if kind in ("true", "false"):
            found[key] = kind == "true"
            continue
        if i >= len(args):
            return None
        value = args[i]
        i += 1
        if kind == "semantics":
            if value not in ("grounded", "complete", "preferred", "stable"):
                return None
            found[key] = value
        elif kind == "format":
            if value not in ("text", "json"):
                return None
            found[key] = value
        elif kind == "seconds":
            whole, _, part = value.partition(".")
            if not (whole.isascii() and whole.isdigit() and len(whole) <= 7
                    and (not part or (part.isascii() and part.isdigit()))):
                return None
            seconds = float(value)
            if seconds > 1_000_000:
                return None
            found[key] = seconds
        else:
            low, high = _EVALUATE_COUNTS[kind]
            if not (value.isascii() and value.isdigit() and len(value) <= 15):
                return None
            number = int(value)
            if not low <= number <= high:
                return None
            found[key] = number
    if file is None or not file.lower().endswith(FRAMEWORK_SUFFIXES):
        return None
    return {"file": file, **found}


def _click_module() -> Any:
    """The Click that Typer uses (Typer 0.28 carries its own copy as ``typer._click``)."""
    import typer.core  # noqa: PLC0415 -- loaded already

    return getattr(typer.core, "_click", None) or typer.core.click  # type: ignore[attr-defined]


#: Errors of writing to a stream that mean the output is lost (not a bug of argmap).
_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG, errno.EPIPE,
                  errno.EBADF}


def _discard_stdout() -> None:
    """Point standard output at /dev/null, so that the flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass  # no real descriptor (a test runner's stream): nothing will be flushed
