"""Semantics of abstract frameworks: textbook cases, an oracle, hypothesis properties."""

from __future__ import annotations

import random
from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap._af.strategies import frameworks
from argmap.af import (
    Framework,
    Outcome,
    Semantics,
    Status,
    acceptance,
    evaluate_framework,
    extensions,
    grounded,
)
from argmap.errors import UsageError

SEMANTICS = ("grounded", "complete", "preferred", "stable")


# --- a brute-force oracle for tiny frameworks: every subset is tried ---------------------


def _attacks(af: Framework) -> set[tuple[str, str]]:
    return set(af.attacks_by_label())


def conflict_free(af: Framework, s: frozenset[str]) -> bool:
    return not any(a in s and b in s for a, b in _attacks(af))


def defends(af: Framework, s: frozenset[str], x: str) -> bool:
    att = _attacks(af)
    return all(any((d, b) in att for d in s) for b, t in att if t == x)


def admissible(af: Framework, s: frozenset[str]) -> bool:
    return conflict_free(af, s) and all(defends(af, s, x) for x in s)


def complete(af: Framework, s: frozenset[str]) -> bool:
    return admissible(af, s) and all(x in s for x in af.labels if defends(af, s, x))


def stable(af: Framework, s: frozenset[str]) -> bool:
    att = _attacks(af)
    return conflict_free(af, s) and all(
        x in s or any((d, x) in att for d in s) for x in af.labels
    )


def subsets(af: Framework) -> list[frozenset[str]]:
    labels = list(af.labels)
    return [frozenset(c) for r in range(len(labels) + 1) for c in combinations(labels, r)]


def oracle(af: Framework, semantics: str) -> set[frozenset[str]]:
    """The extensions of ``af``, found by trying every subset."""
    all_complete = [s for s in subsets(af) if complete(af, s)]
    if semantics == "complete":
        return set(all_complete)
    if semantics == "grounded":
        return {min(all_complete, key=len)}
    if semantics == "preferred":
        return {s for s in all_complete if not any(s < t for t in all_complete)}
    if semantics == "stable":
        return {s for s in subsets(af) if stable(af, s)}
    raise ValueError(semantics)



def af_of(attacks: str, extra: str = "") -> Framework:
    """``"ab bc"`` is a attacks b, b attacks c; ``extra`` names unattacked arguments."""
    pairs = [(p[0], p[1]) for p in attacks.split()]
    names = sorted({x for p in pairs for x in p} | set(extra))
    return Framework.from_attacks(names, pairs)


def exts(af: Framework, semantics: str) -> set[frozenset[str]]:
    result = extensions(af, semantics)
    assert result.outcome is Outcome.DONE
    return set(result.extensions)


def sets(*items: str) -> set[frozenset[str]]:
    return {frozenset(x) for x in items}


# --- textbook frameworks ---------------------------------------------------------


def test_reinstatement_chain() -> None:
    af = af_of("ab bc cd")
    lab = grounded(af)
    assert lab.in_ == {"a", "c"}
    assert lab.out == {"b", "d"}
    for sem in SEMANTICS:
        assert exts(af, sem) == sets("ac")


def test_even_cycle() -> None:
    af = af_of("ab ba")
    assert grounded(af).undecided == {"a", "b"}
    assert exts(af, "grounded") == sets("")
    assert exts(af, "complete") == sets("", "a", "b")
    assert exts(af, "preferred") == sets("a", "b")
    assert exts(af, "stable") == sets("a", "b")


def test_odd_cycle_has_no_stable_extension() -> None:
    af = af_of("ab bc ca")
    assert exts(af, "preferred") == sets("")
    assert exts(af, "stable") == set()
    result = evaluate_framework(af, "stable")
    assert result.extension_exists is False
    assert {a.status for a in result} == {Status.UNDECIDED}


def test_self_attack() -> None:
    af = af_of("aa ab")
    assert grounded(af).undecided == {"a", "b"}
    assert exts(af, "preferred") == sets("")
    assert exts(af, "stable") == set()
    af2 = af_of("ca aa ab")
    assert grounded(af2).in_ == {"c", "b"}


