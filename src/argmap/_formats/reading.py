"""A map file in any importable format, read as a validated map (for the commands).

``argmap validate``, ``check``, ``evaluate`` and ``render`` take argmap YAML/JSON; with
this module they take an Argdown file too: it is imported on the way (no YAML round
trip), what the conversion leaves out or approximates comes back as diagnostics with the
Argdown line and column, and the imported map is checked once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from argmap._formats import REGISTRY
from argmap._formats.common import ImportResult, InputError, decode
from argmap.errors import Diagnostic, Location, Severity, pointer
from argmap.model import ArgumentMap

if TYPE_CHECKING:
    from argmap._formats.argdown import Traced

__all__ = [
    "CONVERTED_SUFFIXES",
    "SourceLines",
    "check_imported",
    "converted_format",
    "read_converted",
    "read_converted_located",
]

#: File endings read through an importer rather than as argmap YAML/JSON.
CONVERTED_SUFFIXES = {".argdown": "argdown", ".ad": "argdown"}


def converted_format(file: str | None) -> str | None:
    """The importable format a file name selects (``"argdown"``), or ``None``."""
    if not file or file == "-":
        return None
    lowered = file.lower()
    for suffix, name in CONVERTED_SUFFIXES.items():
        if lowered.endswith(suffix):
            return name
    return None


class SourceLines:
    """Where the entries of an imported map were written in the source file: a locator
    (the shape of :meth:`argmap.ValidationResult.locate`) for findings on that map.

    It knows the line of each claim, argument, attack and contradiction the importer
    made (from the Argdown statement, argument or relation it came from); a path below
    an entry (``("arguments", "a1", "premises", 0)``) is placed at its entry's line.
    Memory: one small entry per element of the map.
    """

    __slots__ = ("_columns", "_file", "_lines")

    def __init__(self, file: str | None, lines: Mapping[tuple[str, str | int], int],
                 columns: Mapping[int, int] | None = None) -> None:
        self._file = file
        self._lines = lines
        self._columns = columns or {}

    @classmethod
    def from_trace(cls, file: str | None, argmap: ArgumentMap,
                   trace: Sequence[Traced], text: str | None = None) -> SourceLines:
        """The lines of what the Argdown importer traced (the first mention wins); with
        the source ``text``, also the column where each of those lines' content starts."""
        lines: dict[tuple[str, str | int], int] = {}
        pairs: dict[frozenset[str], int] = {}
        attacks: dict[str, int] = {}
        for entry in trace:
            if not entry.line:
                continue
            for part in entry.parts:
                if part[0] == "claim":
                    lines.setdefault(("claims", part[1]), entry.line)
                elif part[0] == "argument":
                    lines.setdefault(("arguments", part[1]), entry.line)
                elif part[0] == "attack":
                    attacks.setdefault(part[1], entry.line)
                elif part[0] == "contradiction":
                    pairs.setdefault(frozenset(part[1:]), entry.line)
        for index, attack in enumerate(argmap.attacks):
            if attack.id is not None and attack.id in attacks:
                lines[("attacks", index)] = attacks[attack.id]
        for index, contradiction in enumerate(argmap.contradictions):
            line = pairs.get(frozenset(contradiction.claims))
            if line is not None:
                lines[("contradictions", index)] = line
        columns = None
        if text is not None:
            from argmap._formats.argdown import line_columns  # noqa: PLC0415 -- loaded

            columns = line_columns(text, lines.values())
        return cls(file, lines, columns)

    def line_of(self, *path: str | int) -> int | None:
        """The source line of the entry at (or above) ``path``, if known."""
        if len(path) < 2:
            return None
        return self._lines.get((str(path[0]), path[1]))

    def __call__(self, *path: str | int, key: bool = False) -> Location:
        line = self.line_of(*path)
        column = self._columns.get(line) if line is not None else None
        return Location(self._file, line, column, pointer(path))


def _path_of(json_pointer: str) -> tuple[str | int, ...]:
    """The path a JSON pointer names (list positions of attacks, contradictions as int)."""
    path: list[str | int] = [
        part.replace("~1", "/").replace("~0", "~") for part in json_pointer.split("/")[1:]
    ]
    if len(path) >= 2 and path[0] in ("attacks", "contradictions") and str(path[1]).isdigit():
        path[1] = int(path[1])
    return tuple(path)


def check_imported(argmap: ArgumentMap, file: str | None,
                   lines: SourceLines | None = None) -> tuple[Diagnostic, ...]:
    """What is wrong with a map an importer built (normally nothing).

    The fast schema validator and the reference checks answer for a valid map without
    writing it out as JSON and parsing it again; anything they reject goes through the
    full validation, which explains each problem.  With ``lines``, each problem is placed
    at the source line of the entry it is about.
    """
    from argmap._dump import to_data  # noqa: PLC0415 -- light start-up
    from argmap._load import check_references  # noqa: PLC0415 -- same
    from argmap._schema import is_valid_fast  # noqa: PLC0415 -- loads the validator lazily

    if is_valid_fast(to_data(argmap)) and not check_references(argmap):
        return ()
    from argmap._api import validate_map  # noqa: PLC0415 -- only for broken imports

    check = validate_map(argmap)
    out = []
    for d in check.diagnostics:
        where = d.location.pointer or "/"
        located = lines(*_path_of(where)) if lines is not None else Location(file)
        out.append(Diagnostic(d.code, f"the imported map is not valid: {d.message} (at "
                              f"{where})", Location(file, located.line, located.column),
                              d.severity, d.hint))
    return tuple(out)


def read_converted(raw: bytes | str, *, file: str | None, format: str, max_bytes: int
                   ) -> tuple[ArgumentMap | None, tuple[Diagnostic, ...]]:
    """Import ``raw`` in ``format``: the map (``None`` on errors) and every diagnostic."""
    imported, diagnostics, _ = read_converted_located(raw, file=file, format=format,
                                                      max_bytes=max_bytes)
    return imported, diagnostics


def read_converted_located(
    raw: bytes | str, *, file: str | None, format: str, max_bytes: int
) -> tuple[ArgumentMap | None, tuple[Diagnostic, ...], SourceLines | None]:
    """:func:`read_converted`, and where the map's entries are in the source (Argdown:
    a :class:`SourceLines`; ``None`` when the format gives no lines or on errors)."""
    info = REGISTRY[format]
    try:
        text = decode(raw, file, max_bytes)
        lines: SourceLines | None = None
        if format == "argdown":
            from argmap._formats.argdown import trace_argdown  # noqa: PLC0415 -- lazily

            result, trace = trace_argdown(text, file)
            if result.map is not None:
                lines = SourceLines.from_trace(file, result.map, trace, text)
        else:
            result = info.read(text, file)
    except InputError as failure:
        return None, tuple(failure.diagnostics), None
    return _checked(result, file, lines)


def _checked(result: ImportResult, file: str | None, lines: SourceLines | None
             ) -> tuple[ArgumentMap | None, tuple[Diagnostic, ...], SourceLines | None]:
    if result.map is None:
        return None, result.diagnostics, None
    diagnostics = result.diagnostics + check_imported(result.map, file, lines)
    if any(d.severity is Severity.ERROR for d in diagnostics):
        return None, diagnostics, None
    return result.map, diagnostics, lines
