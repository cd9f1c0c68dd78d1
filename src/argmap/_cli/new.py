"""``argmap new``: write a commented starter map."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Annotated

import typer

from argmap._cli.common import fail, write_output
from argmap._display import for_display

__all__ = ["register"]

NEW_HELP = """\
Write a commented starter map to fill in: the schema line for editors, a main claim,
a reason and an objection, each key explained.  It validates, and `argmap check` finds
no error in it as it is (the classroom profile asks for what a student adds: evidence
under each reason, answers to objections); replace the texts in <angle brackets> with
your own.

With --assignment, the starter has the shape of the teacher's assignment profile (the
assignment.toml of `argmap grade`, read and checked the same way: a bad profile is an
error at its file:line:col): the thesis on the side `[thesis] side` asks for (a comment
names its `keywords`), `[reasons] min` reasons, each with `[evidence] per-reason`
evidence items whose source has the lines `[sources] need` asks for (a date, a url),
`[objections] min` objections, `[answers] min` answers, linked premises and a chain of
reasons as deep as `[linked-premises]` and `[depth]` ask, and only the attack kinds
`[relations] allowed` lists.  Every text is a <placeholder>: `argmap grade` gives a
claim or evidence item still in angle brackets no points, so the unedited starter does
not pass; write your own texts in their place.

The map is written to OUT, or to standard output without -o (or with `-o -`).  An
existing file is never overwritten.

Exit status: 0 written, 2 usage or I/O error (OUT exists, an unreadable or invalid\nassignment).

Examples:

  argmap new -o my-debate.argmap.yaml

  argmap new --assignment assignment.toml -o essay.argmap.yaml

  argmap new > draft.argmap.yaml
"""


def new_command(
    output: Annotated[str, typer.Option(
        "--output", "-o", metavar="OUT", help="The file to write (- for standard output); "
        "it must not exist yet.")] = "-",
    assignment: Annotated[str | None, typer.Option(
        "--assignment", "-a", metavar="FILE",
        help="Give the starter the shape this assignment profile asks for (the "
        "assignment.toml of `argmap grade`).",
        show_default=False)] = None,
    schema: Annotated[str, typer.Option(
        "--schema", metavar="REF", help="What the `$schema=` line points at: a path "
        "relative to the map, or a URL (`argmap schema -o argmap.schema.json` writes "
        "the schema).")] = "argmap.schema.json",
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="Do not say what was written.")] = False,
) -> None:
    from argmap._starter import starter_map  # noqa: PLC0415 -- light start-up
    device = output != "-" and Path(output).exists() and not (
        Path(output).is_file() or Path(output).is_dir())  # /dev/stdout, a FIFO
    if output != "-" and Path(output).is_dir():
        fail(f"{output} is a folder", "name the map file to write in it, e.g. "
             f"-o {Path(output) / 'my-map.argmap.yaml'}")
    if output != "-" and not device and (Path(output).exists() or Path(output).is_symlink()):
        fail(f"{output} exists; argmap new never overwrites a file",
             "use another name with -o (or remove the file first)")
    if any(c in schema for c in "\r\n"):
        fail("--schema holds a line break", "give one path or URL")
    profile = None
    if assignment is not None:
        # grade's own reader: the same file:line:col errors as `argmap grade -a`
        from argmap.grade import AssignmentError, load_assignment  # noqa: PLC0415

        try:
            profile = load_assignment(assignment)
        except AssignmentError as exc:
            where = exc.file + (f":{exc.line}" if exc.line else "") + (
                f":{exc.column}" if exc.line and exc.column else "")
            fail(f"{where}: {exc.reason}", exc.hint)
        from argmap._starter import shape_of  # noqa: PLC0415 -- only with --assignment

        for note in shape_of(profile).notes:
            typer.echo(for_display(f"argmap: note: {note}"), err=True)
    shown = "my-map.argmap.yaml" if output == "-" else Path(output).name
    text = starter_map(profile, file=shown, schema=schema)
    _check_starter(text, assignment)
    if output == "-" or device:
        write_output(output, text.encode("utf-8"), inputs=())
        return
    _write_new(output, text.encode("utf-8"))
    if not quiet:
        typer.echo(for_display(f"argmap: wrote {output}; fill it in, then run "
                               f"`argmap check {shlex.quote(output)}`"), err=True)


def _check_starter(text: str, assignment: str | None) -> None:
    """Refuse a starter that would not validate (a side from the assignment that the
    format refuses, such as one with control characters)."""
    from argmap._load import validate_bytes  # noqa: PLC0415 -- light start-up
    from argmap.errors import Severity  # noqa: PLC0415 -- same

    result = validate_bytes(text.encode("utf-8"), file="starter")
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    if errors:
        where = f"the assignment {assignment}" if assignment else "the options"
        fail(f"the starter made from {where} is not a valid map: {errors[0].message}",
             "fix [thesis] side in the assignment" if assignment
             else None)


def _write_new(output: str, data: bytes) -> None:
    """Create ``output`` (never replacing a file, even one made in the meantime)."""
    from argmap._io import os_error_reason  # noqa: PLC0415 -- only when writing a file

    path = Path(output)
    try:
        handle = path.open("xb")
    except FileExistsError:
        fail(f"{output} exists; argmap new never overwrites a file",
             "use another name with -o (or remove the file first)")
    except OSError as exc:
        fail(f"cannot write {output}: {os_error_reason(exc, output)}")
    try:
        with handle:
            handle.write(data)
    except OSError as exc:
        path.unlink(missing_ok=True)  # no half-written starter left behind
        fail(f"cannot write {output}: {os_error_reason(exc, output)}")


def register(app: typer.Typer) -> None:
    """Add ``argmap new`` to ``app``."""
    app.command("new", help=NEW_HELP)(new_command)
