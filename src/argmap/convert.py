"""Import argument maps from the formats of the field, and export them.

Formats, by name (see :data:`FORMATS` and ``docs/convert.md`` for what maps to what)::

    yaml, json   argmap's own format
    aif, xaif    AIF JSON as AIFdb exports it, and xAIF (the same under "AIF")
    sadface      SADFace JSON
    microtexts   arg-microtexts arggraph XML             (import only)
    argdown      Argdown text (a documented subset)
    mermaid      Mermaid flowchart                       (export only)
    graphml      GraphML for yEd, Gephi, networkx        (export only)

Example::

    from argmap.convert import import_map, export_map

    debate = import_map(open("micro_b001.xml", "rb").read(), "microtexts")
    print(export_map(debate, "aif"))

:func:`import_map` raises :class:`~argmap.errors.InvalidMapError` when the input cannot be
imported; :func:`read_map` returns every diagnostic instead, including the warnings and
notes that say what the source had and argmap leaves out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import PurePath

from argmap._formats import REGISTRY, FormatInfo
from argmap._formats.common import ImportResult, InputError, decode
from argmap._formats.reading import check_imported
from argmap._parse import MAX_BYTES
from argmap.errors import Diagnostic, InvalidMapError, Location, Severity, UsageError
from argmap.model import ArgumentMap

__all__ = [
    "FORMATS",
    "FormatInfo",
    "ImportResult",
    "content_format",
    "detect_format",
    "export_losses",
    "export_map",
    "import_map",
    "read_map",
]

#: Every format argmap converts from or to, by name.
FORMATS: Mapping[str, FormatInfo] = REGISTRY


def _format(name: str, direction: str) -> FormatInfo:
    info = FORMATS.get(name.lower().strip()) if isinstance(name, str) else None
    if info is None:
        from argmap._formats.advice import unknown_format  # noqa: PLC0415 -- errors only

        message, hint = unknown_format(str(name), direction)
        raise UsageError(f"{message}; {hint}")
    if direction == "import" and not info.can_import:
        readable = ", ".join(n for n, f in FORMATS.items() if f.can_import)
        raise UsageError(f"argmap cannot import {info.name}; it imports {readable}")
    if direction == "export" and not info.can_export:
        writable = ", ".join(n for n, f in FORMATS.items() if f.can_export)
        raise UsageError(f"argmap cannot export {info.name}; it exports {writable}")
    return info


def read_map(
    data: str | bytes,
    format: str,
    *,
    file: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> ImportResult:
    """Import ``data`` (text, or UTF-8 bytes) in ``format``; never raises on bad input.

    The result holds the map (``None`` when the input cannot be imported) and every
    diagnostic with file, line and column where known.  Raises
    :class:`~argmap.errors.UsageError` only for an unknown format name.
    """
    info = _format(format, "import")
    try:
        text = decode(data, file, max_bytes)
        result = info.read(text, file)
    except InputError as failure:
        return ImportResult(None, tuple(failure.diagnostics))
    if result.map is None or info.name in ("yaml", "json"):
        return result
    # What an importer built must be a valid map; anything else is a finding, not a crash.
    problems = check_imported(result.map, file)
    if not any(d.severity is Severity.ERROR for d in problems):
        return ImportResult(result.map, result.diagnostics + problems)
    return ImportResult(None, result.diagnostics + problems)


def import_map(
    data: str | bytes,
    format: str,
    *,
    file: str | None = None,
) -> ArgumentMap:
    """Import ``data`` in ``format`` as an argument map.

    Raises :class:`~argmap.errors.InvalidMapError` (with every diagnostic) when the input
    cannot be imported.

    >>> m = import_map('{"nodes": [{"nodeID": "1", "type": "I", "text": "Tea is good"}]}',
    ...                "aif")
    >>> m.claims["1"].text
    'Tea is good'
    """
    result = read_map(data, format, file=file)
    if not result.ok or result.map is None:
        raise InvalidMapError(result.diagnostics)
    return result.map


def export_map(argmap: ArgumentMap, format: str, *, indent: int | None = None) -> str:
    """The map as text in ``format`` (``yaml``, ``json``, ``aif``, ``xaif``, ``sadface``,
    ``argdown``, ``mermaid``, ``graphml``).

    JSON formats are compact unless ``indent`` (spaces per level) is given; other formats
    ignore it.
    """
    if indent is not None and (isinstance(indent, bool) or not isinstance(indent, int)
                               or not 0 <= indent <= 16):
        raise UsageError(f"indent must be a whole number from 0 to 16, not {indent!r}")
    return _format(format, "export").write(argmap, indent)


def export_losses(argmap: ArgumentMap, format: str) -> tuple[Diagnostic, ...]:
    """Warnings for what of ``argmap`` an export to ``format`` cannot say.

    Empty for argmap's own formats, AIF/xAIF and SADFace (argmap's extra fields travel
    in an ``"argmap"`` object on each node); for Argdown, attacks on attacks, linked
    co-premises of attacks, titles, sides, notes, evidence details, ...; for Mermaid,
    what a diagram does not draw (titles of claims, tags, notes, evidence details, the
    map's metadata); for GraphML, control characters XML cannot hold.
    """
    info = _format(format, "export")
    return tuple(
        Diagnostic("export-loss", message, Location(), Severity.WARNING,
                   "keep the argmap file as the source; convert from it again when needed")
        for message in info.lost_in_export(argmap)
    )


def content_format(data: str | bytes) -> str | None:
    """The format ``data`` plainly is, whatever its file is called, or ``None`` when its
    content does not say: argmap YAML (a top-level ``argmap:`` key), argmap JSON (an
    ``argmap`` key), xAIF (an ``AIF`` object), AIF (``nodeID`` nodes), SADFace
    (``metadata``, or edges with ``source_id``), arg-microtexts XML.  ``convert`` uses it
    to refuse an input whose ``--from`` names another format.

    >>> content_format(b'{"nodes": [{"nodeID": "1", "text": "x", "type": "I"}]}')
    'aif'
    >>> content_format("just some words") is None
    True
    """
    return _sniff(data, certain=True)


def detect_format(name: str | None, data: str | bytes | None = None) -> str | None:
    """The format a file name says (``.aif.json``, ``.argdown``, ``.xml``, ...), or ``None``.

    A plain ``.json`` file is recognised by its content when ``data`` is given: an
    ``argmap`` key, an ``AIF`` object, AIF ``nodeID`` nodes or SADFace ``metadata``.
    Without a name (standard input), argmap YAML is recognised by its top-level
    ``argmap:`` key, arggraph XML by its root, Argdown by a leading ``[``, ``<`` or ``#``.

    >>> detect_format("debate.aif.json")
    'aif'
    >>> detect_format("micro_b001.xml")
    'microtexts'
    """
    if name and name != "-":
        lower = PurePath(name).name.lower()
        for info in sorted(FORMATS.values(), key=lambda f: -max(map(len, f.extensions))):
            if any(lower.endswith(ext) for ext in sorted(info.extensions, key=len, reverse=True)):
                return info.name
        if not lower.endswith(".json"):
            return None
    if data is None:
        return "json" if name and name.lower().endswith(".json") else None
    return _sniff(data)


#: An argmap YAML document: a top-level ``argmap:`` key at the start of a line.
_YAML_MAP = re.compile(r"^argmap[ \t]*:", re.MULTILINE)


def _sniff(data: str | bytes, *, certain: bool = False) -> str | None:
    head = (
        data[:1_000_000] if isinstance(data, str) else data[:1_000_000].decode("utf-8", "replace")
    )
    stripped = head.lstrip("\ufeff \t\r\n")
    if _YAML_MAP.search(head[:100_000]):
        return "yaml"
    if stripped.startswith(("<?xml", "<!", "<arggraph")):
        return "microtexts"
    if not stripped.startswith("{"):
        if certain:
            return None
        return "argdown" if stripped.startswith(("[", "<", "#", "===")) else None
    try:
        value = json.loads(data)
    except (ValueError, RecursionError):
        return None if certain else "json"
    if not isinstance(value, dict):
        return None if certain else "json"
    if "argmap" in value and "nodes" not in value:
        return "json"
    if isinstance(value.get("AIF"), dict):
        return "xaif"
    nodes = value.get("nodes")
    if isinstance(nodes, list):
        first = next((n for n in nodes if isinstance(n, dict)), {})
        if "nodeID" in first:
            return "aif"
        if "metadata" in value or "source_id" in json.dumps(value.get("edges", []))[:1000]:
            return "sadface"
        return None if certain else "aif"
    return None if certain else "json"
