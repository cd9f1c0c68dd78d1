"""Budget of ``argmap check`` on a large map with many findings (the cap on findings).

A 10,000-claim map whose every claim is too short, unsupported and disconnected has
30,000 findings; 100 are reported (and located), the rest counted.  Generous budgets for
a busy 2-core machine: time as a multiple of a trivial check plus a margin, peak memory
of the child in MiB.
"""

from __future__ import annotations

from pathlib import Path

from tests.budget._run import assert_clean_failure, run_argmap


def test_check_of_a_map_with_thirty_thousand_findings(tmp_path: Path) -> None:
    (tmp_path / "argmap.toml").write_text("[check]\n", encoding="utf-8")
    small = tmp_path / "small.yaml"
    small.write_text("argmap: 1\nclaims:\n  c: {text: A claim that stands alone.}\n",
                     encoding="utf-8")
    trivial = run_argmap("check", small, cwd=tmp_path, timeout=60)
    assert_clean_failure(trivial)
    big = tmp_path / "big.yaml"
    big.write_text("argmap: 1\nclaims:\n" + "".join(
        f"  c{i}: {{text: x{i}}}\n" for i in range(10_000)), encoding="utf-8")
    outcome = run_argmap("check", big, cwd=tmp_path, timeout=180)
    assert_clean_failure(outcome)
    assert outcome.exit_code == 0
    lines = outcome.stdout.splitlines()
    assert len(lines) == 102
    assert lines[-1] == ("1 file checked: 0 files with errors, 0 errors, 20000 warnings, "
                         "10000 notes")
    assert outcome.seconds < 12 * trivial.seconds + 15, (outcome.seconds, trivial.seconds)
    assert outcome.max_rss_mib < 600, outcome.max_rss_mib
