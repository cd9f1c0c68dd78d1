"""The outline layout within a time and memory budget (issue 11; the limits of issue 8).

The outline walks the map once (a visited set and an explicit stack: no recursion, no
revisits), measures every box in one Graphviz pass with no layout work (``nop``), and
flows the rows with a search over a dozen column counts, each a binary search over the
column height: linear in the rows times a small factor.  Measured on this machine
(2 cores, shared): the 5,000-claim chain below takes about 12 s whole process (most of
it Graphviz sizing and drawing 5,000 HTML labels), a circle of 2,000 claims about 6 s.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.budget._run import assert_clean_failure, run_argmap

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz")


def _chain(count: int, *, circle: bool) -> str:
    """Claims each supported by the next (a chain ``count`` deep; ``circle``: the last
    supported by the first)."""
    lines = ["argmap: 1", "claims:"]
    lines += [f"  c{i}: {{text: \"Claim {i} of a long line of reasons\""
              f"{', main: true' if i == 0 and not circle else ''}}}" for i in range(count)]
    lines.append("arguments:")
    last = count if circle else count - 1
    lines += [f"  a{i}: {{premises: [c{(i + 1) % count}], conclusion: c{i}}}"
              for i in range(last)]
    return "\n".join(lines) + "\n"


def test_a_chain_of_5000_claims(tmp_path: Path) -> None:
    source = tmp_path / "chain.yaml"
    source.write_text(_chain(5000, circle=False), encoding="utf-8")
    out = tmp_path / "chain.svg"
    outcome = run_argmap("render", source, "-o", out, "--layout", "outline", "-v",
                         timeout=400)
    assert_clean_failure(outcome)
    assert outcome.exit_code == 0, outcome.stderr
    assert "outline: 5000 boxes in 5000 rows" in outcome.stderr
    assert out.read_bytes().count(b'class="node claim') == 5000
    assert b"level 4999" in out.read_bytes()  # the indent is capped; the level is named
    assert outcome.seconds < 150, outcome.seconds
    assert outcome.max_rss_mib < 1000, outcome.max_rss_mib


def test_a_circle_of_2000_claims(tmp_path: Path) -> None:
    source = tmp_path / "circle.yaml"
    source.write_text(_chain(2000, circle=True), encoding="utf-8")
    out = tmp_path / "circle.pdf"
    outcome = run_argmap("render", source, "-o", out, "--layout", "outline", "--page",
                         "A3", "--landscape", timeout=400)
    assert_clean_failure(outcome)
    assert outcome.exit_code == 0, outcome.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert outcome.seconds < 90, outcome.seconds
    assert outcome.max_rss_mib < 800, outcome.max_rss_mib
