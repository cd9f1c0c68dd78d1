"""Budgets for ``argmap new --assignment`` on hostile profiles: deep nesting, a huge
file, binary bytes, a side too long, every count at its largest.  Each bad one is a
clean usage error (exit 2) in bounded time and memory, never a traceback; budgets are
set against a trivial run."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.budget._run import Outcome, assert_clean_failure, run_argmap


@pytest.fixture(scope="module")
def trivial(tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    path = tmp_path_factory.mktemp("trivial") / "a.toml"
    path.write_text("[reasons]\npoints = 5\nmin = 3\n", encoding="utf-8")
    outcome = run_argmap("new", "-a", path, timeout=60)
    assert outcome.exit_code == 0
    return outcome


@pytest.mark.parametrize(("content", "message"), [
    (b"x = " + b"[" * 200_000 + b"]" * 200_000 + b"\n", "nested too deeply"),
    (b"x = " + b"{a=" * 100_000 + b"1" + b"}" * 100_000 + b"\n", "nested too deeply"),
    (b"a = 1\n" * 400_000, "larger than 1,048,576 bytes"),
    (bytes(range(256)) * 1000, "not UTF-8"),
    (b'[thesis]\npoints = 5\nside = "' + b"x" * 900_000 + b'"\n', ":3:1: thesis.side"),
    (b"".join(b"[%s]\npoints = 5\n%s = 1000\n" % (t, k) for t, k in (
        (b"reasons", b"min"), (b"evidence", b"per-reason"), (b"objections", b"min"),
        (b"answers", b"min"), (b"linked-premises", b"min"), (b"depth", b"min")))
     + b"# padding\n" * 90_000, None),
])
def test_hostile_assignments(tmp_path: Path, trivial: Outcome, content: bytes,
                             message: str | None) -> None:
    """Read by grade's own loader (the errors of `argmap grade -a`); the largest counts
    a profile may ask for give a starter of bounded size, with a note."""
    path = tmp_path / "assignment.toml"
    path.write_bytes(content)
    outcome = run_argmap("new", "-a", path, "-o", tmp_path / "m.yaml", timeout=120)
    if message is None:
        assert outcome.exit_code == 0, outcome.stderr
        assert "the starter has 50" in outcome.stderr
        assert (tmp_path / "m.yaml").stat().st_size < 2_000_000
    else:
        assert_clean_failure(outcome)
        assert outcome.exit_code == 2
        assert message in outcome.stderr
        assert not (tmp_path / "m.yaml").exists()
    assert outcome.seconds < 10 * trivial.seconds + 20, outcome.seconds
    assert outcome.max_rss_mib < trivial.max_rss_mib + 200, outcome.max_rss_mib
