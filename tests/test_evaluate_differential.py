"""Differential test of map evaluation: a second, deliberately simple implementation.

The reference below is written from docs/evaluation.md ("The normal form, exactly") and
docs/format.md, not from src/argmap/evaluate.py: the translation applies the six rules
literally and closes the attack relation by repeating rules 4-6 until nothing changes;
the semantics enumerate every subset of the framework's arguments (so maps stay tiny).
`evaluate_map` must agree with it on the framework (labels and attacks), on the status,
credulous and sceptical acceptance of every node, for grounded, complete, preferred and
stable semantics, with and without required support and mediated attacks; and every
explanation must be true of the brute-force extensions.

The generated maps have co-premises, undercuts of attacks (and of undercuts, and of
themselves), self-attacks, contradictions (a claim with itself too), support cycles,
and arguments used as each other's premises (which `validate` refuses in files but a
map built in Python may have).  Cases where the two disagreed are kept below as named
regression tests.
"""

from __future__ import annotations

import os
from unittest import mock

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from argmap import evaluate as evaluate_module
from argmap.af import Semantics, Status
from argmap.evaluate import evaluate_map, translate
from argmap.model import Argument, ArgumentMap, Attack, Claim, Contradiction, Evidence

SEMANTICS = ("grounded", "complete", "preferred", "stable")

# --------------------------------------------------------------------------------------
# The reference translation: docs/evaluation.md, "The normal form, exactly".


def reference_framework(
    m: ArgumentMap, *, require_support: bool = True, mediated: bool = False, gate: int = 8
) -> tuple[list[str], set[tuple[str, str]]]:
    """The framework's argument labels (in the documented order) and its attacks.

    ``gate`` is the number of dependents from which a node passes its attackers on
    through a gate (8 in argmap; the tests also try 1 and 2, so that tiny maps use
    gates everywhere).
    """
    nodes = list(dict.fromkeys(n.id for n in m.nodes()))
    known = set(nodes)
    attacks = list(m.attacks)
    ids = {a.id: i for i, a in enumerate(attacks) if a.id is not None}
    # An attack enters when its attacker and co-premises are nodes and its target is a
    # node or an attack that enters; "every attack that undercuts" a left-out one goes.
    entering = set(range(len(attacks)))
    changed = True
    while changed:
        changed = False
        for i in sorted(entering):
            a = attacks[i]
            parts_known = all(x in known for x in (a.attacker, *a.co_premises))
            target_known = a.target in known or (
                a.target in ids and ids[a.target] in entering)
            if not (parts_known and target_known):
                entering.discard(i)
                changed = True
    undercut = {ids[attacks[i].target] for i in entering if attacks[i].target not in known}
    aux = {
        i: "attack:" + (attacks[i].id or f"#{i + 1}")
        for i in sorted(entering)
        if attacks[i].co_premises or i in undercut
    }
    arguments = [a for a in m.arguments.values()
                 if all(x in known for x in (*a.premises, a.conclusion))]
    conclusions = list(dict.fromkeys(a.conclusion for a in arguments))
    labels = nodes + list(aux.values())
    if require_support:
        labels += ["unsupported:" + c for c in conclusions]
    # Gates: a node used by `gate` or more dependents (as a premise; as the attacker or a
    # co-premise of an objection), in the order of first use; with mediated attacks, a
    # conclusion of `gate` or more arguments.
    users: dict[str, list[str]] = {}
    for argument in arguments:
        for p in argument.premises:
            if argument.id not in users.setdefault(p, []):
                users[p].append(argument.id)
    for i, label in aux.items():
        for p in (attacks[i].attacker, *attacks[i].co_premises):
            if label not in users.setdefault(p, []):
                users[p].append(label)
    gated = [p for p, who in users.items() if len(who) >= gate]
    labels += ["not:" + p for p in gated]
    heavy = [c for c in conclusions
             if mediated and sum(a.conclusion == c for a in arguments) >= gate]
    for c in heavy:
        labels += ["undefeated:" + c, "defeated:" + c]
    relation: set[tuple[str, str]] = set()
    # Rule 1: attacks; rule 2: contradictions; rule 3: support.
    for i in entering:
        item = attacks[i]
        target = item.target if item.target in known else aux[ids[item.target]]
        relation.add((aux.get(i, item.attacker), target))
    for contradiction in m.contradictions:
        x, y = contradiction.claims
        if x in known and y in known:
            relation |= {(x, y), (y, x)}
    if require_support:
        for argument in arguments:
            relation.add((argument.id, "unsupported:" + argument.conclusion))
        for conclusion in conclusions:
            relation.add(("unsupported:" + conclusion, conclusion))
    # Rules 7 and 8: the gates.
    for p in gated:
        relation.add((p, "not:" + p))
        relation |= {("not:" + p, user) for user in users[p]}
    for c in heavy:
        relation.add(("undefeated:" + c, "defeated:" + c))
        relation |= {("defeated:" + c, a.id) for a in arguments if a.conclusion == c}
    # Rules 4-6 (for nodes without a gate) and 8, until nothing changes.
    while True:
        new: set[tuple[str, str]] = set()
        for s, p in relation:
            if p in heavy and s != "unsupported:" + p:
                new.add((s, "undefeated:" + p))
            for argument in arguments:
                if p in argument.premises and p not in gated:
                    new.add((s, argument.id))
                if (mediated and p == argument.conclusion and s != "unsupported:" + p
                        and p not in heavy):
                    new.add((s, argument.id))
            for i, label in aux.items():
                if p in (attacks[i].attacker, *attacks[i].co_premises) and p not in gated:
                    new.add((s, label))
        if new <= relation:
            return labels, relation
        relation |= new


