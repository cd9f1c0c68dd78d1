"""``argmap evaluate``: which claims stand under a formal semantics, and why."""

from __future__ import annotations

import enum
import json
from typing import TYPE_CHECKING, Annotated

import typer

from argmap._cli.common import EXIT_FINDINGS, EXIT_OK, fail, refuse_same_file

if TYPE_CHECKING:
    from argmap._af.evaluation import Evaluation
    from argmap._af.framework import Framework
    from argmap.evaluate import MapEvaluation

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
means accepted in every extension, out in none, undecided in some.  Each status comes
with an explanation: which attackers defeat it, which defenders reinstate it.

Exit status: 0 evaluated, 1 the input is not a valid map or framework (its problems are
listed) or the time limit ran out (some statuses unknown), 2 usage or I/O error.

Examples:

\b
  argmap evaluate examples/one-threat.argmap.yaml
  argmap evaluate debate.yaml --semantics preferred --format json > status.json
  argmap evaluate debate.yaml --export-af debate.af
  argmap evaluate instance.af --semantics stable --timeout 10 --extensions 5
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


_MAP_SUFFIXES = (".yaml", ".yml", ".json")


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
    export_af: Annotated[
        str | None,
        typer.Option("--export-af", metavar="OUT",
                     help="Also write the framework to OUT (.af, .apx or .tgf, by its "
                     "extension)."),
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", "-t", min=0.0, metavar="SECONDS",
                            help="Stop searching after this many seconds; what is not "
                            "settled by then is reported as unknown.")
    ] = 60.0,
    list_extensions: Annotated[
        int, typer.Option("--extensions", "-e", min=0, metavar="N",
                          help="Also list up to N extensions (for comparison with ICCMA "
                          "solvers; labels as in the framework).")
    ] = 0,
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
    from argmap import _load  # noqa: PLC0415 -- keep `argmap --help` light
    from argmap._af.formats import (  # noqa: PLC0415 -- same
        FrameworkSyntaxError,
        format_for_path,
        read_framework,
        write_framework,
    )
    from argmap.errors import ArgmapError, InvalidMapError, ReadError  # noqa: PLC0415 -- same

    fmt = (input_format or "").lower() or None
    if fmt is None:
        lowered = file.lower()
        fmt = format_for_path(file)
        if fmt is None and lowered.endswith(_MAP_SUFFIXES):
            fmt = "json" if lowered.endswith(".json") else "yaml"
        if fmt is None and lowered.endswith((".argdown", ".ad")):
            fmt = "argdown"  # imported on the way (argmap._formats.reading)
    if fmt not in ("yaml", "json", "argdown", "af", "apx", "tgf"):
        fail(f"cannot tell the format of {file!r}",
             "use a .yaml, .yml, .json, .argdown, .af, .apx or .tgf file, or --input-format")
    export_format = None
    if export_af is not None:
        export_format = format_for_path(export_af)
        if export_format is None:
            fail(f"cannot tell the framework format of {export_af!r}",
                 "name the output file .af, .apx or .tgf")
        refuse_same_file(export_af, [file])
    try:
        if fmt in ("yaml", "json", "argdown"):
            from argmap._api import load  # noqa: PLC0415 -- only maps need it
            from argmap.evaluate import evaluate_map  # noqa: PLC0415 -- same

            argument_map = load(file, format=fmt)  # type: ignore[arg-type]  # checked above
            map_result = evaluate_map(
                argument_map, semantics.value, timeout=timeout,
                require_support=require_support, mediated=mediated)
            framework = map_result.translation.framework
            result: MapEvaluation | Evaluation = map_result
        else:
            from argmap._af.evaluation import evaluate_framework  # noqa: PLC0415 -- same

            raw = _load.read_bytes(file, 1 << 30)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                fail(f"{file}: not UTF-8 text (byte {exc.start})")
            framework = read_framework(text, fmt, file=file, names=af_names)
            result = evaluate_framework(framework, semantics.value, timeout=timeout,
                                        explain=output_format is OutputFormat.json)
    except InvalidMapError as exc:
        for diagnostic in exc.diagnostics:
            typer.echo(str(diagnostic), err=True)
        fail(f"{file}: not a valid argument map; nothing evaluated",
             "fix the problems above (argmap validate lists them)", code=EXIT_FINDINGS)
    except FrameworkSyntaxError as exc:
        for diagnostic in exc.diagnostics:
            typer.echo(str(diagnostic), err=True)
        fail(f"{file}: not a valid {fmt} framework; nothing evaluated", code=EXIT_FINDINGS)
    except ReadError as exc:
        fail(f"{exc.path}: cannot read: {exc.reason}")
    except ArgmapError as exc:
        fail(str(exc))
    found = None
    if list_extensions:
        from argmap._af.solve import extensions  # noqa: PLC0415 -- only when asked

        found = extensions(framework, semantics.value, limit=list_extensions,
                           timeout=timeout)
    if export_af is not None and export_format is not None:
        from argmap._cli.common import write_output  # noqa: PLC0415 -- only when exporting

        try:
            data = write_framework(framework, export_format)
        except ArgmapError as exc:
            fail(str(exc))
        write_output(export_af, data.encode("utf-8"), inputs=[file])
    from argmap._af.solve import Outcome  # noqa: PLC0415 -- loaded already by now

    if output_format is OutputFormat.json:
        payload = {"file": file, **result.to_json()}
        if found is not None:
            payload["extensions"] = {
                "outcome": found.outcome.value,
                "found": [sorted(e, key=_natural) for e in found.extensions],
            }
        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        typer.echo(_text(file, framework, result), nl=False)
        if found is not None:
            more = {Outcome.DONE: "all of them", Outcome.LIMIT: "there may be more",
                    Outcome.TIMEOUT: "time limit reached; there may be more"}
            typer.echo(f"{len(found.extensions)} {semantics.value} extension(s) "
                       f"({more[found.outcome]}):")
            for extension in found.extensions:
                typer.echo("  [" + " ".join(sorted(extension, key=_natural)) + "]")
    timed_out = result.outcome is Outcome.TIMEOUT or (
        found is not None and found.outcome is Outcome.TIMEOUT)
    raise typer.Exit(EXIT_FINDINGS if timed_out else EXIT_OK)


