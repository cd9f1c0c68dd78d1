"""Print options within a time and memory budget: whatever resolution, scale or tiling is
asked for, ``argmap render`` stays bounded (issue 11; the limits of issue 8 hold).

* PNG: ``--dpi 1200 --scale 20`` asks for 24,000 dots per inch; the image is still
  kept within 9,600 pixels a side, so memory stays that of the default PNG's limit.
* Tiled PDF: a drawing that would take thousands of pages at ``--scale 20`` is refused
  at once (exit 2) with what to lower, before any page is written.
* Fitted page: the layout search (up to six layouts) runs only for small maps that
  ``dot`` lays out with full passes; issue 8's small dense map, which ``dot`` once took
  minutes over, is laid out once on a fitted page as for the unpaged PDF.
"""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import pytest

from tests.budget._run import assert_clean_failure, run_argmap
from tests.render_maps import cross_linked_map, dense_map

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz")

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "one-threat.argmap.yaml"


def test_huge_resolution_is_capped(tmp_path: Path) -> None:
    out = tmp_path / "big.png"
    outcome = run_argmap("render", SEED, "-o", out, "--dpi", "1200", "--scale", "20",
                         timeout=300)
    assert_clean_failure(outcome)
    assert outcome.exit_code == 0, outcome.stderr
    width, height = struct.unpack(">II", out.read_bytes()[16:24])
    assert max(width, height) <= 9700  # 9,600 and the margin Graphviz adds
    assert max(width, height) > 5000
    assert outcome.seconds < 120, outcome.seconds
    assert outcome.max_rss_mib < 1200, outcome.max_rss_mib


def test_thousands_of_tiles_are_refused_at_once(tmp_path: Path) -> None:
    source = tmp_path / "big.yaml"
    source.write_text(cross_linked_map(600), encoding="utf-8")
    out = tmp_path / "poster.pdf"
    outcome = run_argmap("render", source, "-o", out, "--page", "A4", "--tile",
                         "--scale", "20", timeout=300)
    assert_clean_failure(outcome)
    assert outcome.exit_code == 2
    assert "pages" in outcome.stderr
    assert "--scale" in outcome.stderr
    assert not out.exists()
    assert outcome.seconds < 120, outcome.seconds


def test_a_dense_map_on_a_fitted_page_is_laid_out_once(tmp_path: Path) -> None:
    source = tmp_path / "dense.yaml"
    source.write_text(dense_map(50, 35, 15), encoding="utf-8")
    seconds = {}
    for name, extra in (("plain", ()), ("fitted", ("--page", "A3", "--landscape"))):
        outcome = run_argmap("render", source, "-o", tmp_path / f"{name}.pdf", "-v",
                             *extra, timeout=300)
        assert_clean_failure(outcome)
        assert outcome.exit_code == 0, outcome.stderr
        seconds[name] = outcome.seconds
        # laid out with bounded passes or sfdp: no search, and no second layout
        assert "layouts tried" not in outcome.stderr
        assert "legend is left out" not in outcome.stderr
    assert seconds["fitted"] < max(3 * seconds["plain"], 30.0), seconds