# --------------------------------------------------------------------------------------
# Brute-force semantics: every subset of arguments, as bit masks.


class Brute:
    """All complete extensions of a small framework, and what follows from them."""

    def __init__(self, labels: list[str], relation: set[tuple[str, str]]) -> None:
        n = len(labels)
        assert n <= 16, "brute force is for tiny frameworks"
        index = {label: i for i, label in enumerate(labels)}
        succ = [0] * n
        pred = [0] * n
        for s, t in relation:
            succ[index[s]] |= 1 << index[t]
            pred[index[t]] |= 1 << index[s]
        self.labels, self.index, self.full = labels, index, (1 << n) - 1
        attacked = [0] * (1 << n)
        self.complete: list[int] = []
        self.admissible_union = 0
        for subset in range(1, 1 << n):
            low = subset & -subset
            attacked[subset] = attacked[subset ^ low] | succ[low.bit_length() - 1]
        for subset in range(1 << n):
            hit = attacked[subset]
            if subset & hit:
                continue  # not conflict-free
            defended = 0
            for i in range(n):
                if pred[i] & ~hit == 0:
                    defended |= 1 << i
            if subset & ~defended:
                continue  # not admissible
            self.admissible_union |= subset
            if subset == defended:
                self.complete.append(subset)
        self.attacked = attacked
        grounded = min(self.complete, key=int.bit_count)
        assert all(grounded & e == grounded for e in self.complete)
        self.grounded = grounded

    def extensions(self, semantics: str) -> list[int]:
        if semantics in ("grounded",):
            return [self.grounded]
        if semantics == "complete":
            return self.complete
        if semantics == "preferred":
            return [e for e in self.complete
                    if not any(e != f and e & f == e for f in self.complete)]
        return [e for e in self.complete if e | self.attacked[e] == self.full]

    def has(self, extension: int, label: str) -> bool:
        return bool(extension >> self.index[label] & 1)

    def status(self, semantics: str, label: str) -> tuple[str, bool | None, bool | None]:
        """(status, credulous, sceptical) as docs/evaluation.md defines them."""
        if semantics == "grounded":
            if self.has(self.grounded, label):
                return "in", True, True
            if self.has(self.attacked[self.grounded], label):
                return "out", False, False
            return "undecided", False, False
        found = self.extensions(semantics)
        if not found:
            return "undecided", None, None  # no extension: every status is undecided
        credulous = any(self.has(e, label) for e in found)
        sceptical = all(self.has(e, label) for e in found)
        status = "in" if sceptical else "out" if not credulous else "undecided"
        return status, credulous, sceptical

    def mask(self, labels: frozenset[str] | set[str]) -> int:
        return sum(1 << self.index[x] for x in labels)


# --------------------------------------------------------------------------------------
# Tiny maps with everything the translation has a rule for.


