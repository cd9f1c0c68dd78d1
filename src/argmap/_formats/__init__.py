"""One module per interchange format; the registry that names them.

Readers take decoded text and a file name (for diagnostics) and return an
:class:`~argmap._formats.common.ImportResult`; writers take a map and return text.  The
modules are imported on first use so that ``import argmap`` stays light.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from argmap._formats.common import ImportResult

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

__all__ = ["REGISTRY", "FormatInfo"]


@attrs.frozen
class FormatInfo:
    """A format argmap converts from or to.

    ``extensions`` are the file endings that name it unambiguously (longest first);
    ``reader``/``writer`` are ``"module:function"`` names, ``None`` when a direction is
    not supported.
    """

    name: str
    title: str
    extensions: tuple[str, ...]
    reader: str | None
    writer: str | None
    #: ``"module:function"`` listing what an export to this format loses (or ``None``).
    losses: str | None = None
    #: The writer writes JSON and takes ``indent`` (``None``: compact).
    json: bool = False

    @property
    def can_import(self) -> bool:
        """True when argmap reads this format."""
        return self.reader is not None

    @property
    def can_export(self) -> bool:
        """True when argmap writes this format."""
        return self.writer is not None

    def read(self, text: str, file: str | None) -> ImportResult:
        """Import ``text`` (decoded) as this format."""
        if self.reader is None:
            raise ValueError(f"argmap cannot read {self.name}")
        result = _resolve(self.reader)(text, file)
        assert isinstance(result, ImportResult)  # noqa: S101 -- readers return ImportResult
        return result

    def lost_in_export(self, argmap: ArgumentMap) -> list[str]:
        """What of ``argmap`` an export to this format cannot say."""
        if self.losses is None:
            return []
        found = _resolve(self.losses)(argmap)
        assert isinstance(found, list)  # noqa: S101 -- loss functions return lists
        return [str(line) for line in found]

    def write(self, argmap: ArgumentMap, indent: int | None = None) -> str:
        """Export ``argmap`` as this format (``indent`` pretty-prints JSON formats)."""
        if self.writer is None:
            raise ValueError(f"argmap cannot write {self.name}")
        writer = _resolve(self.writer)
        text = writer(argmap, indent) if self.json else writer(argmap)
        assert isinstance(text, str)  # noqa: S101 -- writers return text
        return text


def _resolve(name: str) -> Callable[..., object]:
    module, _, function = name.partition(":")
    found: Callable[..., object] = getattr(importlib.import_module(module), function)
    return found


_P = "argmap._formats."

REGISTRY = MappingProxyType(
    {
        info.name: info
        for info in (
            FormatInfo("yaml", "argmap YAML", (".argmap.yaml", ".argmap.yml", ".yaml", ".yml"),
                       _P + "native:read_yaml", _P + "native:write_yaml"),
            FormatInfo("json", "argmap JSON", (".argmap.json",),
                       _P + "native:read_json", _P + "native:write_json", json=True),
            FormatInfo("aif", "AIF JSON (AIFdb)", (".aif.json", ".aif"),
                       _P + "aif:import_aif", _P + "aif:export_aif", json=True),
            FormatInfo("xaif", "xAIF (AIF under an \"AIF\" key)", (".xaif.json", ".xaif"),
                       _P + "aif:import_aif", _P + "aif:export_xaif", json=True),
            FormatInfo("sadface", "SADFace JSON", (".sadface.json", ".sadface"),
                       _P + "sadface:import_sadface", _P + "sadface:export_sadface",
                       json=True),
            FormatInfo("microtexts", "arg-microtexts arggraph XML", (".xml",),
                       _P + "microtexts:import_microtexts", None),
            FormatInfo("argdown", "Argdown", (".argdown", ".ad"),
                       _P + "argdown:import_argdown", _P + "argdown:export_argdown",
                       _P + "argdown:export_losses"),
            FormatInfo("mermaid", "Mermaid flowchart", (".mmd", ".mermaid"),
                       None, _P + "mermaid:export_mermaid", _P + "mermaid:export_losses"),
            FormatInfo("graphml", "GraphML (yEd, Gephi, networkx)", (".graphml",),
                       None, _P + "graphml:export_graphml", _P + "graphml:export_losses"),
        )
    }
)
