"""The web application of the live preview (Starlette): three fixed routes, no files.

* ``GET /``: the page (:mod:`argmap.serve._page`);
* ``GET /events``: server-sent events, one ``snapshot`` event on connection and one
  after every look at the file, a comment every 15 s to keep the connection open;
* ``GET /snapshot``: the current snapshot as JSON (``?after=N`` waits up to 20 s for
  one newer than version N).

Anything else is 404 and any other method 405: the server never maps a URL to a file,
so there is nothing to traverse.  Every answer carries the page's Content-Security-Policy,
``nosniff``, ``no-referrer``, ``no-store`` and a refusal to be framed.  When the server
listens on a loopback address, a request must name a loopback host (``Host:`` header),
which defeats DNS rebinding; when it listens on any other address, every request must
carry the random token (``?token=``) printed with the address.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.serve._page import POLICY, page
from argmap.serve._preview import Preview

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

__all__ = ["HEADERS", "LOOPBACK_NAMES", "create_app"]

#: Sent with every answer.
HEADERS = {
    "content-security-policy": POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
    "cross-origin-resource-policy": "same-origin",
}

#: Host names a browser uses for a loopback server.
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})

#: Seconds between keep-alive comments on the event stream.
KEEP_ALIVE = 15.0

_Scope = MutableMapping[str, Any]
_Message = MutableMapping[str, Any]
_Receive = Callable[[], Awaitable[_Message]]
_Send = Callable[[_Message], Awaitable[None]]
_App = Callable[[_Scope, _Receive, _Send], Awaitable[None]]


class _Headers:
    """Adds :data:`HEADERS` to every HTTP answer, the 404s and 405s included."""

    def __init__(self, app: _App) -> None:
        self.app = app
        self.raw = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in HEADERS.items()]

    async def __call__(self, scope: _Scope, receive: _Receive, send: _Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: _Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *[(k, v) for k, v in self.raw if k not in names]]
            await send(message)

        await self.app(scope, receive, with_headers)


def _host_name(header: str) -> str:
    """The host name of a ``Host:`` header, without the port (``[::1]:8000`` -> ``::1``)."""
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def create_app(preview: Preview, *, token: str | None = None,
               hosts: frozenset[str] | None = LOOPBACK_NAMES, watch: bool = True) -> Starlette:
    """The ASGI application serving ``preview``.

    ``token``: required as ``?token=`` on every request (when the server listens on a
    non-loopback address).  ``hosts``: the host names a request may name in its
    ``Host:`` header (``None``: any; the loopback names by default).  ``watch``: look at
    the file again whenever it changes on disk (watchfiles), from start-up to shutdown;
    without it the preview changes only when :meth:`Preview.request` is called.
    """
    # the serve extra, imported here so that this module (and argmap.serve) loads
    # without it
    from starlette.applications import Starlette  # noqa: PLC0415
    from starlette.responses import (  # noqa: PLC0415
        PlainTextResponse,
        Response,
        StreamingResponse,
    )
    from starlette.routing import Route  # noqa: PLC0415

    def refused(request: Request) -> Response | None:
        if hosts is not None:
            name = _host_name(request.headers.get("host", "")).lower()
            if name not in hosts:
                return PlainTextResponse(
                    "argmap serve answers only to its own address (open the address it "
                    "printed)", status_code=403)
        if token is not None:
            given = request.query_params.get("token", "")
            if not hmac.compare_digest(given.encode("utf-8", "replace"),
                                       token.encode("utf-8")):
                return PlainTextResponse(
                    "this preview needs its token: open the whole address argmap serve "
                    "printed (with ?token=...)", status_code=403)
        return None

    async def home(request: Request) -> Response:
        return refused(request) or Response(page(preview.display),
                                            media_type="text/html; charset=utf-8")

    async def snapshot(request: Request) -> Response:
        stop = refused(request)
        if stop is not None:
            return stop
        after = request.query_params.get("after")
        current = preview.snapshot
        if after is not None:
            if not (after.isascii() and after.isdigit() and len(after) < 16):
                return PlainTextResponse("after must be a version number", status_code=400)
            current = await preview.wait_for(int(after), 20.0)
        return Response(json.dumps(current.to_json(), separators=(",", ":")),
                        media_type="application/json")

    async def events(request: Request) -> Response:
        stop = refused(request)
        if stop is not None:
            return stop

        async def stream() -> AsyncIterator[str]:
            sent_version, sent_drawing = -1, -1
            yield "retry: 1000\n\n"
            while not preview.closed:
                current = preview.snapshot
                if current.version != sent_version:
                    # the SVG only when it changed: a broken save sends the errors alone
                    data = current.to_json(with_svg=current.drawn_version != sent_drawing)
                    sent_version, sent_drawing = current.version, current.drawn_version
                    yield f"event: snapshot\ndata: {json.dumps(data, separators=(',', ':'))}\n\n"
                    continue
                newer = await preview.wait_for(sent_version, KEEP_ALIVE)
                if newer.version == sent_version and not preview.closed:
                    yield ": keep-alive\n\n"

        return StreamingResponse(stream(), media_type="text/event-stream",
                                 headers={"x-accel-buffering": "no"})

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        worker = asyncio.create_task(preview.run(), name="argmap-serve-worker")
        stop = asyncio.Event()
        watcher = asyncio.create_task(_watch(preview, stop), name="argmap-serve-watch") \
            if watch else None
        preview.request()
        try:
            yield
        finally:
            stop.set()
            await preview.close()
            for task in (watcher, worker):
                if task is not None:
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError, Exception):
                        await task

    routes = [Route("/", home, methods=["GET"]),
              Route("/events", events, methods=["GET"]),
              Route("/snapshot", snapshot, methods=["GET"])]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.add_middleware(_Headers)
    return app


def _identity(folder: Path) -> tuple[int, int] | None:
    """The folder's device and inode (``None`` while it does not exist)."""
    try:
        found = folder.stat()
    except OSError:
        return None
    return (found.st_dev, found.st_ino)


async def _watch(preview: Preview, stop: asyncio.Event) -> None:
    """Ask the preview to look again whenever its file changes.

    The folder is watched, not the file, and changes are filtered to the file's name:
    editors that save by writing a new file and renaming it over the old one (vim,
    many IDEs) replace the file's inode, which a watch on the file itself would lose.
    Every second the watch also checks that the folder is still the one it watches: a
    folder removed (the page then says the file cannot be read) or replaced is watched
    anew once it is there, and the file looked at again.
    """
    from watchfiles import awatch  # noqa: PLC0415 -- the serve extra

    target = Path(preview.path).absolute()
    folder = target.parent
    real = folder.resolve()

    def ours(_change: object, path: str) -> bool:
        found = Path(path)
        return found.name == target.name and found.parent in (folder, real)

    again = False
    while not stop.is_set():
        watched = _identity(folder)
        if watched is None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 1.0)
            continue
        if again:
            preview.request()  # the file may have been saved before this watch began
        try:
            async for changes in awatch(folder, watch_filter=ours, debounce=400, step=30,
                                        stop_event=stop, recursive=False,
                                        rust_timeout=1000, yield_on_timeout=True):
                if changes or again:
                    # (a new watch is now in place: one more look closes the gap)
                    preview.request()
                    again = False
                if _identity(folder) != watched:
                    break  # removed or replaced: watch the new one
        except (OSError, RuntimeError):
            pass  # the watch failed (the folder went away): start again
        again = True
        if not stop.is_set():
            preview.request()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 0.2)
