"""``argmap validate`` and ``argmap schema``."""

from __future__ import annotations

from typing import Annotated

import typer

from argmap._cli.common import (
    INPUT_FORMATS,
    MAX_BYTES_DEFAULT,
    ReportFormat,
    expand_inputs,
    fail,
    indent_option,
    max_bytes_option,
    note_skipped,
    read_validated,
    report_and_exit,
)
from argmap._cli.style import TextChoice

__all__ = ["register"]

VALIDATE_HELP = """\
Validate argument maps: syntax, the JSON Schema, ids and references.

Every problem in every file is reported in one run, as
`path:line:column: error[code]: message (hint: how to fix it)`.
FILES may be files, folders (every .yaml, .yml, .json, .argdown and .ad file below
them; other files there are named in a note) or `-` for standard input.  Symbolic
links and FIFOs found inside folders are not read (a note names them); a file named
here is read even when it is a link.  Argdown files are imported on the way: problems
are reported at their Argdown line.

Control characters in the maps and file names are shown escaped (`\\x1b`); JSON
output keeps every value exact, on one line unless --indent is given.

Exit status: 0 all valid, 1 problems found, 2 usage or I/O error.

Examples:

  argmap validate examples/one-threat.argmap.yaml

  argmap validate class-7b/ --format json --indent 2 > report.json
"""


def validate_command(
    files: Annotated[
        list[str],
        typer.Argument(help="Map files (YAML, JSON, Argdown), folders of maps, or - for "
                       "stdin.", show_default=False, metavar="FILE..."),
    ],
    output_format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", metavar="FORMAT",
                     help="Report as text, json, github (Actions annotations), sarif "
                     "(SARIF 2.1.0, code scanning) or junit (JUnit XML, test dashboards)."),
    ] = ReportFormat.text,
    input_format: Annotated[
        str | None,
        typer.Option(
            "--input-format",
            metavar="FORMAT", click_type=TextChoice(INPUT_FORMATS),
            help="Read inputs as yaml, json or argdown (default: from the extension; for stdin, "
            "from the first character).",
        ),
    ] = None,
    max_bytes: Annotated[int, max_bytes_option()] = MAX_BYTES_DEFAULT,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="Print nothing for valid files (and no summary "
                     "when all are valid)."),
    ] = False,
    indent: Annotated[int | None, indent_option()] = None,
    show_source: Annotated[
        bool,
        typer.Option(
            "--show-source", help="Quote the offending line under each problem (text format)."
        ),
    ] = False,
) -> None:
    from argmap._report import FileReport  # noqa: PLC0415 -- keep `argmap --help` light

    if input_format is not None and input_format not in INPUT_FORMATS:
        fail(f"unknown input format {input_format!r}",
             "use --input-format yaml, json or argdown")
    fmt = input_format
    skipped: list[str] = []
    names = list(expand_inputs(files, skipped))
    note_skipped(skipped)
    if not names:
        fail("no map files found (.yaml, .yml, .json, .argdown or .ad)",
             "name files, or a folder with maps")
    reports: list[FileReport] = []
    for name in names:
        read = read_validated(name, fmt, max_bytes)
        if isinstance(read, FileReport):
            reports.append(read)
            continue
        raw, result, _ = read
        source = None
        if show_source and result.diagnostics:
            source = raw.decode("utf-8", "replace").removeprefix("\ufeff")
        reports.append(FileReport(name, result.diagnostics, source=source))
    report_and_exit(reports, output_format, "validated", quiet=quiet, indent=indent)


def schema_command(
    output: Annotated[
        str,
        typer.Option(
            "--output", "-o", help="Write to this file instead of stdout.", metavar="OUT"
        ),
    ] = "-",
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Do not say what was written.")
    ] = False,
) -> None:
    """Print the JSON Schema of the argument-map format (draft 2020-12).

    Point your editor at it for completion and inline help, for example in VS Code with
    the YAML extension: `# yaml-language-server: $schema=argmap.schema.json`.

    Example:

      argmap schema -o argmap.schema.json
    """
    from argmap._cli.common import write_output  # noqa: PLC0415 -- light start-up
    from argmap._schema import schema_text  # noqa: PLC0415 -- same

    write_output(output, schema_text().encode("utf-8"), inputs=())
    if not quiet:
        from argmap._cli.batch import say_wrote  # noqa: PLC0415 -- light start-up

        say_wrote(output)


def register(app: typer.Typer) -> None:
    """Add the commands of this module to ``app``."""
    app.command("validate", help=VALIDATE_HELP, no_args_is_help=True)(validate_command)
    app.command("schema")(schema_command)
