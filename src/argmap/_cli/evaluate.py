"""``argmap evaluate``: which claims stand under a formal semantics, and why."""

from __future__ import annotations

import enum
import io
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from argmap._cli.batch import (
    BatchResult,
    gather,
    is_batch,
    make_output_folder,
    make_parent,
    output_names,
    relative_display,
    run_batch,
    say,
    say_wrote,
    summary,
)
from argmap._cli.common import MAP_SUFFIXES, fail, refuse_same_file, write_output
from argmap._cli.evaluate_run import FRAMEWORK_SUFFIXES, run_evaluate
from argmap._cli.style import TextChoice

__all__ = ["register"]

EVALUATE_HELP = """\
Compute which claims of a map stand under a formal argumentation semantics, and why.

FILE is an argument map (.yaml, .yml, .json) or an abstract argumentation framework in
an ICCMA format (.af of ICCMA 2023, .apx, .tgf).  A map is translated to a framework
(see docs/evaluation.md): every claim, evidence item and argument is an argument of the
framework; an argument needs all its premises; a conclusion needs one standing argument
for it; contradictions attack both ways.

Each node gets a status: in, out or undecided.  Under grounded semantics (the default,
linear time) that is the grounded labelling; under complete, preferred and stable, in
means accepted in every extension, out in none, undecided in some.  A map's nodes come
with an explanation (which attackers defeat it, which defenders reinstate it); for a
framework, --explain asks for one (--no-explain skips them for a map).  JSON is
compact unless --indent is given.  With --extensions N only the extensions are
computed (--statuses adds the statuses).  For one ICCMA task in the competition's
output format, see `argmap solve --help`.

Several inputs, or folders of maps and frameworks, are evaluated one by one: their
reports follow one another on standard output (JSON: one array), or go one file each
into the folder -o names.  A bad input never stops the others; the exit status is the
worst, and a last line on stderr sums up.

Exit status: 0 evaluated, 1 the input is not a valid map or framework (its problems are
listed) or the time limit ran out (some statuses unknown), 2 usage or I/O error.

Examples:

\b
  argmap evaluate examples/one-threat.argmap.yaml
  argmap evaluate debate.yaml --semantics preferred -f json > status.json
  argmap evaluate debate.yaml --export-af debate.af
  argmap evaluate instance.af --semantics stable --timeout 10 --extensions 5
  argmap evaluate instance.af --format json --explain --indent 2
  argmap evaluate class-7b/ -o statuses/
"""


class SemanticsChoice(enum.StrEnum):
    """The semantics the command offers."""

    grounded = "grounded"
    complete = "complete"
    preferred = "preferred"
    stable = "stable"


class OutputFormat(enum.StrEnum):
    """Output formats of ``argmap evaluate``."""

    text = "text"
    json = "json"


#: What ``--input-format`` reads a file as.
INPUT_FORMATS = ("yaml", "json", "argdown", "af", "apx", "tgf")


