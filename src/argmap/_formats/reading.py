"""A map file in any importable format, read as a validated map (for the commands).

``argmap validate``, ``check``, ``evaluate`` and ``render`` take argmap YAML/JSON; with
this module they take an Argdown file too: it is imported on the way (no YAML round
trip), what the conversion leaves out or approximates comes back as diagnostics with the
Argdown line and column, and the imported map is checked once.
"""

from __future__ import annotations

from argmap._formats import REGISTRY
from argmap._formats.common import InputError, decode
from argmap.errors import Diagnostic, Location, Severity
from argmap.model import ArgumentMap

__all__ = ["CONVERTED_SUFFIXES", "check_imported", "converted_format", "read_converted"]

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


def check_imported(argmap: ArgumentMap, file: str | None) -> tuple[Diagnostic, ...]:
    """What is wrong with a map an importer built (normally nothing).

    The fast schema validator and the reference checks answer for a valid map without
    writing it out as JSON and parsing it again; anything they reject goes through the
    full validation, which explains each problem.
    """
    from argmap._dump import to_data  # noqa: PLC0415 -- light start-up
    from argmap._load import check_references  # noqa: PLC0415 -- same
    from argmap._schema import is_valid_fast  # noqa: PLC0415 -- loads the validator lazily

    if is_valid_fast(to_data(argmap)) and not check_references(argmap):
        return ()
    from argmap._api import validate_map  # noqa: PLC0415 -- only for broken imports

    check = validate_map(argmap)
    return tuple(
        Diagnostic(d.code, f"the imported map is not valid: {d.message} (at "
                   f"{d.location.pointer or '/'})", Location(file), d.severity, d.hint)
        for d in check.diagnostics
    )


def read_converted(raw: bytes | str, *, file: str | None, format: str, max_bytes: int
                   ) -> tuple[ArgumentMap | None, tuple[Diagnostic, ...]]:
    """Import ``raw`` in ``format``: the map (``None`` on errors) and every diagnostic."""
    info = REGISTRY[format]
    try:
        result = info.read(decode(raw, file, max_bytes), file)
    except InputError as failure:
        return None, tuple(failure.diagnostics)
    if result.map is None:
        return None, result.diagnostics
    diagnostics = result.diagnostics + check_imported(result.map, file)
    if any(d.severity is Severity.ERROR for d in diagnostics):
        return None, diagnostics
    return result.map, diagnostics
