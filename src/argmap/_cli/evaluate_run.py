"""The work of ``argmap evaluate``, without Typer.

Both ways into the command call :func:`run_evaluate`: the Typer command (every option,
help, usage errors) and the hand parser of :mod:`argmap.cli` for the common case of a
framework file with simple options, which skips Typer's start-up.  So the output, the
messages and the exit codes are the same by construction.  Errors are written to
standard error here and end the process with ``SystemExit`` (2 usage or I/O, 1
findings).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from itertools import islice
from typing import TYPE_CHECKING, NoReturn, Protocol

from argmap._display import for_display
from argmap._words import count, noun

if TYPE_CHECKING:
    from argmap._af.evaluation import Evaluation
    from argmap._af.framework import Framework
    from argmap.evaluate import MapEvaluation
    from argmap.model import ArgumentMap

__all__ = ["FRAMEWORK_SUFFIXES", "run_evaluate"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

_MAP_SUFFIXES = (".yaml", ".yml", ".json")
#: What --input-format accepts.
_INPUT_FORMATS = ("yaml", "json", "argdown", "af", "apx", "tgf")
#: Files the hand parser of :mod:`argmap.cli` may take (by their lower-cased name).
FRAMEWORK_SUFFIXES = (".af", ".apx", ".tgf")


class Writer(Protocol):
    """Where a report is written: standard output, or a buffer (several inputs)."""

    def write(self, text: str, /) -> int: ...

    def flush(self) -> None: ...


def fail(message: str, hint: str | None = None, code: int = EXIT_USAGE) -> NoReturn:
    """Print ``argmap: error: message`` (and a hint) to stderr and exit with ``code``."""
    sys.stderr.write(f"argmap: error: {for_display(message, newlines=True)}\n")
    if hint:
        sys.stderr.write(f"  hint: {for_display(hint, newlines=True)}\n")
    raise SystemExit(code)


def _echo_err(text: str) -> None:
    sys.stderr.write(f"{text}\n")


def run_evaluate(
    file: str,
    *,
    semantics: str = "grounded",
    output_format: str = "text",
    explain: bool | None = None,
    indent: int | None = None,
    export_af: str | None = None,
    timeout: float = 60.0,
    list_extensions: int = 0,
    statuses: bool = False,
    input_format: str | None = None,
    af_names: bool = False,
    max_bytes: int | None = None,
    max_arguments: int = 10_000_000,
    require_support: bool = True,
    mediated: bool = False,
    out: Writer | None = None,
    quiet: bool = False,
) -> int:
    """Evaluate ``file`` and write the report to ``out`` (default: standard output);
    the exit status.  ``quiet`` leaves out the line on what --export-af wrote."""
    import time  # noqa: PLC0415 -- keep `argmap --help` light

    from argmap._af.formats import (  # noqa: PLC0415 -- same
        FrameworkSyntaxError,
        format_for_path,
        read_framework_file,
        write_framework,
    )
    from argmap._cli.solve import parse_seconds  # noqa: PLC0415 -- same
    from argmap.errors import ArgmapError, InvalidMapError, ReadError  # noqa: PLC0415 -- same

    started = time.monotonic()
    try:
        parse_seconds("--timeout", repr(timeout))
    except ValueError as exc:
        fail(str(exc), "give the time limit in seconds, e.g. --timeout 60")
    fmt = (input_format or "").lower() or None
    if fmt is not None and fmt not in _INPUT_FORMATS:
        fail(f"unknown input format {input_format!r}",
             "use --input-format " + ", ".join(_INPUT_FORMATS))
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
        from argmap._cli.common import refuse_same_file  # noqa: PLC0415 -- exports only

        refuse_same_file(export_af, [file])
    want_statuses = statuses or not list_extensions

    def remaining() -> float:
        return max(0.0, timeout - (time.monotonic() - started))

    result: MapEvaluation | Evaluation | None = None
    try:
        if fmt in ("yaml", "json", "argdown"):
            from argmap._api import load  # noqa: PLC0415 -- only maps need it

            limit = {} if max_bytes is None else {"max_bytes": max_bytes}
            argument_map = load(file, format=fmt, **limit)  # type: ignore[arg-type]
            map_result = _evaluate_map(argument_map, semantics, remaining(),
                                       require_support, mediated,
                                       True if explain is None else explain)
            framework = map_result.translation.framework
            result = map_result
        else:
            from argmap._af.formats import MAX_FRAMEWORK_BYTES  # noqa: PLC0415 -- loaded

            parsed = read_framework_file(
                file, fmt, names=af_names, max_arguments=max_arguments,
                max_bytes=MAX_FRAMEWORK_BYTES if max_bytes is None else max_bytes)
            for note in parsed.notes:
                _echo_err(str(note))
            framework = parsed.framework
            if want_statuses:
                from argmap._af.evaluation import (  # noqa: PLC0415 -- same
                    evaluate_framework,
                )

                result = evaluate_framework(framework, semantics, timeout=remaining(),
                                            explain=bool(explain))
    except InvalidMapError as exc:
        for diagnostic in exc.diagnostics:
            _echo_err(str(diagnostic))
        fail(f"{file}: not a valid argument map; nothing evaluated",
             "fix the problems above (argmap validate lists them)", code=EXIT_FINDINGS)
    except FrameworkSyntaxError as exc:
        for diagnostic in exc.diagnostics:
            _echo_err(str(diagnostic))
        fail(f"{file}: not a valid {fmt} framework; nothing evaluated", code=EXIT_FINDINGS)
    except ReadError as exc:
        fail(f"{exc.path}: cannot read: {exc.reason}")
    except ArgmapError as exc:
        fail(str(exc))
    found = None
    if list_extensions:
        from argmap._af.solve import extensions  # noqa: PLC0415 -- only when asked

        found = extensions(framework, semantics, limit=list_extensions,
                           timeout=remaining())
    if export_af is not None and export_format is not None:
        from argmap._cli.common import write_output  # noqa: PLC0415 -- only when exporting

        try:
            data = write_framework(framework, export_format)
        except ArgmapError as exc:
            fail(str(exc))
        write_output(export_af, data.encode("utf-8"), inputs=[file])
        if not quiet:
            from argmap._cli.batch import say_wrote  # noqa: PLC0415 -- exports only

            say_wrote(export_af)
    from argmap._af.solve import Outcome  # noqa: PLC0415 -- loaded already by now

    if out is None:
        out = sys.stdout
    if output_format == "json":
        import json  # noqa: PLC0415 -- only JSON output needs it

        from argmap._af.evaluation import Evaluation  # noqa: PLC0415 -- loaded already

        payload: dict[str, object] = {"file": file}
        streamed = isinstance(result, Evaluation) and indent is None
        if result is not None and not streamed:
            payload.update(result.to_json())
        elif result is not None:
            assert isinstance(result, Evaluation)  # noqa: S101 -- for mypy
            payload.update({"semantics": result.semantics.value,
                            "outcome": result.outcome.value,
                            "extension_exists": result.extension_exists,
                            "extension": None if result.extension is None
                            else sorted(result.extension),
                            "seconds": round(result.seconds, 6)})
        else:
            payload.update({"semantics": semantics, "arguments": None})
        if found is not None:
            payload["extensions"] = {
                "outcome": found.outcome.value,
                "found": [sorted(e, key=_natural) for e in found.extensions],
            }
        # Compact output goes through the C encoder; indent= falls back to pure Python.
        text = json.dumps(payload, ensure_ascii=False, indent=indent,
                          separators=None if indent is not None else (",", ":"))
        if streamed:
            assert isinstance(result, Evaluation)  # noqa: S101 -- for mypy
            # The arguments, written record by record: no list of dictionaries.
            out.write(text[:-1] + ',"arguments":[')
            records = result.json_arguments()
            chunk = list(islice(records, 65536))
            first = True
            while chunk:
                out.write(("" if first else ",") + ",".join(chunk))
                first = False
                chunk = list(islice(records, 65536))
            out.write("]}")
        else:
            out.write(text)
        out.write("\n")
    else:
        _write_text(out, file, framework, result, semantics, bool(explain))
        if found is not None:
            more = {Outcome.DONE: "all of them", Outcome.LIMIT: "there may be more",
                    Outcome.TIMEOUT: "time limit reached; there may be more"}
            out.write(f"{len(found.extensions)} {semantics} "
                      f"{noun(len(found.extensions), 'extension')} "
                      f"({more[found.outcome]}):\n")
            for extension in found.extensions:
                out.write("  [" + " ".join(w if w.isprintable() else for_display(w)
                                           for w in sorted(extension, key=_natural)) + "]\n")
    out.flush()
    timed_out = (result is not None and result.outcome is Outcome.TIMEOUT) or (
        found is not None and found.outcome is Outcome.TIMEOUT)
    return EXIT_FINDINGS if timed_out else EXIT_OK


def _evaluate_map(argument_map: ArgumentMap, semantics: str, timeout: float,
                  require_support: bool, mediated: bool, explain: bool) -> MapEvaluation:
    """THE call site of map evaluation (for map inputs); explanations only if asked."""
    from argmap.evaluate import evaluate_map  # noqa: PLC0415 -- only maps need it

    return evaluate_map(argument_map, semantics, timeout=timeout,
                        require_support=require_support, mediated=mediated, explain=explain)


def _natural(label: str) -> tuple[int, int, str]:
    """Numbers in numeric order first, then other labels."""
    return (0, int(label), "") if label.isdigit() else (1, 0, label)


def _write_text(out: Writer, file: str, framework: Framework,
                result: MapEvaluation | Evaluation | None, semantics: str,
                explain: bool) -> None:
    from argmap._af.evaluation import Evaluation  # noqa: PLC0415 -- loaded already
    from argmap._af.framework import Status  # noqa: PLC0415 -- same
    from argmap._af.solve import Outcome  # noqa: PLC0415 -- same

    out.write(f"{for_display(file)}: {semantics} semantics; framework of "
              f"{count(len(framework), 'argument')} and "
              f"{count(framework.attack_count, 'attack')}\n")
    if result is None:
        return
    lines: list[str] = []
    if result.outcome is Outcome.TIMEOUT:
        lines.append("time limit reached: statuses not found in time are 'unknown'")
    if not isinstance(result, Evaluation):  # a map's evaluation
        if result.evaluation.extension_exists is False:
            lines.append(f"there is no {result.semantics.value} extension: nothing can be "
                         "accepted")
        main = result.main
        if main:
            for node in main:
                lines.append(f"main claim {node.id}: "
                             f"{node.explanation or node.status.value}")
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
        out.write("\n".join(lines) + "\n")
        return
    if result.extension_exists is False:
        lines.append(f"there is no {result.semantics.value} extension")
    if lines:
        out.write("\n".join(lines) + "\n")
    counts = result.counts()
    for status in (Status.IN, Status.UNDECIDED, Status.OUT, Status.UNKNOWN):
        if counts[status] or status is not Status.UNKNOWN:
            out.write(f"{status.value} ({counts[status]}): ")
            _write_words(out, result.iter_status(status))
    if explain and result.explanations is not None:
        out.write("explanations:\n")
        for label, explanation in zip(framework.labels, result.explanations, strict=True):
            out.write(for_display(f"  {label}: {explanation.text()}") + "\n")


def _write_words(out: Writer, words: Iterator[str]) -> None:
    """Write words separated by spaces and a newline, in chunks (bounded memory)."""
    chunk = list(islice(words, 65536))
    first = True
    while chunk:
        if not first:
            out.write(" ")
        # Labels of .apx/.tgf files are untrusted: escape what a terminal would act on
        # (isprintable is false for control, format and separator characters).
        if all(map(str.isprintable, chunk)):  # the common case, decided in C
            out.write(" ".join(chunk))
        else:
            out.write(" ".join(w if w.isprintable() else for_display(w) for w in chunk))
        first = False
        chunk = list(islice(words, 65536))
    out.write("\n")


