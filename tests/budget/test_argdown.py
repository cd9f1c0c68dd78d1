"""Hostile Argdown inputs end within a time and memory budget, never with a traceback.

Every regex and loop of the Argdown reader was audited for super-linear paths (issue 8,
item 11: a line of 40,000 ``#(`` took 46 s).  Each case is the worst input found for one
path, about 1 MB or less; the budget is a multiple of a trivial run of the same command
(generous for a shared 2-core machine) plus a fixed allowance, and peak memory stays far
below what a quadratic path or a backtracking regex would need.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.budget._run import Outcome, assert_clean_failure, run_argmap

MB = 1_000_000

#: name -> the hostile text (what each one attacks, in a word).
CASES: dict[str, Callable[[], str]] = {
    # the tag scan: `[^)]*` rescanned the line for every `#(`
    "open-tags": lambda: "[a]: x " + "#(" * 40_000 + "\n",
    "hash-words": lambda: "[a]: " + "#a" * 300_000 + "\n",
    # the element scan: a lazy regex group kept a backtracking entry per character
    "brackets": lambda: "[" * MB + "\n",
    "angles": lambda: "<" * MB + "\n",
    "numbered-reference": lambda: "<" + "a" * MB + ">(1)\n",
    # inline data and comments
    "braces": lambda: "[a]: " + "{" * MB + "\n",
    "brace-lines": lambda: "[a]: x\n" + "{\n" * 200_000,
    "backslashes": lambda: "[a]: " + "\\" * (MB + 1) + "\n",
    "comment-marks": lambda: "[a]: " + "/*<!--" * 150_000 + "\n",
    "line-comments": lambda: "[a]: " + " //" * 300_000 + "\n",
    # inference lines
    "dashes": lambda: "<a>\n\n(1) p\n" + "-" * MB + "\n(2) c\n",
    "open-inference": lambda: "<a>\n\n(1) p\n--\n" + "rule\n" * 200_000,
    # tags and relations piling up on one element
    "many-tags": lambda: "".join(f"[a]: x #t{i}\n\n" for i in range(40_000)),
    "supports-of-an-argument": lambda: "<A>\n\n(1) [P]: p\n----\n(2) [C]: c\n\n<A>\n"
    + "".join(f"    <+ [s{i}]: s\n" for i in range(20_000)),
    "undercuts-of-a-wide-argument": lambda: "<G>: g\n"
    + "".join(f"    +> [s{i}]: s\n" for i in range(2_000)) + "\n<G>\n"
    + "".join(f"    <_ [u{i}]: u\n" for i in range(2_000)),
    "duplicate-relations": lambda: "[a]: A\n" + "    - [b]: B\n" * 100_000,
    # nesting
    "deep-indentation": lambda: "[a]: root\n"
    + "".join(" " * (i + 1) + f"+ [s{i}]: x\n" for i in range(3_000)),
    "open-front-matter": lambda: "===\n" + "title: x\n" * 100_000,
}


@pytest.fixture(scope="module")
def trivial(tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    path = tmp_path_factory.mktemp("trivial") / "small.argdown"
    path.write_text("[a]: A claim.\n    + [b]: A reason.\n", encoding="utf-8")
    outcome = run_argmap("validate", path, timeout=60)
    assert outcome.exit_code == 0, outcome.stderr
    return outcome


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_argdown_is_read_within_budget(name: str, tmp_path: Path,
                                               trivial: Outcome) -> None:
    path = tmp_path / f"{name}.argdown"
    path.write_text(CASES[name](), encoding="utf-8")
    outcome = run_argmap("validate", "-q", path, timeout=120)
    assert_clean_failure(outcome)
    assert outcome.seconds < 15 * trivial.seconds + 20, (name, outcome.seconds)
    assert outcome.max_rss_mib < trivial.max_rss_mib + 300, (name, outcome.max_rss_mib)


def test_render_of_hostile_argdown_to_dot_is_bounded(tmp_path: Path, trivial: Outcome
                                                     ) -> None:
    path = tmp_path / "tags.argdown"
    path.write_text(CASES["open-tags"](), encoding="utf-8")
    outcome = run_argmap("render", path, "-o", tmp_path / "out.dot", timeout=120)
    assert_clean_failure(outcome)
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.seconds < 15 * trivial.seconds + 20
