"""``argmap serve`` under hostile saves: the server keeps answering and recovers.

A real server process follows a file that is saved, in turn, as maps that once kept
Graphviz busy for minutes (issue 8's dense map, a cross-linked debate of 1,500 nodes),
an alias bomb, a deeply nested
document and a file over the size limit.  While each is read and drawn (off the event
loop, in a thread), the server must answer within a second or two; each save must end
as a snapshot with a diagnostic or a drawing; and a good save afterwards must draw
again.  The process must never die.
"""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.render_maps import cross_linked_map, dense_map
from tests.serve_helpers import running_server

pytest.importorskip("starlette")

pytestmark = pytest.mark.dot

GOOD = "argmap: 1\nclaims:\n  c: {text: One good claim., main: true}\n"
ALIAS_BOMB = "argmap: 1\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(9))
DEEP = "argmap: 1\nclaims: " + "[" * 50_000 + "]" * 50_000 + "\n"


def _get(url: str, timeout: float = 30.0) -> tuple[float, dict[str, Any]]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=timeout) as answer:  # noqa: S310 -- our server
        data = json.loads(answer.read())
    return time.perf_counter() - started, data


def _save(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp~")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


@pytest.mark.slow
def test_hostile_saves_do_not_take_the_server_down(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(GOOD, encoding="utf-8")
    with running_server(path, "--dot-budget", "3", "--timeout", "40",
                        "--max-bytes", "2000000") as (url, proc):
        snapshot_url = url + "snapshot"
        _, first = _get(snapshot_url + "?after=0")
        assert first["ok"] is True
        version = first["version"]
        hostile = [
            ("dense", dense_map(50, 35, 15)),
            ("cross-linked", cross_linked_map(1500)),
            ("alias bomb", ALIAS_BOMB),
            ("deep nesting", DEEP),
            ("too large", "argmap: 1\n# " + "x" * 2_100_000 + "\n"),
        ]
        for name, text in hostile:
            _save(path, text)
            # while the save is read and drawn, the server answers at once
            slowest = 0.0
            deadline = time.monotonic() + 120
            while True:
                seconds, data = _get(snapshot_url)
                slowest = max(slowest, seconds)
                if data["version"] > version:
                    break
                assert time.monotonic() < deadline, f"{name}: no snapshot within 120 s"
                time.sleep(0.2)
            version = data["version"]
            assert slowest < 5.0, (name, slowest)
            assert proc.poll() is None, name
            if name in ("dense", "cross-linked"):
                assert data["drawn_version"] == data["version"], f"{name} is drawn"
                assert len(data["nodes"]) > 80, name
            else:
                assert data["ok"] is False, name
                assert data["counts"]["error"] >= 1, name
                assert data["svg"] is not None, "the last good diagram stays"
        _save(path, GOOD.replace("One good", "Another good"))
        _, last = _get(snapshot_url + f"?after={version}")
        assert last["ok"] is True
        assert "Another good claim." in json.dumps(last["nodes"])
        assert proc.poll() is None
