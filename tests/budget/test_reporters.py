"""Budget of the SARIF and JUnit reporters on a batch with many problems.

60 files named with control characters, each with 160 schema errors whose texts carry
control characters (100 reported per file, the rest counted): 6,000 diagnostics through
each reporter.  The reporters are linear; their whole run may not cost much more than
the JSON reporter's on the same batch (generous for a busy 2-core machine), and the
output stays well-formed.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.budget._run import assert_clean_failure, run_argmap


def test_sarif_and_junit_on_many_problems(tmp_path: Path) -> None:
    body = "argmap: 1\nclaims:\n" + "".join(
        f'  c{i}:\n    txt: "x\\e[2J\\u202e"\n' for i in range(80))
    for n in range(60):
        (tmp_path / f"m{n:03d}\x1b]0;T\x07.yaml").write_text(body, encoding="utf-8")
    baseline = run_argmap("validate", "-f", "json", ".", cwd=tmp_path, timeout=240)
    assert_clean_failure(baseline)
    assert json.loads(baseline.stdout)["summary"]["errors"] == 60 * 160
    for fmt in ("sarif", "junit"):
        outcome = run_argmap("validate", "-f", fmt, ".", cwd=tmp_path, timeout=240)
        assert_clean_failure(outcome)
        assert outcome.exit_code == 1
        assert outcome.seconds < 3 * baseline.seconds + 10, (fmt, outcome.seconds,
                                                             baseline.seconds)
        assert outcome.max_rss_mib < 400, (fmt, outcome.max_rss_mib)
        if fmt == "sarif":
            results = json.loads(outcome.stdout)["runs"][0]["results"]
            assert len(results) == 60 * 101  # 100 shown and a too-many-problems each
        else:
            root = ET.fromstring(outcome.stdout)  # noqa: S314 -- our own output
            assert root.get("failures") == str(60 * 101)
