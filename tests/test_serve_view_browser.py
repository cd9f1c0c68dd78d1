"""The tester's findings on the live page and the HTML export page, in Chromium.

Each test is one finding: Enter in the search box goes on to the next match and leaves
the focus in the box (1); a valid map with check errors is drawn live, not "broken" (2);
a save that moves the boxes keeps the reader's box where it was on the screen (3); the
menu of sides stays inside a narrow window (9); the search count says how many matches
are in a hidden side (13); the search is Unicode-normalised and accent-insensitive (18).
The live page and the export run the same view script, so most are checked on both.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests._browser import save_by_rename
from tests.serve_helpers import running_server

pytest.importorskip("starlette")

pytestmark = [pytest.mark.dot, pytest.mark.browser]

SEED = Path(__file__).resolve().parent.parent / "examples" / "one-threat.argmap.yaml"

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
  cost: {text: Later buses cost the district money in the café budget., side: money}
arguments:
  sleep: {premises: [tired, rested], conclusion: later-start}
  logistics: {premises: buses, conclusion: keep-early}
attacks:
  - {attacker: cost, target: later-start}
contradictions:
  - between: [later-start, keep-early]
"""



def _watch_errors(page: Any) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def _export(source: Path, out: Path) -> Path:
    """``argmap render SOURCE -o OUT.html`` (the whole command, as a user runs it)."""
    done = subprocess.run([sys.executable, "-m", "argmap", "render", str(source), "-o",
                           str(out)], capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    return out


def _version(page: Any) -> int:
    return int(page.locator("body").get_attribute("data-version") or "0")


def _wait_for_version(page: Any, after: int) -> None:
    for _ in range(400):
        if _version(page) > after:
            return
        page.wait_for_timeout(50)
    raise AssertionError("the page did not follow the save")


def _centre(page: Any, node_id: str) -> tuple[float, float]:
    box = page.locator(f'#viewport svg g[data-argmap-id="{node_id}"]').bounding_box()
    assert box is not None
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def _nearest_to_view_centre(page: Any) -> str:
    """The id of the drawn box nearest the centre of the view (as the page picks it)."""
    view = page.locator("#viewport svg").bounding_box()
    assert view is not None
    cx, cy = view["x"] + view["width"] / 2, view["y"] + view["height"] / 2
    best, where = "", float("inf")
    for node in page.locator("#viewport svg g.node[data-argmap-id]").all():
        box = node.bounding_box()
        if box is None or not (box["width"] or box["height"]):
            continue
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        distance = (x - cx) ** 2 + (y - cy) ** 2
        if distance < where:
            best, where = node.get_attribute("data-argmap-id") or "", distance
    assert best
    return best


def _enter_walks_the_matches(page: Any) -> None:
    """Finding 1: ``/``, "deterrence", Enter x6, Shift+Enter, Escape, all in the box."""
    page.locator("#viewport").click(position={"x": 5, "y": 5})
    page.keyboard.press("/")
    page.keyboard.type("deterrence")
    count = page.locator("#search-count")
    page.wait_for_timeout(400)
    found = int(count.inner_text().split()[0])
    assert found >= 3, count.inner_text()
    seen = []
    for step in range(1, 7):
        page.keyboard.press("Enter")
        expected = (step - 1) % found + 1
        assert count.inner_text() == f"{expected} of {found}"
        # the focus stays in the search box; the found box is selected and shown
        assert page.evaluate("document.activeElement.id") == "search"
        seen.append(page.locator("#details code.id").inner_text())
        assert page.locator("#details").is_visible()
    assert len(set(seen[:found])) == min(found, 6)
    page.keyboard.press("Shift+Enter")
    assert count.inner_text() == f"{(6 - 2) % found + 1} of {found}"
    assert page.locator("#details code.id").inner_text() == seen[(6 - 2) % found]
    assert page.evaluate("document.activeElement.id") == "search"
    page.keyboard.press("Escape")
    assert page.locator("#search").input_value() == ""
    assert count.inner_text() == ""
    assert page.locator("#viewport g.node.match").count() == 0


def test_enter_walks_the_matches_in_the_export(browser: Any, tmp_path: Path) -> None:
    out = _export(SEED, tmp_path / "seed.html")
    page = browser.new_page()
    errors = _watch_errors(page)
    page.goto(out.as_uri())
    page.wait_for_selector("body[data-ready='1']")
    _enter_walks_the_matches(page)
    assert errors == []


def test_enter_walks_the_matches_in_the_live_page(browser: Any) -> None:
    with running_server(SEED) as (url, _proc):
        page = browser.new_page()
        errors = _watch_errors(page)
        page.goto(url)
        page.wait_for_selector("#viewport svg g.node", timeout=30_000)
        _enter_walks_the_matches(page)
        assert errors == []


def test_check_errors_are_problems_not_a_broken_file(browser: Any, tmp_path: Path) -> None:
    """Finding 2: a valid map with check errors is drawn live; only a file that cannot
    be drawn is "broken", greyed under the errors."""
    path = tmp_path / "g20.yaml"
    subprocess.run([sys.executable, "benchmarks/generate.py", "--claims", "20", "-o",
                    str(path)], check=True, capture_output=True, timeout=60,
                   cwd=SEED.parent.parent)
    with running_server(path) as (url, _proc):
        page = browser.new_page()
        errors = _watch_errors(page)
        page.goto(url)
        page.wait_for_selector("#viewport svg g.node", timeout=30_000)
        base = url.split("?")[0].rstrip("/")
        with urllib.request.urlopen(base + "/snapshot", timeout=10) as answer:  # noqa: S310 -- loopback
            snap = json.loads(answer.read())
        assert snap["ok"] is True
        assert snap["counts"]["error"] >= 1
        count = snap["counts"]["error"]
        assert page.locator("#live").inner_text() == f"{count} problems"
        assert "broken" not in (page.locator("#live").get_attribute("class") or "")
        assert page.locator("#banner").is_hidden()
        assert page.locator("#viewport.stale").count() == 0
        assert "(broken)" not in page.title()
        listed = page.locator("#problems-list li.sev-error").count()
        assert listed == count
        assert page.locator("body").get_attribute("data-ok") == "1"

        # a file that cannot be drawn is broken: greyed, the errors on top
        before = _version(page)
        save_by_rename(path, path.read_text(encoding="utf-8").replace("claims:", "claimz:", 1))
        _wait_for_version(page, before)
        assert page.locator("#live").inner_text() == "broken"
        assert page.locator("#banner").is_visible()
        assert page.locator("#viewport.stale svg").count() == 1
        assert errors == []


def test_a_save_that_moves_the_boxes_keeps_the_readers_box(browser: Any,
                                                            tmp_path: Path) -> None:
    """Finding 3: zoomed in, nothing selected, a save that shifts the layout: the box
    nearest the centre of the view stays where it was on the screen, at the same zoom;
    then the same with a box selected (the anchor is the selected box)."""
    path = tmp_path / "debate.argmap.yaml"
    path.write_text(MAP, encoding="utf-8")
    with running_server(path) as (url, _proc):
        page = browser.new_page()
        page.set_viewport_size({"width": 1200, "height": 800})
        errors = _watch_errors(page)
        page.goto(url)
        page.wait_for_selector('#viewport svg g[data-argmap-id="buses"]', timeout=30_000)
        page.locator("#viewport").click(position={"x": 5, "y": 5})
        for _ in range(4):
            page.keyboard.press("+")
        anchor = _nearest_to_view_centre(page)
        before_at = _centre(page, anchor)
        box = page.locator("#viewport svg").get_attribute("viewBox") or ""
        width = box.split()[2:]
        # new boxes on the left of everything: the whole layout moves to the right
        extra = "".join(f"  new{i}: {{text: A new claim number {i} with words., side: later}}\n"
                        for i in range(6))
        edited = MAP.replace("  tired:", extra + "  tired:").replace(
            "[tired, rested]", "[" + ", ".join(f"new{i}" for i in range(6)) + ", tired, rested]")
        before = _version(page)
        save_by_rename(path, edited)
        _wait_for_version(page, before)
        page.locator('#viewport svg g[data-argmap-id="new5"]').wait_for(timeout=10_000)
        after_at = _centre(page, anchor)
        moved = abs(after_at[0] - before_at[0]) + abs(after_at[1] - before_at[1])
        assert moved < 10, (anchor, before_at, after_at)
        now = page.locator("#viewport svg").get_attribute("viewBox") or ""
        assert [float(v) for v in now.split()[2:]] == pytest.approx(
            [float(v) for v in width], rel=1e-5)  # the same zoom
        assert now != box  # the layout did move: the view followed it

        # a selected box is the anchor, wherever it is in the view
        # (a click on it: it may be out of the zoomed view)
        page.locator('#viewport svg g[data-argmap-id="cost"]').dispatch_event("click")
        before_at = _centre(page, "cost")
        before = _version(page)
        shifted = edited.replace("  buses:", "  buses2: {text: Another one., side: keep}\n"
                                 "  buses:")
        save_by_rename(path, shifted.replace("premises: buses,", "premises: [buses, buses2],"))
        _wait_for_version(page, before)
        page.locator('#viewport svg g[data-argmap-id="buses2"]').wait_for(timeout=10_000)
        after_at = _centre(page, "cost")
        assert abs(after_at[0] - before_at[0]) + abs(after_at[1] - before_at[1]) < 10
        assert page.locator("#details code.id").inner_text() == "cost"
        assert errors == []


def _menu_inside(page: Any) -> None:
    page.locator("#groups-box summary").click()
    for width in (800, 320):
        page.set_viewport_size({"width": width, "height": 600})
        page.wait_for_timeout(100)
        menu = page.locator("#groups").bounding_box()
        assert menu is not None
        assert menu["x"] >= 0, (width, menu)
        assert menu["x"] + menu["width"] <= width, (width, menu)
        for box in page.locator("#groups input").all():
            where = box.bounding_box()
            assert where is not None
            assert where["x"] >= 0
            assert where["x"] + where["width"] <= width


def _hidden_count_and_unicode(page: Any) -> None:
    """Findings 13 and 18."""
    search, count = page.locator("#search"), page.locator("#search-count")
    search.fill("students")
    page.wait_for_timeout(400)
    assert count.inner_text() == "2 found"
    page.locator("#groups label").filter(has_text="Later start").locator("input").uncheck()
    assert count.inner_text() == "2 found (2 in a hidden side)"
    page.locator("#groups label").filter(has_text="Later start").locator("input").check()
    assert count.inner_text() == "2 found"
    page.locator("#groups label").filter(has_text="Later start").locator("input").uncheck()
    search.press("Enter")  # still reveals it
    assert count.inner_text() == "1 of 2"
    assert page.locator("#groups label").filter(has_text="Later start").locator(
        "input").is_checked()
    # accents: typed composed, decomposed (e + combining acute), without, in capitals
    for typed in ("café", "cafe\u0301", "cafe", "CAFÉ", "CAFE\u0301"):
        search.fill(typed)
        page.wait_for_timeout(400)
        assert count.inner_text() == "1 found", typed


def test_menu_hidden_count_and_unicode_in_the_export(browser: Any, tmp_path: Path) -> None:
    source = tmp_path / "debate.argmap.yaml"
    source.write_text(MAP, encoding="utf-8")
    out = _export(source, tmp_path / "debate.html")
    page = browser.new_page()
    page.set_viewport_size({"width": 800, "height": 600})
    errors = _watch_errors(page)
    page.goto(out.as_uri())
    page.wait_for_selector("body[data-ready='1']")
    _menu_inside(page)
    page.set_viewport_size({"width": 1200, "height": 800})
    _hidden_count_and_unicode(page)
    assert errors == []


def test_menu_hidden_count_and_unicode_in_the_live_page(browser: Any,
                                                         tmp_path: Path) -> None:
    path = tmp_path / "debate.argmap.yaml"
    path.write_text(MAP, encoding="utf-8")
    with running_server(path) as (url, _proc):
        page = browser.new_page()
        page.set_viewport_size({"width": 800, "height": 600})
        errors = _watch_errors(page)
        page.goto(url)
        page.wait_for_selector('#viewport svg g[data-argmap-id="buses"]', timeout=30_000)
        _menu_inside(page)
        page.set_viewport_size({"width": 1200, "height": 800})
        _hidden_count_and_unicode(page)
        assert errors == []