@st.composite
def tiny_maps(draw: st.DrawFn, small: bool = False) -> tuple[ArgumentMap, bool, bool]:
    claims = [f"c{i}" for i in range(draw(st.integers(1, 3 if small else 4)))]
    evidence = [f"e{i}" for i in range(draw(st.integers(0, 1)))]
    names = [f"a{i}" for i in range(draw(st.integers(0, 2 if small else 3)))]
    statements = claims + evidence
    # Arguments as premises (refused by `validate`, allowed in Python) make cycles of
    # arguments used as each other's premises.
    pool = statements + (names if draw(st.booleans()) else [])
    arguments = {
        a: Argument(id=a, premises=tuple(draw(st.lists(st.sampled_from(pool), min_size=1,
                                                       max_size=2, unique=True))),
                    conclusion=draw(st.sampled_from(claims)))
        for a in names
    }
    nodes = statements + names
    count = draw(st.integers(0, 3 if small else 4))
    ids = [f"t{i}" if draw(st.booleans()) else None for i in range(count)]
    targets = nodes + [i for i in ids if i is not None]
    attacks = tuple(
        Attack(attacker=draw(st.sampled_from(nodes)),
               co_premises=tuple(draw(st.lists(st.sampled_from(statements), max_size=2,
                                               unique=True))),
               target=draw(st.sampled_from(targets)), id=ids[i])
        for i in range(count)
    )
    contradictions = tuple(
        Contradiction(claims=(draw(st.sampled_from(claims)), draw(st.sampled_from(claims))))
        for _ in range(draw(st.integers(0, 2)))
    )
    m = ArgumentMap(
        claims={c: Claim(id=c, text=c) for c in claims},
        evidence={e: Evidence(id=e, text=e) for e in evidence},
        arguments=arguments, attacks=attacks, contradictions=contradictions,
    )
    return m, draw(st.booleans()), draw(st.booleans())


def check_map(m: ArgumentMap, require_support: bool, mediated: bool, gate: int = 8) -> None:
    """evaluate_map agrees with the reference on ``m``, under every semantics."""
    labels, relation = reference_framework(m, require_support=require_support,
                                           mediated=mediated, gate=gate)
    with mock.patch.object(evaluate_module, "_GATE", gate):
        framework = translate(m, require_support=require_support,
                              mediated=mediated).framework
        results = {s: evaluate_map(m, s, require_support=require_support, mediated=mediated)
                   for s in SEMANTICS}
    assert list(framework.labels) == labels
    assert set(framework.attacks_by_label()) == relation
    brute = Brute(labels, relation)
    for semantics in SEMANTICS:
        result = results[semantics]
        expected = {n.id: brute.status(semantics, n.id) for n in m.nodes()}
        got = {n.id: (n.status.value, n.credulous, n.sceptical) for n in result.nodes}
        if brute.extensions(semantics):
            assert got == expected, semantics
        else:
            assert {k: v[0] for k, v in got.items()} == {k: v[0] for k, v in expected.items()}
        check_explanations(result, brute, semantics)


def check_explanations(result: object, brute: Brute, semantics: str) -> None:
    """Every explanation starts with its status and says only what is true."""
    from argmap.evaluate import MapEvaluation

    assert isinstance(result, MapEvaluation)
    found = brute.extensions(semantics)
    shown = result.evaluation.extension
    if semantics in ("grounded", "complete") or shown is None:
        # Complete semantics explain against the grounded labelling (the least complete
        # one): the search's witness is admissible, not always complete.
        reference = brute.grounded
    else:
        # The reference extension is one of the semantics' extensions.
        reference = brute.mask(shown)
        assert reference in found
    for node in result.nodes:
        text = node.explanation
        assert text.split(";")[0].split(":")[0] == node.status.value, text
        if node.status is Status.OUT:
            assert "neither accepted nor defeated" not in text, text
        if semantics != "grounded" and found and "neither accepted nor defeated" in text:
            # Said of one labelling only, and the explanation says which.
            assert "(in the grounded labelling)" in text or "(in one " in text, text
        if node.status is Status.IN:
            assert "defeated" not in text, text
            assert "left open" not in text, text
        if "no admissible set of arguments defends it" in text:
            assert not brute.has(brute.admissible_union, node.id), text
        for x in node.defeated_by:
            assert brute.has(reference, x), (text, x)
        for x in node.defenders:
            assert brute.has(reference, x), (text, x)
        if "nothing attacks it" in text:
            assert not node.attackers, text
        if found and "defeated by" in text and "(in one" not in text:
            # Defeated in the grounded labelling: out in every extension.
            assert not any(brute.has(e, node.id) for e in found), text


