"""``argmap solve``: the ICCMA 2023 solver interface (``-p TASK -f FILE [-a ARG]``).

A competition harness calls a solver thousands of times, so this command parses its few
options by hand and never imports Typer: ``argmap.cli.main`` hands ``solve`` straight to
:func:`run`.  It is also registered on the Typer application (:func:`register`) so that
``argmap --help`` lists it.
"""

from __future__ import annotations

import math
import sys
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    import typer

__all__ = ["SOLVE_HELP", "parse_count", "parse_seconds", "register", "run"]

SOLVE_HELP = """\
Usage: argmap solve -p TASK -f FILE [-a ARGUMENT] [options]
       argmap solve --problems | --formats

Solve one reasoning task on an abstract argumentation framework, following the
solver interface of the ICCMA 2023 competition, so that argmap can be run by a
competition harness and compared with native solvers (see docs/solve.md).

TASK is PROBLEM-SEMANTICS.  Problems: DC (is ARGUMENT in some extension?),
DS (is it in every extension?), SE (give one extension).  Semantics:
CO complete, PR preferred, ST stable, SST semi-stable, STG stage, ID ideal,
GR grounded.

Output (standard output, nothing else):
  SE  w 1 4 7   one extension ("w" alone: the empty one); NO if there is none
  DC  YES       and on the next line an extension containing ARGUMENT; or NO
  DS  YES       or NO and on the next line an extension without ARGUMENT

Options:
  -p, --task TASK          the task, e.g. DC-PR, DS-ST, SE-GR (see --problems)
  -f, --file FILE          the framework (.af of ICCMA 2023; also .apx, .tgf)
  -a, --argument ARGUMENT  the query argument of DC and DS tasks (.af: a number)
  -fo, --format FORMAT     read FILE as i23 (= af), apx or tgf (default: its
                           extension)
  --timeout SECONDS        give up after this many seconds (exit 1, nothing
                           printed); default: no limit (harnesses set their own)
  --max-bytes N            refuse a FILE larger than N bytes (default 268435456)
  --max-arguments N        refuse a header 'p af N' declaring more (default
                           10000000)
  --problems               print the supported tasks, as [DC-CO,DS-CO,...]
  --formats                print the supported input formats, as [i23,apx,tgf]
  -h, --help               show this message

Without options it prints its name and version.

Exit status: 0 answered, 1 the time limit ran out or FILE is not a valid
framework (its problems on standard error), 2 usage or I/O error.

Examples:
  argmap solve -p SE-PR -f instance.af
  argmap solve -p DS-PR -f instance.af -a 17
  argmap solve -p DC-ST -f debate.apx -a athens --timeout 60
"""

_FORMATS = ("i23", "apx", "tgf")

#: Longest time limit accepted (seconds, about 115 days).
_MAX_SECONDS = 1e7
#: Largest count accepted for the size limits (--max-bytes, --max-arguments).
_MAX_COUNT = 1 << 40


