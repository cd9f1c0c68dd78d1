"""Running the live preview: the listening socket, the address, uvicorn, the browser.

The socket is bound before uvicorn starts, so that ``port=0`` (any free port) gives the
real port to print, and a browser opened at once finds the server (its connection waits
in the socket's queue until uvicorn accepts it).
"""

from __future__ import annotations

import ipaddress
import secrets
import socket
import webbrowser
from collections.abc import Callable

from argmap.errors import ArgmapError
from argmap.serve._preview import Preview

__all__ = ["Server", "is_loopback", "start"]


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _bind(host: str, port: int) -> socket.socket:
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM,
                                   flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as exc:
        raise ArgmapError(f"cannot listen on {host!r}: unknown host ({exc})") from None
    last: OSError | None = None
    for family, kind, proto, _name, address in infos:
        sock = socket.socket(family, kind, proto)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(address)
            sock.listen(128)
        except OSError as exc:
            sock.close()
            last = exc
            continue
        sock.set_inheritable(True)
        return sock
    reason = (last.strerror if last is not None and last.strerror else str(last))
    raise ArgmapError(f"cannot listen on {host} port {port}: {reason}"
                      + (" (choose another --port, or leave it out for a free one)"
                         if port else ""))


class Server:
    """A bound, not yet running live preview: its ``url`` is known (call :meth:`run`)."""

    def __init__(self, preview: Preview, *, host: str = "127.0.0.1", port: int = 0,
                 watch: bool = True) -> None:
        from argmap.serve._app import LOOPBACK_NAMES, create_app  # noqa: PLC0415 -- extra

        self.preview = preview
        self.host = host
        loopback = is_loopback(host)
        self.token = None if loopback else secrets.token_urlsafe(18)
        self.socket = _bind(host, port)
        self.port = int(self.socket.getsockname()[1])
        hosts = LOOPBACK_NAMES | {host.lower().strip("[]")} if loopback else None
        self.app = create_app(preview, token=self.token, hosts=hosts, watch=watch)
        shown = host
        if host in ("0.0.0.0", "::"):  # noqa: S104 -- naming it, not binding it
            shown = socket.gethostname()
        shown = f"[{shown}]" if ":" in shown and not shown.startswith("[") else shown
        self.url = f"http://{shown}:{self.port}/" + (
            f"?token={self.token}" if self.token else "")

    def run(self, *, open_browser: bool = False,
            on_ready: Callable[[str], None] | None = None) -> None:
        """Serve until interrupted (Ctrl-C, SIGTERM)."""
        import uvicorn  # noqa: PLC0415 -- the serve extra

        config = uvicorn.Config(self.app, log_level="warning", access_log=False,
                                lifespan="on", timeout_graceful_shutdown=2,
                                server_header=False, date_header=False)
        server = uvicorn.Server(config)
        if on_ready is not None:
            on_ready(self.url)
        if open_browser:
            webbrowser.open(self.url)
        try:
            server.run(sockets=[self.socket])
        finally:
            self.socket.close()


def start(preview: Preview, *, host: str = "127.0.0.1", port: int = 0,
          open_browser: bool = False, on_ready: Callable[[str], None] | None = None) -> None:
    """Serve ``preview`` on ``host``:``port`` (0: any free port) until interrupted."""
    Server(preview, host=host, port=port).run(open_browser=open_browser, on_ready=on_ready)
