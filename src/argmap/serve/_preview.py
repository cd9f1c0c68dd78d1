"""The state of a live preview: the latest snapshot, one render at a time, saves coalesced.

A :class:`Preview` holds what the page shows: a numbered :class:`Snapshot` (the
diagnostics of the file as it is now, and the last diagram that could be drawn). Each
request to look again (:meth:`Preview.request`, called for every save) only marks the
preview as out of date; one worker (:meth:`Preview.run`) takes the file in a thread of
its own, off the event loop, and while it works every further save is folded into the
one next look.  So ten saves in a second cost at most two renders, and the server keeps
answering while Graphviz works.

A look at a big, densely cross-linked map draws it in two stages when the layered
layout (``dot``, what ``argmap render`` draws) is predicted to take longer than the
preview's budget (:func:`argmap._render.layout.preview_plan`: the layout's estimated
cost times the seconds per unit of cost measured on the last large layout): a quick
``sfdp`` drawing is published first (its notes say why), and the layered one replaces
it when ``dot`` finishes.  With an idle core the two layouts run at once (should ``dot``
finish first, only its drawing is published); without, one after the other, and when
the file is saved again while the quick layout runs, ``dot`` is left to the next look
(typing fast, one sees quick drawings; the layered one comes when one pauses).  A save that changes
nothing Graphviz sees (a source, a comment) reuses the last layout.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import attrs

from argmap.errors import Diagnostic, Location, Severity
from argmap.serve._snapshot import Drawing, LayoutMemory, PreviewOptions, take

__all__ = ["Preview", "Snapshot"]

_T = TypeVar("_T")


@attrs.frozen
class Snapshot:
    """What the page shows, numbered by ``version`` (it grows with every look).

    ``svg`` and ``nodes`` are the last diagram that could be drawn (``None`` and empty
    before the first); ``ok`` says whether it is of the file as it is now (when False,
    the file could not be drawn: unreadable, invalid, or Graphviz failed; the page greys
    the last good diagram and shows the errors on top); the check's findings, errors
    included, leave ``ok`` True and are counted in ``to_json()["counts"]``;
    ``drawn_version`` is the version
    that drew it; ``pending`` is True before the first look; ``session`` names the
    preview (a page that reconnects to a restarted server starts afresh); ``nav`` goes
    with ``svg``: what the page needs to hide a side (as ``Drawing.nav``).
    """

    version: int
    file: str
    ok: bool
    svg: str | None
    nodes: Mapping[str, Mapping[str, Any]]
    drawn_version: int
    diagnostics: tuple[Mapping[str, Any], ...]
    title: str | None
    notes: tuple[str, ...]
    semantics: str
    seconds: float
    pending: bool = False
    session: str = ""
    layout: Mapping[str, Any] = attrs.field(factory=dict)
    nav: Mapping[str, Any] = attrs.field(factory=dict)

    def to_json(self, *, with_svg: bool = True) -> dict[str, Any]:
        """A JSON-ready dictionary (what ``/snapshot`` and the event stream send)."""
        counts = {"error": 0, "warning": 0, "info": 0}
        for d in self.diagnostics:
            counts[str(d["severity"])] = counts.get(str(d["severity"]), 0) + 1
        return {
            "version": self.version,
            "file": self.file,
            "ok": self.ok,
            "pending": self.pending,
            "drawn_version": self.drawn_version,
            "svg": self.svg if with_svg else None,
            "nodes": self.nodes if with_svg else {},
            "diagnostics": list(self.diagnostics),
            "counts": counts,
            "title": self.title,
            "notes": list(self.notes),
            "semantics": self.semantics,
            "seconds": round(self.seconds, 3),
            "session": self.session,
            "layout": dict(self.layout),
            "nav": self.nav if with_svg else {},
        }


async def _in_thread(work: Callable[[], _T]) -> _T:
    """Run ``work`` in a daemon thread of its own and wait for it without blocking the
    loop (a daemon thread, so that a render under way never holds up the end of the
    process; Graphviz itself is bounded by its time limit)."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[_T] = loop.create_future()

    def settle(value: Any, error: BaseException | None) -> None:
        if future.done():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(value)

    def target() -> None:
        value: Any = None
        error: BaseException | None = None
        try:
            value = work()
        except BaseException as exc:
            error = exc
        with contextlib.suppress(RuntimeError):  # the loop closed: nobody is waiting
            loop.call_soon_threadsafe(settle, value, error)

    threading.Thread(target=target, name="argmap-serve-render", daemon=True).start()
    return await future


