"""Logic rules: consistency within a side of the debate.

A side is one position; its claims should not contradict or attack each other, and its
claims should not support what the side itself attacks.  Sides come from ``side:`` (an
argument without one takes its conclusion's); nodes without a side are not judged.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from argmap._rules.registry import Finding, MapIndex, OptionValue, describe, rule
from argmap.errors import Severity

__all__: list[str] = []


def _side_name(index: MapIndex, side: str) -> str:
    found = index.map.sides.get(side)
    return f"{side!r} ({found.name})" if found is not None and found.name != side else repr(side)


@rule(
    "same-side-conflict",
    "logic",
    Severity.ERROR,
    "Two nodes of the same side that contradict or attack each other.",
)
def same_side_conflict(index: MapIndex, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    for number, contradiction in enumerate(index.map.contradictions):
        a, b = contradiction.claims
        side = index.side(a)
        if side is not None and a != b and side == index.side(b):
            yield Finding(
                ("contradictions", number),
                f"claims {a!r} and {b!r} contradict each other but are both on side "
                f"{_side_name(index, side)}",
                "a side cannot hold both: move one claim to the other side, or remove the "
                "contradiction if they are compatible",
            )
    for number, attack in enumerate(index.map.attacks):
        if attack.target in attack.attackers or attack.target == attack.id:
            continue  # self-attack
        side = index.side(attack.attacker)
        if side is not None and side == index.side(attack.target):
            yield Finding(
                ("attacks", number),
                f"{describe(index, attack.attacker)} attacks {describe(index, attack.target)}"
                f" but both are on side {_side_name(index, side)}",
                "an objection belongs to the side that raises it: fix the `side:` of one of "
                "them, or remove the attack",
            )


@rule(
    "inconsistent-support",
    "logic",
    Severity.ERROR,
    "A premise supporting a claim or argument that its own side attacks.",
)
def inconsistent_support(
    index: MapIndex, options: Mapping[str, OptionValue]
) -> Iterator[Finding]:
    argmap = index.map
    if not argmap.attacks:
        return
    attackers_by_side: dict[tuple[str, str], str] = {}
    for attack in argmap.attacks:
        for attacker in attack.attackers:
            attacker_side = index.side(attacker)
            if attacker_side is not None:
                attackers_by_side.setdefault((attack.target, attacker_side), attacker)
    for arg in argmap.arguments.values():
        for position, premise in enumerate(arg.premises):
            side = index.side(premise)
            if side is None:
                continue
            for target in (arg.conclusion, arg.id):
                if index.side(target) == side:
                    continue  # the attack itself is the problem: same-side-conflict
                opponent = attackers_by_side.get((target, side))
                if opponent is None or opponent == premise:
                    continue  # support-and-attack reports a premise attacking its target
                path: tuple[str | int, ...] = (
                    ("arguments", arg.id, "premises", position)
                    if len(arg.premises) > 1
                    else ("arguments", arg.id, "premises")
                )
                yield Finding(
                    path,
                    f"{describe(index, premise)} of side {_side_name(index, side)} supports "
                    f"{describe(index, target)}, which its own side attacks "
                    f"({describe(index, opponent)})",
                    f"check the side of {premise!r}: if it belongs to the other side, move "
                    "it; otherwise drop the support or the attack",
                )
                break
