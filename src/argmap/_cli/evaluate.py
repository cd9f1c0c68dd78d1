"""``argmap evaluate``: which claims stand under a formal semantics, and why."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from argmap._cli.evaluate_run import run_evaluate

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

Exit status: 0 evaluated, 1 the input is not a valid map or framework (its problems are
listed) or the time limit ran out (some statuses unknown), 2 usage or I/O error.

Examples:

\b
  argmap evaluate examples/one-threat.argmap.yaml
  argmap evaluate debate.yaml --semantics preferred --format json > status.json
  argmap evaluate debate.yaml --export-af debate.af
  argmap evaluate instance.af --semantics stable --timeout 10 --extensions 5
  argmap evaluate instance.af --format json --explain --indent 2
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


def evaluate_command(
    file: Annotated[str, typer.Argument(help="A map (.yaml/.yml/.json) or a framework "
                                             "(.af/.apx/.tgf).", show_default=False,
                                        metavar="FILE")],
    semantics: Annotated[
        SemanticsChoice, typer.Option("--semantics", "-s", help="The semantics to use.")
    ] = SemanticsChoice.grounded,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Report as text or JSON.")
    ] = OutputFormat.text,
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
        typer.Option("--input-format", metavar="FORMAT",
                     help="Read FILE as yaml, json, af, apx or tgf (default: from the "
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
) -> None:
    code = run_evaluate(
        file, semantics=semantics.value, output_format=output_format.value,
        explain=explain, indent=indent, export_af=export_af, timeout=timeout,
        list_extensions=list_extensions, statuses=statuses, input_format=input_format,
        af_names=af_names, max_bytes=max_bytes, max_arguments=max_arguments,
        require_support=require_support, mediated=mediated)
    raise typer.Exit(code)


def register(app: typer.Typer) -> None:
    """Add ``argmap evaluate`` to ``app``."""
    app.command("evaluate", help=EVALUATE_HELP, no_args_is_help=True)(evaluate_command)
