"""Whole-process budgets of the command line's reading, reporting and writing (issue 8).

Each case is a small hostile input that once cost minutes or gigabytes, or could.  The
budget is a ratio to a trivial run measured in the same session (``argmap validate`` of
a 3-line map), with a floor for a loaded 2-core machine; memory is the child's own peak.
"""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from tests.budget._run import Outcome, assert_clean_failure, run_argmap

SMALL = "argmap: 1\nclaims:\n  c: {text: A claim.}\n"


@pytest.fixture(scope="module")
def trivial(tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    """The median of three trivial runs: what every budget is a multiple of."""
    path = tmp_path_factory.mktemp("trivial") / "m.yaml"
    path.write_text(SMALL, encoding="utf-8")
    runs = [run_argmap("validate", path, timeout=60) for _ in range(3)]
    seconds = statistics.median(r.seconds for r in runs)
    return Outcome(0, seconds, statistics.median(r.max_rss_mib for r in runs), "", "")


def within(outcome: Outcome, trivial: Outcome, *, times: float, floor: float = 10.0,
           mib: float = 250.0) -> None:
    assert_clean_failure(outcome)
    budget = max(floor, times * trivial.seconds)
    assert outcome.seconds < budget, f"{outcome.seconds:.1f} s, budget {budget:.1f} s"
    assert outcome.max_rss_mib < mib, f"{outcome.max_rss_mib:.0f} MiB, budget {mib} MiB"


def _many_errors(count: int) -> str:
    lines = ["argmap: 1", "claims:"]
    for i in range(count):
        lines += [f"  c{i}:", "    txt: oops"]
    return "\n".join(lines) + "\n"


def test_show_source_with_many_errors_is_linear(tmp_path: Path, trivial: Outcome) -> None:
    """--show-source split the whole file once per problem: 6,000 problems took 7 s
    in process; 20,000 would take minutes."""
    path = tmp_path / "errors.yaml"
    path.write_text(_many_errors(10_000), encoding="utf-8")
    outcome = run_argmap("validate", "--show-source", path, timeout=300)
    within(outcome, trivial, times=40, floor=20)
    assert outcome.exit_code == 1


def test_show_source_of_a_long_line(tmp_path: Path, trivial: Outcome) -> None:
    path = tmp_path / "long.yaml"
    path.write_bytes(b"argmap: 1\nclaims:\n  c1:\n    txt: " + b"\x1b" * 2_000_000 + b"\n")
    outcome = run_argmap("validate", "--show-source", path, timeout=300)
    within(outcome, trivial, times=20)
    assert "\x1b" not in outcome.stdout


def test_alias_bomb(tmp_path: Path, trivial: Outcome) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\nargmap: 1\n", encoding="utf-8")
    for command in ("validate", "check"):
        within(run_argmap(command, path, timeout=120), trivial, times=10)


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_deep_nesting(tmp_path: Path, trivial: Outcome, suffix: str) -> None:
    path = tmp_path / f"deep{suffix}"
    path.write_bytes(b'{"argmap": 1, "claims": ' + b"[" * 200_000 + b"]" * 200_000 + b"}")
    within(run_argmap("validate", "--show-source", path, timeout=120), trivial, times=10)


def test_a_large_max_bytes_does_not_allocate_it(trivial: Outcome) -> None:
    """--max-bytes 2 GiB on standard input read 2 GiB + 1 at once."""
    outcome = run_argmap("validate", "--max-bytes", str(1 << 31), "-",
                         stdin=SMALL.encode(), timeout=60)
    within(outcome, trivial, times=5, mib=trivial.max_rss_mib + 40)
    assert outcome.exit_code == 0


def test_refusing_to_overwrite_the_input_happens_before_the_work(
    tmp_path: Path, trivial: Outcome
) -> None:
    """`render m.yaml -o m.yaml` stops at once, not after a long layout."""
    lines = ["argmap: 1", "claims:"]
    lines += [f"  c{i}: {{text: Claim number {i} of a large map.}}" for i in range(3000)]
    path = tmp_path / "m.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = path.read_bytes()
    outcome = run_argmap("render", path, "-o", path, "--format", "svg", timeout=120)
    within(outcome, trivial, times=3, floor=3)
    assert outcome.exit_code == 2
    assert path.read_bytes() == before


def test_a_folder_of_many_maps_quietly(tmp_path: Path, trivial: Outcome) -> None:
    for i in range(400):
        (tmp_path / f"m{i:03}.yaml").write_text(SMALL if i % 4 else SMALL.replace("text", "txt"),
                                               encoding="utf-8")
    outcome = run_argmap("validate", "-q", tmp_path, timeout=300)
    within(outcome, trivial, times=25)
    assert outcome.stdout.splitlines()[-1].startswith("400 files validated: 100 files with")


def test_huge_integer(tmp_path: Path, trivial: Outcome) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("argmap: " + "1" * 100_000 + "\n", encoding="utf-8")
    outcome = run_argmap("validate", path, timeout=60)
    within(outcome, trivial, times=5)
    assert outcome.exit_code == 1