def test_floating_defeat() -> None:
    # a and b attack each other and both attack c; c attacks d.  d is reinstated in
    # every preferred extension, but grounded leaves everything undecided.
    af = af_of("ab ba ac bc cd")
    assert grounded(af).undecided == {"a", "b", "c", "d"}
    assert exts(af, "preferred") == sets("ad", "bd")
    accepted = acceptance(af, "preferred")
    index = af.index
    assert accepted.sceptical[index["d"]] is True
    assert accepted.sceptical[index["a"]] is False
    assert accepted.credulous[index["c"]] is False
    statuses = {a.label: a.status for a in evaluate_framework(af, "preferred")}
    assert statuses == {"a": Status.UNDECIDED, "b": Status.UNDECIDED, "c": Status.OUT,
                        "d": Status.IN}


def test_empty_framework() -> None:
    af = Framework([])
    for sem in SEMANTICS:
        assert exts(af, sem) == sets("")


def test_explanations() -> None:
    af = af_of("ab bc", extra="d")
    result = evaluate_framework(af)
    c = result.status("c").explanation
    assert c is not None
    assert c.label is Status.IN
    assert c.attackers == ("b",)
    assert c.defenders == ("a",)
    b = result.status("b").explanation
    assert b is not None
    assert b.defeated_by == ("a",)
    assert "defeated by a" in b.text()
    cycle = evaluate_framework(af_of("ab ba bc"))
    explanation = cycle.status("c").explanation
    assert explanation is not None
    assert explanation.undecided_attackers == ("b",)
    assert cycle.to_json()["arguments"]


def test_unknown_semantics() -> None:
    with pytest.raises(UsageError, match="unknown semantics"):
        extensions(af_of("ab"), "ideal")
    assert Semantics.parse(" Stable ") is Semantics.STABLE


def test_limit() -> None:
    # n independent 2-cycles have 2**n preferred extensions.
    pairs = " ".join(f"{chr(97 + 2 * i)}{chr(98 + 2 * i)} {chr(98 + 2 * i)}{chr(97 + 2 * i)}"
                     for i in range(6))
    af = af_of(pairs)
    result = extensions(af, "preferred", limit=5)
    assert result.outcome is Outcome.LIMIT
    assert len(result.extensions) == 5
    assert not result.complete
    assert len(extensions(af, "stable").extensions) == 64
    assert extensions(af, "preferred", limit=0).extensions == ()


def test_timeout_is_unknown_not_a_hang() -> None:
    # A framework large enough that a tiny time limit must interrupt the search.
    rng = random.Random(7)  # noqa: S311 -- a fixed test framework, not security
    n = 3000
    pairs = [(rng.randrange(n), rng.randrange(n)) for _ in range(4 * n)]
    af = Framework([f"x{i}" for i in range(n)], [p for p, _ in pairs], [q for _, q in pairs])
    result = extensions(af, "preferred", timeout=0.0)
    assert result.outcome is Outcome.TIMEOUT
    accepted = acceptance(af, "stable", timeout=0.0)
    assert accepted.outcome is Outcome.TIMEOUT
    assert None in accepted.credulous


# --- against the brute-force oracle --------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frameworks(max_arguments=6), st.sampled_from(SEMANTICS))
def test_matches_oracle(af: Framework, semantics: str) -> None:
    assert exts(af, semantics) == oracle(af, semantics)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frameworks(max_arguments=6), st.sampled_from(SEMANTICS[1:]))
def test_acceptance_matches_extensions(af: Framework, semantics: str) -> None:
    found = oracle(af, semantics)
    result = acceptance(af, semantics)
    assert result.outcome is Outcome.DONE
    for i, label in enumerate(af.labels):
        assert result.credulous[i] == any(label in e for e in found)
        assert result.sceptical[i] == all(label in e for e in found)
    assert result.extension_exists == bool(found)


