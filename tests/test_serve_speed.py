"""``argmap serve`` on big, dense maps (issue 11): a quick layout first, the layered after.

When the layered layout (``dot``) of a save is predicted to take longer than the
preview's budget, the preview shows a quick ``sfdp`` drawing first and swaps the
layered one in when ``dot`` is done; the snapshot's ``layout`` and notes say which.
Small maps, such as the seed debate, are drawn once, with the full layered layout, as
before; a save that changes nothing Graphviz sees reuses the last layout.
"""

from __future__ import annotations

import json
import os
import re
import selectors
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from argmap import _load
from argmap._render.build import build
from argmap._render.layout import (
    FORCE_DIRECTED,
    QUICK_COST_PER_NODE,
    LayoutPlan,
    Structure,
    measure,
    preview_plan,
)
from argmap.render import RenderOptions
from argmap.serve import Preview, PreviewOptions
from argmap.serve._snapshot import take
from tests.render_maps import cross_linked_map

pytestmark = pytest.mark.dot

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "one-threat.argmap.yaml"


def _built(text: str) -> Any:
    result = _load.validate_bytes(text.encode("utf-8"), file="map.yaml")
    assert result.map is not None, result.diagnostics
    return build(result.map, RenderOptions())


@pytest.fixture(scope="module")
def dense() -> str:
    """A cross-linked debate of 400 nodes: thousands of virtual nodes for ``dot``."""
    return cross_linked_map(400)


def test_the_seed_keeps_the_full_layout_without_a_quick_one() -> None:
    built = _built(SEED.read_text(encoding="utf-8"))
    assert built.layout.engine == "dot"
    assert preview_plan(built.structure, built.layout) is None


def test_a_dense_map_gets_a_quick_layout_and_why(dense: str) -> None:
    built = _built(dense)
    assert built.layout.engine == "dot"  # what `argmap render` draws
    quick = preview_plan(built.structure, built.layout)
    assert quick is not None
    assert quick.engine == "sfdp"
    assert dict(quick.attributes) == FORCE_DIRECTED
    assert f"estimated cost {built.structure.cost}" in quick.reason
    assert "over the preview's 0.5 s" in quick.reason
    # a fast machine (as measured on the last layout) or a generous budget: none
    assert preview_plan(built.structure, built.layout, seconds_per_cost=1e-6) is None
    assert preview_plan(built.structure, built.layout, budget=60) is None
    # nor when the quick layout would not be at least twice as quick: few long edges
    wide = Structure(nodes=2_000, edges=2_500, ranks=40, virtual=9_000, crossings=10**6)
    assert wide.cost < QUICK_COST_PER_NODE * wide.nodes
    assert preview_plan(wide, LayoutPlan("dot", {}, "dot")) is None


def test_only_a_dot_plan_gets_a_quick_layout() -> None:
    big = Structure(nodes=2_000, edges=4_000, ranks=90, virtual=40_000, crossings=10**7)
    assert preview_plan(big, LayoutPlan("sfdp", dict(FORCE_DIRECTED), "sfdp")) is None
    assert preview_plan(big, LayoutPlan("dot", {}, "dot")) is not None
    chain = measure([f"n{i}" for i in range(50)], [(f"n{i}", f"n{i + 1}") for i in range(49)])
    assert preview_plan(chain, LayoutPlan("dot", {}, "dot")) is None


def test_the_seed_is_drawn_once_exactly_as_before(tmp_path: Path) -> None:
    path = tmp_path / "debate.argmap.yaml"
    path.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    lines: list[str] = []
    preview = Preview(path, report=lines.append)
    snapshot = preview.look()
    assert preview.renders == 1  # no quick drawing before it
    assert snapshot.ok
    assert snapshot.layout["stage"] == "full"
    assert snapshot.layout["engine"] == "dot"
    assert snapshot.notes == ()
    # the very drawing a look without the preview's memory makes (the path of before)
    assert snapshot.svg == take(path, PreviewOptions()).svg
    assert len(lines) == 1
    assert re.match(r"version 1: dot, Graphviz \d+\.\d\d s; \d+\.\d\d s since", lines[0])