# Gates from 8 dependents (argmap's threshold, which tiny maps seldom reach), from 2
# and from 1 (every inheritance through a gate; gates make more arguments, so smaller
# maps).
@st.composite
def cases(draw: st.DrawFn) -> tuple[ArgumentMap, bool, bool, int]:
    gate = draw(st.sampled_from([8, 8, 2, 1]))
    m, require_support, mediated = draw(tiny_maps(small=gate < 8))
    labels, _ = reference_framework(m, require_support=require_support, mediated=mediated,
                                    gate=gate)
    assume(len(labels) <= 14)
    return m, require_support, mediated, gate


@settings(max_examples=300)
@given(cases())
def test_evaluate_map_agrees_with_brute_force(case: tuple[ArgumentMap, bool, bool, int],
                                              ) -> None:
    m, require_support, mediated, gate = case
    check_map(m, require_support, mediated, gate)


@pytest.mark.slow
@settings(max_examples=int(os.environ.get("ARGMAP_DIFFERENTIAL_EXAMPLES", "2500")))
@given(cases())
def test_evaluate_map_agrees_with_brute_force_at_length(
    case: tuple[ArgumentMap, bool, bool, int],
) -> None:
    m, require_support, mediated, gate = case
    check_map(m, require_support, mediated, gate)


# --------------------------------------------------------------------------------------
# Named cases: where the implementations disagreed, and what the docs promise.


def _claims(*ids: str) -> dict[str, Claim]:
    return {c: Claim(id=c, text=c) for c in ids}


def test_co_premises_attack_only_together() -> None:
    # The example of issue 7: x with co-premise c attacks y; z defeats c.
    m = ArgumentMap(claims=_claims("y", "x", "c", "z"), attacks=(
        Attack(attacker="x", co_premises=("c",), target="y"),
        Attack(attacker="z", target="c"),
    ))
    check_map(m, True, False)
    assert evaluate_map(m).statuses() == {
        "y": Status.IN, "x": Status.IN, "c": Status.OUT, "z": Status.IN}


@pytest.mark.parametrize("mediated", [False, True])
def test_a_cycle_of_arguments_used_as_premises_is_exact(mediated: bool) -> None:
    # a0 and a1 are premises of each other; o attacks a premise of a1 only.  The old
    # one-pass translation handed o to one of them only, depending on the file's order.
    for order in (("a0", "a1"), ("a1", "a0")):
        arguments = {
            "a0": Argument(id="a0", premises=("a1",), conclusion="t"),
            "a1": Argument(id="a1", premises=("a0", "p"), conclusion="t"),
        }
        m = ArgumentMap(claims=_claims("t", "p", "o"),
                        arguments={a: arguments[a] for a in order},
                        attacks=(Attack(attacker="o", target="p"),))
        check_map(m, True, mediated)
        framework = set(translate(m, mediated=mediated).framework.attacks_by_label())
        assert {("o", "a0"), ("o", "a1")} <= framework
        assert evaluate_map(m).node("a0").status is Status.OUT


def test_an_undercut_of_an_undercut() -> None:
    # u undercuts the attack obj; v undercuts u's attack: obj stands again.  The old
    # translation left the second level out as an "unknown node".
    m = ArgumentMap(claims=_claims("t", "o", "u", "v"), attacks=(
        Attack(attacker="o", target="t", id="obj"),
        Attack(attacker="u", target="obj", id="und"),
        Attack(attacker="v", target="und"),
    ))
    check_map(m, True, False)
    assert translate(m).skipped == ()
    assert evaluate_map(m).node("t").status is Status.OUT


def test_mediated_attacks_pass_on_an_undercut_objection() -> None:
    # With --mediated an argument falls with its conclusion, also when the objection to
    # the conclusion is an undercut attack (an auxiliary argument); it used to be
    # skipped for being auxiliary.
    m = ArgumentMap(
        claims=_claims("t", "p", "o", "u", "w"),
        arguments={"a": Argument(id="a", premises=("p",), conclusion="t")},
        attacks=(Attack(attacker="o", target="t", id="obj"),
                 Attack(attacker="u", target="obj"),
                 Attack(attacker="w", target="u")),
    )
    check_map(m, True, True)
    assert evaluate_map(m, mediated=True).node("a").status is Status.OUT


