"""Budgets for hostile framework files and options (issue 8, items 7, 13, 14, 15).

Each case is a few bytes that once cost gigabytes, minutes or a traceback.  Budgets are
generous for a busy 2-core machine and, for memory, set against a trivial run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.budget._run import Outcome, assert_clean_failure, run_argmap


@pytest.fixture(scope="module")
def trivial(tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    path = tmp_path_factory.mktemp("trivial") / "t.af"
    path.write_text("p af 2\n1 2\n", encoding="utf-8")
    outcome = run_argmap("evaluate", path, timeout=60)
    assert outcome.exit_code == 0
    return outcome


def test_a_huge_declared_count_is_refused_at_once(tmp_path: Path, trivial: Outcome) -> None:
    """Item 7: a 22-byte file that declares 50 million arguments took over 11 GB."""
    path = tmp_path / "big.af"
    path.write_bytes(b"p af 50000000\n1 2\n")
    assert len(path.read_bytes()) <= 22
    for args in (("evaluate", path), ("solve", "-p", "SE-GR", "-f", path)):
        outcome = run_argmap(*args, timeout=60)
        assert_clean_failure(outcome)
        assert outcome.exit_code == 1
        assert "more than the limit of 10,000,000" in outcome.stderr
        assert "--max-arguments" in outcome.stderr
        assert outcome.max_rss_mib < trivial.max_rss_mib + 50


def test_memory_follows_the_arguments_not_gigabytes(tmp_path: Path, trivial: Outcome) -> None:
    """Within the cap, a declared count costs a few bytes per argument: 2 million
    arguments and one attack, evaluated and printed."""
    path = tmp_path / "wide.af"
    path.write_bytes(b"p af 2000000\n1 2\n")
    outcome = run_argmap("evaluate", path, timeout=120)
    assert_clean_failure(outcome)
    assert outcome.exit_code == 0
    assert outcome.stdout.startswith(f"{path}: grounded semantics; framework of 2000000")
    assert "out (1): 2\n" in outcome.stdout
    assert outcome.max_rss_mib < trivial.max_rss_mib + 400, outcome.max_rss_mib
    solved = run_argmap("solve", "-p", "DS-GR", "-f", path, "-a", "2", timeout=120)
    assert solved.exit_code == 0
    assert solved.stdout.startswith("NO\nw 1 3 4 5 ")
    assert solved.max_rss_mib < trivial.max_rss_mib + 400, solved.max_rss_mib


@pytest.mark.parametrize(
    "text",
    ["p af " + "1" * 5000 + "\n1 2\n", "p af 3\n" + "1" * 5000 + " 2\n",
     "p af 3\n1 " + "9" * 4301 + "\n"],
    ids=["header", "attacker", "target"],
)
def test_integers_of_thousands_of_digits(tmp_path: Path, text: str) -> None:
    """Item 14: integers over 4,300 digits raised ValueError."""
    path = tmp_path / "digits.af"
    path.write_text(text, encoding="utf-8")
    for args in (("evaluate", path), ("solve", "-p", "SE-GR", "-f", path)):
        outcome = run_argmap(*args, timeout=60)
        assert_clean_failure(outcome)
        assert outcome.exit_code == 1
        assert "digits" in outcome.stderr
        assert outcome.seconds < 30


def test_max_bytes_is_an_option(tmp_path: Path) -> None:
    """Item 13: framework files were read with a hard-coded 1 GiB limit."""
    path = tmp_path / "f.af"
    path.write_text("p af 3\n1 2\n2 3\n", encoding="utf-8")
    for args in (("evaluate", path, "--max-bytes", "8"),
                 ("solve", "-p", "SE-GR", "-f", path, "--max-bytes", "8")):
        outcome = run_argmap(*args, timeout=60)
        assert_clean_failure(outcome)
        assert outcome.exit_code == 2
        assert "more than the limit of 8" in outcome.stderr
    assert run_argmap("evaluate", path, "--max-bytes", "100", timeout=60).exit_code == 0


def test_many_extensions_respect_the_time_limit(tmp_path: Path) -> None:
    """Item 13: --extensions 1000000 ignored --timeout.  20 independent mutual attacks
    have 2^20 preferred extensions; the whole command honours a 3 s limit."""
    path = tmp_path / "pairs.af"
    lines = ["p af 40"] + [f"{2 * i + 1} {2 * i + 2}\n{2 * i + 2} {2 * i + 1}"
                           for i in range(20)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outcome = run_argmap("evaluate", path, "-s", "preferred", "--extensions", "1000000",
                         "--statuses", "--timeout", "3", timeout=120)
    assert_clean_failure(outcome)
    assert outcome.exit_code == 1  # the time limit ran out: the list is not complete
    assert "time limit reached" in outcome.stdout
    assert outcome.seconds < 3 + 25, outcome.seconds


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e400", "-1", "99999999999"])
def test_bad_time_limits_are_usage_errors(tmp_path: Path, value: str) -> None:
    """Item 15: --timeout nan was accepted; inf and huge values gave tracebacks."""
    path = tmp_path / "f.af"
    path.write_text("p af 2\n1 2\n2 1\n", encoding="utf-8")
    for args in (("evaluate", path, "-s", "preferred", "--timeout", value),
                 ("solve", "-p", "SE-PR", "-f", path, "--timeout", value)):
        outcome = run_argmap(*args, timeout=60)
        assert_clean_failure(outcome)
        assert outcome.exit_code == 2, (args, outcome.stderr)
        assert "--timeout" in outcome.stderr
