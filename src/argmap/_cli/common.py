"""What every command shares: exit codes, inputs, output files, errors."""

from __future__ import annotations

import enum
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import typer

from argmap.errors import ArgmapError

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_OK",
    "EXIT_USAGE",
    "MAX_BYTES_DEFAULT",
    "ReportFormat",
    "expand_inputs",
    "fail",
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
