"""Which claims of an argument map stand: translation to a Dung framework, then semantics.

:func:`translate` turns an :class:`~argmap.model.ArgumentMap` into an abstract
argumentation framework (:class:`argmap.af.Framework`); :func:`evaluate_map` computes the
status of every node under a semantics and explains it in the map's own terms.  The
translation, with worked examples, is documented in ``docs/evaluation.md``; in short:

* every claim, evidence item and argument is one argument of the framework, labelled by
  its id;
* an attack is an attack; a contradiction is a pair of mutual attacks;
* an argument needs all of its premises: whatever attacks a premise also attacks the
  argument (a *secondary* attack, Cayrol & Lagasquie-Schiex), so an argument is out as
  soon as one premise is out, and in only when every premise is in;
* a node that is the conclusion of arguments needs at least one of them to stand: an
  auxiliary argument ``unsupported:ID``, attacked by each of those arguments, attacks
  it (turn this off with ``require_support=False``);
* an attack that other attacks undercut becomes an auxiliary argument ``attack:ID``
  that attacks the target and is attacked by those undercuts and by whatever attacks
  its attacker;
* optionally (``mediated=True``), whatever attacks a conclusion also attacks the
  arguments for it (a *mediated* attack, Boella et al.; deductive support).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

from argmap._af.evaluation import Evaluation, Explanation, evaluate_framework
from argmap._af.framework import Framework, Semantics, Status
from argmap._af.solve import Outcome
from argmap.model import Argument, ArgumentMap, AttackType, Claim, Evidence

__all__ = [
    "ATTACK_PREFIX",
    "UNSUPPORTED_PREFIX",
    "MapEvaluation",
    "NodeStatus",
    "Translation",
    "evaluate_map",
    "translate",
]

#: Labels of auxiliary arguments start with this; ids of map nodes cannot contain ``:``.
UNSUPPORTED_PREFIX = "unsupported:"
#: Labels of auxiliary arguments standing for attacks that other attacks undercut.
ATTACK_PREFIX = "attack:"


def _frozen_kinds(value: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(value))


def _frozen_reasons(value: Mapping[tuple[str, str], str]) -> Mapping[tuple[str, str], str]:
    return MappingProxyType(dict(value))


@attrs.frozen
class Translation:
    """A map translated to a framework, and why each attack is there.

    ``kinds`` maps every argument label to ``claim``, ``evidence``, ``argument`` or
    ``auxiliary``.  ``reasons`` maps each attack ``(attacker, target)`` (labels) to what
    it comes from: ``rebut``, ``undermine`` or ``undercut`` (an attack of the map),
    ``contradiction``, ``premise:ID`` (the attacker attacks premise ID of the target
    argument), ``support`` (an argument for the target's conclusion stands, attacking
    the auxiliary ``unsupported:`` argument), ``unsupported`` (the auxiliary attacks its
    conclusion) or ``conclusion:ID`` (a mediated attack through conclusion ID).
    ``skipped`` lists relations that name unknown nodes and were left out.
    """

    framework: Framework
    kinds: Mapping[str, str] = attrs.field(converter=_frozen_kinds)
    reasons: Mapping[tuple[str, str], str] = attrs.field(converter=_frozen_reasons)
    skipped: tuple[str, ...] = ()


def translate(
    argument_map: ArgumentMap, *, require_support: bool = True, mediated: bool = False
) -> Translation:
    """The Dung framework of a map (see the module documentation and docs/evaluation.md).

    Runs in time linear in the size of the map plus the attacks it creates.

    >>> from argmap.model import Argument, ArgumentMap, Attack, Claim
    >>> m = ArgumentMap(
    ...     claims={"t": Claim(id="t", text="T", main=True), "p": Claim(id="p", text="P"),
    ...             "o": Claim(id="o", text="O")},
    ...     arguments={"a": Argument(id="a", premises=("p",), conclusion="t")},
    ...     attacks=(Attack(attacker="o", target="p"),))
    >>> sorted(translate(m).framework.attacks_by_label())  # doctest: +NORMALIZE_WHITESPACE
    [('a', 'unsupported:t'), ('o', 'a'), ('o', 'p'), ('unsupported:t', 't')]
    """
    labels: list[str] = []
    kinds: dict[str, str] = {}
    for node in argument_map.nodes():
        if node.id in kinds:
            continue
        labels.append(node.id)
        kinds[node.id] = (
            "claim" if isinstance(node, Claim)
            else "evidence" if isinstance(node, Evidence) else "argument"
        )
    reasons: dict[tuple[str, str], str] = {}
    skipped: list[str] = []
    attackers: dict[str, list[str]] = {}

    def attack(source: str, target: str, reason: str) -> None:
        if (source, target) not in reasons:
            reasons[source, target] = reason
            attackers.setdefault(target, []).append(source)

    # An attack that other attacks target (an undercut of an attack) becomes an
    # auxiliary argument "attack:ID" between its attacker and its target.
    attack_ids = {a.id: a for a in argument_map.attacks if a.id is not None}
    reified: dict[str, str] = {}
    for item in argument_map.attacks:
        if item.target in attack_ids and item.target not in kinds:
            target = attack_ids[item.target]
            if target.attacker in kinds and target.target in kinds:
                aux = ATTACK_PREFIX + item.target
                if aux not in kinds:
                    reified[item.target] = aux
                    labels.append(aux)
                    kinds[aux] = "auxiliary"
    for item in argument_map.attacks:
        kind = argument_map.attack_type(item) or AttackType.UNDERCUT
        source = item.attacker
        if item.id is not None and item.id in reified:
            source = reified[item.id]
        target_label = reified.get(item.target, item.target)
        if item.attacker not in kinds or target_label not in kinds:
            skipped.append(f"attack {item.attacker} -> {item.target}: unknown node")
            continue
        attack(source, target_label, kind.value)
    for contradiction in argument_map.contradictions:
        first, second = contradiction.claims
        if first not in kinds or second not in kinds:
            skipped.append(f"contradiction {first} <-> {second}: unknown node")
            continue
        attack(first, second, "contradiction")
        attack(second, first, "contradiction")
    arguments: list[Argument] = []
    for argument in argument_map.arguments.values():
        missing = [x for x in (*argument.premises, argument.conclusion) if x not in kinds]
        if missing:
            skipped.append(f"argument {argument.id}: unknown node(s) {', '.join(missing)}")
            continue
        arguments.append(argument)
    # Support: a conclusion needs at least one standing argument for it.
    if require_support:
        supporters: dict[str, list[str]] = {}
        for argument in arguments:
            supporters.setdefault(argument.conclusion, []).append(argument.id)
        for conclusion, args in supporters.items():
            aux = UNSUPPORTED_PREFIX + conclusion
            labels.append(aux)
            kinds[aux] = "auxiliary"
            for a in args:
                attack(a, aux, "support")
            attack(aux, conclusion, "unsupported")
    # Mediated attacks, before secondary ones so that they propagate down to premises of
    # arguments for arguments in one pass.
    if mediated:
        for argument in arguments:
            for source in tuple(attackers.get(argument.conclusion, ())):
                if kinds[source] != "auxiliary":
                    attack(source, argument.id, f"conclusion:{argument.conclusion}")
    # Secondary attacks: whatever attacks a premise attacks the argument.  When a premise
    # is itself an argument, its own secondary attacks are added first (arguments are
    # handled in dependency order); within a cycle of arguments that are premises of each
    # other, the order is the file's.
    for argument in _dependency_order(arguments):
        for premise in argument.premises:
            for source in tuple(attackers.get(premise, ())):
                attack(source, argument.id, f"premise:{premise}")
    # A reified attack stands only while its attacker does: whatever attacks the
    # attacker attacks it too.
    for attack_id, aux in reified.items():
        attacker = attack_ids[attack_id].attacker
        for source in tuple(attackers.get(attacker, ())):
            attack(source, aux, f"attacker:{attacker}")
    index = {label: i for i, label in enumerate(labels)}
    pairs = list(reasons)
    framework = Framework(labels, [index[s] for s, _ in pairs], [index[t] for _, t in pairs])
    return Translation(framework, kinds, reasons, tuple(skipped))


def _dependency_order(arguments: list[Argument]) -> list[Argument]:
    """Arguments sorted so that an argument used as a premise comes before its user."""
    by_id = {argument.id: argument for argument in arguments}
    order: list[Argument] = []
    state: dict[str, int] = {}  # 1 visiting, 2 done
    for root in arguments:
        if root.id in state:
            continue
        stack: list[tuple[Argument, int]] = [(root, 0)]
        state[root.id] = 1
        while stack:
            current, position = stack.pop()
            deps = [by_id[p] for p in current.premises if p in by_id]
            if position < len(deps):
                stack.append((current, position + 1))
                dep = deps[position]
                if dep.id not in state:
                    state[dep.id] = 1
                    stack.append((dep, 0))
                continue
            state[current.id] = 2
            order.append(current)
    return order


@attrs.frozen
class NodeStatus:
    """The status of one node of a map (a claim, evidence item or argument).

    ``status``, ``credulous`` and ``sceptical`` are those of
    :class:`argmap.af.ArgumentStatus`.  ``defeated_by`` lists the nodes that defeat it
    and ``defenders`` the nodes that reinstate it (by id; a defeat by lack of support is
    in ``unsupported``); ``explanation`` says it in a sentence.
    """

    id: str
    kind: str
    status: Status
    credulous: bool | None
    sceptical: bool | None
    explanation: str
    attackers: tuple[str, ...] = ()
    defeated_by: tuple[str, ...] = ()
    defenders: tuple[str, ...] = ()
    unsupported: bool = False
    main: bool = False

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dictionary."""
        return {
            "id": self.id,
            "kind": self.kind,
            "main": self.main,
            "status": self.status.value,
            "credulous": self.credulous,
            "sceptical": self.sceptical,
            "attackers": list(self.attackers),
            "defeated_by": list(self.defeated_by),
            "defenders": list(self.defenders),
            "unsupported": self.unsupported,
            "explanation": self.explanation,
        }


