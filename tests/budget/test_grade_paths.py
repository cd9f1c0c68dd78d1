"""``argmap grade`` opens each submission one folder at a time from the folder named
(no link followed on the way): the cost grows with the depth of a file, never worse.

A class of 200 files, each 60 folders deep (one of them 800 deep), is graded in about
the time of the same 200 files lying flat in one folder: the yardstick is that flat run,
in the same test, so that a slow machine moves both.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.budget._run import assert_clean_failure, run_argmap
from tests.budget.test_grade import GOOD, PROFILE

FILES = 200


def test_deep_submission_folders_cost_about_what_flat_ones_do(tmp_path: Path) -> None:
    profile = tmp_path / "a.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    flat = tmp_path / "flat"
    flat.mkdir()
    deep = tmp_path / "deep"
    for i in range(FILES):
        (flat / f"s{i}.yaml").write_text(GOOD, encoding="utf-8")
        levels = 800 if i == 0 else 60
        folder = deep / f"s{i}" / Path(*(["d"] * (levels - 1)))
        folder.mkdir(parents=True)
        (folder / "map.yaml").write_text(GOOD, encoding="utf-8")
    common = ("--no-draw", "-j", "1", "--memory", "0", "-q")
    yardstick = run_argmap("grade", flat, "-a", profile, "-o", tmp_path / "r0", *common,
                           timeout=300)
    assert_clean_failure(yardstick)
    outcome = run_argmap("grade", deep, "-a", profile, "-o", tmp_path / "r1", *common,
                         "--identity", "folder", timeout=300)
    assert_clean_failure(outcome)
    assert outcome.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(
        (tmp_path / "r1" / "grades.csv").read_text("utf-8"))))
    assert len(rows) == FILES
    assert all(float(r["score"]) > 0 for r in rows)
    assert outcome.seconds < 3 * yardstick.seconds + 2, (outcome.seconds, yardstick.seconds)
    assert outcome.max_rss_mib < 2 * yardstick.max_rss_mib + 32
