"""Starting ``argmap serve`` as a real child process for the tests, and stopping it."""

from __future__ import annotations

import contextlib
import os
import re
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

_URL = re.compile(r"at (http://\S+)")


@contextlib.contextmanager
def running_server(
    *args: str | Path, timeout: float = 60.0
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``python -m argmap serve ARGS`` on a free port: its printed address and process.

    The server is stopped (SIGINT, then SIGKILL) and reaped however the test ends.
    """
    proc = subprocess.Popen(
        [sys.executable, "-m", "argmap", "serve", *map(str, args)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert proc.stdout is not None
        selector = selectors.DefaultSelector()
        selector.register(proc.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout
        line = b""
        while b"\n" not in line:
            left = deadline - time.monotonic()
            if left <= 0 or proc.poll() is not None:
                err = proc.stderr.read().decode() if proc.stderr and proc.poll() is not None else ""
                raise AssertionError(f"argmap serve did not start: {line!r} {err}")
            if selector.select(left):
                chunk = os.read(proc.stdout.fileno(), 4096)
                if not chunk:
                    continue
                line += chunk
        selector.close()
        found = _URL.search(line.decode("utf-8", "replace"))
        assert found is not None, line
        yield found.group(1), proc
    finally:
        stop(proc)


def stop(proc: subprocess.Popen[bytes]) -> int:
    """Interrupt the server as Ctrl-C does; kill it if it does not end within 15 s."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    for stream in (proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()
    return proc.returncode
