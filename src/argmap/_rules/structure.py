"""Structure rules: the shape of the support and attack graph.

Every rule here runs in time linear in the size of the map: support cycles are found
with an iterative Tarjan strongly-connected-components pass, disconnected parts with a
union-find.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping

from argmap._rules.registry import Finding, MapIndex, OptionValue, describe, rule
from argmap._words import noun
from argmap.errors import Severity

__all__: list[str] = []

#: Longest cycle spelled out in full in a message; longer ones are abridged.
_MAX_SPELLED = 12
#: Ids named in a message about a disconnected part.
_MAX_NAMED = 5


def _cycle_through(
    start: int,
    member: list[int],
    component: int,
    adjacency: list[list[int]],
    labels: list[list[str]],
) -> list[tuple[int, str]]:
    """A shortest cycle from ``start`` back to it inside one component (BFS).

    Returns the steps ``(vertex reached, argument used)``, ending at ``start``.
    """
    parent: dict[int, tuple[int, str]] = {}
    queue = deque([start])
    while queue:
        v = queue.popleft()
        for w, label in zip(adjacency[v], labels[v], strict=True):
            if member[w] != component:
                continue
            if w == start:
                steps = [(start, label)]
                while v != start:
                    before, via = parent[v]
                    steps.append((v, via))
                    v = before
                steps.reverse()
                return steps
            if w not in parent:
                parent[w] = (v, label)
                queue.append(w)
    return []  # pragma: no cover -- a strongly connected component always has a cycle


@rule(
    "support-cycle",
    "structure",
    Severity.ERROR,
    "Claims that support each other in a loop (circular reasoning).",
)
def support_cycle(index: MapIndex, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    names, _ = index.numbering
    adjacency, labels = index.support_graph
    components = [c for c in index.support_components if len(c) > 1]
    member = [-1] * len(names)
    for part, component in enumerate(components):
        for v in component:
            member[v] = part
    for part, component in enumerate(components):
        start = min(component)  # the node of the loop written first (claims, then evidence)
        steps = _cycle_through(start, member, part, adjacency, labels)
        chain = [names[start]] + [names[v] for v, _ in steps]
        via = [label for _, label in steps]
        if len(steps) > _MAX_SPELLED:
            shown = " -> ".join(chain[:_MAX_SPELLED]) + f" -> ... ({len(steps)} steps) -> "
            shown += chain[-1]
            arguments = ", ".join(via[:_MAX_SPELLED]) + ", ..."
        else:
            shown = " -> ".join(chain)
            arguments = ", ".join(via)
        message = f"circular reasoning: {shown} (through {noun(len(via), 'argument')} {arguments})"
        extra = len(component) - len(steps)
        if extra > 0:
            message += f"; {len(component)} nodes support each other in this loop in all"
        yield Finding(
            ("arguments", via[0]),
            message,
            "a claim cannot be a reason for itself: give one of these claims reasons from "
            "outside the loop and remove or redirect the argument that closes it",
            key=True,
        )


@rule(
    "self-support",
    "structure",
    Severity.ERROR,
    "An argument whose only premise is its own conclusion.",
)
def self_support(index: MapIndex, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    for arg in index.map.arguments.values():
        if arg.premises == (arg.conclusion,):
            yield Finding(
                ("arguments", arg.id, "premises"),
                f"argument {arg.id!r} supports {arg.conclusion!r} with {arg.conclusion!r} "
                "itself",
                "a claim is no reason for itself: name the facts or claims that make it true",
            )


@rule(
    "conclusion-in-premises",
    "structure",
    Severity.ERROR,
    "An argument whose conclusion is one of its own premises (begging the question).",
)
def conclusion_in_premises(
    index: MapIndex, options: Mapping[str, OptionValue]
) -> Iterator[Finding]:
    for arg in index.map.arguments.values():
        if len(arg.premises) > 1 and arg.conclusion in arg.premises:
            position = arg.premises.index(arg.conclusion)
            yield Finding(
                ("arguments", arg.id, "premises", position),
                f"argument {arg.id!r} assumes its conclusion {arg.conclusion!r} as one of "
                "its premises",
                f"remove {arg.conclusion!r} from the premises of {arg.id!r}",
            )


@rule(
    "self-attack",
    "structure",
    Severity.ERROR,
    "A node attacking itself, or an argument attacking its own premise or conclusion.",
)
def self_attack(index: MapIndex, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    arguments = index.map.arguments
    for number, attack in enumerate(index.map.attacks):
        if attack.target in attack.attackers:
            yield Finding(
                ("attacks", number),
                f"{describe(index, attack.target)} attacks itself",
                "remove this attack; if the node is self-defeating, say so in a note",
            )
            continue
        if attack.id is not None and attack.target == attack.id:
            yield Finding(
                ("attacks", number),
                f"attack {attack.id!r} undercuts itself",
                "an undercut targets another attack: check the `target`",
            )
            continue
        arg = arguments.get(attack.attacker)
        if arg is None:
            continue
        if attack.target == arg.conclusion:
            yield Finding(
                ("attacks", number),
                f"argument {arg.id!r} attacks its own conclusion {arg.conclusion!r}",
                "an argument cannot support and attack the same claim; remove one of them",
            )
        elif attack.target in arg.premises:
            yield Finding(
                ("attacks", number),
                f"argument {arg.id!r} attacks its own premise {attack.target!r}",
                "an argument cannot rest on a premise it attacks; remove the attack or the "
                "premise",
            )


@rule(
    "support-and-attack",
    "structure",
    Severity.ERROR,
    "A node that both supports and attacks the same claim or argument.",
)
def support_and_attack(index: MapIndex, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    attacks: dict[tuple[str, str], int] = {}
    for number, attack in enumerate(index.map.attacks):
        for attacker in attack.attackers:
            attacks.setdefault((attacker, attack.target), number)
    if not attacks:
        return
    reported: set[int] = set()
    for arg in index.map.arguments.values():
        for premise in arg.premises:
            if premise == arg.conclusion:
                continue
            for target in (arg.conclusion, arg.id):
                found = attacks.get((premise, target))
                if found is None or found in reported:
                    continue
                reported.add(found)
                what = (
                    f"{target!r} (through argument {arg.id!r})"
                    if target == arg.conclusion
                    else f"argument {arg.id!r} (as its premise)"
                )
                yield Finding(
                    ("attacks", found),
                    f"{describe(index, premise)} both supports {what} and attacks it",
                    f"decide whether {premise!r} speaks for or against {target!r} and remove "
                    "the other link",
                )


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, v: int) -> int:
        parent = self.parent
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    def union(self, a: int, b: int) -> None:
        parent = self.parent
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        while parent[b] != b:
            parent[b] = parent[parent[b]]
            b = parent[b]
        if a < b:
            parent[b] = a
        elif b < a:
            parent[a] = b


def _named(ids: list[str]) -> str:
    shown = ", ".join(repr(i) for i in ids[:_MAX_NAMED])
    if len(ids) > _MAX_NAMED:
        shown += f" and {len(ids) - _MAX_NAMED} more"
    return shown


@rule(
    "disconnected",
    "structure",
    Severity.WARNING,
    "A part of the map not linked to the main claim (or to the rest of the map).",
)
def disconnected(index: MapIndex, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    argmap = index.map
    order, number = index.numbering
    if len(order) < 2:
        return
    sets = _UnionFind(len(order))
    union, get = sets.union, number.get
    for arg in argmap.arguments.values():
        here = number[arg.id]
        for other in (arg.conclusion, *arg.premises):
            there = get(other)
            if there is not None:
                union(here, there)
    attack_ids = index.attack_ids
    pairs: list[tuple[str, str]] = []
    for attack in argmap.attacks:
        # An undercut of an attack links to that attack's attacker.
        number_of = attack_ids.get(attack.target)
        target = argmap.attacks[number_of].attacker if number_of is not None else attack.target
        pairs.extend((attacker, target) for attacker in attack.attackers)
    pairs.extend(contradiction.claims for contradiction in argmap.contradictions)
    for first, second in pairs:
        a, b = get(first), get(second)
        if a is not None and b is not None:
            union(a, b)
    parts: dict[int, list[str]] = {}
    for i, node_id in enumerate(order):
        parts.setdefault(sets.find(i), []).append(node_id)
    if len(parts) < 2:
        return
    mains = [c.id for c in argmap.main_claims]
    with_main = {sets.find(number[m]) for m in mains if m in number}
    if mains:
        thesis = _named(mains)
        for root, members in parts.items():
            if root in with_main:
                continue
            what = (
                f"{describe(index, members[0])} is"
                if len(members) == 1
                else f"this part of the map ({_named(members)}) is"
            )
            yield Finding(
                index.node_path(members[0]),
                f"{what} not connected to the main {noun(len(mains), 'claim')} {thesis}",
                "link it to the main line of reasoning with an argument or an attack, or "
                "remove it",
                key=True,
            )
        return
    largest = max(parts, key=lambda r: (len(parts[r]), -r))
    for root, members in parts.items():
        if root == largest:
            continue
        what = (
            f"{describe(index, members[0])} is"
            if len(members) == 1
            else f"this part of the map ({_named(members)}) is"
        )
        yield Finding(
            index.node_path(members[0]),
            f"{what} not connected to the rest of the map",
            "link it with an argument or an attack, or make it a map of its own",
            key=True,
        )


@rule(
    "no-claims",
    "structure",
    Severity.ERROR,
    "A map without any claim: nothing is argued.",
)
def no_claims(index: MapIndex, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    argmap = index.map
    if not argmap.claims:
        what = "has evidence but no claims" if argmap.evidence else "has no claims"
        yield Finding(
            ("argmap",),
            f"the map {what}: there is nothing to support, attack or accept",
            "add `claims:` with the thesis the map argues for (`main: true`) and its "
            "reasons; see the examples/ folder",
            key=True,
        )


@rule(
    "no-main-claim",
    "structure",
    Severity.WARNING,
    "A map with claims but no main claim (thesis).",
)
def no_main_claim(index: MapIndex, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    argmap = index.map
    if argmap.claims and not argmap.main_claims:
        yield Finding(
            ("claims",),
            "the map has no main claim: no claim is marked `main: true`",
            "mark the thesis the map argues for (one per side) with `main: true` "
            "(in an Argdown file: tag its statement #thesis)",
            key=True,
        )


@rule(
    "multiple-main-claims",
    "structure",
    Severity.WARNING,
    "More than one main claim on the same side (or in a map without sides).",
)
def multiple_main_claims(
    index: MapIndex, options: Mapping[str, OptionValue]
) -> Iterator[Finding]:
    by_side: dict[str | None, list[str]] = {}
    for claim in index.map.main_claims:
        by_side.setdefault(claim.side, []).append(claim.id)
    for side, ids in by_side.items():
        for extra in ids[1:]:
            where = f"side {side!r}" if side is not None else "the map"
            yield Finding(
                ("claims", extra, "main"),
                f"claim {extra!r} is a second main claim of {where} (the first is {ids[0]!r})",
                "keep one thesis per side: make the others reasons for it (arguments), or "
                "put them on different sides",
            )


@rule(
    "duplicate-relation",
    "structure",
    Severity.WARNING,
    "The same argument, attack or contradiction written twice.",
)
def duplicate_relation(index: MapIndex, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    argmap = index.map
    arguments: dict[tuple[frozenset[str], str], str] = {}
    for arg in argmap.arguments.values():
        first = arguments.setdefault((frozenset(arg.premises), arg.conclusion), arg.id)
        if first != arg.id:
            yield Finding(
                ("arguments", arg.id),
                f"argument {arg.id!r} has the same premises and conclusion as argument "
                f"{first!r}",
                f"keep one of them: merge the text, scheme and tags of {arg.id!r} into "
                f"{first!r} and point attacks on {arg.id!r} at {first!r}",
                key=True,
            )
    attacks: dict[tuple[frozenset[str], str, str | None], int] = {}
    for number, attack in enumerate(argmap.attacks):
        kind = argmap.attack_type(attack)
        signature = (frozenset(attack.attackers), attack.target,
                     kind.value if kind is not None else None)
        first_attack = attacks.setdefault(signature, number)
        if first_attack != number:
            yield Finding(
                ("attacks", number),
                f"this attack of {describe(index, attack.attacker)} on "
                f"{describe(index, attack.target)} repeats attack number {first_attack + 1} "
                "of the list",
                "remove one of the two (an attack that is written twice counts once)",
            )
    pairs: dict[frozenset[str], int] = {}
    for number, contradiction in enumerate(argmap.contradictions):
        first_pair = pairs.setdefault(frozenset(contradiction.claims), number)
        if first_pair != number:
            a, b = contradiction.claims
            yield Finding(
                ("contradictions", number),
                f"the contradiction of {a!r} and {b!r} repeats contradiction number "
                f"{first_pair + 1} of the list",
                "remove one of the two",
            )
