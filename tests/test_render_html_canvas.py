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
from tests._browser import chromium

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
    """Chromium (tests._browser) with a window of this test's size."""
    with chromium(tmp_path / "profile", viewport={"width": 1200, "height": 800}) as context:
        yield context



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


_RING = """([x, y, w, h, band]) => {
  // pixels of the focus ring's dark dashes in a band around the node's box
  const c = document.getElementById('drawing'), r = c.getBoundingClientRect();
  const dpr = window.devicePixelRatio || 1;
  const x0 = Math.max(0, Math.floor((x - band - r.left) * dpr));
  const y0 = Math.max(0, Math.floor((y - band - r.top) * dpr));
  const x1 = Math.min(c.width, Math.ceil((x + w + band - r.left) * dpr));
  const y1 = Math.min(c.height, Math.ceil((y + h + band - r.top) * dpr));
  const inner = [(x - r.left) * dpr, (y - r.top) * dpr, (x + w - r.left) * dpr,
                 (y + h - r.top) * dpr];
  const px = c.getContext('2d').getImageData(x0, y0, x1 - x0, y1 - y0).data;
  let n = 0;
  for (let j = 0; j < y1 - y0; j++) {
    for (let i = 0; i < x1 - x0; i++) {
      const cx = x0 + i, cy = y0 + j;
      if (cx > inner[0] && cx < inner[2] && cy > inner[1] && cy < inner[3]) continue;
      const k = (j * (x1 - x0) + i) * 4;
      if (Math.abs(px[k] - 32) < 14 && Math.abs(px[k + 1] - 33) < 14 &&
          Math.abs(px[k + 2] - 36) < 14) n++;
    }
  }
  return n; }"""


@pytest.mark.browser
def test_canvas_page_tab_walks_the_nodes_in_reading_order(
        browser: Any, canvas_page: tuple[Path, Any]) -> None:
    path, _debate = canvas_page
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']")
    drawing = page.locator("#drawing")
    assert drawing.get_attribute("tabindex") == "0"
    assert "Tab" in (drawing.get_attribute("aria-label") or "")
    assert page.locator("#focus-live").get_attribute("aria-live") == "polite"
    # the reading order: top to bottom, then left to right, as drawn at the fit view
    order = page.evaluate("""() => {
      const c = document.getElementById('drawing');
      const keys = Object.keys(JSON.parse(document.getElementById('argmap-data').textContent));
      const at = keys.map(k => { const b = c.argmapNodeBox(k);
        return [k, b.y + b.height / 2, b.x + b.width / 2]; });
      return at.map(a => a[0]); }""")
    boxes = {key: page.evaluate("k => document.getElementById('drawing').argmapNodeBox(k)", key)
             for key in order}
    order.sort(key=lambda k: (round(boxes[k]["y"] + boxes[k]["height"] / 2, 1),
                              round(boxes[k]["x"] + boxes[k]["width"] / 2, 1)))

    # Tab from the search box, past the side menu, onto the map: the first node
    page.locator("#search").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "drawing"
    assert drawing.get_attribute("data-focused") == order[0]
    data = page.evaluate("JSON.parse(document.getElementById('argmap-data').textContent)")
    first = data[order[0]]
    assert page.locator("#details code.id").inner_text() == first["id"]
    said = page.locator("#focus-live").inner_text()
    assert said.startswith(f"{first['kind']} {first['id']}: ")
    assert said.endswith(f"(1 of {len(order)})")
    # centred, with a focus ring drawn around it
    box = page.evaluate("k => document.getElementById('drawing').argmapNodeBox(k)", order[0])
    canvas = drawing.bounding_box()
    assert canvas is not None
    assert abs(box["x"] + box["width"] / 2 - (canvas["x"] + canvas["width"] / 2)) < 40
    assert abs(box["y"] + box["height"] / 2 - (canvas["y"] + canvas["height"] / 2)) < 40
    page.wait_for_timeout(100)  # the frame is painted
    spot = [box["x"], box["y"], box["width"], box["height"], 30]
    ringed = page.evaluate(_RING, spot)

    # Tab: the next node; Shift+Tab: back to the first
    page.keyboard.press("Tab")
    assert drawing.get_attribute("data-focused") == order[1]
    assert page.locator("#details code.id").inner_text() == data[order[1]]["id"]
    assert page.locator("#focus-live").inner_text().endswith(f"(2 of {len(order)})")
    page.keyboard.press("Shift+Tab")
    assert drawing.get_attribute("data-focused") == order[0]
    page.wait_for_timeout(100)
    again = page.evaluate(_RING, spot)

    # Shift+Tab before the first node leaves the map: no ring any more
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") != "drawing"
    assert drawing.get_attribute("data-focused") is None
    page.wait_for_timeout(100)
    plain = page.evaluate(_RING, spot)
    assert ringed > plain + 100
    assert again > plain + 100

    # a hidden side is skipped: with the second node's side hidden, Tab goes past it
    nav = page.evaluate("JSON.parse(document.getElementById('argmap-nav').textContent)")
    side = next(i for i, g in enumerate(nav["groups"]) if order[1] in g["keys"])
    page.locator("#groups-box summary").click()
    page.locator("#groups input").nth(side).uncheck()
    page.locator("#groups-box summary").click()
    gone = set(nav["groups"][side]["keys"])
    visible = [k for k in order if k not in gone]
    page.locator("#search").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "drawing"
    start = drawing.get_attribute("data-focused")
    walked = []
    for _ in range(6):
        page.keyboard.press("Tab")
        walked.append(drawing.get_attribute("data-focused"))
    at = visible.index(start)
    assert walked == visible[at + 1:at + 7]
    passed = order[order.index(start):order.index(walked[-1])]
    assert any(k in gone for k in passed)  # hidden nodes were in the way, and skipped
    assert errors == []
