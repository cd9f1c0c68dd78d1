"""argmap's own YAML and JSON, so that ``convert`` reads and writes them like the rest."""

from __future__ import annotations

from argmap._formats.common import ImportResult, dump_json
from argmap.model import ArgumentMap

__all__ = ["read_json", "read_yaml", "write_json", "write_yaml"]


def _read(text: str, file: str | None, fmt: str) -> ImportResult:
    from argmap._load import validate_bytes  # noqa: PLC0415 -- loads jsonschema lazily

    result = validate_bytes(text, file=file, format=fmt)
    return ImportResult(result.map, result.diagnostics)


def read_yaml(text: str, file: str | None) -> ImportResult:
    """Read and validate an argmap YAML file."""
    return _read(text, file, "yaml")


def read_json(text: str, file: str | None) -> ImportResult:
    """Read and validate an argmap JSON file."""
    return _read(text, file, "json")


def write_yaml(argmap: ArgumentMap) -> str:
    """Canonical argmap YAML."""
    from argmap._dump import to_yaml  # noqa: PLC0415 -- loads PyYAML lazily

    return to_yaml(argmap)


def write_json(argmap: ArgumentMap, indent: int | None = None) -> str:
    """argmap JSON: compact (the C encoder) unless ``indent`` is given."""
    from argmap._dump import to_data  # noqa: PLC0415 -- light

    return dump_json(to_data(argmap), indent)