# --- properties ------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(frameworks(max_arguments=7))
def test_grounded_is_the_least_complete_extension(af: Framework) -> None:
    g = grounded(af).in_
    assert conflict_free(af, g)
    assert admissible(af, g)
    assert complete(af, g)
    for e in exts(af, "complete"):
        assert g <= e


@settings(max_examples=100, deadline=None)
@given(frameworks(max_arguments=7))
def test_stable_preferred_complete_inclusions(af: Framework) -> None:
    stable = exts(af, "stable")
    preferred = exts(af, "preferred")
    completes = exts(af, "complete")
    assert stable <= preferred <= completes
    assert preferred  # never empty


@settings(max_examples=100, deadline=None)
@given(frameworks(max_arguments=7), st.randoms(use_true_random=False),
       st.sampled_from(SEMANTICS))
def test_results_do_not_depend_on_order(af: Framework, rnd: random.Random,
                                        semantics: str) -> None:
    labels = list(af.labels)
    rnd.shuffle(labels)
    pairs = list(af.attacks_by_label())
    rnd.shuffle(pairs)
    shuffled = Framework.from_attacks(labels, pairs)
    assert exts(af, semantics) == exts(shuffled, semantics)
    first = {a.label: a.status for a in evaluate_framework(af, semantics)}
    second = {a.label: a.status for a in evaluate_framework(shuffled, semantics)}
    assert first == second


@settings(max_examples=60, deadline=None)
@given(frameworks(max_arguments=12))
def test_timed_and_untimed_agree(af: Framework) -> None:
    for semantics in ("preferred", "stable"):
        untimed = acceptance(af, semantics)
        timed = acceptance(af, semantics, timeout=30)
        assert timed.outcome is Outcome.DONE
        assert untimed.credulous == timed.credulous
        assert untimed.sceptical == timed.sceptical


# --- the in-process fallback (no fork: Glucose, interrupted by a timer) -------------------


@settings(max_examples=40, deadline=None)
@given(frameworks(max_arguments=7), st.sampled_from(SEMANTICS[1:]))
def test_fallback_without_fork_agrees(af: Framework, semantics: str) -> None:
    import os

    expected = acceptance(af, semantics)
    expected_exts = exts(af, semantics)
    saved = os.fork
    del os.fork
    try:
        timed = acceptance(af, semantics, timeout=30)
        found = extensions(af, semantics, timeout=30)
    finally:
        os.fork = saved
    assert timed.outcome is Outcome.DONE
    assert (timed.credulous, timed.sceptical) == (expected.credulous, expected.sceptical)
    assert set(found.extensions) == expected_exts


def test_fallback_without_fork_times_out(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.delattr(os, "fork")
    rng = random.Random(11)  # noqa: S311 -- a fixed test framework, not security
    n = 2000
    pairs = [(rng.randrange(n), rng.randrange(n)) for _ in range(4 * n)]
    af = Framework([f"x{i}" for i in range(n)], [p for p, _ in pairs], [q for _, q in pairs])
    result = acceptance(af, "preferred", timeout=0.0)
    assert result.outcome is Outcome.TIMEOUT


def test_importing_argmap_af_does_not_load_pysat() -> None:
    import subprocess
    import sys

    code = ("import sys, argmap, argmap.af, argmap.evaluate; "
            "print(any(m.startswith('pysat') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"


def test_evaluation_api() -> None:
    af = af_of("ab ba bc")
    result = evaluate_framework(af, "preferred")
    assert result.with_status(Status.OUT) == ()
    assert set(result.with_status(Status.UNDECIDED)) == {"a", "b", "c"}
    assert "preferred" in repr(result)
    data = result.to_json()
    assert data["semantics"] == "preferred"
    assert data["outcome"] == "done"
    quiet = evaluate_framework(af, "grounded", explain=False)
    assert all(a.explanation is None for a in quiet)
    assert "limit" in repr(extensions(af, "stable", limit=1))
    assert "preferred" in repr(acceptance(af, "preferred"))
