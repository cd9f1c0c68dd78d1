"""The public loading, validation and dumping functions (re-exported by ``argmap``)."""

from __future__ import annotations

import os
from typing import Literal

from argmap import _dump, _load, _parse
from argmap._invariants import check_model
from argmap._load import ValidationResult
from argmap.errors import InvalidMapError, UsageError
from argmap.model import ArgumentMap

__all__ = ["dump", "dumps", "load", "loads", "validate", "validate_map", "validates"]

Format = Literal["yaml", "json"]


def validate(
    path: str | os.PathLike[str],
    *,
    format: Format | None = None,
    max_bytes: int = _parse.MAX_BYTES,
) -> ValidationResult:
    """Validate the map in a file; every problem is a diagnostic in the result.

    The format comes from the extension (``.yaml``, ``.yml``, ``.json``) unless given.
    Raises :class:`~argmap.errors.ReadError` when the file cannot be read.
    """
    name = _path(path)
    raw = _load.read_bytes(name, max_bytes)
    return _load.validate_bytes(raw, file=name, format=format, max_bytes=max_bytes)


def validates(
    text: str | bytes,
    *,
    format: Format | None = None,
    file: str | None = None,
    max_bytes: int = _parse.MAX_BYTES,
) -> ValidationResult:
    """Validate a map given as text or bytes (``file`` names it in diagnostics)."""
    return _load.validate_bytes(text, file=file, format=format, max_bytes=max_bytes)


def _unwrap(result: ValidationResult) -> ArgumentMap:
    if result.map is None:
        raise InvalidMapError(result.diagnostics)
    return result.map


def load(
    path: str | os.PathLike[str],
    *,
    format: Format | None = None,
    max_bytes: int = _parse.MAX_BYTES,
) -> ArgumentMap:
    """Load a valid map from a file.

    Raises :class:`~argmap.errors.InvalidMapError` (with every diagnostic) when the map
    is invalid and :class:`~argmap.errors.ReadError` when the file cannot be read.
    """
    return _unwrap(validate(path, format=format, max_bytes=max_bytes))


def loads(
    text: str | bytes,
    *,
    format: Format | None = None,
    file: str | None = None,
) -> ArgumentMap:
    """Load a valid map from text or bytes; see :func:`load`."""
    return _unwrap(validates(text, format=format, file=file))


def _path(path: object) -> str:
    try:
        name = os.fspath(path)  # type: ignore[call-overload]  # checked right here
    except TypeError:
        raise UsageError(f"a path is a str or os.PathLike, not {type(path).__name__}") from None
    if not isinstance(name, str):
        raise UsageError("give the path as a str (or os.PathLike of str), not bytes")
    return name


def _model(argmap: object) -> ArgumentMap:
    if not isinstance(argmap, ArgumentMap):
        raise UsageError(f"expected an argmap.ArgumentMap, not {type(argmap).__name__}")
    return argmap


def validate_map(argmap: ArgumentMap) -> ValidationResult:
    """Check a map built in code: its model's invariants, its data, its references.

    First the invariants that a file cannot break but code can (each entry stored under
    its own id, every field of the right type, no lone surrogates); then, as for a file,
    the schema and the references.  Every problem is a diagnostic whose pointer names
    the part of the map (``/claims/a/id``).
    """
    problems = check_model(_model(argmap))
    if problems:
        return ValidationResult(None, None, _load.capped([problems], None))
    return _load.validate_bytes(_dump.to_json(argmap), format="json")


def dumps(argmap: ArgumentMap, *, format: Format = "yaml") -> str:
    """The map as canonical YAML or JSON text; :func:`loads` reads it back unchanged.

    Raises :class:`~argmap.errors.InvalidMapError` for a map that breaks the model's
    invariants (see :func:`validate_map`), which could not read back the same.
    """
    if format not in ("yaml", "json"):
        raise UsageError(f"unknown format {format!r}; use 'yaml' or 'json'")
    problems = check_model(_model(argmap))
    if problems:
        raise InvalidMapError(_load.capped([problems], None))
    if format == "yaml":
        return _dump.to_yaml(argmap)
    return _dump.to_json(argmap)


def dump(
    argmap: ArgumentMap,
    path: str | os.PathLike[str],
    *,
    format: Format | None = None,
) -> None:
    """Write the map to ``path`` atomically (format from the extension unless given)."""
    fmt = format or ("json" if _load.detect_format(_path(path)) == "json" else "yaml")
    _dump.atomic_write(path, dumps(argmap, format=fmt).encode("utf-8"))
