"""The HTML page: self-contained, escaped, and working in a real (headless) browser."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap.model import Argument, ArgumentMap, Claim, Evidence, Source
from argmap.render import render

pytestmark = pytest.mark.dot

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "tests" / "data" / "render" / "small.argmap.yaml"
SCRIPT_BREAKER = "</script><script>alert('pwned')</script><!-- <img src=x onerror=alert(1)>"

HOSTILE = ArgumentMap(
    title=SCRIPT_BREAKER,
    claims={
        "c1": Claim(id="c1", text=SCRIPT_BREAKER, main=True),
        "c2": Claim(id="c2", text="C:\\N\\G {a|b} \"quoted\" עברית 🎓"),
    },
    evidence={
        "e1": Evidence(id="e1", text="Evidence with a bad link", source=Source(
            title="<b>Title</b>", url="javascript:alert(1)")),
        "e2": Evidence(id="e2", text="Evidence with a good link", source=Source(
            title="Good", url="https://example.org/good?a=1&b=2")),
    },
    arguments={"a1": Argument(id="a1", premises=("c2", "e1", "e2"), conclusion="c1")},
)


def test_page_is_self_contained_and_escaped() -> None:
    page = render(HOSTILE, "html").decode("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Content-Security-Policy" in page
    assert "default-src &#x27;none&#x27;" in page
    assert len(re.findall(r"<script\b", page)) == 3  # two data blocks and our script
    assert "<img" not in page.lower().replace("&lt;img", "")
    assert not re.search(r"""\s(?:src|href)=["']?(?:https?:)?//""", page)
    assert "<link" not in page
    assert "javascript:" not in page.replace("alert(1)&lt;", "")
    assert "https://example.org/good?a=1\\u0026b=2" in page


@pytest.fixture
def page_file(tmp_path: Path) -> Path:
    path = tmp_path / "map.html"
    path.write_bytes(render(argmap.load(SMALL), "html"))
    return path



def _open(context: Any, path: Path) -> tuple[Any, list[str], list[str]]:
    page = context.new_page()
    requests: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda r: requests.append(r.url))

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(path.as_uri())
    return page, requests, dialogs


@pytest.mark.browser
def test_page_in_browser(browser: Any, page_file: Path) -> None:
    page, requests, dialogs = _open(browser, page_file)
    svg = page.locator("#viewport svg")
    box = svg.bounding_box()
    assert box is not None
    assert box["width"] > 300
    assert box["height"] > 200
    assert page.locator("g.node").count() >= 10
    assert page.locator("#details").is_hidden()

    page.locator('g[data-argmap-id="tired"]').click()
    details = page.locator("#details")
    assert details.is_visible()
    assert "Tired students learn less." in details.inner_text()
    assert "Later start" in details.inner_text()

    page.locator('g[data-argmap-id="study"]').click()
    text = details.inner_text()
    assert "Students slept 34 minutes more after a later start." in text
    assert "Sleep and teens" in text
    assert "p. 4" in text
    link = details.locator("a.source-link")
    assert link.get_attribute("href") == "https://example.org/sleep"

    before = svg.get_attribute("viewBox")
    page.locator("#zoom-in").click()
    assert svg.get_attribute("viewBox") != before
    page.locator("#zoom-fit").click()
    assert svg.get_attribute("viewBox") == before
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -200)
    page.wait_for_timeout(100)
    assert svg.get_attribute("viewBox") != before

    assert [url for url in requests if not url.startswith("file:")] == []
    assert dialogs == []


