"""The one place that runs a Graphviz layout engine (``dot``, ``sfdp``, ...).

The DOT source goes to the engine's standard input; the output comes back on its
standard output.  Nothing is read from or written to disk by Graphviz on argmap's
behalf: the source never names a file (see :mod:`argmap._render.build`), and the
working directory is an empty temporary folder, and Graphviz runs in its "server"
mode (``SERVER_NAME`` set, ``GV_FILE_PATH`` that empty folder), in which it refuses to
open image files anywhere else: defence in depth should an ``image`` attribute or an
``<IMG>`` tag ever reach the source.  A missing executable, a failure and a
time-out are each reported as an :class:`~argmap.errors.ArgmapError` subclass.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

from argmap.errors import ArgmapError

__all__ = [
    "ENGINES",
    "INSTALL_HINT",
    "GraphvizError",
    "GraphvizNotFoundError",
    "find_engine",
    "run_engine",
]

#: The layout engines argmap lets users choose.
ENGINES = ("dot", "sfdp", "neato", "fdp", "twopi", "circo", "osage", "patchwork")

#: How to get Graphviz, for the error message when it is missing.
INSTALL_HINT = (
    "install Graphviz: `sudo apt-get install graphviz` (Debian, Ubuntu), "
    "`brew install graphviz` (macOS), `winget install graphviz` (Windows); "
    "DOT output (--format dot) works without it"
)

#: Output formats passed to ``-T``.
_DEVICES = {"svg": "svg", "png": "png", "pdf": "pdf"}


class GraphvizNotFoundError(ArgmapError):
    """The Graphviz executable needed to lay out the diagram is not installed."""

    def __init__(self, engine: str) -> None:
        self.engine = engine
        super().__init__(f"the Graphviz program `{engine}` was not found on PATH; "
                         f"{INSTALL_HINT}")


class GraphvizError(ArgmapError):
    """Graphviz failed or took too long."""


def find_engine(engine: str) -> str:
    """The path of the engine's executable; raises :class:`GraphvizNotFoundError`."""
    if engine not in ENGINES:
        raise GraphvizError(f"unknown layout engine {engine!r}; use one of "
                            + ", ".join(ENGINES))
    path = shutil.which(engine)
    if path is None:
        raise GraphvizNotFoundError(engine)
    return path


def run_engine(source: str, *, engine: str, fmt: str, timeout: float | None = None) -> bytes:
    """Lay out ``source`` with ``engine`` and return the ``fmt`` output (svg, png, pdf)."""
    device = _DEVICES.get(fmt)
    if device is None:
        raise GraphvizError(f"unknown output format {fmt!r}; use one of "
                            + ", ".join(_DEVICES))
    executable = find_engine(engine)
    env = {key: value for key, value in os.environ.items()
           if key not in ("GV_FILE_PATH", "SERVER_NAME", "GVBINDIR", "DOTFONTPATH",
                          "GDFONTPATH")}
    with tempfile.TemporaryDirectory(prefix="argmap-render-") as workdir:
        # With SERVER_NAME set, Graphviz only opens image files found in GV_FILE_PATH
        # (and strips directories from their names): point it at the empty folder.
        env["SERVER_NAME"] = "argmap"
        env["GV_FILE_PATH"] = workdir + os.sep
        try:
            completed = subprocess.run(  # noqa: S603 -- fixed argv, source on stdin
                [executable, f"-T{device}", "-q"],
                input=source.encode("utf-8"),
                capture_output=True,
                timeout=timeout,
                cwd=workdir,
                env=env,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise GraphvizError(
                f"`{engine}` took longer than {timeout:g} s; render part of the map "
                "(--focus, --tag), use --engine sfdp, or raise --timeout"
            ) from None
        except OSError as exc:
            raise GraphvizError(f"cannot run `{engine}`: {exc.strerror or exc}") from None
    if completed.returncode != 0 or not completed.stdout:
        detail = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = "; ".join(detail[:3]) or f"exit status {completed.returncode}"
        raise GraphvizError(f"`{engine}` failed: {reason}")
    return completed.stdout
