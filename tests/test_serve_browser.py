"""``argmap serve`` in a real browser: a real server process, a file edited on disk.

The debater's loop: the page shows the map; a save shows the change in place, keeping
the zoom; a broken save shows the error with its line over the greyed last diagram; a
fixed save brings the live diagram back.  No console errors, no request elsewhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests._browser import save_by_rename
from tests.serve_helpers import running_server

pytest.importorskip("starlette")

pytestmark = [pytest.mark.dot, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "tests" / "data" / "render" / "small.argmap.yaml"



def _wait_for_text(page: Any, word: str) -> None:
    """Wait until the drawing shows ``word`` (a locator: the page's CSP forbids the
    string evaluation of ``wait_for_function``)."""
    page.locator("#viewport svg").filter(has_text=word).wait_for(timeout=10_000)


def _version(page: Any) -> int:
    return int(page.locator("body").get_attribute("data-version") or "0")


def test_edit_break_fix_in_browser(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "debate.argmap.yaml"
    original = SMALL.read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    with running_server(path, "--color-by", "status") as (url, _proc):
        page = browser.new_page()
        errors: list[str] = []
        requests: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(url)
        page.wait_for_selector('#viewport svg g[data-argmap-id="tired"]', timeout=30_000)
        assert page.locator("#live").inner_text() == "live"

        # click a node: text, line, status and explanation
        page.locator('g[data-argmap-id="tired"]').click()
        details = page.locator("#details")
        assert details.is_visible()
        text = details.inner_text()
        assert "Tired students learn less." in text
        assert "13:" in page.locator("#details dd.f-line").inner_text()
        assert "(grounded)" in page.locator("#details dd.f-status").inner_text()
        assert page.locator("#details dd.f-why").inner_text()

        # zoom in, then save a change: the page updates in place and keeps the zoom
        page.locator("#zoom-in").click()
        page.locator("#zoom-in").click()
        zoomed = page.locator("#viewport svg").get_attribute("viewBox")
        at = page.locator('g[data-argmap-id="tired"]').bounding_box()
        assert at is not None
        before = _version(page)
        page.evaluate("window.__same_page = 1")
        save_by_rename(path, original.replace("Tired students learn less.",
                                     "Exhausted students learn less."))
        _wait_for_text(page, "Exhausted")
        assert _version(page) > before
        assert page.evaluate("window.__same_page") == 1  # not a reload
        # the same zoom; the open box (the view's anchor) where it was on the screen
        assert page.locator("#viewport svg").get_attribute("viewBox").split()[2:] == \
            zoomed.split()[2:]
        now = page.locator('g[data-argmap-id="tired"]').bounding_box()
        assert now is not None
        moved = (abs(now["x"] + now["width"] / 2 - at["x"] - at["width"] / 2)
                 + abs(now["y"] + now["height"] / 2 - at["y"] - at["height"] / 2))
        assert moved < 10  # its centre (its text, and so its width, changed)
        assert "Exhausted students learn less." in details.inner_text()  # still open

        # break the file: the error with its line, the last diagram greyed
        save_by_rename(path, original.replace("  tired: {text:", "  tired: {txt:"))
        page.wait_for_selector("#banner:not([hidden])", timeout=10_000)
        banner = page.locator("#banner").inner_text()
        assert "13:" in banner
        assert "error[" in banner
        assert page.locator("#viewport.stale svg").count() == 1
        assert "Exhausted" in page.locator("#viewport").text_content()
        assert page.locator("#live").inner_text() == "broken"
        assert "13:" in page.locator("#problems").inner_text()

        # fix it: live again, the change drawn
        save_by_rename(path, original.replace("Tired students", "Weary students"))
        _wait_for_text(page, "Weary")
        page.wait_for_selector("#banner[hidden]", state="attached", timeout=10_000)
        assert page.locator("#viewport.stale").count() == 0
        assert page.locator("#live").inner_text() == "live"

        page.wait_for_timeout(200)
        assert errors == []
        assert all(r.startswith(url.split("?")[0]) for r in requests), requests


def test_page_updates_within_a_second_of_a_save(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "debate.argmap.yaml"
    original = SMALL.read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    with running_server(path) as (url, _proc):
        page = browser.new_page()
        page.goto(url)
        page.wait_for_selector('#viewport svg g[data-argmap-id="tired"]', timeout=30_000)
        page.wait_for_timeout(300)
        waits = []
        for word in ("Alpha", "Beta", "Gamma"):
            started = page.evaluate("performance.now()")
            save_by_rename(path, original.replace("Tired students", f"{word} students"))
            _wait_for_text(page, word)
            waits.append(page.evaluate("performance.now()") - started)
        # generous for a busy 2-core machine; the median is what docs/serve.md quotes
        assert sorted(waits)[1] < 3000, waits


def test_page_reconnects_to_a_restarted_server(browser: Any, tmp_path: Path) -> None:
    """Stop the server, edit, start it again on the same port: the open page says it is
    reconnecting, then shows the edited map (a new server's versions start again at 1,
    which must not leave the old drawing up)."""
    import socket

    path = tmp_path / "debate.argmap.yaml"
    original = SMALL.read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    with running_server(path, "--port", port) as (url, _proc):
        page.goto(url)
        page.wait_for_selector('#viewport svg g[data-argmap-id="tired"]', timeout=30_000)
    page.locator("#live.offline").wait_for(timeout=15_000)
    path.write_text(original.replace("Tired students", "Restarted students"),
                    encoding="utf-8")
    with running_server(path, "--port", port) as (_url, _proc):
        _wait_for_text(page, "Restarted")
        assert page.locator("#live").inner_text() == "live"
    assert errors == []