def test_a_save_graphviz_cannot_see_reuses_the_last_layout(tmp_path: Path) -> None:
    path = tmp_path / "debate.argmap.yaml"
    text = SEED.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    lines: list[str] = []
    preview = Preview(path, report=lines.append)
    first = preview.look()
    path.write_text("# a comment, nothing drawn\n" + text, encoding="utf-8")
    second = preview.look()
    assert second.version == 2
    assert second.svg == first.svg
    assert second.layout["graphviz"] == 0
    assert "the last layout reused" in lines[-1]
    # a save that changes a box is laid out again
    path.write_text(text.replace("cannot be separated.", "cannot be parted.", 1),
                    encoding="utf-8")
    third = preview.look()
    assert third.layout["graphviz"] > 0
    assert "cannot be parted" in (third.svg or "")


def _slow_layered(preview: Preview, seconds: float) -> None:
    """Make the preview's layered layout take ``seconds`` longer (so that the race
    between it and the quick layout has a known winner)."""
    full = preview.memory.full

    def slow(*args: Any) -> Any:
        time.sleep(seconds)
        return full(*args)

    preview.memory.full = slow  # type: ignore[method-assign,assignment]


def test_a_dense_map_shows_quick_then_layered_in_the_preview(
        tmp_path: Path, dense: str) -> None:
    path = tmp_path / "dense.argmap.yaml"
    path.write_text(dense, encoding="utf-8")
    shown: list[Any] = []
    lines: list[str] = []
    preview = Preview(path, PreviewOptions(preview_budget=0.05), report=lines.append)
    preview.memory.show = lambda drawing: shown.append(preview._publish(drawing))
    preview.memory.race = True  # as with an idle core: dot and sfdp at once
    _slow_layered(preview, 3.0)
    final = preview.look()
    assert [s.layout["stage"] for s in shown] == ["quick"]
    quick = shown[0]
    assert quick.layout["engine"] == "sfdp"
    assert quick.svg is not None  # (the generated map has check findings: not `ok`)
    assert "quick layout (`sfdp`, no ranks or side boxes)" in quick.notes[0]
    assert set(quick.nodes) == set(final.nodes)  # every box is in the quick drawing
    assert final.version == quick.version + 1
    assert final.layout == {"engine": "dot", "stage": "full", "reason": "",
                            "graphviz": final.layout["graphviz"]}
    assert final.notes == ()
    assert "quick layout (sfdp" in lines[0]
    assert "over the preview's 0.05 s" in lines[0]
    assert lines[1].startswith(f"version {final.version}: dot, Graphviz")


def test_without_an_idle_core_quick_first_then_layered(tmp_path: Path, dense: str) -> None:
    path = tmp_path / "dense.argmap.yaml"
    path.write_text(dense, encoding="utf-8")
    order: list[str] = []
    preview = Preview(path, PreviewOptions(preview_budget=0.05))
    preview.memory.race = False
    full, quick = preview.memory.full, preview.memory.quick

    def layered(*args: Any) -> Any:
        order.append("dot starts")
        return full(*args)

    def fast(*args: Any) -> Any:
        drawing = quick(*args)
        order.append("quick done")
        return drawing

    preview.memory.full = layered  # type: ignore[method-assign,assignment]
    preview.memory.quick = fast  # type: ignore[method-assign,assignment]
    final = preview.look()
    assert order == ["quick done", "dot starts"]
    assert preview.renders == 2
    assert final.layout["stage"] == "full"
    assert final.layout["reason"] == ""


def test_saved_again_during_the_quick_layout_leaves_dot_to_the_next_look(
        tmp_path: Path, dense: str) -> None:
    path = tmp_path / "dense.argmap.yaml"
    path.write_text(dense, encoding="utf-8")
    preview = Preview(path, PreviewOptions(preview_budget=0.05))
    preview.memory.race = False
    preview.memory.superseded = lambda: True
    started: list[int] = []
    full = preview.memory.full

    def layered(*args: Any) -> Any:
        started.append(1)
        return full(*args)

    preview.memory.full = layered  # type: ignore[method-assign,assignment]
    snapshot = preview.look()
    assert started == []
    assert preview.renders == 1
    assert snapshot.layout["stage"] == "quick"
    assert "quick layout" in snapshot.notes[0]
    # the next look of the same file goes straight to the layered layout (the quick
    # drawing is on the page already), even if saved again meanwhile
    layered_now = preview.look()
    assert layered_now.layout["stage"] == "full"
    assert started == [1]
    assert preview.renders == 2


