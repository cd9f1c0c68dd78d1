"""The live page's search, hide-a-side and keyboard (issue 11) in a real browser.

A real ``argmap serve`` process, the system Chromium, a map file saved on disk as an
editor saves it.  The view script is the HTML export's (``argmap._render.page.VIEW``), so
what is tested here is what the export does, plus what a save must not lose: the search
words and the current match, the hidden sides, the zoom and the selection.
"""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from argmap._render.page import VIEW
from tests._browser import save_by_rename
from tests.serve_helpers import running_server

pytest.importorskip("starlette")

pytestmark = [pytest.mark.dot, pytest.mark.browser]

MAP = """\
argmap: 1
title: Should the school day start later?
sides:
  later: {name: Later start}
  keep: {name: Keep 8:00}
  money: {name: Costs}
claims:
  later-start: {text: School should start at 9:30., side: later, main: true}
  keep-early: {text: School should keep starting at 8:00., side: keep, main: true}
  tired: {text: Tired students learn less., side: later}
  rested: {text: Rested students pay attention., side: later}
  buses: {text: Bus schedules cannot change., side: keep}
  cost: {text: Later buses cost the district money., side: money}
arguments:
  sleep: {premises: [tired, rested], conclusion: later-start}
  logistics: {premises: buses, conclusion: keep-early}
attacks:
  - {attacker: cost, target: later-start}
contradictions:
  - between: [later-start, keep-early]
"""



def _wait_for_version(page: Any, after: int) -> None:
    """Wait until the page has applied a snapshot newer than ``after`` (a selector: the
    page's CSP forbids the string evaluation of ``wait_for_function``)."""
    for _ in range(200):
        if int(page.locator("body").get_attribute("data-version") or "0") > after:
            return
        page.wait_for_timeout(50)
    raise AssertionError("the page did not follow the save")


def _version(page: Any) -> int:
    return int(page.locator("body").get_attribute("data-version") or "0")


def _node(page: Any, node_id: str) -> Any:
    return page.locator(f'#viewport svg g[data-argmap-id="{node_id}"]')


def _classes(locator: Any) -> list[str]:
    return (locator.get_attribute("class") or "").split()


def _menu(page: Any) -> list[str]:
    return [re.sub(r" \(\d+\)$", "", t) for t in page.locator("#groups label").all_inner_texts()]


def _box(page: Any, side: str) -> Any:
    return page.locator("#groups label").filter(has_text=side).locator("input")


