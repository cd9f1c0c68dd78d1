"""What every command shares: exit codes, inputs, output files, options, errors.

Outputs: every command that writes a file goes through :func:`write_output`, naming its
inputs; an output that is the same file as an input is refused (exit 2) before anything
is written (:func:`refuse_same_file` checks it before the work starts).  Messages: every
error goes through :func:`fail`, which escapes control characters.
"""

from __future__ import annotations

import enum
import math
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from argmap._display import for_display
from argmap.errors import ArgmapError

if TYPE_CHECKING:
    from argmap._load import ValidationResult
    from argmap._report import FileReport
    from argmap.check import Locate

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_OK",
    "EXIT_USAGE",
    "INPUT_FORMATS",
    "MAX_BYTES_DEFAULT",
    "MAX_BYTES_LIMIT",
    "ReportFormat",
    "check_number",
    "expand_inputs",
    "fail",
    "guard_numeric_options",
    "indent_option",
    "max_bytes_option",
    "note_skipped",
    "read_validated",
    "refuse_same_file",
    "report_and_exit",
    "write_output",
]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

#: What --input-format of validate and check accepts.
INPUT_FORMATS = ("yaml", "json", "argdown")

#: Files read from folders: argmap YAML/JSON and Argdown.
MAP_SUFFIXES = (".yaml", ".yml", ".json", ".argdown", ".ad")

#: The default of every command's --max-bytes (the same as argmap._parse.MAX_BYTES,
#: repeated here so that building the CLI does not import the parser).
MAX_BYTES_DEFAULT = 32 * 1024 * 1024
#: The largest --max-bytes any command accepts (2 GiB; the default is 32 MiB).
MAX_BYTES_LIMIT = 1 << 31
#: Upper bounds of numeric options that declare none (see :func:`check_number`).
INT_OPTION_LIMIT = 1 << 31
FLOAT_OPTION_LIMIT = 1_000_000.0


class ReportFormat(enum.StrEnum):
    """Output formats of commands that report diagnostics."""

    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"


def fail(message: str, hint: str | None = None, code: int = EXIT_USAGE) -> NoReturn:
    """Print ``argmap: error: message`` (and a hint) to stderr and exit.

    Control characters in either (a file name, a quoted value) are shown escaped.
    """
    typer.echo(f"argmap: error: {for_display(message, newlines=True)}", err=True)
    if hint:
        typer.echo(f"  hint: {for_display(hint, newlines=True)}", err=True)
    raise typer.Exit(code)


def _number_text(value: float) -> str:
    if isinstance(value, float) and not value.is_integer():
        return repr(value)
    return f"{int(value):,}"


def _number_range(low: float | None, high: float) -> str:
    if low is None:
        return f"of at most {_number_text(high)}"
    return f"from {_number_text(low)} to {_number_text(high)}"


_INT_TYPES = frozenset({"IntParamType", "IntRange"})
_FLOAT_TYPES = frozenset({"FloatParamType", "FloatRange"})


def _numeric_kind(param: Any) -> str | None:
    """``"int"`` or ``"float"`` for a Click option of that type (any Click, vendored or
    not), else ``None``."""
    names = {cls.__name__ for cls in type(getattr(param, "type", None)).__mro__}
    if names & _FLOAT_TYPES:
        return "float"
    if names & _INT_TYPES:
        return "int"
    return None


