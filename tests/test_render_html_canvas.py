"""The HTML page of a large map, painted on a canvas (issue 9: 20,000 nodes took half a
minute to become usable as inline SVG).  Small maps here, with the threshold lowered."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap._render import page as page_module
from argmap._render.scene import scene
from argmap.render import render

pytestmark = pytest.mark.dot


@pytest.fixture
def canvas_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Any]:
    from tests.render_maps import cross_linked_map

    monkeypatch.setattr(page_module, "CANVAS_NODES", 100)
    debate = argmap.loads(cross_linked_map(300))
    path = tmp_path / "large.html"
    path.write_bytes(render(debate, "html"))
    return path, debate


def test_large_page_carries_the_drawing_as_data_not_svg(canvas_page: tuple[Path, Any]) -> None:
    path, debate = canvas_page
    text = path.read_text(encoding="utf-8")
    assert '<canvas id="drawing"' in text
    assert "<svg" not in text
    assert 'id="argmap-scene"' in text
    svg = render(debate, "svg").decode("utf-8")
    drawn = scene(svg)
    kinds = [item["k"] for item in drawn["items"]]
    assert kinds.count("node") == svg.count('class="node')
    assert kinds.count("edge") == svg.count('class="edge')


def test_small_page_keeps_inline_svg() -> None:
    from tests.render_maps import cross_linked_map

    text = render(argmap.loads(cross_linked_map(60)), "html").decode("utf-8")
    assert "<svg" in text
    assert "<canvas" not in text


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as play:
        context = play.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path="/usr/bin/chromium", headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update"],
            viewport={"width": 1200, "height": 800})
        try:
            yield context
        finally:
            context.close()


@pytest.mark.browser
def test_canvas_page_finds_shows_hides_and_clicks(browser: Any,
                                                  canvas_page: tuple[Path, Any]) -> None:
    path, debate = canvas_page
    page = browser.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']")
    viewport = page.locator("#viewport")
    assert "far" in (viewport.get_attribute("class") or "")  # fit view: text hidden
    # search: Enter centres the view on the claim, shows its details, draws its text
    wanted = debate.claims["c37"].text
    page.locator("#search").fill(wanted)
    page.locator("#search").press("Enter")
    assert page.locator("#search-count").inner_text().endswith(" of 1")
    assert "c37" in page.locator("#details .kind").inner_text()
    assert wanted in page.locator("#details p.text").inner_text()
    assert "far" not in (viewport.get_attribute("class") or "")
    key = page.locator("#drawing").get_attribute("data-selected")
    assert key
    box = page.evaluate("k => document.getElementById('drawing').argmapNodeBox(k)", key)
    canvas = page.locator("#drawing").bounding_box()
    assert canvas is not None
    assert abs(box["x"] + box["width"] / 2 - (canvas["x"] + canvas["width"] / 2)) < 40
    assert abs(box["y"] + box["height"] / 2 - (canvas["y"] + canvas["height"] / 2)) < 40
    # a click on another node's box shows that node
    page.locator("#close").click()
    assert page.locator("#details").is_hidden()
    page.locator("#zoom-fit").click()
    other = next(k for k in page.evaluate("Object.keys(JSON.parse(document.getElementById("
                                          "'argmap-data').textContent))") if k != key)
    spot = page.evaluate("k => document.getElementById('drawing').argmapNodeBox(k)", other)
    page.mouse.click(spot["x"] + spot["width"] / 2, spot["y"] + spot["height"] / 2)
    assert page.locator("#drawing").get_attribute("data-selected") == other
    assert page.locator("#details").is_visible()
    # hide a side: its nodes are no longer drawn; finding one shows the side again
    page.locator("#groups-box summary").click()
    boxes = page.locator("#groups input[type=checkbox]")
    assert boxes.count() == 2
    boxes.nth(0).uncheck()
    hidden = page.evaluate("""() => {
      const d = JSON.parse(document.getElementById('argmap-data').textContent);
      return Object.keys(d).filter(k =>
        document.getElementById('drawing').argmapNodeBox(k).hidden).length; }""")
    assert hidden > 0
    boxes.nth(0).check()
    assert errors == []
    assert [url for url in requests if not url.startswith("file:")] == []
