"""Map evaluation: the bipolar translation and the status of every node."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.af import Outcome, Status, extensions
from argmap.evaluate import evaluate_map, translate
from argmap.model import Argument, ArgumentMap, Attack, AttackType, Claim, Contradiction, Evidence


def claim(cid: str, main: bool = False) -> Claim:
    return Claim(id=cid, text=cid.upper(), main=main)


def build(
    claims: str = "",
    evidence: str = "",
    arguments: dict[str, tuple[tuple[str, ...], str]] | None = None,
    attacks: list[tuple[str, str]] | None = None,
    contradictions: list[tuple[str, str]] | None = None,
    main: str = "",
) -> ArgumentMap:
    return ArgumentMap(
        claims={c: claim(c, c == main) for c in claims.split()},
        evidence={e: Evidence(id=e, text=e) for e in evidence.split()},
        arguments={a: Argument(id=a, premises=p, conclusion=c)
                   for a, (p, c) in (arguments or {}).items()},
        attacks=tuple(Attack(attacker=s, target=t) for s, t in attacks or []),
        contradictions=tuple(Contradiction(claims=pair) for pair in contradictions or []),
    )


def statuses(m: ArgumentMap, semantics: str = "grounded", **options: bool) -> dict[str, str]:
    return {n.id: n.status.value for n in evaluate_map(m, semantics, **options).nodes}


def test_unattacked_argument_supports_its_conclusion() -> None:
    m = build("t p", "e", {"a": (("p", "e"), "t")}, main="t")
    result = evaluate_map(m)
    assert statuses(m) == {"t": "in", "p": "in", "e": "in", "a": "in"}
    assert result.main[0].id == "t"
    assert "supported by a" in result.node("t").explanation


def test_an_argument_falls_with_a_premise() -> None:
    m = build("t p o", "", {"a": (("p",), "t")}, [("o", "p")])
    assert statuses(m) == {"t": "out", "p": "out", "o": "in", "a": "out"}
    result = evaluate_map(m)
    assert result.node("a").defeated_by == ("o",)
    assert "attacks its premise p" in result.node("a").explanation
    assert result.node("t").unsupported
    assert "no argument for it stands" in result.node("t").explanation


def test_reinstatement_by_an_answer_to_the_objection() -> None:
    m = build("t p o r", "", {"a": (("p",), "t")}, [("o", "p"), ("r", "o")])
    assert statuses(m) == {"t": "in", "p": "in", "o": "out", "r": "in", "a": "in"}
    node = evaluate_map(m).node("a")
    assert node.defenders == ("r",)
    assert "reinstated by r" in node.explanation


def test_one_standing_argument_is_enough() -> None:
    m = build("t p q o", "", {"a1": (("p",), "t"), "a2": (("q",), "t")}, [("o", "p")])
    assert statuses(m)["t"] == "in"
    assert statuses(m)["a1"] == "out"
    assert statuses(m, require_support=False)["t"] == "in"


def test_without_required_support_a_conclusion_stands_alone() -> None:
    m = build("t p o", "", {"a": (("p",), "t")}, [("o", "p")])
    assert statuses(m, require_support=False)["t"] == "in"


def test_undercut_defeats_the_argument_not_the_premises() -> None:
    m = build("t p u", "", {"a": (("p",), "t")}, [("u", "a")])
    assert statuses(m) == {"t": "out", "p": "in", "u": "in", "a": "out"}
    assert translate(m).reasons["u", "a"] == AttackType.UNDERCUT.value


def test_mediated_attack() -> None:
    m = build("t p o", "", {"a": (("p",), "t")}, [("o", "t")])
    assert statuses(m)["a"] == "in"
    assert statuses(m, mediated=True)["a"] == "out"
    assert translate(m, mediated=True).reasons["o", "a"] == "conclusion:t"


def test_contradiction_is_a_mutual_attack() -> None:
    m = build("x y", contradictions=[("x", "y")])
    assert statuses(m) == {"x": "undecided", "y": "undecided"}
    assert statuses(m, "preferred") == {"x": "undecided", "y": "undecided"}
    credulous = {n.id: n.credulous for n in evaluate_map(m, "preferred").nodes}
    assert credulous == {"x": True, "y": True}
    # Support breaks the tie: x has a standing argument, y has one that is defeated.
    m2 = build("x y p q o", "", {"ax": (("p",), "x"), "ay": (("q",), "y")}, [("o", "q")],
               [("x", "y")])
    assert statuses(m2)["x"] == "in"
    assert statuses(m2)["y"] == "out"


def test_circular_reasoning_establishes_nothing() -> None:
    m = build("c", "", {"a": (("c",), "c")})
    assert statuses(m) == {"c": "undecided", "a": "undecided"}
    assert statuses(m, "stable") == {"c": "undecided", "a": "undecided"}


def test_chain_of_arguments() -> None:
    # e -> p (a1), p -> t (a2); o undermines e: everything above falls.
    m = build("t p o", "e", {"a1": (("e",), "p"), "a2": (("p",), "t")}, [("o", "e")])
    assert statuses(m) == {"t": "out", "p": "out", "o": "in", "e": "out", "a1": "out",
                           "a2": "out"}


def test_arguments_as_premises_are_handled_in_dependency_order() -> None:
    # a2 uses argument a1 as a premise; what attacks a1's premise reaches a2 as well.
    m = build("t p q o", "", {"a2": (("a1", "q"), "t"), "a1": (("p",), "q")}, [("o", "p")])
    assert statuses(m)["a2"] == "out"


def test_attack_on_an_attack() -> None:
    m = ArgumentMap(
        claims={c: claim(c) for c in ("t", "o", "u")},
        attacks=(Attack(attacker="o", target="t", id="obj"),
                 Attack(attacker="u", target="obj", type=AttackType.UNDERCUT)),
    )
    assert statuses(m) == {"t": "in", "o": "in", "u": "in"}
    labels = set(translate(m).framework.labels)
    assert "attack:obj" in labels


def test_unknown_references_are_skipped() -> None:
    m = build("t", "", {"a": (("nope",), "t")}, [("ghost", "t")])
    translation = translate(m)
    assert len(translation.skipped) == 2
    assert statuses(m) == {"t": "in", "a": "in"}


def test_json_names_every_node() -> None:
    m = build("t p o", "e", {"a": (("p", "e"), "t")}, [("o", "p")], main="t")
    data = evaluate_map(m, "preferred").to_json()
    nodes = data["nodes"]
    assert isinstance(nodes, list)
    assert [n["id"] for n in nodes] == ["t", "p", "o", "e", "a"]
    assert data["main"] == [{"id": "t", "status": "out"}]
    framework = data["framework"]
    assert isinstance(framework, dict)
    assert framework["auxiliary"] == ["unsupported:t"]


def test_export_round_trips_through_af() -> None:
    from argmap.af import read_framework, write_framework

    m = build("t p o", "e", {"a": (("p", "e"), "t")}, [("o", "p")])
    af = translate(m).framework
    assert read_framework(write_framework(af, "af"), "af", names=True) == af
    assert read_framework(write_framework(af, "apx"), "apx") == af


@st.composite
def maps(draw: st.DrawFn) -> ArgumentMap:
    n = draw(st.integers(1, 6))
    ids = [f"c{i}" for i in range(n)]
    args = {}
    for j in range(draw(st.integers(0, 4))):
        premises = tuple(draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2,
                                       unique=True)))
        args[f"a{j}"] = (premises, draw(st.sampled_from(ids)))
    nodes = ids + list(args)
    attacks = draw(st.lists(st.tuples(st.sampled_from(nodes), st.sampled_from(nodes)),
                            max_size=5))
    return build(" ".join(ids), "", args, attacks)


@given(maps(), st.sampled_from(["grounded", "complete", "preferred", "stable"]))
def test_every_node_gets_a_status(m: ArgumentMap, semantics: str) -> None:
    result = evaluate_map(m, semantics)
    assert [n.id for n in result.nodes] == [n.id for n in m.nodes()]
    assert all(n.status is not Status.UNKNOWN for n in result.nodes)
    assert all(n.explanation for n in result.nodes)


@given(maps())
def test_argument_labels_respect_premises(m: ArgumentMap) -> None:
    # In the grounded labelling an argument is in only if every premise is in, and out
    # if a premise is out.
    result = {n.id: n.status for n in evaluate_map(m).nodes}
    for argument in m.arguments.values():
        premises = [result[p] for p in argument.premises]
        if result[argument.id] is Status.IN:
            assert all(p is Status.IN for p in premises)
        if any(p is Status.OUT for p in premises):
            assert result[argument.id] is Status.OUT


def test_bipolar_speed_1000_arguments() -> None:
    # Not a benchmark (see benchmarks/bench_af.py): a generous bound against blow-ups.
    import random

    rng = random.Random(3)  # noqa: S311 -- test data
    claims = {f"c{i}": claim(f"c{i}") for i in range(1000)}
    arguments = {f"a{i}": Argument(id=f"a{i}", premises=(f"c{rng.randrange(1000)}",),
                                   conclusion=f"c{rng.randrange(1000)}") for i in range(1000)}
    attacks = tuple(Attack(attacker=f"c{rng.randrange(1000)}",
                           target=f"c{rng.randrange(1000)}") for _ in range(300))
    m = ArgumentMap(claims=claims, arguments=arguments, attacks=attacks)
    start = time.perf_counter()
    result = evaluate_map(m)
    assert time.perf_counter() - start < 5.0
    assert len(result.nodes) == 2000


def test_timeout_gives_unknown_statuses() -> None:
    m = build("x y", contradictions=[("x", "y")])
    result = evaluate_map(m, "preferred", timeout=0.0)
    assert result.outcome in (Outcome.TIMEOUT, Outcome.DONE)
    assert extensions(translate(m).framework, "stable").outcome is Outcome.DONE


@pytest.mark.parametrize("semantics", ["grounded", "complete", "preferred", "stable"])
def test_semantics_names(semantics: str) -> None:
    m = build("x y", contradictions=[("x", "y")])
    assert evaluate_map(m, semantics).semantics.value == semantics


def _documented() -> list[tuple[str, str, dict[str, str]]]:
    import re
    from pathlib import Path

    page = Path(__file__).resolve().parents[1] / "docs" / "evaluation.md"
    if not page.is_file():
        return []
    text = page.read_text(encoding="utf-8")
    cases = []
    for block in re.finditer(r"```yaml\n(.*?)```(.*?)(?=```|\Z)", text, re.DOTALL):
        for semantics, pairs in re.findall(r"<!-- expect (\w+): (.*?) -->", block.group(2)):
            expected = dict(p.split("=") for p in pairs.split())
            cases.append((block.group(1), semantics, expected))
    return cases


@pytest.mark.parametrize(("body", "semantics", "expected"), _documented())
def test_documented_examples(body: str, semantics: str, expected: dict[str, str]) -> None:
    import argmap

    m = argmap.loads(body, format="yaml")
    assert statuses(m, semantics) == expected


def test_no_stable_extension_is_said() -> None:
    m = build("x y z", attacks=[("x", "y"), ("y", "z"), ("z", "x")])
    result = evaluate_map(m, "stable")
    assert result.evaluation.extension_exists is False
    assert all(n.status is Status.UNDECIDED for n in result.nodes)
    assert "there is no stable extension" in result.node("x").explanation


@given(maps(), st.booleans())
def test_conclusions_follow_their_support(m: ArgumentMap, mediated: bool) -> None:
    # Grounded: a conclusion is in only if some argument for it is in; out if every
    # argument for it is out.
    result = evaluate_map(m, mediated=mediated).statuses()
    supporters: dict[str, list[str]] = {}
    for argument in m.arguments.values():
        supporters.setdefault(argument.conclusion, []).append(argument.id)
    for conclusion, args in supporters.items():
        if result[conclusion] is Status.IN:
            assert any(result[a] is Status.IN for a in args)
        if all(result[a] is Status.OUT for a in args):
            assert result[conclusion] is Status.OUT


@given(maps(), st.sampled_from(["complete", "preferred", "stable"]))
def test_sceptical_nodes_hold_together(m: ArgumentMap, semantics: str) -> None:
    # A node accepted in every extension has every premise accepted in every extension.
    result = evaluate_map(m, semantics)
    if result.evaluation.extension_exists is False:
        return
    status = result.statuses()
    for argument in m.arguments.values():
        if status[argument.id] is Status.IN:
            assert all(status[p] is Status.IN for p in argument.premises)


# Issue 7: co-premises attack only together with the attacker.

CO_PREMISES = """\
argmap: 1
claims:
  y: {text: Y holds.}
  x: {text: X holds.}
  c: {text: C holds.}
  z: {text: Z holds.}