@pytest.mark.browser
def test_hostile_page_in_browser(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "hostile.html"
    path.write_bytes(render(HOSTILE, "html"))
    page, requests, dialogs = _open(browser, path)
    assert page.title() == SCRIPT_BREAKER
    page.locator('g[data-argmap-id="c1"]').click()
    assert page.locator("#details p.text").inner_text() == SCRIPT_BREAKER
    page.locator('g[data-argmap-id="e1"]').click()
    assert page.locator("#details a").count() == 0  # javascript: link dropped
    assert "<b>Title</b>" in page.locator("#details").inner_text()
    page.locator('g[data-argmap-id="c2"]').click()
    assert page.locator("#details p.text").inner_text() == "C:\\N\\G {a|b} \"quoted\" עברית 🎓"
    page.wait_for_timeout(100)
    assert dialogs == []
    assert [url for url in requests if not url.startswith("file:")] == []


@pytest.mark.browser
def test_large_map_page_search_hide_and_level_of_detail(browser: Any, tmp_path: Path) -> None:
    """Issue 9: a large map can be searched, its sides hidden, and read at any zoom."""
    from tests.render_maps import cross_linked_map

    debate = argmap.loads(cross_linked_map(600))
    path = tmp_path / "large.html"
    path.write_bytes(render(debate, "html"))
    page, requests, dialogs = _open(browser, path)
    page.wait_for_selector("body[data-ready='1']")
    svg = page.locator("#viewport svg")
    viewport = page.locator("#viewport")
    # the fit-to-screen view of 600 nodes is too small to read: text is hidden
    assert "far" in (viewport.get_attribute("class") or "")
    assert page.locator("#lod-hint").is_visible()
    text = page.locator("g.node text").first
    assert not text.is_visible()

    # search: the claim's own words find it; Enter centres the view on it and shows it
    wanted = debate.claims["c37"].text
    page.locator("#search").fill(wanted)
    page.locator("#search").press("Enter")
    assert page.locator("#search-count").inner_text().endswith(" of 1")
    assert "c37" in page.locator("#details .kind").inner_text()
    node = page.locator('g[data-argmap-id="c37"]')
    assert "selected" in (node.get_attribute("class") or "")
    # zoomed in on it: the text is shown again, and the node is in the middle
    assert "far" not in (viewport.get_attribute("class") or "")
    assert node.locator("text").first.is_visible()
    view = svg.bounding_box()
    found = node.bounding_box()
    assert view is not None
    assert found is not None
    assert abs(found["x"] + found["width"] / 2 - (view["x"] + view["width"] / 2)) < 40
    assert abs(found["y"] + found["height"] / 2 - (view["y"] + view["height"] / 2)) < 40
    page.locator("#zoom-fit").click()
    assert "far" in (viewport.get_attribute("class") or "")

    # hide a side: its nodes, its box and every line touching it disappear
    page.locator("#groups-box summary").click()
    boxes = page.locator("#groups input[type=checkbox]")
    assert boxes.count() == 2
    labels = page.locator("#groups label").all_inner_texts()
    assert any(label.startswith("Proposition (") for label in labels)
    side_of_c37 = debate.claims["c37"].side
    index = 0 if labels[0].startswith(
        "Proposition" if side_of_c37 == "pro" else "Opposition") else 1
    edges_before = page.locator("g.edge:visible").count()
    boxes.nth(index).uncheck()
    assert not node.is_visible()
    assert page.locator("g.edge:visible").count() < edges_before
    # searching for a hidden node shows its side again
    page.locator("#search").fill(wanted)
    page.locator("#search").press("Enter")
    assert node.is_visible()
    assert boxes.nth(index).is_checked()

    assert [url for url in requests if not url.startswith("file:")] == []
    assert dialogs == []


@pytest.mark.browser
def test_side_menu_with_hostile_side_names(browser: Any, tmp_path: Path) -> None:
    """A side called ``__proto__`` can be hidden like any other; a name that looks like
    markup is shown as text."""
    debate = argmap.loads("""\
argmap: 1
sides:
  proto: {name: __proto__}
  other: {name: "<img src=x onerror=alert(1)>"}
claims:
  p: {text: A claim of the proto side., side: proto, main: true}
  q: {text: A claim of the other side., side: other, main: true}
  r: {text: A second claim of the proto side., side: proto}
arguments:
  a1: {premises: r, conclusion: p}
attacks:
  - {attacker: q, target: p}
""")
    path = tmp_path / "sides.html"
    path.write_bytes(render(debate, "html"))
    page, requests, dialogs = _open(browser, path)
    page.wait_for_selector("body[data-ready='1']")
    page.locator("#groups-box summary").click()
    labels = page.locator("#groups label").all_inner_texts()
    assert labels == ["__proto__ (3)", "<img src=x onerror=alert(1)> (1)"]
    edges = page.locator("g.edge:visible").count()
    page.locator("#groups input").first.uncheck()
    assert not page.locator('g[data-argmap-id="p"]').is_visible()
    assert not page.locator('g[data-argmap-id="r"]').is_visible()
    assert page.locator('g[data-argmap-id="q"]').is_visible()
    assert page.locator("g.edge:visible").count() < edges
    page.locator("#groups input").first.check()
    assert page.locator('g[data-argmap-id="p"]').is_visible()
    assert page.locator("g.edge:visible").count() == edges
    assert dialogs == []
    assert [url for url in requests if not url.startswith("file:")] == []