class _Usage(Exception):
    """A usage error: message and hint."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


def parse_seconds(option: str, value: str) -> float:
    """A time limit given on the command line: a finite number from 0 to 10,000,000.

    ``nan``, ``inf`` and larger numbers raise ``ValueError`` with a message that names
    the option.
    """
    try:
        seconds = float(value)
    except ValueError:
        raise ValueError(f"{option} takes a number of seconds, not {value[:40]!r}") from None
    if not math.isfinite(seconds) or not 0 <= seconds <= _MAX_SECONDS:
        raise ValueError(f"{option} must be a number of seconds from 0 to "
                         f"{_MAX_SECONDS:,.0f}, not {value[:40]!r}")
    return seconds


def parse_count(option: str, value: str, minimum: int = 1) -> int:
    """A size limit given on the command line: a whole number in a sane range."""
    text = value.strip().replace("_", "")
    if not (text.isascii() and text.isdigit()) or len(text) > 15:
        raise ValueError(f"{option} takes a whole number, not {value[:40]!r}")
    number = int(text)
    if not minimum <= number <= _MAX_COUNT:
        raise ValueError(f"{option} must be from {minimum:,} to {_MAX_COUNT:,}, "
                         f"not {value[:40]!r}")
    return number


def _shown(line: str) -> str:
    """An answer line as the terminal may see it: argument names of .apx/.tgf files are
    untrusted, so control and bidi characters are escaped (ICCMA's own numbers pass)."""
    if line.isprintable():
        return line
    from argmap._display import for_display  # noqa: PLC0415 -- only for odd names

    return for_display(line)


def _fail(message: str, hint: str | None = None, code: int = 2) -> NoReturn:
    from argmap._display import for_display  # noqa: PLC0415 -- only on errors

    sys.stderr.write(f"argmap: error: {for_display(message, newlines=True)}\n")
    if hint:
        sys.stderr.write(f"  hint: {for_display(hint, newlines=True)}\n")
    raise SystemExit(code)


_TAKES_VALUE = {
    "-p": "task", "--task": "task",
    "-f": "file", "--file": "file",
    "-a": "argument", "--argument": "argument",
    "-fo": "format", "--format": "format",
    "--timeout": "timeout", "--max-bytes": "max_bytes", "--max-arguments": "max_arguments",
}


def _parse(argv: list[str]) -> dict[str, str]:
    options: dict[str, str] = {}
    i = 0
    while i < len(argv):
        word = argv[i]
        name, eq, inline = word.partition("=")
        if name in ("-h", "--help", "--problems", "--formats", "--version") and not eq:
            options[name.lstrip("-")] = ""
            i += 1
            continue
        key = _TAKES_VALUE.get(name)
        if key is None:
            raise _Usage(f"unknown option {word[:40]!r}", "see argmap solve --help")
        if eq:
            value = inline
        elif i + 1 < len(argv):
            value = argv[i + 1]
            i += 1
        else:
            raise _Usage(f"{name} needs a value", "see argmap solve --help")
        if key in options:
            raise _Usage(f"{name} is given twice")
        options[key] = value
        i += 1
    return options


def run(argv: list[str]) -> int:
    """Run ``argmap solve`` with ``argv`` (the words after ``solve``); the exit status."""
    try:
        options = _parse(argv)
    except _Usage as exc:
        _fail(str(exc), exc.hint)
    out = sys.stdout
    if "help" in options or "h" in options:
        out.write(SOLVE_HELP)
        return 0
    if "problems" in options:
        from argmap._af.tasks import TASKS  # noqa: PLC0415 -- light, and only here

        out.write("[" + ",".join(TASKS) + "]\n")
        return 0
    if "formats" in options:
        out.write("[" + ",".join(_FORMATS) + "]\n")
        return 0
    if not options or "version" in options:
        from argmap._version import __version__  # noqa: PLC0415 -- tiny

        out.write(f"argmap {__version__}\nThe argmap developers\n")
        return 0
    return _solve(options)


def _solve(options: dict[str, str]) -> int:
    from argmap._af.formats import (  # noqa: PLC0415 -- after the cheap answers above
        MAX_ARGUMENTS,
        MAX_FRAMEWORK_BYTES,
        FrameworkSyntaxError,
        read_framework_file,
    )
    from argmap._af.solve import Outcome  # noqa: PLC0415 -- same
    from argmap._af.tasks import parse_task, solve_task  # noqa: PLC0415 -- same
    from argmap.errors import ArgmapError, ReadError  # noqa: PLC0415 -- same

    for needed, flag in (("task", "-p TASK"), ("file", "-f FILE")):
        if needed not in options:
            _fail(f"{flag} is missing",
                  "argmap solve -p TASK -f FILE [-a ARGUMENT]; see argmap solve --help")
    try:
        problem, semantics = parse_task(options["task"])
        timeout = (parse_seconds("--timeout", options["timeout"])
                   if "timeout" in options else None)
        max_bytes = (parse_count("--max-bytes", options["max_bytes"])
                     if "max_bytes" in options else MAX_FRAMEWORK_BYTES)
        max_arguments = (parse_count("--max-arguments", options["max_arguments"], 0)
                         if "max_arguments" in options else MAX_ARGUMENTS)
    except (ArgmapError, ValueError) as exc:
        _fail(str(exc), "see argmap solve --help")
    query = options.get("argument")
    if problem == "SE" and query is not None:
        _fail(f"{problem}-{semantics} takes no -a ARGUMENT")
    if problem != "SE" and query is None:
        _fail(f"{problem}-{semantics} needs -a ARGUMENT (the query)")
    fmt = options.get("format")
    if fmt is not None:
        fmt = fmt.lower().lstrip(".")
        if fmt not in (*_FORMATS, "af"):
            _fail(f"unknown format {options['format'][:40]!r}", "use i23 (or af), apx or tgf")
        fmt = "af" if fmt == "i23" else fmt
    path = options["file"]
    try:
        parsed = read_framework_file(path, fmt, max_bytes=max_bytes,
                                     max_arguments=max_arguments)
    except FrameworkSyntaxError as exc:
        for diagnostic in exc.diagnostics:
            sys.stderr.write(f"{diagnostic}\n")
        _fail(f"{path}: not a valid framework; nothing solved", code=1)
    except ReadError as exc:
        _fail(str(exc))
    except ArgmapError as exc:
        _fail(str(exc), "name the file .af, .apx or .tgf, or give -fo FORMAT")
    for note in parsed.notes:
        sys.stderr.write(f"{note}\n")
    try:
        result = solve_task(parsed.framework, f"{problem}-{semantics}", query,
                            timeout=timeout)
    except ArgmapError as exc:
        _fail(str(exc))
    if result.outcome is Outcome.TIMEOUT:
        _fail(f"the time limit of {timeout:g} s ran out; no answer", code=1)
    sys.stdout.write("".join(_shown(line) + "\n" for line in result.iccma_lines()))
    return 0


def register(app: typer.Typer) -> None:
    """Add ``argmap solve`` to ``app`` (its options are parsed by :func:`run`)."""
    import typer  # noqa: PLC0415 -- only when the Typer application is built

    def solve_command(ctx: typer.Context) -> None:
        raise typer.Exit(run(list(ctx.args)))

    # Typer reads the annotations at run time; this module imports typer lazily.
    solve_command.__annotations__ = {"ctx": typer.Context, "return": None}

    app.command(
        "solve",
        help=SOLVE_HELP.split("\n\n", 2)[1].replace("\n", " ") + "  Run `argmap solve "
        "--help` for its options (-p TASK -f FILE [-a ARGUMENT]).",
        add_help_option=False,
        context_settings={"ignore_unknown_options": True, "allow_extra_args": True,
                          "help_option_names": []},
    )(solve_command)