def test_when_dot_wins_the_race_only_the_layered_drawing_is_shown(
        tmp_path: Path, dense: str) -> None:
    path = tmp_path / "dense.argmap.yaml"
    path.write_text(dense, encoding="utf-8")
    lines: list[str] = []
    preview = Preview(path, PreviewOptions(preview_budget=0.05), report=lines.append)
    quick = preview.memory.quick

    def slow(*args: Any) -> Any:
        time.sleep(8.0)  # far longer than dot on this map
        return quick(*args)

    preview.memory.quick = slow  # type: ignore[method-assign,assignment]
    preview.memory.race = True  # as with an idle core
    final = preview.look()
    assert preview.renders == 1
    assert final.layout["stage"] == "full"
    assert final.layout["engine"] == "dot"
    assert "`dot` finished first, so no quick layout was shown" in final.layout["reason"]
    assert len(lines) == 1
    assert "`dot` finished first" in lines[0]


def _snapshot(url: str, after: int) -> dict[str, Any]:
    with urllib.request.urlopen(f"{url}snapshot?after={after}",  # noqa: S310 -- the test server
                                timeout=60) as answer:
        data: dict[str, Any] = json.loads(answer.read())
    return data


def _stderr_lines(proc: Any, want: int, timeout: float) -> list[str]:
    """Read ``serve -v`` lines from the server's stderr until ``want`` have come."""
    selector = selectors.DefaultSelector()
    selector.register(proc.stderr, selectors.EVENT_READ)
    text = b""
    deadline = time.monotonic() + timeout
    while text.count(b"\n") < want and time.monotonic() < deadline:
        if selector.select(max(deadline - time.monotonic(), 0.01)):
            chunk = os.read(proc.stderr.fileno(), 65536)
            if not chunk:
                break
            text += chunk
    selector.close()
    return text.decode("utf-8", "replace").splitlines()


def test_serve_updates_a_dense_map_quick_then_layered(tmp_path: Path, dense: str) -> None:
    """The real server: a save of a dense map shows the edit in a quick drawing first,
    then in the layered one; ``-v`` says so on stderr."""
    pytest.importorskip("starlette")
    from tests.serve_helpers import running_server

    path = tmp_path / "dense.argmap.yaml"
    path.write_text(dense, encoding="utf-8")
    with running_server(path, "--preview-budget", "0.05", "-v") as (url, proc):
        data = _snapshot(url, 0)
        while data["layout"].get("stage") == "quick":
            data = _snapshot(url, data["version"])
        version = data["version"]
        word = re.search(r"text: \"(\w+)", dense)
        assert word is not None
        edited = dense[:word.start(1)] + "Zyzzyva" + dense[word.end(1):]
        temporary = path.with_name(path.name + ".tmp~")
        temporary.write_text(edited, encoding="utf-8")
        temporary.replace(path)
        seen: list[dict[str, Any]] = []
        while not seen or seen[-1]["layout"]["stage"] == "quick" or \
                "Zyzzyva" not in json.dumps(seen[-1]["nodes"]):
            data = _snapshot(url, version)
            assert data["version"] > version, "no new snapshot within 20 s"
            version = data["version"]
            seen.append(data)
        with_edit = [s for s in seen if "Zyzzyva" in json.dumps(s["nodes"])]
        full = with_edit[-1]
        assert full["layout"]["engine"] == "dot"
        assert full["notes"] == []
        assert full["drawn_version"] == full["version"]
        assert "Zyzzyva" in full["svg"]
        if len(with_edit) == 2:  # the quick drawing came first
            quick = with_edit[0]
            assert quick["layout"]["stage"] == "quick"
            assert quick["layout"]["engine"] == "sfdp"
            assert "Zyzzyva" in quick["svg"]
            assert any("quick layout" in note for note in quick["notes"])
        else:  # dot won the race (a loaded machine); the quick layout was planned
            assert len(with_edit) == 1
            assert "`dot` finished first" in full["layout"]["reason"]
        lines = _stderr_lines(proc, 2 + len(with_edit), 30)
    assert lines[-1].startswith(f"argmap: version {full['version']}: dot, Graphviz"), lines
    assert all("quick layout" in line for line in lines if ": sfdp" in line), lines
