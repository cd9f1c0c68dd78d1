"""A live preview of a map in the browser: ``argmap serve MAP``.

::

    from argmap.serve import Preview, PreviewOptions, Server
    from argmap.render import RenderOptions

    preview = Preview("debate.argmap.yaml",
                      PreviewOptions(render=RenderOptions(color_by="status")))
    server = Server(preview, port=0)          # bound to 127.0.0.1, a free port
    print(server.url)
    server.run()                              # until Ctrl-C

The page shows the diagram, the diagnostics of ``validate`` and ``check`` with their
``line:column``, and, for a clicked node, its text, source, status under the chosen
semantics and the explanation.  Every save of the file (YAML, JSON or Argdown) redraws
it in place within a second, keeping the reader's zoom and the box they look at where it
was on the screen; while the file cannot be drawn (unreadable, invalid, Graphviz failed),
the last good diagram stays, greyed, with the errors on top (the check's findings are
listed, and counted in the header, without covering the map).  A big, densely
cross-linked map whose layered layout would take longer than
``PreviewOptions.preview_budget`` is shown first in a quick layout, and the layered one
replaces it when it is done (``Preview.memory``, a :class:`LayoutMemory`).

:class:`Preview` and :class:`PreviewOptions` need only argmap itself
(``Preview.look()`` takes a snapshot without a server); :class:`Server` and
:func:`create_app` need the ``serve`` extra (``pip install 'argmap[serve]'``:
Starlette, uvicorn, watchfiles).  See ``docs/serve.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from argmap.serve._preview import Preview, Snapshot
from argmap.serve._run import Server, is_loopback
from argmap.serve._snapshot import Drawing, LayoutMemory, PreviewOptions

if TYPE_CHECKING:
    from argmap.serve._app import create_app

__all__ = [
    "EXTRA_HINT",
    "Drawing",
    "LayoutMemory",
    "Preview",
    "PreviewOptions",
    "Server",
    "Snapshot",
    "create_app",
    "is_loopback",
    "missing_extra",
]

#: How to get what ``argmap serve`` needs beyond argmap itself.
EXTRA_HINT = "pip install 'argmap[serve]'"


def missing_extra() -> str | None:
    """The name of the first package of the ``serve`` extra that is not installed, or
    ``None`` when the live preview can run."""
    import importlib.util  # noqa: PLC0415 -- only here

    for name in ("starlette", "uvicorn", "watchfiles"):
        try:
            found = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            found = None
        if found is None:
            return name
    return None


def __getattr__(name: str) -> Any:
    # create_app imports Starlette: only when asked for
    if name == "create_app":
        from argmap.serve._app import create_app  # noqa: PLC0415 -- lazily

        return create_app
    raise AttributeError(f"module 'argmap.serve' has no attribute {name!r}")
