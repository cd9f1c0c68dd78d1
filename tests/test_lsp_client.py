"""A small LSP client over a child process's pipes, for the tests and the benchmark.

``LspClient`` starts ``argmap lsp`` (or any command), frames JSON-RPC messages with
``Content-Length`` headers, reads the server's messages in a thread, answers the
server's own requests with ``null`` and lets a test wait for a response or for a
notification that matches.  The tests below check the framing itself.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

import pytest

ARGMAP = [sys.executable, "-m", "argmap"]


def encode(message: dict[str, Any]) -> bytes:
    """One JSON-RPC message with its header."""
    body = json.dumps(message, ensure_ascii=False).encode("utf-8")
    return f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body


def read_message(stream: IO[bytes]) -> dict[str, Any] | None:
    """The next message from ``stream``, or ``None`` at its end."""
    length = None
    while True:
        line = stream.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    if length is None:
        raise ValueError("a message without Content-Length")
    body = stream.read(length)
    if len(body) < length:
        return None
    message: dict[str, Any] = json.loads(body.decode("utf-8"))
    return message


def uri_of(path: str | os.PathLike[str]) -> str:
    return Path(path).absolute().as_uri()


class LspClient:
    """Speaks LSP to a server started as a child process (``argmap lsp`` by default)."""

    def __init__(self, command: Sequence[str] | None = None, *,
                 cwd: str | os.PathLike[str] | None = None,
                 env: dict[str, str] | None = None) -> None:
        self.process = subprocess.Popen(
            list(command or [*ARGMAP, "lsp"]), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, cwd=cwd, env=env)
        self.next_id = 0
        self.responses: dict[int, dict[str, Any]] = {}
        self.notifications: list[dict[str, Any]] = []
        self.arrived = threading.Condition()
        self.stderr_lines: queue.Queue[bytes] = queue.Queue()
        self.write_lock = threading.Lock()
        self.closed = False
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    # -------------------------------------------------------------- transport

    def _read(self) -> None:
        assert self.process.stdout is not None
        while True:
            try:
                message = read_message(self.process.stdout)
            except (ValueError, OSError):
                message = None
            if message is None:
                with self.arrived:
                    self.closed = True
                    self.arrived.notify_all()
                return
            message["_received"] = time.perf_counter()
            if "id" in message and "method" in message:
                # A request from the server (registerCapability, progress): accept it.
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
                continue
            with self.arrived:
                if "id" in message:
                    self.responses[message["id"]] = message
                else:
                    self.notifications.append(message)
                self.arrived.notify_all()

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.stderr_lines.put(line)

    def stderr(self) -> str:
        lines = []
        while not self.stderr_lines.empty():
            lines.append(self.stderr_lines.get_nowait())
        return b"".join(lines).decode("utf-8", "replace")

    def send(self, message: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        with self.write_lock:
            self.process.stdin.write(encode(message))
            self.process.stdin.flush()

    # -------------------------------------------------------------- protocol

    def request_async(self, method: str, params: Any) -> int:
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return self.next_id

    def response(self, request_id: int, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        with self.arrived:
            while request_id not in self.responses:
                left = deadline - time.monotonic()
                if left <= 0 or self.closed:
                    raise TimeoutError(f"no response to request {request_id}; "
                                       f"stderr: {self.stderr()[-2000:]}")
                self.arrived.wait(left)
            return self.responses.pop(request_id)

    def request(self, method: str, params: Any, timeout: float = 30) -> Any:
        """Send a request and return its result (``AssertionError`` on an error)."""
        answer = self.response(self.request_async(method, params), timeout)
        assert "error" not in answer, answer["error"]
        return answer.get("result")

    def request_error(self, method: str, params: Any, timeout: float = 30) -> dict[str, Any]:
        """Send a request that must fail; its error."""
        answer = self.response(self.request_async(method, params), timeout)
        assert "error" in answer, answer
        error: dict[str, Any] = answer["error"]
        return error

    def notify(self, method: str, params: Any) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_for(self, method: str, match: Callable[[dict[str, Any]], bool] = lambda p: True,
                 timeout: float = 30, *, after: int = 0) -> dict[str, Any]:
        """The first notification ``method`` (from the ``after``-th on) whose params
        match; the whole message (``_received`` is when it arrived)."""
        deadline = time.monotonic() + timeout
        with self.arrived:
            while True:
                for message in self.notifications[after:]:
                    if message.get("method") == method and match(message.get("params", {})):
                        return message
                left = deadline - time.monotonic()
                if left <= 0 or self.closed:
                    raise TimeoutError(f"no {method} notification; "
                                       f"stderr: {self.stderr()[-2000:]}")
                self.arrived.wait(left)

    def diagnostics(self, uri: str, version: int | None = None, timeout: float = 30,
                    after: int = 0) -> list[dict[str, Any]]:
        """The diagnostics published for ``uri`` (for ``version``, if given)."""
        message = self.wait_for(
            "textDocument/publishDiagnostics",
            lambda p: p.get("uri") == uri and (version is None or p.get("version") == version),
            timeout, after=after)
        found: list[dict[str, Any]] = message["params"]["diagnostics"]
        return found

    def initialize(self, root: str | os.PathLike[str] | None = None,
                   encodings: Sequence[str] = ("utf-16",)) -> dict[str, Any]:
        result: dict[str, Any] = self.request("initialize", {
            "processId": os.getpid(),
            "rootUri": uri_of(root) if root else None,
            "capabilities": {
                "general": {"positionEncodings": list(encodings)},
                "textDocument": {
                    "publishDiagnostics": {"versionSupport": True},
                    "rename": {"prepareSupport": True},
                    "documentSymbol": {"hierarchicalDocumentSymbolSupport": True},
                    "hover": {"contentFormat": ["markdown", "plaintext"]},
                    "completion": {"completionItem": {"documentationFormat": ["markdown"]}},
                },
                "workspace": {"workspaceEdit": {"documentChanges": True}},
            },
        })
        self.notify("initialized", {})
        return result

    def open(self, uri: str, text: str, language: str = "yaml", version: int = 1) -> None:
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": language, "version": version, "text": text}})

    def change(self, uri: str, version: int, text: str) -> None:
        """Replace the whole text (a full-document change)."""
        self.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": text}]})

    def close(self, timeout: float = 20) -> int:
        """Shut the server down politely; its exit code."""
        try:
            if not self.closed:
                self.request("shutdown", None, timeout=timeout)
                self.notify("exit", None)
        except (OSError, TimeoutError, AssertionError):
            self.process.kill()
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()
        finally:
            for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
                if stream is not None:
                    stream.close()


# ---------------------------------------------------------------------- the framing


def test_messages_round_trip_through_the_framing(tmp_path: Path) -> None:
    message = {"jsonrpc": "2.0", "id": 1, "result": {"text": "Ünïcödé 😋"}}
    path = tmp_path / "frames"
    path.write_bytes(encode(message) + encode({"jsonrpc": "2.0", "method": "x"}))
    with path.open("rb") as stream:
        assert read_message(stream) == message
        assert read_message(stream) == {"jsonrpc": "2.0", "method": "x"}
        assert read_message(stream) is None


def test_a_message_without_length_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "frames"
    path.write_bytes(b"Content-Type: x\r\n\r\n{}")
    with path.open("rb") as stream, pytest.raises(ValueError, match="Content-Length"):
        read_message(stream)
