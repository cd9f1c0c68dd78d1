"""What every command shares: exit codes, inputs, output files, errors."""

from __future__ import annotations

import enum
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from argmap.errors import ArgmapError

if TYPE_CHECKING:
    from argmap._load import ValidationResult
    from argmap._report import FileReport

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_OK",
    "EXIT_USAGE",
    "MAX_BYTES_DEFAULT",
    "ReportFormat",
    "expand_inputs",
    "fail",
    "read_validated",
    "report_and_exit",
    "write_output",
]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

MAP_SUFFIXES = (".yaml", ".yml", ".json")

#: The default of every command's --max-bytes (the same as argmap._parse.MAX_BYTES,
#: repeated here so that building the CLI does not import the parser).
MAX_BYTES_DEFAULT = 32 * 1024 * 1024


class ReportFormat(enum.StrEnum):
    """Output formats of commands that report diagnostics."""

    text = "text"
    json = "json"
    github = "github"


def fail(message: str, hint: str | None = None, code: int = EXIT_USAGE) -> NoReturn:
    """Print ``argmap: error: message`` (and a hint) to stderr and exit."""
    typer.echo(f"argmap: error: {message}", err=True)
    if hint:
        typer.echo(f"  hint: {hint}", err=True)
    raise typer.Exit(code)


def expand_inputs(paths: list[str]) -> Iterator[str]:
    """Files named, and the map files (.yaml, .yml, .json) under folders named, sorted.

    ``-`` stands for standard input.  Hidden folders (``.git``) are skipped.  A name that
    does not exist is yielded as it is; reading it then reports the error.
    """
    for name in paths:
        path = Path(name)
        if name != "-" and path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in MAP_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            yield from (str(p) for p in found)
        else:
            yield name


def write_output(target: str, data: bytes) -> None:
    """Write to a file atomically, or to stdout for ``-``."""
    if target == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from argmap._dump import atomic_write  # noqa: PLC0415 -- only when writing files

    try:
        atomic_write(target, data)
    except OSError as exc:
        fail(
            f"cannot write {target}: {exc.strerror or exc}",
            "check that the folder exists and is writable",
        )


def error_exit(exc: ArgmapError) -> NoReturn:
    """Report a library error as a usage/I-O error."""
    fail(str(exc))


def env_flag(name: str) -> bool:
    """True when the environment variable is set to something other than 0/empty."""
    return os.environ.get(name, "") not in ("", "0")


def read_validated(
    name: str, input_format: str | None, max_bytes: int
) -> tuple[bytes, ValidationResult] | FileReport:
    """Read one input (``-`` is stdin) and validate it; an unreadable one is a report."""
    from argmap import _load  # noqa: PLC0415 -- keep `argmap --help` light
    from argmap._report import FileReport  # noqa: PLC0415 -- same
    from argmap.errors import Diagnostic, Location, ReadError  # noqa: PLC0415 -- same

    try:
        if name == "-":
            raw = sys.stdin.buffer.read(max_bytes + 1)
        else:
            raw = _load.read_bytes(name, max_bytes)
    except ReadError as exc:
        problem = Diagnostic("io", f"cannot read the file: {exc.reason}", Location(name))
        return FileReport(name, (problem,), unreadable=True)
    return raw, _load.validate_bytes(raw, file=name, format=input_format, max_bytes=max_bytes)


def report_and_exit(
    reports: Sequence[FileReport], output_format: ReportFormat, verb: str, *, quiet: bool
) -> NoReturn:
    """Print the reports in the chosen format and exit: 2 if any input was unreadable,
    1 if any has an error-level diagnostic, else 0."""
    from argmap._report import reporter  # noqa: PLC0415 -- keep `argmap --help` light

    shown = [r for r in reports if r.diagnostics] if quiet else list(reports)
    if not (quiet and output_format is ReportFormat.text and not shown):
        typer.echo(reporter(output_format.value)(shown, verb), nl=False)
    if any(r.unreadable for r in reports):
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_FINDINGS if any(r.errors for r in reports) else EXIT_OK)
