"""One style of help for every command (issue 13).

Every command registered on the application is built with :class:`ArgmapCommand`
(:func:`argmap.cli._app` sets it on the commands that name no class of their own), so
that a command added later follows the same style without knowing about it:

- the usage line names arguments in upper case, with ``...`` for several and
  brackets for optional ones: ``argmap render [OPTIONS] MAP...``;
- every value an option takes is an upper-case word (``FORMAT``, ``N``, ``PATH``),
  never Typer's ``<int range>``, ``<str>`` or ``<a|b>``;
- an option with a fixed set of values lists them in its help:
  ``[choices: text, json, github; default: text]``.
"""

from __future__ import annotations

import importlib
from typing import Any

import typer.core

__all__ = ["ArgmapCommand", "TextChoice", "choices_of", "metavar_of"]

_click: Any = getattr(typer.core, "_click", None) or typer.core.click  # type: ignore[attr-defined]
_ParamType: Any = importlib.import_module(f"{_click.__name__}.types").ParamType

#: Metavars of option values by the class of their type, where the command names none.
_TYPE_METAVARS = {"IntParamType": "N", "IntRange": "N", "FloatParamType": "NUMBER",
                  "FloatRange": "NUMBER", "Path": "PATH", "File": "FILE"}


class TextChoice(_ParamType):  # type: ignore[misc]  # Click's class, found at run time
    """A text option with a fixed set of values that the command checks itself (so that
    a wrong value gets argmap's message and hint, not Click's); listed in the help and
    completed by the shell like a choice."""

    name = "choice"

    def __init__(self, choices: tuple[str, ...]) -> None:
        self.choices = choices

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        """The value as it was given (the command says what is wrong with it)."""
        return value

    def shell_complete(self, ctx: Any, param: Any, incomplete: str) -> list[Any]:
        """The choices that start with what was typed."""
        item = importlib.import_module(f"{_click.__name__}.shell_completion").CompletionItem
        return [item(c) for c in self.choices
                if c.startswith(incomplete.lower())]


def choices_of(param: Any) -> tuple[str, ...] | None:
    """The values an option accepts when they are a fixed set, else ``None``."""
    choices = getattr(getattr(param, "type", None), "choices", None)
    if not choices:
        return None
    return tuple(str(getattr(c, "value", c)) for c in choices)


def metavar_of(param: Any) -> str:
    """The upper-case word for the value of ``param`` (an option or an argument)."""
    if param.param_type_name == "argument":
        word = (param.name or "value").upper()
        return f"{word}..." if param.nargs != 1 else word
    for cls in type(param.type).__mro__:
        if cls.__name__ in _TYPE_METAVARS:
            return _TYPE_METAVARS[cls.__name__]
    longest = max((o for o in param.opts if o.startswith("--")), key=len, default=None)
    if longest is None:
        return "VALUE"
    return str(longest).lstrip("-").upper().replace("-", "_")


def _with_choices(help_text: str, choices: tuple[str, ...]) -> str:
    """``help_text`` with the choices first in its trailing ``[...]`` (or a new one)."""
    listed = f"choices: {', '.join(choices)}"
    if help_text.endswith("]") and "  [" in help_text:
        head, _, tail = help_text.rpartition("  [")
        return f"{head}  [{listed}; {tail}"
    return f"{help_text}  [{listed}]" if help_text else f"[{listed}]"


class ArgmapCommand(typer.core.TyperCommand):
    """A Typer command whose usage line and help follow argmap's one style."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if param.param_type_name == "argument":
                if param.metavar is None:
                    param.metavar = metavar_of(param)
            elif not getattr(param, "is_flag", False) and param.metavar is None:
                param.metavar = metavar_of(param)

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """``[OPTIONS]`` then the arguments: ``FILE...``, ``[FILE]...``, ``MAP``."""
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name != "argument":
                continue
            word = param.metavar or metavar_of(param)
            if param.nargs != 1 and not word.endswith("..."):
                word += "..."
            if not param.required:
                base = word.removesuffix("...")
                word = f"[{base}]..." if word.endswith("...") else f"[{word}]"
            pieces.append(word)
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        """The Arguments and Options sections, with the choices of enumerated options."""
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            name, help_text = record
            choices = choices_of(param)
            if choices is not None:
                help_text = _with_choices(help_text, choices)
            if param.param_type_name == "argument":
                arguments.append((name, help_text))
            else:
                options.append((name, help_text))
        if arguments:
            with formatter.section("Arguments"):
                formatter.write_dl(arguments)
        if options:
            with formatter.section("Options"):
                formatter.write_dl(options)
