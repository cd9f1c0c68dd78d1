"""What the format modules share: decoding, JSON with positions, the import result."""

from __future__ import annotations

import json
from typing import Any

import attrs

from argmap import _parse
from argmap.errors import Diagnostic, Location, Severity
from argmap.model import ArgumentMap

__all__ = ["ImportResult", "InputError", "decode", "dump_json", "parse_json"]


@attrs.frozen
class ImportResult:
    """What importing one input gave: the map (``None`` on errors) and every diagnostic.

    Warnings and notes say what the source format could express and argmap cannot (or
    the other way round), so that nothing is lost silently.
    """

    map: ArgumentMap | None
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        """True when there is a map and no error-level diagnostic."""
        return self.map is not None and not any(
            d.severity is Severity.ERROR for d in self.diagnostics
        )


class InputError(Exception):
    """The input cannot be read at all; ``diagnostics`` say why."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(str(diagnostics[0]) if diagnostics else "unreadable input")
        self.diagnostics = diagnostics


def decode(raw: str | bytes, file: str | None, max_bytes: int = _parse.MAX_BYTES) -> str:
    """The text of the input: UTF-8 (a BOM is fine), bounded in size."""
    size = len(raw) if isinstance(raw, bytes) else len(raw.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise InputError(
            [
                Diagnostic(
                    "too-large",
                    f"the input is {size:,} bytes, more than the limit of {max_bytes:,}",
                    Location(file),
                    hint="split the input or raise the limit (max_bytes / --max-bytes)",
                )
            ]
        )
    if isinstance(raw, str):
        return raw.removeprefix("\ufeff")
    try:
        return _parse.decode(raw, file)
    except _parse.ParseFailure as failure:
        raise InputError(list(failure.diagnostics)) from None


def parse_json(text: str, file: str | None) -> _parse.Document:
    """Parsed JSON that can locate its parts; syntax errors carry line and column."""
    try:
        doc = _parse.parse(text, "json", file)
    except _parse.ParseFailure as failure:
        raise InputError(list(failure.diagnostics)) from None
    if any(d.severity is Severity.ERROR for d in doc.problems):
        raise InputError(list(doc.problems))
    return doc


def shape_error(file: str | None, message: str, hint: str, where: Location | None = None
                ) -> InputError:
    """An :class:`InputError` for input that parses but is not the format at all."""
    return InputError([Diagnostic("format", message, where or Location(file, 1, 1),
                                  hint=hint)])


def too_large(file: str | None, message: str) -> InputError:
    """An :class:`InputError` for input over one of the readers' limits."""
    return InputError([Diagnostic("too-large", message, Location(file, 1, 1),
                                  hint="split the input into several maps")])


def text_of(value: Any) -> str:
    """A node's text as a string (numbers become text, anything else is empty)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def dump_json(data: Any, indent: int | None = None) -> str:
    """``data`` as JSON text ending in a newline: compact by default, which lets the
    standard library use its C encoder (any ``indent`` falls back to the pure-Python
    one, several times slower on large maps); ``indent`` pretty-prints."""
    if indent is None:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    return json.dumps(data, ensure_ascii=False, indent=indent) + "\n"
