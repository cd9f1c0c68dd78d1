"""Helpers of the browser tests: one way to start Chromium, one way to save like an editor."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


@contextmanager
def chromium(profile: Path, **options: Any) -> Iterator[Any]:
    """A headless Chromium context with a fresh profile that makes no network calls
    (``options`` go to Playwright, e.g. ``viewport``)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as play:
        context = play.chromium.launch_persistent_context(
            str(profile), executable_path="/usr/bin/chromium", headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update"],
            **options,
        )
        try:
            yield context
        finally:
            context.close()


def save_by_rename(path: Path, text: str) -> None:
    """Save as an editor that writes a new file and renames it over the old one."""
    temporary = path.with_name(path.name + ".tmp~")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
