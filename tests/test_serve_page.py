"""The live page and the HTML export share one view script; the snapshot carries what
the page needs to hide a side (issue 11)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import argmap
from argmap._render import page as export_page
from argmap.render import render
from argmap.serve import Preview
from argmap.serve._page import page as live_page

pytestmark = pytest.mark.dot

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "tests" / "data" / "render" / "small.argmap.yaml"


def _script(html: str) -> str:
    scripts: list[str] = re.findall(r"<script>(.*?)</script>", html, re.DOTALL)
    assert len(scripts) == 1
    return scripts[0]


def test_the_export_and_the_live_page_run_the_same_view_script() -> None:
    exported = _script(render(argmap.load(SMALL), "html").decode("utf-8"))
    served = _script(live_page("debate.argmap.yaml").decode("utf-8"))
    view = export_page.VIEW
    assert view in exported
    assert view in served
    # written once: zoom, pan, search and the side menu exist only in the shared part
    for name in ("function zoom(", "function find(", "function setGroup(",
                 "function adopt(", '"pointerdown"', '"wheel"'):
        assert exported.count(name) == 1, name
        assert served.count(name) == 1, name
        assert name in view, name


def test_the_canvas_page_runs_the_same_search(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.render_maps import cross_linked_map

    monkeypatch.setattr(export_page, "CANVAS_NODES", 10)
    canvas = _script(render(argmap.loads(cross_linked_map(30)), "html").decode("utf-8"))
    served = _script(live_page("debate.argmap.yaml").decode("utf-8"))
    assert "getContext" in canvas
    assert export_page.SEARCH in canvas
    assert export_page.SEARCH in served
    for name in ("function find(", "function refind(", '"search-count"'):
        assert canvas.count(name) == 1, name


def test_snapshot_carries_the_sides_and_names_and_keeps_them_while_broken(
        tmp_path: Path) -> None:
    path = tmp_path / "debate.argmap.yaml"
    text = SMALL.read_text(encoding="utf-8")
    path.write_text(text.replace("Keep 8:00", "Keep <8:00>"), encoding="utf-8")
    preview = Preview(path)
    good = preview.look()
    assert good.ok
    nav = good.to_json()["nav"]
    by_id = {d["id"]: key for key, d in good.nodes.items()}
    assert nav["title"] == "Sides"
    assert set(nav["names"]) == set(good.nodes)
    assert nav["names"][by_id["tired"]] == "tired"
    labels = [g["label"] for g in nav["groups"]]
    assert labels == ["Later start", "Keep <8:00>"]
    later = next(g for g in nav["groups"] if g["label"] == "Later start")
    assert by_id["tired"] in later["keys"]
    assert by_id["buses"] not in later["keys"]
    assert later["cluster"] is not None
    assert good.to_json(with_svg=False)["nav"] == {}

    path.write_text(text.replace("  tired: {text:", "  tired: {txt:"), encoding="utf-8")
    broken = preview.look()
    assert not broken.ok
    assert broken.nav == good.nav  # it goes with the last good drawing