def evaluate_command(
    files: Annotated[list[str], typer.Argument(
        help="Maps (.yaml/.yml/.json/.argdown), frameworks (.af/.apx/.tgf), folders of "
        "them, or - for stdin.", show_default=False, metavar="FILE...")],
    semantics: Annotated[
        SemanticsChoice, typer.Option("--semantics", "-s", metavar="SEMANTICS",
                                      help="The semantics to use.")
    ] = SemanticsChoice.grounded,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", metavar="FORMAT",
                                   help="Report as text or JSON.")
    ] = OutputFormat.text,
    output: Annotated[
        str | None, typer.Option(
            "--output", "-o", metavar="OUT", show_default=False,
            help="Write the report to OUT instead of standard output.  With several "
            "inputs or a folder of inputs: the folder to write one report per input "
            "into (.txt or .json; created if missing).")
    ] = None,
    explain: Annotated[
        bool | None, typer.Option("--explain/--no-explain", show_default=False,
                                  help="Explain each status (attackers, defenders): a line "
                                  "each in text, an 'explanation' object each in JSON. "
                                  "Default: on for maps, off for frameworks "
                                  "(--no-explain makes large maps faster).")
    ] = None,
    indent: Annotated[
        int | None, typer.Option("--indent", min=0, max=16, metavar="N",
                                 help="Pretty-print JSON with N spaces (default: compact, "
                                 "much faster on large frameworks).")
    ] = None,
    export_af: Annotated[
        str | None,
        typer.Option("--export-af", metavar="OUT",
                     help="Also write the framework to OUT (.af, .apx or .tgf, by its "
                     "extension)."),
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", "-t", metavar="SECONDS",
                            help="Stop searching after this many seconds in all (0 to "
                            "10,000,000); what is not settled by then is reported as "
                            "unknown.")
    ] = 60.0,
    list_extensions: Annotated[
        int, typer.Option("--extensions", "-e", min=0, max=10**9, metavar="N",
                          help="List up to N extensions (for comparison with ICCMA "
                          "solvers; labels as in the framework).  Only the extensions are "
                          "computed unless --statuses is also given.")
    ] = 0,
    statuses: Annotated[
        bool, typer.Option("--statuses", help="With --extensions: also compute every "
                           "argument's status (the default without --extensions).")
    ] = False,
    input_format: Annotated[
        str | None,
        typer.Option("--input-format", metavar="FORMAT", show_default=False,
                     click_type=TextChoice(INPUT_FORMATS),
                     help="Read the input as this format (default: from the "
                     "extension)."),
    ] = None,
    af_names: Annotated[
        bool, typer.Option("--af-names", help="In an .af file, take argument names from "
                           "'# name' comment lines (as --export-af writes them).")
    ] = False,
    max_bytes: Annotated[
        int | None, typer.Option("--max-bytes", min=1, max=1 << 40, metavar="N",
                                 help="Refuse an input larger than N bytes (default: 32 MiB "
                                 "for maps, 256 MiB for frameworks).")
    ] = None,
    max_arguments: Annotated[
        int, typer.Option("--max-arguments", min=0, max=1 << 31, metavar="N",
                          help="Refuse an .af header 'p af N' that declares more arguments "
                          "(memory is set aside for each).")
    ] = 10_000_000,
    require_support: Annotated[
        bool, typer.Option("--require-support/--no-require-support",
                           help="A map node that is the conclusion of arguments needs one "
                           "of them to stand.")
    ] = True,
    mediated: Annotated[
        bool, typer.Option("--mediated", help="Attacks on a conclusion also attack the "
                           "arguments for it (deductive support).")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Do not say what was written (-o, "
                           "--export-af) nor sum up several inputs.")
    ] = False,
) -> None:
    settings: dict[str, Any] = {
        "semantics": semantics.value, "output_format": output_format.value,
        "explain": explain, "indent": indent, "timeout": timeout,
        "list_extensions": list_extensions, "statuses": statuses,
        "input_format": input_format,
        "af_names": af_names, "max_bytes": max_bytes, "max_arguments": max_arguments,
        "require_support": require_support, "mediated": mediated}
    if not is_batch(files):
        file = files[0]
        if output is None or output == "-":
            raise typer.Exit(run_evaluate(file, export_af=export_af, quiet=quiet,
                                          **settings))
        refuse_same_file(output, [file])
        buffer = io.StringIO()
        code = run_evaluate(file, export_af=export_af, quiet=quiet, out=buffer, **settings)
        write_output(output, buffer.getvalue().encode("utf-8"), inputs=[file])
        if not quiet:
            say_wrote(output)
        raise typer.Exit(code)
    if export_af is not None:
        fail("--export-af writes one framework: it takes one input",
             "export the frameworks one map at a time")
    names = gather(files, MAP_SUFFIXES + FRAMEWORK_SUFFIXES, "maps or frameworks", output)
    if output is None or output == "-":
        result = _to_stdout(names, settings)
        where = None
    else:
        folder = make_output_folder(output)
        suffix = ".json" if output_format is OutputFormat.json else ".txt"
        targets = output_names(names, files, folder, suffix)
        result = _to_folder(names, targets, settings)
        where = relative_display(folder)
    if not quiet or result.failed:
        say(summary(result, "evaluated", where))
    raise typer.Exit(result.worst)


def _to_stdout(names: list[str], settings: dict[str, Any]) -> BatchResult:
    """Every report on standard output: texts one after another (a blank line between),
    JSON reports as one array."""
    json_output = settings["output_format"] == "json"
    written = 0

    def work(name: str) -> None:
        nonlocal written
        buffer = io.StringIO()
        code = run_evaluate(name, out=buffer, **settings)
        if json_output:
            sys.stdout.write(("[" if not written else ",") + buffer.getvalue())
        else:
            sys.stdout.write(("\n" if written else "") + buffer.getvalue())
        written += 1
        sys.stdout.flush()
        if code:
            raise typer.Exit(code)

    # the reports on a terminal show the progress; a bar would be drawn through them
    result = run_batch(names, work, "evaluating", progress=not sys.stdout.isatty())
    if json_output:
        sys.stdout.write("]\n" if written else "[]\n")
        sys.stdout.flush()
    return result


def _to_folder(names: list[str], targets: dict[str, Path],
               settings: dict[str, Any]) -> BatchResult:
    """One report per input, written into its folder."""

    def work(name: str) -> None:
        buffer = io.StringIO()
        code = run_evaluate(name, out=buffer, **settings)
        target = targets[name]
        make_parent(target)
        write_output(str(target), buffer.getvalue().encode("utf-8"), inputs=names)
        if code:
            raise typer.Exit(code)

    return run_batch(names, work, "evaluating")


def register(app: typer.Typer) -> None:
    """Add ``argmap evaluate`` to ``app``."""
    app.command("evaluate", help=EVALUATE_HELP, no_args_is_help=True)(evaluate_command)
