"""A dense map in the live page: the quick drawing, then the layered one, both in place.

A real server (``--preview-budget 0.05``: the layered layout of a dense debate of 400
nodes is always over it) and Chromium.  The reader zooms in and opens a box; a save
brings the quick drawing and then the layered one, and across both swaps the zoom and
the open box stay, and the page is never reloaded.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.render_maps import cross_linked_map
from tests.serve_helpers import running_server

pytest.importorskip("starlette")

pytestmark = [pytest.mark.dot, pytest.mark.browser]

#: Records, at each snapshot the page applies, what the reader sees.
_WATCH = """() => {
  window.__states = [];
  new MutationObserver(function () {
    var svg = document.querySelector("#viewport svg");
    var c0 = svg ? svg.querySelector('g[data-argmap-id="c0"]') : null;
    var r = c0 ? c0.getBoundingClientRect() : null;
    window.__states.push({
      at: r ? [r.left + r.width / 2, r.top + r.height / 2] : null,
      version: document.body.getAttribute("data-version"),
      viewBox: svg ? svg.getAttribute("viewBox") : null,
      text: svg ? svg.textContent.indexOf("Zyzzyva") >= 0 : false,
      quick: document.getElementById("problems-list").textContent.indexOf(
        "quick layout") >= 0,
      badge: document.getElementById("live").textContent,
      first: (document.querySelector("#problems-list li") || {}).textContent || "",
      details: document.getElementById("details").hidden ? null :
        document.getElementById("details").textContent
    });
  }).observe(document.body, {attributes: true, attributeFilter: ["data-version"]});
}"""



def test_quick_then_layered_keeps_zoom_and_selection(browser: Any, tmp_path: Path) -> None:
    dense = cross_linked_map(400)
    path = tmp_path / "dense.argmap.yaml"
    path.write_text(dense, encoding="utf-8")
    with running_server(path, "--preview-budget", "0.05") as (url, _proc):
        page = browser.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url)
        page.wait_for_selector('#viewport svg g[data-argmap-id="c0"]', timeout=60_000)
        # the first look's layered drawing (the quick one's note gone)
        page.locator("#problems-list li", has_text="quick layout").wait_for(
            state="detached", timeout=60_000)
        # (the keyboard opens the box)
        page.locator('g[data-argmap-id="c0"]').focus()
        page.keyboard.press("Enter")
        assert page.locator("#details").is_visible()
        page.locator("#zoom-in").click()
        page.locator("#zoom-in").click()
        zoomed = page.locator("#viewport svg").get_attribute("viewBox")
        box = page.locator('g[data-argmap-id="c0"]').bounding_box()
        assert box is not None
        at = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.evaluate("window.__same_page = 1")
        page.evaluate(_WATCH)

        word = re.search(r"c0: \{text: \"(\w+)", dense)
        assert word is not None
        temporary = path.with_name(path.name + ".tmp~")
        temporary.write_text(dense[:word.start(1)] + "Zyzzyva" + dense[word.end(1):],
                             encoding="utf-8")
        temporary.replace(path)
        page.locator("#viewport svg").filter(has_text="Zyzzyva").wait_for(timeout=30_000)
        page.locator("#problems-list li", has_text="quick layout").wait_for(
            state="detached", timeout=30_000)
        states = page.evaluate("window.__states")
        shown = [s for s in states if s["text"]]
        assert shown, states
        assert not shown[-1]["quick"]  # the layered drawing is the last
        for state in shown:  # the quick drawing (when it won the race) and the layered
            # the same zoom, the open box (the view's anchor) where it was on the screen
            assert state["viewBox"].split()[2:] == zoomed.split()[2:], states
            assert abs(state["at"][0] - at[0]) + abs(state["at"][1] - at[1]) < 10, states
            assert state["details"] is not None, states
            assert "Zyzzyva" in state["details"], states
            # the badge says which drawing is on the page
            assert ("quick layout" in state["badge"]) == state["quick"], states
            # and its note heads the problems panel, above the check's findings
            assert ("quick layout" in state["first"]) == state["quick"], states
        assert page.evaluate("window.__same_page") == 1  # never reloaded
        assert errors == []
