"""argmap: structured argument maps.

Load, validate, check, evaluate, render and convert argument maps written in YAML or
JSON::

    import argmap

    debate = argmap.load("examples/one-threat.argmap.yaml")
    for claim in debate.main_claims:
        print(claim.id, claim.text)

    result = argmap.validate("student.argmap.yaml")
    for diagnostic in result.diagnostics:
        print(diagnostic)          # path:line:col: error[code]: message (hint: ...)

Importing the package is cheap: the YAML parser, jsonschema and Graphviz are loaded on
first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from argmap._version import __version__

if TYPE_CHECKING:
    from argmap._api import dump, dumps, load, loads, validate, validate_map, validates
    from argmap._load import ValidationResult
    from argmap.errors import (
        ArgmapError,
        Diagnostic,
        InvalidMapError,
        Location,
        ReadError,
        Severity,
        UsageError,
        WriteError,
    )
    from argmap.model import (
        Argument,
        ArgumentMap,
        Attack,
        AttackType,
        Claim,
        Contradiction,
        Evidence,
        EvidenceType,
        Side,
        Source,
    )

__all__ = [
    "ArgmapError",
    "Argument",
    "ArgumentMap",
    "Attack",
    "AttackType",
    "Claim",
    "Contradiction",
    "Diagnostic",
    "Evidence",
    "EvidenceType",
    "InvalidMapError",
    "Location",
    "ReadError",
    "Severity",
    "Side",
    "Source",
    "UsageError",
    "ValidationResult",
    "WriteError",
    "__version__",
    "dump",
    "dumps",
    "load",
    "loads",
    "validate",
    "validate_map",
    "validates",
]

_WHERE = {
    "dump": "argmap._api",
    "dumps": "argmap._api",
    "load": "argmap._api",
    "loads": "argmap._api",
    "validate": "argmap._api",
    "validate_map": "argmap._api",
    "validates": "argmap._api",
    "ValidationResult": "argmap._load",
    "ArgmapError": "argmap.errors",
    "Diagnostic": "argmap.errors",
    "InvalidMapError": "argmap.errors",
    "Location": "argmap.errors",
    "ReadError": "argmap.errors",
    "Severity": "argmap.errors",
    "UsageError": "argmap.errors",
    "WriteError": "argmap.errors",
}


def __getattr__(name: str) -> Any:
    import importlib  # noqa: PLC0415 -- lazy attribute access is the point

    module = _WHERE.get(name)
    if module is None and name in __all__:
        module = "argmap.model"
    if module is None:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
