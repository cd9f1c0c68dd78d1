"""``argmap lsp``: a language server for argument maps (YAML, JSON, Argdown).

Editors start it as ``argmap lsp`` and speak the Language Server Protocol to it over
standard input and output.  It reports what ``argmap validate`` and ``argmap check``
report while you type, completes ids where an id is expected, goes to an id's
definition and its references, shows an entry's text and status on hover, renames ids
across the file, outlines the map and offers quick fixes for did-you-mean hints.

:func:`analyze` is the editor-independent part (no LSP library needed);
:func:`create_server` and :func:`serve_stdio` need the ``lsp`` extra
(``pip install 'argmap[lsp]'``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from argmap.lsp._analysis import Analysis, Entry, Occurrence, Span, analyze

if TYPE_CHECKING:
    from argmap.lsp._server import ArgmapLanguageServer

__all__ = [
    "DEBOUNCE_SECONDS",
    "Analysis",
    "Entry",
    "Occurrence",
    "Span",
    "analyze",
    "create_server",
    "serve_stdio",
]

#: How long (seconds) a document must stay unchanged before it is analysed again.
DEBOUNCE_SECONDS = 0.05


def create_server(debounce: float = DEBOUNCE_SECONDS) -> ArgmapLanguageServer:
    """A pygls language server with every feature registered (needs pygls 2)."""
    from argmap.lsp._server import create_server as create  # noqa: PLC0415 -- needs pygls

    return create(debounce)


def serve_stdio(debounce: float = DEBOUNCE_SECONDS, streams: Any = None) -> int:
    """Serve one client on standard input and output (or ``streams``: a binary reader
    and writer) until it ends the session; 0 when it asked the server to shut down
    first (as LSP has it), else 1."""
    from argmap.lsp._server import serve_stdio as serve  # noqa: PLC0415 -- needs pygls

    return serve(debounce, streams)
