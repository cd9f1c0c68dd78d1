"""One usage and metavar style across every command (issue 13, "CLI consistency").

Every command's ``--help`` is walked: the usage line names arguments in upper case
(``FILE...``, ``[FILE]...``), every option value is an upper-case word (``FORMAT``,
``N``), never Typer's ``<int range>``, ``<str>``, ``{files}`` or ``<a|b>``; every option
with a fixed set of values lists them; ``-f`` is the output format wherever it exists.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer
import typer.main
from typer.testing import CliRunner

from argmap.cli import _app

runner = CliRunner()

#: Metavars: an upper-case word, `...` for several.
METAVAR = re.compile(r"^[A-Z][A-Z0-9_]*(\.\.\.)?$")
USAGE = re.compile(r"^Usage: argmap (?P<name>[a-z]+) \[OPTIONS\]"
                   r"(?P<args>( (\[[A-Z][A-Z0-9_]*\](\.\.\.)?|[A-Z][A-Z0-9_]*(\.\.\.)?))*)$")

#: Options whose values are a fixed set although they are checked by the command
#: (argmap's own message and hint on a wrong value): they must list their choices too.
ENUMERATED = {
    ("validate", "--input-format"), ("check", "--input-format"),
    ("evaluate", "--input-format"), ("evaluate", "--semantics"), ("evaluate", "--format"),
    ("render", "--format"), ("render", "--engine"), ("render", "--semantics"),
    ("render", "--rankdir"), ("render", "--cluster-by"), ("render", "--color-by"),
    ("render", "--label"), ("render", "--theme"),
    ("convert", "--from"), ("convert", "--to"),
    ("validate", "--format"), ("check", "--format"),
}


def _command() -> Any:
    app = _app()
    assert isinstance(app, typer.Typer)
    return typer.main.get_command(app)


def _typer_commands() -> list[str]:
    """Every command but `solve`, whose options are the ICCMA solver interface."""
    names = sorted(n for n in _command().commands if n != "solve")
    assert {"validate", "check", "render", "evaluate", "convert", "schema", "new"} <= set(names)
    return names


def _help(name: str) -> str:
    app = _app()
    assert isinstance(app, typer.Typer)
    result = runner.invoke(app, [name, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("name", _typer_commands())
def test_usage_line_names_arguments_in_upper_case(name: str) -> None:
    text = _help(name)
    usage = text.splitlines()[0]
    assert USAGE.match(usage), usage
    for typer_style in ("{", "}", "<", ">", "[files]", "files..."):
        assert typer_style not in usage


@pytest.mark.parametrize("name", _typer_commands())
def test_every_value_is_an_upper_case_word(name: str) -> None:
    command = _command().commands[name]
    ctx = command.make_context(name, [], resilient_parsing=True)
    text = " ".join(_help(name).split())
    for param in command.params:
        record = param.get_help_record(ctx)
        if record is None:
            continue
        declared, _ = record
        if param.param_type_name == "argument":
            assert METAVAR.match(declared), (name, declared)
            continue
        if getattr(param, "is_flag", False) or getattr(param, "count", False):
            continue
        metavar = declared.rsplit(" ", 1)[-1]
        assert METAVAR.match(metavar), (name, declared)
        assert declared in text
    for typer_style in ("<int range>", "<float range>", "<str>", "<text>", "<integer>"):
        assert typer_style not in text


@pytest.mark.parametrize("name", _typer_commands())
def test_enumerated_options_list_their_choices(name: str) -> None:
    command = _command().commands[name]
    text = " ".join(_help(name).split())
    from argmap._cli.style import choices_of

    listed = 0
    for param in command.params:
        choices = choices_of(param)
        long_names = {o for o in (*param.opts, *param.secondary_opts) if o.startswith("--")}
        if any((name, o) in ENUMERATED for o in long_names):
            assert choices, (name, param.opts)
        if not choices:
            continue
        listed += 1
        assert f"[choices: {', '.join(choices)}" in text, (name, param.opts)
    assert listed >= sum(1 for n, _ in ENUMERATED if n == name)


@pytest.mark.parametrize("name", _typer_commands())
def test_dash_f_is_the_output_format(name: str) -> None:
    command = _command().commands[name]
    for param in command.params:
        if "-f" in param.opts:
            assert "--format" in param.opts, (name, param.opts)
            assert choices_of_output(name, param)


def choices_of_output(name: str, param: Any) -> bool:
    """-f's choices are output formats (text/json/... or files): never input formats."""
    from argmap._cli.style import choices_of

    choices = choices_of(param) or ()
    if name == "convert":
        return "mermaid" in choices and "microtexts" not in choices
    return bool(choices) and "af" not in choices


def test_copied_choice_lists_match_the_library() -> None:
    """The CLI keeps its own copies of the format and engine names (building the
    options must not import every reader, writer and the renderer)."""
    from argmap._cli.convert import EXPORT_NAMES, FORMAT_NAMES, IMPORT_NAMES
    from argmap._cli.render import ENGINES
    from argmap._render.backend import ENGINES as LIBRARY_ENGINES
    from argmap.convert import FORMATS

    assert tuple(FORMATS) == FORMAT_NAMES
    assert tuple(n for n, f in FORMATS.items() if f.can_import) == IMPORT_NAMES
    assert tuple(n for n, f in FORMATS.items() if f.can_export) == EXPORT_NAMES
    assert ENGINES == LIBRARY_ENGINES


def test_solve_keeps_the_iccma_interface() -> None:
    """`argmap solve` follows the ICCMA 2023 solver interface, where -f is the input
    file: the one documented exception (a competition harness calls it that way)."""
    text = _help("solve")
    assert text.startswith("Usage: argmap solve -p TASK -f FILE")
    assert "-fo, --format FORMAT" in text
