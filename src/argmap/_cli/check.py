"""``argmap check``: run the rule catalogue on maps and report the findings."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from argmap._cli.common import (
    EXIT_OK,
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

if TYPE_CHECKING:
    from argmap.check import CheckConfig

from argmap._cli.style import TextChoice

__all__ = ["register"]

CHECK_HELP = """\
Check argument maps for faulty or weak reasoning.

FILES may be files, folders (every .yaml, .yml, .json, .argdown and .ad file below
them; other files there are named in a note) or `-` for standard input.  Symbolic
links and FIFOs found inside folders are not read (a note names them); a file named
here is read even when it is a link.  Argdown files are imported on the way;
findings point at their Argdown line.  At most 100 problems are reported per file,
most severe first; a last line counts the rest.

Each file is validated first; a file that does not validate reports its validation
errors and is not checked further.  The findings of valid maps follow, one a line, as
`path:line:column: severity[code]: message (hint: how to fix it)`.  Rules have stable
codes (`argmap check --list-rules`); each is explained in docs/rules/<code>.md.

Settings come from `[tool.argmap.check]` in pyproject.toml or `[check]` in
argmap.toml, the nearest one above each map (or --config), then the options here.
CODES are rule codes, family names (structure, logic, substance) or `all`, separated
by commas.

Exit status: 0 no error-level finding, 1 error-level findings, 2 usage, configuration
or I/O error.

Examples:

  argmap check examples/one-threat.argmap.yaml

  argmap check class-7b/ --profile classroom --format json > findings.json

  argmap check essay.yaml --select structure,logic --ignore disconnected

  argmap check --list-rules --profile strict

  argmap check --list-rules --format sarif > argmap-rules.sarif
