"""The one place that runs a Graphviz layout engine (``dot``, ``sfdp``, ...).

The DOT source goes to the engine's standard input; the output comes back on its
standard output.  Nothing is read from or written to disk by Graphviz on argmap's
behalf: the source never names a file (see :mod:`argmap._render.build`), the
working directory is an empty temporary folder (removed afterwards), and Graphviz runs
in its "server" mode (``SERVER_NAME`` set, ``GV_FILE_PATH`` that empty folder), in
which it refuses to open image files anywhere else: defence in depth should an
``image`` attribute or an ``<IMG>`` tag ever reach the source.  A missing executable, a
failure and a
time-out are each reported as an :class:`~argmap.errors.ArgmapError` subclass.  An
interrupt (SIGINT, SIGTERM) stops the child and removes the folder before the process
ends.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Iterator

from argmap.errors import ArgmapError

__all__ = [
    "ENGINES",
    "INSTALL_HINT",
    "TIMEOUT_ADVICE",
    "GraphvizError",
    "GraphvizNotFoundError",
    "GraphvizTimeoutError",
    "find_engine",
    "run_engine",
    "run_unflatten",
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
_DEVICES = {"svg": "svg", "png": "png", "pdf": "pdf", "dot": "dot",
            "json0": "json0"}  # json0: the layout as JSON (the outline measures boxes)


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


class GraphvizTimeoutError(GraphvizError):
    """Graphviz ran over its time limit (the process was stopped)."""

    def __init__(self, engine: str, seconds: float, advice: str) -> None:
        self.engine = engine
        self.seconds = seconds
        super().__init__(f"`{engine}` took longer than {seconds:g} s and was stopped; "
                         f"{advice}")


#: What to try when Graphviz runs over its time limit.
TIMEOUT_ADVICE = ("render part of the map (--focus, --tag), use --engine sfdp, or "
                  "raise --timeout")


class _Terminated(BaseException):
    """SIGTERM arrived while Graphviz ran: stop it, clean up, then die of the signal."""


@contextlib.contextmanager
def _sigterm_unwinds() -> Iterator[None]:
    """Make SIGTERM unwind the stack (so the child is stopped and the folder removed).

    Only when this is the main thread and SIGTERM still has its default action (a
    library must not replace a handler its host installed).  After the clean-up the
    default action is restored and the signal raised again, so the process still ends
    as a SIGTERM ends it.  SIGINT needs nothing: it raises KeyboardInterrupt.
    """
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL):
        yield
        return

    def handler(_signum: int, _frame: object) -> None:
        raise _Terminated

    signal.signal(signal.SIGTERM, handler)
    try:
        yield
    except _Terminated:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)
        raise  # not reached unless the signal is blocked
    finally:
        if signal.getsignal(signal.SIGTERM) is handler:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Kill the child, reap it (no zombie, no orphan left running), close its pipes."""
    if process.poll() is None:
        process.kill()
    process.wait()
    for stream in (process.stdin, process.stdout, process.stderr):
        if stream is not None:
            stream.close()


def run_engine(source: str, *, engine: str, fmt: str, timeout: float | None = None,
               advice: str = TIMEOUT_ADVICE) -> bytes:
    """Lay out ``source`` with ``engine`` and return the ``fmt`` output (svg, png, pdf,
    or ``dot``: the source with every position filled in, the layout alone).

    The child is stopped, and its temporary folder removed, whatever ends the wait: a
    time-out (:class:`GraphvizTimeoutError`, whose message ends with ``advice``), an
    interrupt (Ctrl-C) or SIGTERM.
    """
    device = _DEVICES.get(fmt)
    if device is None:
        raise GraphvizError(f"unknown output format {fmt!r}; use one of "
                            + ", ".join(_DEVICES))
    executable = find_engine(engine)
    env = {key: value for key, value in os.environ.items()
           if key not in ("GV_FILE_PATH", "SERVER_NAME", "GVBINDIR", "DOTFONTPATH",
                          "GDFONTPATH")}
    with _sigterm_unwinds(), tempfile.TemporaryDirectory(prefix="argmap-render-") as workdir:
        # With SERVER_NAME set, Graphviz only opens image files found in GV_FILE_PATH
        # (and strips directories from their names): point it at the empty folder.
        env["SERVER_NAME"] = "argmap"
        env["GV_FILE_PATH"] = workdir + os.sep
        try:
            process = subprocess.Popen(  # noqa: S603 -- fixed argv, source on stdin
                [executable, f"-T{device}", "-q"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                cwd=workdir,
                env=env,
            )
        except OSError as exc:
            raise GraphvizError(f"cannot run `{engine}`: {exc.strerror or exc}") from None
        try:
            stdout, stderr = process.communicate(source.encode("utf-8"), timeout=timeout)
        except subprocess.TimeoutExpired:
            _stop(process)
            raise GraphvizTimeoutError(engine, timeout or 0, advice) from None
        finally:
            _stop(process)
    if process.returncode != 0 or not stdout:
        detail = stderr.decode("utf-8", "replace").strip().splitlines()
        reason = "; ".join(detail[:3]) or f"exit status {process.returncode}"
        raise GraphvizError(f"`{engine}` failed: {reason}")
    return stdout


#: The flags :func:`run_unflatten` accepts (``unflatten``'s own: leaf staggering, fan-out
#: staggering, chaining of loose nodes), each with its numeric value where it takes one.
_UNFLATTEN_FLAGS = frozenset({"-l", "-f", "-c"})


def run_unflatten(source: str, flags: tuple[str, ...], *, timeout: float | None = None
                  ) -> str:
    """``source`` passed through Graphviz's ``unflatten`` with ``flags`` (for example
    ``("-l", "3", "-f")``): the same graph, with invisible weights (``minlen`` on the
    edges to leaves, fanned-out edges staggered) that make a wide, shallow ``dot``
    layout narrower and taller.  Run the way :func:`run_engine` runs an engine: source
    on standard input, in an empty folder, stopped at ``timeout``.
    """
    for flag in flags:
        if flag not in _UNFLATTEN_FLAGS and not flag.isdigit():
            raise GraphvizError(f"unknown unflatten flag {flag!r}")
    executable = shutil.which("unflatten")
    if executable is None:
        raise GraphvizNotFoundError("unflatten")
    env = {key: value for key, value in os.environ.items()
           if key not in ("GV_FILE_PATH", "SERVER_NAME", "GVBINDIR")}
    with _sigterm_unwinds(), tempfile.TemporaryDirectory(prefix="argmap-render-") as workdir:
        try:
            process = subprocess.Popen(  # noqa: S603 -- fixed argv, checked flags, stdin
                [executable, *flags], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, cwd=workdir, env=env)
        except OSError as exc:
            raise GraphvizError(f"cannot run `unflatten`: {exc.strerror or exc}") from None
        try:
            stdout, stderr = process.communicate(source.encode("utf-8"), timeout=timeout)
        except subprocess.TimeoutExpired:
            _stop(process)
            raise GraphvizTimeoutError("unflatten", timeout or 0, TIMEOUT_ADVICE) from None
        finally:
            _stop(process)
    if process.returncode != 0 or not stdout:
        detail = stderr.decode("utf-8", "replace").strip().splitlines()
        reason = "; ".join(detail[:3]) or f"exit status {process.returncode}"
        raise GraphvizError(f"`unflatten` failed: {reason}")
    return stdout.decode("utf-8")