def test_search_and_hidden_sides_survive_saves(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "debate.argmap.yaml"
    path.write_text(MAP, encoding="utf-8")
    with running_server(path) as (url, _proc):
        # what the server sends runs the HTML export's view script, byte for byte
        with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 -- loopback
            served = answer.read().decode("utf-8")
        assert VIEW in served
        page = browser.new_page()
        errors: list[str] = []
        requests: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(url)
        page.wait_for_selector('#viewport svg g[data-argmap-id="tired"]', timeout=30_000)
        search, count = page.locator("#search"), page.locator("#search-count")
        assert search.get_attribute("aria-label") == "Find a node"
        assert count.get_attribute("aria-live") == "polite"

        # "/" focuses the search box; the words mark every node that holds them
        page.locator("#viewport").click(position={"x": 5, "y": 5})
        page.keyboard.press("/")
        assert page.evaluate("document.activeElement.id") == "search"
        page.keyboard.type("students")
        page.wait_for_timeout(400)
        assert count.inner_text() == "2 found"
        assert page.locator("#viewport g.node.match").count() == 2
        assert "match" in _classes(_node(page, "tired"))
        assert "match" in _classes(_node(page, "rested"))

        # Enter: the first match, centred, its details shown, zoomed in
        home = page.locator("#viewport svg").get_attribute("viewBox")
        search.press("Enter")
        assert count.inner_text() == "1 of 2"
        first = page.locator("#details code.id").inner_text()
        assert first in ("tired", "rested")
        view = page.locator("#viewport svg").bounding_box()
        found = _node(page, first).bounding_box()
        assert view is not None
        assert found is not None
        assert abs(found["x"] + found["width"] / 2 - (view["x"] + view["width"] / 2)) < 40
        assert abs(found["y"] + found["height"] / 2 - (view["y"] + view["height"] / 2)) < 40
        zoomed = page.locator("#viewport svg").get_attribute("viewBox")
        assert zoomed != home
        at = _node(page, first).bounding_box()
        assert at is not None

        # a save that adds a third match: the search runs again on the new drawing, the
        # current match stays current, the view and the selection are kept
        before = _version(page)
        text = MAP.replace(
            "  buses:", "  weary: {text: Weary students nod off., side: later}\n  buses:"
        ).replace("[tired, rested]", "[tired, rested, weary]")
        save_by_rename(path, text)
        _wait_for_version(page, before)
        _node(page, "weary").wait_for(timeout=10_000)
        assert re.fullmatch(r"[12] of 3", count.inner_text())
        assert "match" in _classes(_node(page, "weary"))
        assert page.locator("#viewport g.node.match").count() == 3
        # the same zoom, and the selected box where it was on the screen
        assert page.locator("#viewport svg").get_attribute("viewBox").split()[2:] == \
            zoomed.split()[2:]
        now = _node(page, first).bounding_box()
        assert now is not None
        assert (abs(now["x"] + now["width"] / 2 - at["x"] - at["width"] / 2)
                + abs(now["y"] + now["height"] / 2 - at["y"] - at["height"] / 2)) < 10
        assert page.locator("#details code.id").inner_text() == first
        assert "selected" in _classes(_node(page, first))

        # hide a side: its nodes, its box and the lines that touch it go
        page.locator("#groups-box summary").click()
        assert _menu(page) == ["Later start", "Keep 8:00", "Costs"]
        edges = page.locator("#viewport g.edge:visible").count()
        _box(page, "Keep 8:00").uncheck()
        assert not _node(page, "keep-early").is_visible()
        assert not _node(page, "buses").is_visible()
        assert page.locator("#viewport g.edge:visible").count() < edges
        hidden_edges = page.locator("#viewport g.edge:visible").count()

        # save: the side stays hidden in the new drawing
        before = _version(page)
        text = text.replace("Weary students nod off.", "Weary students nod off in class.")
        save_by_rename(path, text)
        _wait_for_version(page, before)
        page.locator("#viewport svg").filter(has_text="in class").wait_for(timeout=10_000)
        assert not _node(page, "keep-early").is_visible()
        assert not _node(page, "buses").is_visible()
        assert _node(page, "cost").is_visible()
        assert page.locator("#viewport g.edge:visible").count() == hidden_edges
        assert not _box(page, "Keep 8:00").is_checked()
        assert _box(page, "Costs").is_checked()
        # the menu was rebuilt under the reader's hand: the focus is on the same side
        assert page.evaluate("document.activeElement.parentNode.dataset.label") == "Keep 8:00"

        # break the file: the last good drawing, greyed, can still be searched
        before = _version(page)
        save_by_rename(path, text.replace("  rested: {text:", "  rested: {txt:"))
        page.wait_for_selector("#banner:not([hidden])", timeout=10_000)
        assert page.locator("#viewport.stale svg").count() == 1
        search.fill("rested")
        search.press("Enter")
        assert count.inner_text() == "1 of 1"
        assert page.locator("#details code.id").inner_text() == "rested"
        assert "match" in _classes(_node(page, "rested"))

        # fixed, without the current match, without one side and with a new one: the
        # count says the match is gone, the menu follows the sides of the file
        before = _version(page)
        fixed = (text.replace("  rested: {text: Rested students pay attention., side: later}\n",
                              "")
                 .replace("[tired, rested, weary]", "[tired, weary]")
                 .replace("  money: {name: Costs}\n", "  parents: {name: Parents}\n")
                 .replace("side: money}", "side: parents}"))
        save_by_rename(path, fixed)
        _wait_for_version(page, before)
        page.wait_for_selector("#banner[hidden]", state="attached", timeout=10_000)
        assert count.inner_text() == "0 found; rested is no longer in the map"
        assert page.locator("#viewport g.node.match").count() == 0
        assert _menu(page) == ["Later start", "Keep 8:00", "Parents"]
        assert not _box(page, "Keep 8:00").is_checked()
        assert _box(page, "Parents").is_checked()
        assert not _node(page, "keep-early").is_visible()

        # Escape in the search box clears it
        search.fill("students")
        page.wait_for_timeout(400)
        assert count.inner_text() == "2 found"
        search.press("Escape")
        assert search.input_value() == ""
        assert count.inner_text() == ""
        assert page.locator("#viewport g.node.match").count() == 0

        # the keyboard: + zooms in, 0 fits, Escape closes the details
        page.locator("#groups-box summary").click()  # the menu closed
        page.locator("#viewport").click(position={"x": 5, "y": 5})
        page.keyboard.press("0")
        fitted = page.locator("#viewport svg").get_attribute("viewBox")
        page.keyboard.press("+")
        assert page.locator("#viewport svg").get_attribute("viewBox") != fitted
        _node(page, "tired").click()
        assert page.locator("#details").is_visible()
        page.keyboard.press("Escape")
        assert page.locator("#details").is_hidden()

        page.wait_for_timeout(200)
        assert errors == []
        assert all(r.startswith(url.split("?")[0].rstrip("/")) for r in requests)