def test_an_odd_cycle_is_out_under_preferred_and_says_so() -> None:
    m = ArgumentMap(claims=_claims("x", "y", "z"), attacks=(
        Attack(attacker="x", target="y"), Attack(attacker="y", target="z"),
        Attack(attacker="z", target="x"),
    ))
    check_map(m, True, False)
    node = evaluate_map(m, Semantics.PREFERRED).node("x")
    assert node.status is Status.OUT
    assert node.explanation == (
        "out: accepted in no preferred extension; no admissible set of arguments defends "
        "it; in one preferred extension, its attackers are left open: z (rebuts it)")


def test_self_attacks_and_self_contradictions() -> None:
    m = ArgumentMap(
        claims=_claims("s", "t", "c"),
        arguments={"a": Argument(id="a", premises=("c",), conclusion="t")},
        attacks=(Attack(attacker="s", target="s"), Attack(attacker="a", target="a"),
                 Attack(attacker="t", co_premises=("c",), target="t", id="selfish")),
        contradictions=(Contradiction(claims=("c", "c")),),
    )
    for require_support in (True, False):
        check_map(m, require_support, False)


def test_an_undercut_of_itself() -> None:
    m = ArgumentMap(claims=_claims("t", "o"), attacks=(
        Attack(attacker="o", target="t", id="knot"),
        Attack(attacker="o", target="knot", id="loop"),
        Attack(attacker="t", target="loop", id="back"),
        Attack(attacker="o", target="back", id="back2"),
    ))
    check_map(m, True, False)
    m2 = ArgumentMap(claims=_claims("t", "o"), attacks=(
        Attack(attacker="o", target="self", id="self"),))
    check_map(m2, True, False)
    assert translate(m2).framework.labels[-1] == "attack:self"


def _fan(k: int) -> ArgumentMap:
    # k objections to one premise p shared by k arguments, each for its own conclusion,
    # and k rebuttals of one conclusion t that k more arguments support; one answer r
    # to the first objection.  Valid as a file, and the worst case of copying attackers:
    # k * k attacks without gates.
    claims = _claims("p", "t", "r", "q", *(f"o{i}" for i in range(k)),
                     *(f"c{i}" for i in range(k)), *(f"x{i}" for i in range(k)))
    arguments = {f"a{i}": Argument(id=f"a{i}", premises=("p",), conclusion=f"c{i}")
                 for i in range(k)}
    arguments.update({f"b{i}": Argument(id=f"b{i}", premises=("q",), conclusion="t")
                      for i in range(k)})
    attacks = (*(Attack(attacker=f"o{i}", target="p") for i in range(k)),
               *(Attack(attacker=f"x{i}", target="t") for i in range(k)),
               Attack(attacker="r", target="o0"))
    return ArgumentMap(claims=claims, arguments=arguments, attacks=attacks)


@pytest.mark.parametrize("mediated", [False, True])
def test_gates_keep_the_statuses_and_the_framework_linear(mediated: bool) -> None:
    m = _fan(12)
    with mock.patch.object(evaluate_module, "_GATE", 10**9):
        copied = translate(m, mediated=mediated).framework
        expected = {s: evaluate_map(m, s, mediated=mediated).statuses() for s in SEMANTICS}
    gated = translate(m, mediated=mediated).framework
    assert "not:p" in gated.labels
    assert ("undefeated:t" in gated.labels) is mediated
    assert gated.attack_count < copied.attack_count / 2
    for semantics in SEMANTICS:
        assert evaluate_map(m, semantics, mediated=mediated).statuses() == expected[semantics]
    node = evaluate_map(m, mediated=mediated).node("a3")
    assert node.status is Status.OUT
    assert node.explanation == "out; defeated by whatever defeats its premise p"
    if mediated:
        assert evaluate_map(m, mediated=True).node("b0").explanation == (
            "out; defeated by whatever defeats its conclusion t")


def test_a_hostile_fan_stays_linear() -> None:
    # 3,000 objections to a premise of 3,000 arguments: 9 million attacks by copying.
    framework = translate(_fan(3000), mediated=True).framework
    assert framework.attack_count < 10 * 9000