attacks:
  - attacker: x
    co_premises: [c]
    target: y
  - attacker: z
    target: c
"""


def test_co_premises_attack_only_together_with_the_attacker() -> None:
    import argmap

    m = argmap.loads(CO_PREMISES, format="yaml")
    for semantics in ("grounded", "complete", "preferred", "stable"):
        assert statuses(m, semantics) == {"y": "in", "x": "in", "c": "out", "z": "in"}
    # Without the answer to c, the linked objection stands and y falls.
    assert statuses(m.__class__(claims=m.claims, attacks=m.attacks[:1])) == {
        "y": "out", "x": "in", "c": "in", "z": "in"}
    # Each part of the objection is needed: an attack on x alone also saves y.
    m2 = m.__class__(claims=m.claims, attacks=(m.attacks[0], Attack(attacker="z", target="x")))
    assert statuses(m2)["y"] == "in"
    node = evaluate_map(m).node("y")
    assert node.explanation == "in; every attacker is out: x with c (rebuts it); reinstated by z"
    assert node.attackers == ("attack:#1",)
    assert set(translate(m).framework.attacks_by_label()) == {
        ("attack:#1", "y"), ("z", "c"), ("z", "attack:#1")}


def test_co_premises_through_the_cli(tmp_path: object) -> None:
    import json
    from pathlib import Path

    import typer
    from typer.testing import CliRunner

    from argmap.cli import _app

    assert isinstance(tmp_path, Path)
    path = tmp_path / "linked.argmap.yaml"
    path.write_text(CO_PREMISES, encoding="utf-8")
    app = _app()
    assert isinstance(app, typer.Typer)
    runner = CliRunner()
    text = runner.invoke(app, ["evaluate", str(path)])
    assert text.exit_code == 0, text.output
    rows = {line.split()[0]: line.split()[1] for line in text.output.splitlines()
            if line.startswith("  ")}
    assert rows == {"y": "in", "x": "in", "c": "out", "z": "in"}
    for semantics in ("grounded", "preferred", "stable"):
        out = runner.invoke(app, ["evaluate", str(path), "-s", semantics, "--format", "json"])
        assert out.exit_code == 0, out.output
        data = json.loads(out.output)
        assert {n["id"]: n["status"] for n in data["nodes"]} == rows
        assert data["framework"]["auxiliary"] == ["attack:#1"]


def test_an_undercut_of_a_linked_objection() -> None:
    m = ArgumentMap(
        claims={c: claim(c) for c in ("t", "x", "c", "u")},
        attacks=(Attack(attacker="x", co_premises=("c",), target="t", id="obj"),
                 Attack(attacker="u", target="obj")),
    )
    assert statuses(m) == {"t": "in", "x": "in", "c": "in", "u": "in"}
    text = evaluate_map(m).node("t").explanation
    assert text == ("in; every attacker is out: x with c (the attack obj, rebuts it); "
                    "reinstated by u")


# Explanations agree with the status, for every status under every semantics.

def _ring() -> ArgumentMap:
    # x -> y -> z -> x (an odd cycle), w -> v beside it.
    return build("x y z w v", attacks=[("x", "y"), ("y", "z"), ("z", "x"), ("w", "v")])


def _fork() -> ArgumentMap:
    # x and y contradict each other; both rebut z.
    return build("x y z", attacks=[("x", "z"), ("y", "z")], contradictions=[("x", "y")])


@pytest.mark.parametrize(("make", "semantics", "node", "expected"), [
    # grounded: in, out, undecided
    (_ring, "grounded", "w", "in; nothing attacks it"),
    (_ring, "grounded", "v", "out; defeated by w (rebuts it)"),
    (_ring, "grounded", "x", "undecided; left open by z (rebuts it), neither accepted nor "
                             "defeated"),
    # complete: in, out defeated, out indefensible, undecided
    (_ring, "complete", "w", "in: accepted in every complete extension; nothing attacks it"),
    (_ring, "complete", "v", "out: accepted in no complete extension; defeated by w "
                             "(rebuts it)"),
    (_ring, "complete", "x", "out: accepted in no complete extension; no admissible set of "
                             "arguments defends it; in the grounded labelling, its attackers "
                             "are left open: z (rebuts it)"),
    (_fork, "complete", "x", "undecided: accepted in some complete extensions but not in "
                             "all; left open (in the grounded labelling) by y (contradicts "
                             "it), neither accepted nor defeated"),
    (_fork, "complete", "z", "out: accepted in no complete extension; no admissible set of "
                             "arguments defends it; in the grounded labelling, its attackers "
                             "are left open: x (rebuts it), y (rebuts it)"),
    # preferred: in, out defeated (grounded and in the extension), out indefensible
    (_ring, "preferred", "w", "in: accepted in every preferred extension; nothing attacks "
                              "it"),
    (_ring, "preferred", "v", "out: accepted in no preferred extension; defeated by w "
                              "(rebuts it)"),
    (_ring, "preferred", "x", "out: accepted in no preferred extension; no admissible set "
                              "of arguments defends it; in one preferred extension, its "
                              "attackers are left open: z (rebuts it)"),
    # stable: in, out; no stable extension at all
    (_ring, "stable", "w", "undecided: there is no stable extension, so nothing is "
                           "accepted; in the grounded labelling it is in; nothing attacks it"),
    (_ring, "stable", "v", "undecided: there is no stable extension, so nothing is "
                           "accepted; in the grounded labelling it is out; defeated by w "
                           "(rebuts it)"),
    (_ring, "stable", "x", "undecided: there is no stable extension, so nothing is "
                           "accepted; in the grounded labelling it is undecided; left open "
                           "by z (rebuts it), neither accepted nor defeated"),
])
def test_explanations_by_status_and_semantics(make: object, semantics: str, node: str,
                                              expected: str) -> None:
    assert callable(make)
    assert evaluate_map(make(), semantics).node(node).explanation == expected


@pytest.mark.parametrize("semantics", ["preferred", "stable"])
def test_explanations_in_the_extension_found(semantics: str) -> None:
    # The fork: z is out in both extensions, defeated by x in one, by y in the other;
    # x and y are each accepted in one.  Which extension is found is the solver's choice:
    # check the sentence against it.
    result = evaluate_map(_fork(), semantics)
    shown = result.evaluation.extension
    assert shown in (frozenset({"x"}), frozenset({"y"}))
    winner, loser = ("x", "y") if shown == {"x"} else ("y", "x")
    where = f"(in one {semantics} extension)"
    head = f"undecided: accepted in some {semantics} extensions but not in all"
    assert result.node(winner).explanation == (
        f"{head}; every attacker is out {where}: {loser} (contradicts it)")
    assert result.node(loser).explanation == (
        f"{head}; defeated {where} by {winner} (contradicts it)")
    assert result.node("z").explanation == (
        f"out: accepted in no {semantics} extension; defeated {where} by {winner} "
        "(rebuts it)")


def test_floating_acceptance_is_explained_by_one_extension() -> None:
    m = build("abroad paris rome", "", {"vp": (("paris",), "abroad"),
                                        "vr": (("rome",), "abroad")},
              contradictions=[("paris", "rome")])
    result = evaluate_map(m, "preferred")
    supporter = "vp" if result.evaluation.extension and "vp" in result.evaluation.extension \
        else "vr"
    assert result.node("abroad").explanation == (
        "in: accepted in every preferred extension; supported (in one preferred "
        f"extension) by {supporter}")


def test_an_unknown_status_is_said_with_what_the_grounded_labelling_knows() -> None:
    from argmap.af import Semantics
    from argmap.af import evaluate_framework as evaluate_af
    from argmap.evaluate import _sentence

    m = build("x y", contradictions=[("x", "y")])
    translation = translate(m)
    grounded = evaluate_af(translation.framework).status("x").explanation
    assert grounded is not None
    text = _sentence(Status.UNKNOWN, Semantics.PREFERRED, grounded, "x", translation, [], [],
                     None)
    assert text == ("unknown: the time limit ran out before its status was found; left "
                    "open (in the grounded labelling) by y (contradicts it), neither "
                    "accepted nor defeated")


# explain=False: statuses only (issue 9).

@pytest.mark.parametrize("semantics", ["grounded", "complete", "preferred", "stable"])
def test_statuses_without_explanations(semantics: str) -> None:
    m = build("t p q o", "e", {"a1": (("p", "e"), "t"), "a2": (("q",), "t")},
              [("o", "p"), ("q", "o")], [("p", "q")], main="t")
    full = evaluate_map(m, semantics)
    quick = evaluate_map(m, semantics, explain=False)
    assert quick.statuses() == full.statuses()
    assert [(n.credulous, n.sceptical, n.main) for n in quick.nodes] == [
        (n.credulous, n.sceptical, n.main) for n in full.nodes]
    assert all(n.explanation == "" and not n.explained for n in quick.nodes)
    assert quick.evaluation.explanations is None
    nodes = quick.to_json()["nodes"]
    assert isinstance(nodes, list)
    assert set(nodes[0]) == {"id", "kind", "main", "status", "credulous", "sceptical"}
    full_nodes = full.to_json()["nodes"]
    assert isinstance(full_nodes, list)
    assert "explanation" in full_nodes[0]