def _natural(label: str) -> tuple[int, int, str]:
    """Numbers in numeric order first, then other labels."""
    return (0, int(label), "") if label.isdigit() else (1, 0, label)


def _text(file: str, framework: Framework, result: MapEvaluation | Evaluation) -> str:
    from argmap._af.framework import Status  # noqa: PLC0415 -- loaded already
    from argmap._af.solve import Outcome  # noqa: PLC0415 -- same
    from argmap.evaluate import MapEvaluation  # noqa: PLC0415 -- same

    lines = [
        f"{file}: {result.semantics.value} semantics; framework of {len(framework)} "
        f"arguments and {framework.attack_count} attacks"
    ]
    if result.outcome is Outcome.TIMEOUT:
        lines.append("time limit reached: statuses not found in time are 'unknown'")
    if isinstance(result, MapEvaluation):
        if result.evaluation.extension_exists is False:
            lines.append(f"there is no {result.semantics.value} extension: nothing can be "
                         "accepted")
        main = result.main
        if main:
            for node in main:
                lines.append(f"main claim {node.id}: {node.explanation}")
        width = max((len(n.id) for n in result.nodes), default=0)
        for kind, title in (("claim", "claims"), ("evidence", "evidence"),
                            ("argument", "arguments")):
            group = [n for n in result.nodes if n.kind == kind]
            if not group:
                continue
            lines.append(f"{title}:")
            for node in group:
                lines.append(f"  {node.id:<{width}}  {node.status.value:<9}  "
                             f"{node.explanation.split('; ', 1)[-1]}")
        lines.extend(f"skipped: {s}" for s in result.translation.skipped)
    else:
        if result.extension_exists is False:
            lines.append(f"there is no {result.semantics.value} extension")
        for status in (Status.IN, Status.UNDECIDED, Status.OUT, Status.UNKNOWN):
            labels = result.with_status(status)
            if labels or status is not Status.UNKNOWN:
                lines.append(f"{status.value} ({len(labels)}): {' '.join(labels)}")
    return "\n".join(lines) + "\n"


def register(app: typer.Typer) -> None:
    """Add ``argmap evaluate`` to ``app``."""
    app.command("evaluate", help=EVALUATE_HELP, no_args_is_help=True)(evaluate_command)
