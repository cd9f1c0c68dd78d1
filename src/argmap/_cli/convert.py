"""``argmap convert``: between argmap and the formats of the field."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from argmap._cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    MAX_BYTES_DEFAULT,
    fail,
    read_stdin,
    refuse_same_file,
    write_output,
)
from argmap._cli.style import TextChoice
from argmap._display import for_display

__all__ = ["register"]

#: Every format of argmap.convert.FORMATS (a test keeps the two the same; this copy
#: spares building the options the import of every reader and writer).
FORMAT_NAMES = ("yaml", "json", "aif", "xaif", "sadface", "microtexts", "argdown",
                "mermaid", "graphml")
#: Those argmap reads, and those it writes (the same test checks them).
IMPORT_NAMES = ("yaml", "json", "aif", "xaif", "sadface", "microtexts", "argdown")
EXPORT_NAMES = ("yaml", "json", "aif", "xaif", "sadface", "argdown", "mermaid", "graphml")

CONVERT_HELP = """\
Convert an argument map between formats: argmap YAML/JSON, AIF JSON, xAIF, SADFace,
arg-microtexts XML and Argdown; export diagrams as Mermaid flowcharts and GraphML.

Formats come from the file names (.argmap.yaml/.yaml/.yml, .json, .aif.json, .xaif.json,
.sadface.json, .xml for arg-microtexts, .argdown, .mmd/.mermaid, .graphml) or from
--from (the input's) and -f/--to (the output's: -f is the output format in every
command).  A plain .json input is recognised by its content.  Imports: yaml, json,
aif, xaif, sadface, microtexts, argdown; exports: yaml, json, aif, xaif, sadface,
argdown, mermaid (renders on GitHub in a ```mermaid block), graphml (yEd, Gephi,
networkx).  JSON outputs are compact; --indent N pretty-prints them.

What one format can say and the other cannot is reported as warnings and notes on
stderr (see docs/convert.md); nothing is dropped silently.  The output is written only
when the whole conversion succeeded, atomically; `-o -` writes to stdout.

Exit status: 0 converted, 1 the input is not a valid map of its format (nothing
written), or converted with warnings when --strict is given, 2 usage or I/O error
(unreadable input, unsupported format).

Examples:

  argmap convert micro_b001.xml -o micro_b001.argmap.yaml

  argmap convert debate.argmap.yaml -o debate.aif.json

  argmap convert nodeset.json --from aif -f argdown -o -

  argmap convert debate.argmap.yaml -o debate.mmd

  argmap convert debate.argmap.yaml -o debate.graphml

  argmap convert debate.argmap.yaml -f sadface --indent 2 -o debate.json
"""


def convert_command(
    source: Annotated[
        str,
        typer.Argument(
            metavar="INPUT", help="The file to convert, or - for stdin.", show_default=False
        ),
    ],
    output: Annotated[
        str,
        typer.Option(
            "--output", "-o", help="Where to write the result (- for stdout).",
            show_default=False, metavar="OUT"
        ),
    ],
    to_format: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", "--to", help="The output's format (default: from the name "
            "of OUT; yaml for standard output).",
            show_default=False, metavar="FORMAT", click_type=TextChoice(EXPORT_NAMES),
        ),
    ] = None,
    from_format: Annotated[
        str | None,
        typer.Option(
            "--from", "--input-format", help="The input's format (default: from its name, "
            "or its content for .json and standard input).",
            show_default=False, metavar="FORMAT", click_type=TextChoice(IMPORT_NAMES),
        ),
    ] = None,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", help="Refuse inputs larger than N bytes.", min=1,
                          metavar="N")
    ] = MAX_BYTES_DEFAULT,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Do not print notes (warnings still "
                           "show) nor what was written.")
    ] = False,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Exit 1 when the conversion lost something (any warning)."),
    ] = False,
    indent: Annotated[
        int | None,
        typer.Option("--indent", help="Pretty-print JSON outputs with N spaces per level "
                     "(default: compact).", min=0, max=16, show_default=False,
                     metavar="N"),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace OUT even when it is a hand-written map "
                     "(argmap YAML/JSON, Argdown): its comments and layout are lost."),
    ] = False,
) -> None:
    from argmap import _load  # noqa: PLC0415 -- keep `argmap --help` light
    from argmap._formats.advice import able, unknown_format  # noqa: PLC0415 -- same
    from argmap.convert import (  # noqa: PLC0415 -- same
        FORMATS,
        content_format,
        detect_format,
        export_losses,
        export_map,
        read_map,
    )
    from argmap.errors import ReadError, Severity, UsageError  # noqa: PLC0415 -- same

    names = ", ".join(able("import"))
    if from_format is not None and from_format.lower() not in FORMATS:
        fail(f"unknown input format {from_format!r}",
             unknown_format(from_format, "import", api=False)[1])
    if to_format is not None and to_format.lower() not in FORMATS:
        fail(f"unknown output format {to_format!r}",
             unknown_format(to_format, "export", api=False)[1])
    refuse_same_file(output, [source])
    if not force:
        _refuse_hand_written(output, max_bytes)
    if to_format is not None and output != "-":
        _refuse_contradicting_name(output, to_format.lower(), detect_format(output))
    try:
        raw = read_stdin(max_bytes) if source == "-" else _load.read_bytes(source, max_bytes)
    except ReadError as exc:
        fail(f"cannot read {source}: {exc.reason}")
    fmt_in = from_format.lower() if from_format else detect_format(source, raw)
    if fmt_in is None:
        fail(
            f"cannot tell the format of {source} from its "
            + ("content" if source == "-" else "name"),
            f"name the format with --from (one of: {names})",
        )
    fmt_out = to_format.lower() if to_format else (detect_format(output) if output != "-" else None)
    if fmt_out is None:
        if output == "-":
            fmt_out = "yaml"
        else:
            suffix = output.rsplit(".", 1)[-1] if "." in output else ""
            fail(
                f"cannot tell the output format from the name {output!r}",
                unknown_format(suffix, "export", api=False)[1] if suffix
                and suffix.lower() not in FORMATS else
                f"name the format with -f/--to (one of: {', '.join(able('export'))})",
            )
    if not FORMATS[fmt_in].can_import:
        fail(
            f"argmap cannot import {fmt_in}",
            "imports: " + ", ".join(n for n, f in FORMATS.items() if f.can_import),
        )
    if not FORMATS[fmt_out].can_export:
        fail(
            f"argmap cannot export {fmt_out}",
            "exports: " + ", ".join(n for n, f in FORMATS.items() if f.can_export),
        )
    looks = content_format(raw)
    if from_format is not None and _disagree(fmt_in, looks):
        fail(f"cannot convert {source}: --from says {fmt_in}, but the file looks like "
             f"{FORMATS[looks or fmt_in].title}",
             f"leave out --from, or use --from {looks}", code=EXIT_FINDINGS)
    try:
        result = read_map(raw, fmt_in, file=source, max_bytes=max_bytes)
    except UsageError as exc:
        fail(str(exc))
    except Exception as exc:  # hostile input must never end in a traceback
        fail(f"cannot convert {source}: internal error ({type(exc).__name__}: {exc})",
             "this is a bug in argmap; please report it with the input file")
    shown = [d for d in result.diagnostics if not (quiet and d.severity is Severity.INFO)]
    for diagnostic in shown:
        typer.echo(str(diagnostic), err=True)
    if not result.ok or result.map is None:
        fail(
            f"cannot convert {source}: the input is not valid {FORMATS[fmt_in].title}",
            "fix the errors listed above, or check --from",
            code=EXIT_FINDINGS,
        )
    found = result.map
    if (fmt_in not in ("yaml", "json") and raw.strip()
            and not (found.claims or found.evidence or found.arguments or found.attacks)):
        fail(
            f"cannot convert {source}: nothing in it was read as {FORMATS[fmt_in].title} "
            "(the map would be empty)",
            (f"the file looks like {FORMATS[looks].title}: use --from {looks}"
             if looks is not None and looks != fmt_in else
             "check --from, or that the file holds an argument map"),
            code=EXIT_FINDINGS,
        )
    text = export_map(result.map, fmt_out, indent=indent)
    losses = export_losses(result.map, fmt_out)
    for diagnostic in losses:
        typer.echo(for_display(f"{output}: {diagnostic.severity.value}[{diagnostic.code}]: "
                               f"{diagnostic.message}"), err=True)
    write_output(output, text.encode("utf-8"), inputs=[source])
    if not quiet and output != "-" and Path(output).is_file():
        typer.echo(for_display(f"argmap: wrote {output} ({fmt_out})"), err=True)
    lost = bool(losses) or any(d.severity is Severity.WARNING for d in result.diagnostics)
    raise typer.Exit(EXIT_FINDINGS if strict and lost else EXIT_OK)


#: The formats whose files are JSON: a .json name suits any of them.
_JSON_FORMATS = frozenset({"json", "aif", "xaif", "sadface"})


def _refuse_contradicting_name(output: str, fmt_out: str, named: str | None) -> None:
    """Exit 2 when -f/--to and the name of the output say different formats (as with
    `-f aif -o map.yaml`: before -f meant --to, it was the input's format)."""
    pair = {named, fmt_out}
    if named is None or len(pair) == 1 or pair <= _JSON_FORMATS or pair == {"yaml", "json"}:
        return  # the JSON formats share .json; argmap JSON is YAML too
    fail(f"-f/--to says {fmt_out}, but the output name {output} says {named}",
         "-f names the OUTPUT format (the input's format is --from); name the output "
         "after its format, or leave out -f")


#: Formats read by the same reader: --from naming either suits a file of the other.
_SAME_READER = (frozenset({"aif", "xaif"}), frozenset({"yaml", "json"}))


def _disagree(named: str, looks: str | None) -> bool:
    """True when the content of the input plainly is another format than --from says.

    Only a definite recognition counts (:func:`argmap.convert.content_format`): a content
    that is merely JSON, or not recognised, never contradicts --from.
    """
    if looks is None or looks == named:
        return False
    return not any(named in group and looks in group for group in _SAME_READER)


#: Formats whose files people write and comment by hand: never replaced without --force.
_HAND_WRITTEN = frozenset({"yaml", "json", "argdown"})


def _refuse_hand_written(output: str, max_bytes: int) -> None:
    """Exit 2 when ``output`` is an existing hand-written map (argmap YAML or JSON,
    Argdown): a conversion would replace its comments and layout.  Generated formats
    (AIF, SADFace, Mermaid, GraphML), a ``.json`` that is no argmap map and empty files
    may be replaced."""
    from argmap.convert import (  # noqa: PLC0415 -- loaded by the caller
        content_format,
        detect_format,
    )

    if output == "-":
        return
    path = Path(output)
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return
        with path.open("rb") as handle:
            head = handle.read(min(max_bytes, 1_000_000))
    except OSError:
        return  # the write reports what is wrong with the path
    kind = detect_format(output)
    if kind == "json":  # a plain .json: an argmap map only when its content says so
        kind = content_format(head)
    if kind in _HAND_WRITTEN:
        what = "an Argdown file" if kind == "argdown" else f"an argmap {kind.upper()} map"
        fail(f"refusing to overwrite {output}: it is {what}, maybe written by hand, and "
             "converting over it would lose its comments and layout",
             "write to another file with -o, or add --force to replace it")


def register(app: typer.Typer) -> None:
    """Add ``convert`` to ``app``."""
    app.command("convert", help=CONVERT_HELP, no_args_is_help=True)(convert_command)
