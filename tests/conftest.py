"""Shared fixtures; markers for tests that need `dot` or a browser.

Where CI=true, a test marked ``dot`` or ``browser`` fails instead of skipping when the
tool is missing: CI installs both, so a skip there would hide a broken set-up.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from tests._browser import chromium

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CORPORA = ROOT.parent / "shared" / "corpora"

settings.register_profile(
    "default", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=60
)
settings.register_profile(
    "ci",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    max_examples=100,
    derandomize=True,
)
settings.load_profile("ci" if os.environ.get("CI") else "default")


def _have_browser() -> bool:
    try:
        import playwright  # noqa: F401 -- only checking that it is installed
    except ImportError:
        return False
    return Path("/usr/bin/chromium").exists()


def pytest_runtest_setup(item: pytest.Item) -> None:
    in_ci = os.environ.get("CI", "") not in ("", "0", "false")
    if item.get_closest_marker("dot") and shutil.which("dot") is None:
        if in_ci:
            pytest.fail("Graphviz's `dot` is missing in CI: scripts/setup.sh should install it")
        pytest.skip("needs Graphviz's `dot` (apt-get install graphviz)")
    if item.get_closest_marker("browser") and not _have_browser():
        if in_ci:
            pytest.fail("Chromium or Playwright is missing in CI: run scripts/setup.sh --dev")
        pytest.skip("needs /usr/bin/chromium and the playwright package")


@pytest.fixture
def corpora() -> Path:
    """The shared corpora folder (skips the test where it is absent)."""
    if not CORPORA.is_dir():
        pytest.skip("../shared/corpora is not present")
    return CORPORA


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    """A headless Chromium context with a fresh profile that makes no network calls."""
    with chromium(tmp_path / "profile") as context:
        yield context