@attrs.frozen(repr=False)
class MapEvaluation:
    """The status of every node of a map under one semantics.

    ``nodes`` follows the map's order (claims, evidence, arguments); ``main`` holds the
    main claims' records.  ``evaluation`` is the framework-level result (auxiliary
    arguments included) and ``translation`` the framework itself.
    """

    semantics: Semantics
    outcome: Outcome
    nodes: tuple[NodeStatus, ...]
    translation: Translation
    evaluation: Evaluation

    def __repr__(self) -> str:
        return f"<MapEvaluation {self.semantics.value}: {len(self.nodes)} nodes>"

    @property
    def main(self) -> tuple[NodeStatus, ...]:
        """The records of the main claims."""
        return tuple(n for n in self.nodes if n.main)

    def statuses(self) -> dict[str, Status]:
        """Each node id mapped to its status (for example to colour a diagram)."""
        return {n.id: n.status for n in self.nodes}

    def node(self, node_id: str) -> NodeStatus:
        """The record of the node with this id (:class:`KeyError` if none)."""
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise KeyError(node_id)

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dictionary (the shape of ``argmap evaluate --format json``)."""
        af = self.translation.framework
        return {
            "semantics": self.semantics.value,
            "outcome": self.outcome.value,
            "extension_exists": self.evaluation.extension_exists,
            "main": [{"id": n.id, "status": n.status.value} for n in self.main],
            "nodes": [n.to_json() for n in self.nodes],
            "framework": {
                "arguments": len(af),
                "attacks": af.attack_count,
                "auxiliary": [x for x in af.labels
                              if self.translation.kinds.get(x) == "auxiliary"],
            },
            "skipped": list(self.translation.skipped),
        }


_WHY = {
    "rebut": "rebuts it",
    "undermine": "undermines it",
    "undercut": "undercuts it",
    "contradiction": "contradicts it",
}


def _describe(attacker: str, target: str, translation: Translation) -> str:
    reason = translation.reasons.get((attacker, target), "")
    if attacker.startswith(UNSUPPORTED_PREFIX):
        return "lack of support (no argument for it stands)"
    if reason.startswith("premise:"):
        return f"{attacker} (attacks its premise {reason.split(':', 1)[1]})"
    if attacker.startswith(ATTACK_PREFIX):
        return f"the attack {attacker[len(ATTACK_PREFIX):]} ({_WHY.get(reason, 'attacks it')})"
    if reason.startswith("attacker:"):
        return f"{attacker} (attacks its attacker {reason.split(':', 1)[1]})"
    if reason.startswith("conclusion:"):
        return f"{attacker} (attacks its conclusion {reason.split(':', 1)[1]})"
    return f"{attacker} ({_WHY.get(reason, 'attacks it')})"


def _sentence(status: Status, semantics: Semantics, explanation: Explanation, node_id: str,
              translation: Translation, supporters: list[tuple[str, Status]],
              defenders: list[str], exists: bool | None = True) -> str:
    grounded = semantics is Semantics.GROUNDED
    if status is Status.UNKNOWN:
        head = "unknown: the time limit ran out before its status was found"
    elif grounded:
        head = {Status.IN: "in", Status.OUT: "out", Status.UNDECIDED: "undecided"}[status]
    else:
        head = {
            Status.IN: f"in: accepted in every {semantics.value} extension",
            Status.OUT: f"out: accepted in no {semantics.value} extension",
            Status.UNDECIDED: f"undecided: accepted in some {semantics.value} extensions "
                              "but not in all",
        }[status]
    if exists is False:
        head = f"undecided: there is no {semantics.value} extension, so nothing is accepted"
    basis = explanation.basis
    where = "" if basis == "grounded" else " (in the extension shown)"
    label = explanation.label
    real = [a for a in explanation.attackers if not a.startswith(UNSUPPORTED_PREFIX)]
    parts: list[str] = []
    if label is Status.IN:
        standing = [a for a, st in supporters if st is Status.IN]
        if standing:
            parts.append("supported by " + ", ".join(standing))
        if real:
            parts.append("every attacker is out" + where + ": " + ", ".join(
                _describe(a, node_id, translation) for a in real))
            if defenders:
                parts.append("reinstated by " + ", ".join(defenders))
        if not parts:
            parts.append("nothing attacks it")
    elif label is Status.OUT:
        described = []
        for a in explanation.defeated_by:
            if a.startswith(UNSUPPORTED_PREFIX) and a != UNSUPPORTED_PREFIX + node_id:
                described.append(f"lack of support for its premise {a[len(UNSUPPORTED_PREFIX):]}")
            elif a.startswith(UNSUPPORTED_PREFIX):
                described.append("lack of support: no argument for it stands (" + ", ".join(
                    f"{x} is {st.value}" for x, st in supporters) + ")")
            else:
                described.append(_describe(a, node_id, translation))
        parts.append("defeated" + where + " by " + "; ".join(described))
    else:
        described = []
        for a in explanation.undecided_attackers:
            if a.startswith(UNSUPPORTED_PREFIX) and a != UNSUPPORTED_PREFIX + node_id:
                described.append(f"the open support of its premise "
                                 f"{a[len(UNSUPPORTED_PREFIX):]}")
            elif a.startswith(UNSUPPORTED_PREFIX):
                described.append("its support (" + ", ".join(
                    f"{x} is {st.value}" for x, st in supporters) + ")")
            else:
                described.append(_describe(a, node_id, translation))
        parts.append("left open" + where + " by " + ", ".join(described)
                     + ", neither accepted nor defeated")
    return f"{head}; {'; '.join(parts)}"


def evaluate_map(
    argument_map: ArgumentMap,
    semantics: Semantics | str = Semantics.GROUNDED,
    *,
    timeout: float | None = None,
    require_support: bool = True,
    mediated: bool = False,
) -> MapEvaluation:
    """Which claims of ``argument_map`` stand under ``semantics``, and why.

    The map is translated with :func:`translate` (``require_support`` and ``mediated``
    choose its options); ``timeout`` bounds the search of the complete, preferred and
    stable semantics (statuses not found in time are ``unknown``).

    >>> from argmap.model import Argument, ArgumentMap, Attack, Claim
    >>> m = ArgumentMap(
    ...     claims={"t": Claim(id="t", text="T", main=True), "p": Claim(id="p", text="P"),
    ...             "o": Claim(id="o", text="O")},
    ...     arguments={"a": Argument(id="a", premises=("p",), conclusion="t")},
    ...     attacks=(Attack(attacker="o", target="p"),))
    >>> result = evaluate_map(m)
    >>> [(n.id, n.status.value) for n in result.nodes]
    [('t', 'out'), ('p', 'out'), ('o', 'in'), ('a', 'out')]
    >>> result.node("t").explanation
    'out; defeated by lack of support: no argument for it stands (a is out)'
    >>> result.node("a").explanation
    'out; defeated by o (attacks its premise p)'
    """
    sem = Semantics.parse(semantics)
    translation = translate(argument_map, require_support=require_support,
                            mediated=mediated)
    evaluation = evaluate_framework(translation.framework, sem, timeout=timeout)
    kinds = translation.kinds
    main_ids = {c.id for c in argument_map.main_claims}
    basis_label = {a.label: a.explanation.label for a in evaluation.arguments
                   if a.explanation is not None}
    supporters: dict[str, list[tuple[str, Status]]] = {}
    for (source, target), reason in translation.reasons.items():
        if reason == "support":
            conclusion = target[len(UNSUPPORTED_PREFIX):]
            supporters.setdefault(conclusion, []).append((source, basis_label[source]))
    framework = translation.framework
    preds, labels, index = framework.predecessors, framework.labels, framework.index
    records: list[NodeStatus] = []
    for argument in evaluation.arguments:
        node_id = argument.label
        kind = kinds[node_id]
        if kind == "auxiliary":
            continue
        explanation = argument.explanation
        assert explanation is not None  # noqa: S101 -- evaluate_framework explains by default
        attackers = list(explanation.attackers)
        defeated_by = list(explanation.defeated_by)
        defenders: list[str] = []
        if explanation.label is Status.IN:
            # Reinstatement: what defeats its real attackers (not what supports it).
            for a in attackers:
                if kinds[a] != "auxiliary":
                    for d in preds[index[a]]:
                        name = labels[d]
                        if (basis_label[name] is Status.IN and name != node_id
                                and kinds[name] != "auxiliary" and name not in defenders):
                            defenders.append(name)
        text = _sentence(argument.status, sem, explanation, node_id, translation,
                         supporters.get(node_id, []), defenders, evaluation.extension_exists)

        def visible(ids: list[str]) -> tuple[str, ...]:
            return tuple(x for x in ids if not x.startswith(UNSUPPORTED_PREFIX))

        records.append(NodeStatus(
            id=node_id,
            kind=kind,
            status=argument.status,
            credulous=argument.credulous,
            sceptical=argument.sceptical,
            explanation=text,
            attackers=visible(attackers),
            defeated_by=visible(defeated_by),
            defenders=visible(defenders),
            unsupported=any(x.startswith(UNSUPPORTED_PREFIX) for x in defeated_by),
            main=node_id in main_ids,
        ))
    return MapEvaluation(sem, evaluation.outcome, tuple(records), translation, evaluation)