"""


def _split(values: list[str] | None) -> list[str]:
    return [part.strip() for v in values or () for part in v.split(",") if part.strip()]


def _relative(path: Path | None) -> Path | None:
    """``path`` relative to the working folder when it is below it (shorter messages)."""
    if path is None:
        return None
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _configs(
    names: list[str],
    config_file: str | None,
    profile: str | None,
    select: list[str] | None,
    extend_select: list[str],
    ignore: list[str],
) -> dict[str, CheckConfig]:
    """The configuration of every input (all resolved before any map is checked)."""
    from argmap.check import ConfigError, find_config, resolve_config  # noqa: PLC0415 -- same

    by_file: dict[str | None, CheckConfig] = {}
    out: dict[str, CheckConfig] = {}
    folders: dict[str, Path | None] = {}
    try:
        for name in names:
            if config_file is not None:
                found: Path | None = Path(config_file)
            else:
                if name == "-":
                    folder = "."
                elif Path(name).is_dir():
                    folder = name
                else:
                    folder = str(Path(name).parent)
                if folder not in folders:
                    folders[folder] = _relative(find_config(folder))
                found = folders[folder]
            key = str(found) if found is not None else None
            if key not in by_file:
                by_file[key] = resolve_config(
                    found, profile=profile, select=select, extend_select=extend_select,
                    ignore=ignore,
                )
            out[name] = by_file[key]
    except ConfigError as exc:
        fail(f"{exc.where or 'configuration: '}{exc.reason}", exc.hint)
    return out


#: The formats ``--list-rules`` writes (a JUnit suite or an Actions annotation is a
#: finding, and a rule list has none).
_RULE_LIST_FORMATS = (ReportFormat.text, ReportFormat.json, ReportFormat.sarif)


def _list_rules(config: CheckConfig, output_format: ReportFormat, indent: int | None) -> None:
    import json  # noqa: PLC0415 -- light start-up

    from argmap._display import for_display  # noqa: PLC0415 -- same
    from argmap._report import dump_json  # noqa: PLC0415 -- same
    from argmap.check import describe_rules  # noqa: PLC0415 -- same

    records = describe_rules(config)
    if output_format is ReportFormat.json:
        payload = {"profile": config.profile, "config": config.file, "rules": records}
        typer.echo(dump_json(payload, indent), nl=False)
        return
    if output_format is ReportFormat.sarif:
        from argmap._report_ci import sarif_rules  # noqa: PLC0415 -- same

        typer.echo(sarif_rules(records, profile=config.profile, config=config.file,
                               indent=indent), nl=False)
        return
    width = max(len(str(r["code"])) for r in records)
    lines = [f"{'code':<{width}}  {'family':<9}  {'severity':<8}  on   summary"]
    for r in records:
        lines.append(
            f"{r['code']!s:<{width}}  {r['family']!s:<9}  {r['severity']!s:<8}  "
            f"{'yes' if r['enabled'] else 'no ':<3}  {r['summary']}"
        )
        options = r["options"] if isinstance(r["options"], dict) else {}
        for name, value in options.items():
            lines.append(f"{'':<{width}}  {'':<9}  {'':<8}       option {name} = "
                         f"{json.dumps(value)}")
    source = config.file or "no configuration file"
    lines.append(f"profile {config.profile!r}, {source}; details: docs/rules/<code>.md")
    typer.echo(for_display("\n".join(lines), newlines=True))


def check_command(
    files: Annotated[
        list[str] | None,
        typer.Argument(help="Map files (YAML, JSON, Argdown), folders of maps, or - for "
                       "stdin.", show_default=False, metavar="FILE..."),
    ] = None,
    output_format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", metavar="FORMAT",
                     help="Report as text, json, github (Actions annotations), sarif "
                     "(SARIF 2.1.0, code scanning) or junit (JUnit XML, test dashboards)."),
    ] = ReportFormat.text,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", help="Run only these rules (codes, families or all).",
                     metavar="CODES"),
    ] = None,
    extend_select: Annotated[
        list[str] | None,
        typer.Option("--extend-select", help="Run these rules as well (e.g. single-premise).",
                     metavar="CODES"),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", help="Do not run these rules.", metavar="CODES"),
    ] = None,
    profile: Annotated[
        str | None,
        typer.Option("--profile", "-p", metavar="NAME",
                     help="Start from this profile: default, strict, classroom or one of "
                     "the configuration's profiles."),
    ] = None,
    config_file: Annotated[
        str | None,
        typer.Option("--config", help="Use this pyproject.toml or argmap.toml instead of "
                     "looking for one.", metavar="PATH"),
    ] = None,
    list_rules: Annotated[
        bool,
        typer.Option("--list-rules", help="List the rules (as configured) and exit: as a "
                     "table (text), json, or sarif (SARIF rule metadata for code "
                     "scanning); junit and github have no rule list."),
    ] = False,
    input_format: Annotated[
        str | None,
        typer.Option("--input-format", metavar="FORMAT", click_type=TextChoice(INPUT_FORMATS),
                     help="Read inputs as yaml, json or argdown (default: from the "
                     "extension; for stdin, from the first character)."),
    ] = None,
    max_bytes: Annotated[int, max_bytes_option()] = MAX_BYTES_DEFAULT,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print nothing for files without findings "
                           "(and no summary when there are none).")
    ] = False,
    indent: Annotated[int | None, indent_option()] = None,
) -> None:
    from argmap._report import FileReport  # noqa: PLC0415 -- same
    from argmap.check import check_result  # noqa: PLC0415 -- same

    if input_format is not None and input_format not in INPUT_FORMATS:
        fail(f"unknown input format {input_format!r}",
             "use --input-format yaml, json or argdown")
    chosen = _split(select) if select else None
    extra, dropped = _split(extend_select), _split(ignore)
    if list_rules:
        if output_format not in _RULE_LIST_FORMATS:
            fail(f"--list-rules has no {output_format.value} form: {output_format.value} "
                 "reports findings, and a rule list has none",
                 "list the rules as text, json or sarif (SARIF 2.1.0 rule metadata): "
                 "--format " + "|".join(f.value for f in _RULE_LIST_FORMATS))
        where = [files[0]] if files else ["-"]
        if files:
            from argmap._display import for_display  # noqa: PLC0415 -- only here

            typer.echo(for_display(
                "argmap: note: with --list-rules the maps are not read; "
                f"{files[0]!r} only picks the configuration (the nearest argmap.toml or "
                "pyproject.toml above it); run without --list-rules to check them"), err=True)
        config = _configs(where, config_file, profile, chosen, extra, dropped)[where[0]]
        _list_rules(config, output_format, indent)
        raise typer.Exit(EXIT_OK)
    if not files:
        fail("name the maps to check", "argmap check FILE... (or a folder, or - for stdin)")
    skipped: list[str] = []
    names = list(expand_inputs(files, skipped))
    note_skipped(skipped)
    if not names:
        fail("no map files found (.yaml, .yml, .json, .argdown or .ad)",
             "name files, or a folder with maps")
    configs = _configs(names, config_file, profile, chosen, extra, dropped)
    reports: list[FileReport] = []
    for name in names:
        read = read_validated(name, input_format, max_bytes)
        if isinstance(read, FileReport):
            reports.append(read)
            continue
        raw, result, lines = read
        # an imported file (Argdown) has no suppression comments in argmap's syntax
        text = raw if lines is None else None
        reports.append(FileReport(name, tuple(
            check_result(result, config=configs[name], text=text, locate=lines))))
    report_and_exit(reports, output_format, "checked", quiet=quiet, indent=indent)


def register(app: typer.Typer) -> None:
    """Add ``argmap check`` to ``app``."""
    app.command("check", help=CHECK_HELP, no_args_is_help=True)(check_command)