def check_number(param: Any, value: Any) -> Any:
    """Refuse a numeric option value that is not finite or out of the option's range.

    Typer/Click accept ``nan`` and ``inf`` for float options (a range check with
    ``nan`` is always false) and integers of any size; both end in tracebacks deep in
    the library.  The range is the option's own (``min=``/``max=``), with an upper bound
    of :data:`INT_OPTION_LIMIT` or :data:`FLOAT_OPTION_LIMIT` where it declares none.
    Raises ``typer.BadParameter`` (a usage error: exit 2) naming the accepted range.
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, (list, tuple)):
        return type(value)(check_number(param, v) for v in value)
    is_float = _numeric_kind(param) == "float"
    low = getattr(param.type, "min", None)
    high = getattr(param.type, "max", None)
    if high is None:
        high = FLOAT_OPTION_LIMIT if is_float else INT_OPTION_LIMIT
    kind = "a number" if is_float else "a whole number"
    wanted = f"give {kind} {_number_range(low, high)}"
    if isinstance(value, float) and not math.isfinite(value):
        raise typer.BadParameter(f"{value} is not a finite number; {wanted}")
    if (low is not None and value < low) or value > high:
        raise typer.BadParameter(f"{value} is out of range; {wanted}")
    return value


def _bounded_callback(previous: Callable[..., Any] | None) -> Callable[[Any, Any, Any], Any]:
    def callback(ctx: Any, this: Any, value: Any) -> Any:
        value = check_number(this, value)
        return previous(ctx, this, value) if previous is not None else value

    return callback


def guard_numeric_options(command: Any) -> None:
    """Make every numeric option of ``command`` (and its subcommands) go through
    :func:`check_number`: one rule for every command, present and future."""
    for param in getattr(command, "params", ()):
        if _numeric_kind(param) is not None:
            param.callback = _bounded_callback(param.callback)
    for sub in getattr(command, "commands", {}).values():
        guard_numeric_options(sub)


def max_bytes_option() -> Any:
    """The ``--max-bytes N`` option every command that reads a map shares."""
    return typer.Option(
        "--max-bytes", metavar="N", min=1, max=MAX_BYTES_LIMIT,
        help=f"Refuse inputs larger than N bytes (1 to {MAX_BYTES_LIMIT:,}).",
    )


def indent_option() -> Any:
    """``--indent N``: pretty-print JSON output (compact by default)."""
    return typer.Option(
        "--indent", metavar="N", min=0, max=16,
        help="With --format json (or sarif): indent by N spaces (default: compact, one "
        "line).",
        show_default=False,
    )


def expand_inputs(paths: list[str], skipped: list[str] | None = None, *,
                  suffixes: tuple[str, ...] = MAP_SUFFIXES,
                  hidden_folders: bool = False) -> Iterator[str]:
    """Files named, and the map files under folders named (sorted, per folder).

    Map files are argmap YAML/JSON (.yaml, .yml, .json) and Argdown (.argdown, .ad),
    or the file name endings given as ``suffixes``.
    ``-`` stands for standard input.  Hidden folders (``.git``) are not entered (with
    ``hidden_folders``, those that are not a tool's own, such as ``.drafts/`` but not
    ``.git/``, are added to ``skipped``).  Other files in the folders (another
    extension, a hidden name) are added to ``skipped`` when it is given, so that the
    command can say what it left out
    (:func:`note_skipped`).  A name that does not exist is yielded as it is; reading it
    then reports the error.
    """
    refused: list[str] = []
    for name in paths:
        if name != "-" and Path(name).is_dir():
            found: list[str] = []
            for folder, dirs, files in os.walk(name):
                if skipped is not None and hidden_folders:
                    skipped.extend(str(Path(folder) / d) + os.sep for d in dirs
                                   if d.startswith(".") and d not in _TOOL_FOLDERS)
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                # os.walk does not enter linked folders; say that they were left out.
                refused.extend(f"{Path(folder) / d}{os.sep} (a symbolic link: not followed)"
                               for d in dirs if (Path(folder) / d).is_symlink())
                for file in files:
                    full = str(Path(folder) / file)
                    wanted = (not file.startswith(".")
                              and Path(file).suffix.lower() in suffixes)
                    if wanted:
                        why = _not_plain(full)
                        if why is None:
                            found.append(full)
                        else:
                            refused.append(f"{full} ({why})")
                    elif skipped is not None and not _companion(file):
                        skipped.append(full)
            yield from sorted(found)
        else:
            yield name
    note_refused(refused)


def _not_plain(path: str) -> str | None:
    """Why a file found in a folder is not read (a link, a FIFO), or None to read it.

    A link inside a folder may point anywhere on the machine (a pull request can add
    one to a file of secrets): only files named on the command line are followed.
    """
    from argmap._load import special_kind  # noqa: PLC0415 -- keep `argmap --help` light

    try:
        status = os.lstat(path)
    except OSError:
        return "gone before it could be read"
    import stat  # noqa: PLC0415 -- small

    if stat.S_ISLNK(status.st_mode):
        return "a symbolic link: not followed"
    kind = special_kind(status.st_mode)
    return None if kind is None else f"not a regular file: {kind}"


def note_refused(refused: Sequence[str]) -> None:
    """One line on stderr naming the entries of folders that were not read, and why."""
    if not refused:
        return
    names = sorted(refused)
    shown = ", ".join(names[:SKIPPED_SHOWN])
    if len(names) > SKIPPED_SHOWN:
        shown += f", ... ({len(names) - SKIPPED_SHOWN:,} more)"
    count = f"{len(names):,} entr{'y' if len(names) == 1 else 'ies'}"
    typer.echo(for_display(f"argmap: note: not read {count} in the folders named: {shown} "
                           "(name a file on the command line to read it)"), err=True)


#: Hidden folders of tools (version control, editors, caches): not named as skipped.
_TOOL_FOLDERS = frozenset({".git", ".hg", ".svn", ".venv", ".tox", ".nox", ".idea",
                           ".vscode", ".mypy_cache", ".pytest_cache", ".ruff_cache",
                           ".ipynb_checkpoints", ".github", ".cache"})

#: Files argmap reads itself in a folder of maps (settings): not named as skipped.
_CONFIGS = frozenset({"argmap.toml", "pyproject.toml"})

_COMPANIONS = ("README", "LICENSE", "LICENCE", "CHANGELOG")


def _companion(name: str) -> bool:
    """A file that goes with a folder of maps (settings, a README): not a submission."""
    return name in _CONFIGS or name.upper().startswith(_COMPANIONS)


#: Names listed in the note on skipped files; the rest are counted.
SKIPPED_SHOWN = 10


def note_skipped(skipped: Sequence[str], *, suffixes: tuple[str, ...] = MAP_SUFFIXES) -> None:
    """One line on stderr naming the files in folders that were not read (if any)."""
    if not skipped:
        return
    names = sorted(skipped)
    shown = ", ".join(names[:SKIPPED_SHOWN])
    if len(names) > SKIPPED_SHOWN:
        shown += f", ... ({len(names) - SKIPPED_SHOWN:,} more)"
    count = f"{len(names):,} file{'' if len(names) == 1 else 's'}"
    typer.echo(
        for_display(f"argmap: note: skipped {count} in the folders named: {shown} (hidden, "
                    f"or not a map extension: {', '.join(suffixes)})"),
        err=True,
    )


def refuse_same_file(target: str | None, inputs: Iterable[str]) -> None:
    """Exit 2 when the output ``target`` is the same file as one of ``inputs``.

    Commands call it before the work starts (so a long render is not wasted);
    :func:`write_output` checks again when it writes.
    """
    if target is None or target == "-":
        return
    from argmap._io import same_file_as  # noqa: PLC0415 -- only for commands that write

    clash = same_file_as(target, inputs)
    if clash is not None:
        shown = "standard input" if clash == "-" else f"the input {clash}"
        fail(
            f"the output {target} is the same file as {shown}; "
            "writing it would destroy the input",
            "name another output file",
        )


def write_output(target: str, data: bytes, *, inputs: Iterable[str]) -> None:
    """Write a command's output: ``-`` is standard output, anything else a file.

    ``inputs`` are the files the command read: an output that is the same file as one
    of them is refused.  Regular files are written atomically, devices and FIFOs
    directly (:func:`argmap._io.write_file`); a failure (no such folder, no space left
    on the device) is a usage/I-O error: exit 2.
    """
    if target == "-":
        binary = data[:8] == b"\x89PNG\r\n\x1a\n" or data[:5] == b"%PDF-"
        if binary and sys.stdout.isatty():
            fail("refusing to write a binary image (PNG or PDF) to the terminal",
                     "name an output file (-o map.png), or redirect: -o - > map.png")
        try:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        except BrokenPipeError:
            raise  # cli.main ends quietly when the reader went away
        except OSError as exc:
            from argmap._io import os_error_reason  # noqa: PLC0415 -- only on failure

            fail(f"cannot write to standard output: {os_error_reason(exc, '-')}")
        return
    from argmap._io import write_file  # noqa: PLC0415 -- only when writing files
    from argmap.errors import WriteError  # noqa: PLC0415 -- same

    try:
        write_file(target, data, inputs=inputs)
    except WriteError as exc:
        hint = None
        if "same file" in exc.reason:
            hint = "name another output file"
        elif "no such folder" in exc.reason:
            hint = "create the folder first, or name an existing one"
        fail(f"cannot write {exc.path}: {exc.reason}", hint)


def error_exit(exc: ArgmapError) -> NoReturn:
    """Report a library error as a usage/I-O error."""
    fail(str(exc))


def env_flag(name: str) -> bool:
    """True when the environment variable is set to something other than 0/empty."""
    return os.environ.get(name, "") not in ("", "0")


def read_validated(
    name: str, input_format: str | None, max_bytes: int
) -> tuple[bytes, ValidationResult, Locate | None] | FileReport:
    """Read one input (``-`` is stdin) and validate it; an unreadable one is a report.

    Also returns, for a file imported from another format (Argdown), where its entries
    are in that file (a locator for findings), else ``None`` (the result locates them).
    """
    from argmap import _load  # noqa: PLC0415 -- keep `argmap --help` light
    from argmap._report import FileReport  # noqa: PLC0415 -- same
    from argmap.errors import Diagnostic, Location, ReadError  # noqa: PLC0415 -- same

    try:
        raw = read_stdin(max_bytes) if name == "-" else _load.read_bytes(name, max_bytes)
    except ReadError as exc:
        problem = Diagnostic("io", f"cannot read the file: {exc.reason}", Location(name))
        return FileReport(name, (problem,), unreadable=True)
    except MemoryError:
        problem = Diagnostic("io", "cannot read the file: not enough memory for "
                             f"--max-bytes {max_bytes:,}", Location(name),
                             hint="give a smaller --max-bytes")
        return FileReport(name, (problem,), unreadable=True)
    from argmap._formats.reading import converted_format  # noqa: PLC0415 -- same

    converted = "argdown" if input_format == "argdown" else (
        converted_format(name) if input_format is None else None)
    if converted is not None:
        from argmap._formats.reading import read_converted_located  # noqa: PLC0415 -- same

        imported, problems, lines = read_converted_located(
            raw, file=name, format=converted, max_bytes=max_bytes)
        return raw, _load.ValidationResult(name, imported, problems), lines
    result = _load.validate_bytes(raw, file=name, format=input_format, max_bytes=max_bytes)
    return raw, result, None


def read_stdin(max_bytes: int) -> bytes:
    """Standard input, at most ``max_bytes + 1`` bytes (one more shows it is too large),
    read in chunks so that a large limit does not allocate its size up front."""
    chunks: list[bytes] = []
    left = max_bytes + 1
    stream = sys.stdin.buffer
    while left > 0:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def report_and_exit(
    reports: Sequence[FileReport],
    output_format: ReportFormat,
    verb: str,
    *,
    quiet: bool,
    indent: int | None = None,
) -> NoReturn:
    """Print the reports in the chosen format and exit: 2 if any input was unreadable,
    1 if any has an error-level diagnostic, else 0.

    ``quiet`` leaves out files without diagnostics (and, in text, the summary when all
    is well); the summary always counts every file.  ``indent`` pretty-prints JSON.
    """
    from argmap._report import reporter  # noqa: PLC0415 -- keep `argmap --help` light

    text = reporter(output_format.value)(reports, verb, quiet=quiet, indent=indent)
    if text:
        typer.echo(text, nl=False)
    if any(r.unreadable for r in reports):
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_FINDINGS if any(r.errors for r in reports) else EXIT_OK)
