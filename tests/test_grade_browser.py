"""The feedback page and the class summary in a real (headless) browser: they render,
show the map with the nodes that lost points, make no request and log no error.

With ARGMAP_SCREENSHOTS=1 the test also refreshes the pictures of docs/teaching.md
(docs/images/grade-feedback.png and grade-summary.png).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests._browser import chromium

from .conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.dot]

CLASSROOM = ROOT / "examples" / "classroom"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "grade", "submissions/", "-a", "assignment.toml",
         "-o", str(out), "--roster", "roster.csv"],
        cwd=CLASSROOM, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    """Chromium (tests._browser) with a window of this test's size."""
    with chromium(tmp_path / "profile", viewport={"width": 1100, "height": 900}) as context:
        yield context



def _open(context: Any, path: Path) -> tuple[Any, list[str], list[str]]:
    page = context.new_page()
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning")
            else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, requests, problems


def test_feedback_page_renders_with_the_lost_points_marked(browser: Any, report: Path) -> None:
    path = report / "feedback" / "jonas.html"
    page, requests, problems = _open(browser, path)
    assert page.title() == "Feedback: jonas"
    assert page.locator("h1").inner_text() == "Feedback for jonas"
    assert "67.5 / 100" in page.locator(".score").inner_text()
    rows = page.locator("table").first.locator("tr")
    assert rows.count() == 7  # a header and one row per lost point
    assert "line 21, col 3" in rows.nth(5).inner_text()
    svg = page.locator("#map svg")
    assert svg.count() == 1
    box = svg.bounding_box()
    assert box is not None
    assert box["width"] > 300
    lost = page.locator("#map g.lost")
    assert lost.count() >= 3
    # the marked boxes are drawn red
    stroke = lost.first.locator("path, polygon").first.evaluate(
        "e => getComputedStyle(e).stroke")
    assert stroke == "rgb(208, 2, 27)"
    assert requests == [path.as_uri()]
    assert problems == []
    if os.environ.get("ARGMAP_SCREENSHOTS"):
        page.set_viewport_size({"width": 1100, "height": 1500})
        page.screenshot(path=str(ROOT / "docs" / "images" / "grade-feedback.png"),
                        full_page=True)


def test_class_summary_renders_and_links_every_student(browser: Any, report: Path) -> None:
    path = report / "index.html"
    page, requests, problems = _open(browser, path)
    assert "class summary" in page.locator("h1").inner_text()
    assert "11 submissions graded" in page.locator(".meta").first.inner_text()
    bars = page.locator(".bar")
    assert bars.count() == 10
    widths = [bars.nth(i).bounding_box() for i in range(10)]
    assert max(b["width"] for b in widths if b is not None) > 100
    links = page.locator("a[href^='feedback/']")
    assert links.count() == 11
    links.first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/feedback/amira.html")
    assert requests[0] == path.as_uri()
    assert problems == []
    if os.environ.get("ARGMAP_SCREENSHOTS"):
        page.goto(path.as_uri())
        page.set_viewport_size({"width": 1100, "height": 1300})
        page.screenshot(path=str(ROOT / "docs" / "images" / "grade-summary.png"))


SCRIPT_BREAKER = "</style></svg><script>alert('pwned')</script><img src=x onerror=alert(1)>"


def test_hostile_submission_pages_run_nothing(browser: Any, tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    text = (f"argmap: 1\ntitle: {json.dumps(SCRIPT_BREAKER)}\nauthors: "
            f"[{json.dumps(SCRIPT_BREAKER)}]\nclaims:\n"
            f"  t: {{text: {json.dumps(SCRIPT_BREAKER)}, main: true}}\n"
            f"  a: {{text: {json.dumps(SCRIPT_BREAKER + ' and more words here')}}}\n"
            "arguments:\n  r: {premises: [a], conclusion: t}\n")
    (folder / "x<img src=y onerror=alert(2)>.yaml").write_text(text, encoding="utf-8")
    profile = tmp_path / "a.toml"
    profile.write_text("[reasons]\npoints = 5\nmin = 2\n", encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "grade", str(folder), "-a", str(profile), "-o",
         str(out), "--identity", "authors"],
        capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    browser.on("dialog", on_dialog)  # every page of the context, from its first script
    for path in [out / "index.html", *sorted((out / "feedback").iterdir())]:
        page, requests, problems = _open(browser, path)
        page.wait_for_timeout(300)
        assert page.locator("script").count() == 0
        assert page.locator("img").count() == 0
        assert dialogs == []
        assert requests == [path.as_uri()]
        assert problems == []