class Preview:
    """The live preview of one map file.

    ``display`` is the file name shown in diagnostics and on the page (default: the
    path as given); ``report`` is given one line for each drawing published (how it
    was laid out, how long it took; ``argmap serve -v`` prints them).  :meth:`look`
    takes the file now, in the calling thread (for scripts and tests); a server runs
    :meth:`run` and calls :meth:`request` on every change of the file.
    """

    def __init__(self, path: str | Path, options: PreviewOptions | None = None, *,
                 display: str | None = None,
                 report: Callable[[str], None] | None = None) -> None:
        self.path = Path(path)
        self.options = options or PreviewOptions()
        self.display = display if display is not None else str(path)
        self.session = secrets.token_hex(6)
        self._snapshot = Snapshot(0, self.display, False, None, {}, 0, (), None, (),
                                  self.options.semantics, 0.0, pending=True,
                                  session=self.session)
        self._lock = threading.Lock()
        self._dirty: asyncio.Event | None = None
        self._changed: asyncio.Condition | None = None
        self._closed = False
        self._report = report
        self._published: Callable[[], None] | None = None
        #: what one look leaves the next: the layout to reuse, the measured speed of
        #: ``dot``; and where a quick drawing goes while the layered one is drawn
        self.memory = LayoutMemory(show=self._publish, superseded=self._saved_again)
        self.renders = 0

    def _saved_again(self) -> bool:
        """True when a save arrived since this look began (read from the look's thread:
        the flag of an asyncio event is a plain attribute)."""
        return self._dirty is not None and self._dirty.is_set()

    @property
    def snapshot(self) -> Snapshot:
        """The latest snapshot."""
        return self._snapshot

    @property
    def closed(self) -> bool:
        """True once :meth:`close` was called (the server is stopping)."""
        return self._closed

    def look(self) -> Snapshot:
        """Take the file as it is now and publish the result (blocking); when a quick
        layout is shown first, both drawings are published and the last is returned.

        Never raises for what the file holds; should argmap itself fail on it, that is
        shown as an ``internal`` error and the preview goes on with the next save.
        """
        try:
            drawing = take(self.path, self.options, display=self.display,
                           memory=self.memory)
        except Exception as exc:
            problem = Diagnostic(
                "internal", f"argmap failed on this file: {type(exc).__name__}: {exc}",
                Location(self.display), Severity.ERROR,
                "the last good diagram stays; please report this with the file")
            drawing = Drawing(None, {}, (problem,), None)
        return self._publish(drawing)

    def _publish(self, drawing: Drawing) -> Snapshot:
        with self._lock:
            self.renders += 1
            old = self._snapshot
            version = old.version + 1
            diagnostics = tuple(_diagnostic_json(d) for d in sorted(
                drawing.diagnostics, key=lambda d: (d.severity.rank,)))
            svg: str | None
            if drawing.svg is not None:
                svg, nodes, drawn = drawing.svg, drawing.nodes, version
            else:
                svg, nodes, drawn = old.svg, old.nodes, old.drawn_version
            layout = drawing.layout if drawing.svg is not None else old.layout
            self._snapshot = Snapshot(
                version, self.display, drawing.ok, svg, nodes, drawn, diagnostics,
                drawing.title if drawing.svg is not None else old.title, drawing.notes,
                self.options.semantics, drawing.seconds, session=self.session,
                layout=layout, nav=drawing.nav if drawing.svg is not None else old.nav)
            snapshot = self._snapshot
        if self._published is not None:
            self._published()
        if self._report is not None:
            self._report(_describe(snapshot, drawing))
        return snapshot

    # -- the server side -------------------------------------------------------------
    def _events(self) -> tuple[asyncio.Event, asyncio.Condition]:
        if self._dirty is None or self._changed is None:
            self._dirty = asyncio.Event()
            self._changed = asyncio.Condition()
        return self._dirty, self._changed

    def request(self) -> None:
        """Ask for another look at the file (from the event loop's thread)."""
        dirty, _ = self._events()
        dirty.set()

    async def run(self) -> None:
        """Look at the file whenever asked, one look at a time, until cancelled."""
        dirty, changed = self._events()
        loop = asyncio.get_running_loop()

        async def wake() -> None:
            async with changed:
                changed.notify_all()

        def published() -> None:  # called in the look's thread: wake the waiting clients
            with contextlib.suppress(RuntimeError):  # the loop closed
                loop.call_soon_threadsafe(lambda: loop.create_task(wake()))

        self._published = published
        try:
            while not self._closed:
                await dirty.wait()
                dirty.clear()
                # saves that arrive while this look runs set `dirty` again: one more look
                await _in_thread(self.look)
                await wake()
        finally:
            self._published = None

    async def wait_for(self, version: int, timeout: float) -> Snapshot:
        """The first snapshot newer than ``version``, or the current one after
        ``timeout`` seconds (or when the preview closes)."""
        _, changed = self._events()
        deadline = time.monotonic() + timeout
        async with changed:
            while self._snapshot.version <= version and not self._closed:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                try:
                    await asyncio.wait_for(changed.wait(), left)
                except TimeoutError:
                    break
        return self._snapshot

    async def close(self) -> None:
        """Stop the worker and wake every waiting client (the server is stopping)."""
        self._closed = True
        dirty, changed = self._events()
        dirty.set()
        async with changed:
            changed.notify_all()


def _describe(snapshot: Snapshot, drawing: Drawing) -> str:
    """One line for ``argmap serve -v``: the version, how it was drawn, how long."""
    layout = snapshot.layout
    if drawing.svg is None:
        how = "not drawn (" + ("errors" if drawing.diagnostics else "nothing to draw") + ")"
    elif layout.get("stage") == "quick":
        how = (f"quick layout ({layout.get('engine')}, Graphviz "
               f"{layout.get('graphviz', 0):.2f} s) while the layered one is drawn: "
               f"{layout.get('reason')}")
    else:
        graphviz = float(layout.get("graphviz", 0.0))
        how = (f"{layout.get('engine')}, Graphviz {graphviz:.2f} s" if graphviz
               else f"{layout.get('engine')}, the last layout reused (nothing Graphviz "
                    "sees changed)")
        if layout.get("reason"):
            how += f" ({layout.get('reason')})"
    return (f"version {snapshot.version}: {how}; {snapshot.seconds:.2f} s since the look "
            "began")


def _diagnostic_json(d: Any) -> dict[str, Any]:
    data: dict[str, Any] = d.to_json()
    data["severity"] = d.severity.value if isinstance(d.severity, Severity) else str(
        d.severity)
    return data
