"""Every extension argmap reports is an extension of the semantics it is reported under.

Checked by brute force against Dung's definitions on small frameworks: the witness of
:func:`acceptance`, the extension of :func:`evaluate_framework`, each extension listed
by :func:`extensions`, and the extensions ``solve_task`` prints for SE, DC and DS tasks.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap._af.strategies import frameworks
from argmap.af import (
    Framework,
    Outcome,
    acceptance,
    evaluate_framework,
    extensions,
    solve_task,
)

SEMANTICS = ("grounded", "complete", "preferred", "stable")
TASK_SEMANTICS = {"grounded": "GR", "complete": "CO", "preferred": "PR", "stable": "ST"}


def _attackers(af: Framework) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {x: set() for x in af.labels}
    for s, t in af.attacks_by_label():
        found[t].add(s)
    return found


def _defended(att: dict[str, set[str]], s: frozenset[str], x: str) -> bool:
    return all(any(d in att[b] for d in s) for b in att[x])


def _complete(af: Framework, s: frozenset[str]) -> bool:
    att = _attackers(af)
    conflict_free = not any(att[x] & s for x in s)
    admissible = conflict_free and all(_defended(att, s, x) for x in s)
    return admissible and all(x in s for x in af.labels if _defended(att, s, x))


def _all_complete(af: Framework) -> list[frozenset[str]]:
    labels = list(af.labels)
    subsets = [frozenset(x for j, x in enumerate(labels) if mask >> j & 1)
               for mask in range(1 << len(labels))]
    return [s for s in subsets if _complete(af, s)]


def is_extension(af: Framework, semantics: str, s: frozenset[str]) -> bool:
    """``s`` is an extension of ``af`` under ``semantics``, by Dung's definitions."""
    completes = _all_complete(af)
    if semantics == "complete":
        return s in completes
    if semantics == "grounded":
        return s == min(completes, key=len)
    if semantics == "preferred":
        return s in completes and not any(s < t for t in completes)
    att = _attackers(af)
    return (not any(att[x] & s for x in s)
            and all(x in s or att[x] & s for x in af.labels))


def af_of(attacks: str) -> Framework:
    pairs = [(p[0], p[1]) for p in attacks.split()]
    return Framework.from_attacks(sorted({x for p in pairs for x in p}), pairs)


# --- the example of the map translation, written as a framework -----------------------


def test_complete_witness_contains_what_it_defends() -> None:
    # The map: claim c0 attacks itself, argument a0 takes c0 to c0, a1 takes c0 to c1.
    # Its framework: u0 and u1 (the "unsupported" arguments of c0 and c1) are attacked
    # by a0 and a1, which c0 and u0 attack.  {u0} is admissible and defends u1, so the
    # complete extension shown with u0 must hold u1 too.
    af = Framework.from_attacks(
        ["c0", "c1", "a0", "a1", "u0", "u1"],
        [("c0", "c0"), ("a0", "u0"), ("u0", "c0"), ("a1", "u1"), ("u1", "c1"),
         ("u0", "a0"), ("u0", "a1"), ("c0", "a0"), ("c0", "a1")],
    )
    for semantics in ("complete", "preferred", "stable"):
        shown = af.names(acceptance(af, semantics).witness or frozenset())
        assert is_extension(af, semantics, shown), (semantics, shown)
        extension = evaluate_framework(af, semantics).extension
        assert extension is not None
        assert is_extension(af, semantics, extension), (semantics, extension)
    assert af.names(acceptance(af, "complete").witness or frozenset()) in (
        frozenset(), frozenset({"u0", "u1"}))


def test_complete_extension_shown_for_the_map() -> None:
    import argmap

    data = {
        "argmap": 1,
        "claims": {"c0": {"text": "C zero"}, "c1": {"text": "C one"}},
        "arguments": {"a0": {"premises": ["c0"], "conclusion": "c0"},
                      "a1": {"premises": ["c0"], "conclusion": "c1"}},
        "attacks": [{"attacker": "c0", "target": "c0"}],
    }
    from argmap.evaluate import translate

    af = translate(argmap.loads(json.dumps(data))).framework
    shown = evaluate_framework(af, "complete").extension
    assert shown is not None
    assert is_extension(af, "complete", shown), shown
    assert shown in (frozenset(), frozenset({"unsupported:c0", "unsupported:c1"}))


# --- every reported extension, against brute force ---------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frameworks(max_arguments=6), st.sampled_from(SEMANTICS))
def test_every_reported_extension_is_one(af: Framework, semantics: str) -> None:
    result = acceptance(af, semantics)
    assert result.outcome is Outcome.DONE
    if result.witness is not None:
        shown = af.names(result.witness)
        assert is_extension(af, semantics, shown), shown
    evaluation = evaluate_framework(af, semantics)
    if evaluation.extension is not None:
        assert is_extension(af, semantics, evaluation.extension), evaluation.extension
    for found in extensions(af, semantics).extensions:
        assert is_extension(af, semantics, found), found
    sem = TASK_SEMANTICS[semantics]
    tasks: list[tuple[str, str | None]] = [(f"SE-{sem}", None)]
    tasks += [(f"{p}-{sem}", label) for p in ("DC", "DS") for label in af.labels]
    for task, query in tasks:
        solved = solve_task(af, task, query)
        if solved.extension is not None:
            shown = af.names(solved.extension)
            assert is_extension(af, semantics, shown), (task, query, shown)
