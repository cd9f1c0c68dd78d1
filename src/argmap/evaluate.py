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
* an objection with ``co_premises`` needs all of them too: it becomes an auxiliary
  argument ``attack:ID`` (``attack:#N`` for the N-th attack when it has no id) that
  attacks the target and is attacked by whatever attacks its attacker or a co-premise;
* a node that is the conclusion of arguments needs at least one of them to stand: an
  auxiliary argument ``unsupported:ID``, attacked by each of those arguments, attacks
  it (turn this off with ``require_support=False``);
* an attack that other attacks undercut becomes such an auxiliary argument as well,
  attacked by those undercuts too;
* optionally (``mediated=True``), whatever attacks a conclusion also attacks the
  arguments for it (a *mediated* attack, Boella et al.; deductive support);
* a node that many dependents use passes its attackers on through a gate (``not:P``, in
  exactly when P is out; ``undefeated:C`` and ``defeated:C`` for mediated attacks), so
  the framework stays linear in the size of the map; the statuses are the same.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from argmap._af.evaluation import Evaluation, Explanation, evaluate_framework
from argmap._af.framework import Framework, Semantics, Status
from argmap._af.solve import Outcome
from argmap._words import noun
from argmap.model import Argument, ArgumentMap, Attack, AttackType, Claim, Evidence

__all__ = [
    "ATTACK_PREFIX",
    "DEFEATED_PREFIX",
    "GATE_PREFIX",
    "UNDEFEATED_PREFIX",
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
#: ``not:P`` is in exactly when P is out: it passes P's attackers on to what depends on P.
GATE_PREFIX = "not:"
#: With mediated attacks, ``undefeated:C`` is in when nothing attacks conclusion C, and
#: ``defeated:C`` when something does: it passes them on to the arguments for C.
UNDEFEATED_PREFIX = "undefeated:"
DEFEATED_PREFIX = "defeated:"
#: A node with this many dependents or more passes its attackers on through a gate.
_GATE = 8


def _frozen_kinds(value: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(value))


def _frozen_reasons(value: Mapping[tuple[str, str], str]) -> Mapping[tuple[str, str], str]:
    return MappingProxyType(dict(value))


def _frozen_attacks(value: Mapping[str, Attack]) -> Mapping[str, Attack]:
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
    conclusion), ``conclusion:ID`` (a mediated attack through conclusion ID),
    ``attacker:ID`` (the attacker attacks ID, the attacker or a co-premise of the
    objection ``attack:...`` it targets) or ``gate`` (an edge into a gate argument).
    ``skipped`` lists relations that name unknown nodes and were left out.
    ``objections`` maps the label of each auxiliary ``attack:`` argument to the attack
    of the map it stands for.
    """

    framework: Framework
    kinds: Mapping[str, str] = attrs.field(converter=_frozen_kinds)
    reasons: Mapping[tuple[str, str], str] = attrs.field(converter=_frozen_reasons)
    skipped: tuple[str, ...] = ()
    objections: Mapping[str, Attack] = attrs.field(factory=dict, converter=_frozen_attacks)


def translate(
    argument_map: ArgumentMap, *, require_support: bool = True, mediated: bool = False
) -> Translation:
    """The Dung framework of a map (see the module documentation and docs/evaluation.md).

    The attackers of every argument are the least solution of the documented equations
    (an argument's attackers include those of each premise, an objection's those of its
    attacker and co-premises), so cycles of arguments used as each other's premises are
    translated exactly.  Runs in time and space linear in the size of a map that
    validates: a node used by many dependents passes its attackers on through a gate.

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
    skipped: list[str] = []
    attacks = argument_map.attacks
    # Which attacks enter the framework: those whose attacker and co-premises are nodes
    # and whose target is a node or an attack that enters too (undercuts of undercuts).
    by_id: dict[str, int] = {}
    for i, item in enumerate(attacks):
        if item.id is not None and item.id not in kinds:
            by_id[item.id] = i  # the last attack with an id wins, as in attacks_by_id
    problem: dict[int, str] = {}
    targeting: dict[int, list[int]] = {}
    for i, item in enumerate(attacks):
        unknown = [x for x in item.attackers if x not in kinds]
        if item.target not in kinds and item.target not in by_id:
            unknown.append(item.target)
        if unknown:
            names = list(dict.fromkeys(unknown))
            problem[i] = f"unknown {noun(len(names), 'node')} {', '.join(names)}"
        elif item.target not in kinds:
            targeting.setdefault(by_id[item.target], []).append(i)
    pending = list(problem)
    while pending:
        j = pending.pop()
        for i in targeting.get(j, ()):
            if i not in problem:
                problem[i] = f"its target, the attack {attacks[i].target}, is left out"
                pending.append(i)
    for i, item in enumerate(attacks):
        if i in problem:
            skipped.append(f"attack {item.attacker} -> {item.target}: {problem[i]}")
    # An attack becomes an auxiliary argument when it has co-premises or is undercut.
    objection: dict[int, str] = {}
    objections: dict[str, Attack] = {}
    for i, item in enumerate(attacks):
        if i in problem:
            continue
        undercut = any(k not in problem for k in targeting.get(i, ()))
        if item.co_premises or undercut:
            own_id = item.id is not None and by_id.get(item.id) == i
            aux = ATTACK_PREFIX + (item.id if own_id and item.id else f"#{i + 1}")
            objection[i] = aux
            objections[aux] = item
            labels.append(aux)
            kinds[aux] = "auxiliary"
    arguments: list[Argument] = []
    broken: list[str] = []
    for argument in argument_map.arguments.values():
        missing = [x for x in (*argument.premises, argument.conclusion) if x not in kinds]
        if missing:
            broken.append(f"argument {argument.id}: unknown {noun(len(missing), 'node')} "
                          f"{', '.join(missing)}")
            continue
        arguments.append(argument)
    # Inherited attackers: a dependent (an argument, an objection) is attacked by
    # whatever attacks what it depends on (its premises; the attacker and co-premises of
    # an objection; with mediated attacks, an argument's conclusion, except for that
    # conclusion's own lack of support).  Propagating each attacker once along these
    # edges gives the least solution, whatever the order and however they cycle.  A node
    # that _GATE or more dependents rely on passes its attackers on through a gate
    # instead (``not:P``, in exactly when P is out), so that k attackers of a premise of
    # k arguments make 2k attacks, not k * k.
    uses: dict[str, list[tuple[str, str]]] = {}
    for argument in arguments:
        for premise in dict.fromkeys(argument.premises):
            uses.setdefault(premise, []).append((argument.id, f"premise:{premise}"))
    for i, aux in objection.items():
        for part in dict.fromkeys(attacks[i].attackers):
            uses.setdefault(part, []).append((aux, f"attacker:{part}"))
    backed: dict[str, list[str]] = {}
    if mediated:
        for argument in arguments:
            backed.setdefault(argument.conclusion, []).append(argument.id)
    dependents: dict[str, list[tuple[str, str, str | None]]] = {}
    for node_id, users in uses.items():
        if len(users) < _GATE:
            dependents.setdefault(node_id, []).extend(
                (user, reason, None) for user, reason in users)
    for conclusion, users_of in backed.items():
        if len(users_of) < _GATE:
            own = UNSUPPORTED_PREFIX + conclusion
            dependents.setdefault(conclusion, []).extend(
                (a, f"conclusion:{conclusion}", own) for a in users_of)
    reasons: dict[tuple[str, str], str] = {}
    work: list[tuple[str, str]] = []

    def attack(source: str, target: str, reason: str) -> None:
        if (source, target) not in reasons:
            reasons[source, target] = reason
            if target in dependents:
                work.append((target, source))

    for i, item in enumerate(attacks):
        if i in problem:
            continue
        kind = item.type or argument_map.attack_type(item) or AttackType.UNDERCUT
        target = item.target if item.target in kinds else objection[by_id[item.target]]
        attack(objection.get(i, item.attacker), target, kind.value)
    for contradiction in argument_map.contradictions:
        first, second = contradiction.claims
        if first not in kinds or second not in kinds:
            skipped.append(f"contradiction {first} <-> {second}: unknown node")
            continue
        attack(first, second, "contradiction")
        attack(second, first, "contradiction")
    skipped.extend(broken)
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
    # Gates.  not:P is attacked by P alone: in exactly when P is out.  With mediated
    # attacks, undefeated:C is attacked by whatever attacks C (but its lack of support)
    # and defeated:C by undefeated:C alone: in exactly when one of them is in.
    for node_id, users in uses.items():
        if len(users) >= _GATE:
            gate = GATE_PREFIX + node_id
            labels.append(gate)
            kinds[gate] = "auxiliary"
            attack(node_id, gate, "gate")
            for user, reason in users:
                attack(gate, user, reason)
    heavy = [c for c, users_of in backed.items() if len(users_of) >= _GATE]
    for conclusion in heavy:
        kept, lost = UNDEFEATED_PREFIX + conclusion, DEFEATED_PREFIX + conclusion
        labels += [kept, lost]
        kinds[kept] = kinds[lost] = "auxiliary"
        attack(kept, lost, "gate")
        for a in backed[conclusion]:
            attack(lost, a, f"conclusion:{conclusion}")
    while work:
        target, source = work.pop()
        for dependent, reason, excluded in dependents[target]:
            if source != excluded:
                attack(source, dependent, reason)
    if heavy:
        # The attackers of a conclusion are final once nothing is left to propagate.
        wanted = set(heavy)
        for source, target in list(reasons):
            if target in wanted and source != UNSUPPORTED_PREFIX + target:
                attack(source, UNDEFEATED_PREFIX + target, "gate")
    index = {label: i for i, label in enumerate(labels)}
    pairs = list(reasons)
    framework = Framework(labels, [index[s] for s, _ in pairs], [index[t] for _, t in pairs])
    return Translation(framework, kinds, reasons, tuple(skipped), objections)


@attrs.frozen
class NodeStatus:
    """The status of one node of a map (a claim, evidence item or argument).

    ``status``, ``credulous`` and ``sceptical`` are those of
    :class:`argmap.af.ArgumentStatus`.  ``attackers`` lists what attacks it in the
    framework, ``defeated_by`` what defeats it and ``defenders`` the nodes that reinstate
    it, by label: node ids, ``attack:ID`` (or ``attack:#N``, the N-th attack of the
    map) for an objection with co-premises or one that is undercut, and ``not:P`` or
    ``defeated:C`` for the gate of a premise or conclusion that many arguments share; a
    defeat by lack of support is in ``unsupported``.  ``explanation`` says it in a
    sentence.  When the map was evaluated with ``explain=False``, ``explained`` is False
    and the explanation, attackers, defeaters and defenders are left empty.
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
    explained: bool = True

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dictionary (without the explanation keys when not explained)."""
        data: dict[str, object] = {
            "id": self.id,
            "kind": self.kind,
            "main": self.main,
            "status": self.status.value,
            "credulous": self.credulous,
            "sceptical": self.sceptical,
        }
        if not self.explained:
            return data
        return {
            **data,
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
    """One attacker of ``target`` in words, with how it attacks."""
    reason = translation.reasons.get((attacker, target), "")
    if attacker.startswith(UNSUPPORTED_PREFIX):
        return "lack of support (no argument for it stands)"
    if attacker.startswith((GATE_PREFIX, DEFEATED_PREFIX)) and ":" in reason:
        # A gate: it stands for every attacker of the premise (or conclusion).
        role, node_id = reason.split(":", 1)
        return f"whatever defeats its {role} {node_id}"
    name, prefix = attacker, ""
    objection = translation.objections.get(attacker)
    if objection is not None:
        # An objection with co-premises, or an undercut one: name its parts.
        name = " with ".join((objection.attacker, ", ".join(objection.co_premises))) \
            if objection.co_premises else objection.attacker
        prefix = f"the attack {objection.id}, " if objection.id else ""
    if reason.startswith("premise:"):
        how = f"attacks its premise {reason.split(':', 1)[1]}"
    elif reason.startswith("attacker:"):
        how = f"attacks its attacker {reason.split(':', 1)[1]}"
    elif reason.startswith("conclusion:"):
        how = f"attacks its conclusion {reason.split(':', 1)[1]}"
    else:
        how = _WHY.get(reason, "attacks it")
    return f"{name} ({prefix}{how})"


@functools.lru_cache(maxsize=64)
def _head(status: Status, semantics: Semantics, exists: bool | None) -> str:
    """The status in words: what ``in``, ``out``, ``undecided`` mean under ``semantics``."""
    name = semantics.value
    if status is Status.UNKNOWN:
        return "unknown: the time limit ran out before its status was found"
    if exists is False:
        return f"undecided: there is no {name} extension, so nothing is accepted"
    if semantics is Semantics.GROUNDED:
        return str(status.value)
    return {
        Status.IN: f"in: accepted in every {name} extension",
        Status.OUT: f"out: accepted in no {name} extension",
        Status.UNDECIDED: f"undecided: accepted in some {name} extensions but not in all",
    }[status]


def _sentence(status: Status, semantics: Semantics, explanation: Explanation, node_id: str,
              translation: Translation, supporters: list[tuple[str, Status]],
              defenders: list[str], exists: bool | None = True) -> str:
    """The explanation of one node: its status, then why, in the reference labelling.

    The reference labelling is the grounded one for what it decides (true in every
    extension) and otherwise the labelling of one extension found (``where`` says so);
    every clause is true of it, and none contradicts the status: a node that no
    extension accepts but that the extension found leaves open is said to be
    indefensible, not "neither accepted nor defeated".
    """
    head = _head(status, semantics, exists)
    label = explanation.label
    grounded_basis = explanation.basis == "grounded"
    where = "" if grounded_basis else f" (in one {semantics.value} extension)"
    if (grounded_basis and label is Status.UNDECIDED and exists is not False
            and semantics is not Semantics.GROUNDED):
        # Left open by the grounded labelling, which other extensions may decide.
        where = " (in the grounded labelling)"
    real = [a for a in explanation.attackers if not a.startswith(UNSUPPORTED_PREFIX)]
    parts: list[str] = []
    if exists is False:
        # Nothing is accepted; say what the grounded labelling, the sceptical core of
        # every complete extension, makes of it.
        parts.append(f"in the grounded labelling it is {label.value}")

    def support_words(prefix: str) -> str:
        return prefix + " (" + ", ".join(f"{x} is {st.value}" for x, st in supporters) + ")"

    if label is Status.IN:
        standing = [a for a, st in supporters if st is Status.IN]
        if standing:
            parts.append("supported" + where + " by " + ", ".join(standing))
        if real:
            parts.append("every attacker is out" + where + ": " + ", ".join(
                _describe(a, node_id, translation) for a in real))
            if defenders:
                parts.append("reinstated by " + ", ".join(defenders))
        if not standing and not real:
            parts.append("nothing attacks it")
    elif label is Status.OUT:
        described = []
        for a in explanation.defeated_by:
            if a.startswith(UNSUPPORTED_PREFIX) and a != UNSUPPORTED_PREFIX + node_id:
                described.append(f"lack of support for its premise {a[len(UNSUPPORTED_PREFIX):]}")
            elif a.startswith(UNSUPPORTED_PREFIX):
                described.append(support_words("lack of support: no argument for it stands"))
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
                described.append(support_words("its support"))
            else:
                described.append(_describe(a, node_id, translation))
        if status is Status.OUT and semantics is not Semantics.GROUNDED:
            # In no extension, yet not defeated in the one found: no admissible set can
            # defend it (an odd cycle, or an attacker it cannot answer).
            parts.append("no admissible set of arguments defends it")
            scope = ("in the grounded labelling, " if grounded_basis
                     else f"in one {semantics.value} extension, ")
            parts.append(scope + "its attackers are left open: " + ", ".join(described))
        else:
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
    explain: bool = True,
) -> MapEvaluation:
    """Which claims of ``argument_map`` stand under ``semantics``, and why.

    The map is translated with :func:`translate` (``require_support`` and ``mediated``
    choose its options); ``timeout`` bounds the search of the complete, preferred and
    stable semantics (statuses not found in time are ``unknown``).

    ``explain=False`` computes the statuses only, in about a third of the time: no
    explanation is built, so every record's ``explanation`` is ``""``, its
    ``attackers``, ``defeated_by`` and ``defenders`` are empty, ``unsupported`` is False,
    and :meth:`MapEvaluation.to_json` leaves those keys out.

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
    >>> evaluate_map(m, explain=False).node("a").explanation
    ''
    """
    sem = Semantics.parse(semantics)
    translation = translate(argument_map, require_support=require_support,
                            mediated=mediated)
    evaluation = evaluate_framework(translation.framework, sem, timeout=timeout,
                                    explain=explain and sem is not Semantics.COMPLETE)
    kinds = translation.kinds
    main_ids = {c.id for c in argument_map.main_claims}
    records: list[NodeStatus] = []
    if not explain:
        statuses, cred, scep = evaluation.statuses, evaluation.credulous, evaluation.sceptical
        for i, node_id in enumerate(translation.framework.labels):
            kind = kinds[node_id]
            if kind != "auxiliary":
                records.append(NodeStatus(
                    id=node_id, kind=kind, status=statuses[i], credulous=cred[i],
                    sceptical=scep[i], explanation="", main=node_id in main_ids,
                    explained=False))
        return MapEvaluation(sem, evaluation.outcome, tuple(records), translation, evaluation)
    explained = evaluation.arguments
    if sem is Semantics.COMPLETE:
        # The grounded labelling is itself complete (the least one): explain against it,
        # whatever extension the search happened to find.
        explained = evaluate_framework(translation.framework, Semantics.GROUNDED).arguments
    basis_label = {a.label: a.explanation.label for a in explained
                   if a.explanation is not None}
    supporters: dict[str, list[tuple[str, Status]]] = {}
    for (source, target), reason in translation.reasons.items():
        if reason == "support":
            conclusion = target[len(UNSUPPORTED_PREFIX):]
            supporters.setdefault(conclusion, []).append((source, basis_label[source]))
    framework = translation.framework
    preds, labels, index = framework.predecessors, framework.labels, framework.index
    exists = evaluation.extension_exists
    for argument, reference in zip(evaluation.arguments, explained, strict=True):
        node_id = argument.label
        kind = kinds[node_id]
        if kind == "auxiliary":
            continue
        explanation = reference.explanation
        assert explanation is not None  # noqa: S101 -- evaluate_framework explains when asked
        attackers = explanation.attackers
        defenders: list[str] = []
        if explanation.label is Status.IN:
            # Reinstatement: what defeats its real attackers (not what supports it).
            for a in attackers:
                if kinds[a] != "auxiliary" or a.startswith(ATTACK_PREFIX):
                    for d in preds[index[a]]:
                        name = labels[d]
                        if (basis_label[name] is Status.IN and name != node_id
                                and kinds[name] != "auxiliary" and name not in defenders):
                            defenders.append(name)
        text = _sentence(argument.status, sem, explanation, node_id, translation,
                         supporters.get(node_id, []), defenders, exists)
        defeated_by = explanation.defeated_by
        unsupported = any(x.startswith(UNSUPPORTED_PREFIX) for x in defeated_by)
        if unsupported:
            defeated_by = tuple(x for x in defeated_by if not x.startswith(UNSUPPORTED_PREFIX))
        attackers = tuple(x for x in attackers if not x.startswith(UNSUPPORTED_PREFIX))
        records.append(NodeStatus(
            id=node_id,
            kind=kind,
            status=argument.status,
            credulous=argument.credulous,
            sceptical=argument.sceptical,
            explanation=text,
            attackers=attackers,
            defeated_by=defeated_by,
            defenders=tuple(defenders),
            unsupported=unsupported,
            main=node_id in main_ids,
        ))
    return MapEvaluation(sem, evaluation.outcome, tuple(records), translation, evaluation)
