"""ICCMA tasks (DC/DS/SE for GR, CO, PR, ST, SST, STG, ID) against a brute-force oracle."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap._af.strategies import frameworks
from argmap._af.tasks import TASKS, parse_task, solve_task
from argmap.af import Framework, Outcome, read_framework
from argmap.errors import UsageError

ICCMA = Path(__file__).parents[1].parent / "shared" / "corpora" / "iccma"


# --- the oracle: every subset of a tiny framework is tried ------------------------------


def _subsets(n: int) -> list[frozenset[int]]:
    return [frozenset(c) for r in range(n + 1) for c in combinations(range(n), r)]


def oracle(af: Framework, sem: str) -> set[frozenset[int]]:
    """The extensions of ``af`` under an ICCMA semantics, by definition."""
    n = len(af)
    attacks = set(af.attacks)
    attackers = {x: {a for a, b in attacks if b == x} for x in range(n)}

    def cf(s: frozenset[int]) -> bool:
        return not any((a, b) in attacks for a in s for b in s)

    def defends(s: frozenset[int], x: int) -> bool:
        return all(any((d, y) in attacks for d in s) for y in attackers[x])

    def adm(s: frozenset[int]) -> bool:
        return cf(s) and all(defends(s, x) for x in s)

    def reach(s: frozenset[int]) -> frozenset[int]:
        return s | {b for a, b in attacks if a in s}

    every = _subsets(n)
    admissible = [s for s in every if adm(s)]
    complete = [s for s in admissible if all(x in s for x in range(n) if defends(s, x))]
    if sem == "CO":
        return set(complete)
    if sem == "GR":
        return {min(complete, key=len)}
    preferred = {s for s in complete if not any(s < t for t in complete)}
    if sem == "PR":
        return preferred
    if sem == "ST":
        return {s for s in every if cf(s) and len(reach(s)) == n}
    if sem == "SST":
        return {s for s in complete if not any(reach(s) < reach(t) for t in complete)}
    if sem == "STG":
        free = [s for s in every if cf(s)]
        return {s for s in free if not any(reach(s) < reach(t) for t in free)}
    if sem == "ID":
        common = frozenset.intersection(*preferred)
        inside = [s for s in admissible if s <= common]
        return {max(inside, key=len)}
    raise ValueError(sem)


def check(af: Framework, task: str, query: int | None) -> None:
    problem, sem = parse_task(task)
    expected = oracle(af, sem)
    result = solve_task(af, task, query)
    assert result.outcome is Outcome.DONE
    ext = None if result.extension is None else frozenset(result.extension)
    if problem == "SE":
        assert result.answer is bool(expected)
        assert (ext in expected) if expected else ext is None
        return
    assert query is not None
    if problem == "DC":
        assert result.answer is any(query in e for e in expected), (task, query)
        if result.answer:
            assert ext in expected
            assert query in ext
        else:
            assert ext is None
    else:
        assert result.answer is all(query in e for e in expected), (task, query)
        if result.answer:
            assert ext is None
        else:
            assert ext in expected
            assert query not in ext


@settings(max_examples=300, deadline=None)
@given(frameworks(max_arguments=6), st.sampled_from(TASKS), st.data())
def test_tasks_match_the_oracle(af: Framework, task: str, data: st.DataObject) -> None:
    if task.startswith("SE") or not len(af):
        if not task.startswith("SE"):
            return
        check(af, task, None)
        return
    check(af, task, data.draw(st.integers(0, len(af) - 1)))


@pytest.mark.parametrize("task", TASKS)
def test_every_task_on_textbook_frameworks(task: str) -> None:
    cases = [
        Framework.from_attacks("abc", [("a", "b"), ("b", "a"), ("b", "c")]),
        Framework.from_attacks("abc", [("a", "b"), ("b", "c"), ("c", "a")]),  # odd cycle
        Framework.from_attacks("abcd", [("a", "b"), ("b", "a"), ("a", "c"), ("b", "c"),
                                        ("c", "d")]),  # floating reinstatement
        Framework.from_attacks("abc", [("a", "a"), ("a", "b"), ("c", "c")]),
        Framework.from_attacks("abcde", [("a", "b"), ("b", "c"), ("c", "a"), ("d", "e"),
                                         ("e", "d"), ("d", "a")]),
    ]
    for af in cases:
        for q in range(len(af)) if not task.startswith("SE") else [None]:
            check(af, task, q)


def test_output_format() -> None:
    af = read_framework("p af 4\n1 2\n2 1\n2 3\n3 4\n", "af")
    assert solve_task(af, "SE-GR").iccma_lines() == ["w"]
    assert solve_task(af, "DC-PR", "3").iccma_lines() == ["YES", "w 1 3"]
    assert solve_task(af, "DS-PR", "3").iccma_lines() == ["NO", "w 2 4"]
    assert solve_task(af, "DC-GR", "1").iccma_lines() == ["NO"]
    odd = read_framework("p af 3\n1 2\n2 3\n3 1\n", "af")
    assert solve_task(odd, "SE-ST").iccma_lines() == ["NO"]
    assert solve_task(odd, "DS-ST", "1").iccma_lines() == ["YES"]  # no stable extension
    assert solve_task(odd, "DC-ST", "1").iccma_lines() == ["NO"]
    assert solve_task(odd, "SE-SST").iccma_lines() == ["w"]
    assert solve_task(odd, "SE-STG").iccma_lines() in (["w 1"], ["w 2"], ["w 3"])


def test_usage_errors() -> None:
    af = read_framework("p af 2\n1 2\n", "af")
    with pytest.raises(UsageError, match="unknown task"):
        solve_task(af, "XX-PR", "1")
    with pytest.raises(UsageError, match="needs a query"):
        solve_task(af, "DC-PR")
    with pytest.raises(UsageError, match="takes no query"):
        solve_task(af, "SE-PR", "1")
    with pytest.raises(UsageError, match="no argument named"):
        solve_task(af, "DC-PR", "3")
    with pytest.raises(UsageError, match="time limit"):
        solve_task(af, "SE-PR", timeout=float("nan"))


@pytest.mark.skipif(not ICCMA.is_dir(), reason="the shared ICCMA corpus is not there")
def test_hard_instance_times_out() -> None:
    text = (ICCMA / "st_890_86_9_572.af").read_text(encoding="utf-8")
    result = solve_task(read_framework(text, "af"), "SE-PR", timeout=1.0)
    assert result.outcome in (Outcome.TIMEOUT, Outcome.DONE)
    if result.outcome is Outcome.TIMEOUT:
        assert result.answer is None
        assert result.iccma_lines() == []


@settings(max_examples=60, deadline=None)
@given(frameworks(max_arguments=6), st.sampled_from(["grounded", "preferred", "stable"]),
       st.booleans())
def test_streamed_json_is_to_json(af: Framework, semantics: str, explain: bool) -> None:
    """`argmap evaluate --format json` writes records with json_arguments: the same
    records as to_json, whatever the semantics."""
    import json

    from argmap.af import evaluate_framework

    result = evaluate_framework(af, semantics, explain=explain)
    streamed = [json.loads(x) for x in result.json_arguments()]
    assert streamed == result.to_json()["arguments"]
