"""The outline flowed onto pages (``--tile --layout outline``) within a time and memory
budget.  The flow onto pages is one pass over the rows (no search over column counts).
Measured on this machine (2 cores, shared): a chain of 2,000 claims onto 133 A4 pages
takes about 4.5 s whole process, 60 MiB peak RSS.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.budget._run import assert_clean_failure, run_argmap
from tests.budget.test_render_outline import _chain

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz")


def test_a_chain_of_2000_claims_flows_onto_numbered_pages(tmp_path: Path) -> None:
    source = tmp_path / "chain.yaml"
    source.write_text(_chain(2000, circle=False), encoding="utf-8")
    out = tmp_path / "chain.pdf"
    outcome = run_argmap("render", source, "-o", out, "--layout", "outline", "--page",
                         "A4", "--tile", "-v", timeout=400)
    assert_clean_failure(outcome)
    assert outcome.exit_code == 0, outcome.stderr
    found = re.search(r"on (\d+) pages", outcome.stderr)
    assert found is not None, outcome.stderr
    pages = int(found.group(1))
    assert 50 < pages < 500
    assert out.read_bytes().count(b"/Type /Page ") >= pages
    assert outcome.seconds < 90, outcome.seconds
    assert outcome.max_rss_mib < 800, outcome.max_rss_mib
