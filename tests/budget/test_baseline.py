"""The trivial run the budgets are measured against."""

from __future__ import annotations

from pathlib import Path

from tests.budget._run import assert_clean_failure, run_argmap


def test_small_validate_is_quick_and_clean(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("argmap: 1\nclaims:\n  c: {text: A claim.}\n", encoding="utf-8")
    outcome = run_argmap("validate", path, timeout=30)
    assert_clean_failure(outcome)
    assert outcome.exit_code == 0
    assert outcome.max_rss_mib < 200
